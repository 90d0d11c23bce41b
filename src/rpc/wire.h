// The frame header and constants the transport needs (census §1.2–1.6, §1.9). Kept in this one
// small file so that rpc/ can switch to src/xdr's definitions without touching anything else:
// the rest of rpc/ only sees the names declared here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace nodevirt::rpc {

enum class MessageType : int32_t {
    kCall = 0,
    kReply = 1,
    kMessage = 2,
    kStream = 3,
    kCallWithFds = 4,
    kReplyWithFds = 5,
    kStreamHole = 6,
};

enum class MessageStatus : int32_t {
    kOk = 0,
    kError = 1,
    kContinue = 2,
};

struct Header {
    uint32_t prog = 0;
    uint32_t vers = 1;
    int32_t proc = 0;
    MessageType type = MessageType::kCall;
    uint32_t serial = 0;
    MessageStatus status = MessageStatus::kOk;

    friend bool operator==(const Header&, const Header&) = default;
};

// Wire facts (census §1.6).
inline constexpr uint32_t kLengthWordSize = 4;
inline constexpr uint32_t kHeaderSize = 24;
inline constexpr uint32_t kFdCountSize = 4;
inline constexpr uint32_t kFrameMin = kLengthWordSize + kHeaderSize;
// The length word counts itself; header + payload may be at most 32 MiB.
inline constexpr uint32_t kFrameMax = 33554432 + kLengthWordSize;
inline constexpr uint32_t kStreamChunkMax = 262120;
inline constexpr uint32_t kFdsMax = 32;
inline constexpr uint32_t kProtocolVersion = 1;

// Keepalive program (census §1.9): MESSAGE, serial 0, status OK, empty payload.
inline constexpr uint32_t kKeepaliveProgram = 0x6b656570;
inline constexpr int32_t kKeepalivePing = 1;
inline constexpr int32_t kKeepalivePong = 2;

[[nodiscard]] constexpr bool carriesFds(MessageType type) {
    return type == MessageType::kCallWithFds || type == MessageType::kReplyWithFds;
}

[[nodiscard]] inline uint32_t loadBigEndian32(const char* p) {
    auto b = [p](int i) { return uint32_t{static_cast<unsigned char>(p[i])}; };
    return (b(0) << 24) | (b(1) << 16) | (b(2) << 8) | b(3);
}

inline void storeBigEndian32(char* p, uint32_t v) {
    p[0] = static_cast<char>(v >> 24);
    p[1] = static_cast<char>(v >> 16);
    p[2] = static_cast<char>(v >> 8);
    p[3] = static_cast<char>(v);
}

// Writes the 24 header bytes to `out`.
void encodeHeader(const Header& header, char* out);
// Reads the 24 header bytes at `in`. Unknown types/statuses are kept as received.
[[nodiscard]] Header decodeHeader(const char* in);

// Short names for logs ("CALL", "STREAM", ...); unknown values print as numbers elsewhere.
[[nodiscard]] std::string_view typeName(MessageType type);

}  // namespace nodevirt::rpc
