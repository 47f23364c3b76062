# dossier - build, run on the sample corpus, test.
#   make            build ./dossier
#   make run        install what is missing, build, extract the sample corpus into out/
#   make test       install what is missing, build, run the whole suite
#   make SANITIZE=1 test    the same under AddressSanitizer + UndefinedBehaviorSanitizer
#   make install    the program, libdossier (.so and .a), dossier.h, dossier.pc, the
#                   gazetteers and the man page under PREFIX (default /usr/local), in DESTDIR;
#                   make uninstall removes them

CC      ?= cc
PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
LIBDIR  ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR ?= $(PREFIX)/share/dossier
MANDIR  ?= $(PREFIX)/share/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
LDCONFIG ?= ldconfig
VERSION := $(shell sed -n 's/^\#define DOSSIER_VERSION "\(.*\)"/\1/p' include/dossier.h)
# the shared library's ABI: bump it when a function of dossier.h changes or
# a struct there changes its layout (libdossier.so.$(SOVERSION))
SOVERSION := 0
PKGS    := libcgraph libgvc libxml-2.0 jansson poppler-glib libarchive libutf8proc
# linked: all but poppler-glib, which read_pdf.c opens (dlopen) at the first
# PDF by the name its package installs (the SONAME of the library the -dev
# package points at), so that a run without PDFs does not load it
LINK_PKGS := $(filter-out poppler-glib,$(PKGS))
POPPLER_GLIB := $(shell objdump -p "$$(pkg-config --variable=libdir poppler-glib 2>/dev/null)/libpoppler-glib.so" \
           2>/dev/null | awk '$$1 == "SONAME" { print $$2 }')
CFLAGS  ?= -O2 -g
WARN    := -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wformat=2 -Wno-format-nonliteral
CPPFLAGS_ALL := -D_GNU_SOURCE -Iinclude -Isrc $(shell pkg-config --cflags $(PKGS) 2>/dev/null) \
           -DDOSSIER_ENTITIES_DIR='"$(CURDIR)/entities"' \
           $(if $(POPPLER_GLIB),-DDX_POPPLER_GLIB='"$(POPPLER_GLIB)"')
LDLIBS_ALL := $(shell pkg-config --libs $(LINK_PKGS) 2>/dev/null) -lcsv -lpthread

# Profile-guided optimisation (GCC only, the default there): the program is
# compiled once instrumented (into $(BUILD)-gen), run once over the sample
# corpus to count which branches go which way and which functions are hot,
# and compiled again with those counts (see "Profile-guided build" below).
# PGO=0 compiles once (a quicker edit-compile cycle, into build/nopgo);
# SANITIZE=1 and other compilers never use it.
IS_GCC := $(shell $(CC) -v 2>&1 | grep -q '^gcc version' && echo 1)
PGO ?= $(if $(IS_GCC),1,0)
ifeq ($(SANITIZE),1)
  CFLAGS += -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
  LDFLAGS += -fsanitize=address,undefined
  BUILD := build/san
  PGO := 0
else ifeq ($(PGO),1)
  BUILD := build/rel
else
  BUILD := build/nopgo
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
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%) $(BUILD)/tests/dossier-faults \
            $(BUILD)/tests/dossier-dates-everywhere
# automatic header dependencies (included before the first rule: the
# default goal is named, or it would be the first .d file's object)
.DEFAULT_GOAL := all
DEPFLAGS = -MMD -MP
-include $(wildcard $(BUILD)/*.d $(BUILD)/*/*.d $(BUILD)/pic/*/*.d $(BUILD)-gen/*.d $(BUILD)-gen/*/*.d \
           build/fuzz/*.d build/fuzz/*/*.d)

.PHONY: FORCE all lib install uninstall run test pictures deps clean golden bench leakcheck fuzz fuzz-long fuzz-deps test-report test-office test-formats
all: dossier

