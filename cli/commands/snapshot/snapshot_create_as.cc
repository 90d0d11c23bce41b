// snapshot-create-as: create a snapshot from options (name, description, memory and disks).
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/snapshot/snapshot_commands.h"
#include "cli/commands/snapshot/snapshot_flags.h"
#include "cli/commands/snapshot/snapshot_util.h"
#include "cli/lookup.h"
#include "cli/xml_output.h"

namespace nodevirt::cli {
namespace {

// Comma-separated fields, ",," standing for a literal comma.
std::vector<std::string> fields(const std::string& s) {
    std::vector<std::string> out(1);
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == ',' && i + 1 < s.size() && s[i + 1] == ',') {
            out.back() += ',';
            ++i;
        } else if (s[i] == ',') {
            out.emplace_back();
        } else {
            out.back() += s[i];
        }
    }
    return out;
}

// "[file=]name[,snapshot=type]" → <memory .../>
std::optional<std::string> memspecXml(Context& ctx, const std::string& spec) {
    std::optional<std::string> file, snapshot;
    const auto parts = fields(spec);
    for (size_t i = 0; i < parts.size(); ++i) {
        const std::string& p = parts[i];
        if (p.rfind("file=", 0) == 0 && !file) {
            file = p.substr(5);
        } else if (p.rfind("snapshot=", 0) == 0 && !snapshot) {
            snapshot = p.substr(9);
        } else if (i == 0 && !p.empty()) {
            file = p;
        } else {
            ctx.error(fmt::format("unable to parse memspec: {}", spec));
            return std::nullopt;
        }
    }
    std::string xml = "  <memory";
    if (snapshot) xml += fmt::format(" snapshot='{}'", xmlAttr(*snapshot));
    if (file) xml += fmt::format(" file='{}'", xmlAttr(*file));
    return xml + "/>\n";
}

// "disk[,snapshot=type][,driver=type][,stype=type][,file=name]" → <disk .../>
std::optional<std::string> diskspecXml(Context& ctx, const std::string& spec) {
    const auto parts = fields(spec);
    std::optional<std::string> snapshot, driver, stype, file;
    for (size_t i = 1; i < parts.size(); ++i) {
        const std::string& p = parts[i];
        const size_t eq = p.find('=');
        const std::string key = p.substr(0, eq), value = eq == std::string::npos ? "" : p.substr(eq + 1);
        if (key == "snapshot" && !snapshot) {
            snapshot = value;
        } else if (key == "driver" && !driver) {
            driver = value;
        } else if (key == "stype" && !stype) {
            stype = value;
        } else if (key == "file" && !file) {
            file = value;
        } else {
            ctx.error(fmt::format("unable to parse diskspec: {}", spec));
            return std::nullopt;
        }
    }
    std::string xml = fmt::format("    <disk name='{}'", xmlAttr(parts[0]));
    if (snapshot) xml += fmt::format(" snapshot='{}'", xmlAttr(*snapshot));
    if (stype) xml += fmt::format(" type='{}'", xmlAttr(*stype));
    if (!driver && !file) return xml + "/>\n";
    xml += ">\n";
    if (driver) xml += fmt::format("      <driver type='{}'/>\n", xmlAttr(*driver));
    if (file) {
        xml += fmt::format("      <source {}='{}'/>\n", stype && *stype == "block" ? "dev" : "file",
                           xmlAttr(*file));
    }
    return xml + "    </disk>\n";
}

std::optional<std::string> snapshotXml(Context& ctx, const ParsedCommand& cmd) {
    std::string xml = "<domainsnapshot>\n";
    if (const std::string* name = cmd.raw("name")) xml += fmt::format("  <name>{}</name>\n", xmlText(*name));
    if (const std::string* desc = cmd.raw("description")) {
        xml += fmt::format("  <description>{}</description>\n", xmlText(*desc));
    }
    if (const std::string* mem = cmd.raw("memspec")) {
        auto m = memspecXml(ctx, *mem);
        if (!m) return std::nullopt;
        xml += *m;
    }
    const auto disks = cmd.all("diskspec");
    if (!disks.empty()) {
        xml += "  <disks>\n";
        for (const std::string& d : disks) {
            auto x = diskspecXml(ctx, d);
            if (!x) return std::nullopt;
            xml += *x;
        }
        xml += "  </disks>\n";
    }
    return xml + "</domainsnapshot>\n";
}

bool run(Context& ctx, const ParsedCommand& cmd) {
    const unsigned flags = snapshotCreateFlags(cmd);
    auto dom = lookupDomain(ctx, cmd);
    if (!dom) return false;
    auto xml = snapshotXml(ctx, cmd);
    if (!xml) return false;
    if (cmd.has("print-xml")) {
        ctx.print(*xml + "\n");
        return true;
    }
    return createSnapshot(ctx, *dom, *xml, flags, std::nullopt);
}

}  // namespace

CommandDef snapshotCreateAsCommand() {
    std::vector<OptionDef> opts = {domainOpt(), stringOpt("name", "name of the snapshot"),
                                   stringOpt("description", "description of the snapshot")};
    appendSnapshotCreateOptions(opts, true);
    opts.push_back(stringOpt("memspec", "memory: [file=]name[,snapshot=type]"));
    opts.push_back(argvOpt("diskspec", "a disk: disk[,snapshot=type][,driver=type][,stype=type][,file=name]"));
    return {"snapshot-create-as", CommandGroup::kSnapshot, "Create a snapshot from a set of args",
            "Creates a snapshot of the domain with the given name and description.",
            std::move(opts), run};
}

}  // namespace nodevirt::cli
