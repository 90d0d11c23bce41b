// Public entry points of the domain XML model: parse (→ post-parse → validate) and format
// whole <domain> documents and single devices, the way libvirt does.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "conf/domain/domain_def.h"
#include "util/result.h"

namespace nodevirt::conf {

struct DomainPostParseProfile;

struct DomainParseOptions {
    // define --validate: reject anything not modelled (unknown elements/attributes) with a
    // schema error naming the element path and line. Otherwise unknown input is dropped.
    bool validate = false;
    // Configuration view (define): ignore live-only state (id, generated labels, …).
    bool inactive = false;
    // Driver defaults applied after parsing; nullptr skips post-parse (raw round trip).
    const DomainPostParseProfile* profile = nullptr;
};

struct DomainFormatOptions {
    bool inactive = false;    // config view (no id, no live-only state)
    bool secure = false;      // include passwords
    bool migratable = false;  // omit what a migration destination re-creates
    // Running domains print id='N' on the root (ignored when inactive or negative).
    int32_t live_id = -1;
};

Result<std::shared_ptr<DomainDef>> parseDomainXml(std::string_view xml,
                                                  const DomainParseOptions& options);
std::string formatDomainXml(const DomainDef& def, const DomainFormatOptions& options);

// Cross-section checks libvirt makes on every define (boot order conflicts, duplicate
// targets and addresses, vcpu counts, …).
Status validateDomainDef(const DomainDef& def);

// attach-device / detach-device / update-device: one device element. `context` is the
// domain the device is meant for; it supplies defaults (e.g. the disk bus of its OS).
struct DeviceParseOptions {
    bool validate = false;
    bool inactive = false;
    const DomainPostParseProfile* profile = nullptr;
};
Result<DeviceDef> parseDeviceXml(std::string_view xml, const DomainDef& context,
                                 const DeviceParseOptions& options);
std::string formatDeviceXml(const DeviceDef& device, const DomainFormatOptions& options);

}  // namespace nodevirt::conf
