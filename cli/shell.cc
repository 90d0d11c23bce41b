#include "cli/shell.h"

#include <chrono>

#include <fmt/format.h>

#include "cli/line_reader.h"
#include "cli/parser.h"
#include "cli/registry.h"
#include "cli/tokenizer.h"

namespace nodevirt::cli {

std::string_view welcomeBanner() {
    return "Welcome to nodevirt, the virtualization interactive terminal.\n\n"
           "Type:  'help' for help with commands\n"
           "       'quit' to quit\n\n";
}

bool Shell::connect() {
    const OpenFlags flags = ctx_.flags().readonly ? OpenFlags::kReadOnly : OpenFlags::kNone;
    auto conn = Connection::open(ctx_.requestedUri(), flags);
    if (!conn) {
        ctx_.error("failed to connect to the hypervisor");
        ctx_.setLastError(conn.error());
        ctx_.reportLastError();
        return false;
    }
    ctx_.setConnection(std::move(*conn));
    return true;
}

bool Shell::ensureConnected() {
    if (ctx_.conn().isValid()) return true;
    const OpenFlags flags = ctx_.flags().readonly ? OpenFlags::kReadOnly : OpenFlags::kNone;
    if (auto conn = Connection::open(ctx_.requestedUri(), flags)) {
        ctx_.setConnection(std::move(*conn));
        return true;
    }
    ctx_.error("no valid connection");
    return false;
}

bool Shell::runString(std::string_view line) {
    StringTokenizer tokens(line);
    auto commands = parseCommands(ctx_.registry(), tokens);
    if (!commands) {
        ctx_.error(commands.error());
        return false;
    }
    return runCommands(*commands);
}

bool Shell::runArgv(std::vector<std::string> words) {
    ArgvTokenizer tokens(std::move(words));
    auto commands = parseCommands(ctx_.registry(), tokens);
    if (!commands) {
        ctx_.error(commands.error());
        return false;
    }
    return runCommands(*commands);
}

bool Shell::runCommands(const std::vector<ParsedCommand>& commands) {
    // An empty line "succeeds", as in virsh.
    bool ok = true;
    for (const ParsedCommand& cmd : commands) {
        ok = runOne(cmd);
        if (ctx_.exitRequested()) break;
    }
    return ok;
}

bool Shell::runOne(const ParsedCommand& cmd) {
    ctx_.clearLastError();
    ctx_.resetJsonEmitted();
    const auto started = std::chrono::steady_clock::now();
    bool ok = false;
    if ((cmd.def().flags & kCmdNoConnect) != 0 || ensureConnected()) {
        ok = cmd.def().handler(ctx_, cmd);
    }
    const auto elapsed = std::chrono::steady_clock::now() - started;
    if (!ok) ctx_.reportLastError();
    ctx_.clearLastError();
    if (cmd.name() == "quit" || cmd.name() == "exit") return ok;
    if (ctx_.flags().timing) {
        const double ms = std::chrono::duration<double, std::milli>(elapsed).count();
        ctx_.print(fmt::format("\n(Time: {:.3f} ms)\n\n", ms));
    } else if (!ctx_.jsonEmitted()) {
        // virsh ends every command with an empty line; JSON output stays one clean document.
        ctx_.printExtra("\n");
    }
    ctx_.out().flush();
    return ok;
}

int Shell::runInteractive(LineReader& reader) {
    ctx_.flags().interactive = true;
    if (!ctx_.flags().quiet) ctx_.print(welcomeBanner());
    ctx_.out().flush();
    // One iteration per input line; ends at EOF or on quit/exit.
    while (!ctx_.exitRequested()) {
        const std::string prompt = ctx_.conn().isValid() && ctx_.conn().isReadOnly()
                                       ? "nodevirt > "
                                       : "nodevirt # ";
        auto line = reader.readLine(prompt);
        if (!line) break;
        runString(*line);
    }
    ctx_.print("\n");
    ctx_.out().flush();
    return 0;
}

}  // namespace nodevirt::cli
