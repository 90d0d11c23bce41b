#include "util/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <fmt/format.h>

#include "util/unique_fd.h"

namespace nodevirt::file {
namespace {

std::string dirName(const std::string& path) {
    auto pos = path.rfind('/');
    if (pos == std::string::npos) return ".";
    if (pos == 0) return "/";
    return path.substr(0, pos);
}

}  // namespace

Result<std::string> readAll(const std::string& path, size_t max_bytes) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd) return fail(systemError(errno, fmt::format("Failed to open file '{}'", path)));
    std::string out;
    char buf[65536];
    while (true) {
        ssize_t n = ::read(fd.get(), buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            return fail(systemError(errno, fmt::format("Failed to read file '{}'", path)));
        }
        if (n == 0) break;
        if (out.size() + static_cast<size_t>(n) > max_bytes)
            return fail(operationFailed(fmt::format("file '{}' is larger than {} bytes", path, max_bytes)));
        out.append(buf, static_cast<size_t>(n));
    }
    return out;
}

Status writeAtomic(const std::string& path, std::string_view content, unsigned mode) {
    std::string tmp = path + ".new";
    UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode));
    if (!fd) return fail(systemError(errno, fmt::format("cannot create file '{}'", tmp)));
    size_t off = 0;
    while (off < content.size()) {
        ssize_t n = ::write(fd.get(), content.data() + off, content.size() - off);
        if (n < 0) {
            if (errno == EINTR) continue;
            int e = errno;
            ::unlink(tmp.c_str());
            return fail(systemError(e, fmt::format("cannot write file '{}'", tmp)));
        }
        off += static_cast<size_t>(n);
    }
    if (::fsync(fd.get()) < 0) {
        int e = errno;
        ::unlink(tmp.c_str());
        return fail(systemError(e, fmt::format("cannot sync file '{}'", tmp)));
    }
    fd.reset();
    if (::rename(tmp.c_str(), path.c_str()) < 0) {
        int e = errno;
        ::unlink(tmp.c_str());
        return fail(systemError(e, fmt::format("cannot rename '{}' to '{}'", tmp, path)));
    }
    UniqueFd dir(::open(dirName(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir) ::fsync(dir.get());
    return ok();
}

Status removeFile(const std::string& path) {
    if (::unlink(path.c_str()) < 0 && errno != ENOENT)
        return fail(systemError(errno, fmt::format("cannot remove file '{}'", path)));
    UniqueFd dir(::open(dirName(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir) ::fsync(dir.get());
    return ok();
}

Status makeDirs(const std::string& path, unsigned mode) {
    if (path.empty()) return ok();
    std::string cur;
    for (size_t i = 0; i <= path.size(); ++i) {
        if (i == path.size() || (path[i] == '/' && i > 0)) {
            cur = path.substr(0, i);
            if (::mkdir(cur.c_str(), mode) < 0 && errno != EEXIST)
                return fail(systemError(errno, fmt::format("cannot create directory '{}'", cur)));
        }
    }
    return ok();
}

bool exists(const std::string& path) {
    struct stat st;
    return ::stat(path.c_str(), &st) == 0;
}

}  // namespace nodevirt::file
