#include "drivers/qemu/driver/qemu_monitor_command.h"

#include <fmt/format.h>

#include <atomic>

#include "drivers/qemu/driver/qemu_domain.h"

namespace nodevirt::qemu {
namespace {

constexpr unsigned kMonitorCommandHmp = 1;  // VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP

// QEMU's description of a failed command, from the client's error ("unable to execute QEMU
// command 'X': DESC").
std::string errorDesc(const Error& e, const std::string& command) {
    std::string marker = fmt::format("QEMU command '{}': ", command);
    size_t at = e.message.find(marker);
    return at == std::string::npos ? e.message : e.message.substr(at + marker.size());
}

}  // namespace

Result<std::string> QemuMonitorOps::monitorCommand(const DomainRef& dom, const std::string& cmd,
                                                   unsigned flags) {
    NODEVIRT_TRY(checkQemuFlags(flags, kMonitorCommandHmp, "qemuDomainQemuMonitorCommand"));
    std::string execute = "human-monitor-command";
    Json arguments = Json{{"command-line", cmd}};
    if (!(flags & kMonitorCommandHmp)) {
        Json parsed = Json::parse(cmd, nullptr, /*allow_exceptions=*/false);
        auto it = parsed.is_object() ? parsed.find("execute") : parsed.end();
        if (!parsed.is_object() || it == parsed.end() || !it->is_string()) {
            return fail(invalidArg(
                fmt::format("monitor command '{}' is not a JSON object with a string 'execute'",
                            cmd.substr(0, 200)),
                ErrorDomain::kQemu));
        }
        execute = it->get<std::string>();
        auto args = parsed.find("arguments");
        arguments = args == parsed.end() ? Json(nullptr) : *args;
    }
    NODEVIRT_ASSIGN_OR_RETURN(auto job, ctx_.beginJob(dom));
    Result<Json> reply = ctx_.driver().monitorCommand(job, execute, arguments);
    static std::atomic<uint64_t> serial{0};
    std::string id = fmt::format("nodevirt-{}", ++serial);
    if (!reply) {
        std::string cls = qmpErrorClass(reply.error());
        // A refusal by QEMU is the command's answer; a gone or silent monitor is an error.
        if (cls.empty()) return fail(reply.error());
        if (flags & kMonitorCommandHmp) return fail(reply.error());
        Json out{{"id", id},
                 {"error", {{"class", cls}, {"desc", errorDesc(reply.error(), execute)}}}};
        return out.dump();
    }
    if (flags & kMonitorCommandHmp) return reply->is_string() ? reply->get<std::string>() : reply->dump();
    return Json{{"return", *reply}, {"id", id}}.dump();
}

}  // namespace nodevirt::qemu
