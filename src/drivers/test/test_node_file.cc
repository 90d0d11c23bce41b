// Loader of libvirt's test node files (test:///ABSOLUTE/PATH.xml): a <node> root with the
// host's <cpu> and <memory>, and <domain>, <network>, <interface>, <pool> (with <volume>s) and
// <device> elements, each inline or as file='relative/path.xml'. Domains may carry elements of
// the namespace http://libvirt.org/schemas/domain/test/1.0 (runstate, transient,
// hasmanagedsave, domainsnapshot).
#include <fmt/format.h>
#include <pugixml.hpp>

#include <sstream>

#include "conf/interface/interface_xml.h"
#include "conf/network/network_xml.h"
#include "conf/node_device/node_device_xml.h"
#include "conf/storage/storage_xml.h"
#include "drivers/test/test_context.h"
#include "drivers/test/test_driver.h"
#include "drivers/test/test_node_loader.h"
#include "util/file_io.h"
#include "util/strings.h"
#include "xml/xml_reader.h"

namespace nodevirt::drivers::test {
namespace {


std::string dirOf(const std::string& path) {
    auto slash = path.rfind('/');
    return slash == std::string::npos ? "." : path.substr(0, slash);
}

std::string toText(const pugi::xml_node& node) {
    std::ostringstream out;
    node.print(out, "  ", pugi::format_default);
    return out.str();
}

}  // namespace

Error nodeXmlError(std::string_view detail) { return testError(ErrorCode::kXmlError, detail); }

Result<std::string> nodeElementXml(const xml::Node& node, const std::string& dir) {
    if (auto file = node.attr("file")) {
        std::string path = str::startsWith(*file, "/") ? *file : dir + "/" + *file;
        auto text = file::readAll(path);
        if (!text) return fail(nodeXmlError(fmt::format("failed to parse xml document '{}'", path)));
        return *text;
    }
    return toText(node.raw());
}

namespace {

Status parseCpu(const xml::Node& cpu, NodeInfo& info) {
    auto number = [&](const char* name, uint32_t& out) -> Status {
        auto text = cpu.childText(name);
        if (!text) return ok();
        auto v = str::parseUint(str::trim(*text));
        if (!v) return fail(nodeXmlError(fmt::format("invalid node cpu {} value", name)));
        out = *v;
        return ok();
    };
    NODEVIRT_TRY(number("nodes", info.nodes));
    NODEVIRT_TRY(number("sockets", info.sockets));
    NODEVIRT_TRY(number("cores", info.cores));
    NODEVIRT_TRY(number("threads", info.threads));
    info.cpus = info.nodes * info.sockets * info.cores * info.threads;
    NODEVIRT_TRY(number("active", info.cpus));
    NODEVIRT_TRY(number("mhz", info.mhz));
    if (auto model = cpu.childText("model")) info.model = std::string(str::trim(*model)).substr(0, 31);
    return ok();
}

Status loadPool(TestState& state, const xml::Node& node, const std::string& dir) {
    NODEVIRT_ASSIGN_OR_RETURN(std::string text, nodeElementXml(node, dir));
    NODEVIRT_ASSIGN_OR_RETURN(auto pool, conf::parseStoragePoolXml(text, {}));
    NODEVIRT_ASSIGN_OR_RETURN(auto doc, xml::Document::parse(text, "pool"));
    std::vector<std::shared_ptr<conf::StorageVolDef>> vols;
    for (const auto& v : doc->root().children("volume")) {
        NODEVIRT_ASSIGN_OR_RETURN(std::string vtext, nodeElementXml(v, dir));
        NODEVIRT_ASSIGN_OR_RETURN(auto vol, conf::parseStorageVolXml(vtext, {}, pool->type));
        vols.push_back(std::move(vol));
    }
    addNodePool(state, std::move(pool), std::move(vols));
    return ok();
}

Status loadObject(TestState& state, const xml::Node& node, const std::string& dir) {
    std::string_view name = node.name();
    if (name == "domain") return loadNodeDomain(state, node, dir);
    if (name == "pool") return loadPool(state, node, dir);
    if (name != "network" && name != "interface" && name != "device") return ok();
    NODEVIRT_ASSIGN_OR_RETURN(std::string text, nodeElementXml(node, dir));
    if (name == "network") {
        NODEVIRT_ASSIGN_OR_RETURN(auto net, conf::parseNetworkXml(text, {}));
        addNodeNetwork(state, std::move(net));
    } else if (name == "interface") {
        NODEVIRT_ASSIGN_OR_RETURN(auto iface, conf::parseHostInterfaceXml(text, {}));
        addNodeInterface(state, std::move(iface));
    } else {
        NODEVIRT_ASSIGN_OR_RETURN(auto dev, conf::parseNodeDeviceXml(text, {}));
        addNodeDevice(state, std::move(dev));
    }
    return ok();
}

}  // namespace

Result<TestStatePtr> loadNodeFile(const std::string& path) {
    auto text = file::readAll(path);
    if (!text) return fail(nodeXmlError(fmt::format("failed to parse xml document '{}'", path)));
    auto doc = xml::Document::parse(*text, path);
    if (!doc) return fail(nodeXmlError(fmt::format("failed to parse xml document '{}'", path)));
    xml::Node root = (*doc)->root();
    if (root.name() != "node") {
        return fail(Error::make(ErrorCode::kXmlError, ErrorDomain::kXml,
                                fmt::format("expecting root element of 'node', not '{}'", root.name())));
    }
    auto state = std::make_shared<TestState>();
    // libvirt's defaults for whatever the file leaves out.
    state->node.info = NodeInfo{"i686", 3145728, 16, 1400, 2, 2, 2, 2};
    if (auto cpu = root.child("cpu")) NODEVIRT_TRY(parseCpu(cpu, state->node.info));
    if (auto mem = root.childText("memory")) {
        auto v = str::parseUint64(str::trim(*mem));
        if (!v) return fail(nodeXmlError("invalid node memory value"));
        state->node.info.memory_kib = *v;
    }
    std::string dir = dirOf(path);
    for (const auto& child : root.children()) NODEVIRT_TRY(loadObject(*state, child, dir));
    return state;
}

}  // namespace nodevirt::drivers::test
