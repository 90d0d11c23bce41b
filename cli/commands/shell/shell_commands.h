// Commands of the shell itself (help keyword "nodevirt"): help, quit/exit, connect, echo,
// cd, pwd.
#pragma once

#include "cli/command_def.h"

namespace nodevirt::cli {

CommandDef helpCommand();
CommandDef quitCommand();
CommandDef exitCommand();
CommandDef connectCommand();
CommandDef echoCommand();
CommandDef cdCommand();
CommandDef pwdCommand();

// Help text of one command as `help COMMAND` prints it (NAME, SYNOPSIS, DESCRIPTION, OPTIONS).
std::string commandHelpText(const CommandDef& def);

}  // namespace nodevirt::cli
