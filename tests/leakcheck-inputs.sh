#!/bin/sh
# leakcheck-inputs.sh DIR - the crafted inputs `make leakcheck` runs under
# valgrind besides the sample corpus: a gazetteer entry and a document whose
# names hold quotes, backslashes (one at the end), DOT escapes (\N \G \L),
# HTML-like labels, a control character and U+FFFE, as in
# tests/test_read_injection.c. Writes DIR/ents (a complete entities/) and
# DIR/docs.
set -e
D=$1
mkdir -p "$D/ents" "$D/docs"
cp entities/*.tsv "$D/ents/"
NASTY=$(printf 'Evil "Boss" Back\\slash \\N \\G \\L <b>x</b> <<TABLE>> ]]> \001 \357\277\276 end\\')
{ printf 'id\tlabel\ttype\taliases\tstart\tend\troles\n'
  printf 'evil\t%s\tPERSON\t=cmd|+x\t=1+1\t-2+3\t@SUM(1)\n' "$NASTY"
  printf 'ivan-petrov\tIvan Petrov\tPERSON\t\t1890\t1938\tleader\\\n'; } > "$D/ents/people.tsv"
printf 'id\tlabel\ttype\taliases\ncheka\t+Cheka\\\tORG\tVCheKa\n' > "$D/ents/organizations.tsv"
printf 'Ivan Petrov met %s and the VCheKa.\nIvan Petrov, the VCheKa and %s met again.\nMarat Xyzov\\N met Ivan Petrov\\\n' \
  "$NASTY" "$NASTY" > "$D/docs/inject.txt"
printf '<html><body><p>Ivan Petrov met %s.</p><p>Ivan Petrov accused %s of treason.</p></body></html>\n' \
  "$NASTY" "$NASTY" > "$D/docs/inject.html"
