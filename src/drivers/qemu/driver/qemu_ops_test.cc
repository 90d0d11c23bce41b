// The connect, stats and memory/vCPU facets of the QEMU driver against fake QEMUs: capability
// documents from a fixture host and QemuCaps (host probed once), statistics from canned QEMU
// 7.2 replies and a fixture /proc, balloon and --config changes.
#include <atomic>
#include <map>
#include <regex>

#include "driver/libvirt_constants.h"
#include "drivers/qemu/caps_xml/caps_xml.h"
#include "drivers/qemu/driver/qemu_test_fixture.h"
#include "util/file_io.h"

namespace nodevirt::qemu::testing {
namespace {

constexpr const char* kUuidA = "aaaaaaaa-2222-3333-4444-000000000001";
constexpr const char* kUuidB = "aaaaaaaa-2222-3333-4444-000000000002";
const std::string kStatsData = "src/drivers/qemu/stats/testdata";
const std::string kCapsData = "tests/data/qemu_caps_xml";

// Reads below `root`, counting reads; a fake QEMU's pid (>= 2^23) reads as the recorded QEMU
// 32270 of the stats fixture.
class FixtureHost : public caps::HostSource {
  public:
    explicit FixtureHost(std::string root) : real_(std::move(root)) {}
    Result<std::string> readFile(const std::string& path) const override {
        ++reads;
        return real_.readFile(remap(path));
    }
    std::vector<std::string> listDir(const std::string& path) const override {
        return real_.listDir(remap(path));
    }
    mutable std::atomic<int> reads{0};

  private:
    static std::string remap(const std::string& path) {
        static const std::regex kFakePid("^/proc/[0-9]{7,}/");
        return std::regex_replace(path, kFakePid, "/proc/32270/");
    }
    caps::RootedHostSource real_;
};

std::shared_ptr<const QemuCaps> loadCaps() {
    auto text = file::readAll(kCapsData + "/qemu_7.2_x86_64.json");
    EXPECT_TRUE(text);
    auto caps = QemuCaps::fromJson(Json::parse(text ? *text : "{}"));
    EXPECT_TRUE(caps);
    return std::make_shared<QemuCaps>(caps ? *caps : QemuCaps{});
}

std::string statsDomainXml(const std::string& name, const std::string& uuid, bool balloon = true) {
    return "<domain type='qemu'><name>" + name + "</name><uuid>" + uuid +
           "</uuid><memory unit='KiB'>262144</memory><currentMemory unit='KiB'>131072"
           "</currentMemory><vcpu current='2'>4</vcpu><os><type arch='x86_64'>hvm</type></os>"
           "<devices><disk type='file' device='disk'><source file='/var/lib/images/a.img'/>"
           "<target dev='vda' bus='virtio'/></disk><interface type='user'>"
           "<mac address='52:54:00:00:00:01'/></interface>" +
           std::string(balloon ? "<memballoon model='virtio'><stats period='5'/></memballoon>"
                               : "<memballoon model='none'/>") +
           "</devices></domain>";
}

std::map<std::string, decltype(TypedParam::value)> byName(const TypedParams& p) {
    std::map<std::string, decltype(TypedParam::value)> m;
    for (const TypedParam& t : p) m.emplace(t.field, t.value);
    return m;
}

class QemuOpsTest : public QemuDriverFixture {
  protected:
    QemuDriverOptions statsOptions() {
        QemuDriverOptions o = options();
        o.host_source = host_;
        // The aliases prepareLiveDefinition would give (the fixture builds no real argv).
        o.build_command = [](conf::DomainDef& def, const LaunchContext& ctx) -> Result<CommandLine> {
            auto& devs = def.mutDevs();
            for (auto& d : devs.disks) d.info.alias = "virtio-disk0";
            for (size_t i = 0; i < devs.interfaces.size(); ++i) {
                devs.interfaces[i].info.alias = "net" + std::to_string(i);
            }
            if (devs.memballoon) devs.memballoon->info.alias = "balloon0";
            return CommandLine{{ctx.binary, "-name", def.name, "-S"}, {}};
        };
        return o;
    }

