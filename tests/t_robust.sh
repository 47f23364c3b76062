#!/bin/sh
# t_robust.sh - the bad-input policy end to end (issue 8): every input is
# generated here, in a temporary directory. Run from the project root.
#   binary / UTF-16 / Windows-1252 / empty / long-line / deep HTML inputs,
#   unreadable files and loops, --strict, gazetteer errors, output
#   directories that cannot be written, atomic outputs, determinism.
# Injection-proof outputs are checked by tests/test_read_injection.c.
DOSSIER=${DOSSIER:-./dossier}
T=$(mktemp -d "${TMPDIR:-/tmp}/dossier-robust.XXXXXX")
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
check() { # check "what" command...
  what=$1; shift
  if "$@"; then ok; else bad "$what"; fi
}
has() { grep -q -- "$1" "$2"; }
OUTS="graph.dot graph.gexf timeline.csv events.csv timelinejs.csv entities.csv relations.csv mentions.csv documents.csv"

# ---- a small entities/ (the project's, completed when files are missing)
E=$T/ents
mkdir -p "$E"
cp entities/* "$E"/ 2>/dev/null
G='id	label	type	aliases	start	end	roles'
[ -f "$E/people.tsv" ] || printf '%s\n' "$G" > "$E/people.tsv"
[ -f "$E/organizations.tsv" ] || printf '%s\n' "$G" > "$E/organizations.tsv"
[ -f "$E/places.tsv" ] || printf '%s\n' "$G" > "$E/places.tsv"
[ -f "$E/given-names.tsv" ] || printf 'name\tgender\nNikolai\tM\n' > "$E/given-names.tsv"
printf 'zz-robust-kamenyev\tLev Zzkamenyev\tPERSON\tZzkamenyev\t\t\t\n' >> "$E/people.tsv"
NAME="Lev Zzkamenyev"
run() { "$DOSSIER" extract -e "$E" "$@"; }
runf() { "${BUILD:-build/rel}/tests/dossier-faults" extract -e "$E" "$@"; }

# ---- binary, UTF-16, Windows-1252, empty: warnings name the file, the run goes on
D=$T/in
mkdir -p "$D"
printf 'Good document: %s was tried.\n' "$NAME" > "$D/a-good.txt"
printf 'MZ\220\000\003\000\000\000%s\000\000' "$NAME" > "$D/b-binary.txt"
printf '\377\376' > "$D/c-utf16le.txt"
printf 'Caf\303\251 \342\200\224 %s in UTF-16.\n' "$NAME" | iconv -f UTF-8 -t UTF-16LE >> "$D/c-utf16le.txt"
printf '\376\377' > "$D/d-utf16be.txt"
printf 'Caf\303\251 \342\200\224 %s in UTF-16.\n' "$NAME" | iconv -f UTF-8 -t UTF-16BE >> "$D/d-utf16be.txt"
printf 'Caf\351 \223quoted\224 \226 %s, 1938.\n' "$NAME" > "$D/e-cp1252.txt"
: > "$D/f-empty.txt"
run -o "$T/out1" "$D" 2> "$T/err1"; rc=$?
check "a skipped binary file is not an error (exit $rc)" [ "$rc" = 0 ]
check "the binary file is named in a warning" has "b-binary.txt: binary file" "$T/err1"
check "the skip is summed up" has "1 input(s) skipped" "$T/err1"
check "the Windows-1252 file is named in a warning" has "e-cp1252.txt: not valid UTF-8: read as Windows-1252" "$T/err1"
for f in $OUTS; do check "$f written" [ -s "$T/out1/$f" ]; done
for f in c-utf16le d-utf16be; do
  "$DOSSIER" text "$D/$f.txt" > "$T/$f.out"
  printf 'Caf\303\251 \342\200\224 %s in UTF-16.\n' "$NAME" > "$T/$f.want"
  check "$f decoded" cmp -s "$T/$f.out" "$T/$f.want"
done
"$DOSSIER" text "$D/e-cp1252.txt" > "$T/cp.out"
printf 'Caf\303\251 \342\200\234quoted\342\200\235 \342\200\223 %s, 1938.\n' "$NAME" > "$T/cp.want"
check "Windows-1252 decoded (dossier text)" cmp -s "$T/cp.out" "$T/cp.want"
# mentions' offsets refer to the decoded text
for f in c-utf16le e-cp1252 a-good; do
  line=$(grep "$f.txt,.*,PERSON,$NAME," "$T/out1/mentions.csv" | head -n 1)
  s=$(printf '%s' "$line" | cut -d, -f2); e=$(printf '%s' "$line" | cut -d, -f3)
  if [ -n "$s" ]; then
    got=$("$DOSSIER" text "$D/$f.txt" | tail -c +$((s + 1)) | head -c $((e - s)))
    check "$f: offsets $s-$e select the name in the decoded text (got '$got')" [ "$got" = "$NAME" ]
  else
    bad "$f: no mention of $NAME"
  fi
done
check "the empty file is fine" sh -c "! grep -q 'f-empty' '$T/err1'"
run -o "$T/out-empty" "$D/f-empty.txt" 2>/dev/null
check "an empty file alone gives empty outputs (exit $?)" [ -s "$T/out-empty/mentions.csv" ]

# ---- --strict: any skip is an error, nothing written
run --strict -o "$T/strict" "$D" 2> "$T/err2"; rc=$?
check "--strict with a binary file exits 2 (got $rc)" [ "$rc" = 2 ]
check "--strict writes nothing" [ ! -e "$T/strict/graph.dot" ]
check "--strict names the file" has "b-binary.txt" "$T/err2"

# ---- unreadable inputs and loops (CI runs as root: also what root cannot read)
U=$T/unread
mkdir -p "$U/sub"
printf '%s spoke.\n' "$NAME" > "$U/good.txt"
ln -s "$T/nowhere.txt" "$U/dangling.txt"
ln -s self.txt "$U/self.txt"
ln -s .. "$U/sub/loop"
printf 'secret\n' > "$U/locked.txt"; chmod 000 "$U/locked.txt"
run -o "$T/out3" "$U" "$T/missing.txt" "$U/sub" /dev/zero 2> "$T/err3"; rc=$?
check "unreadable inputs are skipped, the run goes on (exit $rc)" [ "$rc" = 0 ]
check "a dangling symlink is reported" has "dangling.txt: cannot read" "$T/err3"
check "a symlink to itself is reported" has "self.txt: cannot read: Too many levels" "$T/err3"
check "a directory loop is reported" has "directory loop" "$T/err3"
check "a missing input is reported" has "missing.txt: cannot read" "$T/err3"
check "a device is reported" has "/dev/zero: not a regular file" "$T/err3"
if [ "$(id -u)" != 0 ]; then
  check "a file without permission is reported" has "locked.txt: cannot open: Permission denied" "$T/err3"
fi
check "the readable document was extracted" has "good.txt" "$T/out3/mentions.csv"
run --strict -o "$T/out4" "$U" 2> "$T/err4"; rc=$?
check "--strict with an unreadable input exits 2 (got $rc)" [ "$rc" = 2 ]
check "--strict wrote nothing" [ ! -e "$T/out4" ]
mkfifo "$T/fifo.txt" 2>/dev/null && {
  run -o "$T/out5" "$T/fifo.txt" "$U/good.txt" 2>/dev/null & pid=$!
  i=0; while kill -0 $pid 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
  if kill -0 $pid 2>/dev/null; then kill $pid; bad "a FIFO without a writer hangs the run"; else ok; fi
}

# ---- file names that are not UTF-8, or hold markup, quotes or a newline
F=$T/names
mkdir -p "$F"
printf '%s met Rykov.\n' "$NAME" > "$F/caf$(printf '\351')<b>&\"x.txt"
printf '%s spoke.\n' "$NAME" > "$F/line
break.txt"
run -q -o "$T/out-names" "$F"; rc=$?
check "odd file names: exit $rc" [ "$rc" = 0 ]
for f in "$T"/out-names/*.csv; do
  check "$(basename "$f") is UTF-8 although a file name is not" sh -c 'iconv -f UTF-8 -t UTF-8 "$1" > /dev/null' utf8 "$f"
done
check "graph.gexf is well-formed with odd file names" xmllint --noout "$T/out-names/graph.gexf"

# ---- a long single line (linear time is measured by tests/bench-robust.sh);
#      a quadratic loop would not finish under the timeout
L=$T/long
mkdir -p "$L"
{ for unit in '" ' ') ' 'Ivan Petrov ' 'A. ' 'Ivan-Petrov-' 'Zzkamenyev and Rykov ' '"Rykov, " Bukharin said, "'; do
    yes "$unit" | head -n 40000 | tr -d '\n'
  done; printf '\n'; } > "$L/line.txt"
timeout 120 "$DOSSIER" extract -q -e "$E" -o "$T/out6" "$L/line.txt"; rc=$?
check "a long single line is processed (exit $rc)" [ "$rc" = 0 ]

# ---- one sentence listing many names: co-occurrence stays linear, evidence bounded
grep -v '^#' "$E/people.tsv" | cut -f2 | tail -n +2 | head -n 400 | tr '\n' ',' > "$L/one.txt"
for i in 1 2 3 4 5 6 7 8; do cat "$L/one.txt"; done > "$L/names.txt"; rm "$L/one.txt"
timeout 120 "$DOSSIER" extract -q -e "$E" -o "$T/out-list" "$L/names.txt"; rc=$?
check "a sentence listing hundreds of names (exit $rc)" [ "$rc" = 0 ]
size=$(wc -c < "$T/out-list/relations.csv" 2>/dev/null || echo 0)
check "relations.csv stays small for it ($size bytes)" [ "$size" -lt 30000000 ]
longest=$(awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }' "$T/out-list/relations.csv")
check "a list's evidence is the stretch between two names, not the sentence (longest row $longest bytes)" [ "$longest" -lt 700 ]

# ---- HTML nested 100,000 deep, broken HTML, deep XML: no stack overflow, no text lost
H=$T/html
mkdir -p "$H"
{ printf '<html><body><p>before</p>'; yes '<div>' | head -n 100000 | tr -d '\n'
  printf '%s deep' "$NAME"; yes '</div>' | head -n 100000 | tr -d '\n'; printf '<p>after</p></body></html>\n'; } > "$H/deep.html"
{ printf '<html><body>'; yes '<b><i>' | head -n 50000 | tr -d '\n'; printf '%s unclosed<p>after\n' "$NAME"; } > "$H/unclosed.html"
{ printf '<TEI><text>'; yes '<div>' | head -n 100000 | tr -d '\n'
  printf '%s deep' "$NAME"; yes '</div>' | head -n 100000 | tr -d '\n'; printf '<p>after</p></text></TEI>\n'; } > "$H/deep.xml"
printf '<html><body><p>%s <<<>>> </x></y><table><td><tr>text<!-- open <script>x</p><![CDATA[ <b a="open>&amp &#xFFFFFFFF; &#0; &#xD800; tail' "$NAME" > "$H/broken.html"
printf '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]><TEI><text><p x="&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">&h;</p><p>%s after</p></text></TEI>\n' "$NAME" > "$H/laughs.xml"
for f in deep.html unclosed.html deep.xml; do
  timeout 120 "$DOSSIER" text "$H/$f" > "$T/$f.out" 2> "$T/$f.err"; rc=$?
  check "$f read (exit $rc)" [ "$rc" = 0 ]
  check "$f: the deepest text is kept" has "$NAME" "$T/$f.out"
  check "$f: the text after it is kept" has "after" "$T/$f.out"
done
timeout 60 "$DOSSIER" text "$H/broken.html" > "$T/broken.out" 2>&1; rc=$?
check "broken HTML read (exit $rc)" [ "$rc" = 0 ]
check "broken HTML: text kept" has "$NAME" "$T/broken.out"
# a memory cap as a safety net, except under AddressSanitizer (it reserves terabytes)
case "${BUILD:-}" in *san*) cap=unlimited ;; *) cap=2000000 ;; esac
( ulimit -v $cap 2>/dev/null; timeout 60 "$DOSSIER" text "$H/laughs.xml" > "$T/laughs.out" 2>&1 ); rc=$?
check "nested entities do not expand exponentially (exit $rc)" [ "$rc" = 0 ]
check "nested entities: the rest of the document is kept" has "$NAME after" "$T/laughs.out"
timeout 120 "$DOSSIER" extract -q -e "$E" -o "$T/out7" "$H"; rc=$?
check "extract over the HTML/XML folder (exit $rc)" [ "$rc" = 0 ]

# ---- gazetteer and lexicon errors: FILE:LINE, exit 3, nothing written
bad_ents() { # bad_ents NAME: a fresh copy of $E in $T/NAME
  rm -rf "$T/$1"; cp -R "$E" "$T/$1"
}
gaz_fails() { # gaz_fails WHAT DIR PATTERN
  "$DOSSIER" extract -e "$2" -o "$T/gout" "$D/a-good.txt" 2> "$T/gerr"; rc=$?
  check "$1: exit 3 (got $rc)" [ "$rc" = 3 ]
  check "$1: message '$3' (got: $(cat "$T/gerr"))" grep -q -- "$3" "$T/gerr"
  check "$1: nothing written" [ ! -e "$T/gout" ]
}
bad_ents e1; n=$(($(wc -l < "$E/people.tsv") + 1))
printf 'ivan-x\tIvan X\tPERSN\t\n' >> "$T/e1/people.tsv"
gaz_fails "a bad type" "$T/e1" "people.tsv:$n: expected type PERSON, ORG or PLACE"
bad_ents e2; n=$(($(wc -l < "$E/places.tsv") + 1))
printf 'Moscow-only-one-field\n' >> "$T/e2/places.tsv"
gaz_fails "a short row" "$T/e2" "places.tsv:$n: expected at least 3"
bad_ents e3; sed '1,/^id/s/^id\tlabel/ident\tlabel/' "$E/organizations.tsv" > "$T/e3/organizations.tsv"
gaz_fails "a wrong header" "$T/e3" "organizations.tsv:[0-9]*: expected the header row"
bad_ents e4; n=$(($(wc -l < "$E/people.tsv") + 1))
printf 'ivan-y\tIvan Caf\351\tPERSON\t\n' >> "$T/e4/people.tsv"
gaz_fails "a non-UTF-8 line" "$T/e4" "people.tsv:$n: expected UTF-8"
bad_ents e5; printf '\377\376' > "$T/e5/places.tsv"; iconv -f UTF-8 -t UTF-16LE "$E/places.tsv" >> "$T/e5/places.tsv"
gaz_fails "a UTF-16 gazetteer" "$T/e5" "places.tsv:1: expected UTF-8"
bad_ents e6; rm "$T/e6/people.tsv"
"$DOSSIER" extract -e "$T/e6" -o "$T/gout" "$D/a-good.txt" 2> "$T/gerr"; rc=$?
check "a missing gazetteer: exit 2 or 3 (got $rc)" [ "$rc" = 2 ] || [ "$rc" = 3 ]
check "a missing gazetteer is named" has "people.tsv" "$T/gerr"
# saved by Excel: UTF-8 with a BOM and CRLF line ends: loads fine
bad_ents e7; { printf '\357\273\277'; sed 's/$/\r/' "$E/people.tsv"; } > "$T/e7/people.tsv"
sed 's/$/\r/' "$E/words.tsv" > "$T/e7/words.tsv"
"$DOSSIER" extract -e "$T/e7" -o "$T/out8" "$D/a-good.txt" 2> "$T/gerr"; rc=$?
check "an Excel-saved gazetteer (BOM, CRLF) loads (exit $rc: $(head -c 300 "$T/gerr"))" [ "$rc" = 0 ]
check "... and its people are found" has "person:zz-robust-kamenyev,$NAME" "$T/out8/mentions.csv"

# ---- an output directory that cannot be created or written: exit 2, clear message
printf 'x\n' > "$T/plainfile"
run -o "$T/plainfile/out" "$D/a-good.txt" 2> "$T/oerr"; rc=$?
check "output under a regular file: exit 2 (got $rc)" [ "$rc" = 2 ]
check "output under a regular file: message" has "plainfile/out: cannot create the output directory" "$T/oerr"
run -o "$T/plainfile" "$D/a-good.txt" 2> "$T/oerr"; rc=$?
check "output onto a regular file: exit 2 (got $rc)" [ "$rc" = 2 ]
check "output onto a regular file: message names it" has "plainfile" "$T/oerr"
run -o /proc/dossier-cannot-be-here "$D/a-good.txt" 2> "$T/oerr"; rc=$?
check "output in /proc: exit 2 (got $rc)" [ "$rc" = 2 ]

# ---- atomic outputs: a failed write leaves the previous outputs byte for byte
A=$T/atomic
run -q --svg -o "$A" "$D/a-good.txt"
OUTS_NOW=$(ls -A "$A"); n_out=$(ls -A "$A" | wc -l)
check "a first run wrote every output ($n_out files)" [ "$n_out" -ge 7 ]
mkdir -p "$T/prev"; for f in $OUTS_NOW; do cp "$A/$f" "$T/prev/$f"; done
i=1
while [ $i -le "$n_out" ]; do
  DOSSIER_FAULT_WRITE=$i runf -q --svg -o "$A" "$D" 2> "$T/aerr"; rc=$?
  check "fault in output $i: exit 2 (got $rc)" [ "$rc" = 2 ]
  check "fault in output $i: the message says what failed" has "cannot write" "$T/aerr"
  same=1; for g in $OUTS_NOW; do cmp -s "$A/$g" "$T/prev/$g" || same=0; done
  check "fault in output $i: previous outputs unchanged" [ "$same" = 1 ]
  check "fault in output $i: no temporary files left ($(ls -A "$A" | tr '\n' ' '))" [ "$(ls -A "$A" | wc -l)" = "$n_out" ]
  i=$((i + 1))
done
# a killed run's temporary files (its process is gone) are cleared by the next run;
# a live process's are left alone
sleep 0 & dead=$!; wait $dead
printf 'half' > "$A/.graph.dot.tmp.$dead"; printf 'half' > "$A/.mentions.csv.tmp.$$"
printf 'mine' > "$A/.notes.tmp.$dead"
run -q --svg -o "$A" "$D/a-good.txt" 2>/dev/null
check "a dead run's temporary file is removed" [ ! -e "$A/.graph.dot.tmp.$dead" ]
check "a live process's temporary file is kept" [ -e "$A/.mentions.csv.tmp.$$" ]
check "a file that is not ours is kept" [ -e "$A/.notes.tmp.$dead" ]
DOSSIER_FAULT_WRITE=3 runf -q -o "$T/atomic-new" "$D" 2>/dev/null
check "a failed first run leaves no output files" [ "$(ls -A "$T/atomic-new" 2>/dev/null | wc -l)" = 0 ]

# ---- deterministic: same input, same bytes (also with -j 2, another TZ, SOURCE_DATE_EPOCH unset)
run -q --svg -o "$T/det1" "$D" tests/corpus
TZ=Asia/Tokyo run -q --svg -j 2 -o "$T/det2" tests/corpus "$D"
check "all outputs written ($(ls -A "$T/det1" | wc -l))" [ "$(ls -A "$T/det1" | wc -l)" -ge 8 ]
same=1; for f in $(ls -A "$T/det1"); do cmp -s "$T/det1/$f" "$T/det2/$f" || { same=0; echo "# $f differs"; }; done
check "two runs (-j 1 and -j 2, inputs in another order) give the same bytes" [ "$same" = 1 ]
check "no timestamp in the outputs" sh -c "! grep -rq '$(date -u +%Y-%m-%d)' '$T/det1'"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
