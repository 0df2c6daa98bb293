#!/bin/sh
# Crash safety of the store: a scan killed with SIGKILL at random points, and two scans
# plus a query at once, must leave a store whose next scan gives exactly the graph of a
# clean scan. Uses python3-django (fetched by fetch_corpora.sh) as the tree.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cutline=${CUTLINE:-$top/build/cutline}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$(dirname "$("$top/tests/fetch_corpora.sh" "$top/.corpora" | head -n 1)")
cp -R "$root" "$work/tree"
printf '[project]\nroots = ["tree"]\npython = "3"\n' > "$work/boundaries.toml"
cd "$work"
dump() {   # the graph as text, independent of row ids
  "$cutline" sql --no-refresh --db "$1" --format csv "SELECT s.name, e.target, e.kind,
    e.category, e.symbol, f.path, e.line, e.col FROM edges e JOIN modules s ON s.id = e.src
    JOIN files f ON f.id = e.file_id ORDER BY 1, 2, 3, 4, 5, 6, 7, 8"
  "$cutline" sql --no-refresh --db "$1" --format csv "SELECT f.path, count(d.id) FROM files f
    LEFT JOIN defs d ON d.file_id = f.id GROUP BY f.path ORDER BY 1"
}
"$cutline" scan -q -j2 --no-progress --db ref.db
dump ref.db > ref.txt
fails=0
check() {   # NAME DB: a scan on DB must end with the reference graph
  if "$cutline" scan -q -j2 --no-progress --db "$2" 2> err.txt && dump "$2" > got.txt &&
     cmp -s ref.txt got.txt; then
    echo "ok   $1"
  else
    echo "FAIL $1"; head -5 err.txt; diff ref.txt got.txt 2>/dev/null | head -5
    fails=$((fails + 1))
  fi
}
for i in 1 2 3 4 5 6; do
  rm -f k.db k.db-wal k.db-shm
  if [ "$i" -gt 3 ]; then             # an incremental scan: an old store, files changed
    "$cutline" scan -q -j2 --no-progress --db k.db
    for f in tree/django/db/models/*.py; do echo "# edit $i" >> "$f"; done
  fi
  "$cutline" scan -q -j2 --no-progress --db k.db & pid=$!
  sleep "0.$(( (i * 7919) % 40 + 5 ))"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  [ "$i" -gt 3 ] && for f in tree/django/db/models/*.py; do sed -i '$d' "$f"; done
  check "kill -9 during scan $i" k.db
done
rc=0
for i in 1 2 3 4 5; do                  # on a new store, and on one that exists
  [ "$i" -le 3 ] && rm -f c.db c.db-wal c.db-shm
  "$cutline" scan -q -j2 --no-progress --db c.db 2>> conc.err & a=$!
  "$cutline" scan -q -j2 --no-progress --db c.db 2>> conc.err & b=$!
  "$cutline" sql --db c.db "SELECT count(*) FROM files" > /dev/null 2>> conc.err & q=$!
  wait "$a" || rc=1; wait "$b" || rc=1; wait "$q" || rc=1
done
[ "$rc" = 0 ] && echo "ok   two scans and a query at once, 5 times: all exit 0" ||
  { echo "FAIL two scans and a query at once: an exit code was not 0"; head -3 conc.err;
    fails=$((fails + 1)); }
check "after two scans at once" c.db
[ "$fails" = 0 ]
