// Decoding enforces every limit of the description before allocating, rejects truncated
// input cleanly, accepts trailing bytes (as libvirtd does), and encoding refuses values a
// libvirt peer would reject.
#include "xdr/limits.h"

#include <gtest/gtest.h>

#include "protocol/generated/types.h"
#include "protocol/payload.h"
#include "xdr/encoder.h"
#include "xdr/test_hex.h"

namespace nodevirt::protocol {
namespace {

using xdr::testing::fromHex;

// A payload made of a u32 count followed by `count` empty strings (4 zero bytes each).
std::string emptyStrings(uint32_t count) {
    std::string out;
    xdr::Encoder enc(out);
    enc.putU32(count);
    out.append(size_t{count} * 4, '\0');
    return out;
}

std::string countOnly(uint32_t count, size_t filler) {
    std::string out;
    xdr::Encoder enc(out);
    enc.putU32(count);
    out.append(filler, '\0');
    return out;
}

template <typename T>
std::string decodeError(std::string_view bytes) {
    auto r = decodePayload<T>(bytes);
    EXPECT_FALSE(r);
    return r ? std::string() : r.error().message;
}

TEST(LimitsTest, LimitValuesFromTheDescription) {
    EXPECT_EQ(kStringMax, xdr::kStringMax);
    EXPECT_EQ(kDomainListMax, 16384U);
    EXPECT_EQ(kNodeDeviceListMax, 65536U);
    EXPECT_EQ(kDomainMigrateParamListMax, 64U);
    EXPECT_EQ(kAuthTypeListMax, 20U);
    EXPECT_EQ(kSecurityLabelMax, 4097U);
}

TEST(LimitsTest, NameListsAtAndOverTheirMaximum) {
    auto at = decodePayload<NodeListDevicesRet>(emptyStrings(65536));
    ASSERT_TRUE(at) << at.error().message;
    EXPECT_EQ(at->names.size(), 65536U);
    EXPECT_NE(decodeError<NodeListDevicesRet>(emptyStrings(65537))
                  .find("array of 65537 elements exceeds the maximum of 65536 (field 'names')"),
              std::string::npos);
    EXPECT_TRUE(decodePayload<ConnectListDefinedDomainsRet>(emptyStrings(16384)));
    EXPECT_FALSE(decodePayload<ConnectListDefinedDomainsRet>(emptyStrings(16385)));
}

TEST(LimitsTest, HostileCountRejectedBeforeAllocation) {
    // 16384 domains claimed (each at least 24 bytes) in a 28-byte payload.
    std::string message = decodeError<ConnectListAllDomainsRet>(countOnly(16384, 24));
    EXPECT_NE(message.find("array of 16384 elements cannot fit in the 24 bytes left"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("field 'domains'"), std::string::npos);
}

TEST(LimitsTest, TypedParameterListsHaveTheirOwnMaximum) {
    // Scheduler parameters: at most 16; each {"", INT 0} is 12 bytes.
    auto params = [](uint32_t count) {
        std::string out;
        xdr::Encoder enc(out);
        enc.putU32(count);
        for (uint32_t i = 0; i < count; ++i) {
            enc.putU32(0);
            enc.putI32(1);
            enc.putI32(0);
        }
        return out;
    };
    EXPECT_TRUE(decodePayload<DomainGetSchedulerParametersRet>(params(16)));
    EXPECT_FALSE(decodePayload<DomainGetSchedulerParametersRet>(params(17)));
    // Migration parameters: 64, followed by cookie_in (empty) and flags.
    std::string migrate = params(64) + fromHex("00000000 00000000");
    EXPECT_TRUE(decodePayload<DomainMigratePrepare3ParamsArgs>(migrate));
    std::string too_many = params(65) + fromHex("00000000 00000000");
    EXPECT_FALSE(decodePayload<DomainMigratePrepare3ParamsArgs>(too_many));
}

TEST(LimitsTest, StringMaximum) {
    std::string at = countOnly(xdr::kStringMax, xdr::kStringMax);
    auto ok = decodePayload<DomainDefineXmlArgs>(at);
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->xml.size(), xdr::kStringMax);
    std::string over = countOnly(xdr::kStringMax + 1, xdr::kStringMax + 4);
    EXPECT_NE(decodeError<DomainDefineXmlArgs>(over).find(
                  "string length 4194305 exceeds the maximum of 4194304 (field 'xml')"),
              std::string::npos);
    DomainDefineXmlArgs big{std::string(xdr::kStringMax + 1, 'x')};
    auto enc = encodePayload(big);
    ASSERT_FALSE(enc);
    EXPECT_NE(enc.error().message.find("Unable to encode message payload"), std::string::npos);
}

TEST(LimitsTest, OpaqueMaximum) {
    // SECRET_GET_VALUE ret: value<65536>.
    EXPECT_TRUE(decodePayload<SecretGetValueRet>(countOnly(65536, 65536)));
    EXPECT_FALSE(decodePayload<SecretGetValueRet>(countOnly(65537, 65540)));
}

TEST(LimitsTest, EncoderRefusesOverlongLists) {
    ConnectListAllDomainsRet ret;
    ret.domains.resize(kDomainListMax + 1);
    auto r = encodePayload(ret);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("array of 16385 elements exceeds the maximum of 16384"),
              std::string::npos);
    AuthListRet auth;
    auth.types.assign(21, 0);
    EXPECT_FALSE(encodePayload(auth));
}

TEST(LimitsTest, TruncatedArgsFailCleanly) {
    std::string good = fromHex(
        "00000004 74657374 6695eb01 f6a48304 79aa97f2 502e193f 00000001 "
        "00000000");
    ASSERT_TRUE(decodePayload<DomainGetXmlDescArgs>(good));
    for (size_t len = 0; len < good.size(); ++len) {
        auto r = decodePayload<DomainGetXmlDescArgs>(std::string_view(good).substr(0, len));
        ASSERT_FALSE(r) << len;
        EXPECT_EQ(r.error().code, ErrorCode::kRpc);
        EXPECT_EQ(r.error().domain, ErrorDomain::kRpc);
    }
}

TEST(LimitsTest, TrailingBytesAreAccepted) {
    std::string bytes = fromHex("00000004 74657374 deadbeef 00000001");
    auto r = decodePayload<DomainLookupByNameArgs>(bytes);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->name, "test");
}

TEST(LimitsTest, UnknownTypedParamDiscriminant) {
    std::string bytes = fromHex("00000001 00000001 \"x\" 000000 00000008 00000000");
    EXPECT_NE(decodeError<DomainGetSchedulerParametersRet>(bytes).find("unknown discriminant 8"),
              std::string::npos);
}

TEST(LimitsTest, OptionalMarkerIsLenient) {
    // libvirt's XDR reads any non-zero pointer marker as "present".
    auto r = decodePayload<ConnectOpenArgs>(fromHex("00000002 00000001 \"x\" 000000 00000000"));
    ASSERT_TRUE(r);
    ASSERT_TRUE(r->name);
    EXPECT_EQ(*r->name, "x");
}

TEST(LimitsTest, NestedListsAreBounded) {
    // DOMAIN_INTERFACE_ADDRESSES ret: one interface claiming 2049 addresses.
    std::string bytes = fromHex("00000001 00000000 00000000") + countOnly(2049, 2049 * 12);
    EXPECT_NE(decodeError<DomainInterfaceAddressesRet>(bytes).find(
                  "array of 2049 elements exceeds the maximum of 2048 (field 'addrs')"),
              std::string::npos);
}

}  // namespace
}  // namespace nodevirt::protocol
