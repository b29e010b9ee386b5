#!/usr/bin/env bash
# The host loop's wake-up latency against cyclictest's on the same machine, in the same run, with the same
# settings (1 kHz, SCHED_FIFO 80, memory locked, one thread), then the p99.9 ratio (issue target: ≤ 1.5).
# Needs rt-tests (apt-get install rt-tests) and the AOT host (make aot). Root (or CAP_SYS_NICE + CAP_IPC_LOCK)
# for SCHED_FIFO and mlockall; without them both run unprivileged and the report says so.
set -euo pipefail
cd "$(dirname "$0")/.."
CYCLES="${CYCLES:-20000}"
PRIO="${PRIO:-80}"
HOST=bin/chargetwin-controller-aot
command -v cyclictest >/dev/null || { echo "jitter: cyclictest not found (apt-get install rt-tests)" >&2; exit 2; }
[ -x "$HOST" ] || { echo "jitter: $HOST not found (make aot)" >&2; exit 2; }

hist=$(mktemp)
trap 'rm -f "$hist"' EXIT
echo "== cyclictest -m -p $PRIO -i 1000 -l $CYCLES (one thread)"
cyclictest -m -p "$PRIO" -i 1000 -l "$CYCLES" -t 1 -q -h 100000 --histfile="$hist" >/dev/null
# The histogram file: one line per µs bucket with its count, then "# Max Latencys:" etc.
cyc=$(awk -v n="$CYCLES" '
  /^[0-9]/ { c[$1+0] = $2+0; total += $2 }
  /# Min Latencies/ { min = $4+0 } /# Avg Latencies/ { avg = $4+0 } /# Max Latencies/ { max = $4+0 }
  END {
    seen = 0; p99 = -1; p999 = -1
    for (us = 0; us <= 100000; us++) { seen += c[us]; if (p99 < 0 && seen >= 0.99 * total) p99 = us; if (p999 < 0 && seen >= 0.999 * total) p999 = us }
    printf "%d %d %d %d %d %d", total, min, avg, p99, p999, max }' "$hist")
read -r ctotal cmin cavg cp99 cp999 cmax <<<"$cyc"
echo "cyclictest: n $ctotal, min $cmin µs, mean $cavg µs, p99 $cp99 µs, p99.9 $cp999 µs, max $cmax µs"

echo "== $HOST jitter --period-us 1000 --cycles $CYCLES --fifo $PRIO --mlock"
out=$("$HOST" jitter --period-us 1000 --cycles "$CYCLES" --fifo "$PRIO" --mlock)
echo "$out"
hp999=$(echo "$out" | sed -n 's/.*p99\.9 \([0-9.]*\) µs.*/\1/p')
awk -v h="$hp999" -v c="$cp999" 'BEGIN {
  # cyclictest reports whole µs: a p99.9 of 0 µs is taken as 1 µs.
  if (c < 1) c = 1
  printf "p99.9 ratio (host / cyclictest): %.2f (target ≤ 1.5)\n", h / c }'
