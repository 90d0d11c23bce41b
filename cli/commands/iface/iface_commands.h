// Host network interface commands (help keyword "interface").
#pragma once

#include "cli/command_def.h"

namespace nodevirt::cli {

CommandDef ifaceListCommand();
CommandDef ifaceDumpxmlCommand();
CommandDef ifaceNameCommand();
CommandDef ifaceMacCommand();

}  // namespace nodevirt::cli
