#include "drivers/qemu/qmp_client.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <thread>

#include "drivers/qemu/fake_qmp_server.h"
#include "drivers/qemu/qmp_sync_client.h"

namespace nodevirt::qemu {
namespace {

using std::chrono::milliseconds;
using Action = FakeQmpStep::Action;
constexpr milliseconds kLong(20000);  // a bound for things that happen at once

struct Pair {
    std::unique_ptr<FakeQmpServer> server;
    UniqueFd client_end;
};

Pair makePair() {
    auto p = FakeQmpServer::pair();
    EXPECT_TRUE(p);
    return {std::move(p->first), std::move(p->second)};
}

std::unique_ptr<SyncQmpClient> attach(Pair& p) {
    p.server->start();
    auto c = SyncQmpClient::attach(std::move(p.client_end), kLong);
    EXPECT_TRUE(c) << c.error().message;
    return c ? std::move(*c) : nullptr;
}

// Runs `io` until `done` or a generous bound.
template <typename F>
bool runUntil(asio::io_context& io, F done) {
    auto deadline = std::chrono::steady_clock::now() + kLong;
    while (!done() && std::chrono::steady_clock::now() < deadline) {
        io.run_one_for(milliseconds(100));
        if (io.stopped()) io.restart();
    }
    return done();
}

TEST(QmpClientTest, HandshakeReadsGreetingAndNegotiates) {
    auto p = makePair();
    auto c = attach(p);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->greeting().major, 7);
    EXPECT_EQ(c->greeting().minor, 2);
    EXPECT_EQ(c->greeting().micro, 22);
    EXPECT_EQ(c->greeting().package, "Debian 1:7.2+dfsg-7+deb12u18+b3");
    EXPECT_EQ(c->greeting().capabilities, std::vector<std::string>{"oob"});
    EXPECT_EQ(p.server->commands(), std::vector<std::string>{"qmp_capabilities"});
}

TEST(QmpClientTest, CommandsCarryArgumentsAndIds) {
    auto p = makePair();
    p.server->addStep(
        FakeQmpStep::reply("query-status", {{"status", "paused"}, {"running", false}}));
    auto step = FakeQmpStep::reply("balloon");
    step.expect_arguments = Json{{"value", 134217728}};
    p.server->addStep(step);
    p.server->addStep(FakeQmpStep::reply("stop"));
    auto c = attach(p);
    ASSERT_TRUE(c);
    auto st = c->execute("query-status");
    ASSERT_TRUE(st) << st.error().message;
    EXPECT_EQ((*st)["status"], "paused");
    ASSERT_TRUE(c->execute("balloon", {{"value", 134217728}}));
    auto stop = c->execute("stop");
    ASSERT_TRUE(stop);
    EXPECT_EQ(*stop, Json::object());
    auto got = p.server->takeReceived();
    ASSERT_EQ(got.size(), 4u);
    EXPECT_EQ(got[1].command, "query-status");
    EXPECT_TRUE(got[1].arguments.is_null());  // no "arguments" member when there are none
    EXPECT_EQ(got[2].arguments, (Json{{"value", 134217728}}));
    EXPECT_FALSE(got[1].id.empty());
    EXPECT_NE(got[1].id, got[2].id);
    EXPECT_NE(got[2].id, got[3].id);
    EXPECT_TRUE(p.server->problems().empty());
}

TEST(QmpClientTest, ErrorReplyNamesCommandAndClass) {
    auto p = makePair();
    p.server->addStep(FakeQmpStep::error("device_del", "DeviceNotFound", "Device 'vdb' not found"));
    auto c = attach(p);
    ASSERT_TRUE(c);
    auto r = c->execute("device_del", {{"id", "vdb"}});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::kInternalError);
    EXPECT_EQ(r.error().domain, ErrorDomain::kQemu);
    EXPECT_EQ(r.error().message,
              "internal error: unable to execute QEMU command 'device_del': Device 'vdb' not "
              "found");
    EXPECT_EQ(qmpErrorClass(r.error()), "DeviceNotFound");
    EXPECT_FALSE(c->execute("x", Json::array({1})));  // arguments must be an object
}

