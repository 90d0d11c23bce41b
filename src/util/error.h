// Internal error helpers: the public Error type plus constructors for the cases every
// module raises (invalid argument, operation invalid, not supported, system errors...).
#pragma once

#include <string_view>

#include "nodevirt/error.h"

namespace nodevirt {

// Convenience constructors for the most common cases.
Error internalError(std::string_view detail);
Error invalidArg(std::string_view detail, ErrorDomain domain = ErrorDomain::kNone);
Error operationInvalid(std::string_view detail, ErrorDomain domain = ErrorDomain::kNone);
Error operationFailed(std::string_view detail, ErrorDomain domain = ErrorDomain::kNone);
Error configUnsupported(std::string_view detail, ErrorDomain domain = ErrorDomain::kNone);
Error xmlError(std::string_view detail, ErrorDomain domain = ErrorDomain::kXml);
Error systemError(int errnum, std::string_view what);
// "this function is not supported by the connection driver: virDomainFoo"
Error noSupport(std::string_view api_name, ErrorDomain domain = ErrorDomain::kDomain);
// "unsupported flags (0x4) in function testDomainFoo"; pass only the unsupported bits.
Error unsupportedFlags(unsigned int flags, std::string_view function,
                       ErrorDomain domain = ErrorDomain::kNone);

}  // namespace nodevirt
