// Client side of a procedure call, independent of sockets: encode the args, hand them to a
// Transport for one CALL/REPLY round trip, decode the ret. The remote driver and the
// daemon's tests reuse this with their own transports (rpc/ provides the socket one).
#pragma once

#include <cstdint>
#include <string>

#include "protocol/payload.h"
#include "util/result.h"
#include "xdr/frame.h"

namespace nodevirt::protocol {

class Transport {
  public:
    virtual ~Transport() = default;
    // Sends one CALL of `procedure` with the encoded args and waits for its REPLY. Returns the
    // reply payload on status OK; the decoded remote_error (see error_codec.h) on status ERROR;
    // or a transport failure.
    virtual Result<std::string> roundTrip(xdr::Program program, int32_t procedure,
                                          std::string payload) = 0;
};

// P is a traits struct from protocol/generated/traits.h (proc::DomainLookupByName ...).
template <typename P>
Result<typename P::Ret> call(Transport& transport, const typename P::Args& args) {
    NODEVIRT_ASSIGN_OR_RETURN(std::string payload, encodePayload(args));
    NODEVIRT_ASSIGN_OR_RETURN(std::string reply,
                              transport.roundTrip(P::kProgram, P::kNumber, std::move(payload)));
    return decodePayload<typename P::Ret>(reply);
}

// For procedures whose ret is void.
template <typename P>
Status callStatus(Transport& transport, const typename P::Args& args) {
    NODEVIRT_TRY(call<P>(transport, args));
    return ok();
}

}  // namespace nodevirt::protocol