TEST(QmpClientTest, EventsAndRepliesKeepWireOrder) {
    asio::io_context io;
    auto p = makePair();
    auto step = FakeQmpStep::reply("quit");
    step.events_before = {fakeEvent("SHUTDOWN", {{"guest", false}, {"reason", "host-qmp-quit"}})};
    step.events_after = {fakeEvent("STOP")};
    p.server->addStep(step);
    p.server->start();
    auto client = QmpClient::create(io);
    std::vector<std::string> seen;
    std::vector<QmpEvent> events;
    client->setEventHandler([&](const QmpEvent& e) {
        seen.push_back("event:" + e.name);
        events.push_back(e);
    });
    bool ready = false;
    client->asyncAttach(std::move(p.client_end), kLong, [&](Result<QmpGreeting> g) {
        ready = g.has_value();
        client->asyncExecute("quit", nullptr, kLong, [&](QmpClient::Reply r) {
            seen.push_back(r ? "reply:quit" : "error:" + r.error().message);
        });
    });
    ASSERT_TRUE(runUntil(io, [&] { return seen.size() == 3; }));
    EXPECT_TRUE(ready);
    EXPECT_EQ(seen, (std::vector<std::string>{"event:SHUTDOWN", "reply:quit", "event:STOP"}));
    EXPECT_EQ(events[0].data["reason"], "host-qmp-quit");
    EXPECT_EQ(events[0].seconds, 1700000000);
    EXPECT_EQ(events[0].microseconds, 1);
    EXPECT_TRUE(events[1].data.is_null());

    // A burst of events in one write arrives complete and in order.
    const std::vector<std::string> names = {
        "STOP",      "RESUME",         "POWERDOWN",      "RESET",           "GUEST_PANICKED",
        "SHUTDOWN",  "DEVICE_DELETED", "BALLOON_CHANGE", "BLOCK_JOB_READY", "BLOCK_JOB_COMPLETED",
        "MIGRATION", "MIGRATION_PASS"};
    std::string burst;
    for (size_t i = 0; i < names.size(); ++i)
        burst += fakeEvent(names[i], {{"n", i}}).dump() + "\r\n";
    p.server->sendRaw(burst);
    ASSERT_TRUE(runUntil(io, [&] { return events.size() == 2 + names.size(); }));
    for (size_t i = 0; i < names.size(); ++i) {
        EXPECT_EQ(events[2 + i].name, names[i]);
        EXPECT_EQ(events[2 + i].data["n"], i);
    }
    client->close();
}

TEST(QmpClientTest, TimeoutThenLateReplyIsDropped) {
    auto p = makePair();
    auto hang = FakeQmpStep::reply("query-migrate", {{"status", "late"}});
    hang.action = Action::kDefer;
    p.server->addStep(hang);
    p.server->addStep(FakeQmpStep::reply("query-status", {{"status", "running"}}));
    auto c = attach(p);
    ASSERT_TRUE(c);
    auto r = c->execute("query-migrate", nullptr, milliseconds(30));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::kOperationTimeout);
    EXPECT_NE(r.error().message.find("'query-migrate'"), std::string::npos);
    ASSERT_TRUE(p.server->waitForCommands(2, kLong));  // the server holds the reply now
    p.server->releaseDeferred();  // the late reply reaches the client before the next one
    auto s = c->execute("query-status");
    ASSERT_TRUE(s) << s.error().message;
    EXPECT_EQ((*s)["status"], "running");
    EXPECT_TRUE(p.server->problems().empty());
}

TEST(QmpClientTest, HungCommandDoesNotBlockLaterOnes) {
    auto p = makePair();
    auto hang = FakeQmpStep::reply("savevm");
    hang.action = Action::kHang;
    p.server->addStep(hang);
    p.server->addStep(FakeQmpStep::reply("query-status", {{"status", "running"}}));
    auto c = attach(p);
    ASSERT_TRUE(c);
    auto r = c->execute("savevm", nullptr, milliseconds(20));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::kOperationTimeout);
    EXPECT_TRUE(c->execute("query-status"));
}

