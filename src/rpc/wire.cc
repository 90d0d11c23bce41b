#include "rpc/wire.h"

#include "xdr/encoder.h"

namespace nodevirt::rpc {

void writeHeaderBytes(const Header& header, char* out) {
    storeBigEndian32(out, header.prog);
    storeBigEndian32(out + 4, header.vers);
    storeBigEndian32(out + 8, static_cast<uint32_t>(header.proc));
    storeBigEndian32(out + 12, static_cast<uint32_t>(header.type));
    storeBigEndian32(out + 16, header.serial);
    storeBigEndian32(out + 20, static_cast<uint32_t>(header.status));
}

Header readHeaderBytes(const char* in) {
    Header h;
    h.prog = loadBigEndian32(in);
    h.vers = loadBigEndian32(in + 4);
    h.proc = static_cast<int32_t>(loadBigEndian32(in + 8));
    h.type = static_cast<MessageType>(loadBigEndian32(in + 12));
    h.serial = loadBigEndian32(in + 16);
    h.status = static_cast<MessageStatus>(loadBigEndian32(in + 20));
    return h;
}

std::string encodeHolePayload(int64_t length, uint32_t flags) {
    std::string out;
    xdr::Encoder enc(out);
    (void)xdr::encodeStreamHole(enc, xdr::StreamHole{length, flags});
    return out;
}

bool decodeHolePayload(std::string_view payload, int64_t& length, uint32_t& flags) {
    auto hole = xdr::decodeStreamHole(payload);
    if (!hole) return false;
    length = hole->length;
    flags = hole->flags;
    return true;
}

std::string_view typeName(MessageType type) {
    switch (type) {
        case MessageType::kCall: return "CALL";
        case MessageType::kReply: return "REPLY";
        case MessageType::kMessage: return "MESSAGE";
        case MessageType::kStream: return "STREAM";
        case MessageType::kCallWithFds: return "CALL_WITH_FDS";
        case MessageType::kReplyWithFds: return "REPLY_WITH_FDS";
        case MessageType::kStreamHole: return "STREAM_HOLE";
    }
    return "UNKNOWN";
}

}  // namespace nodevirt::rpc
