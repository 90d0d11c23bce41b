// Host and hypervisor commands (help keyword "host").
#pragma once

#include "cli/command_def.h"

namespace nodevirt::cli {

CommandDef versionCommand();
CommandDef hostnameCommand();
CommandDef uriCommand();
CommandDef nodeinfoCommand();
CommandDef capabilitiesCommand();
CommandDef sysinfoCommand();
CommandDef freecellCommand();
CommandDef maxvcpusCommand();
CommandDef nodecpumapCommand();

}  // namespace nodevirt::cli
