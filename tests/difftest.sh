#!/bin/sh
# Differential test (run by `make test`): the import statements cutline stores against those
# CPython's own `ast` lists, over /usr/lib/python3.11, python3-django and python3-nova, and
# with Python 2.7's `ast` over the Python 2 sample monolith and the Python 2 fixtures.
# Prints ok/FAIL/skip per corpus; each must agree on at least 99.9% of the statements.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cutline=${CUTLINE:-$top/build/cutline}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
py3=/usr/bin/python3
py2=/root/.pyenv/versions/2.7.18/bin/python

# tool_listing NAME ROOT PYTHON: cutline's statements, in ast_imports.py's format.
tool_listing() {
  mkdir -p "$work/$1"
  printf '[project]\nroots = ["%s"]\npython = "%s"\ndb = "graph.db"\n' "$2" "$3" \
    > "$work/$1/boundaries.toml"
  "$cutline" scan -q --no-progress --config "$work/$1/boundaries.toml" >/dev/null
  "$cutline" sql --no-refresh --config "$work/$1/boundaries.toml" --format json "
    SELECT f.path AS path, i.stmt_line AS line, i.stmt_col AS col,
      CASE i.kind WHEN 'import' THEN 'import' ELSE 'from' END AS kind, i.level AS level,
      coalesce(i.module, '') AS module,
      group_concat(i.name || coalesce(':' || i.alias, ''), ',') AS names
    FROM (SELECT * FROM imports ORDER BY file_id, stmt_line, stmt_col, line, col) i
    JOIN files f ON f.id = i.file_id
    WHERE i.kind <> 'dynamic'
    GROUP BY f.path, i.stmt_line, i.stmt_col ORDER BY f.path, i.stmt_line, i.stmt_col" |
  "$py3" -c '
import json, os, sys
root = os.path.realpath(sys.argv[1]) + "/"
for r in json.load(sys.stdin):
    p = os.path.normpath(os.path.join(sys.argv[2], r["path"]))  # paths are config-relative
    p = p[len(root):] if p.startswith(root) else p
    print("\t".join([p, str(r["line"]), str(r["col"]), r["kind"], str(r["level"]),
                     r["module"], r["names"]]))' "$2" "$work/$1"
}

# compare NAME ROOT PYTHON ORACLE_INTERPRETER
compare() {
  "$4" "$top/tests/ast_imports.py" "$2" > "$work/$1.oracle"
  tool_listing "$1" "$2" "$3" > "$work/$1.tool"
  "$py3" "$top/tests/difftest.py" --oracle "$work/$1.oracle" --tool "$work/$1.tool" \
    --min 99.9 --explain > "$work/$1.report" && rc=0 || rc=$?
  if [ "$rc" = 0 ]; then
    echo "ok   $1: $(tail -n 1 "$work/$1.report")"
  else
    echo "FAIL $1: $(tail -n 1 "$work/$1.report")"
    sed 's/^/     /' "$work/$1.report"
    failed=1
  fi
}
failed=0

compare stdlib3.11 /usr/lib/python3.11 3 "$py3"
for r in $("$top/tests/fetch_corpora.sh" "$top/.corpora"); do
  compare "$(basename "$r")" "$(dirname "$r")" 3 "$py3"
done
if [ -x "$py2" ]; then
  compare monolith-py2.7 "$top/testdata/monolith" 2 "$py2"
  compare fixtures-py2.7 "$top/testdata/queries" 2 "$py2"
else
  echo "skip monolith-py2.7: no Python 2.7 at $py2"
fi
exit $failed
