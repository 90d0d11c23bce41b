// Internal to the node device parser: number/text readers with libvirt's "no X supplied
// for 'dev'" wording, shared by node_device_parse.cc and node_device_parse_pci.cc.
#pragma once

#include <string>
#include <string_view>

#include "conf/common/parse_options.h"
#include "conf/node_device/node_device_def.h"
#include "xml/xml_reader.h"

namespace nodevirt::conf::nodedev_parse {

inline constexpr size_t kMaxListItems = 4096;

// The device name, for messages ("... supplied for 'pci_0000_00_02_0'").
struct Ctx {
    const std::string& dev;
    const ParseOptions& opts;
};

Error at(ErrorCode code, const xml::Node& node, std::string_view detail);
Error xmlAt(const xml::Node& node, std::string_view detail);
// "Invalid value for attribute 'a' in element 'e': 'v'." (+ " Expected <kind> value")
Error badValue(const xml::Node& node, std::string_view attr, std::string_view value,
               std::string_view kind = "");

// Required numeric child element: "no <what> supplied" / "invalid <what> supplied".
Result<unsigned> requireUint(const Ctx& ctx, const xml::Node& cap, std::string_view element,
                             std::string_view what, int base = 10);
Result<uint64_t> requireUint64(const Ctx& ctx, const xml::Node& cap, std::string_view element,
                               std::string_view what);
// Required hex id attribute of a child element (<product id='0x1234'>).
Result<unsigned> requireIdAttr(const Ctx& ctx, const xml::Node& cap, std::string_view element,
                               std::string_view what);
// Optional non-negative integer attribute with libvirt's XML error wording.
Result<std::optional<unsigned>> optUintAttr(const xml::Node& node, std::string_view attr);
// Text of a child element if present and not empty.
std::optional<std::string> optText(const xml::Node& node, std::string_view element);

Result<NodeDevPciAddress> parsePciAddress(const xml::Node& node);
Status parsePciCap(const Ctx& ctx, const xml::Node& cap, NodeDevCapPci& pci);

}  // namespace nodevirt::conf::nodedev_parse
