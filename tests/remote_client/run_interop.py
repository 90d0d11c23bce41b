#!/usr/bin/python3
"""The remote driver against a live daemon serving test:///default on a private socket:

    run_interop.py --server libvirtd|nodevirtd [--differential] [-v]

1. the nodevirt CLI (NODEVIRT_CLI) and Debian's virsh, both over the socket, must print the
   same for read-only commands (same daemon, two clients);
2. a define/start/destroy/undefine sequence through the nodevirt CLI, checked with virsh;
3. `nodevirt event` receives a lifecycle event caused by virsh;
4. the libnodevirt probe (NODEVIRT_PROBE, a GoogleTest binary) over the same socket;
5. with --differential, tests/differential's sequences with the nodevirt CLI over the socket
   (restarting the daemon before each sequence) against virsh's in-process test driver.

The daemon is started in a temporary directory and always stopped, also on failure. If it
cannot be started, the test fails and says why."""
import argparse
import libvirt  # Debian's python3-libvirt (/usr/bin/python3)
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import daemons  # noqa: E402

CMD_TIMEOUT = 30
DIFFERENTIAL = os.path.join(HERE, "..", "differential", "run_differential.py")

# Read-only commands whose output must not depend on which client asks.
SAME_OUTPUT = [
    "list --all", "list", "dominfo test", "domstate test", "domstate test --reason", "domid test",
    "domuuid test", "dumpxml test", "dumpxml test --inactive", "net-list --all",
    "net-dumpxml default", "net-info default", "pool-list --all", "pool-info default-pool",
    "pool-dumpxml default-pool", "vol-list default-pool", "nodeinfo", "hostname",
    "schedinfo test", "memtune test", "vcpucount test", "domblklist test", "domiflist test",
    "nodedev-list", "capabilities", "sysinfo", "iface-list --all", "secret-list",
    "dominfo no-such-domain", "net-info no-such-net", "pool-info no-such-pool",
]

DOMAIN_XML = """<domain type='test'>
  <name>interop-dom</name>
  <memory>131072</memory>
  <os><type>hvm</type></os>
</domain>
"""


class Failures:
    def __init__(self, verbose):
        self.items = []
        self.checks = 0
        self.verbose = verbose

    def check(self, ok, what, detail=""):
        self.checks += 1
        if ok:
            if self.verbose:
                print("ok   " + what)
        else:
            self.items.append(what + (("\n" + detail) if detail else ""))
            print("FAIL " + what + (("\n" + detail) if detail else ""))


def run(argv, timeout=CMD_TIMEOUT, env=None):
    p = subprocess.run(argv, capture_output=True, text=True, timeout=timeout,
                       env=dict(os.environ, LC_ALL="C", **(env or {})))
    return p.returncode, p.stdout, p.stderr


def normalized(text):
    """The test driver's CPU time follows the wall clock; nothing else may differ."""
    return re.sub(r"(?m)^(CPU time:\s+)[0-9.]+s$", r"\1<T>s", text)


def error_lines(text):
    return [line for line in text.splitlines() if line.startswith("error:")]


def compare_with_virsh(cli, uri, f):
    for cmd in SAME_OUTPUT:
        rc1, out1, err1 = run(["virsh", "-c", uri] + cmd.split())
        rc2, out2, err2 = run([cli, "-c", uri] + cmd.split())
        same = ((rc1, normalized(out1), error_lines(err1))
                == (rc2, normalized(out2), error_lines(err2)))
        f.check(same, "same output as virsh: " + cmd,
                "virsh rc=%d\n%s%s\nnodevirt rc=%d\n%s%s" % (rc1, out1, err1, rc2, out2, err2))


def lifecycle_through_cli(cli, uri, tmp, f):
    xml = os.path.join(tmp, "interop-dom.xml")
    with open(xml, "w") as fh:
        fh.write(DOMAIN_XML)

    def state():
        return run(["virsh", "-c", uri, "domstate", "interop-dom"])[1].strip()

    # The test driver keeps a defined domain only while some connection is open (libvirtd and
    # nodevirtd alike): hold one for the whole sequence of separate CLI processes.
    holder = libvirt.open(uri)
    try:
        lifecycle_steps(cli, uri, xml, state, f)
    finally:
        holder.close()


