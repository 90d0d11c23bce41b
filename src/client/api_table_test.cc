// Every public call, table-driven: on a driver whose facets are all defaults, the call must
// reach exactly the facet method named in the table (its "not supported" answer names it);
// on a read-only connection every mutating call is refused locally with libvirt's wording
// and every read still reaches the driver.
#include <gtest/gtest.h>

#include <set>

#include "client/testing/api_case.h"
#include "client/testing/fake_driver.h"

namespace nodevirt::client::testing {
namespace {

std::vector<ApiCase> allCases() {
    std::vector<ApiCase> all;
    for (auto part : {connectionCases(), domainCases(), objectCases()}) {
        for (auto& c : part) all.push_back(std::move(c));
    }
    return all;
}

class ApiTableTest : public ::testing::Test {
  protected:
    Connection open(OpenFlags flags) {
        fakes_.local->connect_ops = std::make_shared<driver::ConnectOps>();  // all defaults
        auto conn = openConnection(fakes_.set, "test:///default", flags);
        EXPECT_TRUE(conn);
        return *conn;
    }
    FakeDrivers fakes_;
};

TEST_F(ApiTableTest, LabelsAreUnique) {
    std::set<std::string> seen;
    for (const auto& c : allCases()) EXPECT_TRUE(seen.insert(c.label).second) << c.label;
    EXPECT_GT(seen.size(), 250u);
}

TEST_F(ApiTableTest, EveryCallReachesItsDriverMethod) {
    Handles h = makeHandles(open(OpenFlags::kNone));
    for (const auto& c : allCases()) {
        Error e = c.call(h);
        EXPECT_EQ(e.code, ErrorCode::kNoSupport) << c.label << ": " << e.message;
        EXPECT_EQ(e.message,
                  "this function is not supported by the connection driver: " + c.driver_api)
            << c.label;
    }
}

TEST_F(ApiTableTest, ReadOnlyConnectionRefusesEveryMutatingCall) {
    Handles h = makeHandles(open(OpenFlags::kReadOnly));
    size_t refused = 0;
    for (const auto& c : allCases()) {
        Error e = c.call(h);
        if (c.ro_api) {
            ++refused;
            EXPECT_EQ(e.code, ErrorCode::kOperationDenied) << c.label << ": " << e.message;
            EXPECT_EQ(e.message, "operation forbidden: read only access prevents " + *c.ro_api)
                << c.label;
        } else {
            EXPECT_EQ(e.code, ErrorCode::kNoSupport)
                << c.label << " must reach the driver: " << e.message;
        }
    }
    EXPECT_GT(refused, 100u);
}

TEST_F(ApiTableTest, InvalidHandlesAreRejectedBeforeTheDriver) {
    const std::set<ErrorCode> invalid_codes = {
        ErrorCode::kInvalidConn,           ErrorCode::kInvalidDomain,
        ErrorCode::kInvalidDomainSnapshot, ErrorCode::kInvalidNetwork,
        ErrorCode::kInvalidStoragePool,    ErrorCode::kInvalidStorageVol,
        ErrorCode::kInvalidNodeDevice,     ErrorCode::kInvalidSecret,
        ErrorCode::kInvalidInterface};
    Handles empty;  // default-constructed handles of every kind
    for (const auto& c : allCases()) {
        Error e = c.call(empty);
        EXPECT_EQ(invalid_codes.count(e.code), 1u) << c.label << ": " << e.message;
        EXPECT_NE(e.message.find("vir"), std::string::npos) << c.label << ": " << e.message;
    }
}

}  // namespace
}  // namespace nodevirt::client::testing
