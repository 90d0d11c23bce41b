#!/usr/bin/python3
"""Private daemons serving test:///default on a socket inside a temporary directory, for the
remote driver's interop tests: Debian's libvirtd 9.0 (run as `nobody` when we are root, so
nothing under /run or /etc is touched) and our nodevirtd.  Each daemon is started in its own
session and stopped by pid, never by name.

    daemons.py start|stop|restart libvirtd|nodevirtd DIR     (for --before-each hooks)
"""
import os
import shutil
import signal
import subprocess
import sys
import time

START_TIMEOUT = 30.0
STOP_TIMEOUT = 20.0
LIBVIRTD = "/usr/sbin/libvirtd"


class DaemonError(Exception):
    """The daemon could not be started; the message says why (never a silent pass)."""


def socket_path(kind, d):
    if kind == "libvirtd":
        return os.path.join(d, "run", "libvirt", "libvirt-sock")
    return os.path.join(d, "sock", "libvirt-sock")


def uri(kind, d):
    return "test+unix:///default?socket=" + socket_path(kind, d)


def _pid_file(d):
    return os.path.join(d, "daemon.pid")


def _log(d):
    return os.path.join(d, "daemon.log")


def _libvirtd_command(d):
    if not os.access(LIBVIRTD, os.X_OK):
        raise DaemonError(LIBVIRTD + " is not installed (Debian package libvirt-daemon)")
    os.chmod(d, 0o777)  # libvirtd runs as nobody
    conf = os.path.join(d, "libvirtd.conf")
    with open(conf, "w") as f:
        f.write('auth_unix_rw = "none"\nauth_unix_ro = "none"\n')
    os.chmod(conf, 0o644)
    env = dict(os.environ, HOME=d, XDG_RUNTIME_DIR=os.path.join(d, "run"),
               XDG_CONFIG_HOME=os.path.join(d, "config"), XDG_CACHE_HOME=os.path.join(d, "cache"))
    # Session mode: sockets under $XDG_RUNTIME_DIR/libvirt; --timeout ends a forgotten daemon.
    cmd = [LIBVIRTD, "--config", conf, "--timeout=300"]
    if os.geteuid() == 0:
        if not shutil.which("runuser"):
            raise DaemonError("runuser is missing: cannot drop root for a private libvirtd")
        cmd = ["runuser", "-u", "nobody", "--"] + cmd
    return cmd, env


def _nodevirtd_command(d):
    binary = os.environ.get("NODEVIRTD", "")
    if not binary or not os.access(binary, os.X_OK):
        raise DaemonError("NODEVIRTD does not name the nodevirtd binary (got %r)" % binary)
    conf = os.path.join(d, "nodevirtd.conf")
    with open(conf, "w") as f:
        f.write('unix_sock_dir = "%s"\n' % os.path.join(d, "sock"))
        for name in ("state", "run", "cache"):
            f.write('%s_dir = "%s"\n' % (name, os.path.join(d, name)))
        f.write('log_level = 3\nlog_outputs = "3:file:%s"\n' % os.path.join(d, "nodevirtd.log"))
    cmd = [binary, "--config", conf, "--pid-file", os.path.join(d, "nodevirtd.pid"),
           "--timeout", "300"]
    return cmd, dict(os.environ)


def start(kind, d):
    os.makedirs(d, exist_ok=True)
    cmd, env = _libvirtd_command(d) if kind == "libvirtd" else _nodevirtd_command(d)
    sock = socket_path(kind, d)
    with open(_log(d), "ab") as log:
        proc = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                start_new_session=True, cwd=d)
    with open(_pid_file(d), "w") as f:
        f.write(str(proc.pid))
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if os.path.exists(sock):
            return proc.pid
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    stop(d)
    with open(_log(d), errors="replace") as f:
        tail = f.read()[-3000:]
    raise DaemonError("%s did not create %s (exit status %s); log:\n%s"
                      % (kind, sock, proc.poll(), tail))


def stop(d):
    """SIGTERM to the daemon's own process group (it runs in its own session), then SIGKILL."""
    try:
        with open(_pid_file(d)) as f:
            pid = int(f.read().strip())
    except (OSError, ValueError):
        return
    os.unlink(_pid_file(d))
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + STOP_TIMEOUT
        while time.monotonic() < deadline:
            try:
                if os.waitpid(pid, os.WNOHANG)[0] == pid:
                    return
            except ChildProcessError:  # not our child (started by another invocation)
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    return
            time.sleep(0.02)


def clear_state(kind, d):
    """A fresh test:///default for the next start (sockets and runtime files removed)."""
    for sub in (("run",) if kind == "libvirtd" else ("sock", "run", "state")):
        shutil.rmtree(os.path.join(d, sub), ignore_errors=True)


def main(argv):
    if len(argv) != 4 or argv[1] not in ("start", "stop", "restart") or \
            argv[2] not in ("libvirtd", "nodevirtd"):
        print(__doc__, file=sys.stderr)
        return 2
    action, kind, d = argv[1:]
    if action in ("stop", "restart"):
        stop(d)
        clear_state(kind, d)
    if action in ("start", "restart"):
        try:
            start(kind, d)
        except DaemonError as e:
            print("daemons.py: " + str(e), file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
