#!/bin/sh
# Regenerates tests/data/node_device/*.out.xml and errors/expected.tsv from libvirt's own test
# driver, which reads node devices only from a node file (one is written per device). Debian's
# libvirt 9.0 through python3-libvirt. Review the diff before committing.
set -eu
cd "$(dirname "$0")/../../.."
exec /usr/bin/python3 tests/golden/regen_libvirt.py node_device tests/data/node_device
