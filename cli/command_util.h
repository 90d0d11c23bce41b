// Small helpers every command file uses: option builders (so option tables read like
// virsh's synopsis), and the "print virsh's line, keep the library's error" failure path.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "cli/command_def.h"
#include "cli/context.h"
#include "cli/parsed_command.h"
#include "nodevirt/result.h"

namespace nodevirt::cli {

inline OptionDef boolOpt(std::string name, std::string help) {
    return {std::move(name), OptionType::kBool, 0, std::move(help)};
}
inline OptionDef stringOpt(std::string name, std::string help, unsigned flags = 0) {
    return {std::move(name), OptionType::kString, flags, std::move(help)};
}
inline OptionDef intOpt(std::string name, std::string help, unsigned flags = 0) {
    return {std::move(name), OptionType::kInt, flags, std::move(help)};
}
inline OptionDef dataOpt(std::string name, std::string help, unsigned flags = kOptRequired) {
    return {std::move(name), OptionType::kData, flags, std::move(help)};
}
inline OptionDef argvOpt(std::string name, std::string help, unsigned flags = 0) {
    return {std::move(name), OptionType::kArgv, flags, std::move(help)};
}
inline OptionDef aliasOpt(std::string name, std::string target) {
    return {std::move(name), OptionType::kAlias, 0, std::move(target)};
}

// The common domain argument.
inline OptionDef domainOpt(std::string help = "domain name, id or UUID") {
    return dataOpt("domain", std::move(help));
}
// --config/--live/--current as most tunables take them.
inline OptionDef configOpt() { return boolOpt("config", "change the persistent configuration"); }
inline OptionDef liveOpt() { return boolOpt("live", "change the running domain"); }
inline OptionDef currentOpt() { return boolOpt("current", "change the current state"); }

// The failure path of most commands: keep the library's error for the shell to print after
// virsh's own line `message`, and report failure.
inline bool failWith(Context& ctx, const Error& err, std::string_view message) {
    ctx.setLastError(err);
    ctx.error(message);
    return false;
}

// A library failure with no line of our own: only the library's message is printed.
inline bool failWith(Context& ctx, const Error& err) {
    ctx.setLastError(err);
    return false;
}

// "Options --a and --b are mutually exclusive" when both are given.
bool checkExclusive(Context& ctx, const ParsedCommand& cmd, std::string_view a, std::string_view b);
// "Option --needed is required by option --by" when `by` is given without `needed`.
bool checkRequires(Context& ctx, const ParsedCommand& cmd, std::string_view by,
                   std::string_view needed);

// The VIR_DOMAIN_AFFECT_* flags from --current/--live/--config, after virsh's exclusivity
// checks (--current excludes the others). nullopt after printing an error.
std::optional<unsigned> affectFlags(Context& ctx, const ParsedCommand& cmd);

// Reads a whole file given on the command line; prints virsh's error when it cannot.
std::optional<std::string> readFileArg(Context& ctx, const std::string& path);

}  // namespace nodevirt::cli
