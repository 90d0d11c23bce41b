#!/usr/bin/python3
"""Differential test: run virsh command sequences through the oracle (Debian's virsh on
libvirt's in-process test driver) and through the command under test, and compare stdout and
exit codes after the normalizations documented in README.md.  Stdlib only."""

import argparse
import difflib
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SEQUENCES = os.path.join(HERE, "sequences.txt")
# nodevirt's own expected output for the sequences where it differs on purpose (README.md,
# "Documented, deliberate differences"); such a record replaces the oracle's.
DEFAULT_DELIBERATE = os.path.join(HERE, "deliberate")
DEFAULT_EXPECTED = os.path.join(HERE, "expected")
DATA_DIR = os.path.join(HERE, "data")
TESTNODE_DIR = os.path.normpath(os.path.join(HERE, "..", "data", "testnode"))
STDERR_MARK = "==== stderr (error: lines) ====\n"
STDOUT_MARK = "==== stdout ====\n"
NO_EOL = "\\ No newline at end of stdout\n"

# (pattern, replacement, why) -- keep in sync with the table in README.md.
NORMALIZATIONS = [
    (r"(?m)^(Compiled against library: |Using library: |Using API: |Running against daemon: )"
     r".*$", r"\1<VERSION>", "library/API/daemon versions differ by design"),
    (r"(?m)^(CPU time:\s+)[0-9.]+s$", r"\1<T>s", "test driver derives CPU time from the clock"),
    (r"(?m)^(\S+ (?:rd|wr|rx|tx)_\w+|\S+ errs) \d+$", r"\1 <N>",
     "domblkstat/domifstat counters are derived from the clock"),
    (r"<creationTime>\d+</creationTime>", "<creationTime><T></creationTime>",
     "snapshot creation time"),
    (r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4}", "<DATE>", "snapshot-list creation date"),
]


