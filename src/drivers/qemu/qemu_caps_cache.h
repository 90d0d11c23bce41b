// QemuCapsCache: capabilities per QEMU binary, probed once and kept in memory and in a cache
// file (one per binary, written crash-safely). An entry is used only while the binary's
// identity (path, size, mtime, ctime, inode) and the host's KVM availability are unchanged,
// so a later daemon start reads the file and never re-probes; an upgraded binary is
// re-probed on its next use.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>

#include "drivers/qemu/qemu_caps_probe.h"

namespace nodevirt::qemu {

// What identifies one build of a binary on disk.
struct BinaryIdentity {
    std::string path;
    uint64_t size = 0;
    int64_t mtime_ns = 0;
    int64_t ctime_ns = 0;
    uint64_t inode = 0;

    static Result<BinaryIdentity> of(const std::string& path);
    bool operator==(const BinaryIdentity&) const = default;
};

class QemuCapsCache {
  public:
    struct Options {
        std::string cache_dir;    // holds the cache files; created if missing
        std::string scratch_dir;  // for probe sockets; empty means cache_dir
        std::chrono::milliseconds probe_timeout{30000};
        std::function<bool()> kvm_usable = hostKvmUsable;  // replaceable in tests
    };

    struct Stats {
        size_t probes = 0;       // QEMU processes started
        size_t file_loads = 0;   // entries taken from a cache file
        size_t memory_hits = 0;  // answered from memory
    };

    QemuCapsCache(util::ProcessRunner& runner, Options options);

    // The capabilities of `binary` (an absolute path). Thread-safe; concurrent callers for a
    // binary being probed wait for that one probe.
    Result<std::shared_ptr<const QemuCaps>> get(const std::string& binary);

    [[nodiscard]] Stats stats() const;
    // Where the entry for `binary` is stored.
    [[nodiscard]] std::string cacheFile(const std::string& binary) const;

  private:
    struct Entry {
        BinaryIdentity identity;
        bool kvm = false;
        std::shared_ptr<const QemuCaps> caps;
    };

    std::optional<Entry> loadFile(const BinaryIdentity& id, bool kvm) const;
    Status storeFile(const Entry& e) const;

    util::ProcessRunner& runner_;
    Options options_;
    mutable std::mutex mu_;
    std::map<std::string, Entry> entries_;
    Stats stats_;
};

}  // namespace nodevirt::qemu
