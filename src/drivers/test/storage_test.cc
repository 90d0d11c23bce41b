#include "driver/libvirt_constants.h"
#include "drivers/test/test_fixture.h"

namespace nodevirt::drivers::test {
namespace {

using namespace lv;

constexpr const char* kPool1 =
    "<pool type='dir'><name>pool1</name><uuid>77777777-0000-0000-0000-000000000001</uuid>"
    "<target><path>/var/lib/nodevirt/pool1</path></target></pool>";

class StorageTest : public TestDriverTest {
protected:
    StorageOps& st() { return conn_->storage(); }
    StoragePoolRef defaultPool() { return *st().lookupPoolByName("default-pool"); }
};

TEST_F(StorageTest, DefaultPoolHasFakeCapacityAndNoVolumes) {
    auto p = defaultPool();
    ASSERT_OK_AND_ASSIGN(auto info, st().getPoolInfo(p));
    EXPECT_EQ(info.state, static_cast<int>(kStoragePoolRunning));
    EXPECT_EQ(info.capacity, 107374182400u);
    EXPECT_EQ(info.allocation, 0u);
    EXPECT_EQ(*st().numOfVolumes(p), 0);
    ASSERT_OK_AND_ASSIGN(auto xml, st().getPoolXmlDesc(p, 0));
    EXPECT_NE(xml.find("<available unit='bytes'>107374182400</available>"), std::string::npos) << xml;
}

TEST_F(StorageTest, PoolLifecycleAndErrors) {
    std::vector<std::pair<int, int>> events;
    ASSERT_OK(conn_->events().registerStoragePoolEvent(0, std::nullopt, [&](const driver::StoragePoolEvent& e) {
        events.emplace_back(e.event, e.detail);
    }));
    ASSERT_OK_AND_ASSIGN(auto p, st().definePoolXml(kPool1, 0));
    ASSERT_OK_AND_ASSIGN(auto info, st().getPoolInfo(p));
    EXPECT_EQ(info.state, static_cast<int>(kStoragePoolInactive));
    EXPECT_ERROR(st().createVolXml(p, "<volume><name>a</name><capacity>1</capacity></volume>", 0), kOperationInvalid,
                 kTest, "Requested operation is not valid: storage pool 'pool1' is not active");
    EXPECT_ERROR(st().listAllVolumes(p, 0), kOperationInvalid, kTest,
                 "Requested operation is not valid: storage pool is not active");
    ASSERT_OK(st().buildPool(p, 0));
    ASSERT_OK(st().createPool(p, 0));
    EXPECT_ERROR(st().createPool(p, 0), kOperationInvalid, kTest,
                 "Requested operation is not valid: storage pool 'pool1' is active");
    ASSERT_OK(st().refreshPool(p, 0));
    ASSERT_OK(st().destroyPool(p));
    EXPECT_ERROR(st().destroyPool(p), kOperationInvalid, kTest,
                 "Requested operation is not valid: storage pool 'pool1' is not active");
    ASSERT_OK(st().undefinePool(p));
    EXPECT_ERROR(st().lookupPoolByName("pool1"), kNoStoragePool, kTest,
                 "Storage pool not found: no storage pool with matching name 'pool1'");
    EXPECT_EQ(events, (std::vector<std::pair<int, int>>{{0, 0}, {4, 0}, {2, 0}, {3, 0}, {1, 0}}));
}

TEST_F(StorageTest, VolumesAccountForPoolAllocation) {
    auto p = defaultPool();
    ASSERT_OK_AND_ASSIGN(auto v, st().createVolXml(p,
                                                   "<volume><name>disk1.qcow2</name><capacity unit='G'>1</capacity>"
                                                   "<target><format type='qcow2'/></target></volume>",
                                                   0));
    EXPECT_EQ(v.key, "/default-pool/disk1.qcow2");
    EXPECT_EQ(*st().getVolPath(v), "/default-pool/disk1.qcow2");
    ASSERT_OK_AND_ASSIGN(auto info, st().getPoolInfo(p));
    EXPECT_EQ(info.allocation, 1073741824u);
    EXPECT_EQ(info.available, 107374182400u - 1073741824u);
    ASSERT_OK_AND_ASSIGN(auto vinfo, st().getVolInfo(v, 0));
    EXPECT_EQ(vinfo.capacity, 1073741824u);
    ASSERT_OK_AND_ASSIGN(auto xml, st().getVolXmlDesc(v, 0));
    EXPECT_NE(xml.find("<format type='qcow2'/>"), std::string::npos) << xml;
    EXPECT_ERROR(st().createVolXml(p, "<volume><name>disk1.qcow2</name><capacity>1</capacity></volume>", 0),
                 kOperationFailed, kTest, "operation failed: storage vol already exists");
    EXPECT_ERROR(st().createVolXml(p, "<volume><name>big</name><capacity unit='T'>1</capacity></volume>", 0),
                 kInternalError, kTest, "internal error: Not enough free space in pool for volume 'big'");
    ASSERT_OK_AND_ASSIGN(auto byKey, st().lookupVolByKey("/default-pool/disk1.qcow2"));
    EXPECT_EQ(byKey.name, "disk1.qcow2");
    EXPECT_ERROR(st().lookupVolByPath("nope"), kNoStorageVol, kTest,
                 "Storage volume not found: no storage vol with matching path 'nope'");
    ASSERT_OK(st().deleteVol(v, 0));
    ASSERT_OK_AND_ASSIGN(info, st().getPoolInfo(p));
    EXPECT_EQ(info.allocation, 0u);
}

TEST_F(StorageTest, UploadDownloadResizeWipe) {
    auto p = defaultPool();
    ASSERT_OK_AND_ASSIGN(auto v, st().createVolXml(p, "<volume><name>v</name><capacity>16</capacity></volume>", 0));
    ASSERT_OK_AND_ASSIGN(auto up, st().uploadVol(v, 4, 0, 0));
    ASSERT_OK(up->write("abcd"));
    ASSERT_OK(up->finish());
    ASSERT_OK_AND_ASSIGN(auto down, st().downloadVol(v, 0, 0, 0));
    std::string bytes;
    for (int i = 0; i < 100; ++i) {
        ASSERT_OK_AND_ASSIGN(auto r, down->read(5));
        bytes += r.data;
        if (r.eof) break;
    }
    EXPECT_EQ(bytes, std::string("\0\0\0\0abcd", 8) + std::string(8, '\0'));
    ASSERT_OK_AND_ASSIGN(auto tooMuch, st().uploadVol(v, 0, 0, 0));
    EXPECT_FALSE(tooMuch->write(std::string(17, 'x')));
    ASSERT_OK(st().resizeVol(v, 32, 0));
    EXPECT_EQ(st().getVolInfo(v, 0)->capacity, 32u);
    EXPECT_FALSE(st().resizeVol(v, 8, 0));
    ASSERT_OK(st().resizeVol(v, 8, kStorageVolResizeShrink));
    ASSERT_OK(st().wipeVol(v, 0, 0));
}

TEST_F(StorageTest, FindPoolSources) {
    ASSERT_OK_AND_ASSIGN(auto logical, st().findPoolSources("logical", std::nullopt, 0));
    EXPECT_NE(logical.find("<name>testvg2</name>"), std::string::npos) << logical;
    EXPECT_ERROR(st().findPoolSources("netfs", std::nullopt, 0), kInvalidArg, kTest,
                 "invalid argument: hostname must be specified for netfs sources");
    ASSERT_OK_AND_ASSIGN(auto netfs, st().findPoolSources("netfs", std::string("<source><host name='h'/></source>"), 0));
    EXPECT_NE(netfs.find("<dir path='/testshare'/>"), std::string::npos) << netfs;
    EXPECT_ERROR(st().findPoolSources("dir", std::nullopt, 0), kInternalError, kTest,
                 "internal error: unknown storage pool type dir");
}

}  // namespace
}  // namespace nodevirt::drivers::test
