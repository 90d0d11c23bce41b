#!/usr/bin/python3
"""Regenerates the domain golden files from Debian's real libvirt 9.0 (the oracle).

usage: regen_domain.py DATA_DIR

  DATA_DIR/NAME.in.xml, DATA_DIR/postparse/NAME.in.xml
      defined in a fresh test:///default connection; `dumpxml --inactive` is saved as
      NAME.out.xml. NAME.out.xml is defined again; when libvirt does not print it back
      unchanged, what it prints is saved as NAME.redefined.xml (see README.md).
  DATA_DIR/live/NAME.in.xml
      defined and started; dumpxml is saved as NAME.live.xml and dumpxml --security-info
      --inactive as NAME.secure.xml.
  DATA_DIR/snapshot/NAME.in.xml
      <domainsnapshot> documents redefined (snapshot-create --redefine) in name order on the
      domain embedded in the first one; snapshot-dumpxml is saved as NAME.out.xml and with
      --security-info as NAME.secure.xml.
  DATA_DIR/errors/NAME.xml
      must be rejected; "NAME.xml<TAB>code<TAB>message" goes to errors/expected.tsv. Files
      named validate_*.xml are defined with VIR_DOMAIN_DEFINE_VALIDATE (virsh define
      --validate); their messages come from libxml2's RelaxNG validator, so
      errors/overrides.tsv names the substring our message carries instead.
"""

import glob
import os
import sys

import libvirt

libvirt.registerErrorHandler(lambda *_: None, None)

URI = "test:///default"


def fresh():
    # Every test:///default connection in a process shares one driver until the last one
    # closes, so each document gets a connection of its own, closed afterwards.
    return libvirt.open(URI)


def dump_inactive(xml, flags=0):
    conn = fresh()
    try:
        dom = conn.defineXMLFlags(xml, flags)
        return dom.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE)
    finally:
        conn.close()


def dump_live(xml):
    conn = fresh()
    try:
        dom = conn.defineXML(xml)
        dom.create()
        live = dom.XMLDesc(0)
        secure = dom.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE | libvirt.VIR_DOMAIN_XML_SECURE)
        return live, secure
    finally:
        conn.close()


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text if text.endswith("\n") else text + "\n")


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def regen_pairs(folder):
    for path in sorted(glob.glob(os.path.join(folder, "*.in.xml"))):
        try:
            out = dump_inactive(read(path))
        except libvirt.libvirtError as e:
            sys.exit(f"{path}: libvirt rejected it: {e.get_error_message()}")
        out_path = path[: -len(".in.xml")] + ".out.xml"
        write(out_path, out)
        # Defining libvirt's own output again does not always give it back (disks are
        # re-sorted by bus once buses are explicit); keep what libvirt prints then.
        again = dump_inactive(out)
        redefined = path[: -len(".in.xml")] + ".redefined.xml"
        note = ""
        if again != out:
            write(redefined, again)
            note = "  (+ .redefined.xml: libvirt does not reprint it unchanged)"
        elif os.path.exists(redefined):
            os.unlink(redefined)
        print("wrote", os.path.relpath(out_path, folder) + note)


def regen_live(folder):
    for path in sorted(glob.glob(os.path.join(folder, "*.in.xml"))):
        live, secure = dump_live(read(path))
        base = path[: -len(".in.xml")]
        write(base + ".live.xml", live)
        write(base + ".secure.xml", secure)
        print("wrote", os.path.basename(base) + ".live.xml/.secure.xml")


def regen_snapshots(folder):
    # All snapshots in the folder belong to one domain and are redefined in name order in one
    # connection (parents before children); the domain is the one embedded in the first.
    paths = sorted(glob.glob(os.path.join(folder, "*.in.xml")))
    if not paths:
        return
    first = read(paths[0])
    domain_xml = first[first.index("<domain "): first.index("</domain>") + len("</domain>")]
    conn = fresh()
    try:
        dom = conn.defineXML(domain_xml)
        for path in paths:
            snap = dom.snapshotCreateXML(read(path), libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE)
            base = path[: -len(".in.xml")]
            write(base + ".out.xml", snap.getXMLDesc(0))
            write(base + ".secure.xml", snap.getXMLDesc(libvirt.VIR_DOMAIN_SNAPSHOT_XML_SECURE))
            print("wrote snapshot", os.path.basename(base) + ".out.xml/.secure.xml")
    finally:
        conn.close()


def regen_errors(folder):
    lines = []
    for path in sorted(glob.glob(os.path.join(folder, "*.xml"))):
        name = os.path.basename(path)
        flags = libvirt.VIR_DOMAIN_DEFINE_VALIDATE if name.startswith("validate_") else 0
        try:
            dump_inactive(read(path), flags)
        except libvirt.libvirtError as e:
            msg = (e.get_error_message() or "").replace("\t", " ").replace("\n", " ")
            lines.append(f"{name}\t{e.get_error_code()}\t{msg}\n")
            continue
        sys.exit(f"{path}: libvirt accepted a document listed as an error case")
    with open(os.path.join(folder, "expected.tsv"), "w", encoding="utf-8") as f:
        f.writelines(lines)
    print("wrote errors/expected.tsv with", len(lines), "cases")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    data = sys.argv[1]
    regen_pairs(data)
    regen_pairs(os.path.join(data, "postparse"))
    regen_live(os.path.join(data, "live"))
    regen_snapshots(os.path.join(data, "snapshot"))
    regen_errors(os.path.join(data, "errors"))


if __name__ == "__main__":
    main()
