// Result<T>: either a value or a nodevirt::Error (tl::expected from libexpected-dev).
// Status is Result<void>. Check with `if (!r)`, read the error with r.error().
#pragma once

#include <tl/expected.hpp>

#include "nodevirt/error.h"

namespace nodevirt {

template <typename T>
using Result = tl::expected<T, Error>;

using Status = Result<void>;

}  // namespace nodevirt
