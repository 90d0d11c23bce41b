// Domain snapshot commands (help keyword "snapshot").
#pragma once

#include "cli/command_def.h"

namespace nodevirt::cli {

CommandDef snapshotCreateCommand();
CommandDef snapshotCreateAsCommand();
CommandDef snapshotListCommand();
CommandDef snapshotCurrentCommand();
CommandDef snapshotInfoCommand();
CommandDef snapshotDumpxmlCommand();
CommandDef snapshotParentCommand();
CommandDef snapshotRevertCommand();
CommandDef snapshotDeleteCommand();

}  // namespace nodevirt::cli
