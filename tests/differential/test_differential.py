"""pytest entry point: one test per sequence in sequences.txt.

Compares the command under test ($NODEVIRT_CLI, skipped when unset; URI from
$NODEVIRT_DIFF_URI, default test:///default) with the recorded oracle outputs in expected/,
so it needs no libvirt on the machine. Set NODEVIRT_DIFF_LIVE_ORACLE=1 to run the oracle
(virsh) instead of reading expected/."""

import os

import pytest

import run_differential as rd

SEQUENCES = rd.parse_sequences(rd.DEFAULT_SEQUENCES)
UNDER_TEST = os.environ.get("NODEVIRT_CLI")
URI = os.environ.get("NODEVIRT_DIFF_URI", "test:///default")


@pytest.mark.skipif(not UNDER_TEST, reason="NODEVIRT_CLI is not set")
@pytest.mark.parametrize("name,cmds", SEQUENCES, ids=[n for n, _ in SEQUENCES])
def test_sequence(name, cmds):
    if os.environ.get("NODEVIRT_DIFF_LIVE_ORACLE"):
        orc, oout, _ = rd.run_one("virsh", "test:///default", cmds, 8.0, retries=6)
    else:
        orc, oout, _ = rd.read_record(os.path.join(rd.DEFAULT_EXPECTED, name + ".txt"))
    trc, tout, _ = rd.run_one(UNDER_TEST, URI, cmds, 8.0, retries=6)
    assert (trc, tout) == (orc, oout), rd.diff(oout, tout, "oracle/stdout", "under-test/stdout")
