#!/usr/bin/python3
"""python3-libvirt (Debian's, unmodified) against a private nodevirtd over its unix socket.

One daemon serves the whole module. Every test opens and closes its own connections, and the
test driver rebuilds its default node when the last connection closes, so each test starts
from libvirt's pristine test:///default state. Run with /usr/bin/python3 (python3-libvirt is
installed for the system interpreter only).
"""
import os
import sys
import threading
import time
import unittest

import libvirt

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_fixture import PrivateDaemon  # noqa: E402

DAEMON = None
WAIT = 20.0  # bounded waits for events

DOMAIN_XML = """<domain type='test'>
  <name>%s</name>
  <uuid>%s</uuid>
  <memory unit='KiB'>65536</memory>
  <vcpu>1</vcpu>
  <os><type arch='i686'>hvm</type></os>
</domain>"""
NET_XML = """<network>
  <name>isolated1</name>
  <uuid>11111111-2222-3333-4444-555555555555</uuid>
  <bridge name='virbr9'/>
  <ip address='192.168.150.1' netmask='255.255.255.0'/>
</network>"""
VOL_XML = """<volume>
  <name>%s</name>
  <capacity unit='bytes'>%d</capacity>
</volume>"""

# libvirt.libvirtError only carries the message; quiet libvirt's default stderr printing.
libvirt.registerErrorHandler(lambda ctx, err: None, None)


class InProcess:
    """NODEVIRT_INTEROP_ORACLE=1: run the same tests in-process against Debian's libvirt test
    driver, to check the expectations themselves (read-only socket and secret tests do not
    apply there)."""
    uri = ro_uri = "test:///default"


def setUpModule():
    global DAEMON
    DAEMON = InProcess() if os.environ.get("NODEVIRT_INTEROP_ORACLE") else PrivateDaemon().start()


def tearDownModule():
    if isinstance(DAEMON, InProcess):
        return
    code = DAEMON.stop()
    log = DAEMON.read_log()
    DAEMON.cleanup()
    if code != 0:
        raise RuntimeError("nodevirtd exited with %r; log:\n%s" % (code, log[-4000:]))


class EventLoop:
    """libvirt's default event loop on a daemon thread (needed for events and keepalive)."""
    started = False

    @classmethod
    def ensure(cls):
        if cls.started:
            return
        libvirt.virEventRegisterDefaultImpl()

        def run():
            while True:
                libvirt.virEventRunDefaultImpl()

        threading.Thread(target=run, daemon=True).start()
        cls.started = True


class Base(unittest.TestCase):
    def setUp(self):
        self.conn = libvirt.open(DAEMON.uri)
        self.addCleanup(self.conn.close)

    def assertLibvirtError(self, code, fn, *args):
        with self.assertRaises(libvirt.libvirtError) as cm:
            fn(*args)
        self.assertEqual(cm.exception.get_error_code(), code, cm.exception.get_error_message())
        return cm.exception

    def define(self, name="vm1", uuid="7b1b4c9a-0f44-4c5e-9f8b-2f4f3b1e0a01"):
        return self.conn.defineXML(DOMAIN_XML % (name, uuid))


class ConnectionTests(Base):
    def test_open_close(self):
        conn = libvirt.open(DAEMON.uri)
        self.assertEqual(conn.getType(), "TEST")
        self.assertEqual(conn.close(), 0)

    def test_open_read_only_lists(self):
        ro = libvirt.openReadOnly(DAEMON.uri)
        try:
            self.assertEqual([d.name() for d in ro.listAllDomains()], ["test"])
        finally:
            ro.close()

    def test_versions(self):
        self.assertEqual(self.conn.getVersion(), 2)
        self.assertGreater(self.conn.getLibVersion(), 0)

    def test_hostname_and_uri(self):
        import socket
        self.assertEqual(self.conn.getHostname(), socket.gethostname())
        self.assertEqual(self.conn.getURI(), DAEMON.uri)

    def test_node_info(self):
        info = self.conn.getInfo()
        self.assertEqual(info[0], "i686")
        self.assertEqual(info[1], 3072)  # MiB
        self.assertEqual(info[2], 16)
        self.assertEqual(info[3], 1400)

    def test_capabilities(self):
        caps = self.conn.getCapabilities()
        self.assertIn("<capabilities>", caps)
        self.assertIn("<arch>i686</arch>", caps)

    def test_is_alive_and_secure(self):
        self.assertEqual(self.conn.isAlive(), 1)
        self.assertEqual(self.conn.isSecure(), 1)

    def test_close_callback_registration(self):
        EventLoop.ensure()
        conn = libvirt.open(DAEMON.uri)
        conn.registerCloseCallback(lambda c, reason, opaque: None, None)
        conn.unregisterCloseCallback()
        self.assertEqual(conn.close(), 0)

    def test_keepalive(self):
        EventLoop.ensure()
        conn = libvirt.open(DAEMON.uri)
        try:
            self.assertEqual(conn.setKeepAlive(1, 3), 0)
            # Several keepalive rounds pass; the connection must still work.
            for _ in range(4):
                time.sleep(1)
                self.assertEqual(conn.getType(), "TEST")
            self.assertEqual(conn.isAlive(), 1)
        finally:
            conn.close()


