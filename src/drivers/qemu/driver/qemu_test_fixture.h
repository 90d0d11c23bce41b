// Test fixture of the QEMU driver: a driver in a temporary directory whose QEMUs are
// FakeProcessRunner processes, each answered by a FakeQmpServer on the monitor socket the
// driver passed; lifecycle events are recorded. Used by the driver's unit tests only.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <mutex>
#include <thread>

#include "conf/domain/domain_def.h"
#include "drivers/qemu/driver/qemu_connection.h"
#include "drivers/qemu/fake_qmp_server.h"
#include "util/fake_process_runner.h"

namespace nodevirt::qemu::testing {

inline std::string domainXml(const std::string& name, const std::string& uuid,
                             const std::string& type = "qemu") {
    return "<domain type='" + type + "'><name>" + name + "</name><uuid>" + uuid +
           "</uuid><memory unit='KiB'>131072</memory><vcpu>1</vcpu>"
           "<os><type arch='x86_64'>hvm</type></os></domain>";
}

// Polls `pred` every 10 ms for at most `timeout`.
inline bool waitFor(const std::function<bool()>& pred,
                    std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (pred()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return pred();
}

class QemuDriverFixture : public ::testing::Test {
  protected:
    void SetUp() override {
        char tmpl[] = "/tmp/nodevirt-qdrv-XXXXXX";
        ASSERT_NE(mkdtemp(tmpl), nullptr);
        dir_ = tmpl;
        runner_.setHook([this](const util::SpawnOptions& o) -> Status {
            if (!serve_monitor_ || o.keep_fds.empty()) return ok();
            UniqueFd copy(::dup(o.keep_fds[0].parent_fd));
            auto server = FakeQmpServer::adoptListener(std::move(copy));
            if (!server) return fail(server.error());
            if (!greeting_) (*server)->setGreeting(nullptr);
            (*server)->setResponder([this](const std::string& cmd, const Json& args) {
                return respond(cmd, args);
            });
            (*server)->start();
            std::lock_guard lock(mu_);
            servers_.push_back(std::move(*server));
            return ok();
        });
    }

    void TearDown() override {
        conn_.reset();
        factory_.reset();
        {
            std::lock_guard lock(mu_);
            servers_.clear();
        }
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }

    QemuDriverOptions options() {
        QemuDriverOptions o;
        o.config_dir = dir_ + "/state/qemu";
        o.run_dir = dir_ + "/run/qemu";
        o.cache_dir = dir_ + "/cache/qemu";
        o.runner = &runner_;
        o.build_command = [](conf::DomainDef& def, const LaunchContext& ctx) -> Result<CommandLine> {
            CommandLine cmd;
            cmd.argv = {ctx.binary, "-name", def.name, "-S"};
            return cmd;
        };
        o.caps_lookup = [caps = caps_](const std::string&) -> Result<std::shared_ptr<const QemuCaps>> {
            return caps;
        };
        o.monitor_timeout = std::chrono::milliseconds(1000);
        o.command_timeout = std::chrono::milliseconds(1000);
        o.destroy_grace = std::chrono::milliseconds(300);
        return o;
    }

    // A (new) driver and connection; the previous one, if any, is dropped first.
    void open(QemuDriverOptions o) {
        conn_.reset();
        factory_.reset();
        factory_ = std::make_unique<QemuConnectionFactory>(std::move(o));
        auto uri = driver::Uri::parse("qemu:///session");
        ASSERT_TRUE(uri);
        auto conn = factory_->open(*uri, 0);
        ASSERT_TRUE(conn) << conn.error().message;
        conn_ = *conn;
        auto id = conn_->events().registerDomainEvent(0, std::nullopt, [this](const driver::DomainEvent& e) {
            auto* lc = std::get_if<driver::LifecycleEvent>(&e.payload);
            if (!lc) return;
            std::lock_guard lock(mu_);
            events_.emplace_back(lc->event, lc->detail);
        });
        ASSERT_TRUE(id);
    }
    void open() { open(options()); }

    // The scripted QEMU's answers; tests replace it.
    virtual std::optional<FakeQmpStep> respond(const std::string& cmd, const Json& /*args*/) {
        if (cmd == "system_powerdown" && ignore_powerdown_) return FakeQmpStep::reply(cmd);
        if (cmd == "system_powerdown") {
            FakeQmpStep s = FakeQmpStep::reply(cmd);
            s.events_after.push_back(fakeEvent("POWERDOWN"));
            s.events_after.push_back(fakeEvent("SHUTDOWN", Json{{"guest", true}, {"reason", "guest-shutdown"}}));
            return s;
        }
        if (cmd == "query-status") return FakeQmpStep::reply(cmd, Json{{"running", true}, {"status", "running"}});
        return FakeQmpStep::reply(cmd);
    }

    driver::DomainRef define(const std::string& name, const std::string& uuid) {
        auto ref = conn_->domainLifecycle().defineXml(domainXml(name, uuid), 0);
        EXPECT_TRUE(ref) << ref.error().message;
        return ref ? *ref : driver::DomainRef{};
    }
    DomainStateReason state(const driver::DomainRef& ref) {
        auto s = conn_->domainLifecycle().getState(ref, 0);
        return s ? *s : DomainStateReason{};
    }
    std::vector<std::pair<int, int>> events() {
        std::lock_guard lock(mu_);
        return events_;
    }
    bool sawEvent(int event, int detail) {
        auto all = events();
        return std::find(all.begin(), all.end(), std::make_pair(event, detail)) != all.end();
    }
    FakeQmpServer* server(size_t i) {
        std::lock_guard lock(mu_);
        return i < servers_.size() ? servers_[i].get() : nullptr;
    }

    std::string dir_;
    util::FakeProcessRunner runner_;
    std::shared_ptr<const QemuCaps> caps_ = [] {
        auto c = std::make_shared<QemuCaps>();
        c->binary = "/usr/bin/qemu-system-x86_64";
        c->accel = "tcg";
        return c;
    }();
    bool serve_monitor_ = true;
    bool greeting_ = true;
    bool ignore_powerdown_ = false;
    std::unique_ptr<QemuConnectionFactory> factory_;
    driver::ConnectionPtr conn_;
    std::mutex mu_;
    std::vector<std::unique_ptr<FakeQmpServer>> servers_;
    std::vector<std::pair<int, int>> events_;
};

}  // namespace nodevirt::qemu::testing
