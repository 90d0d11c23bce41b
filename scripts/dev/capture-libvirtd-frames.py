#!/usr/bin/python3
"""Records real libvirt RPC traffic for src/protocol's byte-exact replay test.

    sudo /usr/bin/python3 scripts/dev/capture-libvirtd-frames.py src/protocol/testdata/libvirtd_frames.bin

Starts a private session libvirtd (as `nobody` when run as root, so nothing under /run or
/etc is touched), puts a recording proxy in front of its socket, drives it with virsh and
python3-libvirt against the test driver (test:///default), and writes every frame of both
directions, verbatim and in order, to OUTFILE. The daemon is stopped afterwards.
"""
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

VIRSH = [
    "version --daemon", "hostname", "nodeinfo", "capabilities", "sysinfo", "list --all",
    "dominfo test", "dumpxml test", "domstate --reason test", "schedinfo test", "memtune test",
    "blkiotune test", "domstats", "vcpuinfo test", "vcpucount test", "dommemstat test",
    "domifaddr test", "snapshot-list test", "freecell", "maxvcpus", "nodecpustats",
    "nodecpumap", "net-list --all", "net-info default", "net-dumpxml default",
    "pool-list --all", "pool-info default-pool", "vol-list default-pool", "nodedev-list",
    "nodedev-dumpxml computer", "iface-list --all", "domblklist test", "domiflist test",
    "domblkerror test", "perf test", "emulatorpin test", "vcpupin test", "domblkinfo test vda",
    "numatune test", "domtime test", "domhostname test", "nwfilter-list", "secret-list",
    "cpu-models x86_64", "suspend test", "resume test", "setmem test 1048576",
    "domblkstat test vda", "domifstat test testnet0", "iothreadinfo test", "domjobinfo test",
    "screenshot test {tmp}/shot.png", "destroy test", "start test", "undefine test",
]

API = r'''
import libvirt, sys, threading, time
libvirt.registerErrorHandler(lambda *a: None, None)
libvirt.virEventRegisterDefaultImpl()
def loop():
    while True:
        libvirt.virEventRunDefaultImpl()
threading.Thread(target=loop, daemon=True).start()
c = libvirt.open(sys.argv[1])
d = c.lookupByName("test")
for ev in range(27):
    try: c.domainEventRegisterAny(None, ev, lambda *a: None, None)
    except libvirt.libvirtError: pass
for reg in (c.networkEventRegisterAny, c.storagePoolEventRegisterAny):
    try: reg(None, 0, lambda *a: None, None)
    except libvirt.libvirtError: pass
pool = c.storagePoolLookupByName("default-pool")
cpu = "<cpu><arch>x86_64</arch><model>qemu64</model></cpu>"
calls = [
    d.suspend, d.resume, lambda: d.setMemoryParameters({"hard_limit": 1048576}, 0),
    lambda: d.setSchedulerParameters({"weight": 100}),
    lambda: d.setBlkioParameters({"weight": 500}, 0), lambda: c.getAllDomainStats(0xffff, 0),
    lambda: d.getCPUStats(True), lambda: d.getCPUStats(False),
    lambda: d.blockStatsFlags("vda", 0), lambda: d.interfaceParameters("testnet0", 0),
    lambda: d.blockIoTune("vda", 0), lambda: d.numaParameters(0), lambda: d.jobStats(0),
    d.memoryStats, d.vcpus, lambda: d.vcpusFlags(0), d.securityLabel, c.getSecurityModel,
    d.securityLabelList, lambda: d.fsInfo(0), lambda: d.interfaceAddresses(0),
    lambda: d.guestVcpus(0), lambda: d.perfEvents(0), lambda: c.getCellsFreeMemory(0, 4),
    lambda: c.getFreePages([4, 2048], 0, 1, 0), lambda: c.getMemoryStats(-1, 0),
    lambda: c.getCPUStats(-1, 0), lambda: c.getCPUMap(0), lambda: c.listAllNetworks(0),
    lambda: c.listAllStoragePools(0), lambda: c.listAllDevices(0),
    lambda: c.listAllInterfaces(0), lambda: c.listAllSecrets(0), lambda: c.listAllNWFilters(0),
    lambda: [v.info() for v in pool.listAllVolumes(0)], pool.info,
    lambda: c.networkLookupByName("default").DHCPLeases(), lambda: d.listAllSnapshots(0),
    lambda: d.snapshotCreateXML("<domainsnapshot><name>s1</name></domainsnapshot>", 0),
    lambda: d.listAllSnapshots(0), lambda: d.snapshotLookupByName("s1").getXMLDesc(0),
    lambda: d.hasCurrentSnapshot(0), lambda: d.snapshotCurrent(0).getParent(),
    d.diskErrors, d.controlInfo, lambda: d.blockInfo("vda"), d.getTime, d.hostname,
    lambda: d.ioThreadInfo(0), lambda: d.emulatorPinInfo(0), lambda: d.vcpuPinInfo(0),
    lambda: d.state(0), d.info, lambda: d.metadata(0, None, 0),
    lambda: d.setMetadata(2, "<x xmlns='http://e'/>", "e", "http://e", 0),
    lambda: d.metadata(2, "http://e", 0),
    lambda: c.getDomainCapabilities(None, None, None, None, 0),
    lambda: c.getCPUModelNames("x86_64", 0), lambda: c.baselineCPU([cpu], 0),
    lambda: c.compareCPU(cpu, 0), lambda: c.lookupByID(1),
    lambda: c.lookupByUUIDString("6695eb01-f6a4-8304-79aa-97f2502e193f"), c.listDomainsID,
    c.listDefinedDomains, c.numOfDomains, c.listNetworks, c.listStoragePools,
    lambda: c.listDevices(None, 0), lambda: c.nodeDeviceLookupByName("computer").listCaps(),
    c.getLibVersion, lambda: c.getMaxVcpus(None), c.isSecure, d.OSType, d.maxMemory,
    d.schedulerParameters, lambda: d.schedulerParametersFlags(0),
    lambda: d.memoryParameters(0), lambda: d.blkioParameters(0),
    lambda: d.setVcpusFlags(1, 0), lambda: d.pinVcpu(0, (True, False)),
    lambda: d.setTime({"seconds": 5, "nseconds": 6}, 0), lambda: d.sendKey(0, 10, [30, 31], 2, 0),
    lambda: d.migrateGetMaxDowntime(0), lambda: d.migrateGetCompressionCache(0),
    lambda: d.managedSave(0), lambda: d.hasManagedSaveImage(0), d.create,
    lambda: d.rename("test2", 0), lambda: d.undefineFlags(0),
]
for fn in calls:
    try: fn()
    except (libvirt.libvirtError, TypeError, AttributeError): pass
time.sleep(0.5)
c.close()
'''


