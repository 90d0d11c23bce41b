#!/bin/sh
# Builds the tiny test guest: $OUT/vmlinuz + $OUT/initrd.gz, from Debian's kernel and
# busybox-static. The initramfs's /init loads the virtio/ACPI modules, starts busybox acpid
# (the ACPI power button runs `poweroff -f`), prints GUEST-READY-MARKER on the serial console,
# runs DHCP on every eth*, and prints a tick line each second.
#
#   build-guest.sh OUT_DIR
#
# Environment:
#   NODEVIRT_GUEST_CACHE   cache dir (default: ${XDG_CACHE_HOME:-$HOME/.cache}/nodevirt/guest)
#   NODEVIRT_GUEST_KERNEL  "auto" (default): /boot + /lib/modules when present, else apt;
#                          "apt": always the package apt offers for linux-image-amd64
#
# The kernel is never installed: `apt-get download` fetches the linux-image package into the
# cache and `dpkg-deb -x` unpacks it there. Results are cached per kernel version (and per
# version of this script and of busybox), so repeated runs take milliseconds.
set -eu

die() { echo "build-guest: $*" >&2; exit 1; }

[ $# -eq 1 ] || die "usage: build-guest.sh OUT_DIR"
OUT=$1
CACHE=${NODEVIRT_GUEST_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/nodevirt/guest}
KERNEL_SOURCE=${NODEVIRT_GUEST_KERNEL:-auto}
SELF=$(readlink -f "$0")

# Modules in load order: virtio_ring before virtio, or insmod reports unknown symbols.
MODULES="drivers/virtio/virtio_ring drivers/virtio/virtio drivers/virtio/virtio_pci_legacy_dev
drivers/virtio/virtio_pci_modern_dev drivers/virtio/virtio_pci drivers/block/virtio_blk
drivers/virtio/virtio_balloon net/core/failover drivers/net/net_failover drivers/net/virtio_net
drivers/char/virtio_console drivers/acpi/button drivers/input/evdev"

mkdir -p "$CACHE" "$OUT"
exec 9>"$CACHE/.lock"
flock -w 900 9 || die "timed out waiting for another build (lock $CACHE/.lock)"

# --- the kernel: version, vmlinuz and module tree -------------------------------------------
apt_kernel_package() {
    # linux-image-amd64 is a metapackage depending on exactly one linux-image-<ver>-amd64.
    apt-cache depends linux-image-amd64 2>/dev/null |
        sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*-amd64\)$/\1/p' | head -n 1
}

have_modules() {  # $1 = module tree root (…/lib/modules/<ver>)
    for m in $MODULES; do
        [ -e "$1/kernel/$m.ko" ] || [ -e "$1/kernel/$m.ko.xz" ] || [ -e "$1/kernel/$m.ko.zst" ] ||
            return 1
    done
}

