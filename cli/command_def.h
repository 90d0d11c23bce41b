// The static description of a CLI command: its name, help texts, options and handler.
// Option semantics follow virsh's (positional filling in declaration order, named-only
// options, aliases, argv lists) because scripts written for virsh must parse the same way.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace nodevirt::cli {

class Context;
class ParsedCommand;

enum class OptionType {
    kBool,    // a flag: --name
    kString,  // --name VALUE; also positional unless kNamedOnly
    kInt,     // like kString, but shown and reported as a <number>
    kData,    // the main positional argument(s); "requires <name>" when missing
    kArgv,    // takes every remaining positional argument; may repeat
    kAlias,   // another spelling: target is "name" or "name=value"
};

// Option flags (bit mask).
inline constexpr unsigned kOptRequired = 1u << 0;   // must be given
inline constexpr unsigned kOptNamedOnly = 1u << 1;  // only as --name VALUE, never positional
inline constexpr unsigned kOptEmptyOk = 1u << 2;    // an empty value is accepted

struct OptionDef {
    std::string name;
    OptionType type = OptionType::kBool;
    unsigned flags = 0;
    std::string help;    // one line for `help COMMAND`; for kAlias the target
};

// Command groups, in the order `help` lists them.
enum class CommandGroup {
    kDomain,
    kMonitor,
    kEvents,
    kHost,
    kInterface,
    kNetwork,
    kNodeDevice,
    kSecret,
    kSnapshot,
    kPool,
    kVolume,
    kShell,
};

// Command flags (bit mask).
inline constexpr unsigned kCmdNoConnect = 1u << 0;  // runs without a hypervisor connection

using CommandHandler = bool (*)(Context& ctx, const ParsedCommand& cmd);

struct CommandDef {
    std::string name;
    CommandGroup group = CommandGroup::kShell;
    std::string summary;      // one line for the command list
    std::string description;  // a paragraph for `help COMMAND`
    std::vector<OptionDef> options;
    CommandHandler handler = nullptr;
    unsigned flags = 0;

    [[nodiscard]] const OptionDef* findOption(std::string_view option_name) const;
    [[nodiscard]] bool hasOption(std::string_view option_name) const {
        return findOption(option_name) != nullptr;
    }
};

// Keyword and title of a group as `help` shows them ("domain", "Domain Management").
std::string_view groupKeyword(CommandGroup group);
std::string_view groupTitle(CommandGroup group);

}  // namespace nodevirt::cli
