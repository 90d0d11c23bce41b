// What the description says about each procedure, as a runtime table: number, name, program
// and the policy flags the server and client act on (read-only safety, fast path, streams,
// fd passing, what is allowed before authentication / open). Generated from
// wire_protocol.def into procedures.cc.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "xdr/frame.h"

namespace nodevirt::protocol {

// How a procedure touches state, for read-only connections.
enum class Access : uint8_t {
    kRead,     // allowed on read-only connections
    kWrite,    // mutates state: refused on read-only connections
    kPrivate,  // reads data a read-only client may not see (secrets, guest agent, consoles)
    kEvent,    // a MESSAGE the server sends; never called
};

enum class StreamDirection : uint8_t { kNone, kRead, kWrite, kBoth };
enum class FdPassing : uint8_t { kNone, kIn, kOut, kBoth };

struct ProcedureInfo {
    xdr::Program program;
    int32_t number;
    std::string_view name;  // wire spelling, e.g. "DOMAIN_LOOKUP_BY_NAME"
    Access access;
    // A read that is refused on read-only connections for some argument values
    // (e.g. DOMAIN_GET_XML_DESC with the secure flag); see proc::X::deniedOnReadOnly.
    bool has_read_only_rule;
    // libvirtd may run it on its high-priority workers.
    bool priority;
    // Pure in-memory read: an I/O thread may answer it without a worker hop.
    bool fast;
    StreamDirection stream;
    bool sparse_stream;
    FdPassing fds;
    bool before_auth;  // allowed before the client authenticated
    bool before_open;  // allowed before CONNECT_OPEN

    [[nodiscard]] bool isEvent() const { return access == Access::kEvent; }
    // Refused on a read-only connection whatever the arguments.
    [[nodiscard]] bool deniedOnReadOnly() const {
        return access == Access::kWrite || access == Access::kPrivate;
    }
};

// nullptr for an unknown program or procedure number.
const ProcedureInfo* findProcedure(uint32_t program, int32_t number);
inline const ProcedureInfo* findProcedure(xdr::Program program, int32_t number) {
    return findProcedure(static_cast<uint32_t>(program), number);
}
// Every procedure of every program, REMOTE first, each program in number order.
std::span<const ProcedureInfo> allProcedures();

}  // namespace nodevirt::protocol
