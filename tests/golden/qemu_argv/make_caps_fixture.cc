// Probes a QEMU binary once through the driver's capability cache and copies the cache file
// to a fixture path, so the argv golden tests use committed capabilities and do not depend on
// the QEMU installed where they run. Usage: make_caps_fixture BINARY OUTPUT.json
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "drivers/qemu/qemu_caps_cache.h"
#include "util/process_runner.h"

int main(int argc, char** argv) {
    using namespace nodevirt;
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s BINARY OUTPUT.json\n", argv[0]);
        return 2;
    }
    std::string binary = argv[1];
    std::filesystem::path out = argv[2];
    char tmpl[] = "/tmp/nodevirt-capsfix-XXXXXX";
    if (!mkdtemp(tmpl)) {
        std::perror("mkdtemp");
        return 1;
    }
    util::RealProcessRunner runner;
    qemu::QemuCapsCache::Options opts;
    opts.cache_dir = tmpl;
    qemu::QemuCapsCache cache(runner, opts);
    auto caps = cache.get(binary);
    if (!caps) {
        std::fprintf(stderr, "probe failed: %s\n", caps.error().message.c_str());
        return 1;
    }
    std::error_code ec;
    std::filesystem::copy_file(cache.cacheFile(binary), out,
                               std::filesystem::copy_options::overwrite_existing, ec);
    std::filesystem::remove_all(tmpl);
    if (ec) {
        std::fprintf(stderr, "copy failed: %s\n", ec.message().c_str());
        return 1;
    }
    std::printf("wrote %s (QEMU %d.%d.%d, %zu machines)\n", out.c_str(), (*caps)->version.major,
                (*caps)->version.minor, (*caps)->version.micro, (*caps)->machines.size());
    return 0;
}
