#!/bin/sh
# Scale-out: four shards extracted by GNU parallel, merged, must give the
# bytes of one run over the whole corpus.
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
pass=0 fail=0
check() { desc=$1; shift; if "$@" >/dev/null 2>&1; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $desc"; fi; }
D=$(pwd)/dossier
mkdir -p "$T/corpus"
cp tests/corpus/*.txt "$T/corpus/"
# three more small documents, so that the corpus cuts into four shards of two
printf 'Kamenev was arrested in 1934. Zinoviev confessed on 20 August 1936.\n' > "$T/corpus/x1.txt"
printf 'Trotsky was expelled from the party in 1927 and exiled to Alma-Ata.\n' > "$T/corpus/x2.txt"
printf 'Kirov was murdered in Leningrad on 1 December 1934.\n' > "$T/corpus/x3.txt"
OUTS="graph.dot graph.gexf timeline.csv events.csv timelinejs.csv entities.csv relations.csv mentions.csv report.html documents.csv"
cd "$T"
"$D" extract -q -o one corpus
find corpus -name '*.txt' | sort |
  parallel --will-cite --pipe -N2 "$D extract -q --partial part-{#}.part \$(cat)"
cd - >/dev/null
n=$(ls "$T"/part-*.part 2>/dev/null | wc -l)
check "GNU parallel made four partial results (got $n)" test "$n" = 4
(cd "$T" && "$D" merge -q -o merged part-*.part)
check "merge of the four" test -s "$T/merged/mentions.csv"
for f in $OUTS; do
  check "$f: merged shards = one run" cmp -s "$T/one/$f" "$T/merged/$f"
done
# the merge on two threads gives the same bytes
(cd "$T" && "$D" merge -q -j 2 -o merged-j2 part-*.part)
for f in $OUTS; do check "$f: merge -j 2 = one run" cmp -s "$T/one/$f" "$T/merged-j2/$f"; done
# the order of the partials does not matter
(cd "$T" && "$D" merge -q -o merged2 $(ls part-*.part | sort -r))
for f in $OUTS; do check "$f: partials in any order" cmp -s "$T/one/$f" "$T/merged2/$f"; done
printf 'not a partial\n' > "$T/bad.part"
"$D" merge -q -o "$T/bad" "$T/bad.part" 2> "$T/err"; rc=$?
check "a malformed partial: exit 4" test $rc = 4
check "a malformed partial: FILE:LINE: what was expected" grep -q "bad.part:1: expected" "$T/err"
# what a shard can break, each named by file and line, nothing written
bad() { # $1 = what, $2 = expected line, file in $T/b.part
  rm -rf "$T/b"; "$D" merge -q -o "$T/b" "$T/b.part" 2> "$T/err"; rc=$?
  check "$1: exit 4" test $rc = 4
  check "$1: b.part:$2: expected ..." grep -q "b.part:$2: expected" "$T/err"
  check "$1: nothing written" test ! -e "$T/b/mentions.csv"
}
first=$(ls "$T"/part-*.part | head -1)
printf 'dossier-partial,1\nD,a.txt,10,\n' > "$T/b.part"; bad "a partial of format 1" 1
head -n 40 "$first" > "$T/b.part"; bad "a truncated partial" 41
awk 'NR == 3 { sub(/\t[0-9]+\t/, "\tnine\t") } { print }' "$first" > "$T/b.part"; bad "a number that is not one" 3
awk -F '\t' -v OFS='\t' 'NR > 2 && $1 == "M" && !done { $5 = 99999; done = 1 } { print }' "$first" > "$T/b.part"
line=$(awk -F '\t' 'NR > 2 && $1 == "M" { print NR; exit }' "$first"); bad "an entity index out of range" "$line"
awk 'NR == 3 { $0 = $0 "\\q" } { print }' "$first" > "$T/b.part"; bad "an unknown escape" 3
# names with a tab, a newline and a backslash survive a shard
mkdir -p "$T/odd"
printf 'Bukharin was arrested in 1937.\n' > "$T/odd/tab	new
line\\.txt"
(cd "$T" && "$D" extract -q -o odd1 odd && "$D" extract -q --partial odd.part odd && "$D" merge -q -o odd2 odd.part)
for f in $OUTS; do check "$f: a path with a tab, a newline and a backslash through a shard" cmp -s "$T/odd1/$f" "$T/odd2/$f"; done
check "the odd path is in mentions.csv" grep -q 'line\\.txt' "$T/odd1/mentions.csv"
# one run merges each document while later ones are still being extracted,
# in path order: the same bytes as a merge of the whole (a shard), whatever
# the order of the inputs, with a file given twice and names that are not
# UTF-8 (whose order is only known once extracted)
mkdir -p "$T/mix"
cp "$T"/corpus/x*.txt "$T/mix/"
printf 'Radek was arrested in 1936.\n' > "$T/mix/$(printf 'r\377.txt')"
printf 'Pyatakov was arrested in 1936 in Moscow.\n' > "$T/mix/$(printf 'r\357\277\275a.txt')"
cd "$T"
"$D" extract -q --partial mix.part mix mix/x1.txt && "$D" merge -q -o mix0 mix.part
for j in 1 2; do
  "$D" extract -q -j $j -o mix$j $(ls -r mix/*) mix/x1.txt
  for f in $OUTS; do check "$f: -j $j, inputs in reverse, one twice = the shard merged" cmp -s mix0/$f mix$j/$f; done
done
cd - >/dev/null
(cd "$T" && "$D" extract -q -o mix-once mix/x1.txt)
once=$(grep -c '^mix/x1.txt,' "$T/mix-once/mentions.csv")
check "the file given twice is read once (issue 22)" test "$once" -gt 0 -a "$(grep -c '^mix/x1.txt,' "$T/mix1/mentions.csv")" = "$once"
# a slow first document while 150 small ones finish: those far ahead of the
# merge are read back from the spill, not held; the same bytes again
mkdir -p "$T/held"
cat tests/corpus/*.txt tests/corpus/*.txt > "$T/held/a.txt"
i=0; while [ $i -lt 150 ]; do
  printf 'Kamenev was arrested in %d. Zinoviev confessed in Moscow.\n' $((1900 + i % 40)) > "$T/held/s$i.txt"; i=$((i + 1))
done
(cd "$T" && "$D" extract -q -j 1 -o held1 held && "$D" extract -q -j 2 -o held2 held &&
  "$D" extract -q --partial held.part held && "$D" merge -q -o heldm held.part)
for f in $OUTS; do
  check "$f: a slow first document, -j 2 = -j 1" cmp -s "$T/held1/$f" "$T/held2/$f"
done
check "a slow first document: one run = its shard merged" cmp -s "$T/held1/timeline.csv" "$T/heldm/timeline.csv"
echo "$pass passed, $fail failed"
[ $fail = 0 ]
