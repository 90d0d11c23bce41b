// Pieces of host-side NIC configuration that several documents share (network, its
// portgroups, and later domain interfaces): QoS <bandwidth>, <vlan> tagging and the
// <virtualport> switch profile. Each has a parse and a format function.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "util/result.h"
#include "util/uuid.h"
#include "xml/xml_reader.h"
#include "xml/xml_writer.h"

namespace nodevirt::conf {

// One direction of <bandwidth>; zero means "not set" (libvirt's convention).
struct NetDevBandwidthRate {
    uint64_t average = 0;  // kilobytes per second
    uint64_t peak = 0;
    uint64_t floor = 0;
    uint64_t burst = 0;  // kilobytes
    friend bool operator==(const NetDevBandwidthRate&, const NetDevBandwidthRate&) = default;
};

struct NetDevBandwidth {
    std::optional<NetDevBandwidthRate> in;
    std::optional<NetDevBandwidthRate> out;
    std::optional<unsigned> class_id;  // live XML only
    [[nodiscard]] bool empty() const { return !in && !out; }
    friend bool operator==(const NetDevBandwidth&, const NetDevBandwidth&) = default;
};

struct BandwidthParseRules {
    bool allow_floor = false;     // floor= is only meaningful on some inbound uses
    bool allow_class_id = false;  // classID= only in status XML
};

Result<NetDevBandwidth> parseBandwidth(const xml::Node& node, const BandwidthParseRules& rules);
void formatBandwidth(xml::Writer& w, const NetDevBandwidth& bw, bool with_class_id);

enum class VlanNativeMode { kDefault, kTagged, kUntagged };

struct NetDevVlanTag {
    unsigned id = 0;
    VlanNativeMode native_mode = VlanNativeMode::kDefault;
    friend bool operator==(const NetDevVlanTag&, const NetDevVlanTag&) = default;
};

struct NetDevVlan {
    bool trunk = false;
    std::vector<NetDevVlanTag> tags;
    [[nodiscard]] bool empty() const { return tags.empty(); }
    friend bool operator==(const NetDevVlan&, const NetDevVlan&) = default;
};

Result<NetDevVlan> parseVlan(const xml::Node& node);
void formatVlan(xml::Writer& w, const NetDevVlan& vlan);

enum class VirtualPortType { kNone, k8021Qbg, k8021Qbh, kOpenvswitch, kMidonet };

// <virtualport>: each parameter is optional so the output repeats only what was given.
struct NetDevVirtualPort {
    VirtualPortType type = VirtualPortType::kNone;
    std::optional<uint8_t> manager_id;
    std::optional<uint32_t> type_id;  // 24 bits
    std::optional<uint8_t> type_id_version;
    std::optional<Uuid> instance_id;
    std::optional<std::string> profile_id;
    std::optional<Uuid> interface_id;

    [[nodiscard]] bool hasParameters() const {
        return manager_id || type_id || type_id_version || instance_id || profile_id ||
               interface_id;
    }
    friend bool operator==(const NetDevVirtualPort&, const NetDevVirtualPort&) = default;
};

// `require_type`: a network's own <virtualport> must say which kind it is; portgroups may
// leave it to be merged with the interface's.
Result<NetDevVirtualPort> parseVirtualPort(const xml::Node& node, bool require_type);
// Prints nothing for a typeless port without parameters (libvirt drops those).
void formatVirtualPort(xml::Writer& w, const NetDevVirtualPort& vp);

}  // namespace nodevirt::conf