def parse_sequences(path):
    """Lines 'name: cmd; cmd'; an indented line continues the previous one; '#' comments."""
    seqs = []
    with open(path, encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if line[0].isspace():
                if not seqs:
                    raise SystemExit(f"{path}:{lineno}: continuation without a sequence")
                seqs[-1] = (seqs[-1][0], seqs[-1][1] + " " + line.strip())
                continue
            name, sep, cmds = line.partition(":")
            if not sep or not re.fullmatch(r"[A-Za-z0-9_.-]+", name.strip()):
                raise SystemExit(f"{path}:{lineno}: expected 'name: commands'")
            seqs.append((name.strip(), cmds.strip()))
    names = [n for n, _ in seqs]
    dups = {n for n in names if names.count(n) > 1}
    if dups:
        raise SystemExit(f"{path}: duplicate sequence names: {sorted(dups)}")
    return seqs


def normalize(text, tmpdir):
    text = text.replace(tmpdir, "@TMP@").replace(DATA_DIR, "@DATA@")
    text = text.replace(TESTNODE_DIR, "@TESTNODE@")
    host = socket.gethostname()
    text = re.sub(r"(?m)^" + re.escape(host) + r"$", "<HOSTNAME>", text)
    for pattern, repl, _why in NORMALIZATIONS:
        text = re.sub(pattern, repl, text)
    return text


def error_lines(stderr):
    return "".join(l + "\n" for l in stderr.splitlines() if l.startswith("error:"))


def run_one(prefix, uri, cmds, timeout, before_each=None, retries=2):
    """Run 'PREFIX -c URI CMDS' in a fresh temp dir. Returns (exit, stdout, stderr) normalized.
    A run that times out is retried: virsh itself sometimes hangs after save/managedsave
    (README.md, "Known oracle flakiness")."""
    for attempt in range(max(1, retries)):
        rc, out, err = _run_once(prefix, uri, cmds, timeout, before_each)
        if rc != "timeout":
            break
        print(f"NOTE: '{prefix}' timed out (attempt {attempt + 1}): {cmds[:60]}...",
              file=sys.stderr)
    return rc, out, err


def substitute(text, tmpdir):
    return (text.replace("@DATA@", DATA_DIR).replace("@TMP@", tmpdir)
            .replace("@TESTNODE@", TESTNODE_DIR))


def _run_once(prefix, uri, cmds, timeout, before_each):
    tmpdir = tempfile.mkdtemp(prefix="nvdiff-")
    try:
        if before_each:
            subprocess.run(before_each, shell=True, check=True, timeout=timeout)
        argv = shlex.split(prefix) + ["-c", substitute(uri, tmpdir), substitute(cmds, tmpdir)]
        env = {k: v for k, v in os.environ.items()
               if k not in ("VIRSH_DEFAULT_CONNECT_URI", "LIBVIRT_DEFAULT_URI")}
        env.update(LC_ALL="C", LANG="C")
        try:
            p = subprocess.run(argv, capture_output=True, text=True, timeout=timeout,
                               env=env, cwd=tmpdir)
            rc, out, err = p.returncode, p.stdout, p.stderr
        except subprocess.TimeoutExpired as e:
            rc = "timeout"
            out = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
            err = f"error: timed out after {timeout}s\n"
        except OSError as e:
            rc, out, err = "spawn-failed", "", f"error: {e}\n"
        return rc, normalize(out, tmpdir), normalize(err, tmpdir)
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


def format_record(name, uri, cmds, rc, out, err):
    if out and not out.endswith("\n"):
        out += "\n" + NO_EOL
    return (f"# sequence {name}\n$ virsh -c {uri} '{cmds}'\nexit: {rc}\n"
            f"{STDOUT_MARK}{out}{STDERR_MARK}{error_lines(err)}")


def read_record(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    head, _, rest = text.partition(STDOUT_MARK)
    out, _, errs = rest.rpartition(STDERR_MARK)
    rc = re.search(r"(?m)^exit: (\S+)$", head).group(1)
    if out.endswith("\n" + NO_EOL):
        out = out[:-len(NO_EOL) - 1]
    return (int(rc) if rc.lstrip("-").isdigit() else rc), out, errs


def diff(a, b, la, lb):
    return "".join(difflib.unified_diff(a.splitlines(True), b.splitlines(True), la, lb))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sequences", default=DEFAULT_SEQUENCES)
    ap.add_argument("--oracle", default="virsh", help="oracle command prefix (default: virsh)")
    ap.add_argument("--oracle-uri", default="test:///default",
                    help="URI for the oracle; @TESTNODE@ and @DATA@ are substituted")
    ap.add_argument("--under-test", default=os.environ.get("NODEVIRT_CLI", "nodevirt"),
                    help="command prefix under test (default: $NODEVIRT_CLI or 'nodevirt')")
    ap.add_argument("--uri", default="test:///default", help="URI passed to the command under test")
    ap.add_argument("--before-each", help="shell command run before each under-test sequence "
                    "(e.g. restart a daemon so every sequence starts from the default state)")
    ap.add_argument("-k", dest="filter", help="only sequences whose name contains this")
    ap.add_argument("--timeout", type=float, default=8.0, help="seconds per sequence run")
    ap.add_argument("--retries", type=int, default=6, help="runs tried when one times out")
    ap.add_argument("--list", action="store_true", help="list sequence names and exit")
    ap.add_argument("--oracle-only", action="store_true", help="print the oracle output only")
    ap.add_argument("--record", action="store_true",
                    help="write oracle outputs to --expected-dir and exit")
    ap.add_argument("--expect-file", action="store_true",
                    help="compare against the recorded outputs in --expected-dir instead of "
                    "running the oracle")
    ap.add_argument("--expected-dir", default=DEFAULT_EXPECTED,
                    help="recorded outputs, one NAME.txt per sequence (default: expected/)")
    ap.add_argument("--deliberate-dir", default=DEFAULT_DELIBERATE,
                    help="nodevirt's expected outputs where it deliberately differs "
                    "(default: deliberate/)")
    ap.add_argument("--strict-stderr", action="store_true",
                    help="count 'error:' line differences as failures")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)

    seqs = parse_sequences(args.sequences)
    if args.filter:
        seqs = [s for s in seqs if args.filter in s[0]]
    if args.list:
        for name, cmds in seqs:
            print(f"{name}: {cmds}")
        return 0

    if args.record or args.oracle_only:
        outdir = args.expected_dir
        for name, cmds in seqs:
            rc, out, err = run_one(args.oracle, args.oracle_uri, cmds, args.timeout,
                                   retries=args.retries)
            rec = format_record(name, args.oracle_uri, cmds, rc, out, err)
            if args.record:
                os.makedirs(outdir, exist_ok=True)
                with open(os.path.join(outdir, name + ".txt"), "w", encoding="utf-8") as f:
                    f.write(rec)
            else:
                sys.stdout.write(rec + "\n")
        if args.record:
            print(f"recorded {len(seqs)} sequences in {outdir}")
        return 0

    matched, soft, deliberate = 0, 0, 0
    for name, cmds in seqs:
        if args.expect_file:
            path = os.path.join(args.expected_dir, name + ".txt")
            if not os.path.exists(path):
                print(f"MISSING {name}: no recorded output {path}")
                continue
            orc, oout, oerrs = read_record(path)
        else:
            orc, oout, oerr = run_one(args.oracle, args.oracle_uri, cmds, args.timeout,
                                      retries=args.retries)
            oerrs = error_lines(oerr)
        deliberate_path = os.path.join(args.deliberate_dir, name + ".txt")
        if os.path.exists(deliberate_path):
            orc, oout, oerrs = read_record(deliberate_path)
            deliberate += 1
        trc, tout, terr = run_one(args.under_test, args.uri, cmds, args.timeout,
                                  args.before_each, args.retries)
        if args.uri != args.oracle_uri and "@" not in args.uri:
            # Over a socket, `uri` prints the URI the client opened (virsh does the same
            # against libvirtd); it stands for the oracle's in-process URI.
            tout = tout.replace(args.uri, args.oracle_uri)
        terrs = error_lines(terr)
        ok = orc == trc and oout == tout
        errs_ok = oerrs == terrs
        if ok and (errs_ok or not args.strict_stderr):
            matched += 1
            if not errs_ok:
                soft += 1
                print(f"SOFT {name}: stdout/exit match, 'error:' lines differ")
                print(diff(oerrs, terrs, "oracle/stderr", "under-test/stderr"))
            elif args.verbose:
                print(f"ok   {name}")
            continue
        print(f"FAIL {name}: {cmds}")
        if orc != trc:
            print(f"  exit code: oracle {orc}, under test {trc}")
        if oout != tout:
            print(diff(oout, tout, "oracle/stdout", "under-test/stdout"))
        if not errs_ok:
            print(diff(oerrs, terrs, "oracle/stderr", "under-test/stderr"))
        if args.verbose and terr and terrs != terr:
            print("  under-test stderr (full):\n" + terr)
    notes = [f"{soft} with stderr differences"] if soft else []
    if deliberate:
        notes.append(f"{deliberate} against a documented deliberate difference")
    print(f"{matched}/{len(seqs)} sequences match" + (f" ({'; '.join(notes)})" if notes else ""))
    return 0 if matched == len(seqs) else 1


if __name__ == "__main__":
    sys.exit(main())
