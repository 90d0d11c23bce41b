// Adding the objects of a test node (built-in or from a node file) to a fresh TestState:
// domains with their initial state, snapshots and flags, networks, pools with volumes,
// host interfaces and node devices.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "drivers/test/test_state.h"
#include "xml/xml_reader.h"

// Kept free of the domain and network model headers: both define conf::PciAddress, so no
// translation unit may include the two (see the report of the test-driver work).
namespace nodevirt::conf {
struct DomainDef;
}
namespace nodevirt::core {
struct SnapshotDef;
}

namespace nodevirt::drivers::test {

struct NodeDomain {
    std::shared_ptr<conf::DomainDef> def;
    int runstate = static_cast<int>(DomainState::kRunning);  // <test:runstate>
    bool transient = false;                                   // <test:transient/>
    bool has_managed_save = false;                            // <test:hasmanagedsave/>
    std::vector<std::shared_ptr<core::SnapshotDef>> snapshots;  // <test:domainsnapshot>
};

// Adds a domain; anything but shut off starts it (next id) with `running_reason`, then the
// state becomes `runstate` with reason "unknown" when that differs (test_node_domains.cc).
Status addNodeDomain(TestState& state, NodeDomain dom, int running_reason);
// The built-in "test" domain of test:///default (test_node_domains.cc).
Status addDefaultTestDomain(TestState& state);
// A <domain> element of a node file, with its test-namespace elements (test_node_domains.cc).
Status loadNodeDomain(TestState& state, const xml::Node& node, const std::string& dir);

// The XML of a node-file element, or of the file its file= attribute names (relative to
// `dir`); a missing file is libvirt's "failed to parse xml document" (test_node_file.cc).
Result<std::string> nodeElementXml(const xml::Node& node, const std::string& dir);
Error nodeXmlError(std::string_view detail);
void addNodeNetwork(TestState& state, std::shared_ptr<conf::NetworkDef> def);
void addNodePool(TestState& state, std::shared_ptr<conf::StoragePoolDef> def,
                 std::vector<std::shared_ptr<conf::StorageVolDef>> volumes);
void addNodeInterface(TestState& state, std::shared_ptr<conf::HostInterfaceDef> def);
void addNodeDevice(TestState& state, std::shared_ptr<conf::NodeDeviceDef> def);

}  // namespace nodevirt::drivers::test
