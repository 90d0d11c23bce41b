// <interface>: a guest network card — how it connects on the host (libvirt network, bridge,
// macvtap, user-mode, tap, sockets), its MAC, model, driver options and QoS.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "conf/common/mac_address.h"
#include "conf/domain/box.h"
#include "conf/domain/device_address.h"
#include "conf/domain/enum_table.h"

namespace nodevirt::conf {

enum class NetType : uint8_t {
    kUser,
    kEthernet,
    kVhostuser,
    kServer,
    kClient,
    kMcast,
    kNetwork,
    kBridge,
    kInternal,
    kDirect,
    kHostdev,
    kUdp,
    kVdpa,
    kNull,
    kVds
};
inline constexpr auto kNetTypes =
    makeEnumTable<NetType>("user", "ethernet", "vhostuser", "server", "client", "mcast", "network",
                           "bridge", "internal", "direct", "hostdev", "udp", "vdpa", "null", "vds");

enum class DirectMode : uint8_t { kVepa, kPrivate, kBridge, kPassthrough };
inline constexpr auto kDirectModes =
    makeEnumTable<DirectMode>("vepa", "private", "bridge", "passthrough");

enum class MacType : uint8_t { kGenerated, kStatic };
inline constexpr auto kMacTypes = makeEnumTable<MacType>("generated", "static");

struct VirtualPort {
    std::optional<std::string> type;
    std::optional<std::string> managerid;
    std::optional<std::string> typeid_;
    std::optional<std::string> typeidversion;
    std::optional<std::string> instanceid;
    std::optional<std::string> interfaceid;
    std::optional<std::string> profileid;
    friend bool operator==(const VirtualPort&, const VirtualPort&) = default;
};

struct BandwidthRate {
    std::optional<uint64_t> average;
    std::optional<uint64_t> peak;
    std::optional<uint64_t> floor;
    std::optional<uint64_t> burst;
    friend bool operator==(const BandwidthRate&, const BandwidthRate&) = default;
};

struct Bandwidth {
    std::optional<BandwidthRate> inbound;
    std::optional<BandwidthRate> outbound;
    friend bool operator==(const Bandwidth&, const Bandwidth&) = default;
};

struct VlanTag {
    uint32_t id = 0;
    std::optional<std::string> native_mode;  // tagged / untagged
    friend bool operator==(const VlanTag&, const VlanTag&) = default;
};

struct Vlan {
    std::optional<bool> trunk;
    std::vector<VlanTag> tags;
    friend bool operator==(const Vlan&, const Vlan&) = default;
};

struct NetIp {
    std::string address;
    std::string family;  // ipv4 / ipv6, derived from the address when absent
    std::optional<uint32_t> prefix;
    std::optional<std::string> peer;
    friend bool operator==(const NetIp&, const NetIp&) = default;
};

struct NetRoute {
    std::vector<std::pair<std::string, std::string>>
        attrs;  // family, address, netmask, prefix, gateway, metric
    friend bool operator==(const NetRoute&, const NetRoute&) = default;
};

// Offload switches of <driver><host .../><guest .../></driver>, in print order.
inline constexpr std::string_view kNetHostOffloads[] = {"csum", "gso", "tso4",     "tso6",
                                                        "ecn",  "ufo", "mrg_rxbuf"};
inline constexpr std::string_view kNetGuestOffloads[] = {"csum", "tso4", "tso6", "ecn", "ufo"};

struct NetDriver {
    std::optional<std::string> name;    // qemu / vhost
    std::optional<std::string> txmode;  // iothread / timer
    std::optional<bool> ioeventfd;      // on/off
    std::optional<bool> event_idx;      // on/off
    std::optional<uint32_t> queues;
    std::optional<uint32_t> rx_queue_size;
    std::optional<uint32_t> tx_queue_size;
    std::array<std::optional<bool>, 7> host{};   // kNetHostOffloads
    std::array<std::optional<bool>, 5> guest{};  // kNetGuestOffloads
    friend bool operator==(const NetDriver&, const NetDriver&) = default;
};

struct FilterRef {
    std::string filter;
    std::vector<std::pair<std::string, std::string>> params;
    friend bool operator==(const FilterRef&, const FilterRef&) = default;
};

// Socket back ends (server, client, mcast, udp).
struct NetSocket {
    std::optional<std::string> address;
    std::optional<uint32_t> port;
    std::optional<std::string> local_address;
    std::optional<uint32_t> local_port;
    friend bool operator==(const NetSocket&, const NetSocket&) = default;
};

struct NetExtra {
    std::optional<std::string> portgroup;
    std::optional<NetSocket> socket;
    std::optional<Vlan> vlan;
    std::optional<VirtualPort> virtualport;
    std::optional<Bandwidth> bandwidth;
    std::optional<bool> port_isolated;
    std::vector<NetIp> ips;
    std::vector<NetRoute> routes;
    std::optional<std::string> script;
    std::optional<std::string> downscript;
    std::optional<std::string> guest_dev;
    std::optional<NetDriver> driver;
    std::optional<std::string> backend_tap;
    std::optional<std::string> backend_vhost;
    std::optional<FilterRef> filterref;
    std::optional<uint64_t> sndbuf;
    std::optional<std::string> teaming_type;
    std::optional<std::string> teaming_persistent;
    std::optional<uint32_t> coalesce_rx_frames;
    friend bool operator==(const NetExtra&, const NetExtra&) = default;
};

struct InterfaceDef {
    NetType type = NetType::kUser;
    std::optional<MacType> mac_type;
    std::optional<bool> mac_check;
    std::optional<MacAddress> mac;      // generated by post-parse when absent
    std::optional<std::string> source;  // network name, bridge name or host device
    std::optional<DirectMode> direct_mode;
    std::optional<std::string> ifname;   // <target dev>; generated names dropped when inactive
    std::optional<bool> ifname_managed;  // <target managed='no'> (ethernet)
    std::optional<std::string> model;
    std::optional<bool> link_up;
    std::optional<uint32_t> mtu;
    Box<NetExtra> extra;
    DeviceInfo info;
    friend bool operator==(const InterfaceDef&, const InterfaceDef&) = default;
};

Result<InterfaceDef> parseInterface(Elem& e);
void formatInterface(xml::Writer& w, const InterfaceDef& n, const FormatCtx& fc);

}  // namespace nodevirt::conf
