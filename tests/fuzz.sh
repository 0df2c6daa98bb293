#!/bin/sh
# `make fuzz`: runs each libFuzzer target (BIN/TARGET) for SECONDS from its committed
# seeds (testdata/fuzz/TARGET/, with testdata/fuzz/TARGET.dict when there is one). New inputs
# go to build/fuzz/TARGET-corpus, a crash to build/fuzz/TARGET-crash-*: copy it into
# testdata/fuzz/TARGET/ so `make test` replays it from then on.
# Usage: fuzz.sh BIN SECONDS TARGET...   (BIN: build/fuzz/bin, or build/fuzz-ub/bin);
# FUZZ_ARGS adds libFuzzer options (say -runs=10000000 -max_total_time=0 for a long run, and
# -fork=2 to use two cores).
# Leaks are not checked per input (LSan after each run made it four times slower); the
# replay in `make test` checks them under ASan, and `make valgrind` too.
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 3
bin=$1 secs=$2; shift 2
rc=0
for t in "$@"; do
  mkdir -p "build/fuzz/$t-corpus"
  set -- -max_total_time="$secs" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
    -detect_leaks=0 -max_len=2048 \
    -artifact_prefix="build/fuzz/$t-"
  [ -f "testdata/fuzz/$t.dict" ] && set -- "$@" -dict="testdata/fuzz/$t.dict"
  # shellcheck disable=SC2086
  set -- "$@" ${FUZZ_ARGS:-}
  echo "== fuzz $t ($secs s${FUZZ_ARGS:+, $FUZZ_ARGS})"
  "$bin/$t" "$@" "build/fuzz/$t-corpus" "testdata/fuzz/$t" > "build/fuzz/$t.log" 2>&1
  r=$?
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' \
    "build/fuzz/$t.log" | sed 's/^/   /'
  # -fork=N prints no stat:: lines: its last status line has the total executions
  grep -q '^stat::' "build/fuzz/$t.log" || grep -E '^#[0-9]+:' "build/fuzz/$t.log" | tail -1 |
    sed 's/^/   /'
  if [ "$r" != 0 ]; then
    echo "   FAILED (exit $r): see build/fuzz/$t.log"
    grep -E '^(SUMMARY|==[0-9]+==ERROR|artifact_prefix|Test unit written)' "build/fuzz/$t.log" |
      sed 's/^/   /'
    rc=1
  fi
done
exit $rc
