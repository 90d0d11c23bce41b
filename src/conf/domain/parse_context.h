// Parsing support shared by every domain XML section: Elem wraps an xml::Node and remembers
// which attributes and child elements a parser understood, so that anything left over is
// either dropped (normal mode, logged at debug) or rejected (validate mode) in one place.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "conf/domain/enum_table.h"
#include "util/result.h"
#include "util/uuid.h"
#include "xml/xml_reader.h"

namespace nodevirt::conf {

// Hard bounds on hostile input.
inline constexpr size_t kMaxDomainXmlBytes = 8 * 1024 * 1024;
inline constexpr size_t kMaxDevicesPerClass = 4096;
inline constexpr size_t kMaxChildrenPerList = 4096;  // timers, vcpupins, features, …
inline constexpr int kMaxNestingDepth = 64;          // backing chains, metadata subtrees
inline constexpr uint64_t kMaxMemoryKiB = (uint64_t{1} << 53) - 1;

struct ParseCtx {
    bool strict = false;    // validate mode: reject what we do not model
    bool inactive = false;  // ignore live-only state
    bool track = false;     // record consumed names (strict mode or debug logging)
};

class Elem {
  public:
    Elem() = default;
    Elem(xml::Node node, ParseCtx& ctx);

    explicit operator bool() const { return static_cast<bool>(node_); }
    [[nodiscard]] const xml::Node& node() const { return node_; }
    [[nodiscard]] std::string_view name() const { return node_.name(); }
    [[nodiscard]] ParseCtx& ctx() const { return *ctx_; }

    // Attributes. Each getter marks the attribute as understood. Tabs and line breaks in a
    // value become spaces, as an XML parser normalizes them when the value is read back.
    std::optional<std::string> attr(std::string_view name);
    Result<std::string> requiredAttr(std::string_view name);
    Result<std::optional<uint64_t>> uintAttr(std::string_view name, int base = 10);
    Result<std::optional<int64_t>> intAttr(std::string_view name);
    Result<std::optional<uint32_t>> uint32Attr(std::string_view name, int base = 10);
    Result<std::optional<bool>> yesNoAttr(std::string_view name);
    Result<std::optional<bool>> onOffAttr(std::string_view name);
    Result<std::optional<Uuid>> uuidAttr(std::string_view name);
    template <typename E, size_t N>
    Result<std::optional<E>> enumAttr(std::string_view name, const EnumTable<E, N>& table) {
        auto v = attr(name);
        if (!v) return std::optional<E>();
        if (auto e = table.parse(*v)) return std::optional<E>(*e);
        return fail(badValue(name, *v, "one of " + table.list()));
    }

    // Child elements. Each getter marks that element name as understood.
    Elem child(std::string_view name);
    // All children with this name (at most `max`, else an error naming the element).
    Result<std::vector<Elem>> children(std::string_view name, size_t max = kMaxChildrenPerList);
    // All element children, for sections whose members are parsed by name in a loop
    // (features, devices). The caller marks what it understood via markChild().
    std::vector<Elem> allChildren();
    void markChild(std::string_view name);
    // Text of a leaf child element (which must carry nothing else in validate mode).
    Result<std::optional<std::string>> leafText(std::string_view name);
    Result<std::optional<uint64_t>> leafUint(std::string_view name);
    Result<std::optional<int64_t>> leafInt(std::string_view name);
    // This element's text; carriage returns (only reachable as &#13;) are dropped, as
    // libvirt's output drops them.
    [[nodiscard]] std::string text() const;
    // This element's text as an unsigned number.
    Result<uint64_t> textUint() const;

    // Reports attributes and children nobody marked: an error in validate mode.
    Status done();
    // Marks everything as understood (subtrees kept verbatim).
    void consumeAll() { all_consumed_ = true; }

    [[nodiscard]] Error error(std::string_view what) const;  // XML error with path and line
    [[nodiscard]] Error badValue(std::string_view attr, std::string_view value,
                                 std::string_view expected) const;
    [[nodiscard]] Error unsupported(std::string_view what) const;  // config unsupported

  private:
    void markAttr(std::string_view name);

    xml::Node node_;
    ParseCtx* ctx_ = nullptr;
    bool all_consumed_ = false;
    std::vector<std::string_view> attrs_seen_;
    std::vector<std::string_view> children_seen_;
};

// The schema-style error validate mode raises for things we do not model.
Error schemaError(std::string_view detail);

// A memory-sized element (<memory unit='MiB'>1024</memory>) converted to KiB, rounded up.
// `unit_attr` names the attribute carrying the unit ("unit" for most elements).
Result<std::optional<uint64_t>> parseScaledKiB(Elem& parent, std::string_view child_name,
                                               uint64_t max_kib = kMaxMemoryKiB);
// The same for a number given in an attribute with a separate unit attribute.
Result<std::optional<uint64_t>> parseScaledAttrKiB(Elem& elem, std::string_view value_attr,
                                                   std::string_view unit_attr,
                                                   uint64_t max_kib = kMaxMemoryKiB);
// Converts text + unit to KiB with libvirt's overflow rules; `where` is for messages.
Result<uint64_t> scaleToKiB(std::string_view text, std::string_view unit, const Elem& where,
                            uint64_t max_kib);

}  // namespace nodevirt::conf
