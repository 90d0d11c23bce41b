// Internal to the network parser: helpers shared by network_parse.cc (document, forward,
// bridge, portgroups) and network_parse_addr.cc (ip/dhcp, route, dns).
#pragma once

#include <string>
#include <string_view>

#include "conf/common/parse_options.h"
#include "conf/network/network_def.h"
#include "util/result.h"
#include "xml/xml_reader.h"

namespace nodevirt::conf::network_parse {

// Limits on repeated elements: generous for real use, small enough to bound memory.
inline constexpr size_t kMaxIps = 64;
inline constexpr size_t kMaxDhcpEntries = 65536;
inline constexpr size_t kMaxRoutes = 1024;
inline constexpr size_t kMaxDnsEntries = 4096;
inline constexpr size_t kMaxPortGroups = 1024;
inline constexpr size_t kMaxForwardInterfaces = 4096;

// An error in libvirt's words followed by where it happened.
Error at(ErrorCode code, const xml::Node& node, std::string_view detail);
Error xmlAt(const xml::Node& node, std::string_view detail);
Status checkCount(const xml::Node& parent, size_t count, size_t limit, std::string_view what);

// yes/no attribute with libvirt's "Invalid <what> setting" wording.
Result<std::optional<bool>> yesNo(const xml::Node& node, std::string_view attr,
                                  std::string_view what, const std::string& net);

Status parseIp(const xml::Node& node, const std::string& net, const ParseOptions& opts,
               NetworkIp& ip);
Status parseRoute(const xml::Node& node, const std::string& net, NetworkRoute& route);
Status parseDns(const xml::Node& node, const std::string& net, const ParseOptions& opts,
                NetworkDns& dns);

}  // namespace nodevirt::conf::network_parse
