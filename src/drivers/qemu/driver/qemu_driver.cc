#include "drivers/qemu/driver/qemu_driver.h"

#include <fmt/format.h>

#include <filesystem>

#include "conf/domain/domain_xml.h"
#include "drivers/qemu/command/post_parse_profile.h"
#include "driver/libvirt_constants.h"
#include "drivers/qemu/driver/qemu_domain.h"
#include "util/file_io.h"
#include "util/logging.h"

namespace nodevirt::qemu {
namespace {

// Bound on queued notifications: a flood of monitor events must not grow memory forever.
constexpr size_t kMaxQueuedTasks = 10000;

Status makeDir(const std::string& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return fail(systemError(ec.value(), "cannot create directory " + dir));
    return ok();
}

}  // namespace

QemuDriver::QemuDriver(QemuDriverOptions options)
    : options_(std::move(options)), config_dir_(options_.config_dir), io_work_(io_.get_executor()) {}

Result<std::shared_ptr<QemuDriver>> QemuDriver::create(QemuDriverOptions options) {
    if (!options.build_command) {
        options.build_command = [](conf::DomainDef& def, const LaunchContext& ctx) -> Result<CommandLine> {
            NODEVIRT_TRY(prepareLiveDefinition(def, ctx));
            return buildCommandLine(def, ctx);
        };
    }
    std::shared_ptr<QemuDriver> d(new QemuDriver(std::move(options)));
    NODEVIRT_TRY(d->init());
    return d;
}

Status QemuDriver::init() {
    NODEVIRT_TRY(config_dir_.init());
    NODEVIRT_TRY(makeDir(options_.run_dir));
    NODEVIRT_TRY(makeDir(options_.cache_dir));
    if (!options_.runner) options_.runner = &util::realProcessRunner();
    if (!options_.caps_lookup) {
        QemuCapsCache::Options co;
        co.cache_dir = options_.cache_dir;
        co.scratch_dir = options_.run_dir;
        caps_cache_ = std::make_unique<QemuCapsCache>(*options_.runner, co);
        options_.caps_lookup = [cache = caps_cache_.get()](const std::string& binary) {
            return cache->get(binary);
        };
    }
    io_thread_ = std::thread([this] { io_.run(); });
    event_thread_ = std::thread([this] { runEventThread(); });
    loadPersistent();
    reattachAll();
    if (options_.autostart) autostartAll();
    log::info("QEMU driver ready: {} domains ({} running), config {}, run {}", domains_.size(),
              domains_.countActive(), options_.config_dir, options_.run_dir);
    return ok();
}

QemuDriver::~QemuDriver() {
    {
        std::lock_guard lock(tasks_mu_);
        stopping_ = true;
    }
    tasks_cv_.notify_all();
    if (event_thread_.joinable()) event_thread_.join();
    // Guests outlive the daemon: release each process so no destructor kills it.
    for (const core::DomainObjPtr& obj : domains_.objects()) {
        auto* priv = dynamic_cast<QemuDomainPrivate*>(obj->priv());
        if (!priv) continue;
        if (priv->process) priv->process->release();
        priv->process.reset();
        std::shared_ptr<QmpClient> mon = std::move(priv->monitor);
        std::shared_ptr<ExitWatcher> watcher = std::move(priv->watcher);
        asio::post(io_, [mon, watcher] {
            if (watcher) watcher->cancel();
            if (mon) mon->close();
        });
    }
    io_work_.reset();
    io_.stop();
    if (io_thread_.joinable()) io_thread_.join();
}

Result<std::shared_ptr<const QemuCaps>> QemuDriver::caps(const std::string& binary) {
    return options_.caps_lookup(binary);
}

std::string QemuDriver::emulatorOf(const conf::DomainDef& def) const {
    const auto& emulator = def.devs().emulator;
    return emulator && !emulator->empty() ? *emulator : options_.default_emulator;
}

std::string QemuDriver::runFile(const std::string& name, std::string_view suffix) const {
    return fmt::format("{}/{}{}", options_.run_dir, name, suffix);
}

uint64_t QemuDriver::cpuTime(const core::DomainObj& obj) const {
    auto* priv = dynamic_cast<QemuDomainPrivate*>(obj.priv());
    if (!priv || priv->pid <= 0 || !obj.active()) return 0;
    auto t = processCpuTime(priv->pid);
    return t ? *t : 0;
}

void QemuDriver::post(std::function<void()> task) {
    {
        std::lock_guard lock(tasks_mu_);
        if (stopping_) return;
        if (tasks_.size() >= kMaxQueuedTasks) {
            log::error("QEMU driver: event queue full; a notification was dropped");
            return;
        }
        tasks_.push_back(std::move(task));
    }
    tasks_cv_.notify_one();
}

void QemuDriver::runEventThread() {
    // Ends when the driver stops; each iteration runs one task.
    while (true) {
        std::function<void()> task;
        {
            std::unique_lock lock(tasks_mu_);
            tasks_cv_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
            if (stopping_) return;
            task = std::move(tasks_.front());
            tasks_.pop_front();
        }
        task();
    }
}

void QemuDriver::loadPersistent() {
    core::StateDir::LoadResult loaded = config_dir_.loadAll();
    for (const Error& e : loaded.problems) log::warn("QEMU driver: {}", e.message);
    for (const core::StateDir::Entry& entry : loaded.entries) {
        conf::DomainParseOptions po;
        po.inactive = true;
        po.profile = &qemuPostParseProfile();
        auto def = conf::parseDomainXml(entry.content, po);
        if (!def) {
            log::warn("QEMU driver: skipping {}: {}", config_dir_.configPath(entry.name),
                      def.error().message);
            continue;
        }
        auto added = domains_.add((*def)->name, (*def)->uuid, *def, 0);
        if (!added) {
            log::warn("QEMU driver: skipping {}: {}", entry.name, added.error().message);
            continue;
        }
        core::JobGuard& job = added->job;
        job->setFlag(job, core::kDomainPersistent, true);
        job->setFlag(job, core::kDomainAutostart, config_dir_.isAutostart(entry.name));
        qemuPriv(job.obj());
    }
}

void QemuDriver::reattachAll() {
    std::error_code ec;
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::directory_iterator(options_.run_dir, ec)) {
        if (e.path().extension() == ".xml") files.push_back(e.path().string());
        if (files.size() >= 100000) break;
    }
    std::sort(files.begin(), files.end());
    for (const std::string& path : files) {
        if (Status st = reattach(path); !st) {
            log::warn("QEMU driver: {}: {}", path, st.error().message);
        }
    }
}

