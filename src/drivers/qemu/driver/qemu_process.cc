// The QEMU driver's process side: start (argv from the command builder, a monitor socket QEMU
// inherits, spawn, QMP handshake, cont), destroy, monitor commands, and what the driver does
// when QEMU reports an event or goes away.
#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <future>

#include "conf/domain/domain_xml.h"
#include "driver/libvirt_constants.h"
#include "drivers/qemu/driver/qemu_domain.h"
#include "drivers/qemu/driver/qemu_driver.h"
#include "drivers/qemu/monitor_socket.h"
#include "util/file_io.h"
#include "util/logging.h"

namespace nodevirt::qemu {
namespace {

using std::chrono::milliseconds;
constexpr milliseconds kKillWait{5000};  // after SIGKILL, the exit is a matter of milliseconds
constexpr size_t kLogTail = 2048;

int ev(unsigned v) { return static_cast<int>(v); }

void appendLog(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::app);
    std::time_t now = std::time(nullptr);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", std::gmtime(&now));
    out << stamp << ": " << text << '\n';
}

std::string logTail(const std::string& path) {
    auto text = file::readAll(path);
    if (!text) return {};
    std::string t = text->size() > kLogTail ? text->substr(text->size() - kLogTail) : *text;
    while (!t.empty() && (t.back() == '\n' || t.back() == ' ')) t.pop_back();
    return t;
}

util::SpawnOptions spawnOptions(const CommandLine& cmd, int monitor_fd, const std::string& log) {
    util::SpawnOptions o;
    o.argv = cmd.argv;
    std::vector<std::string> env;
    for (const auto& [k, v] : cmd.env) env.push_back(k + "=" + v);
    o.env = std::move(env);
    o.keep_fds = {{monitor_fd, 3}};
    o.stdout_target = util::StreamTarget::file(log);
    o.stderr_target = util::StreamTarget::sameAsStdout();
    o.new_session = true;  // signals to the daemon's process group must not reach guests
    return o;
}

}  // namespace

Status QemuDriver::startDomain(const core::JobGuard& job, unsigned flags, core::PendingEvents& events) {
    core::DomainObj& obj = job.obj();
    if (obj.active()) {
        return fail(operationInvalid("domain is already running", ErrorDomain::kDomain));
    }
    core::DomainView v = obj.view();
    auto live = std::make_shared<conf::DomainDef>(*v.inactiveDef());
    LaunchContext ctx;
    ctx.binary = emulatorOf(*live);
    NODEVIRT_ASSIGN_OR_RETURN(auto caps, this->caps(ctx.binary));
    ctx.caps = caps.get();
    ctx.kvm_usable = caps->kvmUsable();
    ctx.monitor_fd = 3;
    ctx.domain_run_dir = runFile(v.name, ".d");
    ctx.pid_file = runFile(v.name, ".pid");
    ctx.start_paused = true;  // -S: cont only after the monitor is up
    NODEVIRT_TRY(file::makeDirs(ctx.domain_run_dir, 0700));
    NODEVIRT_ASSIGN_OR_RETURN(CommandLine cmd, options_.build_command(*live, ctx));
    if (cmd.argv.empty()) return fail(internalError("empty QEMU command line"));

    QemuDomainPrivate& priv = qemuPriv(obj);
    const uint64_t gen = ++priv.generation;
    const bool paused = (flags & lv::kDomainStartPaused) != 0;
    auto launched = launchQemu(v.name, v.uuid, gen, cmd, paused);
    if (!launched) {
        std::error_code ec;
        std::filesystem::remove_all(ctx.domain_run_dir, ec);
        return fail(launched.error());
    }
    priv.process = launched->first;
    priv.monitor = launched->second;
    priv.monitor_path = runFile(v.name, ".monitor");
    priv.pid = priv.process->pid();
    priv.start_time = processStartTime(priv.pid).value_or(0);
    priv.got_shutdown = false;
    obj.assignDef(job, live, true);
    domains_.markActive(job);
    obj.setFlag(job, core::kDomainManagedSave, false);
    obj.setState(job, paused ? DomainState::kPaused : DomainState::kRunning,
                 paused ? ev(lv::kDomainPausedUser) : ev(lv::kDomainRunningBooted));
    driver::DomainRef ref = obj.ref();
    if (!paused) events.lifecycle(ref, ev(lv::kDomainEventResumed), ev(lv::kDomainEventResumedUnpaused));
    events.lifecycle(ref, ev(lv::kDomainEventStarted), ev(lv::kDomainEventStartedBooted));
    if (paused) events.lifecycle(ref, ev(lv::kDomainEventSuspended), ev(lv::kDomainEventSuspendedPaused));
    watchDomain(job);
    if (Status st = writeStatus(job); !st) log::warn("QEMU driver: {}", st.error().message);
    log::info("QEMU driver: started domain {} (id {}, pid {})", ref.name, ref.id, priv.pid);
    return ok();
}

