// Read-only denials and argument errors, worded as libvirt's client library words them.
#include <string>

#include "client/checks.h"

namespace nodevirt::client {

Error invalidHandle(const Family& family, std::string_view api) {
    return Error::make(family.invalid_code, family.invalid_domain, api);
}

Error readOnlyDenied(std::string_view api, ErrorDomain domain) {
    return Error::make(ErrorCode::kOperationDenied, domain,
                       "read only access prevents " + std::string(api));
}

Error secureFlagDenied(std::string_view api, ErrorDomain domain) {
    return Error::make(ErrorCode::kOperationDenied, domain, std::string(api) + " with secure flag");
}

Status checkWritable(const detail::ConnectionState& state, std::string_view api,
                     ErrorDomain domain) {
    if (state.readOnly()) return fail(readOnlyDenied(api, domain));
    return ok();
}

Error invalidArgument(std::string_view api, std::string_view arg, std::string_view rule,
                      ErrorDomain domain) {
    std::string msg;
    msg.append(arg).append(" in ").append(api).append(" ").append(rule);
    Error e = Error::raw(ErrorCode::kInvalidArg, domain, std::move(msg));
    e.str1 = std::string(api);
    e.str2 = std::string(arg);
    return e;
}

Error argNotEmpty(std::string_view api, std::string_view arg, ErrorDomain d) {
    return invalidArgument(api, "string " + std::string(arg), "must not be empty", d);
}

Error argInvalidUuid(std::string_view api, ErrorDomain d) {
    return invalidArgument(api, "uuidstr", "must be a valid UUID", d);
}

}  // namespace nodevirt::client
