// Write side of XML, formatted the way libvirt prints documents: two-space indentation,
// single-quoted attributes in the order they are added, empty elements self-closed, text
// content inline (<name>x</name>).
#pragma once

#include <pugixml.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nodevirt::xml {

// Escapes <, >, &, ' and " and drops control characters other than tab/newline/CR.
void appendEscaped(std::string& out, std::string_view text);

class Writer {
public:
    explicit Writer(int base_indent = 0) : base_indent_(base_indent) {}

    // Opens an element; attributes may be added until its first child or text.
    Writer& open(std::string_view name);
    Writer& attr(std::string_view name, std::string_view value);
    Writer& attr(std::string_view name, const char* value) { return attr(name, std::string_view(value)); }
    Writer& attr(std::string_view name, const std::string& value) { return attr(name, std::string_view(value)); }
    Writer& attr(std::string_view name, int64_t value);
    Writer& attr(std::string_view name, uint64_t value);
    Writer& attr(std::string_view name, int value) { return attr(name, static_cast<int64_t>(value)); }
    Writer& attr(std::string_view name, unsigned value) { return attr(name, static_cast<uint64_t>(value)); }
    Writer& attrHex(std::string_view name, uint64_t value, int width);  // 0x%0*x
    template <typename T>
    Writer& attrIf(std::string_view name, const std::optional<T>& value) {
        if (value) attr(name, *value);
        return *this;
    }
    // Text content of the current element (escaped). An element has text or children.
    Writer& text(std::string_view value);
    Writer& close();

    // <name attrs>text</name> in one call, for the common leaf case.
    Writer& textElement(std::string_view name, std::string_view value);
    // Appends pre-formatted lines (each re-indented to the current depth).
    Writer& raw(std::string_view lines);
    // Appends complete, already indented lines exactly as given (e.g. libxml2-style
    // <metadata> whose text content must not be re-indented).
    Writer& verbatim(std::string_view lines);
    // Writes a parsed XML subtree (e.g. kept <metadata> children) at the current depth.
    Writer& subtree(const pugi::xml_node& node);

    [[nodiscard]] int depth() const { return static_cast<int>(stack_.size()); }
    [[nodiscard]] const std::string& str() const { return out_; }
    std::string take() { return std::move(out_); }

private:
    struct Open {
        std::string name;
        bool start_closed = false;  // '>' written
        bool has_children = false;
        bool has_text = false;
    };
    void closeStartTag();
    void indent(int level);

    std::string out_;
    std::vector<Open> stack_;
    int base_indent_;
};

}  // namespace nodevirt::xml
