// A fake FrameHandler for socket-level tests: the procedure number selects a behaviour
// (inline echo, worker echo, hold until released, keepalive, events, fds, big replies,
// streams), and everything observed is recorded for assertions with bounded waits.
#pragma once

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "rpc/server_client.h"
#include "rpc/test_peer.h"

namespace nodevirt::rpc::testing {

enum TestProc : int32_t {
    kEcho = 1,         // reply with the payload, on the I/O thread
    kWorkerEcho = 2,   // reply with the payload, from a worker
    kHold = 3,         // keep the call until releaseHeld()
    kKeepalive = 4,    // startKeepalive(payload[0] * 10 ms, payload[1]); reply
    kEvents = 5,       // from a worker: payload-count events (proc 100, payload = index), then reply
    kFds = 6,          // write "ok" into every received fd, reply with a new pipe read end
    kBig = 7,          // reply with loadBigEndian32(payload) bytes
    kStream = 8,       // open a stream with the sink from makeSink; reply; startSource
    kWorkerHold = 9,   // on a worker: wait until releaseHeld(), then reply
    kThrow = 10,       // the handler throws (a bug the server must survive)
};

class TestHandler : public FrameHandler {
  public:
    std::function<std::unique_ptr<StreamSink>()> make_sink;
    std::shared_ptr<ServerStream> last_stream;

    void onConnect(const ClientRef& client) override {
        std::lock_guard lock(mu_);
        ++connects_;
        clients_.push_back(client);
        cv_.notify_all();
    }
    void onDisconnect(const ClientRef& /*client*/) override {
        std::lock_guard lock(mu_);
        ++disconnects_;
        cv_.notify_all();
    }

    void onFrame(Call call) override {
        {
            std::lock_guard lock(mu_);
            ++frames_;
            cv_.notify_all();
        }
        switch (call.header().proc) {
            case kEcho: {
                std::string p = call.payload();
                (void)call.reply(std::move(p));
                return;
            }
            case kWorkerEcho:
                call.client()->submitWork([c = std::move(call)]() mutable {
                    std::string p = c.payload();
                    (void)c.reply(std::move(p));
                });
                return;
            case kHold: {
                std::lock_guard lock(mu_);
                held_.push_back(std::move(call));
                cv_.notify_all();
                return;
            }
            case kWorkerHold:
                call.client()->submitWork([this, c = std::move(call)]() mutable {
                    {
                        std::unique_lock lock(mu_);
                        ++worker_waiting_;
                        cv_.notify_all();
                        cv_.wait_for(lock, kWait, [this] { return release_workers_; });
                    }
                    std::string p = c.payload();
                    (void)c.reply(std::move(p));
                });
                return;
            case kKeepalive:
                call.client()->startKeepalive(std::chrono::milliseconds(10 * word(call.payload())),
                                              word(call.payload(), 1));
                (void)call.reply({});
                return;
            case kEvents:
                call.client()->submitWork([c = std::move(call)]() mutable {
                    uint32_t n = word(c.payload());
                    for (uint32_t i = 0; i < n; ++i) (void)c.client()->sendEvent(c.header().prog, 100, words({i}));
                    (void)c.reply({});
                });
                return;
            case kFds:
                replyFds(std::move(call));
                return;
            case kBig:
                (void)call.reply(std::string(word(call.payload()), 'b'));
                return;
            case kThrow:
                throw std::runtime_error("handler bug");
            case kStream: {
                auto s = call.client()->openStream(call.header(), make_sink());
                if (!s) {
                    (void)call.replyError("open failed");
                    return;
                }
                {
                    std::lock_guard lock(mu_);
                    last_stream = *s;
                }
                (void)call.reply({});
                (*s)->startSource();
                return;
            }
            default:
                (void)call.replyError(words({39, 7}));
        }
    }

    void releaseHeld() {
        std::vector<Call> calls;
        {
            std::lock_guard lock(mu_);
            calls.swap(held_);
            release_workers_ = true;
            cv_.notify_all();
        }
        for (auto& c : calls) {
            std::string p = c.payload();
            (void)c.reply(std::move(p));
        }
    }
    // Replies to the oldest held call only.
    void releaseOne() {
        std::optional<Call> c;
        {
            std::lock_guard lock(mu_);
            if (held_.empty()) return;
            c.emplace(std::move(held_.front()));
            held_.erase(held_.begin());
        }
        std::string p = c->payload();
        (void)c->reply(std::move(p));
    }

    template <typename Pred>
    bool waitUntil(Pred pred, std::chrono::milliseconds timeout = kWait) {
        std::unique_lock lock(mu_);
        return cv_.wait_for(lock, timeout, [&] { return pred(); });
    }
    // Accessors for use inside waitUntil predicates (lock already held) or after it.
    int connects() const { return connects_; }
    int disconnects() const { return disconnects_; }
    int frames() const { return frames_; }
    size_t heldCount() const { return held_.size(); }
    int workerWaiting() const { return worker_waiting_; }
    std::vector<ClientRef> clients() {
        std::lock_guard lock(mu_);
        return clients_;
    }
    std::shared_ptr<ServerStream> stream() {
        std::lock_guard lock(mu_);
        return last_stream;
    }

  private:
    void replyFds(Call call) {
        for (auto& fd : call.fds()) {
            if (::write(fd.get(), "ok", 2) != 2) {
                (void)call.replyError("write");
                return;
            }
        }
        int p[2];
        if (::pipe(p) != 0) {
            (void)call.replyError("pipe");
            return;
        }
        UniqueFd rd(p[0]);
        UniqueFd wr(p[1]);
        if (::write(wr.get(), "fd", 2) != 2) return;
        std::vector<UniqueFd> out;
        out.push_back(std::move(rd));
        (void)call.reply(words({static_cast<uint32_t>(call.fds().size())}), std::move(out));
    }

    std::mutex mu_;
    std::condition_variable cv_;
    int connects_ = 0;
    int disconnects_ = 0;
    int frames_ = 0;
    int worker_waiting_ = 0;
    bool release_workers_ = false;
    std::vector<Call> held_;
    std::vector<ClientRef> clients_;
};

}  // namespace nodevirt::rpc::testing
