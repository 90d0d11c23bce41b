#include "conf/domain/os.h"

#include <fmt/format.h>

namespace nodevirt::conf {
namespace {

Status parseLoader(Elem& e, OsExtra& x) {
    LoaderDef l;
    NODEVIRT_ASSIGN_OR_RETURN(l.readonly, e.yesNoAttr("readonly"));
    NODEVIRT_ASSIGN_OR_RETURN(l.secure, e.yesNoAttr("secure"));
    NODEVIRT_ASSIGN_OR_RETURN(l.type, e.enumAttr("type", kLoaderTypes));
    std::string path = e.text();
    if (!path.empty()) l.path = std::move(path);
    NODEVIRT_TRY(e.done());
    x.loader = std::move(l);
    return ok();
}

Status parseNvram(Elem& e, OsExtra& x) {
    NvramDef n;
    n.template_path = e.attr("template");
    std::string path = e.text();
    if (!path.empty()) n.path = std::move(path);
    NODEVIRT_TRY(e.done());
    x.nvram = std::move(n);
    return ok();
}

Status parseInit(Elem& e, OsExtra& x) {
    NODEVIRT_ASSIGN_OR_RETURN(x.init, e.leafText("init"));
    NODEVIRT_ASSIGN_OR_RETURN(auto args, e.children("initarg"));
    for (Elem& a : args) {
        NODEVIRT_TRY(a.done());
        x.initargs.push_back(a.text());
    }
    NODEVIRT_ASSIGN_OR_RETURN(auto envs, e.children("initenv"));
    for (Elem& v : envs) {
        NODEVIRT_ASSIGN_OR_RETURN(std::string name, v.requiredAttr("name"));
        NODEVIRT_TRY(v.done());
        x.initenv.emplace_back(std::move(name), v.text());
    }
    NODEVIRT_ASSIGN_OR_RETURN(x.initdir, e.leafText("initdir"));
    NODEVIRT_ASSIGN_OR_RETURN(x.inituser, e.leafText("inituser"));
    NODEVIRT_ASSIGN_OR_RETURN(x.initgroup, e.leafText("initgroup"));
    return ok();
}

Status parseFirmwareFeatures(Elem& e, OsExtra& x) {
    Elem fw = e.child("firmware");
    if (!fw) return ok();
    NODEVIRT_ASSIGN_OR_RETURN(auto features, fw.children("feature"));
    for (Elem& f : features) {
        FirmwareFeature ff;
        NODEVIRT_ASSIGN_OR_RETURN(auto enabled, f.yesNoAttr("enabled"));
        NODEVIRT_ASSIGN_OR_RETURN(ff.name, f.requiredAttr("name"));
        if (!enabled) return fail(f.error("missing required attribute 'enabled'"));
        ff.enabled = *enabled;
        NODEVIRT_TRY(f.done());
        x.firmware_features.push_back(std::move(ff));
    }
    return fw.done();
}

Status parseAcpi(Elem& e, OsExtra& x) {
    Elem acpi = e.child("acpi");
    if (!acpi) return ok();
    NODEVIRT_ASSIGN_OR_RETURN(auto tables, acpi.children("table"));
    for (Elem& t : tables) {
        NODEVIRT_ASSIGN_OR_RETURN(std::string type, t.requiredAttr("type"));
        NODEVIRT_TRY(t.done());
        x.acpi_tables.push_back({std::move(type), t.text()});
    }
    return acpi.done();
}

Status parseBootOptions(Elem& e, OsDef& os, OsExtra& x) {
    NODEVIRT_ASSIGN_OR_RETURN(auto boots, e.children("boot"));
    for (Elem& b : boots) {
        NODEVIRT_ASSIGN_OR_RETURN(auto dev, b.enumAttr("dev", kBootDevs));
        if (!dev) return fail(b.error("missing boot device"));
        NODEVIRT_TRY(b.done());
        os.addBoot(*dev);
    }
    if (Elem menu = e.child("bootmenu")) {
        NODEVIRT_ASSIGN_OR_RETURN(x.bootmenu_enable, menu.yesNoAttr("enable"));
        NODEVIRT_ASSIGN_OR_RETURN(auto timeout, menu.uint32Attr("timeout"));
        // libvirt ignores a timeout unless the menu is enabled.
        if (x.bootmenu_enable && *x.bootmenu_enable) x.bootmenu_timeout = timeout;
        NODEVIRT_TRY(menu.done());
    }
    if (Elem bios = e.child("bios")) {
        NODEVIRT_ASSIGN_OR_RETURN(x.bios_useserial, bios.yesNoAttr("useserial"));
        NODEVIRT_ASSIGN_OR_RETURN(auto reboot, bios.intAttr("rebootTimeout"));
        if (reboot) {
            if (*reboot < -1 || *reboot > 65535)
                return fail(
                    bios.error("invalid value for rebootTimeout, must be in range [-1,65535]"));
            x.bios_reboot_timeout = static_cast<int32_t>(*reboot);
        }
        NODEVIRT_TRY(bios.done());
    }
    return ok();
}

}  // namespace

Status parseOs(Elem& e, OsDef& os) {
    Elem type = e.child("type");
    if (!type) return fail(e.error("an os <type> must be specified"));
    std::string type_text = type.text();
    auto t = kOsTypes.parse(type_text);
    if (!t)
        return fail(configUnsupported(fmt::format("unknown OS type '{}'", type_text),
                                      ErrorDomain::kDomain));
    os.type = *t;
    if (auto arch = type.attr("arch")) {
        auto a = kArches.parse(*arch);
        if (!a)
            return fail(configUnsupported(fmt::format("Unknown architecture {}", *arch),
                                          ErrorDomain::kDomain));
        os.arch = a;
    }
    os.machine = type.attr("machine").value_or("");
    NODEVIRT_TRY(type.done());

    OsExtra x;
    NODEVIRT_ASSIGN_OR_RETURN(x.firmware, e.enumAttr("firmware", kFirmwares));
    NODEVIRT_TRY(parseFirmwareFeatures(e, x));
    NODEVIRT_TRY(parseInit(e, x));
    if (Elem l = e.child("loader")) NODEVIRT_TRY(parseLoader(l, x));
    if (Elem n = e.child("nvram")) NODEVIRT_TRY(parseNvram(n, x));
    NODEVIRT_ASSIGN_OR_RETURN(x.kernel, e.leafText("kernel"));
    NODEVIRT_ASSIGN_OR_RETURN(x.initrd, e.leafText("initrd"));
    NODEVIRT_ASSIGN_OR_RETURN(x.cmdline, e.leafText("cmdline"));
    NODEVIRT_ASSIGN_OR_RETURN(x.dtb, e.leafText("dtb"));
    NODEVIRT_ASSIGN_OR_RETURN(x.root, e.leafText("root"));
    NODEVIRT_TRY(parseAcpi(e, x));
    // Boot devices, boot menu and BIOS options only mean something for full virtualization.
    if (os.type == OsType::kHvm) NODEVIRT_TRY(parseBootOptions(e, os, x));
    if (Elem smbios = e.child("smbios")) {
        auto mode = smbios.attr("mode");
        if (!mode) return fail(smbios.error("missing smbios mode"));
        x.smbios = kSmbiosModes.parse(*mode);
        if (!x.smbios)
            return fail(configUnsupported(fmt::format("unknown smbios mode '{}'", *mode),
                                          ErrorDomain::kDomain));
        NODEVIRT_TRY(smbios.done());
    }
    if (!(x == OsExtra{})) os.extra.mut() = std::move(x);
    if (os.type != OsType::kHvm) {
        // Leave the elements unread so validate mode reports them; normal mode drops them.
        for (std::string_view n : {"boot", "bootmenu", "bios"})
            if (e.ctx().strict && e.node().child(n))
                return fail(e.error(fmt::format("<{}> is only valid for hvm guests", n)));
        for (std::string_view n : {"boot", "bootmenu", "bios"}) e.markChild(n);
    }
    return e.done();
}

void formatOs(xml::Writer& w, const OsDef& os) {
    const OsExtra* x = os.extra.get();
    w.open("os");
    if (x && x->firmware) w.attr("firmware", kFirmwares.name(*x->firmware));
    w.open("type");
    if (os.arch) w.attr("arch", kArches.name(*os.arch));
    if (!os.machine.empty()) w.attr("machine", os.machine);
    w.text(kOsTypes.name(os.type)).close();
    if (x && !x->firmware_features.empty()) {
        w.open("firmware");
        for (const auto& f : x->firmware_features)
            w.open("feature")
                .attr("enabled", f.enabled ? "yes" : "no")
                .attr("name", f.name)
                .close();
        w.close();
    }
    auto leaf = [&](std::string_view name, const std::optional<std::string>& v) {
        if (v) w.textElement(name, *v);
    };
    if (x) {
        leaf("init", x->init);
        for (const auto& a : x->initargs) w.textElement("initarg", a);
        for (const auto& [name, value] : x->initenv)
            w.open("initenv").attr("name", name).text(value).close();
        leaf("initdir", x->initdir);
        leaf("inituser", x->inituser);
        leaf("initgroup", x->initgroup);
        if (x->loader) {
            const LoaderDef& l = *x->loader;
            w.open("loader");
            if (l.readonly) w.attr("readonly", *l.readonly ? "yes" : "no");
            if (l.secure) w.attr("secure", *l.secure ? "yes" : "no");
            if (l.type) w.attr("type", kLoaderTypes.name(*l.type));
            if (l.path) w.text(*l.path);
            w.close();
        }
        if (x->nvram) {
            w.open("nvram");
            if (x->nvram->template_path) w.attr("template", *x->nvram->template_path);
            if (x->nvram->path) w.text(*x->nvram->path);
            w.close();
        }
        leaf("kernel", x->kernel);
        leaf("initrd", x->initrd);
        leaf("cmdline", x->cmdline);
        leaf("dtb", x->dtb);
        leaf("root", x->root);
        if (!x->acpi_tables.empty()) {
            w.open("acpi");
            for (const auto& t : x->acpi_tables)
                w.open("table").attr("type", t.type).text(t.path).close();
            w.close();
        }
    }
    for (uint8_t i = 0; i < os.nboot; ++i)
        w.open("boot").attr("dev", kBootDevs.name(os.boot[i])).close();
    if (x) {
        if (x->bootmenu_enable) {
            w.open("bootmenu").attr("enable", *x->bootmenu_enable ? "yes" : "no");
            if (x->bootmenu_timeout) w.attr("timeout", *x->bootmenu_timeout);
            w.close();
        }
        if (x->bios_useserial || x->bios_reboot_timeout) {
            w.open("bios");
            if (x->bios_useserial) w.attr("useserial", *x->bios_useserial ? "yes" : "no");
            if (x->bios_reboot_timeout) w.attr("rebootTimeout", *x->bios_reboot_timeout);
            w.close();
        }
        if (x->smbios) w.open("smbios").attr("mode", kSmbiosModes.name(*x->smbios)).close();
    }
    w.close();
}

}  // namespace nodevirt::conf
