// Read side of XML: a parsed document plus Node handles with typed attribute getters whose
// errors name the element path, the attribute, the offending value and the line.
#pragma once

#include <pugixml.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace nodevirt::xml {

class Document;

class Node {
public:
    Node() = default;
    Node(pugi::xml_node n, const Document* doc) : node_(n), doc_(doc) {}

    explicit operator bool() const { return static_cast<bool>(node_); }
    [[nodiscard]] std::string_view name() const { return node_.name(); }
    [[nodiscard]] int line() const;
    // "/domain/devices/disk[2]/source" — for error messages.
    [[nodiscard]] std::string path() const;
    [[nodiscard]] pugi::xml_node raw() const { return node_; }
    [[nodiscard]] const Document* document() const { return doc_; }

    // First child element with this name (empty Node if none).
    [[nodiscard]] Node child(std::string_view name) const;
    // All child elements with this name, or all element children when name is empty.
    [[nodiscard]] std::vector<Node> children(std::string_view name = {}) const;
    // Concatenated text content (direct text children), untrimmed.
    [[nodiscard]] std::string text() const;
    // Text of the first child element `name`, if that element exists.
    [[nodiscard]] std::optional<std::string> childText(std::string_view name) const;

    [[nodiscard]] bool hasAttr(std::string_view name) const;
    [[nodiscard]] std::optional<std::string> attr(std::string_view name) const;

    // Typed attribute getters: nullopt when absent, an XML error when present but invalid.
    [[nodiscard]] Result<std::optional<int64_t>> attrInt(std::string_view name, int base = 10) const;
    [[nodiscard]] Result<std::optional<uint64_t>> attrUint(std::string_view name, int base = 10) const;
    // yes/no (libvirt's tristate-bool); `on`/`off` when allow_on_off.
    [[nodiscard]] Result<std::optional<bool>> attrYesNo(std::string_view name, bool allow_on_off = false) const;
    // Value must be one of `allowed`; the error lists nothing but names the bad value.
    [[nodiscard]] Result<std::optional<std::string>> attrEnum(std::string_view name,
                                                const std::vector<std::string_view>& allowed) const;

    // Builds an XML error mentioning this node's path and line.
    [[nodiscard]] Error error(std::string_view what) const;
    [[nodiscard]] Error badAttr(std::string_view attr, std::string_view value, std::string_view expected) const;

private:
    pugi::xml_node node_;
    const Document* doc_ = nullptr;
};

class Document {
public:
    // Parses `text`; a malformed document gives an XML error naming `what` and the line.
    static Result<std::unique_ptr<Document>> parse(std::string_view text, std::string_view what);

    [[nodiscard]] Node root() const { return Node(doc_.document_element(), this); }
    [[nodiscard]] int lineAt(ptrdiff_t offset) const;

private:
    pugi::xml_document doc_;
    std::vector<size_t> line_starts_;
};

}  // namespace nodevirt::xml
