// Probes a QEMU binary and writes its QemuCaps JSON: how the committed test fixtures under
// tests/data/qemu_caps_xml/ are made (`nodevirt_qemu_caps_dump BINARY OUT.json`).
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "drivers/qemu/qemu_caps_probe.h"
#include "util/file_io.h"

int main(int argc, char** argv) {
    using namespace nodevirt;
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s QEMU_BINARY OUT.json\n", argv[0]);
        return 2;
    }
    char tmpl[] = "/tmp/nodevirt-caps-dump-XXXXXX";
    if (!::mkdtemp(tmpl)) return 1;
    util::RealProcessRunner runner;
    qemu::ProbeOptions opts;
    opts.binary = argv[1];
    opts.scratch_dir = tmpl;
    opts.use_kvm = qemu::hostKvmUsable();
    auto caps = qemu::probeQemuCaps(runner, opts);
    std::error_code ec;
    std::filesystem::remove_all(tmpl, ec);  // the probe's socket and log
    if (!caps) {
        std::fprintf(stderr, "probe failed: %s\n", caps.error().message.c_str());
        return 1;
    }
    auto st = file::writeAtomic(argv[2], caps->toJson().dump(1) + "\n", 0644);
    if (!st) {
        std::fprintf(stderr, "write failed: %s\n", st.error().message.c_str());
        return 1;
    }
    return 0;
}
