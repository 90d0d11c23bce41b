// vol-clone: copy a volume to a new one in the same pool.
#include <sstream>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "cli/command_util.h"
#include "cli/commands/volume/volume_commands.h"
#include "cli/lookup.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

// The original's XML with the new name, and without its key and target path (the pool
// chooses them).
std::optional<std::string> cloneXml(Context& ctx, const StorageVolume& vol, const std::string& newname) {
    auto xml = vol.xmlDesc();
    if (!xml) {
        ctx.setLastError(xml.error());
        return std::nullopt;
    }
    pugi::xml_document doc;
    if (!doc.load_string(xml->c_str())) {
        ctx.error("Failed to parse volume XML");
        return std::nullopt;
    }
    pugi::xml_node root = doc.child("volume");
    root.child("name").text().set(newname.c_str());
    root.remove_child("key");
    if (pugi::xml_node target = root.child("target")) target.remove_child("path");
    std::ostringstream os;
    doc.save(os, "  ", pugi::format_indent | pugi::format_no_declaration | pugi::format_attribute_single_quote);
    return os.str();
}

bool run(Context& ctx, const ParsedCommand& cmd) {
    std::string orig_name;
    auto vol = lookupVolume(ctx, cmd, &orig_name);
    if (!vol) return false;
    std::optional<std::string> newname;
    if (!cmd.getString(ctx, "newname", newname)) return false;
    auto pool = vol->pool();
    if (!pool) return failWith(ctx, pool.error(), "failed to get parent pool");
    auto xml = cloneXml(ctx, *vol, *newname);
    if (!xml) return false;
    if (cmd.has("print-xml")) {
        ctx.print(*xml);
        return true;
    }
    unsigned flags = 0;
    if (cmd.has("prealloc-metadata")) flags |= lv::kStorageVolCreatePreallocMetadata;
    if (cmd.has("reflink")) flags |= lv::kStorageVolCreateReflink;
    auto made = pool->createVolumeXmlFrom(*xml, *vol, flags);
    if (!made) return failWith(ctx, made.error(), fmt::format("Failed to clone vol from {}", orig_name));
    ctx.printExtra(fmt::format("Vol {} cloned from {}\n", *newname, vol->name()));
    return true;
}

}  // namespace

CommandDef volCloneCommand() {
    return {"vol-clone", CommandGroup::kVolume, "clone a volume.",
            "Creates NEWNAME in the same pool with a copy of the volume's data.",
            {dataOpt("vol", "volume name, key or path"), dataOpt("newname", "name of the copy"),
             stringOpt("pool", "pool name or UUID"),
             boolOpt("prealloc-metadata", "preallocate metadata (qcow2)"),
             boolOpt("reflink", "use a copy-on-write clone when possible"),
             boolOpt("print-xml", "print the XML of the copy instead of creating it")},
            run};
}

}  // namespace nodevirt::cli
