// <filesystem>: a host directory, image or RAM disk exported into the guest (9p, virtiofs,
// container bind mounts).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "conf/domain/device_address.h"
#include "conf/domain/enum_table.h"

namespace nodevirt::conf {

enum class FsType : uint8_t { kMount, kBlock, kFile, kTemplate, kRam, kBind, kVolume };
inline constexpr auto kFsTypes =
    makeEnumTable<FsType>("mount", "block", "file", "template", "ram", "bind", "volume");
enum class FsAccessMode : uint8_t { kPassthrough, kMapped, kSquash };
inline constexpr auto kFsAccessModes =
    makeEnumTable<FsAccessMode>("passthrough", "mapped", "squash");

struct FsDriver {
    std::optional<std::string> type;  // path, handle, loop, nbd, ploop, virtiofs
    std::optional<std::string> format;
    std::optional<std::string> wrpolicy;
    std::optional<uint32_t> queue;
    friend bool operator==(const FsDriver&, const FsDriver&) = default;
};

struct FsBinary {
    std::optional<std::string> path;
    std::optional<bool> xattr;  // on/off
    std::optional<std::string> cache_mode;
    friend bool operator==(const FsBinary&, const FsBinary&) = default;
};

struct FilesystemDef {
    FsType type = FsType::kMount;
    FsAccessMode accessmode = FsAccessMode::kPassthrough;
    std::optional<std::string> model;
    std::optional<FsDriver> driver;
    std::optional<FsBinary> binary;
    std::optional<std::string> source;  // dir, dev, file or template name by type
    std::optional<uint64_t> ram_usage;
    std::optional<std::string> ram_units;
    std::optional<std::string> pool;
    std::optional<std::string> volume;
    std::string target;
    bool readonly = false;
    std::optional<uint64_t> space_hard_limit;  // bytes
    std::optional<uint64_t> space_soft_limit;
    DeviceInfo info;
    friend bool operator==(const FilesystemDef&, const FilesystemDef&) = default;
};

Result<FilesystemDef> parseFilesystem(Elem& e);
void formatFilesystem(xml::Writer& w, const FilesystemDef& f, const FormatCtx& fc);

}  // namespace nodevirt::conf
