// ConnectOps of the test driver: identity, host facts and capabilities of the fake node.
#include <unistd.h>

#include <fmt/format.h>

#include "driver/libvirt_constants.h"
#include "drivers/test/facets.h"
#include "drivers/test/test_capabilities.h"

namespace nodevirt::drivers::test {
namespace {

// libvirt's test driver reports this fixed SMBIOS block.
constexpr std::string_view kSysinfo =
    "<sysinfo type='smbios'>\n"
    "  <bios>\n"
    "    <entry name='vendor'>LENOVO</entry>\n"
    "    <entry name='version'>G4ETA1WW (2.61 )</entry>\n"
    "    <entry name='date'>05/07/2014</entry>\n"
    "    <entry name='release'>2.61</entry>\n"
    "  </bios>\n"
    "</sysinfo>\n";

// The test hypervisor is "version 0.0.2"; the library pretends to be libvirt 9.0.0 so that
// clients gating features on the version see what they expect.
constexpr uint64_t kHypervisorVersion = 2;
constexpr uint64_t kLibVersion = 9000000;
constexpr int kMaxVcpus = 32;

}  // namespace

Result<std::string> TestConnect::getType() { return std::string("TEST"); }

Result<uint64_t> TestConnect::getVersion() { return kHypervisorVersion; }

Result<uint64_t> TestConnect::getLibVersion() { return kLibVersion; }

Result<std::string> TestConnect::getHostname() {
    char buf[256] = {};
    if (::gethostname(buf, sizeof buf - 1) < 0) return fail(systemError(errno, "failed to determine host name"));
    return std::string(buf);
}

Result<std::string> TestConnect::getUri() { return ctx_.uri(); }

Result<std::string> TestConnect::getSysinfo(unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testConnectGetSysinfo"));
    return std::string(kSysinfo);
}

Result<int> TestConnect::getMaxVcpus(const std::optional<std::string>& /*type*/) { return kMaxVcpus; }

Result<std::string> TestConnect::getCapabilities() { return formatTestCapabilities(ctx_.state().node); }

Result<NodeInfo> TestConnect::nodeGetInfo() { return ctx_.state().node.info; }

Result<uint64_t> TestConnect::nodeGetFreeMemory() {
    // libvirt's test driver sums the cells' free memory (KiB values, reported as bytes).
    uint64_t total = 0;
    for (const auto& cell : ctx_.state().node.cells) total += cell.free;
    return total;
}

Result<std::vector<uint64_t>> TestConnect::nodeGetCellsFreeMemory(int start, int max) {
    const auto& cells = ctx_.state().node.cells;
    if (start < 0 || static_cast<size_t>(start) >= cells.size()) {
        return fail(testError(ErrorCode::kInvalidArg, "Range exceeds available cells"));
    }
    std::vector<uint64_t> out;
    for (size_t i = static_cast<size_t>(start); i < cells.size() && out.size() < static_cast<size_t>(std::max(max, 0));
         ++i) {
        out.push_back(cells[i].memory_kib);
    }
    return out;
}

Result<TypedParams> TestConnect::nodeGetCpuStats(int /*cpu*/, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testNodeGetCPUStats"));
    // Fixed counters, the same for every cpu.
    return TypedParams{{"user", uint64_t{9797400000}},
                       {"kernel", uint64_t{34678723400000}},
                       {"idle", uint64_t{87264900000}},
                       {"iowait", uint64_t{763600000}}};
}

Result<std::vector<bool>> TestConnect::nodeGetCpuMap(unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testNodeGetCPUMap"));
    // libvirt's test node: 8 cpus of which 0, 2 and 4 are online.
    std::vector<bool> map(8, false);
    map[0] = map[2] = map[4] = true;
    return map;
}

Result<SecurityModel> TestConnect::nodeGetSecurityModel() { return SecurityModel{"testSecurity", ""}; }

}  // namespace nodevirt::drivers::test
