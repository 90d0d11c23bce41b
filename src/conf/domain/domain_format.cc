// Formatting of a whole <domain> in libvirt's element order.
#include <fmt/format.h>

#include "conf/domain/domain_parse.h"

namespace nodevirt::conf {
namespace {

void formatMemoryAndTuning(xml::Writer& w, const DomainDef& def, const DomainExtras* x) {
    if (x && x->max_memory) {
        w.open("maxMemory").attr("slots", x->max_memory->slots).attr("unit", "KiB");
        w.text(fmt::format("{}", x->max_memory->kib)).close();
    }
    w.open("memory").attr("unit", "KiB").text(fmt::format("{}", def.memory_kib)).close();
    w.open("currentMemory").attr("unit", "KiB").text(fmt::format("{}", def.current_kib)).close();
    if (x) {
        formatBlkioTune(w, x->blkiotune);
        formatMemTune(w, x->memtune);
    }
    w.open("vcpu").attr("placement", kVcpuPlacements.name(def.vcpu.placement));
    if (x && x->vcpu_cpuset) w.attr("cpuset", x->vcpu_cpuset->toString());
    if (def.vcpu.current) w.attr("current", *def.vcpu.current);
    w.text(fmt::format("{}", def.vcpu.max)).close();
    if (x) {
        formatIothreads(w, x->iothreads);
        formatCpuTune(w, x->cputune);
        formatNumaTune(w, x->numatune);
        formatResource(w, x->resource);
        if (x->bootloader) w.textElement("bootloader", *x->bootloader);
        if (x->bootloader_args) w.textElement("bootloader_args", *x->bootloader_args);
    }
}

void formatLifecycle(xml::Writer& w, const DomainDef& def, const DomainExtras* x) {
    w.textElement("on_poweroff", kLifecycleActions.name(def.on_poweroff));
    w.textElement("on_reboot", kLifecycleActions.name(def.on_reboot));
    w.textElement("on_crash", kLifecycleActions.name(def.on_crash));
    if (!x) return;
    if (x->on_lockfailure)
        w.textElement("on_lockfailure", kLockFailureActions.name(*x->on_lockfailure));
    if (x->pm.suspend_to_mem || x->pm.suspend_to_disk) {
        w.open("pm");
        if (x->pm.suspend_to_mem)
            w.open("suspend-to-mem").attr("enabled", *x->pm.suspend_to_mem ? "yes" : "no").close();
        if (x->pm.suspend_to_disk)
            w.open("suspend-to-disk")
                .attr("enabled", *x->pm.suspend_to_disk ? "yes" : "no")
                .close();
        w.close();
    }
}

}  // namespace

void formatDomain(xml::Writer& w, const DomainDef& def, const FormatCtx& fc, int32_t live_id) {
    const DomainExtras* x = def.extras.get();
    w.open("domain").attr("type", kVirtTypes.name(def.virt_type));
    if (live_id >= 0 && !fc.inactive) w.attr("id", live_id);
    w.textElement("name", def.name);
    w.textElement("uuid", def.uuid.toString());
    if (x && x->genid) w.textElement("genid", x->genid->toString());
    if (x && x->title) w.textElement("title", *x->title);
    if (x && x->description) w.textElement("description", *x->description);
    if (x && x->metadata) w.verbatim(formatMetadata(*x->metadata, w.depth()));
    formatMemoryAndTuning(w, def, x);
    formatOs(w, def.os);
    if (x) formatFeatures(w, x->features);
    if (x && x->cpu) formatCpu(w, *x->cpu);
    formatClock(w, def.clock);
    formatLifecycle(w, def, x);
    formatDevices(w, def.devs(), fc);
    if (x)
        for (const auto& s : x->seclabels) formatSecLabel(w, s, fc);
    w.close();
}

}  // namespace nodevirt::conf
