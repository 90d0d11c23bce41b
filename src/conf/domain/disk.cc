#include "conf/domain/disk.h"

#include <fmt/format.h>

#include "util/strings.h"

namespace nodevirt::conf {
namespace {

constexpr std::string_view kDiskPrefixes[] = {"fd", "hd", "vd", "sd", "xvd", "ubd"};

Result<DiskDriver> parseDriver(Elem& e) {
    DiskDriver d;
    d.name = e.attr("name");
    d.type = e.attr("type");
    NODEVIRT_ASSIGN_OR_RETURN(d.cache, e.enumAttr("cache", kDiskCaches));
    NODEVIRT_ASSIGN_OR_RETURN(d.error_policy, e.enumAttr("error_policy", kDiskErrorPolicies));
    NODEVIRT_ASSIGN_OR_RETURN(d.rerror_policy, e.enumAttr("rerror_policy", kDiskErrorPolicies));
    NODEVIRT_ASSIGN_OR_RETURN(d.io, e.enumAttr("io", kDiskIos));
    NODEVIRT_ASSIGN_OR_RETURN(d.ioeventfd, e.onOffAttr("ioeventfd"));
    NODEVIRT_ASSIGN_OR_RETURN(d.event_idx, e.onOffAttr("event_idx"));
    NODEVIRT_ASSIGN_OR_RETURN(d.copy_on_read, e.onOffAttr("copy_on_read"));
    NODEVIRT_ASSIGN_OR_RETURN(d.discard, e.enumAttr("discard", kDiskDiscards));
    NODEVIRT_ASSIGN_OR_RETURN(d.iothread, e.uint32Attr("iothread"));
    NODEVIRT_ASSIGN_OR_RETURN(d.detect_zeroes, e.enumAttr("detect_zeroes", kDetectZeroes));
    NODEVIRT_ASSIGN_OR_RETURN(d.queues, e.uint32Attr("queues"));
    if (d.rerror_policy == DiskErrorPolicy::kEnospace)
        return fail(e.badValue("rerror_policy", "enospace", "'stop', 'report' or 'ignore'"));
    if (d.queues && *d.queues == 0) return fail(e.error("'queues' must be greater than zero"));
    NODEVIRT_TRY(e.done());
    return d;
}

Result<DiskIoTune> parseIoTune(Elem& e) {
    DiskIoTune t;
    for (size_t i = 0; i < t.values.size(); ++i) {
        NODEVIRT_ASSIGN_OR_RETURN(auto v,
                                  e.leafUint(kIoTuneFields.name(static_cast<IoTuneField>(i))));
        t.values[i] = v.value_or(0);
    }
    NODEVIRT_ASSIGN_OR_RETURN(t.group_name, e.leafText("group_name"));
    auto get = [&](IoTuneField f) { return t.values[static_cast<size_t>(f)]; };
    if (get(IoTuneField::kTotalBytesSec) &&
        (get(IoTuneField::kReadBytesSec) || get(IoTuneField::kWriteBytesSec)))
        return fail(e.error("total and read/write bytes_sec cannot be set at the same time"));
    if (get(IoTuneField::kTotalIopsSec) &&
        (get(IoTuneField::kReadIopsSec) || get(IoTuneField::kWriteIopsSec)))
        return fail(e.error("total and read/write iops_sec cannot be set at the same time"));
    NODEVIRT_TRY(e.done());
    return t;
}

Status parseTarget(Elem& e, DiskDef& d, DiskExtra& x) {
    Elem t = e.child("target");
    auto dev = t ? t.attr("dev") : std::nullopt;
    if (!dev || dev->empty())
        return fail(Error::make(ErrorCode::kNoTarget, ErrorDomain::kDomain,
                                fmt::format("{} (element {}, line {})", d.source.path.value_or(""),
                                            e.node().path(), e.node().line())));
    d.dst = std::move(*dev);
    NODEVIRT_ASSIGN_OR_RETURN(d.bus, t.enumAttr("bus", kDiskBuses));
    NODEVIRT_ASSIGN_OR_RETURN(d.tray, t.enumAttr("tray", kDiskTrays));
    if (d.tray == DiskTray::kClosed) d.tray.reset();  // the default is not printed
    NODEVIRT_ASSIGN_OR_RETURN(d.removable, t.onOffAttr("removable"));
    NODEVIRT_ASSIGN_OR_RETURN(x.rotation_rate, t.uint32Attr("rotation_rate"));
    return t.done();
}

Status parseExtras(Elem& e, DiskExtra& x) {
    if (Elem g = e.child("geometry")) {
        DiskGeometry geo;
        NODEVIRT_ASSIGN_OR_RETURN(auto cyls, g.uint32Attr("cyls"));
        NODEVIRT_ASSIGN_OR_RETURN(auto heads, g.uint32Attr("heads"));
        NODEVIRT_ASSIGN_OR_RETURN(auto secs, g.uint32Attr("secs"));
        if (!cyls || !heads || !secs)
            return fail(g.error("disk geometry needs cyls, heads and secs"));
        geo = {*cyls, *heads, *secs, g.attr("trans")};
        NODEVIRT_TRY(g.done());
        x.geometry = std::move(geo);
    }
    if (Elem b = e.child("blockio")) {
        DiskBlockIo io;
        NODEVIRT_ASSIGN_OR_RETURN(io.logical_block_size, b.uint32Attr("logical_block_size"));
        NODEVIRT_ASSIGN_OR_RETURN(io.physical_block_size, b.uint32Attr("physical_block_size"));
        NODEVIRT_TRY(b.done());
        x.blockio = io;
    }
    if (Elem t = e.child("iotune")) {
        NODEVIRT_ASSIGN_OR_RETURN(x.iotune, parseIoTune(t));
    }
    NODEVIRT_ASSIGN_OR_RETURN(x.wwn, e.leafText("wwn"));
    if (x.wwn && (x.wwn->size() != 16 || !str::parseUint64(*x.wwn, 16)))
        return fail(e.error(fmt::format("Malformed wwn: {}", *x.wwn)));
    NODEVIRT_ASSIGN_OR_RETURN(x.vendor, e.leafText("vendor"));
    NODEVIRT_ASSIGN_OR_RETURN(x.product, e.leafText("product"));
    if (Elem enc = e.child("encryption")) {
        DiskEncryption de;
        NODEVIRT_ASSIGN_OR_RETURN(de.format, enc.requiredAttr("format"));
        NODEVIRT_ASSIGN_OR_RETURN(auto secrets, enc.children("secret", 8));
        for (Elem& s : secrets) {
            NODEVIRT_ASSIGN_OR_RETURN(SecretRef ref, parseSecretRef(s));
            de.secrets.push_back(std::move(ref));
        }
        NODEVIRT_TRY(enc.done());
        x.encryption = std::move(de);
    }
    return ok();
}

Status readFlag(Elem& e, std::string_view name, bool& out) {
    if (Elem f = e.child(name)) {
        out = true;
        return f.done();
    }
    return ok();
}

void formatDriver(xml::Writer& w, const DiskDriver& d) {
    w.open("driver");
    if (d.name) w.attr("name", *d.name);
    if (d.type) w.attr("type", *d.type);
    if (d.cache) w.attr("cache", kDiskCaches.name(*d.cache));
    if (d.error_policy) w.attr("error_policy", kDiskErrorPolicies.name(*d.error_policy));
    if (d.rerror_policy) w.attr("rerror_policy", kDiskErrorPolicies.name(*d.rerror_policy));
    if (d.io) w.attr("io", kDiskIos.name(*d.io));
    auto onoff = [&](std::string_view n, const std::optional<bool>& v) {
        if (v) w.attr(n, *v ? "on" : "off");
    };
    onoff("ioeventfd", d.ioeventfd);
    onoff("event_idx", d.event_idx);
    onoff("copy_on_read", d.copy_on_read);
    if (d.discard) w.attr("discard", kDiskDiscards.name(*d.discard));
    if (d.iothread) w.attr("iothread", *d.iothread);
    if (d.detect_zeroes) w.attr("detect_zeroes", kDetectZeroes.name(*d.detect_zeroes));
    if (d.queues) w.attr("queues", *d.queues);
    w.close();
}

void formatTarget(xml::Writer& w, const DiskDef& d, const DiskExtra* x) {
    w.open("target").attr("dev", d.dst);
    if (d.bus) w.attr("bus", kDiskBuses.name(*d.bus));
    if (d.tray) w.attr("tray", kDiskTrays.name(*d.tray));
    if (d.removable) w.attr("removable", *d.removable ? "on" : "off");
    if (x && x->rotation_rate) w.attr("rotation_rate", *x->rotation_rate);
    w.close();
}

void formatIoTune(xml::Writer& w, const DiskIoTune& t) {
    w.open("iotune");
    for (size_t i = 0; i < t.values.size(); ++i) {
        auto f = static_cast<IoTuneField>(i);
        if (f == IoTuneField::kTotalBytesSecMaxLength && t.group_name)
            w.textElement("group_name", *t.group_name);
        if (t.values[i]) w.textElement(kIoTuneFields.name(f), fmt::format("{}", t.values[i]));
    }
    w.close();
}

}  // namespace

int diskNameToIndex(std::string_view dst) {
    std::string_view rest;
    for (std::string_view p : kDiskPrefixes) {
        if (str::startsWith(dst, p)) {
            rest = dst.substr(p.size());
            break;
        }
    }
    if (rest.empty()) return -1;
    int idx = 0;
    size_t i = 0;
    for (; i < rest.size() && rest[i] >= 'a' && rest[i] <= 'z'; ++i) {
        if (i >= 6) return -1;  // far beyond any real disk count; keeps the index in range
        idx = (idx + (i > 0 ? 1 : 0)) * 26 + (rest[i] - 'a');
    }
    if (i == 0) return -1;
    for (; i < rest.size(); ++i)
        if (rest[i] < '0' || rest[i] > '9') return -1;
    return idx;
}

std::optional<DiskBus> diskBusFromName(std::string_view dst) {
    if (str::startsWith(dst, "hd")) return DiskBus::kIde;
    if (str::startsWith(dst, "sd")) return DiskBus::kScsi;
    if (str::startsWith(dst, "vd")) return DiskBus::kVirtio;
    if (str::startsWith(dst, "xvd")) return DiskBus::kXen;
    if (str::startsWith(dst, "ubd")) return DiskBus::kUml;
    return std::nullopt;
}

Result<DiskDef> parseDisk(Elem& e) {
    DiskDef d;
    DiskExtra x;
    NODEVIRT_ASSIGN_OR_RETURN(auto type, e.enumAttr("type", kDiskTypes));
    d.type = type.value_or(DiskType::kFile);
    NODEVIRT_ASSIGN_OR_RETURN(auto device, e.enumAttr("device", kDiskDevices));
    d.device = device.value_or(DiskDevice::kDisk);
    NODEVIRT_ASSIGN_OR_RETURN(x.model, e.enumAttr("model", kDiskModels));
    NODEVIRT_ASSIGN_OR_RETURN(x.rawio, e.yesNoAttr("rawio"));
    NODEVIRT_ASSIGN_OR_RETURN(x.snapshot, e.enumAttr("snapshot", kDiskSnapshots));
    if (auto sgio = e.attr("sgio"); sgio && *sgio != "filtered")
        return fail(e.unsupported(fmt::format("{} sgio is no longer supported", *sgio)));
    if (x.rawio && d.device != DiskDevice::kLun)
        return fail(e.error("rawio can be used only with device='lun'"));
    if (Elem drv = e.child("driver")) {
        NODEVIRT_ASSIGN_OR_RETURN(d.driver, parseDriver(drv));
    }
    NODEVIRT_TRY(parseDiskSource(e, d.type, d.source));
    NODEVIRT_TRY(parseBackingStore(e, d.backing, 1));
    NODEVIRT_TRY(parseTarget(e, d, x));
    NODEVIRT_TRY(readFlag(e, "readonly", d.readonly));
    NODEVIRT_TRY(readFlag(e, "shareable", d.shareable));
    NODEVIRT_TRY(readFlag(e, "transient", d.transient));
    NODEVIRT_ASSIGN_OR_RETURN(d.serial, e.leafText("serial"));
    NODEVIRT_TRY(parseExtras(e, x));
    NODEVIRT_TRY(parseDeviceInfo(e, d.info, true));
    if (d.device == DiskDevice::kFloppy && !str::startsWith(d.dst, "fd"))
        return fail(internalError(fmt::format("Invalid floppy device name: {}", d.dst)));
    if (d.device != DiskDevice::kFloppy && str::startsWith(d.dst, "fd"))
        return fail(internalError(fmt::format("Invalid harddisk device name: {}", d.dst)));
    if (!(x == DiskExtra{})) d.extra.mut() = std::move(x);
    NODEVIRT_TRY(e.done());
    return d;
}

void formatDisk(xml::Writer& w, const DiskDef& d, const FormatCtx& fc) {
    const DiskExtra* x = d.extra.get();
    w.open("disk")
        .attr("type", kDiskTypes.name(d.type))
        .attr("device", kDiskDevices.name(d.device));
    if (x && x->model) w.attr("model", kDiskModels.name(*x->model));
    if (x && x->rawio) w.attr("rawio", *x->rawio ? "yes" : "no");
    if (x && x->snapshot) w.attr("snapshot", kDiskSnapshots.name(*x->snapshot));
    if (d.driver) formatDriver(w, *d.driver);
    formatDiskSource(w, d.type, d.source, fc);
    if (d.backing) formatBackingStore(w, *d.backing, fc);
    if (x && x->geometry) {
        w.open("geometry").attr("cyls", x->geometry->cyls).attr("heads", x->geometry->heads);
        w.attr("secs", x->geometry->secs);
        if (x->geometry->trans) w.attr("trans", *x->geometry->trans);
        w.close();
    }
    if (x && x->blockio) {
        w.open("blockio").attrIf("logical_block_size", x->blockio->logical_block_size);
        w.attrIf("physical_block_size", x->blockio->physical_block_size).close();
    }
    formatTarget(w, d, x);
    if (x && x->iotune) formatIoTune(w, *x->iotune);
    if (d.readonly) w.open("readonly").close();
    if (d.shareable) w.open("shareable").close();
    if (d.transient) w.open("transient").close();
    if (d.serial) w.textElement("serial", *d.serial);
    if (x && x->wwn) w.textElement("wwn", *x->wwn);
    if (x && x->vendor) w.textElement("vendor", *x->vendor);
    if (x && x->product) w.textElement("product", *x->product);
    if (x && x->encryption) {
        w.open("encryption").attr("format", x->encryption->format);
        for (const auto& s : x->encryption->secrets) formatSecretRef(w, s);
        w.close();
    }
    formatDeviceInfo(w, d.info, fc);
    w.close();
}

}  // namespace nodevirt::conf
