// list-all over many domains in the test driver (virConnectListAllDomains as the daemon and
// the client library call it), with and without a state filter, and one lookup by name.
#include <benchmark/benchmark.h>

#include <fmt/format.h>

#include <cstdlib>
#include <string>

#include "driver/connection.h"
#include "driver/uri.h"
#include "drivers/test/test_driver.h"
#include "nodevirt/constants.h"
#include "util/allocator.h"

namespace {

using namespace nodevirt;

// One driver connection holding the default node plus `count` defined domains, half running.
struct Node {
    drivers::test::TestConnectionFactory factory;
    driver::ConnectionPtr conn;

    explicit Node(int count) {
        auto uri = driver::Uri::parse("test:///default");
        auto opened = factory.open(*uri, 0);
        if (!opened) std::abort();
        conn = *opened;
        auto& life = conn->domainLifecycle();
        for (int i = 0; i < count; ++i) {
            std::string xml = fmt::format(
                "<domain type='test'><name>bench-{}</name>"
                "<uuid>33333333-0000-0000-0000-{:012d}</uuid><memory>524288</memory>"
                "<vcpu>1</vcpu><os><type>hvm</type></os></domain>",
                i, i);
            auto dom = life.defineXml(xml, 0);
            if (!dom) std::abort();
            if (i % 2 == 0 && !life.create(*dom, 0)) std::abort();
        }
    }
    ~Node() { conn->close(); }
};

Node& nodeOf(int count) {
    static const bool tuned = (tuneAllocatorForServer(), true);  // as nodevirtd runs
    (void)tuned;
    static Node node(count);  // one size per process run (the benchmarks below share it)
    return node;
}

void BM_ListAllDomains(benchmark::State& state) {
    Node& node = nodeOf(static_cast<int>(state.range(0)));
    unsigned flags = static_cast<unsigned>(state.range(1));
    size_t listed = 0;
    for (auto _ : state) {
        auto all = node.conn->domainLifecycle().listAll(flags);
        if (!all) state.SkipWithError("listAll failed");
        listed = all->size();
        benchmark::DoNotOptimize(all);
    }
    state.counters["domains"] = static_cast<double>(listed);
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * listed));
}
BENCHMARK(BM_ListAllDomains)
    ->Args({10000, 0})
    ->Args({10000, lv::kConnectListDomainsActive})
    ->Args({10000, lv::kConnectListDomainsInactive})
    ->Unit(benchmark::kMillisecond);

void BM_LookupByNameAmong(benchmark::State& state) {
    Node& node = nodeOf(static_cast<int>(state.range(0)));
    for (auto _ : state) {
        auto dom = node.conn->domainLifecycle().lookupByName("bench-4242");
        benchmark::DoNotOptimize(dom);
    }
}
BENCHMARK(BM_LookupByNameAmong)->Arg(10000);

}  // namespace
