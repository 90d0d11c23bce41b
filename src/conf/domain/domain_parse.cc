// Parsing of the top-level <domain> sections (devices are parsed by devices.cc).
#include "conf/domain/domain_parse.h"

#include <fmt/format.h>

#include <algorithm>

#include "util/strings.h"

namespace nodevirt::conf {
namespace {

constexpr uint32_t kMaxVcpus = 16384;

Status parseIdentity(Elem& root, DomainDef& def, DomainExtras& x) {
    auto type = root.attr("type");
    if (!type) return fail(internalError("missing domain type attribute"));
    auto vt = kVirtTypes.parse(*type);
    if (!vt)
        return fail(
            configUnsupported(fmt::format("invalid domain type {}", *type), ErrorDomain::kDomain));
    def.virt_type = *vt;
    NODEVIRT_ASSIGN_OR_RETURN(auto id, root.intAttr("id"));
    if (id && !root.ctx().inactive && *id >= 0 && *id <= INT32_MAX)
        def.id = static_cast<int32_t>(*id);
    NODEVIRT_ASSIGN_OR_RETURN(auto name, root.leafText("name"));
    if (!name || name->empty()) return fail(Error::make(ErrorCode::kNoName, ErrorDomain::kDomain));
    if (name->find('/') != std::string::npos)
        return fail(
            xmlError(fmt::format("name {} cannot contain '/'", *name), ErrorDomain::kDomain));
    def.name = std::move(*name);
    NODEVIRT_ASSIGN_OR_RETURN(auto uuid, root.leafText("uuid"));
    if (uuid) {
        auto u = Uuid::parse(*uuid);
        if (!u) return fail(internalError(fmt::format("malformed uuid element '{}'", *uuid)));
        def.uuid = *u;
    } else {
        def.uuid = Uuid::generate();
    }
    NODEVIRT_ASSIGN_OR_RETURN(auto genid, root.leafText("genid"));
    if (genid && str::trim(*genid).empty()) {
        x.genid_requested = true;
    } else if (genid) {
        x.genid = Uuid::parse(*genid);
        if (!x.genid)
            return fail(internalError(fmt::format("malformed genid element '{}'", *genid)));
    }
    NODEVIRT_ASSIGN_OR_RETURN(x.title, root.leafText("title"));
    if (x.title && x.title->find('\n') != std::string::npos)
        return fail(xmlError("Domain title can't contain newlines", ErrorDomain::kDomain));
    if (x.title && x.title->empty()) x.title.reset();
    NODEVIRT_ASSIGN_OR_RETURN(x.description, root.leafText("description"));
    if (x.description && x.description->empty()) x.description.reset();
    if (Elem m = root.child("metadata")) {
        MetadataDef md;
        NODEVIRT_TRY(parseMetadata(m, md));
        x.metadata = std::move(md);
    }
    return ok();
}

Status parseMemory(Elem& root, DomainDef& def, DomainExtras& x) {
    if (Elem mm = root.child("maxMemory")) {
        NODEVIRT_ASSIGN_OR_RETURN(auto slots, mm.uint32Attr("slots"));
        std::string unit = mm.attr("unit").value_or("");
        NODEVIRT_TRY(mm.done());
        std::string text = mm.text();
        if (!slots || str::trim(text).empty())
            return fail(xmlError("both maximum memory size and memory slot count must be specified",
                                 ErrorDomain::kDomain));
        NODEVIRT_ASSIGN_OR_RETURN(uint64_t kib, scaleToKiB(text, unit, mm, kMaxMemoryKiB));
        x.max_memory = MaxMemoryDef{kib, *slots};
    }
    NODEVIRT_ASSIGN_OR_RETURN(auto memory, parseScaledKiB(root, "memory"));
    def.memory_kib = memory.value_or(0);
    NODEVIRT_ASSIGN_OR_RETURN(auto current, parseScaledKiB(root, "currentMemory"));
    def.current_kib = current.value_or(0);
    if (Elem b = root.child("blkiotune")) NODEVIRT_TRY(parseBlkioTune(b, x.blkiotune));
    if (Elem m = root.child("memtune")) NODEVIRT_TRY(parseMemTune(m, x.memtune));
    return ok();
}

Status parseVcpu(Elem& root, DomainDef& def, DomainExtras& x) {
    Elem v = root.child("vcpu");
    if (!v) return ok();
    auto count = str::parseUint(v.text());
    if (!count)
        return fail(xmlError("maximum vcpus count must be an integer", ErrorDomain::kDomain));
    if (*count == 0 || *count > kMaxVcpus)
        return fail(v.error(
            fmt::format("invalid maximum vcpus count '{}' (1 to {} allowed)", *count, kMaxVcpus)));
    def.vcpu.max = *count;
    NODEVIRT_ASSIGN_OR_RETURN(def.vcpu.current, v.uint32Attr("current"));
    NODEVIRT_ASSIGN_OR_RETURN(auto placement, v.enumAttr("placement", kVcpuPlacements));
    def.vcpu.placement = placement.value_or(VcpuPlacement::kStatic);
    auto cpuset = v.attr("cpuset");
    if (cpuset && def.vcpu.placement == VcpuPlacement::kStatic) {
        x.vcpu_cpuset = CpuSet::parse(*cpuset);
        if (!x.vcpu_cpuset)
            return fail(invalidArg(fmt::format("Failed to parse bitmap '{}'", *cpuset)));
        if (x.vcpu_cpuset->empty())
            return fail(configUnsupported(fmt::format("Invalid value of 'cpuset': {}", *cpuset),
                                          ErrorDomain::kDomain));
    }
    return v.done();
}

Status parseThreadsAndTune(Elem& root, DomainDef& def, DomainExtras& x) {
    NODEVIRT_ASSIGN_OR_RETURN(auto iothreads, root.leafUint("iothreads"));
    if (iothreads && *iothreads > kMaxChildrenPerList)
        return fail(root.error(fmt::format("too many iothreads ({})", *iothreads)));
    x.iothreads.count = static_cast<uint32_t>(iothreads.value_or(0));
    if (Elem ids = root.child("iothreadids")) NODEVIRT_TRY(parseIothreadIds(ids, x.iothreads));
    if (!x.iothreads.ids.empty()) {
        // Like libvirt, complete the id list up to the thread count with the lowest free ids.
        for (uint32_t id = 1; x.iothreads.ids.size() < x.iothreads.count; ++id)
            if (std::find(x.iothreads.ids.begin(), x.iothreads.ids.end(), id) ==
                x.iothreads.ids.end())
                x.iothreads.ids.push_back(id);
        x.iothreads.count = static_cast<uint32_t>(x.iothreads.ids.size());
    }
    if (Elem c = root.child("cputune")) {
        NODEVIRT_TRY(parseCpuTune(c, x.cputune));
        // Pins for vCPUs the domain does not have are ignored.
        auto& pins = x.cputune.vcpupins;
        pins.erase(std::remove_if(pins.begin(), pins.end(),
                                  [&](const VcpuPin& p) { return p.vcpu >= def.vcpu.max; }),
                   pins.end());
    }
    if (Elem n = root.child("numatune")) NODEVIRT_TRY(parseNumaTune(n, x.numatune));
    // Automatic placement of vCPUs and of memory go together.
    if (def.vcpu.placement == VcpuPlacement::kAuto && !x.numatune.has_memory) {
        x.numatune.has_memory = true;
        x.numatune.placement_auto = true;
    } else if (x.numatune.has_memory && x.numatune.placement_auto) {
        def.vcpu.placement = VcpuPlacement::kAuto;
        x.vcpu_cpuset.reset();
    }
    if (Elem r = root.child("resource")) NODEVIRT_TRY(parseResource(r, x.resource));
    NODEVIRT_ASSIGN_OR_RETURN(x.bootloader, root.leafText("bootloader"));
    NODEVIRT_ASSIGN_OR_RETURN(x.bootloader_args, root.leafText("bootloader_args"));
    return ok();
}

Result<LifecycleAction> lifecycle(Elem& root, std::string_view name, LifecycleAction dflt) {
    NODEVIRT_ASSIGN_OR_RETURN(auto text, root.leafText(name));
    if (!text) return dflt;
    auto a = kLifecycleActions.parse(*text);
    if (!a)
        return fail(configUnsupported(fmt::format("unknown {} action: {}", name, *text),
                                      ErrorDomain::kDomain));
    return *a;
}

Status parseLifecycle(Elem& root, DomainDef& def, DomainExtras& x) {
    NODEVIRT_ASSIGN_OR_RETURN(def.on_poweroff,
                              lifecycle(root, "on_poweroff", LifecycleAction::kDestroy));
    NODEVIRT_ASSIGN_OR_RETURN(def.on_reboot,
                              lifecycle(root, "on_reboot", LifecycleAction::kRestart));
    NODEVIRT_ASSIGN_OR_RETURN(def.on_crash, lifecycle(root, "on_crash", LifecycleAction::kDestroy));
    NODEVIRT_ASSIGN_OR_RETURN(auto lockfailure, root.leafText("on_lockfailure"));
    if (lockfailure) {
        x.on_lockfailure = kLockFailureActions.parse(*lockfailure);
        if (!x.on_lockfailure)
            return fail(
                configUnsupported(fmt::format("unknown lock failure action: {}", *lockfailure),
                                  ErrorDomain::kDomain));
    }
    if (Elem pm = root.child("pm")) {
        for (auto [name, dest] : {std::pair<std::string_view, std::optional<bool>*>{
                                      "suspend-to-mem", &x.pm.suspend_to_mem},
                                  {"suspend-to-disk", &x.pm.suspend_to_disk}}) {
            if (Elem s = pm.child(name)) {
                NODEVIRT_ASSIGN_OR_RETURN(*dest, s.yesNoAttr("enabled"));
                NODEVIRT_TRY(s.done());
            }
        }
        NODEVIRT_TRY(pm.done());
    }
    return ok();
}

Status parseDeviceSection(Elem& root, DomainDef& def) {
    Elem devs = root.child("devices");
    if (!devs) return ok();
    DeviceList list;
    for (Elem& d : devs.allChildren()) {
        std::string_view n = d.name();
        if (n == "emulator") {
            devs.markChild(n);
            NODEVIRT_TRY(d.done());
            list.emulator = d.text();
            continue;
        }
        bool known = false;
        NODEVIRT_TRY(parseDeviceInto(d, list, known));
        if (known) devs.markChild(n);
    }
    NODEVIRT_TRY(devs.done());
    if (!list.empty()) def.devices.mut() = std::move(list);
    return ok();
}

Status parseSecLabels(Elem& root, DomainExtras& x) {
    NODEVIRT_ASSIGN_OR_RETURN(auto labels, root.children("seclabel", 8));
    for (Elem& l : labels) {
        NODEVIRT_ASSIGN_OR_RETURN(SecLabelDef s, parseSecLabel(l));
        for (const auto& existing : x.seclabels)
            if (existing.model == s.model)
                return fail(l.error(
                    fmt::format("seclabel for model {} is already defined", s.model.value_or(""))));
        x.seclabels.push_back(std::move(s));
    }
    return ok();
}

}  // namespace

Status parseDomainRoot(Elem& root, DomainDef& def) {
    DomainExtras x;
    NODEVIRT_TRY(parseIdentity(root, def, x));
    NODEVIRT_TRY(parseMemory(root, def, x));
    NODEVIRT_TRY(parseVcpu(root, def, x));
    NODEVIRT_TRY(parseThreadsAndTune(root, def, x));
    Elem os = root.child("os");
    if (!os || !os.node().child("type"))
        return fail(xmlError("an os <type> must be specified", ErrorDomain::kDomain));
    NODEVIRT_TRY(parseOs(os, def.os));
    if (Elem f = root.child("features")) NODEVIRT_TRY(parseFeatures(f, x.features));
    if (Elem c = root.child("cpu")) {
        CpuDef cpu;
        NODEVIRT_TRY(parseCpu(c, cpu));
        if (!(cpu == CpuDef{}) && !(cpu.mode == CpuMode::kCustom && !cpu.model && !cpu.topology &&
                                    cpu.features.empty() && cpu.cells.empty()))
            x.cpu = std::move(cpu);
    }
    if (def.memory_kib == 0 && x.cpu) {
        for (const auto& cell : x.cpu->cells) def.memory_kib += cell.memory_kib;
    }
    if (def.memory_kib == 0)
        return fail(
            xmlError("Memory size must be specified via <memory> or in the <numa> configuration",
                     ErrorDomain::kDomain));
    if (Elem c = root.child("clock")) NODEVIRT_TRY(parseClock(c, def.clock));
    NODEVIRT_TRY(parseLifecycle(root, def, x));
    NODEVIRT_TRY(parseDeviceSection(root, def));
    NODEVIRT_TRY(parseSecLabels(root, x));
    if (!(x == DomainExtras{})) def.extras.mut() = std::move(x);
    return root.done();
}

}  // namespace nodevirt::conf
