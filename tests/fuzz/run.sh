#!/bin/sh
# Run each libFuzzer target for a bounded time: tests/fuzz/run.sh SECONDS TARGET...
# Seeds: the sample corpus (each document as txt, html and xml) and
# tests/fuzz/seeds/; the growing corpus stays in build/fuzz/corpus/TARGET.
set -e
secs=$1; shift
status=0
# graphviz and its font stack leak by design: only dossier's leaks count
LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS
for t in "$@"; do
  corpus=build/fuzz/corpus/$t
  mkdir -p "$corpus" build/fuzz/crashes
  if [ "$t" = fuzz_lexicon ]; then
    # lexicon seeds already carry their selector byte (which file they replace)
    cp tests/fuzz/seeds-lexicon/* "$corpus"/
  elif [ "$t" = fuzz_partial ]; then
    cp tests/fuzz/seeds-partial/* "$corpus"/
  elif [ "$t" = fuzz_formats ]; then
    # PDF, DOCX, ODT, EPUB, zip and tar.gz seeds, written by the test generator
    python3 tests/mkdocs.py --seeds "$corpus"
  else for f in tests/corpus/*.txt tests/fuzz/seeds/*; do
    [ -f "$f" ] || continue
    b=$(basename "$f")
    # the first byte picks the reader (0 txt, 1 html, 2 xml); keep seeds small
    for k in 0 1 2; do
      [ -f "$corpus/seed-$k-$b" ] || { printf "\\$k"; head -c 8192 "$f"; } > "$corpus/seed-$k-$b"
    done
  done; fi
  [ -d "tests/fuzz/regress/$t" ] && cp tests/fuzz/regress/"$t"/* "$corpus"/ 2>/dev/null || true
  echo "fuzz: $t for ${secs}s"
  DOSSIER_ENTITIES=${DOSSIER_ENTITIES:-} ./build/fuzz/"$t" -max_total_time="$secs" -max_len=16384 \
      -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix=build/fuzz/crashes/"$t"- "$corpus" 2>build/fuzz/"$t".log || {
    status=1; tail -n 40 build/fuzz/"$t".log; echo "fuzz: $t FOUND A CRASH (build/fuzz/crashes/)"; }
  grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' build/fuzz/"$t".log | tail -n 2 || true
done
exit $status
