# cutline — one Makefile. `make` installs missing dependencies, then builds build/cutline.
# Quiet unless V=1. Required flags live in override CFLAGS.

CC ?= cc
CFLAGS ?= -O2 -g
override CFLAGS += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -pthread
PKGS := sqlite3 libcjson libxxhash igraph
B := build
NM := node_modules
PYG := $(NM)/tree-sitter-python/src
TOMLG := $(NM)/@tree-sitter-grammars/tree-sitter-toml/src
# The tree-sitter runtime, from its one-unit C source in the npm package `tree-sitter`
# (0.25.0, pinned): measured against Debian's 0.20.7 (README "Performance").
TSLIB := $(NM)/tree-sitter/vendor/tree-sitter/lib
DEBS := libsqlite3-dev libcjson-dev libigraph-dev libxxhash-dev \
	pkg-config:pkg-config npm:npm python3:python3 dot:graphviz chromium:chromium \
	clang:clang valgrind:valgrind
VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)

ifneq ($(V),1)
Q = @
E = @echo
else
Q =
E = @:
endif

LIB_SRCS := \
	analyzer/boundaries.c \
	analyzer/check.c \
	analyzer/check_data.c \
	analyzer/check_ledger.c \
	analyzer/check_out.c \
	analyzer/baseline.c \
	analyzer/config.c \
	analyzer/diag.c \
	analyzer/digraph.c \
	analyzer/discover.c \
	analyzer/explain.c \
	analyzer/extract.c \
	analyzer/extract_data.c \
	analyzer/federate.c \
	analyzer/federate_sdl.c \
	analyzer/federate_uses.c \
	analyzer/glob.c \
	analyzer/graph.c \
	analyzer/history.c \
	analyzer/init.c \
	analyzer/inventory.c \
	analyzer/layout.c \
	analyzer/link.c \
	analyzer/metrics.c \
	analyzer/models.c \
	analyzer/models_out.c \
	analyzer/propose.c \
	analyzer/report.c \
	analyzer/whatif.c \
	analyzer/query.c \
	analyzer/resolve.c \
	analyzer/scan.c \
	analyzer/sql.c \
	analyzer/store.c \
	analyzer/store_sum.c \
	analyzer/toml.c \
	analyzer/util.c
CMD_SRCS := \
	cmd/baseline.c \
	cmd/check.c \
	cmd/explain.c \
	cmd/federate.c \
	cmd/git.c \
	cmd/graph.c \
	cmd/init.c \
	cmd/main.c \
	cmd/models.c \
	cmd/propose.c \
	cmd/report.c \
	cmd/whatif.c \
	cmd/options.c \
	cmd/scan.c \
	cmd/sql.c
