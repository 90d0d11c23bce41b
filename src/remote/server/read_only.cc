#include "remote/server/read_only.h"

#include <string>

namespace nodevirt::remote {
namespace {

struct ApiName {
    xdr::Program program;
    int32_t procedure;
    std::string_view api;
};

// Every procedure the description refuses to read-only clients (access=write|private or a
// ro-deny rule) and the public function libvirtd runs for it. Facts read from libvirt 9.0's
// exported symbols (the procedure name is the function name without "vir" and "Qemu"/"Lxc").
constexpr ApiName kApiNames[] = {
    {xdr::Program::kRemote, 8, "virDomainAttachDevice"},
    {xdr::Program::kRemote, 9, "virDomainCreate"},
    {xdr::Program::kRemote, 10, "virDomainCreateXML"},
    {xdr::Program::kRemote, 11, "virDomainDefineXML"},
    {xdr::Program::kRemote, 12, "virDomainDestroy"},
    {xdr::Program::kRemote, 13, "virDomainDetachDevice"},
    {xdr::Program::kRemote, 14, "virDomainGetXMLDesc"},
    {xdr::Program::kRemote, 26, "virDomainPinVcpu"},
    {xdr::Program::kRemote, 27, "virDomainReboot"},
    {xdr::Program::kRemote, 28, "virDomainResume"},
    {xdr::Program::kRemote, 29, "virDomainSetAutostart"},
    {xdr::Program::kRemote, 30, "virDomainSetMaxMemory"},
    {xdr::Program::kRemote, 31, "virDomainSetMemory"},
    {xdr::Program::kRemote, 32, "virDomainSetVcpus"},
    {xdr::Program::kRemote, 33, "virDomainShutdown"},
    {xdr::Program::kRemote, 34, "virDomainSuspend"},
    {xdr::Program::kRemote, 35, "virDomainUndefine"},
    {xdr::Program::kRemote, 39, "virNetworkCreate"},
    {xdr::Program::kRemote, 40, "virNetworkCreateXML"},
    {xdr::Program::kRemote, 41, "virNetworkDefineXML"},
    {xdr::Program::kRemote, 42, "virNetworkDestroy"},
    {xdr::Program::kRemote, 48, "virNetworkSetAutostart"},
    {xdr::Program::kRemote, 49, "virNetworkUndefine"},
    {xdr::Program::kRemote, 53, "virDomainCoreDump"},
    {xdr::Program::kRemote, 54, "virDomainRestore"},
    {xdr::Program::kRemote, 55, "virDomainSave"},
    {xdr::Program::kRemote, 58, "virDomainSetSchedulerParameters"},
    {xdr::Program::kRemote, 61, "virDomainMigratePrepare"},
    {xdr::Program::kRemote, 62, "virDomainMigratePerform"},
    {xdr::Program::kRemote, 63, "virDomainMigrateFinish"},
    {xdr::Program::kRemote, 75, "virConnectFindStoragePoolSources"},
    {xdr::Program::kRemote, 76, "virStoragePoolCreateXML"},
    {xdr::Program::kRemote, 77, "virStoragePoolDefineXML"},
    {xdr::Program::kRemote, 78, "virStoragePoolCreate"},
    {xdr::Program::kRemote, 79, "virStoragePoolBuild"},
    {xdr::Program::kRemote, 80, "virStoragePoolDestroy"},
    {xdr::Program::kRemote, 81, "virStoragePoolDelete"},
    {xdr::Program::kRemote, 82, "virStoragePoolUndefine"},
    {xdr::Program::kRemote, 83, "virStoragePoolRefresh"},
    {xdr::Program::kRemote, 90, "virStoragePoolSetAutostart"},
    {xdr::Program::kRemote, 93, "virStorageVolCreateXML"},
    {xdr::Program::kRemote, 94, "virStorageVolDelete"},
    {xdr::Program::kRemote, 103, "virDomainBlockPeek"},
    {xdr::Program::kRemote, 104, "virDomainMemoryPeek"},
    {xdr::Program::kRemote, 108, "virDomainMigratePrepare2"},
    {xdr::Program::kRemote, 109, "virDomainMigrateFinish2"},
    {xdr::Program::kRemote, 118, "virNodeDeviceDettach"},
    {xdr::Program::kRemote, 119, "virNodeDeviceReAttach"},
    {xdr::Program::kRemote, 120, "virNodeDeviceReset"},
    {xdr::Program::kRemote, 123, "virNodeDeviceCreateXML"},
    {xdr::Program::kRemote, 124, "virNodeDeviceDestroy"},
    {xdr::Program::kRemote, 125, "virStorageVolCreateXMLFrom"},
    {xdr::Program::kRemote, 131, "virInterfaceDefineXML"},
    {xdr::Program::kRemote, 132, "virInterfaceUndefine"},
    {xdr::Program::kRemote, 133, "virInterfaceCreate"},
    {xdr::Program::kRemote, 134, "virInterfaceDestroy"},
    {xdr::Program::kRemote, 135, "virConnectDomainXMLFromNative"},
    {xdr::Program::kRemote, 136, "virConnectDomainXMLToNative"},
    {xdr::Program::kRemote, 142, "virSecretDefineXML"},
    {xdr::Program::kRemote, 144, "virSecretSetValue"},
    {xdr::Program::kRemote, 145, "virSecretGetValue"},
    {xdr::Program::kRemote, 146, "virSecretUndefine"},
    {xdr::Program::kRemote, 148, "virDomainMigratePrepareTunnel"},
    {xdr::Program::kRemote, 160, "virDomainAttachDeviceFlags"},
    {xdr::Program::kRemote, 161, "virDomainDetachDeviceFlags"},
    {xdr::Program::kRemote, 164, "virDomainAbortJob"},
    {xdr::Program::kRemote, 165, "virStorageVolWipe"},
    {xdr::Program::kRemote, 166, "virDomainMigrateSetMaxDowntime"},
    {xdr::Program::kRemote, 174, "virDomainUpdateDeviceFlags"},
    {xdr::Program::kRemote, 180, "virNWFilterDefineXML"},
    {xdr::Program::kRemote, 181, "virNWFilterUndefine"},
    {xdr::Program::kRemote, 182, "virDomainManagedSave"},
    {xdr::Program::kRemote, 184, "virDomainManagedSaveRemove"},
    {xdr::Program::kRemote, 185, "virDomainSnapshotCreateXML"},
    {xdr::Program::kRemote, 186, "virDomainSnapshotGetXMLDesc"},
    {xdr::Program::kRemote, 192, "virDomainRevertToSnapshot"},
    {xdr::Program::kRemote, 193, "virDomainSnapshotDelete"},
    {xdr::Program::kRemote, 196, "virDomainCreateWithFlags"},
    {xdr::Program::kRemote, 197, "virDomainSetMemoryParameters"},
    {xdr::Program::kRemote, 199, "virDomainSetVcpusFlags"},
    {xdr::Program::kRemote, 200, "virDomainGetVcpusFlags"},
    {xdr::Program::kRemote, 201, "virDomainOpenConsole"},
    {xdr::Program::kRemote, 204, "virDomainSetMemoryFlags"},
    {xdr::Program::kRemote, 205, "virDomainSetBlkioParameters"},
    {xdr::Program::kRemote, 207, "virDomainMigrateSetMaxSpeed"},
    {xdr::Program::kRemote, 208, "virStorageVolUpload"},
    {xdr::Program::kRemote, 209, "virStorageVolDownload"},
    {xdr::Program::kRemote, 210, "virDomainInjectNMI"},
    {xdr::Program::kRemote, 211, "virDomainScreenshot"},
    {xdr::Program::kRemote, 213, "virDomainMigrateBegin3"},
    {xdr::Program::kRemote, 214, "virDomainMigratePrepare3"},
    {xdr::Program::kRemote, 215, "virDomainMigratePrepareTunnel3"},
    {xdr::Program::kRemote, 216, "virDomainMigratePerform3"},
    {xdr::Program::kRemote, 217, "virDomainMigrateFinish3"},
    {xdr::Program::kRemote, 218, "virDomainMigrateConfirm3"},
    {xdr::Program::kRemote, 219, "virDomainSetSchedulerParametersFlags"},
    {xdr::Program::kRemote, 220, "virInterfaceChangeBegin"},
    {xdr::Program::kRemote, 221, "virInterfaceChangeCommit"},
    {xdr::Program::kRemote, 222, "virInterfaceChangeRollback"},
    {xdr::Program::kRemote, 225, "virDomainPinVcpuFlags"},
    {xdr::Program::kRemote, 226, "virDomainSendKey"},
    {xdr::Program::kRemote, 231, "virDomainUndefineFlags"},
    {xdr::Program::kRemote, 232, "virDomainSaveFlags"},
    {xdr::Program::kRemote, 233, "virDomainRestoreFlags"},
    {xdr::Program::kRemote, 234, "virDomainDestroyFlags"},
    {xdr::Program::kRemote, 235, "virDomainSaveImageGetXMLDesc"},
    {xdr::Program::kRemote, 236, "virDomainSaveImageDefineXML"},
    {xdr::Program::kRemote, 237, "virDomainBlockJobAbort"},
    {xdr::Program::kRemote, 239, "virDomainBlockJobSetSpeed"},
    {xdr::Program::kRemote, 240, "virDomainBlockPull"},
    {xdr::Program::kRemote, 242, "virDomainMigrateGetMaxSpeed"},
    {xdr::Program::kRemote, 245, "virDomainReset"},
    {xdr::Program::kRemote, 249, "virDomainOpenGraphics"},
    {xdr::Program::kRemote, 250, "virNodeSuspendForDuration"},
    {xdr::Program::kRemote, 251, "virDomainBlockResize"},
    {xdr::Program::kRemote, 252, "virDomainSetBlockIoTune"},
    {xdr::Program::kRemote, 254, "virDomainSetNumaParameters"},
    {xdr::Program::kRemote, 256, "virDomainSetInterfaceParameters"},
    {xdr::Program::kRemote, 258, "virDomainShutdownFlags"},
    {xdr::Program::kRemote, 259, "virStorageVolWipePattern"},
    {xdr::Program::kRemote, 260, "virStorageVolResize"},
    {xdr::Program::kRemote, 261, "virDomainPMSuspendForDuration"},
    {xdr::Program::kRemote, 264, "virDomainSetMetadata"},
    {xdr::Program::kRemote, 266, "virDomainBlockRebase"},
    {xdr::Program::kRemote, 267, "virDomainPMWakeup"},
    {xdr::Program::kRemote, 277, "virDomainGetHostname"},
    {xdr::Program::kRemote, 279, "virDomainPinEmulator"},
    {xdr::Program::kRemote, 288, "virNodeSetMemoryParameters"},
    {xdr::Program::kRemote, 290, "virDomainBlockCommit"},
    {xdr::Program::kRemote, 291, "virNetworkUpdate"},
    {xdr::Program::kRemote, 294, "virDomainFSTrim"},
    {xdr::Program::kRemote, 295, "virDomainSendProcessSignal"},
    {xdr::Program::kRemote, 296, "virDomainOpenChannel"},
    {xdr::Program::kRemote, 300, "virDomainMigrateSetCompressionCache"},
    {xdr::Program::kRemote, 301, "virNodeDeviceDetachFlags"},
    {xdr::Program::kRemote, 302, "virDomainMigrateBegin3Params"},
    {xdr::Program::kRemote, 303, "virDomainMigratePrepare3Params"},
    {xdr::Program::kRemote, 304, "virDomainMigratePrepareTunnel3Params"},
    {xdr::Program::kRemote, 305, "virDomainMigratePerform3Params"},
    {xdr::Program::kRemote, 306, "virDomainMigrateFinish3Params"},
    {xdr::Program::kRemote, 307, "virDomainMigrateConfirm3Params"},
    {xdr::Program::kRemote, 308, "virDomainSetMemoryStatsPeriod"},
    {xdr::Program::kRemote, 309, "virDomainCreateXMLWithFiles"},
    {xdr::Program::kRemote, 310, "virDomainCreateWithFiles"},
    {xdr::Program::kRemote, 334, "virDomainCoreDumpWithFormat"},
    {xdr::Program::kRemote, 335, "virDomainFSFreeze"},
    {xdr::Program::kRemote, 336, "virDomainFSThaw"},
    {xdr::Program::kRemote, 337, "virDomainGetTime"},
    {xdr::Program::kRemote, 338, "virDomainSetTime"},
    {xdr::Program::kRemote, 342, "virConnectGetDomainCapabilities"},
    {xdr::Program::kRemote, 343, "virDomainOpenGraphicsFD"},
    {xdr::Program::kRemote, 345, "virDomainBlockCopy"},
    {xdr::Program::kRemote, 347, "virNodeAllocPages"},
    {xdr::Program::kRemote, 349, "virDomainGetFSInfo"},
    {xdr::Program::kRemote, 350, "virDomainDefineXMLFlags"},
    {xdr::Program::kRemote, 352, "virDomainPinIOThread"},
    {xdr::Program::kRemote, 353, "virDomainInterfaceAddresses"},
    {xdr::Program::kRemote, 355, "virDomainAddIOThread"},
    {xdr::Program::kRemote, 356, "virDomainDelIOThread"},
    {xdr::Program::kRemote, 357, "virDomainSetUserPassword"},
    {xdr::Program::kRemote, 358, "virDomainRename"},
    {xdr::Program::kRemote, 364, "virDomainMigrateStartPostCopy"},
    {xdr::Program::kRemote, 366, "virDomainSetPerfEvents"},
    {xdr::Program::kRemote, 371, "virDomainGetGuestVcpus"},
    {xdr::Program::kRemote, 372, "virDomainSetGuestVcpus"},
    {xdr::Program::kRemote, 384, "virDomainSetVcpu"},
    {xdr::Program::kRemote, 386, "virDomainSetBlockThreshold"},
    {xdr::Program::kRemote, 388, "virDomainManagedSaveGetXMLDesc"},
    {xdr::Program::kRemote, 389, "virDomainManagedSaveDefineXML"},
    {xdr::Program::kRemote, 390, "virDomainSetLifecycleAction"},
    {xdr::Program::kRemote, 392, "virDomainDetachDeviceAlias"},
    {xdr::Program::kRemote, 393, "virConnectCompareHypervisorCPU"},
    {xdr::Program::kRemote, 394, "virConnectBaselineHypervisorCPU"},
    {xdr::Program::kRemote, 395, "virNodeGetSEVInfo"},
    {xdr::Program::kRemote, 396, "virDomainGetLaunchSecurityInfo"},
    {xdr::Program::kRemote, 399, "virNWFilterBindingCreateXML"},
    {xdr::Program::kRemote, 400, "virNWFilterBindingDelete"},
    {xdr::Program::kRemote, 402, "virDomainSetIOThreadParams"},
    {xdr::Program::kRemote, 406, "virNetworkPortCreateXML"},
    {xdr::Program::kRemote, 408, "virNetworkPortSetParameters"},
    {xdr::Program::kRemote, 410, "virNetworkPortDelete"},
    {xdr::Program::kRemote, 411, "virDomainCheckpointCreateXML"},
    {xdr::Program::kRemote, 412, "virDomainCheckpointGetXMLDesc"},
    {xdr::Program::kRemote, 417, "virDomainCheckpointDelete"},
    {xdr::Program::kRemote, 418, "virDomainGetGuestInfo"},
    {xdr::Program::kRemote, 419, "virConnectSetIdentity"},
    {xdr::Program::kRemote, 420, "virDomainAgentSetResponseTimeout"},
    {xdr::Program::kRemote, 421, "virDomainBackupBegin"},
    {xdr::Program::kRemote, 424, "virDomainAuthorizedSSHKeysGet"},
    {xdr::Program::kRemote, 425, "virDomainAuthorizedSSHKeysSet"},
    {xdr::Program::kRemote, 427, "virDomainStartDirtyRateCalc"},
    {xdr::Program::kRemote, 428, "virNodeDeviceDefineXML"},
    {xdr::Program::kRemote, 429, "virNodeDeviceUndefine"},
    {xdr::Program::kRemote, 430, "virNodeDeviceCreate"},
    {xdr::Program::kRemote, 431, "virNWFilterDefineXMLFlags"},
    {xdr::Program::kRemote, 432, "virNetworkDefineXMLFlags"},
    {xdr::Program::kRemote, 434, "virNodeDeviceSetAutostart"},
    {xdr::Program::kRemote, 437, "virNetworkCreateXMLFlags"},
    {xdr::Program::kRemote, 439, "virDomainSetLaunchSecurityState"},
    {xdr::Program::kRemote, 440, "virDomainSaveParams"},
    {xdr::Program::kRemote, 441, "virDomainRestoreParams"},
    {xdr::Program::kRemote, 442, "virDomainAbortJobFlags"},
    {xdr::Program::kRemote, 443, "virDomainFDAssociate"},
    {xdr::Program::kQemu, 1, "virDomainQemuMonitorCommand"},
    {xdr::Program::kQemu, 2, "virDomainQemuAttach"},
    {xdr::Program::kQemu, 3, "virDomainQemuAgentCommand"},
    {xdr::Program::kQemu, 7, "virDomainQemuMonitorCommandWithFiles"},
    {xdr::Program::kLxc, 1, "virDomainLxcOpenNamespace"},
};

bool startsWith(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

// The procedures whose argument rule is the secure-XML flag; libvirt words that refusal
// differently from the plain read-only one.
bool isSecureXmlRule(uint32_t program, int32_t procedure) {
    if (program != static_cast<uint32_t>(xdr::Program::kRemote)) return false;
    return procedure == 14 || procedure == 186 || procedure == 388 || procedure == 412;
}

Error denied(std::string_view detail, ErrorDomain domain) {
    return Error::make(ErrorCode::kOperationDenied, domain, detail);
}

}  // namespace

std::optional<std::string_view> publicApiName(uint32_t program, int32_t procedure) {
    for (const ApiName& entry : kApiNames) {
        if (static_cast<uint32_t>(entry.program) == program && entry.procedure == procedure) {
            return entry.api;
        }
    }
    return std::nullopt;
}

ErrorDomain apiErrorDomain(std::string_view api) {
    // Most specific prefixes first: snapshots/checkpoints/QEMU live beside virDomain*.
    if (startsWith(api, "virDomainSnapshot") || api == "virDomainRevertToSnapshot") {
        return ErrorDomain::kDomainSnapshot;
    }
    if (startsWith(api, "virDomainCheckpoint")) return ErrorDomain::kDomainCheckpoint;
    if (startsWith(api, "virDomainLxc")) return ErrorDomain::kNone;
    if (startsWith(api, "virDomain") || startsWith(api, "virConnectDomain") ||
        api == "virConnectGetDomainCapabilities") {
        return ErrorDomain::kDomain;
    }
    if (startsWith(api, "virNetwork")) return ErrorDomain::kNetwork;
    if (startsWith(api, "virStorage") || api == "virConnectFindStoragePoolSources") {
        return ErrorDomain::kStorage;
    }
    if (startsWith(api, "virNodeDevice")) return ErrorDomain::kNodedev;
    if (startsWith(api, "virInterface")) return ErrorDomain::kInterface;
    if (startsWith(api, "virSecret")) return ErrorDomain::kSecret;
    if (startsWith(api, "virNWFilter")) return ErrorDomain::kNwfilter;
    return ErrorDomain::kNone;  // virNode*, virConnect* host calls
}

Error readOnlyDenied(const protocol::ProcedureInfo& info) {
    auto program = static_cast<uint32_t>(info.program);
    std::optional<std::string_view> api = publicApiName(program, info.number);
    std::string name = api ? std::string(*api) : std::string(info.name);
    return denied("read only access prevents " + name, api ? apiErrorDomain(*api) : ErrorDomain::kNone);
}

Error readOnlyArgumentsDenied(const protocol::ProcedureInfo& info) {
    auto program = static_cast<uint32_t>(info.program);
    std::optional<std::string_view> api = publicApiName(program, info.number);
    if (api && isSecureXmlRule(program, info.number)) {
        return denied(std::string(*api) + " with secure flag", apiErrorDomain(*api));
    }
    return readOnlyDenied(info);
}

}  // namespace nodevirt::remote
