// Disk hot-plug against a scripted QEMU: what blockdev-add/device_add carry, the live and
// persistent definitions afterwards, rollback when QEMU refuses, unplug with DEVICE_DELETED
// (and without it), and the flag rules (live on a shut-off domain, live non-disk devices).
#include <filesystem>

#include "driver/libvirt_constants.h"
#include "drivers/qemu/driver/qemu_domain.h"
#include "drivers/qemu/driver/qemu_test_fixture.h"
#include "util/file_io.h"

namespace nodevirt::qemu::testing {
namespace {

constexpr const char* kUuid = "bbbbbbbb-2222-3333-4444-555555555555";
constexpr const char* kDiskXml =
    "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/>"
    "<source file='/var/lib/img/b.qcow2'/><target dev='vdb' bus='virtio'/></disk>";
constexpr const char* kScsiXml =
    "<disk type='file' device='disk'><driver name='qemu' type='raw'/>"
    "<source file='/var/lib/img/c.raw'/><target dev='sdb' bus='scsi'/></disk>";

struct Call {
    std::string cmd;
    Json args;
};

class QemuHotplugTest : public QemuDriverFixture {
  protected:
    std::optional<FakeQmpStep> respond(const std::string& cmd, const Json& args) override {
        {
            std::lock_guard lock(calls_mu_);
            calls_.push_back({cmd, args});
        }
        if (cmd == fail_command_) return FakeQmpStep::error(cmd, "GenericError", "Bus 'pci.0' is full");
        if (cmd == "query-named-block-nodes") {
            return FakeQmpStep::reply(cmd, Json::array({Json{{"node-name", "libvirt-3-format"}},
                                                        Json{{"node-name", "libvirt-3-storage"}}}));
        }
        if (cmd == "query-block") {
            Json blocks = Json::array();
            blocks.push_back(Json{{"device", ""},
                                  {"qdev", "/machine/peripheral/virtio-disk1/virtio-backend"},
                                  {"inserted", Json{{"node-name", "libvirt-4-format"}}}});
            blocks.push_back(Json{{"device", ""}, {"qdev", "scsi0-0-0-1"},
                                  {"inserted", Json{{"node-name", "libvirt-7-format"}}}});
            return FakeQmpStep::reply(cmd, blocks);
        }
        if (cmd == "device_del" && release_devices_) {
            FakeQmpStep s = FakeQmpStep::reply(cmd);
            s.events_after.push_back(fakeEvent("DEVICE_DELETED", Json{{"device", args.value("id", "")},
                                                                      {"path", "/machine/peripheral/x"}}));
            return s;
        }
        return QemuDriverFixture::respond(cmd, args);
    }

    std::vector<Call> calls(const std::string& name) {
        std::lock_guard lock(calls_mu_);
        std::vector<Call> out;
        for (const auto& c : calls_)
            if (c.cmd == name) out.push_back(c);
        return out;
    }

    driver::DomainRef defineAndStart() {
        std::string xml =
            "<domain type='qemu'><name>hp</name><uuid>" + std::string(kUuid) +
            "</uuid><memory unit='KiB'>131072</memory><vcpu>1</vcpu>"
            "<os><type arch='x86_64' machine='pc'>hvm</type></os><devices>"
            "<disk type='file' device='disk'><source file='/var/lib/img/a.raw'/>"
            "<target dev='vda' bus='virtio'/></disk>"
            "<controller type='scsi' index='0' model='virtio-scsi'/></devices></domain>";
        auto ref = conn_->domainLifecycle().defineXml(xml, 0);
        EXPECT_TRUE(ref) << ref.error().message;
        if (!ref) return {};
        auto started = conn_->domainLifecycle().create(*ref, 0);
        EXPECT_TRUE(started) << started.error().message;
        return started ? *started : *ref;
    }

    std::string xmlOf(const driver::DomainRef& dom, unsigned flags) {
        auto xml = conn_->domainConfig().getXmlDesc(dom, flags);
        EXPECT_TRUE(xml) << xml.error().message;
        return xml ? *xml : std::string();
    }

