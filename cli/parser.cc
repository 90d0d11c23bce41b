#include "cli/parser.h"

#include <cctype>

#include <fmt/format.h>

namespace nodevirt::cli {
namespace {

using Unexpected = tl::unexpected<std::string>;

// Per-command bookkeeping: which options were seen and which still take positional words.
struct OptionState {
    std::vector<bool> seen;
    std::vector<bool> needs_arg;  // may still receive a positional word
    std::vector<bool> required;
};

OptionState initialState(const CommandDef& def) {
    const size_t n = def.options.size();
    OptionState st{std::vector<bool>(n), std::vector<bool>(n), std::vector<bool>(n)};
    for (size_t i = 0; i < n; ++i) {
        const OptionDef& opt = def.options[i];
        if (opt.type == OptionType::kBool || opt.type == OptionType::kAlias) continue;
        st.required[i] = (opt.flags & kOptRequired) != 0;
        if ((opt.flags & kOptNamedOnly) == 0) st.needs_arg[i] = true;
    }
    return st;
}

bool isHelp(const CommandDef& def) { return def.name == "help"; }

// Resolves "--name" (after aliases) to an option index; fills `value` from an alias's
// "name=value" form. Returns an error message, or nullopt with index == npos for an
// option that `help` silently ignores.
tl::expected<size_t, std::string> lookupOption(const CommandDef& def, std::string name,
                                               std::optional<std::string>& value,
                                               OptionState& st) {
    // Aliases resolve at most a few levels; the bound keeps a bad table from looping.
    for (int depth = 0; depth < 4; ++depth) {
        size_t i = 0;
        for (; i < def.options.size(); ++i) {
            if (def.options[i].name == name) break;
        }
        if (i == def.options.size()) break;
        const OptionDef& opt = def.options[i];
        if (opt.type == OptionType::kAlias) {
            const std::string& target = opt.help;
            const size_t eq = target.find('=');
            if (eq != std::string::npos) {
                if (value) return Unexpected(fmt::format("invalid '=' after option --{}", opt.name));
                value = target.substr(eq + 1);
                name = target.substr(0, eq);
            } else {
                name = target;
            }
            continue;
        }
        if (st.seen[i] && opt.type != OptionType::kArgv) {
            return Unexpected(fmt::format("option --{} already seen", name));
        }
        st.seen[i] = true;
        return i;
    }
    if (isHelp(def)) return std::string::npos;
    return Unexpected(fmt::format("command '{}' doesn't support option --{}", def.name, name));
}

// The next positional option, or npos when none is left.
size_t nextPositional(const CommandDef& def, OptionState& st) {
    for (size_t i = 0; i < def.options.size(); ++i) {
        if (!st.needs_arg[i]) continue;
        if (def.options[i].type != OptionType::kArgv) st.needs_arg[i] = false;
        st.seen[i] = true;
        return i;
    }
    return std::string::npos;
}

std::optional<std::string> missingRequired(const CommandDef& def, const OptionState& st) {
    for (size_t i = 0; i < def.options.size(); ++i) {
        if (!st.required[i] || st.seen[i]) continue;
        const OptionDef& opt = def.options[i];
        if (opt.type == OptionType::kData || opt.type == OptionType::kArgv) {
            return fmt::format("command '{}' requires <{}> option", def.name, opt.name);
        }
        return fmt::format("command '{}' requires --{} option", def.name, opt.name);
    }
    return std::nullopt;
}

enum class Step { kContinue, kHelpRequested };

// Handles one "--name[=value]" token of `def`.
tl::expected<Step, std::string> parseNamedOption(const CommandDef& def, const std::string& token,
                                                 TokenSource& tokens, OptionState& st,
                                                 ParsedCommand& cmd) {
    std::string name = token.substr(2);
    std::optional<std::string> value;
    if (const size_t eq = name.find('='); eq != std::string::npos) {
        value = name.substr(eq + 1);
        name.resize(eq);
    }
    if (name == "help") return Step::kHelpRequested;
    auto index = lookupOption(def, name, value, st);
    if (!index) return Unexpected(index.error());
    if (*index == std::string::npos) return Step::kContinue;  // ignored by `help`
    const OptionDef& opt = def.options[*index];
    if (opt.type == OptionType::kBool) {
        if (value) return Unexpected(fmt::format("invalid '=' after option --{}", opt.name));
        cmd.add(*index, std::nullopt);
        return Step::kContinue;
    }
    if (!value) {
        Token t = tokens.next();
        if (t.kind == TokenKind::kError) return Unexpected(t.text);
        if (t.kind != TokenKind::kArg) {
            return Unexpected(fmt::format("expected syntax: --{} <{}>", opt.name,
                                          opt.type == OptionType::kInt ? "number" : "string"));
        }
        value = std::move(t.text);
    }
    if (opt.type != OptionType::kArgv) st.needs_arg[*index] = false;
    cmd.add(*index, std::move(value));
    return Step::kContinue;
}

bool looksLikeOption(const std::string& token) {
    return token.size() > 2 && token[0] == '-' && token[1] == '-' &&
           std::isalnum(static_cast<unsigned char>(token[2]));
}

}  // namespace

tl::expected<std::vector<ParsedCommand>, std::string> parseCommands(const CommandRegistry& registry,
                                                                    TokenSource& tokens) {
    std::vector<ParsedCommand> commands;
    // Each iteration parses one command; the token source is finite, so this ends.
    for (bool done = false; !done;) {
        const CommandDef* def = nullptr;
        ParsedCommand cmd;
        OptionState st;
        bool data_only = false;
        bool help_requested = false;
        for (;;) {
            Token t = tokens.next();
            if (t.kind == TokenKind::kError) return Unexpected(t.text);
            if (t.kind == TokenKind::kEnd) done = true;
            if (t.kind != TokenKind::kArg) break;
            if (def == nullptr) {
                def = registry.find(t.text);
                if (def == nullptr) return Unexpected(fmt::format("unknown command: '{}'", t.text));
                cmd = ParsedCommand(def);
                st = initialState(*def);
                continue;
            }
            if (!data_only && looksLikeOption(t.text)) {
                auto step = parseNamedOption(*def, t.text, tokens, st, cmd);
                if (!step) return Unexpected(step.error());
                if (*step == Step::kHelpRequested) {
                    // The rest of the words form the next command, as in virsh.
                    help_requested = true;
                    break;
                }
                continue;
            }
            if (!data_only && t.text == "--") {
                data_only = true;
                continue;
            }
            const size_t index = nextPositional(*def, st);
            if (index == std::string::npos) {
                if (isHelp(*def)) continue;
                return Unexpected(fmt::format("unexpected data '{}'", t.text));
            }
            cmd.add(index, std::move(t.text));
        }
        if (def == nullptr) continue;
        if (help_requested) {
            const CommandDef* help = registry.find("help");
            if (help == nullptr) return Unexpected("unknown command: 'help'");
            ParsedCommand help_cmd(help);
            if (!help->options.empty()) help_cmd.add(0, def->name);
            commands.push_back(std::move(help_cmd));
            continue;
        }
        if (auto missing = missingRequired(*def, st)) return Unexpected(*missing);
        commands.push_back(std::move(cmd));
    }
    return commands;
}

}  // namespace nodevirt::cli
