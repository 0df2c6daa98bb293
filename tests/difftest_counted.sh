#!/bin/sh
# difftest.sh with one result per corpus and the closing "N passed, N failed" line.
out=$(sh "$(dirname "$0")/difftest.sh" 2>&1)
rc=$?
echo "$out"
p=$(echo "$out" | grep -c '^ok ')
f=$(echo "$out" | grep -c '^FAIL ')
s=$(echo "$out" | grep -c '^skip ')
[ "$rc" = 0 ] || [ "$f" != 0 ] || f=1
echo "$p passed, $f failed, $s skipped"
