// Domain lookup, listing and lifecycle (virDomain* define/create/start/stop/save...).
// Flags are libvirt's values (see libvirt_constants.h); unknown bits must be rejected with
// unsupportedFlags(). Every method defaults to "not supported".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "driver/stream.h"
#include "driver/types.h"
#include "driver/unsupported.h"

namespace nodevirt::driver {

class DomainLifecycleOps {
public:
    virtual ~DomainLifecycleOps() = default;

    // --- lookup and listing
    virtual Result<DomainRef> lookupById(int /*id*/) { return unsupported("virDomainLookupByID"); }
    virtual Result<DomainRef> lookupByName(const std::string& /*name*/) { return unsupported("virDomainLookupByName"); }
    virtual Result<DomainRef> lookupByUuid(const Uuid& /*uuid*/) { return unsupported("virDomainLookupByUUID"); }
    virtual Result<std::vector<DomainRef>> listAll(unsigned /*flags*/) { return unsupported("virConnectListAllDomains"); }
    virtual Result<int> numOfDomains() { return unsupported("virConnectNumOfDomains"); }
    virtual Result<std::vector<int>> listDomainIds(int /*max*/) { return unsupported("virConnectListDomains"); }
    virtual Result<int> numOfDefinedDomains() { return unsupported("virConnectNumOfDefinedDomains"); }
    virtual Result<std::vector<std::string>> listDefinedDomains(int /*max*/) {
        return unsupported("virConnectListDefinedDomains");
    }

    // --- definition
    virtual Result<DomainRef> defineXml(const std::string& /*xml*/, unsigned /*flags*/) {
        return unsupported("virDomainDefineXML");
    }
    virtual Status undefine(const DomainRef& /*dom*/, unsigned /*flags*/) { return unsupported("virDomainUndefine"); }
    virtual Result<DomainRef> createXml(const std::string& /*xml*/, unsigned /*flags*/) {
        return unsupported("virDomainCreateXML");
    }

    // --- state changes
    virtual Result<DomainRef> create(const DomainRef& /*dom*/, unsigned /*flags*/) {
        return unsupported("virDomainCreate");
    }
    virtual Status shutdown(const DomainRef& /*dom*/, unsigned /*flags*/) { return unsupported("virDomainShutdown"); }
    virtual Status destroy(const DomainRef& /*dom*/, unsigned /*flags*/) { return unsupported("virDomainDestroy"); }
    virtual Status reboot(const DomainRef& /*dom*/, unsigned /*flags*/) { return unsupported("virDomainReboot"); }
    virtual Status reset(const DomainRef& /*dom*/, unsigned /*flags*/) { return unsupported("virDomainReset"); }
    virtual Status suspend(const DomainRef& /*dom*/) { return unsupported("virDomainSuspend"); }
    virtual Status resume(const DomainRef& /*dom*/) { return unsupported("virDomainResume"); }
    virtual Status pmSuspendForDuration(const DomainRef& /*dom*/, unsigned /*target*/, uint64_t /*duration*/,
                                        unsigned /*flags*/) {
        return unsupported("virDomainPMSuspendForDuration");
    }
    virtual Status pmWakeup(const DomainRef& /*dom*/, unsigned /*flags*/) { return unsupported("virDomainPMWakeup"); }
    virtual Status injectNmi(const DomainRef& /*dom*/, unsigned /*flags*/) { return unsupported("virDomainInjectNMI"); }
    virtual Status sendKey(const DomainRef& /*dom*/, unsigned /*codeset*/, unsigned /*holdtime*/,
                           const std::vector<unsigned>& /*keycodes*/, unsigned /*flags*/) {
        return unsupported("virDomainSendKey");
    }

