#!/usr/bin/python3
"""End-to-end tests of the nodevirt CLI binary against the in-process test driver
(test:///default): the --json schema of each command that has it, the interactive shell,
read-only connections, default URIs, global options and exit codes.

Usage: test_cli.py PATH/TO/nodevirt   (stdlib only; run with /usr/bin/python3)"""

import json
import os
import subprocess
import sys
import tempfile
import unittest

CLI = None
URI = "test:///default"
DATA = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                     "..", "differential", "data"))


def run(*args, env=None, stdin=None, uri=URI):
    """Runs the CLI; returns (exit code, stdout, stderr)."""
    argv = [CLI] + (["-c", uri] if uri else []) + list(args)
    full_env = {k: v for k, v in os.environ.items()
                if k not in ("LIBVIRT_DEFAULT_URI", "VIRSH_DEFAULT_CONNECT_URI",
                             "NODEVIRT_DEFAULT_URI")}
    full_env["LC_ALL"] = "C"
    full_env.update(env or {})
    p = subprocess.run(argv, capture_output=True, text=True, env=full_env, input=stdin,
                       timeout=60, cwd=tempfile.gettempdir())
    return p.returncode, p.stdout, p.stderr


def run_json(line):
    rc, out, err = run("--json", line)
    if rc != 0:
        raise AssertionError(f"{line!r} failed ({rc}): {err}")
    return json.loads(out)


class JsonSchema(unittest.TestCase):
    def test_list(self):
        doc = run_json("list --all")
        self.assertEqual(list(doc), ["domains"])
        [dom] = doc["domains"]
        self.assertEqual(list(dom), ["id", "name", "uuid", "state", "reason", "persistent",
                                     "autostart", "managed_save", "title"])
        self.assertEqual(dom["id"], 1)
        self.assertEqual(dom["name"], "test")
        self.assertEqual(dom["uuid"], "6695eb01-f6a4-8304-79aa-97f2502e193f")
        self.assertEqual(dom["state"], "running")
        self.assertIs(dom["persistent"], True)
        self.assertIs(dom["autostart"], False)
        self.assertEqual(dom["title"], "")

    def test_list_per_command_option_and_inactive_ids(self):
        rc, out, _ = run(f"define {DATA}/min.xml; list --all --json")
        self.assertEqual(rc, 0)
        doc = json.loads(out[out.index("{"):])
        by_name = {d["name"]: d for d in doc["domains"]}
        self.assertIsNone(by_name["min"]["id"])
        self.assertEqual(by_name["min"]["state"], "shut off")

    def test_dominfo(self):
        doc = run_json("dominfo test")
        for key in ("id", "name", "uuid", "os_type", "state", "cpus", "cpu_time_ns",
                    "max_memory_kib", "used_memory_kib", "persistent", "autostart",
                    "managed_save"):
            self.assertIn(key, doc)
        self.assertEqual(doc["max_memory_kib"], 8388608)
        self.assertEqual(doc["cpus"], 2)

    def test_domstate(self):
        doc = run_json("domstate test")
        self.assertEqual((doc["state"], doc["reason"]), ("running", "unknown"))

    def test_nodeinfo_and_version(self):
        doc = run_json("nodeinfo")
        self.assertEqual(doc["cpus"], 16)
        self.assertEqual(doc["memory_kib"], 3145728)
        doc = run_json("version")
        self.assertEqual(doc["client"]["name"], "nodevirt")
        self.assertEqual(doc["hypervisor"], {"type": "TEST", "version": "0.0.2"})

    def test_networks_pools_volumes(self):
        [net] = run_json("net-list --all")["networks"]
        self.assertEqual((net["name"], net["active"], net["persistent"]), ("default", True, True))
        info = run_json("net-info default")
        self.assertEqual(info["bridge"], "virbr0")
        [pool] = run_json("pool-list --all")["pools"]
        self.assertEqual(pool["name"], "default-pool")
        self.assertEqual(pool["capacity"], 107374182400)
        rc, out, err = run("--json", "vol-create-as default-pool v1 1M; vol-list default-pool")
        self.assertEqual(rc, 0, err)
        doc = json.loads(out[out.index("{"):])
        self.assertEqual([v["name"] for v in doc["volumes"]], ["v1"])
        self.assertEqual(doc["volumes"][0]["capacity"], 1048576)

    def test_snapshots(self):
        rc, out, err = run("--json", "snapshot-create-as test s1; snapshot-list test")
        self.assertEqual(rc, 0, err)
        doc = json.loads(out[out.index("{"):])
        [snap] = doc["snapshots"]
        self.assertEqual((snap["name"], snap["state"], snap["parent"]), ("s1", "running", None))
        self.assertIsInstance(snap["creation_time"], int)

    def test_json_output_is_one_document(self):
        rc, out, _ = run("--json", "list")
        self.assertEqual(rc, 0)
        self.assertTrue(out.endswith("}\n"))
        json.loads(out)

    def test_commands_without_json_print_text(self):
        rc, out, _ = run("--json", "uri; capabilities")
        self.assertEqual(rc, 0)
        self.assertIn("<capabilities>", out)


