// The host <interface> document (libvirt's virInterface API: physical NICs, bridges, bonds
// and VLANs as the host's network configuration sees them) as a value type. A bridge or
// bond nests its member interfaces, which carry only a subset of the fields.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nodevirt::conf {

enum class HostInterfaceType { kEthernet, kBridge, kBond, kVlan };
enum class HostInterfaceStartMode { kUnspecified, kNone, kOnboot, kHotplug };
enum class BondMonitor { kNone, kMii, kArp };

struct HostInterfaceIp {
    std::string address;  // kept as written, as libvirt does
    unsigned prefix = 0;  // 0: not given
};

struct HostInterfaceProtocol {
    std::string family;  // "ipv4" or "ipv6"
    bool autoconf = false;
    bool dhcp = false;
    std::optional<bool> peer_dns;
    std::vector<HostInterfaceIp> ips;
    std::optional<std::string> gateway;
};

struct HostInterfaceLink {
    std::optional<unsigned> speed;  // Mb/s
    std::optional<std::string> state;
    [[nodiscard]] bool empty() const { return !speed && !state; }
};

struct HostInterfaceDef;

struct HostInterfaceBridge {
    std::optional<bool> stp;
    std::optional<std::string> delay;  // seconds, a decimal string ("0.01")
    std::vector<HostInterfaceDef> members;
};

struct HostInterfaceBond {
    std::optional<std::string> mode;
    BondMonitor monitor = BondMonitor::kNone;
    unsigned mii_freq = 0;
    unsigned mii_downdelay = 0;
    unsigned mii_updelay = 0;
    std::optional<std::string> mii_carrier;  // ioctl, netif
    unsigned arp_interval = 0;
    std::string arp_target;
    std::optional<std::string> arp_validate;  // none, active, backup, all
    std::vector<HostInterfaceDef> members;
};

struct HostInterfaceVlan {
    std::string tag;
    std::string device;
};

struct HostInterfaceDef {
    HostInterfaceType type = HostInterfaceType::kEthernet;
    std::string name;
    // Top-level only (members of a bridge or bond do not carry these).
    HostInterfaceStartMode start_mode = HostInterfaceStartMode::kUnspecified;
    unsigned mtu = 0;
    std::vector<HostInterfaceProtocol> protocols;
    // Any level.
    HostInterfaceLink link;
    std::optional<std::string> mac;  // ethernet only; kept as written
    // Per type.
    std::optional<HostInterfaceBridge> bridge;
    std::optional<HostInterfaceBond> bond;
    std::optional<HostInterfaceVlan> vlan;
};

std::string_view hostInterfaceTypeName(HostInterfaceType type);

}  // namespace nodevirt::conf
