// Virtual network commands (help keyword "network").
#pragma once

#include "cli/command_def.h"

namespace nodevirt::cli {

CommandDef netListCommand();
CommandDef netInfoCommand();
CommandDef netDumpxmlCommand();
CommandDef netDefineCommand();
CommandDef netCreateCommand();
CommandDef netUndefineCommand();
CommandDef netStartCommand();
CommandDef netDestroyCommand();
CommandDef netAutostartCommand();
CommandDef netUuidCommand();
CommandDef netNameCommand();

}  // namespace nodevirt::cli
