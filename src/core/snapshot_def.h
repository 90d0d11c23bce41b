// SnapshotDef: the <domainsnapshot> document as a value (name, state, parent, creation time,
// memory and per-disk snapshot modes, the domain definition it captured), with parse and
// format in libvirt's layout. Shared by every hypervisor driver that keeps snapshots.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "conf/domain/domain_xml.h"
#include "util/result.h"
#include "xml/xml_reader.h"

namespace nodevirt::core {

enum class SnapshotLocation { kDefault, kNo, kInternal, kExternal, kManual };

struct SnapshotDiskDef {
    std::string name;
    SnapshotLocation snapshot = SnapshotLocation::kDefault;
    std::optional<std::string> source_file;
    std::optional<std::string> driver_type;
};

struct SnapshotDef {
    std::string name;
    std::optional<std::string> description;
    int state = 0;            // virDomainSnapshotState (virDomainState plus 8 = disk-snapshot)
    std::string parent;       // empty: a root
    int64_t creation_time = 0;
    SnapshotLocation memory = SnapshotLocation::kDefault;
    std::optional<std::string> memory_file;
    std::vector<SnapshotDiskDef> disks;
    std::shared_ptr<const conf::DomainDef> dom;  // the domain as it was (may be absent)
    bool current = false;     // <active>1</active> of libvirt's internal (node file) layout
};

struct SnapshotParseOptions {
    bool redefine = false;   // state, parent, creation time and domain are taken from the XML
    bool validate = false;   // unknown elements are errors
    bool internal = false;   // libvirt's internal layout: <active> is required
    // How the embedded <domain> is parsed (redefine / internal only).
    conf::DomainParseOptions domain;
};

Result<std::shared_ptr<SnapshotDef>> parseSnapshotXml(std::string_view xml, const SnapshotParseOptions& opts);
// Parses a snapshot whose fields are the children of `node` (whatever its name).
Result<std::shared_ptr<SnapshotDef>> parseSnapshotNode(const xml::Node& node, const SnapshotParseOptions& opts);

// The document as virDomainSnapshotGetXMLDesc prints it; `secure` includes passwords of the
// embedded domain.
std::string formatSnapshotXml(const SnapshotDef& def, bool secure);

// Names of virDomainSnapshotState values ("running", "shutoff", "disk-snapshot", ...).
std::string_view snapshotStateName(int state);
std::optional<int> snapshotStateFromName(std::string_view name);
std::string_view snapshotLocationName(SnapshotLocation loc);

}  // namespace nodevirt::core
