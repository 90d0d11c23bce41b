// secret-set-value: set a secret's value from --base64, a file, or the terminal.
#include <termios.h>
#include <unistd.h>

#include <iostream>

#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/secret/base64.h"
#include "cli/commands/secret/secret_commands.h"
#include "cli/lookup.h"

namespace nodevirt::cli {
namespace {

// Reads one line from the terminal without echoing it.
std::optional<std::string> readHidden(Context& ctx) {
    ctx.print("Enter new value for secret:");
    ctx.out().flush();
    termios saved{};
    const bool tty = tcgetattr(STDIN_FILENO, &saved) == 0;
    if (tty) {
        termios quiet = saved;
        quiet.c_lflag &= static_cast<tcflag_t>(~ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    std::string line;
    const bool ok = static_cast<bool>(std::getline(std::cin, line));
    if (tty) tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    ctx.print("\n");
    if (!ok) return std::nullopt;
    return line;
}

// The value to set, as bytes; nullopt after an error.
std::optional<std::string> newValue(Context& ctx, const ParsedCommand& cmd) {
    std::optional<std::string> file, b64;
    if (!cmd.getString(ctx, "file", file) || !cmd.getString(ctx, "base64", b64)) return std::nullopt;
    const bool plain = cmd.has("plain");
    std::optional<std::string> raw;
    if (b64) {
        ctx.error("Passing secret value as command-line argument is insecure!");
        raw = b64;
    } else if (file) {
        raw = readFileArg(ctx, *file);
        if (!raw) return std::nullopt;
        // A trailing newline in a base64 file is not part of the value.
        if (!plain) {
            while (!raw->empty() && (raw->back() == '\n' || raw->back() == '\r')) raw->pop_back();
        }
    } else if (cmd.has("interactive")) {
        raw = readHidden(ctx);
        if (!raw) {
            ctx.error("Input secret value is missing");
            return std::nullopt;
        }
        return raw;
    } else {
        ctx.error("Input secret value is missing");
        return std::nullopt;
    }
    if (plain) return raw;
    auto decoded = base64Decode(*raw);
    if (!decoded) ctx.error("Invalid base64 data");
    return decoded;
}

bool run(Context& ctx, const ParsedCommand& cmd) {
    if (!checkExclusive(ctx, cmd, "file", "base64") || !checkExclusive(ctx, cmd, "interactive", "base64") ||
        !checkExclusive(ctx, cmd, "interactive", "file") || !checkExclusive(ctx, cmd, "plain", "base64")) {
        return false;
    }
    auto secret = lookupSecret(ctx, cmd);
    if (!secret) return false;
    auto value = newValue(ctx, cmd);
    if (!value) return false;
    if (auto st = secret->setValue(*value); !st) return failWith(ctx, st.error());
    ctx.printExtra("Secret value set\n");
    return true;
}

}  // namespace

CommandDef secretSetValueCommand() {
    return {"secret-set-value", CommandGroup::kSecret, "set a secret value",
            "Sets the value of a secret from a file, base64 text or the terminal.",
            {dataOpt("secret", "secret UUID"),
             stringOpt("file", "read the value from this file", kOptNamedOnly),
             boolOpt("plain", "the file holds the raw value, not base64"),
             boolOpt("interactive", "read the value from the terminal"),
             stringOpt("base64", "the value, base64-encoded")},
            run};
}

}  // namespace nodevirt::cli
