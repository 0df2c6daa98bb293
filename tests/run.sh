#!/bin/sh
# The whole test suite (`make test`): unit tests, golden cases and the help check, each
# with the plain build and again under ASan+UBSan, the fuzz targets' replays, the data
# fixtures, a generated sweep over the fact writer, the datastore writes of real App Engine
# apps (when their mirrors are here), the report in Chromium, the differential test against
# CPython's ast, crash safety, damaged stores and hostile trees. Ends with the line
# "N passed, N failed" that CI reads.
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 3
pass=0 fail=0 skipped=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# count TITLE CMD...: runs a runner that ends with "N passed, N failed"; adds its counts.
count() {
  title=$1; shift
  echo "== $title"
  "$@" > "$log" 2>&1
  rc=$?
  grep -v '^ok ' "$log" | grep -v -E '^[0-9]+ passed, [0-9]+ failed' | sed 's/^/   /'
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?$' "$log" | tail -n 1)
  if [ -z "$line" ]; then
    echo "   (no result line; exit $rc)"
    fail=$((fail + 1))
    return
  fi
  p=${line%% passed*}; f=${line#*passed, }; f=${f%% failed*}
  case "$line" in *skipped) s=${line##*failed, }; skipped=$((skipped + ${s%% *})) ;; esac
  [ "$rc" = 0 ] || [ "$f" != 0 ] || f=1          # a crash after the last line still fails
  pass=$((pass + p)); fail=$((fail + f))
  echo "   $line"
}

# lines TITLE CMD...: a runner that prints "ok ..." / "FAIL ..." / "skip ..." lines.
lines() {
  title=$1; shift
  echo "== $title"
  "$@" > "$log" 2>&1
  rc=$?
  grep -v '^ok ' "$log" | sed 's/^/   /'
  p=$(grep -c '^ok ' "$log"); f=$(grep -c '^FAIL ' "$log"); s=$(grep -c '^skip ' "$log")
  [ "$rc" = 0 ] || [ "$f" != 0 ] || f=1
  pass=$((pass + p)); fail=$((fail + f)); skipped=$((skipped + s))
  echo "   $p passed, $f failed, $s skipped"
}

# check TITLE CMD...: one test, passed when CMD exits 0.
check() {
  title=$1; shift
  if "$@" > "$log" 2>&1; then pass=$((pass + 1)); echo "ok   $title"
  else fail=$((fail + 1)); echo "FAIL $title"; sed 's/^/     /' "$log" | tail -n 20; fi
}

help_check() {
  bin=$1
  for c in $("$bin" -h | awk '/^commands:/{on=1; next} on && /^  [a-z]/{print $1}'); do
    "$bin" "$c" -h | grep -q "^usage: cutline $c" || { echo "$c -h: no usage line"; return 1; }
  done
  "$bin" --version | grep -q '^cutline [0-9]'
}

for flavour in plain asan; do
  bin=build/cutline tests=build/tests
  [ $flavour = asan ] && bin=build/asan/cutline tests=build/asan-tests
  for t in "$tests"/*; do count "unit $(basename "$t") ($flavour)" "$t"; done
  count "golden cases ($flavour)" env GOLDEN_JOBS=2 sh tests/golden.sh "$bin"
  check "every command answers -h ($flavour)" help_check "$bin"
done
for r in build/replay/*; do          # seeds and every input that once crashed a fuzz target
  t=$(basename "$r")
  check "the $(ls "testdata/fuzz/$t" | wc -l) inputs of fuzz target $t replayed (asan)" \
    "$r" "testdata/fuzz/$t"
done
check "extract fixtures, MAIN over the whole tree" env CUTLINE_FULL_WALK=1 build/tests/extract
check "statement walk = full walk on the real corpora" sh tests/walkcheck.sh
lines "data accesses against the annotated fixtures" python3 tests/dataspec.py build/cutline
lines "data accesses against the annotated fixtures (asan)" python3 tests/dataspec.py build/asan/cutline
lines "the fact writer over 100 generated trees: no exit 3, hang or sanitizer report" \
  python3 tests/factsweep.py build/cutline --seeds 100 -j 2
lines "the fact writer over 30 generated trees (asan)" \
  python3 tests/factsweep.py build/asan/cutline --seeds 30 --start 1001 -j 2
lines "datastore writes and key reads in real App Engine apps (skipped without their mirrors)" \
  python3 tests/realwrites.py build/cutline
lines "SARIF against the SARIF 2.1.0 JSON schema (ajv, pinned)" sh tests/sarif_check.sh
lines "federate: the drafted subgraphs compose (Apollo composition)" sh tests/compose.sh
lines "the HTML report in headless Chromium" sh tests/report_browser.sh
lines "differential test against CPython's ast" sh tests/difftest.sh
lines "crash safety of the store" sh tests/crashsafe.sh
lines "a damaged store never gives an answer: 240 offsets, intact answer or exit 3" \
  python3 tests/corrupt.py build/cutline 240
lines "hostile trees" sh tests/hostile.sh
lines "hostile trees (asan; not the 100,000 files nor the 10 and 50 MB files)" \
  env CUTLINE=build/asan/cutline HOSTILE_QUICK=1 sh tests/hostile.sh
[ "$skipped" = 0 ] || echo "($skipped skipped, each named above with its reason)"
echo "$pass passed, $fail failed"            # the plain last line CI reads
[ "$fail" = 0 ]
