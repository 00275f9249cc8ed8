# Trove's front door. `make run` and `make test` install what is missing, build, and go.
SHELL := /bin/bash
JOBS ?= $(shell nproc)
CXX_SOURCES = $(shell git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp')

.PHONY: all deps build web run test test-cpp test-web format format-check bench clean

all: build web

deps:
	./scripts/install-deps

build: deps
	cmake --preset release >/dev/null
	cmake --build build/release -j$(JOBS)

web: deps
	cd web && npm run build

run: build web
	./build/release/trove serve --demo --db ./data/trove.db

# The test build is optimised and instrumented (AddressSanitizer + UBSan, warnings as errors).
test: deps format-check test-cpp test-web

# The architecture is checked first: module dependencies, SOCI only in src/storage, each table's SQL
# only in its store, every public header compiling on its own (scripts/check-architecture).
test-cpp:
	./scripts/check-architecture
	cmake --preset asan >/dev/null
	cmake --build build/asan -j$(JOBS)
	JOBS=$(JOBS) ./scripts/run-cpp-tests asan

# npm run e2e builds the web app first, then drives Debian's chromium against the real server.
test-web:
	cd web && npm test
	cd web && TROVE_BIN=$(CURDIR)/build/asan/trove npm run e2e

bench: build web
	./bench/run.sh

format:
	clang-format -i $(CXX_SOURCES)

format-check:
	@clang-format --dry-run -Werror $(CXX_SOURCES) && echo "format-check: clang-format is satisfied"

clean:
	rm -rf build
