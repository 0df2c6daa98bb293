#!/bin/sh
# The subgraphs `cutline federate` drafts, composed with Apollo's composition library
# (tests/compose.js, npm @apollo/composition and graphql pinned in package-lock.json): the
# sample monolith's and those of every golden case under testdata/cases/federate/ (a case
# holding a file no-compose, its first line why, must not compose); and a broken pair (two
# subgraphs defining one root field, a key on a missing field), which must not compose
# either. Prints ok / FAIL lines.
top=$(cd "$(dirname "$0")/.." && pwd)
cutline=${CUTLINE:-$top/build/cutline}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if ! command -v node > /dev/null 2>&1 || [ ! -d "$top/node_modules/@apollo/composition" ]; then
  echo "FAIL composition: no node or no node_modules/@apollo/composition (run make)"; exit 1
fi
composes() {   # composes NAME DIR
  if node "$top/tests/compose.js" "$2" > "$work/why" 2>&1; then echo "ok   $1"
  else echo "FAIL $1"; head -n 12 "$work/why" | sed 's/^/     /'; fi
}

(cd "$top" && "$cutline" federate -q -o "$work/sample" > /dev/null)
n=$(ls "$work/sample" | grep -c '\.graphql$')
[ "$n" -ge 5 ] || echo "FAIL the sample monolith gives $n subgraphs, not its 9 services"
composes "the sample monolith's $n subgraphs compose" "$work/sample"

for c in "$top"/testdata/cases/federate/*.d; do
  name=federate/$(basename "$c")
  rm -rf "$work/case" && cp -R "$c" "$work/case"
  [ ! -f "$work/case/setup" ] || (cd "$work/case" && TOP="$top" sh ./setup > /dev/null 2>&1)
  if ! (cd "$work/case" && "$cutline" scan -q && "$cutline" federate -q -o out > /dev/null); then
    echo "FAIL $name: federate failed"; continue
  fi
  if [ -f "$c/no-compose" ]; then
    if node "$top/tests/compose.js" "$work/case/out" > /dev/null 2>&1; then
      echo "FAIL the subgraphs of $name compose, but must not: $(head -n 1 "$c/no-compose")"
    else
      echo "ok   the subgraphs of $name do not compose, as they must not"
    fi
    continue
  fi
  composes "the subgraphs of $name compose" "$work/case/out"
done

mkdir -p "$work/broken"
printf 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])\ntype Query { user: User }\ntype User @key(fields: "id") { id: ID! }\n' > "$work/broken/a.graphql"
printf 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])\ntype Query { user: Int }\ntype User @key(fields: "uid", resolvable: false) { id: ID! }\n' > "$work/broken/b.graphql"
if node "$top/tests/compose.js" "$work/broken" > /dev/null 2>&1; then
  echo "FAIL a broken pair of subgraphs composed: the composition test cannot fail"
else
  echo "ok   a broken pair of subgraphs does not compose"
fi
