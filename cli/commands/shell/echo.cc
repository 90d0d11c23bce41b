// echo: print the arguments, optionally quoted for a shell or escaped for XML.
#include <algorithm>

#include "cli/command_util.h"
#include "cli/commands/shell/shell_commands.h"

namespace nodevirt::cli {
namespace {

bool isShellSafe(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("@%+=:,./-_").find(c) != std::string_view::npos;
}

std::string shellQuote(const std::string& s) {
    if (!s.empty() && std::all_of(s.begin(), s.end(), isShellSafe)) return s;
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::string xmlEscape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '&': out += "&amp;"; break;
            case '\'': out += "&apos;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

// Splits on ',' with ",," standing for a literal comma.
std::vector<std::string> splitCommas(const std::string& s) {
    std::vector<std::string> parts(1);
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == ',' && i + 1 < s.size() && s[i + 1] == ',') {
            parts.back() += ',';
            ++i;
        } else if (s[i] == ',') {
            parts.emplace_back();
        } else {
            parts.back() += s[i];
        }
    }
    return parts;
}

bool run(Context& ctx, const ParsedCommand& cmd) {
    if (!checkExclusive(ctx, cmd, "shell", "split")) return false;
    std::string out;
    bool first = true;
    for (const std::string& word : cmd.all("string")) {
        std::string arg = cmd.has("xml") ? xmlEscape(word) : word;
        if (cmd.has("shell")) arg = shellQuote(arg);
        if (!first) out += ' ';
        first = false;
        if (cmd.has("split")) {
            for (const std::string& part : splitCommas(arg)) out += part + "\n";
        } else {
            out += arg;
        }
    }
    if (first) return true;
    if (cmd.has("err")) {
        ctx.error(out);
    } else {
        ctx.print(out);
    }
    return true;
}

}  // namespace

CommandDef echoCommand() {
    return {"echo", CommandGroup::kShell, "print the arguments",
            "Prints the arguments separated by spaces, optionally quoted for a shell or escaped "
            "for XML.",
            {boolOpt("shell", "quote for a POSIX shell"), boolOpt("xml", "escape for XML"),
             boolOpt("split", "split each argument at ',' (',,' is a literal comma)"),
             boolOpt("err", "print on stderr"), argvOpt("string", "the words to print")},
            run, kCmdNoConnect};
}

}  // namespace nodevirt::cli
