// The <network> document as a value type: what a virtual network is (forwarding, bridge,
// addressing, DHCP/DNS service, QoS and port groups). Parsing, defaults, validation and
// formatting live in network_xml.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "conf/common/mac_address.h"
#include "conf/network/ip_address.h"
#include "conf/network/netdev_parts.h"
#include "util/uuid.h"

namespace nodevirt::conf {

enum class ForwardMode {
    kNone,
    kNat,
    kRoute,
    kOpen,
    kBridge,
    kPrivate,
    kVepa,
    kPassthrough,
    kHostdev
};
enum class ForwardDriverName { kDefault, kKvm, kVfio };
enum class MacTableManager { kDefault, kKernel, kLibvirt };

struct NetworkPciAddress {
    unsigned domain = 0;
    unsigned bus = 0;
    unsigned slot = 0;
    unsigned function = 0;
    friend bool operator==(const NetworkPciAddress&, const NetworkPciAddress&) = default;
};

// One <interface dev=> or <address type='pci'> of a forward pool.
struct ForwardInterface {
    bool is_pci = false;
    std::string dev;  // netdev name when !is_pci
    NetworkPciAddress pci;
    unsigned connections = 0;  // live XML only
};

struct NetworkForward {
    ForwardMode mode = ForwardMode::kNone;
    std::optional<std::string> dev;  // explicit dev= (libvirt prints the first interface's)
    bool managed = false;            // hostdev only
    ForwardDriverName driver = ForwardDriverName::kDefault;
    std::vector<ForwardInterface> interfaces;
    std::optional<std::string> pf_dev;  // at most one <pf>
    // <nat>
    std::optional<IpAddress> nat_start;
    std::optional<IpAddress> nat_end;
    unsigned nat_port_start = 0;
    unsigned nat_port_end = 0;
    std::optional<bool> nat_ipv6;
};

struct NetworkBridge {
    std::optional<std::string> name;
    std::optional<std::string> zone;
    bool stp = true;
    uint64_t delay = 0;
    MacTableManager mac_table_manager = MacTableManager::kDefault;
};

struct NetworkDomain {
    std::string name;
    std::optional<bool> local_only;
};

struct DnsForwarder {
    std::optional<IpAddress> addr;
    std::optional<std::string> domain;
};

struct DnsTxt {
    std::string name;
    std::string value;
};

struct DnsSrv {
    std::string service;
    std::string protocol;
    std::optional<std::string> domain;
    std::optional<std::string> target;
    unsigned port = 0;  // zero values are not printed
    unsigned priority = 0;
    unsigned weight = 0;
};

struct DnsHost {
    IpAddress ip;
    std::vector<std::string> hostnames;
};

struct NetworkDns {
    std::optional<bool> enable;
    std::optional<bool> forward_plain_names;
    std::vector<DnsForwarder> forwarders;
    std::vector<DnsTxt> txts;
    std::vector<DnsSrv> srvs;
    std::vector<DnsHost> hosts;
    [[nodiscard]] bool empty() const {
        return !enable && !forward_plain_names && forwarders.empty() && txts.empty() &&
               srvs.empty() && hosts.empty();
    }
};

enum class LeaseUnit { kSeconds, kMinutes, kHours };

struct DhcpLease {
    uint64_t expiry = 0;  // 0 = infinite
    LeaseUnit unit = LeaseUnit::kMinutes;
};

struct DhcpRange {
    IpAddress start;
    IpAddress end;
    std::optional<DhcpLease> lease;
};

struct DhcpHost {
    std::optional<std::string> mac;  // kept as written (libvirt does not normalize it)
    std::optional<std::string> id;   // DHCPv6 DUID
    std::optional<std::string> name;
    IpAddress ip;
    std::optional<DhcpLease> lease;
};

struct NetworkIp {
    std::optional<std::string> family;  // "ipv4"/"ipv6" when written
    std::optional<IpAddress> address;
    std::optional<IpAddress> netmask;
    unsigned prefix = 0;  // 0 = not given
    std::optional<bool> local_ptr;
    std::optional<std::string> tftp_root;
    std::vector<DhcpRange> ranges;
    std::vector<DhcpHost> hosts;
    std::optional<std::string> bootp_file;
    std::optional<std::string> bootp_server;

    [[nodiscard]] bool isIpv6() const { return address && address->isIpv6(); }
    // Prefix from prefix=, netmask= or the class default, as libvirt computes it.
    [[nodiscard]] unsigned effectivePrefix() const;
    [[nodiscard]] bool hasDhcp() const { return !ranges.empty() || !hosts.empty() || bootp_file; }
};

struct NetworkRoute {
    std::optional<std::string> family;
    IpAddress address;
    std::optional<IpAddress> netmask;
    std::optional<unsigned> prefix;
    IpAddress gateway;
    std::optional<unsigned> metric;
};

struct NetworkPortGroup {
    std::string name;
    bool is_default = false;
    std::optional<bool> trust_guest_rx_filters;
    NetDevVirtualPort virtual_port;
    NetDevBandwidth bandwidth;
    NetDevVlan vlan;
};

struct NetworkDef {
    std::string name;
    Uuid uuid;
    bool uuid_specified = false;
    unsigned connections = 0;  // live XML only
    bool ipv6 = false;         // ipv6='yes'
    std::optional<bool> trust_guest_rx_filters;
    // <metadata> children serialized the way libvirt prints them, already indented for
    // their place in the document (4 spaces); empty string for an empty <metadata/>.
    std::optional<std::string> metadata;
    NetworkForward forward;
    NetworkBridge bridge;
    std::optional<unsigned> mtu;
    std::optional<MacAddress> mac;
    std::optional<NetworkDomain> domain;
    NetworkDns dns;
    NetDevVlan vlan;
    NetDevBandwidth bandwidth;
    std::optional<bool> port_isolated;
    std::vector<NetworkIp> ips;
    std::vector<NetworkRoute> routes;
    NetDevVirtualPort virtual_port;
    std::vector<NetworkPortGroup> portgroups;
    std::vector<std::string> dnsmasq_options;  // kept only with ParseOptions::xml_namespaces

    // The networks that own a host bridge and so get stp/delay and a generated bridge name.
    [[nodiscard]] bool managesBridge() const {
        return forward.mode == ForwardMode::kNone || forward.mode == ForwardMode::kNat ||
               forward.mode == ForwardMode::kRoute || forward.mode == ForwardMode::kOpen;
    }
};

std::string_view forwardModeName(ForwardMode mode);

}  // namespace nodevirt::conf