class DomainTests(Base):
    def test_list_all_domains(self):
        doms = self.conn.listAllDomains()
        self.assertEqual([(d.name(), d.ID()) for d in doms], [("test", 1)])

    def test_list_all_domains_flags(self):
        self.define()
        active = self.conn.listAllDomains(libvirt.VIR_CONNECT_LIST_DOMAINS_ACTIVE)
        inactive = self.conn.listAllDomains(libvirt.VIR_CONNECT_LIST_DOMAINS_INACTIVE)
        self.assertEqual([d.name() for d in active], ["test"])
        self.assertEqual([d.name() for d in inactive], ["vm1"])
        self.assertEqual(len(self.conn.listAllDomains(0)), 2)

    def test_legacy_list_calls(self):
        self.define()
        self.assertEqual(self.conn.numOfDomains(), 1)
        self.assertEqual(self.conn.listDomainsID(), [1])
        self.assertEqual(self.conn.numOfDefinedDomains(), 1)
        self.assertEqual(self.conn.listDefinedDomains(), ["vm1"])

    def test_lookups(self):
        by_name = self.conn.lookupByName("test")
        by_id = self.conn.lookupByID(1)
        by_uuid = self.conn.lookupByUUIDString(by_name.UUIDString())
        self.assertEqual(by_id.name(), "test")
        self.assertEqual(by_uuid.ID(), 1)
        self.assertEqual(by_name.UUIDString(), "6695eb01-f6a4-8304-79aa-97f2502e193f")

    def test_missing_domain_errors(self):
        self.assertLibvirtError(libvirt.VIR_ERR_NO_DOMAIN, self.conn.lookupByName, "nope")
        self.assertLibvirtError(libvirt.VIR_ERR_NO_DOMAIN, self.conn.lookupByID, 99)

    def test_define_create_destroy_undefine(self):
        dom = self.define()
        self.assertFalse(dom.isActive())
        self.assertTrue(dom.isPersistent())
        self.assertEqual(dom.create(), 0)
        self.assertTrue(dom.isActive())
        self.assertGreater(dom.ID(), 1)
        self.assertEqual(dom.destroy(), 0)
        self.assertEqual(dom.state()[0], libvirt.VIR_DOMAIN_SHUTOFF)
        self.assertEqual(dom.undefine(), 0)
        self.assertLibvirtError(libvirt.VIR_ERR_NO_DOMAIN, self.conn.lookupByName, "vm1")

    def test_create_transient(self):
        dom = self.conn.createXML(DOMAIN_XML % ("tr1", "7b1b4c9a-0f44-4c5e-9f8b-2f4f3b1e0a02"))
        self.assertTrue(dom.isActive())
        self.assertFalse(dom.isPersistent())
        dom.destroy()
        self.assertLibvirtError(libvirt.VIR_ERR_NO_DOMAIN, self.conn.lookupByName, "tr1")

    def test_info_and_state(self):
        dom = self.conn.lookupByName("test")
        info = dom.info()
        self.assertEqual(info[0], libvirt.VIR_DOMAIN_RUNNING)
        self.assertEqual(info[1], 8388608)
        self.assertEqual(info[2], 2097152)
        self.assertEqual(info[3], 2)
        self.assertEqual(dom.state()[0], libvirt.VIR_DOMAIN_RUNNING)
        self.assertEqual(dom.OSType(), "linux")
        self.assertEqual(dom.maxMemory(), 8388608)

    def test_xml_desc(self):
        xml = self.conn.lookupByName("test").XMLDesc()
        self.assertIn("<name>test</name>", xml)
        self.assertIn("<uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>", xml)

    def test_suspend_resume(self):
        dom = self.conn.lookupByName("test")
        dom.suspend()
        self.assertEqual(dom.state()[0], libvirt.VIR_DOMAIN_PAUSED)
        dom.resume()
        self.assertEqual(dom.state()[0], libvirt.VIR_DOMAIN_RUNNING)

    def test_operation_invalid(self):
        dom = self.define()
        self.assertLibvirtError(libvirt.VIR_ERR_OPERATION_INVALID, dom.destroy)

    def test_autostart_and_memory(self):
        dom = self.define()
        dom.setAutostart(1)
        self.assertEqual(dom.autostart(), 1)
        dom.setMemoryFlags(32768, libvirt.VIR_DOMAIN_AFFECT_CONFIG)
        self.assertIn("<currentMemory unit='KiB'>32768</currentMemory>", dom.XMLDesc())

    def test_typed_parameters(self):
        dom = self.conn.lookupByName("test")
        sched = dom.schedulerParameters()
        self.assertEqual(sched, {"weight": 50})
        mem = dom.memoryParameters()
        self.assertEqual(set(mem), {"hard_limit", "soft_limit", "swap_hard_limit"})

    def test_all_domain_stats(self):
        stats = self.conn.getAllDomainStats(libvirt.VIR_DOMAIN_STATS_STATE)
        self.assertEqual(len(stats), 1)
        dom, params = stats[0]
        self.assertEqual(dom.name(), "test")
        self.assertEqual(params["state.state"], libvirt.VIR_DOMAIN_RUNNING)

    def test_snapshots(self):
        dom = self.conn.lookupByName("test")
        snap = dom.snapshotCreateXML("<domainsnapshot><name>s1</name></domainsnapshot>")
        self.assertEqual(snap.getName(), "s1")
        self.assertEqual(dom.snapshotListNames(), ["s1"])
        self.assertEqual([s.getName() for s in dom.listAllSnapshots()], ["s1"])
        snap.delete()
        self.assertEqual(dom.snapshotNum(), 0)

    def test_screenshot_stream(self):
        dom = self.conn.lookupByName("test")
        st = self.conn.newStream()
        mime = dom.screenshot(st, 0)
        self.assertEqual(mime, "image/png")
        data = b""
        while True:
            chunk = st.recv(262144)
            if not chunk:
                break
            data += chunk
        st.finish()
        self.assertTrue(data.startswith(b"\x89PNG"), data[:8])


