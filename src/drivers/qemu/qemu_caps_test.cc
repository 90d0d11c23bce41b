#include "drivers/qemu/qemu_caps.h"

#include <dirent.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <csignal>

#include "drivers/qemu/fake_qmp_server.h"
#include "drivers/qemu/qemu_caps_cache.h"
#include "util/fake_process_runner.h"
#include "util/file_io.h"

namespace nodevirt::qemu {
namespace {

using std::chrono::milliseconds;

// Canned replies shaped like QEMU 7.2's (trimmed).
const Json kMachines = Json::parse(R"([
  {"name": "pc-q35-7.2", "alias": "q35", "cpu-max": 288, "deprecated": false,
   "hotpluggable-cpus": true, "default-cpu-type": "qemu64-x86_64-cpu", "default-ram-id": "pc.ram"},
  {"name": "pc-i440fx-7.2", "alias": "pc", "is-default": true, "cpu-max": 255,
   "deprecated": false, "hotpluggable-cpus": true, "default-cpu-type": "qemu64-x86_64-cpu"},
  {"name": "pc-q35-5.2", "cpu-max": 288, "deprecated": true, "hotpluggable-cpus": true},
  {"name": "none", "cpu-max": 1, "hotpluggable-cpus": false}])");
const Json kCpus = Json::parse(R"([
  {"name": "qemu64", "typename": "qemu64-x86_64-cpu", "alias-of": "qemu64-v1",
   "unavailable-features": [], "static": false, "migration-safe": true, "deprecated": false},
  {"name": "host", "typename": "host-x86_64-cpu", "unavailable-features": ["kvm"],
   "static": false, "migration-safe": false, "deprecated": false}])");
// A command whose argument type is a union: members of the base and of each variant count.
const Json kSchema = Json::parse(R"([
  {"name": "migrate", "meta-type": "command", "arg-type": "150", "ret-type": "0"},
  {"name": "150", "meta-type": "object", "members": [{"name": "uri", "type": "str"},
                                                      {"name": "detach", "type": "bool"}]},
  {"name": "blockdev-add", "meta-type": "command", "arg-type": "BlockdevOptions"},
  {"name": "BlockdevOptions", "meta-type": "object",
   "members": [{"name": "driver", "type": "str"}, {"name": "node-name", "type": "str"}],
   "tag": "driver", "variants": [{"case": "file", "type": "BlockdevOptionsFile"}]},
  {"name": "BlockdevOptionsFile", "meta-type": "object",
   "members": [{"name": "filename", "type": "str"}]},
  {"name": "stop", "meta-type": "command", "arg-type": "0", "ret-type": "0"},
  {"name": "0", "meta-type": "object", "members": []},
  {"name": "SHUTDOWN", "meta-type": "event", "arg-type": "1"},
  {"name": "DEVICE_DELETED", "meta-type": "event", "arg-type": "2"}])");

QemuCaps sampleCaps() {
    QemuCaps c;
    c.binary = "/usr/bin/qemu-system-x86_64";
    c.accel = "tcg";
    EXPECT_TRUE(parseVersion(
        Json::parse(R"({"qemu": {"major": 7, "minor": 2, "micro": 22}, "package": "Debian"})"), c));
    EXPECT_TRUE(parseCommands(Json::parse(R"([{"name": "migrate"}, {"name": "stop"}])"), c));
    EXPECT_TRUE(parseSchema(kSchema, c));
    EXPECT_TRUE(parseMachines(kMachines, c));
    EXPECT_TRUE(parseCpuDefinitions(kCpus, c));
    EXPECT_TRUE(parseKvm(Json{{"enabled", false}, {"present", true}}, c));
    EXPECT_TRUE(parseDeviceTypes(
        Json::parse(R"([{"name": "virtio-blk-pci", "parent": "virtio-blk-pci-base"},
                        {"name": "e1000", "parent": "pci-device"}])"),
        c));
    EXPECT_TRUE(parseDeviceProperties("virtio-blk-pci",
                                      Json::parse(R"([{"name": "drive", "type": "str"},
                                          {"name": "addr", "type": "int32"}])"),
                                      c));
    return c;
}

