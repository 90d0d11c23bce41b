#include "daemon/pid_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <string>

#include "util/logging.h"

namespace nodevirt::daemon {
namespace {

std::string readSmall(int fd) {
    char buf[64] = {};
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    std::string s(buf, n > 0 ? static_cast<size_t>(n) : 0);
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
}

bool sameFile(int fd, const std::string& path) {
    struct stat a {}, b {};
    return fstat(fd, &a) == 0 && stat(path.c_str(), &b) == 0 && a.st_dev == b.st_dev &&
           a.st_ino == b.st_ino;
}

}  // namespace

Result<PidFile> PidFile::acquire(const std::string& path) {
    // Bounded: another daemon could unlink the file between our open and lock; retry then.
    for (int attempt = 0; attempt < 3; ++attempt) {
        UniqueFd fd(open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
        if (!fd) return fail(systemError(errno, "cannot open pid file " + path));
        struct flock lk {};
        lk.l_type = F_WRLCK;
        lk.l_whence = SEEK_SET;
        if (fcntl(fd.get(), F_SETLK, &lk) < 0) {
            if (errno == EAGAIN || errno == EACCES) {
                return fail(operationFailed(fmt::format(
                    "another nodevirtd (pid {}) holds the pid file {}", readSmall(fd.get()), path)));
            }
            return fail(systemError(errno, "cannot lock pid file " + path));
        }
        if (!sameFile(fd.get(), path)) continue;
        std::string old = readSmall(fd.get());
        if (!old.empty()) log::info("pid file {}: taking over from pid {} (not running)", path, old);
        std::string content = fmt::format("{}\n", getpid());
        if (ftruncate(fd.get(), 0) < 0 ||
            pwrite(fd.get(), content.data(), content.size(), 0) != static_cast<ssize_t>(content.size())) {
            return fail(systemError(errno, "cannot write pid file " + path));
        }
        return PidFile(path, std::move(fd));
    }
    return fail(operationFailed("pid file " + path + " keeps being replaced by another process"));
}

PidFile::~PidFile() {
    if (fd_ && sameFile(fd_.get(), path_)) unlink(path_.c_str());
}

}  // namespace nodevirt::daemon
