// The wire facts rpc/ works with: src/xdr's frame header and message enums and limits
// (census §1.2–1.6, §1.9), plus the raw 24-byte header codec the transport uses on its fixed
// buffers. The rest of rpc/ only sees the names declared here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "xdr/frame.h"
#include "xdr/limits.h"

namespace nodevirt::rpc {

using xdr::carriesFds;
using xdr::Header;
using xdr::MessageStatus;
using xdr::MessageType;

inline constexpr uint32_t kLengthWordSize = xdr::kLengthSize;
inline constexpr uint32_t kHeaderSize = xdr::kHeaderSize;
inline constexpr uint32_t kFdCountSize = 4;  // the u32 "number of fds" of *_WITH_FDS
inline constexpr uint32_t kFrameMin = xdr::kFrameMin;
inline constexpr uint32_t kFrameMax = xdr::kFrameMax;
inline constexpr uint32_t kStreamChunkMax = xdr::kStreamChunkMax;
inline constexpr uint32_t kFdsMax = xdr::kFdsMax;
inline constexpr uint32_t kProtocolVersion = xdr::kProtocolVersion;

// Keepalive program (census §1.9): MESSAGE, serial 0, status OK, empty payload.
inline constexpr uint32_t kKeepaliveProgram = static_cast<uint32_t>(xdr::Program::kKeepalive);
inline constexpr int32_t kKeepalivePing = 1;
inline constexpr int32_t kKeepalivePong = 2;

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

// Writes the 24 header bytes to `out` / reads them from `in` (fixed buffers, no allocation).
// Unknown types/statuses are kept as received.
void writeHeaderBytes(const Header& header, char* out);
[[nodiscard]] Header readHeaderBytes(const char* in);

// STREAM_HOLE payload {hyper length, u32 flags}, via src/xdr.
std::string encodeHolePayload(int64_t length, uint32_t flags);
bool decodeHolePayload(std::string_view payload, int64_t& length, uint32_t& flags);

// Short names for logs ("CALL", "STREAM", ...).
[[nodiscard]] std::string_view typeName(MessageType type);

}  // namespace nodevirt::rpc
