// Secret commands (help keyword "secret").
#pragma once

#include "cli/command_def.h"

namespace nodevirt::cli {

CommandDef secretListCommand();
CommandDef secretDefineCommand();
CommandDef secretDumpxmlCommand();
CommandDef secretSetValueCommand();
CommandDef secretGetValueCommand();
CommandDef secretUndefineCommand();

}  // namespace nodevirt::cli
