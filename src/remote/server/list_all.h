// The shape shared by every CONNECT_LIST_ALL_* style call: {need_results, flags} in, {objects,
// count} out; objects are sent only when the client asked for them.
#pragma once

#include <utility>

#include "remote/common/convert.h"
#include "remote/server/call_context.h"

namespace nodevirt::remote {

// `list(ctx, args)` returns the driver references.
template <typename P, typename List>
void bindListAll(Handlers& h, List list) {
    on<P>(h, [list](CallContext& ctx, const typename P::Args& a) -> Result<typename P::Ret> {
        NODEVIRT_ASSIGN_OR_RETURN(auto refs, list(ctx, a));
        typename P::Ret ret{};
        auto& [objects, count] = ret;
        count = static_cast<std::remove_reference_t<decltype(count)>>(refs.size());
        if (a.need_results) objects = toWireList(refs);
        return ret;
    });
}

}  // namespace nodevirt::remote