KVER=""
if [ "$KERNEL_SOURCE" = auto ]; then
    for k in $(ls -1 /boot/vmlinuz-*-amd64 2>/dev/null | sort -V -r); do
        v=${k#/boot/vmlinuz-}
        if [ -r "$k" ] && have_modules "/lib/modules/$v"; then
            KVER=$v; VMLINUZ=$k; MODROOT=/lib/modules/$v; break
        fi
    done
fi
if [ -z "$KVER" ]; then
    PKG=$(apt_kernel_package)
    [ -n "$PKG" ] || die "apt offers no linux-image-amd64 (run apt-get update?)"
    KVER=${PKG#linux-image-}
    TREE="$CACHE/kernel-$KVER"
    if [ ! -e "$TREE/.complete" ]; then
        rm -rf "$TREE" "$CACHE/download"
        mkdir -p "$CACHE/download"
        echo "build-guest: downloading $PKG" >&2
        (cd "$CACHE/download" && apt-get download -q -o APT::Sandbox::User=root "$PKG" >&2) || die "apt-get download $PKG failed"
        deb=$(ls -1 "$CACHE"/download/"$PKG"_*.deb | head -n 1)
        rm -rf "$CACHE/unpack" "$TREE.tmp"
        dpkg-deb -x "$deb" "$CACHE/unpack" || die "cannot unpack $deb"
        # Keep only what the guest needs: the image and our modules (the package is ~400 MB).
        mkdir -p "$TREE.tmp/boot"
        cp "$CACHE/unpack/boot/vmlinuz-$KVER" "$TREE.tmp/boot/" || die "no kernel image in $PKG"
        src="$CACHE/unpack/lib/modules/$KVER"
        [ -d "$src" ] || src="$CACHE/unpack/usr/lib/modules/$KVER"   # merged-/usr packages
        for m in $MODULES; do
            for f in "$src/kernel/$m".ko*; do
                [ -e "$f" ] || continue
                mkdir -p "$TREE.tmp/lib/modules/$KVER/kernel/$(dirname "$m")"
                cp "$f" "$TREE.tmp/lib/modules/$KVER/kernel/$(dirname "$m")/"
            done
        done
        rm -rf "$CACHE/download" "$CACHE/unpack"
        touch "$TREE.tmp/.complete"
        mv "$TREE.tmp" "$TREE"
    fi
    VMLINUZ="$TREE/boot/vmlinuz-$KVER"
    MODROOT="$TREE/lib/modules/$KVER"
    [ -r "$VMLINUZ" ] || die "no kernel image in $PKG"
    have_modules "$MODROOT" || die "modules missing from $PKG"
fi

# --- busybox (static: the initramfs has no libc) ---------------------------------------------
BUSYBOX=""
for b in /bin/busybox /usr/bin/busybox; do
    if [ -x "$b" ] && ! ldd "$b" >/dev/null 2>&1; then BUSYBOX=$b; break; fi
done
if [ -z "$BUSYBOX" ]; then
    BB="$CACHE/busybox-static"
    if [ ! -x "$BB/bin/busybox" ]; then
        rm -rf "$BB" "$CACHE/download"; mkdir -p "$CACHE/download"
        (cd "$CACHE/download" && apt-get download -q -o APT::Sandbox::User=root busybox-static >&2) || die "no busybox-static"
        dpkg-deb -x "$CACHE"/download/busybox-static_*.deb "$BB"
        rm -rf "$CACHE/download"
    fi
    BUSYBOX="$BB/bin/busybox"
fi

# --- cached result ---------------------------------------------------------------------------
KEY=$( { echo "$KVER"; cksum <"$SELF"; cksum <"$BUSYBOX"; cksum <"$VMLINUZ"; } | cksum | cut -d' ' -f1)
RESULT="$CACHE/guest-$KVER-$KEY"
if [ ! -e "$RESULT/.complete" ]; then
    rm -rf "$RESULT.tmp"
    R="$RESULT.tmp/root"
    mkdir -p "$R/bin" "$R/etc/acpi/PWRF" "$R/proc" "$R/sys" "$R/dev" "$R/tmp" "$R/lib/modules"
    cp "$BUSYBOX" "$R/bin/busybox"
    for a in $("$BUSYBOX" --list); do
        [ "$a" = busybox ] || ln -s busybox "$R/bin/$a"   # never a self-link
    done
    for m in $MODULES; do
        name=$(basename "$m")
        if [ -e "$MODROOT/kernel/$m.ko" ]; then cp "$MODROOT/kernel/$m.ko" "$R/lib/modules/$name.ko"
        elif [ -e "$MODROOT/kernel/$m.ko.xz" ]; then xz -dc "$MODROOT/kernel/$m.ko.xz" >"$R/lib/modules/$name.ko"
        else zstd -qdc "$MODROOT/kernel/$m.ko.zst" >"$R/lib/modules/$name.ko"
        fi
    done
    cat >"$R/etc/acpi/PWRF/00000080" <<'EOF'
#!/bin/sh
echo "ACPI-POWERBUTTON: powering off" >/dev/ttyS0
sync
poweroff -f
EOF
    cat >"$R/etc/udhcpc.sh" <<'EOF'
#!/bin/sh
case "$1" in
bound|renew)
    ip addr add "$ip/$mask" dev "$interface"
    [ -n "$router" ] && ip route add default via "$router"
    echo "DHCP-BOUND $interface $ip/$mask router=$router dns=$dns" ;;
esac
EOF
    cat >"$R/init" <<'EOF'
#!/bin/sh
# PID 1 is this shell, not busybox init: hence `poweroff -f` in the ACPI handler.
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
for m in virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci virtio_blk \
         virtio_balloon failover net_failover virtio_net virtio_console button evdev; do
    insmod /lib/modules/$m.ko || echo "insmod $m failed"
done
# acpid watches the input devices present when it starts: wait (bounded) for the button's.
i=0
while [ $i -lt 50 ] && ! ls /dev/input/event* >/dev/null 2>&1; do sleep 0.1; i=$((i + 1)); done
acpid -c /etc/acpi -l /tmp/acpid.log
echo "GUEST-READY-MARKER uptime=$(cut -d' ' -f1 /proc/uptime)"
for n in /sys/class/net/eth*; do
    [ -e "$n" ] || continue
    i=${n##*/}
    ip link set "$i" up
    (udhcpc -i "$i" -n -q -T 1 -t 10 -s /etc/udhcpc.sh >/dev/ttyS0 2>&1 &)
done
( while true; do
    echo "tick $(cut -d' ' -f1 /proc/uptime) blk=$(ls /sys/block | tr '\n' ,) net=$(ls /sys/class/net | tr '\n' ,)"
    sleep 1
  done ) &
while true; do wait; sleep 1; done
EOF
    chmod 755 "$R/init" "$R/etc/acpi/PWRF/00000080" "$R/etc/udhcpc.sh"
    if command -v cpio >/dev/null 2>&1; then CPIO="cpio --quiet"; else CPIO="$BUSYBOX cpio"; fi
    (cd "$R" && find . | LC_ALL=C sort | $CPIO -o -H newc) | gzip -1 >"$RESULT.tmp/initrd.gz"
    cp "$VMLINUZ" "$RESULT.tmp/vmlinuz"
    echo "$KVER" >"$RESULT.tmp/kernel-version"
    rm -rf "$R"
    touch "$RESULT.tmp/.complete"
    rm -rf "$RESULT"
    mv "$RESULT.tmp" "$RESULT"
fi

for f in vmlinuz initrd.gz kernel-version; do
    cp "$RESULT/$f" "$OUT/$f.tmp"
    mv "$OUT/$f.tmp" "$OUT/$f"
done
echo "build-guest: $OUT (kernel $KVER, initrd $(wc -c <"$OUT/initrd.gz") bytes)" >&2
