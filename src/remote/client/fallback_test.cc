// libvirt's client sequences and fallbacks when a server lacks a procedure (census §5.2):
// LIST_ALL_* → NUM_OF/LIST + lookups, UNDEFINE_FLAGS → UNDEFINE, GET_STATE → GET_INFO, and
// DOMAIN_CREATE followed by LOOKUP_BY_UUID.
#include <gtest/gtest.h>

#include "driver/libvirt_constants.h"
#include "protocol/generated/traits.h"
#include "remote/common/convert.h"
#include "remote/client/testing/fake_server.h"

namespace nodevirt::remote {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
namespace p = protocol;

const Uuid kRunning = Uuid::parse("6695eb01-f6a4-8304-79aa-97f2502e193f").value();
const Uuid kStopped = Uuid::parse("11111111-2222-3333-4444-555555555555").value();

template <typename Args>
Args argsOf(const WireFrame& f) {
    return protocol::decodePayload<Args>(f.payload).value();
}

// A server from before CONNECT_LIST_ALL_DOMAINS: one running domain (id 1), one defined.
void scriptOldDomainServer(FakeServer& s) {
    s.on(51, [](FakeServer& srv, const WireFrame& f) { srv.reply(f, p::ConnectNumOfDomainsRet{1}); });
    s.on(37, [](FakeServer& srv, const WireFrame& f) {
        EXPECT_EQ(argsOf<p::ConnectListDomainsArgs>(f).maxids, 1);
        srv.reply(f, p::ConnectListDomainsRet{{1}});
    });
    s.on(25, [](FakeServer& srv, const WireFrame& f) {
        srv.reply(f, p::ConnectNumOfDefinedDomainsRet{1});
    });
    s.on(21, [](FakeServer& srv, const WireFrame& f) {
        srv.reply(f, p::ConnectListDefinedDomainsRet{{"stopped"}});
    });
    s.on(22, [](FakeServer& srv, const WireFrame& f) {
        EXPECT_EQ(argsOf<p::DomainLookupByIdArgs>(f).id, 1);
        srv.reply(f, p::DomainLookupByIdRet{{"test", kRunning, 1}});
    });
    s.on(23, [](FakeServer& srv, const WireFrame& f) {
        EXPECT_EQ(argsOf<p::DomainLookupByNameArgs>(f).name, "stopped");
        srv.reply(f, p::DomainLookupByNameRet{{"stopped", kStopped, -1}});
    });
    s.on(151, [](FakeServer& srv, const WireFrame& f) {
        bool stopped = argsOf<p::DomainIsPersistentArgs>(f).dom.uuid == kStopped;
        srv.reply(f, p::DomainIsPersistentRet{stopped ? 1 : 0});
    });
}

TEST(FallbackTest, ListAllDomainsFallsBackToTheOldCalls) {
    FakeServer server;
    scriptOldDomainServer(server);
    auto conn = server.open("test+unix:///default?socket=/x").value();
    size_t handshake = server.calls().size();
    auto all = conn->domainLifecycle().listAll(lv::kConnectListDomainsActive |
                                               lv::kConnectListDomainsInactive);
    ASSERT_TRUE(all) << all.error().message;
    ASSERT_EQ(all->size(), 2u);
    EXPECT_EQ((*all)[0].name, "test");
    EXPECT_EQ((*all)[0].id, 1);
    EXPECT_EQ((*all)[1].name, "stopped");
    EXPECT_EQ((*all)[1].id, -1);
    auto procs = server.callProcs();
    EXPECT_EQ(std::vector<int32_t>(procs.begin() + static_cast<long>(handshake), procs.end()),
              (std::vector<int32_t>{273, 51, 37, 22, 25, 21, 23}));
}

TEST(FallbackTest, ListAllFiltersAreAppliedOnTheClient) {
    FakeServer server;
    scriptOldDomainServer(server);
    auto conn = server.open("test+unix:///default?socket=/x").value();
    auto active = conn->domainLifecycle().listAll(lv::kConnectListDomainsActive);
    ASSERT_TRUE(active);
    ASSERT_EQ(active->size(), 1u);
    EXPECT_EQ((*active)[0].name, "test");
    auto persistent = conn->domainLifecycle().listAll(lv::kConnectListDomainsPersistent);
    ASSERT_TRUE(persistent) << persistent.error().message;
    ASSERT_EQ(persistent->size(), 1u);
    EXPECT_EQ((*persistent)[0].name, "stopped");
}

TEST(FallbackTest, ListAllErrorsOtherThanNoSupportAreReturned) {
    FakeServer server;
    server.on(273, [](FakeServer& s, const WireFrame& f) {
        s.replyError(f, Error::make(ErrorCode::kOperationUnsupported, ErrorDomain::kRpc, "x"));
    });
    auto conn = server.open("test+unix:///default?socket=/x").value();
    auto all = conn->domainLifecycle().listAll(0);
    ASSERT_FALSE(all);
    EXPECT_EQ(all.error().code, ErrorCode::kOperationUnsupported);
    EXPECT_EQ(server.callProcs().back(), 273);
}

TEST(FallbackTest, UndefineFlagsFallsBackToUndefineOnlyWithoutFlags) {
    FakeServer server;
    server.on(35, [](FakeServer& s, const WireFrame& f) { s.reply(f, p::Void{}); });
    auto conn = server.open("test+unix:///default?socket=/x").value();
    driver::DomainRef dom{"stopped", kStopped, -1};
    ASSERT_TRUE(conn->domainLifecycle().undefine(dom, 0));
    EXPECT_EQ(server.callProcs().back(), 35);
    auto undef = argsOf<p::DomainUndefineArgs>(server.calls().back());
    EXPECT_EQ(undef.dom.name, "stopped");
    EXPECT_EQ(undef.dom.uuid, kStopped);
    EXPECT_EQ(undef.dom.id, -1);
    auto with_flags = conn->domainLifecycle().undefine(dom, lv::kDomainUndefineNvram);
    ASSERT_FALSE(with_flags);
    EXPECT_EQ(with_flags.error().code, ErrorCode::kNoSupport);
    EXPECT_EQ(server.callProcs().back(), 231);
}

TEST(FallbackTest, CreateLooksTheDomainUpAgainToLearnItsId) {
    FakeServer server;
    server.on(9, [](FakeServer& s, const WireFrame& f) { s.reply(f, p::Void{}); });
    server.on(24, [](FakeServer& s, const WireFrame& f) {
        EXPECT_EQ(argsOf<p::DomainLookupByUuidArgs>(f).uuid, kStopped);
        s.reply(f, p::DomainLookupByUuidRet{{"stopped", kStopped, 7}});
    });
    server.on(196, [](FakeServer& s, const WireFrame& f) {
        auto a = argsOf<p::DomainCreateWithFlagsArgs>(f);
        s.reply(f, p::DomainCreateWithFlagsRet{{a.dom.name, a.dom.uuid, 8}});
    });
    auto conn = server.open("test+unix:///default?socket=/x").value();
    auto started = conn->domainLifecycle().create({"stopped", kStopped, -1}, 0);
    ASSERT_TRUE(started) << started.error().message;
    EXPECT_EQ(started->id, 7);
    auto procs = server.callProcs();
    EXPECT_EQ(procs[procs.size() - 2], 9);
    EXPECT_EQ(procs.back(), 24);
    auto paused = conn->domainLifecycle().create({"stopped", kStopped, -1}, lv::kDomainStartPaused);
    ASSERT_TRUE(paused);
    EXPECT_EQ(paused->id, 8);
    EXPECT_EQ(server.callProcs().back(), 196);
}

TEST(FallbackTest, GetStateFallsBackToGetInfo) {
    FakeServer server;
    server.on(16, [](FakeServer& s, const WireFrame& f) {
        s.reply(f, p::DomainGetInfoRet{3, 1024, 1024, 1, 0});
    });
    auto conn = server.open("test+unix:///default?socket=/x").value();
    auto st = conn->domainLifecycle().getState({"test", kRunning, 1}, 0);
    ASSERT_TRUE(st) << st.error().message;
    EXPECT_EQ(st->state, DomainState::kPaused);
    auto procs = server.callProcs();
    EXPECT_EQ(procs[procs.size() - 2], 212);
    EXPECT_EQ(procs.back(), 16);
}

TEST(FallbackTest, NetworksPoolsAndVolumesFallBack) {
    FakeServer server;
    const Uuid net_uuid = Uuid::generate();
    const Uuid pool_uuid = Uuid::generate();
    server.on(52, [](FakeServer& s, const WireFrame& f) { s.reply(f, p::ConnectNumOfNetworksRet{1}); });
    server.on(38, [](FakeServer& s, const WireFrame& f) {
        s.reply(f, p::ConnectListNetworksRet{{"default"}});
    });
    server.on(46, [&](FakeServer& s, const WireFrame& f) {
        s.reply(f, p::NetworkLookupByNameRet{{"default", net_uuid}});
    });
    server.on(71, [](FakeServer& s, const WireFrame& f) {
        s.reply(f, p::ConnectNumOfStoragePoolsRet{1});
    });
    server.on(72, [](FakeServer& s, const WireFrame& f) {
        s.reply(f, p::ConnectListStoragePoolsRet{{"default-pool"}});
    });
    server.on(84, [&](FakeServer& s, const WireFrame& f) {
        s.reply(f, p::StoragePoolLookupByNameRet{{"default-pool", pool_uuid}});
    });
    server.on(91, [](FakeServer& s, const WireFrame& f) {
        s.reply(f, p::StoragePoolNumOfVolumesRet{1});
    });
    server.on(92, [](FakeServer& s, const WireFrame& f) {
        s.reply(f, p::StoragePoolListVolumesRet{{"disk.img"}});
    });
    server.on(95, [](FakeServer& s, const WireFrame& f) {
        s.reply(f, p::StorageVolLookupByNameRet{{"default-pool", "disk.img", "/pool/disk.img"}});
    });
    auto conn = server.open("test+unix:///default?socket=/x").value();

    auto nets = conn->networks().listAll(lv::kConnectListNetworksActive);
    ASSERT_TRUE(nets) << nets.error().message;
    ASSERT_EQ(nets->size(), 1u);
    EXPECT_EQ((*nets)[0].uuid, net_uuid);

    auto pools = conn->storage().listAllPools(lv::kConnectListStoragePoolsActive);
    ASSERT_TRUE(pools) << pools.error().message;
    ASSERT_EQ(pools->size(), 1u);
    EXPECT_EQ((*pools)[0].name, "default-pool");

    auto vols = conn->storage().listAllVolumes((*pools)[0], 0);
    ASSERT_TRUE(vols) << vols.error().message;
    ASSERT_EQ(vols->size(), 1u);
    EXPECT_EQ((*vols)[0].key, "/pool/disk.img");

    std::vector<int32_t> expected = {283, 52, 38, 46, 281, 71, 72, 84, 282, 91, 92, 95};
    auto procs = server.callProcs();
    EXPECT_EQ(std::vector<int32_t>(procs.end() - static_cast<long>(expected.size()), procs.end()),
              expected);
}

TEST(TypedParamsTest, TwoCallGetterAsksForStringsWhenTheServerSupportsThem) {
    FakeServer server;
    std::vector<uint32_t> flags_seen;
    server.on(198, [&](FakeServer& s, const WireFrame& f) {
        auto a = argsOf<p::DomainGetMemoryParametersArgs>(f);
        flags_seen.push_back(a.flags);
        if (a.nparams == 0) return s.reply(f, p::DomainGetMemoryParametersRet{{}, 2});
        EXPECT_EQ(a.nparams, 2);
        TypedParams ps = {{"hard_limit", uint64_t{9007199254740991}}, {"label", std::string("x")}};
        s.reply(f, p::DomainGetMemoryParametersRet{toWireParams(ps), 2});
    });
    auto conn = server.open("test+unix:///default?socket=/x").value();
    auto params = conn->domainConfig().getMemoryParameters({"test", kRunning, 1}, 0);
    ASSERT_TRUE(params) << params.error().message;
    ASSERT_EQ(params->size(), 2u);
    EXPECT_EQ((*params)[0].field, "hard_limit");
    EXPECT_EQ(std::get<uint64_t>((*params)[0].value), 9007199254740991u);
    EXPECT_EQ(std::get<std::string>((*params)[1].value), "x");
    EXPECT_EQ(flags_seen, (std::vector<uint32_t>{4, 4}));  // VIR_TYPED_PARAM_STRING_OKAY
}

TEST(TypedParamsTest, NoStringFlagWhenTheServerLacksFeatureNine) {
    FakeServer server;
    server.setFeature(9, 0);
    std::vector<uint32_t> flags_seen;
    server.on(198, [&](FakeServer& s, const WireFrame& f) {
        flags_seen.push_back(argsOf<p::DomainGetMemoryParametersArgs>(f).flags);
        s.reply(f, p::DomainGetMemoryParametersRet{{}, 0});
    });
    auto conn = server.open("test+unix:///default?socket=/x").value();
    auto params = conn->domainConfig().getMemoryParameters({"test", kRunning, 1}, 2);
    ASSERT_TRUE(params);
    EXPECT_TRUE(params->empty());
    EXPECT_EQ(flags_seen, std::vector<uint32_t>{2});  // the count was 0: no second call
}

}  // namespace
}  // namespace nodevirt::remote
