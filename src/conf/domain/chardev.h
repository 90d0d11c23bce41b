// Character devices: <serial>, <parallel>, <console> and <channel>. They share one source
// model (pty, file, unix socket, tcp, …) and differ only in their <target>.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "conf/domain/device_address.h"
#include "conf/domain/enum_table.h"

namespace nodevirt::conf {

enum class ChrKind : uint8_t { kParallel, kSerial, kConsole, kChannel };
inline constexpr auto kChrKinds =
    makeEnumTable<ChrKind>("parallel", "serial", "console", "channel");

enum class ChrType : uint8_t {
    kNull,
    kVc,
    kPty,
    kDev,
    kFile,
    kPipe,
    kStdio,
    kUdp,
    kTcp,
    kUnix,
    kSpicevmc,
    kSpiceport,
    kNmdm
};
inline constexpr auto kChrTypes =
    makeEnumTable<ChrType>("null", "vc", "pty", "dev", "file", "pipe", "stdio", "udp", "tcp",
                           "unix", "spicevmc", "spiceport", "nmdm");

enum class ChrTcpProtocol : uint8_t { kRaw, kTelnet, kTelnets, kTls };
inline constexpr auto kChrTcpProtocols =
    makeEnumTable<ChrTcpProtocol>("raw", "telnet", "telnets", "tls");

struct ChrSource {
    std::optional<std::string> path;  // pty, dev, file, pipe, unix
    std::optional<bool> append;       // file: on/off
    bool bind = false;                // unix/tcp mode='bind' (else connect)
    std::optional<std::string> host;  // tcp, udp connect side
    std::optional<std::string> service;
    std::optional<std::string> bind_host;  // udp bind side
    std::optional<std::string> bind_service;
    std::optional<bool> tls;  // tcp: yes/no
    std::optional<ChrTcpProtocol> protocol;
    std::optional<std::string> channel;  // spiceport
    std::optional<std::string> master;   // nmdm
    std::optional<std::string> slave;
    std::optional<bool> reconnect_enabled;
    std::optional<uint32_t> reconnect_timeout;
    std::optional<std::string> log_file;
    std::optional<bool> log_append;  // on/off
    friend bool operator==(const ChrSource&, const ChrSource&) = default;
};

struct ChrTarget {
    std::optional<std::string> type;     // validated per kind
    std::optional<int32_t> port;         // serial, parallel, console; assigned by post-parse
    std::optional<std::string> model;    // serial <model name=…/>
    std::optional<std::string> name;     // channel virtio/xen
    std::optional<std::string> state;    // channel virtio, live only
    std::optional<std::string> address;  // channel guestfwd
    std::optional<std::string> fwd_port;
    friend bool operator==(const ChrTarget&, const ChrTarget&) = default;
};

struct ChrDef {
    ChrKind kind = ChrKind::kSerial;
    ChrType type = ChrType::kPty;
    ChrSource source;
    ChrTarget target;
    DeviceInfo info;
    friend bool operator==(const ChrDef&, const ChrDef&) = default;

    [[nodiscard]] bool targetIs(std::string_view t) const {
        return target.type && *target.type == t;
    }
};

Result<ChrDef> parseChr(Elem& e, ChrKind kind);
// The <source>/<protocol>/<log> children of an element carrying a character device back end
// (also used by <rng> egd back ends and <redirdev>).
Status parseChrSource(Elem& e, ChrType type, ChrSource& src);
void formatChrSource(xml::Writer& w, ChrType type, const ChrSource& src, const FormatCtx& fc);
void formatChr(xml::Writer& w, const ChrDef& c, const FormatCtx& fc);

}  // namespace nodevirt::conf
