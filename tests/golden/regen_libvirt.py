#!/usr/bin/python3
"""Regenerates golden expected files from Debian's real libvirt (the oracle).

usage: regen_libvirt.py FAMILY DATA_DIR

For every DATA_DIR/NAME.in.xml the document is handed to libvirt (its in-process test
driver, or a session daemon for secrets) and what libvirt prints back is saved as
DATA_DIR/NAME.out.xml. For every DATA_DIR/errors/NAME.xml the error libvirt raises is saved
as one line of DATA_DIR/errors/expected.tsv: "NAME.xml<TAB>code<TAB>message".

Run through the per-family tests/golden/<family>/regen_expected.sh wrappers."""

import glob
import os
import re
import sys
import tempfile

import libvirt

libvirt.registerErrorHandler(lambda *_: None, None)

TEST_URI = "test:///default"


def name_of(xml):
    m = re.search(r"<name>([^<]*)</name>", xml)
    return m.group(1) if m else None


def dump_network(xml):
    conn = libvirt.open(TEST_URI)
    return conn.networkDefineXML(xml).XMLDesc(0)


def dump_pool(xml):
    conn = libvirt.open(TEST_URI)
    return conn.storagePoolDefineXML(xml).XMLDesc(0)


def dump_volume(xml):
    conn = libvirt.open(TEST_URI)
    pool = conn.storagePoolLookupByName("default-pool")
    return pool.createXML(xml, 0).XMLDesc(0)


def dump_interface(xml):
    conn = libvirt.open(TEST_URI)
    return conn.interfaceDefineXML(xml).XMLDesc(0)


def dump_node_device(xml):
    # The test driver reads node devices only from a custom node file.
    with tempfile.NamedTemporaryFile("w", suffix=".xml", delete=False) as f:
        f.write("<node>\n" + xml + "</node>\n")
        path = f.name
    try:
        conn = libvirt.open("test://" + path)
        return conn.nodeDeviceLookupByName(name_of(xml)).XMLDesc(0)
    finally:
        os.unlink(path)


def dump_secret(xml):
    # libvirt's test driver has no secrets; a per-user session daemon does (this script is
    # run as an unprivileged user for this family, see secret/regen_expected.sh).
    conn = libvirt.open("qemu:///session")
    sec = conn.secretDefineXML(xml)
    try:
        return sec.XMLDesc(0)
    finally:
        sec.undefine()


def dump_capabilities(xml):
    # Inputs are test-driver node files; the output is the capabilities libvirt builds.
    with tempfile.NamedTemporaryFile("w", suffix=".xml", delete=False) as f:
        f.write(xml)
        path = f.name
    try:
        return libvirt.open("test://" + path).getCapabilities()
    finally:
        os.unlink(path)


DUMPERS = {
    "network": dump_network,
    "storage_pool": dump_pool,
    "storage_vol": dump_volume,
    "interface": dump_interface,
    "node_device": dump_node_device,
    "secret": dump_secret,
    "capabilities": dump_capabilities,
}


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in DUMPERS:
        sys.exit(__doc__)
    dump = DUMPERS[sys.argv[1]]
    data = sys.argv[2]
    for path in sorted(glob.glob(os.path.join(data, "*.in.xml"))):
        with open(path, encoding="utf-8") as f:
            xml = f.read()
        out = dump(xml)
        with open(path[: -len(".in.xml")] + ".out.xml", "w", encoding="utf-8") as f:
            f.write(out if out.endswith("\n") else out + "\n")
        print("wrote", os.path.basename(path)[: -len(".in.xml")] + ".out.xml")
    lines = []
    for path in sorted(glob.glob(os.path.join(data, "errors", "*.xml"))):
        with open(path, encoding="utf-8") as f:
            xml = f.read()
        try:
            dump(xml)
        except libvirt.libvirtError as e:
            msg = (e.get_error_message() or "").replace("\t", " ").replace("\n", " ")
            lines.append(f"{os.path.basename(path)}\t{e.get_error_code()}\t{msg}\n")
            continue
        sys.exit(f"{path}: libvirt accepted a document listed as an error case")
    if lines:
        with open(os.path.join(data, "errors", "expected.tsv"), "w", encoding="utf-8") as f:
            f.writelines(lines)
        print("wrote errors/expected.tsv with", len(lines), "cases")


if __name__ == "__main__":
    main()