    // --- save / restore
    virtual Status save(const DomainRef& /*dom*/, const std::string& /*path*/,
                        const std::optional<std::string>& /*dxml*/, unsigned /*flags*/) {
        return unsupported("virDomainSave");
    }
    virtual Status restore(const std::string& /*path*/, const std::optional<std::string>& /*dxml*/,
                           unsigned /*flags*/) {
        return unsupported("virDomainRestore");
    }
    virtual Result<std::string> saveImageGetXmlDesc(const std::string& /*path*/, unsigned /*flags*/) {
        return unsupported("virDomainSaveImageGetXMLDesc");
    }
    virtual Status saveImageDefineXml(const std::string& /*path*/, const std::string& /*xml*/, unsigned /*flags*/) {
        return unsupported("virDomainSaveImageDefineXML");
    }
    virtual Status managedSave(const DomainRef& /*dom*/, unsigned /*flags*/) { return unsupported("virDomainManagedSave"); }
    virtual Result<bool> hasManagedSaveImage(const DomainRef& /*dom*/, unsigned /*flags*/) {
        return unsupported("virDomainHasManagedSaveImage");
    }
    virtual Status managedSaveRemove(const DomainRef& /*dom*/, unsigned /*flags*/) {
        return unsupported("virDomainManagedSaveRemove");
    }
    virtual Result<std::string> managedSaveGetXmlDesc(const DomainRef& /*dom*/, unsigned /*flags*/) {
        return unsupported("virDomainManagedSaveGetXMLDesc");
    }
    virtual Status coreDump(const DomainRef& /*dom*/, const std::string& /*to*/, unsigned /*format*/,
                            unsigned /*flags*/) {
        return unsupported("virDomainCoreDumpWithFormat");
    }

    // --- state queries (never block on a busy domain)
    virtual Result<DomainInfo> getInfo(const DomainRef& /*dom*/) { return unsupported("virDomainGetInfo"); }
    virtual Result<DomainStateReason> getState(const DomainRef& /*dom*/, unsigned /*flags*/) {
        return unsupported("virDomainGetState");
    }
    virtual Result<std::string> getOsType(const DomainRef& /*dom*/) { return unsupported("virDomainGetOSType"); }
    virtual Result<bool> isActive(const DomainRef& /*dom*/) { return unsupported("virDomainIsActive"); }
    virtual Result<bool> isPersistent(const DomainRef& /*dom*/) { return unsupported("virDomainIsPersistent"); }
    virtual Result<bool> isUpdated(const DomainRef& /*dom*/) { return unsupported("virDomainIsUpdated"); }
    virtual Result<bool> getAutostart(const DomainRef& /*dom*/) { return unsupported("virDomainGetAutostart"); }
    virtual Status setAutostart(const DomainRef& /*dom*/, bool /*autostart*/) {
        return unsupported("virDomainSetAutostart");
    }
    virtual Result<std::string> getHostname(const DomainRef& /*dom*/, unsigned /*flags*/) {
        return unsupported("virDomainGetHostname");
    }
    virtual Result<SecurityLabel> getSecurityLabel(const DomainRef& /*dom*/) {
        return unsupported("virDomainGetSecurityLabel");
    }
    virtual Result<std::vector<std::string>> getMessages(const DomainRef& /*dom*/, unsigned /*flags*/) {
        return unsupported("virDomainGetMessages");
    }
    virtual Result<JobInfo> getJobInfo(const DomainRef& /*dom*/) { return unsupported("virDomainGetJobInfo"); }
    virtual Status abortJob(const DomainRef& /*dom*/) { return unsupported("virDomainAbortJob"); }
    // Time as seconds + nanoseconds.
    virtual Result<std::pair<int64_t, unsigned>> getTime(const DomainRef& /*dom*/, unsigned /*flags*/) {
        return unsupported("virDomainGetTime");
    }

    // --- consoles and screenshots (streams)
    virtual Result<DataStreamPtr> openConsole(const DomainRef& /*dom*/, const std::optional<std::string>& /*dev*/,
                                              unsigned /*flags*/) {
        return unsupported("virDomainOpenConsole");
    }
    // Returns the MIME type and the stream carrying the image.
    virtual Result<std::pair<std::string, DataStreamPtr>> screenshot(const DomainRef& /*dom*/, unsigned /*screen*/,
                                                                     unsigned /*flags*/) {
        return unsupported("virDomainScreenshot");
    }
};

}  // namespace nodevirt::driver
