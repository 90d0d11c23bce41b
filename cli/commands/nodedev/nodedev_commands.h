// Host device commands (help keyword "nodedev").
#pragma once

#include "cli/command_def.h"

namespace nodevirt::cli {

CommandDef nodedevListCommand();
CommandDef nodedevDumpxmlCommand();
CommandDef nodedevInfoCommand();

}  // namespace nodevirt::cli
