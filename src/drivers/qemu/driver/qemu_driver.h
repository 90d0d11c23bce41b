// QemuDriver: the state of the QEMU driver, one per daemon, shared by every qemu:///system and
// qemu:///session connection: the domains (persistent ones in <state>/qemu), their QEMU
// processes and monitors (run files in <run>/qemu), the capability cache, and the thread that
// runs the monitors' event loop. Lifecycle operations live in qemu_process.cc.
#pragma once

#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/domain_obj_list.h"
#include "core/event_bus.h"
#include "core/state_dir.h"
#include "drivers/qemu/command/command_line.h"
#include "drivers/qemu/driver/qemu_host_caps.h"
#include "drivers/qemu/driver/qemu_device_removals.h"
#include "drivers/qemu/qemu_caps_cache.h"
#include "drivers/qemu/qmp_client.h"
#include "util/process_runner.h"

namespace nodevirt::conf {
struct DomainDef;
}  // namespace nodevirt::conf

namespace nodevirt::qemu {

// Turns a copy of the persistent definition into the live one and builds QEMU's argv
// (prepareLiveDefinition + buildCommandLine; tests substitute their own).
using CommandBuilder =
    std::function<Result<CommandLine>(conf::DomainDef& def, const LaunchContext& ctx)>;
using CapsLookup = std::function<Result<std::shared_ptr<const QemuCaps>>(const std::string&)>;

struct QemuDriverOptions {
    std::string config_dir;  // persistent definitions (<state_dir>/qemu) + autostart/
    std::string run_dir;     // <name>.xml status, .pid, .log, .monitor (<run_dir>/qemu)
    std::string cache_dir;   // capability cache files (<cache_dir>/qemu)
    bool privileged = false;
    std::string default_emulator = "/usr/bin/qemu-system-x86_64";
    util::ProcessRunner* runner = nullptr;  // null: the real one
    CommandBuilder build_command;           // null: prepareLiveDefinition + buildCommandLine
    CapsLookup caps_lookup;                 // null: a QemuCapsCache in cache_dir
    std::chrono::milliseconds monitor_timeout{30000};  // QEMU start -> monitor ready
    std::chrono::milliseconds command_timeout{30000};  // one monitor command
    std::chrono::milliseconds destroy_grace{10000};    // SIGTERM -> SIGKILL
    bool autostart = true;  // start autostart domains at init
    // /proc and /sys for capabilities and statistics; null: the real host.
    std::shared_ptr<const caps::HostSource> host_source;
};

class QemuDriver : public std::enable_shared_from_this<QemuDriver> {
  public:
    // Creates the directories, loads the persistent definitions, re-attaches the QEMUs that
    // still run (status files) and queues the autostart domains.
    static Result<std::shared_ptr<QemuDriver>> create(QemuDriverOptions options);
    // Leaves every guest running: processes are released, monitors closed without a word.
    ~QemuDriver();
    QemuDriver(const QemuDriver&) = delete;
    QemuDriver& operator=(const QemuDriver&) = delete;

    [[nodiscard]] core::DomainObjList& domains() { return domains_; }
    [[nodiscard]] core::EventBus& events() { return events_; }
    [[nodiscard]] const core::StateDir& configDir() const { return config_dir_; }
    [[nodiscard]] const QemuDriverOptions& options() const { return options_; }
    [[nodiscard]] asio::io_context& io() { return io_; }
    Result<std::shared_ptr<const QemuCaps>> caps(const std::string& binary);
    [[nodiscard]] std::string emulatorOf(const conf::DomainDef& def) const;
    // The <host> block of the capabilities, probed once (qemu_host_caps.h).
    [[nodiscard]] HostCapsCache& hostCaps() { return host_caps_; }

    // --- lifecycle (qemu_process.cc); the caller holds the domain's job
    Status startDomain(const core::JobGuard& job, unsigned flags, core::PendingEvents& ev);
    Status destroyDomain(const core::JobGuard& job, unsigned flags, core::PendingEvents& ev);
    // One monitor command of a running domain, waiting (bounded) for the reply.
    Result<Json> monitorCommand(const core::JobGuard& job, const std::string& command,
                                Json arguments = nullptr);
    // The QEMU is gone (or was just killed): close the monitor, remove the run files, shut off.
    void stopDomain(const core::JobGuard& job, int reason);
    // CPU time of the domain's QEMU in nanoseconds (0 when unknown).
    [[nodiscard]] uint64_t cpuTime(const core::DomainObj& obj) const;

    // Runs `task` on the driver's event thread (monitor events, exits, autostart), which may
    // wait for domain jobs; never the monitors' I/O thread.
    void post(std::function<void()> task);

    // Hot-unplug: DEVICE_DELETED events, noted as they arrive (qemu_hotplug.cc waits on them).
    [[nodiscard]] DeviceRemovals& deviceRemovals() { return device_removals_; }
    // Rewrites the status file after the live definition changed (hot-plug).
    Status saveStatus(const core::JobGuard& job) { return writeStatus(job); }

    // Paths of a domain's run files.
    [[nodiscard]] std::string runFile(const std::string& name, std::string_view suffix) const;

  private:
    explicit QemuDriver(QemuDriverOptions options);
    Status init();
    void loadPersistent();
    void reattachAll();
    void autostartAll();
    void runEventThread();

    // Spawns QEMU with its monitor socket, completes the QMP handshake and (unless `paused`)
    // continues the CPUs; on any failure the process is gone again.
    Result<std::pair<std::shared_ptr<util::Process>, std::shared_ptr<QmpClient>>> launchQemu(
        const std::string& name, const Uuid& uuid, uint64_t gen, const CommandLine& cmd, bool paused);
    // qemu_process.cc: monitor and exit notifications, already on the event thread.
    void watchDomain(const core::JobGuard& job);
    void onMonitorEvent(const Uuid& uuid, uint64_t generation, const QmpEvent& event);
    void onQemuGone(const Uuid& uuid, uint64_t generation, const std::string& why);
    void handleShutdownEvent(const core::JobGuard& job, core::PendingEvents& ev);
    void handlePanic(const core::JobGuard& job, core::PendingEvents& ev);
    Status writeStatus(const core::JobGuard& job);
    Status reattach(const std::string& status_path);

    QemuDriverOptions options_;
    core::StateDir config_dir_;
    core::DomainObjList domains_;
    core::EventBus events_;
    std::unique_ptr<QemuCapsCache> caps_cache_;
    HostCapsCache host_caps_;
    DeviceRemovals device_removals_;

    asio::io_context io_;
    asio::executor_work_guard<asio::io_context::executor_type> io_work_;
    std::thread io_thread_;

    std::mutex tasks_mu_;
    std::condition_variable tasks_cv_;
    std::deque<std::function<void()>> tasks_;
    bool stopping_ = false;
    std::thread event_thread_;
};

using QemuDriverPtr = std::shared_ptr<QemuDriver>;

}  // namespace nodevirt::qemu