class ReadOnlyTests(Base):
    def test_read_only_socket_refuses_writes(self):
        # The client believes it may write (no RO flag): only the server can refuse.
        conn = libvirt.open(DAEMON.ro_uri)
        try:
            dom = conn.lookupByName("test")
            err = self.assertLibvirtError(libvirt.VIR_ERR_OPERATION_DENIED, dom.destroy)
            self.assertIn("read only access prevents virDomainDestroy", err.get_error_message())
            self.assertEqual(err.get_error_domain(), libvirt.VIR_FROM_DOMAIN)
            self.assertLibvirtError(libvirt.VIR_ERR_OPERATION_DENIED, conn.networkDefineXML, NET_XML)
            self.assertEqual(dom.state()[0], libvirt.VIR_DOMAIN_RUNNING)
        finally:
            conn.close()

    def test_read_only_secure_xml_refused(self):
        conn = libvirt.open(DAEMON.ro_uri)
        try:
            dom = conn.lookupByName("test")
            err = self.assertLibvirtError(libvirt.VIR_ERR_OPERATION_DENIED, dom.XMLDesc,
                                          libvirt.VIR_DOMAIN_XML_SECURE)
            self.assertIn("with secure flag", err.get_error_message())
            self.assertIn("<name>test</name>", dom.XMLDesc(0))
        finally:
            conn.close()

    def test_read_only_flag_refuses_writes(self):
        ro = libvirt.openReadOnly(DAEMON.uri)
        try:
            self.assertLibvirtError(libvirt.VIR_ERR_OPERATION_DENIED,
                                    ro.lookupByName("test").suspend)
        finally:
            ro.close()


    def test_qemu_program_monitor_command(self):
        # The QEMU program (0x20008087) is dispatched: the test driver answers "not supported"
        # as libvirt's does, and a read-only connection is refused before any driver.
        import libvirt_qemu
        cmd = '{"execute":"query-status"}'
        err = self.assertLibvirtError(libvirt.VIR_ERR_NO_SUPPORT, libvirt_qemu.qemuMonitorCommand,
                                      self.conn.lookupByName("test"), cmd, 0)
        self.assertIn("virDomainQemuMonitorCommand", err.get_error_message())
        ro = libvirt.openReadOnly(DAEMON.uri)
        try:
            self.assertLibvirtError(libvirt.VIR_ERR_OPERATION_DENIED, libvirt_qemu.qemuMonitorCommand,
                                    ro.lookupByName("test"), cmd, 0)
        finally:
            ro.close()