    std::mutex calls_mu_;
    std::vector<Call> calls_;
    std::string fail_command_;
    bool release_devices_ = true;
};

TEST_F(QemuHotplugTest, AttachDiskLiveSendsTheCommandLineProperties) {
    open();
    driver::DomainRef dom = defineAndStart();
    auto st = conn_->domainDevices().attachDevice(dom, kDiskXml, lv::kDomainAffectLive);
    ASSERT_TRUE(st) << st.error().message;
    auto adds = calls("blockdev-add");
    ASSERT_EQ(adds.size(), 2U);
    // One past the highest node QEMU reported (libvirt-3).
    EXPECT_EQ(adds[0].args.value("node-name", ""), "libvirt-4-storage");
    EXPECT_EQ(adds[0].args.value("driver", ""), "file");
    EXPECT_EQ(adds[0].args.value("filename", ""), "/var/lib/img/b.qcow2");
    EXPECT_EQ(adds[1].args.value("node-name", ""), "libvirt-4-format");
    EXPECT_EQ(adds[1].args.value("driver", ""), "qcow2");
    EXPECT_EQ(adds[1].args.value("file", ""), "libvirt-4-storage");
    auto devs = calls("device_add");
    ASSERT_EQ(devs.size(), 1U);
    EXPECT_EQ(devs[0].args.value("driver", ""), "virtio-blk-pci");
    EXPECT_EQ(devs[0].args.value("id", ""), "virtio-disk1");
    EXPECT_EQ(devs[0].args.value("drive", ""), "libvirt-4-format");
    EXPECT_EQ(devs[0].args.value("bus", ""), "pci.0");
    EXPECT_TRUE(devs[0].args.contains("addr"));
    EXPECT_FALSE(devs[0].args.contains("bootindex"));
    std::string live = xmlOf(dom, 0);
    EXPECT_NE(live.find("<target dev='vdb' bus='virtio'/>"), std::string::npos) << live;
    EXPECT_NE(live.find("<alias name='virtio-disk1'/>"), std::string::npos) << live;
    EXPECT_EQ(xmlOf(dom, lv::kDomainXmlInactive).find("vdb"), std::string::npos);
    auto status = file::readAll(dir_ + "/run/qemu/hp.xml");
    ASSERT_TRUE(status);
    EXPECT_NE(status->find("vdb"), std::string::npos);
    // The same target again is refused before QEMU is asked.
    auto again = conn_->domainDevices().attachDevice(dom, kDiskXml, lv::kDomainAffectLive);
    ASSERT_FALSE(again);
    EXPECT_NE(again.error().message.find("vdb"), std::string::npos) << again.error().message;
    EXPECT_EQ(calls("device_add").size(), 1U);
}

TEST_F(QemuHotplugTest, AttachLiveAndConfigPersistsTheDisk) {
    open();
    driver::DomainRef dom = defineAndStart();
    auto st = conn_->domainDevices().attachDevice(dom, kDiskXml,
                                                  lv::kDomainAffectLive | lv::kDomainAffectConfig);
    ASSERT_TRUE(st) << st.error().message;
    std::string inactive = xmlOf(dom, lv::kDomainXmlInactive);
    EXPECT_NE(inactive.find("<target dev='vdb' bus='virtio'/>"), std::string::npos) << inactive;
    EXPECT_EQ(inactive.find("virtio-disk1"), std::string::npos) << inactive;
    auto saved = file::readAll(dir_ + "/state/qemu/hp.xml");
    ASSERT_TRUE(saved);
    EXPECT_NE(saved->find("b.qcow2"), std::string::npos);
}

TEST_F(QemuHotplugTest, RefusedDeviceAddRollsBackTheNodes) {
    open();
    driver::DomainRef dom = defineAndStart();
    fail_command_ = "device_add";
    auto st = conn_->domainDevices().attachDevice(dom, kDiskXml, lv::kDomainAffectLive);
    ASSERT_FALSE(st);
    EXPECT_NE(st.error().message.find("disk 'vdb'"), std::string::npos) << st.error().message;
    EXPECT_NE(st.error().message.find("Bus 'pci.0' is full"), std::string::npos) << st.error().message;
    auto dels = calls("blockdev-del");
    ASSERT_EQ(dels.size(), 2U);
    EXPECT_EQ(dels[0].args.value("node-name", ""), "libvirt-4-format");
    EXPECT_EQ(dels[1].args.value("node-name", ""), "libvirt-4-storage");
    EXPECT_EQ(xmlOf(dom, 0).find("vdb"), std::string::npos);
}

TEST_F(QemuHotplugTest, DetachWaitsForDeviceDeletedThenDeletesNodes) {
    open();
    driver::DomainRef dom = defineAndStart();
    ASSERT_TRUE(conn_->domainDevices().attachDevice(dom, kDiskXml, lv::kDomainAffectLive));
    auto st = conn_->domainDevices().detachDevice(dom, kDiskXml, lv::kDomainAffectLive);
    ASSERT_TRUE(st) << st.error().message;
    auto del = calls("device_del");
    ASSERT_EQ(del.size(), 1U);
    EXPECT_EQ(del[0].args.value("id", ""), "virtio-disk1");
    auto dels = calls("blockdev-del");
    ASSERT_EQ(dels.size(), 2U);
    EXPECT_EQ(dels[0].args.value("node-name", ""), "libvirt-4-format");
    EXPECT_EQ(dels[1].args.value("node-name", ""), "libvirt-4-storage");
    EXPECT_EQ(xmlOf(dom, 0).find("vdb"), std::string::npos);
    auto status = file::readAll(dir_ + "/run/qemu/hp.xml");
    ASSERT_TRUE(status);
    EXPECT_EQ(status->find("vdb"), std::string::npos);
    // Gone now: a second detach names the missing target.
    auto again = conn_->domainDevices().detachDevice(dom, kDiskXml, lv::kDomainAffectLive);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::kDeviceMissing);
    EXPECT_NE(again.error().message.find("vdb"), std::string::npos) << again.error().message;
}

TEST_F(QemuHotplugTest, DetachByAliasOfAScsiDisk) {
    open();
    driver::DomainRef dom = defineAndStart();
    auto st = conn_->domainDevices().attachDevice(dom, kScsiXml, lv::kDomainAffectLive);
    ASSERT_TRUE(st) << st.error().message;
    auto devs = calls("device_add");
    ASSERT_EQ(devs.size(), 1U);
    EXPECT_EQ(devs[0].args.value("driver", ""), "scsi-hd");
    EXPECT_EQ(devs[0].args.value("bus", ""), "scsi0.0");
    std::string id = devs[0].args.value("id", "");
    EXPECT_EQ(id, "scsi0-0-0-1");
    auto det = conn_->domainDevices().detachDeviceAlias(dom, id, lv::kDomainAffectLive);
    ASSERT_TRUE(det) << det.error().message;
    auto dels = calls("blockdev-del");
    ASSERT_EQ(dels.size(), 2U);
    EXPECT_EQ(dels[0].args.value("node-name", ""), "libvirt-7-format");
    EXPECT_EQ(xmlOf(dom, 0).find("sdb"), std::string::npos);
    auto missing = conn_->domainDevices().detachDeviceAlias(dom, id, lv::kDomainAffectLive);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::kDeviceMissing);
}

