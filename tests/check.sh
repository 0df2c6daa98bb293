#!/bin/sh
# `make check`: the tier to run after each change, at most a minute on the 2-core machine:
# the unit tests and the golden cases (two at a time) with the plain build. `make test`
# stays the whole suite (ASan, fuzz replays, real corpora, crash safety...) that CI runs.
# Ends with "N passed, N failed".
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 3
pass=0 fail=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
tally() {                      # tally TITLE CMD...: adds a runner's "N passed, N failed"
  echo "== $1"; shift
  "$@" > "$log" 2>&1
  rc=$?
  grep -v '^ok ' "$log" | grep -v -E '^[0-9]+ passed, [0-9]+ failed' | sed 's/^/   /'
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
  p=${line%% passed*}; f=${line#*passed, }; f=${f%% failed*}
  [ -n "$line" ] || { p=0; f=1; }
  [ "$rc" = 0 ] || [ "$f" != 0 ] || f=1
  pass=$((pass + p)); fail=$((fail + f))
  echo "   ${line:-no result line (exit $rc)}"
}
for t in build/tests/*; do tally "unit $(basename "$t")" "$t"; done
tally "golden cases" env GOLDEN_JOBS="${GOLDEN_JOBS:-2}" sh tests/golden.sh build/cutline
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
