// Example: a tour of libnodevirt. Opens a URI (argv[1], default test:///default), lists the
// domains with their state, subscribes to lifecycle events, stops and starts one domain
// (argv[2], default: the first one) and prints the events that arrive.
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <vector>

#include "nodevirt/nodevirt.h"

namespace {

const char* stateName(nodevirt::DomainState s) {
    switch (s) {
        case nodevirt::DomainState::kRunning:
            return "running";
        case nodevirt::DomainState::kBlocked:
            return "idle";
        case nodevirt::DomainState::kPaused:
            return "paused";
        case nodevirt::DomainState::kShutdown:
            return "in shutdown";
        case nodevirt::DomainState::kShutoff:
            return "shut off";
        case nodevirt::DomainState::kCrashed:
            return "crashed";
        case nodevirt::DomainState::kPmSuspended:
            return "pmsuspended";
        case nodevirt::DomainState::kNoState:
            break;
    }
    return "no state";
}

const char* lifecycleName(int event) {
    static const char* const kNames[] = {"Defined",   "Undefined",   "Started",
                                         "Suspended", "Resumed",     "Stopped",
                                         "Shutdown",  "PMSuspended", "Crashed"};
    return event >= 0 && event < 9 ? kNames[event] : "Unknown";
}

int fail(const char* what, const nodevirt::Error& e) {
    std::fprintf(stderr, "error: %s: %s\n", what, e.message.c_str());
    return 1;
}

// Collects events from the library's dispatch thread for the main thread to print.
class EventLog {
  public:
    void add(std::string line) {
        std::lock_guard lock(mutex_);
        lines_.push_back(std::move(line));
        cv_.notify_all();
    }
    // Waits (at most `limit`) until `n` events arrived; returns what arrived.
    std::vector<std::string> waitFor(size_t n, std::chrono::seconds limit) {
        std::unique_lock lock(mutex_);
        cv_.wait_for(lock, limit, [&] { return lines_.size() >= n; });
        return lines_;
    }

  private:
    std::mutex mutex_;
    std::condition_variable cv_;
    std::vector<std::string> lines_;
};

}  // namespace

int main(int argc, char** argv) {
    std::string uri = argc > 1 ? argv[1] : "test:///default";
    auto conn = nodevirt::Connection::open(uri);
    if (!conn) return fail(("cannot open " + uri).c_str(), conn.error());

    auto domains = conn->listAllDomains();
    if (!domains) return fail("cannot list domains", domains.error());
    std::printf(" %-4s %-20s %s\n", "Id", "Name", "State");
    for (const auto& dom : *domains) {
        auto info = dom.info();
        std::string id = dom.id() >= 0 ? std::to_string(dom.id()) : "-";
        std::printf(" %-4s %-20s %s\n", id.c_str(), dom.name().c_str(),
                    info ? stateName(info->state) : info.error().message.c_str());
    }
    if (domains->empty()) return 0;

    // Events arrive on a library thread, in order; the callback only records them.
    EventLog log;
    auto cb_id = conn->registerDomainEvent(
        static_cast<int>(nodevirt::lv::kDomainEventIdLifecycle), std::nullopt,
        [&log](const nodevirt::DomainEvent& ev) {
            const auto& lc = std::get<nodevirt::LifecycleEvent>(ev.payload);
            log.add("event: domain '" + ev.domain.name() + "' " + lifecycleName(lc.event) +
                    " (detail " + std::to_string(lc.detail) + ")");
        });
    if (!cb_id) return fail("cannot register for events", cb_id.error());

    std::string target = argc > 2 ? argv[2] : domains->front().name();
    auto dom = conn->lookupDomainByName(target);
    if (!dom) return fail("cannot find domain", dom.error());
    auto active = dom->isActive();
    if (!active) return fail("cannot read domain state", active.error());
    // Stop it if it runs, then start it (or the reverse): two lifecycle events either way.
    if (*active) {
        if (auto st = dom->destroy(); !st) return fail("cannot stop domain", st.error());
        std::printf("Domain '%s' destroyed\n", target.c_str());
        if (auto st = dom->create(); !st) return fail("cannot start domain", st.error());
        std::printf("Domain '%s' started (id %d)\n", target.c_str(), dom->id());
    } else {
        if (auto st = dom->create(); !st) return fail("cannot start domain", st.error());
        std::printf("Domain '%s' started (id %d)\n", target.c_str(), dom->id());
        if (auto st = dom->destroy(); !st) return fail("cannot stop domain", st.error());
        std::printf("Domain '%s' destroyed\n", target.c_str());
    }

    for (const auto& line : log.waitFor(2, std::chrono::seconds(5)))
        std::printf("%s\n", line.c_str());
    if (auto st = conn->deregisterDomainEvent(*cb_id); !st)
        return fail("cannot deregister", st.error());
    return 0;
}
