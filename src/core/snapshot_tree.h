// SnapshotTree: the snapshots of one domain as a value (parent links, the current snapshot)
// with libvirt's VIR_DOMAIN_SNAPSHOT_LIST_* filters. A DomainObj publishes a new tree by
// swapping a shared_ptr, so listing never waits for a job; mutations work on a copy.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nodevirt::core {

struct SnapshotDef;  // core/snapshot_def.h
using SnapshotDefPtr = std::shared_ptr<const SnapshotDef>;

// virDomainSnapshotState: virDomainState values plus "disk-snapshot".
inline constexpr int kSnapshotStateDiskSnapshot = 8;

class SnapshotTree {
  public:
    struct Node {
        std::string name;
        std::string parent;     // empty for a root
        int state = 0;          // virDomainSnapshotState when taken
        bool external = false;  // memory or a disk lives outside the image
        int64_t creation_time = 0;
        SnapshotDefPtr def;
    };

    [[nodiscard]] size_t size() const { return nodes_.size(); }
    [[nodiscard]] bool empty() const { return nodes_.empty(); }
    [[nodiscard]] const Node* find(std::string_view name) const;
    [[nodiscard]] const std::string& current() const { return current_; }
    [[nodiscard]] const Node* currentNode() const { return find(current_); }
    [[nodiscard]] const std::vector<Node>& nodes() const { return nodes_; }

    // Direct children of `name` (or the roots for an empty name), in creation order.
    [[nodiscard]] std::vector<const Node*> children(std::string_view name) const;
    [[nodiscard]] size_t countDescendants(std::string_view name) const;

    // VIR_DOMAIN_SNAPSHOT_LIST_* filtering. Without `from`: all snapshots (ROOTS = only
    // roots). With `from`: its children (DESCENDANTS = all descendants). TOPOLOGICAL orders
    // parents before children; otherwise creation order.
    [[nodiscard]] std::vector<const Node*> list(unsigned flags,
                                                const std::optional<std::string>& from) const;

    // --- mutation (callers copy the published tree first)
    void add(Node node);
    void setCurrent(std::string name) { current_ = std::move(name); }
    void replaceDef(std::string_view name, SnapshotDefPtr def);
    // Removes one snapshot; its children move to its parent.
    void removeOne(std::string_view name);
    // Removes the descendants of `name`, and `name` itself unless `keep_self`. Returns the
    // removed names, children first.
    std::vector<std::string> removeDescendants(std::string_view name, bool keep_self);
    void clear();

  private:
    void collect(std::string_view name, std::vector<const Node*>& out) const;

    std::vector<Node> nodes_;  // creation order
    std::string current_;
};

using SnapshotTreePtr = std::shared_ptr<const SnapshotTree>;

}  // namespace nodevirt::core