    std::optional<FakeQmpStep> respond(const std::string& cmd, const Json& args) override {
        {
            std::lock_guard lock(mu_);
            if (cmd == "balloon") balloon_args_.push_back(args);
        }
        std::string file = kStatsData + "/qemu_7.2/" + cmd + ".json";
        if (cmd == "qom-get") file = kStatsData + "/qom-get-guest-stats-polled.json";
        if (cmd == "no-such-command") {
            return FakeQmpStep::error(cmd, "CommandNotFound", "The command no-such-command has not been found");
        }
        if (cmd == "human-monitor-command") {
            EXPECT_EQ(args.value("command-line", ""), "info status");
            return FakeQmpStep::reply(cmd, Json("VM status: running\r\n"));
        }
        if (cmd.rfind("query-", 0) == 0 || cmd == "qom-get") {
            if (cmd != "query-status") {
                auto text = file::readAll(file);
                if (text) return FakeQmpStep::reply(cmd, Json::parse(*text)["return"]);
            }
        }
        return QemuDriverFixture::respond(cmd, args);
    }

    driver::DomainRef startStatsDomain(const std::string& name, const std::string& uuid,
                                       bool balloon = true) {
        auto ref = conn_->domainLifecycle().defineXml(statsDomainXml(name, uuid, balloon), 0);
        EXPECT_TRUE(ref) << ref.error().message;
        auto started = conn_->domainLifecycle().create(*ref, 0);
        EXPECT_TRUE(started) << started.error().message;
        return started ? *started : driver::DomainRef{};
    }

