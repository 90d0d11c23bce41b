#!/usr/bin/python3
"""Writes the seed corpus of remote_dispatch_fuzzer: each seed is one socket-kind byte (bit 0
= read-only socket) followed by the frames a client sends on one connection."""
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../interop"))
from lvrpc import (REMOTE, QEMU, KEEPALIVE, CALL, MESSAGE, STREAM, REPLY, OK, ERROR, CONTINUE,
                   frame, xstr, xopt_str)  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
TEST_UUID = bytes.fromhex("6695eb01f6a4830479aa97f2502e193f")
DOM = xstr("test") + TEST_UUID + struct.pack(">i", 1)
POOL = xstr("default-pool") + bytes(16)
NET = xstr("default") + bytes(16)
XML = ("<domain type='test'><name>f1</name><memory>65536</memory>"
       "<os><type>hvm</type></os></domain>")


def calls(*items):
    out = b""
    for serial, (proc, payload) in enumerate(items):
        out += frame(REMOTE, proc, serial, payload)
    return out


def u32(*v):
    return struct.pack(">" + "I" * len(v), *v)


def i32(*v):
    return struct.pack(">" + "i" * len(v), *v)


OPEN = [(66, b""), (60, i32(10)), (1, xopt_str("test:///default") + u32(0)), (60, i32(14))]

SEEDS = {
    "handshake_version": (0, calls(*OPEN, (3, b""), (4, b""), (157, b""), (110, b""), (2, b""))),
    "lookups": (0, calls(*OPEN, (23, xstr("test")), (22, i32(1)), (24, TEST_UUID),
                         (23, xstr("missing")), (273, i32(1) + u32(3)), (16, DOM),
                         (212, DOM + u32(0)), (14, DOM + u32(0)), (121, DOM), (122, b""),
                         (6, b""), (426, DOM + u32(0)))),
    "lifecycle": (0, calls(*OPEN, (11, xstr(XML)), (23, xstr("f1")), (34, DOM), (28, DOM),
                           (12, DOM), (9, DOM), (204, DOM + struct.pack(">QI", 1024, 2)),
                           (35, DOM))),
    "legacy_lists": (0, calls(*OPEN, (51, b""), (37, i32(10)), (25, b""), (21, i32(10)),
                              (52, b""), (38, i32(5)), (71, b""), (72, i32(5)), (111,
                              u32(0) + u32(0)), (112, u32(0) + i32(10) + u32(0)))),
    "events": (0, calls(*OPEN, (316, i32(0) + u32(0)), (316, i32(0) + u32(0)),
                        (316, i32(27) + u32(0)), (316, i32(3) + u32(1) + DOM), (34, DOM),
                        (317, i32(0)), (317, i32(77)), (167, i32(0)), (168, i32(0)),
                        (313, i32(0) + u32(0)), (368, i32(1) + u32(0)), (374, i32(0) + u32(0)),
                        (380, i32(0) + u32(0)))),
    "storage_network": (0, calls(*OPEN, (84, xstr("default-pool")), (87, POOL), (88, POOL + u32(0)),
                                 (281, i32(1) + u32(0)), (282, POOL + i32(1) + u32(0)),
                                 (46, xstr("default")), (43, NET + u32(0)), (283, i32(1) + u32(3)),
                                 (95, POOL + xstr("nope")), (285, i32(1) + u32(0x80000000)))),
    "typed_params": (0, calls(*OPEN, (60, i32(9)), (198, DOM + i32(0) + u32(4)),
                              (198, DOM + i32(3) + u32(4)), (56, DOM), (57, DOM + i32(1)),
                              (344, u32(0) + u32(1) + u32(0)), (198, DOM + i32(99) + u32(0)))),
    "read_only_socket": (1, calls(*OPEN, (12, DOM), (14, DOM + u32(1)), (211, DOM + u32(0, 0)),
                                  (41, xstr("<network/>")), (23, xstr("test")))),
    "read_only_flag": (0, calls((66, b""), (1, xopt_str("test:///default") + u32(1)),
                                (34, DOM), (200, DOM + u32(8)))),
    "before_open": (0, calls((3, b""), (60, i32(14)), (66, b""), (1, xopt_str(None) + u32(6)),
                             (110, b""), (1, xopt_str("test:///default") + u32(0)), (3, b""))),
    "bad_frames": (0, frame(0x12345678, 3, 0) + frame(REMOTE, 3, 1, vers=2) +
                   frame(REMOTE, 9999, 2) + frame(REMOTE, 0, 3) +
                   frame(REMOTE, 66, 4, status=ERROR) + frame(REMOTE, 3, 5, mtype=REPLY) +
                   frame(REMOTE, 23, 6, b"\0\0\0\x10ab") + frame(QEMU, 1, 7, DOM) +
                   frame(KEEPALIVE, 1, 0, mtype=MESSAGE) +
                   frame(REMOTE, 211, 8, b"xx", mtype=STREAM, status=CONTINUE)),
    "truncated": (0, calls(*OPEN)[:-7]),
    "close_then_call": (0, calls(*OPEN, (360, b""), (361, b""), (2, b""), (3, b""))),
}


def main():
    out = os.path.join(HERE, "corpus")
    os.makedirs(out, exist_ok=True)
    for name, (kind, data) in SEEDS.items():
        with open(os.path.join(out, name + ".bin"), "wb") as f:
            f.write(bytes([kind]) + data)
    print("wrote %d seeds" % len(SEEDS))


if __name__ == "__main__":
    main()
