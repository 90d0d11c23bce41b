// The <pool> document pool-define-as / pool-create-as build from their options, and the
// option table they share.
#pragma once

#include <string>
#include <vector>

#include "cli/command_def.h"
#include "cli/parsed_command.h"

namespace nodevirt::cli {

std::vector<OptionDef> poolAsOptions(bool with_build);
std::string poolXmlFromOptions(const ParsedCommand& cmd);

// Runs pool-define-as (`create` false) or pool-create-as (`create` true).
bool runPoolAs(Context& ctx, const ParsedCommand& cmd, bool create);

}  // namespace nodevirt::cli
