// Internal side of Result<T>: fail()/ok() helpers and the macros that propagate errors
// without exceptions.
#pragma once

#include <utility>

#include "nodevirt/result.h"
#include "util/error.h"

namespace nodevirt {

inline tl::unexpected<Error> fail(Error e) { return tl::unexpected<Error>(std::move(e)); }

inline Status ok() { return {}; }

}  // namespace nodevirt

#define NODEVIRT_CONCAT_INNER(a, b) a##b
#define NODEVIRT_CONCAT(a, b) NODEVIRT_CONCAT_INNER(a, b)

// NODEVIRT_TRY(expr): evaluates a Result-returning expression and returns its error.
#define NODEVIRT_TRY(expr)                                                             \
    do {                                                                               \
        auto&& nodevirt_try_result_ = (expr);                                          \
        if (!nodevirt_try_result_) return ::nodevirt::fail(std::move(nodevirt_try_result_).error()); \
    } while (0)

// NODEVIRT_ASSIGN_OR_RETURN(decl, expr): `decl = *expr` or return expr's error.
#define NODEVIRT_ASSIGN_OR_RETURN(decl, expr) \
    NODEVIRT_ASSIGN_OR_RETURN_IMPL(NODEVIRT_CONCAT(nodevirt_result_, __LINE__), decl, expr)
#define NODEVIRT_ASSIGN_OR_RETURN_IMPL(tmp, decl, expr)         \
    auto tmp = (expr);                                          \
    if (!tmp) return ::nodevirt::fail(std::move(tmp).error());  \
    decl = std::move(*tmp)
