#include "cli/registry.h"

namespace nodevirt::cli {

void CommandRegistry::add(CommandDef def) {
    if (find(def.name) != nullptr) return;
    commands_.push_back(std::move(def));
}

const CommandDef* CommandRegistry::find(std::string_view name) const {
    for (const CommandDef& def : commands_) {
        if (def.name == name) return &def;
    }
    return nullptr;
}

}  // namespace nodevirt::cli
