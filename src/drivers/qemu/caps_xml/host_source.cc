// The real (or fixture-rooted) host: plain file reads with a size bound.
#include "drivers/qemu/caps_xml/host_source.h"

#include <algorithm>
#include <filesystem>

#include "util/file_io.h"

namespace nodevirt::qemu::caps {

namespace {
// /proc/cpuinfo on a large host is a few hundred KiB; nothing we read is bigger.
constexpr size_t kMaxHostFile = 8u << 20;
// A directory listing is bounded too (/sys/devices/system/node/node0 has one entry per
// memory block).
constexpr size_t kMaxDirEntries = 65536;
}  // namespace

RootedHostSource::RootedHostSource(std::string root) : root_(std::move(root)) {
    while (root_.size() > 1 && root_.back() == '/') root_.pop_back();
    if (root_ == "/") root_.clear();
}

Result<std::string> RootedHostSource::readFile(const std::string& path) const {
    return file::readAll(root_ + path, kMaxHostFile);
}

std::vector<std::string> RootedHostSource::listDir(const std::string& path) const {
    std::vector<std::string> out;
    std::error_code ec;
    std::filesystem::directory_iterator it(root_ + path, ec);
    for (; !ec && it != std::filesystem::directory_iterator() && out.size() < kMaxDirEntries;
         it.increment(ec)) {
        out.push_back(it->path().filename().string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace nodevirt::qemu::caps
