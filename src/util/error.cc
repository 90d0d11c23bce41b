#include "util/error.h"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>

namespace nodevirt {
namespace {

struct Phrase {
    ErrorCode code;
    std::string_view plain;
    std::string_view with_detail;  // "%s" marks the detail
};

// The standard wording clients expect for each error code (facts of the wire format: virsh
// prints these verbatim after "error: ").
constexpr Phrase kPhrases[] = {
    {ErrorCode::kInternalError, "internal error", "internal error: %s"},
    {ErrorCode::kNoMemory, "out of memory", "out of memory: %s"},
    {ErrorCode::kNoSupport, "this function is not supported by the connection driver",
     "this function is not supported by the connection driver: %s"},
    {ErrorCode::kUnknownHost, "unknown host", "unknown host %s"},
    {ErrorCode::kNoConnect, "no connection driver available",
     "no connection driver available for %s"},
    {ErrorCode::kInvalidConn, "invalid connection pointer in", "invalid connection pointer in %s"},
    {ErrorCode::kInvalidDomain, "invalid domain pointer in", "invalid domain pointer in %s"},
    {ErrorCode::kInvalidArg, "invalid argument", "invalid argument: %s"},
    {ErrorCode::kOperationFailed, "operation failed", "operation failed: %s"},
    {ErrorCode::kOsType, "unknown OS type", "unknown OS type %s"},
    {ErrorCode::kNoKernel, "missing kernel information", "missing kernel information: %s"},
    {ErrorCode::kNoSource, "missing source information for device",
     "missing source information for device %s"},
    {ErrorCode::kNoTarget, "missing target information for device",
     "missing target information for device %s"},
    {ErrorCode::kNoName, "missing name information", "missing name information in %s"},
    {ErrorCode::kNoOs, "missing operating system information",
     "missing operating system information for %s"},
    {ErrorCode::kNoDevice, "missing devices information", "missing devices information for %s"},
    {ErrorCode::kCallFailed, "library call failed", "library call failed: %s"},
    {ErrorCode::kXmlError, "XML description is invalid or not well formed", "XML error: %s"},
    {ErrorCode::kDomExist, "this domain exists already", "domain %s exists already"},
    {ErrorCode::kOperationDenied, "operation forbidden for read only access",
     "operation forbidden: %s"},
    {ErrorCode::kOpenFailed, "failed to open configuration file",
     "failed to open configuration file %s"},
    {ErrorCode::kReadFailed, "failed to read configuration file",
     "failed to read configuration file %s"},
    {ErrorCode::kParseFailed, "failed to parse configuration file",
     "failed to parse configuration file %s"},
    {ErrorCode::kConfSyntax, "configuration file syntax error",
     "configuration file syntax error: %s"},
    {ErrorCode::kWriteFailed, "failed to write configuration file",
     "failed to write configuration file: %s"},
    {ErrorCode::kXmlDetail, "parser error", "%s"},
    {ErrorCode::kInvalidNetwork, "invalid network pointer in", "invalid network pointer in %s"},
    {ErrorCode::kNetworkExist, "this network exists already", "network %s exists already"},
    {ErrorCode::kSystemError, "system call error", "%s"},
    {ErrorCode::kRpc, "RPC error", "%s"},
    {ErrorCode::kGnutlsError, "GNUTLS call error", "%s"},
    {ErrorCode::kWarNoNetwork, "Failed to find the network", "Failed to find the network: %s"},
    {ErrorCode::kNoDomain, "Domain not found", "Domain not found: %s"},
    {ErrorCode::kNoNetwork, "Network not found", "Network not found: %s"},
    {ErrorCode::kInvalidMac, "invalid MAC address", "invalid MAC address: %s"},
    {ErrorCode::kAuthFailed, "authentication failed", "authentication failed: %s"},
    {ErrorCode::kInvalidStoragePool, "invalid storage pool pointer in",
     "invalid storage pool pointer in %s"},
    {ErrorCode::kInvalidStorageVol, "invalid storage volume pointer in",
     "invalid storage volume pointer in %s"},
    {ErrorCode::kWarNoStorage, "Failed to find a storage driver",
     "Failed to find a storage driver: %s"},
    {ErrorCode::kNoStoragePool, "Storage pool not found", "Storage pool not found: %s"},
    {ErrorCode::kNoStorageVol, "Storage volume not found", "Storage volume not found: %s"},
    {ErrorCode::kWarNoNode, "Failed to find a node driver", "Failed to find a node driver: %s"},
    {ErrorCode::kInvalidNodeDevice, "invalid node device pointer",
     "invalid node device pointer in %s"},
    {ErrorCode::kNoNodeDevice, "Node device not found", "Node device not found: %s"},
    {ErrorCode::kNoSecurityModel, "Security model not found", "Security model not found: %s"},
    {ErrorCode::kOperationInvalid, "Requested operation is not valid",
     "Requested operation is not valid: %s"},
    {ErrorCode::kWarNoInterface, "Failed to find the interface",
     "Failed to find the interface: %s"},
    {ErrorCode::kNoInterface, "Interface not found", "Interface not found: %s"},
    {ErrorCode::kInvalidInterface, "invalid interface pointer in",
     "invalid interface pointer in %s"},
    {ErrorCode::kMultipleInterfaces, "multiple matching interfaces found",
     "multiple matching interfaces found: %s"},
    {ErrorCode::kInvalidNwfilter, "invalid nwfilter pointer", "invalid nwfilter pointer in %s"},
    {ErrorCode::kNoNwfilter, "Network filter not found", "Network filter not found: %s"},
    {ErrorCode::kBuildFirewall, "Error while building firewall",
     "Error while building firewall: %s"},
    {ErrorCode::kInvalidSecret, "Invalid secret", "Invalid secret: %s"},
    {ErrorCode::kNoSecret, "Secret not found", "Secret not found: %s"},
    {ErrorCode::kConfigUnsupported, "unsupported configuration", "unsupported configuration: %s"},
    {ErrorCode::kOperationTimeout, "Timed out during operation",
     "Timed out during operation: %s"},
    {ErrorCode::kMigratePersistFailed, "Failed to make domain persistent after migration",
     "Failed to make domain persistent after migration: %s"},
    {ErrorCode::kHookScriptFailed, "Hook script execution failed",
     "Hook script execution failed: %s"},
    {ErrorCode::kInvalidDomainSnapshot, "Invalid snapshot", "Invalid snapshot: %s"},
    {ErrorCode::kNoDomainSnapshot, "Domain snapshot not found", "Domain snapshot not found: %s"},
    {ErrorCode::kInvalidStream, "invalid stream pointer", "invalid stream pointer in %s"},
    {ErrorCode::kArgumentUnsupported, "argument unsupported", "argument unsupported: %s"},
    {ErrorCode::kStorageProbeFailed, "Storage pool probe failed",
     "Storage pool probe failed: %s"},
    {ErrorCode::kStoragePoolBuilt, "Storage pool already built", "Storage pool already built: %s"},
    {ErrorCode::kSnapshotRevertRisky, "revert requires force", "revert requires force: %s"},
    {ErrorCode::kOperationAborted, "operation aborted", "operation aborted: %s"},
    {ErrorCode::kAuthCancelled, "authentication cancelled", "authentication cancelled: %s"},
    {ErrorCode::kNoDomainMetadata, "metadata not found", "metadata not found: %s"},
    {ErrorCode::kMigrateUnsafe, "Unsafe migration", "Unsafe migration: %s"},
    {ErrorCode::kOverflow, "numerical overflow", "numerical overflow: %s"},
    {ErrorCode::kBlockCopyActive, "block copy still active", "block copy still active: %s"},
    {ErrorCode::kOperationUnsupported, "Operation not supported", "Operation not supported: %s"},
    {ErrorCode::kSsh, "SSH transport error", "SSH transport error: %s"},
    {ErrorCode::kAgentUnresponsive, "Guest agent is not responding",
     "Guest agent is not responding: %s"},
    {ErrorCode::kResourceBusy, "resource busy", "resource busy: %s"},
    {ErrorCode::kAccessDenied, "access denied", "access denied: %s"},
    {ErrorCode::kDbusService, "error from service", "error from service: %s"},
    {ErrorCode::kStorageVolExist, "this storage volume exists already",
     "storage volume %s exists already"},
    {ErrorCode::kCpuIncompatible, "the CPU is incompatible with host CPU",
     "the CPU is incompatible with host CPU: %s"},
    {ErrorCode::kXmlInvalidSchema, "XML document failed to validate against schema",
     "XML document failed to validate against schema: %s"},
    {ErrorCode::kAuthUnavailable, "authentication unavailable", "authentication unavailable: %s"},
    {ErrorCode::kNoServer, "Server not found", "Server not found: %s"},
    {ErrorCode::kNoClient, "Client not found", "Client not found: %s"},
    {ErrorCode::kDeviceMissing, "device not found", "device not found: %s"},
    {ErrorCode::kInvalidDomainCheckpoint, "Invalid checkpoint", "Invalid checkpoint: %s"},
    {ErrorCode::kNoDomainCheckpoint, "Domain checkpoint not found",
     "Domain checkpoint not found: %s"},
    {ErrorCode::kNoNetworkPort, "network port not found", "network port not found: %s"},
    {ErrorCode::kNoHostname, "no hostname found", "no hostname found: %s"},
    {ErrorCode::kMultipleDomains, "multiple matching domains found",
     "multiple matching domains found: %s"},
};

const Phrase* findPhrase(ErrorCode code) {
    for (const auto& p : kPhrases) {
        if (p.code == code) return &p;
    }
    return nullptr;
}

std::string substitute(std::string_view tmpl, std::string_view detail) {
    std::string out;
    auto pos = tmpl.find("%s");
    if (pos == std::string_view::npos) return std::string(tmpl);
    out.reserve(tmpl.size() + detail.size());
    out.append(tmpl.substr(0, pos));
    out.append(detail);
    out.append(tmpl.substr(pos + 2));
    return out;
}

}  // namespace

std::string_view errorPhrase(ErrorCode code) {
    const Phrase* p = findPhrase(code);
    return p ? p->plain : std::string_view("unknown error");
}

std::string_view errorPhraseWithDetail(ErrorCode code) {
    const Phrase* p = findPhrase(code);
    return p ? p->with_detail : std::string_view("%s");
}

Error Error::make(ErrorCode code, ErrorDomain domain, std::string_view detail) {
    Error e;
    e.code = code;
    e.domain = domain;
    if (detail.empty()) {
        e.message = std::string(errorPhrase(code));
        e.str1 = e.message;
    } else {
        std::string_view tmpl = errorPhraseWithDetail(code);
        e.message = substitute(tmpl, detail);
        e.str1 = std::string(tmpl);
        e.str2 = std::string(detail);
    }
    return e;
}

Error Error::raw(ErrorCode code, ErrorDomain domain, std::string message) {
    Error e;
    e.code = code;
    e.domain = domain;
    e.str1 = "%s";
    e.str2 = message;
    e.message = std::move(message);
    return e;
}

Error internalError(std::string_view detail) {
    return Error::make(ErrorCode::kInternalError, ErrorDomain::kNone, detail);
}
Error invalidArg(std::string_view detail, ErrorDomain domain) {
    return Error::make(ErrorCode::kInvalidArg, domain, detail);
}
Error operationInvalid(std::string_view detail, ErrorDomain domain) {
    return Error::make(ErrorCode::kOperationInvalid, domain, detail);
}
Error operationFailed(std::string_view detail, ErrorDomain domain) {
    return Error::make(ErrorCode::kOperationFailed, domain, detail);
}
Error configUnsupported(std::string_view detail, ErrorDomain domain) {
    return Error::make(ErrorCode::kConfigUnsupported, domain, detail);
}
Error xmlError(std::string_view detail, ErrorDomain domain) {
    return Error::make(ErrorCode::kXmlError, domain, detail);
}
Error systemError(int errnum, std::string_view what) {
    char buf[256];
    const char* msg = strerror_r(errnum, buf, sizeof buf);
    Error e = Error::raw(ErrorCode::kSystemError, ErrorDomain::kNone, fmt::format("{}: {}", what, msg));
    e.int1 = errnum;
    return e;
}
Error noSupport(std::string_view api_name, ErrorDomain domain) {
    return Error::make(ErrorCode::kNoSupport, domain, api_name);
}
Error unsupportedFlags(unsigned int flags, std::string_view function, ErrorDomain domain) {
    // libvirt reports this one verbatim, without the "invalid argument: " prefix.
    return Error::raw(ErrorCode::kInvalidArg, domain,
                      fmt::format("unsupported flags (0x{:x}) in function {}", flags, function));
}

}  // namespace nodevirt
