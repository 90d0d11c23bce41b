#include "cli/command_def.h"

namespace nodevirt::cli {

const OptionDef* CommandDef::findOption(std::string_view option_name) const {
    for (const OptionDef& opt : options) {
        if (opt.name == option_name) return &opt;
    }
    return nullptr;
}

std::string_view groupKeyword(CommandGroup group) {
    switch (group) {
        case CommandGroup::kDomain: return "domain";
        case CommandGroup::kMonitor: return "monitor";
        case CommandGroup::kEvents: return "events";
        case CommandGroup::kHost: return "host";
        case CommandGroup::kInterface: return "interface";
        case CommandGroup::kNetwork: return "network";
        case CommandGroup::kNodeDevice: return "nodedev";
        case CommandGroup::kSecret: return "secret";
        case CommandGroup::kSnapshot: return "snapshot";
        case CommandGroup::kPool: return "pool";
        case CommandGroup::kVolume: return "volume";
        case CommandGroup::kShell: return "nodevirt";
    }
    return "";
}

std::string_view groupTitle(CommandGroup group) {
    switch (group) {
        case CommandGroup::kDomain: return "Domain Management";
        case CommandGroup::kMonitor: return "Domain Monitoring";
        case CommandGroup::kEvents: return "Domain Events";
        case CommandGroup::kHost: return "Host and Hypervisor";
        case CommandGroup::kInterface: return "Interface";
        case CommandGroup::kNetwork: return "Networking";
        case CommandGroup::kNodeDevice: return "Node Device";
        case CommandGroup::kSecret: return "Secret";
        case CommandGroup::kSnapshot: return "Snapshot";
        case CommandGroup::kPool: return "Storage Pool";
        case CommandGroup::kVolume: return "Storage Volume";
        case CommandGroup::kShell: return "The shell itself";
    }
    return "";
}

}  // namespace nodevirt::cli
