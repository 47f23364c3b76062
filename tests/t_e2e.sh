#!/bin/sh
# End to end through the CLI: outside judges (xmllint with the official GEXF
# schema, dot), determinism, -j 2, shards merged, exit codes and messages.
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok()   { pass=$((pass + 1)); }
bad()  { fail=$((fail + 1)); echo "FAIL $*"; }
check() { desc=$1; shift; if "$@" >/dev/null 2>&1; then ok; else bad "$desc"; fi; }
D=./dossier
OUTS="graph.dot graph.gexf timeline.csv events.csv timelinejs.csv entities.csv relations.csv mentions.csv documents.csv"

check "extract the sample corpus" $D extract -q -o "$T/a" tests/corpus
for f in $OUTS; do check "$f written" test -s "$T/a/$f"; done
check "GEXF validates against the official 1.3 schema" xmllint --noout --relaxng tests/schema/gexf-1.3/gexf.rng "$T/a/graph.gexf"
check "dot renders graph.dot" dot -Tsvg -o "$T/a.svg" "$T/a/graph.dot"
check "no temporary files left" sh -c "! ls -A '$T/a' | grep -q tmp"

$D extract -q -o "$T/b" tests/corpus
same=1; for f in $OUTS; do cmp -s "$T/a/$f" "$T/b/$f" || { same=0; echo "differs: $f"; }; done
check "same input, same bytes" test $same = 1
$D extract -q -j 2 -o "$T/c" tests/corpus
same=1; for f in $OUTS; do cmp -s "$T/a/$f" "$T/c/$f" || { same=0; echo "differs with -j 2: $f"; }; done
check "-j 2 gives the same bytes" test $same = 1
# more threads than outputs: idle ones write graph.gexf's parts, some right
# after an opening tag, copied in by the file's own writer
$D extract -q -j 8 -o "$T/c8" tests/corpus
same=1; for f in $OUTS; do cmp -s "$T/a/$f" "$T/c8/$f" || { same=0; echo "differs with -j 8: $f"; }; done
check "-j 8 gives the same bytes" test $same = 1

# shards: two partial results merged equal one run
$D extract -q --partial "$T/p1" tests/corpus/bukharin-*.txt tests/corpus/trotsky-dewey-thirteenth-session.txt
$D extract -q --partial "$T/p2" tests/corpus/case-of-bukharin-intro.txt tests/corpus/sousa-purges-and-trials.txt
check "merge two partial results" $D merge -q -o "$T/m" "$T/p2" "$T/p1"
# (the shards were given the documents by name: the walk's README.md, of a
# type not read, is in the one run's documents.csv only)
grep -v '^tests/corpus/README.md,' "$T/a/documents.csv" > "$T/a-docs.csv"
same=1; for f in $OUTS; do
  a=$T/a/$f; [ $f = documents.csv ] && a=$T/a-docs.csv
  cmp -s "$a" "$T/m/$f" || { same=0; echo "differs after merge: $f"; }
done
check "merged shards give the bytes of one run" test $same = 1
check "documents.csv lists the walk's file of another type as skipped" \
  grep -q '^tests/corpus/README.md,,,,,,[0-9]*,skipped,not a readable type (.md)$' "$T/a/documents.csv"

# dossier text prints the bytes offsets refer to
$D text tests/corpus/bukharin-trial-qa.txt > "$T/text"
check "dossier text of a .txt is the file" cmp -s "$T/text" tests/corpus/bukharin-trial-qa.txt
printf '<html><head><script>var x=1;</script><title>T</title></head><body><nav>menu</nav><p>Bukharin was <b>arrested</b> in Moscow &amp; tried.</p><p>Second.</p></body></html>' > "$T/d.html"
$D text "$T/d.html" > "$T/html.txt"
check "HTML: entities decoded, script and nav dropped" sh -c "grep -q 'Bukharin was arrested in Moscow & tried.' '$T/html.txt' && ! grep -q 'var x' '$T/html.txt' && ! grep -q menu '$T/html.txt'"
check "HTML: block elements become paragraphs" sh -c "grep -c '^$' '$T/html.txt' | grep -qv '^0$'"
printf '<TEI><teiHeader><title>meta</title></teiHeader><text><body><sp><speaker>VYSHINSKY</speaker><p>Do you confirm?</p></sp><sp><speaker>Rykov</speaker><p>Yes.</p></sp></body></text></TEI>' > "$T/d.xml"
$D text "$T/d.xml" > "$T/xml.txt"
check "TEI: speeches become speaker turns, header dropped" sh -c "grep -q '^VYSHINSKY: Do you confirm?' '$T/xml.txt' && grep -q '^Rykov: Yes.' '$T/xml.txt' && ! grep -q meta '$T/xml.txt'"
$D extract -q -o "$T/x" "$T/d.xml" "$T/d.html"
check "mentions offsets refer to the extracted text" sh -c "grep -q 'd.xml,0,9,PERSON,VYSHINSKY' '$T/x/mentions.csv'"

