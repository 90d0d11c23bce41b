// <video>: the guest display adapter (model, video memory sizes, heads, acceleration).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "conf/domain/device_address.h"
#include "conf/domain/enum_table.h"

namespace nodevirt::conf {

enum class VideoModel : uint8_t {
    kVga,
    kCirrus,
    kVmvga,
    kXen,
    kVbox,
    kQxl,
    kParallels,
    kVirtio,
    kGop,
    kNone,
    kBochs,
    kRamfb
};
inline constexpr auto kVideoModels =
    makeEnumTable<VideoModel>("vga", "cirrus", "vmvga", "xen", "vbox", "qxl", "parallels", "virtio",
                              "gop", "none", "bochs", "ramfb");

struct VideoDef {
    std::optional<VideoModel> model;  // default filled by post-parse
    std::optional<uint32_t> ram;
    std::optional<uint32_t> vram;
    std::optional<uint32_t> vram64;
    std::optional<uint32_t> vgamem;
    std::optional<uint32_t> heads;
    bool primary = false;
    std::optional<bool> accel3d;  // yes/no
    std::optional<bool> accel2d;
    std::optional<uint32_t> res_x;
    std::optional<uint32_t> res_y;
    std::optional<std::string> driver_name;
    DeviceInfo info;
    friend bool operator==(const VideoDef&, const VideoDef&) = default;
};

Result<VideoDef> parseVideo(Elem& e);
void formatVideo(xml::Writer& w, const VideoDef& v, const FormatCtx& fc);

}  // namespace nodevirt::conf
