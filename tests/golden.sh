#!/bin/sh
# Golden tests: one folder per case, testdata/cases/AREA/NAME.d/, holding
#   cmds      shell lines to run, one per line, in a scratch copy of the folder; `cutline`
#             is the binary under test (first argument, default build/cutline)
#   setup     optional: shell run first in the copy (symlinks, modes, big files: things
#             git cannot hold); $TOP is the repository. A setup that fails fails the case,
#             with its output.
#   expected  the transcript: "$ LINE", its stdout, its stderr lines prefixed "! ", and
#             "[exit N]" when N is not 0
# Each command runs in a clean environment: PATH (the binary first), HOME (the copy),
# LANG/LC_ALL C.UTF-8, TZ UTC, and the sanitizers' and TMPDIR's settings passed
# through; a case sets what else it needs on its command line.
# Paths of the scratch copy print as $CASE and times as X; a missing expected file is
# written and counts as a failure (review it by eye, then commit it).
# With GOLDEN_SKIP=WHY, a case holding a file skip-WHY (its first line the reason) is
# skipped: tests/valgrind.sh passes valgrind, for cases that time a parse.
# GOLDEN_JOBS=N runs N cases at a time (each in its own scratch folder; default 1).
# Prints "ok"/"FAIL"/"skip" per case and ends with "N passed, N failed[, N skipped]".
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "$(dirname "${1:-$top/build/cutline}")" && pwd)/$(basename "${1:-cutline}")
[ -x "$bin" ] || { echo "golden.sh: no binary $bin" >&2; exit 2; }
filter=${2:-}

mask() {
  sed -e "s|$1|\$CASE|g" -e 's/[0-9][0-9]*\.[0-9][0-9]* s\b/X s/g' \
      -e 's/ [0-9][0-9]*\.[0-9] s\b/ X s/g'
}

# run_case SCRATCH CASE_DIR: prints one ok / FAIL line (and the diff); 0 when it passed.
run_case() {
  scratch=$1 case_dir=$2
  name=${case_dir#"$top/testdata/cases/"}
  mkdir -p "$scratch/bin"
  ln -sf "$bin" "$scratch/bin/cutline"
  work=$scratch/case
  chmod -R u+rwx "$work" 2>/dev/null; rm -rf "$work"
  cp -R "$case_dir" "$work"
  rm -f "$work/expected"
  out=$scratch/transcript
  : > "$out"
  if [ -f "$work/setup" ] && ! (cd "$work" && TOP="$top" sh ./setup) > "$scratch/setup" 2>&1; then
    echo "FAIL $name (its setup failed)"
    sed 's/^/     /' "$scratch/setup" | head -20
    return 1
  fi
  while IFS= read -r line || [ -n "$line" ]; do
    [ -n "$line" ] || continue
    printf '$ %s\n' "$line" >> "$out"
    (cd "$work" && env -i PATH="$scratch/bin:$PATH" HOME="$work" LANG=C.UTF-8 LC_ALL=C.UTF-8 \
        TZ=UTC ${TMPDIR:+TMPDIR="$TMPDIR"} ${ASAN_OPTIONS:+ASAN_OPTIONS="$ASAN_OPTIONS"} \
        ${UBSAN_OPTIONS:+UBSAN_OPTIONS="$UBSAN_OPTIONS"} sh -c "$line" \
        > "$scratch/o" 2> "$scratch/e" < /dev/null)
    rc=$?
    mask "$work" < "$scratch/o" >> "$out"
    mask "$work" < "$scratch/e" | sed 's/^/! /' >> "$out"
    [ "$rc" = 0 ] || echo "[exit $rc]" >> "$out"
  done < "$case_dir/cmds"
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

# One case in a scratch folder of its own (what GOLDEN_JOBS runs): golden.sh BIN --one DIR
if [ "$filter" = --one ]; then
  scratch=$(mktemp -d)
  trap 'chmod -R u+rwx "$scratch" 2>/dev/null; rm -rf "$scratch"' EXIT
  run_case "$scratch" "$3" > "$scratch/result" 2>&1
  rc=$?
  cat "$scratch/result"
  exit $rc
fi

cases=$(mktemp)
results=$(mktemp)
trap 'rm -f "$cases" "$results"' EXIT
skipped=0
for d in "$top"/testdata/cases/*/*.d; do
  [ -d "$d" ] || continue
  case "$d" in *"$filter"*) ;; *) continue ;; esac
  if [ -n "${GOLDEN_SKIP:-}" ] && [ -f "$d/skip-$GOLDEN_SKIP" ]; then
    echo "skip ${d#"$top/testdata/cases/"} ($(head -n 1 "$d/skip-$GOLDEN_SKIP"))"
    skipped=$((skipped + 1))
    continue
  fi
  echo "$d" >> "$cases"
done
jobs=${GOLDEN_JOBS:-1}
# each case's lines come out whole: a case writes them at its end
xargs -P "$jobs" -I{} sh "$0" "$bin" --one {} < "$cases" | tee "$results"
pass=$(grep -c '^ok ' "$results")
fail=$(grep -c '^FAIL ' "$results")
ran=$(wc -l < "$cases")
[ $((pass + fail)) = "$ran" ] || fail=$((ran - pass))     # a case that printed nothing failed
if [ "$skipped" = 0 ]; then echo "$pass passed, $fail failed"
else echo "$pass passed, $fail failed, $skipped skipped"; fi
[ "$fail" = 0 ]
