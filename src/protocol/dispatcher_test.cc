// Server dispatch table and typed client stubs, wired back to back through an in-memory
// Transport, as the daemon and the remote driver will use them over a socket.
#include "protocol/dispatcher.h"

#include <gtest/gtest.h>

#include "protocol/generated/client.h"
#include "protocol/generated/traits.h"
#include "xdr/test_hex.h"

namespace nodevirt::protocol {
namespace {

using xdr::Program;
using xdr::testing::fromHex;

struct FakeConnection {
    int calls = 0;
    bool read_only = false;
};

constexpr uint32_t kRemote = static_cast<uint32_t>(Program::kRemote);

Uuid testUuid() { return *Uuid::parse("6695eb01-f6a4-8304-79aa-97f2502e193f"); }

class DispatcherTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dispatcher_.bind<proc::DomainLookupByName>(
            [](FakeConnection& c,
               const DomainLookupByNameArgs& args) -> Result<DomainLookupByNameRet> {
                ++c.calls;
                if (args.name != "test") {
                    return fail(Error::make(ErrorCode::kNoDomain, ErrorDomain::kTest));
                }
                return DomainLookupByNameRet{{"test", testUuid(), 1}};
            });
        dispatcher_.bind<proc::DomainDestroy>(
            [](FakeConnection& c, const DomainDestroyArgs&) -> Result<Void> {
                ++c.calls;
                return Void{};
            });
        dispatcher_.bind<proc::DomainGetXmlDesc>(
            [](FakeConnection& c, const DomainGetXmlDescArgs& args) -> Result<DomainGetXmlDescRet> {
                ++c.calls;
                return DomainGetXmlDescRet{"<domain flags='" + std::to_string(args.flags) + "'/>"};
            });
        dispatcher_.bind<proc::ConnectClose>([](FakeConnection& c, const Void&) -> Result<Void> {
            ++c.calls;
            return Void{};
        });
        dispatcher_.bind<proc::QemuDomainMonitorCommand>(
            [](FakeConnection& c,
               const QemuDomainMonitorCommandArgs& args) -> Result<QemuDomainMonitorCommandRet> {
                ++c.calls;
                return QemuDomainMonitorCommandRet{"{\"return\":" + args.cmd + "}"};
            });
    }

    Result<std::string> run(int32_t proc, std::string_view payload, bool read_only = false,
                            uint32_t program = kRemote) {
        return dispatcher_.dispatch(conn_, program, proc, payload, read_only);
    }

    Dispatcher<FakeConnection> dispatcher_;
    FakeConnection conn_;
};

TEST_F(DispatcherTest, DecodesRunsAndEncodes) {
    auto reply = run(23, fromHex("00000004 74657374"));
    ASSERT_TRUE(reply) << reply.error().message;
    EXPECT_EQ(*reply, fromHex("00000004 74657374 6695eb01 f6a48304 79aa97f2 502e193f 00000001"));
    EXPECT_EQ(conn_.calls, 1);
}

TEST_F(DispatcherTest, HandlerErrorsPassThrough) {
    auto reply = run(23, fromHex("00000003 78797a00"));
    ASSERT_FALSE(reply);
    EXPECT_EQ(reply.error().code, ErrorCode::kNoDomain);
    EXPECT_EQ(reply.error().message, "Domain not found");
}

TEST_F(DispatcherTest, UnboundAndUnknownProceduresAnswerLikeLibvirtd) {
    for (int32_t proc : {24, 0, 444, -5, 318}) {
        auto reply = run(proc, "");
        ASSERT_FALSE(reply) << proc;
        EXPECT_EQ(reply.error().code, ErrorCode::kRpc);
        EXPECT_EQ(reply.error().domain, ErrorDomain::kRpc);
        EXPECT_EQ(reply.error().level, ErrorLevel::kError);
        EXPECT_EQ(reply.error().message, "unknown procedure: " + std::to_string(proc));
    }
    EXPECT_FALSE(run(1, "", false, 0x11111111U));
    EXPECT_EQ(conn_.calls, 0);
}

