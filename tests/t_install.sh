#!/bin/sh
# t_install.sh - make install and make uninstall (issue 21), from a build of
# its own (a plain one, whatever the suite runs under), as a packager runs
# them: PREFIX=/usr into a temporary DESTDIR, then PREFIX=a temporary
# directory without DESTDIR. The installed program runs from another
# directory and finds its gazetteers; a tiny C program compiles and links
# against the installed library through pkg-config (shared and static);
# the installed man page renders without a warning; uninstall leaves
# nothing behind.
. "$(dirname "$0")/harness.sh"
SRC=$(pwd)
has() { grep -q -F -- "$2" "$1"; }
# make in the source tree, into $T/build, clear of the suite's own make
# (its MAKEFLAGS would pass SANITIZE=1 and -j on)
mk() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$SRC" BUILD="$T/build" SANITIZE= WERROR= PGO=0 \
         CFLAGS="-O1 -g0" LDCONFIG=true "$@" >"$T/make.log" 2>&1; }
unset DOSSIER_ENTITIES
V=$(sed -n 's/^#define DOSSIER_VERSION "\(.*\)"/\1/p' include/dossier.h)

# ---- a Debian-style install: PREFIX=/usr, DESTDIR
D=$T/dest
if mk -j2 install PREFIX=/usr DESTDIR="$D"; then ok; else no "make install PREFIX=/usr DESTDIR=..."; sed 's/^/    /' "$T/make.log" | tail -n 15; fi
for f in bin/dossier lib/libdossier.a "lib/libdossier.so.$V" include/dossier.h lib/pkgconfig/dossier.pc \
         share/man/man1/dossier.1; do
  check "installed: /usr/$f" test -f "$D/usr/$f"
done
check "installed: the program is executable" test -x "$D/usr/bin/dossier"
check "installed: libdossier.so.0 -> libdossier.so.$V" sh -c "[ \"\$(readlink '$D/usr/lib/libdossier.so.0')\" = 'libdossier.so.$V' ]"
check "installed: libdossier.so -> libdossier.so.0 (for -ldossier)" sh -c "[ \"\$(readlink '$D/usr/lib/libdossier.so')\" = libdossier.so.0 ]"
check "installed: every gazetteer under share/dossier/entities" \
  sh -c "cd entities && for f in *.tsv; do cmp -s \"\$f\" '$D/usr/share/dossier/entities/'\"\$f\" || exit 1; done"
if command -v readelf >/dev/null 2>&1; then
  readelf -d "$D/usr/lib/libdossier.so.$V" >"$T/dyn" 2>&1
  check "libdossier.so: its soname is versioned (libdossier.so.0)" grep -q 'Library soname: \[libdossier.so.0\]' "$T/dyn"
  nm -D --defined-only "$D/usr/lib/libdossier.so.$V" | awk '$2 ~ /^[TDBR]$/ {print $3}' >"$T/syms"
  check "libdossier.so: exports the API" grep -qx dossier_corpus_export "$T/syms"
  check "libdossier.so: exports nothing but dossier_*" sh -c "! grep -v '^dossier_' '$T/syms'"
fi

# the installed program, run from elsewhere, finds the installed gazetteers
mkdir -p "$T/work"
cd "$T/work"
"$D/usr/bin/dossier" extract -q -o out "$SRC/tests/corpus/bukharin-trial-qa.txt" 2>"$T/err"; rc=$?
check "the installed dossier runs from another directory (exit $rc)" test "$rc" = 0
check "  ... and finds its gazetteers (Bukharin is known)" grep -q ',person:nikolai-bukharin,' out/mentions.csv
"$D/usr/bin/dossier" extract --help >"$T/help"
check "  ... --help names them: DESTDIR/usr/share/dossier/entities" has "$T/help" "$D/usr/share/dossier/entities"
"$D/usr/bin/dossier" --version >"$T/ver"
check "  ... --version" has "$T/ver" "dossier $V"
cd "$SRC"

# the man page, installed: man finds it by name and renders it without a warning
LC_ALL=C.UTF-8 MANWIDTH=80 MANPATH="$D/usr/share/man" man --warnings dossier >"$T/man.txt" 2>"$T/man.err"
check "man dossier (MANPATH into DESTDIR) renders without a warning" sh -c "[ -s '$T/man.txt' ] && [ ! -s '$T/man.err' ]"
check "the installed man page names the installed gazetteers (/usr/share/dossier/entities)" has "$T/man.txt" "/usr/share/dossier/entities"
command -v mandoc >/dev/null 2>&1 && check "the installed man page: mandoc -T lint" mandoc -T lint -W warning "$D/usr/share/man/man1/dossier.1"

