// The command runner: parses a command string (or argv words), runs each command in turn
// and reports failures as virsh does — a parse error runs nothing, a failed command prints
// its errors and the line goes on, the result is the last command's. Also the interactive
// loop.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cli/context.h"
#include "cli/parsed_command.h"

namespace nodevirt::cli {

class LineReader;

class Shell {
public:
    explicit Shell(Context& ctx) : ctx_(ctx) {}

    // Opens the connection named by ctx.requestedUri(); prints virsh's error on failure.
    bool connect();

    // Each returns true when the last command ran and succeeded.
    bool runString(std::string_view line);
    bool runArgv(std::vector<std::string> words);
    bool runCommands(const std::vector<ParsedCommand>& commands);

    // Reads and runs lines until EOF or quit/exit. Returns the process exit status.
    int runInteractive(LineReader& reader);

private:
    bool runOne(const ParsedCommand& cmd);
    bool ensureConnected();

    Context& ctx_;
};

// The text printed when the interactive shell starts (unless -q).
std::string_view welcomeBanner();

}  // namespace nodevirt::cli