TEST(QemuCapsTest, TypedQueries) {
    QemuCaps c = sampleCaps();
    EXPECT_EQ(c.version.number(), 7002022u);
    EXPECT_EQ(c.version.package, "Debian");
    EXPECT_TRUE(c.hasCommand("migrate"));
    EXPECT_FALSE(c.hasCommand("migrate-incoming"));
    EXPECT_TRUE(c.hasCommandArgument("migrate", "uri"));
    EXPECT_FALSE(c.hasCommandArgument("migrate", "url"));
    EXPECT_TRUE(c.hasCommandArgument("blockdev-add", "node-name"));
    EXPECT_TRUE(c.hasCommandArgument("blockdev-add", "filename"));  // from the union variant
    EXPECT_FALSE(c.hasCommandArgument("stop", "uri"));
    EXPECT_TRUE(c.hasEvent("SHUTDOWN"));
    EXPECT_TRUE(c.hasEvent("DEVICE_DELETED"));
    EXPECT_FALSE(c.hasEvent("migrate"));
    EXPECT_EQ(c.canonicalMachine("q35"), "pc-q35-7.2");
    EXPECT_EQ(c.canonicalMachine("pc-q35-5.2"), "pc-q35-5.2");
    EXPECT_EQ(c.canonicalMachine("pc"), "pc-i440fx-7.2");
    EXPECT_EQ(c.canonicalMachine("virt"), std::nullopt);
    ASSERT_NE(c.defaultMachine(), nullptr);
    EXPECT_EQ(c.defaultMachine()->name, "pc-i440fx-7.2");
    EXPECT_TRUE(c.findMachine("pc-q35-5.2")->deprecated);
    EXPECT_EQ(c.findMachine("q35")->max_cpus, 288);
    ASSERT_NE(c.findCpuModel("qemu64"), nullptr);
    EXPECT_EQ(c.findCpuModel("qemu64")->alias_of, "qemu64-v1");
    EXPECT_EQ(c.findCpuModel("host")->unavailable_features, std::vector<std::string>{"kvm"});
    EXPECT_EQ(c.findCpuModel("EPYC"), nullptr);
    EXPECT_FALSE(c.kvmUsable());
    c.accel = "kvm";
    EXPECT_FALSE(c.kvmUsable());  // present but not enabled
    c.kvm_enabled = true;
    EXPECT_TRUE(c.kvmUsable());
    EXPECT_TRUE(c.hasDevice("e1000"));
    EXPECT_FALSE(c.hasDevice("virtio-blk"));
    EXPECT_TRUE(c.deviceHasProperty("virtio-blk-pci", "drive"));
    EXPECT_FALSE(c.deviceHasProperty("virtio-blk-pci", "netdev"));
    EXPECT_FALSE(c.deviceHasProperty("e1000", "mac"));  // not probed
}

TEST(QemuCapsTest, MalformedRepliesAreErrors) {
    QemuCaps c;
    auto m = parseMachines(Json{{"name", "pc"}}, c);
    ASSERT_FALSE(m);
    EXPECT_NE(m.error().message.find("unexpected reply to query-machines"), std::string::npos);
    EXPECT_FALSE(parseVersion(Json{{"qemu", {{"major", "seven"}}}}, c));
    EXPECT_FALSE(parseCommands(Json::parse(R"([{"nom": "x"}])"), c));
    EXPECT_FALSE(parseKvm(Json::object(), c));
    EXPECT_FALSE(parseSchema(Json::parse(R"([{"name": "x"}])"), c));
}

TEST(QemuCapsTest, JsonRoundTrip) {
    QemuCaps c = sampleCaps();
    auto back = QemuCaps::fromJson(c.toJson());
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(back->toJson(), c.toJson());
    EXPECT_EQ(back->canonicalMachine("q35"), "pc-q35-7.2");
    Json broken = c.toJson();
    broken.erase("machines");
    EXPECT_FALSE(QemuCaps::fromJson(broken));
    broken = c.toJson();
    broken["version"]["major"] = "7";
    EXPECT_FALSE(QemuCaps::fromJson(broken));
}

// A fake QEMU: the runner's hook serves the listening socket the probe passes as fd 3.
class FakeQemu {
  public:
    FakeQemu() {
        runner.setHook([this](const util::SpawnOptions& o) -> Status {
            if (o.keep_fds.size() != 1 || o.keep_fds[0].child_fd != 3)
                return fail(invalidArg("probe did not pass its monitor as fd 3"));
            ++spawned;
            if (!serve) return ok();  // a QEMU that never answers
            auto s = FakeQmpServer::adoptListener(UniqueFd(::dup(o.keep_fds[0].parent_fd)));
            if (!s) return fail(s.error());
            server = std::move(*s);
            server->setResponder(
                [this](const std::string& cmd, const Json& args) { return respond(cmd, args); });
            server->start();
            return ok();
        });
    }

