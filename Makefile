# Careplan - one GNU Makefile.  See README.md for the two commands.
#
#   make            release build: build/release/careplan
#   make demo       install what is missing, build, create var/demo.db, serve on :8080
#   make check      install what is missing, build normal + ASan/UBSan, run every test
#   make asan       the sanitizer build: build/asan/careplan
#   make lint       cppcheck, clang-tidy and the banned-function check
#   make fuzz       libFuzzer targets over their committed corpora (bounded)
#   make bench      benchmarks in bench/ (figures go to bench/RESULTS.md)
#   make bench-region  only the region-sized benchmark (bench/region.sh)
#   make bench-pdf  only the plan PDF's render time (bench/pdf.sh)
#   make bench-dir  only directory search at 20,000 services (bench/dir_search.sh)
#   make bench-register  only the population register at a million rows (bench/register.sh)

SHELL    := /bin/bash
CC       ?= cc
PKGS     := libmicrohttpd sqlite3 libsodium libical pangocairo cairo-pdf json-c
WARN     := -std=c17 -Wall -Wextra -Wshadow -Wformat=2 -Wstrict-prototypes \
            -Wmissing-prototypes -Werror
DEFS     := -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L \
            -DCAREPLAN_VERSION=\"$(shell cat VERSION 2>/dev/null || echo 0.0.0)\"
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)

MODE     ?= release
ifeq ($(MODE),asan)
  OPT    := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
  LDSAN  := -fsanitize=address,undefined
else
  OPT    := -O2 -g
  LDSAN  :=
endif
OUT      := build/$(MODE)
CFLAGS   := $(WARN) $(DEFS) $(OPT) -MMD -MP $(PKG_CFLAGS)
LDLIBS   := $(PKG_LIBS) -lpthread -lm

SRC      := $(shell find src -name '*.c' | sort)
LIB_SRC  := $(filter-out src/main.c,$(SRC))
LIB_OBJ  := $(LIB_SRC:%.c=$(OUT)/%.o)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(OUT)/tests/%)

.PHONY: all demo check asan lint fuzz bench bench-region bench-pdf bench-dir deps unit clean help assets
.PHONY: all demo check asan lint fuzz bench bench-region bench-pdf bench-register deps unit clean help assets
all: $(OUT)/careplan assets

# The folder careplan serves at /assets: the NHS.UK frontend's stylesheet and
# images (from npm) and our own files in assets/.
NHSUK := node_modules/nhsuk-frontend/dist/nhsuk
assets: build/assets/.stamp
build/assets/.stamp: $(wildcard assets/*) package-lock.json Makefile
	@test -f $(NHSUK)/nhsuk-frontend.min.css || { echo "careplan: $(NHSUK) is missing: run scripts/deps (or make demo / make check)" >&2; exit 1; }
	@rm -rf build/assets && mkdir -p build/assets/images
	@# The NHS web font is licensed for NHS sites and served from assets.nhs.uk;
	@# a self-hosted service makes no third-party requests, so drop its
	@# @font-face rules and let the stylesheet fall back to Arial.
	sed -E 's/@font-face\{[^}]*\}//g' $(NHSUK)/nhsuk-frontend.min.css > build/assets/nhsuk-frontend.min.css
	cp $(NHSUK)/assets/images/* build/assets/images/
	cp $(NHSUK)/assets/manifest.json build/assets/
	cp assets/* build/assets/
	@touch $@

help:
	@sed -n '3,12p' Makefile

$(OUT)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c $< -o $@

$(OUT)/libcareplan.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(OUT)/careplan: $(OUT)/src/main.o $(OUT)/libcareplan.a
	$(CC) $(LDSAN) $^ -o $@ $(LDLIBS)

# Unit tests may #include the file under test to reach its static functions,
# so they link against the library with --allow-multiple-definition.
$(OUT)/tests/%: tests/unit/%.c $(OUT)/libcareplan.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Wno-missing-prototypes -Isrc $< -o $@ $(LDSAN) \
	  -Wl,--allow-multiple-definition $(OUT)/libcareplan.a $(LDLIBS) -lcmocka

unit: $(UNIT_BIN)

deps:
	@scripts/deps

demo: deps
	@$(MAKE) --no-print-directory MODE=release all
	@scripts/demo

asan:
	@$(MAKE) --no-print-directory MODE=asan all

check: deps
	@$(MAKE) --no-print-directory MODE=release all unit
	@$(MAKE) --no-print-directory MODE=asan all unit
	@tests/run

lint:
	@scripts/lint

fuzz: deps
	@scripts/fuzz

# The region benchmark's generator: a bulk loader linked with the library,
# built like the careplan binary (bench/gen_region.c says why it has SQL).
$(OUT)/gen_region: bench/gen_region.c $(OUT)/libcareplan.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $< -o $@ $(LDSAN) $(OUT)/libcareplan.a $(LDLIBS)

# The PDF benchmark's renderer, linked with the library like the binary.
$(OUT)/pdf_render: bench/pdf_render.c $(OUT)/libcareplan.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $< -o $@ $(LDSAN) $(OUT)/libcareplan.a $(LDLIBS)

# The pre-review letters' batch renderer (bench/pdf.sh runs it too).
$(OUT)/letter_render: bench/letter_render.c $(OUT)/libcareplan.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $< -o $@ $(LDSAN) $(OUT)/libcareplan.a $(LDLIBS)

bench: deps
	@$(MAKE) --no-print-directory MODE=release all build/release/gen_region build/release/pdf_render \
		build/release/letter_render
	@bench/http.sh
	@bench/region.sh
	@bench/pdf.sh
	@bench/dir_search.sh
	@bench/register.sh

bench-pdf: deps
	@$(MAKE) --no-print-directory MODE=release all build/release/pdf_render build/release/letter_render
	@bench/pdf.sh

bench-dir: deps
	@$(MAKE) --no-print-directory MODE=release all
	@bench/dir_search.sh
bench-register: deps
	@$(MAKE) --no-print-directory MODE=release all
	@bench/register.sh

bench-region: deps
	@$(MAKE) --no-print-directory MODE=release all build/release/gen_region
	@bench/region.sh

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)

# The demo directory's data files are built into the program (demo_dir.c).
$(OUT)/src/domain/demo_dir.o: data/demo-directory.json data/postcode-districts.csv
