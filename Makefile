# SPDX-License-Identifier: GPL-3.0-or-later
# The two quick-start commands and their parts. CMake does the real build;
# this file only strings the steps together.
#   make demo    install dependencies, build, create a demo store and run it
#   make check   install dependencies, build with warnings as errors, run every
#                test, then build and run them again under ASan + UBSan

JOBS ?= 2
BUILD ?= build
ASAN_BUILD ?= build-asan

.PHONY: all deps build check test check-asan demo clean

all: build

deps:
	@scripts/install-deps.sh

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

check: test check-asan

demo: build
	@scripts/demo.sh $(BUILD)/cg

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
