// Golden tests for <domain>. Every tests/data/domain/NAME.in.xml parsed (with the test
// driver's post-parse profile) and formatted must equal NAME.out.xml, which libvirt 9.0's test
// driver printed for it (regen_expected.sh); libvirt's outputs must round-trip unchanged; the
// postparse/ pairs pin down defaults; errors/ cases must fail with libvirt's error code.
#include <gtest/gtest.h>

#include <sstream>

#include "conf/domain/device_ops.h"
#include "conf/domain/domain_xml.h"
#include "conf/domain/post_parse.h"
#include "conf/domain/snapshot_def.h"
#include "golden/golden_support.h"

namespace nodevirt::conf {
namespace {

const std::filesystem::path kDir = "tests/data/domain";

DomainParseOptions defineOptions() {
    DomainParseOptions o;
    o.inactive = true;
    o.profile = &testDriverPostParseProfile();
    return o;
}

DomainFormatOptions inactiveFormat() {
    DomainFormatOptions o;
    o.inactive = true;
    return o;
}

std::string roundTrip(const std::string& xml) {
    auto def = parseDomainXml(xml, defineOptions());
    if (!def) return "parse error: " + def.error().message;
    return formatDomainXml(**def, inactiveFormat());
}

class DomainGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(DomainGolden, FormatOfParseMatchesLibvirt) {
    std::string in = golden::readFile(kDir / (GetParam() + ".in.xml"));
    std::string expected = golden::readFile(kDir / (GetParam() + ".out.xml"));
    ASSERT_FALSE(expected.empty());
    EXPECT_EQ(golden::firstDifference(expected, roundTrip(in)), "");
}

// Defining libvirt's output again gives it back unchanged, except for the few documents
// libvirt itself re-sorts (NAME.redefined.xml holds what libvirt printed then).
TEST_P(DomainGolden, LibvirtOutputRoundTrips) {
    std::string expected = golden::readFile(kDir / (GetParam() + ".out.xml"));
    std::filesystem::path redefined = kDir / (GetParam() + ".redefined.xml");
    std::string again = std::filesystem::exists(redefined) ? golden::readFile(redefined) : expected;
    EXPECT_EQ(golden::firstDifference(again, roundTrip(expected)), "");
}

INSTANTIATE_TEST_SUITE_P(Documents, DomainGolden,
                         ::testing::ValuesIn(golden::listCases(kDir, ".in.xml")));

TEST(DomainGoldenSet, HasEnoughDocuments) {
    EXPECT_GE(golden::listCases(kDir, ".in.xml").size(), 45U);
}

class DomainPostParse : public ::testing::TestWithParam<std::string> {};

TEST_P(DomainPostParse, DefaultsMatchLibvirt) {
    std::string in = golden::readFile(kDir / "postparse" / (GetParam() + ".in.xml"));
    std::string expected = golden::readFile(kDir / "postparse" / (GetParam() + ".out.xml"));
    ASSERT_FALSE(expected.empty());
    EXPECT_EQ(golden::firstDifference(expected, roundTrip(in)), "");
}

TEST_P(DomainPostParse, LibvirtOutputRoundTrips) {
    std::string expected = golden::readFile(kDir / "postparse" / (GetParam() + ".out.xml"));
    std::filesystem::path redefined = kDir / "postparse" / (GetParam() + ".redefined.xml");
    std::string again = std::filesystem::exists(redefined) ? golden::readFile(redefined) : expected;
    EXPECT_EQ(golden::firstDifference(again, roundTrip(expected)), "");
}

INSTANTIATE_TEST_SUITE_P(Documents, DomainPostParse,
                         ::testing::ValuesIn(golden::listCases(kDir / "postparse", ".in.xml")));

// ---- errors -------------------------------------------------------------------------------

bool isValidateCase(const std::string& file) { return file.rfind("validate_", 0) == 0; }

class DomainErrors : public ::testing::TestWithParam<golden::ErrorCase> {};

TEST_P(DomainErrors, FailsWithLibvirtsCode) {
    const golden::ErrorCase& c = GetParam();
    DomainParseOptions o = defineOptions();
    o.validate = isValidateCase(c.file);
    auto def = parseDomainXml(golden::readFile(kDir / "errors" / c.file), o);
    ASSERT_FALSE(def) << c.file << " was accepted";
    EXPECT_EQ(static_cast<int>(def.error().code), c.code) << def.error().message;
    EXPECT_NE(def.error().message.find(c.message), std::string::npos)
        << "got: " << def.error().message << "\nwant: " << c.message;
}

INSTANTIATE_TEST_SUITE_P(Cases, DomainErrors,
                         ::testing::ValuesIn(golden::readErrorCases(kDir / "errors")),
                         [](const auto& info) {
                             return info.param.file.substr(0, info.param.file.find('.'));
                         });

TEST(DomainErrorsSet, TableIsPresent) {
    EXPECT_GE(golden::readErrorCases(kDir / "errors").size(), 15U);
}

// What validate mode rejects, normal mode drops (libvirt's define without --validate).
TEST(DomainValidate, UnknownContentDroppedWithoutValidate) {
    for (const auto& c : golden::readErrorCases(kDir / "errors")) {
        if (!isValidateCase(c.file)) continue;
        std::string xml = golden::readFile(kDir / "errors" / c.file);
        auto def = parseDomainXml(xml, defineOptions());
        ASSERT_TRUE(def) << c.file << ": " << def.error().message;
        std::string out = formatDomainXml(**def, inactiveFormat());
        EXPECT_EQ(out.find("teleporter"), std::string::npos);
        EXPECT_EQ(out.find("colour"), std::string::npos);
        EXPECT_EQ(out.find("flavour"), std::string::npos);
    }
}

TEST(DomainValidate, EveryGoldenDocumentPassesValidateMode) {
    // Everything we print must be accepted by our own validate mode.
    for (const auto& name : golden::listCases(kDir, ".in.xml")) {
        DomainParseOptions o = defineOptions();
        o.validate = true;
        auto def = parseDomainXml(golden::readFile(kDir / (name + ".out.xml")), o);
        EXPECT_TRUE(def) << name << ": " << (def ? "" : def.error().message);
    }
}

TEST(DomainValidate, ErrorNamesPathAndLine) {
    const char* xml =
        "<domain type='test'>\n"
        "  <name>x</name>\n"
        "  <memory>1024</memory>\n"
        "  <os><type>hvm</type></os>\n"
        "  <devices>\n"
        "    <disk type='file'><source file='/a'/><target dev='vda'/></disk>\n"
        "    <interface type='user'><mtu size='big'/></interface>\n"
        "  </devices>\n"
        "</domain>\n";
    auto def = parseDomainXml(xml, defineOptions());
    ASSERT_FALSE(def);
    EXPECT_EQ(def.error().code, ErrorCode::kXmlError);
    EXPECT_NE(def.error().message.find("/domain/devices/interface/mtu"), std::string::npos)
        << def.error().message;
    EXPECT_NE(def.error().message.find("line 7"), std::string::npos) << def.error().message;
    EXPECT_NE(def.error().message.find("'big'"), std::string::npos) << def.error().message;
}

// ---- live and secure formatting -------------------------------------------------------------

class DomainLive : public ::testing::TestWithParam<std::string> {};

int idOf(const std::string& xml) {
    auto at = xml.find(" id='");
    return at == std::string::npos ? -1 : std::stoi(xml.substr(at + 5));
}

TEST_P(DomainLive, RunningDomainPrintsIdAndSecurePrintsPasswords) {
    std::string in = golden::readFile(kDir / "live" / (GetParam() + ".in.xml"));
    std::string live = golden::readFile(kDir / "live" / (GetParam() + ".live.xml"));
    std::string secure = golden::readFile(kDir / "live" / (GetParam() + ".secure.xml"));
    auto def = parseDomainXml(in, defineOptions());
    ASSERT_TRUE(def) << def.error().message;
    DomainFormatOptions running;
    running.live_id = idOf(live);
    ASSERT_GT(running.live_id, 0);
    EXPECT_EQ(golden::firstDifference(live, formatDomainXml(**def, running)), "");
    DomainFormatOptions sec = inactiveFormat();
    sec.secure = true;
    sec.live_id = running.live_id;  // ignored for the inactive view
    EXPECT_EQ(golden::firstDifference(secure, formatDomainXml(**def, sec)), "");
}

INSTANTIATE_TEST_SUITE_P(Documents, DomainLive,
                         ::testing::ValuesIn(golden::listCases(kDir / "live", ".in.xml")));

TEST(DomainLiveSet, SecureOutputDiffersOnlyByPasswords) {
    std::string secure = golden::readFile(kDir / "live" / "secure_graphics.secure.xml");
    auto def =
        parseDomainXml(golden::readFile(kDir / "live" / "secure_graphics.in.xml"), defineOptions());
    ASSERT_TRUE(def);
    std::string plain = formatDomainXml(**def, inactiveFormat());
    EXPECT_EQ(plain.find("passwd='"), std::string::npos);
    EXPECT_NE(secure.find("passwd='vncpass'"), std::string::npos);
}

// ---- device-level parse/format ----------------------------------------------------------------

// The device elements of a formatted domain, each dedented to column 0, in document order.
std::vector<std::string> deviceElements(const std::string& domain_xml) {
    std::vector<std::string> out;
    std::istringstream in(domain_xml);
    std::string line, current;
    bool inside = false;
    for (; std::getline(in, line);) {
        if (line == "  <devices>") {
            inside = true;
            continue;
        }
        if (line == "  </devices>") break;
        if (!inside || line.rfind("    <emulator>", 0) == 0) continue;
        current += line.substr(4) + "\n";
        // A device ends on a line at device depth that closes it (or is self-closed).
        bool at_depth = line.size() > 5 && line[4] == '<';
        bool self_closed = line.back() == '>' && line[line.size() - 2] == '/';
        if (at_depth && (line[5] == '/' || self_closed)) {
            out.push_back(current);
            current.clear();
        }
    }
    return out;
}

TEST(DomainDevices, EveryDeviceOfEveryGoldenDocumentRoundTripsAlone) {
    size_t checked = 0;
    for (const auto& name : golden::listCases(kDir, ".in.xml")) {
        // The definition libvirt's output parses to prints as .redefined.xml when that exists.
        std::filesystem::path redefined = kDir / (name + ".redefined.xml");
        std::string expected = golden::readFile(
            std::filesystem::exists(redefined) ? redefined : kDir / (name + ".out.xml"));
        auto def = parseDomainXml(expected, defineOptions());
        ASSERT_TRUE(def) << name;
        std::vector<std::string> elements = deviceElements(expected);
        std::vector<DeviceDef> devices = collectDevices((*def)->devs());
        ASSERT_EQ(elements.size(), devices.size()) << name;
        for (size_t i = 0; i < devices.size(); ++i) {
            EXPECT_EQ(
                golden::firstDifference(elements[i], formatDeviceXml(devices[i], inactiveFormat())),
                "")
                << name << " device " << i;
            DeviceParseOptions o;
            o.inactive = true;
            o.profile = &testDriverPostParseProfile();
            auto dev = parseDeviceXml(elements[i], **def, o);
            ASSERT_TRUE(dev) << name << " device " << i << ": " << dev.error().message;
            EXPECT_EQ(golden::firstDifference(elements[i], formatDeviceXml(*dev, inactiveFormat())),
                      "")
                << name << " device " << i;
            ++checked;
        }
    }
    EXPECT_GT(checked, 150U);
}

TEST(DomainDevices, AttachDetachUpdate) {
    auto def = parseDomainXml(golden::readFile(kDir / "disk_file.out.xml"), defineOptions());
    ASSERT_TRUE(def);
    DomainDef& d = **def;
    DeviceParseOptions o;
    o.inactive = true;
    o.profile = &testDriverPostParseProfile();
    auto disk = parseDeviceXml(
        "<disk type='file'><source file='/new.img'/><target dev='sdc'/></disk>", d, o);
    ASSERT_TRUE(disk) << disk.error().message;
    const auto* parsed = std::get_if<DiskDef>(&*disk);
    ASSERT_NE(parsed, nullptr);
    EXPECT_EQ(parsed->bus, DiskBus::kScsi);
    ASSERT_NE(parsed->info.drive(), nullptr);
    EXPECT_EQ(parsed->info.drive()->unit, 2U);
    ASSERT_TRUE(addDevice(d, *disk));
    EXPECT_NE(d.findDisk("sdc"), nullptr);
    auto again = addDevice(d, *disk);
    ASSERT_FALSE(again);
    EXPECT_NE(again.error().message.find("target sdc already exists"), std::string::npos);

    auto update = parseDeviceXml(
        "<disk type='file'><source file='/other.img'/><target dev='sdc'/></disk>", d, o);
    ASSERT_TRUE(update);
    ASSERT_TRUE(replaceDevice(d, *update));
    EXPECT_EQ(d.findDisk("sdc")->source.path, "/other.img");

    auto removed = removeDevice(d, *update);
    ASSERT_TRUE(removed);
    EXPECT_EQ(d.findDisk("sdc"), nullptr);
    auto gone = removeDevice(d, *update);
    ASSERT_FALSE(gone);
    EXPECT_EQ(gone.error().code, ErrorCode::kDeviceMissing);

    auto nic =
        parseDeviceXml("<interface type='network'><source network='default'/></interface>", d, o);
    ASSERT_TRUE(nic);
    const auto* net = std::get_if<InterfaceDef>(&*nic);
    ASSERT_TRUE(net && net->mac);
    EXPECT_EQ(net->ifname, "testnet0");
    ASSERT_TRUE(addDevice(d, *nic));
    EXPECT_NE(d.findInterface(*net->mac), nullptr);
    EXPECT_EQ(d.findInterfaceIndex(net->mac->toString()), std::optional<size_t>(0));
}

TEST(DomainDevices, UnknownDeviceElementIsAnError) {
    DomainDef empty;
    auto dev = parseDeviceXml("<teleporter/>", empty, {});
    ASSERT_FALSE(dev);
    EXPECT_NE(dev.error().message.find("teleporter"), std::string::npos);
}

// ---- <domainsnapshot> --------------------------------------------------------------------------

class DomainSnapshot : public ::testing::TestWithParam<std::string> {};

TEST_P(DomainSnapshot, RedefinedSnapshotPrintsLikeLibvirt) {
    std::filesystem::path dir = kDir / "snapshot";
    std::string in = golden::readFile(dir / (GetParam() + ".in.xml"));
    SnapshotParseOptions o;
    o.redefine = true;
    o.profile = &testDriverPostParseProfile();
    auto snap = parseDomainSnapshotXml(in, o);
    ASSERT_TRUE(snap) << snap.error().message;
    std::string out = golden::readFile(dir / (GetParam() + ".out.xml"));
    EXPECT_EQ(golden::firstDifference(out, formatDomainSnapshotXml(**snap, {})), "");
    SnapshotFormatOptions secure;
    secure.secure = true;
    EXPECT_EQ(golden::firstDifference(golden::readFile(dir / (GetParam() + ".secure.xml")),
                                      formatDomainSnapshotXml(**snap, secure)),
              "");
    auto again = parseDomainSnapshotXml(out, o);
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(golden::firstDifference(out, formatDomainSnapshotXml(**again, {})), "");
}

INSTANTIATE_TEST_SUITE_P(Documents, DomainSnapshot,
                         ::testing::ValuesIn(golden::listCases(kDir / "snapshot", ".in.xml")));

TEST(DomainSnapshotCreate, HypervisorFieldsIgnoredUnlessRedefining) {
    std::string xml = golden::readFile(kDir / "snapshot" / "2_child.in.xml");
    auto snap = parseDomainSnapshotXml(xml, {});
    ASSERT_TRUE(snap) << snap.error().message;
    EXPECT_EQ((*snap)->name, "second");
    EXPECT_FALSE((*snap)->state);
    EXPECT_FALSE((*snap)->parent);
    EXPECT_FALSE((*snap)->creation_time);
    EXPECT_EQ((*snap)->domain, nullptr);
    ASSERT_EQ((*snap)->disks.size(), 1U);
    EXPECT_EQ((*snap)->disks[0].snapshot, SnapshotLocation::kInternal);

    auto ext = parseDomainSnapshotXml(
        "<domainsnapshot><disks><disk name='vda'><driver type='qcow2'/><source "
        "file='/s.qcow2'/></disk>"
        "</disks></domainsnapshot>",
        {});
    ASSERT_TRUE(ext) << ext.error().message;
    EXPECT_TRUE((*ext)->name.empty());
    EXPECT_EQ((*ext)->disks[0].snapshot, SnapshotLocation::kExternal);
    EXPECT_NE(formatDomainSnapshotXml(**ext, {}).find(
                  "<disk name='vda' snapshot='external' type='file'>"),
              std::string::npos);

    auto bad = parseDomainSnapshotXml("<domainsnapshot><state>asleep</state></domainsnapshot>",
                                      SnapshotParseOptions{false, true, nullptr});
    ASSERT_FALSE(bad);
    auto twice = parseDomainSnapshotXml(
        "<domainsnapshot><disks><disk name='vda'/><disk name='vda'/></disks></domainsnapshot>", {});
    ASSERT_FALSE(twice);
    EXPECT_EQ(twice.error().code, ErrorCode::kConfigUnsupported);
}

}  // namespace
}  // namespace nodevirt::conf
