#!/usr/bin/python3
"""Debian's virsh drives nodevirtd over its unix socket through the differential suite
(tests/differential): every sequence must print what `virsh -c test:///default` printed
in-process (the recorded oracle outputs), with a freshly started daemon per sequence.

Extra arguments are passed to run_differential.py (e.g. -k NAME, --strict-stderr).
"""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def main():
    work = tempfile.mkdtemp(prefix="nodevirtd-diff-")
    ctl = [sys.executable, os.path.join(HERE, "nodevirtd_ctl.py")]
    try:
        socket_path = os.path.join(work, "sock", "libvirt-sock")
        cmd = [sys.executable, os.path.join(ROOT, "tests/differential/run_differential.py"),
               "--under-test", "virsh", "--expect-file",
               "--uri", "test+unix:///default?socket=%s" % socket_path,
               "--before-each", " ".join(ctl + ["restart", work]),
               "--timeout", "30"] + sys.argv[1:]
        rc = subprocess.run(cmd, cwd=os.path.join(ROOT, "tests/differential")).returncode
    finally:
        subprocess.run(ctl + ["stop", work], timeout=60)
        shutil.rmtree(work, ignore_errors=True)
    return rc


if __name__ == "__main__":
    sys.exit(main())
