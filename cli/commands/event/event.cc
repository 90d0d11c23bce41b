// event: wait for domain events and print them (one, or --loop until --timeout or Ctrl-C).
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <ctime>
#include <deque>
#include <mutex>

#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/event/event_commands.h"
#include "cli/commands/event/event_format.h"
#include "cli/lookup.h"

namespace nodevirt::cli {
namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void onInterrupt(int) { g_interrupted = true; }

// Events arrive on the library's dispatch thread; the command's thread prints them.
struct EventQueue {
    std::mutex mutex;
    std::condition_variable cv;
    std::deque<std::string> lines;
    int count = 0;
    bool loop = false;
    bool timestamp = false;

    void push(const DomainEvent& ev) {
        std::string line = formatDomainEvent(ev);
        if (timestamp) {
            const auto now = std::chrono::system_clock::now();
            const std::time_t t = std::chrono::system_clock::to_time_t(now);
            const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
            std::tm tm{};
            gmtime_r(&t, &tm);
            char buf[32];
            std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
            line = fmt::format("{}.{:03}+0000: {}", buf, ms, line);
        }
        std::lock_guard lock(mutex);
        // Without --loop only the first event counts.
        if (!loop && count > 0) return;
        lines.push_back(std::move(line));
        ++count;
        cv.notify_all();
    }
};

enum class End { kDone, kTimeout, kInterrupt };

// Prints queued events until one arrived (without --loop), the deadline, or Ctrl-C.
End waitForEvents(Context& ctx, EventQueue& q, std::optional<std::chrono::steady_clock::time_point> deadline) {
    std::unique_lock lock(q.mutex);
    // Wakes at least every 100 ms to notice Ctrl-C; ends by the conditions above.
    for (;;) {
        while (!q.lines.empty()) {
            ctx.print(q.lines.front());
            q.lines.pop_front();
            ctx.out().flush();
        }
        if (!q.loop && q.count > 0) return End::kDone;
        if (g_interrupted) return End::kInterrupt;
        const auto now = std::chrono::steady_clock::now();
        if (deadline && now >= *deadline) return End::kTimeout;
        auto until = now + std::chrono::milliseconds(100);
        if (deadline && *deadline < until) until = *deadline;
        q.cv.wait_until(lock, until);
    }
}

bool listEvents(Context& ctx) {
    std::string out;
    for (std::string_view name : domainEventNames()) out += fmt::format("{}\n", name);
    ctx.print(out);
    return true;
}

bool run(Context& ctx, const ParsedCommand& cmd) {
    if (cmd.has("list")) return listEvents(ctx);
    std::optional<std::string> event_name;
    if (!cmd.getString(ctx, "event", event_name)) return false;
    std::vector<int> ids;
    if (event_name) {
        auto id = domainEventId(*event_name);
        if (!id) {
            ctx.error(fmt::format("unknown event type {}", *event_name));
            return false;
        }
        ids.push_back(*id);
    } else if (cmd.has("all")) {
        for (size_t i = 0; i < domainEventNames().size(); ++i) ids.push_back(static_cast<int>(i));
    } else {
        ctx.error("one of --list, --all, or --event <type> is required");
        return false;
    }
    std::optional<int> timeout;
    if (!cmd.getInt(ctx, "timeout", timeout)) return false;
    if (timeout && *timeout < 1) {
        ctx.error(fmt::format("invalid timeout value '{}'", *timeout));
        return false;
    }
    std::optional<Domain> dom;
    if (cmd.has("domain")) {
        dom = lookupDomain(ctx, cmd);
        if (!dom) return false;
    }
    EventQueue q;
    q.loop = cmd.has("loop");
    q.timestamp = cmd.has("timestamp");
    std::vector<int> registered;
    bool ok = true;
    for (int id : ids) {
        auto cb = ctx.conn().registerDomainEvent(id, dom, [&q](const DomainEvent& ev) { q.push(ev); });
        if (!cb) {
            ok = failWith(ctx, cb.error(), fmt::format("Failed to register event type {}", domainEventNames()[static_cast<size_t>(id)]));
            break;
        }
        registered.push_back(*cb);
    }
    if (ok) {
        g_interrupted = false;
        auto previous = std::signal(SIGINT, onInterrupt);
        std::optional<std::chrono::steady_clock::time_point> deadline;
        if (timeout) deadline = std::chrono::steady_clock::now() + std::chrono::seconds(*timeout);
        const End end = waitForEvents(ctx, q, deadline);
        std::signal(SIGINT, previous);
        if (end == End::kInterrupt) ctx.print("event loop interrupted\n");
        if (end == End::kTimeout) ctx.print("event loop timed out\n");
    }
    // After deregistering no callback runs any more, so the queue may go away.
    for (int id : registered) (void)ctx.conn().deregisterDomainEvent(id);
    if (ok) ctx.print(fmt::format("events received: {}\n", q.count));
    return ok;
}

}  // namespace

CommandDef eventCommand() {
    return {"event", CommandGroup::kEvents, "Domain Events",
            "Waits for domain events and prints them: one event, or with --loop all of them "
            "until --timeout or Ctrl-C.",
            {stringOpt("domain", "only events of this domain (name, id or UUID)"),
             stringOpt("event", "the event type to wait for (see --list)"),
             boolOpt("all", "wait for every event type"),
             boolOpt("loop", "keep waiting after the first event"),
             intOpt("timeout", "give up after this many seconds"),
             boolOpt("list", "list the event types"),
             boolOpt("timestamp", "prefix each event with the time")},
            run};
}

}  // namespace nodevirt::cli
