// libvirt RPC framing: the u32 length word, the 24-byte header {prog, vers, proc, type,
// serial, status}, program numbers and message type/status values (census §1.2–1.6).
// Pure byte work; sockets and buffering live in rpc/.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "util/result.h"
#include "xdr/decoder.h"
#include "xdr/encoder.h"
#include "xdr/limits.h"

namespace nodevirt::xdr {

// Program numbers share one connection and one serial counter (except ADMIN's own socket).
enum class Program : uint32_t {
    kRemote = 0x20008086,
    kQemu = 0x20008087,
    kLxc = 0x00068000,
    kKeepalive = 0x6b656570,
    kAdmin = 0x06900690,
};

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

// Header fields are kept as received: unknown types or statuses are the caller's protocol
// decision (libvirt's own decoder does not range-check them either).
struct Header {
    uint32_t prog = 0;
    uint32_t vers = kProtocolVersion;
    int32_t proc = 0;
    MessageType type = MessageType::kCall;
    uint32_t serial = 0;
    MessageStatus status = MessageStatus::kOk;

    friend bool operator==(const Header&, const Header&) = default;
};

[[nodiscard]] bool isKnownType(MessageType type);
[[nodiscard]] bool isKnownStatus(MessageStatus status);
// Whether a header of this type carries the extra "number of fds" word before the payload.
[[nodiscard]] constexpr bool carriesFds(MessageType type) {
    return type == MessageType::kCallWithFds || type == MessageType::kReplyWithFds;
}

// Reads the first 4 bytes of a frame and returns the whole frame's length (counting the
// length word). Rejects frames too small to hold a header and frames over kFrameMax, so the
// caller can size its buffer from the result.
Result<uint32_t> decodeFrameLength(std::string_view first4);

bool encodeHeader(Encoder& enc, const Header& header);
// Reads the 24-byte header (after the length word).
Result<Header> decodeHeader(Decoder& dec);
// Reads the "number of fds" word of a *_WITH_FDS message; at most kFdsMax.
Result<uint32_t> decodeFdCount(Decoder& dec);

// Frame assembly in one buffer: beginFrame appends a length placeholder and the header and
// returns the frame's start offset; the payload is then appended (e.g. with an Encoder on the
// same buffer); finishFrame patches the length word, refusing frames over kFrameMax.
size_t beginFrame(std::string& buffer, const Header& header);
Status finishFrame(std::string& buffer, size_t start);
// One-shot form of the above.
Result<std::string> encodeFrame(const Header& header, std::string_view payload);

// A complete frame split into header and payload; the payload views the input bytes.
struct Frame {
    Header header;
    std::string_view payload;
};
// Parses a complete frame (length word included) whose length word matches its size.
Result<Frame> decodeFrame(std::string_view bytes);

// STREAM_HOLE payload (sparse streams): the length of the hole and flags.
struct StreamHole {
    int64_t length = 0;
    uint32_t flags = 0;

    friend bool operator==(const StreamHole&, const StreamHole&) = default;
};
bool encodeStreamHole(Encoder& enc, const StreamHole& hole);
Result<StreamHole> decodeStreamHole(std::string_view payload);

}  // namespace nodevirt::xdr
