// Disk hot-plug against a real QEMU 7.2 (TCG, started paused: no guest needed): a virtio and a
// SCSI qcow2 disk made with qemu-img are attached, QEMU's own view (query-block,
// query-named-block-nodes) is checked, the SCSI disk is unplugged (QEMU releases it at once),
// and the virtio one is not released without a guest (the bounded wait reports it).
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "driver/libvirt_constants.h"
#include "drivers/qemu/command/command_line.h"
#include "drivers/qemu/driver/qemu_connection.h"
#include "util/child_process.h"

namespace nodevirt::qemu {
namespace {

constexpr const char* kUuid = "dddddddd-2222-3333-4444-555555555555";

class QemuHotplugRealTest : public ::testing::Test {
  protected:
    void SetUp() override {
        char tmpl[] = "/tmp/nodevirt-qhp-XXXXXX";
        ASSERT_NE(mkdtemp(tmpl), nullptr);
        dir_ = tmpl;
        for (const char* name : {"a.raw", "b.qcow2", "c.qcow2"}) {
            std::string fmt = std::string(name).find("qcow2") != std::string::npos ? "qcow2" : "raw";
            util::SpawnOptions so;
            so.argv = {"/usr/bin/qemu-img", "create", "-q", "-f", fmt, dir_ + "/" + name, "16M"};
            auto r = util::runCommand(so, std::chrono::milliseconds(20000));
            ASSERT_TRUE(r) << r.error().message;
            ASSERT_TRUE(r->status.success()) << r->err;
        }
        QemuDriverOptions o;
        o.config_dir = dir_ + "/state/qemu";
        o.run_dir = dir_ + "/run/qemu";
        o.cache_dir = dir_ + "/cache/qemu";
        o.build_command = [](conf::DomainDef& def, const LaunchContext& ctx) -> Result<CommandLine> {
            NODEVIRT_TRY(prepareLiveDefinition(def, ctx));
            return buildCommandLine(def, ctx);
        };
        o.destroy_grace = std::chrono::milliseconds(3000);
        o.command_timeout = std::chrono::milliseconds(3000);
        factory_ = std::make_unique<QemuConnectionFactory>(o);
        auto uri = driver::Uri::parse("qemu:///session");
        ASSERT_TRUE(uri);
        auto conn = factory_->open(*uri, 0);
        ASSERT_TRUE(conn) << conn.error().message;
        conn_ = *conn;
    }

    void TearDown() override {
        if (conn_ && started_) (void)conn_->domainLifecycle().destroy(dom_, 0);
        conn_.reset();
        factory_.reset();
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }

    // A QMP command on the running domain, as the driver sends them.
    Json qmp(const std::string& cmd, Json args = nullptr) {
        auto driver = factory_->initialize();
        EXPECT_TRUE(driver);
        auto obj = (*driver)->domains().findByUuid(*Uuid::parse(kUuid));
        EXPECT_TRUE(obj);
        auto job = core::beginJob(obj);
        EXPECT_TRUE(job);
        auto r = (*driver)->monitorCommand(*job, cmd, std::move(args));
        EXPECT_TRUE(r) << r.error().message;
        return r ? *r : Json();
    }

    std::string nodeNames() {
        std::string all;
        for (const Json& n : qmp("query-named-block-nodes", Json{{"flat", true}}))
            all += n.value("node-name", "") + " ";
        return all;
    }

    std::string diskXml(const std::string& file, const std::string& dev, const std::string& bus) {
        return "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='" + dir_ +
               "/" + file + "'/><target dev='" + dev + "' bus='" + bus + "'/></disk>";
    }

