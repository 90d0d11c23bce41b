#!/bin/sh
# Regenerates the libvirt-produced files of tests/data/capabilities/:
#   test_default.xml           capabilities of libvirt 9.0's test driver (test:///default)
#   qemu_session_host.xml      with --host: this machine's capabilities from a per-user
#   domcaps_qemu_*.xml         libvirtd session daemon (qemu:///session), run as 'nobody'
#                              with a throwaway HOME. These depend on the host's CPU and
#                              QEMU build, so they are only refreshed on request.
# The hand_*.xml files are hand-written (see README.md). Review the diff before committing.
set -eu
cd "$(dirname "$0")/../../.."
data=tests/data/capabilities
/usr/bin/python3 -c "
import libvirt
libvirt.registerErrorHandler(lambda *_: None, None)
open('$data/test_default.xml', 'w').write(libvirt.open('test:///default').getCapabilities())
"
echo "wrote $data/test_default.xml"
[ "${1:-}" = "--host" ] || exit 0
[ "$(id -u)" = 0 ] || { echo "--host needs root (it drops to 'nobody')" >&2; exit 1; }
home=$(mktemp -d)
chmod 777 "$home"
before=$(pgrep -u nobody -x libvirtd || true)
runuser -u nobody -- env HOME="$home" XDG_RUNTIME_DIR="$home/run" XDG_CONFIG_HOME="$home/cfg" \
    XDG_CACHE_HOME="$home/cache" /usr/bin/python3 -c "
import libvirt
libvirt.registerErrorHandler(lambda *_: None, None)
c = libvirt.open('qemu:///session')
open('$home/qemu_session_host.xml', 'w').write(c.getCapabilities())
for name, arch, machine in [('q35', 'x86_64', 'q35'), ('pc', 'x86_64', 'pc'), ('i686', 'i686', None)]:
    open('$home/domcaps_qemu_%s.xml' % name, 'w').write(c.getDomainCapabilities(None, arch, machine, 'qemu', 0))
"
cp "$home"/qemu_session_host.xml "$home"/domcaps_qemu_*.xml "$data/"
echo "wrote $data/qemu_session_host.xml and $data/domcaps_qemu_*.xml"
# Stop the session daemon this run autostarted (by pid; any that existed before stay).
for pid in $(pgrep -u nobody -x libvirtd || true); do
    case " $before " in *" $pid "*) ;; *) kill "$pid" 2>/dev/null || true ;; esac
done
rm -rf "$home" 2>/dev/null || true
