#!/bin/sh
# Regenerates tests/data/domain/**/*.out.xml, live/*.live.xml, live/*.secure.xml and
# errors/expected.tsv from libvirt's own test driver (Debian's libvirt 9.0 through
# python3-libvirt): libvirt itself writes every expected file. Review the diff before
# committing; see README.md for the cases where we deliberately differ.
set -eu
cd "$(dirname "$0")/../../.."
exec /usr/bin/python3 tests/golden/domain/regen_domain.py tests/data/domain
