// The remote driver against a scripted server: the handshake byte for byte (census §2.2–2.4),
// authentication choices, error mapping and closing.
#include "remote/client/remote_connection.h"

#include <gtest/gtest.h>

#include <atomic>

#include "driver/libvirt_constants.h"
#include "driver/registry.h"
#include "protocol/generated/traits.h"
#include "remote/client/testing/fake_server.h"

namespace nodevirt::remote {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
namespace p = protocol;
namespace pr = protocol::proc;
using std::chrono::milliseconds;

std::vector<std::string> hexOfCalls(FakeServer& server) {
    std::vector<std::string> out;
    for (const auto& f : server.calls()) out.push_back(hexWords(f.bytes));
    return out;
}

TEST(HandshakeTest, VirshSequenceIsByteExact) {
    FakeServer server;
    auto conn = server.open("test+unix:///default?socket=/nowhere", 0, milliseconds(5000));
    ASSERT_TRUE(conn) << conn.error().message;
    (*conn)->setCloseHandler([](int) {});
    std::vector<std::string> expected = {
        // AUTH_LIST, serial 0
        "0000001c 20008086 00000001 00000042 00000000 00000000 00000000",
        // SUPPORTS_FEATURE(10), before the open
        "00000020 20008086 00000001 0000003c 00000000 00000001 00000000 0000000a",
        // CONNECT_OPEN {name present "test:///default", flags 0}
        "00000038 20008086 00000001 00000001 00000000 00000002 00000000 00000001 0000000f "
        "74657374 3a2f2f2f 64656661 756c7400 00000000",
        "00000020 20008086 00000001 0000003c 00000000 00000003 00000000 0000000e",
        "00000020 20008086 00000001 0000003c 00000000 00000004 00000000 0000000f",
        // CONNECT_REGISTER_CLOSE_CALLBACK
        "0000001c 20008086 00000001 00000168 00000000 00000005 00000000",
    };
    EXPECT_EQ(hexOfCalls(server), expected);

    (*conn)->close();
    auto procs = server.callProcs();
    ASSERT_EQ(procs.size(), 8u);
    EXPECT_EQ(procs[6], pr::ConnectUnregisterCloseCallback::kNumber);
    EXPECT_EQ(procs[7], pr::ConnectClose::kNumber);
}

TEST(HandshakeTest, WithoutKeepaliveLikePythonAndReadOnlyFlag) {
    FakeServer server;
    auto conn = server.open("test+unix:///default?socket=/nowhere", driver::kOpenReadOnly);
    ASSERT_TRUE(conn) << conn.error().message;
    EXPECT_EQ(server.callProcs(), (std::vector<int32_t>{66, 1, 60, 60}));
    auto open = server.calls()[1];
    EXPECT_EQ(hexWords(open.payload), "00000001 0000000f 74657374 3a2f2f2f 64656661 756c7400 00000001");
    EXPECT_EQ((*conn)->connect().getUri().value(), "test+unix:///default?socket=/nowhere");
}

TEST(HandshakeTest, NoUriSendsAnEmptyNameThenAsksForTheUri) {
    FakeServer server;
    server.setUri("qemu:///session");
    auto conn = server.open("");
    ASSERT_TRUE(conn) << conn.error().message;
    EXPECT_EQ(server.callProcs(), (std::vector<int32_t>{66, 1, 110, 60, 60}));
    // name present and empty; flags 6 for an unprivileged user (2 = user socket, 4 = autostart)
    std::string flags = ::geteuid() == 0 ? "00000000" : "00000006";
    EXPECT_EQ(hexWords(server.calls()[1].payload), "00000001 00000000 " + flags);
    EXPECT_EQ((*conn)->connect().getUri().value(), "qemu:///session");
}

TEST(HandshakeTest, AuthenticationChoices) {
    {  // An old server without AUTH_LIST is tolerated (NO_SUPPORT).
        FakeServer server;
        server.on(66, [](FakeServer& s, const WireFrame& f) {
            s.replyError(f, protocol::unknownProcedureError(66));
        });
        EXPECT_TRUE(server.open("test+unix:///default?socket=/x"));
    }
    {  // Any other error fails the open.
        FakeServer server;
        server.on(66, [](FakeServer& s, const WireFrame& f) {
            s.replyError(f, Error::make(ErrorCode::kOperationUnsupported, ErrorDomain::kRpc, "no"));
        });
        auto conn = server.open("test+unix:///default?socket=/x");
        ASSERT_FALSE(conn);
        EXPECT_EQ(conn.error().code, ErrorCode::kOperationUnsupported);
    }
    {  // polkit: AUTH_POLKIT before the open.
        FakeServer server;
        server.on(66, [](FakeServer& s, const WireFrame& f) { s.reply(f, p::AuthListRet{{2}}); });
        server.on(70, [](FakeServer& s, const WireFrame& f) { s.reply(f, p::AuthPolkitRet{1}); });
        ASSERT_TRUE(server.open("test+unix:///default?socket=/x"));
        EXPECT_EQ(server.callProcs()[1], 70);
    }
    {  // SASL is refused clearly, before any open.
        FakeServer server;
        server.on(66, [](FakeServer& s, const WireFrame& f) { s.reply(f, p::AuthListRet{{1}}); });
        auto conn = server.open("test+unix:///default?socket=/x");
        ASSERT_FALSE(conn);
        EXPECT_EQ(conn.error().code, ErrorCode::kAuthFailed);
        EXPECT_NE(conn.error().message.find("SASL"), std::string::npos);
        EXPECT_EQ(server.callProcs(), std::vector<int32_t>{66});
    }
}

TEST(HandshakeTest, FailedOpenReportsTheServersError) {
    FakeServer server;
    const Error sent = Error::make(ErrorCode::kNoConnect, ErrorDomain::kNone, "bogus:///");
    server.on(1, [&](FakeServer& s, const WireFrame& f) { s.replyError(f, sent); });
    auto conn = server.open("bogus+unix:///?socket=/x");
    ASSERT_FALSE(conn);
    EXPECT_EQ(conn.error().code, ErrorCode::kNoConnect);
    EXPECT_EQ(conn.error().message, sent.message);
    EXPECT_EQ(server.callProcs(), (std::vector<int32_t>{66, 1}));
}

TEST(TransportTest, TlsAndSshAnswerAClearError) {
    for (const char* uri : {"qemu+tls://host/system", "qemu+ssh://host/system"}) {
        auto conn = RemoteConnection::open(driver::Uri::parse(uri).value(), 0);
        ASSERT_FALSE(conn) << uri;
        EXPECT_EQ(conn.error().code, ErrorCode::kNoSupport);
        EXPECT_NE(conn.error().message.find("is not supported by nodevirt's remote driver yet"),
                  std::string::npos);
    }
}

// --- errors travel unchanged, except "unknown procedure" which becomes NO_SUPPORT

struct ErrorCase {
    ErrorCode code;
    ErrorDomain domain;
    const char* message;
};

TEST(ErrorMappingTest, NotFoundCodesArePreservedEndToEnd) {
    FakeServer server;
    const ErrorCase cases[] = {
        {ErrorCode::kNoDomain, ErrorDomain::kTest, "Domain not found"},
        {ErrorCode::kNoNetwork, ErrorDomain::kTest, "Network not found: no network with matching name 'x'"},
        {ErrorCode::kNoStoragePool, ErrorDomain::kTest, "Storage pool not found: no storage pool with matching name 'x'"},
        {ErrorCode::kNoStorageVol, ErrorDomain::kTest, "Storage volume not found: no storage vol with matching name 'x'"},
    };
    server.on(23, [&](FakeServer& s, const WireFrame& f) {
        s.replyError(f, notFound(cases[0].code, cases[0].domain, cases[0].message));
    });
    server.on(46, [&](FakeServer& s, const WireFrame& f) {
        s.replyError(f, notFound(cases[1].code, cases[1].domain, cases[1].message));
    });
    server.on(84, [&](FakeServer& s, const WireFrame& f) {
        s.replyError(f, notFound(cases[2].code, cases[2].domain, cases[2].message));
    });
    server.on(95, [&](FakeServer& s, const WireFrame& f) {
        s.replyError(f, notFound(cases[3].code, cases[3].domain, cases[3].message));
    });
    auto conn = server.open("test+unix:///default?socket=/x").value();
    std::vector<Error> errors = {
        conn->domainLifecycle().lookupByName("x").error(),
        conn->networks().lookupByName("x").error(),
        conn->storage().lookupPoolByName("x").error(),
        conn->storage().lookupVolByName({"default-pool", {}}, "x").error(),
    };
    for (size_t i = 0; i < errors.size(); ++i) {
        EXPECT_EQ(errors[i].code, cases[i].code) << i;
        EXPECT_EQ(errors[i].domain, cases[i].domain) << i;
        EXPECT_EQ(errors[i].message, cases[i].message) << i;
        EXPECT_EQ(errors[i].str1, std::optional<std::string>(cases[i].message)) << i;
        EXPECT_EQ(errors[i].level, ErrorLevel::kError) << i;
        EXPECT_EQ(errors[i].int1, -1) << i;
    }
}

TEST(ErrorMappingTest, UnknownProcedureBecomesNoSupportOnlyFromRpcOrRemote) {
    FakeServer server;
    server.on(3, [](FakeServer& s, const WireFrame& f) {
        s.replyError(f, protocol::unknownProcedureError(3));
    });
    server.on(4, [](FakeServer& s, const WireFrame& f) {
        Error e = protocol::unknownProcedureError(4);
        e.domain = ErrorDomain::kRemote;
        s.replyError(f, e);
    });
    server.on(59, [](FakeServer& s, const WireFrame& f) {
        Error e = protocol::unknownProcedureError(59);
        e.domain = ErrorDomain::kQemu;  // not the RPC layer's: left alone
        s.replyError(f, e);
    });
    server.on(7, [](FakeServer& s, const WireFrame& f) {
        s.replyError(f, Error::make(ErrorCode::kOperationUnsupported, ErrorDomain::kRpc, "x"));
    });
    auto conn = server.open("test+unix:///default?socket=/x").value();
    auto type = conn->connect().getType();
    ASSERT_FALSE(type);
    EXPECT_EQ(type.error().code, ErrorCode::kNoSupport);
    EXPECT_EQ(type.error().domain, ErrorDomain::kRpc);
    EXPECT_EQ(type.error().message, "unknown procedure: 3");
    EXPECT_EQ(conn->connect().getVersion().error().code, ErrorCode::kNoSupport);
    EXPECT_EQ(conn->connect().getHostname().error().code, ErrorCode::kRpc);
    EXPECT_EQ(conn->connect().getCapabilities().error().code, ErrorCode::kOperationUnsupported);
}

TEST(ReplyDecodingTest, WidenedCharsAndInfoStructs) {
    FakeServer server;
    server.on(6, [](FakeServer& s, const WireFrame& f) {
        s.reply(f, p::NodeGetInfoRet{"i686", 3145728, 16, 1400, 2, 2, 2, 2});
    });
    server.on(16, [](FakeServer& s, const WireFrame& f) {
        s.reply(f, p::DomainGetInfoRet{1, 8388608, 2097152, 2, 12345});
    });
    auto conn = server.open("test+unix:///default?socket=/x").value();
    auto info = conn->connect().nodeGetInfo();
    ASSERT_TRUE(info) << info.error().message;
    EXPECT_EQ(info->model, "i686");
    EXPECT_EQ(info->memory_kib, 3145728u);
    EXPECT_EQ(info->cpus, 16u);
    EXPECT_EQ(info->mhz, 1400u);
    // The request went out as the census frame; the reply carried 32 widened chars.
    auto dom = conn->domainLifecycle().getInfo({"test", Uuid::generate(), 1});
    ASSERT_TRUE(dom);
    EXPECT_EQ(dom->state, DomainState::kRunning);
    EXPECT_EQ(dom->max_mem_kib, 8388608u);
    EXPECT_EQ(dom->nr_virt_cpu, 2u);
    EXPECT_EQ(dom->cpu_time_ns, 12345u);
}

// --- closing

TEST(CloseTest, ServerEofReportsReasonEofOnce) {
    FakeServer server;
    auto conn = server.open("test+unix:///default?socket=/x").value();
    std::atomic<int> reason{-1};
    std::atomic<int> calls{0};
    conn->setCloseHandler([&](int r) {
        reason = r;
        ++calls;
    });
    server.closeConnection();
    ASSERT_TRUE(server.waitUntil([&](const auto&) { return calls.load() > 0; }));
    EXPECT_EQ(reason.load(), static_cast<int>(lv::kConnectCloseReasonEof));
    auto after = conn->connect().getType();
    ASSERT_FALSE(after);
    conn->close();
    EXPECT_EQ(calls.load(), 1);
}

TEST(CloseTest, ServerConnectionClosedEventCarriesItsReason) {
    FakeServer server;
    auto conn = server.open("test+unix:///default?socket=/x").value();
    std::atomic<int> reason{-1};
    conn->setCloseHandler([&](int r) { reason = r; });
    server.sendEvent(pr::ConnectEventConnectionClosed::kNumber,
                     protocol::encodePayload(p::ConnectEventConnectionClosedMsg{2}).value());
    ASSERT_TRUE(server.waitUntil([&](const auto&) { return reason.load() >= 0; }));
    EXPECT_EQ(reason.load(), 2);
}

TEST(CloseTest, KeepaliveTimeoutClosesWithReasonKeepalive) {
    FakeServer server;
    server.setAnswerPings(false);
    auto conn = server.open("test+unix:///default?socket=/x", 0, milliseconds(20)).value();
    std::atomic<int> reason{-1};
    conn->setCloseHandler([&](int r) { reason = r; });
    ASSERT_TRUE(server.waitUntil([&](const auto&) { return reason.load() >= 0; }));
    EXPECT_EQ(reason.load(), static_cast<int>(lv::kConnectCloseReasonKeepalive));
    auto frames = server.received();
    bool pinged = false;
    for (const auto& f : frames) pinged |= f.prog == kKeepaliveProg && f.proc == 1;
    EXPECT_TRUE(pinged);
}

TEST(CloseTest, ServerPingIsAnsweredWithPong) {
    FakeServer server;
    auto conn = server.open("test+unix:///default?socket=/x").value();
    server.send(WireFrame{kKeepaliveProg, 1, 1, kMessage, 0, kOk, {}, {}});
    EXPECT_TRUE(server.waitUntil([](const auto& frames) {
        for (const auto& f : frames) {
            if (f.prog == kKeepaliveProg && f.proc == 2 && f.type == kMessage) return true;
        }
        return false;
    }));
}

}  // namespace
}  // namespace nodevirt::remote
