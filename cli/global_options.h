// The command line before the command: virsh's options (-c/--connect, -r, -q, -t, -d, -l,
// -e, -k, -K, -v, -V, --version[=short|long], -h) plus --json, with virsh's error texts.
// Parsing stops at the first word that is not an option.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/context.h"

namespace nodevirt::cli {

struct GlobalOptions {
    std::optional<std::string> uri;  // -c / --connect
    GlobalFlags flags;
    enum class Action { kRun, kHelp, kShortVersion, kLongVersion } action = Action::kRun;
    std::vector<std::string> words;  // what follows the options
};

// The parsed options, or the error message (without "error: ") that makes the program exit 1.
struct GlobalParse {
    std::optional<GlobalOptions> options;
    std::string error;
    std::vector<std::string> warnings;  // printed as "error: ..." but not fatal
};
GlobalParse parseGlobalOptions(const std::vector<std::string>& argv);

// The text of -h / --help.
std::string usageText(const std::string& program);
// The texts of -v and -V.
std::string shortVersionText();
std::string longVersionText();

}  // namespace nodevirt::cli
