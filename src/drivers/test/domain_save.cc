// Save, restore, managed save and core dumps of the test driver. A save image is what
// libvirt's test driver writes: the 15-byte magic "TestGuestMagic\0", the XML length as a
// native int, then the domain XML, so images move between libvirt and nodevirt.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fmt/format.h>

#include "core/event_bus.h"
#include "driver/libvirt_constants.h"
#include "drivers/test/domain_common.h"
#include "drivers/test/facets.h"
#include "util/unique_fd.h"

namespace nodevirt::drivers::test {
namespace {

constexpr char kSaveMagic[] = "TestGuestMagic";  // written with its NUL
// libvirt stops at 8 KiB of XML; nodevirt accepts larger definitions.
constexpr int32_t kMaxSaveXml = 16 << 20;

Error sysError(int err, const std::string& what) {
    Error e = systemError(err, what);
    e.domain = ErrorDomain::kTest;
    return e;
}

Status writeAll(int fd, const void* data, size_t len) {
    const char* p = static_cast<const char*>(data);
    while (len > 0) {
        ssize_t n = ::write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR) continue;
            return fail(systemError(errno, "write"));
        }
        p += n;
        len -= static_cast<size_t>(n);
    }
    return ok();
}

// Reads exactly `len` bytes; the count read when short (errno 0 at end of file, as libvirt).
ssize_t readFull(int fd, void* data, size_t len) {
    char* p = static_cast<char*>(data);
    size_t got = 0;
    while (got < len) {
        ssize_t n = ::read(fd, p + got, len - got);
        if (n < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        if (n == 0) {
            errno = 0;
            break;
        }
        got += static_cast<size_t>(n);
    }
    return static_cast<ssize_t>(got);
}

Status writeImage(const std::string& path, const std::string& name, const std::string& xml) {
    UniqueFd fd(::open(path.c_str(), O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0600));
    if (!fd) return fail(sysError(errno, fmt::format("saving domain '{}' to '{}': open failed", name, path)));
    int32_t len = static_cast<int32_t>(xml.size());
    if (!writeAll(fd.get(), kSaveMagic, sizeof kSaveMagic) || !writeAll(fd.get(), &len, sizeof len) ||
        !writeAll(fd.get(), xml.data(), xml.size())) {
        return fail(sysError(errno, fmt::format("saving domain '{}' to '{}': write failed", name, path)));
    }
    if (::fsync(fd.get()) < 0 || ::close(fd.release()) < 0) {
        return fail(sysError(errno, fmt::format("saving domain '{}' to '{}': write failed", name, path)));
    }
    return ok();
}

Result<std::string> readImageXml(const std::string& path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd) return fail(sysError(errno, fmt::format("cannot read domain image '{}'", path)));
    char magic[sizeof kSaveMagic];
    if (readFull(fd.get(), magic, sizeof magic) != static_cast<ssize_t>(sizeof magic)) {
        return fail(sysError(errno, fmt::format("incomplete save header in '{}'", path)));
    }
    if (std::memcmp(magic, kSaveMagic, sizeof magic) != 0) {
        return fail(testError(ErrorCode::kInternalError, "mismatched header magic"));
    }
    int32_t len = 0;
    if (readFull(fd.get(), &len, sizeof len) != static_cast<ssize_t>(sizeof len)) {
        return fail(sysError(errno, fmt::format("failed to read metadata length in '{}'", path)));
    }
    if (len < 1 || len > kMaxSaveXml) {
        return fail(testError(ErrorCode::kInternalError, "length of metadata out of range"));
    }
    std::string xml(static_cast<size_t>(len), '\0');
    if (readFull(fd.get(), xml.data(), xml.size()) != len) {
        return fail(sysError(errno, fmt::format("incomplete metadata in '{}'", path)));
    }
    return xml;
}

Error xmlModificationUnsupported() {
    return testError(ErrorCode::kArgumentUnsupported, "xml modification unsupported");
}

}  // namespace

Status TestDomainLifecycle::save(const DomainRef& dom, const std::string& path,
                                 const std::optional<std::string>& dxml, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testDomainSaveFlags"));
    if (dxml) return fail(xmlModificationUnsupported());
    core::PendingEvents ev(ctx_.state().events);
    NODEVIRT_ASSIGN_OR_RETURN(auto job, beginDomainJob(ctx_.state(), dom));
    NODEVIRT_TRY(checkActive(job.obj()));
    core::DomainView v = job->view();
    NODEVIRT_TRY(writeImage(path, v.name, formatTestDomain(*v.def, v.id, true, false)));
    stopDomain(ctx_.state(), job, static_cast<int>(lv::kDomainShutoffSaved));
    ev.lifecycle(job->ref(), static_cast<int>(lv::kDomainEventStopped),
                 static_cast<int>(lv::kDomainEventStoppedSaved));
    return ok();
}

Status TestDomainLifecycle::restore(const std::string& path, const std::optional<std::string>& dxml,
                                   unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testDomainRestoreFlags"));
    if (dxml) return fail(xmlModificationUnsupported());
    NODEVIRT_ASSIGN_OR_RETURN(std::string xml, readImageXml(path));
    NODEVIRT_ASSIGN_OR_RETURN(auto def, parseTestDomain(xml, false));
    std::string name = def->name;
    Uuid uuid = def->uuid;
    core::PendingEvents ev(ctx_.state().events);
    NODEVIRT_ASSIGN_OR_RETURN(
        auto added, ctx_.state().domains.add(name, uuid, std::move(def),
                                              core::DomainObjList::kAddLive | core::DomainObjList::kAddCheckLive));
    startDomain(ctx_.state(), added.job, static_cast<int>(lv::kDomainRunningRestored));
    ev.lifecycle(added.job->ref(), static_cast<int>(lv::kDomainEventStarted),
                 static_cast<int>(lv::kDomainEventStartedRestored));
    return ok();
}

