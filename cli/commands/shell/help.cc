// help: the command list, one group, or one command's synopsis and options.
#include <algorithm>

#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/shell/shell_commands.h"
#include "cli/registry.h"

namespace nodevirt::cli {
namespace {

constexpr CommandGroup kGroups[] = {
    CommandGroup::kDomain,     CommandGroup::kMonitor, CommandGroup::kEvents,
    CommandGroup::kHost,       CommandGroup::kInterface, CommandGroup::kNetwork,
    CommandGroup::kNodeDevice, CommandGroup::kSecret, CommandGroup::kSnapshot,
    CommandGroup::kPool,       CommandGroup::kVolume, CommandGroup::kShell,
};

std::string groupText(const CommandRegistry& reg, CommandGroup group) {
    std::vector<const CommandDef*> defs;
    for (const CommandDef& def : reg.all()) {
        if (def.group == group) defs.push_back(&def);
    }
    std::sort(defs.begin(), defs.end(),
              [](const CommandDef* a, const CommandDef* b) { return a->name < b->name; });
    std::string out = fmt::format(" {} (help keyword '{}'):\n", groupTitle(group),
                                  groupKeyword(group));
    for (const CommandDef* def : defs) out += fmt::format("    {:<30} {}\n", def->name, def->summary);
    return out;
}

// Whether an earlier option of `def` (before index `upto`) can be given positionally: then
// argv options are shown as "[--name] <string>".
bool hasPositionalBefore(const CommandDef& def, size_t upto) {
    for (size_t i = 0; i < upto; ++i) {
        const OptionDef& o = def.options[i];
        if (o.type != OptionType::kBool && o.type != OptionType::kAlias &&
            (o.flags & kOptNamedOnly) == 0) {
            return true;
        }
    }
    return false;
}

std::string synopsisOf(const OptionDef& o, bool short_form) {
    const bool req = (o.flags & kOptRequired) != 0;
    switch (o.type) {
        case OptionType::kBool: return fmt::format("[--{}]", o.name);
        case OptionType::kInt: return req ? fmt::format("<{}>", o.name) : fmt::format("[--{} <number>]", o.name);
        case OptionType::kString: return fmt::format("[--{} <string>]", o.name);
        case OptionType::kData: return req ? fmt::format("<{}>", o.name) : fmt::format("[<{}>]", o.name);
        case OptionType::kArgv:
            if (short_form) {
                return req ? fmt::format("{{[--{}] <string>}}...", o.name)
                           : fmt::format("[[--{}] <string>]...", o.name);
            }
            return req ? fmt::format("<{}>...", o.name) : fmt::format("[<{}>]...", o.name);
        case OptionType::kAlias: break;
    }
    return {};
}

std::string optionLabel(const OptionDef& o, bool short_form) {
    switch (o.type) {
        case OptionType::kBool: return "--" + o.name;
        case OptionType::kInt:
            return (o.flags & kOptRequired) != 0 ? fmt::format("[--{}] <number>", o.name)
                                                 : fmt::format("--{} <number>", o.name);
        case OptionType::kString: return fmt::format("--{} <string>", o.name);
        case OptionType::kData: return fmt::format("[--{}] <string>", o.name);
        case OptionType::kArgv:
            return short_form ? fmt::format("[--{}] <string>", o.name) : fmt::format("<{}>", o.name);
        case OptionType::kAlias: break;
    }
    return {};
}

bool run(Context& ctx, const ParsedCommand& cmd) {
    std::optional<std::string> name;
    if (!cmd.getString(ctx, "command", name)) return false;
    const CommandRegistry& reg = ctx.registry();
    if (!name) {
        std::string out = "Grouped commands:\n\n";
        for (CommandGroup g : kGroups) out += groupText(reg, g) + "\n";
        ctx.print(out);
        return true;
    }
    if (const CommandDef* def = reg.find(*name)) {
        ctx.print(commandHelpText(*def));
        return true;
    }
    for (CommandGroup g : kGroups) {
        if (*name == groupKeyword(g) || (g == CommandGroup::kShell && *name == "virsh")) {
            ctx.print(groupText(reg, g) + "\n");
            return true;
        }
    }
    ctx.error(fmt::format("command or command group '{}' doesn't exist", *name));
    return false;
}

}  // namespace

std::string commandHelpText(const CommandDef& def) {
    std::string synopsis = def.name;
    std::string options;
    for (size_t i = 0; i < def.options.size(); ++i) {
        const OptionDef& o = def.options[i];
        if (o.type == OptionType::kAlias) continue;
        const bool short_form = hasPositionalBefore(def, i);
        synopsis += " " + synopsisOf(o, short_form);
        options += fmt::format("    {:<15}  {}\n", optionLabel(o, short_form), o.help);
    }
    std::string out = fmt::format("  NAME\n    {} - {}\n\n  SYNOPSIS\n    {}\n\n", def.name,
                                  def.summary, synopsis);
    if (!def.description.empty()) out += fmt::format("  DESCRIPTION\n    {}\n\n", def.description);
    if (!options.empty()) out += "  OPTIONS\n" + options + "\n";
    return out;
}

CommandDef helpCommand() {
    return {"help", CommandGroup::kShell, "print help",
            "Prints the list of commands, the commands of one group (help KEYWORD), or the "
            "description of one command (help COMMAND).",
            {stringOpt("command", "a command name or a group keyword")}, run, kCmdNoConnect};
}

}  // namespace nodevirt::cli
