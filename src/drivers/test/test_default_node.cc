// The built-in node of test:///default: the objects libvirt's test driver starts with (domain
// "test" (test_node_domains.cc), network "default", pool "default-pool", interface "eth1",
// four node devices) and its fake host (16 cpus in two NUMA cells).
#include "conf/interface/interface_xml.h"
#include "conf/network/network_xml.h"
#include "conf/node_device/node_device_xml.h"
#include "conf/storage/storage_xml.h"
#include "drivers/test/storage_internal.h"
#include "drivers/test/test_driver.h"
#include "drivers/test/test_node_loader.h"

namespace nodevirt::drivers::test {
namespace {

constexpr const char* kNetworkXml = R"(<network>
  <name>default</name>
  <uuid>dd8fe884-6c02-601e-7551-cca97df1c5df</uuid>
  <forward mode='nat'/>
  <bridge name='virbr0'/>
  <ip address='192.168.122.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='192.168.122.2' end='192.168.122.254'/>
    </dhcp>
  </ip>
</network>
)";

constexpr const char* kPoolXml = R"(<pool type='dir'>
  <name>default-pool</name>
  <uuid>dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566</uuid>
  <target>
    <path>/default-pool</path>
  </target>
</pool>
)";

constexpr const char* kInterfaceXml = R"(<interface type='ethernet' name='eth1'>
  <start mode='onboot'/>
  <mac address='aa:bb:cc:dd:ee:ff'/>
  <mtu size='1492'/>
  <protocol family='ipv4'>
    <ip address='192.168.0.5' prefix='24'/>
    <route gateway='192.168.0.1'/>
  </protocol>
</interface>
)";

constexpr const char* kComputerXml = R"(<device>
  <name>computer</name>
  <capability type='system'>
    <hardware>
      <vendor>Libvirt</vendor>
      <version>Test driver</version>
      <serial>123456</serial>
      <uuid>11111111-2222-3333-4444-555555555555</uuid>
    </hardware>
    <firmware>
      <vendor>Libvirt</vendor>
      <version>Test Driver</version>
      <release_date>01/22/2007</release_date>
    </firmware>
  </capability>
</device>
)";

// scsi_host1 and scsi_host2 are vport-capable fibre channel HBAs; scsi_host11 is a vHBA.
std::string scsiHostXml(int host, int unique_id, const char* parent, const char* wwn, const char* fabric,
                        bool vports) {
    std::string xml = "<device><name>scsi_host" + std::to_string(host) + "</name><parent>" + parent +
                      "</parent><capability type='scsi_host'><host>" + std::to_string(host) +
                      "</host><unique_id>" + std::to_string(unique_id) +
                      "</unique_id><capability type='fc_host'><wwnn>20000000" + wwn + "</wwnn><wwpn>10000000" +
                      wwn + "</wwpn><fabric_wwn>" + fabric + "</fabric_wwn></capability>";
    if (vports) xml += "<capability type='vport_ops'><max_vports>0</max_vports><vports>0</vports></capability>";
    return xml + "</capability></device>";
}

}  // namespace

Result<TestStatePtr> buildDefaultNode() {
    auto state = std::make_shared<TestState>();
    state->node.default_node = true;
    state->node.info = NodeInfo{"i686", 3145728, 16, 1400, 2, 2, 2, 2};
    state->node.cells = {{2097152, 1048576, 8}, {4194304, 2097152, 8}};

    NODEVIRT_TRY(addDefaultTestDomain(*state));

    NODEVIRT_ASSIGN_OR_RETURN(auto net, conf::parseNetworkXml(kNetworkXml, {}));
    addNodeNetwork(*state, std::move(net));

    NODEVIRT_ASSIGN_OR_RETURN(auto pool, conf::parseStoragePoolXml(kPoolXml, {}));
    addNodePool(*state, std::move(pool), {});

    NODEVIRT_ASSIGN_OR_RETURN(auto iface, conf::parseHostInterfaceXml(kInterfaceXml, {}));
    addNodeInterface(*state, std::move(iface));

    std::vector<std::string> devices = {
        kComputerXml,
        scsiHostXml(1, 0, "computer", "12341234", "2000000043214321", true),
        scsiHostXml(2, 1, "computer", "56785678", "2000000087658765", true),
        scsiHostXml(11, 10, "scsi_host1", "34563456", "2000000043214321", false),
    };
    for (const auto& xml : devices) {
        NODEVIRT_ASSIGN_OR_RETURN(auto dev, conf::parseNodeDeviceXml(xml, {}));
        addNodeDevice(*state, std::move(dev));
    }
    return state;
}

}  // namespace nodevirt::drivers::test
