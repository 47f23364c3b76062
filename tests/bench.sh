#!/bin/sh
# make bench: dossier extract over corpora of copies of the sample documents
# (25, 50 and 100 MB, separate files), alternating with `wc -w` over the same
# files. Prints MB/s, peak RSS, time per stage and the ratio to wc -w.
# A benchmark, not a test: nothing here passes or fails on time.
set -e
B=${BENCH_DIR:-build/bench}
ROUNDS=${BENCH_ROUNDS:-3}
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
printf '%-6s %-4s %9s %8s %9s %9s %7s\n' size jobs seconds MB/s peakRSS wc-w-s ratio
for size in 25 50 100; do
  make_corpus $size
  bytes=$(cat "$B/corpus-$size"/*.txt | wc -c)
  for jobs in 1 2; do
    [ $size != 100 ] && [ $jobs = 2 ] && continue
    best=""; bestwc=""
    r=0
    while [ $r -lt $ROUNDS ]; do
      t0=$(now)
      /usr/bin/time -f "%M" -o "$B/rss" ./dossier extract -q -j $jobs --stats -o "$B/out-$size-$jobs" "$B/corpus-$size" 2> "$B/stats-$size-$jobs"
      t1=$(now)
      find "$B/corpus-$size" -name '*.txt' -print0 | xargs -0 cat | wc -w > /dev/null
      t2=$(now)
      d=$(secs $t0 $t1); w=$(secs $t1 $t2)
      if [ -z "$best" ] || awk -v a="$d" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$d; rss=$(cat "$B/rss"); fi
      if [ -z "$bestwc" ] || awk -v a="$w" -v b="$bestwc" 'BEGIN { exit !(a < b) }'; then bestwc=$w; fi
      r=$((r + 1))
    done
    awk -v s=$size -v j=$jobs -v t=$best -v b=$bytes -v m=$rss -v w=$bestwc 'BEGIN {
      printf "%-6s %-4s %9.3f %8.1f %7.1fMB %9.3f %7.2f\n", s "MB", j, t, b / t / 1e6, m / 1024, w, t / w }'
  done
done
echo
echo "time per stage at 100 MB, -j 1 (CPU seconds):"
cat "$B/stats-100-1"
if [ -d "$B/out-100-2" ]; then
  same=yes
  for f in "$B/out-100-1"/*; do cmp -s "$f" "$B/out-100-2/$(basename "$f")" || same=no; done
  echo "outputs of -j 1 and -j 2 identical: $same"
fi