# ./dossier is the build just made (release, or sanitizers with SANITIZE=1),
# copied whenever it differs, so that it never stays the other one.
dossier: $(BUILD)/dossier FORCE
	@cmp -s $< $@ || { cp $< $@.tmp && mv -f $@.tmp $@ && echo "cp $< $@"; }
FORCE:

$(BUILD)/dossier: $(BUILD)/main.o $(BUILD)/libdossier.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS_ALL)

$(BUILD)/libdossier.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CPPFLAGS_ALL) $(CFLAGS) $(PGO_USE) $(DEPFLAGS) -c -o $@ $<

# The installed gazetteers' directory is compiled into datadir.o, and the
# directories into dossier.pc: both are remade when one changes (the values
# are kept in paths.txt).
PATHS := $(PREFIX) $(LIBDIR) $(INCLUDEDIR) $(DATADIR) $(CURDIR)
DATADIR_FLAGS := -DDOSSIER_DATADIR='"$(DATADIR)"' -DDOSSIER_SRCDIR='"$(CURDIR)"'
DATADIR_OBJ := $(BUILD)/extract/datadir.o $(BUILD)/pic/extract/datadir.o $(BUILD)-gen/extract/datadir.o
$(DATADIR_OBJ): CPPFLAGS_ALL += $(DATADIR_FLAGS)
$(DATADIR_OBJ): $(BUILD)/paths.txt

# Profile-guided build (PGO=1). The instrumented objects are compiled with
# the same flags as the final ones (GCC refuses counts of other code), and
# -dumpdir names them as the final objects: their counts go beside those
# (build/rel/base/buf.gcda), where -fprofile-use looks, and GCC, which keys a
# static function's counts by the object's name, finds those too. The
# training run is the whole pipeline with one job over tests/corpus, so the
# counts are the same at every build. A change to a source remakes the
# instrumented program, the run and every final object. Measured (extraction,
# one job, alternating runs): 3% less time on copies of the sample corpus,
# 5-10% on copies of Wikipedia war histories, news and OCR'd newspapers, which
# it is not trained on; the outputs are the same bytes.
ifeq ($(PGO),1)
GEN := $(BUILD)-gen
GEN_OBJ := $(LIB_SRC:src/%.c=$(GEN)/%.o) $(GEN)/main.o
$(GEN)/%.o: src/%.c
	@mkdir -p $(@D) $(BUILD)/$(dir $*)
	$(CC) $(WARN) $(CPPFLAGS_ALL) $(CFLAGS) -fprofile-generate -fprofile-update=atomic \
	    -dumpdir $(BUILD)/$(dir $*) $(DEPFLAGS) -MF $(@:.o=.d) -c -o $@ $<
$(GEN)/dossier: $(GEN_OBJ)
	$(CC) $(LDFLAGS) -fprofile-generate -o $@ $^ $(LDLIBS_ALL)
