// DataStream: the driver side of a libvirt stream (screenshot, volume upload/download,
// console). The RPC layer or the client library pumps data through it; a stream that
// produces data asynchronously exposes a pollable fd so no thread waits on it.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "util/result.h"

namespace nodevirt::driver {

struct StreamRead {
    std::string data;         // bytes read (may be empty)
    bool eof = false;         // no more data will ever come
    bool would_block = false; // nothing available now; wait on pollFd()
};

class DataStream {
public:
    virtual ~DataStream() = default;
    // Reads up to `max` bytes without blocking (or blocking briefly for in-memory sources).
    virtual Result<StreamRead> read(size_t max) = 0;
    // Writes client data to the sink; an error aborts the stream.
    virtual Status write(std::string_view data) = 0;
    // The client finished sending (upload complete / console closed gracefully).
    virtual Status finish() = 0;
    // The client gave up; release everything without committing.
    virtual void abort() = 0;
    // An fd that becomes readable when read() has data, or -1 when read() never blocks.
    [[nodiscard]] virtual int pollFd() const { return -1; }
};

using DataStreamPtr = std::unique_ptr<DataStream>;

}  // namespace nodevirt::driver
