#!/usr/bin/python3
"""Start, stop or restart a private background nodevirtd (started with --daemon) whose files
all live in DIR: used as the differential runner's --before-each so that every virsh sequence
meets a freshly started daemon.

usage: nodevirtd_ctl.py start|stop|restart DIR
The socket is DIR/sock/libvirt-sock; the binary comes from $NODEVIRTD.
"""
import os
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_fixture import daemon_binary  # noqa: E402

STOP_TIMEOUT = 30.0


def paths(d):
    return (os.path.join(d, "nodevirtd.conf"), os.path.join(d, "nodevirtd.pid"),
            os.path.join(d, "sock"))


def write_conf(d):
    conf, _, sock = paths(d)
    if not os.path.exists(conf):
        with open(conf, "w") as f:
            f.write('unix_sock_dir = "%s"\nlog_level = 3\n' % sock)
            f.write('log_outputs = "3:file:%s"\n' % os.path.join(d, "nodevirtd.log"))
            for name in ("state", "run", "cache"):
                f.write('%s_dir = "%s"\n' % (name, os.path.join(d, name)))


def stop(d):
    _, pid_file, _ = paths(d)
    try:
        with open(pid_file) as f:
            pid = int(f.read().strip())
    except (OSError, ValueError):
        return 0
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return 0
    deadline = time.monotonic() + STOP_TIMEOUT
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return 0
        time.sleep(0.01)
    os.kill(pid, signal.SIGKILL)
    return 1


def start(d):
    os.makedirs(d, exist_ok=True)
    write_conf(d)
    conf, pid_file, _ = paths(d)
    # --daemon returns once the sockets accept connections (or with status 1).
    return subprocess.run([daemon_binary(), "--daemon", "--config", conf, "--pid-file", pid_file],
                          timeout=120).returncode


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("start", "stop", "restart"):
        sys.stderr.write(__doc__)
        return 2
    action, d = sys.argv[1], os.path.abspath(sys.argv[2])
    if action in ("stop", "restart"):
        rc = stop(d)
        if action == "stop":
            return rc
    return start(d)


if __name__ == "__main__":
    sys.exit(main())
