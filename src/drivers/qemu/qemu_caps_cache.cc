#include "drivers/qemu/qemu_caps_cache.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <cctype>

#include "util/file_io.h"
#include "util/logging.h"

namespace nodevirt::qemu {
namespace {

// Bump when the file layout or the probe's content changes, so old files are re-probed.
constexpr int kCacheFormat = 1;
constexpr const char* kProducer = "nodevirt-qemu-caps";

int64_t nanos(const struct timespec& ts) {
    return static_cast<int64_t>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

Json identityToJson(const BinaryIdentity& id) {
    return {{"path", id.path},
            {"size", id.size},
            {"mtime-ns", id.mtime_ns},
            {"ctime-ns", id.ctime_ns},
            {"inode", id.inode}};
}

// FNV-1a: a stable, dependency-free file name component for a path.
uint64_t fnv1a(std::string_view s) {
    uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h;
}

}  // namespace

Result<BinaryIdentity> BinaryIdentity::of(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) < 0)
        return fail(systemError(errno, fmt::format("Cannot check QEMU binary {}", path)));
    if (!S_ISREG(st.st_mode))
        return fail(invalidArg(fmt::format("QEMU binary {} is not a regular file", path)));
    BinaryIdentity id;
    id.path = path;
    id.size = static_cast<uint64_t>(st.st_size);
    id.mtime_ns = nanos(st.st_mtim);
    id.ctime_ns = nanos(st.st_ctim);
    id.inode = static_cast<uint64_t>(st.st_ino);
    return id;
}

QemuCapsCache::QemuCapsCache(util::ProcessRunner& runner, Options options)
    : runner_(runner), options_(std::move(options)) {
    if (options_.scratch_dir.empty()) options_.scratch_dir = options_.cache_dir;
}

std::string QemuCapsCache::cacheFile(const std::string& binary) const {
    auto slash = binary.rfind('/');
    std::string base = slash == std::string::npos ? binary : binary.substr(slash + 1);
    for (char& c : base) {
        if (!isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') c = '_';
    }
    return fmt::format("{}/{}-{:016x}.json", options_.cache_dir, base, fnv1a(binary));
}

Result<std::shared_ptr<const QemuCaps>> QemuCapsCache::get(const std::string& binary) {
    NODEVIRT_ASSIGN_OR_RETURN(BinaryIdentity id, BinaryIdentity::of(binary));
    bool kvm = options_.kvm_usable ? options_.kvm_usable() : false;
    std::lock_guard lock(mu_);  // held across a probe: one probe per binary, others wait
    if (auto it = entries_.find(binary); it != entries_.end()) {
        if (it->second.identity == id && it->second.kvm == kvm) {
            ++stats_.memory_hits;
            return it->second.caps;
        }
        entries_.erase(it);
    }
    if (auto e = loadFile(id, kvm)) {
        ++stats_.file_loads;
        auto caps = e->caps;
        entries_[binary] = std::move(*e);
        return caps;
    }
    NODEVIRT_TRY(file::makeDirs(options_.cache_dir, 0755));
    NODEVIRT_TRY(file::makeDirs(options_.scratch_dir, 0755));
    ProbeOptions po{binary, options_.scratch_dir, kvm, options_.probe_timeout};
    ++stats_.probes;
    NODEVIRT_ASSIGN_OR_RETURN(QemuCaps caps, probeQemuCaps(runner_, po));
    // A binary replaced while we probed would pair old data with a new identity: re-check.
    auto after = BinaryIdentity::of(binary);
    Entry e{id, kvm, std::make_shared<const QemuCaps>(std::move(caps))};
    if (after && *after == id) {
        if (auto st = storeFile(e); !st)
            log::warn("cannot store QEMU capabilities cache: {}", st.error().message);
        entries_[binary] = e;
    }
    return e.caps;
}

QemuCapsCache::Stats QemuCapsCache::stats() const {
    std::lock_guard lock(mu_);
    return stats_;
}

std::optional<QemuCapsCache::Entry> QemuCapsCache::loadFile(const BinaryIdentity& id,
                                                            bool kvm) const {
    std::string path = cacheFile(id.path);
    if (!file::exists(path)) return std::nullopt;
    auto text = file::readAll(path);
    if (!text) return std::nullopt;
    Json j = Json::parse(*text, nullptr, false);
    // Anything unexpected means "probe again": a cache never decides on its own.
    if (j.is_discarded() || !j.is_object() || j.value("format", 0) != kCacheFormat ||
        j.value("producer", "") != kProducer || !j.contains("binary") ||
        j["binary"] != identityToJson(id) || j.value("kvm", !kvm) != kvm || !j.contains("caps")) {
        log::info("QEMU capabilities cache {} is stale; probing again", path);
        return std::nullopt;
    }
    auto caps = QemuCaps::fromJson(j["caps"]);
    if (!caps || caps->binary != id.path || j.value("qemu-version", 0u) != caps->version.number()) {
        log::warn("QEMU capabilities cache {} is damaged; probing again", path);
        return std::nullopt;
    }
    return Entry{id, kvm, std::make_shared<const QemuCaps>(std::move(*caps))};
}

Status QemuCapsCache::storeFile(const Entry& e) const {
    Json j{{"format", kCacheFormat},
           {"producer", kProducer},
           {"binary", identityToJson(e.identity)},
           {"kvm", e.kvm},
           {"qemu-version", e.caps->version.number()},
           {"caps", e.caps->toJson()}};
    return file::writeAtomic(cacheFile(e.identity.path), j.dump(1) + "\n", 0644);
}

}  // namespace nodevirt::qemu
