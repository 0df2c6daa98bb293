#!/bin/sh
# `make bench`: cutline on python3-django + python3-nova + /usr/lib/python3.11 (about 1M
# lines, 40 MB), copied under build/bench so one file can be changed. Five runs of each
# step, medians printed: cold scan (-j2) and the raw tree-sitter parse of the same files
# (-j2, the floor) alternate so both see the same machine; then warm scans.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
b=$top/build/bench
cutline=$top/build/cutline
runs=${RUNS:-5}
mkdir -p "$b"
roots=$("$top/tests/fetch_corpora.sh" "$top/.corpora")
if [ ! -f "$b/corpus/.copied" ]; then
  rm -rf "$b/corpus"
  mkdir -p "$b/corpus/django" "$b/corpus/nova"
  cp -R /usr/lib/python3.11 "$b/corpus/stdlib"
  for r in $roots; do cp -R "$r" "$b/corpus/$(basename "$r")/"; done
  touch "$b/corpus/.copied"
fi
cat > "$b/boundaries.toml" <<TOML
[project]
name = "bench"
roots = ["corpus/stdlib", "corpus/django", "corpus/nova"]
python = "3"
db = "graph.db"
TOML
cd "$b"
measure() { python3 "$top/tests/measure.py" "$@" 2>&1 >/dev/null | tail -n 1; }
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

rm -f graph.db*
"$cutline" scan -q -j2 --no-progress
"$cutline" sql --no-refresh --format csv "SELECT path FROM files ORDER BY path" | tail -n +2 |
  sed "s|^|$b/|" > files.txt
bytes=$(cat files.txt | tr '\n' '\0' | xargs -0 cat | wc -c)
lines=$(cat files.txt | tr '\n' '\0' | xargs -0 cat | wc -l)

: > cold.txt; : > floor.txt; : > rss.txt; : > warm.txt; : > one.txt; : > touch.txt
: > nodata.txt
for i in $(seq "$runs"); do
  "$top/build/parse_floor" -j 2 < files.txt | awk '{print $3}' >> floor.txt
  rm -f graph.db*
  m=$(measure "$cutline" scan -q -j2 --no-progress)
  echo "${m% *}" >> cold.txt; echo "${m#* }" >> rss.txt
  # the same cold scan without data accesses (no data patterns, no models): their cost
  rm -f nodata.db*
  m=$(export CUTLINE_NO_DATA=1; measure "$cutline" scan -q -j2 --no-progress --db nodata.db)
  echo "${m% *}" >> nodata.txt
done
for i in $(seq "$runs"); do
  m=$(measure "$cutline" scan -q -j2 --no-progress); echo "${m% *}" >> warm.txt
done
f=corpus/django/django/utils/text.py
for i in $(seq "$runs"); do
  touch "$f"
  m=$(measure "$cutline" scan -q -j2 --no-progress); echo "${m% *}" >> touch.txt
done
for i in $(seq "$runs"); do
  echo "# bench edit $i" >> "$f"
  m=$(measure "$cutline" scan -q -j2 --no-progress); echo "${m% *}" >> one.txt
done
cp "$top/.corpora/django/usr/lib/python3/dist-packages/django/utils/text.py" "$f"
"$cutline" scan -q -j2 --no-progress

# check: services drafted by `cutline init` (one per top-level package, as observed), then a
# warm check with no change, and `check --files` with 10 files changed (pre-commit's case).
"$cutline" init -q --force --config boundaries.toml -o check.toml
: > check.txt; : > files10.txt
for i in $(seq "$runs"); do
  m=$(measure "$cutline" check -q --config check.toml); echo "${m% *}" >> check.txt
done
ls corpus/django/django/utils/*.py | head -n 10 > ten.txt
for f in $(cat ten.txt); do cp "$f" "$f.orig"; done
for i in $(seq "$runs"); do
  for f in $(cat ten.txt); do echo "# bench edit $i" >> "$f"; done
  m=$(measure "$cutline" check -q --config check.toml --files $(cat ten.txt))
  echo "${m% *}" >> files10.txt
done
for f in $(cat ten.txt); do mv "$f.orig" "$f"; done
"$cutline" scan -q -j2 --no-progress
services=$(grep -c '^\[\[service\]\]' check.toml)

# propose on the whole corpus (target <= 10 s), then on nova alone next to two baselines
# measured the same way: nova's own packages (nova.compute, nova.api, ...), and Louvain on
# module-level imports alone.
: > propose.txt
for i in $(seq "$runs"); do
  m=$(measure "$cutline" propose --no-refresh); echo "${m% *}" >> propose.txt
done
printf '[project]\nroots = ["corpus/nova"]\npython = "3"\ndb = "nova.db"\n' > nova.toml
rm -f nova.db*                      # a store of an older schema is not replaced outside .cutline
"$cutline" scan -q -j2 --no-progress --config nova.toml
nova() { "$cutline" propose --no-refresh --config nova.toml "$@" | sed -n 's/^propose: //p; s/^metrics: //p'; }
nova > nova.txt
nova --packages 2 >> nova.txt
k=$(sed -n '3s/ services.*//p' nova.txt)       # the packages' count: compare at equal K too
nova --services "$k" >> nova.txt
nova --method louvain --weight-late 0 --weight-type 0 --weight-dynamic 0 --weight-package 0 \
  --weight-write 0 --weight-read 0 --weight-reference 0 --no-damp-hubs >> nova.txt

