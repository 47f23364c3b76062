#!/bin/sh
# check_office.sh - the CSV files in LibreOffice Calc, headless (make
# test-office; not part of make test: LibreOffice is a large install). Each
# file is imported as UTF-8 with formula evaluation ON (the worst case: what
# a spreadsheet does with a cell that starts with '=') and saved as flat ODS:
# the import must succeed, keep every row, and produce no formula cell. A
# control file with a bare =1+1 must produce one, or the check proves nothing.
BUILD=${BUILD:-build/rel}
. "$(dirname "$0")/harness.sh"

SOFFICE=""
for c in soffice libreoffice localc; do
  command -v "$c" >/dev/null 2>&1 && { SOFFICE=$c; break; }
done
if [ -z "$SOFFICE" ]; then
  echo "FAIL no LibreOffice (DOSSIER_TEST_PKGS=libreoffice-calc-nogui tests/deps.sh installs it)"
  echo "0 passed, 1 failed"
  exit 1
fi
# CSV import options: comma, double quote, UTF-8 (76), from line 1, standard
# cell format, English, quoted fields not forced to text, detect special
# numbers, ..., token 13: evaluate formulas.
FILTER='CSV:44,34,76,1,,1033,false,true,false,false,false,false,true'
to_fods() {
  "$SOFFICE" --headless --norestore --nolockcheck "-env:UserInstallation=file://$T/profile" \
    --infilter="$FILTER" --convert-to fods --outdir "$2" "$1"
}
formulas() { grep -o 'table:formula="[^"]*"' "$1" | head -n 5; }

printf 'a,b\n=1+1,x\n' >"$T/control.csv"
mkdir -p "$T/out-control"
to_fods "$T/control.csv" "$T/out-control" >"$T/log" 2>&1
check "control: LibreOffice evaluates a bare =1+1 (so the check can see formulas)" \
  grep -q 'table:formula=' "$T/out-control/control.fods"

DOSSIER_EXPORT_DIR=$T/syn "$BUILD/tests/test_export" >/dev/null 2>&1
dirs="$T/syn/default $T/syn/excel"
if [ -f "${DOSSIER_ENTITIES:-entities}/people.tsv" ] && ./dossier extract -q --excel -o "$T/corpus" tests/corpus; then
  dirs="$dirs $T/corpus"
fi
for d in $dirs; do
  for f in timeline.csv events.csv timelinejs.csv entities.csv relations.csv mentions.csv; do
    out=$T/out-$(basename "$d")-${f%.csv}
    mkdir -p "$out"
    check "$(basename "$d")/$f: LibreOffice imports it" to_fods "$d/$f" "$out"
    fods=$out/${f%.csv}.fods
    check "$(basename "$d")/$f: converted" test -s "$fods"
    [ -s "$fods" ] || continue
    formulas "$fods" >"$T/log"
    if [ -s "$T/log" ]; then no "$(basename "$d")/$f: a cell became a formula"; else ok; fi
  done
done
# names with markup characters arrive as text
check "entities.csv: a name with & and < arrives as text" \
  grep -q 'Back\\slash &amp; &lt;Sons&gt;' "$T/out-default-entities/entities.fods"
check "--excel entities.csv: UTF-8 with BOM arrives without the BOM in the first cell" \
  sh -c "grep -q '<text:p>Id</text:p>' '$T/out-excel-entities/entities.fods'"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
