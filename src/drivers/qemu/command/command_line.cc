// The two entry points of the builder: prepareLiveDefinition (complete the definition the way
// `virsh dumpxml` of a running domain shows it) and buildCommandLine (the argv, built by one
// file per device class in libvirt's option order).
#include "drivers/qemu/command/command_line.h"

#include <fmt/format.h>

#include "drivers/qemu/command/argv_parts.h"

namespace nodevirt::qemu {
namespace {

constexpr std::string_view kQemuPath =
    "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

Status checkContext(const conf::DomainDef& def, const LaunchContext& ctx) {
    if (!ctx.caps) return fail(internalError("QEMU capabilities are missing for the command line"));
    if (ctx.binary.empty()) return fail(internalError("no QEMU binary given for the command line"));
    if (def.virt_type != conf::VirtType::kQemu && def.virt_type != conf::VirtType::kKvm)
        return fail(
            command::unsupported(fmt::format("domain type '{}' is not supported by the QEMU driver",
                                             conf::kVirtTypes.name(def.virt_type))));
    if (def.virt_type == conf::VirtType::kKvm && !ctx.kvm_usable)
        return fail(command::unsupported(fmt::format(
            "domain type 'kvm' requires KVM, which is not usable on this host: emulator "
            "'{}' does not support virt type 'kvm' (use type='qemu')",
            ctx.binary)));
    if (!def.isHvm())
        return fail(command::unsupported(fmt::format(
            "OS type '{}' is not supported by the QEMU driver", conf::kOsTypes.name(def.os.type))));
    if (def.os.arch && *def.os.arch != conf::Arch::kX86_64 && *def.os.arch != conf::Arch::kI686)
        return fail(
            command::unsupported(fmt::format("architecture '{}' is not supported by emulator '{}'",
                                             conf::kArches.name(*def.os.arch), ctx.binary)));
    return ok();
}

}  // namespace

Result<CommandLine> buildCommandLine(const conf::DomainDef& def, const LaunchContext& ctx) {
    NODEVIRT_TRY(checkContext(def, ctx));
    CommandLine out;
    out.argv.push_back(ctx.binary);
    command::BuildState s{def, ctx, command::isQ35Machine(def.os.machine), out.argv,
                          out.links_down};
    command::BootIndexes boot = command::computeBootIndexes(def);
    NODEVIRT_TRY(command::addMachineArgs(s));
    NODEVIRT_TRY(command::addControllerArgs(s));
    NODEVIRT_TRY(command::addDiskArgs(s, boot));
    NODEVIRT_TRY(command::addNetworkArgs(s, boot));
    NODEVIRT_TRY(command::addChardevArgs(s));
    NODEVIRT_TRY(command::addDisplayArgs(s));
    NODEVIRT_TRY(command::addMiscArgs(s));
    if (!ctx.incoming.empty()) s.add("-incoming", ctx.incoming);
    s.add("-msg", "timestamp=on");

    out.env = {{"LC_ALL", "C"}, {"PATH", std::string(kQemuPath)}};
    if (!ctx.domain_run_dir.empty()) out.env.emplace_back("HOME", ctx.domain_run_dir);
    return out;
}

Status prepareLiveDefinition(conf::DomainDef& def, const LaunchContext& ctx) {
    NODEVIRT_TRY(checkContext(def, ctx));
    std::string wanted = def.os.machine;
    if (wanted.empty()) {
        const QemuMachine* m = ctx.caps->defaultMachine();
        if (!m) return fail(command::unsupported("the QEMU binary has no default machine type"));
        wanted = m->name;
    }
    std::optional<std::string> canonical = ctx.caps->canonicalMachine(wanted);
    if (!canonical)
        return fail(command::unsupported(
            fmt::format("emulator '{}' does not support machine type '{}'", ctx.binary, wanted)));
    def.os.machine = *canonical;
    if (!def.os.arch) def.os.arch = conf::Arch::kX86_64;
    bool q35 = command::isQ35Machine(def.os.machine);
    if (!q35 && def.os.machine.rfind("pc-i440fx", 0) != 0 && def.os.machine != "pc")
        return fail(command::unsupported(
            fmt::format("machine type '{}' is not supported (only the pc and q35 families are)",
                        def.os.machine)));
    NODEVIRT_TRY(command::addDefaultDevices(def, ctx, q35));
    NODEVIRT_TRY(command::assignPciAddresses(def, q35));
    command::assignAliases(def);
    return ok();
}

}  // namespace nodevirt::qemu
