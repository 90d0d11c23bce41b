// Read-only enforcement as libvirtd words it: a read-only client calling a procedure the
// description classifies as write/private (or a read with forbidden arguments) gets
// VIR_ERR_OPERATION_DENIED naming the public libvirt function, from that function's error
// domain ("operation forbidden: read only access prevents virDomainDestroy", domain 20).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "protocol/procedure_info.h"
#include "util/error.h"

namespace nodevirt::remote {

// The libvirt public function that libvirtd calls for a write/private/argument-checked
// procedure (e.g. "virDomainDestroy"), or nullopt for procedures read-only clients may call.
std::optional<std::string_view> publicApiName(uint32_t program, int32_t procedure);

// The error domain of libvirt's source file defining `api` (virDomain* → DOMAIN, ...).
ErrorDomain apiErrorDomain(std::string_view api);

// The refusal of a procedure denied on read-only connections whatever its arguments.
Error readOnlyDenied(const protocol::ProcedureInfo& info);
// The refusal of a read that is denied for these arguments (`ro-deny` in the description):
// "virDomainGetXMLDesc with secure flag" for XML with secrets, else as readOnlyDenied.
Error readOnlyArgumentsDenied(const protocol::ProcedureInfo& info);

}  // namespace nodevirt::remote
