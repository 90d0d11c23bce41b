#include "cli/commands/pool/pool_xml.h"

#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/xml_output.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

std::string opt(const ParsedCommand& cmd, const char* name) {
    const std::string* v = cmd.raw(name);
    return v != nullptr ? *v : std::string();
}

std::string sourceXml(const ParsedCommand& cmd) {
    std::string s;
    if (cmd.has("source-host")) {
        const std::string host = opt(cmd, "source-host");
        const size_t colon = host.rfind(':');
        if (colon == std::string::npos) {
            s += fmt::format("    <host name='{}'/>\n", xmlAttr(host));
        } else {
            s += fmt::format("    <host name='{}' port='{}'/>\n", xmlAttr(host.substr(0, colon)),
                             xmlAttr(host.substr(colon + 1)));
        }
    }
    if (cmd.has("source-path")) s += fmt::format("    <dir path='{}'/>\n", xmlAttr(opt(cmd, "source-path")));
    if (cmd.has("source-dev")) s += fmt::format("    <device path='{}'/>\n", xmlAttr(opt(cmd, "source-dev")));
    if (cmd.has("adapter-wwnn") && cmd.has("adapter-wwpn")) {
        s += fmt::format("    <adapter type='fc_host'");
        if (cmd.has("adapter-parent")) s += fmt::format(" parent='{}'", xmlAttr(opt(cmd, "adapter-parent")));
        s += fmt::format(" wwnn='{}' wwpn='{}'/>\n", xmlAttr(opt(cmd, "adapter-wwnn")),
                         xmlAttr(opt(cmd, "adapter-wwpn")));
    } else if (cmd.has("adapter-name")) {
        s += fmt::format("    <adapter type='scsi_host' name='{}'/>\n", xmlAttr(opt(cmd, "adapter-name")));
    }
    if (cmd.has("auth-type") && cmd.has("auth-username") &&
        (cmd.has("secret-usage") || cmd.has("secret-uuid"))) {
        s += fmt::format("    <auth type='{}' username='{}'>\n", xmlAttr(opt(cmd, "auth-type")),
                         xmlAttr(opt(cmd, "auth-username")));
        s += cmd.has("secret-usage")
                 ? fmt::format("      <secret usage='{}'/>\n", xmlAttr(opt(cmd, "secret-usage")))
                 : fmt::format("      <secret uuid='{}'/>\n", xmlAttr(opt(cmd, "secret-uuid")));
        s += "    </auth>\n";
    }
    if (cmd.has("source-format")) s += fmt::format("    <format type='{}'/>\n", xmlAttr(opt(cmd, "source-format")));
    if (cmd.has("source-name")) s += fmt::format("    <name>{}</name>\n", xmlText(opt(cmd, "source-name")));
    if (cmd.has("source-initiator")) {
        s += fmt::format("    <initiator>\n      <iqn name='{}'/>\n    </initiator>\n",
                         xmlAttr(opt(cmd, "source-initiator")));
    }
    if (cmd.has("source-protocol-ver")) {
        s += fmt::format("    <protocol ver='{}'/>\n", xmlAttr(opt(cmd, "source-protocol-ver")));
    }
    return s;
}

}  // namespace

std::string poolXmlFromOptions(const ParsedCommand& cmd) {
    std::string xml = fmt::format("<pool type='{}'>\n  <name>{}</name>\n", xmlAttr(opt(cmd, "type")),
                                  xmlText(opt(cmd, "name")));
    const std::string source = sourceXml(cmd);
    if (!source.empty()) xml += "  <source>\n" + source + "  </source>\n";
    if (cmd.has("target")) {
        xml += fmt::format("  <target>\n    <path>{}</path>\n  </target>\n", xmlText(opt(cmd, "target")));
    }
    return xml + "</pool>\n";
}

std::vector<OptionDef> poolAsOptions(bool with_build) {
    std::vector<OptionDef> opts = {
        dataOpt("name", "name of the pool"),
        dataOpt("type", "type of the pool (dir, fs, netfs, logical, ...)"),
        boolOpt("print-xml", "print the XML instead of defining the pool"),
        stringOpt("source-host", "host of the underlying storage"),
        stringOpt("source-path", "path of the underlying storage"),
        stringOpt("source-dev", "device of the underlying storage"),
        stringOpt("source-name", "name of the underlying storage"),
        stringOpt("target", "target path"),
        stringOpt("source-format", "format of the underlying storage"),
        stringOpt("auth-type", "authentication type"),
        stringOpt("auth-username", "authentication user name"),
        stringOpt("secret-usage", "usage of the authentication secret"),
        stringOpt("secret-uuid", "UUID of the authentication secret"),
        stringOpt("adapter-name", "SCSI adapter name"),
        stringOpt("adapter-wwnn", "adapter WWNN"),
        stringOpt("adapter-wwpn", "adapter WWPN"),
        stringOpt("adapter-parent", "parent scsi_hostN of a vHBA"),
        stringOpt("adapter-parent-wwnn", "WWNN of the parent of a vHBA"),
        stringOpt("adapter-parent-wwpn", "WWPN of the parent of a vHBA"),
        stringOpt("adapter-parent-fabric-wwn", "fabric WWN of the parent of a vHBA"),
        stringOpt("source-protocol-ver", "NFS protocol version"),
        stringOpt("source-initiator", "initiator IQN"),
    };
    if (with_build) {
        opts.push_back(boolOpt("build", "build the pool first"));
        opts.push_back(boolOpt("no-overwrite", "do not overwrite existing data"));
        opts.push_back(boolOpt("overwrite", "overwrite existing data"));
    }
    return opts;
}

bool runPoolAs(Context& ctx, const ParsedCommand& cmd, bool create) {
    if (create && !checkExclusive(ctx, cmd, "overwrite", "no-overwrite")) return false;
    std::optional<std::string> name;
    if (!cmd.getString(ctx, "name", name)) return false;
    const std::string xml = poolXmlFromOptions(cmd);
    if (cmd.has("print-xml")) {
        ctx.print(xml);
        return true;
    }
    if (create) {
        unsigned flags = 0;
        if (cmd.has("build")) flags |= lv::kStoragePoolCreateWithBuild;
        if (cmd.has("overwrite")) flags |= lv::kStoragePoolCreateWithBuildOverwrite;
        if (cmd.has("no-overwrite")) flags |= lv::kStoragePoolCreateWithBuildNoOverwrite;
        auto pool = ctx.conn().createStoragePoolXml(xml, flags);
        if (!pool) return failWith(ctx, pool.error(), fmt::format("Failed to create pool {}", *name));
        ctx.printExtra(fmt::format("Pool {} created\n", *name));
        return true;
    }
    auto pool = ctx.conn().defineStoragePoolXml(xml, 0);
    if (!pool) return failWith(ctx, pool.error(), fmt::format("Failed to define pool {}", *name));
    ctx.printExtra(fmt::format("Pool {} defined\n", *name));
    return true;
}

}  // namespace nodevirt::cli