    std::optional<FakeQmpStep> respond(const std::string& cmd, const Json& args) {
        if (hang_on.count(cmd)) {
            FakeQmpStep s;
            s.action = FakeQmpStep::Action::kHang;
            return s;
        }
        if (cmd == "query-version")
            return FakeQmpStep::reply(
                cmd, {{"qemu", {{"major", 7}, {"minor", 2}, {"micro", 22}}}, {"package", "fake"}});
        if (cmd == "query-commands")
            return FakeQmpStep::reply(cmd, Json::parse(R"([{"name": "quit"}, {"name": "stop"}])"));
        if (cmd == "query-qmp-schema") return FakeQmpStep::reply(cmd, kSchema);
        if (cmd == "query-machines") return FakeQmpStep::reply(cmd, kMachines);
        if (cmd == "query-cpu-definitions") return FakeQmpStep::reply(cmd, kCpus);
        if (cmd == "query-kvm")
            return FakeQmpStep::reply(cmd, {{"enabled", false}, {"present", false}});
        if (cmd == "qom-list-types")
            return FakeQmpStep::reply(
                cmd, Json::parse(R"([{"name": "virtio-net-pci"}, {"name": "pvpanic"}])"));
        if (cmd == "device-list-properties")
            return FakeQmpStep::reply(
                cmd, Json::array({{{"name", "prop-of-" + args["typename"].get<std::string>()}}}));
        if (cmd == "quit") {
            if (auto c = runner.control(spawned - 1)) c->finish(util::ExitStatus::fromExitCode(0));
            FakeQmpStep s = FakeQmpStep::reply(cmd);
            s.events_before = {fakeEvent("SHUTDOWN", {{"guest", false}})};
            s.close_after = true;
            return s;
        }
        return std::nullopt;
    }

    util::FakeProcessRunner runner;
    std::unique_ptr<FakeQmpServer> server;
    std::set<std::string> hang_on;
    bool serve = true;
    size_t spawned = 0;
};

struct TempDir {
    TempDir() {
        char tmpl[] = "/tmp/nodevirt-caps-XXXXXX";
        EXPECT_NE(mkdtemp(tmpl), nullptr);
        path = tmpl;
    }
    ~TempDir() {
        if (DIR* d = ::opendir(path.c_str())) {
            while (auto* e = ::readdir(d)) {
                std::string n = e->d_name;
                if (n != "." && n != "..") ::unlink((path + "/" + n).c_str());
            }
            ::closedir(d);
        }
        ::rmdir(path.c_str());
    }
    [[nodiscard]] std::vector<std::string> entries() const {
        std::vector<std::string> out;
        if (DIR* d = ::opendir(path.c_str())) {
            while (auto* e = ::readdir(d)) {
                std::string n = e->d_name;
                if (n != "." && n != "..") out.push_back(n);
            }
            ::closedir(d);
        }
        return out;
    }
    std::string path;
};

TEST(QemuCapsProbeTest, ProbesOverQmpWithFakes) {
    FakeQemu fake;
    TempDir dir;
    ProbeOptions po{"/opt/fake/qemu-system-x86_64", dir.path, false, milliseconds(20000)};
    auto caps = probeQemuCaps(fake.runner, po);
    ASSERT_TRUE(caps) << caps.error().message;
    auto argv = fake.runner.argvs().at(0);
    EXPECT_EQ(argv, probeArgv(po, 3));
    EXPECT_EQ(argv[0], "/opt/fake/qemu-system-x86_64");
    EXPECT_NE(std::find(argv.begin(), argv.end(), "tcg"), argv.end());
    EXPECT_EQ(caps->version.package, "fake");
    EXPECT_EQ(caps->accel, "tcg");
    EXPECT_EQ(caps->qmp_capabilities, std::vector<std::string>{"oob"});
    EXPECT_TRUE(caps->hasCommand("quit"));
    EXPECT_TRUE(caps->hasCommandArgument("migrate", "uri"));
    EXPECT_EQ(caps->canonicalMachine("q35"), "pc-q35-7.2");
    // Only devices that exist are asked for their properties, in kProbedDevices order.
    EXPECT_TRUE(caps->deviceHasProperty("virtio-net-pci", "prop-of-virtio-net-pci"));
    EXPECT_TRUE(caps->deviceHasProperty("pvpanic", "prop-of-pvpanic"));
    auto cmds = fake.server->commands();
    EXPECT_EQ(std::count(cmds.begin(), cmds.end(), "device-list-properties"), 2);
    EXPECT_EQ(cmds.back(), "quit");
    EXPECT_TRUE(fake.server->problems().empty());
    EXPECT_TRUE(fake.runner.control(0)->signals().empty());  // it quit; nothing was killed
    EXPECT_TRUE(dir.entries().empty());                      // socket and log cleaned up
}

