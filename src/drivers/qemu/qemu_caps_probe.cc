#include "drivers/qemu/qemu_caps_probe.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdlib>

#include "drivers/qemu/monitor_socket.h"
#include "drivers/qemu/qmp_sync_client.h"
#include "util/file_io.h"
#include "util/logging.h"

namespace nodevirt::qemu {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr int kMonitorFd = 3;
constexpr milliseconds kExitGrace(5000);
constexpr milliseconds kQuitGrace(2000);

Error probeError(std::string_view detail) {
    return Error::make(ErrorCode::kInternalError, ErrorDomain::kQemu,
                       fmt::format("Failed to probe QEMU binary with QMP: {}", detail));
}

// What QEMU printed, for error messages (the tail only).
std::string logTail(const std::string& path) {
    auto content = file::readAll(path, 1 << 20);
    if (!content || content->empty()) return "";
    std::string s = content->size() > 1000 ? content->substr(content->size() - 1000) : *content;
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
    return s;
}

milliseconds remaining(Clock::time_point deadline) {
    auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
    return std::max(left, milliseconds(1));
}

// The queries, in order; each reply goes to its parser.
Status runQueries(SyncQmpClient& qmp, QemuCaps& caps, Clock::time_point deadline) {
    struct Query {
        const char* command;
        Json arguments;
        Status (*parse)(const Json&, QemuCaps&);
    };
    const Query queries[] = {
        {"query-version", nullptr, parseVersion},
        {"query-commands", nullptr, parseCommands},
        {"query-qmp-schema", nullptr, parseSchema},
        {"query-machines", nullptr, parseMachines},
        {"query-cpu-definitions", nullptr, parseCpuDefinitions},
        {"query-kvm", nullptr, parseKvm},
        {"qom-list-types", {{"implements", "device"}, {"abstract", false}}, parseDeviceTypes},
    };
    for (const auto& q : queries) {
        auto reply = qmp.execute(q.command, q.arguments, remaining(deadline));
        if (!reply) return fail(reply.error());
        NODEVIRT_TRY(q.parse(*reply, caps));
    }
    for (std::string_view dev : kProbedDevices) {
        if (!caps.hasDevice(dev)) continue;
        std::string name(dev);
        auto reply =
            qmp.execute("device-list-properties", {{"typename", name}}, remaining(deadline));
        if (!reply) return fail(reply.error());
        NODEVIRT_TRY(parseDeviceProperties(name, *reply, caps));
    }
    return ok();
}

// Asks QEMU to quit and makes sure the process is gone (bounded), whatever happened before.
// `quit` gets its own short allowance, even when the probe ran out of time.
void finish(util::Process& proc, SyncQmpClient* qmp, milliseconds quit_grace) {
    bool quitting = false;
    if (qmp && !qmp->closed()) {
        auto left = quit_grace;
        quitting = qmp->execute("quit", nullptr, left).has_value() || qmp->closed();
        if (quitting) (void)qmp->waitForClose(left);
    }
    if (quitting && proc.wait(kExitGrace)) return;
    if (auto st = proc.terminate(kExitGrace); !st)
        log::warn("QEMU probe process {} did not exit: {}", proc.pid(), st.error().message);
}

}  // namespace

bool hostKvmUsable() {
    int fd = ::open("/dev/kvm", O_RDWR | O_CLOEXEC);
    if (fd < 0) return false;
    ::close(fd);
    return true;
}

std::vector<std::string> probeArgv(const ProbeOptions& o, int monitor_fd) {
    return {o.binary,
            "-machine",
            "none",
            "-S",
            "-nodefaults",
            "-nographic",
            "-no-user-config",
            "-accel",
            o.use_kvm ? "kvm" : "tcg",
            "-chardev",
            fmt::format("socket,id=monitor,fd={},server=on,wait=off", monitor_fd),
            "-mon",
            "chardev=monitor,mode=control"};
}

Result<QemuCaps> probeQemuCaps(util::ProcessRunner& runner, const ProbeOptions& o) {
    static std::atomic<unsigned> counter{0};
    auto deadline = Clock::now() + o.timeout;
    std::string base = fmt::format("{}/probe-{}-{}", o.scratch_dir, ::getpid(), counter++);
    std::string sock = base + ".sock";
    std::string log_path = base + ".log";
    NODEVIRT_ASSIGN_OR_RETURN(UniqueFd listener, listenUnixSocket(sock));

    util::SpawnOptions so;
    so.argv = probeArgv(o, kMonitorFd);
    const char* path_env = ::getenv("PATH");
    so.env = std::vector<std::string>{
        "LC_ALL=C", std::string("PATH=") + (path_env ? path_env : "/usr/bin:/bin")};
    so.keep_fds = {{listener.get(), kMonitorFd}};
    so.stdout_target = util::StreamTarget::file(log_path);
    so.stderr_target = util::StreamTarget::sameAsStdout();
    so.new_process_group = true;  // a Ctrl-C meant for us does not reach the probe
    auto spawned = runner.spawn(so);
    if (!spawned) {
        ::unlink(sock.c_str());
        return fail(spawned.error());
    }
    auto& proc = **spawned;
    // Connect while we still hold the listener, then drop our copy: if QEMU dies before it
    // accepts, the pending connection is reset and the handshake fails at once.
    auto conn = connectUnixSocket(sock);
    listener.reset();
    ::unlink(sock.c_str());
    Result<std::unique_ptr<SyncQmpClient>> qmp =
        conn ? SyncQmpClient::attach(std::move(*conn), remaining(deadline))
             : Result<std::unique_ptr<SyncQmpClient>>(fail(conn.error()));
    QemuCaps caps;
    Status st = qmp ? ok() : Status(fail(qmp.error()));
    if (st) {
        caps.binary = o.binary;
        caps.accel = o.use_kvm ? "kvm" : "tcg";
        caps.qmp_capabilities = (*qmp)->greeting().capabilities;
        st = runQueries(**qmp, caps, deadline);
    }
    finish(proc, qmp ? qmp->get() : nullptr, std::min(o.timeout, kQuitGrace));
    std::string tail = logTail(log_path);
    ::unlink(log_path.c_str());
    if (!st) {
        std::string detail = st.error().message;
        if (!tail.empty()) detail += fmt::format(" (QEMU said: {})", tail);
        return fail(probeError(fmt::format("{}: {}", o.binary, detail)));
    }
    return caps;
}

}  // namespace nodevirt::qemu
