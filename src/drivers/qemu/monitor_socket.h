// Unix sockets for QEMU monitors. The driver creates the listening socket itself and passes
// it to QEMU (-chardev socket,fd=N,server=on), so it can connect at once, with no polling for
// the path to appear, and a QEMU that dies before accepting is seen as EOF right away.
#pragma once

#include <string>

#include "util/result.h"
#include "util/unique_fd.h"

namespace nodevirt::qemu {

// Binds (replacing a stale socket file) and listens; close-on-exec.
Result<UniqueFd> listenUnixSocket(const std::string& path, int backlog = 4);
// Connects a stream socket; a connect to a listening socket succeeds even before accept().
Result<UniqueFd> connectUnixSocket(const std::string& path);

}  // namespace nodevirt::qemu
