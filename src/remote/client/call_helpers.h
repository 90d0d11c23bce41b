// Small helpers the remote driver's facets share: void replies to Status, int flags to bool,
// the libvirt two-call typed-parameter protocol, and fallbacks on NO_SUPPORT.
#pragma once

#include <cstdint>
#include <utility>

#include "protocol/void.h"
#include "remote/client/channel.h"
#include "remote/common/convert.h"
#include "util/result.h"

namespace nodevirt::remote::detail {

namespace p = protocol;
namespace pr = protocol::proc;

inline Status done(const Result<p::Void>& r) {
    if (!r) return fail(r.error());
    return ok();
}

template <typename P>
Status callVoid(Channel& ch, const typename P::Args& args) {
    return done(ch.call<P>(args));
}

// Calls `primary`; when the server answers NO_SUPPORT and `usable` is true, calls `fallback`
// instead (the older procedure libvirt's client falls back to, census §5.2).
template <typename Primary, typename Fallback>
auto withFallback(bool usable, Primary primary, Fallback fallback) -> decltype(primary()) {
    auto r = primary();
    if (r || !usable || !isNoSupport(r.error())) return r;
    return fallback();
}

// VIR_TYPED_PARAM_STRING_OKAY when the server can send string parameters (feature 9), as
// libvirt's public layer adds it before every parameter getter.
inline unsigned withStringOkay(Channel& ch, unsigned flags) {
    return ch.supportsFeature(Feature::kTypedParamString) ? flags | kTypedParamStringOkay : flags;
}

// libvirt's two-call protocol for typed-parameter getters: `get(0)` returns the count in
// nparams, `get(n)` the parameters themselves. `get` returns Result<Ret> where Ret has
// `params` and `nparams`.
template <typename Get>
Result<TypedParams> twoCallParams(Get get) {
    NODEVIRT_ASSIGN_OR_RETURN(auto count, get(0));
    if (count.nparams <= 0) return TypedParams{};
    NODEVIRT_ASSIGN_OR_RETURN(auto full, get(count.nparams));
    return fromWireParams(full.params);
}

}  // namespace nodevirt::remote::detail
