// Conversion between nodevirt::Error and the wire's remote_error, and the errors the RPC
// layer itself raises with libvirt's exact codes and wording (census §1.7): clients key
// their fallbacks on them.
#pragma once

#include <cstdint>
#include <string_view>

#include "protocol/generated/types.h"
#include "util/error.h"

namespace nodevirt::protocol {

RemoteError toRemoteError(const Error& error);
Error fromRemoteError(const RemoteError& error);

// "unknown procedure: N" (VIR_ERR_RPC, VIR_FROM_RPC): what libvirtd answers for procedures it
// does not implement; clients turn it into VIR_ERR_NO_SUPPORT.
Error unknownProcedureError(int32_t number);
// "Cannot find program P version V".
Error unknownProgramError(uint32_t program, uint32_t version);
// "operation forbidden: read only access prevents NAME".
Error readOnlyDeniedError(std::string_view procedure_name);

}  // namespace nodevirt::protocol
