// <input>: mice, tablets, keyboards and host input passthrough.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "conf/domain/device_address.h"
#include "conf/domain/enum_table.h"

namespace nodevirt::conf {

enum class InputType : uint8_t { kMouse, kTablet, kKeyboard, kPassthrough, kEvdev };
inline constexpr auto kInputTypes =
    makeEnumTable<InputType>("mouse", "tablet", "keyboard", "passthrough", "evdev");
enum class InputBus : uint8_t { kPs2, kUsb, kXen, kParallels, kVirtio, kNone };
inline constexpr auto kInputBuses =
    makeEnumTable<InputBus>("ps2", "usb", "xen", "parallels", "virtio", "none");

struct InputDef {
    InputType type = InputType::kMouse;
    std::optional<InputBus> bus;  // filled by post-parse when absent
    std::optional<std::string> model;
    std::optional<std::string> source_evdev;  // passthrough
    std::optional<std::string> source_dev;    // evdev
    std::optional<std::string> grab;
    std::optional<std::string> grab_toggle;
    std::optional<bool> repeat;  // on/off
    DeviceInfo info;
    friend bool operator==(const InputDef&, const InputDef&) = default;
};

Result<InputDef> parseInput(Elem& e);
void formatInput(xml::Writer& w, const InputDef& d, const FormatCtx& fc);

}  // namespace nodevirt::conf
