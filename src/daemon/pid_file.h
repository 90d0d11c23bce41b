// The daemon's pid file: created and locked (fcntl write lock) for as long as the daemon
// runs, so a second instance fails with a clear message; a file left behind by a daemon that
// died is not locked and is simply taken over. Removed when the daemon exits.
#pragma once

#include <string>

#include "util/result.h"
#include "util/unique_fd.h"

namespace nodevirt::daemon {

class PidFile {
  public:
    // Creates (or takes over a stale) `path`, locks it and writes the current pid.
    static Result<PidFile> acquire(const std::string& path);

    PidFile(PidFile&&) = default;
    PidFile& operator=(PidFile&&) = default;
    // Removes the file while still holding the lock.
    ~PidFile();

    [[nodiscard]] const std::string& path() const { return path_; }

  private:
    PidFile(std::string path, UniqueFd fd) : path_(std::move(path)), fd_(std::move(fd)) {}
    std::string path_;
    UniqueFd fd_;
};

}  // namespace nodevirt::daemon
