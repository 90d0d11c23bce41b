// nodevirt's public error value: libvirt's error fields (code, domain, level, str1..3,
// int1..2) plus the human message. Every API returns errors as values, never exceptions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace nodevirt {

// virErrorNumber values (wire facts; the numbers never change).
enum class ErrorCode : int {
    kOk = 0,
    kInternalError = 1,
    kNoMemory = 2,
    kNoSupport = 3,
    kUnknownHost = 4,
    kNoConnect = 5,
    kInvalidConn = 6,
    kInvalidDomain = 7,
    kInvalidArg = 8,
    kOperationFailed = 9,
    kGetFailed = 10,
    kPostFailed = 11,
    kHttpError = 12,
    kSexprSerial = 13,
    kNoXen = 14,
    kXenCall = 15,
    kOsType = 16,
    kNoKernel = 17,
    kNoRoot = 18,
    kNoSource = 19,
    kNoTarget = 20,
    kNoName = 21,
    kNoOs = 22,
    kNoDevice = 23,
    kNoXenstore = 24,
    kDriverFull = 25,
    kCallFailed = 26,
    kXmlError = 27,
    kDomExist = 28,
    kOperationDenied = 29,
    kOpenFailed = 30,
    kReadFailed = 31,
    kParseFailed = 32,
    kConfSyntax = 33,
    kWriteFailed = 34,
    kXmlDetail = 35,
    kInvalidNetwork = 36,
    kNetworkExist = 37,
    kSystemError = 38,
    kRpc = 39,
    kGnutlsError = 40,
    kWarNoNetwork = 41,
    kNoDomain = 42,
    kNoNetwork = 43,
    kInvalidMac = 44,
    kAuthFailed = 45,
    kInvalidStoragePool = 46,
    kInvalidStorageVol = 47,
    kWarNoStorage = 48,
    kNoStoragePool = 49,
    kNoStorageVol = 50,
    kWarNoNode = 51,
    kInvalidNodeDevice = 52,
    kNoNodeDevice = 53,
    kNoSecurityModel = 54,
    kOperationInvalid = 55,
    kWarNoInterface = 56,
    kNoInterface = 57,
    kInvalidInterface = 58,
    kMultipleInterfaces = 59,
    kWarNoNwfilter = 60,
    kInvalidNwfilter = 61,
    kNoNwfilter = 62,
    kBuildFirewall = 63,
    kWarNoSecret = 64,
    kInvalidSecret = 65,
    kNoSecret = 66,
    kConfigUnsupported = 67,
    kOperationTimeout = 68,
    kMigratePersistFailed = 69,
    kHookScriptFailed = 70,
    kInvalidDomainSnapshot = 71,
    kNoDomainSnapshot = 72,
    kInvalidStream = 73,
    kArgumentUnsupported = 74,
    kStorageProbeFailed = 75,
    kStoragePoolBuilt = 76,
    kSnapshotRevertRisky = 77,
    kOperationAborted = 78,
    kAuthCancelled = 79,
    kNoDomainMetadata = 80,
    kMigrateUnsafe = 81,
    kOverflow = 82,
    kBlockCopyActive = 83,
    kOperationUnsupported = 84,
    kSsh = 85,
    kAgentUnresponsive = 86,
    kResourceBusy = 87,
    kAccessDenied = 88,
    kDbusService = 89,
    kStorageVolExist = 90,
    kCpuIncompatible = 91,
    kXmlInvalidSchema = 92,
    kMigrateFinishOk = 93,
    kAuthUnavailable = 94,
    kNoServer = 95,
    kNoClient = 96,
    kAgentUnsynced = 97,
    kLibssh = 98,
    kDeviceMissing = 99,
    kInvalidNwfilterBinding = 100,
    kNoNwfilterBinding = 101,
    kInvalidDomainCheckpoint = 102,
    kNoDomainCheckpoint = 103,
    kNoDomainBackup = 104,
    kInvalidNetworkPort = 105,
    kNetworkPortExist = 106,
    kNoNetworkPort = 107,
    kNoHostname = 108,
    kCheckpointInconsistent = 109,
    kMultipleDomains = 110,
};

// virErrorDomain values: which subsystem raised the error.
enum class ErrorDomain : int {
    kNone = 0,
    kXml = 5,
    kDom = 6,
    kRpc = 7,
    kConf = 9,
    kQemu = 10,
    kNet = 11,
    kTest = 12,
    kRemote = 13,
    kStatsLinux = 16,
    kLxc = 17,
    kStorage = 18,
    kNetwork = 19,
    kDomain = 20,
    kNodedev = 22,
    kSecurity = 24,
    kInterface = 26,
    kSecret = 30,
    kCpu = 31,
    kNwfilter = 33,
    kDomainSnapshot = 35,
    kSysinfo = 37,
    kStreams = 38,
    kEvent = 40,
    kCapabilities = 44,
    kUri = 45,
    kAuth = 46,
    kDevice = 49,
    kSsh = 50,
    kIdentity = 53,
    kCgroup = 54,
    kAccess = 55,
    kFirewall = 59,
    kThread = 61,
    kAdmin = 62,
    kLogging = 63,
    kDomainCheckpoint = 69,
};

enum class ErrorLevel : int { kNone = 0, kWarning = 1, kError = 2 };

struct Error {
    ErrorCode code = ErrorCode::kInternalError;
    ErrorDomain domain = ErrorDomain::kNone;
    std::string message;  // the full text a user sees after "error: "
    ErrorLevel level = ErrorLevel::kError;
    std::optional<std::string> str1;  // libvirt: the message template ("%s", "Domain not found: %s")
    std::optional<std::string> str2;  // libvirt: the detail text
    std::optional<std::string> str3;
    int int1 = -1;
    int int2 = -1;

    // Builds an error the way libvirt words it: the code's standard phrase, then ": detail"
    // when a detail is given ("Domain not found: no domain with matching name 'x'").
    static Error make(ErrorCode code, ErrorDomain domain, std::string_view detail = {});
    // An error whose whole message is given verbatim (str1 "%s").
    static Error raw(ErrorCode code, ErrorDomain domain, std::string message);
};

// The standard phrase libvirt uses for a code, without and with a detail ("%s" marks where
// the detail goes). Unknown codes get a generic phrase.
std::string_view errorPhrase(ErrorCode code);
std::string_view errorPhraseWithDetail(ErrorCode code);

}  // namespace nodevirt
