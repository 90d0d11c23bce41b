#!/usr/bin/python3
"""Benchmark (not a test): create -> running and destroy latency of a domain in nodevirtd,
against a bare QEMU started with the same argument vector (spawn, QMP greeting +
qmp_capabilities, cont; SIGTERM -> exit). The guest is the test guest (kernel boot) but only
the start and stop of QEMU are timed, not the boot.

  NODEVIRTD=build/src/daemon/nodevirtd NODEVIRT_TEST_GUEST_DIR=build/test-guest \
      /usr/bin/python3 tests/system/qemu_driver/bench_lifecycle.py [rounds]
"""
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemu_lifecycle_test as lt  # noqa: E402  (daemon and domain helpers)


def qmp_ready(path, timeout=30):
    deadline = time.monotonic() + timeout
    while True:
        try:
            s = socket.socket(socket.AF_UNIX)
            s.connect(path)
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.001)
    f = s.makefile("rw")
    f.readline()  # greeting
    for cmd in ("qmp_capabilities", "cont"):
        f.write(json.dumps({"execute": cmd}) + "\n")
        f.flush()
        while "return" not in json.loads(f.readline()):
            pass
    return s


def bare_round(argv, d):
    mon = os.path.join(d, "bare.qmp")
    args = [a for a in argv]
    # The driver passes a listening fd; here QEMU listens on a path itself.
    i = args.index("-chardev")
    args[i + 1] = "socket,id=charmonitor,path=%s,server=on,wait=off" % mon
    t0 = time.perf_counter()
    p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    s = qmp_ready(mon)
    t_start = time.perf_counter() - t0
    t1 = time.perf_counter()
    p.terminate()
    p.wait(30)
    t_stop = time.perf_counter() - t1
    s.close()
    if os.path.exists(mon):
        os.unlink(mon)
    return t_start, t_stop


def main():
    import libvirt
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    d = tempfile.mkdtemp(prefix="nvb-")
    daemon = lt.Daemon(os.environ["NODEVIRTD"], d)
    guest = os.environ["NODEVIRT_TEST_GUEST_DIR"]
    try:
        daemon.start()
        conn = libvirt.open(daemon.uri)
        dom = conn.defineXML(lt.domain_xml(guest, os.path.join(d, "serial.log")))
        starts, stops = [], []
        for _ in range(rounds):
            t0 = time.perf_counter()
            dom.create()
            starts.append(time.perf_counter() - t0)
            t1 = time.perf_counter()
            dom.destroy()
            stops.append(time.perf_counter() - t1)
        with open(os.path.join(d, "run", "qemu", lt.NAME + ".log")) as f:
            line = [l for l in f if "starting up: " in l][-1]
        argv = line.split("starting up: ", 1)[1].split()
        # -append takes one argument with spaces; rejoin what split() broke apart.
        k = argv.index("-append")
        j = k + 1
        while not argv[j + 1].startswith("-"):
            j += 1
        argv[k + 1:j + 1] = [" ".join(argv[k + 1:j + 1])]
        p = argv.index("-pidfile")
        del argv[p:p + 2]
        bare = [bare_round(argv, d) for _ in range(rounds)]
        ms = lambda xs: "median %.0f ms (min %.0f, max %.0f)" % (
            statistics.median(xs) * 1000, min(xs) * 1000, max(xs) * 1000)
        print("nodevirtd create -> running: " + ms(starts))
        print("bare QEMU start -> QMP cont:  " + ms([b[0] for b in bare]))
        print("nodevirtd destroy:           " + ms(stops))
        print("bare QEMU SIGTERM -> exit:    " + ms([b[1] for b in bare]))
        dom.undefine()
        conn.close()
    finally:
        daemon.stop()
        shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    main()
