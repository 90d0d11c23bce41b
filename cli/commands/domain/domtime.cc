// domtime: the guest's clock (reading only; setting needs the guest agent).
#include <ctime>

#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/json_output.h"
#include "cli/lookup.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    if (!checkExclusive(ctx, cmd, "time", "now") || !checkExclusive(ctx, cmd, "time", "sync") ||
        !checkExclusive(ctx, cmd, "now", "sync")) {
        return false;
    }
    auto dom = lookupDomain(ctx, cmd);
    if (!dom) return false;
    std::optional<std::string> time_text;
    if (!cmd.getString(ctx, "time", time_text)) return false;
    if (time_text || cmd.has("now") || cmd.has("sync")) {
        // The client API has no virDomainSetTime yet.
        return failWith(ctx, Error::make(ErrorCode::kNoSupport, ErrorDomain::kDomain,
                                         "virDomainSetTime"));
    }
    auto t = dom->time();
    if (!t) return failWith(ctx, t.error());
    if (wantJson(ctx, cmd)) {
        printJson(ctx, {{"seconds", t->seconds}, {"nanoseconds", t->nanoseconds}});
        return true;
    }
    // virsh prints the time without a final newline; the shell's blank line ends it.
    if (cmd.has("pretty")) {
        const std::time_t secs = static_cast<std::time_t>(t->seconds);
        std::tm tm{};
        gmtime_r(&secs, &tm);
        char buf[64];
        std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
        ctx.print(fmt::format("Time: {}", buf));
    } else {
        ctx.print(fmt::format("Time: {}", t->seconds));
    }
    return true;
}

}  // namespace

CommandDef domtimeCommand() {
    return {"domtime", CommandGroup::kMonitor, "domain time",
            "Prints the time of the guest's clock (seconds since the epoch, or --pretty).",
            {domainOpt(), boolOpt("now", "set the guest clock to the host's time"),
             boolOpt("pretty", "print a date and time"),
             boolOpt("sync", "set the guest clock from its RTC"),
             intOpt("time", "set the guest clock to this time"), jsonOption()},
            run};
}

}  // namespace nodevirt::cli