Result<std::pair<std::shared_ptr<util::Process>, std::shared_ptr<QmpClient>>> QemuDriver::launchQemu(
    const std::string& name, const Uuid& uuid, uint64_t gen, const CommandLine& cmd, bool paused) {
    const std::string monitor_path = runFile(name, ".monitor");
    const std::string log_path = runFile(name, ".log");
    NODEVIRT_ASSIGN_OR_RETURN(UniqueFd listener, listenUnixSocket(monitor_path));
    appendLog(log_path, "starting up: " + fmt::format("{}", fmt::join(cmd.argv, " ")));
    auto spawned = options_.runner->spawn(spawnOptions(cmd, listener.get(), log_path));
    if (!spawned) {
        appendLog(log_path, "spawn failed: " + spawned.error().message);
        (void)file::removeFile(monitor_path);
        return fail(spawned.error());
    }
    std::shared_ptr<util::Process> process = std::move(*spawned);
    std::shared_ptr<QmpClient> monitor;
    auto abortStart = [&](const Error& why) -> Error {
        if (monitor) asio::post(io_, [monitor] { monitor->close(); });
        bool exited = process->tryWait().value_or(std::nullopt).has_value();
        (void)process->terminate(milliseconds(1000));
        for (const char* suffix : {".pid", ".monitor"}) (void)file::removeFile(runFile(name, suffix));
        appendLog(log_path, "start failed: " + why.message);
        if (!exited) return why;
        return internalError("process exited while connecting to monitor: " + logTail(log_path));
    };
    // Connect before dropping our copy of the listener: if QEMU dies before accepting, the
    // queued connection is reset and the handshake fails at once.
    auto conn = connectUnixSocket(monitor_path);
    listener.reset();
    if (!conn) return fail(abortStart(conn.error()));
    monitor = QmpClient::create(io_);
    monitor->setEventHandler([this, uuid, gen](const QmpEvent& e) {
        noteDeviceDeleted(device_removals_, uuid, e);
        post([this, uuid, gen, e] { onMonitorEvent(uuid, gen, e); });
    });
    monitor->setCloseHandler([this, uuid, gen](const Error& e) {
        post([this, uuid, gen, msg = e.message] { onQemuGone(uuid, gen, msg); });
    });
    auto ready = std::make_shared<std::promise<Result<QmpGreeting>>>();
    auto ready_fut = ready->get_future();
    asio::post(io_, [monitor, fd = std::make_shared<UniqueFd>(std::move(*conn)), ready, this] {
        monitor->asyncAttach(std::move(*fd), options_.monitor_timeout,
                             [ready](Result<QmpGreeting> r) { ready->set_value(std::move(r)); });
    });
    if (ready_fut.wait_for(options_.monitor_timeout + milliseconds(2000)) != std::future_status::ready) {
        return fail(abortStart(Error::make(ErrorCode::kOperationTimeout, ErrorDomain::kQemu,
                                           "QEMU monitor did not answer")));
    }
    if (auto r = ready_fut.get(); !r) return fail(abortStart(r.error()));
    if (!paused) {
        auto reply = monitor->submit("cont", nullptr, options_.command_timeout);
        if (reply.wait_for(options_.command_timeout + milliseconds(2000)) != std::future_status::ready) {
            return fail(abortStart(Error::make(ErrorCode::kOperationTimeout, ErrorDomain::kQemu,
                                               "QEMU monitor command 'cont' got no reply")));
        }
        if (auto r = reply.get(); !r) return fail(abortStart(r.error()));
    }
    return std::make_pair(process, monitor);
}

void QemuDriver::watchDomain(const core::JobGuard& job) {
    QemuDomainPrivate& priv = qemuPriv(job.obj());
    const Uuid uuid = job->uuid();
    const uint64_t gen = priv.generation;
    if (priv.monitor && !priv.monitor->isClosed()) {
        // For a re-attached monitor the handlers are installed here (on its own thread).
        asio::post(io_, [this, mon = priv.monitor, uuid, gen] {
            mon->setEventHandler([this, uuid, gen](const QmpEvent& e) {
                noteDeviceDeleted(device_removals_, uuid, e);
                post([this, uuid, gen, e] { onMonitorEvent(uuid, gen, e); });
            });
            mon->setCloseHandler([this, uuid, gen](const Error& e) {
                post([this, uuid, gen, msg = e.message] { onQemuGone(uuid, gen, msg); });
            });
        });
    }
    priv.watcher = ExitWatcher::start(io_, priv.process, [this, uuid, gen](Result<util::ExitStatus> st) {
        std::string why = st ? "QEMU " + st->describe() : st.error().message;
        post([this, uuid, gen, why] { onQemuGone(uuid, gen, why); });
    });
}

