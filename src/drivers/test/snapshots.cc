// DomainSnapshotOps of the test driver: snapshots are metadata only (the domain definition
// and state at the time); revert restores the definition and the state with libvirt 9.0's
// events and quirks.
#include <ctime>
#include <fmt/format.h>

#include "conf/domain/domain_def.h"
#include "conf/domain/post_parse.h"
#include "core/event_bus.h"
#include "core/snapshot_def.h"
#include "core/snapshot_tree.h"
#include "driver/libvirt_constants.h"
#include "drivers/test/domain_common.h"
#include "drivers/test/facets.h"

namespace nodevirt::drivers::test {
namespace {

using core::SnapshotTree;

constexpr unsigned kListFlags = 0x7ff;  // ROOTS/DESCENDANTS, TOPOLOGICAL and every filter

Error noSnapshot(std::string_view name) {
    return testError(ErrorCode::kNoDomainSnapshot, fmt::format("no domain snapshot with matching name '{}'", name));
}

std::shared_ptr<SnapshotTree> copyTree(const core::SnapshotTreePtr& tree) {
    return tree ? std::make_shared<SnapshotTree>(*tree) : std::make_shared<SnapshotTree>();
}

void publishTree(const core::JobGuard& job, std::shared_ptr<SnapshotTree> tree) {
    job->setFlag(job, core::kDomainHasSnapshot, !tree->empty());
    job->setSnapshots(job, std::move(tree));
}

// The snapshot tree of a domain for readers (never null).
core::SnapshotTreePtr treeOf(const core::DomainView& v) {
    static const auto empty = std::make_shared<const SnapshotTree>();
    return v.snapshots ? v.snapshots : empty;
}

Result<const SnapshotTree::Node*> findNode(const SnapshotTree& tree, std::string_view name) {
    const SnapshotTree::Node* n = tree.find(name);
    if (!n) return fail(noSnapshot(name));
    return n;
}

std::vector<std::string> names(const std::vector<const SnapshotTree::Node*>& nodes, int max) {
    std::vector<std::string> out;
    for (const auto* n : nodes) {
        if (static_cast<int>(out.size()) >= max) break;
        out.push_back(n->name);
    }
    return out;
}

// Fills in what libvirt derives for a new (not redefined) snapshot: time, name, state,
// captured definition, memory and per-disk modes.
Status completeNewSnapshot(core::SnapshotDef& def, const core::DomainView& v) {
    def.creation_time = static_cast<int64_t>(std::time(nullptr));
    if (def.name.empty()) def.name = std::to_string(def.creation_time);
    def.state = static_cast<int>(v.state);
    def.dom = v.def;
    const auto& disks = v.def->devs().disks;
    if (def.memory == core::SnapshotLocation::kExternal && !disks.empty()) {
        return fail(configUnsupported(fmt::format("source for disk '{}' is not a regular file; refusing to generate "
                                                  "external snapshot name",
                                                  disks.front().dst),
                                      ErrorDomain::kDomainSnapshot));
    }
    if (def.memory == core::SnapshotLocation::kDefault) {
        def.memory = v.active() ? core::SnapshotLocation::kInternal : core::SnapshotLocation::kNo;
    }
    for (const auto& want : def.disks) {
        if (!v.def->findDisk(want.name)) {
            return fail(configUnsupported(fmt::format("no disk named '{}'", want.name), ErrorDomain::kDomainSnapshot));
        }
        if (want.snapshot != core::SnapshotLocation::kDefault && want.snapshot != core::SnapshotLocation::kInternal) {
            return fail(configUnsupported(fmt::format("disk '{}' must use snapshot mode 'internal'", want.name),
                                          ErrorDomain::kDomainSnapshot));
        }
    }
    def.disks.clear();
    for (const auto& d : disks) {
        bool skip = (d.device == conf::DiskDevice::kCdrom && d.readonly) || d.source.empty();
        def.disks.push_back({d.dst, skip ? core::SnapshotLocation::kNo : core::SnapshotLocation::kInternal, {}, {}});
    }
    return ok();
}

}  // namespace

Result<DomainSnapshotRef> TestSnapshots::createXml(const DomainRef& dom, const std::string& xml, unsigned flags) {
    using namespace lv;
    NODEVIRT_TRY(checkFlags(flags,
                            kDomainSnapshotCreateRedefine | kDomainSnapshotCreateCurrent | kDomainSnapshotCreateHalt |
                                kDomainSnapshotCreateQuiesce | kDomainSnapshotCreateAtomic |
                                kDomainSnapshotCreateLive | kDomainSnapshotCreateValidate,
                            "testDomainSnapshotCreateXML"));
    bool redefine = flags & kDomainSnapshotCreateRedefine;
    if ((flags & kDomainSnapshotCreateCurrent) && !redefine) {
        return fail(Error::raw(ErrorCode::kInvalidArg, ErrorDomain::kDomainSnapshot,
                               "Flag 'VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE' is required by flag "
                               "'VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT'"));
    }
    core::PendingEvents ev(ctx_.state().events);
    NODEVIRT_ASSIGN_OR_RETURN(auto job, beginDomainJob(ctx_.state(), dom));
    core::DomainView v = job->view();
    if (!v.persistent() && (flags & kDomainSnapshotCreateHalt)) {
        return fail(testError(ErrorCode::kOperationInvalid, "cannot halt after transient domain snapshot"));
    }
    core::SnapshotParseOptions opts;
    opts.redefine = redefine;
    opts.validate = flags & kDomainSnapshotCreateValidate;
    opts.domain.inactive = true;
    opts.domain.profile = &conf::testDriverPostParseProfile();
    NODEVIRT_ASSIGN_OR_RETURN(auto def, core::parseSnapshotXml(xml, opts));
    auto tree = copyTree(v.snapshots);
    if (redefine) {
        if (!def->dom) def->dom = v.def;
        const SnapshotTree::Node* existing = tree->find(def->name);
        if (existing) {
            tree->replaceDef(def->name, def);
        } else {
            tree->add({def->name, def->parent, def->state, false, def->creation_time, def});
        }
        if (flags & kDomainSnapshotCreateCurrent) tree->setCurrent(def->name);
    } else {
        NODEVIRT_TRY(completeNewSnapshot(*def, v));
        if (tree->find(def->name)) {
            return fail(operationFailed(fmt::format("domain moment {} already exists", def->name), ErrorDomain::kDomain));
        }
        def->parent = tree->current();
        tree->add({def->name, def->parent, def->state, false, def->creation_time, def});
        tree->setCurrent(def->name);
        if ((flags & kDomainSnapshotCreateHalt) && v.active()) {
            stopDomain(ctx_.state(), job, static_cast<int>(kDomainShutoffFromSnapshot));
            ev.lifecycle(job->ref(), static_cast<int>(kDomainEventStopped),
                         static_cast<int>(kDomainEventStoppedFromSnapshot));
        }
    }
    std::string name = def->name;
    publishTree(job, std::move(tree));
    return DomainSnapshotRef{name, job->ref()};
}

Result<std::vector<DomainSnapshotRef>> TestSnapshots::listAll(const DomainRef& dom, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, kListFlags, "testDomainListAllSnapshots"));
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), dom));
    core::DomainView v = obj->view();
    std::vector<DomainSnapshotRef> out;
    for (const auto* n : treeOf(v)->list(flags, std::nullopt)) out.push_back({n->name, v.ref()});
    return out;
}

