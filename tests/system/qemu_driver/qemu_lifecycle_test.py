#!/usr/bin/python3
"""The QEMU driver end to end: Debian's virsh and python3-libvirt against a private nodevirtd
(qemu+unix:///system on a socket in a temporary directory) running the test guest under TCG.

define -> start -> the guest's marker on its serial file -> suspend/resume -> ACPI shutdown
reaches shut off -> start -> kill -9 nodevirtd -> restart -> same id, still running ->
lifecycle events over python3-libvirt -> destroy -> shut off.

Environment: NODEVIRTD (the daemon binary), NODEVIRT_TEST_GUEST_DIR (vmlinuz, initrd.gz).
Every wait is bounded; the daemon and any guest are always stopped at the end.
"""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

VIRSH = "/usr/bin/virsh"
QEMU = "/usr/bin/qemu-system-x86_64"
BOOT_TIMEOUT = 150  # seconds to the marker under TCG on a loaded 2-core box
NAME = "nvguest"
UUID = "6b7f3c1e-8d2a-4c55-9e61-0a1b2c3d4e5f"


class Failure(Exception):
    pass


def log(msg):
    print("[%s] %s" % (time.strftime("%H:%M:%S"), msg), flush=True)


class Daemon:
    def __init__(self, binary, d):
        self.binary, self.d, self.proc = binary, d, None
        self.conf = os.path.join(d, "nodevirtd.conf")
        with open(self.conf, "w") as f:
            f.write('unix_sock_dir = "%s"\n' % os.path.join(d, "sock"))
            for name in ("state", "run", "cache"):
                f.write('%s_dir = "%s"\n' % (name, os.path.join(d, name)))
            f.write('log_level = 2\nlog_outputs = "2:file:%s"\n' % os.path.join(d, "nodevirtd.log"))
        self.sock = os.path.join(d, "sock", "libvirt-sock")
        self.uri = "qemu+unix:///system?socket=" + self.sock

    def start(self):
        if os.path.exists(self.sock):
            os.unlink(self.sock)
        with open(os.path.join(self.d, "daemon.out"), "ab") as out:
            self.proc = subprocess.Popen([self.binary, "--config", self.conf, "--pid-file",
                                          os.path.join(self.d, "nodevirtd.pid")],
                                         stdin=subprocess.DEVNULL, stdout=out, stderr=out,
                                         start_new_session=True, cwd=self.d)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if os.path.exists(self.sock):
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        raise Failure("nodevirtd did not start:\n" + self.log_tail())

    def kill9(self):
        self.proc.kill()
        self.proc.wait(10)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)

    def log_tail(self):
        try:
            with open(os.path.join(self.d, "nodevirtd.log"), errors="replace") as f:
                return f.read()[-4000:]
        except OSError:
            return "(no log)"


def virsh(daemon, *args, check=True, timeout=120):
    r = subprocess.run([VIRSH, "-q", "-c", daemon.uri] + list(args), capture_output=True,
                       text=True, timeout=timeout)
    if check and r.returncode != 0:
        raise Failure("virsh %s failed (%d): %s%s" % (" ".join(args), r.returncode, r.stdout,
                                                     r.stderr))
    return r.stdout.strip()


def wait_until(what, pred, timeout, step=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pred():
            return
        time.sleep(step)
    raise Failure("timed out waiting for " + what)


def read(path):
    try:
        with open(path, errors="replace") as f:
            return f.read()
    except OSError:
        return ""


def domain_xml(guest_dir, serial):
    return """<domain type='qemu'>
  <name>%s</name>
  <uuid>%s</uuid>
  <memory unit='MiB'>256</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>%s/vmlinuz</kernel>
    <initrd>%s/initrd.gz</initrd>
    <cmdline>console=ttyS0 panic=-1 quiet</cmdline>
  </os>
  <features><acpi/></features>
  <devices>
    <emulator>%s</emulator>
    <serial type='file'><source path='%s'/><target port='0'/></serial>
    <memballoon model='none'/>
  </devices>
</domain>
""" % (NAME, UUID, guest_dir, guest_dir, QEMU, serial)


def boot_and_wait_marker(daemon, serial):
    t0 = time.monotonic()
    virsh(daemon, "start", NAME)
    log("virsh start returned after %.2fs" % (time.monotonic() - t0))
    if virsh(daemon, "domstate", NAME) != "running":
        raise Failure("domstate after start: " + virsh(daemon, "domstate", NAME))
    wait_until("the guest's marker in " + serial,
               lambda: "GUEST-READY-MARKER" in read(serial), BOOT_TIMEOUT, 0.5)
    log("marker after %.1fs" % (time.monotonic() - t0))


def acpi_shutdown(daemon):
    # acpid may not be listening yet right after the marker: press the button again, bounded.
    time.sleep(1)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if virsh(daemon, "domstate", NAME) == "shut off":
            return
        virsh(daemon, "shutdown", NAME, check=False)
        end = time.monotonic() + 10
        while time.monotonic() < end and virsh(daemon, "domstate", NAME) != "shut off":
            time.sleep(0.3)
    raise Failure("ACPI shutdown did not reach shut off: " + virsh(daemon, "domstate", NAME))


def check_events(daemon):
    """Lifecycle events through python3-libvirt: destroy and start of the running guest."""
    import libvirt
    libvirt.virEventRegisterDefaultImpl()
    seen, stop = [], threading.Event()

    def loop():
        for _ in range(100000):
            if stop.is_set():
                return
            libvirt.virEventRunDefaultImpl()

    conn = libvirt.open(daemon.uri)
    t = threading.Thread(target=loop, daemon=True)
    t.start()
    cb = conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                     lambda c, dom, ev, detail, opaque: seen.append((ev, detail)),
                                     None)
    dom = conn.lookupByName(NAME)
    dom.destroy()
    want_stop = (libvirt.VIR_DOMAIN_EVENT_STOPPED, libvirt.VIR_DOMAIN_EVENT_STOPPED_DESTROYED)
    wait_until("STOPPED/DESTROYED event", lambda: want_stop in seen, 20, 0.1)
    state, reason = dom.state()
    if state != libvirt.VIR_DOMAIN_SHUTOFF or reason != libvirt.VIR_DOMAIN_SHUTOFF_DESTROYED:
        raise Failure("state after destroy: %s/%s" % (state, reason))
    dom.create()
    want_start = (libvirt.VIR_DOMAIN_EVENT_STARTED, libvirt.VIR_DOMAIN_EVENT_STARTED_BOOTED)
    wait_until("STARTED/BOOTED event", lambda: want_start in seen, 20, 0.1)
    log("events seen: %s" % seen)
    conn.domainEventDeregisterAny(cb)
    stop.set()
    conn.close()


