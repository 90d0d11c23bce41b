// The node device <device> document as a value type: one host device (PCI function, USB
// device, NIC, SCSI host/target/LUN, block device, DRM node, mediated device, ...) with the
// capabilities the host reports for it. Drivers build these from sysfs; users only create
// vHBAs and mediated devices from XML.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "util/uuid.h"

namespace nodevirt::conf {

struct NodeDevPciAddress {
    unsigned domain = 0, bus = 0, slot = 0, function = 0;
    friend bool operator==(const NodeDevPciAddress&, const NodeDevPciAddress&) = default;
};

struct NodeDevCapSystem {
    std::optional<std::string> product;
    std::optional<std::string> hw_vendor, hw_version, hw_serial;
    Uuid hw_uuid;
    std::optional<std::string> fw_vendor, fw_version, fw_release_date;
};

struct NodeDevMdevType {
    std::string id;
    std::optional<std::string> name;
    std::string device_api;
    unsigned available_instances = 0;
};

struct NodeDevVpdFields {
    std::optional<std::string> change_level, manufacture_id, part_number, serial_number, asset_tag;
    std::vector<std::pair<std::string, std::string>> vendor_fields;  // index, value
    std::vector<std::pair<std::string, std::string>> system_fields;
};

struct NodeDevVpd {
    std::optional<std::string> name;
    std::optional<NodeDevVpdFields> read_only;
    std::optional<NodeDevVpdFields> read_write;
};

struct NodeDevPciExpressLink {
    std::optional<unsigned> port;
    std::string speed;  // "2.5", "5", "8", "16", "32"
    unsigned width = 0;
};

struct NodeDevCapPci {
    std::optional<unsigned> pci_class;  // 24 bits
    NodeDevPciAddress address;
    unsigned product_id = 0;
    std::optional<std::string> product_name;
    unsigned vendor_id = 0;
    std::optional<std::string> vendor_name;
    std::optional<NodeDevPciAddress> phys_function;
    bool has_virt_functions = false;
    std::vector<NodeDevPciAddress> virt_functions;
    unsigned virt_functions_max = 0;
    std::optional<std::string> bridge_type;  // "pci-bridge" or "cardbus-bridge"
    std::vector<NodeDevMdevType> mdev_types;
    bool has_mdev_types = false;
    std::optional<NodeDevVpd> vpd;
    std::optional<unsigned> iommu_group;
    std::vector<NodeDevPciAddress> iommu_group_devices;
    std::optional<unsigned> numa_node;
    bool pci_express = false;
    std::optional<NodeDevPciExpressLink> link_cap;
    std::optional<NodeDevPciExpressLink> link_sta;
};

struct NodeDevCapUsbDevice {
    unsigned bus = 0, device = 0;
    unsigned product_id = 0, vendor_id = 0;
    std::optional<std::string> product_name, vendor_name;
};

struct NodeDevCapUsbInterface {
    unsigned number = 0, klass = 0, subclass = 0, protocol = 0;
    std::optional<std::string> description;
};

struct NodeDevCapNet {
    std::string interface;
    std::optional<std::string> address;
    std::optional<unsigned> link_speed;
    std::optional<std::string> link_state;
    std::vector<std::string> features;
    std::optional<std::string> subtype;  // "80203" or "80211"
};

struct NodeDevCapScsiHost {
    unsigned host = 0;
    std::optional<int> unique_id;
    bool fc_host = false;
    std::string wwnn, wwpn;
    std::optional<std::string> fabric_wwn;
    bool vport_ops = false;
    unsigned max_vports = 0, vports = 0;
};

struct NodeDevCapScsiTarget {
    std::string target;
    std::optional<std::string> rport;  // fc_remote_port
    std::string rport_wwpn;
};

struct NodeDevCapScsi {
    unsigned host = 0, bus = 0, target = 0, lun = 0;
    std::optional<std::string> type;
};

struct NodeDevCapStorage {
    std::string block;
    std::optional<std::string> bus, drive_type, model, vendor, serial;
    uint64_t size = 0;
    bool removable = false;
    bool media_available = false;
    uint64_t media_size = 0;
    std::optional<std::string> media_label;
    uint64_t logical_block_size = 0;  // live XML only
    uint64_t num_blocks = 0;
    bool hotpluggable = false;
};

struct NodeDevCapScsiGeneric {
    std::string char_dev;
};

struct NodeDevCapDrm {
    std::string type;  // primary, control, render
};

struct NodeDevCapMdev {
    std::string type;
    std::optional<Uuid> uuid;
    std::optional<unsigned> iommu_group;
    std::vector<std::pair<std::string, std::string>> attrs;
};

using NodeDevCap =
    std::variant<NodeDevCapSystem, NodeDevCapPci, NodeDevCapUsbDevice, NodeDevCapUsbInterface,
                 NodeDevCapNet, NodeDevCapScsiHost, NodeDevCapScsiTarget, NodeDevCapScsi,
                 NodeDevCapStorage, NodeDevCapScsiGeneric, NodeDevCapDrm, NodeDevCapMdev>;

// The capability type names, in the order of NodeDevCap's alternatives.
std::string_view nodeDevCapName(const NodeDevCap& cap);

struct NodeDevNode {
    bool link = false;  // type='link' (a symlink) or 'dev' (the node itself)
    std::string path;
};

struct NodeDeviceDef {
    std::string name;
    std::optional<std::string> sysfs_path;
    std::vector<NodeDevNode> devnodes;
    std::optional<std::string> parent;
    // Only in create XML: which HBA should own a new vHBA.
    std::optional<std::string> parent_wwnn, parent_wwpn, parent_fabric_wwn;
    std::optional<std::string> driver;  // set by drivers; libvirt ignores it in parsed XML
    std::vector<NodeDevCap> caps;
};

}  // namespace nodevirt::conf
