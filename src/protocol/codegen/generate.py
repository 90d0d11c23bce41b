#!/usr/bin/python3
"""Generates the protocol C++ sources from src/protocol/wire_protocol.def.

    generate.py --input wire_protocol.def --out DIR --codec-parts N --test-parts M

Writes into DIR: types.h, codec_0..N-1.cc, procedures.h, procedures.cc, traits.h, client.h/.cc,
payload_codec.cc, and the test-only sample.h, sample.cc, roundtrip_test_0..M-1.cc.
Run by CMake at build time (src/protocol/CMakeLists.txt); nothing generated is committed.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import emit_tables  # noqa: E402
import emit_tests  # noqa: E402
import emit_types  # noqa: E402
import model  # noqa: E402


def write(directory, name, text):
    path = os.path.join(directory, name)
    with open(path + ".tmp", "w") as f:
        f.write(text)
    os.replace(path + ".tmp", path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--codec-parts", type=int, default=6)
    ap.add_argument("--test-parts", type=int, default=3)
    opts = ap.parse_args()
    try:
        m = model.parse_file(opts.input)
    except model.DescError as e:
        print("error: %s" % e, file=sys.stderr)
        return 1
    os.makedirs(opts.out, exist_ok=True)
    write(opts.out, "types.h", emit_types.emit_types(m))
    for i, text in enumerate(emit_types.emit_codecs(m, opts.codec_parts)):
        write(opts.out, "codec_%d.cc" % i, text)
    write(opts.out, "procedures.h", emit_tables.emit_procedures_h(m))
    write(opts.out, "procedures.cc", emit_tables.emit_procedures_cc(m))
    write(opts.out, "traits.h", emit_tables.emit_traits(m))
    client_h, client_cc = emit_tables.emit_client(m)
    write(opts.out, "client.h", client_h)
    write(opts.out, "client.cc", client_cc)
    write(opts.out, "payload_codec.cc", emit_tables.emit_payload_codecs(m))
    header, body = emit_tests.emit_sample(m)
    write(opts.out, "sample.h", header)
    write(opts.out, "sample.cc", body)
    for i, text in enumerate(emit_tests.emit_roundtrip_tests(m, opts.test_parts)):
        write(opts.out, "roundtrip_test_%d.cc" % i, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
