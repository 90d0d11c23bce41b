#include "daemon/daemon.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "daemon/daemon_config.h"
#include "daemon/log_setup.h"
#include "daemon/pid_file.h"
#include "drivers/register_drivers.h"
#include "remote/server/remote_server.h"
#include "rpc/server.h"
#include "util/child_process.h"
#include "util/logging.h"

namespace nodevirt::daemon {
namespace {

// SIGALRM is how the I/O thread's idle timer reaches the signal loop.
constexpr int kIdleSignal = SIGALRM;

void printError(const std::string& message) { std::fprintf(stderr, "nodevirtd: error: %s\n", message.c_str()); }

std::string defaultConfigPath(const Environment& env) {
    if (env.privileged) return "/etc/nodevirt/nodevirtd.conf";
    std::string base = env.get("XDG_CONFIG_HOME");
    if (base.empty()) base = env.get("HOME") + "/.config";
    return base + "/nodevirt/nodevirtd.conf";
}

// Defaults, then the configuration file (explicit, or the default one if it exists), then
// the command line.
Result<DaemonConfig> loadConfig(const Options& opts, std::string* used_path) {
    Environment env = Environment::current();
    DaemonConfig cfg = defaultConfig(env);
    std::string path = opts.config_path.value_or(defaultConfigPath(env));
    if (opts.config_path || std::filesystem::exists(path)) {
        NODEVIRT_ASSIGN_OR_RETURN(ConfFile file, loadConf(path));
        NODEVIRT_TRY(applyConf(cfg, file));
        *used_path = path;
    }
    if (opts.pid_file) cfg.pid_file = *opts.pid_file;
    if (opts.verbose) {
        cfg.log_level = std::min(cfg.log_level, 2);
        if (cfg.log_outputs.empty()) cfg.log_outputs.push_back({2, LogOutput::Kind::kStderr, ""});
    }
    return cfg;
}

Status makeDirs(const std::string& dir, mode_t mode) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return fail(systemError(ec.value(), "cannot create directory " + dir));
    (void)chmod(dir.c_str(), mode);
    return ok();
}

// fork(); the parent waits until the child reports that its sockets are ready (or failed)
// and exits with that status. Returns the fd the child writes its status byte to.
Result<UniqueFd> daemonize() {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) < 0) return fail(systemError(errno, "pipe"));
    UniqueFd rd(fds[0]), wr(fds[1]);
    pid_t pid = fork();
    if (pid < 0) return fail(systemError(errno, "fork"));
    if (pid > 0) {
        wr.reset();
        char status = 1;
        ssize_t n = 0;
        do {
            n = read(rd.get(), &status, 1);
        } while (n < 0 && errno == EINTR);
        _exit(n == 1 ? status : 1);
    }
    rd.reset();
    setsid();
    UniqueFd null(open("/dev/null", O_RDWR | O_CLOEXEC));
    if (null) {
        dup2(null.get(), STDIN_FILENO);
        dup2(null.get(), STDOUT_FILENO);
        dup2(null.get(), STDERR_FILENO);
    }
    return wr;
}

void reportReady(UniqueFd& fd, char status) {
    if (!fd) return;
    (void)!write(fd.get(), &status, 1);
    fd.reset();
}

sigset_t handledSignals() {
    sigset_t set;
    sigemptyset(&set);
    for (int s : {SIGTERM, SIGINT, SIGHUP, SIGCHLD, kIdleSignal}) sigaddset(&set, s);
    return set;
}

class Daemon {
  public:
    Daemon(Options opts, DaemonConfig cfg, std::string config_path)
        : opts_(std::move(opts)), cfg_(std::move(cfg)), config_path_(std::move(config_path)) {}

    Status start();
    int loop();

  private:
    void reload();
    rpc::ServerConfig serverConfig() const;

    Options opts_;
    DaemonConfig cfg_;
    std::string config_path_;
    driver::Registry registry_;
    std::unique_ptr<remote::RemoteServer> handler_;
    std::unique_ptr<rpc::Server> server_;
};

rpc::ServerConfig Daemon::serverConfig() const {
    rpc::ServerConfig sc;
    sc.max_clients = cfg_.max_clients;
    sc.max_workers = cfg_.max_workers;
    sc.max_client_requests = cfg_.max_client_requests;
    if (opts_.timeout_seconds > 0) {
        sc.idle_timeout = std::chrono::seconds(opts_.timeout_seconds);
        sc.on_idle = [] {
            log::info("no clients for the --timeout period: exiting");
            kill(getpid(), kIdleSignal);
        };
    }
    return sc;
}

