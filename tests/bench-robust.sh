#!/bin/sh
# bench-robust.sh - not part of make test: a single long line (no newline) of
# several patterns at 5 MB and 50 MB; prints seconds and peak memory, and the
# 50/5 time ratio (about 10 when linear, about 100 when quadratic).
# usage: tests/bench-robust.sh [SMALL_MB [LARGE_MB]]
DOSSIER=${DOSSIER:-./dossier}
small=${1:-5}; large=${2:-50}
T=$(mktemp -d "${TMPDIR:-/tmp}/dossier-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
gen() { # gen UNIT MB FILE
  yes "$1" | tr -d '\n' | head -c $(($2 * 1000000)) > "$3"
}
measure() { # measure FILE -> "seconds maxrss_kb"
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%e %M' "$DOSSIER" extract -q -o "$T/out" "$1" 2>&1 >/dev/null | tail -n 1
  else
    s=$(date +%s.%N); "$DOSSIER" extract -q -o "$T/out" "$1" >/dev/null 2>&1; e=$(date +%s.%N)
    echo "$(echo "$e - $s" | bc) ?"
  fi
}
printf '%-28s %8s %10s %8s %10s %6s\n' pattern "${small}MB_s" "${small}MB_KB" "${large}MB_s" "${large}MB_KB" ratio
for unit in 'Nikolai Bukharin met Rykov and Yagoda in Moscow on 13 March 1938, he said. ' \
            '" ' '"Rykov, " Bukharin said, "' 'Ivan Petrov ' 'A. ' 'VYSHINSKY: Did you? ' '<b>' 'x'; do
  gen "$unit" "$small" "$T/s.txt"; gen "$unit" "$large" "$T/l.txt"
  set -- $(measure "$T/s.txt"); ts=$1 ms=$2
  set -- $(measure "$T/l.txt"); tl=$1 ml=$2
  ratio=$(awk -v a="$ts" -v b="$tl" 'BEGIN { if (a > 0) printf "%.1f", b / a; else print "-" }')
  printf '%-28.28s %8s %10s %8s %10s %6s\n' "$unit" "$ts" "$ms" "$tl" "$ml" "$ratio"
done