# candidates: unknown names as gazetteer lines
printf 'Pavel Zhirkovsky met the accused Trubnikov in 1936. Later Zhirkovsky was arrested.\n' > "$T/c.txt"
$D candidates -q "$T/c.txt" > "$T/cand.tsv"
check "candidates: header in the gazetteer's columns" grep -q '^id	label	type	aliases	start	end	roles	count' "$T/cand.tsv"
check "candidates: an unknown full name, counted with its bare surname" grep -q '^pavel-zhirkovsky	Pavel Zhirkovsky	PERSON				.*	2	1	' "$T/cand.tsv"
check "candidates: a titled surname" grep -q '	Trubnikov	PERSON	' "$T/cand.tsv"
# fewer non-names, the likeliest names first: a generic head ("the Court"), a
# ship's name and a surname the gazetteers know (two people carry it) are no
# candidates; a full name comes before a lone surname seen more often
printf 'The Court sat. The Court rose. The Court adjourned. Then Kotlov spoke, Kotlov wrote and Kotlov left.\nThe schooner Mary Ann sailed. Smirnov signed. Pavel Valtsev answered the Court.\n' > "$T/c2.txt"
$D candidates -q "$T/c2.txt" > "$T/cand2.tsv"
check "candidates: no generic head, ship or known surname" sh -c "! grep -q '	Court	\|	Mary Ann	\|	Smirnov	' '$T/cand2.tsv'"
check "candidates: a full name before a surname seen three times" sh -c \
  "grep -v '^#' '$T/cand2.tsv' | sed -n 2p | grep -q '^pavel-valtsev	' && grep -v '^#' '$T/cand2.tsv' | sed -n 3p | grep -q '^kotlov	'"

# a name wrapped at a line end of running text is one name; a headline's
# name and the first line under it are two
printf 'The letters were read aloud, and the adventurer Alessandro\nCagliostro was arrested with his wife.\n\nOBITUARY\nJames Hargis\nJames Hargis, one of the oldest citizens, died.\n' > "$T/w.txt"
$D extract -q -o "$T/w" "$T/w.txt"
check "a name across a line break of prose" grep -q ',PERSON,Alessandro.Cagliostro,' "$T/w/mentions.csv"
check "a headline name and the line under it stay apart" sh -c "! grep -q 'Hargis.James' '$T/w/mentions.csv'"

# exit codes and messages
$D extract >/dev/null 2>&1; check "no input: usage error, exit 1" test $? = 1
$D frobnicate >/dev/null 2>&1; check "unknown command: exit 1" test $? = 1
cp -r entities "$T/ents"
printf 'broken-row-without-tabs\n' >> "$T/ents/people.tsv"
n=$(wc -l < "$T/ents/people.tsv")
$D extract -e "$T/ents" -o "$T/y" tests/corpus/bukharin-trial-qa.txt 2> "$T/err"; rc=$?
check "malformed gazetteer: exit 3" test $rc = 3
check "malformed gazetteer: FILE:LINE: what was expected" grep -q "people.tsv:$n: expected" "$T/err"
check "malformed gazetteer: nothing written" test ! -e "$T/y"
$D extract -q -o /proc/forbidden tests/corpus/bukharin-trial-qa.txt 2>/dev/null; check "unwritable output dir: exit 2" test $? = 2
echo "$pass passed, $fail failed"
[ $fail = 0 ]
