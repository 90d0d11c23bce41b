// Host facts for <capabilities>: /proc/cpuinfo for the CPU, /sys/devices/system/{cpu,node}
// for topology and NUMA cells, /sys/kernel/mm/hugepages for page sizes, /sys/power/state for
// suspend targets, /sys/kernel/iommu_groups for the IOMMU.
#include "drivers/qemu/caps_xml/host_caps.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "util/error.h"
#include "util/strings.h"

namespace nodevirt::qemu::caps {
namespace {

constexpr unsigned kMaxCpus = 65536;
constexpr unsigned kBasePageKib = 4;  // x86_64

// clang-format off
// Kernel /proc/cpuinfo flag -> libvirt's feature name, in CPUID order (leaf, register, bit),
// which is how libvirt lists them: 1.EDX, 1.ECX, 6.EAX, 7.0.EBX/ECX/EDX, 7.1.EAX, 0xD.1.EAX,
// 0x80000001.EDX/ECX, 0x80000007.EDX, 0x80000008.EBX, 0x8000000A.EDX. Flags that are not
// CPUID features (rep_good, nopl, ...) and the baseline model's own features are absent, so
// they are not printed.
constexpr std::pair<std::string_view, std::string_view> kFeatures[] = {
    {"vme", "vme"}, {"ds", "ds"}, {"acpi", "acpi"}, {"ss", "ss"}, {"ht", "ht"}, {"tm", "tm"},
    {"pbe", "pbe"},
    {"pclmulqdq", "pclmuldq"}, {"dtes64", "dtes64"}, {"monitor", "monitor"},
    {"ds_cpl", "ds_cpl"}, {"vmx", "vmx"}, {"smx", "smx"}, {"est", "est"}, {"tm2", "tm2"},
    {"ssse3", "ssse3"}, {"fma", "fma"}, {"xtpr", "xtpr"}, {"pdcm", "pdcm"}, {"pcid", "pcid"},
    {"dca", "dca"}, {"sse4_1", "sse4.1"}, {"sse4_2", "sse4.2"}, {"x2apic", "x2apic"},
    {"movbe", "movbe"}, {"popcnt", "popcnt"}, {"tsc_deadline_timer", "tsc-deadline"},
    {"aes", "aes"}, {"xsave", "xsave"}, {"osxsave", "osxsave"}, {"avx", "avx"},
    {"f16c", "f16c"}, {"rdrand", "rdrand"}, {"hypervisor", "hypervisor"},
    {"arat", "arat"},
    {"fsgsbase", "fsgsbase"}, {"tsc_adjust", "tsc_adjust"}, {"bmi1", "bmi1"}, {"hle", "hle"},
    {"avx2", "avx2"}, {"smep", "smep"}, {"bmi2", "bmi2"}, {"erms", "erms"},
    {"invpcid", "invpcid"}, {"rtm", "rtm"}, {"mpx", "mpx"}, {"avx512f", "avx512f"},
    {"avx512dq", "avx512dq"}, {"rdseed", "rdseed"}, {"adx", "adx"}, {"smap", "smap"},
    {"avx512ifma", "avx512ifma"}, {"clflushopt", "clflushopt"}, {"clwb", "clwb"},
    {"avx512pf", "avx512pf"}, {"avx512er", "avx512er"}, {"avx512cd", "avx512cd"},
    {"sha_ni", "sha-ni"}, {"avx512bw", "avx512bw"}, {"avx512vl", "avx512vl"},
    {"avx512vbmi", "avx512vbmi"}, {"umip", "umip"}, {"pku", "pku"}, {"ospke", "ospke"},
    {"avx512_vbmi2", "avx512vbmi2"}, {"gfni", "gfni"}, {"vaes", "vaes"},
    {"vpclmulqdq", "vpclmulqdq"}, {"avx512_vnni", "avx512vnni"},
    {"avx512_bitalg", "avx512bitalg"}, {"avx512_vpopcntdq", "avx512-vpopcntdq"},
    {"la57", "la57"}, {"rdpid", "rdpid"}, {"movdiri", "movdiri"}, {"movdir64b", "movdir64b"},
    {"fsrm", "fsrm"}, {"avx512_vp2intersect", "avx512-vp2intersect"}, {"md_clear", "md-clear"},
    {"serialize", "serialize"}, {"tsxldtrk", "tsx-ldtrk"}, {"amx_bf16", "amx-bf16"},
    {"avx512_fp16", "avx512-fp16"}, {"amx_tile", "amx-tile"}, {"amx_int8", "amx-int8"},
    {"ibrs", "ibrs"}, {"stibp", "stibp"}, {"ssbd", "ssbd"},
    {"avx_vnni", "avx-vnni"}, {"avx512_bf16", "avx512-bf16"},
    {"xsaveopt", "xsaveopt"}, {"xsavec", "xsavec"}, {"xgetbv1", "xgetbv1"},
    {"xsaves", "xsaves"},
    {"mmxext", "mmxext"}, {"fxsr_opt", "fxsr_opt"}, {"pdpe1gb", "pdpe1gb"},
    {"rdtscp", "rdtscp"}, {"3dnowext", "3dnowext"}, {"3dnow", "3dnow"},
    {"lahf_lm", "lahf_lm"}, {"cmp_legacy", "cmp_legacy"}, {"svm", "svm"},
    {"extapic", "extapic"}, {"cr8_legacy", "cr8legacy"}, {"abm", "abm"}, {"sse4a", "sse4a"},
    {"misalignsse", "misalignsse"}, {"3dnowprefetch", "3dnowprefetch"}, {"osvw", "osvw"},
    {"ibs", "ibs"}, {"xop", "xop"}, {"skinit", "skinit"}, {"wdt", "wdt"}, {"lwp", "lwp"},
    {"fma4", "fma4"}, {"tce", "tce"}, {"nodeid_msr", "nodeid_msr"}, {"tbm", "tbm"},
    {"topoext", "topoext"}, {"perfctr_core", "perfctr_core"}, {"perfctr_nb", "perfctr_nb"},
    {"constant_tsc", "invtsc"},
    {"clzero", "clzero"}, {"xsaveerptr", "xsaveerptr"}, {"wbnoinvd", "wbnoinvd"},
    {"ibpb", "ibpb"}, {"virt_ssbd", "virt-ssbd"},
    {"npt", "npt"}, {"nrip_save", "nrip-save"}, {"vgif", "vgif"}};
// clang-format on

struct FeatureName {
    std::string_view name;  // libvirt's
    size_t rank;            // position in CPUID order
};

const std::map<std::string_view, FeatureName>& featureNames() {
    static const std::map<std::string_view, FeatureName> kNames = [] {
        std::map<std::string_view, FeatureName> m;
        for (size_t i = 0; i < std::size(kFeatures); ++i) {
            m.emplace(kFeatures[i].first, FeatureName{kFeatures[i].second, i});
        }
        return m;
    }();
    return kNames;
}

// The baseline model's own features (what QEMU's kvm64 sets), by kernel flag name.
const std::set<std::string_view>& baselineFlags() {
    static const std::set<std::string_view> kFlags = {
        "fpu", "de",   "pse", "tsc",  "msr",     "pae",   "mce",     "cx8", "apic",
        "sep", "pge",  "mca", "cmov", "pat",     "pse36", "clflush", "mmx", "fxsr",
        "sse", "sse2", "pni", "cx16", "syscall", "nx",    "lm"};
    return kFlags;
}

// The first processor block of /proc/cpuinfo as key -> value.
std::map<std::string, std::string> firstCpuBlock(std::string_view cpuinfo) {
    std::map<std::string, std::string> out;
    for (const std::string& line : str::split(cpuinfo, '\n')) {
        if (str::trim(line).empty()) {
            if (!out.empty()) break;
            continue;
        }
        size_t colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::string key(str::trim(std::string_view(line).substr(0, colon)));
        out.emplace(std::move(key),
                    std::string(str::trim(std::string_view(line).substr(colon + 1))));
    }
    return out;
}

std::optional<unsigned> readUint(const HostSource& src, const std::string& path) {
    auto text = src.readFile(path);
    if (!text) return std::nullopt;
    return str::parseUint(str::trim(*text));
}

std::optional<uint64_t> readUint64(const HostSource& src, const std::string& path) {
    auto text = src.readFile(path);
    if (!text) return std::nullopt;
    return str::parseUint64(str::trim(*text));
}

// "hugepages-2048kB" -> 2048
std::optional<unsigned> hugepageSize(std::string_view dir_name) {
    if (!str::startsWith(dir_name, "hugepages-") || !str::endsWith(dir_name, "kB")) {
        return std::nullopt;
    }
    return str::parseUint(dir_name.substr(10, dir_name.size() - 12));
}

std::vector<unsigned> hugepageSizes(const HostSource& src, const std::string& dir) {
    std::vector<unsigned> sizes;
    for (const std::string& name : src.listDir(dir)) {
        if (auto size = hugepageSize(name)) sizes.push_back(*size);
    }
    std::sort(sizes.begin(), sizes.end());
    return sizes;
}

void fillCpuIdentity(const std::map<std::string, std::string>& info, conf::CapsHostCpu& cpu) {
    auto get = [&](const char* key) -> std::string {
        auto it = info.find(key);
        return it == info.end() ? std::string() : it->second;
    };
    std::string vendor = get("vendor_id");
    if (vendor == "AuthenticAMD")
        cpu.vendor = "AMD";
    else if (vendor == "GenuineIntel")
        cpu.vendor = "Intel";
    else if (vendor == "HygonGenuine")
        cpu.vendor = "Hygon";
    else if (!vendor.empty())
        cpu.vendor = vendor;
    auto family = str::parseUint(get("cpu family"));
    auto model = str::parseUint(get("model"));
    auto stepping = str::parseUint(get("stepping"));
    if (family && model && stepping) {
        cpu.sig_family = family;
        cpu.sig_model = model;
        cpu.sig_stepping = stepping;
    }
    // "address sizes : 48 bits physical, 48 bits virtual"
    std::string sizes = get("address sizes");
    if (auto bits = str::parseUint(sizes.substr(0, sizes.find(' ')))) {
        cpu.maxphysaddr_mode = "emulate";
        cpu.maxphysaddr_bits = bits;
    }
    std::vector<std::string> flags = str::split(get("flags"), ' ');
    std::set<std::string_view> have(flags.begin(), flags.end());
    bool baseline = std::all_of(baselineFlags().begin(), baselineFlags().end(),
                                [&](std::string_view f) { return have.count(f) > 0; });
    if (baseline) cpu.model = std::string(kHostBaselineModel);
    std::map<size_t, std::string_view> printed;  // by rank: CPUID order
    for (const std::string& f : flags) {
        auto it = featureNames().find(f);
        if (it != featureNames().end()) printed.emplace(it->second.rank, it->second.name);
    }
    for (const auto& [rank, name] : printed) cpu.features.emplace_back(name);
}

struct CpuTopo {
    unsigned package = 0, die = 0, core = 0;
    std::string siblings;
};

std::optional<CpuTopo> readCpuTopo(const HostSource& src, unsigned cpu) {
    std::string dir = fmt::format("/sys/devices/system/cpu/cpu{}/topology/", cpu);
    auto package = readUint(src, dir + "physical_package_id");
    auto core = readUint(src, dir + "core_id");
    auto siblings = src.readFile(dir + "thread_siblings_list");
    if (!package || !core || !siblings) return std::nullopt;
    return CpuTopo{*package, readUint(src, dir + "die_id").value_or(0), *core,
                   std::string(str::trim(*siblings))};
}

Result<std::set<unsigned>> onlineCpus(const HostSource& src) {
    NODEVIRT_ASSIGN_OR_RETURN(std::string text, src.readFile("/sys/devices/system/cpu/online"));
    return parseCpuList(str::trim(text));
}

void fillTopology(const HostSource& src, const std::set<unsigned>& cpus, conf::CapsHostCpu& cpu) {
    std::set<unsigned> packages, dies_in_first, cores_in_first;
    unsigned threads = 1;
    bool first = true;
    unsigned first_package = 0, first_die = 0;
    for (unsigned id : cpus) {
        auto t = readCpuTopo(src, id);
        if (!t) return;
        if (first) {
            first_package = t->package;
            first_die = t->die;
            auto sib = parseCpuList(t->siblings);
            threads = sib && !sib->empty() ? static_cast<unsigned>(sib->size()) : 1;
            first = false;
        }
        packages.insert(t->package);
        if (t->package == first_package) dies_in_first.insert(t->die);
        if (t->package == first_package && t->die == first_die) cores_in_first.insert(t->core);
    }
    if (first) return;
    cpu.sockets = static_cast<unsigned>(packages.size());
    cpu.dies = static_cast<unsigned>(dies_in_first.size());
    cpu.cores = static_cast<unsigned>(cores_in_first.size());
    cpu.threads = threads;
}

std::optional<uint64_t> memTotalKib(std::string_view meminfo) {
    for (const std::string& line : str::split(meminfo, '\n')) {
        size_t at = line.find("MemTotal:");
        if (at == std::string::npos) continue;
        std::string rest(str::trim(std::string_view(line).substr(at + 9)));
        return str::parseUint64(rest.substr(0, rest.find(' ')));
    }
    return std::nullopt;
}

}  // namespace

Result<std::set<unsigned>> parseCpuList(std::string_view text) {
    std::set<unsigned> out;
    if (str::trim(text).empty()) return out;
    for (const std::string& part : str::split(str::trim(text), ',')) {
        size_t dash = part.find('-');
        auto lo = str::parseUint(part.substr(0, dash));
        auto hi = dash == std::string::npos ? lo : str::parseUint(part.substr(dash + 1));
        if (!lo || !hi || *lo > *hi || *hi >= kMaxCpus) {
            return fail(internalError(fmt::format("invalid CPU list '{}'", text)));
        }
        for (unsigned c = *lo; c <= *hi; ++c) out.insert(c);
    }
    return out;
}

namespace {

conf::CapsNumaCell readCell(const HostSource& src, unsigned node, uint64_t memory_kib,
                            const std::set<unsigned>& cpus, const std::vector<unsigned>& nodes) {
    conf::CapsNumaCell cell;
    cell.id = node;
    cell.memory_kib = memory_kib;
    std::string dir = fmt::format("/sys/devices/system/node/node{}", node);
    uint64_t huge_kib = 0;
    std::vector<conf::CapsPages> huge;
    for (unsigned size : hugepageSizes(src, "/sys/kernel/mm/hugepages")) {
        std::string path = fmt::format("{}/hugepages/hugepages-{}kB/nr_hugepages", dir, size);
        uint64_t count = readUint64(src, path).value_or(0);
        huge_kib += count * size;
        huge.push_back({size, count});
    }
    uint64_t small = memory_kib > huge_kib ? memory_kib - huge_kib : 0;
    cell.pages.push_back({kBasePageKib, small / kBasePageKib});
    cell.pages.insert(cell.pages.end(), huge.begin(), huge.end());
    if (auto text = src.readFile(dir + "/distance")) {
        std::vector<std::string> values = str::split(str::trim(*text), ' ');
        for (size_t i = 0; i < values.size() && i < nodes.size(); ++i) {
            if (auto v = str::parseUint(values[i])) cell.distances.push_back({nodes[i], *v});
        }
    }
    for (unsigned id : cpus) {
        conf::CapsCellCpu c;
        c.id = id;
        if (auto t = readCpuTopo(src, id)) {
            c.socket_id = t->package;
            c.die_id = t->die;
            c.core_id = t->core;
            c.siblings = t->siblings;
        }
        cell.cpus.push_back(std::move(c));
    }
    return cell;
}

Status fillCells(const HostSource& src, const std::set<unsigned>& online, conf::CapsHost& host) {
    std::vector<unsigned> nodes;
    for (const std::string& name : src.listDir("/sys/devices/system/node")) {
        if (!str::startsWith(name, "node")) continue;
        if (auto id = str::parseUint(std::string_view(name).substr(4))) nodes.push_back(*id);
    }
    std::sort(nodes.begin(), nodes.end());
    host.has_numa = true;
    if (nodes.empty()) {
        // A kernel without NUMA: one cell holding every CPU and all memory.
        NODEVIRT_ASSIGN_OR_RETURN(std::string meminfo, src.readFile("/proc/meminfo"));
        auto total = memTotalKib(meminfo);
        if (!total) return fail(internalError("no MemTotal in /proc/meminfo"));
        host.cells.push_back(readCell(src, 0, *total, online, {}));
        host.cells.back().distances.clear();
        return ok();
    }
    for (unsigned node : nodes) {
        std::string dir = fmt::format("/sys/devices/system/node/node{}", node);
        NODEVIRT_ASSIGN_OR_RETURN(std::string meminfo, src.readFile(dir + "/meminfo"));
        NODEVIRT_ASSIGN_OR_RETURN(std::string cpulist, src.readFile(dir + "/cpulist"));
        NODEVIRT_ASSIGN_OR_RETURN(std::set<unsigned> cpus, parseCpuList(str::trim(cpulist)));
        auto total = memTotalKib(meminfo);
        if (!total) return fail(internalError(fmt::format("no MemTotal in {}/meminfo", dir)));
        host.cells.push_back(readCell(src, node, *total, cpus, nodes));
    }
    return ok();
}

std::optional<Uuid> hostUuid(const HostSource& src) {
    if (auto text = src.readFile("/sys/class/dmi/id/product_uuid")) {
        if (auto u = Uuid::parse(str::trim(*text))) return u;
    }
    // No DMI (a microVM): the machine id is the stable identity of this host.
    if (auto text = src.readFile("/etc/machine-id")) {
        std::string id(str::trim(*text));
        if (id.size() == 32) {
            std::string dashed = fmt::format("{}-{}-{}-{}-{}", id.substr(0, 8), id.substr(8, 4),
                                             id.substr(12, 4), id.substr(16, 4), id.substr(20));
            return Uuid::parse(dashed);
        }
    }
    return std::nullopt;
}

}  // namespace

Result<conf::CapsHost> probeHostCaps(const HostSource& src) {
    conf::CapsHost host;
    host.uuid = hostUuid(src);
    NODEVIRT_ASSIGN_OR_RETURN(std::string cpuinfo, src.readFile("/proc/cpuinfo"));
    auto arch = src.readFile("/proc/sys/kernel/arch");
    host.cpu.arch = arch ? std::string(str::trim(*arch)) : "x86_64";
    fillCpuIdentity(firstCpuBlock(cpuinfo), host.cpu);
    NODEVIRT_ASSIGN_OR_RETURN(std::set<unsigned> online, onlineCpus(src));
    if (online.empty())
        return fail(internalError("no online CPU in /sys/devices/system/cpu/online"));
    fillTopology(src, online, host.cpu);
    host.cpu.pages.push_back({kBasePageKib, std::nullopt});
    for (unsigned size : hugepageSizes(src, "/sys/kernel/mm/hugepages")) {
        host.cpu.pages.push_back({size, std::nullopt});
    }
    if (auto state = src.readFile("/sys/power/state")) {
        std::vector<std::string> words = str::split(str::trim(*state), ' ');
        auto has = [&](const char* w) {
            return std::find(words.begin(), words.end(), w) != words.end();
        };
        host.suspend_mem = has("mem");
        host.suspend_disk = has("disk");
        host.suspend_hybrid = host.suspend_mem && host.suspend_disk;
    }
    host.iommu = !src.listDir("/sys/kernel/iommu_groups").empty();
    host.has_migration_features = true;
    host.migration_live = true;
    host.migration_uri_transports = {"tcp"};
    NODEVIRT_TRY(fillCells(src, online, host));
    host.secmodels.push_back({"none", "0", {}});
    return host;
}

}  // namespace nodevirt::qemu::caps