TEST(QemuCapsProbeTest, FailuresAreBoundedAndCleanedUp) {
    TempDir dir;
    {
        FakeQemu fake;
        fake.runner.failSpawn(1, operationFailed("cannot fork"));
        ProbeOptions po{"/opt/q", dir.path, false, milliseconds(20000)};
        auto r = probeQemuCaps(fake.runner, po);
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().message, "operation failed: cannot fork");
    }
    {
        // Nobody accepts the monitor connection and our listener copy is closed: the
        // handshake fails at once instead of waiting for the timeout.
        FakeQemu fake;
        fake.serve = false;
        ProbeOptions po{"/opt/q", dir.path, false, milliseconds(20000)};
        auto r = probeQemuCaps(fake.runner, po);
        ASSERT_FALSE(r);
        EXPECT_NE(r.error().message.find("Failed to probe QEMU binary with QMP: /opt/q"),
                  std::string::npos);
        EXPECT_EQ(fake.runner.control(0)->signals(), std::vector<int>{SIGTERM});
    }
    {
        FakeQemu fake;
        fake.hang_on = {"query-machines", "quit"};  // a QEMU that stopped answering
        ProbeOptions po{"/opt/q", dir.path, false, milliseconds(300)};
        auto r = probeQemuCaps(fake.runner, po);
        ASSERT_FALSE(r);
        EXPECT_NE(r.error().message.find("'query-machines' got no reply"), std::string::npos)
            << r.error().message;
        EXPECT_EQ(fake.runner.control(0)->signals(), std::vector<int>{SIGTERM});
    }
    EXPECT_TRUE(dir.entries().empty());
}

TEST(QemuCapsCacheTest, ProbesOnceThenMemoryThenFile) {
    TempDir dir;
    std::string binary = dir.path + "/qemu-system-x86_64";
    ASSERT_TRUE(file::writeAtomic(binary, "not really qemu", 0755));
    FakeQemu fake;
    bool kvm = false;
    QemuCapsCache::Options opts{dir.path + "/cache", dir.path + "/run", milliseconds(20000),
                                [&] { return kvm; }};
    {
        QemuCapsCache cache(fake.runner, opts);
        auto a = cache.get(binary);
        ASSERT_TRUE(a) << a.error().message;
        auto b = cache.get(binary);
        ASSERT_TRUE(b);
        EXPECT_EQ(a->get(), b->get());
        EXPECT_EQ(cache.stats().probes, 1u);
        EXPECT_EQ(cache.stats().memory_hits, 1u);
        auto stored = file::readAll(cache.cacheFile(binary));
        ASSERT_TRUE(stored);
        Json j = Json::parse(*stored);
        EXPECT_EQ(j["qemu-version"], 7002022);
        EXPECT_EQ(j["binary"]["path"], binary);
    }
    EXPECT_EQ(fake.runner.spawnCount(), 1u);
    {
        // A new cache (a daemon restart) reads the file and starts no process.
        QemuCapsCache cache(fake.runner, opts);
        auto c = cache.get(binary);
        ASSERT_TRUE(c);
        EXPECT_EQ((*c)->canonicalMachine("q35"), "pc-q35-7.2");
        EXPECT_EQ(cache.stats().file_loads, 1u);
        EXPECT_EQ(cache.stats().probes, 0u);
        EXPECT_EQ(fake.runner.spawnCount(), 1u);

        // KVM appearing on the host invalidates the entry.
        kvm = true;
        ASSERT_TRUE(cache.get(binary));
        EXPECT_EQ(fake.runner.spawnCount(), 2u);
        EXPECT_NE(std::find(fake.runner.argvs()[1].begin(), fake.runner.argvs()[1].end(), "kvm"),
                  fake.runner.argvs()[1].end());
        kvm = false;
        ASSERT_TRUE(cache.get(binary));
        EXPECT_EQ(fake.runner.spawnCount(), 3u);

        // An upgraded binary (new size, times and inode) is probed again on its next use.
        ASSERT_TRUE(file::writeAtomic(binary, "a newer build of qemu", 0755));
        ASSERT_TRUE(cache.get(binary));
        EXPECT_EQ(fake.runner.spawnCount(), 4u);
    }
    {
        // A damaged file is never trusted.
        ASSERT_TRUE(file::writeAtomic(QemuCapsCache(fake.runner, opts).cacheFile(binary),
                                      "{\"format\": 1, garbage"));
        QemuCapsCache cache(fake.runner, opts);
        ASSERT_TRUE(cache.get(binary));
        EXPECT_EQ(cache.stats().probes, 1u);
        EXPECT_EQ(fake.runner.spawnCount(), 5u);
    }
    QemuCapsCache cache(fake.runner, opts);
    auto missing = cache.get(dir.path + "/no-such-qemu");
    ASSERT_FALSE(missing);
    EXPECT_EQ(fake.runner.spawnCount(), 5u);
    ::unlink(cache.cacheFile(binary).c_str());
    ::rmdir((dir.path + "/cache").c_str());
    ::rmdir((dir.path + "/run").c_str());
}

}  // namespace
}  // namespace nodevirt::qemu