    std::shared_ptr<FixtureHost> host_ = std::make_shared<FixtureHost>(kStatsData + "/proc");
    std::vector<Json> balloon_args_;
};

TEST_F(QemuOpsTest, CapabilitiesFromTheHostProbedOnce) {
    caps_ = loadCaps();
    auto host = std::make_shared<FixtureHost>(kCapsData + "/hosts/intel_2cells");
    QemuDriverOptions o = options();
    o.host_source = host;
    open(o);
    auto xml = conn_->connect().getCapabilities();
    ASSERT_TRUE(xml) << xml.error().message;
    auto expected = caps::qemuCapabilitiesXml(caps::RootedHostSource(kCapsData + "/hosts/intel_2cells"),
                                              {{"x86_64", caps_.get()}});
    ASSERT_TRUE(expected);
    EXPECT_EQ(*xml, *expected);
    EXPECT_NE(xml->find("<cells num='2'>"), std::string::npos);
    EXPECT_NE(xml->find("<machine maxCpus="), std::string::npos);
    int reads = host->reads.load();
    EXPECT_GT(reads, 0);
    auto again = conn_->connect().getCapabilities();
    ASSERT_TRUE(again);
    EXPECT_EQ(*again, *xml);
    EXPECT_EQ(host->reads.load(), reads);  // cached in the driver: no second probe
}

TEST_F(QemuOpsTest, DomainCapabilitiesAndTheirErrors) {
    caps_ = loadCaps();
    open();
    auto& c = conn_->connect();
    auto xml = c.getDomainCapabilities(std::nullopt, std::nullopt, std::nullopt, std::nullopt, 0);
    ASSERT_TRUE(xml) << xml.error().message;
    auto expected = caps::qemuDomainCapabilitiesXml({{"x86_64", caps_.get()}}, {});
    ASSERT_TRUE(expected);
    EXPECT_EQ(*xml, *expected);
    EXPECT_NE(xml->find("<domain>qemu</domain>"), std::string::npos);
    auto q35 = c.getDomainCapabilities(std::nullopt, std::string("x86_64"), std::string("q35"),
                                       std::string("qemu"), 0);
    ASSERT_TRUE(q35) << q35.error().message;
    EXPECT_NE(q35->find("pc-q35-7.2"), std::string::npos);
    auto bad_machine = c.getDomainCapabilities(std::nullopt, std::nullopt, std::string("nope"),
                                               std::nullopt, 0);
    ASSERT_FALSE(bad_machine);
    EXPECT_EQ(bad_machine.error().code, ErrorCode::kInvalidArg);
    auto bad_type = c.getDomainCapabilities(std::nullopt, std::nullopt, std::nullopt,
                                            std::string("xen"), 0);
    ASSERT_FALSE(bad_type);
    EXPECT_EQ(bad_type.error().code, ErrorCode::kInvalidArg);
    auto bad_flags = c.getDomainCapabilities(std::nullopt, std::nullopt, std::nullopt, std::nullopt, 8);
    ASSERT_FALSE(bad_flags);
    EXPECT_EQ(bad_flags.error().code, ErrorCode::kInvalidArg);
}

TEST_F(QemuOpsTest, AllDomainStatsForRunningAndInactiveDomains) {
    open(statsOptions());
    driver::DomainRef a = startStatsDomain("b-running", kUuidA);
    ASSERT_TRUE(conn_->domainLifecycle().defineXml(statsDomainXml("a-off", kUuidB), 0));
    auto& st = conn_->domainStats();
    auto all = st.getAllDomainStats({}, 0, 0);
    ASSERT_TRUE(all) << all.error().message;
    ASSERT_EQ(all->size(), 2U);
    EXPECT_EQ((*all)[0].dom.name, "a-off");  // sorted by name
    auto off = byName((*all)[0].params);
    EXPECT_EQ((*all)[0].params.size(), 2U);
    EXPECT_EQ(std::get<int32_t>(off["state.state"]), static_cast<int32_t>(DomainState::kShutoff));
    auto m = byName((*all)[1].params);
    EXPECT_EQ(std::get<int32_t>(m["state.state"]), static_cast<int32_t>(DomainState::kRunning));
    EXPECT_EQ(std::get<int32_t>(m["state.reason"]), static_cast<int32_t>(lv::kDomainRunningBooted));
    EXPECT_EQ(std::get<uint64_t>(m["cpu.time"]), 3750000000u);  // /proc/32270/stat of the fixture
    EXPECT_EQ(std::get<uint64_t>(m["balloon.current"]), 131072u);
    EXPECT_EQ(std::get<uint64_t>(m["balloon.maximum"]), 262144u);
    EXPECT_EQ(std::get<uint32_t>(m["vcpu.current"]), 2u);
    EXPECT_EQ(std::get<uint32_t>(m["vcpu.maximum"]), 4u);
    EXPECT_EQ(std::get<std::string>(m["block.0.name"]), "vda");
    EXPECT_EQ(std::get<std::string>(m["block.0.path"]), "/var/lib/images/a.img");
    EXPECT_EQ(std::get<uint32_t>(m["net.count"]), 1u);

    // Groups, filters and the enforce flag.
    auto state_only = st.getAllDomainStats({a}, lv::kDomainStatsState, 0);
    ASSERT_TRUE(state_only);
    ASSERT_EQ(state_only->size(), 1U);
    EXPECT_EQ((*state_only)[0].params.size(), 2U);
    auto active = st.getAllDomainStats({}, lv::kDomainStatsCpuTotal,
                                       lv::kConnectGetAllDomainsStatsActive);
    ASSERT_TRUE(active);
    ASSERT_EQ(active->size(), 1U);
    EXPECT_EQ((*active)[0].dom.name, "b-running");
    EXPECT_EQ(byName((*active)[0].params).count("state.state"), 0U);
    auto enforced = st.getAllDomainStats({}, lv::kDomainStatsDirtyrate,
                                         lv::kConnectGetAllDomainsStatsEnforceStats);
    ASSERT_FALSE(enforced);
    EXPECT_EQ(enforced.error().code, ErrorCode::kOperationUnsupported);
    auto lenient = st.getAllDomainStats({}, lv::kDomainStatsDirtyrate, 0);
    ASSERT_TRUE(lenient);
    EXPECT_TRUE((*lenient)[1].params.empty());
    auto bad_flags = st.getAllDomainStats({}, 0, 1u << 20);
    ASSERT_FALSE(bad_flags);
}

TEST_F(QemuOpsTest, PerDomainStats) {
    open(statsOptions());
    driver::DomainRef a = startStatsDomain("vm", kUuidA);
    auto& st = conn_->domainStats();
    auto blk = st.blockStats(a, "vda");
    ASSERT_TRUE(blk) << blk.error().message;
    EXPECT_EQ(blk->rd_req, 1);
    EXPECT_EQ(blk->rd_bytes, 512);
    auto by_path = st.blockStats(a, "/var/lib/images/a.img");
    ASSERT_TRUE(by_path);
    EXPECT_EQ(by_path->rd_bytes, 512);
    auto no_disk = st.blockStats(a, "vdz");
    ASSERT_FALSE(no_disk);
    EXPECT_EQ(no_disk.error().code, ErrorCode::kInvalidArg);
    auto typed = st.blockStatsFlags(a, "vda", 4);
    ASSERT_TRUE(typed) << typed.error().message;
    EXPECT_FALSE(typed->empty());
    auto user_nic = st.interfaceStats(a, "52:54:00:00:00:01");
    ASSERT_FALSE(user_nic);  // user-mode networking has no host counters
    auto mem = st.memoryStats(a, 16, 0);
    ASSERT_TRUE(mem) << mem.error().message;
    ASSERT_FALSE(mem->empty());
    EXPECT_EQ((*mem)[0].tag, static_cast<int>(lv::kDomainMemoryStatActualBalloon));
    EXPECT_EQ((*mem)[0].value, 131072u);
    auto vcpus = st.getVcpus(a);
    ASSERT_TRUE(vcpus) << vcpus.error().message;
    ASSERT_EQ(vcpus->first.size(), 2U);
    EXPECT_EQ(vcpus->second.size(), 2U);
    EXPECT_GT(vcpus->first[0].cpu_time_ns, 0u);
    // Every query went to this domain's monitor.
    auto cmds = server(0)->commands();
    for (const char* q : {"query-blockstats", "query-balloon", "query-cpus-fast"}) {
        EXPECT_NE(std::find(cmds.begin(), cmds.end(), q), cmds.end()) << q;
    }
    ASSERT_TRUE(conn_->domainLifecycle().destroy(a, 0));
    auto off = st.blockStats(a, "vda");
    ASSERT_FALSE(off);
    EXPECT_EQ(off.error().code, ErrorCode::kOperationInvalid);
}

TEST_F(QemuOpsTest, SetMemoryThroughTheBalloonAndTheConfig) {
    open(statsOptions());
    driver::DomainRef a = startStatsDomain("vm", kUuidA);
    auto& cfg = conn_->domainConfig();
    ASSERT_TRUE(cfg.setMemory(a, 100000, lv::kDomainAffectLive));
    {
        std::lock_guard lock(mu_);
        ASSERT_EQ(balloon_args_.size(), 1U);
        EXPECT_EQ(balloon_args_[0].value("value", uint64_t{0}), uint64_t{100000} * 1024);
    }
    auto info = conn_->domainLifecycle().getInfo(a);
    ASSERT_TRUE(info);
    EXPECT_EQ(info->memory_kib, 100000u);
    EXPECT_EQ(info->max_mem_kib, 262144u);
    // The persistent definition did not change with the live one.
    auto persistent = file::readAll(dir_ + "/state/qemu/vm.xml");
    ASSERT_TRUE(persistent);
    EXPECT_NE(persistent->find(">131072</currentMemory>"), std::string::npos);
    ASSERT_TRUE(cfg.setMemory(a, 120000, lv::kDomainAffectConfig));
    persistent = file::readAll(dir_ + "/state/qemu/vm.xml");
    EXPECT_NE(persistent->find(">120000</currentMemory>"), std::string::npos);
    auto inactive = cfg.getXmlDesc(a, lv::kDomainXmlInactive);
    ASSERT_TRUE(inactive);
    EXPECT_NE(inactive->find(">120000</currentMemory>"), std::string::npos);

    auto too_big = cfg.setMemory(a, 300000, lv::kDomainAffectLive);
    ASSERT_FALSE(too_big);
    EXPECT_EQ(too_big.error().code, ErrorCode::kInvalidArg);
    auto max_live = cfg.setMemory(a, 300000, lv::kDomainMemMaximum | lv::kDomainAffectLive);
    ASSERT_FALSE(max_live);
    EXPECT_EQ(max_live.error().code, ErrorCode::kOperationInvalid);
    ASSERT_TRUE(cfg.setMemory(a, 200000, lv::kDomainMemMaximum | lv::kDomainAffectConfig));
    persistent = file::readAll(dir_ + "/state/qemu/vm.xml");
    EXPECT_NE(persistent->find(">200000</memory>"), std::string::npos);
    EXPECT_NE(persistent->find(">120000</currentMemory>"), std::string::npos);
}

TEST_F(QemuOpsTest, SetMemoryNeedsABalloonWhenLive) {
    open(statsOptions());
    driver::DomainRef a = startStatsDomain("vm", kUuidA, /*balloon=*/false);
    auto st = conn_->domainConfig().setMemory(a, 100000, lv::kDomainAffectLive);
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().code, ErrorCode::kOperationInvalid);
    EXPECT_NE(st.error().message.find("balloon"), std::string::npos);
    std::lock_guard lock(mu_);
    EXPECT_TRUE(balloon_args_.empty());
}

TEST_F(QemuOpsTest, SetVcpusForTheConfigOnly) {
    open(statsOptions());
    driver::DomainRef a = startStatsDomain("vm", kUuidA);
    auto& cfg = conn_->domainConfig();
    auto live = cfg.setVcpus(a, 3, lv::kDomainAffectLive);
    ASSERT_FALSE(live);
    EXPECT_EQ(live.error().code, ErrorCode::kOperationUnsupported);
    ASSERT_TRUE(cfg.setVcpus(a, 3, lv::kDomainAffectConfig));
    EXPECT_EQ(*cfg.getVcpusFlags(a, lv::kDomainAffectConfig), 3);
    EXPECT_EQ(*cfg.getVcpusFlags(a, lv::kDomainAffectLive), 2);
    auto too_many = cfg.setVcpus(a, 5, lv::kDomainAffectConfig);
    ASSERT_FALSE(too_many);
    EXPECT_EQ(too_many.error().code, ErrorCode::kInvalidArg);
    ASSERT_TRUE(cfg.setVcpus(a, 2, lv::kDomainAffectConfig | lv::kDomainVcpuMaximum));
    EXPECT_EQ(*cfg.getVcpusFlags(a, lv::kDomainAffectConfig | lv::kDomainVcpuMaximum), 2);
    EXPECT_EQ(*cfg.getVcpusFlags(a, lv::kDomainAffectConfig), 2);
    auto persistent = file::readAll(dir_ + "/state/qemu/vm.xml");
    ASSERT_TRUE(persistent);
    EXPECT_NE(persistent->find(">2</vcpu>"), std::string::npos);
    ASSERT_TRUE(conn_->domainLifecycle().destroy(a, 0));
    EXPECT_EQ(*cfg.getVcpusFlags(a, 0), 2);
    auto zero = cfg.setVcpus(a, 0, 0);
    ASSERT_FALSE(zero);
}

TEST_F(QemuOpsTest, MonitorCommandPassesJsonAndHmpThrough) {
    open(statsOptions());
    driver::DomainRef a = startStatsDomain("vm", kUuidA);
    auto& q = conn_->qemu();
    auto status = q.monitorCommand(a, R"({"execute":"query-status"})", 0);
    ASSERT_TRUE(status) << status.error().message;
    Json parsed = Json::parse(*status);
    EXPECT_EQ(parsed["return"]["status"], "running");
    EXPECT_TRUE(parsed["id"].is_string());
    auto with_args = q.monitorCommand(
        a, R"({"execute":"balloon","arguments":{"value":104857600}})", 0);
    ASSERT_TRUE(with_args) << with_args.error().message;
    {
        std::lock_guard lock(mu_);
        ASSERT_EQ(balloon_args_.size(), 1U);
        EXPECT_EQ(balloon_args_[0]["value"], 104857600);
    }
    // QEMU's refusal is the answer, not an error.
    auto refused = q.monitorCommand(a, R"({"execute":"no-such-command"})", 0);
    ASSERT_TRUE(refused) << refused.error().message;
    Json err = Json::parse(*refused);
    EXPECT_EQ(err["error"]["class"], "CommandNotFound");
    EXPECT_NE(err["error"]["desc"].get<std::string>().find("no-such-command"), std::string::npos);
    auto hmp = q.monitorCommand(a, "info status", 1);
    ASSERT_TRUE(hmp) << hmp.error().message;
    EXPECT_EQ(*hmp, "VM status: running\r\n");
    auto bad = q.monitorCommand(a, "{not json", 0);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArg);
    auto bad_flags = q.monitorCommand(a, "info status", 2);
    ASSERT_FALSE(bad_flags);
    ASSERT_TRUE(conn_->domainLifecycle().destroy(a, 0));
    auto off = q.monitorCommand(a, R"({"execute":"query-status"})", 0);
    ASSERT_FALSE(off);
    EXPECT_EQ(off.error().code, ErrorCode::kOperationInvalid);
}

}  // namespace
}  // namespace nodevirt::qemu::testing