TEST(QmpClientTest, QueuedCommandTimesOutWithoutBeingSent) {
    asio::io_context io;
    auto p = makePair();
    auto slow = FakeQmpStep::reply("first", {{"v", 1}});
    slow.action = Action::kDefer;
    p.server->addStep(slow);
    p.server->start();
    auto client = QmpClient::create(io);
    bool ready = false;
    client->asyncAttach(std::move(p.client_end), kLong,
                        [&](Result<QmpGreeting> g) { ready = g.has_value(); });
    ASSERT_TRUE(runUntil(io, [&] { return ready; }));
    std::optional<QmpClient::Reply> first, second;
    client->asyncExecute("first", nullptr, kLong, [&](QmpClient::Reply r) { first = r; });
    client->asyncExecute("second", nullptr, milliseconds(20),
                         [&](QmpClient::Reply r) { second = r; });
    ASSERT_TRUE(runUntil(io, [&] { return second.has_value(); }));
    EXPECT_FALSE(first.has_value());
    ASSERT_FALSE(*second);
    EXPECT_EQ(second->error().code, ErrorCode::kOperationTimeout);
    ASSERT_TRUE(p.server->waitForCommands(2, kLong));
    p.server->releaseDeferred();
    ASSERT_TRUE(runUntil(io, [&] { return first.has_value(); }));
    ASSERT_TRUE(*first);
    EXPECT_EQ((**first)["v"], 1);
    // "second" never went out: commands are sent one at a time.
    EXPECT_EQ(p.server->commands(), (std::vector<std::string>{"qmp_capabilities", "first"}));
    client->close();
}

TEST(QmpClientTest, EndOfFileFailsPendingAndLaterCommands) {
    asio::io_context io;
    auto p = makePair();
    auto die = FakeQmpStep::reply("cont");
    die.action = Action::kClose;
    p.server->addStep(die);
    p.server->start();
    auto client = QmpClient::create(io);
    int closes = 0;
    std::string close_msg;
    client->setCloseHandler([&](const Error& e) {
        ++closes;
        close_msg = e.message;
    });
    client->asyncAttach(std::move(p.client_end), kLong, [](Result<QmpGreeting>) {});
    std::vector<std::string> results;
    for (const char* cmd : {"cont", "query-status", "query-cpus-fast"}) {
        client->asyncExecute(cmd, nullptr, kLong, [&](QmpClient::Reply r) {
            results.push_back(r ? "ok" : r.error().message);
        });
    }
    ASSERT_TRUE(runUntil(io, [&] { return results.size() == 3; }));
    for (const auto& r : results) EXPECT_EQ(r, "operation failed: End of file from QEMU monitor");
    EXPECT_EQ(closes, 1);
    EXPECT_EQ(close_msg, "operation failed: End of file from QEMU monitor");
    EXPECT_TRUE(client->isClosed());
    std::optional<QmpClient::Reply> after;
    client->asyncExecute("query-status", nullptr, kLong, [&](QmpClient::Reply r) { after = r; });
    ASSERT_TRUE(runUntil(io, [&] { return after.has_value(); }));
    ASSERT_FALSE(*after);
    EXPECT_EQ(after->error().message, "operation failed: QEMU monitor was closed");
    EXPECT_EQ(closes, 1);
}

TEST(QmpClientTest, IdleEndOfFileIsNoticed) {
    auto p = makePair();
    auto c = attach(p);
    ASSERT_TRUE(c);
    EXPECT_FALSE(c->closed());
    p.server->closeClient();
    ASSERT_TRUE(c->waitForClose(kLong));
    EXPECT_TRUE(c->closed());
    auto r = c->execute("query-status");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message, "operation failed: QEMU monitor was closed");
}

