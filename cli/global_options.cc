#include "cli/global_options.h"

#include <fmt/format.h>

#include "cli/numbers.h"
#include "cli/version.h"

namespace nodevirt::cli {
namespace {

constexpr std::string_view kVersion = kCliVersion;

struct OptionSpec {
    char short_name;  // 0: long only
    std::string_view long_name;
    bool takes_arg;
};

constexpr OptionSpec kOptions[] = {
    {'c', "connect", true},         {'d', "debug", true},     {'e', "escape", true},
    {'h', "help", false},           {'k', "keepalive-interval", true},
    {'K', "keepalive-count", true}, {'l', "log", true},       {'q', "quiet", false},
    {'r', "readonly", false},       {'t', "timing", false},   {'v', "", false},
    {'V', "", false},               {0, "json", false},
};

const OptionSpec* findShort(char c) {
    for (const auto& o : kOptions) {
        if (o.short_name == c) return &o;
    }
    return nullptr;
}

const OptionSpec* findLong(std::string_view name) {
    for (const auto& o : kOptions) {
        if (!o.long_name.empty() && o.long_name == name) return &o;
    }
    return nullptr;
}

bool allowedEscapeChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '@' && c <= '_'); }

// Applies one option; returns an error message for a fatal problem.
std::optional<std::string> apply(char opt, const std::string& arg, GlobalOptions& o,
                                 std::vector<std::string>& warnings) {
    switch (opt) {
        case 'c': o.uri = arg; break;
        case 'd': {
            auto level = parseInt(arg);
            if (!level) return "option -d takes a numeric argument";
            if (*level < 0 || *level > 4) {
                warnings.push_back(fmt::format("ignoring debug level {} out of range [0-4]", *level));
            } else {
                o.flags.debug_level = *level;
            }
            break;
        }
        case 'e':
            if ((arg.size() == 2 && arg[0] == '^' && allowedEscapeChar(arg[1])) ||
                (arg.size() == 1 && arg[0] != '^')) {
                o.flags.escape = arg;
            } else {
                return fmt::format("Invalid string '{}' for escape sequence", arg);
            }
            break;
        case 'k':
        case 'K': {
            auto value = parseInt(arg);
            if (!value) return fmt::format("Invalid value for option -{}", opt);
            if (*value < 0) return fmt::format("option -{} requires a positive integer argument", opt);
            (opt == 'k' ? o.flags.keepalive_interval : o.flags.keepalive_count) = *value;
            break;
        }
        case 'l': o.flags.log_file = arg; break;
        case 'q': o.flags.quiet = true; break;
        case 'r': o.flags.readonly = true; break;
        case 't': o.flags.timing = true; break;
        case 'h': o.action = GlobalOptions::Action::kHelp; break;
        case 'v': o.action = GlobalOptions::Action::kShortVersion; break;
        case 'V': o.action = GlobalOptions::Action::kLongVersion; break;
        default: break;
    }
    return std::nullopt;
}

std::string missingArgument(const OptionSpec& spec) {
    return fmt::format("option '-{}'/'--{}' requires an argument", spec.short_name, spec.long_name);
}

}  // namespace

GlobalParse parseGlobalOptions(const std::vector<std::string>& argv) {
    GlobalParse result;
    GlobalOptions o;
    size_t i = 1;
    // Each iteration consumes one or two words; stops at the first non-option.
    for (; i < argv.size(); ++i) {
        const std::string& word = argv[i];
        if (word == "--") {
            ++i;
            break;
        }
        if (word.size() < 2 || word[0] != '-') break;
        std::optional<std::string> err;
        if (word[1] == '-') {
            std::string name = word.substr(2);
            std::optional<std::string> value;
            if (auto eq = name.find('='); eq != std::string::npos) {
                value = name.substr(eq + 1);
                name.resize(eq);
            }
            if (name == "version") {
                o.action = value && *value == "long" ? GlobalOptions::Action::kLongVersion
                                                     : GlobalOptions::Action::kShortVersion;
                continue;
            }
            const OptionSpec* spec = findLong(name);
            if (spec == nullptr) {
                result.error = fmt::format("unsupported option '{}'. See --help.", word);
                return result;
            }
            if (spec->long_name == "json") {
                o.flags.json = true;
                continue;
            }
            if (spec->takes_arg && !value) {
                if (i + 1 >= argv.size()) {
                    result.error = missingArgument(*spec);
                    return result;
                }
                value = argv[++i];
            }
            err = apply(spec->short_name, value.value_or(""), o, result.warnings);
        } else {
            // A cluster of short options: "-qr", "-cURI", "-c URI".
            for (size_t k = 1; k < word.size() && !err; ++k) {
                const OptionSpec* spec = findShort(word[k]);
                if (spec == nullptr) {
                    result.error = fmt::format("unsupported option '-{}'. See --help.", word[k]);
                    return result;
                }
                if (!spec->takes_arg) {
                    err = apply(spec->short_name, "", o, result.warnings);
                    continue;
                }
                std::string value = word.substr(k + 1);
                if (value.empty()) {
                    if (i + 1 >= argv.size()) {
                        result.error = missingArgument(*spec);
                        return result;
                    }
                    value = argv[++i];
                }
                err = apply(spec->short_name, value, o, result.warnings);
                break;
            }
        }
        if (err) {
            result.error = *err;
            return result;
        }
    }
    o.words.assign(argv.begin() + static_cast<std::ptrdiff_t>(std::min(i, argv.size())), argv.end());
    result.options = std::move(o);
    return result;
}

std::string usageText(const std::string& program) {
    return fmt::format(
        "\n"
        "{0} [options]... [<command_string>]\n"
        "{0} [options]... <command> [args...]\n"
        "\n"
        "  options:\n"
        "    -c | --connect=URI      hypervisor connection URI\n"
        "    -d | --debug=NUM        debug level [0-4]\n"
        "    -e | --escape <char>    set escape sequence for console\n"
        "    -h | --help             this help\n"
        "    -k | --keepalive-interval=NUM\n"
        "                            keepalive interval in seconds, 0 for disable\n"
        "    -K | --keepalive-count=NUM\n"
        "                            number of possible missed keepalive messages\n"
        "    -l | --log=FILE         output logging to file\n"
        "    -q | --quiet            quiet mode\n"
        "    -r | --readonly         connect readonly\n"
        "    -t | --timing           print timing information\n"
        "    -v                      short version\n"
        "    -V                      long version\n"
        "         --version[=TYPE]   version, TYPE is short or long (default short)\n"
        "         --json             machine-readable (JSON) output for listing and info "
        "commands\n"
        "\n"
        "  Without a command, {0} starts an interactive shell. 'help' lists the commands,\n"
        "  'help <command>' describes one.\n"
        "\n",
        program);
}

std::string shortVersionText() { return fmt::format("{}\n", kVersion); }

std::string longVersionText() {
    return fmt::format(
        "nodevirt command line tool {}\n"
        "A virsh-compatible shell for nodevirt and libvirt hypervisor connections.\n",
        kVersion);
}

}  // namespace nodevirt::cli