class EventTests(Base):
    def setUp(self):
        EventLoop.ensure()
        super().setUp()

    def collect(self, event_id, dom=None):
        events = []
        cond = threading.Condition()

        def cb(conn, d, *rest):
            with cond:
                events.append((d.name(),) + tuple(rest[:-1]))
                cond.notify_all()

        cb_id = self.conn.domainEventRegisterAny(dom, event_id, cb, None)
        self.addCleanup(self.conn.domainEventDeregisterAny, cb_id)
        return events, cond

    def wait_for(self, events, cond, n):
        deadline = time.monotonic() + WAIT
        with cond:
            while len(events) < n and time.monotonic() < deadline:
                cond.wait(deadline - time.monotonic())
        return events

    def test_lifecycle_events(self):
        events, cond = self.collect(libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE)
        dom = self.conn.lookupByName("test")
        dom.suspend()
        dom.resume()
        self.wait_for(events, cond, 2)
        self.assertEqual(events[:2], [
            ("test", libvirt.VIR_DOMAIN_EVENT_SUSPENDED, libvirt.VIR_DOMAIN_EVENT_SUSPENDED_PAUSED),
            ("test", libvirt.VIR_DOMAIN_EVENT_RESUMED, libvirt.VIR_DOMAIN_EVENT_RESUMED_UNPAUSED)])

    def test_events_in_order(self):
        events, cond = self.collect(libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE)
        dom = self.define()
        for _ in range(5):
            dom.create()
            dom.destroy()
        self.wait_for(events, cond, 11)
        kinds = [e[1] for e in events]
        self.assertEqual(kinds, [libvirt.VIR_DOMAIN_EVENT_DEFINED] +
                         [libvirt.VIR_DOMAIN_EVENT_STARTED, libvirt.VIR_DOMAIN_EVENT_STOPPED] * 5)

    def test_filtered_registration(self):
        dom = self.define()
        events, cond = self.collect(libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, dom)
        self.conn.lookupByName("test").suspend()
        dom.create()
        self.wait_for(events, cond, 1)
        self.assertEqual([e[0] for e in events], ["vm1"])

    def test_other_event_ids_accepted(self):
        for event_id in range(27):  # every VIR_DOMAIN_EVENT_ID_* of libvirt 9.0
            cb_id = self.conn.domainEventRegisterAny(None, event_id, lambda *a: None, None)
            self.conn.domainEventDeregisterAny(cb_id)

    def test_network_events(self):
        events = []
        cond = threading.Condition()

        def cb(conn, net, event, detail, opaque):
            with cond:
                events.append((net.name(), event))
                cond.notify_all()

        cb_id = self.conn.networkEventRegisterAny(None, libvirt.VIR_NETWORK_EVENT_ID_LIFECYCLE,
                                                  cb, None)
        self.addCleanup(self.conn.networkEventDeregisterAny, cb_id)
        self.conn.networkLookupByName("default").destroy()
        self.wait_for(events, cond, 1)
        self.assertEqual(events[0], ("default", libvirt.VIR_NETWORK_EVENT_STOPPED))


