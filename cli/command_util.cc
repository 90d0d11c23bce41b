#include "cli/command_util.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

#include <fmt/format.h>

#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

constexpr size_t kMaxXmlFile = 10 * 1024 * 1024;

Error systemError(std::string message) {
    return Error::raw(ErrorCode::kSystemError, ErrorDomain::kNone, std::move(message));
}

}  // namespace

bool checkExclusive(Context& ctx, const ParsedCommand& cmd, std::string_view a, std::string_view b) {
    if (cmd.has(a) && cmd.has(b)) {
        ctx.error(fmt::format("Options --{} and --{} are mutually exclusive", a, b));
        return false;
    }
    return true;
}

bool checkRequires(Context& ctx, const ParsedCommand& cmd, std::string_view by,
                   std::string_view needed) {
    if (cmd.has(by) && !cmd.has(needed)) {
        ctx.error(fmt::format("Option --{} is required by option --{}", needed, by));
        return false;
    }
    return true;
}

std::optional<unsigned> affectFlags(Context& ctx, const ParsedCommand& cmd) {
    if (!checkExclusive(ctx, cmd, "current", "live") ||
        !checkExclusive(ctx, cmd, "current", "config")) {
        return std::nullopt;
    }
    unsigned flags = lv::kDomainAffectCurrent;
    if (cmd.has("config")) flags |= lv::kDomainAffectConfig;
    if (cmd.has("live")) flags |= lv::kDomainAffectLive;
    return flags;
}

std::optional<std::string> readFileArg(Context& ctx, const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        const int err = errno;
        ctx.setLastError(systemError(
            fmt::format("Failed to open file '{}': {}", path, std::strerror(err))));
        return std::nullopt;
    }
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
        ctx.setLastError(systemError(
            fmt::format("Failed to read file '{}': {}", path, std::strerror(EISDIR))));
        return std::nullopt;
    }
    std::string data;
    char buf[65536];
    // Bounded by kMaxXmlFile.
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        data.append(buf, static_cast<size_t>(in.gcount()));
        if (data.size() > kMaxXmlFile) {
            ctx.setLastError(Error::raw(ErrorCode::kInternalError, ErrorDomain::kNone,
                                        fmt::format("File '{}' is too large", path)));
            return std::nullopt;
        }
    }
    return data;
}

}  // namespace nodevirt::cli
