// The empty payload: procedures whose args, ret or msg is void use Void so that every
// procedure has the same Args/Ret shape for the generic dispatch and client code.
#pragma once

#include <cstddef>

namespace nodevirt::xdr {
class Encoder;
class Decoder;
}  // namespace nodevirt::xdr

namespace nodevirt::protocol {

struct Void {
    static constexpr size_t kMinWireSize = 0;
    [[nodiscard]] bool encode(xdr::Encoder& /*e*/) const { return true; }
    [[nodiscard]] bool decode(xdr::Decoder& /*d*/) { return true; }
    friend bool operator==(const Void&, const Void&) = default;
};

}  // namespace nodevirt::protocol
