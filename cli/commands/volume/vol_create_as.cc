// vol-create-as: create a volume from options (name, capacity, format, backing volume).
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/volume/volume_commands.h"
#include "cli/commands/volume/volume_util.h"
#include "cli/lookup.h"
#include "cli/xml_output.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

// The <backingStore> element for --backing-vol (a volume name in the pool, key or path).
std::optional<std::string> backingXml(Context& ctx, const ParsedCommand& cmd, const StoragePool& pool) {
    const std::string* backing = cmd.raw("backing-vol");
    if (backing == nullptr) return std::string();
    std::optional<StorageVolume> vol;
    if (auto v = pool.lookupVolumeByName(*backing)) vol = *v;
    if (!vol) {
        if (auto v = ctx.conn().lookupStorageVolumeByKey(*backing)) vol = *v;
    }
    if (!vol) {
        if (auto v = ctx.conn().lookupStorageVolumeByPath(*backing)) vol = *v;
    }
    if (!vol) {
        ctx.error(fmt::format("failed to get vol '{}'", *backing));
        return std::nullopt;
    }
    auto path = vol->path();
    if (!path) {
        ctx.error(fmt::format("failed to get vol '{}'", *backing));
        return std::nullopt;
    }
    std::string xml = fmt::format("  <backingStore>\n    <path>{}</path>\n", xmlText(*path));
    if (const std::string* fmt = cmd.raw("backing-vol-format")) {
        xml += fmt::format("    <format type='{}'/>\n", xmlAttr(*fmt));
    }
    return xml + "  </backingStore>\n";
}

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto pool = lookupPool(ctx, cmd);
    if (!pool) return false;
    std::optional<std::string> name, capacity_text, allocation_text, format;
    if (!cmd.getString(ctx, "name", name) || !cmd.getString(ctx, "capacity", capacity_text)) return false;
    auto capacity = parseVolumeSize(*capacity_text);
    if (!capacity) {
        ctx.error(fmt::format("Malformed size {}", *capacity_text));
        return false;
    }
    if (!cmd.getString(ctx, "allocation", allocation_text) || !cmd.getString(ctx, "format", format)) return false;
    std::optional<uint64_t> allocation;
    if (allocation_text) {
        allocation = parseVolumeSize(*allocation_text);
        if (!allocation) {
            ctx.error(fmt::format("Malformed size {}", *allocation_text));
            return false;
        }
    }
    auto backing = backingXml(ctx, cmd, *pool);
    if (!backing) return false;
    std::string xml = fmt::format("<volume>\n  <name>{}</name>\n  <capacity>{}</capacity>\n",
                                  xmlText(*name), *capacity);
    if (allocation) xml += fmt::format("  <allocation>{}</allocation>\n", *allocation);
    if (format) xml += fmt::format("  <target>\n    <format type='{}'/>\n  </target>\n", xmlAttr(*format));
    xml += *backing + "</volume>\n";
    if (cmd.has("print-xml")) {
        ctx.print(xml);
        return true;
    }
    const unsigned flags = cmd.has("prealloc-metadata") ? lv::kStorageVolCreatePreallocMetadata : 0;
    auto vol = pool->createVolumeXml(xml, flags);
    if (!vol) return failWith(ctx, vol.error(), fmt::format("Failed to create vol {}", *name));
    ctx.printExtra(fmt::format("Vol {} created\n", *name));
    return true;
}

}  // namespace

CommandDef volCreateAsCommand() {
    return {"vol-create-as", CommandGroup::kVolume, "create a volume from a set of args",
            "Creates a volume NAME of the given capacity (bytes unless a unit is given) in the "
            "pool.",
            {dataOpt("pool", "pool name or UUID"), dataOpt("name", "name of the volume"),
             dataOpt("capacity", "size of the volume, e.g. 10G"),
             stringOpt("allocation", "initial allocation"), stringOpt("format", "file format (raw, qcow2, ...)"),
             stringOpt("backing-vol", "the backing volume of a snapshot volume"),
             stringOpt("backing-vol-format", "format of the backing volume"),
             boolOpt("prealloc-metadata", "preallocate metadata (qcow2)"),
             boolOpt("print-xml", "print the XML instead of creating the volume")},
            run};
}

}  // namespace nodevirt::cli
