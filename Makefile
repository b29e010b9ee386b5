# ChargeTwin — the contract with a new user: `make run` and `make test`.
DOTNET ?= dotnet
CONFIG ?= Release
BENCH_PROJ := hil-bench/cli/ChargeTwin.Bench.csproj
BENCHMARKS := tests/ChargeTwin.Benchmarks/ChargeTwin.Benchmarks.csproj
OUT ?= out
BENCH_ARGS ?= --filter '*'

.PHONY: all build run test bench clean restore aot aot-arm64 aot-selftest jitter fuzz

all: build

restore:
	$(DOTNET) restore ChargeTwin.sln

# Puts bin/chargetwin-bench (and, once it exists, bin/chargetwin-controller) at the repo root.
build:
	$(DOTNET) publish $(BENCH_PROJ) -c $(CONFIG) -o bin/.chargetwin-bench --nologo -v quiet
	@mkdir -p bin
	@printf '#!/usr/bin/env bash\nexec "$$(dirname "$$(readlink -f "$$0")")/.chargetwin-bench/chargetwin-bench" "$$@"\n' > bin/chargetwin-bench
	@chmod +x bin/chargetwin-bench
	@echo "built bin/chargetwin-bench"

# The main job on embedded defaults: the demo campaign (hil-bench/campaign-files/demo.yaml) into $(OUT)/demo.
run: build
	bin/chargetwin-bench run --out $(OUT)

test:
	$(DOTNET) test ChargeTwin.sln -c $(CONFIG) --nologo

bench:
	$(DOTNET) run --project $(BENCHMARKS) -c Release -- $(BENCH_ARGS)

HOST_PROJ := controller/Host/ChargeTwin.ControllerHost.csproj

# The controller host as a NativeAOT linux-x64 binary (bin/chargetwin-controller-aot); trim/AOT warnings are errors.
aot:
	$(DOTNET) publish $(HOST_PROJ) -c Release -r linux-x64 -p:PublishAot=true -p:TreatWarningsAsErrors=true -o bin/.chargetwin-controller-aot --nologo -v quiet
	@mkdir -p bin && ln -sf .chargetwin-controller-aot/chargetwin-controller bin/chargetwin-controller-aot
	@printf 'built bin/chargetwin-controller-aot: %s bytes\n' "$$(stat -c %s bin/.chargetwin-controller-aot/chargetwin-controller)"

# The same for linux-arm64 (bin/chargetwin-controller-aot-arm64), cross-compiled here: clang --target=aarch64-linux-gnu
# links with binutils-aarch64-linux-gnu's ld against libc6-dev-arm64-cross and libgcc-12-dev-arm64-cross (.ci/run
# installs them); the cross objcopy strips the symbols, so LLVM's is not needed.
aot-arm64:
	$(DOTNET) publish $(HOST_PROJ) -c Release -r linux-arm64 -p:PublishAot=true -p:TreatWarningsAsErrors=true -p:ObjCopyName=aarch64-linux-gnu-objcopy -o bin/.chargetwin-controller-aot-arm64 --nologo -v quiet
	@mkdir -p bin && ln -sf .chargetwin-controller-aot-arm64/chargetwin-controller bin/chargetwin-controller-aot-arm64
	@printf 'built bin/chargetwin-controller-aot-arm64: %s bytes\n' "$$(stat -c %s bin/.chargetwin-controller-aot-arm64/chargetwin-controller)"

# Both AOT binaries' size, start-up time and selftest — the ARM64 one under qemu-user (scripts/aot-selftest.sh).
aot-selftest: aot aot-arm64
	scripts/aot-selftest.sh

# Wake-up latency of the host's loop beside cyclictest (rt-tests) in the same run, and their p99.9 ratio.
jitter: aot
	scripts/jitter-vs-cyclictest.sh

# Coverage-guided fuzzing of every reader (SharpFuzz + AFL++; README, Fuzzing): FUZZ_SECONDS per harness, FUZZ_TARGETS to choose.
# `make test` replays the committed corpus without a fuzzer.
FUZZ_SECONDS ?= 180
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh

clean:
	$(DOTNET) clean ChargeTwin.sln -c $(CONFIG) --nologo -v quiet || true
	rm -rf bin out BenchmarkDotNet.Artifacts
	find . -name obj -type d -prune -exec rm -rf {} + ; find . -path ./bin -prune -o -name bin -type d -prune -exec rm -rf {} +
