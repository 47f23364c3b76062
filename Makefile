# dossier - build, run on the sample corpus, test.
#   make            build ./dossier
#   make run        install what is missing, build, extract the sample corpus into out/
#   make test       install what is missing, build, run the whole suite
#   make SANITIZE=1 test    the same under AddressSanitizer + UndefinedBehaviorSanitizer

CC      ?= cc
PREFIX  ?= /usr/local
DATADIR ?= $(PREFIX)/share/dossier
PKGS    := libcgraph libgvc libxml-2.0 jansson
CFLAGS  ?= -O2 -g
WARN    := -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wformat=2 -Wno-format-nonliteral
CPPFLAGS_ALL := -D_GNU_SOURCE -Iinclude -Isrc $(shell pkg-config --cflags $(PKGS) 2>/dev/null) \
           -DDOSSIER_ENTITIES_DIR='"$(CURDIR)/entities"'
LDLIBS_ALL := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lpthread

ifeq ($(SANITIZE),1)
  CFLAGS += -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
  LDFLAGS += -fsanitize=address,undefined
  BUILD := build/san
else
  BUILD := build/rel
endif
ifeq ($(WERROR),1)
  WARN += -Werror
endif

# src/ is the pipeline in folders (README, Design): each layer includes
# only the ones below it (tests/t_layout.sh checks it).
LAYERS  := base model extract reduce export
LIB_SRC := $(foreach d,$(LAYERS),$(wildcard src/$(d)/*.c))
LIB_OBJ := $(LIB_SRC:src/%.c=$(BUILD)/%.o)
TEST_SRC := $(wildcard tests/test_*.c)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%) $(BUILD)/tests/dossier-faults
# automatic header dependencies
DEPFLAGS = -MMD -MP
-include $(wildcard $(BUILD)/*.d $(BUILD)/*/*.d build/fuzz/*.d build/fuzz/*/*.d)

.PHONY: FORCE all run test pictures deps clean golden bench leakcheck fuzz fuzz-deps test-report test-office
all: dossier

dossier: $(BUILD)/dossier
	cp $< $@.tmp && mv -f $@.tmp $@

$(BUILD)/dossier: $(BUILD)/main.o $(BUILD)/libdossier.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS_ALL)

$(BUILD)/libdossier.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CPPFLAGS_ALL) $(CFLAGS) $(DEPFLAGS) -c -o $@ $<

# The installed gazetteers' directory is compiled into datadir.o: it is
# rebuilt when PREFIX or DATADIR changes (the value is kept in datadir.txt).
$(BUILD)/extract/datadir.o: CPPFLAGS_ALL += -DDOSSIER_DATADIR='"$(DATADIR)"' -DDOSSIER_SRCDIR='"$(CURDIR)"'
$(BUILD)/extract/datadir.o: $(BUILD)/datadir.txt
$(BUILD)/datadir.txt: FORCE | $(BUILD)
	@echo '$(DATADIR) $(CURDIR)' | cmp -s - $@ || echo '$(DATADIR) $(CURDIR)' > $@
FORCE:

$(BUILD)/tests/%: tests/%.c $(BUILD)/libdossier.a
	@mkdir -p $(BUILD)/tests
	$(CC) $(WARN) $(CPPFLAGS_ALL) -Itests $(CFLAGS) $(DEPFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libdossier.a $(LDLIBS_ALL)

# The CLI with fault injection, for the tests only: DOSSIER_FAULT_WRITE=N
# makes the N-th output fail (the library itself reads no such variable).
$(BUILD)/tests/export-faults.o: src/export/export.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CPPFLAGS_ALL) -DDOSSIER_TEST_FAULTS $(CFLAGS) $(DEPFLAGS) -c -o $@ $<

$(BUILD)/tests/dossier-faults: $(BUILD)/main.o $(BUILD)/tests/export-faults.o $(BUILD)/libdossier.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS_ALL)

$(BUILD):
	mkdir -p $(BUILD)

$(BUILD)/main.o: | $(BUILD)

# Install what is missing (Debian); as root directly, else through sudo.
deps:
	@tests/deps.sh

run: deps
	$(MAKE) dossier
	./dossier extract -o out tests/corpus

test: deps
	$(MAKE) dossier $(TEST_BIN)
	@BUILD=$(BUILD) tests/run.sh

# A benchmark, not a test: 25/50/100 MB of sample copies, compared with wc -w.
bench: dossier
	tests/bench.sh

golden: dossier
	tests/golden.sh regen

# The README's pictures (doc/diagram.png, doc/report.png) from the sample
# corpus; Chromium, for the report, is installed when missing.
pictures: deps
	$(MAKE) dossier
	@command -v chromium >/dev/null || DOSSIER_TEST_PKGS=chromium tests/deps.sh
	@sh doc/pictures.sh

# Consumers too heavy for make test: headless Chromium on report.html,
# LibreOffice Calc on the CSV files. Each installs its package when missing.
test-report: deps
	$(MAKE) dossier $(BUILD)/tests/test_export
	@DOSSIER_TEST_PKGS=chromium tests/deps.sh
	@BUILD=$(BUILD) LC_ALL=C TZ=UTC sh tests/check_report.sh

test-office: deps
	$(MAKE) dossier $(BUILD)/tests/test_export
	@DOSSIER_TEST_PKGS=libreoffice-calc-nogui tests/deps.sh
	@BUILD=$(BUILD) LC_ALL=C TZ=UTC sh tests/check_office.sh

# libFuzzer targets (tests/fuzz/fuzz_*.c), built with clang into build/fuzz;
# `make fuzz` runs each for FUZZ_SECONDS, seeded from tests/corpus and
# tests/fuzz/seeds; crashes land in build/fuzz/crashes/.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_FLAGS   := -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_TARGETS := $(patsubst tests/fuzz/%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_OBJ     := $(LIB_SRC:src/%.c=build/fuzz/%.o)

build/fuzz/%.o: src/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(WARN) $(CPPFLAGS_ALL) $(FUZZ_FLAGS) $(DEPFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h $(FUZZ_OBJ)
	$(FUZZ_CC) $(WARN) $(CPPFLAGS_ALL) $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJ) $(LDLIBS_ALL)

fuzz: fuzz-deps
	$(MAKE) $(FUZZ_TARGETS:%=build/fuzz/%)
	@tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-deps:
	@command -v $(FUZZ_CC) >/dev/null || DOSSIER_TEST_PKGS="clang libclang-rt-dev" tests/deps.sh

# The sample corpus under valgrind (an uninstrumented build: ./dossier may be
# the ASan one after make SANITIZE=1): any leak or memory error fails (the
# leaks of graphviz's layout and font libraries are in tests/valgrind.supp).
leakcheck:
	@command -v valgrind >/dev/null || DOSSIER_TEST_PKGS=valgrind tests/deps.sh
	$(MAKE) SANITIZE= build/rel/dossier
	valgrind -q --num-callers=50 --leak-check=full --show-leak-kinds=definite,indirect,possible \
	    --errors-for-leak-kinds=definite,indirect,possible --suppressions=tests/valgrind.supp \
	    --error-exitcode=99 build/rel/dossier extract -q --svg -o build/leakcheck-out tests/corpus tests/fuzz/seeds
	@echo "leakcheck: no leaks, no errors"

clean:
	rm -rf build dossier
