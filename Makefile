# Thin wrapper around Meson: the README's two commands.
#   make run    install what is missing, build, run prdr-milter in the foreground
#   make check  install, build (plain and ASan+UBSan with fuzzers), run every test
# Everything real happens in meson.build and scripts/.

BUILD      ?= build
BUILD_ASAN ?= build-asan
CONFIG     ?= etc/prdr-milter.conf

.PHONY: all deps build build-asan run check check-fast check-asan bench clean

all: build

deps:
	sh scripts/install-deps.sh

$(BUILD)/build.ninja:
	meson setup $(BUILD)

$(BUILD_ASAN)/build.ninja:
	CC=clang meson setup $(BUILD_ASAN) -Db_sanitize=address,undefined \
	    -Db_lundef=false -Dfuzz=true

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)

build-asan: deps $(BUILD_ASAN)/build.ninja
	ninja -C $(BUILD_ASAN)

run: build
	$(BUILD)/src/milter/prdr-milter -c $(CONFIG)

# The plain build, then the same suite under the sanitizers; the last line
# printed is "N passed, N failed, N skipped".
check: build build-asan
	sh scripts/run-tests.sh $(BUILD) $(BUILD_ASAN)

check-fast: build
	sh scripts/run-tests.sh $(BUILD)

bench: build
	sh bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(BUILD_ASAN)
