// Graphics (VNC), video adapters and input devices. Without <graphics> QEMU gets
// -display none. VNC with autoport lets QEMU search displays 0-99 itself (to=99), so the
// builder stays a pure function; the driver reads the chosen port back with query-vnc.
#include <fmt/format.h>

#include "drivers/qemu/command/argv_parts.h"

namespace nodevirt::qemu::command {
namespace {

constexpr int kVncBasePort = 5900;
constexpr int kVncAutoportDisplays = 99;

Result<std::string> vncArg(const BuildState& s, const conf::GraphicsDef& g) {
    std::string out;
    const conf::GraphicsListen* listen = g.listens.empty() ? nullptr : &g.listens[0];
    if (g.listens.size() > 1) return fail(unsupported("VNC supports only one listen address"));
    if (g.socket || (listen && listen->type == conf::ListenType::kSocket)) {
        std::string path = g.socket ? *g.socket : listen->socket.value_or("");
        if (path.empty()) path = s.ctx.domain_run_dir + "/vnc.sock";
        out = "vnc=unix:" + escapeKeyval(path);
    } else if (listen && listen->type == conf::ListenType::kNone) {
        out = "none";
    } else {
        if (listen && listen->type == conf::ListenType::kNetwork)
            return fail(unsupported("VNC listen type 'network' is not supported"));
        std::string addr = listen && listen->address ? *listen->address : "127.0.0.1";
        if (addr.find(':') != std::string::npos) addr = "[" + addr + "]";
        if (g.autoport || g.port <= 0) {
            out = fmt::format("{}:0,to={}", addr, kVncAutoportDisplays);
        } else {
            if (g.port < kVncBasePort)
                return fail(
                    unsupported(fmt::format("VNC port {} is below {}", g.port, kVncBasePort)));
            out = fmt::format("{}:{}", addr, g.port - kVncBasePort);
        }
    }
    if (g.websocket) {
        if (*g.websocket <= 0)
            return fail(
                unsupported("VNC websocket needs an explicit port (autoport is not "
                            "supported for websockets)"));
        out += fmt::format(",websocket={}", *g.websocket);
    }
    if (g.share_policy) out += ",share=" + escapeKeyval(*g.share_policy);
    if (g.passwd) out += ",password=on";
    return out;
}

Result<std::string> videoDriver(const conf::VideoDef& v, bool primary) {
    switch (v.model.value_or(conf::VideoModel::kVga)) {
        case conf::VideoModel::kVga:
            return std::string("VGA");
        case conf::VideoModel::kCirrus:
            return std::string("cirrus-vga");
        case conf::VideoModel::kQxl:
            return std::string(primary ? "qxl-vga" : "qxl");
        case conf::VideoModel::kVirtio:
            return std::string(primary ? "virtio-vga" : "virtio-gpu-pci");
        case conf::VideoModel::kBochs:
            return std::string("bochs-display");
        case conf::VideoModel::kVmvga:
            return std::string("vmware-svga");
        default:
            return fail(unsupported(fmt::format("video model '{}' is not supported",
                                                conf::kVideoModels.name(*v.model))));
    }
}

Status addVideos(BuildState& s) {
    const auto& videos = s.def.devs().videos;
    for (size_t i = 0; i < videos.size(); ++i) {
        const conf::VideoDef& v = videos[i];
        if (v.model == conf::VideoModel::kNone) {
            if (videos.size() > 1)
                return fail(unsupported("video model 'none' must be the only one"));
            continue;
        }
        NODEVIRT_ASSIGN_OR_RETURN(std::string driver, videoDriver(v, i == 0));
        if (i > 0 && (driver == "VGA" || driver == "cirrus-vga" || driver == "bochs-display" ||
                      driver == "vmware-svga"))
            return fail(unsupported(fmt::format("video model '{}' can only be the primary one",
                                                conf::kVideoModels.name(*v.model))));
        OrderedJson dev;
        dev["driver"] = driver;
        dev["id"] = v.info.alias.value_or(fmt::format("video{}", i));
        bool heads = v.model == conf::VideoModel::kQxl || v.model == conf::VideoModel::kVirtio;
        if (v.heads && heads) dev["max_outputs"] = *v.heads;
        if (v.model == conf::VideoModel::kQxl) {
            if (v.ram) dev["ram_size"] = uint64_t{*v.ram} * 1024;
            if (v.vram) dev["vram_size"] = uint64_t{*v.vram} * 1024;
            if (i == 0) dev["vram64_size_mb"] = v.vram64.value_or(0) / 1024;
            if (v.vgamem && i == 0) dev["vgamem_mb"] = *v.vgamem / 1024;
        } else if ((v.model == conf::VideoModel::kVga || v.model == conf::VideoModel::kBochs) &&
                   v.vram) {
            dev[v.model == conf::VideoModel::kVga ? "vgamem_mb" : "vgamem"] =
                v.model == conf::VideoModel::kVga ? uint64_t{*v.vram} / 1024
                                                  : uint64_t{*v.vram} * 1024;
        }
        addPciAddress(s, v.info, dev);
        s.addJson("-device", dev);
    }
    return ok();
}

Result<std::string> inputDriver(const conf::InputDef& in) {
    bool usb = in.bus == conf::InputBus::kUsb;
    switch (in.type) {
        case conf::InputType::kTablet:
            return std::string(usb ? "usb-tablet" : "virtio-tablet-pci");
        case conf::InputType::kMouse:
            return std::string(usb ? "usb-mouse" : "virtio-mouse-pci");
        case conf::InputType::kKeyboard:
            return std::string(usb ? "usb-kbd" : "virtio-keyboard-pci");
        default:
            return fail(unsupported(
                fmt::format("input type '{}' is not supported", conf::kInputTypes.name(in.type))));
    }
}

bool hasUsbBus(const conf::DomainDef& def) {
    for (const auto& c : def.devs().controllers)
        if (c.type == conf::ControllerType::kUsb && c.index == 0 && c.model.value_or("") != "none")
            return true;
    return false;
}

Status addInputs(BuildState& s) {
    const auto& inputs = s.def.devs().inputs;
    for (size_t i = 0; i < inputs.size(); ++i) {
        const conf::InputDef& in = inputs[i];
        conf::InputBus bus = in.bus.value_or(conf::InputBus::kPs2);
        if (bus == conf::InputBus::kPs2) {
            if (in.type == conf::InputType::kTablet)
                return fail(unsupported("a tablet cannot use the ps2 bus (use bus='usb')"));
            continue;  // the machine's own i8042
        }
        if (bus != conf::InputBus::kUsb && bus != conf::InputBus::kVirtio)
            return fail(unsupported(
                fmt::format("input bus '{}' is not supported", conf::kInputBuses.name(bus))));
        if (bus == conf::InputBus::kUsb && !hasUsbBus(s.def))
            return fail(unsupported("USB input devices need a USB controller (model is 'none')"));
        NODEVIRT_ASSIGN_OR_RETURN(std::string driver, inputDriver(in));
        OrderedJson dev;
        dev["driver"] = driver;
        dev["id"] = in.info.alias.value_or(fmt::format("input{}", i));
        if (const auto* a = std::get_if<conf::UsbAddress>(&in.info.address)) {
            dev["bus"] = fmt::format("usb.{}", a->bus);
            if (!a->port.empty()) dev["port"] = a->port;
        }
        addPciAddress(s, in.info, dev);
        s.addJson("-device", dev);
    }
    return ok();
}

}  // namespace

Status addDisplayArgs(BuildState& s) {
    NODEVIRT_TRY(addInputs(s));
    const auto& graphics = s.def.devs().graphics;
    if (graphics.size() > 1) return fail(unsupported("only one graphics device is supported"));
    for (const auto& g : graphics) {
        if (g.type != conf::GraphicsType::kVnc)
            return fail(unsupported(fmt::format("graphics type '{}' is not supported (only vnc)",
                                                conf::kGraphicsTypes.name(g.type))));
        NODEVIRT_ASSIGN_OR_RETURN(std::string vnc, vncArg(s, g));
        s.add("-vnc", vnc);
    }
    return addVideos(s);
}

}  // namespace nodevirt::qemu::command