def record(listen, upstream, out, stop):
    """Accepts clients on `listen`, relays them to `upstream`, appends each frame to `out`."""
    lock = threading.Lock()
    server = socket.socket(socket.AF_UNIX)
    server.bind(listen)
    server.listen(8)
    server.settimeout(0.2)

    def pump(src, dst):
        buf = b""
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                dst.sendall(data)
                buf += data
                while len(buf) >= 4 and len(buf) >= struct.unpack(">I", buf[:4])[0]:
                    n = struct.unpack(">I", buf[:4])[0]
                    with lock:
                        out.write(buf[:n])
                    buf = buf[n:]
        except OSError:
            pass
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    while not stop.is_set():
        try:
            client, _ = server.accept()
        except socket.timeout:
            continue
        up = socket.socket(socket.AF_UNIX)
        up.connect(upstream)
        threading.Thread(target=pump, args=(client, up), daemon=True).start()
        threading.Thread(target=pump, args=(up, client), daemon=True).start()


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    tmp = tempfile.mkdtemp(prefix="nv-capture-")
    os.chmod(tmp, 0o777)
    env = dict(os.environ, HOME=tmp, XDG_RUNTIME_DIR=tmp + "/run",
               XDG_CONFIG_HOME=tmp + "/config", XDG_CACHE_HOME=tmp + "/cache")
    conf = tmp + "/libvirtd.conf"
    with open(conf, "w") as f:
        f.write('auth_unix_rw = "none"\nauth_unix_ro = "none"\n')
    os.chmod(conf, 0o644)
    cmd = ["/usr/sbin/libvirtd", "--config", conf, "--timeout=120"]
    if os.geteuid() == 0:
        cmd = ["runuser", "-u", "nobody", "--"] + cmd
    daemon = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    sock = tmp + "/run/libvirt/libvirt-sock"
    for _ in range(100):
        if os.path.exists(sock):
            break
        time.sleep(0.1)
    stop = threading.Event()
    with open(sys.argv[1], "wb") as out:
        proxy = tmp + "/proxy.sock"
        thread = threading.Thread(target=record, args=(proxy, sock, out, stop), daemon=True)
        thread.start()
        time.sleep(0.2)
        uri = "test+unix:///default?socket=" + proxy
        for command in VIRSH:
            subprocess.run(["virsh", "-c", uri] + command.format(tmp=tmp).split(),
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
        subprocess.run(["/usr/bin/python3", "-c", API, uri], timeout=120)
        time.sleep(0.5)
        stop.set()
        thread.join()
    os.killpg(daemon.pid, signal.SIGTERM)
    daemon.wait(timeout=30)
    shutil.rmtree(tmp, ignore_errors=True)
    print("wrote", sys.argv[1], os.path.getsize(sys.argv[1]), "bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
