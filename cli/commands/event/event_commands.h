// Event commands (help keyword "events").
#pragma once

#include "cli/command_def.h"

namespace nodevirt::cli {

CommandDef eventCommand();

}  // namespace nodevirt::cli
