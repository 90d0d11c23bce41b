// The default answer of every driver facet method: libvirt's "this function is not supported
// by the connection driver: virXxx" (code 3), which clients use to pick fallbacks.
#pragma once

#include <string_view>

#include "util/result.h"

namespace nodevirt::driver {

inline tl::unexpected<Error> unsupported(std::string_view api, ErrorDomain domain = ErrorDomain::kDomain) {
    return fail(noSupport(api, domain));
}

}  // namespace nodevirt::driver
