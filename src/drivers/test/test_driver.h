// The test driver's entry point: a ConnectionFactory for "test:///default" (one shared
// built-in node per factory while any connection to it is open, rebuilt after the last one
// closes, as libvirt does) and "test:///ABSOLUTE/PATH.xml" (a private node loaded from a file
// on every open).
#pragma once

#include <memory>
#include <mutex>

#include "driver/registry.h"
#include "drivers/test/test_state.h"

namespace nodevirt::drivers::test {

// Shared ownership of the built-in default node between the factory and its connections.
class DefaultNodeHolder {
public:
    // The current default node, built on first use after all users left.
    Result<TestStatePtr> acquire();
    void release();
    [[nodiscard]] int users() const;

private:
    mutable std::mutex mutex_;
    TestStatePtr state_;
    int users_ = 0;
};

class TestConnectionFactory : public driver::ConnectionFactory {
public:
    TestConnectionFactory() : default_(std::make_shared<DefaultNodeHolder>()) {}
    [[nodiscard]] std::string_view name() const override { return "test"; }
    [[nodiscard]] bool accepts(const driver::Uri& uri) const override;
    Result<driver::ConnectionPtr> open(const driver::Uri& uri, unsigned flags) override;

private:
    std::shared_ptr<DefaultNodeHolder> default_;
};

// Builders of the two kinds of node (test_default_node.cc, test_node_file.cc).
Result<TestStatePtr> buildDefaultNode();
Result<TestStatePtr> loadNodeFile(const std::string& path);

}  // namespace nodevirt::drivers::test
