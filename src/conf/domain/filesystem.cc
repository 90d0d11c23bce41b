#include "conf/domain/filesystem.h"

#include <fmt/format.h>

#include "util/strings.h"

namespace nodevirt::conf {
namespace {

std::string_view sourceAttr(FsType type) {
    switch (type) {
        case FsType::kMount:
        case FsType::kBind:
            return "dir";
        case FsType::kBlock:
            return "dev";
        case FsType::kFile:
            return "file";
        case FsType::kTemplate:
            return "name";
        default:
            return "";
    }
}

Result<std::optional<uint64_t>> spaceLimit(Elem& e, std::string_view name) {
    Elem c = e.child(name);
    if (!c) return std::optional<uint64_t>();
    std::string unit = c.attr("unit").value_or("bytes");
    NODEVIRT_TRY(c.done());
    auto value = str::parseUint64(c.text());
    if (!value) return fail(c.error(fmt::format("invalid value '{}': expected a size", c.text())));
    auto bytes = str::scaleToUnit(*value, unit, 1, 1);
    if (!bytes)
        return fail(c.error(fmt::format("invalid size '{}' with unit '{}'", c.text(), unit)));
    return std::optional<uint64_t>(*bytes);
}

}  // namespace

Result<FilesystemDef> parseFilesystem(Elem& e) {
    FilesystemDef f;
    NODEVIRT_ASSIGN_OR_RETURN(auto type, e.enumAttr("type", kFsTypes));
    f.type = type.value_or(FsType::kMount);
    NODEVIRT_ASSIGN_OR_RETURN(auto mode, e.enumAttr("accessmode", kFsAccessModes));
    f.accessmode = mode.value_or(FsAccessMode::kPassthrough);
    f.model = e.attr("model");
    if (Elem d = e.child("driver")) {
        FsDriver drv;
        drv.type = d.attr("type");
        drv.format = d.attr("format");
        drv.wrpolicy = d.attr("wrpolicy");
        NODEVIRT_ASSIGN_OR_RETURN(drv.queue, d.uint32Attr("queue"));
        NODEVIRT_TRY(d.done());
        f.driver = std::move(drv);
    }
    if (Elem b = e.child("binary")) {
        FsBinary bin;
        bin.path = b.attr("path");
        NODEVIRT_ASSIGN_OR_RETURN(bin.xattr, b.onOffAttr("xattr"));
        if (Elem c = b.child("cache")) {
            bin.cache_mode = c.attr("mode");
            NODEVIRT_TRY(c.done());
        }
        NODEVIRT_TRY(b.done());
        f.binary = std::move(bin);
    }
    if (Elem s = e.child("source")) {
        if (std::string_view attr = sourceAttr(f.type); !attr.empty()) f.source = s.attr(attr);
        if (f.type == FsType::kRam) {
            NODEVIRT_ASSIGN_OR_RETURN(f.ram_usage, s.uintAttr("usage"));
            f.ram_units = s.attr("units");
        }
        if (f.type == FsType::kVolume) {
            f.pool = s.attr("pool");
            f.volume = s.attr("volume");
        }
        NODEVIRT_TRY(s.done());
    }
    if (!f.source && !f.ram_usage && !f.volume && !(f.driver && f.driver->type == "virtiofs"))
        return fail(
            Error::make(ErrorCode::kNoSource, ErrorDomain::kDomain,
                        fmt::format("missing source for filesystem (line {})", e.node().line())));
    Elem t = e.child("target");
    auto dir = t ? t.attr("dir") : std::nullopt;
    if (!dir)
        return fail(
            Error::make(ErrorCode::kNoTarget, ErrorDomain::kDomain,
                        fmt::format("missing target for filesystem (line {})", e.node().line())));
    f.target = std::move(*dir);
    NODEVIRT_TRY(t.done());
    if (Elem ro = e.child("readonly")) {
        f.readonly = true;
        NODEVIRT_TRY(ro.done());
    }
    NODEVIRT_ASSIGN_OR_RETURN(f.space_hard_limit, spaceLimit(e, "space_hard_limit"));
    NODEVIRT_ASSIGN_OR_RETURN(f.space_soft_limit, spaceLimit(e, "space_soft_limit"));
    NODEVIRT_TRY(parseDeviceInfo(e, f.info, true));
    NODEVIRT_TRY(e.done());
    return f;
}

void formatFilesystem(xml::Writer& w, const FilesystemDef& f, const FormatCtx& fc) {
    w.open("filesystem").attr("type", kFsTypes.name(f.type));
    w.attr("accessmode", kFsAccessModes.name(f.accessmode));
    if (f.model) w.attr("model", *f.model);
    if (f.driver) {
        w.open("driver");
        if (f.driver->type) w.attr("type", *f.driver->type);
        if (f.driver->format) w.attr("format", *f.driver->format);
        if (f.driver->wrpolicy) w.attr("wrpolicy", *f.driver->wrpolicy);
        w.attrIf("queue", f.driver->queue).close();
    }
    if (f.binary) {
        w.open("binary");
        if (f.binary->path) w.attr("path", *f.binary->path);
        if (f.binary->xattr) w.attr("xattr", *f.binary->xattr ? "on" : "off");
        if (f.binary->cache_mode) w.open("cache").attr("mode", *f.binary->cache_mode).close();
        w.close();
    }
    if (f.source || f.ram_usage || f.volume) {
        w.open("source");
        if (f.source) w.attr(sourceAttr(f.type), *f.source);
        if (f.ram_usage) w.attr("usage", *f.ram_usage);
        if (f.ram_units) w.attr("units", *f.ram_units);
        if (f.pool) w.attr("pool", *f.pool);
        if (f.volume) w.attr("volume", *f.volume);
        w.close();
    }
    w.open("target").attr("dir", f.target).close();
    if (f.readonly) w.open("readonly").close();
    if (f.space_hard_limit)
        w.open("space_hard_limit")
            .attr("unit", "bytes")
            .text(fmt::format("{}", *f.space_hard_limit))
            .close();
    if (f.space_soft_limit)
        w.open("space_soft_limit")
            .attr("unit", "bytes")
            .text(fmt::format("{}", *f.space_soft_limit))
            .close();
    formatDeviceInfo(w, f.info, fc);
    w.close();
}

}  // namespace nodevirt::conf