TEST(QmpClientTest, PassesDescriptorsWithScmRights) {
    auto p = makePair();
    p.server->addStep(FakeQmpStep::reply("getfd"));
    p.server->addStep(FakeQmpStep::reply("query-status", {{"status", "running"}}));
    auto c = attach(p);
    ASSERT_TRUE(c);
    int pipefd[2];
    ASSERT_EQ(::pipe(pipefd), 0);
    ASSERT_TRUE(c->execute("getfd", {{"fdname", "tapfd1"}}, kLong, {pipefd[1]}));
    ::close(pipefd[1]);  // the client sent its own duplicate
    ASSERT_TRUE(c->execute("query-status"));
    auto got = p.server->takeReceived();
    ASSERT_EQ(got.size(), 3u);
    ASSERT_EQ(got[1].fds.size(), 1u);
    EXPECT_TRUE(got[2].fds.empty());
    EXPECT_EQ(got[1].arguments["fdname"], "tapfd1");
    // The received descriptor is the pipe's write end: what goes in comes out of ours.
    ASSERT_EQ(::write(got[1].fds[0].get(), "via-scm", 7), 7);
    got.clear();  // closes the server's copy, so the read below sees EOF after the data
    char buf[16] = {};
    ASSERT_EQ(::read(pipefd[0], buf, sizeof buf), 7);
    EXPECT_STREQ(buf, "via-scm");
    EXPECT_EQ(::read(pipefd[0], buf, sizeof buf), 0);  // no copy leaked anywhere
    ::close(pipefd[0]);
}

TEST(QmpClientTest, SplitWritesAndReplyWithoutId) {
    auto p = makePair();
    std::string big(20000, 'x');
    auto split = FakeQmpStep::reply("human-monitor-command", big);
    split.chunk = 7;
    p.server->addStep(split);
    auto noid = FakeQmpStep::reply("query-kvm", {{"enabled", false}, {"present", true}});
    noid.action = Action::kNoIdReply;
    p.server->addStep(noid);
    auto c = attach(p);
    ASSERT_TRUE(c);
    auto r = c->execute("human-monitor-command", {{"command-line", "info"}});
    ASSERT_TRUE(r);
    EXPECT_EQ(*r, big);
    auto k = c->execute("query-kvm");
    ASSERT_TRUE(k);
    EXPECT_EQ((*k)["present"], true);
}

TEST(QmpClientTest, GarbageAndOversizedMessagesCloseTheMonitor) {
    auto p = makePair();
    auto c = attach(p);
    ASSERT_TRUE(c);
    p.server->sendRaw("this is not json\r\n");
    ASSERT_TRUE(c->waitForClose(kLong));
    auto r = c->execute("query-status");
    ASSERT_FALSE(r);

    asio::io_context io;
    auto q = makePair();
    q.server->addStep(FakeQmpStep::reply("query-qmp-schema", std::string(4096, 's')));
    q.server->start();
    auto small = QmpClient::create(io, 1024);
    std::string why;
    small->setCloseHandler([&](const Error& e) { why = e.message; });
    small->asyncAttach(std::move(q.client_end), kLong, [](Result<QmpGreeting>) {});
    std::optional<QmpClient::Reply> reply;
    small->asyncExecute("query-qmp-schema", nullptr, kLong, [&](QmpClient::Reply x) { reply = x; });
    ASSERT_TRUE(runUntil(io, [&] { return reply.has_value(); }));
    ASSERT_FALSE(*reply);
    EXPECT_NE(why.find("message longer than 1024 bytes"), std::string::npos) << why;
}

TEST(QmpClientTest, HandshakeFailures) {
    {
        auto p = makePair();
        p.server->setGreeting(nullptr);  // a peer that never greets
        p.server->start();
        auto c = SyncQmpClient::attach(std::move(p.client_end), milliseconds(30));
        ASSERT_FALSE(c);
        EXPECT_EQ(c.error().code, ErrorCode::kOperationTimeout);
    }
    {
        auto p = makePair();
        p.server->setGreeting({{"hello", 1}});
        p.server->start();
        auto c = SyncQmpClient::attach(std::move(p.client_end), kLong);
        ASSERT_FALSE(c);
        EXPECT_NE(c.error().message.find("not a QMP greeting"), std::string::npos);
    }
    {
        auto p = makePair();
        p.server->setAutoNegotiate(false);
        p.server->addStep(FakeQmpStep::error("qmp_capabilities", "GenericError", "no"));
        p.server->start();
        auto c = SyncQmpClient::attach(std::move(p.client_end), kLong);
        ASSERT_FALSE(c);
        EXPECT_NE(c.error().message.find("'qmp_capabilities': no"), std::string::npos);
    }
    {
        auto c = SyncQmpClient::connect("/nonexistent/nodevirt/qmp.sock", milliseconds(30));
        ASSERT_FALSE(c);
        EXPECT_EQ(c.error().code, ErrorCode::kOperationTimeout);
        auto longpath = SyncQmpClient::connect(std::string(200, 'a'), milliseconds(30));
        ASSERT_FALSE(longpath);
        EXPECT_NE(longpath.error().message.find("too long"), std::string::npos);
    }
}

