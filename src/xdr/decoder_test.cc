#include "xdr/decoder.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "xdr/test_hex.h"

// Counts heap bytes requested while a test has counting switched on, to prove that hostile
// lengths are rejected before anything is allocated for them.
namespace {
std::atomic<bool> g_counting{false};
std::atomic<size_t> g_allocated{0};
}  // namespace

void* operator new(size_t size) {
    if (g_counting.load(std::memory_order_relaxed)) g_allocated += size;
    void* p = std::malloc(size == 0 ? 1 : size);
    if (p == nullptr) throw std::bad_alloc();
    return p;
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, size_t) noexcept { std::free(p); }

namespace nodevirt::xdr {
namespace {

using testing::fromHex;

class AllocationScope {
  public:
    AllocationScope() {
        g_allocated = 0;
        g_counting = true;
    }
    ~AllocationScope() { g_counting = false; }
    size_t bytes() const { return g_allocated.load(); }
};

TEST(DecoderTest, ReadsScalars) {
    std::string in = fromHex(
        "01020304 ffffffff 01020304 05060708 ffffffff fffffffe "
        "3ff80000 00000000");
    Decoder dec(in);
    uint32_t u = 0;
    int32_t i = 0;
    uint64_t ul = 0;
    int64_t l = 0;
    double d = 0;
    ASSERT_TRUE(dec.getU32(u) && dec.getI32(i) && dec.getU64(ul) && dec.getI64(l) &&
                dec.getDouble(d));
    EXPECT_EQ(u, 0x01020304U);
    EXPECT_EQ(i, -1);
    EXPECT_EQ(ul, 0x0102030405060708ULL);
    EXPECT_EQ(l, -2);
    EXPECT_EQ(d, 1.5);
    EXPECT_TRUE(dec.atEnd());
}

TEST(DecoderTest, TruncatedInputFailsAndStaysFailed) {
    std::string in = fromHex("000000");
    Decoder dec(in);
    uint32_t u = 0;
    EXPECT_FALSE(dec.getU32(u, "flags"));
    ASSERT_TRUE(dec.failed());
    EXPECT_EQ(dec.error().code, ErrorCode::kRpc);
    EXPECT_EQ(dec.error().message,
              "Unable to decode message payload: truncated input: a 32-bit item needs 4 bytes at "
              "offset 0, 3 left (field 'flags')");
    std::string s;
    EXPECT_FALSE(dec.getString(s, 10));
}

TEST(DecoderTest, HyperNeedsEightBytes) {
    std::string in = fromHex("00000001 000000");
    Decoder dec(in);
    uint64_t v = 0;
    EXPECT_FALSE(dec.getU64(v));
    EXPECT_EQ(dec.position(), 0U);
}

TEST(DecoderTest, StringWithPadding) {
    std::string in = fromHex("00000003 61626300 00000004 74657374 00000000");
    Decoder dec(in);
    std::string a, b, c;
    ASSERT_TRUE(dec.getString(a, 10) && dec.getString(b, 10) && dec.getString(c, 10));
    EXPECT_EQ(a, "abc");
    EXPECT_EQ(b, "test");
    EXPECT_EQ(c, "");
}

TEST(DecoderTest, PaddingContentIsIgnoredLikeLibvirt) {
    std::string in = fromHex("00000001 61ffffff");
    Decoder dec(in);
    std::string s;
    ASSERT_TRUE(dec.getString(s, 10));
    EXPECT_EQ(s, "a");
}

TEST(DecoderTest, MissingPaddingIsTruncation) {
    std::string in = fromHex("00000001 61");
    Decoder dec(in);
    std::string s;
    EXPECT_FALSE(dec.getString(s, 10));
}

TEST(DecoderTest, OversizedStringRejectedBeforeAllocation) {
    std::string in = fromHex("00400001 61626364");  // claims 4194305 bytes
    std::string s;
    AllocationScope scope;
    Decoder dec(in);
    EXPECT_FALSE(dec.getString(s, 4194304, "xml"));
    size_t allocated = scope.bytes();
    EXPECT_NE(dec.error().message.find("string length 4194305 exceeds the maximum of 4194304"),
              std::string::npos);
    EXPECT_LT(allocated, 1024U);
}

TEST(DecoderTest, StringLongerThanInputRejectedBeforeAllocation) {
    std::string in = fromHex("00400000 61626364");  // 4 MiB claimed, 4 bytes present
    std::string s;
    AllocationScope scope;
    Decoder dec(in);
    EXPECT_FALSE(dec.getString(s, 4194304));
    size_t allocated = scope.bytes();
    EXPECT_NE(dec.error().message.find("truncated input"), std::string::npos);
    EXPECT_LT(allocated, 1024U);
}

TEST(DecoderTest, CountCheckedAgainstMaximumAndInput) {
    {
        std::string in = fromHex("00004001");
        Decoder dec(in);
        uint32_t n = 0;
        EXPECT_FALSE(dec.getCount(n, 16384, 4, "domains"));
        EXPECT_NE(dec.error().message.find("16385 elements exceeds the maximum of 16384"),
                  std::string::npos);
    }
    {
        // 3 elements of at least 8 bytes cannot fit in 16 bytes.
        std::string in = fromHex("00000003 00000000 00000000 00000000 00000000");
        Decoder dec(in);
        uint32_t n = 0;
        EXPECT_FALSE(dec.getCount(n, 100, 8));
        EXPECT_NE(dec.error().message.find("cannot fit"), std::string::npos);
    }
    {
        std::string in = fromHex("00000002 00000000 00000000 00000000 00000000");
        Decoder dec(in);
        uint32_t n = 0;
        EXPECT_TRUE(dec.getCount(n, 100, 8));
        EXPECT_EQ(n, 2U);
    }
}

TEST(DecoderTest, PresenceAcceptsAnyNonZero) {
    std::string in = fromHex("00000000 00000001 00000002");
    Decoder dec(in);
    bool a = true, b = false, c = false;
    ASSERT_TRUE(dec.getPresence(a) && dec.getPresence(b) && dec.getPresence(c));
    EXPECT_FALSE(a);
    EXPECT_TRUE(b);
    EXPECT_TRUE(c);
}

TEST(DecoderTest, WidenedCharsKeepTheLowByte) {
    std::string in = fromHex("ffffffe9 00000141 000000e9 0001fffe");
    Decoder dec(in);
    int8_t c1 = 0, c2 = 0;
    uint8_t u = 0;
    uint16_t s = 0;
    ASSERT_TRUE(dec.getChar(c1) && dec.getChar(c2) && dec.getUChar(u) && dec.getUShort(s));
    EXPECT_EQ(c1, -23);
    EXPECT_EQ(c2, 'A');
    EXPECT_EQ(u, 0xe9);
    EXPECT_EQ(s, 0xfffe);
}

TEST(DecoderTest, CStringStopsAtNul) {
    std::string in = fromHex("00000005 0000006e 0000006f 0000006e 00000065 00000000 00000000");
    Decoder dec(in);
    std::string model, empty;
    ASSERT_TRUE(dec.getCString(model, 257) && dec.getCString(empty, 257));
    EXPECT_EQ(model, "none");
    EXPECT_EQ(empty, "");
}

TEST(DecoderTest, CStringWithoutNulAtMaximumIsRejected) {
    std::string in = fromHex("00000002 00000061 00000062");
    {
        Decoder dec(in);
        std::string s;
        EXPECT_FALSE(dec.getCString(s, 2, "label"));
        EXPECT_NE(dec.error().message.find("no terminating NUL"), std::string::npos);
    }
    {
        Decoder dec(in);
        std::string s;
        EXPECT_TRUE(dec.getCString(s, 3));
        EXPECT_EQ(s, "ab");
    }
}

TEST(DecoderTest, FixedCString) {
    std::string in = fromHex("00000069 00000036 00000038 00000036") + std::string(112, '\0');
    Decoder dec(in);
    std::string model;
    ASSERT_TRUE(dec.getFixedCString(model, 32));
    EXPECT_EQ(model, "i686");
    EXPECT_TRUE(dec.atEnd());
    Decoder shortdec(std::string_view(in).substr(0, 120));
    EXPECT_FALSE(shortdec.getFixedCString(model, 32));
}

TEST(DecoderTest, HugeCharArrayRejectedBeforeAllocation) {
    std::string in = fromHex("00010000 00000061");  // 65536 chars claimed, one present
    std::string s;
    AllocationScope scope;
    Decoder dec(in);
    EXPECT_FALSE(dec.getCharArray(s, 65536));
    size_t allocated = scope.bytes();
    EXPECT_LT(allocated, 1024U);
}

TEST(DecoderTest, UuidAndFixedOpaque) {
    std::string in = fromHex("6695eb01 f6a48304 79aa97f2 502e193f 78790000");
    Decoder dec(in);
    Uuid uuid;
    char two[2];
    ASSERT_TRUE(dec.getUuid(uuid) && dec.getFixedOpaque(two, 2));
    EXPECT_EQ(uuid.toString(), "6695eb01-f6a4-8304-79aa-97f2502e193f");
    EXPECT_EQ(std::string(two, 2), "xy");
    EXPECT_TRUE(dec.atEnd());
}

TEST(DecoderTest, RestReturnsUnreadBytes) {
    std::string in = fromHex("00000001 6162");
    Decoder dec(in);
    uint32_t v = 0;
    ASSERT_TRUE(dec.getU32(v));
    EXPECT_EQ(dec.rest(), "ab");
    EXPECT_EQ(dec.remaining(), 2U);
}

}  // namespace
}  // namespace nodevirt::xdr
