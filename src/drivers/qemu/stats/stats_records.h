// libvirt's answers from a DomainStatsSample: the typed parameters of one
// virConnectGetAllDomainStats record (state, cpu-total, balloon, vcpu, interface, block with
// libvirt's field names), virDomainGetInfo, domblkstat (plain and typed), domifstat,
// dommemstat and virDomainGetVcpus.
#pragma once

#include <string>
#include <vector>

#include "driver/types.h"
#include "drivers/qemu/stats/stats_collector.h"

namespace nodevirt::qemu::stats {

// "state.state", "cpu.time", "balloon.current", "vcpu.0.time", "net.0.rx.bytes",
// "block.0.rd.reqs", ... for the groups in `groups` that the sample holds.
TypedParams statsRecordParams(const DomainStatsSample& sample, unsigned groups);

// cpuTime is the whole process (user + system); memory is the balloon's size.
DomainInfo domainInfoOf(const DomainStatsSample& sample);

// `disk` is a target ("vda") or a source path; "" sums every disk.
Result<BlockStats> blockStatsOf(const DomainStatsSample& sample, const std::string& disk);
// The typed form (virDomainBlockStatsFlags): rd/wr/flush operations, bytes and total times.
Result<TypedParams> blockStatsParamsOf(const DomainStatsSample& sample, const std::string& disk);

// `iface` is the host device name, the MAC or the device alias.
Result<InterfaceStats> interfaceStatsOf(const DomainStatsSample& sample, const std::string& iface);

// actual (balloon), the guest's own stats when polled, rss; at most `max` entries.
std::vector<MemoryStat> memoryStatsOf(const DomainStatsSample& sample, unsigned max);

std::vector<VcpuInfo> vcpuInfosOf(const DomainStatsSample& sample);

}  // namespace nodevirt::qemu::stats
