#!/bin/sh
# The layout of src/ is a rule, not a habit: each folder's INCLUDES line says
# which folders its files may include (base < model < extract, reduce <
# export), and this checks every #include of src/ against it; that no folder
# includes one above its own; that each third-party library is included by
# the files that own it; that headers form no cycle; and that threads start
# in three places only. It first checks itself on a tree that breaks each
# rule, so it cannot pass by checking nothing.
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }

# The pipeline's order: a folder may never include one of a higher rank.
rank() {
  case $1 in base) echo 0 ;; model) echo 1 ;; extract | reduce) echo 2 ;; export) echo 3 ;; *) echo 9 ;; esac
}

# violations ROOT: prints one line per broken rule in ROOT (a copy of src/).
violations() {
  root=$1
  for dir in base model extract reduce export; do
    rules="$root/$dir/INCLUDES"
    if [ ! -f "$rules" ]; then echo "$dir/: no INCLUDES line"; continue; fi
    allowed=$(sed -n 's/^.*may include: \([a-z ]*\).*$/\1/p' "$rules")
    for f in "$root/$dir"/*.c "$root/$dir"/*.h; do
      [ -f "$f" ] || continue
      base=$(basename "$f")
      extra=$(sed -n "s/^.*(\\($base\\) also: \\([a-z ]*\\)).*\$/\\2/p" "$rules")
      grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" | while IFS= read -r line; do
        n=${line%%:*}
        inc=$(printf '%s\n' "$line" | sed 's/^[^"]*"\([^"]*\)".*$/\1/')
        case $inc in
          dossier.h) continue ;;
          */*) ;;
          *) echo "$dir/$base:$n: \"$inc\" names no folder"; continue ;;
        esac
        case $inc in ../* | */../*) echo "$dir/$base:$n: \"$inc\" climbs out of src/"; continue ;; esac
        to=${inc%%/*}
        if [ "$(rank "$to")" -gt "$(rank "$dir")" ] || { [ "$to" != "$dir" ] && [ "$(rank "$to")" = "$(rank "$dir")" ]; }; then
          echo "$dir/$base:$n: includes $inc, a folder above or beside its own"
          continue
        fi
        okay=0
        for a in $allowed $extra; do [ "$a" = "$to" ] && okay=1; done
        [ $okay = 1 ] || echo "$dir/$base:$n: includes $inc ($dir/ may include: $allowed${extra:+; $base also: $extra})"
      done
    done
  done
  # the CLI sees the library's public API only
  grep -n '#[[:space:]]*include[[:space:]]*"' "$root/main.c" 2>/dev/null | grep -v '"dossier.h"' |
    sed 's/^\([0-9]*\):.*"\(.*\)".*/main.c:\1: includes \2 (the CLI uses dossier.h only)/'
  # each third-party library is included by the files that own it
  grep -rn '#[[:space:]]*include[[:space:]]*<\(cgraph\|gvc\|csv\|jansson\|utf8proc\|libxml/[a-z]*\|poppler\|archive\|archive_entry\)\.h>' "$root" |
    sed "s|^$root/||" | while IFS= read -r line; do
      file=${line%%:*}; lib=$(printf '%s\n' "$line" | sed 's/^.*<\([^>]*\)>.*$/\1/')
      case "$lib:$file" in
        cgraph.h:export/dot.c | gvc.h:export/dot.c | csv.h:base/csvio.c | jansson.h:base/jsonio.c | utf8proc.h:base/utf8.c) ;;
        libxml/*:extract/read_markup.c | libxml/*:extract/read_office.c | libxml/*:export/gexf.c | libxml/*:export/report.c | libxml/*:export/escape.c) ;;
        poppler.h:extract/read_pdf.c | archive.h:extract/read_archive.c | archive_entry.h:extract/read_archive.c) ;;
        *) echo "$file: includes <$lib>, which another file owns" ;;
      esac
    done
  # threads start in the CLI, the merge and the export only, each saying how
  grep -rln 'pthread_create' "$root" | sed "s|^$root/||" | while IFS= read -r file; do
    case $file in
      main.c | reduce/merge.c | export/export.c) ;;
      *) echo "$file: starts a thread (only main.c, reduce/merge.c and export/export.c may)" ;;
    esac
    grep -q 'Threads:' "$root/$file" || echo "$file: starts threads without a 'Threads:' paragraph"
  done
  # headers include each other without a cycle (tsort finds loops)
  for h in "$root"/*/*.h; do
    [ -f "$h" ] || continue
    from=$(printf '%s\n' "$h" | sed "s|^$root/||")
    echo "$from $from"
    sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([a-z]*\/[^"]*\.h\)".*$/\1/p' "$h" |
      while read -r to; do echo "$to $from"; done
  done > "$T/edges"
  tsort "$T/edges" >/dev/null 2>"$T/loops" || sed 's/^/headers: /' "$T/loops"
}

# ---- the checker catches each kind of break (on a copy that breaks them)
cp -R src "$T/bad"
printf '#include "reduce/corpus.h"\n' >> "$T/bad/extract/segment.c"
printf '#include "export/writer.h"\n' >> "$T/bad/model/graph.h"
printf '#include "reduce/corpus.h"\n' >> "$T/bad/export/timeline.c"
printf '#include "graph.h"\n' >> "$T/bad/reduce/merge.c"
printf '#include <csv.h>\n' >> "$T/bad/export/mentions.c"
printf '#include <jansson.h>\n' >> "$T/bad/export/ftm.c"
printf '#include <archive.h>\n' >> "$T/bad/extract/read_office.c"
printf 'static void f(void) { pthread_create(0, 0, 0, 0); }\n' >> "$T/bad/extract/events.c"
printf '#include "base/mem.h"\n' >> "$T/bad/base/buf.h"
printf '#include "base/buf.h"\n' >> "$T/bad/base/mem.h"
printf '#include "model/graph.h"\n' >> "$T/bad/main.c"
violations "$T/bad" > "$T/bad.out"
expect() { if grep -q "$2" "$T/bad.out"; then ok; else bad "the checker misses: $1"; fi; }
expect "extract/ including reduce/" "extract/segment.c:.*reduce/corpus.h"
expect "model/ including export/ (a folder above)" "model/graph.h:.*export/writer.h"
expect "an exporter other than export.c including reduce/" "export/timeline.c:.*reduce/corpus.h"
expect "an include without its folder" "reduce/merge.c:.*\"graph.h\" names no folder"
expect "libcsv included outside csvio.c" "export/mentions.c: includes <csv.h>"
expect "jansson included outside jsonio.c" "export/ftm.c: includes <jansson.h>"
expect "libarchive included outside read_archive.c" "extract/read_office.c: includes <archive.h>"
expect "a thread started in extract/" "extract/events.c: starts a thread"
expect "a cycle between two headers" "headers: "
expect "the CLI reaching inside the library" "main.c:.*model/graph.h"

# ---- the real tree keeps every rule; checking it writes nothing outside $T
before=$(git status --porcelain 2>/dev/null)
violations src > "$T/src.out"
[ "$(git status --porcelain 2>/dev/null)" = "$before" ] && ok || bad "the layout check changed files of the tree"
if [ -s "$T/src.out" ]; then bad "src/ breaks the layout rules:"; sed 's/^/    /' "$T/src.out"; else ok; fi
# every .c of the library sits in a folder (make builds src/*/*.c only)
for f in src/*.c; do [ "$f" = src/main.c ] && ok || bad "$f: a library file outside the folders"; done
# a one-line header comment says what each file is
for f in src/*.c src/*/*.c src/*/*.h; do
  head -n 1 "$f" | grep -q '^/\* [a-z_0-9]*\.[ch] - ' && ok || bad "$f: no one-line header comment"
done

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
