#include "util/error.h"

#include <gtest/gtest.h>

#include "util/result.h"

namespace nodevirt {
namespace {

TEST(ErrorTest, MakeWithDetailUsesTemplate) {
    Error e = Error::make(ErrorCode::kNoDomain, ErrorDomain::kTest, "no domain with matching name 'x'");
    EXPECT_EQ(e.message, "Domain not found: no domain with matching name 'x'");
    EXPECT_EQ(e.str1, "Domain not found: %s");
    EXPECT_EQ(e.str2, "no domain with matching name 'x'");
    EXPECT_EQ(e.int1, -1);
    EXPECT_EQ(static_cast<int>(e.code), 42);
    EXPECT_EQ(static_cast<int>(e.domain), 12);
}

TEST(ErrorTest, MakeWithoutDetailUsesPlainPhrase) {
    Error e = Error::make(ErrorCode::kOperationDenied, ErrorDomain::kNone);
    EXPECT_EQ(e.message, "operation forbidden for read only access");
}

TEST(ErrorTest, UnsupportedFlagsIsVerbatim) {
    Error e = unsupportedFlags(0x80000000u, "testConnectListAllNodeDevices");
    EXPECT_EQ(e.code, ErrorCode::kInvalidArg);
    EXPECT_EQ(e.message, "unsupported flags (0x80000000) in function testConnectListAllNodeDevices");
}

Result<int> half(int x) {
    if (x % 2) return fail(invalidArg("odd"));
    return x / 2;
}

Result<int> quarter(int x) {
    NODEVIRT_ASSIGN_OR_RETURN(int h, half(x));
    NODEVIRT_ASSIGN_OR_RETURN(int q, half(h));
    return q;
}

Status checkEven(int x) {
    NODEVIRT_TRY(half(x));
    return ok();
}

TEST(ResultTest, MacrosPropagate) {
    EXPECT_EQ(*quarter(8), 2);
    auto r = quarter(6);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message, "invalid argument: odd");
    EXPECT_TRUE(checkEven(4));
    EXPECT_FALSE(checkEven(3));
}

}  // namespace
}  // namespace nodevirt