class Interactive(unittest.TestCase):
    def test_shell_reads_commands_from_stdin(self):
        rc, out, err = run(stdin="uri\nbogus\ndomid test\nquit\nuri\n")
        self.assertEqual(rc, 0)
        self.assertIn("Welcome to nodevirt", out)
        self.assertIn("nodevirt # uri\ntest:///default\n", out)
        self.assertIn("nodevirt # domid test\n1\n", out)
        self.assertEqual(out.count("test:///default"), 1)  # nothing after quit
        self.assertEqual(err, "error: unknown command: 'bogus'\n")

    def test_quiet_shell_has_no_banner_and_ends_at_eof(self):
        rc, out, _ = run("-q", stdin="uri\n")
        self.assertEqual(rc, 0)
        self.assertEqual(out, "nodevirt # uri\ntest:///default\nnodevirt # \n")

    def test_readonly_prompt(self):
        rc, out, _ = run("-r", stdin="uri\n")
        self.assertEqual(rc, 0)
        self.assertIn("nodevirt > uri", out)

    def test_cd_and_pwd_work_interactively(self):
        with tempfile.TemporaryDirectory() as d:
            rc, out, err = run("-q", stdin=f"cd {d}\npwd\n")
            self.assertEqual(rc, 0, err)
            self.assertIn(os.path.realpath(d) + "\n", out)
        rc, _, err = run("cd /")
        self.assertEqual(rc, 1)
        self.assertEqual(err, "error: cd: command valid only in interactive mode\n")


class ReadOnly(unittest.TestCase):
    def test_mutations_are_denied(self):
        rc, out, err = run("-r", "destroy test")
        self.assertEqual(rc, 1)
        self.assertIn("error: Failed to destroy domain 'test'\n", err)
        self.assertIn("read only", err)

    def test_queries_work(self):
        rc, out, _ = run("-r", "domstate test")
        self.assertEqual((rc, out), (0, "running\n\n"))

    def test_connect_readonly(self):
        rc, _, err = run("connect --readonly; suspend test")
        self.assertEqual(rc, 1)
        self.assertIn("read only", err)


class DefaultUri(unittest.TestCase):
    def test_libvirt_default_uri(self):
        rc, out, _ = run("uri", uri=None, env={"LIBVIRT_DEFAULT_URI": URI})
        self.assertEqual((rc, out), (0, URI + "\n\n"))

    def test_virsh_default_connect_uri(self):
        rc, out, _ = run("uri", uri=None, env={"VIRSH_DEFAULT_CONNECT_URI": URI,
                                               "LIBVIRT_DEFAULT_URI": "bogus:///x"})
        self.assertEqual((rc, out), (0, URI + "\n\n"))

    def test_connect_option_wins(self):
        rc, out, _ = run("uri", env={"LIBVIRT_DEFAULT_URI": "bogus:///x"})
        self.assertEqual((rc, out), (0, URI + "\n\n"))

    def test_connection_failure(self):
        rc, out, err = run("uri", uri="bogus:///x")
        self.assertEqual((rc, out), (1, ""))
        self.assertTrue(err.startswith("error: failed to connect to the hypervisor\nerror: "))


class GlobalOptions(unittest.TestCase):
    def test_version_and_help(self):
        rc, out, _ = run("-v", uri=None)
        self.assertEqual(rc, 0)
        self.assertRegex(out, r"^\d+\.\d+\.\d+\n$")
        rc, out, _ = run("--help", uri=None)
        self.assertEqual(rc, 0)
        self.assertIn("--connect=URI", out)
        self.assertIn("--json", out)

    def test_bad_options(self):
        self.assertEqual(run("-Z", uri=None)[2], "error: unsupported option '-Z'. See --help.\n")
        self.assertEqual(run("-c", uri=None)[2],
                         "error: option '-c'/'--connect' requires an argument\n")
        self.assertEqual(run("-k", "x", "uri")[0], 1)

    def test_argv_mode_is_one_command(self):
        rc, out, _ = run("domstate", "test", "--reason")
        self.assertEqual((rc, out), (0, "running (unknown)\n\n"))
        rc, _, err = run("domstate", "test", ";")
        self.assertEqual((rc, err), (1, "error: unexpected data ';'\n"))

    def test_quiet_drops_headers_and_blank_lines(self):
        rc, out, _ = run("-q", "list; domid test")
        self.assertEqual((rc, out), (0, " 1   test   running\n1\n"))

    def test_timing(self):
        rc, out, _ = run("-t", "domid test")
        self.assertEqual(rc, 0)
        self.assertRegex(out, r"^1\n\n\(Time: \d+\.\d{3} ms\)\n\n$")


class Shell(unittest.TestCase):
    def test_echo(self):
        rc, out, err = run("echo --shell 'a b' x; echo --xml '<a>'; echo --err oops")
        self.assertEqual(rc, 0)
        self.assertEqual(out, "'a b' x\n&lt;a&gt;\n\n")
        self.assertEqual(err, "error: oops\n")

    def test_help(self):
        rc, out, _ = run("help domstate")
        self.assertEqual(rc, 0)
        self.assertIn("  SYNOPSIS\n    domstate <domain> [--reason] [--json]\n", out)
        rc, out, _ = run("help network")
        self.assertIn("net-list", out)
        rc, _, err = run("help nosuch")
        self.assertEqual((rc, err), (1, "error: command or command group 'nosuch' doesn't exist\n"))
        rc, out, _ = run("domstate --help")
        self.assertEqual(rc, 0)
        self.assertIn("domstate <domain>", out)

    def test_exit_code_follows_last_command(self):
        self.assertEqual(run("dominfo nope; domid test")[0], 0)
        self.assertEqual(run("domid test; dominfo nope")[0], 1)
        self.assertEqual(run("domid test; bogus")[0], 1)

    def test_print_xml_builders(self):
        rc, out, _ = run("attach-disk test /tmp/x.img vdb --print-xml")
        self.assertEqual(out, "<disk type='file'>\n  <source file='/tmp/x.img'/>\n"
                              "  <target dev='vdb'/>\n</disk>\n\n")
        rc, out, _ = run("pool-define-as p dir --target /tmp/p --print-xml")
        self.assertEqual(out, "<pool type='dir'>\n  <name>p</name>\n  <target>\n"
                              "    <path>/tmp/p</path>\n  </target>\n</pool>\n\n")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    CLI = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