TEST(QmpClientTest, CommandsQueuedBeforeHandshakeGoAfterNegotiation) {
    asio::io_context io;
    auto p = makePair();
    p.server->addStep(FakeQmpStep::reply("query-status", {{"status", "paused"}}));
    p.server->start();
    auto client = QmpClient::create(io);
    client->asyncAttach(std::move(p.client_end), kLong, [](Result<QmpGreeting>) {});
    std::optional<QmpClient::Reply> r;
    client->asyncExecute("query-status", nullptr, kLong, [&](QmpClient::Reply x) { r = x; });
    ASSERT_TRUE(runUntil(io, [&] { return r.has_value(); }));
    ASSERT_TRUE(*r);
    EXPECT_EQ(p.server->commands(), (std::vector<std::string>{"qmp_capabilities", "query-status"}));
    client->close();
}

TEST(QmpClientTest, ConnectRetriesUntilTheSocketAppears) {
    char tmpl[] = "/tmp/nodevirt-qmp-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    std::string path = std::string(tmpl) + "/qmp.sock";
    asio::io_context io;
    auto client = QmpClient::create(io);
    std::optional<Result<QmpGreeting>> ready;
    client->asyncConnect(path, kLong, [&](Result<QmpGreeting> g) { ready = std::move(g); });
    // Run the loop a little with no socket there: the client keeps retrying.
    io.run_for(milliseconds(30));
    EXPECT_FALSE(ready.has_value());
    auto server = FakeQmpServer::listenOn(path);
    ASSERT_TRUE(server);
    (*server)->start();
    ASSERT_TRUE(runUntil(io, [&] { return ready.has_value(); }));
    ASSERT_TRUE(*ready) << (*ready).error().message;
    EXPECT_EQ((*ready)->major, 7);
    client->close();
    // A second client on the same socket (a daemon re-attaching after a restart).
    ASSERT_TRUE((*server)->waitForDisconnects(1, kLong));
    (*server)->addStep(FakeQmpStep::reply("query-status", {{"status", "running"}}));
    auto again = SyncQmpClient::connect(path, kLong);
    ASSERT_TRUE(again);
    auto st = (*again)->execute("query-status");
    ASSERT_TRUE(st);
    EXPECT_EQ((*st)["status"], "running");
    again->reset();
    server->reset();
    ::unlink(path.c_str());
    ::rmdir(tmpl);
}

TEST(QmpClientTest, SubmitFromAnotherThreadAndDestroyWithPending) {
    asio::io_context io;
    auto guard = asio::make_work_guard(io);
    auto p = makePair();
    p.server->addStep(FakeQmpStep::reply("query-status", {{"status", "running"}}));
    auto hang = FakeQmpStep::reply("stop");
    hang.action = Action::kHang;
    p.server->addStep(hang);
    p.server->start();
    auto client = QmpClient::create(io);
    client->asyncAttach(std::move(p.client_end), kLong, [](Result<QmpGreeting>) {});
    std::thread loop([&] { io.run(); });
    auto f = client->submit("query-status", nullptr, kLong);
    ASSERT_EQ(f.wait_for(kLong), std::future_status::ready);
    auto r = f.get();
    ASSERT_TRUE(r);
    EXPECT_EQ((*r)["status"], "running");
    auto pending = client->submit("stop", nullptr, kLong);
    ASSERT_TRUE(p.server->waitForCommands(3, kLong));
    asio::post(io, [&] { client->close(); });
    ASSERT_EQ(pending.wait_for(kLong), std::future_status::ready);
    auto pr = pending.get();
    ASSERT_FALSE(pr);
    EXPECT_EQ(pr.error().message, "operation failed: QEMU monitor was closed");
    guard.reset();
    io.stop();
    loop.join();
}

}  // namespace
}  // namespace nodevirt::qemu