# Many small files: 10,000 and 100,000 (tests/gen_many.sh), cold and warm scans. The time
# per file should not grow with the count (no quadratic step), nor memory beyond the rows.
for n in 100 1000; do
  if [ ! -f "many$n/.made" ]; then
    rm -rf "many$n"; sh "$top/tests/gen_many.sh" "many$n/src" "$n"; touch "many$n/.made"
  fi
  printf '[project]\nroots = ["src"]\npython = "3"\n' > "many$n/boundaries.toml"
  : > "many$n/cold.txt"; : > "many$n/rss.txt"; : > "many$n/warm.txt"
  for i in $(seq 3); do
    rm -rf "many$n/.cutline"
    m=$(cd "many$n" && measure "$cutline" scan -q -j2 --no-progress)
    echo "${m% *}" >> "many$n/cold.txt"; echo "${m#* }" >> "many$n/rss.txt"
  done
  for i in $(seq 3); do
    m=$(cd "many$n" && measure "$cutline" scan -q -j2 --no-progress); echo "${m% *}" >> "many$n/warm.txt"
  done
done

# Instruction counts (callgrind) do not depend on the machine's load: a tenth of the files,
# one thread, the whole cold scan against the parse alone.
awk 'NR % 10 == 0' files.txt > sample.txt
rm -rf sample && mkdir sample && i=0
while read -r f; do i=$((i + 1)); mkdir -p "sample/d$i"; cp "$f" "sample/d$i/"; done < sample.txt
find "$b/sample" -name '*.py' | sort > sample_files.txt
printf '[project]\nroots = ["sample"]\npython = "3"\ndb = "sample.db"\n' > sample.toml
count_ir() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
  sed -n 's/.*Collected : *//p'; }
rm -f sample.db*
ir_scan=$(count_ir "$cutline" scan -q -j1 --no-progress --config sample.toml)
ir_floor=$(count_ir "$top/build/parse_floor" -j 1 < sample_files.txt)
ir_empty=$(: | count_ir "$top/build/parse_floor" -j 1)
rm -f sample_nodata.db*
ir_nodata=$(export CUTLINE_NO_DATA=1; count_ir "$cutline" scan -q -j1 --no-progress \
  --config sample.toml --db sample_nodata.db)

