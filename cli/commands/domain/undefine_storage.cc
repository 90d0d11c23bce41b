#include "cli/commands/domain/undefine_storage.h"

#include <algorithm>

#include <fmt/format.h>
#include <pugixml.hpp>

namespace nodevirt::cli {
namespace {

// The volume behind one <disk>, or nullopt when libvirt does not manage its source.
std::optional<StorageVolume> volumeOf(Context& ctx, const pugi::xml_node& disk,
                                      const std::string& source) {
    const pugi::xml_node src = disk.child("source");
    if (std::string_view(disk.attribute("type").value()) == "volume") {
        auto pool = ctx.conn().lookupStoragePoolByName(src.attribute("pool").value());
        if (!pool) return std::nullopt;
        auto vol = pool->lookupVolumeByName(src.attribute("volume").value());
        return vol ? std::optional<StorageVolume>(*vol) : std::nullopt;
    }
    auto vol = ctx.conn().lookupStorageVolumeByPath(source);
    return vol ? std::optional<StorageVolume>(*vol) : std::nullopt;
}

std::string sourceOf(const pugi::xml_node& disk) {
    const pugi::xml_node src = disk.child("source");
    if (std::string_view(disk.attribute("type").value()) == "volume") {
        return fmt::format("{}/{}", src.attribute("pool").value(), src.attribute("volume").value());
    }
    for (const char* attr : {"file", "dev", "dir", "name"}) {
        if (auto a = src.attribute(attr)) return a.value();
    }
    return {};
}

}  // namespace

std::optional<std::vector<DiskVolume>> collectDiskVolumes(Context& ctx, const Domain& dom,
                                                          const std::vector<std::string>& wanted) {
    auto xml = dom.xmlDesc(0);
    if (!xml) {
        ctx.setLastError(xml.error());
        return std::nullopt;
    }
    pugi::xml_document doc;
    if (!doc.load_string(xml->c_str())) {
        ctx.error("Failed to parse domain XML");
        return std::nullopt;
    }
    std::vector<bool> matched(wanted.size(), false);
    std::vector<DiskVolume> vols;
    for (const auto& x : doc.select_nodes("/domain/devices/disk")) {
        const pugi::xml_node disk = x.node();
        const std::string target = disk.child("target").attribute("dev").value();
        const std::string source = sourceOf(disk);
        if (target.empty() || source.empty()) continue;
        if (!wanted.empty()) {
            auto it = std::find_if(wanted.begin(), wanted.end(), [&](const std::string& w) {
                return w == target || w == source;
            });
            if (it == wanted.end()) continue;
            matched[static_cast<size_t>(it - wanted.begin())] = true;
        }
        auto vol = volumeOf(ctx, disk, source);
        if (!vol) {
            ctx.error(fmt::format(
                "Storage volume '{}'({}) is not managed by libvirt. Remove it manually.\n", target,
                source));
            continue;
        }
        vols.push_back({target, source, *vol});
    }
    for (size_t i = 0; i < wanted.size(); ++i) {
        if (!matched[i]) {
            ctx.error(fmt::format("Volume '{}' was not found in domain's definition.\n", wanted[i]));
            return std::nullopt;
        }
    }
    return vols;
}

bool removeDiskVolumes(Context& ctx, const std::vector<DiskVolume>& vols, bool wipe,
                       unsigned delete_flags) {
    bool ok = true;
    for (const DiskVolume& v : vols) {
        if (wipe) {
            ctx.print(fmt::format("Wiping volume '{}'({}) ... ", v.target, v.source));
            ctx.out().flush();
            if (auto st = v.vol.wipe(); !st) {
                ctx.setLastError(st.error());
                ctx.error("Failed! Volume not removed.");
                ok = false;
                continue;
            }
            ctx.print("Done.\n");
        }
        if (auto st = v.vol.remove(delete_flags); !st) {
            ctx.setLastError(st.error());
            ctx.error(fmt::format("Failed to remove storage volume '{}'({})", v.target, v.source));
            ok = false;
        } else {
            ctx.printExtra(fmt::format("Volume '{}'({}) removed.\n", v.target, v.source));
        }
    }
    return ok;
}

}  // namespace nodevirt::cli