class NetworkTests(Base):
    def test_list_and_lookup(self):
        nets = self.conn.listAllNetworks()
        self.assertEqual([n.name() for n in nets], ["default"])
        net = self.conn.networkLookupByName("default")
        self.assertTrue(net.isActive())
        self.assertTrue(net.isPersistent())
        self.assertIn("<name>default</name>", net.XMLDesc())
        self.assertEqual(self.conn.networkLookupByUUIDString(net.UUIDString()).name(), "default")

    def test_define_start_destroy_undefine(self):
        net = self.conn.networkDefineXML(NET_XML)
        self.assertFalse(net.isActive())
        net.create()
        self.assertTrue(net.isActive())
        self.assertEqual(net.bridgeName(), "virbr9")
        net.destroy()
        net.undefine()
        self.assertLibvirtError(libvirt.VIR_ERR_NO_NETWORK, self.conn.networkLookupByName,
                                "isolated1")

    def test_missing_network(self):
        self.assertLibvirtError(libvirt.VIR_ERR_NO_NETWORK, self.conn.networkLookupByName, "nope")


class StorageTests(Base):
    def pool(self):
        return self.conn.storagePoolLookupByName("default-pool")

    def test_pools(self):
        self.assertEqual([p.name() for p in self.conn.listAllStoragePools()], ["default-pool"])
        info = self.pool().info()
        self.assertEqual(info[0], libvirt.VIR_STORAGE_POOL_RUNNING)
        self.assertIn("<name>default-pool</name>", self.pool().XMLDesc())

    def test_missing_pool_and_volume(self):
        self.assertLibvirtError(libvirt.VIR_ERR_NO_STORAGE_POOL,
                                self.conn.storagePoolLookupByName, "nope")
        self.assertLibvirtError(libvirt.VIR_ERR_NO_STORAGE_VOL, self.pool().storageVolLookupByName,
                                "nope")

    def test_volume_create_delete(self):
        vol = self.pool().createXML(VOL_XML % ("v1.img", 1048576))
        self.assertEqual(vol.name(), "v1.img")
        self.assertEqual([v.name() for v in self.pool().listAllVolumes()], ["v1.img"])
        self.assertEqual(vol.info()[1], 1048576)
        vol.delete()
        self.assertEqual(self.pool().numOfVolumes(), 0)

    def test_volume_upload_download(self):
        vol = self.pool().createXML(VOL_XML % ("data.img", 300000))
        payload = bytes(range(256)) * 1100  # 281600 bytes: more than one stream chunk
        up = self.conn.newStream()
        vol.upload(up, 0, len(payload))
        sent = 0
        while sent < len(payload):
            sent += up.send(payload[sent:sent + 65536])
        up.finish()
        down = self.conn.newStream()
        vol.download(down, 0, len(payload))
        got = b""
        while True:
            chunk = down.recv(262144)
            if not chunk:
                break
            got += chunk
        down.finish()
        self.assertEqual(got, payload)


class HostObjectTests(Base):
    def test_node_devices(self):
        names = [d.name() for d in self.conn.listAllDevices()]
        self.assertIn("computer", names)
        self.assertIn("<name>computer</name>", self.conn.nodeDeviceLookupByName("computer").XMLDesc())
        self.assertLibvirtError(libvirt.VIR_ERR_NO_NODE_DEVICE, self.conn.nodeDeviceLookupByName,
                                "nope")

    def test_interfaces(self):
        self.assertEqual([i.name() for i in self.conn.listAllInterfaces()], ["eth1"])
        iface = self.conn.interfaceLookupByName("eth1")
        self.assertEqual(iface.MACString(), "aa:bb:cc:dd:ee:ff")

    def test_secrets(self):
        sec = self.conn.secretDefineXML(
            "<secret ephemeral='no' private='no'><uuid>aaaaaaaa-1111-2222-3333-444444444444</uuid>"
            "<usage type='volume'><volume>/v</volume></usage></secret>")
        sec.setValue(b"s3cret")
        self.assertEqual(sec.value(), b"s3cret")
        self.assertEqual(self.conn.secretLookupByUsage(libvirt.VIR_SECRET_USAGE_TYPE_VOLUME,
                                                       "/v").UUIDString(),
                         "aaaaaaaa-1111-2222-3333-444444444444")
        sec.undefine()


class ConcurrencyTests(Base):
    def test_parallel_clients(self):
        errors = []

        def worker():
            try:
                c = libvirt.open(DAEMON.uri)
                for _ in range(20):
                    if c.lookupByName("test").info()[0] != libvirt.VIR_DOMAIN_RUNNING:
                        errors.append("bad state")
                c.close()
            except libvirt.libvirtError as e:
                errors.append(str(e))

        threads = [threading.Thread(target=worker) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        self.assertEqual(errors, [])


if __name__ == "__main__":
    unittest.main(verbosity=2)
