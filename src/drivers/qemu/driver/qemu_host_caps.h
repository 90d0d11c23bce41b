// The host facts the QEMU driver reports: the <host> block of <capabilities>, probed from
// /proc and /sys once per driver (the CPU, NUMA cells and power management do not change
// while the daemon runs), and where such facts are read from.
#pragma once

#include <memory>
#include <mutex>
#include <optional>

#include "conf/capabilities/capabilities_def.h"
#include "drivers/qemu/caps_xml/host_source.h"
#include "util/result.h"

namespace nodevirt::qemu {

class HostCapsCache {
  public:
    // The host block, probed through `src` on the first call only; a failed probe is not
    // kept, so the next call tries again.
    Result<conf::CapsHost> get(const caps::HostSource& src);

  private:
    std::mutex mu_;
    std::optional<conf::CapsHost> host_;
};

// `configured` when set, else the real host ("/").
const caps::HostSource& hostSourceOr(const std::shared_ptr<const caps::HostSource>& configured);

}  // namespace nodevirt::qemu
