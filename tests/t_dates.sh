#!/bin/sh
# Document dates through the CLI: a date per document from --dct-file, from
# the metadata of HTML and TEI files (tests/dates/), from a dateline; which
# one was used, in mentions.csv's dct column and in report.html; bad
# --dct-file rows named by file and line.
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok()   { pass=$((pass + 1)); }
bad()  { fail=$((fail + 1)); echo "FAIL $*"; }
check() { desc=$1; shift; if "$@" >/dev/null 2>&1; then ok; else bad "$desc"; fi; }
D=./dossier
# the DATE rows of mentions.csv as text,value,dct,calendar
dates() { grep ',DATE,' "$1/mentions.csv" | awk -F, '{print $5","$8","$10","$11}'; }

check "mentions.csv: dct and calendar appended after the contract's columns (then page)" sh -c \
  "$D extract -q -o '$T/h' tests/dates/news-meta.html && head -n 1 '$T/h/mentions.csv' | grep -Eq '^document,start,end,type,text,entity_id,entity_label,value,modifier,dct,calendar,page(,|$)'"
dates "$T/h" > "$T/h.txt"
check "HTML <meta name=date>: a past weekday before the page's date" grep -qx 'Monday,2011-05-16,2011-05-18,' "$T/h.txt"
check "HTML <meta name=date>: a future weekday after it" grep -qx 'Friday,2011-05-20,2011-05-18,' "$T/h.txt"
check "HTML <meta name=date>: last October" grep -qx 'last October,2010-10,2011-05-18,' "$T/h.txt"
check "HTML <meta name=date>: a past year-less month" grep -qx 'February,2011-02,2011-05-18,' "$T/h.txt"
check "report.html names the date and where it came from" grep -q 'news-meta.html — 2011-05-18 (metadata)' "$T/h/report.html"

$D extract -q -o "$T/a" tests/dates/article-published.html
dates "$T/a" > "$T/a.txt"
check "article:published_time goes before a plain date meta" grep -qx 'yesterday,2018-03-04,2018-03-05,' "$T/a.txt"

$D extract -q -o "$T/t" tests/dates/tei-header.xml
dates "$T/t" > "$T/t.txt"
check "TEI header <date when>: yesterday" grep -qx 'Yesterday,1938-03-13,1938-03-14,' "$T/t.txt"
check "TEI header <date when>: the Saturday before" grep -qx 'Saturday,1938-03-12,1938-03-14,' "$T/t.txt"

$D extract -q --dct 2011-06-01 -o "$T/g" tests/dates/news-meta.html
dates "$T/g" > "$T/g.txt"
check "--dct goes before the metadata" grep -qx 'Monday,2011-05-30,2011-06-01,' "$T/g.txt"

$D extract -q -o "$T/n" tests/corpus/bukharin-trial-qa.txt
dates "$T/n" > "$T/n.txt"
check "no document date: no dct" sh -c "test -s '$T/n.txt' && ! grep -q ',[0-9][0-9-]*,\$' '$T/n.txt'"
check "report.html says when a document has no date" grep -q 'bukharin-trial-qa.txt — no document date' "$T/n/report.html"

# --dct-file: by path, file name or name without extension
printf 'The mayor said Friday that the bridge would reopen in March.\n' > "$T/one.txt"
printf 'The mayor said Friday that the bridge would reopen in March.\n' > "$T/two.txt"
printf 'The mayor said Friday that the bridge would reopen in March.\n' > "$T/three.txt"
printf 'The mayor said Friday that the bridge would reopen in March.\n' > "$T/four.txt"
printf 'document\tdate\n# a comment\n%s\t2012-01-11\ntwo.txt\t2012-06-20\nthree\t2013-11-02\n' "$T/one.txt" > "$T/dates.tsv"
$D extract -q --dct-file "$T/dates.tsv" -o "$T/f" "$T/one.txt" "$T/two.txt" "$T/three.txt" "$T/four.txt"
check "--dct-file: a document by its path" grep -q 'one.txt,.*,Friday,,,2012-01-06,,2012-01-11,' "$T/f/mentions.csv"
check "--dct-file: the year-less month ahead of it" grep -q 'one.txt,.*,March,,,2012-03,,2012-01-11,' "$T/f/mentions.csv"
check "--dct-file: a document by its file name" grep -q 'two.txt,.*,Friday,,,2012-06-15,,2012-06-20,' "$T/f/mentions.csv"
check "--dct-file: a document by its name without extension" grep -q 'three.txt,.*,March,,,2014-03,,2013-11-02,' "$T/f/mentions.csv"
check "--dct-file: an unlisted document has no date" grep -q 'four.txt,.*,Friday,,,,,,' "$T/f/mentions.csv"
check "--dct-file: the report says so" grep -q 'one.txt — 2012-01-11 (--dct-file)' "$T/f/report.html"
$D extract --dct-file "$T/dates.tsv" -o "$T/f2" "$T/four.txt" 2> "$T/f2.err"
check "--dct-file: unlisted documents are counted in a warning" grep -q 'not listed' "$T/f2.err"