Result<std::string> TestDomainLifecycle::saveImageGetXmlDesc(const std::string& path, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, lv::kDomainSaveImageXmlSecure, "testDomainSaveImageGetXMLDesc"));
    NODEVIRT_ASSIGN_OR_RETURN(std::string xml, readImageXml(path));
    NODEVIRT_ASSIGN_OR_RETURN(auto def, parseTestDomain(xml, false));
    return formatTestDomain(*def, -1, flags & lv::kDomainSaveImageXmlSecure, false);
}

Status TestDomainLifecycle::saveImageDefineXml(const std::string& path, const std::string& xml, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, lv::kDomainSaveRunning | lv::kDomainSavePaused, "testDomainSaveImageDefineXML"));
    NODEVIRT_ASSIGN_OR_RETURN(std::string old_xml, readImageXml(path));
    NODEVIRT_ASSIGN_OR_RETURN(auto old_def, parseTestDomain(old_xml, false));
    NODEVIRT_ASSIGN_OR_RETURN(auto def, parseTestDomain(xml, false));
    if (def->uuid != old_def->uuid || def->name != old_def->name) {
        return fail(testError(ErrorCode::kInvalidArg,
                              fmt::format("cannot replace the image of domain '{}' with domain '{}'", old_def->name,
                                          def->name)));
    }
    return writeImage(path, def->name, formatTestDomain(*def, -1, true, false));
}

Status TestDomainLifecycle::managedSave(const DomainRef& dom, unsigned flags) {
    using namespace lv;
    NODEVIRT_TRY(checkFlags(flags, kDomainSaveBypassCache | kDomainSaveRunning | kDomainSavePaused,
                            "testDomainManagedSave"));
    core::PendingEvents ev(ctx_.state().events);
    NODEVIRT_ASSIGN_OR_RETURN(auto job, beginDomainJob(ctx_.state(), dom));
    NODEVIRT_TRY(checkActive(job.obj()));
    if (!(job->flags() & core::kDomainPersistent)) {
        return fail(testError(ErrorCode::kOperationInvalid, "cannot do managed save for transient domain"));
    }
    stopDomain(ctx_.state(), job, static_cast<int>(kDomainShutoffSaved));
    job->setFlag(job, core::kDomainManagedSave, true);
    ev.lifecycle(job->ref(), static_cast<int>(kDomainEventStopped), static_cast<int>(kDomainEventStoppedSaved));
    return ok();
}

Result<bool> TestDomainLifecycle::hasManagedSaveImage(const DomainRef& dom, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testDomainHasManagedSaveImage"));
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), dom));
    return (obj->flags() & core::kDomainManagedSave) != 0;
}

Status TestDomainLifecycle::managedSaveRemove(const DomainRef& dom, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testDomainManagedSaveRemove"));
    NODEVIRT_ASSIGN_OR_RETURN(auto job, beginDomainJob(ctx_.state(), dom));
    job->setFlag(job, core::kDomainManagedSave, false);
    return ok();
}

Result<std::string> TestDomainLifecycle::managedSaveGetXmlDesc(const DomainRef& dom, unsigned flags) {
    // libvirt 9.0's test driver lacks this call; the image is the inactive definition.
    NODEVIRT_TRY(checkFlags(flags, lv::kDomainSaveImageXmlSecure, "testDomainManagedSaveGetXMLDesc"));
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), dom));
    core::DomainView v = obj->view();
    if (!v.has(core::kDomainManagedSave)) {
        return fail(testError(ErrorCode::kOperationInvalid, "domain does not have managed save image"));
    }
    return formatTestDomain(*v.inactiveDef(), -1, flags & lv::kDomainSaveImageXmlSecure, false);
}

Status TestDomainLifecycle::coreDump(const DomainRef& dom, const std::string& to, unsigned format, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, lv::kDumpCrash, "testDomainCoreDumpWithFormat"));
    core::PendingEvents ev(ctx_.state().events);
    NODEVIRT_ASSIGN_OR_RETURN(auto job, beginDomainJob(ctx_.state(), dom));
    NODEVIRT_TRY(checkActive(job.obj()));
    {
        UniqueFd fd(::open(to.c_str(), O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0600));
        if (!fd) return fail(sysError(errno, fmt::format("domain '{}' coredump: failed to open {}", dom.name, to)));
        if (!writeAll(fd.get(), kSaveMagic, sizeof kSaveMagic)) {
            return fail(sysError(errno, fmt::format("domain '{}' coredump: failed to write header to {}", dom.name, to)));
        }
    }
    if (format != lv::kDomainCoreDumpFormatRaw) {
        return fail(testError(ErrorCode::kOperationUnsupported, "kdump-compressed format is not supported here"));
    }
    if (flags & lv::kDumpCrash) {
        stopDomain(ctx_.state(), job, static_cast<int>(lv::kDomainShutoffCrashed));
        ev.lifecycle(job->ref(), static_cast<int>(lv::kDomainEventStopped),
                     static_cast<int>(lv::kDomainEventStoppedCrashed));
    }
    return ok();
}

}  // namespace nodevirt::drivers::test
