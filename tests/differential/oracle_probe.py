#!/usr/bin/python3
"""Print the libvirt error (code, domain, message) that libvirt 9.0's test driver returns for a
list of failing API calls, as a Markdown table. Used to write docs/test_driver_oracle.md;
rerun it to check that document against a new libvirt."""

import libvirt

libvirt.registerErrorHandler(lambda _ctx, _err: None, None)

DOM = """<domain type='test'><name>{name}</name>{extra}<memory>{mem}</memory>
<os><type>hvm</type></os>{devices}</domain>"""


def dom(name="x", extra="", mem="524288", devices=""):
    return DOM.format(name=name, extra=extra, mem=mem, devices=devices)


def enum_name(prefix, value):
    for k in dir(libvirt):
        if k.startswith(prefix) and getattr(libvirt, k) == value:
            if prefix == "VIR_ERR_" and k in ("VIR_ERR_NONE", "VIR_ERR_WARNING", "VIR_ERR_ERROR"):
                continue
            return k
    return str(value)


def fresh():
    return libvirt.open("test:///default")


def cases():
    c = fresh
    t = lambda conn: conn.lookupByName("test")
    yield "lookupByName('nope')", lambda: c().lookupByName("nope")
    yield "lookupByID(99)", lambda: c().lookupByID(99)
    yield "lookupByUUIDString(0000…)", lambda: c().lookupByUUIDString(
        "00000000-0000-0000-0000-000000000000")
    yield "defineXML(malformed)", lambda: c().defineXML("<domain type='test'><name>a</nam>")
    yield "defineXML(not a domain root)", lambda: c().defineXML("<network/>")
    yield "defineXML(no <name>)", lambda: c().defineXML(
        "<domain type='test'><memory>1024</memory><os><type>hvm</type></os></domain>")
    yield "defineXML(no <memory>)", lambda: c().defineXML(
        "<domain type='test'><name>a</name><os><type>hvm</type></os></domain>")
    yield "defineXML(type='kvm')", lambda: c().defineXML(
        dom().replace("type='test'", "type='kvm'"))
    yield "defineXML(bad uuid)", lambda: c().defineXML(dom(extra="<uuid>zzz</uuid>"))
    yield "defineXML(os type 'exe')", lambda: c().defineXML(
        dom().replace("<type>hvm</type>", "<type>exe</type>"))
    yield "defineXML(arch x86_64)", lambda: c().defineXML(
        dom().replace("<type>hvm</type>", "<type arch='x86_64'>hvm</type>"))
    yield "defineXML(name with '/')", lambda: c().defineXML(dom(name="a/b"))
    yield "defineXML(currentMemory > memory)", lambda: c().defineXML(
        dom(extra="<currentMemory>9999999</currentMemory>"))
    yield "defineXML(vcpu current > max)", lambda: c().defineXML(
        dom(extra="<vcpu current='4'>2</vcpu>"))
    yield "defineXML(duplicate disk target)", lambda: c().defineXML(dom(devices=(
        "<devices><disk type='file'><source file='/a'/><target dev='vda'/></disk>"
        "<disk type='file'><source file='/b'/><target dev='vda'/></disk></devices>")))
    yield "defineXML(multicast mac)", lambda: c().defineXML(dom(devices=(
        "<devices><interface type='user'><mac address='01:00:00:00:00:01'/></interface>"
        "</devices>")))
    yield "defineXMLFlags(unknown element, VALIDATE)", lambda: c().defineXMLFlags(
        dom(extra="<bogus/>"), libvirt.VIR_DOMAIN_DEFINE_VALIDATE)
    yield "defineXML(name 'test', other uuid)", lambda: c().defineXML(
        dom(name="test", extra="<uuid>55555555-0000-0000-0000-000000000001</uuid>"))
    yield "defineXML(other name, uuid of 'test')", lambda: c().defineXML(
        dom(name="other", extra="<uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>"))
    yield "createXML(name 'test' while running)", lambda: c().createXML(
        dom(name="test", extra="<uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>"))
    yield "create() on running 'test'", lambda: t(c()).create()

    def inactive(op):
        conn = c()
        d = conn.defineXML(dom(name="off"))
        return op(d)
    yield "suspend() inactive", lambda: inactive(lambda d: d.suspend())
    yield "resume() inactive", lambda: inactive(lambda d: d.resume())
    yield "resume() running", lambda: t(c()).resume()
    yield "destroy() inactive", lambda: inactive(lambda d: d.destroy())
    yield "shutdown() inactive", lambda: inactive(lambda d: d.shutdown())
    yield "reboot() inactive", lambda: inactive(lambda d: d.reboot(0))
    yield "reset() inactive", lambda: inactive(lambda d: d.reset(0))
    yield "save() inactive", lambda: inactive(lambda d: d.save("/tmp/nv-probe.save"))
    yield "managedSave() inactive", lambda: inactive(lambda d: d.managedSave(0))
    yield "setMemory() inactive", lambda: inactive(lambda d: d.setMemory(1024))
    yield "setMemoryFlags(AFFECT_LIVE) inactive", lambda: inactive(
        lambda d: d.setMemoryFlags(1024, libvirt.VIR_DOMAIN_AFFECT_LIVE))
    yield "setMemory(16 GiB) above max", lambda: t(c()).setMemory(16 * 1024 * 1024)
    yield "setMemoryFlags(0)", lambda: t(c()).setMemoryFlags(0, 0)
    yield "setMemoryFlags(LIVE|CONFIG)", lambda: t(c()).setMemoryFlags(
        1024, libvirt.VIR_DOMAIN_AFFECT_LIVE | libvirt.VIR_DOMAIN_AFFECT_CONFIG)
    yield "setMaxMemory() running", lambda: t(c()).setMaxMemory(1024 * 1024)
    yield "setVcpus(3) above max 2", lambda: t(c()).setVcpus(3)
    yield "setVcpusFlags(0)", lambda: t(c()).setVcpusFlags(0, 0)
    yield "attachDevice(disk)", lambda: t(c()).attachDevice(
        "<disk type='file'><source file='/x'/><target dev='vdb'/></disk>")
    yield "detachDeviceFlags(disk, CONFIG)", lambda: t(c()).detachDeviceFlags(
        "<disk type='file'><source file='/x'/><target dev='vdb'/></disk>",
        libvirt.VIR_DOMAIN_AFFECT_CONFIG)
    yield "restore(missing file)", lambda: c().restore("/nonexistent/x.save")
    yield "blockStats('vdz')", lambda: t(c()).blockStats("vdz")
    yield "blockStats('')", lambda: t(c()).blockStats("")
    yield "interfaceStats('vnet9')", lambda: t(c()).interfaceStats("vnet9")
    yield "metadata(ELEMENT, absent)", lambda: t(c()).metadata(
        libvirt.VIR_DOMAIN_METADATA_ELEMENT, "http://example.org/", 0)
    yield "jobInfo()", lambda: t(c()).jobInfo()
    yield "snapshotLookupByName('nope')", lambda: t(c()).snapshotLookupByName("nope")
    yield "snapshotCurrent() none", lambda: t(c()).snapshotCurrent()

    def dup_snap():
        d = t(c())
        d.snapshotCreateXML("<domainsnapshot><name>s1</name></domainsnapshot>")
        d.snapshotCreateXML("<domainsnapshot><name>s1</name></domainsnapshot>")
    yield "snapshotCreateXML(duplicate)", dup_snap

    def undefine_with_snap():
        conn = c()
        d = conn.defineXML(dom(name="off"))
        d.snapshotCreateXML("<domainsnapshot><name>s1</name></domainsnapshot>")
        d.undefine()
    yield "undefine() inactive with snapshot", undefine_with_snap
    yield "networkLookupByName('nope')", lambda: c().networkLookupByName("nope")
    yield "network 'default' create() (running)", lambda: c().networkLookupByName(
        "default").create()
    yield "network 'default' undefine() (running)", lambda: c().networkLookupByName(
        "default").undefine()
    yield "network XMLDesc(INACTIVE)", lambda: c().networkLookupByName("default").XMLDesc(
        libvirt.VIR_NETWORK_XML_INACTIVE)
    yield "networkDefineXML(malformed)", lambda: c().networkDefineXML("<network><name>")
    yield "networkDefineXML(no name)", lambda: c().networkDefineXML("<network/>")
    yield "networkDefineXML(name of default, other uuid)", lambda: c().networkDefineXML(
        "<network><name>default</name><uuid>66666666-0000-0000-0000-00000000000f</uuid>"
        "</network>")
    yield "storagePoolLookupByName('nope')", lambda: c().storagePoolLookupByName("nope")
    yield "pool 'default-pool' create() (active)", lambda: c().storagePoolLookupByName(
        "default-pool").create()
    yield "pool 'default-pool' undefine() (active)", lambda: c().storagePoolLookupByName(
        "default-pool").undefine()
    yield "storageVolLookupByName('nope')", lambda: c().storagePoolLookupByName(
        "default-pool").storageVolLookupByName("nope")
    yield "storageVolLookupByPath('/nope')", lambda: c().storageVolLookupByPath("/nope")

    def dup_vol():
        p = c().storagePoolLookupByName("default-pool")
        x = "<volume><name>a</name><capacity>1024</capacity></volume>"
        p.createXML(x)
        p.createXML(x)
    yield "vol createXML(duplicate)", dup_vol

    def vols_inactive():
        p = c().storagePoolLookupByName("default-pool")
        p.destroy()
        p.listAllVolumes()
    yield "listAllVolumes() on inactive pool", vols_inactive
    yield "nodeDeviceLookupByName('nope')", lambda: c().nodeDeviceLookupByName("nope")
    yield "listAllDevices(ACTIVE)", lambda: c().listAllDevices(
        libvirt.VIR_CONNECT_LIST_NODE_DEVICES_ACTIVE)
    yield "interfaceLookupByName('nope')", lambda: c().interfaceLookupByName("nope")
    yield "interface XMLDesc(INACTIVE)", lambda: c().interfaceLookupByName("eth1").XMLDesc(1)
    yield "listAllSecrets()", lambda: c().listAllSecrets()
    yield "listAllNWFilters()", lambda: c().listAllNWFilters()
    yield "getMemoryStats()", lambda: c().getMemoryStats(-1)
    yield "getCellsFreeMemory(5, 1)", lambda: c().getCellsFreeMemory(5, 1)


def main():
    print("| call | code | domain | message |")
    print("|---|---|---|---|")
    for label, fn in cases():
        try:
            fn()
            print(f"| `{label}` | (succeeds) | | |")
        except libvirt.libvirtError as e:
            msg = (e.get_error_message() or "").replace("|", "\\|").replace("\n", " ⏎ ")
            print(f"| `{label}` | {enum_name('VIR_ERR_', e.get_error_code())} "
                  f"({e.get_error_code()}) | {enum_name('VIR_FROM_', e.get_error_domain())} "
                  f"({e.get_error_domain()}) | `{msg}` |")


if __name__ == "__main__":
    main()
