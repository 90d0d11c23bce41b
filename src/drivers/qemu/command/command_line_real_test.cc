// Proves the built argv is real: golden cases (tests/data/qemu_argv) are rebuilt with their
// images in a scratch directory (made by qemu-img), started paused with the real
// qemu-system-x86_64, and checked over QMP: prelaunch, each disk's format node attached to the
// device with its alias, every PCI device at the slot the live definition gives, the pid
// file; then quit. Bounded by QMP timeouts; nothing asserts on time.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "conf/domain/domain_xml.h"
#include "drivers/qemu/command/command_line.h"
#include "drivers/qemu/command/post_parse_profile.h"
#include "drivers/qemu/monitor_socket.h"
#include "drivers/qemu/qemu_caps.h"
#include "drivers/qemu/qmp_sync_client.h"
#include "util/child_process.h"

namespace nodevirt::qemu {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
constexpr milliseconds kTimeout(60000);

std::string readText(const fs::path& p) {
    std::ifstream in(p);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

const QemuCaps& fixtureCaps() {
    static const QemuCaps kCaps = [] {
        auto j = Json::parse(readText("tests/data/qemu_caps/qemu-7.2-x86_64.json"), nullptr, false);
        if (j.is_discarded() || !j.contains("caps")) return QemuCaps{};
        auto caps = QemuCaps::fromJson(j["caps"]);
        return caps ? *caps : QemuCaps{};
    }();
    return kCaps;
}

struct Scratch {
    Scratch() {
        char tmpl[] = "/tmp/nodevirt-argv-XXXXXX";
        EXPECT_NE(mkdtemp(tmpl), nullptr);
        dir = tmpl;
    }
    ~Scratch() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    std::string dir;
};

void replaceAll(std::string& s, const std::string& from, const std::string& to) {
    for (size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size())
        s.replace(pos, from.size(), to);
}

// Each PCI device of the live definition, asked where QEMU put it: "addr" is the devfn and
// "parent_bus" the QOM path of its bus (a root port's own bus is named like the port).
// query-pci cannot show this before the firmware numbers the buses behind bridges.
void checkPci(SyncQmpClient& qmp, const conf::DomainDef& live, bool q35) {
    size_t checked = 0;
    auto expect = [&](const conf::DeviceInfo& info) {
        const conf::PciAddress* a = info.pci();
        if (!a || !info.alias || *info.alias == "ide") return;  // the ICH9/PIIX3 built-ins
        std::string path = "/machine/peripheral/" + *info.alias;
        auto addr = qmp.execute("qom-get", Json{{"path", path}, {"property", "addr"}}, kTimeout);
        ASSERT_TRUE(addr) << *info.alias << ": " << addr.error().message;
        EXPECT_EQ(addr->get<int>(), static_cast<int>(a->slot * 8 + a->function)) << *info.alias;
        auto bus =
            qmp.execute("qom-get", Json{{"path", path}, {"property", "parent_bus"}}, kTimeout);
        ASSERT_TRUE(bus) << bus.error().message;
        std::string want =
            a->bus == 0 ? (q35 ? "/pcie.0" : "/pci.0") : "/pci." + std::to_string(a->bus);
        EXPECT_TRUE(bus->get<std::string>().ends_with(want))
            << *info.alias << " is on " << bus->get<std::string>() << ", expected " << want;
        ++checked;
    };
    const auto& d = live.devs();
    for (const auto& x : d.disks) expect(x.info);
    for (const auto& x : d.interfaces) expect(x.info);
    for (const auto& x : d.controllers) expect(x.info);
    for (const auto& x : d.watchdogs) expect(x.info);
    if (d.memballoon) expect(d.memballoon->info);
    EXPECT_GE(checked, 2u);
}

void checkBlock(SyncQmpClient& qmp, const conf::DomainDef& live) {
    auto reply = qmp.execute("query-block", nullptr, kTimeout);
    ASSERT_TRUE(reply) << reply.error().message;
    for (const auto& disk : live.devs().disks) {
        bool found = false;
        for (const auto& b : *reply) {
            std::string qdev = b.value("qdev", "");
            std::string alias = disk.info.alias.value_or("?");
            if (qdev != alias && qdev.find("/" + alias + "/") == std::string::npos) continue;
            found = true;
            if (disk.source.path) {
                ASSERT_TRUE(b.contains("inserted")) << disk.dst << " has no medium";
                EXPECT_EQ(b["inserted"].value("file", ""), *disk.source.path);
                EXPECT_EQ(b["inserted"].value("ro", false),
                          disk.readonly || disk.device == conf::DiskDevice::kCdrom);
            } else {
                EXPECT_FALSE(b.contains("inserted")) << disk.dst << " should be empty";
            }
        }
        EXPECT_TRUE(found) << "disk " << disk.dst << " (" << disk.info.alias.value_or("") << ")";
    }
}

// Builds the case with its images under `s`, starts QEMU, checks it, quits.
void runCase(const std::string& name) {
    SCOPED_TRACE(name);
    Scratch s;
    std::string xml = readText("tests/data/qemu_argv/" + name + ".xml");
    replaceAll(xml, "/var/lib/nodevirt/images", s.dir);
    replaceAll(xml, "/var/log/nodevirt", s.dir);
    conf::DomainParseOptions opts;
    opts.inactive = true;
    opts.profile = &qemuPostParseProfile();
    auto parsed = conf::parseDomainXml(xml, opts);
    ASSERT_TRUE(parsed) << parsed.error().message;
    conf::DomainDef live = **parsed;
    for (const auto& d : live.devs().disks) {
        if (!d.source.path) continue;
        std::string format = d.driver && d.driver->type ? *d.driver->type : "raw";
        util::SpawnOptions img;
        img.argv = {"qemu-img", "create", "-q", "-f", format, *d.source.path, "16M"};
        auto r = util::runCommand(img, kTimeout);
        ASSERT_TRUE(r && r->status.success()) << "qemu-img failed for " << *d.source.path;
    }
    LaunchContext ctx;
    ctx.caps = &fixtureCaps();
    ctx.binary = "/usr/bin/qemu-system-x86_64";
    ctx.domain_run_dir = s.dir;
    ctx.pid_file = s.dir + "/qemu.pid";
    ASSERT_TRUE(prepareLiveDefinition(live, ctx));
    auto cmd = buildCommandLine(live, ctx);
    ASSERT_TRUE(cmd) << cmd.error().message;

    auto listener = listenUnixSocket(s.dir + "/monitor.sock");
    ASSERT_TRUE(listener);
    util::SpawnOptions o;
    o.argv = cmd->argv;
    o.env = std::vector<std::string>{};
    for (const auto& [k, v] : cmd->env) o.env->push_back(k + "=" + v);
    o.keep_fds = {{listener->get(), ctx.monitor_fd}};
    o.stdout_target = util::StreamTarget::file(s.dir + "/qemu.log");
    o.stderr_target = util::StreamTarget::sameAsStdout();
    auto proc = util::ChildProcess::spawn(o);
    ASSERT_TRUE(proc) << proc.error().message;
    auto conn = connectUnixSocket(s.dir + "/monitor.sock");
    listener->reset();
    ASSERT_TRUE(conn);
    auto qmp = SyncQmpClient::attach(std::move(*conn), kTimeout);
    ASSERT_TRUE(qmp) << qmp.error().message << "\nQEMU log:\n" << readText(s.dir + "/qemu.log");

    auto st = (*qmp)->execute("query-status", nullptr, kTimeout);
    ASSERT_TRUE(st) << st.error().message;
    EXPECT_EQ((*st)["status"], "prelaunch");
    checkBlock(**qmp, live);
    checkPci(**qmp, live, live.os.machine.find("q35") != std::string::npos);
    EXPECT_EQ(readText(ctx.pid_file).substr(0, readText(ctx.pid_file).find('\n')),
              std::to_string((*proc)->pid()));

    auto quit = (*qmp)->execute("quit", nullptr, kTimeout);
    EXPECT_TRUE(quit) << quit.error().message;
    auto exit = (*proc)->wait(kTimeout);
    ASSERT_TRUE(exit);
    EXPECT_TRUE(exit->success()) << readText(s.dir + "/qemu.log");
}

TEST(CommandLineReal, PcVirtioDisksUserNetSerials) { runCase("virtio-disks"); }
TEST(CommandLineReal, Q35SataAndEmptyCdromBehindRootPorts) { runCase("disk-sata-q35"); }
TEST(CommandLineReal, VirtioScsiDiskAndCdrom) { runCase("disk-scsi"); }
TEST(CommandLineReal, Q35PcieToPciBridgeWithWatchdog) { runCase("watchdog-i6300esb-q35"); }

}  // namespace
}  // namespace nodevirt::qemu
