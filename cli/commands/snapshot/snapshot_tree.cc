#include "cli/commands/snapshot/snapshot_tree.h"

#include <fmt/format.h>

#include "cli/commands/snapshot/snapshot_util.h"

namespace nodevirt::cli {
namespace {

struct TreeWalk {
    const std::vector<std::string>& names;
    const std::vector<std::optional<size_t>>& parents;
    std::string out;
    std::string indent;

    // `depth` bounds the recursion by the number of nodes (a parent cycle cannot recurse).
    void node(size_t id, size_t last_sibling, bool root, size_t depth) {
        out += fmt::format("{}{}{}\n", indent, root ? "" : "+- ", names[id]);
        if (!root) indent += id == last_sibling ? "  " : "| ";
        std::optional<size_t> last_child;
        for (size_t i = 0; i < names.size(); ++i) {
            if (parents[i] == id) last_child = i;
        }
        if (last_child) out += indent + "  |\n";
        indent += "  ";
        if (depth < names.size()) {
            for (size_t i = 0; i < names.size(); ++i) {
                if (parents[i] == id) node(i, *last_child, false, depth + 1);
            }
        }
        indent.resize(indent.size() - 2);
        if (!last_child && id == last_sibling) out += indent + "\n";
        if (!root) indent.resize(indent.size() - 2);
    }
};

}  // namespace

std::string renderTree(const std::vector<std::string>& names,
                       const std::vector<std::optional<size_t>>& parents) {
    TreeWalk walk{names, parents, {}, {}};
    for (size_t i = 0; i < names.size(); ++i) {
        if (!parents[i]) walk.node(i, i, true, 0);
    }
    return walk.out;
}

bool printSnapshotTree(Context& ctx, const std::vector<DomainSnapshot>& snaps, bool from_start) {
    std::vector<std::string> names;
    for (const DomainSnapshot& s : snaps) names.push_back(s.name());
    std::vector<std::optional<size_t>> parents(snaps.size());
    for (size_t i = 0; i < snaps.size(); ++i) {
        if (from_start && i == 0) continue;  // the starting snapshot is the root
        std::optional<std::string> parent;
        if (!snapshotParentName(ctx, snaps[i], parent)) return false;
        if (!parent) continue;
        for (size_t j = 0; j < names.size(); ++j) {
            if (names[j] == *parent) parents[i] = j;
        }
    }
    ctx.print(renderTree(names, parents));
    return true;
}

}  // namespace nodevirt::cli
