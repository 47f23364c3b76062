# harness.sh - sourced by the consumer checks (t_exports.sh, check_report.sh,
# check_office.sh): a temporary folder $T, removed on exit; pass and fail
# counts; check DESCRIPTION COMMAND..., which passes when COMMAND succeeds
# and otherwise prints its first lines of output ($T/log).
pass=0 fail=0
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL $1"; [ -s "$T/log" ] && sed 's/^/    /' "$T/log" | head -n 15; }
check() { _d=$1; shift; if "$@" >"$T/log" 2>&1; then ok; else no "$_d"; fi; }
