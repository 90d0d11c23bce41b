// FakeQmpServer: a scripted QMP peer for tests. It sends a greeting, answers
// qmp_capabilities, then plays a script (expected command -> reply and events), or asks a
// responder. A step can hang, defer its reply until released, send raw bytes in pieces, or
// close the connection. Descriptors that arrive with SCM_RIGHTS are kept for inspection.
// It serves one connection at a time on its own thread and accepts a new one after a close.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "drivers/qemu/qmp_client.h"

namespace nodevirt::qemu {

struct FakeQmpStep {
    enum class Action {
        kReply,      // send events_before, the reply, events_after
        kHang,       // never answer this command
        kDefer,      // hold the reply until releaseDeferred()
        kClose,      // close the connection instead of answering
        kRaw,        // send `raw` verbatim instead of a reply
        kNoIdReply,  // reply without echoing the id
    };
    std::string expect;                    // command name; empty accepts any
    std::optional<Json> expect_arguments;  // compared for equality when set
    Action action = Action::kReply;
    Json result = Json::object();            // the "return" value
    std::optional<std::string> error_class;  // set: an error reply with error_desc
    std::string error_desc;
    std::vector<Json> events_before;  // full event objects (see fakeEvent())
    std::vector<Json> events_after;
    std::string raw;
    size_t chunk = 0;          // > 0: write the reply in pieces this large, each flushed separately
    bool close_after = false;  // close the connection after the reply (as QEMU does on quit)

    static FakeQmpStep reply(std::string command, Json result = Json::object());
    static FakeQmpStep error(std::string command, std::string cls, std::string desc);
};

// {"event": name, "data": data, "timestamp": {...}}
Json fakeEvent(const std::string& name, Json data = nullptr);

struct FakeQmpCommand {
    std::string command;
    Json arguments;
    std::string id;
    std::vector<UniqueFd> fds;  // received with this command
};

class FakeQmpServer {
  public:
    using Millis = std::chrono::milliseconds;
    // Answers commands when the script is empty; nullopt means "unexpected command".
    using Responder = std::function<std::optional<FakeQmpStep>(const std::string& command,
                                                               const Json& arguments)>;

    static Result<std::unique_ptr<FakeQmpServer>> listenOn(const std::string& path);
    // Serves a socket that is already listening (as QEMU does with -chardev socket,fd=N).
    static Result<std::unique_ptr<FakeQmpServer>> adoptListener(UniqueFd listener);
    // Serves one end of a fresh socketpair; the other end is returned for the client.
    static Result<std::pair<std::unique_ptr<FakeQmpServer>, UniqueFd>> pair();

    ~FakeQmpServer();
    FakeQmpServer(const FakeQmpServer&) = delete;
    FakeQmpServer& operator=(const FakeQmpServer&) = delete;

    // Starts serving; configure the greeting and negotiation before this.
    void start();

    // A null greeting means "send none".
    void setGreeting(Json greeting);
    void setAutoNegotiate(bool on);  // answer qmp_capabilities without a script step
    void setResponder(Responder responder);
    void addStep(FakeQmpStep step);

    // Act now, from the test's thread.
    void emitEvent(const std::string& name, Json data = nullptr);
    void sendRaw(std::string bytes);
    void releaseDeferred();
    void closeClient();

    // What was received, oldest first; takeReceived() empties the list.
    [[nodiscard]] std::vector<std::string> commands() const;
    std::vector<FakeQmpCommand> takeReceived();
    // Script mismatches and unexpected commands, as readable lines.
    [[nodiscard]] std::vector<std::string> problems() const;
    // Blocks until at least `n` commands arrived (qmp_capabilities included).
    bool waitForCommands(size_t n, Millis timeout);
    // Blocks until `n` connections were accepted and closed again.
    bool waitForDisconnects(size_t n, Millis timeout);

  private:
    FakeQmpServer(UniqueFd listener, UniqueFd client);
    void run();
    void serveClient();
    bool readClient(std::string& inbuf, std::vector<UniqueFd>& fds);
    bool handleCommand(const Json& msg, std::vector<UniqueFd> fds);
    bool play(const FakeQmpStep& step, const Json& id);
    bool writeAll(std::string_view bytes, size_t chunk = 0);
    bool drainOutbox();
    void wake();

    UniqueFd listener_;
    UniqueFd client_;
    UniqueFd wake_fd_;  // eventfd: a test thread has queued work
    std::thread thread_;

    mutable std::mutex mu_;
    std::condition_variable cv_;
    bool stop_ = false;
    bool close_now_ = false;
    bool release_now_ = false;
    Json greeting_;
    bool auto_negotiate_ = true;
    Responder responder_;
    std::deque<FakeQmpStep> script_;
    std::deque<std::string> outbox_;
    std::vector<std::string> deferred_;
    std::vector<std::string> commands_;
    std::vector<FakeQmpCommand> received_;
    std::vector<std::string> problems_;
    size_t disconnects_ = 0;
};

}  // namespace nodevirt::qemu
