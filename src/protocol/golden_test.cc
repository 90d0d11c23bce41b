// Byte-exact encodings of frames observed between real libvirt clients and libvirtd 9.0
// (shared/protocol/census.md §2.2, §4.2 and §6), built from the generated structs.
#include <gtest/gtest.h>

#include "protocol/error_codec.h"
#include "protocol/generated/procedures.h"
#include "protocol/generated/traits.h"
#include "protocol/payload.h"
#include "xdr/frame.h"
#include "xdr/test_hex.h"

namespace nodevirt::protocol {
namespace {

using xdr::Header;
using xdr::MessageStatus;
using xdr::MessageType;
using xdr::testing::fromHex;
using xdr::testing::toHex;

Uuid testUuid() { return *Uuid::parse("6695eb01-f6a4-8304-79aa-97f2502e193f"); }

NonnullDomain testDomain() { return NonnullDomain{"test", testUuid(), 1}; }

// A complete frame: header for procedure P plus the encoding of `payload`.
template <typename P, typename T>
std::string frame(MessageType type, uint32_t serial, const T& payload,
                  MessageStatus status = MessageStatus::kOk) {
    Header h{static_cast<uint32_t>(P::kProgram), 1, P::kNumber, type, serial, status};
    auto body = encodePayload(payload);
    EXPECT_TRUE(body) << body.error().message;
    auto bytes = xdr::encodeFrame(h, *body);
    EXPECT_TRUE(bytes);
    return *bytes;
}

// Decodes the payload of a census frame as T (after checking the header's procedure).
template <typename P, typename T>
T parse(const std::string& bytes) {
    auto f = xdr::decodeFrame(bytes);
    EXPECT_TRUE(f) << f.error().message;
    EXPECT_EQ(f->header.proc, P::kNumber);
    auto value = decodePayload<T>(f->payload);
    EXPECT_TRUE(value) << value.error().message;
    return value ? *value : T{};
}

TEST(GoldenTest, AuthListReply) {
    std::string wire = fromHex(
        "00000024 20008086 00000001 00000042 00000001 00000000 00000000 "
        "00000001 00000000");
    AuthListRet ret{{0}};
    EXPECT_EQ(toHex(frame<proc::AuthList>(MessageType::kReply, 0, ret)), toHex(wire));
    EXPECT_TRUE((parse<proc::AuthList, AuthListRet>(wire) == ret));
    EXPECT_EQ(toHex(frame<proc::AuthList>(MessageType::kCall, 0, Void{})),
              toHex(fromHex("0000001c 20008086 00000001 00000042 00000000 00000000 00000000")));
}

TEST(GoldenTest, SupportsFeatureCallAndReply) {
    EXPECT_EQ(toHex(frame<proc::ConnectSupportsFeature>(MessageType::kCall, 1,
                                                        ConnectSupportsFeatureArgs{10})),
              toHex(fromHex("00000020 20008086 00000001 0000003c 00000000 00000001 00000000 "
                            "0000000a")));
    EXPECT_EQ(toHex(frame<proc::ConnectSupportsFeature>(MessageType::kReply, 1,
                                                        ConnectSupportsFeatureRet{1})),
              toHex(fromHex("00000020 20008086 00000001 0000003c 00000001 00000001 00000000 "
                            "00000001")));
}

TEST(GoldenTest, ConnectOpenCallAndVoidReply) {
    std::string wire = fromHex(
        "00000038 20008086 00000001 00000001 00000000 00000002 00000000 "
        "00000001 0000000f 74657374 3a2f2f2f 64656661 756c7400 00000000");
    ConnectOpenArgs args{"test:///default", 0};
    EXPECT_EQ(toHex(frame<proc::ConnectOpen>(MessageType::kCall, 2, args)), toHex(wire));
    EXPECT_TRUE((parse<proc::ConnectOpen, ConnectOpenArgs>(wire) == args));
    EXPECT_EQ(toHex(frame<proc::ConnectOpen>(MessageType::kReply, 2, Void{})),
              toHex(fromHex("0000001c 20008086 00000001 00000001 00000001 00000002 00000000")));
}

TEST(GoldenTest, ConnectOpenWithoutUri) {
    // No URI at all: name present but empty, flags 6 (census §2.4).
    EXPECT_EQ(toHex(*encodePayload(ConnectOpenArgs{"", 6})),
              toHex(fromHex("00000001 00000000 00000006")));
    EXPECT_EQ(toHex(*encodePayload(ConnectOpenArgs{std::nullopt, 1})),
              toHex(fromHex("00000000 00000001")));
}

TEST(GoldenTest, DomainLookupByName) {
    std::string call = fromHex(
        "00000024 20008086 00000001 00000017 00000000 00000006 00000000 "
        "00000004 74657374");
    std::string reply = fromHex(
        "00000038 20008086 00000001 00000017 00000001 00000006 00000000 "
        "00000004 74657374 6695eb01 f6a48304 79aa97f2 502e193f 00000001");
    EXPECT_EQ(toHex(frame<proc::DomainLookupByName>(MessageType::kCall, 6,
                                                    DomainLookupByNameArgs{"test"})),
              toHex(call));
    DomainLookupByNameRet ret{testDomain()};
    EXPECT_EQ(toHex(frame<proc::DomainLookupByName>(MessageType::kReply, 6, ret)), toHex(reply));
    auto parsed = parse<proc::DomainLookupByName, DomainLookupByNameRet>(reply);
    EXPECT_EQ(parsed.dom.name, "test");
    EXPECT_EQ(parsed.dom.uuid, testUuid());
    EXPECT_EQ(parsed.dom.id, 1);
}

TEST(GoldenTest, DomainGetInfoReplyWidensStateAndVcpus) {
    DomainGetInfoRet ret;
    ret.state = 1;
    ret.max_mem = 8388608;
    ret.memory = 2097152;
    ret.nr_virt_cpu = 2;
    ret.cpu_time = 0x0000000a12345678ULL;
    std::string wire = fromHex(
        "0000003c 20008086 00000001 00000010 00000001 00000008 00000000 "
        "00000001 00000000 00800000 00000000 00200000 00000002 "
        "0000000a 12345678");
    EXPECT_EQ(toHex(frame<proc::DomainGetInfo>(MessageType::kReply, 8, ret)), toHex(wire));
    EXPECT_TRUE((parse<proc::DomainGetInfo, DomainGetInfoRet>(wire) == ret));
}

TEST(GoldenTest, NodeGetInfoReplyWidensTheModel) {
    NodeGetInfoRet ret{"i686", 3145728, 16, 1400, 2, 2, 2, 2};
    std::string payload = fromHex("00000069 00000036 00000038 00000036") +
                          std::string(28 * 4, '\0') +
                          fromHex(
                              "00000000 00300000 00000010 00000578 00000002 00000002 "
                              "00000002 00000002");
    ASSERT_EQ(payload.size(), 160U);
    EXPECT_EQ(toHex(*encodePayload(ret)), toHex(payload));
    auto back = decodePayload<NodeGetInfoRet>(payload);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->model, "i686");
    EXPECT_EQ(back->memory, 3145728U);
    EXPECT_EQ(back->mhz, 1400);
}

TEST(GoldenTest, ErrorReplyDomainNotFound) {
    std::string wire = fromHex(
        "00000070 20008086 00000001 00000017 00000001 00000006 00000001 "
        "0000002a 0000000c 00000001 00000010 \"Domain not found\" 00000002 00000000 "
        "00000001 00000010 \"Domain not found\" 00000000 00000000 ffffffff ffffffff 00000000");
    RemoteError err = toRemoteError(Error::make(ErrorCode::kNoDomain, ErrorDomain::kTest));
    EXPECT_EQ(
        toHex(frame<proc::DomainLookupByName>(MessageType::kReply, 6, err, MessageStatus::kError)),
        toHex(wire));
    Error back = fromRemoteError(parse<proc::DomainLookupByName, RemoteError>(wire));
    EXPECT_EQ(back.code, ErrorCode::kNoDomain);
    EXPECT_EQ(back.domain, ErrorDomain::kTest);
    EXPECT_EQ(back.message, "Domain not found");
    EXPECT_EQ(back.level, ErrorLevel::kError);
}

TEST(GoldenTest, UnknownProcedureError) {
    RemoteError err = toRemoteError(unknownProcedureError(999));
    std::string payload = fromHex(
        "00000027 00000007 00000001 00000016 \"unknown procedure: 999\" 0000 00000002 00000000 "
        "00000001 00000002 \"%s\" 0000 00000001 00000016 \"unknown procedure: 999\" 0000 "
        "00000000 ffffffff ffffffff 00000000");
    EXPECT_EQ(toHex(*encodePayload(err)), toHex(payload));
}

TEST(GoldenTest, LifecycleEventMessage) {
    std::string wire = fromHex(
        "00000044 20008086 00000001 0000013e 00000002 00000001 00000000 "
        "00000000 00000004 74657374 6695eb01 f6a48304 79aa97f2 502e193f "
        "00000001 00000003 00000000");
    DomainEventCallbackLifecycleMsg msg{0, {testDomain(), 3, 0}};
    EXPECT_EQ(toHex(frame<proc::DomainEventCallbackLifecycle>(MessageType::kMessage, 1, msg)),
              toHex(wire));
    auto back = parse<proc::DomainEventCallbackLifecycle, DomainEventCallbackLifecycleMsg>(wire);
    EXPECT_EQ(back.callback_id, 0);
    EXPECT_EQ(back.msg.event, 3);
    EXPECT_EQ(back.msg.dom.name, "test");
}

TEST(GoldenTest, EventRegistration) {
    EXPECT_EQ(toHex(frame<proc::ConnectDomainEventCallbackRegisterAny>(
                  MessageType::kCall, 6, ConnectDomainEventCallbackRegisterAnyArgs{0, {}})),
              toHex(fromHex("00000024 20008086 00000001 0000013c 00000000 00000006 00000000 "
                            "00000000 00000000")));
    EXPECT_EQ(toHex(frame<proc::ConnectDomainEventCallbackRegisterAny>(
                  MessageType::kReply, 6, ConnectDomainEventCallbackRegisterAnyRet{0})),
              toHex(fromHex("00000020 20008086 00000001 0000013c 00000001 00000006 00000000 "
                            "00000000")));
}

TEST(GoldenTest, KeepaliveFrames) {
    EXPECT_EQ(toHex(frame<proc::KeepalivePing>(MessageType::kMessage, 0, Void{})),
              toHex(fromHex("0000001c 6b656570 00000001 00000001 00000002 00000000 00000000")));
    EXPECT_EQ(toHex(frame<proc::KeepalivePong>(MessageType::kMessage, 0, Void{})),
              toHex(fromHex("0000001c 6b656570 00000001 00000002 00000002 00000000 00000000")));
}

TEST(GoldenTest, ScreenshotReply) {
    EXPECT_EQ(toHex(frame<proc::DomainScreenshot>(MessageType::kReply, 7,
                                                  DomainScreenshotRet{"image/png"})),
              toHex(fromHex("00000030 20008086 00000001 000000d3 00000001 00000007 00000000 "
                            "00000001 00000009 \"image/png\" 000000")));
}

TEST(GoldenTest, TypedParameters) {
    // memtune: hard_limit as an unsigned long long, then the nparams word (census §4.2).
    DomainGetMemoryParametersRet mem;
    TypedParam hard{"hard_limit", {}};
    hard.value.value.emplace<TypedParamValue::kUl>(0x001fffffffffffffULL);
    mem.params.push_back(hard);
    EXPECT_EQ(toHex(*encodePayload(mem)),
              toHex(fromHex("00000001 0000000a \"hard_limit\" 0000 00000004 001fffff ffffffff "
                            "00000000")));
    // Migration parameter with a string value.
    TypedParam xml{"destination_xml", {}};
    xml.value.value.emplace<TypedParamValue::kS>("<domain/>");
    EXPECT_EQ(xml.value.discriminant(), 7);
    EXPECT_EQ(toHex(*encodePayload(xml)),
              toHex(fromHex("0000000f \"destination_xml\" 00 00000007 00000009 \"<domain/>\" "
                            "000000")));
    // schedinfo: {type "fair", nparams 1} then [{"weight", UINT, 50}].
    EXPECT_EQ(toHex(*encodePayload(DomainGetSchedulerTypeRet{"fair", 1})),
              toHex(fromHex("00000004 \"fair\" 00000001")));
    TypedParam weight{"weight", {}};
    weight.value.value.emplace<TypedParamValue::kUi>(50);
    EXPECT_EQ(toHex(*encodePayload(DomainGetSchedulerParametersRet{{weight}})),
              toHex(fromHex("00000001 00000006 \"weight\" 0000 00000002 00000032")));
}

TEST(GoldenTest, SecurityModelIncludesNul) {
    NodeGetSecurityModelRet ret{"none", "0"};
    EXPECT_EQ(toHex(*encodePayload(ret)),
              toHex(fromHex("00000005 0000006e 0000006f 0000006e 00000065 00000000 "
                            "00000002 00000030 00000000")));
    auto empty = decodePayload<NodeGetSecurityModelRet>(fromHex("00000000 00000000"));
    ASSERT_TRUE(empty);
    EXPECT_EQ(empty->model, "");
    EXPECT_EQ(empty->doi, "");
}

TEST(GoldenTest, ListAllDomainsCallFromVirshList) {
    EXPECT_EQ(toHex(*encodePayload(ConnectListAllDomainsArgs{1, 3})),
              toHex(fromHex("00000001 00000003")));
    ConnectListAllDomainsRet ret{{testDomain()}, 1};
    EXPECT_EQ(toHex(*encodePayload(ret)),
              toHex(fromHex("00000001 00000004 74657374 6695eb01 f6a48304 79aa97f2 502e193f "
                            "00000001 00000001")));
}

TEST(GoldenTest, ProcedureEnumsMatchWireNumbers) {
    EXPECT_EQ(static_cast<int32_t>(RemoteProcedure::kAuthList), 66);
    EXPECT_EQ(static_cast<int32_t>(RemoteProcedure::kDomainEventCallbackLifecycle), 318);
    EXPECT_EQ(static_cast<int32_t>(RemoteProcedure::kDomainFdAssociate), 443);
    EXPECT_EQ(static_cast<int32_t>(QemuProcedure::kDomainMonitorCommand), 1);
    EXPECT_EQ(static_cast<int32_t>(KeepaliveProcedure::kPong), 2);
    EXPECT_EQ(proc::QemuDomainMonitorCommand::kProgram, xdr::Program::kQemu);
    EXPECT_EQ(proc::LxcDomainOpenNamespace::kProgram, xdr::Program::kLxc);
}

}  // namespace
}  // namespace nodevirt::protocol
