#include "protocol/error_codec.h"

#include <fmt/format.h>

namespace nodevirt::protocol {

RemoteError toRemoteError(const Error& error) {
    RemoteError r;
    r.code = static_cast<int32_t>(error.code);
    r.domain = static_cast<int32_t>(error.domain);
    r.message = error.message;
    r.level = static_cast<int32_t>(error.level);
    r.str1 = error.str1;
    r.str2 = error.str2;
    r.str3 = error.str3;
    r.int1 = error.int1;
    r.int2 = error.int2;
    return r;
}

Error fromRemoteError(const RemoteError& r) {
    Error e;
    e.code = static_cast<ErrorCode>(r.code);
    e.domain = static_cast<ErrorDomain>(r.domain);
    // libvirt clients substitute a generic text when the server sent none.
    e.message = r.message.value_or("unknown error");
    e.level = static_cast<ErrorLevel>(r.level);
    e.str1 = r.str1;
    e.str2 = r.str2;
    e.str3 = r.str3;
    e.int1 = r.int1;
    e.int2 = r.int2;
    return e;
}

Error unknownProcedureError(int32_t number) {
    return Error::raw(ErrorCode::kRpc, ErrorDomain::kRpc,
                      fmt::format("unknown procedure: {}", number));
}

Error unknownProgramError(uint32_t program, uint32_t version) {
    return Error::raw(ErrorCode::kRpc, ErrorDomain::kRpc,
                      fmt::format("Cannot find program {} version {}", program, version));
}

Error readOnlyDeniedError(std::string_view procedure_name) {
    return Error::make(ErrorCode::kOperationDenied, ErrorDomain::kNone,
                       fmt::format("read only access prevents {}", procedure_name));
}

}  // namespace nodevirt::protocol