cold=$(median < cold.txt); floor=$(median < floor.txt); rss=$(median < rss.txt)
# each cold scan ran right after its floor: the ratio of a pair sees one machine state
ratio=$(paste cold.txt floor.txt | awk '{printf "%.4f\n", $1 / $2}' | median)
dratio=$(paste cold.txt nodata.txt | awk '{printf "%.4f\n", $1 / $2}' | median)
nodata=$(median < nodata.txt)
warm=$(median < warm.txt); one=$(median < one.txt); touched=$(median < touch.txt)
chk=$(median < check.txt); chk10=$(median < files10.txt); prop=$(median < propose.txt)
files=$(wc -l < files.txt)
c10k=$(median < many100/cold.txt); c100k=$(median < many1000/cold.txt)
w100k=$(median < many1000/warm.txt); r100k=$(median < many1000/rss.txt); r10k=$(median < many100/rss.txt)
echo "corpus: $files files, $lines lines, $bytes bytes; $(nproc) cores; medians of $runs runs"
awk -v c="$cold" -v f="$floor" -v w="$warm" -v o="$one" -v r="$rss" -v by="$bytes" -v t="$touched" -v q="$ratio" \
    -v is="$ir_scan" -v ip="$ir_floor" -v ie="$ir_empty" -v ck="$chk" -v ck10="$chk10" \
    -v sv="$services" -v nd="$nodata" -v dq="$dratio" -v inod="$ir_nodata" -v pr="$prop" 'BEGIN {
  printf "cold scan -j2:            %.2f s (%.1f MB/s)\n", c, by / 1e6 / c
  printf "tree-sitter parse -j2:    %.2f s (floor)\n", f
  printf "cold / floor:             %.2fx   (median of per-run ratios; target <= 1.25x)\n", q
  printf "instructions, scan/parse: %.2fx   (callgrind, 1/10 of the files, -j1; the parse\n", is / (ip - ie)
  printf "                                   side without its query compile: %.0fM / %.0fM)\n", is / 1e6, (ip - ie) / 1e6
  printf "cold scan without data:   %.2f s; with data / without: %.2fx (median of per-run\n", nd, dq
  printf "                                   ratios; target <= 1.20x)\n"
  printf "instructions, data/none:  %.2fx   (callgrind, the same 1/10 of the files, -j1)\n", is / inod
  printf "warm scan, no change:     %.0f ms  (target <= 100 ms)\n", w * 1000
  printf "scan, 1 file touched:     %.0f ms  (mtime only: hashed, not parsed)\n", t * 1000
  printf "scan, 1 file changed:     %.0f ms  (target <= 150 ms)\n", o * 1000
  printf "peak RSS, cold scan:      %.0f MB  (target <= 300 MB)\n", r / 1024
  printf "check, warm, no change:   %.0f ms  (%d services drafted by init; target <= 100 ms)\n", ck * 1000, sv
  printf "check --files, 10 changed: %.0f ms (target <= 150 ms)\n", ck10 * 1000
  printf "propose, whole corpus:    %.2f s  (%.2fx a cold scan; target <= 0.3x)\n", pr, pr / c
}'
awk -v a="$c10k" -v b="$c100k" -v w="$w100k" -v r="$r100k" -v r1="$r10k" 'BEGIN {
  printf "100,000 tiny files:       cold %.2f s, warm %.0f ms, peak RSS %.0f MB (medians of 3)\n", b, w * 1000, r / 1024
  printf "10,000 tiny files:        cold %.2f s, peak RSS %.0f MB; 100k / 10k time: %.1fx (linear: 10x)\n", a, r1 / 1024, b / a
}'
echo "propose on nova alone; nova's packages (2 name parts); propose with as many services;"
echo "Louvain on module-level imports alone (a proposal line and a metrics line each):"
cat nova.txt