# ---- a tiny C program against the installed library, through pkg-config
cat >"$T/prog.c" <<'C'
/* Extract one sentence with the installed library and write the outputs. */
#include <dossier.h>
#include <stdio.h>
#include <string.h>
int main(int argc, char **argv)
{
    if (argc != 3) return 2;
    dossier_error err = {0};
    dossier_lexicon *lex = dossier_lexicon_load(argv[1], &err);
    if (!lex) {
        char msg[1200];
        dossier_error_format(&err, msg, sizeof(msg));
        fprintf(stderr, "prog: %s\n", msg);
        return 1;
    }
    static const char text[] = "Nikolai Bukharin was arrested in Moscow in February 1937.";
    dossier_docresult *r = dossier_extract_memory(lex, "note.txt", text, strlen(text), NULL, &err);
    dossier_corpus *c = dossier_corpus_new();
    dossier_corpus_add(c, r);
    int st = dossier_corpus_export(c, argv[2], NULL, &err);
    dossier_corpus_free(c);
    dossier_lexicon_free(lex);
    printf("libdossier %s: %s\n", DOSSIER_VERSION, st ? err.message : "written");
    return st;
}
C
PC="env PKG_CONFIG_PATH=$D/usr/lib/pkgconfig PKG_CONFIG_SYSROOT_DIR=$D pkg-config"
check "pkg-config knows dossier $V" sh -c "[ \"\$($PC --modversion dossier)\" = '$V' ]"
flags=$($PC --cflags --libs dossier)
check "pkg-config: -I and -L point into DESTDIR (sysroot)" sh -c "echo '$flags' | grep -q -- '-I$D/usr/include' && echo '$flags' | grep -q -- '-L$D/usr/lib'"
moved=$(pkg-config --define-variable=prefix="$D/usr" --cflags --libs "$D/usr/lib/pkgconfig/dossier.pc")
check "pkg-config: paths follow --define-variable=prefix (relative to \${prefix})" \
  sh -c "echo '$moved' | grep -q -- '-I$D/usr/include' && echo '$moved' | grep -q -- '-L$D/usr/lib'"
# pkgconf puts the sysroot before variables too; pkg-config 0.29 does not
ents=$($PC --variable=entitiesdir dossier)
case $ents in "$D"/*) ;; *) ents=$D$ents ;; esac
check "pkg-config: entitiesdir is the installed gazetteers" test -f "$ents/people.tsv"
if cc -o "$T/prog" "$T/prog.c" $flags 2>"$T/cc.log"; then ok; else no "cc prog.c \$(pkg-config --cflags --libs dossier)"; cat "$T/cc.log"; fi
LD_LIBRARY_PATH=$D/usr/lib "$T/prog" "$ents" "$T/prog-out" >"$T/prog.log" 2>&1
check "the program runs on the installed libdossier.so" sh -c "grep -q 'libdossier $V: written' '$T/prog.log' && grep -q 'note.txt,0,16,PERSON,Nikolai Bukharin' '$T/prog-out/mentions.csv'"
LD_LIBRARY_PATH=$D/usr/lib ldd "$T/prog" >"$T/ldd" 2>&1
check "  ... loaded as libdossier.so.0 from DESTDIR" grep -q "libdossier.so.0 => $D/usr/lib/libdossier.so.0" "$T/ldd"
static=$($PC --static --libs dossier | sed 's/-ldossier/-Wl,-Bstatic -ldossier -Wl,-Bdynamic/')
if cc -o "$T/prog-static" "$T/prog.c" $($PC --cflags dossier) $static 2>"$T/cc.log"; then ok; else no "cc prog.c with pkg-config --static (libdossier.a)"; cat "$T/cc.log"; fi
env -u LD_LIBRARY_PATH "$T/prog-static" "$ents" "$T/prog-out2" >"$T/prog.log" 2>&1
check "the program linked with libdossier.a runs without the .so" grep -q "libdossier $V: written" "$T/prog.log"

# ---- uninstall from DESTDIR: nothing left
if mk uninstall PREFIX=/usr DESTDIR="$D"; then ok; else no "make uninstall DESTDIR=..."; fi
check "uninstall leaves no file in DESTDIR" sh -c "[ -z \"\$(find '$D' -type f -o -type l)\" ]"

# ---- PREFIX without DESTDIR: the program copied anywhere reads PREFIX's gazetteers
P=$T/prefix
if mk install PREFIX="$P"; then ok; else no "make install PREFIX=$P"; sed 's/^/    /' "$T/make.log" | tail -n 15; fi
mkdir -p "$T/copy"
cp "$P/bin/dossier" "$T/copy/dossier"
(cd "$T/work" && "$T/copy/dossier" extract -q -o out2 "$SRC/tests/corpus/bukharin-trial-qa.txt") 2>"$T/err"
check "a copy of the installed program reads PREFIX/share/dossier/entities (compiled in)" \
  grep -q ',person:nikolai-bukharin,' "$T/work/out2/mentions.csv"
"$T/copy/dossier" extract --help >"$T/help"
check "  ... and says so in --help" has "$T/help" "$P/share/dossier/entities"
mv "$P/share/dossier/entities" "$P/share/dossier/gone"
(cd "$T/work" && "$T/copy/dossier" extract -o out3 "$SRC/tests/corpus/bukharin-trial-qa.txt") 2>"$T/err"; rc=$?
check "installed gazetteers gone: status 2, where it looked and -e / DOSSIER_ENTITIES" \
  sh -c "[ $rc = 2 ] && grep -q 'looked for in .*$P/share/dossier/entities; give their directory with -e DIR or DOSSIER_ENTITIES=DIR' '$T/err'"
mv "$P/share/dossier/gone" "$P/share/dossier/entities"
if mk uninstall PREFIX="$P"; then ok; else no "make uninstall PREFIX=$P"; fi
check "uninstall leaves no file under PREFIX" sh -c "[ -z \"\$(find '$P' -type f -o -type l)\" ]"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
