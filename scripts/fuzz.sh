#!/usr/bin/env bash
# `make fuzz`: coverage-guided fuzzing of every reader of outside input (issue 29). Publishes tests/ChargeTwin.Fuzz,
# instruments the project's assemblies (and YamlDotNet, which the YAML readers sit on) with SharpFuzz, and runs each
# harness under AFL++ for FUZZ_SECONDS, one after another, printing executions per second, coverage and findings.
# Needs afl++ (apt-get install afl++) and the SharpFuzz.CommandLine dotnet tool (installed here into out/fuzz/tools).
#   FUZZ_SECONDS=180 (per harness)  FUZZ_TARGETS="campaign cell …" (default: all)  FUZZ_OUT=out/fuzz  FUZZ_NICE=19
# Findings stay in $FUZZ_OUT/<target>/default/{crashes,hangs}; each is replayed through the harness so its exception
# is printed. The corpus a run grew (its queue) is minimised with afl-cmin into $FUZZ_OUT/<target>/minimised: inputs
# there that are not yet in tests/ChargeTwin.Fuzz/corpus/<target> can be committed to it (README, Fuzzing).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-300}
out=${FUZZ_OUT:-out/fuzz}
nice_level=${FUZZ_NICE:-19}
bin="$out/bin"
tools="$out/tools"

command -v afl-fuzz >/dev/null || { echo "fuzz: afl-fuzz not found: apt-get install afl++ (README, Fuzzing)" >&2; exit 2; }

dotnet publish tests/ChargeTwin.Fuzz/ChargeTwin.Fuzz.csproj -c Release -o "$bin" --nologo -v quiet
# findings are replayed on an uninstrumented copy: instrumented code runs only under the fuzzer
dotnet publish tests/ChargeTwin.Fuzz/ChargeTwin.Fuzz.csproj -c Release -o "$out/replay" --nologo -v quiet
[ -x "$tools/sharpfuzz" ] || dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools" >/dev/null
for dll in "$bin"/ChargeTwin.*.dll "$bin"/chargetwin-controller.dll "$bin"/YamlDotNet.dll; do
  # instrumenting twice would fail; a fresh publish of an unchanged project leaves the instrumented file in place
  if [ ! -e "$dll.instrumented" ] || [ "$dll" -nt "$dll.instrumented" ]; then
    "$tools/sharpfuzz" "$dll" >/dev/null
    touch "$dll.instrumented"
  fi
done

targets=${FUZZ_TARGETS:-$(dotnet "$bin/chargetwin-fuzz.dll" list | awk '{print $1}')}
# AFL_FORKSRV_INIT_TMOUT: the .NET runtime can take longer than the default 10 s to start on a loaded machine
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_FORKSRV_INIT_TMOUT=60000
# A reader that allocates without bound fails with OutOfMemoryException (a crash) instead of taking the machine.
export DOTNET_GCHeapHardLimit=0x40000000 DOTNET_TieredPGO=0

printf '%-11s %8s %10s %9s %8s %7s %9s %6s %s\n' harness seconds execs exec/s coverage corpus minimised crash hangs
status=0
for t in $targets; do
  rm -rf "${out:?}/$t"
  # -t 10000: a single input taking 10 s is a hang; -m none: the .NET runtime reserves far more address space than it uses
  nice -n "$nice_level" afl-fuzz -i "tests/ChargeTwin.Fuzz/corpus/$t" -o "$out/$t" -V "$seconds" -t 10000 -m none \
    -- dotnet "$bin/chargetwin-fuzz.dll" "$t" afl > "$out/$t.log" 2>&1 || { echo "fuzz: afl-fuzz failed for $t (see $out/$t.log)" >&2; status=1; continue; }
  stats="$out/$t/default/fuzzer_stats"
  get() { awk -F' *: *' -v k="$1" '$1 == k {print $2}' "$stats"; }
  # afl-cmin refuses to run in /tmp and wants the runtime's full path
  nice -n "$nice_level" afl-cmin -i "$out/$t/default/queue" -o "$out/$t/minimised" -t 10000 -m none \
    -- "$(command -v dotnet)" "$bin/chargetwin-fuzz.dll" "$t" afl > "$out/$t.cmin.log" 2>&1 || true
  printf '%-11s %8s %10s %9s %8s %7s %9s %6s %s\n' "$t" "$(get run_time)" "$(get execs_done)" "$(get execs_per_sec)" \
    "$(get bitmap_cvg)" "$(get corpus_count)" "$(find "$out/$t/minimised" -type f 2>/dev/null | wc -l)" "$(get saved_crashes)" "$(get saved_hangs)"
  for finding in "$out/$t"/default/crashes/id:* "$out/$t"/default/hangs/id:*; do
    [ -e "$finding" ] || continue
    status=1
    echo "  $finding:"
    timeout 60 dotnet "$out/replay/chargetwin-fuzz.dll" "$t" "$finding" 2>/dev/null | cut -f2 | cut -c1-300 | sed 's/^/    /' || true
  done
done
exit $status
