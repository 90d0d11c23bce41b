// The machine part of the command line: identity (-name, -uuid), machine type and accelerator,
// CPU model and topology, memory, the QMP monitor, clock, lifecycle switches, boot order and
// direct kernel boot. Order follows libvirt's, so an argv diff against libvirt reads easily.
#include <fmt/format.h>

#include "drivers/qemu/command/argv_parts.h"

namespace nodevirt::qemu::command {
namespace {

using conf::CpuMode;

constexpr std::string_view kDefaultCpuModel = "qemu64";
constexpr uint64_t kKibPerMib = 1024;

// "-cpu" value, or empty for QEMU's default model.
Result<std::string> cpuArg(const BuildState& s) {
    const auto& ext = s.def.ext();
    // Without <cpu>, name QEMU's default model explicitly as libvirt does, so the guest ABI
    // does not change if a later QEMU picks another default.
    if (!ext.cpu) return std::string(kDefaultCpuModel);
    const conf::CpuDef& cpu = *ext.cpu;
    std::string out;
    CpuMode mode = cpu.mode.value_or(CpuMode::kCustom);
    switch (mode) {
        case CpuMode::kHostPassthrough:
            if (!s.ctx.kvm_usable)
                return fail(unsupported(
                    "CPU mode 'host-passthrough' requires KVM, which is not usable on this host"));
            out = "host";
            break;
        case CpuMode::kHostModel:
            if (!s.ctx.kvm_usable)
                return fail(unsupported(
                    "CPU mode 'host-model' requires KVM, which is not usable on this host"));
            out = "host";
            break;
        case CpuMode::kMaximum:
            out = "max";
            break;
        case CpuMode::kCustom:
            if (!cpu.model) {
                if (!cpu.features.empty())
                    return fail(unsupported("CPU features need a CPU model"));
                return std::string(kDefaultCpuModel);
            }
            if (!s.ctx.caps->findCpuModel(*cpu.model))
                return fail(unsupported(fmt::format(
                    "CPU model '{}' is not supported by emulator '{}'", *cpu.model, s.ctx.binary)));
            out = *cpu.model;
            break;
    }
    for (const auto& f : cpu.features) {
        bool on = f.policy == conf::CpuFeaturePolicy::kForce ||
                  f.policy == conf::CpuFeaturePolicy::kRequire;
        // optional keeps what the model has, so it needs no switch.
        if (f.policy == conf::CpuFeaturePolicy::kOptional) continue;
        out += fmt::format(",{}={}", escapeKeyval(f.name), on ? "on" : "off");
    }
    return out;
}

Result<std::string> smpArg(const conf::DomainDef& def) {
    uint32_t max = def.vcpu.max;
    conf::CpuTopology topo{max, 1, 1, 1};
    bool given = def.ext().cpu && def.ext().cpu->topology;
    if (given) topo = *def.ext().cpu->topology;
    uint64_t product = uint64_t{topo.sockets} * topo.dies * topo.cores * topo.threads;
    if (product != max)
        return fail(unsupported(fmt::format(
            "CPU topology doesn't match maximum vcpu count: sockets={} dies={} cores={} "
            "threads={} give {} vCPUs, the maximum is {}",
            topo.sockets, topo.dies, topo.cores, topo.threads, product, max)));
    std::string out = std::to_string(def.vcpusCurrent());
    if (def.vcpusCurrent() != max) out += fmt::format(",maxcpus={}", max);
    out += fmt::format(",sockets={}", topo.sockets);
    if (given) out += fmt::format(",dies={}", topo.dies);
    out += fmt::format(",cores={},threads={}", topo.cores, topo.threads);
    return out;
}

Result<std::string> rtcArg(const conf::ClockDef& clock) {
    std::string out;
    switch (clock.offset) {
        case conf::ClockOffset::kUtc:
            out = "base=utc";
            break;
        case conf::ClockOffset::kLocaltime:
            out = "base=localtime";
            break;
        default:
            return fail(unsupported(fmt::format("clock offset '{}' is not supported",
                                                conf::kClockOffsets.name(clock.offset))));
    }
    if (!clock.extra) return out;
    for (const auto& t : clock.extra->timers) {
        if (t.name != conf::TimerName::kRtc) continue;
        if (t.track == conf::TimerTrack::kGuest) out += ",clock=vm";
        if (t.track == conf::TimerTrack::kWall || t.track == conf::TimerTrack::kRealtime)
            out += ",clock=host";
        if (t.tickpolicy == conf::TickPolicy::kCatchup)
            out += ",driftfix=slew";
        else if (t.tickpolicy && t.tickpolicy != conf::TickPolicy::kDelay)
            return fail(unsupported(fmt::format("rtc timer tickpolicy '{}' is not supported",
                                                conf::kTickPolicies.name(*t.tickpolicy))));
    }
    return out;
}

// Timers other than rtc that map to machine properties; the rest are refused by name.
Status timerMachineOptions(const conf::ClockDef& clock, std::string& machine) {
    if (!clock.extra) return ok();
    for (const auto& t : clock.extra->timers) {
        switch (t.name) {
            case conf::TimerName::kRtc:
                break;
            case conf::TimerName::kHpet:
                if (t.present) machine += *t.present ? ",hpet=on" : ",hpet=off";
                break;
            case conf::TimerName::kPit:
            case conf::TimerName::kKvmclock:
            case conf::TimerName::kTsc:
                // Without KVM QEMU emulates these itself; their policies only tune KVM.
                break;
            default:
                return fail(unsupported(
                    fmt::format("timer '{}' is not supported", conf::kTimerNames.name(t.name))));
        }
    }
    return ok();
}

std::string bootArg(const conf::DomainDef& def) {
    std::string out;
    if (def.os.extra) {
        const conf::OsExtra& x = *def.os.extra;
        if (x.bootmenu_enable) {
            out += *x.bootmenu_enable ? "menu=on," : "menu=off,";
            if (*x.bootmenu_enable && x.bootmenu_timeout)
                out += fmt::format("splash-time={},", *x.bootmenu_timeout);
        }
        if (x.bios_reboot_timeout) out += fmt::format("reboot-timeout={},", *x.bios_reboot_timeout);
    }
    return out + "strict=on";
}

Status addKernelArgs(BuildState& s) {
    if (!s.def.os.extra) return ok();
    const conf::OsExtra& x = *s.def.os.extra;
    if (x.loader || x.nvram || x.firmware)
        return fail(unsupported("firmware loader and NVRAM are not supported yet"));
    if (!x.kernel && (x.initrd || x.cmdline || x.dtb))
        return fail(unsupported("initrd, cmdline and dtb need a kernel for direct kernel boot"));
    if (x.kernel) s.add("-kernel", *x.kernel);
    if (x.initrd) s.add("-initrd", *x.initrd);
    if (x.cmdline) s.add("-append", *x.cmdline);
    if (x.dtb) s.add("-dtb", *x.dtb);
    return ok();
}

}  // namespace

Status addMachineArgs(BuildState& s) {
    const conf::DomainDef& def = s.def;
    s.add("-name", fmt::format("guest={},debug-threads=on", escapeKeyval(def.name)));
    if (s.ctx.start_paused) s.add("-S");
    std::string machine = escapeKeyval(def.os.machine) + ",usb=off,dump-guest-core=off";
    NODEVIRT_TRY(timerMachineOptions(def.clock, machine));
    s.add("-machine", machine);
    s.add("-accel", s.ctx.kvm_usable && def.virt_type == conf::VirtType::kKvm ? "kvm" : "tcg");
    NODEVIRT_ASSIGN_OR_RETURN(std::string cpu, cpuArg(s));
    if (!cpu.empty()) s.add("-cpu", cpu);
    if (def.memory_kib == 0) return fail(unsupported("the domain has no memory size"));
    if (def.memory_kib % kKibPerMib == 0)
        s.add("-m", std::to_string(def.memory_kib / kKibPerMib));
    else
        s.add("-m", fmt::format("size={}k", def.memory_kib));
    NODEVIRT_ASSIGN_OR_RETURN(std::string smp, smpArg(def));
    s.add("-smp", smp);
    s.add("-uuid", def.uuid.toString());
    if (!s.ctx.pid_file.empty()) s.add("-pidfile", s.ctx.pid_file);
    if (def.devs().graphics.empty()) s.add("-display", "none");
    s.add("-no-user-config");
    s.add("-nodefaults");
    s.add("-chardev",
          fmt::format("socket,id=charmonitor,fd={},server=on,wait=off", s.ctx.monitor_fd));
    s.add("-mon", "chardev=charmonitor,id=monitor,mode=control");
    NODEVIRT_ASSIGN_OR_RETURN(std::string rtc, rtcArg(def.clock));
    s.add("-rtc", rtc);
    for (auto action : {def.on_poweroff, def.on_reboot})
        if (action == conf::LifecycleAction::kPreserve)
            return fail(
                unsupported("the QEMU driver does not support the 'preserve' action for "
                            "on_reboot/on_poweroff"));
    if (def.on_reboot == conf::LifecycleAction::kDestroy &&
        def.on_poweroff == conf::LifecycleAction::kRestart)
        return fail(unsupported("the QEMU driver does not support on_reboot 'destroy' with "
                                "on_poweroff 'restart'"));
    // QEMU exits by itself when the guest powers off, unless the driver must act afterwards
    // (keep the process to restart or preserve it): see docs/qemu_driver.md.
    if (def.on_poweroff != conf::LifecycleAction::kDestroy) s.add("-no-shutdown");
    if (def.on_reboot == conf::LifecycleAction::kDestroy) s.add("-no-reboot");
    // Like libvirt: a guest gets ACPI only when <features><acpi/> asks for it, and without
    // ACPI there is no power button (virsh shutdown needs it).
    if (def.ext().features.get(conf::Feature::kAcpi) != conf::Toggle::kOn) s.add("-no-acpi");
    s.add("-boot", bootArg(def));
    return addKernelArgs(s);
}

}  // namespace nodevirt::qemu::command
