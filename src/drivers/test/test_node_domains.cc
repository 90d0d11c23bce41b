// The domain half of loading a test node: the built-in "test" domain of test:///default, and
// adding a parsed domain with its initial state, flags and snapshots. Separate from the other
// node objects because the domain and network models cannot share a translation unit.
#include <fmt/format.h>
#include <pugixml.hpp>

#include <sstream>

#include "conf/domain/domain_def.h"
#include "conf/domain/post_parse.h"
#include "core/snapshot_def.h"
#include "core/snapshot_tree.h"
#include "driver/libvirt_constants.h"
#include "drivers/test/domain_common.h"
#include "drivers/test/test_node_loader.h"
#include "util/strings.h"

namespace nodevirt::drivers::test {
namespace {

constexpr std::string_view kTestNs = "http://libvirt.org/schemas/domain/test/1.0";

// The namespace URI an element's prefix is bound to, looking up the ancestors.
std::string namespaceOf(const pugi::xml_node& node) {
    std::string_view name = node.name();
    auto colon = name.find(':');
    std::string attr = colon == std::string_view::npos ? "xmlns" : "xmlns:" + std::string(name.substr(0, colon));
    for (pugi::xml_node n = node; n; n = n.parent()) {
        if (auto a = n.attribute(attr.c_str())) return a.value();
    }
    return {};
}

std::string localName(std::string_view name) {
    auto colon = name.find(':');
    return std::string(colon == std::string_view::npos ? name : name.substr(colon + 1));
}

// Reads the test-namespace elements of a domain into `dom`.
Status parseTestExtras(const xml::Node& domain, NodeDomain& dom) {
    core::SnapshotParseOptions sopts;
    sopts.internal = true;
    sopts.redefine = true;
    sopts.domain.inactive = true;
    sopts.domain.profile = &conf::testDriverPostParseProfile();
    for (const auto& child : domain.children()) {
        if (namespaceOf(child.raw()) != kTestNs) continue;
        std::string name = localName(child.name());
        if (name == "runstate") {
            std::string text(str::trim(child.text()));
            auto v = str::parseInt(text);
            if (!v || *v < 0 || *v > static_cast<int>(DomainState::kPmSuspended)) {
                return fail(nodeXmlError(fmt::format("runstate '{}' out of range'", text)));
            }
            dom.runstate = *v;
        } else if (name == "transient") {
            dom.transient = true;
        } else if (name == "hasmanagedsave") {
            dom.has_managed_save = true;
        } else if (name == "domainsnapshot") {
            NODEVIRT_ASSIGN_OR_RETURN(auto snap, core::parseSnapshotNode(child, sopts));
            dom.snapshots.push_back(std::move(snap));
        }
    }
    return ok();
}

Status loadNodeDomainImpl(TestState& state, const xml::Node& node, const std::string& dir) {
    NODEVIRT_ASSIGN_OR_RETURN(std::string text, nodeElementXml(node, dir));
    NODEVIRT_ASSIGN_OR_RETURN(auto def, parseTestDomain(text, false));
    NodeDomain dom{std::move(def)};
    if (node.attr("file")) {
        NODEVIRT_ASSIGN_OR_RETURN(auto doc, xml::Document::parse(text, "domain"));
        NODEVIRT_TRY(parseTestExtras(doc->root(), dom));
    } else {
        NODEVIRT_TRY(parseTestExtras(node, dom));
    }
    return addNodeDomain(state, std::move(dom), static_cast<int>(lv::kDomainRunningUnknown));
}


constexpr const char* kDomainXml = R"(<domain type='test'>
  <name>test</name>
  <uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>
  <memory unit='KiB'>8388608</memory>
  <currentMemory unit='KiB'>2097152</currentMemory>
  <vcpu placement='static'>2</vcpu>
  <os>
    <type arch='i686'>hvm</type>
    <boot dev='hd'/>
  </os>
  <clock offset='utc'/>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <on_crash>destroy</on_crash>
  <devices>
    <disk type='file' device='disk'>
      <source file='/guest/diskimage1'/>
      <target dev='vda' bus='virtio'/>
      <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>
    </disk>
    <interface type='network'>
      <mac address='aa:bb:cc:dd:ee:ff'/>
      <source network='default'/>
      <target dev='testnet0'/>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x01' function='0x0'/>
    </interface>
    <memballoon model='virtio'>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>
    </memballoon>
  </devices>
</domain>
)";

}  // namespace

Status addNodeDomain(TestState& state, NodeDomain dom, int running_reason) {
    std::string name = dom.def->name;
    Uuid uuid = dom.def->uuid;
    NODEVIRT_ASSIGN_OR_RETURN(auto added, state.domains.add(name, uuid, dom.def, 0));
    const core::JobGuard& job = added.job;
    job->setFlag(job, core::kDomainPersistent, !dom.transient);
    if (dom.runstate != static_cast<int>(DomainState::kShutoff)) {
        startDomain(state, job, running_reason);
        if (dom.runstate != static_cast<int>(DomainState::kRunning)) {
            job->setState(job, static_cast<DomainState>(dom.runstate), 0);
        }
    } else {
        job->setState(job, DomainState::kShutoff, 0);
    }
    job->setFlag(job, core::kDomainManagedSave, dom.has_managed_save);
    if (!dom.snapshots.empty()) {
        auto tree = std::make_shared<core::SnapshotTree>();
        for (auto& snap : dom.snapshots) {
            if (!snap->dom) snap->dom = dom.def;
            tree->add({snap->name, snap->parent, snap->state, false, snap->creation_time, snap});
            if (snap->current) tree->setCurrent(snap->name);
        }
        job->setFlag(job, core::kDomainHasSnapshot, true);
        job->setSnapshots(job, std::move(tree));
    }
    return ok();
}

Status loadNodeDomain(TestState& state, const xml::Node& node, const std::string& dir) {
    return loadNodeDomainImpl(state, node, dir);
}

Status addDefaultTestDomain(TestState& state) {
    NODEVIRT_ASSIGN_OR_RETURN(auto def, parseTestDomain(kDomainXml, false));
    NodeDomain dom{std::move(def)};
    return addNodeDomain(state, std::move(dom), static_cast<int>(lv::kDomainRunningUnknown));
}

}  // namespace nodevirt::drivers::test