Status QemuDriver::destroyDomain(const core::JobGuard& job, unsigned flags, core::PendingEvents& events) {
    core::DomainObj& obj = job.obj();
    if (!obj.active()) return fail(operationInvalid("domain is not running", ErrorDomain::kDomain));
    QemuDomainPrivate& priv = qemuPriv(obj);
    driver::DomainRef ref = obj.ref();
    if (priv.process) {
        if (flags & lv::kDomainDestroyGraceful) {
            NODEVIRT_TRY(priv.process->kill(SIGTERM));
            if (auto st = priv.process->wait(options_.destroy_grace); !st) {
                return fail(operationFailed(fmt::format(
                    "failed to terminate process {} with SIGTERM: Device or resource busy", priv.pid)));
            }
        } else if (auto st = priv.process->terminate(options_.destroy_grace); !st) {
            return fail(operationFailed(fmt::format("failed to kill process {}: {}", priv.pid,
                                                    st.error().message)));
        }
    }
    stopDomain(job, ev(lv::kDomainShutoffDestroyed));
    events.lifecycle(ref, ev(lv::kDomainEventStopped), ev(lv::kDomainEventStoppedDestroyed));
    return ok();
}

void QemuDriver::stopDomain(const core::JobGuard& job, int reason) {
    core::DomainObj& obj = job.obj();
    QemuDomainPrivate& priv = qemuPriv(obj);
    std::shared_ptr<QmpClient> mon = std::move(priv.monitor);
    std::shared_ptr<ExitWatcher> watcher = std::move(priv.watcher);
    asio::post(io_, [mon, watcher] {
        if (watcher) watcher->cancel();
        if (mon) mon->close();
    });
    if (priv.process) {
        auto st = priv.process->tryWait();
        if (st && !*st) {
            (void)priv.process->kill(SIGKILL);
            (void)priv.process->wait(kKillWait);
        }
        priv.process.reset();
    }
    std::string name = obj.name();
    for (const char* suffix : {".xml", ".pid", ".monitor"}) (void)file::removeFile(runFile(name, suffix));
    std::error_code ec;
    std::filesystem::remove_all(runFile(name, ".d"), ec);
    appendLog(runFile(name, ".log"), "shutting down");
    priv.pid = 0;
    priv.start_time = 0;
    priv.got_shutdown = false;
    domains_.markInactive(job);
    obj.clearLiveDef(job);
    obj.setState(job, DomainState::kShutoff, reason);
    obj.setFlag(job, core::kDomainUpdated, false);
    if (!(obj.flags() & core::kDomainPersistent)) domains_.remove(job);
}

Result<Json> QemuDriver::monitorCommand(const core::JobGuard& job, const std::string& command,
                                        Json arguments) {
    if (!job->active()) return fail(operationInvalid("domain is not running", ErrorDomain::kDomain));
    QemuDomainPrivate& priv = qemuPriv(job.obj());
    if (!priv.monitor) return fail(operationFailed("QEMU monitor is not connected", ErrorDomain::kQemu));
    auto reply = priv.monitor->submit(command, std::move(arguments), options_.command_timeout);
    if (reply.wait_for(options_.command_timeout + milliseconds(2000)) != std::future_status::ready) {
        return fail(Error::make(ErrorCode::kOperationTimeout, ErrorDomain::kQemu,
                                fmt::format("QEMU monitor command '{}' got no reply in time", command)));
    }
    return reply.get();
}

Status QemuDriver::writeStatus(const core::JobGuard& job) {
    core::DomainView v = job->view();
    QemuDomainPrivate& priv = qemuPriv(job.obj());
    DomainStatus st;
    st.pid = priv.pid;
    st.start_time = priv.start_time;
    st.monitor_path = priv.monitor_path;
    st.id = v.id;
    st.state = static_cast<int>(v.state);
    st.reason = v.reason;
    conf::DomainFormatOptions fo;
    fo.secure = true;
    fo.live_id = v.id;
    st.domain_xml = conf::formatDomainXml(*v.def, fo);
    return file::writeAtomic(runFile(v.name, ".xml"), formatDomainStatus(st));
}

