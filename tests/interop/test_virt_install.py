#!/usr/bin/python3
"""Debian's virt-install creates a domain through nodevirtd (census §3.3: create transient,
then define), and the result is visible to python3-libvirt on a second connection."""
import os
import subprocess
import sys
import unittest

import libvirt

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_fixture import PrivateDaemon  # noqa: E402

DAEMON = None


def setUpModule():
    global DAEMON
    DAEMON = PrivateDaemon().start()


def tearDownModule():
    code = DAEMON.stop()
    log = DAEMON.read_log()
    DAEMON.cleanup()
    if code != 0:
        raise RuntimeError("nodevirtd exited with %r; log tail:\n%s" % (code, log[-4000:]))


class VirtInstallTest(unittest.TestCase):
    def run_virt_install(self, name, *extra):
        cmd = ["virt-install", "--connect", DAEMON.uri, "--import", "--disk", "none",
               "--network", "none", "--graphics", "none", "--noautoconsole", "--name", name,
               "--memory", "64"] + list(extra)
        env = dict(os.environ, LC_ALL="C", HOME=DAEMON.dir)
        return subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=env)

    def test_import_osinfo_detect(self):
        # A connection held open across the run keeps the test driver's state alive.
        conn = libvirt.open(DAEMON.uri)
        try:
            res = self.run_virt_install("x", "--osinfo", "detect=on,require=off")
            self.assertEqual(res.returncode, 0, res.stdout + res.stderr)
            self.assertIn("Domain creation completed", res.stdout)
            dom = conn.lookupByName("x")
            self.assertTrue(dom.isActive())
            self.assertTrue(dom.isPersistent())
            self.assertIn("<memory unit='KiB'>65536</memory>", dom.XMLDesc())
        finally:
            conn.close()

    def test_import_generic_os_variant(self):
        res = self.run_virt_install("y", "--os-variant", "generic")
        self.assertEqual(res.returncode, 0, res.stdout + res.stderr)
        self.assertIn("Domain creation completed", res.stdout)

    def test_name_in_use_is_refused(self):
        res = self.run_virt_install("test", "--os-variant", "generic")
        self.assertNotEqual(res.returncode, 0)
        self.assertIn("Guest name 'test' is already in use", res.stdout + res.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
