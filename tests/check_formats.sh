#!/bin/sh
# check_formats.sh - the sample corpus as archives hold it (make
# test-formats; not part of make test: LibreOffice is a large install).
# LibreOffice (headless Writer) converts each tests/corpus/*.txt to PDF,
# DOCX, ODT and EPUB; zip and tar.gz of the converted files are made with
# the system's zip and tar. Each converted file must give the entities and
# event types of its .txt (offsets differ); tests/check_formats.py compares
# them, and names each difference that remains and why.
BUILD=${BUILD:-build/rel}
. "$(dirname "$0")/harness.sh"
D=${DOSSIER:-./dossier}

SOFFICE=""
for c in soffice libreoffice lowriter; do
  command -v "$c" >/dev/null 2>&1 && { SOFFICE=$c; break; }
done
if [ -z "$SOFFICE" ]; then
  echo "FAIL no LibreOffice (DOSSIER_TEST_PKGS=libreoffice-writer-nogui tests/deps.sh installs it)"
  echo "0 passed, 1 failed"
  exit 1
fi
mkdir -p "$T/txt" "$T/conv"
cp tests/corpus/*.txt "$T/txt/"
for fmt in pdf docx odt epub; do
  # the plain-text import filter: UTF-8, LF line ends, each line a paragraph
  "$SOFFICE" --headless --norestore --nolockcheck "-env:UserInstallation=file://$T/profile" \
    --infilter='Text (encoded):UTF8,LF,,,' --convert-to "$fmt" --outdir "$T/conv/$fmt" "$T"/txt/*.txt \
    > "$T/soffice-$fmt.log" 2>&1
  n=$(ls "$T/conv/$fmt" 2>/dev/null | wc -l)
  check "LibreOffice converted the $(ls "$T"/txt | wc -l) texts to $fmt (got $n)" test "$n" = "$(ls "$T"/txt | wc -l)"
done
(cd "$T/conv" && zip -q -r "$T/corpus.zip" pdf docx odt epub && tar czf "$T/corpus.tar.gz" pdf docx odt epub)
check "zip and tar.gz made" test -s "$T/corpus.zip" -a -s "$T/corpus.tar.gz"

# both runs get one --dct: a converted file's own date (a PDF's CreationDate,
# the day LibreOffice wrote it) would otherwise be its document date, and
# relative dates would count from it (documents.csv shows it)
$D extract -q --dct 1938-03-13 -o "$T/o-txt" "$T/txt"
$D extract -q --dct 1938-03-13 -o "$T/o-conv" "$T/conv" "$T/corpus.zip" "$T/corpus.tar.gz" 2> "$T/warnings"
$D extract -q -o "$T/o-own" "$T/conv/pdf" 2>/dev/null
check "without --dct, a PDF's CreationDate is its document date" \
  sh -c "grep -q ',pdf,.*,$(date -u +%Y-%m-%d),[0-9]*,[0-9]*,read,' '$T/o-own/documents.csv' || grep -q ',pdf,.*,$(date +%Y-%m-%d),[0-9]*,[0-9]*,read,' '$T/o-own/documents.csv'"
check "the converted corpus: no warning" test ! -s "$T/warnings"
python3 tests/check_formats.py "$T/o-txt" "$T/o-conv" "$T/txt" "$T/conv" "$T/corpus.zip" "$T/corpus.tar.gz" > "$T/compare"
sed 's/^\([0-9]* passed, [0-9]* failed\)$/compare: \1/' "$T/compare"
p=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$T/compare")
f=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$T/compare")
pass=$((pass + ${p:-0})); fail=$((fail + ${f:-1}))
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
