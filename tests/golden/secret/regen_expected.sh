#!/bin/sh
# Regenerates tests/data/secret/*.out.xml and errors/expected.tsv. libvirt's test driver
# has no secrets, so this asks a per-user libvirtd session daemon (autostarted by the client,
# exits by itself after two idle minutes). Run as root it drops to 'nobody' with a throwaway
# HOME, so the session daemon never touches real state. Review the diff before committing.
set -eu
cd "$(dirname "$0")/../../.."
if [ "$(id -u)" = 0 ]; then
    home=$(mktemp -d)
    chmod 755 "$home"
    workdir=$(mktemp -d)
    cp -r tests/data/secret "$workdir/"
    cp tests/golden/regen_libvirt.py "$workdir/"
    chown -R nobody "$workdir" "$home"
    before=$(pgrep -u nobody -x libvirtd || true)
    runuser -u nobody -- env HOME="$home" XDG_RUNTIME_DIR="$home/run" XDG_CONFIG_HOME="$home/cfg" \
        XDG_CACHE_HOME="$home/cache" /usr/bin/python3 "$workdir/regen_libvirt.py" secret "$workdir/secret"
    cp "$workdir"/secret/*.out.xml tests/data/secret/
    cp "$workdir"/secret/errors/expected.tsv tests/data/secret/errors/
    rm -rf "$workdir"
    # Stop the session daemon this run autostarted (by pid; any that existed before stay).
    for pid in $(pgrep -u nobody -x libvirtd || true); do
        case " $before " in *" $pid "*) ;; *) kill "$pid" 2>/dev/null || true ;; esac
    done
    rm -rf "$home" 2>/dev/null || true
else
    exec /usr/bin/python3 tests/golden/regen_libvirt.py secret tests/data/secret
fi