void QemuDriver::onQemuGone(const Uuid& uuid, uint64_t generation, const std::string& why) {
    core::DomainObjPtr obj = domains_.findByUuid(uuid);
    if (!obj) return;
    core::PendingEvents events(events_);
    auto job = core::beginJob(obj);
    if (!job) return;
    QemuDomainPrivate& priv = qemuPriv(*obj);
    if (!obj->active() || priv.generation != generation || !priv.process) return;
    bool shutdown = priv.got_shutdown;
    driver::DomainRef ref = obj->ref();
    log::info("QEMU driver: domain {}: {}{}", ref.name, why, shutdown ? "" : " (crashed)");
    (void)priv.process->terminate(milliseconds(1000));
    stopDomain(*job, shutdown ? ev(lv::kDomainShutoffShutdown) : ev(lv::kDomainShutoffCrashed));
    events.lifecycle(ref, ev(lv::kDomainEventStopped),
                     shutdown ? ev(lv::kDomainEventStoppedShutdown) : ev(lv::kDomainEventStoppedFailed));
}

void QemuDriver::onMonitorEvent(const Uuid& uuid, uint64_t generation, const QmpEvent& event) {
    core::DomainObjPtr obj = domains_.findByUuid(uuid);
    if (!obj) return;
    core::PendingEvents events(events_);
    auto job = core::beginJob(obj);
    if (!job) return;
    if (!obj->active() || qemuPriv(*obj).generation != generation) return;
    DomainStateReason s = obj->state();
    driver::DomainRef ref = obj->ref();
    if (event.name == "STOP" && s.state == DomainState::kRunning) {
        obj->setState(*job, DomainState::kPaused, ev(lv::kDomainPausedUnknown));
        events.lifecycle(ref, ev(lv::kDomainEventSuspended), ev(lv::kDomainEventSuspendedPaused));
    } else if (event.name == "RESUME" && s.state == DomainState::kPaused) {
        obj->setState(*job, DomainState::kRunning, ev(lv::kDomainRunningUnpaused));
        events.lifecycle(ref, ev(lv::kDomainEventResumed), ev(lv::kDomainEventResumedUnpaused));
    } else if (event.name == "SHUTDOWN") {
        bool guest = event.data.is_object() && event.data.value("guest", false);
        events.lifecycle(ref, ev(lv::kDomainEventShutdown),
                         guest ? ev(lv::kDomainEventShutdownGuest) : ev(lv::kDomainEventShutdownHost));
        handleShutdownEvent(*job, events);
        return;
    } else if (event.name == "RESET") {
        events.add(driver::DomainEvent{ev(lv::kDomainEventIdReboot), ref, driver::NoPayload{}});
        return;
    } else if (event.name == "GUEST_PANICKED") {
        handlePanic(*job, events);
        return;
    } else {
        return;
    }
    (void)writeStatus(*job);
}

void QemuDriver::handleShutdownEvent(const core::JobGuard& job, core::PendingEvents& events) {
    core::DomainObj& obj = job.obj();
    QemuDomainPrivate& priv = qemuPriv(obj);
    priv.got_shutdown = true;
    driver::DomainRef ref = obj.ref();
    // The guest powered off; with -no-shutdown QEMU would wait, so end it (on_poweroff).
    if (priv.process) (void)priv.process->terminate(options_.destroy_grace);
    auto action = obj.view().def->on_poweroff;
    stopDomain(job, ev(lv::kDomainShutoffShutdown));
    events.lifecycle(ref, ev(lv::kDomainEventStopped), ev(lv::kDomainEventStoppedShutdown));
    if (action == conf::LifecycleAction::kRestart && !obj.removed()) {
        if (Status st = startDomain(job, 0, events); !st) {
            log::error("QEMU driver: restart of {} after power-off failed: {}", ref.name,
                       st.error().message);
        }
    }
}

void QemuDriver::handlePanic(const core::JobGuard& job, core::PendingEvents& events) {
    core::DomainObj& obj = job.obj();
    driver::DomainRef ref = obj.ref();
    events.lifecycle(ref, ev(lv::kDomainEventCrashed), ev(lv::kDomainEventCrashedPanicked));
    auto action = obj.view().def->on_crash;
    if (action == conf::LifecycleAction::kPreserve) {
        obj.setState(job, DomainState::kCrashed, ev(lv::kDomainCrashedPanicked));
        (void)writeStatus(job);
        return;
    }
    QemuDomainPrivate& priv = qemuPriv(obj);
    if (priv.process) (void)priv.process->terminate(options_.destroy_grace);
    stopDomain(job, ev(lv::kDomainShutoffCrashed));
    events.lifecycle(ref, ev(lv::kDomainEventStopped), ev(lv::kDomainEventStoppedCrashed));
    if ((action == conf::LifecycleAction::kRestart || action == conf::LifecycleAction::kCoredumpRestart) &&
        !obj.removed()) {
        if (Status st = startDomain(job, 0, events); !st) {
            log::error("QEMU driver: restart of {} after a crash failed: {}", ref.name,
                       st.error().message);
        }
    }
}

}  // namespace nodevirt::qemu