Result<std::vector<DomainSnapshotRef>> TestSnapshots::listChildren(const DomainSnapshotRef& snap, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, kListFlags, "testDomainSnapshotListAllChildren"));
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), snap.domain));
    core::DomainView v = obj->view();
    auto tree = treeOf(v);
    NODEVIRT_TRY(findNode(*tree, snap.name));
    std::vector<DomainSnapshotRef> out;
    for (const auto* n : tree->list(flags, snap.name)) out.push_back({n->name, v.ref()});
    return out;
}

Result<int> TestSnapshots::num(const DomainRef& dom, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, kListFlags, "testDomainSnapshotNum"));
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), dom));
    return static_cast<int>(treeOf(obj->view())->list(flags, std::nullopt).size());
}

Result<std::vector<std::string>> TestSnapshots::listNames(const DomainRef& dom, int max, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, kListFlags, "testDomainSnapshotListNames"));
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), dom));
    return names(treeOf(obj->view())->list(flags, std::nullopt), max);
}

Result<int> TestSnapshots::numChildren(const DomainSnapshotRef& snap, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, kListFlags, "testDomainSnapshotNumChildren"));
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), snap.domain));
    auto tree = treeOf(obj->view());
    NODEVIRT_TRY(findNode(*tree, snap.name));
    return static_cast<int>(tree->list(flags, snap.name).size());
}

