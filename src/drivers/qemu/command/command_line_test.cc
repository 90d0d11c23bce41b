// Unit tests of what the golden files cannot show: how the launch context changes the argv
// (KVM, -S, -incoming, TAP descriptors), what the driver gets back (links_down), error paths
// of the context, and that preparing a live definition twice changes nothing.
#include "drivers/qemu/command/command_line.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "conf/domain/domain_xml.h"
#include "drivers/qemu/command/post_parse_profile.h"
#include "drivers/qemu/qemu_caps.h"

namespace nodevirt::qemu {
namespace {

const QemuCaps& fixtureCaps() {
    static const QemuCaps kCaps = [] {
        std::ifstream in("tests/data/qemu_caps/qemu-7.2-x86_64.json");
        std::ostringstream ss;
        ss << in.rdbuf();
        auto j = Json::parse(ss.str(), nullptr, false);
        if (j.is_discarded() || !j.contains("caps")) return QemuCaps{};
        auto caps = QemuCaps::fromJson(j["caps"]);
        return caps ? *caps : QemuCaps{};
    }();
    return kCaps;
}

conf::DomainDef parse(const std::string& type, const std::string& machine,
                      const std::string& devices) {
    std::string xml = "<domain type='" + type +
                      "'><name>t,1</name>"
                      "<uuid>11111111-2222-3333-4444-555555555555</uuid>"
                      "<memory unit='MiB'>128</memory><vcpu>1</vcpu>"
                      "<os><type arch='x86_64' machine='" +
                      machine +
                      "'>hvm</type></os>"
                      "<devices>" +
                      devices + "</devices></domain>";
    conf::DomainParseOptions opts;
    opts.inactive = true;
    opts.profile = &qemuPostParseProfile();
    auto def = conf::parseDomainXml(xml, opts);
    EXPECT_TRUE(def) << def.error().message;
    return def ? **def : conf::DomainDef{};
}

LaunchContext context() {
    LaunchContext ctx;
    ctx.caps = &fixtureCaps();
    ctx.binary = "/usr/bin/qemu-system-x86_64";
    ctx.domain_run_dir = "/run/t";
    return ctx;
}

std::vector<std::string> build(conf::DomainDef& def, const LaunchContext& ctx) {
    EXPECT_TRUE(prepareLiveDefinition(def, ctx));
    auto cmd = buildCommandLine(def, ctx);
    EXPECT_TRUE(cmd) << cmd.error().message;
    return cmd ? cmd->argv : std::vector<std::string>{};
}

// The value following `flag` (first occurrence), or "<absent>".
std::string valueOf(const std::vector<std::string>& argv, const std::string& flag) {
    auto it = std::find(argv.begin(), argv.end(), flag);
    if (it == argv.end() || it + 1 == argv.end()) return "<absent>";
    return *(it + 1);
}

bool has(const std::vector<std::string>& argv, const std::string& arg) {
    return std::find(argv.begin(), argv.end(), arg) != argv.end();
}

TEST(CommandLine, AcceleratorFollowsDomainTypeAndKvm) {
    ASSERT_FALSE(fixtureCaps().machines.empty());
    LaunchContext ctx = context();
    ctx.kvm_usable = true;
    conf::DomainDef kvm = parse("kvm", "pc", "");
    EXPECT_EQ(valueOf(build(kvm, ctx), "-accel"), "kvm");
    // type='qemu' asks for emulation even where KVM works.
    conf::DomainDef tcg = parse("qemu", "pc", "");
    EXPECT_EQ(valueOf(build(tcg, ctx), "-accel"), "tcg");
    ctx.kvm_usable = false;
    conf::DomainDef refused = parse("kvm", "pc", "");
    auto st = prepareLiveDefinition(refused, ctx);
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().code, ErrorCode::kConfigUnsupported);
    EXPECT_NE(st.error().message.find("'kvm'"), std::string::npos);
}

TEST(CommandLine, PausedIncomingAndEscapedName) {
    LaunchContext ctx = context();
    conf::DomainDef def = parse("qemu", "q35", "");
    auto argv = build(def, ctx);
    EXPECT_TRUE(has(argv, "-S"));
    EXPECT_EQ(valueOf(argv, "-name"), "guest=t,,1,debug-threads=on");
    EXPECT_EQ(valueOf(argv, "-incoming"), "<absent>");
    ctx.start_paused = false;
    ctx.incoming = "defer";
    conf::DomainDef again = parse("qemu", "q35", "");
    argv = build(again, ctx);
    EXPECT_FALSE(has(argv, "-S"));
    EXPECT_EQ(valueOf(argv, "-incoming"), "defer");
}

TEST(CommandLine, TapDescriptorsNamesAndLinkState) {
    LaunchContext ctx = context();
    conf::DomainDef def = parse("qemu", "pc",
                                "<interface type='user'><mac address='52:54:00:00:00:01'/>"
                                "</interface>"
                                "<interface type='bridge'><source bridge='br0'/>"
                                "<mac address='52:54:00:00:00:02'/><model type='virtio'/>"
                                "<link state='down'/></interface>");
    conf::DomainDef missing = def;
    ASSERT_TRUE(prepareLiveDefinition(missing, ctx));
    auto err = buildCommandLine(missing, ctx);
    ASSERT_FALSE(err);
    EXPECT_NE(err.error().message.find("interface 1"), std::string::npos) << err.error().message;

    ctx.taps.push_back({1, "vnet7", 42});
    ASSERT_TRUE(prepareLiveDefinition(def, ctx));
    EXPECT_EQ(def.devs().interfaces[1].ifname.value_or(""), "vnet7");
    auto cmd = buildCommandLine(def, ctx);
    ASSERT_TRUE(cmd) << cmd.error().message;
    EXPECT_TRUE(has(cmd->argv, "tap,fd=42,id=hostnet1"));
    EXPECT_TRUE(has(cmd->argv, "user,id=hostnet0"));
    EXPECT_EQ(cmd->links_down, std::vector<std::string>{"net1"});

    ctx.taps = {{5, "vnet9", 43}};
    conf::DomainDef bad = parse("qemu", "pc", "");
    EXPECT_FALSE(prepareLiveDefinition(bad, ctx));
}

TEST(CommandLine, PreparingTwiceChangesNothing) {
    LaunchContext ctx = context();
    for (const char* machine : {"pc", "q35"}) {
        conf::DomainDef def = parse("qemu", machine,
                                    "<disk type='file'><source file='/i/a.img'/>"
                                    "<target dev='vda' bus='virtio'/></disk>"
                                    "<interface type='user'><model type='e1000'/>"
                                    "<mac address='52:54:00:00:00:03'/></interface>"
                                    "<input type='tablet' bus='usb'/><graphics type='vnc'/>");
        ASSERT_TRUE(prepareLiveDefinition(def, ctx));
        conf::DomainDef once = def;
        ASSERT_TRUE(prepareLiveDefinition(def, ctx));
        EXPECT_TRUE(def == once) << machine << ":\n"
                                 << conf::formatDomainXml(def, {}) << "\nvs\n"
                                 << conf::formatDomainXml(once, {});
        auto a = buildCommandLine(def, ctx);
        auto b = buildCommandLine(once, ctx);
        ASSERT_TRUE(a && b);
        EXPECT_EQ(a->argv, b->argv);
    }
}

TEST(CommandLine, UserAliasesAndGivenAddressesAreKept) {
    LaunchContext ctx = context();
    conf::DomainDef def = parse("qemu", "pc",
                                "<disk type='file'><source file='/i/a.img'/>"
                                "<target dev='vda' bus='virtio'/><alias name='ua-root'/>"
                                "<address type='pci' domain='0' bus='0' slot='9' function='0'/>"
                                "</disk>");
    auto argv = build(def, ctx);
    bool found = false;
    for (const auto& a : argv)
        if (a.find("\"id\":\"ua-root\"") != std::string::npos) {
            found = true;
            EXPECT_NE(a.find("\"addr\":\"0x9\""), std::string::npos) << a;
        }
    EXPECT_TRUE(found);
}

TEST(CommandLine, ContextErrors) {
    conf::DomainDef def = parse("qemu", "pc", "");
    LaunchContext ctx = context();
    ctx.caps = nullptr;
    EXPECT_FALSE(prepareLiveDefinition(def, ctx));
    EXPECT_FALSE(buildCommandLine(def, ctx));
    ctx = context();
    ctx.binary.clear();
    EXPECT_FALSE(buildCommandLine(def, ctx));
}

}  // namespace
}  // namespace nodevirt::qemu
