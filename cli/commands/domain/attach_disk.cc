// attach-disk: build a <disk> from options and attach it (or print it with --print-xml).
#include <cstdio>

#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/commands/domain/domain_util.h"
#include "cli/lookup.h"
#include "cli/xml_output.h"

namespace nodevirt::cli {
namespace {

std::string opt(const ParsedCommand& cmd, const char* name) {
    const std::string* v = cmd.raw(name);
    return v != nullptr ? *v : std::string();
}

// "pci:D.B.S.F" → a PCI <address>; other forms are passed through as given.
std::optional<std::string> addressXml(Context& ctx, const std::string& addr) {
    unsigned d = 0, b = 0, s = 0, f = 0;
    if (addr.rfind("pci:", 0) == 0 && std::sscanf(addr.c_str() + 4, "%x.%x.%x.%x", &d, &b, &s, &f) == 4) {
        return fmt::format("  <address type='pci' domain='{:#06x}' bus='{:#04x}' slot='{:#04x}' "
                           "function='{:#x}'/>\n",
                           d, b, s, f);
    }
    ctx.error(fmt::format("Invalid address: {}", addr));
    return std::nullopt;
}

std::optional<std::string> diskXml(Context& ctx, const ParsedCommand& cmd) {
    const std::string source = opt(cmd, "source"), target = opt(cmd, "target");
    std::string type = opt(cmd, "sourcetype");
    const std::string protocol = opt(cmd, "source-protocol");
    if (type.empty()) type = protocol.empty() ? "file" : "network";
    std::string xml = fmt::format("<disk type='{}'", xmlAttr(type));
    if (cmd.has("type")) xml += fmt::format(" device='{}'", xmlAttr(opt(cmd, "type")));
    if (cmd.has("rawio")) xml += " rawio='yes'";
    xml += ">\n";
    if (cmd.has("driver") || cmd.has("subdriver") || cmd.has("iothread") || cmd.has("cache") ||
        cmd.has("io")) {
        xml += "  <driver";
        if (cmd.has("driver")) xml += fmt::format(" name='{}'", xmlAttr(opt(cmd, "driver")));
        if (cmd.has("subdriver")) xml += fmt::format(" type='{}'", xmlAttr(opt(cmd, "subdriver")));
        if (cmd.has("iothread")) xml += fmt::format(" iothread='{}'", xmlAttr(opt(cmd, "iothread")));
        if (cmd.has("cache")) xml += fmt::format(" cache='{}'", xmlAttr(opt(cmd, "cache")));
        if (cmd.has("io")) xml += fmt::format(" io='{}'", xmlAttr(opt(cmd, "io")));
        xml += "/>\n";
    }
    if (type == "network") {
        xml += fmt::format("  <source protocol='{}' name='{}'", xmlAttr(protocol), xmlAttr(source));
        const std::string host = opt(cmd, "source-host-name");
        if (host.empty()) {
            xml += "/>\n";
        } else {
            const size_t colon = host.rfind(':');
            xml += ">\n    <host name='" + xmlAttr(host.substr(0, colon)) + "'";
            if (colon != std::string::npos) xml += " port='" + xmlAttr(host.substr(colon + 1)) + "'";
            xml += "/>\n  </source>\n";
        }
    } else if (!source.empty()) {
        xml += fmt::format("  <source {}='{}'/>\n", type == "block" ? "dev" : type == "dir" ? "dir" : "file",
                           xmlAttr(source));
    }
    xml += fmt::format("  <target dev='{}'", xmlAttr(target));
    if (cmd.has("targetbus")) xml += fmt::format(" bus='{}'", xmlAttr(opt(cmd, "targetbus")));
    xml += "/>\n";
    const std::string mode = opt(cmd, "mode");
    if (!mode.empty() && mode != "readonly" && mode != "shareable") {
        ctx.error(fmt::format("No support for {} in command 'attach-disk'", mode));
        return std::nullopt;
    }
    if (!mode.empty()) xml += fmt::format("  <{}/>\n", mode);
    if (cmd.has("serial")) xml += fmt::format("  <serial>{}</serial>\n", xmlText(opt(cmd, "serial")));
    if (cmd.has("alias")) xml += fmt::format("  <alias name='{}'/>\n", xmlAttr(opt(cmd, "alias")));
    if (cmd.has("wwn")) xml += fmt::format("  <wwn>{}</wwn>\n", xmlText(opt(cmd, "wwn")));
    if (cmd.has("address")) {
        auto addr = addressXml(ctx, opt(cmd, "address"));
        if (!addr) return std::nullopt;
        xml += *addr;
    }
    return xml + "</disk>\n";
}

bool run(Context& ctx, const ParsedCommand& cmd) {
    if (!deviceOptionsExclusive(ctx, cmd)) return false;
    auto dom = lookupDomain(ctx, cmd);
    if (!dom) return false;
    auto flags = deviceAffectFlags(ctx, cmd, *dom);
    if (!flags) return false;
    auto xml = diskXml(ctx, cmd);
    if (!xml) return false;
    if (cmd.has("print-xml")) {
        ctx.print(*xml);
        return true;
    }
    if (auto st = dom->attachDevice(*xml, *flags); !st) return failWith(ctx, st.error(), "Failed to attach disk");
    ctx.printExtra("Disk attached successfully\n");
    return true;
}

}  // namespace

CommandDef attachDiskCommand() {
    return {"attach-disk", CommandGroup::kDomain, "attach disk device",
            "Attaches a disk built from the options (source path or network name, target "
            "device).",
            {domainOpt(), dataOpt("source", "the file, device or network volume"),
             dataOpt("target", "the target device name (vdb, sdc, ...)"),
             stringOpt("targetbus", "the bus (virtio, scsi, sata, ...)"),
             stringOpt("driver", "driver name"), stringOpt("subdriver", "image format"),
             stringOpt("iothread", "IOThread id"), stringOpt("cache", "cache mode"),
             stringOpt("io", "I/O policy"), stringOpt("type", "device type (disk, cdrom, floppy, lun)"),
             stringOpt("mode", "readonly or shareable"), aliasOpt("shareable", "mode=shareable"),
             stringOpt("sourcetype", "source type (file, block, network)"),
             stringOpt("serial", "serial number"), stringOpt("wwn", "WWN"),
             stringOpt("alias", "user alias of the device"), boolOpt("rawio", "needs rawio"),
             stringOpt("address", "address of the device (pci:D.B.S.F)"),
             boolOpt("multifunction", "use multifunction PCI addressing"),
             boolOpt("print-xml", "print the XML instead of attaching"),
             stringOpt("source-protocol", "network protocol of the source"),
             stringOpt("source-host-name", "host[:port] of a network source"),
             stringOpt("source-host-transport", "host transport of a network source"),
             stringOpt("source-host-socket", "host socket of a network source"),
             boolOpt("persistent", "change the definition too"), configOpt(), liveOpt(),
             currentOpt()},
            run};
}

}  // namespace nodevirt::cli