Result<std::vector<std::string>> TestSnapshots::listChildrenNames(const DomainSnapshotRef& snap, int max,
                                                                  unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, kListFlags, "testDomainSnapshotListChildrenNames"));
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), snap.domain));
    auto tree = treeOf(obj->view());
    NODEVIRT_TRY(findNode(*tree, snap.name));
    return names(tree->list(flags, snap.name), max);
}

Result<DomainSnapshotRef> TestSnapshots::lookupByName(const DomainRef& dom, const std::string& name, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testDomainSnapshotLookupByName"));
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), dom));
    core::DomainView v = obj->view();
    NODEVIRT_TRY(findNode(*treeOf(v), name));
    return DomainSnapshotRef{name, v.ref()};
}

Result<bool> TestSnapshots::hasCurrent(const DomainRef& dom, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testDomainHasCurrentSnapshot"));
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), dom));
    return treeOf(obj->view())->currentNode() != nullptr;
}

Result<DomainSnapshotRef> TestSnapshots::current(const DomainRef& dom, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testDomainSnapshotCurrent"));
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), dom));
    core::DomainView v = obj->view();
    const SnapshotTree::Node* cur = treeOf(v)->currentNode();
    if (!cur) {
        return fail(testError(ErrorCode::kNoDomainSnapshot, "the domain does not have a current snapshot"));
    }
    return DomainSnapshotRef{cur->name, v.ref()};
}

Result<DomainSnapshotRef> TestSnapshots::getParent(const DomainSnapshotRef& snap, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testDomainSnapshotGetParent"));
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), snap.domain));
    core::DomainView v = obj->view();
    NODEVIRT_ASSIGN_OR_RETURN(auto node, findNode(*treeOf(v), snap.name));
    if (node->parent.empty()) {
        return fail(testError(ErrorCode::kNoDomainSnapshot,
                              fmt::format("snapshot '{}' does not have a parent", snap.name)));
    }
    return DomainSnapshotRef{node->parent, v.ref()};
}

Result<std::string> TestSnapshots::getXmlDesc(const DomainSnapshotRef& snap, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, lv::kDomainSnapshotXmlSecure, "testDomainSnapshotGetXMLDesc"));
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), snap.domain));
    NODEVIRT_ASSIGN_OR_RETURN(auto node, findNode(*treeOf(obj->view()), snap.name));
    core::SnapshotDef def = *node->def;
    def.parent = node->parent;
    return core::formatSnapshotXml(def, flags & lv::kDomainSnapshotXmlSecure);
}

Result<bool> TestSnapshots::isCurrent(const DomainSnapshotRef& snap, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testDomainSnapshotIsCurrent"));
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), snap.domain));
    auto tree = treeOf(obj->view());
    NODEVIRT_TRY(findNode(*tree, snap.name));
    return tree->current() == snap.name;
}

Result<bool> TestSnapshots::hasMetadata(const DomainSnapshotRef& snap, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testDomainSnapshotHasMetadata"));
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), snap.domain));
    NODEVIRT_TRY(findNode(*treeOf(obj->view()), snap.name));
    return true;
}

Status TestSnapshots::remove(const DomainSnapshotRef& snap, unsigned flags) {
    using namespace lv;
    NODEVIRT_TRY(checkFlags(flags,
                            kDomainSnapshotDeleteChildren | kDomainSnapshotDeleteMetadataOnly |
                                kDomainSnapshotDeleteChildrenOnly,
                            "testDomainSnapshotDelete"));
    NODEVIRT_ASSIGN_OR_RETURN(auto job, beginDomainJob(ctx_.state(), snap.domain));
    auto tree = copyTree(job->snapshots());
    NODEVIRT_ASSIGN_OR_RETURN(auto node, findNode(*tree, snap.name));
    std::string parent = node->parent;
    bool only_children = flags & kDomainSnapshotDeleteChildrenOnly;
    if (flags & (kDomainSnapshotDeleteChildren | kDomainSnapshotDeleteChildrenOnly)) {
        std::string cur = tree->current();
        auto removed = tree->removeDescendants(snap.name, true);
        bool cur_removed = std::find(removed.begin(), removed.end(), cur) != removed.end();
        if (cur_removed && only_children) tree->setCurrent(snap.name);
    }
    if (!only_children) {
        bool was_current = tree->current() == snap.name;
        tree->removeOne(snap.name);
        if (was_current) tree->setCurrent(parent);
    }
    publishTree(job, std::move(tree));
    return ok();
}

}  // namespace nodevirt::drivers::test
