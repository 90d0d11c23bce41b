#include "protocol/error_codec.h"

#include <gtest/gtest.h>

#include "protocol/payload.h"

namespace nodevirt::protocol {
namespace {

TEST(ErrorCodecTest, UnknownProcedureMatchesLibvirtd) {
    Error e = unknownProcedureError(7);
    EXPECT_EQ(e.code, ErrorCode::kRpc);
    EXPECT_EQ(e.domain, ErrorDomain::kRpc);
    EXPECT_EQ(e.level, ErrorLevel::kError);
    EXPECT_EQ(e.message, "unknown procedure: 7");
    EXPECT_EQ(e.str1, "%s");
    EXPECT_EQ(e.str2, "unknown procedure: 7");
    EXPECT_EQ(e.int1, -1);
}

TEST(ErrorCodecTest, UnknownProgram) {
    Error e = unknownProgramError(0x20008086U, 2);
    EXPECT_EQ(e.code, ErrorCode::kRpc);
    EXPECT_EQ(e.message, "Cannot find program 536903814 version 2");
}

TEST(ErrorCodecTest, ReadOnlyDenied) {
    Error e = readOnlyDeniedError("DOMAIN_DESTROY");
    EXPECT_EQ(e.code, ErrorCode::kOperationDenied);
    EXPECT_EQ(e.message, "operation forbidden: read only access prevents DOMAIN_DESTROY");
}

TEST(ErrorCodecTest, RoundTripsEveryField) {
    Error e = Error::make(ErrorCode::kInvalidArg, ErrorDomain::kDomain, "bad flags");
    e.str3 = "third";
    e.int1 = 5;
    e.int2 = 6;
    e.level = ErrorLevel::kWarning;
    auto bytes = encodePayload(toRemoteError(e));
    ASSERT_TRUE(bytes);
    auto back = decodePayload<RemoteError>(*bytes);
    ASSERT_TRUE(back);
    EXPECT_FALSE(back->dom);
    EXPECT_FALSE(back->net);
    Error out = fromRemoteError(*back);
    EXPECT_EQ(out.code, e.code);
    EXPECT_EQ(out.domain, e.domain);
    EXPECT_EQ(out.message, "invalid argument: bad flags");
    EXPECT_EQ(out.level, ErrorLevel::kWarning);
    EXPECT_EQ(out.str1, e.str1);
    EXPECT_EQ(out.str2, "bad flags");
    EXPECT_EQ(out.str3, "third");
    EXPECT_EQ(out.int1, 5);
    EXPECT_EQ(out.int2, 6);
}

TEST(ErrorCodecTest, MissingMessageGetsAGenericText) {
    RemoteError r;
    r.code = 1;
    r.level = 2;
    EXPECT_EQ(fromRemoteError(r).message, "unknown error");
}

}  // namespace
}  // namespace nodevirt::protocol