def run(daemon, d, guest_dir):
    serial = os.path.join(d, "serial.log")
    xml_path = os.path.join(d, "guest.xml")
    with open(xml_path, "w") as f:
        f.write(domain_xml(guest_dir, serial))
    daemon.start()
    version = virsh(daemon, "version")
    if "Running hypervisor: QEMU" not in version:
        raise Failure("virsh version: " + version)
    virsh(daemon, "define", xml_path)
    if virsh(daemon, "domstate", NAME) != "shut off":
        raise Failure("a defined domain is not shut off")
    boot_and_wait_marker(daemon, serial)

    virsh(daemon, "suspend", NAME)
    if virsh(daemon, "domstate", NAME) != "paused":
        raise Failure("domstate after suspend: " + virsh(daemon, "domstate", NAME))
    virsh(daemon, "resume", NAME)
    if virsh(daemon, "domstate", NAME) != "running":
        raise Failure("domstate after resume: " + virsh(daemon, "domstate", NAME))

    acpi_shutdown(daemon)
    reason = virsh(daemon, "domstate", "--reason", NAME)
    if reason != "shut off (shutdown)":
        raise Failure("domstate --reason after ACPI shutdown: " + reason)
    log("ACPI shutdown reached: " + reason)

    boot_and_wait_marker(daemon, serial)
    dom_id = virsh(daemon, "domid", NAME)
    pid_before = read(os.path.join(d, "run", "qemu", NAME + ".pid")).strip()
    daemon.kill9()
    log("nodevirtd killed (-9); guest id %s, QEMU pid %s" % (dom_id, pid_before))
    if not pid_before or not os.path.exists("/proc/" + pid_before):
        raise Failure("the guest did not survive kill -9 of the daemon")
    daemon.start()
    if virsh(daemon, "domstate", NAME) != "running":
        raise Failure("domstate after daemon restart: " + virsh(daemon, "domstate", NAME))
    if virsh(daemon, "domid", NAME) != dom_id:
        raise Failure("id changed across the restart: %s -> %s" % (dom_id, virsh(daemon, "domid", NAME)))
    # The re-attached monitor obeys: suspend/resume round trip.
    virsh(daemon, "suspend", NAME)
    if virsh(daemon, "domstate", NAME) != "paused":
        raise Failure("re-attached guest did not pause")
    virsh(daemon, "resume", NAME)

    check_events(daemon)

    virsh(daemon, "destroy", NAME)
    if virsh(daemon, "domstate", NAME) != "shut off":
        raise Failure("domstate after destroy: " + virsh(daemon, "domstate", NAME))
    virsh(daemon, "undefine", NAME)


def main():
    binary = os.environ.get("NODEVIRTD", "")
    guest_dir = os.environ.get("NODEVIRT_TEST_GUEST_DIR", "")
    if not os.access(binary, os.X_OK):
        print("NODEVIRTD does not name the nodevirtd binary (%r)" % binary)
        return 1
    if not os.path.exists(os.path.join(guest_dir, "initrd.gz")):
        print("no test guest in NODEVIRT_TEST_GUEST_DIR (%r)" % guest_dir)
        return 1
    d = tempfile.mkdtemp(prefix="nvq-")
    daemon = Daemon(binary, d)
    try:
        run(daemon, d, guest_dir)
        log("PASS")
        return 0
    except (Failure, subprocess.TimeoutExpired) as e:
        print("FAIL: %s" % e)
        print("--- nodevirtd log ---\n" + daemon.log_tail())
        print("--- domain log ---\n" + read(os.path.join(d, "run", "qemu", NAME + ".log"))[-3000:])
        return 1
    finally:
        if daemon.proc and daemon.proc.poll() is None:
            virsh(daemon, "destroy", NAME, check=False, timeout=30)
        daemon.stop()
        pid = read(os.path.join(d, "run", "qemu", NAME + ".pid")).strip()
        if pid.isdigit() and os.path.exists("/proc/" + pid):
            os.kill(int(pid), signal.SIGKILL)  # a guest left behind by a failure
        shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
