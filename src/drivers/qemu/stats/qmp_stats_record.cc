// Records the QMP replies the stats collector reads, from a real QEMU (stats_test_vm.h), into
// JSON files: how src/drivers/qemu/stats/testdata/qemu_7.2/ was made
// (`nodevirt_qmp_stats_record OUT_DIR`). The machine runs for a moment first so that the
// counters are not all zero.
#include <unistd.h>

#include <cstdio>
#include <thread>

#include "drivers/qemu/stats/stats_test_vm.h"
#include "util/file_io.h"

int main(int argc, char** argv) {
    using namespace nodevirt;
    using namespace nodevirt::qemu;
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s OUT_DIR\n", argv[0]);
        return 2;
    }
    std::string out = argv[1];
    char tmpl[] = "/tmp/nodevirt-stats-rec-XXXXXX";
    if (!::mkdtemp(tmpl)) return 1;
    auto vm = stats::startStatsTestVm(tmpl);
    if (!vm) {
        std::fprintf(stderr, "start failed: %s\n", vm.error().message.c_str());
        return 1;
    }
    SyncQmpClient& q = *vm->qmp;
    const std::string balloon = "/machine/peripheral/balloon0";
    auto record = [&](const std::string& file, const std::string& cmd, Json args) {
        auto r = q.execute(cmd, std::move(args));
        Json j =
            r ? Json{{"return", *r}}
              : Json{{"error", {{"class", qmpErrorClass(r.error())}, {"desc", r.error().message}}}};
        auto st = file::writeAtomic(out + "/" + file, j.dump(2) + "\n", 0644);
        if (!st) std::fprintf(stderr, "%s: %s\n", file.c_str(), st.error().message.c_str());
    };
    record("query-status-prelaunch.json", "query-status", nullptr);
    (void)q.execute(
        "qom-set",
        Json{{"path", balloon}, {"property", "guest-stats-polling-interval"}, {"value", 2}});
    (void)q.execute("cont");
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    record("query-status.json", "query-status", nullptr);
    record("query-cpus-fast.json", "query-cpus-fast", nullptr);
    record("query-balloon.json", "query-balloon", nullptr);
    record("qom-get-guest-stats.json", "qom-get",
           Json{{"path", balloon}, {"property", "guest-stats"}});
    record("qom-get-guest-stats-polling-interval.json", "qom-get",
           Json{{"path", balloon}, {"property", "guest-stats-polling-interval"}});
    record("query-blockstats.json", "query-blockstats", nullptr);
    record("query-block.json", "query-block", nullptr);
    (void)q.execute("quit");
    (void)vm->proc->wait(std::chrono::milliseconds(10000));
    for (const char* f : {"/qmp.sock", "/qemu.log", "/disk.img"})
        ::unlink((std::string(tmpl) + f).c_str());
    ::rmdir(tmpl);
    return 0;
}
