// Unit tests of the capability builders: host facts from fixture trees and from the real
// host, guest blocks, and the domain capabilities' choices and errors.
#include <gtest/gtest.h>
#include <unistd.h>

#include <numeric>

#include "drivers/qemu/caps_xml/caps_xml.h"
#include "util/file_io.h"

namespace nodevirt::qemu::caps {
namespace {

const std::string kData = "tests/data/qemu_caps_xml";

QemuCaps loadCaps(const std::string& file) {
    auto text = file::readAll(kData + "/" + file);
    EXPECT_TRUE(text);
    auto caps = QemuCaps::fromJson(Json::parse(text ? *text : "{}"));
    EXPECT_TRUE(caps) << file;
    return caps ? *caps : QemuCaps{};
}

TEST(CpuList, ParsesRangesAndRejectsGarbage) {
    auto a = parseCpuList("0-2,5,7-8\n");
    ASSERT_TRUE(a);
    EXPECT_EQ(*a, (std::set<unsigned>{0, 1, 2, 5, 7, 8}));
    auto empty = parseCpuList("");
    ASSERT_TRUE(empty);
    EXPECT_TRUE(empty->empty());
    for (const char* bad : {"3-1", "x", "1,,2", "0-99999999", "1-"}) {
        auto r = parseCpuList(bad);
        ASSERT_FALSE(r) << bad;
        EXPECT_NE(r.error().message.find(bad), std::string::npos) << r.error().message;
    }
}

TEST(HostCaps, TwoSocketIntelFixture) {
    RootedHostSource src(kData + "/hosts/intel_2cells");
    auto host = probeHostCaps(src);
    ASSERT_TRUE(host) << host.error().message;
    EXPECT_EQ(host->cpu.arch, "x86_64");  // no /proc/sys/kernel/arch: the default
    EXPECT_EQ(host->cpu.vendor, "Intel");
    EXPECT_EQ(host->cpu.model, "kvm64");
    EXPECT_EQ(host->cpu.sig_family, 6u);
    EXPECT_EQ(host->cpu.sig_model, 85u);
    EXPECT_EQ(host->cpu.sockets, 2u);
    EXPECT_EQ(host->cpu.cores, 2u);
    EXPECT_EQ(host->cpu.threads, 2u);
    EXPECT_EQ(host->cpu.maxphysaddr_bits, 46u);
    // Kernel spellings become libvirt's; non-CPUID flags are dropped.
    auto has = [&](const char* f) {
        return std::find(host->cpu.features.begin(), host->cpu.features.end(), f) !=
               host->cpu.features.end();
    };
    EXPECT_TRUE(has("sse4.2"));
    EXPECT_TRUE(has("pclmuldq"));
    EXPECT_FALSE(has("rep_good"));
    EXPECT_FALSE(has("sse2"));  // part of the baseline model
    ASSERT_EQ(host->cpu.pages.size(), 3u);
    EXPECT_EQ(host->cpu.pages[2].size_kib, 1048576u);
    EXPECT_TRUE(host->suspend_mem);
    EXPECT_TRUE(host->suspend_disk);
    EXPECT_EQ(host->iommu, true);
    ASSERT_TRUE(host->uuid);
    EXPECT_EQ(host->uuid->toString(), "4c4c4544-0042-3510-8052-b2c04f4e4b32");
    ASSERT_EQ(host->cells.size(), 2u);
    const conf::CapsNumaCell& c0 = host->cells[0];
    EXPECT_EQ(c0.memory_kib, 32768000u);
    // 4 KiB pages are what the huge pages leave: node 0 has 512 of 2 MiB, node 1 one of 1 GiB.
    EXPECT_EQ(c0.pages[0].count, (32768000u - 512u * 2048u) / 4u);
    EXPECT_EQ(c0.pages[1].count, 512u);
    EXPECT_EQ(host->cells[1].pages[0].count, (32768000u - 1048576u) / 4u);
    EXPECT_EQ(host->cells[1].pages[2].count, 1u);
    ASSERT_EQ(c0.distances.size(), 2u);
    EXPECT_EQ(c0.distances[1].id, 1u);
    EXPECT_EQ(c0.distances[1].value, 21u);
    ASSERT_EQ(host->cells[1].cpus.size(), 4u);
    EXPECT_EQ(host->cells[1].cpus[0].id, 4u);
    EXPECT_EQ(host->cells[1].cpus[0].socket_id, 1u);
    EXPECT_EQ(host->cells[1].cpus[3].siblings, "6-7");
}

TEST(HostCaps, WithoutNumaOneCellHoldsEverything) {
    RootedHostSource src(kData + "/hosts/no_numa");
    auto host = probeHostCaps(src);
    ASSERT_TRUE(host) << host.error().message;
    EXPECT_EQ(host->cpu.vendor, "Hygon");
    EXPECT_FALSE(host->cpu.model);  // no flags: the baseline cannot be claimed
    EXPECT_FALSE(host->uuid);
    EXPECT_EQ(host->iommu, false);
    ASSERT_EQ(host->cells.size(), 1u);
    EXPECT_EQ(host->cells[0].memory_kib, 2048000u);
    EXPECT_EQ(host->cells[0].cpus.size(), 2u);
    EXPECT_TRUE(host->cells[0].distances.empty());
}

TEST(HostCaps, MissingCpuinfoIsAnError) {
    RootedHostSource src(kData + "/hosts/does-not-exist");
    auto host = probeHostCaps(src);
    ASSERT_FALSE(host);
    EXPECT_NE(host.error().message.find("cpuinfo"), std::string::npos) << host.error().message;
}

// The real machine: whatever it is, the facts must be consistent with what the OS says.
TEST(HostCaps, RealHostIsSane) {
    RootedHostSource src;
    auto host = probeHostCaps(src);
    ASSERT_TRUE(host) << host.error().message;
    EXPECT_EQ(host->cpu.arch, "x86_64");
    ASSERT_GE(host->cells.size(), 1u);
    size_t cpus =
        std::accumulate(host->cells.begin(), host->cells.end(), size_t{0},
                        [](size_t n, const conf::CapsNumaCell& c) { return n + c.cpus.size(); });
    EXPECT_EQ(cpus, static_cast<size_t>(::sysconf(_SC_NPROCESSORS_ONLN)));
    uint64_t mem = 0;
    for (const auto& c : host->cells) mem += c.memory_kib;
    EXPECT_GT(mem, 0u);
    ASSERT_TRUE(host->cpu.sockets);
    EXPECT_EQ(*host->cpu.sockets * *host->cpu.dies * *host->cpu.cores * *host->cpu.threads, cpus);
}

TEST(GuestCaps, MachinesDefaultFirstWithAliasesAndKvmOnlyWhenUsable) {
    QemuCaps qc = loadCaps("qemu_7.2_x86_64.json");
    EXPECT_EQ(archOfEmulator("/usr/bin/qemu-system-x86_64"), "x86_64");
    EXPECT_EQ(archOfEmulator("qemu-system-i386"), "i686");
    EXPECT_FALSE(archOfEmulator("/usr/bin/qemu-system-aarch64"));
    conf::CapsGuest g = buildGuestCaps({"x86_64", &qc});
    ASSERT_GE(g.machines.size(), 2u);
    EXPECT_EQ(g.machines[0].name, "pc-i440fx-7.2");
    EXPECT_EQ(g.machines[1].name, "pc");
    EXPECT_EQ(g.machines[1].canonical, "pc-i440fx-7.2");
    EXPECT_EQ(g.machines[1].max_cpus, 255u);
    ASSERT_EQ(g.domains.size(), 1u);
    EXPECT_EQ(g.domains[0].type, "qemu");
    qc.accel = "kvm";
    qc.kvm_enabled = true;
    g = buildGuestCaps({"x86_64", &qc});
    ASSERT_EQ(g.domains.size(), 2u);
    EXPECT_EQ(g.domains[1].type, "kvm");
}

std::vector<EmulatorCaps> emulators(const QemuCaps& x86_64) { return {{"x86_64", &x86_64}}; }

TEST(DomainCaps, DefaultsAndModels) {
    QemuCaps qc = loadCaps("qemu_7.2_x86_64.json");
    auto dc = buildQemuDomainCapabilities(emulators(qc), {});
    ASSERT_TRUE(dc) << dc.error().message;
    EXPECT_EQ(dc->domain, "qemu");  // no KVM in the probe
    EXPECT_EQ(dc->machine, "pc-i440fx-7.2");
    EXPECT_EQ(dc->max_vcpus, 255u);
    EXPECT_FALSE(dc->cpu.host_passthrough.supported);
    EXPECT_FALSE(dc->cpu.host_model.supported);
    auto& models = dc->cpu.custom_models;
    ASSERT_FALSE(models.empty());
    EXPECT_EQ(models.front().name, "qemu64");  // libvirt's order: names descending
    EXPECT_EQ(models.back().name, "486");
    EXPECT_EQ(models.front().vendor, "unknown");
    auto epyc =
        std::find_if(models.begin(), models.end(), [](const auto& m) { return m.name == "EPYC"; });
    ASSERT_NE(epyc, models.end());
    EXPECT_EQ(epyc->vendor, "AMD");
    for (const auto& m : models) {
        EXPECT_NE(m.name, "max");
        EXPECT_EQ(m.name.find("-v"), std::string::npos) << m.name;
        const QemuCpuModel* src = qc.findCpuModel(m.name);
        ASSERT_NE(src, nullptr) << m.name;
        EXPECT_EQ(m.usable, src->unavailable_features.empty() ? "yes" : "no") << m.name;
    }
    auto q35 = buildQemuDomainCapabilities(emulators(qc), {"", "", "q35", "qemu"});
    ASSERT_TRUE(q35);
    EXPECT_EQ(q35->machine, "pc-q35-7.2");
    EXPECT_EQ(q35->max_vcpus, 288u);
}

TEST(DomainCaps, DriverSupportGatesOptionalItems) {
    QemuCaps qc = loadCaps("qemu_7.2_x86_64.json");
    auto none = buildQemuDomainCapabilities(emulators(qc), {"", "", "q35", "qemu"});
    ASSERT_TRUE(none);
    EXPECT_FALSE(none->os.loader->supported);
    EXPECT_FALSE(none->memory_backing->supported);
    DriverSupport all{true, true, true, true, true, true, true, true, true, true};
    auto full = buildQemuDomainCapabilities(emulators(qc), {"", "", "q35", "qemu"}, all);
    ASSERT_TRUE(full);
    EXPECT_TRUE(full->os.loader->supported);
    EXPECT_TRUE(full->iothreads.value_or(false));
    // Still only what the binary has: drop the 9p and virtiofs devices.
    qc.device_types.erase("virtio-9p-pci");
    qc.device_types.erase("vhost-user-fs-pci");
    auto no_fs = buildQemuDomainCapabilities(emulators(qc), {"", "", "q35", "qemu"}, all);
    ASSERT_TRUE(no_fs);
    auto fs = std::find_if(no_fs->devices.begin(), no_fs->devices.end(),
                           [](const auto& d) { return d.name == "filesystem"; });
    ASSERT_NE(fs, no_fs->devices.end());
    EXPECT_FALSE(fs->supported);
}

TEST(DomainCaps, KvmOnlyWhenUsable) {
    QemuCaps qc = loadCaps("qemu_7.2_x86_64.json");
    auto no = buildQemuDomainCapabilities(emulators(qc), {"", "", "", "kvm"});
    ASSERT_FALSE(no);
    EXPECT_EQ(no.error().code, ErrorCode::kInvalidArg);
    EXPECT_EQ(no.error().message,
              "invalid argument: the accel 'kvm' is not supported by "
              "'/usr/bin/qemu-system-x86_64' on this host");
    qc.accel = "kvm";
    qc.kvm_enabled = true;
    auto yes = buildQemuDomainCapabilities(emulators(qc), {});
    ASSERT_TRUE(yes) << yes.error().message;
    EXPECT_EQ(yes->domain, "kvm");
    EXPECT_TRUE(yes->cpu.host_passthrough.supported);
    EXPECT_TRUE(yes->cpu.host_model.supported);
}

TEST(DomainCaps, ErrorsNameWhatWasWrong) {
    QemuCaps qc = loadCaps("qemu_7.2_x86_64.json");
    struct Case {
        DomainCapsRequest req;
        ErrorCode code;
        std::string message;
    };
    std::vector<Case> cases = {
        {{"", "", "nosuch", "qemu"},
         ErrorCode::kInvalidArg,
         "invalid argument: the machine 'nosuch' is not supported by emulator "
         "'/usr/bin/qemu-system-x86_64'"},
        {{"", "aarch64", "", "qemu"},
         ErrorCode::kConfigUnsupported,
         "unsupported configuration: unable to find any emulator to serve 'aarch64' "
         "architecture"},
        {{"", "", "", "bogus"},
         ErrorCode::kInvalidArg,
         "invalid argument: unknown virttype: bogus"},
        {{"", "", "", "xen"},
         ErrorCode::kInvalidArg,
         "invalid argument: the accel 'xen' is not supported by '/usr/bin/qemu-system-x86_64' "
         "on this host"},
        {{"/usr/bin/qemu-system-x86_64", "i686", "", ""},
         ErrorCode::kInvalidArg,
         "invalid argument: architecture from emulator 'x86_64' doesn't match given "
         "architecture 'i686'"},
        {{"/opt/qemu", "", "", ""},
         ErrorCode::kInvalidArg,
         "invalid argument: emulator '/opt/qemu' is not a known QEMU binary"},
    };
    for (const Case& c : cases) {
        auto r = buildQemuDomainCapabilities(emulators(qc), c.req);
        ASSERT_FALSE(r) << c.message;
        EXPECT_EQ(r.error().code, c.code) << c.message;
        EXPECT_EQ(r.error().domain, ErrorDomain::kQemu);
        EXPECT_EQ(r.error().message, c.message);
    }
}

}  // namespace
}  // namespace nodevirt::qemu::caps
