#!/bin/sh
# golden.sh [regen] - the exporters' golden files in tests/golden/, written by
# tests/test_export.c from its synthetic corpus. Without an argument: compare
# (as make test does); with "regen": rewrite them, then review the diff.
set -e
BUILD=${BUILD:-build/rel}
export LC_ALL=C TZ=UTC
make -s "$BUILD/tests/test_export"
if [ "${1:-}" = regen ]; then
  DOSSIER_GOLDEN=regen "$BUILD/tests/test_export"
  git diff --stat -- tests/golden 2>/dev/null || true
  echo "golden files rewritten: review 'git diff tests/golden' before committing"
else
  "$BUILD/tests/test_export"
fi
