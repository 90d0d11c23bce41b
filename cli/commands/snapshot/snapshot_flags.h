// The creation options snapshot-create and snapshot-create-as share, and their flags.
#pragma once

#include <vector>

#include "cli/command_def.h"
#include "cli/parsed_command.h"

namespace nodevirt::cli {

// --no-metadata --halt --disk-only --reuse-external --quiesce --atomic --live --validate
// (snapshot-create-as puts --print-xml first).
void appendSnapshotCreateOptions(std::vector<OptionDef>& opts, bool with_print_xml);
unsigned snapshotCreateFlags(const ParsedCommand& cmd);

}  // namespace nodevirt::cli
