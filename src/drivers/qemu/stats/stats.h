// Domain statistics of the QEMU driver, one include for the driver:
//   auto sample = collectDomainStats(qmp_exec, caps::RootedHostSource("/"), target, groups);
//   statsRecordParams(*sample, groups)   -> one virConnectGetAllDomainStats record
//   domainInfoOf / blockStatsOf / blockStatsParamsOf / interfaceStatsOf / memoryStatsOf /
//   vcpuInfosOf                          -> dominfo, domblkstat, domifstat, dommemstat, vcpuinfo
#pragma once

#include "drivers/qemu/stats/proc_stats.h"
#include "drivers/qemu/stats/qmp_stats_parse.h"
#include "drivers/qemu/stats/stats_collector.h"
#include "drivers/qemu/stats/stats_records.h"
