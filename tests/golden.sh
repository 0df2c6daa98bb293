#!/bin/sh
# Golden tests: one folder per case, testdata/cases/AREA/NAME.d/, holding
#   cmds      shell lines to run, one per line, in a scratch copy of the folder; `cutline`
#             is the binary under test (first argument, default build/cutline)
#   setup     optional: shell run first in the copy (symlinks, modes, big files: things
#             git cannot hold); $TOP is the repository
#   expected  the transcript: "$ LINE", its stdout, its stderr lines prefixed "! ", and
#             "[exit N]" when N is not 0
# Paths of the scratch copy print as $CASE and times as X; a missing expected file is
# written and counts as a failure (review it by eye, then commit it).
# With GOLDEN_SKIP=WHY, a case holding a file skip-WHY (its first line the reason) is
# skipped: tests/valgrind.sh passes valgrind, for cases that time a parse.
# Prints "ok"/"FAIL"/"skip" per case and ends with "N passed, N failed[, N skipped]".
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "$(dirname "${1:-$top/build/cutline}")" && pwd)/$(basename "${1:-cutline}")
[ -x "$bin" ] || { echo "golden.sh: no binary $bin" >&2; exit 2; }
filter=${2:-}
pass=0 fail=0 skipped=0
scratch=$(mktemp -d)
trap 'chmod -R u+rwx "$scratch" 2>/dev/null; rm -rf "$scratch"' EXIT
mkdir -p "$scratch/bin"
ln -s "$bin" "$scratch/bin/cutline"

mask() {
  sed -e "s|$1|\$CASE|g" -e 's/[0-9][0-9]*\.[0-9][0-9]* s\b/X s/g' \
      -e 's/ [0-9][0-9]*\.[0-9] s\b/ X s/g'
}

run_case() {
  case_dir=$1
  work=$scratch/case
  chmod -R u+rwx "$work" 2>/dev/null; rm -rf "$work"
  cp -R "$case_dir" "$work"
  rm -f "$work/expected"
  out=$scratch/transcript
  : > "$out"
  (cd "$work" && [ ! -f setup ] || TOP="$top" sh ./setup) >/dev/null 2>&1
  while IFS= read -r line || [ -n "$line" ]; do
    [ -n "$line" ] || continue
    printf '$ %s\n' "$line" >> "$out"
    (cd "$work" && PATH="$scratch/bin:$PATH" CUTLINE_NO_COLOR=1 sh -c "$line" \
        > "$scratch/o" 2> "$scratch/e" < /dev/null)
    rc=$?
    mask "$work" < "$scratch/o" >> "$out"
    mask "$work" < "$scratch/e" | sed 's/^/! /' >> "$out"
    [ "$rc" = 0 ] || echo "[exit $rc]" >> "$out"
  done < "$case_dir/cmds"
  name=${case_dir#"$top/testdata/cases/"}
  if [ ! -f "$case_dir/expected" ]; then
    cp "$out" "$case_dir/expected"
    echo "FAIL $name (expected written: review it)"
    return 1
  fi
  if diff -u "$case_dir/expected" "$out" > "$scratch/diff"; then
    echo "ok   $name"
    return 0
  fi
  echo "FAIL $name"
  sed 's/^/     /' "$scratch/diff" | head -40
  return 1
}

for d in "$top"/testdata/cases/*/*.d; do
  [ -d "$d" ] || continue
  case "$d" in *"$filter"*) ;; *) continue ;; esac
  if [ -n "${GOLDEN_SKIP:-}" ] && [ -f "$d/skip-$GOLDEN_SKIP" ]; then
    echo "skip ${d#"$top/testdata/cases/"} ($(head -n 1 "$d/skip-$GOLDEN_SKIP"))"
    skipped=$((skipped + 1))
    continue
  fi
  if run_case "$d"; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
if [ "$skipped" = 0 ]; then echo "$pass passed, $fail failed"
else echo "$pass passed, $fail failed, $skipped skipped"; fi
[ "$fail" = 0 ]
