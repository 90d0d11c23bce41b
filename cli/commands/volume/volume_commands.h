// Storage volume commands (help keyword "volume").
#pragma once

#include "cli/command_def.h"

namespace nodevirt::cli {

CommandDef volListCommand();
CommandDef volInfoCommand();
CommandDef volDumpxmlCommand();
CommandDef volCreateCommand();
CommandDef volCreateAsCommand();
CommandDef volCloneCommand();
CommandDef volDeleteCommand();
CommandDef volPathCommand();
CommandDef volKeyCommand();
CommandDef volNameCommand();
CommandDef volPoolCommand();
CommandDef volResizeCommand();
CommandDef volWipeCommand();
CommandDef volDownloadCommand();
CommandDef volUploadCommand();

}  // namespace nodevirt::cli
