// libFuzzer target for the domain XML model: whatever the input, parsing must not crash, and
// formatting must be stable — format(parse(format(parse(x)))) == format(parse(x)) without
// post-parse, and with the test driver's post-parse once its defaults have settled (libvirt
// itself re-sorts some devices the first time a printed definition is defined again).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "conf/domain/domain_xml.h"
#include "conf/domain/post_parse.h"
#include "conf/domain/snapshot_def.h"

namespace {

using namespace nodevirt::conf;

[[noreturn]] void die(const char* what, const std::string& a, const std::string& b) {
    std::fprintf(stderr, "%s\n--- first ---\n%s\n--- second ---\n%s\n", what, a.c_str(), b.c_str());
    std::abort();
}

// One parse/format round; empty when the document is rejected.
std::string round(std::string_view xml, const DomainPostParseProfile* profile, bool validate) {
    DomainParseOptions o;
    o.inactive = true;
    o.validate = validate;
    o.profile = profile;
    auto def = parseDomainXml(xml, o);
    if (!def) return {};
    DomainFormatOptions f;
    f.inactive = true;
    f.secure = true;
    return formatDomainXml(**def, f);
}

void checkRaw(std::string_view input) {
    std::string first = round(input, nullptr, false);
    if (first.empty()) return;
    std::string second = round(first, nullptr, false);
    if (second != first) die("raw round trip is not a fixed point", first, second);
}

void checkWithProfile(std::string_view input) {
    const DomainPostParseProfile* p = &testDriverPostParseProfile();
    std::string first = round(input, p, false);
    if (first.empty()) return;
    std::string second = round(first, p, false);
    if (second.empty()) die("formatted definition was rejected", first, second);
    std::string third = round(second, p, false);
    if (third != second) die("post-parse round trip is not a fixed point", second, third);
    // What we print is always accepted by our own validate mode.
    if (round(second, p, true).empty()) die("validate mode rejects our own output", second, "");
}

void checkDevice(std::string_view input) {
    DomainDef context;
    DeviceParseOptions o;
    o.profile = &testDriverPostParseProfile();
    auto dev = parseDeviceXml(input, context, o);
    if (!dev) return;
    std::string first = formatDeviceXml(*dev, {});
    auto again = parseDeviceXml(first, context, o);
    if (!again) die("formatted device was rejected", first, again.error().message);
    std::string second = formatDeviceXml(*again, {});
    if (second != first) die("device round trip is not a fixed point", first, second);
}

void checkSnapshot(std::string_view input) {
    SnapshotParseOptions o;
    o.redefine = true;
    auto snap = parseDomainSnapshotXml(input, o);
    if (!snap) return;
    std::string first = formatDomainSnapshotXml(**snap, {});
    auto again = parseDomainSnapshotXml(first, o);
    if (!again) die("formatted snapshot was rejected", first, again.error().message);
    std::string second = formatDomainSnapshotXml(**again, {});
    if (second != first) die("snapshot round trip is not a fixed point", first, second);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    checkRaw(input);
    checkWithProfile(input);
    checkDevice(input);
    checkSnapshot(input);
    return 0;
}
