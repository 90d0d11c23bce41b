// Parse and format cost of a typical ~60-line domain XML (the shape virt-install produces),
// and the memory a defined minimal domain costs when the daemon holds many of them.
#include <benchmark/benchmark.h>

#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "conf/domain/domain_xml.h"
#include "conf/domain/post_parse.h"

namespace {

using namespace nodevirt::conf;

constexpr const char* kTypical = R"(<domain type='kvm'>
  <name>web01</name>
  <uuid>6f2c2d8e-3c4b-4f59-9a0e-2b7d3f1a8c55</uuid>
  <title>Front-end web server</title>
  <memory unit='GiB'>4</memory>
  <currentMemory unit='GiB'>4</currentMemory>
  <vcpu placement='static'>4</vcpu>
  <os>
    <type arch='x86_64' machine='pc-q35-7.2'>hvm</type>
    <boot dev='hd'/>
  </os>
  <features>
    <acpi/>
    <apic/>
    <vmport state='off'/>
  </features>
  <cpu mode='host-passthrough' check='none' migratable='on'/>
  <clock offset='utc'>
    <timer name='rtc' tickpolicy='catchup'/>
    <timer name='pit' tickpolicy='delay'/>
    <timer name='hpet' present='no'/>
  </clock>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <on_crash>destroy</on_crash>
  <pm>
    <suspend-to-mem enabled='no'/>
    <suspend-to-disk enabled='no'/>
  </pm>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2' discard='unmap'/>
      <source file='/var/lib/libvirt/images/web01.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <disk type='file' device='cdrom'>
      <driver name='qemu' type='raw'/>
      <target dev='sda' bus='sata'/>
      <readonly/>
    </disk>
    <controller type='usb' index='0' model='qemu-xhci' ports='15'/>
    <controller type='pci' index='0' model='pcie-root'/>
    <interface type='network'>
      <mac address='52:54:00:6b:3c:58'/>
      <source network='default'/>
      <model type='virtio'/>
    </interface>
    <serial type='pty'>
      <target type='isa-serial' port='0'>
        <model name='isa-serial'/>
      </target>
    </serial>
    <console type='pty'>
      <target type='serial' port='0'/>
    </console>
    <channel type='unix'>
      <target type='virtio' name='org.qemu.guest_agent.0'/>
    </channel>
    <input type='tablet' bus='usb'/>
    <graphics type='spice' autoport='yes'>
      <listen type='address'/>
      <image compression='off'/>
    </graphics>
    <video>
      <model type='virtio' heads='1' primary='yes'/>
    </video>
    <memballoon model='virtio'/>
    <rng model='virtio'>
      <backend model='random'>/dev/urandom</backend>
    </rng>
  </devices>
</domain>
)";

constexpr const char* kMinimal =
    "<domain type='test'><name>x</name><memory unit='KiB'>131072</memory><vcpu>1</vcpu>"
    "<os><type arch='x86_64'>hvm</type></os></domain>";

DomainParseOptions defineOptions() {
    DomainParseOptions o;
    o.inactive = true;
    o.profile = &testDriverPostParseProfile();
    return o;
}

void BM_ParseTypicalDomain(benchmark::State& state) {
    DomainParseOptions o = defineOptions();
    for (auto _ : state) {
        auto def = parseDomainXml(kTypical, o);
        if (!def) state.SkipWithError(def.error().message.c_str());
        benchmark::DoNotOptimize(def);
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                            static_cast<int64_t>(std::char_traits<char>::length(kTypical)));
}
BENCHMARK(BM_ParseTypicalDomain);

void BM_ParseTypicalDomainValidate(benchmark::State& state) {
    DomainParseOptions o = defineOptions();
    o.validate = true;
    for (auto _ : state) {
        auto def = parseDomainXml(kTypical, o);
        if (!def) state.SkipWithError(def.error().message.c_str());
        benchmark::DoNotOptimize(def);
    }
}
BENCHMARK(BM_ParseTypicalDomainValidate);

void BM_FormatTypicalDomain(benchmark::State& state) {
    auto def = parseDomainXml(kTypical, defineOptions());
    if (!def) {
        state.SkipWithError(def.error().message.c_str());
        return;
    }
    DomainFormatOptions f;
    f.inactive = true;
    size_t bytes = 0;
    for (auto _ : state) {
        std::string xml = formatDomainXml(**def, f);
        bytes += xml.size();
        benchmark::DoNotOptimize(xml);
    }
    state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_FormatTypicalDomain);

void BM_CopyTypicalDomain(benchmark::State& state) {
    auto def = parseDomainXml(kTypical, defineOptions());
    if (!def) {
        state.SkipWithError(def.error().message.c_str());
        return;
    }
    for (auto _ : state) {
        auto copy = std::make_shared<DomainDef>(**def);
        benchmark::DoNotOptimize(copy);
    }
}
BENCHMARK(BM_CopyTypicalDomain);

// Resident memory of the process, in bytes.
long residentBytes() {
    std::ifstream statm("/proc/self/statm");
    long pages_total = 0, pages_resident = 0;
    statm >> pages_total >> pages_resident;
    return pages_resident * 4096;
}

// RSS growth per held minimal definition, reported as a counter (10,000 domains like the
// daemon's target load).
void BM_MinimalDomainResidentCost(benchmark::State& state) {
    constexpr int kDomains = 10000;
    DomainParseOptions o = defineOptions();
    for (auto _ : state) {
        std::vector<std::shared_ptr<DomainDef>> held;
        held.reserve(kDomains);
        long before = residentBytes();
        for (int i = 0; i < kDomains; ++i) {
            auto def = parseDomainXml(kMinimal, o);
            if (!def) {
                state.SkipWithError(def.error().message.c_str());
                return;
            }
            held.push_back(std::move(*def));
        }
        state.counters["rss_bytes_per_domain"] =
            static_cast<double>(residentBytes() - before) / kDomains;
    }
}
BENCHMARK(BM_MinimalDomainResidentCost)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