    std::string dir_;
    std::unique_ptr<QemuConnectionFactory> factory_;
    driver::ConnectionPtr conn_;
    driver::DomainRef dom_;
    bool started_ = false;
};

TEST_F(QemuHotplugRealTest, AttachAndDetachDisks) {
    std::string xml = "<domain type='qemu'><name>hpreal</name><uuid>" + std::string(kUuid) +
                      "</uuid><memory unit='KiB'>65536</memory><vcpu>1</vcpu>"
                      "<os><type arch='x86_64' machine='pc'>hvm</type></os>"
                      "<features><acpi/></features><devices>"
                      "<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='" +
                      dir_ + "/a.raw'/><target dev='vda' bus='virtio'/></disk>"
                      "<controller type='scsi' index='0' model='virtio-scsi'/>"
                      "<memballoon model='none'/></devices></domain>";
    auto& lc = conn_->domainLifecycle();
    auto def = lc.defineXml(xml, 0);
    ASSERT_TRUE(def) << def.error().message;
    auto started = lc.create(*def, lv::kDomainStartPaused);
    ASSERT_TRUE(started) << started.error().message;
    started_ = true;
    dom_ = *started;
    auto& devices = conn_->domainDevices();

    auto st = devices.attachDevice(dom_, diskXml("b.qcow2", "vdb", "virtio"), lv::kDomainAffectLive);
    ASSERT_TRUE(st) << st.error().message;
    st = devices.attachDevice(dom_, diskXml("c.qcow2", "sdb", "scsi"), lv::kDomainAffectLive);
    ASSERT_TRUE(st) << st.error().message;
    std::string nodes = nodeNames();
    // vda is libvirt-1 from the command line; the hot-plugged ones follow.
    EXPECT_NE(nodes.find("libvirt-2-format"), std::string::npos) << nodes;
    EXPECT_NE(nodes.find("libvirt-3-format"), std::string::npos) << nodes;
    std::string blocks = qmp("query-block").dump();
    EXPECT_NE(blocks.find("virtio-disk1"), std::string::npos) << blocks;
    EXPECT_NE(blocks.find("b.qcow2"), std::string::npos) << blocks;
    auto live = conn_->domainConfig().getXmlDesc(dom_, 0);
    ASSERT_TRUE(live);
    EXPECT_NE(live->find("<alias name='virtio-disk1'/>"), std::string::npos) << *live;
    EXPECT_NE(live->find("<alias name='scsi0-0-0-1'/>"), std::string::npos) << *live;

    // SCSI: QEMU removes the device at once, then the nodes go too.
    st = devices.detachDevice(dom_, diskXml("c.qcow2", "sdb", "scsi"), lv::kDomainAffectLive);
    ASSERT_TRUE(st) << st.error().message;
    nodes = nodeNames();
    EXPECT_EQ(nodes.find("libvirt-3-"), std::string::npos) << nodes;
    EXPECT_EQ(qmp("query-block").dump().find("c.qcow2"), std::string::npos);
    live = conn_->domainConfig().getXmlDesc(dom_, 0);
    ASSERT_TRUE(live);
    EXPECT_EQ(live->find("sdb"), std::string::npos);

    // A PCI disk needs the guest's consent (ACPI eject), which a paused machine never gives.
    st = devices.detachDevice(dom_, diskXml("b.qcow2", "vdb", "virtio"), lv::kDomainAffectLive);
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().code, ErrorCode::kOperationTimeout) << st.error().message;
    live = conn_->domainConfig().getXmlDesc(dom_, 0);
    ASSERT_TRUE(live);
    EXPECT_NE(live->find("vdb"), std::string::npos);
    // Attaching to a bus slot QEMU refuses names the disk.
    auto ide = devices.attachDevice(
        dom_, "<disk type='file' device='disk'><source file='" + dir_ + "/a.raw'/><target dev='hdb' bus='ide'/></disk>",
        lv::kDomainAffectLive);
    ASSERT_FALSE(ide);
    EXPECT_NE(ide.error().message.find("disk 'hdb'"), std::string::npos) << ide.error().message;
    EXPECT_EQ(nodeNames().find("libvirt-4-"), std::string::npos);
}

}  // namespace
}  // namespace nodevirt::qemu
