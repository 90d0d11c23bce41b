#include "xdr/frame.h"

#include <fmt/format.h>

namespace nodevirt::xdr {
namespace {

Error rpcError(std::string message) {
    return Error::raw(ErrorCode::kRpc, ErrorDomain::kRpc, std::move(message));
}

uint32_t readBigEndian(std::string_view four) {
    auto b = [&](size_t i) { return uint32_t{static_cast<unsigned char>(four[i])}; };
    return (b(0) << 24) | (b(1) << 16) | (b(2) << 8) | b(3);
}

}  // namespace

bool isKnownType(MessageType type) {
    auto v = static_cast<int32_t>(type);
    return v >= static_cast<int32_t>(MessageType::kCall) &&
           v <= static_cast<int32_t>(MessageType::kStreamHole);
}

bool isKnownStatus(MessageStatus status) {
    auto v = static_cast<int32_t>(status);
    return v >= static_cast<int32_t>(MessageStatus::kOk) &&
           v <= static_cast<int32_t>(MessageStatus::kContinue);
}

Result<uint32_t> decodeFrameLength(std::string_view first4) {
    if (first4.size() < kLengthSize) {
        return fail(rpcError(
            fmt::format("packet length needs {} bytes, got {}", kLengthSize, first4.size())));
    }
    uint32_t len = readBigEndian(first4);
    if (len < kFrameMin) {
        return fail(rpcError(
            fmt::format("packet of {} bytes is too small, want at least {}", len, kFrameMin)));
    }
    if (len > kFrameMax) {
        return fail(rpcError(
            fmt::format("packet of {} bytes is too large, want at most {}", len, kFrameMax)));
    }
    return len;
}

bool encodeHeader(Encoder& enc, const Header& header) {
    return enc.putU32(header.prog) && enc.putU32(header.vers) && enc.putI32(header.proc) &&
           enc.putI32(static_cast<int32_t>(header.type)) && enc.putU32(header.serial) &&
           enc.putI32(static_cast<int32_t>(header.status));
}

Result<Header> decodeHeader(Decoder& dec) {
    Header h;
    int32_t type = 0;
    int32_t status = 0;
    if (!(dec.getU32(h.prog, "prog") && dec.getU32(h.vers, "vers") && dec.getI32(h.proc, "proc") &&
          dec.getI32(type, "type") && dec.getU32(h.serial, "serial") &&
          dec.getI32(status, "status"))) {
        return fail(rpcError("Unable to decode message header: " + dec.error().message));
    }
    h.type = static_cast<MessageType>(type);
    h.status = static_cast<MessageStatus>(status);
    return h;
}

Result<uint32_t> decodeFdCount(Decoder& dec) {
    uint32_t count = 0;
    if (!dec.getU32(count, "nfds")) return fail(dec.error());
    if (count > kFdsMax) {
        return fail(
            rpcError(fmt::format("Too many FDs to receive: {}, maximum is {}", count, kFdsMax)));
    }
    return count;
}

size_t beginFrame(std::string& buffer, const Header& header) {
    size_t start = buffer.size();
    Encoder enc(buffer);
    enc.putU32(0);  // length, patched by finishFrame
    encodeHeader(enc, header);
    return start;
}

Status finishFrame(std::string& buffer, size_t start) {
    size_t len = buffer.size() - start;
    if (len > kFrameMax) {
        return fail(rpcError(fmt::format("message of {} bytes exceeds the maximum frame size of {}",
                                         len, kFrameMax)));
    }
    auto v = static_cast<uint32_t>(len);
    buffer[start] = static_cast<char>(v >> 24);
    buffer[start + 1] = static_cast<char>(v >> 16);
    buffer[start + 2] = static_cast<char>(v >> 8);
    buffer[start + 3] = static_cast<char>(v);
    return ok();
}

Result<std::string> encodeFrame(const Header& header, std::string_view payload) {
    if (payload.size() > kPayloadMax) {
        return fail(rpcError(fmt::format("payload of {} bytes exceeds the maximum of {}",
                                         payload.size(), kPayloadMax)));
    }
    std::string buffer;
    buffer.reserve(kFrameMin + payload.size());
    size_t start = beginFrame(buffer, header);
    buffer.append(payload);
    NODEVIRT_TRY(finishFrame(buffer, start));
    return buffer;
}

Result<Frame> decodeFrame(std::string_view bytes) {
    NODEVIRT_ASSIGN_OR_RETURN(uint32_t len, decodeFrameLength(bytes));
    if (len != bytes.size()) {
        return fail(rpcError(
            fmt::format("frame length word says {} bytes but {} were given", len, bytes.size())));
    }
    Decoder dec(bytes.substr(kLengthSize));
    NODEVIRT_ASSIGN_OR_RETURN(Header header, decodeHeader(dec));
    return Frame{header, dec.rest()};
}

bool encodeStreamHole(Encoder& enc, const StreamHole& hole) {
    return enc.putI64(hole.length) && enc.putU32(hole.flags);
}

Result<StreamHole> decodeStreamHole(std::string_view payload) {
    Decoder dec(payload);
    StreamHole hole;
    if (!(dec.getI64(hole.length, "length") && dec.getU32(hole.flags, "flags"))) {
        return fail(dec.error());
    }
    return hole;
}

}  // namespace nodevirt::xdr