TEST_F(DispatcherTest, UndecodableArgsAreRejectedBeforeTheHandler) {
    auto reply = run(23, fromHex("00001000 74657374"));
    ASSERT_FALSE(reply);
    EXPECT_EQ(reply.error().code, ErrorCode::kRpc);
    EXPECT_EQ(reply.error().message.rfind("Unable to decode message payload", 0), 0U);
    EXPECT_EQ(conn_.calls, 0);
}

TEST_F(DispatcherTest, ReadOnlyConnectionsCannotMutate) {
    std::string dom = fromHex("00000004 74657374 6695eb01 f6a48304 79aa97f2 502e193f 00000001");
    auto denied = run(12, dom, /*read_only=*/true);
    ASSERT_FALSE(denied);
    EXPECT_EQ(denied.error().code, ErrorCode::kOperationDenied);
    EXPECT_EQ(denied.error().message,
              "operation forbidden: read only access prevents DOMAIN_DESTROY");
    EXPECT_EQ(conn_.calls, 0);
    EXPECT_TRUE(run(12, dom, /*read_only=*/false));
    EXPECT_EQ(conn_.calls, 1);
}

TEST_F(DispatcherTest, ReadOnlyRuleDependsOnFlags) {
    std::string dom = fromHex("00000004 74657374 6695eb01 f6a48304 79aa97f2 502e193f 00000001");
    auto secure = run(14, dom + fromHex("00000001"), true);
    ASSERT_FALSE(secure);
    EXPECT_EQ(secure.error().code, ErrorCode::kOperationDenied);
    auto inactive = run(14, dom + fromHex("00000002"), true);
    ASSERT_TRUE(inactive) << inactive.error().message;
    EXPECT_EQ(conn_.calls, 1);
}

TEST_F(DispatcherTest, IsBound) {
    EXPECT_TRUE(dispatcher_.isBound(kRemote, 23));
    EXPECT_FALSE(dispatcher_.isBound(kRemote, 24));
    EXPECT_FALSE(dispatcher_.isBound(kRemote, 9999));
    EXPECT_TRUE(dispatcher_.isBound(static_cast<uint32_t>(Program::kQemu), 1));
}

// Client side: a Transport that hands the call straight to the dispatcher.
class LoopbackTransport : public Transport {
  public:
    LoopbackTransport(const Dispatcher<FakeConnection>& d, FakeConnection& c)
        : dispatcher_(d), conn_(c) {}
    Result<std::string> roundTrip(Program program, int32_t procedure,
                                  std::string payload) override {
        last_payload = payload;
        return dispatcher_.dispatch(conn_, static_cast<uint32_t>(program), procedure, payload,
                                    conn_.read_only);
    }
    std::string last_payload;

  private:
    const Dispatcher<FakeConnection>& dispatcher_;
    FakeConnection& conn_;
};

TEST_F(DispatcherTest, ClientStubsRoundTrip) {
    LoopbackTransport transport(dispatcher_, conn_);
    RemoteClient client(transport);
    auto dom = client.domainLookupByName({"test"});
    ASSERT_TRUE(dom) << dom.error().message;
    EXPECT_EQ(dom->dom.uuid, testUuid());
    EXPECT_EQ(transport.last_payload, fromHex("00000004 74657374"));

    auto missing = client.domainLookupByName({"nope"});
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::kNoDomain);

    auto xml = client.domainGetXmlDesc({dom->dom, 2});
    ASSERT_TRUE(xml);
    EXPECT_EQ(xml->xml, "<domain flags='2'/>");

    EXPECT_TRUE(client.connectClose());
    auto qemu = client.qemuDomainMonitorCommand({dom->dom, "1", 0});
    ASSERT_TRUE(qemu);
    EXPECT_EQ(qemu->result, "{\"return\":1}");

    auto unsupported = client.domainLookupByUuid({testUuid()});
    ASSERT_FALSE(unsupported);
    EXPECT_EQ(unsupported.error().message, "unknown procedure: 24");
}

TEST_F(DispatcherTest, ClientReportsUndecodableReplies) {
    class Garbage : public Transport {
      public:
        Result<std::string> roundTrip(Program, int32_t, std::string) override {
            return std::string("\x00\x00", 2);
        }
    } transport;
    RemoteClient client(transport);
    auto r = client.connectGetHostname();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::kRpc);
}

}  // namespace
}  // namespace nodevirt::protocol
