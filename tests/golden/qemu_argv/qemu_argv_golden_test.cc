// Golden tests of the QEMU command-line builder: for every tests/data/qemu_argv/<case>.xml,
// parse with the QEMU post-parse profile, prepareLiveDefinition + buildCommandLine with a
// fixed launch context and the committed capabilities fixture (tests/data/qemu_caps), and
// compare with <case>.args (environment then argv, one per line) and <case>.live.xml (the
// live definition as dumpxml shows it). A case with <case>.err expects an error instead:
// first line the error code number, second line a substring of the message.
// NODEVIRT_REGEN=1 rewrites the expected files from the current output.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "conf/domain/domain_xml.h"
#include "drivers/qemu/command/command_line.h"
#include "drivers/qemu/command/post_parse_profile.h"
#include "drivers/qemu/qemu_caps.h"
#include "golden/golden_support.h"

namespace nodevirt {
namespace {

namespace fs = std::filesystem;
const fs::path kDataDir = "tests/data/qemu_argv";
const fs::path kCapsFile = "tests/data/qemu_caps/qemu-7.2-x86_64.json";

bool regenerating() {
    const char* v = std::getenv("NODEVIRT_REGEN");
    return v && std::string(v) == "1";
}

const qemu::QemuCaps& fixtureCaps() {
    static const qemu::QemuCaps kCaps = [] {
        auto j = qemu::Json::parse(golden::readFile(kCapsFile), nullptr, false);
        if (j.is_discarded() || !j.contains("caps")) return qemu::QemuCaps{};
        auto caps = qemu::QemuCaps::fromJson(j["caps"]);
        return caps ? *caps : qemu::QemuCaps{};
    }();
    return kCaps;
}

// The launch context every case uses: TCG, monitor on fd 3, TAPs on fds 20, 21, ...
qemu::LaunchContext contextFor(const conf::DomainDef& def) {
    qemu::LaunchContext ctx;
    ctx.caps = &fixtureCaps();
    ctx.binary = "/usr/bin/qemu-system-x86_64";
    ctx.kvm_usable = false;
    ctx.monitor_fd = 3;
    ctx.domain_run_dir = "/run/nodevirt/qemu/domain-" + def.name;
    ctx.pid_file = "/run/nodevirt/qemu/" + def.name + ".pid";
    int next = 0;
    for (size_t i = 0; i < def.devs().interfaces.size(); ++i) {
        auto type = def.devs().interfaces[i].type;
        if (type != conf::NetType::kNetwork && type != conf::NetType::kBridge) continue;
        ctx.taps.push_back({i, "vnet" + std::to_string(next), 20 + next});
        ++next;
    }
    return ctx;
}

struct Output {
    bool ok = false;
    std::string args;
    std::string live_xml;
    Error error;
};

Output run(const std::string& xml) {
    Output out;
    conf::DomainParseOptions opts;
    opts.inactive = true;
    opts.profile = &qemu::qemuPostParseProfile();
    auto parsed = conf::parseDomainXml(xml, opts);
    if (!parsed) {
        out.error = parsed.error();
        return out;
    }
    conf::DomainDef live = **parsed;
    qemu::LaunchContext ctx = contextFor(live);
    if (auto st = qemu::prepareLiveDefinition(live, ctx); !st) {
        out.error = st.error();
        return out;
    }
    auto cmd = qemu::buildCommandLine(live, ctx);
    if (!cmd) {
        out.error = cmd.error();
        return out;
    }
    for (const auto& [k, v] : cmd->env) out.args += k + "=" + v + "\n";
    for (const auto& a : cmd->argv) out.args += a + "\n";
    conf::DomainFormatOptions fopts;
    fopts.live_id = 1;
    out.live_xml = conf::formatDomainXml(live, fopts);
    out.ok = true;
    return out;
}

void writeFile(const fs::path& p, const std::string& text) {
    std::ofstream f(p, std::ios::binary | std::ios::trunc);
    f << text;
}

TEST(QemuArgvGolden, FixtureLoads) {
    const auto& caps = fixtureCaps();
    ASSERT_FALSE(caps.machines.empty()) << "cannot load " << kCapsFile;
    EXPECT_TRUE(caps.canonicalMachine("pc").has_value());
    EXPECT_TRUE(caps.canonicalMachine("q35").has_value());
}

TEST(QemuArgvGolden, Cases) {
    auto cases = golden::listCases(kDataDir, ".xml");
    // Live outputs are named <case>.live.xml; they are not inputs.
    std::erase_if(cases, [](const std::string& c) { return c.ends_with(".live"); });
    ASSERT_GE(cases.size(), 3u);
    for (const auto& name : cases) {
        SCOPED_TRACE(name);
        Output out = run(golden::readFile(kDataDir / (name + ".xml")));
        fs::path err_file = kDataDir / (name + ".err");
        if (fs::exists(err_file)) {
            if (out.ok) {
                ADD_FAILURE() << "expected an error, got:\n" << out.args;
                continue;
            }
            std::istringstream in(golden::readFile(err_file));
            std::string code, message;
            std::getline(in, code);
            std::getline(in, message);
            if (regenerating()) {
                writeFile(err_file, std::to_string(static_cast<int>(out.error.code)) + "\n" +
                                        out.error.message + "\n");
                continue;
            }
            EXPECT_EQ(std::to_string(static_cast<int>(out.error.code)), code);
            EXPECT_NE(out.error.message.find(message), std::string::npos)
                << "message: " << out.error.message;
            continue;
        }
        if (!out.ok) {
            ADD_FAILURE() << out.error.message;
            continue;
        }
        fs::path args_file = kDataDir / (name + ".args");
        fs::path live_file = kDataDir / (name + ".live.xml");
        if (regenerating()) {
            writeFile(args_file, out.args);
            writeFile(live_file, out.live_xml);
            continue;
        }
        EXPECT_EQ(golden::firstDifference(golden::readFile(args_file), out.args), "");
        EXPECT_EQ(golden::firstDifference(golden::readFile(live_file), out.live_xml), "");
    }
}

}  // namespace
}  // namespace nodevirt