TESTS := $(patsubst analyzer/%_test.c,%,$(wildcard analyzer/*_test.c))
GEN := $(B)/gen/embedded.c

all: $(B)/cutline

# --- dependencies -------------------------------------------------------------------------
$(B)/.deps: Makefile
	$(Q)mkdir -p $(B)
	$(Q)sh tests/ensure_deps.sh $(DEBS)
	$(Q)touch $@
$(NM)/.installed: package.json package-lock.json $(B)/.deps
	$(E) "  NPM      grammars (npm ci --ignore-scripts)"
	$(Q)npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	$(Q)touch $@

DEPFLAGS = -I$(TSLIB)/include $(shell pkg-config --cflags $(PKGS))
DEPLIBS = $(shell pkg-config --libs $(PKGS)) -lm

# --- objects --------------------------------------------------------------------------------
$(B)/grammar/python_parser.o: $(NM)/.installed
	$(Q)mkdir -p $(@D)
	$(E) "  CC       tree-sitter-python"
	$(Q)$(CC) -O2 -w -c -I$(PYG) $(PYG)/parser.c -o $@
$(B)/grammar/python_scanner.o: $(NM)/.installed
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) -O2 -w -c -I$(PYG) $(PYG)/scanner.c -o $@
$(B)/grammar/toml_parser.o: $(NM)/.installed
	$(Q)mkdir -p $(@D)
	$(E) "  CC       tree-sitter-toml"
	$(Q)$(CC) -O2 -w -c -I$(TOMLG) $(TOMLG)/parser.c -o $@
$(B)/grammar/toml_scanner.o: $(NM)/.installed
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) -O2 -w -c -I$(TOMLG) $(TOMLG)/scanner.c -o $@
$(B)/grammar/ts_runtime.o: $(NM)/.installed
	$(Q)mkdir -p $(@D)
	$(E) "  CC       tree-sitter runtime"
	$(Q)$(CC) -O2 -w -c -I$(TSLIB)/include -I$(TSLIB)/src $(TSLIB)/src/lib.c -o $@
GRAMMAR_OBJS := $(B)/grammar/ts_runtime.o $(B)/grammar/python_parser.o $(B)/grammar/python_scanner.o \
	$(B)/grammar/toml_parser.o $(B)/grammar/toml_scanner.o

$(GEN): tests/embed.sh $(wildcard queries/*.scm) $(wildcard data/*.txt)
	$(Q)mkdir -p $(@D)
	$(E) "  GEN      $@"
	$(Q)sh tests/embed.sh queries/imports.scm queries/definitions.scm queries/strings.scm queries/data.scm \
		data/stdlib2.txt data/stdlib3.txt data/builtin2.txt data/builtin3.txt > $@.tmp && mv $@.tmp $@

# Each build flavour (plain, asan) gets its own object folder.
define flavour
$(1)_OBJS := $$(patsubst %.c,$(B)/$(1)/%.o,$(LIB_SRCS)) $(B)/$(1)/gen/embedded.o
$(B)/$(1)/%.o: %.c analyzer/cutline.h $$(wildcard analyzer/*_p.h) $$(wildcard cmd/*.h) $(B)/.deps $(NM)/.installed
	$$(Q)mkdir -p $$(@D)
	$$(E) "  CC       $$<"
	$$(Q)$$(or $(3),$$(CC)) $$(CFLAGS) $(2) $$(DEPFLAGS) -DCUTLINE_VERSION='"$(VERSION)"' -Ianalyzer -c $$< -o $$@
$(B)/$(1)/gen/embedded.o: $(GEN)
	$$(Q)mkdir -p $$(@D)
	$$(Q)$$(or $(3),$$(CC)) $$(CFLAGS) $(2) -c $$< -o $$@
$(B)/$(1)/libcutline.a: $$($(1)_OBJS)
	$$(Q)rm -f $$@ && ar rcs $$@ $$^
endef
$(eval $(call flavour,plain,))
# Flags with commas go through variables: $(call) splits its arguments at commas.
ASAN_FLAGS := -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
$(eval $(call flavour,asan,$(ASAN_FLAGS)))
ASAN_LD := -fsanitize=address,undefined
# The fuzz flavour: clang with libFuzzer's coverage, ASan and UBSan (make fuzz only).
FUZZ_FLAGS := -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined
$(eval $(call flavour,fuzz,$(FUZZ_FLAGS),clang))
# ... and without ASan, three times as fast, for the long runs (make fuzz FUZZ_BUILD=fuzz-ub).
FUZZ_UB_FLAGS := -O2 -fsanitize=fuzzer-no-link,undefined -fno-sanitize-recover=undefined
$(eval $(call flavour,fuzz-ub,$(FUZZ_UB_FLAGS),clang))
FUZZ := $(patsubst analyzer/%_fuzz.c,%,$(wildcard analyzer/*_fuzz.c))

$(B)/cutline: $(patsubst %.c,$(B)/plain/%.o,$(CMD_SRCS)) $(B)/plain/libcutline.a $(GRAMMAR_OBJS)
	$(E) "  LD       $@"
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(DEPLIBS)
$(B)/asan/cutline: $(patsubst %.c,$(B)/asan/%.o,$(CMD_SRCS)) $(B)/asan/libcutline.a $(GRAMMAR_OBJS)
	$(E) "  LD       $@"
	$(Q)$(CC) $(CFLAGS) $(ASAN_LD) -o $@ $^ $(DEPLIBS)
$(B)/tests/%: $(B)/plain/analyzer/%_test.o $(B)/plain/libcutline.a $(GRAMMAR_OBJS)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(DEPLIBS)
$(B)/asan-tests/%: $(B)/asan/analyzer/%_test.o $(B)/asan/libcutline.a $(GRAMMAR_OBJS)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) $(ASAN_LD) -o $@ $^ $(DEPLIBS)

# A fuzz target under libFuzzer, and the same target replayed over files (make test).
$(B)/fuzz/bin/%: $(B)/fuzz/analyzer/%_fuzz.o $(B)/fuzz/libcutline.a $(GRAMMAR_OBJS)
	$(Q)mkdir -p $(@D)
	$(E) "  LD       $@"
	$(Q)clang $(CFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $^ $(DEPLIBS)
$(B)/fuzz-ub/bin/%: $(B)/fuzz-ub/analyzer/%_fuzz.o $(B)/fuzz-ub/libcutline.a $(GRAMMAR_OBJS)
	$(Q)mkdir -p $(@D)
	$(E) "  LD       $@"
	$(Q)clang $(CFLAGS) -fsanitize=fuzzer,undefined -o $@ $^ $(DEPLIBS)
$(B)/asan/tests/fuzz_replay.o: tests/fuzz_replay.c
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -c $< -o $@
$(B)/replay/%: $(B)/asan/analyzer/%_fuzz.o $(B)/asan/tests/fuzz_replay.o $(B)/asan/libcutline.a $(GRAMMAR_OBJS)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) $(ASAN_LD) -o $@ $^ $(DEPLIBS)

# --- commands -------------------------------------------------------------------------------
.PHONY: all test check demo bench clean unit-tests fuzz valgrind
demo: $(B)/cutline
	$(Q)echo "== cutline scan   (the sample monolith in testdata/monolith, per boundaries.toml)"
	$(Q)./$(B)/cutline scan --no-progress
	$(Q)echo; echo "== cutline graph --level package --format mermaid"
	$(Q)./$(B)/cutline graph --level package --format mermaid --no-refresh
	$(Q)echo; echo "== cutline check   (the deliberate problems of testdata/monolith/PROBLEMS.md, foreign writes included; exit 1)"
	$(Q)./$(B)/cutline check --no-refresh; test $$? -eq 1
	$(Q)echo; echo "== cutline models   (every datastore model, its owner, who writes, reads and references it)"
	$(Q)./$(B)/cutline models --no-refresh
	$(Q)echo; echo "== cutline explain content users   (why does content depend on users?)"
	$(Q)./$(B)/cutline explain content users --max 2 --no-refresh
	$(Q)echo; echo "== cutline baseline write --file $(B)/demo-baseline.json   (adopt the gate today)"
	$(Q)./$(B)/cutline baseline write --file $(B)/demo-baseline.json --no-refresh
	$(Q)echo; echo "== cutline check --baseline $(B)/demo-baseline.json   (nothing new: exit 0)"
	$(Q)./$(B)/cutline check --baseline $(B)/demo-baseline.json --no-refresh

unit-tests: $(addprefix $(B)/tests/,$(TESTS))

# The tier to run after each change (unit tests, golden cases; a minute at most): make check.
check: $(B)/cutline $(addprefix $(B)/tests/,$(TESTS))
	$(Q)sh tests/check.sh

test: $(B)/cutline $(B)/asan/cutline $(B)/parse_floor $(B)/tamper $(addprefix $(B)/tests/,$(TESTS)) \
		$(addprefix $(B)/asan-tests/,$(TESTS)) $(addprefix $(B)/replay/,$(FUZZ))
	$(Q)sh tests/run.sh

# Each fuzz target for FUZZ_TIME seconds, from the committed seeds (testdata/fuzz/TARGET/);
# new inputs go to build/fuzz/TARGET-corpus, crashes to build/fuzz/TARGET-crash-*.
FUZZ_TIME ?= 60
FUZZ_BUILD ?= fuzz
fuzz: $(addprefix $(B)/$(FUZZ_BUILD)/bin/,$(FUZZ))
	$(Q)sh tests/fuzz.sh $(B)/$(FUZZ_BUILD)/bin $(FUZZ_TIME) $(FUZZ)

# The unit tests and the golden cases under valgrind's memcheck (about 30 minutes of a core).
valgrind: $(B)/cutline $(addprefix $(B)/tests/,$(TESTS))
	$(Q)sh tests/valgrind.sh

bench: $(B)/cutline $(B)/parse_floor
	$(Q)sh tests/bench.sh

clean:
	rm -rf $(B) $(NM)

$(B)/parse_floor: tests/parse_floor.c $(B)/plain/libcutline.a $(GRAMMAR_OBJS)
	$(Q)$(CC) $(CFLAGS) $(DEPFLAGS) -Ianalyzer -o $@ $^ $(DEPLIBS)

$(B)/tamper: tests/tamper.c $(B)/plain/libcutline.a $(GRAMMAR_OBJS)
	$(Q)$(CC) $(CFLAGS) $(DEPFLAGS) -Ianalyzer -o $@ $^ $(DEPLIBS)
.SECONDARY:
