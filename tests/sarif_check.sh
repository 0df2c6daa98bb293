#!/bin/sh
# SARIF against the SARIF 2.1.0 JSON schema (tests/sarif_schema.js: ajv and the schema,
# pinned in package-lock.json): check's SARIF for the sample monolith (many kinds, chains)
# and for a config in a subfolder of a git repository with a root outside it (paths
# relative to the repository's top, SRCROOT at the top); and a broken log, which must fail.
# Prints ok / FAIL / skip lines.
top=$(cd "$(dirname "$0")/.." && pwd)
cutline=${CUTLINE:-$top/build/cutline}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if ! command -v node > /dev/null 2>&1 || [ ! -d "$top/node_modules/ajv" ]; then
  echo "skip SARIF schema validation (no node or no node_modules/ajv: run make)"; exit 0
fi
valid() {   # valid NAME FILE
  if node "$top/tests/sarif_schema.js" "$2" > "$work/why" 2>&1; then echo "ok   $1"
  else echo "FAIL $1"; head -n 8 "$work/why" | sed 's/^/     /'; fi
}

(cd "$top" && "$cutline" check --format sarif > "$work/demo.sarif" 2> "$work/err")
[ $? = 1 ] && grep -q '"results"' "$work/demo.sarif" || { echo "FAIL the sample monolith's SARIF (check did not exit 1)"; }
valid "the sample monolith's SARIF is valid SARIF 2.1.0" "$work/demo.sarif"

cp -R "$top/testdata/cases/check/repo_relative_paths.d" "$work/repo"
(cd "$work/repo" && sh ./setup > /dev/null 2>&1 && cd services/app &&
   "$cutline" check --format sarif > "$work/repo.sarif" 2> /dev/null)
valid "SARIF with paths relative to the repository's top (config in a subfolder) is valid" "$work/repo.sarif"
grep -q '"uri":	"services/app/src/a/x.py"' "$work/repo.sarif" &&
  grep -q "\"uri\":	\"file://$work/repo/\"" "$work/repo.sarif" &&
  echo "ok   its URIs are relative to the repository and SRCROOT is its top" ||
  echo "FAIL its URIs are not relative to the repository, or SRCROOT is not its top"

sed 's/"version":	"2.1.0"/"version":	"2.0.0"/' "$work/demo.sarif" > "$work/broken.sarif"
if node "$top/tests/sarif_schema.js" "$work/broken.sarif" > /dev/null 2>&1; then
  echo "FAIL the validator accepts a log with version 2.0.0"
else
  echo "ok   the validator refuses a log with version 2.0.0"
fi
