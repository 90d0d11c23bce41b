// Replays traffic recorded between virsh / python3-libvirt and a real libvirtd 9.0 (test
// driver; scripts/dev/capture-libvirtd-frames.py): every payload must decode with the codec
// the description assigns to its procedure and re-encode to exactly the bytes libvirt sent.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <set>
#include <string>

#include "protocol/generated/types.h"
#include "protocol/payload.h"
#include "protocol/procedure_info.h"
#include "xdr/frame.h"

namespace nodevirt::protocol {
namespace {

using xdr::MessageStatus;
using xdr::MessageType;

std::string readCapture() {
    std::ifstream in("src/protocol/testdata/libvirtd_frames.bin", std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Which codec applies to a frame's payload; nullptr for raw stream data.
PayloadCodec::Reencode codecFor(const xdr::Header& h, const PayloadCodec& codec) {
    switch (h.type) {
        case MessageType::kCall:
        case MessageType::kCallWithFds:
            return codec.args;
        case MessageType::kReply:
        case MessageType::kReplyWithFds:
            return h.status == MessageStatus::kError ? &reencode<RemoteError> : codec.ret;
        case MessageType::kMessage:
            return codec.msg;
        default:
            return nullptr;
    }
}

TEST(LibvirtdFramesTest, EveryPayloadReencodesByteForByte) {
    std::string capture = readCapture();
    ASSERT_GT(capture.size(), 10000U) << "capture file missing";
    std::set<std::string> procedures;
    size_t checked = 0;
    std::string_view rest = capture;
    while (!rest.empty()) {
        auto length = xdr::decodeFrameLength(rest.substr(0, 4));
        ASSERT_TRUE(length) << length.error().message;
        ASSERT_LE(*length, rest.size());
        auto frame = xdr::decodeFrame(rest.substr(0, *length));
        rest.remove_prefix(*length);
        ASSERT_TRUE(frame) << frame.error().message;
        const xdr::Header& h = frame->header;
        std::string_view payload = frame->payload;
        if (xdr::carriesFds(h.type)) payload.remove_prefix(4);
        const ProcedureInfo* info = findProcedure(h.prog, h.proc);
        ASSERT_NE(info, nullptr) << h.prog << "/" << h.proc;
        PayloadCodec::Reencode reencodeFn = codecFor(h, *findPayloadCodec(h.prog, h.proc));
        if (reencodeFn == nullptr) continue;
        SCOPED_TRACE(std::string(info->name) + " type " + std::to_string(static_cast<int>(h.type)));
        auto again = reencodeFn(payload);
        ASSERT_TRUE(again) << again.error().message;
        EXPECT_EQ(*again, payload);
        procedures.insert(std::string(info->name));
        ++checked;
    }
    EXPECT_GT(checked, 1000U);
    EXPECT_GT(procedures.size(), 120U);
    for (const char* name :
         {"NODE_GET_INFO", "NODE_GET_SECURITY_MODEL", "DOMAIN_GET_SECURITY_LABEL",
          "CONNECT_GET_ALL_DOMAIN_STATS", "DOMAIN_GET_MEMORY_PARAMETERS",
          "DOMAIN_EVENT_CALLBACK_LIFECYCLE", "DOMAIN_GET_VCPUS", "DOMAIN_INTERFACE_ADDRESSES",
          "STORAGE_POOL_GET_INFO"}) {
        EXPECT_EQ(procedures.count(name), 1U) << name << " missing from the capture";
    }
}

}  // namespace
}  // namespace nodevirt::protocol
