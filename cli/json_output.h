// Machine-readable output: `--json` (global or per command) makes listing and info commands
// print one JSON document instead of virsh's text. The schema of each command is documented
// in docs/cli.md and is stable: fields are only ever added.
#pragma once

#include <nlohmann/json.hpp>

#include "cli/command_def.h"

namespace nodevirt::cli {

class Context;
class ParsedCommand;

// The per-command option that requests JSON.
OptionDef jsonOption();

// True when this command should print JSON (the command has --json, given here or globally).
bool wantJson(const Context& ctx, const ParsedCommand& cmd);

// Prints `doc` (2-space indented, one trailing newline) and marks the command's output as JSON.
void printJson(Context& ctx, const nlohmann::ordered_json& doc);

}  // namespace nodevirt::cli
