#include "driver/libvirt_constants.h"
#include "drivers/test/test_fixture.h"

namespace nodevirt::drivers::test {
namespace {

using InterfaceTest = TestDriverTest;

TEST_F(InterfaceTest, DefaultInterfaceAndLookups) {
    InterfaceOps& i = conn_->interfaces();
    ASSERT_OK_AND_ASSIGN(auto eth1, i.lookupByName("eth1"));
    EXPECT_EQ(eth1.mac, "aa:bb:cc:dd:ee:ff");
    ASSERT_OK_AND_ASSIGN(auto byMac, i.lookupByMac("AA:BB:CC:DD:EE:FF"));
    EXPECT_EQ(byMac.name, "eth1");
    ASSERT_OK_AND_ASSIGN(auto xml, i.getXmlDesc(eth1, 0));
    EXPECT_NE(xml.find("<interface type='ethernet' name='eth1'>"), std::string::npos) << xml;
    EXPECT_NE(xml.find("<route gateway='192.168.0.1'/>"), std::string::npos);
    EXPECT_ERROR(i.getXmlDesc(eth1, 1), kInvalidArg, kTest, "unsupported flags (0x1) in function testInterfaceGetXMLDesc");
    EXPECT_ERROR(i.lookupByName("nope"), kNoInterface, kTest, "Interface not found: no interface with matching name 'nope'");
    EXPECT_ERROR(i.create(eth1, 0), kOperationInvalid, kTest, "Requested operation is not valid");
}

TEST_F(InterfaceTest, DefineDestroyAndTransactions) {
    InterfaceOps& i = conn_->interfaces();
    std::string xml = "<interface type='ethernet' name='eth5'><start mode='onboot'/>"
                      "<mac address='52:54:00:aa:00:05'/></interface>";
    ASSERT_OK(i.changeBegin(0));
    EXPECT_ERROR(i.changeBegin(0), kOperationInvalid, kTest,
                 "Requested operation is not valid: there is another transaction running.");
    ASSERT_OK_AND_ASSIGN(auto eth5, i.defineXml(xml, 0));
    EXPECT_FALSE(*i.isActive(eth5));
    EXPECT_EQ(*i.numOfDefinedInterfaces(), 1);
    ASSERT_OK(i.changeRollback(0));
    EXPECT_FALSE(i.lookupByName("eth5"));
    EXPECT_ERROR(i.changeCommit(0), kOperationInvalid, kTest,
                 "Requested operation is not valid: no transaction running, nothing to be committed.");
    ASSERT_OK_AND_ASSIGN(eth5, i.defineXml(xml, 0));
    ASSERT_OK(i.create(eth5, 0));
    ASSERT_OK(i.destroy(eth5, 0));
    EXPECT_ERROR(i.destroy(eth5, 0), kOperationInvalid, kTest, "Requested operation is not valid");
    ASSERT_OK(i.undefine(eth5));
    EXPECT_EQ(*i.numOfInterfaces(), 1);
}

}  // namespace
}  // namespace nodevirt::drivers::test
