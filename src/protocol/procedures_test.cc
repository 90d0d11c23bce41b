// The generated procedure table: completeness, lookup, and the policy classification the
// server relies on (read-only safety, fast path, streams, fd passing, pre-auth).
#include "protocol/generated/procedures.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "protocol/generated/traits.h"
#include "protocol/payload.h"
#include "protocol/procedure_info.h"

namespace nodevirt::protocol {
namespace {

using xdr::Program;

const ProcedureInfo& remote(int32_t number) {
    const ProcedureInfo* info = findProcedure(Program::kRemote, number);
    EXPECT_NE(info, nullptr) << number;
    return *info;
}

TEST(ProceduresTest, EveryProgramIsComplete) {
    EXPECT_EQ(kRemoteProcedureCount, 443U);
    EXPECT_EQ(kQemuProcedureCount, 7U);
    EXPECT_EQ(kLxcProcedureCount, 1U);
    EXPECT_EQ(kKeepaliveProcedureCount, 2U);
    EXPECT_EQ(allProcedures().size(), 453U);
    for (int32_t n = 1; n <= 443; ++n) EXPECT_EQ(remote(n).number, n);
}

TEST(ProceduresTest, LookupMisses) {
    EXPECT_EQ(findProcedure(Program::kRemote, 0), nullptr);
    EXPECT_EQ(findProcedure(Program::kRemote, 444), nullptr);
    EXPECT_EQ(findProcedure(Program::kRemote, -1), nullptr);
    EXPECT_EQ(findProcedure(Program::kQemu, 8), nullptr);
    EXPECT_EQ(findProcedure(Program::kAdmin, 1), nullptr);
    EXPECT_EQ(findProcedure(0x12345678U, 1), nullptr);
}

TEST(ProceduresTest, NamesAreUniquePerProgram) {
    std::set<std::pair<uint32_t, std::string_view>> names;
    for (const ProcedureInfo& p : allProcedures()) {
        EXPECT_TRUE(names.insert({static_cast<uint32_t>(p.program), p.name}).second) << p.name;
        EXPECT_EQ(findProcedure(p.program, p.number), &p);
    }
    EXPECT_EQ(remote(23).name, "DOMAIN_LOOKUP_BY_NAME");
    EXPECT_EQ(findProcedure(Program::kQemu, 1)->name, "DOMAIN_MONITOR_COMMAND");
    EXPECT_EQ(findProcedure(Program::kKeepalive, 1)->name, "PING");
}

TEST(ProceduresTest, AccessClassification) {
    EXPECT_EQ(remote(23).access, Access::kRead);      // DOMAIN_LOOKUP_BY_NAME
    EXPECT_EQ(remote(12).access, Access::kWrite);     // DOMAIN_DESTROY
    EXPECT_EQ(remote(11).access, Access::kWrite);     // DOMAIN_DEFINE_XML
    EXPECT_EQ(remote(254).access, Access::kWrite);    // DOMAIN_SET_NUMA_PARAMETERS
    EXPECT_EQ(remote(255).access, Access::kRead);     // DOMAIN_GET_NUMA_PARAMETERS
    EXPECT_EQ(remote(145).access, Access::kPrivate);  // SECRET_GET_VALUE
    EXPECT_EQ(remote(201).access, Access::kPrivate);  // DOMAIN_OPEN_CONSOLE
    EXPECT_EQ(remote(242).access, Access::kPrivate);  // DOMAIN_MIGRATE_GET_MAX_SPEED
    EXPECT_EQ(remote(1).access, Access::kRead);       // CONNECT_OPEN
    EXPECT_EQ(remote(318).access, Access::kEvent);
    EXPECT_TRUE(remote(318).isEvent());
    EXPECT_TRUE(remote(12).deniedOnReadOnly());
    EXPECT_TRUE(remote(145).deniedOnReadOnly());
    EXPECT_FALSE(remote(14).deniedOnReadOnly());
    EXPECT_EQ(findProcedure(Program::kQemu, 1)->access, Access::kWrite);
    EXPECT_EQ(findProcedure(Program::kLxc, 1)->access, Access::kWrite);
    EXPECT_TRUE(findProcedure(Program::kKeepalive, 2)->isEvent());
}

TEST(ProceduresTest, ArgumentDependentReadOnlyRules) {
    EXPECT_TRUE(remote(14).has_read_only_rule);
    DomainGetXmlDescArgs secure{{}, 1};
    DomainGetXmlDescArgs inactive{{}, 2};
    EXPECT_TRUE(proc::DomainGetXmlDesc::deniedOnReadOnly(secure));
    EXPECT_FALSE(proc::DomainGetXmlDesc::deniedOnReadOnly(inactive));
    DomainGetVcpusFlagsArgs guest{{}, 8};
    EXPECT_TRUE(proc::DomainGetVcpusFlags::deniedOnReadOnly(guest));
    DomainInterfaceAddressesArgs agent{{}, 1, 0};
    DomainInterfaceAddressesArgs lease{{}, 0, 0};
    EXPECT_TRUE(proc::DomainInterfaceAddresses::deniedOnReadOnly(agent));
    EXPECT_FALSE(proc::DomainInterfaceAddresses::deniedOnReadOnly(lease));
    EXPECT_FALSE(remote(23).has_read_only_rule);
}

TEST(ProceduresTest, FastProceduresAreReads) {
    size_t fast = 0;
    for (const ProcedureInfo& p : allProcedures()) {
        if (!p.fast) continue;
        ++fast;
        EXPECT_EQ(p.access, Access::kRead) << p.name;
        EXPECT_FALSE(p.has_read_only_rule) << p.name;
        EXPECT_EQ(p.stream, StreamDirection::kNone) << p.name;
    }
    EXPECT_GT(fast, 100U);
    EXPECT_TRUE(remote(23).fast);    // DOMAIN_LOOKUP_BY_NAME
    EXPECT_TRUE(remote(212).fast);   // DOMAIN_GET_STATE
    EXPECT_TRUE(remote(273).fast);   // CONNECT_LIST_ALL_DOMAINS
    EXPECT_FALSE(remote(9).fast);    // DOMAIN_CREATE
    EXPECT_FALSE(remote(342).fast);  // CONNECT_GET_DOMAIN_CAPABILITIES
    EXPECT_FALSE(remote(159).fast);  // DOMAIN_MEMORY_STATS (asks the guest)
}

TEST(ProceduresTest, StreamsAndFds) {
    EXPECT_EQ(remote(201).stream, StreamDirection::kBoth);  // DOMAIN_OPEN_CONSOLE
    EXPECT_EQ(remote(296).stream, StreamDirection::kBoth);  // DOMAIN_OPEN_CHANNEL
    EXPECT_EQ(remote(211).stream, StreamDirection::kRead);  // DOMAIN_SCREENSHOT
    EXPECT_EQ(remote(208).stream, StreamDirection::kWrite);
    EXPECT_TRUE(remote(208).sparse_stream);
    EXPECT_TRUE(remote(209).sparse_stream);
    EXPECT_EQ(remote(304).stream, StreamDirection::kWrite);
    size_t streams = 0;
    for (const ProcedureInfo& p : allProcedures()) streams += p.stream != StreamDirection::kNone;
    EXPECT_EQ(streams, 8U);
    EXPECT_EQ(remote(343).fds, FdPassing::kOut);
    EXPECT_EQ(remote(309).fds, FdPassing::kIn);
    EXPECT_EQ(findProcedure(Program::kLxc, 1)->fds, FdPassing::kOut);
    EXPECT_EQ(findProcedure(Program::kQemu, 7)->fds, FdPassing::kBoth);
}

TEST(ProceduresTest, BeforeAuthAndOpen) {
    EXPECT_TRUE(remote(66).before_auth);  // AUTH_LIST
    EXPECT_TRUE(remote(66).before_open);
    EXPECT_TRUE(remote(70).before_auth);  // AUTH_POLKIT
    EXPECT_FALSE(remote(1).before_auth);  // CONNECT_OPEN
    EXPECT_TRUE(remote(1).before_open);
    EXPECT_TRUE(remote(60).before_open);  // CONNECT_SUPPORTS_FEATURE
    EXPECT_FALSE(remote(3).before_open);
    size_t before_auth = 0;
    for (const ProcedureInfo& p : allProcedures()) before_auth += p.before_auth;
    EXPECT_EQ(before_auth, 5U);
}

TEST(ProceduresTest, PriorityFlagFollowsTheCensus) {
    EXPECT_TRUE(remote(23).priority);
    EXPECT_FALSE(remote(16).priority);  // DOMAIN_GET_INFO is not high-priority in libvirtd
    size_t prio = 0;
    for (const ProcedureInfo& p : allProcedures()) prio += p.priority;
    EXPECT_EQ(prio, 184U);
}

TEST(ProceduresTest, EveryProcedureHasPayloadCodecs) {
    for (const ProcedureInfo& p : allProcedures()) {
        const PayloadCodec* codec = findPayloadCodec(static_cast<uint32_t>(p.program), p.number);
        ASSERT_NE(codec, nullptr) << p.name;
        if (p.isEvent()) {
            EXPECT_EQ(codec->args, nullptr);
            EXPECT_NE(codec->msg, nullptr);
        } else {
            EXPECT_NE(codec->args, nullptr);
            EXPECT_NE(codec->ret, nullptr);
            EXPECT_EQ(codec->msg, nullptr);
        }
    }
    EXPECT_EQ(findPayloadCodec(static_cast<uint32_t>(Program::kRemote), 0), nullptr);
    // CONNECT_CLOSE has void args: the empty payload decodes and re-encodes to nothing.
    auto empty = findPayloadCodec(static_cast<uint32_t>(Program::kRemote), 2)->args("");
    ASSERT_TRUE(empty);
    EXPECT_EQ(*empty, "");
    // DOMAIN_LOOKUP_BY_NAME args need a string.
    EXPECT_FALSE(findPayloadCodec(static_cast<uint32_t>(Program::kRemote), 23)->args(""));
}

}  // namespace
}  // namespace nodevirt::protocol
