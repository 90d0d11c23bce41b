// Argument checks the client library makes before any driver call, with libvirt's wording
// (checked against python3-libvirt on libvirt 9.0 where the check exists there).
#include <gtest/gtest.h>

#include "client/testing/api_case.h"
#include "client/testing/fake_driver.h"
#include "nodevirt/constants.h"

namespace nodevirt::client::testing {
namespace {

struct ArgCase {
    std::string label;
    std::function<Error(Handles)> call;
    ErrorCode code;
    std::string message;
};

#define ARG(label, expr, code, msg)                               \
    ArgCase {                                                     \
        label, [](Handles h) { return errorOf(expr); }, code, msg \
    }

std::vector<ArgCase> argCases() {
    constexpr auto kArg = ErrorCode::kInvalidArg;
    return {
        ARG("lookupDomainById negative", h.conn.lookupDomainById(-1), kArg,
            "id in virDomainLookupByID must be zero or greater"),
        ARG("lookupDomainByUuidString bad", h.conn.lookupDomainByUuidString("nope"), kArg,
            "Invalid UUID"),
        ARG("lookupNetworkByUuidString bad", h.conn.lookupNetworkByUuidString("zz"), kArg,
            "uuidstr in virNetworkLookupByUUIDString must be a valid UUID"),
        ARG("lookupStoragePoolByUuidString bad", h.conn.lookupStoragePoolByUuidString("zz"), kArg,
            "uuidstr in virStoragePoolLookupByUUIDString must be a valid UUID"),
        ARG("lookupSecretByUuidString bad", h.conn.lookupSecretByUuidString("zz"), kArg,
            "uuidstr in virSecretLookupByUUIDString must be a valid UUID"),
        ARG("listDomainIds negative", h.conn.listDomainIds(-1), kArg,
            "maxids in virConnectListDomains must be zero or greater"),
        ARG("listDefinedDomains negative", h.conn.listDefinedDomains(-1), kArg,
            "maxnames in virConnectListDefinedDomains must be zero or greater"),
        ARG("listNetworks negative", h.conn.listNetworks(-1), kArg,
            "maxnames in virConnectListNetworks must be zero or greater"),
        ARG("listSecrets negative", h.conn.listSecrets(-1), kArg,
            "maxuuids in virConnectListSecrets must be zero or greater"),
        ARG("pool.listVolumes negative", h.pool.listVolumes(-1), kArg,
            "maxnames in virStoragePoolListVolumes must be zero or greater"),
        ARG("snapshotListNames negative", h.dom.snapshotListNames(-1), kArg,
            "nameslen in virDomainSnapshotListNames must be zero or greater"),
        ARG("nodeCpuStats below -1", h.conn.nodeCpuStats(-2), kArg,
            "cpuNum in virNodeGetCPUStats only accepts -1 as a negative value"),
        ARG("nodeMemoryStats below -1", h.conn.nodeMemoryStats(-2), kArg,
            "cellNum in virNodeGetMemoryStats only accepts -1 as a negative value"),
        ARG("nodeCellsFreeMemory no cells", h.conn.nodeCellsFreeMemory(0, 0), kArg,
            "maxCells in virNodeGetCellsFreeMemory must be greater than zero"),
        ARG("setMemory zero", h.dom.setMemory(0), kArg,
            "memory in virDomainSetMemory must not be zero"),
        ARG("setMemory flags zero", h.dom.setMemory(0, 1), kArg,
            "memory in virDomainSetMemoryFlags must not be zero"),
        ARG("setMaxMemory zero", h.dom.setMaxMemory(0), kArg,
            "memory in virDomainSetMaxMemory must not be zero"),
        ARG("setVcpus zero", h.dom.setVcpus(0, 1), kArg,
            "nvcpus in virDomainSetVcpusFlags must not be zero"),
        ARG("setMemoryStatsPeriod negative", h.dom.setMemoryStatsPeriod(-1), kArg,
            "period in virDomainSetMemoryStatsPeriod must be zero or greater"),
        ARG("rename empty", h.dom.rename(""), kArg,
            "string new_name in virDomainRename must not be empty"),
        ARG("sendKey none", h.dom.sendKey(0, 0, {}), kArg,
            "nkeycodes in virDomainSendKey must be greater than zero"),
        ARG("sendKey too many", h.dom.sendKey(0, 0, std::vector<unsigned>(17, 1)), kArg,
            "nkeycodes in virDomainSendKey must be <= 16"),
        ARG("pinVcpu empty map", h.dom.pinVcpu(0, {}), kArg,
            "maplen in virDomainPinVcpu must be greater than zero"),
        ARG("metadata element needs uri", h.dom.metadata(2, std::nullopt), kArg,
            "uri in virDomainGetMetadata must not be NULL"),
        ARG("metadata title takes no uri", h.dom.metadata(0, "http://x"), kArg,
            "uri in virDomainGetMetadata must be NULL"),
        ARG("setMetadata element needs key", h.dom.setMetadata(2, "<a/>", std::nullopt, "http://x"),
            kArg, "key in virDomainSetMetadata must not be NULL"),
        ARG("setMetadata title takes no uri", h.dom.setMetadata(0, "a", std::nullopt, "http://x"),
            kArg, "uri in virDomainSetMetadata must be NULL"),
        ARG("cpuStats bad start", h.dom.cpuStats(-2, 1), kArg,
            "start_cpu in virDomainGetCPUStats must be zero or greater"),
        ARG("registerDomainEvent bad id",
            h.conn.registerDomainEvent(27, std::nullopt, [](const DomainEvent&) {}), kArg,
            "eventID in virConnectDomainEventRegisterAny must be less than 27"),
        ARG("registerDomainEvent no callback", h.conn.registerDomainEvent(0, std::nullopt, nullptr),
            kArg, "cb in virConnectDomainEventRegisterAny must not be NULL"),
        ARG("registerNetworkEvent bad id",
            h.conn.registerNetworkEvent(1, std::nullopt, [](const NetworkEvent&) {}), kArg,
            "eventID in virConnectNetworkEventRegisterAny must be less than 1"),
        ARG("deregister unknown", h.conn.deregisterDomainEvent(1234), kArg,
            "invalid argument: could not find event callback 1234 for deletion"),
        ARG("baselineCpu none", h.conn.baselineCpu({}), kArg,
            "ncpus in virConnectBaselineCPU must be greater than zero"),
    };
}

TEST(ArgsTest, RejectedBeforeTheDriverWithLibvirtsWording) {
    FakeDrivers fakes;
    auto conn = openConnection(fakes.set, "test:///default", OpenFlags::kNone);
    ASSERT_TRUE(conn);
    Handles h = makeHandles(*conn);
    for (const auto& c : argCases()) {
        Error e = c.call(h);
        EXPECT_EQ(e.code, c.code) << c.label << ": " << e.message;
        EXPECT_EQ(e.message, c.message) << c.label;
    }
}

TEST(ArgsTest, ReadOnlyDenialComesBeforeArgumentChecks) {
    FakeDrivers fakes;
    auto conn = openConnection(fakes.set, "test:///default", OpenFlags::kReadOnly);
    ASSERT_TRUE(conn);
    Handles h = makeHandles(*conn);
    auto st = h.dom.setMemory(0);
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().message,
              "operation forbidden: read only access prevents virDomainSetMemory");
}

TEST(ArgsTest, SecureXmlNeedsWriteAccess) {
    FakeDrivers fakes;
    auto conn = openConnection(fakes.set, "test:///default", OpenFlags::kReadOnly);
    ASSERT_TRUE(conn);
    Handles h = makeHandles(*conn);
    auto xml = h.dom.xmlDesc(lv::kDomainXmlSecure);
    ASSERT_FALSE(xml);
    EXPECT_EQ(xml.error().code, ErrorCode::kOperationDenied);
    EXPECT_EQ(xml.error().message, "operation forbidden: virDomainGetXMLDesc with secure flag");
    auto snap = h.snap.xmlDesc(lv::kDomainSnapshotXmlSecure);
    ASSERT_FALSE(snap);
    EXPECT_EQ(snap.error().message,
              "operation forbidden: virDomainSnapshotGetXMLDesc with secure flag");
    auto managed = h.dom.managedSaveXmlDesc(lv::kDomainSaveImageXmlSecure);
    ASSERT_FALSE(managed);
    EXPECT_EQ(managed.error().message,
              "operation forbidden: virDomainManagedSaveGetXMLDesc with secure flag");
    // Without the flag the call reaches the driver.
    auto plain = h.dom.xmlDesc(0);
    ASSERT_FALSE(plain);
    EXPECT_EQ(plain.error().code, ErrorCode::kNoSupport);
}

TEST(ArgsTest, ArgumentErrorCarriesFunctionAndArgumentNames) {
    FakeDrivers fakes;
    auto conn = openConnection(fakes.set, "test:///default", OpenFlags::kNone);
    ASSERT_TRUE(conn);
    auto r = conn->lookupDomainById(-1);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().domain, ErrorDomain::kDomain);
    EXPECT_EQ(r.error().str1, "virDomainLookupByID");
    EXPECT_EQ(r.error().str2, "id");
}

TEST(ArgsTest, MemoryStatsForNoStatsAsksNoDriver) {
    FakeDrivers fakes;
    auto conn = openConnection(fakes.set, "test:///default", OpenFlags::kNone);
    ASSERT_TRUE(conn);
    auto stats = makeHandles(*conn).dom.memoryStats(0);
    ASSERT_TRUE(stats) << stats.error().message;
    EXPECT_TRUE(stats->empty());
}

}  // namespace
}  // namespace nodevirt::client::testing
