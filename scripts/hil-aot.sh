#!/usr/bin/env bash
# Real-time HIL against the NativeAOT controller, and its decisions against the JIT build's on the same inputs
# (issue 23: "the AOT x64 controller runs a full closed loop against the bench over the UDP power-stage link and
# gives the same decisions as the JIT build on the same inputs").
#
#   scripts/hil-aot.sh            # builds what is missing (make aot takes ~2.5–3 min under load), then runs
#   LIMIT=60 OUT=out/hil-aot scripts/hil-aot.sh
#
# 1. chargetwin-bench hil runs a one-scenario campaign in real time (LIMIT s of charge at 25 °C from 20 % SOC, the
#    time limit ends it) on UDP loopback; 2. bin/chargetwin-controller-aot run is the controller, a separate process,
#    recording the bus it saw (frames.log) and its decisions (decisions.csv), stopping itself (--duration) after the
#    bench's scenario while the bench holds the output off; 3. the JIT controller's replay of the AOT run's frames,
#    with the run's loop timing, must give the AOT run's decision log byte for byte up to the run's own stop (the
#    stop is the run's, not the frames'). Exit 0 when it does, 1 when not (or when a process fails).
set -euo pipefail
cd "$(dirname "$0")/.."
LIMIT="${LIMIT:-30}"
OUT="${OUT:-out/hil-aot}"
BENCH_PORT="${BENCH_PORT:-47210}"
CONTROLLER_PORT="${CONTROLLER_PORT:-47211}"
AOT=bin/chargetwin-controller-aot

[ -x "$AOT" ] && [ "${REBUILD:-0}" = 0 ] || make aot
dotnet build hil-bench/cli/ChargeTwin.Bench.csproj -c Release --nologo -v quiet
dotnet build controller/Host/ChargeTwin.ControllerHost.csproj -c Release --nologo -v quiet
BENCH=(dotnet hil-bench/cli/bin/Release/net10.0/chargetwin-bench.dll)
JIT=(dotnet controller/Host/bin/Release/net10.0/chargetwin-controller.dll)

rm -rf "$OUT"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
cat >"$OUT/campaign.yaml" <<YAML
name: hil-aot
seed: 3
period: 1 s
time_limit: $LIMIT s
plant: {volumes: 6, shells: 6}
ambient: 25 °C
start_soc: 20 %
target_soc: 80 %
charger: {max_current: 3C, max_voltage: 4.2 V, slew: 15 A/s}
controllers:
  aot: {type: external}
report: {plots: all, traces: true}
YAML
cat >"$OUT/host.yaml" <<YAML
cell: lgm50
charge: {initial_soc: 0.2, initial_soc_sigma: 0.05}
charger: {max_current_A: 15, max_voltage_V: 4.2, ramp_A_per_s: 15}
twin: {solver_divisor: 100}
loop: {fifo_priority: 50}
link: {transport: udp, local: 127.0.0.1:$CONTROLLER_PORT, remote: 127.0.0.1:$BENCH_PORT}
safety: {safe_stop_timeout_ms: 1000}
logs: {frames: frames.log, decisions: decisions.csv}
YAML

echo "== bench: chargetwin-bench hil --campaign $OUT/campaign.yaml --controller udp://127.0.0.1:$CONTROLLER_PORT --listen 127.0.0.1:$BENCH_PORT --out $OUT/report"
"${BENCH[@]}" hil --campaign "$OUT/campaign.yaml" --controller "udp://127.0.0.1:$CONTROLLER_PORT" --listen "127.0.0.1:$BENCH_PORT" --out "$OUT/report" >"$OUT/bench.log" 2>&1 &
bench=$!
for _ in $(seq 1 600); do
  grep -q listening "$OUT/bench.log" 2>/dev/null && break
  kill -0 "$bench" 2>/dev/null || { cat "$OUT/bench.log"; exit 1; }
  sleep 0.2
done
grep -q listening "$OUT/bench.log" || { echo "hil-aot: the bench never listened" >&2; kill "$bench"; exit 1; }

# The controller stops itself after the bench's scenario (which began before the controller did).
echo "== controller: $AOT run --config $OUT/host.yaml --duration $((LIMIT + 2))"
set +e
"$AOT" run --config "$OUT/host.yaml" --duration "$((LIMIT + 2))" >"$OUT/controller.log" 2>&1
controller_rc=$?
wait "$bench"
bench_rc=$?
set -e
cat "$OUT/controller.log"
cat "$OUT/bench.log"
[ "$controller_rc" = 0 ] || { echo "hil-aot: the AOT controller exited $controller_rc" >&2; exit 1; }
[ "$bench_rc" = 0 ] || { echo "hil-aot: the bench exited $bench_rc" >&2; exit 1; }

# The JIT build's replay of the AOT run's frames, up to the AOT run's stop.
stop_line=$(grep -n '"safe stop: duration reached"' "$OUT/decisions.csv" | head -1 | cut -d: -f1)
[ -n "$stop_line" ] || { echo "hil-aot: no safe-stop row in $OUT/decisions.csv" >&2; exit 1; }
stop_t=$(sed -n "${stop_line}p" "$OUT/decisions.csv" | cut -d, -f1)
echo "== JIT replay: chargetwin-controller replay --config $OUT/host.yaml --frames $OUT/frames.log --until $stop_t --timing $OUT/decisions.csv"
"${JIT[@]}" replay --config "$OUT/host.yaml" --frames "$OUT/frames.log" --decisions "$OUT/replay-jit.csv" --until "$stop_t" --timing "$OUT/decisions.csv"
head -n "$((stop_line - 1))" "$OUT/decisions.csv" >"$OUT/aot-until-stop.csv"
head -n "$((stop_line - 1))" "$OUT/replay-jit.csv" >"$OUT/jit-until-stop.csv"
rows=$((stop_line - 2))
decisions=$(awk -F, 'NR > 1 && $2 == 1' "$OUT/aot-until-stop.csv" | wc -l)
enabled=$(awk -F, 'NR > 1 && $2 == 1 && $13 == 1' "$OUT/aot-until-stop.csv" | wc -l)
sha_aot=$(sha256sum <"$OUT/aot-until-stop.csv" | cut -c1-16)
sha_jit=$(sha256sum <"$OUT/jit-until-stop.csv" | cut -c1-16)
echo "AOT run: $rows decision-log rows up to its stop at $stop_t s ($decisions decisions, $enabled with the output enabled); sha256 $sha_aot"
echo "JIT replay of its frames:                                       sha256 $sha_jit"
if cmp -s "$OUT/aot-until-stop.csv" "$OUT/jit-until-stop.csv"; then
  echo "hil-aot: SAME DECISIONS — the AOT run's decision log and the JIT replay of its frames are identical byte for byte"
else
  echo "hil-aot: DIFFERENT — first difference:" >&2
  diff "$OUT/aot-until-stop.csv" "$OUT/jit-until-stop.csv" | head -5 >&2
  exit 1
fi