# A large Django monolith, when one is here ($CUTLINE_DJANGO_APP, default .corpora/saleor:
# saleor/saleor fetched and unpacked by hand; never committed): the cold scan against the
# parse floor of the same files, with and without data accesses, in wall time (medians) and
# in instructions (callgrind, a tenth of its files, one thread).
app=${CUTLINE_DJANGO_APP:-$top/.corpora/saleor}
if [ -d "$app" ]; then
  dj=$b/django_app; rm -rf "$dj"; mkdir -p "$dj"
  printf '[project]\nroots = ["%s"]\npython = "3"\ndb = "%s/graph.db"\n' "$app" "$dj" > "$dj/boundaries.toml"
  "$cutline" scan -q -j2 --no-progress --config "$dj/boundaries.toml"
  "$cutline" sql --no-refresh --config "$dj/boundaries.toml" --format csv "SELECT path FROM files ORDER BY path" |
    tail -n +2 | awk -v d="$dj" '{ print (substr($0, 1, 1) == "/") ? $0 : d "/" $0 }' |
    while read -r p; do realpath "$p"; done > "$dj/files.txt"
  : > "$dj/cold.txt"; : > "$dj/floor.txt"; : > "$dj/nodata.txt"; : > "$dj/propose.txt"
  for i in $(seq "$runs"); do
    "$top/build/parse_floor" -j 2 < "$dj/files.txt" | awk '{print $3}' >> "$dj/floor.txt"
    rm -f "$dj"/graph.db*
    m=$(measure "$cutline" scan -q -j2 --no-progress --config "$dj/boundaries.toml"); echo "${m% *}" >> "$dj/cold.txt"
    m=$(measure "$cutline" propose --no-refresh --config "$dj/boundaries.toml"); echo "${m% *}" >> "$dj/propose.txt"
    rm -f "$dj"/graph.db*
    m=$(export CUTLINE_NO_DATA=1; measure "$cutline" scan -q -j2 --no-progress --config "$dj/boundaries.toml")
    echo "${m% *}" >> "$dj/nodata.txt"
  done
  awk 'NR % 10 == 0' "$dj/files.txt" > "$dj/sample.txt"
  rm -rf "$dj/sample" && mkdir "$dj/sample" && i=0
  while read -r f; do i=$((i + 1)); mkdir -p "$dj/sample/d$i"; cp "$f" "$dj/sample/d$i/"; done < "$dj/sample.txt"
  find "$dj/sample" -name '*.py' | sort > "$dj/sample_files.txt"
  printf '[project]\nroots = ["sample"]\npython = "3"\ndb = "s.db"\n' > "$dj/sample.toml"
  rm -f "$dj"/s.db*
  dj_is=$(count_ir "$cutline" scan -q -j1 --no-progress --config "$dj/sample.toml")
  rm -f "$dj"/s.db*
  dj_in=$(export CUTLINE_NO_DATA=1; count_ir "$cutline" scan -q -j1 --no-progress --config "$dj/sample.toml")
  dj_ip=$(count_ir "$top/build/parse_floor" -j 1 < "$dj/sample_files.txt")
  djr=$(paste "$dj/cold.txt" "$dj/floor.txt" | awk '{printf "%.4f\n", $1 / $2}' | median)
  djn=$(paste "$dj/nodata.txt" "$dj/floor.txt" | awk '{printf "%.4f\n", $1 / $2}' | median)
  djp=$(paste "$dj/propose.txt" "$dj/cold.txt" | awk '{printf "%.4f\n", $1 / $2}' | median)
  echo "Django monolith $(basename "$app"): $(wc -l < "$dj/files.txt") files, $(cat "$dj/files.txt" | tr '\n' '\0' | xargs -0 cat | wc -c) bytes"
  awk -v c="$(median < "$dj/cold.txt")" -v f="$(median < "$dj/floor.txt")" -v n="$(median < "$dj/nodata.txt")" \
      -v q="$djr" -v qn="$djn" -v is="$dj_is" -v in_="$dj_in" -v ip="$dj_ip" -v ie="$ir_empty" \
      -v p="$(median < "$dj/propose.txt")" -v pq="$djp" 'BEGIN {
    printf "  cold scan -j2 %.2f s, floor %.2f s: %.2fx (target <= 1.3x); without data %.2f s: %.2fx\n", c, f, q, n, qn
    printf "  propose %.2f s: %.2fx the cold scan (median of per-run ratios; target <= 0.3x)\n", p, pq
    printf "  instructions (1/10 of the files, -j1): scan / parse %.2fx, without data %.2fx\n", is / (ip - ie), in_ / (ip - ie)
  }'
fi

# A split a team declared, when its tree is here (.corpora/declared/Chia-Network+chia-blockchain,
# or $CUTLINE_DECLARED_APP: its tach.toml's modules are the declared services): propose next to
# Louvain on module-level imports alone and the packages, by ARI and MoJoFM against them.
decl=${CUTLINE_DECLARED_APP:-$top/.corpora/declared/Chia-Network+chia-blockchain}
if [ -f "$decl/tach.toml" ]; then
  dc=$b/declared; rm -rf "$dc"; mkdir -p "$dc"
  python3 - "$decl" "$dc" <<'PY'
import re, sys
app, out = sys.argv[1], sys.argv[2]
paths = re.findall(r'^path\s*=\s*"([^"]+)"', open(app + '/tach.toml').read(), re.M)
lines = ['[project]', 'roots = ["%s"]' % app, 'python = "3"', 'db = "%s/graph.db"' % out,
         'exclude = ["**/_tests/**"]', '']
for p in paths:
    lines += ['[[service]]', 'name = "%s"' % p, 'modules = ["%s", "%s.**"]' % (p, p), '']
open(out + '/boundaries.toml', 'w').write('\n'.join(lines))
PY
  "$cutline" scan -q -j2 --no-progress --config "$dc/boundaries.toml"
  k=$(grep -c '^\[\[service\]\]' "$dc/boundaries.toml")
  imports_only="--method louvain --weight-late 0 --weight-type 0 --weight-dynamic 0 --weight-package 0 --weight-write 0 --weight-read 0 --weight-reference 0 --no-damp-hubs"
  echo "declared split $(basename "$decl") ($k services in tach.toml):"
  for args in "" "--services $k" "$imports_only" "$imports_only --services $k" "--packages 2"; do
    "$cutline" propose --no-refresh --config "$dc/boundaries.toml" $args 2>/dev/null |
      sed -n 's/^propose: \([0-9]*\) services.*/\1 services;/p; s/^metrics:.*against the declared services/ /p' |
      paste -sd ' ' | sed "s|^|  propose ${args:-(defaults)}: |"
  done
fi
