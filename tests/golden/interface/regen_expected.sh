#!/bin/sh
# Regenerates tests/data/interface/*.out.xml and errors/expected.tsv from libvirt's own test
# driver (Debian's libvirt 9.0 through python3-libvirt). Review the diff before committing.
set -eu
cd "$(dirname "$0")/../../.."
exec /usr/bin/python3 tests/golden/regen_libvirt.py interface tests/data/interface
