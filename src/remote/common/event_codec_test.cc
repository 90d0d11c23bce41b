#include "remote/common/event_codec.h"

#include <gtest/gtest.h>

namespace nodevirt::remote {
namespace {

std::string hex(const std::string& s) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (unsigned char c : s) {
        out.push_back(digits[c >> 4]);
        out.push_back(digits[c & 15]);
    }
    return out;
}

driver::DomainRef testDomain() {
    return {"test", *Uuid::parse("6695eb01-f6a4-8304-79aa-97f2502e193f"), 1};
}

TEST(EventCodecTest, LifecycleMatchesCensusBytes) {
    driver::DomainEvent ev{0, testDomain(), driver::LifecycleEvent{3, 0}};
    auto enc = encodeDomainEvent(ev, 0);
    ASSERT_TRUE(enc.has_value());
    EXPECT_EQ(enc->proc, 318);
    EXPECT_EQ(hex(enc->payload),
              "00000000" "00000004" "74657374" "6695eb01f6a4830479aa97f2502e193f" "00000001"
              "00000003" "00000000");
    auto legacy = encodeLegacyDomainEvent(ev);
    ASSERT_TRUE(legacy.has_value());
    EXPECT_EQ(legacy->proc, 107);
    EXPECT_EQ(legacy->payload, enc->payload.substr(4));
}

TEST(EventCodecTest, ProcTables) {
    EXPECT_EQ(domainEventProc(16), 339);
    EXPECT_EQ(domainEventProc(26), 438);
    EXPECT_EQ(domainEventProc(27), -1);
    EXPECT_EQ(legacyDomainEventProc(15), 311);
    EXPECT_EQ(legacyDomainEventProc(16), -1);
    bool legacy = false;
    EXPECT_EQ(domainEventIdOfProc(379, &legacy), 23);
    EXPECT_FALSE(legacy);
    EXPECT_EQ(domainEventIdOfProc(276, &legacy), 13);
    EXPECT_TRUE(legacy);
    EXPECT_EQ(domainEventIdOfProc(1), -1);
}

TEST(EventCodecTest, RoundTripsThroughDecode) {
    std::vector<driver::DomainEvent> events = {
        {0, testDomain(), driver::LifecycleEvent{5, 1}},
        {1, testDomain(), driver::NoPayload{}},
        {2, testDomain(), driver::RtcChangeEvent{-12}},
        {6, testDomain(), driver::IoErrorEvent{"/p", "vda", 2, "enospc"}},
        {9, testDomain(), driver::DiskChangeEvent{std::nullopt, "/new", "fdc0-0-0", 1}},
        {12, testDomain(), driver::PmEvent{0}},
        {13, testDomain(), driver::BalloonChangeEvent{4096}},
        {16, testDomain(), driver::BlockJobEvent{"vda", 2, 0}},
        {17, testDomain(), driver::TunableEvent{{{"cputune.vcpu0", std::string("1-2")}}}},
        {19, testDomain(), driver::DeviceAliasEvent{"net1"}},
        {23, testDomain(), driver::MetadataChangeEvent{2, "http://x/"}},
    };
    for (const auto& ev : events) {
        auto enc = encodeDomainEvent(ev, 7);
        ASSERT_TRUE(enc.has_value()) << ev.event_id;
        auto dec = decodeDomainEvent(enc->proc, enc->payload);
        ASSERT_TRUE(dec.has_value()) << ev.event_id << dec.error().message;
        EXPECT_EQ(dec->callback_id, 7);
        EXPECT_EQ(dec->event.event_id, ev.event_id);
        EXPECT_EQ(dec->event.dom.name, "test");
        EXPECT_EQ(dec->event.payload.index(), ev.payload.index()) << ev.event_id;
    }
    auto dec = decodeDomainEvent(domainEventProc(23), encodeDomainEvent(events.back(), 1)->payload);
    EXPECT_EQ(std::get<driver::MetadataChangeEvent>(dec->event.payload).nsuri, "http://x/");
}

TEST(EventCodecTest, MismatchedPayloadIsNotDelivered) {
    driver::DomainEvent ev{0, testDomain(), driver::NoPayload{}};
    EXPECT_FALSE(encodeDomainEvent(ev, 0).has_value());
    ev.event_id = 5;  // GRAPHICS has no driver payload type
    EXPECT_FALSE(encodeDomainEvent(ev, 0).has_value());
    ev.event_id = 27;
    EXPECT_FALSE(encodeDomainEvent(ev, 0).has_value());
}

TEST(EventCodecTest, OtherFamilies) {
    driver::NetworkEvent net{0, {"default", {}}, 2, 0};
    auto n = encodeNetworkEvent(net, 3);
    ASSERT_TRUE(n.has_value());
    EXPECT_EQ(n->proc, 315);
    auto nd = decodeNetworkEvent(n->proc, n->payload);
    ASSERT_TRUE(nd.has_value());
    EXPECT_EQ(nd->callback_id, 3);
    EXPECT_EQ(nd->event.event, 2);
    driver::StoragePoolEvent refresh{1, {"default-pool", {}}, 0, 0};
    auto p = encodeStoragePoolEvent(refresh, 4);
    ASSERT_TRUE(p.has_value());
    EXPECT_EQ(p->proc, 373);
    EXPECT_EQ(decodeStoragePoolEvent(p->proc, p->payload)->event.event_id, 1);
    EXPECT_EQ(encodeNodeDeviceEvent({1, {"computer"}, 0, 0}, 0)->proc, 377);
    EXPECT_EQ(encodeSecretEvent({0, {}, 0, 0}, 0)->proc, 382);
    EXPECT_FALSE(encodeSecretEvent({2, {}, 0, 0}, 0).has_value());
    EXPECT_FALSE(decodeNetworkEvent(316, n->payload).has_value());
}

}  // namespace
}  // namespace nodevirt::remote
