// Storage pool commands (help keyword "pool").
#pragma once

#include "cli/command_def.h"

namespace nodevirt::cli {

CommandDef poolListCommand();
CommandDef poolInfoCommand();
CommandDef poolDumpxmlCommand();
CommandDef poolDefineCommand();
CommandDef poolCreateCommand();
CommandDef poolDefineAsCommand();
CommandDef poolCreateAsCommand();
CommandDef poolBuildCommand();
CommandDef poolStartCommand();
CommandDef poolDestroyCommand();
CommandDef poolDeleteCommand();
CommandDef poolUndefineCommand();
CommandDef poolRefreshCommand();
CommandDef poolAutostartCommand();
CommandDef poolUuidCommand();
CommandDef poolNameCommand();

}  // namespace nodevirt::cli