void QemuDriver::autostartAll() {
    for (const core::DomainObjPtr& obj : domains_.objects()) {
        if (!(obj->flags() & core::kDomainAutostart) || obj->active()) continue;
        post([this, obj] {
            core::PendingEvents ev(events_);
            auto job = core::beginJob(obj);
            if (!job || obj->active() || obj->removed()) return;
            if (Status st = startDomain(*job, 0, ev); !st) {
                log::error("QEMU driver: autostart of {} failed: {}", obj->name(),
                           st.error().message);
            }
        });
    }
}

Status QemuDriver::reattach(const std::string& status_path) {
    NODEVIRT_ASSIGN_OR_RETURN(std::string text, file::readAll(status_path));
    auto removeRunFiles = [&](const std::string& name) {
        for (const char* suffix : {".xml", ".pid", ".monitor"}) {
            std::filesystem::remove(runFile(name, suffix));
        }
    };
    auto st = parseDomainStatus(text, status_path);
    if (!st) {
        std::filesystem::remove(status_path);
        return fail(st.error());
    }
    conf::DomainParseOptions po;
    po.profile = nullptr;  // already the live definition
    NODEVIRT_ASSIGN_OR_RETURN(auto live, conf::parseDomainXml(st->domain_xml, po));
    live->id = -1;
    auto started = processStartTime(st->pid);
    if (!started || *started != st->start_time) {
        log::info("QEMU driver: domain {}: QEMU (pid {}) is gone; shut off", live->name, st->pid);
        removeRunFiles(live->name);
        return ok();
    }
    NODEVIRT_ASSIGN_OR_RETURN(auto process, adoptProcess(st->pid));
    // Connect the monitor on the I/O thread and wait (bounded) for the handshake.
    auto client = QmpClient::create(io_);
    auto ready = std::make_shared<std::promise<Result<QmpGreeting>>>();
    auto fut = ready->get_future();
    asio::post(io_, [client, path = st->monitor_path, ready, this] {
        client->asyncConnect(path, options_.monitor_timeout,
                             [ready](Result<QmpGreeting> r) { ready->set_value(std::move(r)); });
    });
    if (fut.wait_for(options_.monitor_timeout + std::chrono::seconds(1)) != std::future_status::ready) {
        return fail(operationFailed("monitor of " + live->name + " did not answer"));
    }
    if (auto r = fut.get(); !r) {
        (void)process->terminate(options_.destroy_grace);
        removeRunFiles(live->name);
        return fail(r.error());
    }
    auto status = client->submit("query-status", nullptr, options_.command_timeout).get();
    bool running = status && status->value("running", true);

    core::DomainDefPtr live_ptr = live;
    auto added = domains_.add(live->name, live->uuid, live_ptr, core::DomainObjList::kAddLive);
    if (!added) {
        asio::post(io_, [client] { client->close(); });
        return fail(added.error());
    }
    core::JobGuard& job = added->job;
    domains_.markActive(job, st->id);
    QemuDomainPrivate& priv = qemuPriv(job.obj());
    priv.generation++;
    priv.process = std::move(process);
    priv.monitor = client;
    priv.monitor_path = st->monitor_path;
    priv.pid = st->pid;
    priv.start_time = st->start_time;
    int reason = st->reason;
    if (running && st->state != static_cast<int>(DomainState::kRunning)) reason = lv::kDomainRunningUnpaused;
    if (!running && st->state != static_cast<int>(DomainState::kPaused)) reason = lv::kDomainPausedUnknown;
    job->setState(job, running ? DomainState::kRunning : DomainState::kPaused, reason);
    watchDomain(job);
    (void)writeStatus(job);
    log::info("QEMU driver: re-attached domain {} (id {}, pid {})", live->name, st->id, st->pid);
    return ok();
}

}  // namespace nodevirt::qemu