printf 'document\tdate\none.txt\t2012-02-30\n' > "$T/bad1.tsv"
$D extract -q --dct-file "$T/bad1.tsv" -o "$T/b1" "$T/one.txt" 2> "$T/b1.err"; rc=$?
check "--dct-file: an impossible date is a data error (exit 3)" test $rc = 3
check "--dct-file: ... named by file and line" grep -q 'bad1.tsv:2: expected a date YYYY-MM-DD' "$T/b1.err"
check "--dct-file: ... and nothing is written" test ! -e "$T/b1/mentions.csv"
printf 'document\tdate\none.txt\t2012-02-03\none.txt\t2012-02-04\n' > "$T/bad2.tsv"
$D extract -q --dct-file "$T/bad2.tsv" -o "$T/b2" "$T/one.txt" 2> "$T/b2.err"
check "--dct-file: a document listed twice" grep -q 'bad2.tsv:3: document .one.txt. is listed twice (first on line 2)' "$T/b2.err"
printf 'one.txt\t2012-02-03\n' > "$T/bad3.tsv"
$D extract -q --dct-file "$T/bad3.tsv" -o "$T/b3" "$T/one.txt" 2> "$T/b3.err"
check "--dct-file: the header row is asked for" grep -q "bad3.tsv:1: expected the header row 'document<TAB>date'" "$T/b3.err"
$D extract -q --dct-file "$T/none.tsv" -o "$T/b4" "$T/one.txt" 2> "$T/b4.err"; rc=$?
check "--dct-file: a missing file is an I/O error (exit 2)" test $rc = 2

# a dateline dates the text after it; the mentions say so
printf 'LIMA, Peru, Oct. 9 (AP) -- Rescuers said Sunday that the miners were alive.\n' > "$T/wire.txt"
$D extract -q --dct 2010-10-12 -o "$T/w" "$T/wire.txt"
dates "$T/w" > "$T/w.txt"
check "dateline: its weekday counts from it" grep -qx 'Sunday,2010-10-03,2010-10-09,' "$T/w.txt"
check "dateline: the report lists both dates" grep -q 'wire.txt — 2010-10-12 (--dct); 2010-10-09 (dateline)' "$T/w/report.html"

# a Julian date: the Gregorian value, the written form in the calendar column
printf 'The troops fired on 9 January 1905 (O.S.) in the capital. On 9 January 1905 nothing happened abroad.\n' > "$T/jul.txt"
$D extract -q -o "$T/j" "$T/jul.txt"
dates "$T/j" > "$T/j.txt"
check "calendar: a date marked O.S. is converted, its Julian form kept" grep -qx '9 January 1905 (O.S.),1905-01-22,,Julian 1905-01-09' "$T/j.txt"
check "calendar: an unmarked date is left as written" grep -qx '9 January 1905,1905-01-09,,' "$T/j.txt"

# a paragraph about another person ends the story: a news digest's next item
# takes the document's date, a history keeps its decades-old timeline
printf 'In 1998, Walter Brennan approved the plan. In March the works began.\n\nGertrude Ashby, the new mayor, resigned in March.\n' > "$T/digest.txt"
$D extract -q --dct 2011-05-18 -o "$T/dg" "$T/digest.txt"
dates "$T/dg" > "$T/dg.txt"
check "another person: the story's March" grep -qx 'March,1998-03,2011-05-18,' "$T/dg.txt"
check "another person: then the document's March" grep -qx 'March,2011-03,2011-05-18,' "$T/dg.txt"
printf 'In 1937, Walter Brennan was arrested. In March he was tried.\n\nGertrude Ashby was arrested in April.\n' > "$T/hist.txt"
$D extract -q --dct 2018-03-01 -o "$T/hi" "$T/hist.txt"
check "another person in a history: its April stays in 1937" sh -c "grep ',DATE,' '$T/hi/mentions.csv' | grep -q ',April,,,1937-04,'"

# The oracle: a build whose scan tries expr_at at every date word, "the" and
# "that" (DOSSIER_TEST_DATES_EVERYWHERE) must write what the scan with its
# lists and shortcuts writes, over random text dense in date words (the
# shortcuts only spare expr_at tokens it finds nothing at), with and without
# a document date; and over the sample corpus.
EVERY=${BUILD:-build/rel}/tests/dossier-dates-everywhere
same_outputs() { # $1 $2: output folders
  for f in "$1"/*; do cmp -s "$f" "$2/${f##*/}" || return 1; done
}
for seed in 1 2 3; do
  python3 tests/mkdates.py $seed "$T/r$seed" 30
  for dct in "" "--dct 1990-06-15"; do
    $D extract -q -j 1 $dct -o "$T/r$seed-a" "$T/r$seed" && "$EVERY" extract -q -j 1 $dct -o "$T/r$seed-b" "$T/r$seed"
    check "random date words (seed $seed${dct:+, $dct}): the scan's shortcuts find what trying every word finds" \
      same_outputs "$T/r$seed-a" "$T/r$seed-b"
    check "random date words (seed $seed${dct:+, $dct}): dates found" grep -q ',DATE,' "$T/r$seed-a/mentions.csv"
    rm -rf "$T/r$seed-a" "$T/r$seed-b"
  done
done
$D extract -q -o "$T/sa" tests/corpus && "$EVERY" extract -q -o "$T/sb" tests/corpus
check "sample corpus: the scan's shortcuts find what trying every word finds" same_outputs "$T/sa" "$T/sb"

echo "$pass passed, $fail failed"
