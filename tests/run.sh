#!/bin/sh
# Run every test program (build/*/tests/test_*) and every shell check
# (tests/t_*.sh); each ends with "N passed, N failed". Prints the sum last.
BUILD=${BUILD:-build/rel}
export LC_ALL=C TZ=UTC
# under SANITIZE=1: graphviz and its font stack leak by design (tests/lsan.supp);
# a leak in dossier's own code still fails
LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS
passed=0 failed=0
run_one() {
  name=$1; shift
  out=$("$@" 2>&1); rc=$?
  last=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -n 1)
  if [ -z "$last" ]; then
    printf '%s\n' "$out" | tail -n 20
    echo "FAIL $name: exited $rc without a summary line"
    failed=$((failed + 1)); return
  fi
  p=${last%% passed*}; f=${last#*passed, }; f=${f%% failed*}
  if [ "$rc" != 0 ] && [ "$f" = 0 ]; then f=1; fi
  printf '%s\n' "$out" | grep -E '^(FAIL|not ok)' | head -n 50
  echo "$name: $last"
  passed=$((passed + p)); failed=$((failed + f))
}
for t in "$BUILD"/tests/test_*; do
  [ -x "$t" ] || continue
  run_one "$(basename "$t")" "$t"
done
for t in tests/t_*.sh; do
  [ -f "$t" ] || continue
  run_one "$(basename "$t")" sh "$t"
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