def lifecycle_steps(cli, uri, xml, state, f):

    steps = [
        (["define", xml], "Domain 'interop-dom' defined from " + xml, "shut off"),
        (["start", "interop-dom"], "Domain 'interop-dom' started", "running"),
        (["suspend", "interop-dom"], "Domain 'interop-dom' suspended", "paused"),
        (["resume", "interop-dom"], "Domain 'interop-dom' resumed", "running"),
        (["destroy", "interop-dom"], "Domain 'interop-dom' destroyed", "shut off"),
    ]
    for args, expected, expected_state in steps:
        rc, out, err = run([cli, "-c", uri] + args)
        f.check(rc == 0 and out.strip() == expected, "nodevirt " + " ".join(args),
                "rc=%d out=%r err=%r" % (rc, out, err))
        f.check(state() == expected_state, "virsh sees '%s' after %s" % (expected_state, args[0]),
                "state=%r" % state())
    rc, out, err = run([cli, "-c", uri, "undefine", "interop-dom"])
    f.check(rc == 0 and "Domain 'interop-dom' has been undefined" in out, "nodevirt undefine",
            "rc=%d out=%r err=%r" % (rc, out, err))
    rc, _, err = run(["virsh", "-c", uri, "domstate", "interop-dom"])
    # virsh drops the driver's "Domain not found" after a failed lookup by name.
    missing = ["error: failed to get domain 'interop-dom'"]
    f.check(rc != 0 and error_lines(err) == missing, "virsh no longer finds the domain", err)
    rc, out, err = run([cli, "-c", uri, "dominfo", "interop-dom"])
    f.check(rc == 1 and error_lines(err) == missing,
            "nodevirt reports the missing domain like virsh", err)


def events_through_cli(cli, uri, f):
    """`nodevirt event` (no --loop) exits after its first event; virsh toggles the domain until
    it does, so nothing depends on how long the registration takes."""
    listener = subprocess.Popen([cli, "-c", uri, "event", "--domain", "test", "--event",
                                 "lifecycle", "--timeout", "25"], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=dict(os.environ, LC_ALL="C"))
    try:
        suspended = False
        deadline = time.monotonic() + 25
        while listener.poll() is None and time.monotonic() < deadline:
            run(["virsh", "-c", uri, "resume" if suspended else "suspend", "test"])
            suspended = not suspended
            time.sleep(0.2)
        out, err = listener.communicate(timeout=CMD_TIMEOUT)
    finally:
        if listener.poll() is None:
            listener.kill()
            listener.wait()
        run(["virsh", "-c", uri, "resume", "test"])
    ok = re.search(r"^event 'lifecycle' for domain 'test': (Suspended|Resumed) \w+$", out, re.M)
    f.check(listener.returncode == 0 and ok is not None, "nodevirt event sees a lifecycle event",
            "rc=%s out=%r err=%r" % (listener.returncode, out, err))


def probe(kind, uri, f):
    binary = os.environ.get("NODEVIRT_PROBE", "")
    if not binary:
        f.check(False, "NODEVIRT_PROBE names the libnodevirt probe binary")
        return
    rc, out, err = run([binary], timeout=300,
                       env={"NODEVIRT_TEST_URI": uri, "NODEVIRT_TEST_SERVER": kind})
    f.check(rc == 0, "libnodevirt probe (%s)" % binary, out[-6000:] + err[-2000:])


def differential(kind, cli, tmp, f):
    hook = "%s %s restart %s %s" % (sys.executable, os.path.join(HERE, "daemons.py"), kind, tmp)
    rc, out, err = run([sys.executable, DIFFERENTIAL, "--under-test", cli, "--uri",
                        daemons.uri(kind, tmp), "--before-each", hook], timeout=3600)
    summary = [line for line in out.splitlines() if "sequences match" in line]
    f.check(rc == 0, "differential suite over the socket: " + (summary[-1] if summary else "?"),
            out[-20000:] + err[-3000:])


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--server", choices=("libvirtd", "nodevirtd"), required=True)
    ap.add_argument("--differential", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    cli = os.environ.get("NODEVIRT_CLI", "")
    if not cli or not os.access(cli, os.X_OK):
        print("FAIL: NODEVIRT_CLI does not name the nodevirt binary (%r)" % cli)
        return 1
    f = Failures(args.verbose)
    tmp = tempfile.mkdtemp(prefix="nv-remote-%s-" % args.server)
    try:
        try:
            daemons.start(args.server, tmp)
        except daemons.DaemonError as e:
            print("FAIL: the %s under test could not be started: %s" % (args.server, e))
            return 1
        uri = daemons.uri(args.server, tmp)
        compare_with_virsh(cli, uri, f)
        lifecycle_through_cli(cli, uri, tmp, f)
        events_through_cli(cli, uri, f)
        probe(args.server, uri, f)
        if args.differential:
            daemons.stop(tmp)
            differential(args.server, cli, tmp, f)
    finally:
        daemons.stop(tmp)
        subprocess.run(["rm", "-rf", tmp], check=False)
    print("%d/%d checks passed against %s" % (f.checks - len(f.items), f.checks, args.server))
    return 1 if f.items else 0


if __name__ == "__main__":
    sys.exit(main())
