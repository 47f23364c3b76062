#!/bin/sh
# make bench: dossier extract over corpora of copies of the sample documents
# (25, 50 and 100 MB, separate files), alternating with `wc -w` over the same
# files. Prints MB/s, peak RSS, time per stage and the ratio to wc -w.
# Then the bytes of output per MB of input, in all and per file.
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
# best of ROUNDS; within a round every job count runs, each followed by
# wc -w, so -j 1 and -j 2 meet the same state of the machine. Each run
# writes into an empty directory: the round before's outputs are removed and
# dirty pages written back (sync) outside the timed part. (Replacing earlier
# outputs costs more on ext4, which flushes a file renamed over another;
# that is the file system's crash safety, measured apart by `make bench`'s
# last line.)
for size in 25 50 100; do
  make_corpus $size
  bytes=$(cat "$B/corpus-$size"/*.txt | wc -c)
  eval "input_$size=$bytes"
  jobs_list=1
  [ $size = 100 ] && jobs_list="1 2"
  for jobs in $jobs_list; do eval "best_$jobs=; bestwc_$jobs=; rss_$jobs="; done
  r=0
  while [ $r -lt $ROUNDS ]; do
    for jobs in $jobs_list; do
      rm -rf "$B/out-$size-$jobs"
      sync
      t0=$(now)
      /usr/bin/time -f "%M" -o "$B/rss" ./dossier extract -q -j $jobs --stats -o "$B/out-$size-$jobs" "$B/corpus-$size" 2> "$B/stats-$size-$jobs"
      t1=$(now)
      find "$B/corpus-$size" -name '*.txt' -print0 | xargs -0 cat | wc -w > /dev/null
      t2=$(now)
      d=$(secs $t0 $t1); w=$(secs $t1 $t2)
      eval "best=\$best_$jobs; bestwc=\$bestwc_$jobs"
      if [ -z "$best" ] || awk -v a="$d" -v b="$best" 'BEGIN { exit !(a < b) }'; then
        eval "best_$jobs=$d; rss_$jobs=$(cat "$B/rss")"
      fi
      if [ -z "$bestwc" ] || awk -v a="$w" -v b="$bestwc" 'BEGIN { exit !(a < b) }'; then eval "bestwc_$jobs=$w"; fi
    done
    r=$((r + 1))
  done
  for jobs in $jobs_list; do
    eval "t=\$best_$jobs; m=\$rss_$jobs; w=\$bestwc_$jobs"
    awk -v s=$size -v j=$jobs -v t=$t -v b=$bytes -v m=$m -v w=$w 'BEGIN {
      printf "%-6s %-4s %9.3f %8.1f %7.1fMB %9.3f %7.2f\n", s "MB", j, t, b / t / 1e6, m / 1024, w, t / w }'
  done
  [ $size = 100 ] && awk -v a=$best_1 -v b=$best_2 'BEGIN { printf "-j 2 against -j 1 at 100 MB: %.2fx\n", a / b }'
done
echo
echo "output bytes per MB of input (-j 1):"
for size in 25 50 100; do
  eval "in=\$input_$size"
  out=$(cat "$B/out-$size-1"/* | wc -c)
  awk -v s=$size -v i=$in -v o=$out 'BEGIN { printf "  %3s MB: %.0f bytes per MB (%.2f times the input)\n", s, o / (i / 1e6), o / i }'
done
for f in "$B/out-100-1"/*; do
  awk -v f="$(basename "$f")" -v i=$input_100 -v o="$(wc -c < "$f")" 'BEGIN { printf "  %-16s %10.0f bytes per MB\n", f, o / (i / 1e6) }'
done
echo
echo "time per stage at 100 MB, -j 1 (CPU seconds):"
cat "$B/stats-100-1"
if [ -d "$B/out-100-2" ]; then
  same=yes
  for f in "$B/out-100-1"/*; do cmp -s "$f" "$B/out-100-2/$(basename "$f")" || same=no; done
  echo "outputs of -j 1 and -j 2 identical: $same"
fi
# the same run into a directory that holds a run's outputs already: ext4
# writes out each new file as it replaces the old one
sync
t0=$(now)
./dossier extract -q -j 1 -o "$B/out-100-1" "$B/corpus-100"
t1=$(now)
echo "100 MB, -j 1, replacing the outputs of an earlier run: $(secs $t0 $t1) s"

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
  if [ -z "$best_x" ] || awk -v a="$x" -v b="$best_x" 'BEGIN { exit !(a < b) }'; then best_x=$x; fi
  if [ -z "$best_t" ] || awk -v a="$t" -v b="$best_t" 'BEGIN { exit !(a < b) }'; then best_t=$t; fi
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
