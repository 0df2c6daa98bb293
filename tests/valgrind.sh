#!/bin/sh
# `make valgrind`: the unit tests and every golden case with cutline under valgrind's memcheck
# (plain build). A case passes when its transcript matches and valgrind found nothing: no
# invalid read or write, no use of uninitialised memory, no leak (definite or indirect; the
# libraries' one-time caches, "still reachable", are not leaks). The golden areas run in
# parallel, one per core. Ends "N passed, N failed".
# Usage: valgrind.sh [AREA...]   (AREA: a folder of testdata/cases, default all of them)
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 3
command -v valgrind > /dev/null || { echo "valgrind.sh: valgrind is not installed" >&2; exit 2; }
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
vg="valgrind --quiet --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect
    --errors-for-leak-kinds=definite,indirect --num-callers=30"
pass=0 fail=0 skipped=0

# Unit tests: each binary once.
for t in build/tests/*; do
  [ -x "$t" ] || continue
  # shellcheck disable=SC2086
  if $vg --log-file="$logs/unit-$(basename "$t").log" "$t" > "$logs/out" 2>&1; then
    echo "ok   unit $(basename "$t") under valgrind"; pass=$((pass + 1))
  else
    echo "FAIL unit $(basename "$t") under valgrind"; fail=$((fail + 1))
    tail -n 5 "$logs/out" | sed 's/^/     /'; head -n 30 "$logs/unit-$(basename "$t").log" | sed 's/^/     /'
  fi
done

# Golden cases: the runner calls a wrapper that runs cutline under valgrind, one log a process.
mkdir -p "$logs/vg"
cat > "$logs/cutline" <<WRAP
#!/bin/sh
exec $(echo $vg) --log-file=$logs/vg/%p.log "$top/build/cutline" "\$@"
WRAP
chmod +x "$logs/cutline"
[ $# -gt 0 ] || set -- $(cd testdata/cases && ls -d */ | tr -d /)
for a in "$@"; do echo "$a"; done |
  GOLDEN_SKIP=valgrind xargs -P "$(nproc)" -I AREA sh -c "sh tests/golden.sh '$logs/cutline' '/testdata/cases/AREA/' > '$logs/golden-AREA.txt' 2>&1"
for a in "$@"; do
  out=$logs/golden-$a.txt
  grep -E '^(FAIL|skip|     )' "$out" | head -n 40
  set -- $(tail -n 1 "$out")
  pass=$((pass + ${1:-0})) fail=$((fail + ${3:-1})) skipped=$((skipped + ${5:-0}))
done
nlogs=$(ls "$logs/vg" | wc -l)
bad=$(find "$logs/vg" -type f -size +0 | wc -l)
find "$logs/vg" -type f -size +0 | head -n 3 | while read -r l; do
  echo "FAIL valgrind report:"; head -n 40 "$l" | sed 's/^/     /'
done
if [ "$bad" = 0 ] && [ "$nlogs" -gt 0 ]; then
  echo "ok   $nlogs cutline runs of the golden cases: no valgrind report"; pass=$((pass + 1))
else
  echo "FAIL $bad of $nlogs cutline runs of the golden cases with a valgrind report"; fail=$((fail + 1))
fi
if [ "$skipped" = 0 ]; then echo "$pass passed, $fail failed"
else echo "$pass passed, $fail failed, $skipped skipped"; fi
[ "$fail" = 0 ]
