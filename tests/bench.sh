#!/bin/sh
# make bench: dossier over corpora of copies of the sample documents (25, 50
# and 100 MB, separate files), every measure alternating with `wc -w` over
# the same files, so that each meets the same state of the (shared) machine.
# At the largest (100 MB): the extraction alone (--no-output: every stage, nothing
# written), the whole pipeline with -j 1 and with -j 2; at 25 and 50 MB the
# whole pipeline with -j 1 (does the cost grow linearly?). BENCH_SIZES
# picks other sizes (MB); BENCH_QUICK=1 stops after the tables (no run over
# earlier outputs, no PDF or memory figures). Prints seconds,
# MB/s, peak RSS and the ratio to wc -w (best of BENCH_ROUNDS, default 3),
# then the bytes of output per MB of input, in all and per file, and the CPU
# time per stage. A benchmark, not a test: nothing here passes or fails.
set -e
B=${BENCH_DIR:-build/bench}
ROUNDS=${BENCH_ROUNDS:-3}
SIZES=${BENCH_SIZES:-25 50 100}
last=$(echo $SIZES | awk '{ print $NF }')
mkdir -p "$B"
make_corpus() { # $1 = size in MB
  d="$B/corpus-$1"
  [ -f "$d/.done" ] && return
  rm -rf "$d"; mkdir -p "$d"
  want=$(( $1 * 1000000 )); have=0; i=0
  while [ $have -lt $want ]; do
    for f in tests/corpus/*.txt; do
      cp "$f" "$d/$(basename "$f" .txt)-$i.txt"
      have=$(( have + $(wc -c < "$f") ))
    done
    i=$((i + 1))
  done
  touch "$d/.done"
}
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
now() { date +%s.%N; }
less() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(b == "" || a < b) }'; }
wcw() { # $1 = size: wc -w over the corpus, its best time kept (wall, and CPU)
  t0=$(now)
  /usr/bin/time -f "%U %S" -o "$B/wcpu" sh -c "find '$B/corpus-$1' -name '*.txt' -print0 | xargs -0 cat | wc -w > /dev/null"
  t1=$(now)
  w=$(secs $t0 $t1)
  eval "b=\$wc_$1"
  if less "$w" "$b"; then eval "wc_$1=$w"; fi
  c=$(awk '{ printf "%.3f", $1 + $2 }' "$B/wcpu")
  eval "b=\$wccpu_$1"
  if less "$c" "$b"; then eval "wccpu_$1=$c"; fi
}
# measure SIZE NAME ARGS...: one timed run of dossier extract ARGS over the
# corpus, into an empty directory (the round before's outputs are removed
# and dirty pages written back, outside the timed part), then wc -w
measure() {
  size=$1; name=$2; shift 2
  rm -rf "$B/out-$size-$name"
  sync
  t0=$(now)
  /usr/bin/time -f "%M %U %S" -o "$B/rss" ./dossier extract -q "$@" -o "$B/out-$size-$name" "$B/corpus-$size" \
    2> "$B/stats-$size-$name"
  t1=$(now)
  d=$(secs $t0 $t1)
  eval "b=\$t_${size}_$name"
  if less "$d" "$b"; then eval "t_${size}_$name=$d; rss_${size}_$name=$(tail -1 "$B/rss" | cut -d' ' -f1)"; fi
  c=$(tail -1 "$B/rss" | awk '{ printf "%.3f", $2 + $3 }')
  eval "b=\$cpu_${size}_$name"
  if less "$c" "$b"; then eval "cpu_${size}_$name=$c"; fi
  wcw $size
}
row() { # SIZE NAME LABEL
  eval "t=\$t_$1_$2; m=\$rss_$1_$2; w=\$wc_$1; in=\$input_$1; c=\$cpu_$1_$2; wc=\$wccpu_$1"
  awk -v s="$1" -v l="$3" -v t=$t -v b=$in -v m=$m -v w=$w -v c=$c -v wc=$wc 'BEGIN {
    printf "%-6s %-22s %9.3f %8.1f %7.1fMB %7.2f %9.3f %7.2f\n", s "MB", l, t, b / t / 1e6, m / 1024, t / w, c, c / wc }'
}

for size in $SIZES; do
  make_corpus $size
  eval "input_$size=$(cat "$B/corpus-$size"/*.txt | wc -c)"
  eval "wc_$size="
  r=0
  while [ $r -lt $ROUNDS ]; do
    wcw $size
    if [ $size = $last ]; then
      measure $size none -j 1 --no-output
      measure $size j1 -j 1 --stats
      measure $size j2 -j 2
    else
      measure $size j1 -j 1
    fi
    r=$((r + 1))
  done
done

echo "best of $ROUNDS; ratio: seconds over the best wc -w of the same corpus (runs alternate with it);"
echo "CPU: user + system seconds, and their ratio to wc -w's (steadier on a shared machine)"
printf '%-6s %-22s %9s %8s %9s %7s %9s %7s\n' size measure seconds MB/s peakRSS ratio CPU ratio
for size in $SIZES; do
  eval "w=\$wc_$size; in=\$input_$size; wc=\$wccpu_$size"
  awk -v s=$size -v w=$w -v b=$in -v wc=$wc 'BEGIN { printf "%-6s %-22s %9.3f %8.1f %9s %7.2f %9.3f %7.2f\n", s "MB", "wc -w", w, b / w / 1e6, "", 1, wc, 1 }'
  if [ $size = $last ]; then
    row $size none "extraction only, -j 1"
    row $size j1 "whole pipeline, -j 1"
    row $size j2 "whole pipeline, -j 2"
    eval "a=\$t_${size}_j1; b=\$t_${size}_j2"
    awk -v a=$a -v b=$b -v s=$size 'BEGIN { printf "-j 2 against -j 1 at %s MB: %.2fx\n", s, a / b }'
  else
    row $size j1 "whole pipeline, -j 1"
  fi
done

echo
echo "output bytes per MB of input (-j 1):"
for size in $SIZES; do
  eval "in=\$input_$size"
  out=$(cat "$B/out-$size-j1"/* | wc -c)
  awk -v s=$size -v i=$in -v o=$out 'BEGIN { printf "  %3s MB: %.0f bytes per MB (%.2f times the input)\n", s, o / (i / 1e6), o / i }'
done
eval "in=\$input_$last"
for f in "$B/out-$last-j1"/*; do
  awk -v f="$(basename "$f")" -v i=$in -v o="$(wc -c < "$f")" 'BEGIN { printf "  %-16s %10.0f bytes per MB\n", f, o / (i / 1e6) }'
done
echo
echo "time per stage at $last MB, -j 1 (CPU seconds):"
cat "$B/stats-$last-j1"
if [ -d "$B/out-$last-j2" ]; then
  same=yes
  for f in "$B/out-$last-j1"/*; do cmp -s "$f" "$B/out-$last-j2/$(basename "$f")" || same=no; done
  echo "outputs of -j 1 and -j 2 identical: $same"
fi
[ -n "$BENCH_QUICK" ] && exit 0
# the same run into a directory that holds a run's outputs already: ext4
# writes out each new file as it replaces the old one
sync
t0=$(now)
./dossier extract -q -j 1 -o "$B/out-$last-j1" "$B/corpus-$last"
t1=$(now)
echo "$last MB, -j 1, replacing the outputs of an earlier run: $(secs $t0 $t1) s"

# PDF pages per second: 10 PDFs of 200 pages of the sample texts (written
# by tests/mkdocs.py), extracted with -j 1, and their text layers read
# alone (dossier text), best of ROUNDS
P=$B/pdf
if [ ! -f "$P/.done" ]; then
  rm -rf "$P"; mkdir -p "$P"
  for i in 1 2 3 4 5 6 7 8 9 10; do python3 tests/mkdocs.py --bench-pdf "$P/papers-$i.pdf" 200 tests/corpus/*.txt; done
  touch "$P/.done"
fi
pages=2000
best_x=; best_t=; r=0
while [ $r -lt $ROUNDS ]; do
  rm -rf "$B/out-pdf"; sync
  t0=$(now); ./dossier extract -q -j 1 -o "$B/out-pdf" "$P"; t1=$(now)
  for f in "$P"/*.pdf; do ./dossier text "$f" > /dev/null; done; t2=$(now)
  x=$(secs $t0 $t1); t=$(secs $t1 $t2)
  if less "$x" "$best_x"; then best_x=$x; fi
  if less "$t" "$best_t"; then best_t=$t; fi
  r=$((r + 1))
done
awk -v p=$pages -v x=$best_x -v t=$best_t 'BEGIN {
  printf "PDF: %d pages extracted in %.3f s, -j 1: %.0f pages/s (the text layer alone: %.0f pages/s)\n", p, x, p / x, p / t }'

# Memory (issue 22): peak RSS of one large document (many times the pieces
# it is taken through the stages in), of one long line without a full stop,
# and of a corpus of ordinary documents, against their sizes. The bounds
# the README states: 4 times the largest document plus a fixed base (the
# RSS of a 2 MB document: the gazetteers and the work of one piece), and
# 256 MB for 300 MB of ordinary documents. BENCH_MEM_MB sizes them
# (default 300).
MEM_MB=${BENCH_MEM_MB:-300}
echo
echo "memory (peak RSS, -j 1):"
rss() { # rss OUT INPUT...: peak RSS in kB of one run
  o=$1; shift
  rm -rf "$o"; /usr/bin/time -f "%M" -o "$B/rss" ./dossier extract -q -o "$o" "$@" 2>/dev/null
  cat "$B/rss"
}
make_corpus $MEM_MB
if [ ! -f "$B/one-$MEM_MB.txt" ]; then
  cat "$B/corpus-$MEM_MB"/*.txt | head -c $((MEM_MB * 1000000)) > "$B/one-$MEM_MB.txt"
fi
head -c 2000000 "$B/one-$MEM_MB.txt" > "$B/piece.txt"
base=$(rss "$B/out-base" "$B/piece.txt")
[ -f "$B/line-50.txt" ] || head -c 50000000 "$B/one-$MEM_MB.txt" | tr -d '.!?\n' > "$B/line-50.txt"
report() { # report WHAT BYTES RSS_KB
  awk -v w="$1" -v b="$2" -v m="$3" -v base="$base" 'BEGIN {
    printf "%-34s %8.1f MB input %8.1f MB peak  %5.2fx its size (%.2fx above the base)\n",
      w, b / 1e6, m / 1024, m * 1024 / b, (m - base) * 1024 / b }'
}
printf '%-34s %8.1f MB input %8.1f MB peak\n' "one 2 MB document (the base)" 2 "$(awk -v m="$base" 'BEGIN { print m / 1024 }')"
for f in "one-$MEM_MB.txt" line-50.txt; do
  report "one file: $f" "$(wc -c < "$B/$f")" "$(rss "$B/out-mem" "$B/$f")"
done
bytes=$(cat "$B/corpus-$MEM_MB"/*.txt | wc -c)
m=$(rss "$B/out-mem" "$B/corpus-$MEM_MB")
report "$MEM_MB MB of ordinary documents" "$bytes" "$m"
awk -v m="$m" -v mb="$MEM_MB" 'BEGIN { if (mb == 300) printf "300 MB of documents within 256 MB: %s\n", m <= 256 * 1024 ? "yes" : "no" }'
