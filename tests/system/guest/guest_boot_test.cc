// Smoke test of the test guest with a plain QEMU command line (q35, TCG, 256 MiB, direct
// kernel boot, serial to a file, monitor on a passed socket): the guest reaches its ready
// marker, and the ACPI power button (system_powerdown over QmpClient) makes it power off and
// QEMU exit. Bounded everywhere; timings are printed, never asserted.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <thread>

#include "drivers/qemu/monitor_socket.h"
#include "drivers/qemu/qmp_sync_client.h"
#include "util/child_process.h"
#include "util/file_io.h"

namespace nodevirt::qemu {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr milliseconds kBootTimeout(60000);  // marker; ~7 s idle, much more under load
constexpr int kPowerdownAttempts = 3;
constexpr milliseconds kPowerdownWait(15000);

double secondsSince(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

std::string readText(const std::string& path) {
    auto r = file::readAll(path);
    return r ? *r : "";
}

struct Scratch {
    Scratch() {
        char tmpl[] = "/tmp/nodevirt-guest-XXXXXX";
        EXPECT_NE(mkdtemp(tmpl), nullptr);
        dir = tmpl;
    }
    ~Scratch() {
        for (const char* f : {"/qmp.sock", "/serial.log", "/qemu.log"}) ::unlink((dir + f).c_str());
        ::rmdir(dir.c_str());
    }
    std::string dir;
};

TEST(GuestBootTest, BootsToMarkerAndPowersOffOnAcpiButton) {
    const char* guest_env = std::getenv("NODEVIRT_TEST_GUEST_DIR");
    ASSERT_NE(guest_env, nullptr) << "run through ctest (the system_guest_build fixture)";
    std::string guest = guest_env;
    ASSERT_TRUE(file::exists(guest + "/vmlinuz")) << guest;
    ASSERT_TRUE(file::exists(guest + "/initrd.gz")) << guest;
    auto qemu = util::findProgram("qemu-system-x86_64");
    ASSERT_TRUE(qemu) << qemu.error().message;

    Scratch s;
    std::string serial = s.dir + "/serial.log";
    auto listener = listenUnixSocket(s.dir + "/qmp.sock");
    ASSERT_TRUE(listener) << listener.error().message;
    util::SpawnOptions o;
    o.argv = {*qemu,
              "-name",
              "nodevirt-smoke",
              "-machine",
              "q35",
              "-accel",
              "tcg",
              "-m",
              "256",
              "-smp",
              "1",
              "-nodefaults",
              "-nographic",
              "-no-user-config",
              "-no-reboot",  // a guest panic ends the test at once instead of looping
              "-kernel",
              guest + "/vmlinuz",
              "-initrd",
              guest + "/initrd.gz",
              "-append",
              "console=ttyS0 panic=-1 quiet",
              "-chardev",
              "file,id=ser0,path=" + serial,
              "-serial",
              "chardev:ser0",
              "-chardev",
              "socket,id=monitor,fd=3,server=on,wait=off",
              "-mon",
              "chardev=monitor,mode=control"};
    o.keep_fds = {{listener->get(), 3}};
    o.stdout_target = util::StreamTarget::file(s.dir + "/qemu.log");
    o.stderr_target = util::StreamTarget::sameAsStdout();
    auto t0 = Clock::now();
    auto proc = util::ChildProcess::spawn(o);  // killed by its destructor if we bail out
    ASSERT_TRUE(proc) << proc.error().message;
    auto conn = connectUnixSocket(s.dir + "/qmp.sock");
    listener->reset();
    ASSERT_TRUE(conn) << conn.error().message;
    auto qmp = SyncQmpClient::attach(std::move(*conn), milliseconds(30000));
    ASSERT_TRUE(qmp) << qmp.error().message << "\n" << readText(s.dir + "/qemu.log");
    auto& q = **qmp;

    // The serial log is a plain file: look for the marker, bounded, stopping early if QEMU
    // goes away.
    bool ready = false;
    for (int i = 0; i < kBootTimeout.count() / 100 && !ready && !q.closed(); ++i) {
        ready = readText(serial).find("GUEST-READY-MARKER") != std::string::npos;
        if (!ready) (void)q.waitForClose(milliseconds(100));
    }
    ASSERT_TRUE(ready) << "no marker; serial:\n" << readText(serial);
    std::printf("spawn -> GUEST-READY-MARKER: %.1f s\n", secondsSince(t0));

    // The button is lost if pressed before acpid runs: give it a second, and retry.
    std::this_thread::sleep_for(milliseconds(1000));
    std::optional<QmpEvent> shutdown;
    Clock::time_point pressed;
    for (int attempt = 0; attempt < kPowerdownAttempts && !shutdown && !q.closed(); ++attempt) {
        pressed = Clock::now();
        auto r = q.execute("system_powerdown");
        ASSERT_TRUE(r) << r.error().message;
        auto ev = q.waitForEvent("SHUTDOWN", kPowerdownWait);
        if (ev) shutdown = *ev;
    }
    ASSERT_TRUE(shutdown) << "guest ignored the power button; serial:\n" << readText(serial);
    EXPECT_EQ(shutdown->data["guest"], true);
    EXPECT_EQ(shutdown->data["reason"], "guest-shutdown");
    ASSERT_TRUE(q.waitForClose(milliseconds(30000)));
    auto st = (*proc)->wait(milliseconds(30000));
    ASSERT_TRUE(st) << st.error().message;
    EXPECT_TRUE(st->success()) << st->describe();
    std::printf("system_powerdown -> QEMU exited: %.3f s\n", secondsSince(pressed));

    std::string out = readText(serial);
    EXPECT_NE(out.find("tick "), std::string::npos);
    EXPECT_NE(out.find("ACPI-POWERBUTTON: powering off"), std::string::npos);
    EXPECT_EQ(out.find("insmod"), std::string::npos) << "a module failed to load:\n" << out;
}

}  // namespace
}  // namespace nodevirt::qemu
