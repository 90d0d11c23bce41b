// The table of commands the shell knows. Filled explicitly by registerAllCommands()
// (commands/register_commands.cc), never by static initializers.
#pragma once

#include <string_view>
#include <vector>

#include "cli/command_def.h"

namespace nodevirt::cli {

class CommandRegistry {
public:
    // Adds a command; a duplicate name is a programming error and is ignored (first wins).
    void add(CommandDef def);
    [[nodiscard]] const CommandDef* find(std::string_view name) const;
    // In registration order.
    [[nodiscard]] const std::vector<CommandDef>& all() const { return commands_; }

private:
    std::vector<CommandDef> commands_;
};

// Registers every command of the CLI (commands/register_commands.cc).
void registerAllCommands(CommandRegistry& registry);

}  // namespace nodevirt::cli
