// Measures what a minimal defined domain costs (object + heap), by counting the bytes the
// process has allocated through operator new while holding parsed definitions. A separate
// binary because it replaces the global allocation functions.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <vector>

#include "conf/domain/domain_xml.h"
#include "conf/domain/post_parse.h"

namespace {

std::atomic<int64_t> g_live_bytes{0};
constexpr size_t kHeader = 16;  // keeps the size in front of each block, 16-byte aligned

}  // namespace

void* operator new(size_t size) {
    auto* p = static_cast<char*>(std::malloc(size + kHeader));
    if (!p) throw std::bad_alloc();
    *reinterpret_cast<size_t*>(p) = size;
    g_live_bytes += static_cast<int64_t>(size);
    return p + kHeader;
}
void operator delete(void* ptr) noexcept {
    if (!ptr) return;
    char* p = static_cast<char*>(ptr) - kHeader;
    g_live_bytes -= static_cast<int64_t>(*reinterpret_cast<size_t*>(p));
    std::free(p);
}
void operator delete(void* ptr, size_t) noexcept { operator delete(ptr); }

namespace nodevirt::conf {
namespace {

constexpr const char* kMinimal =
    "<domain type='test'><name>x</name><memory unit='KiB'>131072</memory><vcpu>1</vcpu>"
    "<os><type arch='x86_64'>hvm</type></os></domain>";

TEST(DomainSizeTest, MinimalDefinitionIsWellUnderOneKiB) {
    DomainParseOptions o;
    o.inactive = true;
    o.profile = &testDriverPostParseProfile();
    constexpr int kCount = 1000;
    std::vector<std::shared_ptr<DomainDef>> defs;
    defs.reserve(kCount);
    int64_t before = g_live_bytes.load();
    for (int i = 0; i < kCount; ++i) {
        auto def = parseDomainXml(kMinimal, o);
        ASSERT_TRUE(def) << def.error().message;
        defs.push_back(std::move(*def));
    }
    int64_t per_domain = (g_live_bytes.load() - before) / kCount;
    std::printf(
        "minimal domain: sizeof(DomainDef)=%zu, heap incl. object and shared_ptr block=%lld "
        "bytes\n",
        sizeof(DomainDef), static_cast<long long>(per_domain));
    EXPECT_LT(per_domain, 512);
    EXPECT_GT(per_domain, static_cast<int64_t>(sizeof(DomainDef)) - 1);
}

}  // namespace
}  // namespace nodevirt::conf
