# SPDX-License-Identifier: GPL-3.0-or-later
# The two quick-start commands and their parts. CMake does the real build;
# this file only strings the steps together. `make deps` installs the Debian
# packages and, in web/, the npm packages of the web UI.
#   make demo    install dependencies, build, create a demo store and run it
#   make check   install dependencies, build with warnings as errors, run every
#                test, then build and run them again under ASan + UBSan,
#                then fuzz each input reader briefly (check-fuzz)
#   make fuzz    build the libFuzzer targets with clang in $(FUZZ_BUILD)
#   make check-fuzz  run each fuzz target for FUZZ_SECONDS (20) seconds

JOBS ?= 2
BUILD ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 20
FUZZ_TARGETS = csv jsonl policy

.PHONY: all deps build check test check-asan fuzz check-fuzz demo clean

all: build

deps: web/node_modules/.package-lock.json
	@scripts/install-deps.sh

# The web UI's npm packages (Cytoscape.js, embedded in cg; playwright-core
# for the browser tests), installed exactly as web/package-lock.json pins
# them, again only when the lock file changes. npm comes with the Debian
# packages, so they go first.
web/node_modules/.package-lock.json: web/package-lock.json
	@scripts/install-deps.sh
	cd web && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

build: deps
	@cmake -S . -B $(BUILD) -DCG_WERROR=ON >/dev/null
	@cmake --build $(BUILD) -j$(JOBS)

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j$(JOBS)

check-asan: deps
	@cmake -S . -B $(ASAN_BUILD) -DCG_WERROR=ON -DCG_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
	@cmake --build $(ASAN_BUILD) -j$(JOBS)
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		ctest --test-dir $(ASAN_BUILD) --output-on-failure -j$(JOBS) -LE lint

# New inputs go to $(FUZZ_BUILD)/corpus, crashes to $(FUZZ_BUILD)/crash-*;
# the seeds in tests/fuzz/corpus are only read.
fuzz: deps
	@cmake -S . -B $(FUZZ_BUILD) -DCMAKE_C_COMPILER=clang -DCG_FUZZ=ON -DCG_WERROR=ON >/dev/null
	@cmake --build $(FUZZ_BUILD) -j$(JOBS) --target $(FUZZ_TARGETS:%=fuzz_%)

check-fuzz: fuzz
	@for t in $(FUZZ_TARGETS); do \
		mkdir -p $(FUZZ_BUILD)/corpus/$$t && \
		echo "fuzz_$$t: $(FUZZ_SECONDS) s" && \
		$(FUZZ_BUILD)/tests/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) \
			-artifact_prefix=$(FUZZ_BUILD)/ -print_final_stats=1 \
			$(FUZZ_BUILD)/corpus/$$t tests/fuzz/corpus/$$t 2>$(FUZZ_BUILD)/fuzz_$$t.log || \
			{ tail -n 60 $(FUZZ_BUILD)/fuzz_$$t.log; exit 1; }; \
		grep -E '^(stat::number_of_executed_units|#[0-9]+ *DONE)' $(FUZZ_BUILD)/fuzz_$$t.log || true; \
	done

check: test check-asan
	@$(MAKE) --no-print-directory check-fuzz

demo: build
	@scripts/demo.sh $(BUILD)/cg

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
