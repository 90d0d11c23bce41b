// <graphics>: remote display servers (VNC, SPICE, RDP) and local displays (SDL, EGL, D-Bus),
// with their listen addresses. Passwords are printed only when secure output is asked for.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "conf/domain/box.h"
#include "conf/domain/device_address.h"
#include "conf/domain/enum_table.h"

namespace nodevirt::conf {

enum class GraphicsType : uint8_t { kSdl, kVnc, kRdp, kDesktop, kSpice, kEglHeadless, kDbus };
inline constexpr auto kGraphicsTypes =
    makeEnumTable<GraphicsType>("sdl", "vnc", "rdp", "desktop", "spice", "egl-headless", "dbus");

enum class ListenType : uint8_t { kAddress, kNetwork, kSocket, kNone };
inline constexpr auto kListenTypes =
    makeEnumTable<ListenType>("address", "network", "socket", "none");

struct GraphicsListen {
    ListenType type = ListenType::kAddress;
    std::optional<std::string> address;
    std::optional<std::string> network;
    std::optional<std::string> socket;
    friend bool operator==(const GraphicsListen&, const GraphicsListen&) = default;
};

struct GraphicsGl {
    std::optional<bool> enable;  // yes/no
    std::optional<std::string> rendernode;
    friend bool operator==(const GraphicsGl&, const GraphicsGl&) = default;
};

// SPICE sub-elements, in print order.
struct SpiceOptions {
    std::vector<std::pair<std::string, std::string>> channels;  // name, mode
    std::optional<std::string> image_compression;
    std::optional<std::string> jpeg_compression;
    std::optional<std::string> zlib_compression;
    std::optional<std::string> playback_compression;
    std::optional<std::string> streaming_mode;
    std::optional<std::string> mouse_mode;
    std::optional<std::string> clipboard_copypaste;
    std::optional<std::string> filetransfer_enable;
    friend bool operator==(const SpiceOptions&, const SpiceOptions&) = default;
};

struct GraphicsDef {
    GraphicsType type = GraphicsType::kVnc;
    int32_t port = 0;
    int32_t tls_port = 0;
    bool autoport = false;
    std::optional<int32_t> websocket;
    std::optional<std::string> socket;  // vnc socket=
    std::optional<std::string> keymap;
    std::optional<std::string> share_policy;
    std::optional<std::string> passwd;
    std::optional<std::string> passwd_valid_to;
    std::optional<std::string> connected;
    std::optional<std::string> default_mode;  // spice
    std::optional<std::string> display;       // sdl
    std::optional<std::string> xauth;         // sdl
    std::optional<bool> fullscreen;           // sdl, yes/no
    std::optional<bool> multi_user;           // rdp
    std::optional<bool> replace_user;         // rdp
    std::vector<GraphicsListen> listens;
    std::optional<GraphicsGl> gl;
    Box<SpiceOptions> spice;
    friend bool operator==(const GraphicsDef&, const GraphicsDef&) = default;
};

Result<GraphicsDef> parseGraphics(Elem& e);
void formatGraphics(xml::Writer& w, const GraphicsDef& g, const FormatCtx& fc);

}  // namespace nodevirt::conf