Status Daemon::start() {
    drivers::DaemonDriverOptions dro;
    dro.state_dir = cfg_.state_dir;
    dro.run_dir = cfg_.run_dir;
    dro.cache_dir = cfg_.cache_dir;
    dro.privileged = cfg_.privileged;
    drivers::registerDaemonDrivers(registry_, dro);
    remote::RemoteServerOptions ro;
    ro.default_uri = cfg_.default_uri;
    ro.keepalive_interval = std::chrono::seconds(std::max(cfg_.keepalive_interval, 0));
    ro.keepalive_count = cfg_.keepalive_count;
    handler_ = std::make_unique<remote::RemoteServer>(registry_, ro);
    server_ = std::make_unique<rpc::Server>(serverConfig(), *handler_);
    NODEVIRT_TRY(makeDirs(cfg_.unix_sock_dir, cfg_.privileged ? 0755 : 0700));
    rpc::UnixListenerConfig rw{cfg_.rwSocketPath(), cfg_.unix_sock_rw_perms, cfg_.unix_sock_group, false};
    NODEVIRT_TRY(server_->addUnixListener(rw));
    if (cfg_.read_only_socket) {
        rpc::UnixListenerConfig ro_sock{cfg_.roSocketPath(), cfg_.unix_sock_ro_perms,
                                        cfg_.unix_sock_group, true};
        NODEVIRT_TRY(server_->addUnixListener(ro_sock));
    }
    NODEVIRT_TRY(server_->start());
    log::info("nodevirtd {} ready: pid {}, {} mode, socket {}{}, drivers {}", NODEVIRT_VERSION, getpid(),
              cfg_.privileged ? "system" : "session", cfg_.rwSocketPath(),
              cfg_.read_only_socket ? " (+ -ro)" : "", fmt::join(registry_.names(), ","));
    return ok();
}

void Daemon::reload() {
    std::string path;
    Result<DaemonConfig> fresh = loadConfig(opts_, &path);
    if (!fresh) {
        log::error("SIGHUP: configuration not reloaded: {}", fresh.error().message);
        return;
    }
    if (Status st = applyLogging(fresh->log_level, fresh->log_outputs); !st) {
        log::error("SIGHUP: logging not changed: {}", st.error().message);
    }
    for (const std::string& w : fresh->warnings) log::warn("{}", w);
    handler_->setKeepalive(std::chrono::seconds(std::max(fresh->keepalive_interval, 0)),
                           fresh->keepalive_count);
    if (fresh->max_clients != cfg_.max_clients || fresh->max_workers != cfg_.max_workers ||
        fresh->max_client_requests != cfg_.max_client_requests ||
        fresh->unix_sock_dir != cfg_.unix_sock_dir) {
        log::warn("SIGHUP: sockets, max_clients, max_workers and max_client_requests take effect "
                  "at the next start");
    }
    cfg_.log_level = fresh->log_level;
    cfg_.log_outputs = fresh->log_outputs;
    cfg_.keepalive_interval = fresh->keepalive_interval;
    cfg_.keepalive_count = fresh->keepalive_count;
    log::info("SIGHUP: configuration reloaded (log level {}, keepalive {}s x {})", cfg_.log_level,
              cfg_.keepalive_interval, cfg_.keepalive_count);
}

int Daemon::loop() {
    sigset_t set = handledSignals();
    // Bounded by signals: every iteration consumes one; only TERM/INT/idle end the loop.
    while (true) {
        siginfo_t info{};
        int sig = sigwaitinfo(&set, &info);
        if (sig < 0) {
            if (errno == EINTR) continue;
            log::error("sigwaitinfo: {}", std::strerror(errno));
            break;
        }
        if (sig == SIGHUP) {
            reload();
        } else if (sig == SIGCHLD) {
            for (const util::ReapedChild& c : util::reapChildren()) {
                if (!c.owned) log::debug("reaped orphan pid {}", c.pid);
            }
        } else {
            log::info("{}: shutting down", sig == kIdleSignal ? "idle timeout" : strsignal(sig));
            break;
        }
    }
    server_->requestShutdown();
    server_->wait();
    log::info("nodevirtd stopped");
    return 0;
}

}  // namespace

int runDaemon(const Options& opts) {
    std::string config_path;
    Result<DaemonConfig> cfg = loadConfig(opts, &config_path);
    if (!cfg) {
        printError(cfg.error().message);
        return 1;
    }
    if (Status st = applyLogging(cfg->log_level, cfg->log_outputs); !st) {
        printError(st.error().message);
        return 1;
    }
    for (const std::string& w : cfg->warnings) log::warn("{}", w);
    UniqueFd ready;
    if (opts.daemonize) {
        Result<UniqueFd> fd = daemonize();
        if (!fd) {
            printError(fd.error().message);
            return 1;
        }
        ready = std::move(*fd);
    }
    // Before any thread exists, so every thread inherits the mask and only the loop below
    // receives these signals.
    sigset_t set = handledSignals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    signal(SIGPIPE, SIG_IGN);
    if (Status st = util::becomeChildSubreaper(); !st) {
        log::warn("not a child subreaper: {}", st.error().message);
    }
    std::optional<PidFile> pid_file;
    if (!cfg->pid_file.empty()) {
        std::string dir = std::filesystem::path(cfg->pid_file).parent_path();
        if (!dir.empty()) (void)makeDirs(dir, 0755);
        Result<PidFile> pf = PidFile::acquire(cfg->pid_file);
        if (!pf) {
            log::error("{}", pf.error().message);
            printError(pf.error().message);
            reportReady(ready, 1);
            return 1;
        }
        pid_file.emplace(std::move(*pf));
    }
    Daemon daemon(opts, std::move(*cfg), config_path);
    if (Status st = daemon.start(); !st) {
        log::error("cannot start: {}", st.error().message);
        printError(st.error().message);
        reportReady(ready, 1);
        return 1;
    }
    reportReady(ready, 0);
    return daemon.loop();
}

}  // namespace nodevirt::daemon
