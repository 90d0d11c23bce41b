// In-memory DataStreams: a source that serves a byte range (screenshots, volume download;
// bytes past the stored data read as zeros, like a sparse file) and a sink that collects
// bytes and hands them over when the client finishes (volume upload).
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "driver/stream.h"

namespace nodevirt::drivers::test {

class MemorySourceStream : public driver::DataStream {
public:
    // Serves [offset, offset + length) of `data` (zero-filled past its end).
    MemorySourceStream(std::shared_ptr<const std::string> data, uint64_t offset, uint64_t length)
        : data_(std::move(data)), pos_(offset), end_(offset + length) {}

    Result<driver::StreamRead> read(size_t max) override;
    Status write(std::string_view data) override;
    Status finish() override { return ok(); }
    void abort() override {}

private:
    std::mutex mutex_;
    std::shared_ptr<const std::string> data_;
    uint64_t pos_;
    uint64_t end_;
};

class MemorySinkStream : public driver::DataStream {
public:
    using Commit = std::function<Status(std::string&& bytes)>;
    // Accepts at most `limit` bytes; `commit` runs once when the client finishes.
    MemorySinkStream(uint64_t limit, Commit commit) : limit_(limit), commit_(std::move(commit)) {}

    Result<driver::StreamRead> read(size_t max) override;
    Status write(std::string_view data) override;
    Status finish() override;
    void abort() override;

private:
    std::mutex mutex_;
    uint64_t limit_;
    Commit commit_;
    std::string buf_;
    bool done_ = false;
};

}  // namespace nodevirt::drivers::test
