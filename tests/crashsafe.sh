#!/bin/sh
# Crash safety of the store: a scan killed with SIGKILL at 20 points, and two scans plus a
# check at once, must leave a store whose next scan gives exactly the graph of a clean scan;
# a full disk must give a clear error and leave the previous store as it was.
# Uses python3-django (fetched by fetch_corpora.sh) as the tree.
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
for i in $(seq 1 20); do               # 20 kills, spread over the ~1 s a scan takes here
  rm -f k.db k.db-wal k.db-shm
  if [ $((i % 2)) = 0 ]; then         # an incremental scan: an old store, files changed
    "$cutline" scan -q -j2 --no-progress --db k.db
    for f in tree/django/db/models/*.py; do echo "# edit $i" >> "$f"; done
  fi
  "$cutline" scan -q -j2 --no-progress --db k.db & pid=$!
  sleep "$(awk -v i="$i" 'BEGIN { printf "%.2f", ((i * 37) % 90 + 2) / 100 }')"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [ $((i % 2)) = 0 ]; then
    for f in tree/django/db/models/*.py; do sed -i '$d' "$f"; done
  fi
  check "kill -9 during scan $i" k.db
done
rc=0
for i in 1 2 3 4 5; do                  # on a new store, and on one that exists
  [ "$i" -le 3 ] && rm -f c.db c.db-wal c.db-shm
  "$cutline" scan -q -j2 --no-progress --db c.db 2>> conc.err & a=$!
  "$cutline" scan -q -j2 --no-progress --db c.db 2>> conc.err & b=$!
  "$cutline" check -q --db c.db > /dev/null 2>> conc.err & q=$!   # refreshes, then checks
  wait "$a" || rc=1; wait "$b" || rc=1
  wait "$q" || [ $? = 1 ] || rc=1     # django has import cycles: check finds errors (exit 1)
  "$cutline" sql --db c.db "SELECT count(*) FROM files" > /dev/null 2>> conc.err || rc=1
done
[ "$rc" = 0 ] && echo "ok   two scans and a check at once, 5 times: exit 0 (check: 0 or 1)" ||
  { echo "FAIL two scans and a check at once: an exit code was not 0"; head -3 conc.err;
    fails=$((fails + 1)); }
check "after two scans at once" c.db
# A full disk: a store on a 1 MiB tmpfs (or, without the right to mount one, under a file
# size limit), scanned once, then asked to take a tree far too big for it. The scan must
# fail with a clear error (exit 3), and the store must still hold the first graph.
full_disk() {
  mkdir -p fd small
  cp tree/django/db/models/*.py small/
  printf '[project]\nroots = ["small"]\npython = "3"\n' > small.toml
  limit=
  if ! mount -t tmpfs -o size=1m tmpfs fd 2>/dev/null; then
    limit=2048                          # 1 MiB in ulimit's 512-byte blocks
    trap '' XFSZ                        # writes then fail with EFBIG instead of a signal
  fi
  run() { if [ -n "$limit" ]; then (ulimit -f "$limit"; "$@"); else "$@"; fi; }
  run "$cutline" scan -q --no-progress --config small.toml --db fd/s.db || return 1
  "$cutline" sql --no-refresh --db fd/s.db --format csv "SELECT path FROM files ORDER BY 1" > before.txt
  cp -R tree/django small/django
  run "$cutline" scan --no-progress --config small.toml --db fd/s.db 2> full.err
  code=$?
  "$cutline" sql --no-refresh --db fd/s.db --format csv "SELECT path FROM files ORDER BY 1" > after.txt
  [ -z "$limit" ] && umount fd
  echo "   (${limit:+ulimit -f }${limit:-tmpfs 1 MiB}) exit $code: $(grep error: full.err | head -3)"
  [ "$code" = 3 ] && grep -q "nothing of this run was saved" full.err && cmp -s before.txt after.txt &&
    [ "$(wc -l < before.txt)" -gt 5 ]
}
if full_disk; then echo "ok   a full disk: a clear error, the previous store intact"
else echo "FAIL a full disk: a clear error, the previous store intact"; fails=$((fails + 1)); fi
[ "$fails" = 0 ]
