// Turns tokens into commands with virsh's rules: the first word names the command;
// "--name value", "--name=value" and flags; other words fill the positional options in
// declaration order; "--" ends options. The whole input is parsed before anything runs, so
// any error means no command runs.
#pragma once

#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "cli/parsed_command.h"
#include "cli/registry.h"
#include "cli/tokenizer.h"

namespace nodevirt::cli {

// The commands in order, or the message of the first error (without "error: ").
tl::expected<std::vector<ParsedCommand>, std::string> parseCommands(const CommandRegistry& registry,
                                                                    TokenSource& tokens);

}  // namespace nodevirt::cli
