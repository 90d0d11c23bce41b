// libFuzzer target: one input is one frame as a peer would send it (length word, 24-byte
// header, payload). The header picks the procedure (an unknown number is folded onto the
// table so every input exercises some codec) and the message type picks args, ret, error or
// event payload. Beyond "no crash, no UB, no leak" it checks that whatever decodes also
// re-encodes, and that the re-encoding is a fixed point of decode+encode.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "protocol/generated/types.h"
#include "protocol/payload.h"
#include "protocol/procedure_info.h"
#include "xdr/frame.h"

namespace {

using nodevirt::protocol::PayloadCodec;
using nodevirt::xdr::MessageStatus;
using nodevirt::xdr::MessageType;

void check(bool condition) {
    if (!condition) std::abort();
}

void checkReencode(PayloadCodec::Reencode reencode, std::string_view payload) {
    if (reencode == nullptr) return;
    auto first = reencode(payload);
    if (!first) return;  // rejected input: fine, as long as it did not crash
    auto second = reencode(*first);
    check(second.has_value());
    check(*second == *first);
}

const PayloadCodec::Reencode kRemoteError =
    &nodevirt::protocol::reencode<nodevirt::protocol::RemoteError>;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    if (size < nodevirt::xdr::kLengthSize) return 0;
    auto length = nodevirt::xdr::decodeFrameLength(input.substr(0, 4));
    if (length) {
        check(*length >= nodevirt::xdr::kFrameMin && *length <= nodevirt::xdr::kFrameMax);
    }
    nodevirt::xdr::Decoder dec(input.substr(4));
    auto header = nodevirt::xdr::decodeHeader(dec);
    if (!header) return 0;
    if (nodevirt::xdr::carriesFds(header->type)) {
        if (!nodevirt::xdr::decodeFdCount(dec)) return 0;
    }
    std::string_view payload = dec.rest();

    auto all = nodevirt::protocol::allProcedures();
    const nodevirt::protocol::ProcedureInfo* info =
        nodevirt::protocol::findProcedure(header->prog, header->proc);
    if (info == nullptr) info = &all[static_cast<uint32_t>(header->proc) % all.size()];
    const PayloadCodec* codec =
        nodevirt::protocol::findPayloadCodec(static_cast<uint32_t>(info->program), info->number);
    check(codec != nullptr);

    switch (static_cast<uint32_t>(header->type) % 7) {
        case static_cast<uint32_t>(MessageType::kCall):
        case static_cast<uint32_t>(MessageType::kCallWithFds):
            checkReencode(codec->args, payload);
            break;
        case static_cast<uint32_t>(MessageType::kReply):
        case static_cast<uint32_t>(MessageType::kReplyWithFds):
            checkReencode(header->status == MessageStatus::kError ? kRemoteError : codec->ret,
                          payload);
            break;
        case static_cast<uint32_t>(MessageType::kMessage):
            checkReencode(codec->msg != nullptr ? codec->msg : codec->args, payload);
            break;
        case static_cast<uint32_t>(MessageType::kStream):
            if (header->status == MessageStatus::kError) checkReencode(kRemoteError, payload);
            break;
        default: {
            auto hole = nodevirt::xdr::decodeStreamHole(payload);
            (void)hole;
            break;
        }
    }
    return 0;
}
