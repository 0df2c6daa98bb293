#!/bin/sh
# The data pass over real code: every Debian package unpacked under .corpora/pkgs/NAME (from
# the .deb files in .corpora/debs, which `apt-get download python3-gi python3-django ...`
# fills; see the README) is scanned as one project, its python3 folders the roots. Fails
# when a file's read, parse and extraction take a second or more, when the data pass (models,
# accesses) of a package takes more than DEB_DATA_LIMIT seconds (default 10), or when a scan
# does not end in 120 s or exits with an error. Prints one line per package and the slowest
# file of all. Skips (exit 0) when no package is there.
#   tests/debcorpus.sh [BINARY]      (default build/cutline)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$top/build/cutline}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
corp=$top/.corpora
limit=${DEB_DATA_LIMIT:-10}
[ -x "$bin" ] || { echo "debcorpus: no binary $bin" >&2; exit 2; }
if ls "$corp"/debs/*.deb > /dev/null 2>&1; then
  for deb in "$corp"/debs/*.deb; do
    n=$(basename "$deb" | sed 's/_.*//')
    [ -d "$corp/pkgs/$n" ] || { mkdir -p "$corp/pkgs" && dpkg -x "$deb" "$corp/pkgs/$n"; } ||
      echo "debcorpus: cannot unpack $deb" >&2
  done
fi
ls -d "$corp"/pkgs/*/ > /dev/null 2>&1 || { echo "skip debcorpus (no package under $corp/pkgs)"; exit 0; }
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT
npkg=0 nfail=0 nfiles=0 worst=0 worstfile=
for p in "$corp"/pkgs/*/; do
  name=$(basename "$p")
  roots=$(find "$p" -type d \( -name dist-packages -o -name site-packages \) -path '*python3*' | sort |
          sed 's/.*/"&"/' | paste -sd, -)
  [ -n "$roots" ] || continue
  rm -rf "$work/p"; mkdir -p "$work/p"
  printf '[project]\nroots = [%s]\npython = "3"\n' "$roots" > "$work/p/boundaries.toml"
  (cd "$work/p" && CUTLINE_TIMES=1 timeout -k 5 120 "$bin" scan -q --no-progress > /dev/null 2> err)
  rc=$?
  t=$(grep '^times:' "$work/p/err")
  files=$(cd "$work/p" && "$bin" sql --no-refresh --format csv "SELECT count(*) FROM files" 2>/dev/null | sed -n 2p)
  data=$(printf '%s' "$t" | sed -n 's/.* data \([0-9.]*\) .*/\1/p')
  slow=$(printf '%s' "$t" | sed -n 's/.*slowest file \([0-9.]*\) s \(.*\)/\1/p')
  slowfile=$(printf '%s' "$t" | sed -n 's/.*slowest file [0-9.]* s \(.*\)/\1/p' | sed "s|^$p||")
  npkg=$((npkg + 1)); nfiles=$((nfiles + ${files:-0}))
  why=
  if [ "$rc" != 0 ]; then why="exit $rc"; [ "$rc" = 124 ] && why="timed out (120 s)"
  elif awk -v s="$slow" 'BEGIN { exit !(s >= 1) }'; then why="a file took $slow s"
  elif awk -v d="$data" -v l="$limit" 'BEGIN { exit !(d > l) }'; then why="the data pass took $data s"
  fi
  if [ -n "$why" ]; then
    printf 'FAIL %s: %s\n' "$name" "$why"; sed 's/^/    /' "$work/p/err" | head -n 5
    nfail=$((nfail + 1))
  else
    printf 'ok   %-22s %5s files, data pass %s s, slowest file %s s %s\n' "$name" "${files:-?}" "$data" "$slow" "$slowfile"
  fi
  if awk -v s="${slow:-0}" -v w="$worst" 'BEGIN { exit !(s > w) }'; then worst=$slow; worstfile="$name: $slowfile"; fi
done
echo "debcorpus: $npkg packages, $nfiles files; slowest file $worst s ($worstfile); $nfail failed"
[ "$nfail" = 0 ]
