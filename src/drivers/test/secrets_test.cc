#include "driver/libvirt_constants.h"
#include "drivers/test/test_fixture.h"

namespace nodevirt::drivers::test {
namespace {

constexpr const char* kSecret =
    "<secret ephemeral='no' private='yes'><uuid>55555555-0000-0000-0000-000000000001</uuid>"
    "<usage type='volume'><volume>/var/lib/a.img</volume></usage></secret>";

using SecretTest = TestDriverTest;

TEST_F(SecretTest, DefineValueUndefine) {
    SecretOps& s = conn_->secrets();
    std::vector<std::pair<int, int>> events;
    ASSERT_OK(conn_->events().registerSecretEvent(1, std::nullopt, [&](const driver::SecretEvent& e) {
        events.emplace_back(e.event_id, e.event);
    }));
    ASSERT_OK_AND_ASSIGN(auto ref, s.defineXml(kSecret, 0));
    EXPECT_EQ(ref.usage_id, "/var/lib/a.img");
    EXPECT_EQ(*s.numOfSecrets(), 1);
    ASSERT_OK_AND_ASSIGN(auto byUsage, s.lookupByUsage(static_cast<int>(lv::kSecretUsageTypeVolume), "/var/lib/a.img"));
    EXPECT_EQ(byUsage.uuid, ref.uuid);
    EXPECT_ERROR(s.getValue(ref, 0, true), kNoSecret, kSecret,
                 "Secret not found: secret '55555555-0000-0000-0000-000000000001' does not have a value");
    ASSERT_OK(s.setValue(ref, "s3cr3t", 0));
    EXPECT_EQ(*s.getValue(ref, 0, true), "s3cr3t");
    EXPECT_ERROR(s.getValue(ref, 0, false), kInvalidSecret, kSecret, "Invalid secret: secret is private");
    ASSERT_OK_AND_ASSIGN(auto listed, s.listAll(lv::kConnectListSecretsPrivate));
    EXPECT_EQ(listed.size(), 1u);
    ASSERT_OK_AND_ASSIGN(listed, s.listAll(lv::kConnectListSecretsNoPrivate));
    EXPECT_TRUE(listed.empty());
    ASSERT_OK(s.undefine(ref));
    EXPECT_FALSE(s.lookupByUuid(ref.uuid));
    EXPECT_EQ(events, (std::vector<std::pair<int, int>>{{1, 0}}));
}

TEST_F(SecretTest, UsageMustBeUnique) {
    SecretOps& s = conn_->secrets();
    ASSERT_OK(s.defineXml(kSecret, 0));
    std::string other(kSecret);
    other.replace(other.find("000000000001"), 12, "000000000002");
    auto r = s.defineXml(other, 0);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("already defined for use with volume /var/lib/a.img"), std::string::npos)
        << r.error().message;
}

}  // namespace
}  // namespace nodevirt::drivers::test
