#!/bin/sh
# Runs ../shared/bench/libvirt_bench.py against a private nodevirtd (release build) and against
# Debian's libvirtd in the same session, one after the other, then compares them.
#   bench/daemon_vs_libvirtd.sh [OUTDIR]      (default /tmp/nodevirt-bench)
# Needs: scripts/build release; ../shared/bench next to the project. Results: OUTDIR/*.jsonl
# and OUTDIR/compare.md. SCENARIOS and RUNS may be set in the environment.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
B=${BENCH_DIR:-$root/../shared/bench}
out=${1:-/tmp/nodevirt-bench}
runs=${RUNS:-2}
scenarios=${SCENARIOS:-connect,small,scale}
daemon="$root/build/src/daemon/nodevirtd"
[ -x "$daemon" ] || { echo "error: $daemon missing; run scripts/build release" >&2; exit 1; }
mkdir -p "$out"
dir=$(mktemp -d /tmp/nodevirtd-bench.XXXXXX)
cat > "$dir/nodevirtd.conf" <<CONF
unix_sock_dir = "$dir/sock"
log_level = 3
log_outputs = "3:file:$dir/nodevirtd.log"
state_dir = "$dir/state"
run_dir = "$dir/run"
cache_dir = "$dir/cache"
CONF
sock="$dir/sock/libvirt-sock"
uri="test+unix:///default?socket=$sock"

# Idle RSS and start-up of both daemons.
/usr/bin/python3 "$B/daemon_startup.py" --cmd "$daemon --config $dir/nodevirtd.conf --pid-file $dir/pid" \
    --uri "$uri" --socket "$sock" --reps 3 --label nodevirtd > "$out/startup-nodevirtd.jsonl"

i=1
while [ "$i" -le "$runs" ]; do
    "$daemon" --config "$dir/nodevirtd.conf" --pid-file "$dir/pid" --daemon
    /usr/bin/python3 "$B/libvirt_bench.py" --uri "$uri" --scenarios "$scenarios" \
        --daemon-pid "$(cat "$dir/pid")" --label nodevirtd --out "$out/nodevirtd-run$i.jsonl" > /dev/null
    kill "$(cat "$dir/pid")"; sleep 1
    "$B/start_libvirtd.sh" start > /dev/null
    /usr/bin/python3 "$B/libvirt_bench.py" --scenarios "$scenarios" --label libvirtd \
        --out "$out/libvirtd-run$i.jsonl" > /dev/null
    "$B/start_libvirtd.sh" stop > /dev/null
    i=$((i + 1))
done
/usr/bin/python3 "$B/summarize.py" --compare "$out"/libvirtd-run*.jsonl -- "$out"/nodevirtd-run*.jsonl \
    | tee "$out/compare.md"
rm -rf "$dir"
