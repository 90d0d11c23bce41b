#include "drivers/qemu/driver/qemu_domain.h"

#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <fstream>
#include <sstream>
#include <thread>

#include "xml/xml_reader.h"
#include "xml/xml_writer.h"

namespace nodevirt::qemu {
namespace {

constexpr std::string_view kRootOpen = "<domstatus";
constexpr std::string_view kRootClose = "</domstatus>";

// Fields after the command name of /proc/<pid>/stat (the name may hold spaces and parens).
Result<std::vector<std::string>> statFields(pid_t pid) {
    std::string path = fmt::format("/proc/{}/stat", pid);
    std::ifstream in(path);
    if (!in) return fail(systemError(ENOENT, "cannot read " + path));
    std::string line;
    std::getline(in, line);
    size_t close = line.rfind(')');
    if (close == std::string::npos) return fail(internalError("malformed " + path));
    std::istringstream rest(line.substr(close + 1));
    std::vector<std::string> fields;
    std::string f;
    // Field 3 (state) is the first one after the name; 52 fields at most.
    for (int i = 0; i < 64 && rest >> f; ++i) fields.push_back(f);
    if (fields.size() < 20) return fail(internalError("short " + path));
    return fields;
}

uint64_t toU64(const std::string& s) { return std::strtoull(s.c_str(), nullptr, 10); }

class AdoptedProcess final : public util::Process {
  public:
    AdoptedProcess(pid_t pid, UniqueFd pidfd) : pid_(pid), pidfd_(std::move(pidfd)) {}

    [[nodiscard]] pid_t pid() const override { return pid_; }
    [[nodiscard]] int pidfd() const override { return pidfd_.get(); }
    UniqueFd takeStdout() override { return {}; }
    UniqueFd takeStderr() override { return {}; }

    Result<std::optional<util::ExitStatus>> tryWait() override {
        if (exitedWithin(0)) return std::optional<util::ExitStatus>(util::ExitStatus{});
        return std::optional<util::ExitStatus>();
    }
    Result<util::ExitStatus> wait(std::chrono::milliseconds timeout) override {
        if (exitedWithin(static_cast<int>(timeout.count()))) return util::ExitStatus{};
        return fail(Error::make(ErrorCode::kOperationTimeout, ErrorDomain::kNone,
                                fmt::format("process {} still running", pid_)));
    }
    Status kill(int sig) override {
        if (syscall(SYS_pidfd_send_signal, pidfd_.get(), sig, nullptr, 0) < 0 && errno != ESRCH) {
            return fail(systemError(errno, fmt::format("cannot signal process {}", pid_)));
        }
        return ok();
    }
    Result<util::ExitStatus> terminate(std::chrono::milliseconds grace) override {
        NODEVIRT_TRY(kill(SIGTERM));
        if (auto st = wait(grace)) return st;
        NODEVIRT_TRY(kill(SIGKILL));
        return wait(std::chrono::milliseconds(5000));
    }
    pid_t release() override { return pid_; }

  private:
    bool exitedWithin(int timeout_ms) const {
        pollfd p{pidfd_.get(), POLLIN, 0};
        int n = 0;
        auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
        // Bounded: EINTR retries until the deadline.
        for (int i = 0; i < 1000; ++i) {
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            n = poll(&p, 1, std::max<int>(0, static_cast<int>(left.count())));
            if (n >= 0 || errno != EINTR) break;
        }
        return n > 0;
    }

    pid_t pid_;
    UniqueFd pidfd_;
};

}  // namespace

QemuDomainPrivate& qemuPriv(core::DomainObj& obj) {
    if (auto* p = dynamic_cast<QemuDomainPrivate*>(obj.priv())) return *p;
    obj.setPriv(std::make_unique<QemuDomainPrivate>());
    return static_cast<QemuDomainPrivate&>(*obj.priv());
}

std::string formatDomainStatus(const DomainStatus& st) {
    std::string monitor;
    xml::appendEscaped(monitor, st.monitor_path);
    std::string out =
        fmt::format("{} pid='{}' starttime='{}' monitor='{}' id='{}' state='{}' reason='{}'>\n",
                    kRootOpen, st.pid, st.start_time, monitor, st.id, st.state, st.reason);
    out += st.domain_xml;
    if (!out.empty() && out.back() != '\n') out += '\n';
    out += kRootClose;
    out += '\n';
    return out;
}

Result<DomainStatus> parseDomainStatus(std::string_view text, const std::string& path) {
    NODEVIRT_ASSIGN_OR_RETURN(auto doc, xml::Document::parse(text, path));
    xml::Node root = doc->root();
    if (root.name() != "domstatus") return fail(internalError(path + ": not a status file"));
    DomainStatus st;
    NODEVIRT_ASSIGN_OR_RETURN(auto pid, root.attrInt("pid"));
    NODEVIRT_ASSIGN_OR_RETURN(auto start, root.attrUint("starttime"));
    NODEVIRT_ASSIGN_OR_RETURN(auto id, root.attrInt("id"));
    NODEVIRT_ASSIGN_OR_RETURN(auto state, root.attrInt("state"));
    NODEVIRT_ASSIGN_OR_RETURN(auto reason, root.attrInt("reason"));
    if (!pid || *pid <= 0 || !start || !id || !state || !reason) {
        return fail(internalError(path + ": incomplete status file"));
    }
    st.pid = static_cast<pid_t>(*pid);
    st.start_time = *start;
    st.id = static_cast<int>(*id);
    st.state = static_cast<int>(*state);
    st.reason = static_cast<int>(*reason);
    st.monitor_path = root.attr("monitor").value_or("");
    size_t begin = text.find('>', text.find(kRootOpen));
    size_t end = text.rfind(kRootClose);
    if (begin == std::string_view::npos || end == std::string_view::npos || end <= begin) {
        return fail(internalError(path + ": no domain in the status file"));
    }
    st.domain_xml = std::string(text.substr(begin + 1, end - begin - 1));
    return st;
}

Result<uint64_t> processStartTime(pid_t pid) {
    NODEVIRT_ASSIGN_OR_RETURN(auto fields, statFields(pid));
    return toU64(fields[19]);  // field 22 of the file; fields[] starts at field 3
}

Result<uint64_t> processCpuTime(pid_t pid) {
    NODEVIRT_ASSIGN_OR_RETURN(auto fields, statFields(pid));
    uint64_t ticks = toU64(fields[11]) + toU64(fields[12]);  // utime (14) + stime (15)
    long hz = sysconf(_SC_CLK_TCK);
    if (hz <= 0) hz = 100;
    return ticks * (1000000000ull / static_cast<uint64_t>(hz));
}

Result<std::unique_ptr<util::Process>> adoptProcess(pid_t pid) {
    int fd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
    if (fd < 0) return fail(systemError(errno, fmt::format("pidfd_open of pid {}", pid)));
    return std::unique_ptr<util::Process>(new AdoptedProcess(pid, UniqueFd(fd)));
}

}  // namespace nodevirt::qemu
