#include "drivers/test/memory_stream.h"

#include <algorithm>

namespace nodevirt::drivers::test {
namespace {

Error streamError(std::string_view detail) {
    return Error::make(ErrorCode::kOperationInvalid, ErrorDomain::kStreams, detail);
}

}  // namespace

Result<driver::StreamRead> MemorySourceStream::read(size_t max) {
    std::lock_guard lock(mutex_);
    driver::StreamRead r;
    uint64_t n = std::min<uint64_t>(max, end_ - pos_);
    r.data.assign(n, '\0');
    if (pos_ < data_->size()) {
        uint64_t avail = std::min<uint64_t>(n, data_->size() - pos_);
        std::copy_n(data_->data() + pos_, avail, r.data.data());
    }
    pos_ += n;
    r.eof = pos_ >= end_;
    return r;
}

Status MemorySourceStream::write(std::string_view /*data*/) {
    return fail(streamError("stream does not accept data"));
}

Result<driver::StreamRead> MemorySinkStream::read(size_t /*max*/) {
    return fail(streamError("stream does not produce data"));
}

Status MemorySinkStream::write(std::string_view data) {
    std::lock_guard lock(mutex_);
    if (done_) return fail(streamError("stream is closed"));
    if (buf_.size() + data.size() > limit_) {
        done_ = true;
        buf_.clear();
        return fail(Error::make(ErrorCode::kInvalidArg, ErrorDomain::kStreams,
                                "stream data exceeds the requested length"));
    }
    buf_.append(data);
    return ok();
}

Status MemorySinkStream::finish() {
    std::lock_guard lock(mutex_);
    if (done_) return fail(streamError("stream is closed"));
    done_ = true;
    return commit_(std::move(buf_));
}

void MemorySinkStream::abort() {
    std::lock_guard lock(mutex_);
    done_ = true;
    buf_.clear();
}

}  // namespace nodevirt::drivers::test