$(GEN)/profile.stamp: $(GEN)/dossier $(wildcard tests/corpus/*) $(wildcard entities/*)
	@find $(BUILD) -name '*.gcda' -delete
	@rm -rf $(GEN)/out
	$(GEN)/dossier extract -q -j 1 -o $(GEN)/out tests/corpus
	@rm -rf $(GEN)/out
	@touch $@
$(LIB_OBJ) $(BUILD)/main.o: $(GEN)/profile.stamp
PGO_USE := -fprofile-use -fprofile-partial-training -Wno-missing-profile
# The names' and the dates' passes (recognize.c, dates.c) at -O3, both
# compiles (GCC refuses counts of other code): their loops over the capitals
# and the date words gain from its unrolling and vectorising, the rest of the
# program does not (the tokenizer takes 10% more instructions). Measured
# (extraction alone, 100 MB, 10 alternating pairs): names -3%, dates -2%,
# the whole -1.4%. HOT_CFLAGS= leaves them at CFLAGS.
HOT_CFLAGS ?= -O3
HOT_OBJ := $(foreach f,extract/recognize extract/dates,$(BUILD)/$(f).o $(GEN)/$(f).o)
$(HOT_OBJ): CFLAGS += $(HOT_CFLAGS)
endif
$(BUILD)/paths.txt: FORCE | $(BUILD)
	@echo '$(PATHS)' | cmp -s - $@ || echo '$(PATHS)' > $@

# libdossier.so: the same objects built position-independent, exporting
# only the dossier_* functions of dossier.h (libdossier.map).
PIC_OBJ := $(LIB_SRC:src/%.c=$(BUILD)/pic/%.o)
SONAME  := libdossier.so.$(SOVERSION)
$(BUILD)/pic/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CPPFLAGS_ALL) $(CFLAGS) $(DEPFLAGS) -fPIC -c -o $@ $<
$(BUILD)/libdossier.so.$(VERSION): $(PIC_OBJ) libdossier.map
	$(CC) -shared -Wl,-soname,$(SONAME) -Wl,--version-script=libdossier.map -Wl,--no-undefined \
	    $(LDFLAGS) -o $@ $(PIC_OBJ) $(LDLIBS_ALL)
lib: $(BUILD)/libdossier.a $(BUILD)/libdossier.so.$(VERSION)

# dossier.pc: libdir and includedir relative to ${prefix} when under it
PC_REL = $(patsubst $(PREFIX)/%,$${prefix}/%,$(1))
$(BUILD)/dossier.pc: dossier.pc.in $(BUILD)/paths.txt
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(call PC_REL,$(LIBDIR))|' \
	    -e 's|@INCLUDEDIR@|$(call PC_REL,$(INCLUDEDIR))|' -e 's|@DATADIR@|$(call PC_REL,$(DATADIR))|' \
	    -e 's|@VERSION@|$(VERSION)|' -e 's|@REQUIRES_PRIVATE@|$(LINK_PKGS)|' \
	    -e 's|@LIBS_PRIVATE@|-lcsv -lpthread|' dossier.pc.in > $@

# The man page names the gazetteers where this PREFIX puts them.
$(BUILD)/dossier.1: doc/dossier.1 $(BUILD)/paths.txt
	sed 's|/usr/local/share/dossier|$(DATADIR)|g' doc/dossier.1 > $@

ENTITY_FILES := $(notdir $(wildcard entities/*.tsv))
install: $(BUILD)/dossier lib $(BUILD)/dossier.pc $(BUILD)/dossier.1
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(INCLUDEDIR) \
	    $(DESTDIR)$(DATADIR)/entities $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BUILD)/dossier $(DESTDIR)$(BINDIR)/dossier
	install -m 644 $(BUILD)/libdossier.a $(DESTDIR)$(LIBDIR)/libdossier.a
	install -m 755 $(BUILD)/libdossier.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libdossier.so.$(VERSION)
	ln -sf libdossier.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libdossier.so
	install -m 644 include/dossier.h $(DESTDIR)$(INCLUDEDIR)/dossier.h
	install -m 644 $(BUILD)/dossier.pc $(DESTDIR)$(PKGCONFIGDIR)/dossier.pc
	install -m 644 $(addprefix entities/,$(ENTITY_FILES)) $(DESTDIR)$(DATADIR)/entities/
	install -m 644 $(BUILD)/dossier.1 $(DESTDIR)$(MANDIR)/man1/dossier.1
	@if [ -z "$(DESTDIR)" ]; then $(LDCONFIG) 2>/dev/null || true; fi

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/dossier $(DESTDIR)$(LIBDIR)/libdossier.a \
	    $(DESTDIR)$(LIBDIR)/libdossier.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME) \
	    $(DESTDIR)$(LIBDIR)/libdossier.so $(DESTDIR)$(INCLUDEDIR)/dossier.h \
	    $(DESTDIR)$(PKGCONFIGDIR)/dossier.pc $(DESTDIR)$(MANDIR)/man1/dossier.1 \
	    $(addprefix $(DESTDIR)$(DATADIR)/entities/,$(ENTITY_FILES))
	-rmdir $(DESTDIR)$(DATADIR)/entities $(DESTDIR)$(DATADIR) 2>/dev/null

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

# The CLI whose dates scan tries every date word (DOSSIER_TEST_DATES_EVERYWHERE
# in dates.c), for the tests only: the oracle the scan's shortcuts must match.
$(BUILD)/tests/dates-everywhere.o: src/extract/dates.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CPPFLAGS_ALL) -DDOSSIER_TEST_DATES_EVERYWHERE $(CFLAGS) $(DEPFLAGS) -c -o $@ $<

$(BUILD)/tests/dossier-dates-everywhere: $(BUILD)/main.o $(BUILD)/tests/dates-everywhere.o $(BUILD)/libdossier.a
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

# A benchmark, not a test: 25/50/100 MB of sample copies, compared with wc -w
# (the extraction alone, -j 1 and -j 2 at 100 MB). BENCH_ROUNDS=1 for a check.
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

# The sample corpus converted by LibreOffice Writer to PDF, DOCX, ODT, EPUB,
# zipped and tarred: each must give the entities and events of its .txt.
test-formats: deps
	$(MAKE) dossier
	@DOSSIER_TEST_PKGS="libreoffice-writer-nogui zip" tests/deps.sh
	@BUILD=$(BUILD) LC_ALL=C TZ=UTC sh tests/check_formats.sh

test-office: deps
	$(MAKE) dossier $(BUILD)/tests/test_export
	@DOSSIER_TEST_PKGS=libreoffice-calc-nogui tests/deps.sh
	@BUILD=$(BUILD) LC_ALL=C TZ=UTC sh tests/check_office.sh

# libFuzzer targets (tests/fuzz/fuzz_*.c), built with clang into build/fuzz;
# `make fuzz` runs each for FUZZ_SECONDS, seeded from tests/corpus and
# tests/fuzz/seeds; crashes land in build/fuzz/crashes/. The targets check
# the outputs' contract too (fuzz_check_outputs in tests/fuzz/fuzz_common.h):
# graph.gexf parses, every CSV row has its header's width, every offset lies
# inside its document.
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

# For release checks: each target for an hour (five hours in all).
fuzz-long:
	$(MAKE) fuzz FUZZ_SECONDS=3600

# The sample corpus, and the crafted names of tests/leakcheck-inputs.sh
# (quotes, backslashes, \N, markup) in every view, under valgrind with --svg
# (an uninstrumented build: ./dossier may be the ASan one after make
# SANITIZE=1): any leak or memory error fails (the leaks of graphviz's layout
# and font libraries are in tests/valgrind.supp).
leakcheck:
	@command -v valgrind >/dev/null || DOSSIER_TEST_PKGS=valgrind tests/deps.sh
	$(MAKE) SANITIZE= build/rel/dossier
	rm -rf build/leakcheck-in && python3 tests/mkdocs.py build/leakcheck-in
	valgrind -q --num-callers=50 --leak-check=full --show-leak-kinds=definite,indirect,possible \
	    --errors-for-leak-kinds=definite,indirect,possible --suppressions=tests/valgrind.supp \
	    --error-exitcode=99 build/rel/dossier extract -q --svg --max-member 4M -o build/leakcheck-out \
	    tests/corpus tests/fuzz/seeds build/leakcheck-in
	rm -rf build/leakcheck-names && sh tests/leakcheck-inputs.sh build/leakcheck-names
	for v in network events full; do \
	  valgrind -q --num-callers=50 --leak-check=full --show-leak-kinds=definite,indirect,possible \
	    --errors-for-leak-kinds=definite,indirect,possible --suppressions=tests/valgrind.supp \
	    --error-exitcode=99 build/rel/dossier extract -q --svg --view $$v --min-weight 1 \
	    -e build/leakcheck-names/ents -o build/leakcheck-names/out-$$v build/leakcheck-names/docs || exit 1; \
	done
	@echo "leakcheck: no leaks, no errors"

clean:
	rm -rf build dossier
