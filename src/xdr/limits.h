// Size limits of libvirt's RPC framing (wire facts, census §1.6). Every decoder check and every
// buffer decision in rpc/ refers to these, so a peer can never make us allocate beyond them.
#pragma once

#include <cstdint>

namespace nodevirt::xdr {

// Largest header + payload of one frame (the length word itself is not counted).
inline constexpr uint32_t kMessageMax = 33554432;
// The u32 length word that starts every frame.
inline constexpr uint32_t kLengthSize = 4;
// prog, vers, proc, type, serial, status.
inline constexpr uint32_t kHeaderSize = 24;
// Largest value the length word may hold (it counts itself).
inline constexpr uint32_t kFrameMax = kMessageMax + kLengthSize;
// Smallest legal frame: length word plus header, empty payload (0x1c on the wire).
inline constexpr uint32_t kFrameMin = kLengthSize + kHeaderSize;
inline constexpr uint32_t kPayloadMax = kMessageMax - kHeaderSize;
// Buffer size libvirt starts a message with; a sensible first read size.
inline constexpr uint32_t kInitialBufferSize = 65536;
// Size of each raw stream data chunk libvirt peers send.
inline constexpr uint32_t kStreamChunkMax = 262120;
// Longest string anywhere in the remote protocol (REMOTE_STRING_MAX).
inline constexpr uint32_t kStringMax = 4194304;
// File descriptors passed with one CALL_WITH_FDS / REPLY_WITH_FDS message.
inline constexpr uint32_t kFdsMax = 32;
// All program versions are 1.
inline constexpr uint32_t kProtocolVersion = 1;

}  // namespace nodevirt::xdr
