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
OUTS="graph.dot graph.gexf timeline.csv timelinejs.csv entities.csv relations.csv mentions.csv report.html"
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
# the order of the partials does not matter
(cd "$T" && "$D" merge -q -o merged2 $(ls part-*.part | sort -r))
for f in $OUTS; do check "$f: partials in any order" cmp -s "$T/one/$f" "$T/merged2/$f"; done
printf 'not a partial\n' > "$T/bad.part"
"$D" merge -q -o "$T/bad" "$T/bad.part" 2> "$T/err"; rc=$?
check "a malformed partial: exit 4" test $rc = 4
check "a malformed partial: FILE:LINE: what was expected" grep -q "bad.part:1: expected" "$T/err"
echo "$pass passed, $fail failed"
[ $fail = 0 ]
