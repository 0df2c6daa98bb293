#!/bin/sh
# The MAIN queries run on the statement structure only (extract.c); this checks, over the
# real corpora, that the facts are exactly those of a full-tree query walk
# (CUTLINE_FULL_WALK=1): imports with their contexts, definitions, strings.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cutline=${CUTLINE:-$top/build/cutline}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
roots='"/usr/lib/python3.11"'
for r in $("$top/tests/fetch_corpora.sh" "$top/.corpora"); do roots="$roots, \"$(dirname "$r")\""; done
printf '[project]\nroots = [%s]\npython = "3"\ndb = "graph.db"\n' "$roots" > "$work/boundaries.toml"
dump() {
  c="--no-refresh --config $work/boundaries.toml --format csv"
  "$cutline" sql $c "SELECT f.path, i.kind, i.level, i.module, i.name, i.alias, i.package,
    i.line, i.col, i.ctx FROM imports i JOIN files f ON f.id = i.file_id ORDER BY 1, 8, 9, 5"
  "$cutline" sql $c "SELECT f.path, d.kind, d.name, d.parent, d.bases, d.line, d.col
    FROM defs d JOIN files f ON f.id = d.file_id ORDER BY 1, 6, 7, 2, 3"
  "$cutline" sql $c "SELECT f.path, s.text, s.line, s.col FROM strings s
    JOIN files f ON f.id = s.file_id ORDER BY 1, 3, 4"
}
"$cutline" scan -q --no-progress --config "$work/boundaries.toml"
dump > "$work/statements.csv"
CUTLINE_FULL_WALK=1 "$cutline" scan -q --force --no-progress --config "$work/boundaries.toml"
dump > "$work/full.csv"
if cmp -s "$work/statements.csv" "$work/full.csv"; then
  echo "same facts from both walks: $(wc -l < "$work/full.csv") rows"
else
  diff "$work/statements.csv" "$work/full.csv" | head -20
  exit 1
fi
