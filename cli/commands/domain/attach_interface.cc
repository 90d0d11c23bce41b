// attach-interface: build an <interface> from options and attach it (or print it).
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

// The <source> attribute that names the source for each interface type.
std::optional<std::string> sourceXml(Context& ctx, const ParsedCommand& cmd, const std::string& type) {
    const std::string source = opt(cmd, "source");
    if (type == "network") return fmt::format("  <source network='{}'/>\n", xmlAttr(source));
    if (type == "bridge") return fmt::format("  <source bridge='{}'/>\n", xmlAttr(source));
    if (type == "direct") {
        const std::string mode = opt(cmd, "source-mode");
        if (!mode.empty() && mode != "bridge" && mode != "private" && mode != "passthrough" &&
            mode != "vepa") {
            ctx.error(fmt::format("Invalid source mode: {}", mode));
            return std::nullopt;
        }
        return fmt::format("  <source dev='{}'{}/>\n", xmlAttr(source),
                           mode.empty() ? "" : fmt::format(" mode='{}'", mode));
    }
    if (type == "ethernet" || type == "user" || type == "vdpa") {
        return source.empty() ? std::string() : fmt::format("  <source dev='{}'/>\n", xmlAttr(source));
    }
    ctx.error(fmt::format("No support for {} in command 'attach-interface'", type));
    return std::nullopt;
}

std::optional<std::string> interfaceXml(Context& ctx, const ParsedCommand& cmd) {
    const std::string type = opt(cmd, "type");
    std::string xml = fmt::format("<interface type='{}'", xmlAttr(type));
    if (cmd.has("managed")) xml += " managed='yes'";
    xml += ">\n";
    auto source = sourceXml(ctx, cmd, type);
    if (!source) return std::nullopt;
    xml += *source;
    if (cmd.has("target")) xml += fmt::format("  <target dev='{}'/>\n", xmlAttr(opt(cmd, "target")));
    if (cmd.has("mac")) xml += fmt::format("  <mac address='{}'/>\n", xmlAttr(opt(cmd, "mac")));
    if (cmd.has("script")) xml += fmt::format("  <script path='{}'/>\n", xmlAttr(opt(cmd, "script")));
    if (cmd.has("model")) xml += fmt::format("  <model type='{}'/>\n", xmlAttr(opt(cmd, "model")));
    if (cmd.has("alias")) xml += fmt::format("  <alias name='{}'/>\n", xmlAttr(opt(cmd, "alias")));
    if (cmd.has("inbound") || cmd.has("outbound")) {
        xml += "  <bandwidth>\n";
        for (const char* dir : {"inbound", "outbound"}) {
            if (cmd.has(dir)) {
                xml += fmt::format("    <{} average='{}'/>\n", dir, xmlAttr(opt(cmd, dir)));
            }
        }
        xml += "  </bandwidth>\n";
    }
    return xml + "</interface>\n";
}

bool run(Context& ctx, const ParsedCommand& cmd) {
    if (!deviceOptionsExclusive(ctx, cmd)) return false;
    auto dom = lookupDomain(ctx, cmd);
    if (!dom) return false;
    auto flags = deviceAffectFlags(ctx, cmd, *dom);
    if (!flags) return false;
    auto xml = interfaceXml(ctx, cmd);
    if (!xml) return false;
    if (cmd.has("print-xml")) {
        ctx.print(*xml);
        return true;
    }
    if (auto st = dom->attachDevice(*xml, *flags); !st) {
        return failWith(ctx, st.error(), "Failed to attach interface");
    }
    ctx.printExtra("Interface attached successfully\n");
    return true;
}

}  // namespace

CommandDef attachInterfaceCommand() {
    return {"attach-interface", CommandGroup::kDomain, "attach network interface",
            "Attaches a network interface built from the options.",
            {domainOpt(), dataOpt("type", "interface type (network, bridge, direct, ...)"),
             dataOpt("source", "the network, bridge or device to connect to"),
             stringOpt("target", "target device name"), stringOpt("mac", "MAC address"),
             stringOpt("script", "script to set the interface up"),
             stringOpt("model", "device model (virtio, e1000, ...)"),
             stringOpt("alias", "user alias of the device"),
             stringOpt("inbound", "inbound average rate (KiB/s)"),
             stringOpt("outbound", "outbound average rate (KiB/s)"),
             boolOpt("persistent", "change the definition too"), configOpt(), liveOpt(),
             currentOpt(), boolOpt("print-xml", "print the XML instead of attaching"),
             boolOpt("managed", "let libvirt detach the host device"),
             stringOpt("source-mode", "mode of a direct interface (bridge, vepa, ...)")},
            run};
}

}  // namespace nodevirt::cli
