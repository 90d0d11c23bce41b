// Character devices: the host side (-chardev pty / file / unix or tcp socket / null) and the
// guest side (isa-serial for <serial>, virtconsole for a virtio <console>). A console whose
// target is serial is the first serial port itself, so it adds nothing.
#include <fmt/format.h>

#include "drivers/qemu/command/argv_parts.h"

namespace nodevirt::qemu::command {
namespace {

using conf::ChrDef;
using conf::ChrType;

Result<std::string> backendArg(const ChrDef& c, const std::string& id) {
    const conf::ChrSource& src = c.source;
    std::string out;
    switch (c.type) {
        case ChrType::kPty:
            out = fmt::format("pty,id={}", id);
            break;
        case ChrType::kNull:
            out = fmt::format("null,id={}", id);
            break;
        case ChrType::kFile:
            if (!src.path) return fail(unsupported(fmt::format("{}: a file needs a path", id)));
            out = fmt::format("file,id={},path={}", id, escapeKeyval(*src.path));
            if (src.append) out += *src.append ? ",append=on" : ",append=off";
            break;
        case ChrType::kUnix:
            if (!src.path)
                return fail(unsupported(fmt::format("{}: a unix socket needs a path", id)));
            out = fmt::format("socket,id={},path={}", id, escapeKeyval(*src.path));
            if (src.bind) out += ",server=on,wait=off";
            break;
        case ChrType::kTcp:
            if (!src.host || !src.service)
                return fail(
                    unsupported(fmt::format("{}: a tcp socket needs host and service", id)));
            if (src.protocol && *src.protocol != conf::ChrTcpProtocol::kRaw &&
                *src.protocol != conf::ChrTcpProtocol::kTelnet)
                return fail(unsupported(fmt::format("{}: tcp protocol '{}' is not supported", id,
                                                    conf::kChrTcpProtocols.name(*src.protocol))));
            out = fmt::format("socket,id={},host={},port={}", id, escapeKeyval(*src.host),
                              escapeKeyval(*src.service));
            if (src.protocol == conf::ChrTcpProtocol::kTelnet) out += ",telnet=on";
            if (src.bind) out += ",server=on,wait=off";
            break;
        default:
            return fail(unsupported(fmt::format("character device type '{}' is not supported",
                                                conf::kChrTypes.name(c.type))));
    }
    if (src.log_file) {
        out += ",logfile=" + escapeKeyval(*src.log_file);
        if (src.log_append) out += *src.log_append ? ",logappend=on" : ",logappend=off";
    }
    return out;
}

Status addSerial(BuildState& s, const ChrDef& c, size_t index) {
    std::string alias = c.info.alias.value_or(fmt::format("serial{}", index));
    std::string_view target = c.target.type ? std::string_view(*c.target.type) : "isa-serial";
    if (target != "isa-serial")
        return fail(unsupported(fmt::format("serial target type '{}' is not supported", target)));
    if (c.target.model && *c.target.model != "isa-serial")
        return fail(
            unsupported(fmt::format("serial model '{}' is not supported", *c.target.model)));
    std::string id = "char" + alias;
    NODEVIRT_ASSIGN_OR_RETURN(std::string backend, backendArg(c, id));
    s.add("-chardev", backend);
    OrderedJson dev;
    dev["driver"] = "isa-serial";
    dev["chardev"] = id;
    dev["id"] = alias;
    dev["index"] = c.target.port.value_or(static_cast<int32_t>(index));
    s.addJson("-device", dev);
    return ok();
}

Status addConsole(BuildState& s, const ChrDef& c, size_t index) {
    if (c.targetIs("serial")) {
        if (index == 0 && !s.def.devs().serials.empty()) return ok();
        return fail(unsupported("only the first console may have target type 'serial'"));
    }
    if (!c.targetIs("virtio"))
        return fail(unsupported(
            fmt::format("console target type '{}' is not supported", c.target.type.value_or(""))));
    std::string alias = c.info.alias.value_or(fmt::format("console{}", index));
    std::string id = "char" + alias;
    NODEVIRT_ASSIGN_OR_RETURN(std::string backend, backendArg(c, id));
    s.add("-chardev", backend);
    OrderedJson dev;
    dev["driver"] = "virtconsole";
    if (const auto* a = std::get_if<conf::VirtioSerialAddress>(&c.info.address);
        a && a->controller != 0)
        dev["bus"] = fmt::format("virtio-serial{}.0", a->controller);
    dev["chardev"] = id;
    dev["id"] = alias;
    s.addJson("-device", dev);
    return ok();
}

}  // namespace

Status addChardevArgs(BuildState& s) {
    const conf::DeviceList& d = s.def.devs();
    if (!d.parallels.empty()) return fail(unsupported("parallel ports are not supported"));
    if (!d.channels.empty()) return fail(unsupported("channels are not supported yet"));
    for (size_t i = 0; i < d.serials.size(); ++i) NODEVIRT_TRY(addSerial(s, d.serials[i], i));
    for (size_t i = 0; i < d.consoles.size(); ++i) NODEVIRT_TRY(addConsole(s, d.consoles[i], i));
    return ok();
}

}  // namespace nodevirt::qemu::command
