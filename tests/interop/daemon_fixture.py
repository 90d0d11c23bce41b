"""A private nodevirtd for one test run: everything (sockets, pid file, log, state dirs) lives
in a fresh temporary directory, the daemon runs in the foreground as a child of the test, and
stop() always ends it (SIGTERM, then SIGKILL after a bounded wait).

The binary comes from $NODEVIRTD (set by CTest) or build-asan/src/daemon/nodevirtd.
"""
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
START_TIMEOUT = 60.0  # ASan builds on a loaded machine start slowly
STOP_TIMEOUT = 30.0


def daemon_binary():
    path = os.environ.get("NODEVIRTD") or os.path.join(ROOT, "build-asan/src/daemon/nodevirtd")
    if not os.access(path, os.X_OK):
        raise RuntimeError("nodevirtd not found at %s (set NODEVIRTD)" % path)
    return path


class PrivateDaemon:
    def __init__(self, extra_conf="", log_level=2, timeout=None, args=()):
        self.dir = tempfile.mkdtemp(prefix="nodevirtd-test-")
        self.sock_dir = os.path.join(self.dir, "sock")
        self.rw_socket = os.path.join(self.sock_dir, "libvirt-sock")
        self.ro_socket = os.path.join(self.sock_dir, "libvirt-sock-ro")
        self.log_path = os.path.join(self.dir, "nodevirtd.log")
        self.pid_path = os.path.join(self.dir, "nodevirtd.pid")
        self.conf_path = os.path.join(self.dir, "nodevirtd.conf")
        self.stderr_path = os.path.join(self.dir, "stderr.txt")
        with open(self.conf_path, "w") as f:
            f.write('unix_sock_dir = "%s"\n' % self.sock_dir)
            f.write('unix_sock_ro_enabled = 1\n')
            f.write('unix_sock_rw_perms = "0700"\n')
            f.write('log_level = %d\n' % log_level)
            f.write('log_outputs = "%d:file:%s"\n' % (log_level, self.log_path))
            for d in ("state", "run", "cache"):
                f.write('%s_dir = "%s"\n' % (d, os.path.join(self.dir, d)))
            f.write(extra_conf)
        self.args = list(args)
        if timeout is not None:
            self.args += ["--timeout", str(timeout)]
        self.proc = None

    @property
    def uri(self):
        return "test+unix:///default?socket=%s" % self.rw_socket

    @property
    def ro_uri(self):
        return "test+unix:///default?socket=%s" % self.ro_socket

    def start(self):
        cmd = [daemon_binary(), "--config", self.conf_path, "--pid-file", self.pid_path] + self.args
        self.stderr = open(self.stderr_path, "w")
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=self.stderr,
                                     stderr=self.stderr)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("nodevirtd exited with %d: %s" % (self.proc.returncode,
                                                                     self.read_stderr()))
            if self.accepting():
                return self
            time.sleep(0.02)
        self.kill()
        raise RuntimeError("nodevirtd did not start within %ds" % START_TIMEOUT)

    def accepting(self):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            s.connect(self.rw_socket)
            return True
        except OSError:
            return False
        finally:
            s.close()

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def stop(self):
        """SIGTERM and wait; returns the exit status (SIGKILL after STOP_TIMEOUT)."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.kill()
        self.stderr.close()
        return self.proc.returncode

    def kill(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(STOP_TIMEOUT)

    def restart(self):
        self.stop()
        return self.start()

    def read_log(self):
        try:
            with open(self.log_path) as f:
                return f.read()
        except OSError:
            return ""

    def read_stderr(self):
        try:
            with open(self.stderr_path) as f:
                return f.read()
        except OSError:
            return ""

    def cleanup(self):
        self.kill()
        shutil.rmtree(self.dir, ignore_errors=True)