TEST_F(QemuHotplugTest, DetachWithoutDeviceDeletedKeepsTheDisk) {
    open();
    driver::DomainRef dom = defineAndStart();
    ASSERT_TRUE(conn_->domainDevices().attachDevice(dom, kDiskXml, lv::kDomainAffectLive));
    release_devices_ = false;
    auto st = conn_->domainDevices().detachDevice(dom, kDiskXml, lv::kDomainAffectLive);
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().code, ErrorCode::kOperationTimeout);
    EXPECT_NE(st.error().message.find("disk 'vdb'"), std::string::npos) << st.error().message;
    EXPECT_TRUE(calls("blockdev-del").empty());
    EXPECT_NE(xmlOf(dom, 0).find("vdb"), std::string::npos);
}

TEST_F(QemuHotplugTest, FlagRules) {
    open();
    auto& devices = conn_->domainDevices();
    driver::DomainRef off = define("off", "cccccccc-2222-3333-4444-555555555555");
    // Shut off: live is refused, the current (config) change is saved.
    auto live = devices.attachDevice(off, kDiskXml, lv::kDomainAffectLive);
    ASSERT_FALSE(live);
    EXPECT_EQ(live.error().code, ErrorCode::kOperationInvalid);
    ASSERT_TRUE(devices.attachDevice(off, kDiskXml, 0));
    EXPECT_NE(xmlOf(off, 0).find("vdb"), std::string::npos);
    auto saved = file::readAll(dir_ + "/state/qemu/off.xml");
    ASSERT_TRUE(saved);
    EXPECT_NE(saved->find("vdb"), std::string::npos);
    ASSERT_TRUE(devices.detachDevice(off, kDiskXml, lv::kDomainAffectConfig));
    EXPECT_EQ(xmlOf(off, 0).find("vdb"), std::string::npos);
    // Running: a live NIC is not supported (yet), and says which device it was about.
    driver::DomainRef dom = defineAndStart();
    auto nic = devices.attachDevice(dom, "<interface type='user'><mac address='52:54:00:00:00:01'/></interface>",
                                    lv::kDomainAffectLive);
    ASSERT_FALSE(nic);
    EXPECT_EQ(nic.error().code, ErrorCode::kConfigUnsupported);
    EXPECT_NE(nic.error().message.find("interface"), std::string::npos) << nic.error().message;
    auto bad = devices.attachDevice(dom, kDiskXml, 0x10);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArg);
}

}  // namespace
}  // namespace nodevirt::qemu::testing
