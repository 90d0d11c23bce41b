#include "core/snapshot_tree.h"

#include <algorithm>

#include "driver/libvirt_constants.h"

namespace nodevirt::core {
namespace {

bool passesFilters(const SnapshotTree::Node& n, size_t nchildren, unsigned flags) {
    using namespace lv;
    bool leaves = flags & kDomainSnapshotListLeaves;
    bool no_leaves = flags & kDomainSnapshotListNoLeaves;
    if (leaves != no_leaves && (nchildren == 0) != leaves) return false;
    // Every snapshot we keep has metadata.
    bool meta = flags & kDomainSnapshotListMetadata;
    bool no_meta = flags & kDomainSnapshotListNoMetadata;
    if (no_meta && !meta) return false;
    unsigned kind = flags & (kDomainSnapshotListInactive | kDomainSnapshotListActive |
                             kDomainSnapshotListDiskOnly);
    if (kind) {
        unsigned mine = n.state == static_cast<int>(kDomainShutoff) ? kDomainSnapshotListInactive
                        : n.state == kSnapshotStateDiskSnapshot     ? kDomainSnapshotListDiskOnly
                                                                    : kDomainSnapshotListActive;
        if (!(kind & mine)) return false;
    }
    bool internal = flags & kDomainSnapshotListInternal;
    bool external = flags & kDomainSnapshotListExternal;
    if (internal != external && n.external != external) return false;
    return true;
}

}  // namespace

const SnapshotTree::Node* SnapshotTree::find(std::string_view name) const {
    if (name.empty()) return nullptr;
    for (const auto& n : nodes_) {
        if (n.name == name) return &n;
    }
    return nullptr;
}

std::vector<const SnapshotTree::Node*> SnapshotTree::children(std::string_view name) const {
    std::vector<const Node*> out;
    for (const auto& n : nodes_) {
        if (n.parent == name) out.push_back(&n);
    }
    return out;
}

void SnapshotTree::collect(std::string_view name, std::vector<const Node*>& out) const {
    // Iterative walk: parent links form a tree, so each node is visited once.
    std::vector<std::string_view> todo{name};
    while (!todo.empty()) {
        std::string_view cur = todo.back();
        todo.pop_back();
        for (const Node* c : children(cur)) {
            out.push_back(c);
            todo.push_back(c->name);
        }
    }
}

size_t SnapshotTree::countDescendants(std::string_view name) const {
    std::vector<const Node*> out;
    collect(name, out);
    return out.size();
}

std::vector<const SnapshotTree::Node*> SnapshotTree::list(
    unsigned flags, const std::optional<std::string>& from) const {
    std::vector<const Node*> candidates;
    bool descendants = flags & lv::kDomainSnapshotListDescendants;  // == ROOTS
    if (from) {
        if (descendants)
            collect(*from, candidates);
        else
            candidates = children(*from);
    } else if (descendants) {
        candidates = children("");
    } else {
        for (const auto& n : nodes_) candidates.push_back(&n);
    }
    if (flags & lv::kDomainSnapshotListTopological) {
        // Breadth-first from the roots (or `from`) yields parents before children.
        std::vector<const Node*> ordered;
        std::vector<std::string_view> level{from ? std::string_view(*from) : std::string_view()};
        while (!level.empty()) {
            std::vector<std::string_view> next;
            for (auto p : level) {
                for (const Node* c : children(p)) {
                    if (std::find(candidates.begin(), candidates.end(), c) != candidates.end())
                        ordered.push_back(c);
                    next.push_back(c->name);
                }
            }
            level.swap(next);
        }
        candidates.swap(ordered);
    }
    std::vector<const Node*> out;
    for (const Node* n : candidates) {
        if (passesFilters(*n, children(n->name).size(), flags)) out.push_back(n);
    }
    return out;
}

void SnapshotTree::add(Node node) { nodes_.push_back(std::move(node)); }

void SnapshotTree::replaceDef(std::string_view name, SnapshotDefPtr def) {
    for (auto& n : nodes_) {
        if (n.name == name) n.def = std::move(def);
    }
}

void SnapshotTree::removeOne(std::string_view name) {
    auto it =
        std::find_if(nodes_.begin(), nodes_.end(), [&](const Node& n) { return n.name == name; });
    if (it == nodes_.end()) return;
    std::string parent = it->parent;
    std::string removed = it->name;
    nodes_.erase(it);
    for (auto& n : nodes_) {
        if (n.parent == removed) n.parent = parent;
    }
    if (current_ == removed) current_.clear();
}

std::vector<std::string> SnapshotTree::removeDescendants(std::string_view name, bool keep_self) {
    std::vector<const Node*> doomed;
    collect(name, doomed);
    std::vector<std::string> names;
    for (auto it = doomed.rbegin(); it != doomed.rend(); ++it) names.push_back((*it)->name);
    if (!keep_self) names.emplace_back(name);
    for (const auto& victim : names) {
        nodes_.erase(std::remove_if(nodes_.begin(), nodes_.end(),
                                    [&](const Node& n) { return n.name == victim; }),
                     nodes_.end());
        if (current_ == victim) current_.clear();
    }
    return names;
}

void SnapshotTree::clear() {
    nodes_.clear();
    current_.clear();
}

}  // namespace nodevirt::core
