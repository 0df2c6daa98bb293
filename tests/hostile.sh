#!/bin/sh
# Hostile input: trees built to break a scanner — 100,000 files, a 50 MB file, deep nesting,
# NUL bytes, invalid UTF-8, 10 MB lines and 1 MB names, symlink loops and symlinks leaving the
# roots, file names made of shell syntax, FIFOs and devices, unreadable files. Each case says
# `ok   NAME`, or `FAIL NAME` with a few indented lines of evidence, or `skip NAME (why)`;
# `info` lines give timings and peak memory (never asserted, except as ratios). Every cutline
# call runs under `timeout`: a hang is a FAIL. A sanitizer report, a signal or exit code 3
# (internal error) is a FAIL wherever it happens. Exits 1 when a case failed.
#
#   CUTLINE=build/asan/cutline tests/hostile.sh     the binary (default build/cutline)
#   HOSTILE_QUICK=1           leaves out the 100,000-file and the 50 MB / 10 MB cases (about
#                             20 s of the plain build's run, 45 s of ASan's)
#   HOSTILE_TIMEOUT=120       seconds any one cutline call may take
#   HOSTILE_HANG_LIMIT=30     seconds for the two cases whose failure is a hang (a symlink to
#                             /, 10,000-deep chains): correct, each takes well under a second
#   HOSTILE_KEEP=1            keeps the work folder (its path is printed)
#   HOSTILE_ONLY="names utf8" runs only these cases (many big deep entities models config nul utf8 long
#                             symlinks names special access perms tamper)
#
# Runs anywhere: it builds its trees in a `mktemp -d` folder removed on exit. Needs POSIX sh,
# awk, timeout and GNU date (%N); python3 for the JSON, XML and HTML checks, dot for the DOT
# check (each skipped without); /usr/bin/time for peak RSS (info only). The unreadable-file
# case needs a user that root is not: as root it runs cutline as nobody through setpriv.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cutline=${CUTLINE:-$top/build/cutline}
case $cutline in /*) ;; *) cutline=$PWD/$cutline ;; esac
T=${HOSTILE_TIMEOUT:-120}
HANG=${HOSTILE_HANG_LIMIT:-30}
QUICK=${HOSTILE_QUICK:-0}
ONLY=${HOSTILE_ONLY:-}
: "${ASAN_OPTIONS:=detect_leaks=1:abort_on_error=0:exitcode=99}"
: "${UBSAN_OPTIONS:=print_stacktrace=1:halt_on_error=1}"
export ASAN_OPTIONS UBSAN_OPTIONS
unset NO_COLOR CUTLINE_NO_DATA 2>/dev/null || true
export LC_ALL=C

[ -x "$cutline" ] || { echo "hostile: no binary at $cutline" >&2; exit 2; }
work=$(mktemp -d) || exit 2
cleanup() {
  if [ "${HOSTILE_KEEP:-0}" = 1 ]; then echo "hostile: kept $work"; return; fi
  chmod -R u+rwX "$work" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
chmod 711 "$work"                     # the unreadable-file case runs cutline as nobody
ev=$work/evidence
sanre='ERROR: (Address|Leak|Thread|Memory)Sanitizer|runtime error:|SUMMARY: [A-Za-z]*Sanitizer'
have() { command -v "$1" > /dev/null 2>&1; }
have python3 && py=1 || py=0
nok=0 nfail=0 nskip=0

# --- bookkeeping ------------------------------------------------------------------------------
ms() { date +%s%N | sed 's/......$//'; }                # wall clock in milliseconds
secs() { awk -v m="$1" 'BEGIN { printf "%.2f s", m / 1000 }'; }
begin() { name=$1; : > "$ev"; : > "$work/qerr"; }
bad() { printf '%s\n' "$@" >> "$ev"; }
evfile() { head -n "${2:-3}" "$1" | cut -c1-200 >> "$ev"; }   # a few lines of a file as evidence
end() {
  if grep -Eq "$sanre" "$work/qerr" 2>/dev/null; then
    bad "sanitizer report from a query:"; grep -E -m 3 "$sanre" "$work/qerr" | cut -c1-200 >> "$ev"
  fi
  if [ -s "$ev" ]; then
    printf "FAIL %s\n" "$name"
    head -n 10 "$ev" | cat -v | cut -c1-220 | sed 's/^/    /'
    nfail=$((nfail + 1))
  else
    printf "ok   %s\n" "$name"
    nok=$((nok + 1))
  fi
}
skip() { printf "skip %s (%s)\n" "$1" "$2"; nskip=$((nskip + 1)); }
info() { printf "info %s\n" "$*"; }

# run WANT ARGS...: cutline ARGS under the timeout, stdout to $work/out, stderr to $work/err,
# exit code in $rc. Records a failure for a timeout, a signal, a sanitizer report or an exit
# code that does not match WANT (a case pattern: 0, [01]). $pre may prefix the command.
run() {
  want=$1; shift
  ${pre:-} timeout -k 5 "${limit:-$T}" "$cutline" "$@" < /dev/null > "$work/out" 2> "$work/err"
  rc=$?
  checkrc "$want" "$*"
}
checkrc() {
  if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
    bad "timed out after ${limit:-$T} s: cutline $2"
  elif grep -Eq "$sanre" "$work/err"; then
    bad "sanitizer report (exit $rc): cutline $2"
    grep -E -m 3 "$sanre" "$work/err" | cut -c1-200 >> "$ev"
  elif [ "$rc" -gt 128 ]; then
    bad "killed by signal $((rc - 128)): cutline $2"; evfile "$work/err"
  else
    case $rc in
      $1) ;;
      *) bad "exit $rc, expected $1: cutline $2"; evfile "$work/err" ;;
    esac
  fi
}
# q SQL: the rows (CSV, no header) of a query on the current project's store, as it is.
q() {
  timeout -k 5 "$T" "$cutline" sql --no-refresh --format csv "$1" > "$work/q.out" 2>> "$work/qerr"
  qrc=$?
  [ "$qrc" = 0 ] || bad "query exited $qrc: $1"
  sed 1d "$work/q.out"
}
# imports_of PATH: "LINE:NAME ..." of the imports of file PATH, in order
imports_of() {
  q "SELECT group_concat(x, ' ') FROM (SELECT i.line || ':' || i.name AS x FROM imports i
     JOIN files f ON f.id = i.file_id WHERE f.path = '$1' ORDER BY i.line, i.col)"
}
# expect WHAT GOT WANTED
expect() { [ "$2" = "$3" ] || bad "$1: got '$2', expected '$3'"; }
# proj NAME: a fresh project $work/NAME with roots = ["src"], made the current folder.
proj() {
  rm -rf "$work/$1"
  mkdir -p "$work/$1/src" && cd "$work/$1" &&
    printf '[project]\nroots = ["src"]\npython = "3"\n' > boundaries.toml
}
done_with() { cd "$work" && rm -rf "$work/$1"; }
hex() { printf '%s' "$1" | od -An -tx1 | tr -d ' \n' | tr abcdef ABCDEF; }
# json_ok FILE: FILE is JSON in well-formed UTF-8 (RFC 8259), as strict readers demand
json_ok() {
  python3 -c 'import json, sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$1" \
    > "$work/pyerr" 2>&1 || { bad "$2 is not valid UTF-8 JSON:"; tail -n 1 "$work/pyerr" >> "$ev"; }
}
utf8_ok() {
  python3 -c 'import sys; open(sys.argv[1], "rb").read().decode("utf-8")' "$1" \
    > "$work/pyerr" 2>&1 || { bad "$2 is not valid UTF-8:"; tail -n 1 "$work/pyerr" >> "$ev"; }
}
peak() {   # the peak RSS recorded by /usr/bin/time -v in FILE, in MB
  awk -F: '/Maximum resident set size/ { printf "%d MB", $2 / 1024 }' "$1" 2>/dev/null
}
if [ -x /usr/bin/time ] && /usr/bin/time -v -o /dev/null true 2>/dev/null; then
  timev() { pre="/usr/bin/time -v -o $work/time.txt"; }
else
  timev() { pre=; : > "$work/time.txt"; }
fi

started=$(ms)
echo "hostile: $cutline"

# --- 1. 100,000 tiny files --------------------------------------------------------------------
# gen_many N: N packages of 100 files under src (tests/gen_many.sh), and expected.txt, the
# import edges they make.
gen_many() {
  sh "$top/tests/gen_many.sh" src "$1"
  awk -v np="$1" 'BEGIN { for (p = 0; p < np; p++) for (i = 1; i <= 99; i++)
    if (i < 99) printf "p%04d.m%02d p%04d.m%02d\n", p, i, p, i + 1
    else printf "p%04d.m99 p%04d.m01\n", p, (p + 1) % np }' | sort > expected.txt
}
many_edges() {
  q "SELECT s.name || ' ' || d.name FROM edges e JOIN modules s ON s.id = e.src
     JOIN modules d ON d.id = e.dst WHERE e.kind = 'import' ORDER BY 1"
}
case_many() {
  if [ "$QUICK" = 1 ]; then info "HOSTILE_QUICK=1: the 100,000-file case is left out"; return; fi
  proj many10k; gen_many 100
  begin "10,000 files: cold scan"
  t0=$(ms); run 0 scan --no-progress; t10k=$(($(ms) - t0))
  expect "files" "$(q 'SELECT count(*) FROM files')" 10000
  many_edges > got.txt; cmp -s expected.txt got.txt || bad "import edges differ from the generated ones"
  end
  done_with many10k

  proj many; gen_many 1000
  begin "100,000 files: cold scan, every module and edge"
  timev; t0=$(ms); run 0 scan --no-progress; tcold=$(($(ms) - t0)); pre=
  grep -q 'scanned 100000 files, 100000 modules' "$work/out" ||
    { bad "summary:"; evfile "$work/out" 1; }
  expect "files" "$(q 'SELECT count(*) FROM files')" 100000
  expect "importable modules with a file" \
    "$(q 'SELECT count(*) FROM modules WHERE file_id IS NOT NULL AND importable = 1')" 100000
  expect "files with a read error or syntax error" "$(q 'SELECT count(*) FROM parse_errors')" 0
  many_edges > got.txt
  cmp -s expected.txt got.txt ||
    { bad "import edges differ from the generated ones ($(wc -l < got.txt) rows, 99000 expected):"
      diff expected.txt got.txt | head -n 4 >> "$ev"; }
  expect "parent edges" "$(q "SELECT count(*) FROM edges WHERE kind = 'parent'")" 1000
  expect "import edges not internal or not top" "$(q "SELECT count(*) FROM edges
    WHERE kind = 'import' AND (target_kind <> 'internal' OR category <> 'top')")" 0
  if [ "$py" = 1 ]; then
    run 0 graph --no-refresh --format json
    python3 -c 'import json, sys
g = json.load(open(sys.argv[1], encoding="utf-8"))
print(len(g["nodes"]), len(g["edges"]))' "$work/out" > counts.txt 2>&1
    expect "graph --format json nodes and edges" "$(cat counts.txt)" "100000 99000"
  fi
  end
  rss=$(peak "$work/time.txt")

  begin "100,000 files: warm scan changes nothing"
  t0=$(ms); run 0 scan --no-progress; twarm=$(($(ms) - t0))
  grep -q '(0 parsed, 100000 unchanged, 0 removed)' "$work/out" ||
    { bad "summary of the warm scan:"; evfile "$work/out" 1; }
  many_edges > got.txt; cmp -s expected.txt got.txt || bad "import edges changed"
  end
  info "100,000 files: cold scan $(secs "$tcold")${rss:+ (peak RSS $rss)}, warm scan $(secs "$twarm"); 10,000 files: cold scan $(secs "$t10k")"

  begin "100,000 files: cold scan time grows linearly (100k / 10k <= 30)"
  [ "$t10k" -gt 0 ] || t10k=1
  ratio=$(awk -v a="$tcold" -v b="$t10k" 'BEGIN { printf "%.1f", a / b }')
  info "100,000 / 10,000 files cold scan time: ${ratio}x (linear would be about 10)"
  awk -v r="$ratio" 'BEGIN { exit !(r > 30) }' &&
    bad "100k files took ${ratio}x the time of 10k: $(secs "$tcold") against $(secs "$t10k")"
  end
  done_with many
}

# --- 2. a 50 MB file, and the largest file that is parsed -------------------------------------
case_big() {
  if [ "$QUICK" = 1 ]; then info "HOSTILE_QUICK=1: the 50 MB and 10 MB file cases are left out"; return; fi
  proj big; mkdir -p src/pkg; : > src/pkg/__init__.py; : > src/pkg/dep.py
  printf 'import pkg.huge\nimport pkg.nearly\n' > src/user.py
  awk 'BEGIN { n = 0; while (n < 50000000) {
    s = sprintf("def f%d(x):\n    import pkg.dep\n    from pkg import dep as d%d\n    return x + %d\n\n", n, n, n)
    printf "%s", s; n += length(s) } }' > src/pkg/huge.py
  # just under the 10 MB limit (10,000,000 bytes): functions with two late imports each
  awk 'BEGIN { n = 0; i = 0; while (1) {
    s = sprintf("def f%d(x):\n    import pkg.dep\n    from pkg import dep as d%d\n    return x + %d\n\n", i, i, i)
    if (n + length(s) > 9990000) break
    printf "%s", s; n += length(s); i++ }
    printf "%d\n", i > "nfuncs.txt" }' > src/pkg/nearly.py
  nf=$(cat nfuncs.txt)

  begin "50 MB file: scan completes, file reported as not parsed (documented limit: over 10 MB)"
  timev; t0=$(ms); run 0 scan --no-progress; t=$(($(ms) - t0)); pre=
  grep -q '^src/pkg/huge.py: warning: .*not parsed' "$work/err" ||
    { bad "no warning naming src/pkg/huge.py:"; evfile "$work/err"; }
  expect "read_error of huge.py" "$(q "SELECT read_error IS NOT NULL FROM files WHERE path = 'src/pkg/huge.py'")" 1
  expect "edge user -> pkg.huge" "$(q "SELECT target_kind FROM edges e JOIN modules s ON s.id = e.src
    WHERE s.name = 'user' AND e.target = 'pkg.huge' AND e.kind = 'import'")" internal
  run 0 check
  grep -q 'src/pkg/huge.py.*\[parse-error\]' "$work/out" "$work/err" ||
    bad "check does not report huge.py as a parse-error"
  end
  info "50 MB file (+ a 9.99 MB one): scan $(secs "$t")$( [ -s "$work/time.txt" ] && echo ", peak RSS $(peak "$work/time.txt")")"

  begin "10 MB file (9.99 MB, $nf functions): every one of its $((nf * 2)) late imports found"
  expect "imports in nearly.py" "$(q "SELECT count(*) FROM imports i JOIN files f ON f.id = i.file_id
    WHERE f.path = 'src/pkg/nearly.py' AND i.late = 1")" $((nf * 2))
  expect "internal late edges to pkg.dep" "$(q "SELECT count(*) FROM edges WHERE category = 'late'
    AND target_kind = 'internal' AND target = 'pkg.dep'")" $((nf * 2))
  expect "last import's line" "$(q "SELECT max(line) FROM imports i JOIN files f ON f.id = i.file_id
    WHERE f.path = 'src/pkg/nearly.py'")" $(((nf - 1) * 5 + 3))
  end
  done_with big
}

# --- 3. deep nesting --------------------------------------------------------------------------
case_deep() {
  proj deep; mkdir -p src/d; : > src/d/__init__.py; echo 'X = 1' > src/d/t.py
  # gen NAME N BODY: src/d/NAME.py, an import, the awk BODY (N levels) on line 2.., an import
  gen() { awk -v n="$2" "BEGIN { print \"import d.t\"; $3; print \"\"; print \"from d import t as after\" }" > "src/d/$1.py"; }
  gen parens 10000 'printf "a = "; for (i = 0; i < n; i++) printf "("; printf "1"; for (i = 0; i < n; i++) printf ")"'
  gen lists 10000 'printf "a = "; for (i = 0; i < n; i++) printf "["; for (i = 0; i < n; i++) printf "]"'
  gen dicts 10000 'printf "a = "; for (i = 0; i < n; i++) printf "{1: "; printf "2"; for (i = 0; i < n; i++) printf "}"'
  gen calls 10000 'printf "a = "; for (i = 0; i < n; i++) printf "f("; printf "1"; for (i = 0; i < n; i++) printf ")"'
  gen subscripts 10000 'printf "a = x"; for (i = 0; i < n; i++) printf "[0"; for (i = 0; i < n; i++) printf "]"'
  gen tuples 10000 'printf "a = "; for (i = 0; i < n; i++) printf "(1, "; printf "2"; for (i = 0; i < n; i++) printf ")"'
  gen sum 100000 'printf "a = 1"; for (i = 0; i < n; i++) printf " + 1"'
  gen unary 10000 'printf "a = "; for (i = 0; i < n; i++) printf "-"; printf "1"'
  # 1,000-deep blocks need 1,000 columns of indentation: past the grammar scanner's 255 (a
  # documented limit; CPython stops at 100 levels), so a syntax error is expected, with the
  # imports recovered
  gen ifs 1000 'ind = ""; for (i = 0; i < n; i++) { printf "%sif x%d:\n", ind, i; ind = ind " " } printf "%simport d.t", ind'
  gen defs 1000 'ind = ""; for (i = 0; i < n; i++) { printf "%sdef f%d():\n", ind, i; ind = ind " " } printf "%simport d.t", ind'
  gen classes 1000 'ind = ""; for (i = 0; i < n; i++) { printf "%sclass C%d:\n", ind, i; ind = ind " " } printf "%simport d.t", ind'
  # 200 nested packages; the leaf imports d.t, and n1.n2 relatively (level 200), and one
  # level more, above the top-level package (unresolved)
  p=src; i=1
  while [ $i -le 200 ]; do p=$p/n$i; i=$((i + 1)); done
  mkdir -p "$p"
  p=src; i=1
  while [ $i -le 200 ]; do p=$p/n$i; : > "$p/__init__.py"; i=$((i + 1)); done
  dots=$(awk 'BEGIN { for (i = 0; i < 200; i++) printf "." }')
  printf 'import d.t\nfrom %s import n2\nfrom .%s import nowhere\n' "$dots" "$dots" > "$p/leaf.py"
  leaf=$(awk 'BEGIN { for (i = 1; i <= 200; i++) printf "n%d.", i; printf "leaf" }')

  # a string is one token to the parser, however many brackets it holds (such a string once
  # left its file unparsed)
  gen instring 100000 'printf "a = \"" ; for (i = 0; i < n; i++) printf "(["; printf "\" + \x27"; for (i = 0; i < n; i++) printf "{"; printf "\x27"'
  gen intriple 100000 'printf "a = \"\"\"" ; for (i = 0; i < n; i++) printf "("; printf "\"\"\""'
  begin "deep: 10,000-deep parentheses, lists, dicts, calls, subscripts, tuples, unary minus; a 100,000-term sum; strings of 200,000 brackets"
  run 0 scan --no-progress
  for f in parens lists dicts calls subscripts tuples sum unary instring intriple; do
    expect "$f.py: imports before and after" "$(imports_of "src/d/$f.py")" "1:d.t 3:t"
    expect "$f.py: syntax errors" "$(q "SELECT parse_errors FROM files WHERE path = 'src/d/$f.py'")" 0
  done
  end

  begin "deep: 1,000-deep if blocks, defs and classes (imports before, innermost and after)"
  for f in ifs defs classes; do
    expect "$f.py: imports" "$(imports_of "src/d/$f.py")" "1:d.t 1002:d.t 1003:t"
    grep -Eq "^src/d/$f.py:[0-9]+:[0-9]+: warning: syntax error" "$work/err" ||
      bad "no file:line:col syntax-error warning for $f.py"
  done
  expect "category of the innermost imports (ifs defs classes)" "$(q "SELECT group_concat(category, ' ') FROM
    (SELECT e.category FROM edges e JOIN files f ON f.id = e.file_id WHERE e.line = 1002 ORDER BY f.path)")" "top late if"
  end

  begin "deep: 200 nested package folders, a level-200 relative import"
  expect "leaf module" "$(q "SELECT importable FROM modules WHERE name = '$leaf'")" 1
  expect "leaf's internal edges" "$(q "SELECT group_concat(e.target, ' ') FROM (SELECT e.target FROM edges e
    JOIN modules s ON s.id = e.src WHERE s.name = '$leaf' AND e.target_kind = 'internal' AND e.kind = 'import'
    ORDER BY e.target) e")" "d.t n1.n2"
  expect "level 201 unresolved" "$(q "SELECT count(*) FROM edges e JOIN modules s ON s.id = e.src
    WHERE s.name = '$leaf' AND e.target_kind = 'unresolved'")" 1
  grep -Eq "^src(/n[0-9]+)+/leaf.py:3:[0-9]+: warning" "$work/err" ||
    { bad "no file:line:col warning for the level-201 import"; grep leaf.py "$work/err" | head -n 2 | cut -c1-200 >> "$ev"; }
  end
  # past 65,000 levels tree-sitter 0.20's runtime corrupts its heap (cutline 28bd3ff): the
  # file may be left unparsed, with a warning naming it, but nothing may crash
  awk 'BEGIN { print "import d.t"; printf "a = "; for (i = 0; i < 70000; i++) printf "(["
    printf "1"; for (i = 0; i < 70000; i++) printf "])"; print ""; print "from d import t as after" }' > src/d/deeper.py
  begin "deep: 140,000-deep brackets (past the runtime's limit): no crash; parsed, or reported not parsed"
  run 0 scan --no-progress
  got=$(imports_of src/d/deeper.py)
  if [ "$got" != "1:d.t 3:t" ]; then
    grep -q '^src/d/deeper.py: warning: .*not parsed' "$work/err" ||
      { bad "deeper.py: imports '$got', and no 'not parsed' warning naming it:"; evfile "$work/err" 2; }
    expect "deeper.py read_error set" "$(q "SELECT read_error IS NOT NULL FROM files WHERE path = 'src/d/deeper.py'")" 1
  fi
  expect "the other files' imports" "$(imports_of src/d/parens.py)" "1:d.t 3:t"
  end
  done_with deep

  # Chains and nests around the words the import and data patterns look for. Tree-sitter
  # parses these in linear time; extraction must too (not seconds per thousand levels).
  chains='importlib.import_module(|"d.t"|)
__import__(|"d.t"|)
("d.t", [|0|])
M.get_by_id(|1|)
ndb.Key(M, |1|)
.put()
.filter(k=1)'
  chain_file() {   # chain_file N: one statement per construct, N deep, between two imports
    printf '%s\n' "$chains" | awk -v n="$1" -F'|' '
      BEGIN { print "import d.t" }
      { printf "a%d = ", NR
        if (NF == 3) { for (i = 0; i < n; i++) printf "%s", $1; printf "%s", $2; for (i = 0; i < n; i++) printf "%s", $3 }
        else if ($1 == ".filter(k=1)") { printf "M.objects"; for (i = 0; i < n; i++) printf "%s", $1; printf ".delete()" }
        else { printf "x"; for (i = 0; i < n; i++) printf "%s", $1 }
        print "" }
      END { print "from d import t as after" }'
  }
  proj chains; mkdir -p src/d; : > src/d/__init__.py; echo 'X = 1' > src/d/t.py
  chain_file 10000 > src/d/chains.py
  begin "deep: 10,000-deep chains and nests of import_module, __import__, strings, get_by_id, ndb.Key, .put(), .filter() (limit ${HANG} s)"
  t0=$(ms); limit=$HANG; run 0 scan --no-progress; limit=; t=$(($(ms) - t0))
  info "10,000-deep chains ($(wc -c < src/d/chains.py) bytes): scan $(secs "$t")$( [ "$rc" = 124 ] && echo ' (timed out)')"
  if [ "$rc" = 0 ]; then
    expect "imports" "$(q "SELECT group_concat(i.line || ':' || i.kind || ':' || i.name, ' ') FROM
      (SELECT i.* FROM imports i JOIN files f ON f.id = i.file_id WHERE f.path = 'src/d/chains.py'
       ORDER BY i.line, i.col) i")" "1:import:d.t 2:dynamic:d.t 3:dynamic:d.t 9:from:t"
  else   # evidence: which constructs are slow, each alone at 1,000 levels against plain calls
    for k in 1 2 3 4 5 6 7 0; do
      proj chain1; mkdir -p src/d; : > src/d/__init__.py; echo 'X = 1' > src/d/t.py
      if [ $k = 0 ]; then
        what='f( (plain calls, for comparison)'
        awk 'BEGIN { printf "a = "; for (i = 0; i < 1000; i++) printf "f("; printf "1"; for (i = 0; i < 1000; i++) printf ")"; print "" }' > src/d/c.py
      else
        what=$(printf '%s\n' "$chains" | sed -n "${k}p" | cut -d'|' -f1)
        chains_all=$chains; chains=$(printf '%s\n' "$chains_all" | sed -n "${k}p")
        chain_file 1000 > src/d/c.py; chains=$chains_all
      fi
      t0=$(ms); timeout -k 5 "$HANG" "$cutline" scan -q --no-progress > /dev/null 2>&1; t=$(($(ms) - t0))
      bad "  1,000 deep, $what: $(secs "$t")"
    done
    done_with chain1
  fi
  end
  done_with chains
}

# --- 3b. many entities: each access looks up its name's bindings in its scope ------------------
case_entities() {
  proj entities; mkdir -p src/app
  : > src/app/__init__.py
  printf 'from google.appengine.ext import ndb\n\n\nclass M(ndb.Model):\n    pass\n' > src/app/models.py
  awk 'BEGIN { print "from app.models import M"; for (i = 0; i < 8000; i++) printf "e%d = M()\ne%d.put()\n", i, i }' > src/app/script.py
  awk 'BEGIN { print "from google.appengine.ext import ndb"; print "from app.models import M"; print "def f():"
    for (i = 0; i < 3000; i++) printf "    e%d = M()\n    xs = [e%d]\n    ndb.put_multi(xs)\n", i, i }' > src/app/lists.py
  begin "8,000 entities at module level, a list name rebound 3,000 times: every write found (limit ${HANG} s)"
  t0=$(ms); limit=$HANG; run 0 scan --no-progress; limit=; t=$(($(ms) - t0))
  info "8,000 module-level entities and 3,000 list rebindings: scan $(secs "$t")"
  if [ "$rc" = 0 ]; then
    expect "exact writes of app.models.M (script, lists)" "$(q "SELECT group_concat(n, ' ') FROM (SELECT count(*) AS n
      FROM data_access WHERE model = 'app.models.M' AND op = 'write' AND confidence = 'exact'
      GROUP BY module ORDER BY module)")" "3000 8000"
  fi
  end
  done_with entities
}

# --- 3c. model bases: names followed through aliases must cost what the names cost --------------
case_models() {
  proj models; mkdir -p src/pkg; : > src/pkg/__init__.py
  awk 'BEGIN { print "from google.appengine.ext import ndb"; print "import pkg.chain as m"
    for (i = 0; i < 8000; i++) printf "X%d = m.X%d.Y\n", i, i + 1
    for (i = 0; i < 8000; i++) printf "class C%d(m.X%d.Z):\n    pass\n", i, i
    print "class Real(ndb.Model):\n    pass" }' > src/pkg/chain.py
  awk 'BEGIN { print "import pkg.long as a"; printf "class C("; for (i = 0; i < 50000; i++) printf "a."
    print "a):\n    pass" }' > src/pkg/long.py
  printf 'W = W\nclass C(W):\n    pass\n' > src/pkg/self.py
  printf 'X = Y\nY = X\nclass C(X):\n    pass\n' > src/pkg/pair.py
  begin "model bases: an 8,000-link alias chain growing its name, a 50,000-part dotted base, W = W, X = Y; Y = X (limit ${HANG} s)"
  t0=$(ms); limit=$HANG; run 0 scan --no-progress; limit=; t=$(($(ms) - t0))
  info "alias chains and a 50,000-part base: scan $(secs "$t")"
  [ "$rc" = 0 ] && expect "models" "$(q "SELECT group_concat(class, ' ') FROM models")" "Real"
  end
  done_with models
}

# --- 3d. big configs: tables, services, excludes are looked up by hash ------------------------
case_config() {
  proj config
  awk 'BEGIN { for (i = 0; i < 300000; i++) printf "[t%d]\n", i }' >> boundaries.toml
  begin "config: 300,000 unknown tables: the first 100 errors, then how many more (limit ${HANG} s)"
  t0=$(ms); limit=$HANG; run 2 scan --no-progress; limit=; t=$(($(ms) - t0))
  info "300,000 tables: $(secs "$t")"
  expect "errors shown" "$(grep -c ': error: unknown key' "$work/err")" 100
  grep -q "boundaries.toml: note: 299900 more errors not shown (the first 100 are)" "$work/err" ||
    { bad "no note of the errors not shown:"; tail -n 1 "$work/err" >> "$ev"; }
  end
  proj config; gen_many 300 > /dev/null
  mv src/p* .; rmdir src; mkdir src; mv p* src/
  awk 'BEGIN { n = 9900; for (i = 0; i < n; i++) {
      printf "[[service]]\nname = \"s%d\"\nmodules = [\"p%04d.m%02d\"]\ndepends_on = [", i, int(i / 99), i % 99 + 1
      for (k = 0; k < 100; k++) printf "%s\"s%d\"", k ? ", " : "", (i + k + 1) % n
      print "]" } }' >> boundaries.toml
  run 0 scan --no-progress
  begin "config: 9,900 services of 100 depends_on each: check (limit ${HANG} s)"
  t0=$(ms); limit=$HANG; run 1 check --no-refresh; limit=; t=$(($(ms) - t0))
  info "9,900 services, 990,000 depends_on: check $(secs "$t")"
  [ "$rc" = 124 ] || expect "unused depends_on" "$(grep -c '\[unused-dependency\]' "$work/out")" 980101
  end
  awk 'BEGIN { printf "[project]\nroots = [\"src\"]\npython = \"3\"\nexclude = [\"src/p0001/**\", \"src/p0002/m05.py\""
    for (i = 0; i < 10000; i++) printf ", \"src/p%04d/x%d.py\", \"src/p%04d/y%d_*.py\"", i % 300, i, i % 300, i
    print "]" }' > boundaries.toml
  begin "config: 20,000 excludes (half of them globs) over 30,000 files (limit ${HANG} s)"
  t0=$(ms); limit=$HANG; run 0 scan --no-progress; limit=; t=$(($(ms) - t0))
  info "20,000 excludes over 30,000 files: scan $(secs "$t")"
  expect "files scanned" "$(q "SELECT count(*) FROM files")" 29899
  end
  done_with config
}

# --- 4. NUL bytes -----------------------------------------------------------------------------
case_nul() {
  proj nul; mkdir -p src/pkg; : > src/pkg/__init__.py; : > src/pkg/a.py; : > src/pkg/b.py
  printf 'import pkg.a\nx = 1\000\nimport pkg.b\n' > src/pkg/mid.py
  printf 'import pkg.a\n# comment \000 here\nimport pkg.b\n' > src/pkg/comment.py
  printf 'import pkg.a\nimport pkg.b\n\000' > src/pkg/last.py
  printf '\377\376i\000m\000p\000o\000r\000t\000 \000p\000k\000g\000.\000a\000\n\000' > src/pkg/utf16.py
  printf 'import pkg.a\nimport pkg.b\n' > src/pkg/later.py
  printf 'import pkg.mid\nimport pkg.utf16\n' > src/user.py

  # a NUL byte is read as a space (the file was once left unparsed, its imports unseen) and
  # counts as a syntax error: Python refuses such a file
  begin "NUL bytes: read as spaces, each file with a warning and a syntax error, its imports kept"
  run 0 scan --no-progress
  for f in mid:2 comment:2 last:2 utf16:0; do
    n=${f#*:}; f=${f%:*}
    grep -q "^src/pkg/$f.py:[0-9]*:[0-9]*: warning: NUL" "$work/err" || bad "no warning naming src/pkg/$f.py"
    expect "$f.py: read_error set:syntax errors:imports" "$(q "SELECT (f.read_error IS NOT NULL) || ':' || (f.parse_errors > 0) || ':' || count(i.id) AS x
      FROM files f LEFT JOIN imports i ON i.file_id = f.id WHERE f.path = 'src/pkg/$f.py' GROUP BY f.id")" "0:1:$n"
  done
  expect "user's edges" "$(q "SELECT group_concat(target || '=' || target_kind, ' ') FROM (SELECT e.target,
    e.target_kind FROM edges e JOIN modules s ON s.id = e.src WHERE s.name = 'user' AND e.kind = 'import' ORDER BY 1)")" \
    "pkg.mid=internal pkg.utf16=internal"
  expect "later.py's imports" "$(q "SELECT count(*) FROM imports i JOIN files f ON f.id = i.file_id WHERE f.path = 'src/pkg/later.py'")" 2
  end

  begin "NUL bytes: a file that gains a NUL keeps its imports and gets a syntax error, then loses it"
  printf 'import pkg.a\nx = "\000"\nimport pkg.b\n' > src/pkg/later.py
  run 0 scan --no-progress
  grep -q '^src/pkg/later.py:2:6: warning: NUL' "$work/err" || bad "no warning naming src/pkg/later.py:2:6"
  expect "later.py's edges and syntax errors after the NUL" "$(q "SELECT count(*) || ':' || max(f.parse_errors) AS x
    FROM edges e JOIN files f ON f.id = e.file_id WHERE f.path = 'src/pkg/later.py' AND e.kind = 'import'")" 2:1
  printf 'import pkg.a\nx = "00"\nimport pkg.b\n' > src/pkg/later.py     # another size
  run 0 scan --no-progress
  expect "later.py's edges once clean again" "$(q "SELECT count(*) FROM edges e JOIN files f ON f.id = e.file_id
    WHERE f.path = 'src/pkg/later.py' AND e.kind = 'import'")" 2
  expect "later.py's read_error and syntax errors once clean again" "$(q "SELECT (read_error IS NULL) || ':' || parse_errors AS x
    FROM files WHERE path = 'src/pkg/later.py'")" 1:0
  end

  begin "NUL bytes: check reports each file with a NUL (text, JSON, SARIF)"
  run 0 check
  for f in mid comment last utf16; do
    grep -q "src/pkg/$f.py.*parse-error" "$work/out" "$work/err" || bad "check does not list src/pkg/$f.py"
  done
  if [ "$py" = 1 ]; then
    run 0 check --no-refresh --format json; cp "$work/out" c.json; json_ok c.json "check --format json"
    run 0 check --no-refresh --format sarif; cp "$work/out" c.sarif; json_ok c.sarif "check --format sarif"
    python3 - c.json c.sarif > probs.txt 2>&1 <<'EOF'
import json, sys
c = json.load(open(sys.argv[1])); s = json.load(open(sys.argv[2]))
for v in c["violations"]:
    for k in ("line", "col"):
        if v[k] is not None and v[k] < 1:
            print("check --format json: %s has %s %r (README: absent values are null, lines and columns 1-based)" % (v["path"], k, v[k]))
res = s["runs"][0]["results"]
if len(res) != len(c["violations"]): print("SARIF has %d results, JSON %d violations" % (len(res), len(c["violations"])))
for r in res:
    for l in r.get("locations", []):
        reg = l["physicalLocation"].get("region")
        if reg is not None and reg.get("startLine", 1) < 1: print("SARIF startLine < 1:", reg)
EOF
    [ -s probs.txt ] && evfile probs.txt 3
  fi
  end
  done_with nul
}

# --- 5. invalid UTF-8 -------------------------------------------------------------------------
case_utf8() {
  proj utf8; mkdir -p src/pkg; : > src/pkg/__init__.py; : > src/pkg/a.py; : > src/pkg/b.py
  : > "src/pkg/d$(printf '\303\251')p.py"              # pkg.dép, a UTF-8 file name
  # \200 \377: stray bytes; \300\257, \340\200\257: overlong '/'; \355\240\200: an encoded
  # surrogate (U+D800); \364\220\200\200: above U+10FFFF; \370...: a 5-byte form
  bytes='\200\377 \300\257 \340\200\257 \355\240\200 \364\220\200\200 \370\210\200\200\200'
  printf "import pkg.a\n# comment $bytes\n\"\"\"doc $bytes\"\"\"\nimport pkg.b\n" > src/pkg/comment.py
  printf "import pkg.a\ns = '$bytes'\nb = b'\377\376'\nr = r\"$bytes\"\nimport pkg.b\n" > src/pkg/string.py
  printf 'import pkg.a\nx = 1\nx\377y = 1\n\300\257 = 2\nz\355\240\200 = 3\nimport pkg.b\n' > src/pkg/ident.py
  printf 'import pkg.a\ndef f\377():\n    import pkg.b\nimport pkg.b\n' > src/pkg/defname.py
  printf 'import \377\376mod\nfrom pkg import \355\240\200name\nimport pkg.a\n' > src/pkg/importname.py
  printf "import importlib\nimportlib.import_module('pkg.\377x')\n__import__('\300\257')\nx = 'pkg.\355\240\200'\nimport pkg.a\n" > src/pkg/literal.py
  # a Latin-1 cookie: the bytes are converted, so d\351p is pkg.dép
  printf '# -*- coding: latin-1 -*-\nfrom pkg import d\351p\ns = "\351\377"\n' > src/pkg/latin1.py

  begin "invalid UTF-8 in comments, docstrings and strings: parsed cleanly, imports found"
  run 0 scan --no-progress
  for f in comment:4 string:5; do
    l=${f#*:}; f=${f%:*}
    expect "$f.py: imports" "$(imports_of "src/pkg/$f.py")" "1:pkg.a $l:pkg.b"
    expect "$f.py: syntax errors" "$(q "SELECT parse_errors FROM files WHERE path = 'src/pkg/$f.py'")" 0
  done
  end

  begin "invalid UTF-8 in identifiers: a file:line:col syntax error, imports around it found"
  expect "ident.py: imports" "$(imports_of src/pkg/ident.py)" "1:pkg.a 6:pkg.b"
  grep -q '^src/pkg/ident.py:3:[0-9]*: warning: syntax error' "$work/err" ||
    { bad "no syntax-error warning at src/pkg/ident.py:3:COL:"; grep ident.py "$work/err" | head -n 2 >> "$ev"; }
  expect "defname.py: first and last import" "$(q "SELECT min(i.line) || ' ' || max(i.line) FROM imports i
    JOIN files f ON f.id = i.file_id WHERE f.path = 'src/pkg/defname.py'")" "1 4"
  grep -q '^src/pkg/defname.py:[0-9]*:[0-9]*: warning: syntax error' "$work/err" ||
    bad "no file:line:col syntax-error warning for defname.py"
  expect "importname.py: import on line 3" "$(q "SELECT count(*) FROM imports i JOIN files f ON f.id = i.file_id
    WHERE f.path = 'src/pkg/importname.py' AND i.line = 3 AND i.name = 'pkg.a'")" 1
  end

  begin "a Latin-1 coding cookie: converted, from pkg import d\\351p resolves to pkg.dép"
  expect "edge" "$(q "SELECT e.target_kind FROM edges e JOIN files f ON f.id = e.file_id
    WHERE f.path = 'src/pkg/latin1.py' AND e.kind = 'import'")" internal
  expect "target" "$(q "SELECT hex(e.target) FROM edges e JOIN files f ON f.id = e.file_id
    WHERE f.path = 'src/pkg/latin1.py' AND e.kind = 'import'")" "$(hex "pkg.d$(printf '\303\251')p")"
  end

  if [ "$py" = 0 ]; then skip "invalid UTF-8 in import names and literals: JSON outputs" "python3 missing"; else
    begin "invalid UTF-8 in import names and literals: JSON outputs stay valid UTF-8"
    run 0 graph --no-refresh --format json --external; cp "$work/out" g.json; json_ok g.json "graph --format json --external"
    run 0 sql --no-refresh --format json "SELECT target, symbol FROM edges"; cp "$work/out" s.json
    json_ok s.json "sql --format json (edge targets)"
    run 0 check --no-refresh --format json; cp "$work/out" c.json; json_ok c.json "check --format json"
    run 0 check --no-refresh --format sarif; cp "$work/out" c.sarif; json_ok c.sarif "check --format sarif"
    end
  fi
  done_with utf8
}

# --- 6. long lines, long names ----------------------------------------------------------------
case_long() {
  proj long; mkdir -p src/pkg; : > src/pkg/__init__.py; : > src/pkg/a.py; : > src/pkg/b.py; : > src/pkg/c.py
  awk 'BEGIN { s = "x"; while (length(s) < 100) s = s "x"
    print "import pkg.a"; printf "x = \""; for (i = 0; i < 9990000; i += 100) printf "%s", s
    print "\"; import pkg.c"; print "from pkg import b" }' > src/pkg/longline.py
  awk 'function id(c,   s, i) { s = c; while (length(s) < 1048576) s = s s; return s }
    BEGIN { print "import pkg.a"; print "import " id("i"); print "from pkg import " id("j")
      print "from pkg." id("k") " import z"; print "from pkg import b" }' > src/pkg/longid.py
  col=$((5 + 9990000 + 10))                  # x = "(5) x...x "; import (10) pkg.c

  begin "a 10 MB line (9.99 MB): imports before, at its end (column $col) and after"
  timev; t0=$(ms); run 0 scan --no-progress; t=$(($(ms) - t0)); pre=
  expect "longline.py imports" "$(q "SELECT group_concat(i.line || ':' || i.col || ':' || i.name, ' ') FROM
    (SELECT i.* FROM imports i JOIN files f ON f.id = i.file_id WHERE f.path = 'src/pkg/longline.py' ORDER BY i.line) i")" \
    "1:7:pkg.a 2:$col:pkg.c 3:16:b"
  expect "syntax errors" "$(q "SELECT count(*) FROM parse_errors")" 0
  end
  info "10 MB line and 1 MB names: scan $(secs "$t")$( [ -s "$work/time.txt" ] && echo ", peak RSS $(peak "$work/time.txt")")"

  begin "1 MB identifiers in imports: stored whole, resolved, warning at file:line:col"
  expect "longid.py imports (line:col:len(module):len(name))" "$(q "SELECT group_concat(i.line || ':' || i.col || ':' ||
    length(coalesce(i.module, '')) || ':' || length(i.name), ' ') AS x FROM (SELECT i.* FROM imports i JOIN files f
    ON f.id = i.file_id WHERE f.path = 'src/pkg/longid.py' ORDER BY i.line) i")" \
    "1:7:0:5 2:7:0:1048576 3:16:3:1048576 4:1048593:1048580:1 5:16:3:1"
  expect "edges (line:kind:len(target):len(symbol))" "$(q "SELECT group_concat(e.line || ':' || e.target_kind || ':' ||
    length(e.target) || ':' || length(coalesce(e.symbol, '')), ' ') AS x FROM (SELECT e.* FROM edges e JOIN files f
    ON f.id = e.file_id WHERE f.path = 'src/pkg/longid.py' AND e.kind = 'import' ORDER BY e.line) e")" \
    "1:internal:5:0 2:third_party:1048576:0 3:internal:3:1048576 4:unresolved:1048580:1 5:internal:5:0"
  grep -q '^src/pkg/longid.py:4:1048594: warning: cannot resolve' "$work/err" ||
    { bad "no warning at src/pkg/longid.py:4:1048594:"; grep -o '^src/pkg/longid.py:[0-9:]*' "$work/err" | head -n 2 >> "$ev"; }
  run 0 graph --no-refresh --format json --external
  [ "$py" = 1 ] && { cp "$work/out" g.json; json_ok g.json "graph --format json --external"; }
  run 0 check --no-refresh
  end
  done_with long
}

# --- 7. symlinks ------------------------------------------------------------------------------
case_symlinks() {
  proj links; mkdir -p src/pkg src/x src/y
  : > src/pkg/__init__.py; echo 'import pkg.b' > src/pkg/a.py; echo 'import pkg.a' > src/pkg/b.py
  echo 'Y = 1' > src/y/m.py
  ln -s .. src/pkg/up; ln -s . src/pkg/self
  ln -s ../y src/x/toy; ln -s ../x src/y/tox                  # x/toy -> y, y/tox -> x
  ln -s loop2.py src/loop1.py; ln -s loop1.py src/loop2.py    # a file symlink loop

  begin "symlink loops: a folder linked to its parent, to itself, a -> b -> a, file links in a loop"
  run 0 scan --no-progress
  for l in src/pkg/up src/pkg/self src/loop1.py src/loop2.py; do
    grep -Eq "^$l: warning: " "$work/err" || bad "no warning naming $l"
  done
  for l in src/loop1.py src/loop2.py; do      # a loop, not a broken link
    grep -Eq "^$l: warning: symlink loop" "$work/err" || bad "$l not called a symlink loop"
  done
  # up is the root itself and self the package: both inside the roots, and loops
  grep -E '^src/pkg/(up|self): warning: .*outside the roots' "$work/err" | head -n 2 > wrong.txt
  [ -s wrong.txt ] && { bad "a loop inside the root called a link outside the roots:"; evfile wrong.txt 2; }
  # x/toy and y/tox lead to folders walked already: other names of them (README: a file is
  # one module, its other names aliases), walked once
  expect "aliases" "$(q "SELECT group_concat(name || '=' || target, ' ') FROM (SELECT * FROM aliases ORDER BY name)")" \
    "x.toy=y y.tox=x"
  # every file once, under its own name, never through a loop or a link
  q "SELECT path FROM files ORDER BY path" > files.txt
  for f in src/pkg/__init__.py src/pkg/a.py src/pkg/b.py src/y/m.py; do
    grep -qx "$f" files.txt || bad "not in files: $f"
  done
  grep -Ev '^(src/pkg/(__init__|a|b)\.py|src/y/m\.py)$' files.txt > extra.txt
  [ -s extra.txt ] && { bad "files reached through a loop or a link:"; evfile extra.txt; }
  expect "pkg edges" "$(q "SELECT count(*) FROM edges WHERE target_kind = 'internal' AND kind = 'import'")" 2
  end
  done_with links

  # A link to / reaches the project itself, /proc and /sys: walking it is a loop with a very
  # long way round (a build of 26 Nov walked it for over 5 minutes). The scan has to end, and
  # index nothing through it.
  proj rootlink; mkdir -p src/pkg; : > src/pkg/__init__.py; echo 'import pkg.b' > src/pkg/a.py; : > src/pkg/b.py
  ln -s / src/pkg/root
  begin "a symlink to / inside a root: the scan ends (limit ${HANG} s), nothing indexed through it"
  t0=$(ms); limit=$HANG; run 0 scan --no-progress; limit=; t=$(($(ms) - t0))
  info "symlink to /: scan $(secs "$t")$( [ "$rc" = 124 ] && echo " (killed at the ${HANG} s limit)")"
  if [ "$rc" = 0 ]; then
    expect "files reached through src/pkg/root" "$(q "SELECT count(*) FROM files WHERE path LIKE 'src/pkg/root/%'")" 0
    expect "pkg edges" "$(q "SELECT count(*) FROM edges WHERE target = 'pkg.b'")" 1
    grep -q '^src/pkg/root: warning: ' "$work/err" || bad "no warning naming src/pkg/root"
  fi
  end
  done_with rootlink

  proj outlinks; mkdir -p src/pkg outside/shared
  : > src/pkg/__init__.py; echo 'import pkg.b' > src/pkg/a.py; : > src/pkg/b.py
  echo 'SECRET = 1' > outside/secret.py; echo 'S = 1' > outside/shared/util.py
  ln -s /etc src/etc                                      # /etc/python3*/sitecustomize.py
  ln -s "$work/outlinks/outside/secret.py" src/pkg/secret.py
  ln -s ../../outside/shared src/pkg/shared
  ln -s b.py src/pkg/inside.py                   # inside the root: another name of pkg.b
  begin "symlinks leaving the roots (to /etc, to a file, to a folder outside): skipped with a warning"
  limit=$HANG; run 0 scan --no-progress; limit=
  expect "files" "$(q "SELECT group_concat(path, ' ') FROM (SELECT path FROM files ORDER BY path)")" \
    "src/pkg/__init__.py src/pkg/a.py src/pkg/b.py"
  expect "aliases" "$(q "SELECT group_concat(name || '=' || coalesce(target, 'outside'), ' ') FROM (SELECT * FROM aliases ORDER BY name)")" \
    "etc=outside pkg.inside=pkg.b pkg.secret=outside pkg.shared=outside"
  for l in src/etc src/pkg/secret.py src/pkg/shared; do
    grep -q "^$l: warning: " "$work/err" || bad "no warning naming $l"
  done
  end
  done_with outlinks
}

# --- 8. hostile file and folder names ---------------------------------------------------------
case_names() {
  proj names
  nl='
'
  ff=$(printf 'bad\377byte')
  # each name is a folder holding m.py and a module NAME.py; all import ok.target
  set -- "sp ace" "new${nl}line" "q'uote" 'dq"uote' 'back\slash' '$(touch pwned)' '`touch pwned2`' \
    ';rm -rf' 'st*ar' '-dash' "$ff" '--help' 'a;b&c|d>e' "tab$(printf '\t')bed" "esc$(printf '\033')[31mred"
  for n in "$@"; do
    mkdir -p "src/$n"
    printf 'import ok.target\n' > "src/$n/m.py"
    printf 'import ok.target\n' > "src/$n.py"
  done
  mkdir -p src/ok; : > src/ok/__init__.py; echo 'X = 1' > src/ok/target.py
  printf 'from ok import target\n' > src/ok/user.py
  printf 'import ok.target\n' > "src/ok/$(printf 'caf\303\251').py"      # a valid identifier
  cat >> boundaries.toml <<'TOML'

[[service]]
name = "core"
modules = ["ok.**"]
private = ["ok.target"]

[[service]]
name = "we\"ird <svc> & 'co' \\ $(touch pwned3)"
modules = ["sp ace", "q'uote.**", "dq\"uote.**", "back\\slash.**", "$(touch pwned)", ";rm -rf.m",
           "-dash.**", "st*ar.m", "--help", "a;b&c|d>e.m"]
depends_on = ["core"]
TOML

  # Names with control characters (newline, tab, escape) or bytes that are not UTF-8 (no
  # Python 3 identifier) may be skipped, with a warning; every other name must be scanned
  # under its exact bytes.
  begin "hostile names: every .py scanned under its exact name (or, not UTF-8 or with control characters, skipped with a warning)"
  run 0 scan --no-progress
  cp "$work/err" scan.err
  : > scanned.txt; found=4
  for n in "$@"; do
    for p in "src/$n.py" "src/$n/m.py"; do
      if [ "$(q "SELECT count(*) FROM files WHERE hex(path) = '$(hex "$p")'")" = 1 ]; then
        found=$((found + 1))
        [ "$p" = "src/$n.py" ] && { hex "$n"; echo; } >> scanned.txt
        [ "$(q "SELECT count(*) FROM edges e JOIN files f ON f.id = e.file_id WHERE hex(f.path) = '$(hex "$p")'
          AND e.target = 'ok.target' AND e.target_kind = 'internal'")" = 1 ] || bad "no edge to ok.target from $p"
      else
        case $n in
          *[![:print:]]*)                       # control characters or bytes not UTF-8
            grep -F "src/${n%%[![:print:]]*}" scan.err | grep -q skipped ||
              bad "$p neither scanned nor reported skipped" ;;
          *) bad "not in files: $p" ;;
        esac
      fi
    done
  done
  expect "files" "$(q 'SELECT count(*) FROM files')" "$found"
  # importable: ok, ok.target, ok.user and ok.café; no name that is not an identifier (the
  # name with byte 0xff is left out: Python could import it only through importlib)
  expect "importable modules" "$(q "SELECT group_concat(hex(name), ' ') FROM (SELECT name FROM modules
    WHERE importable = 1 AND hex(name) <> '$(hex "$ff")' ORDER BY name)")" \
    "$(hex ok) $(hex "ok.caf$(printf '\303\251')") $(hex ok.target) $(hex ok.user)"
  end

  # A name in a warning or in check's text must not carry a raw newline (what follows reads as
  # a line of its own) or a raw escape sequence (it drives the terminal): git, for one, quotes
  # such paths ("new\nline.py").
  begin "hostile names: warnings and check's text never split a name over lines or send raw ESC"
  run 1 check
  cat "$work/out" "$work/err" >> scan.err
  grep -n '^line\|^bed\|^red' scan.err > split.txt
  [ -s split.txt ] && { bad "a name split over lines (a line starting 'line', 'bed' or 'red'):"; evfile split.txt 2; }
  esc=$(printf '\033')
  grep -n "$esc" scan.err > esc.txt
  [ -s esc.txt ] && { bad "a raw ESC byte in a warning or in check's output:"; evfile esc.txt 1; }
  end

  begin "hostile names: no shell command in a name or the config ran (canary files)"
  run 1 check
  run '[01]' check --files "src/-dash.py" "src/new${nl}line.py" 'src/$(touch pwned).py'
  run 0 graph --format dot
  run 0 report -o out.html
  for c in pwned pwned2 pwned3; do
    for d in "$work" "$top" /tmp "${HOME:-/root}"; do
      [ -e "$d/$c" ] && bad "canary $d/$c exists"
    done
  done
  find "$work" -name 'pwned*' > canary.txt 2>/dev/null; [ -s canary.txt ] && { bad "canary files:"; evfile canary.txt; }
  end

  if [ "$py" = 0 ]; then skip "hostile names: output formats" "python3 missing"; done_with names; return; fi
  begin "hostile names: check --format json, sarif, junit are valid"
  run 1 check --no-refresh --format json; cp "$work/out" c.json; json_ok c.json "check --format json"
  run 1 check --no-refresh --format sarif; cp "$work/out" c.sarif; json_ok c.sarif "check --format sarif"
  run 1 check --no-refresh --format junit; cp "$work/out" c.xml
  python3 - c.json c.sarif c.xml scanned.txt > probs.txt 2>&1 <<'PY'
import json, re, sys, xml.dom.minidom
c = json.load(open(sys.argv[1], encoding="utf-8"))
froms = {v["from"] for v in c["violations"]}
for h in open(sys.argv[4]).read().split():
    n = bytes.fromhex(h).decode("utf-8", "replace")
    if n not in froms: print("check --format json: no violation from %r" % n)
s = json.load(open(sys.argv[2], encoding="utf-8"))
if s.get("version") != "2.1.0": print("SARIF version", s.get("version"))
res = s["runs"][0]["results"]
if len(res) != len(c["violations"]): print("SARIF %d results, JSON %d violations" % (len(res), len(c["violations"])))
for r in res:
    for l in r["locations"]:
        u = l["physicalLocation"]["artifactLocation"]["uri"]
        if not re.fullmatch(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*", u) or re.search(r"%(?![0-9A-Fa-f]{2})", u):
            print("SARIF uri not a valid URI reference:", repr(u))
xml.dom.minidom.parse(sys.argv[3])
PY
  [ -s probs.txt ] && evfile probs.txt 4
  if have node && [ -d "$top/node_modules/ajv" ]; then
    node "$top/tests/sarif_schema.js" c.sarif > schema.txt 2>&1 ||
      { bad "check --format sarif is not valid SARIF 2.1.0 (tests/sarif_schema.js):"; evfile schema.txt 3; }
  fi
  end

  begin "hostile names: graph --format json is valid UTF-8 JSON with every module"
  run 0 graph --no-refresh --format json; cp "$work/out" g.json; json_ok g.json "graph --format json"
  if [ ! -s "$ev" ]; then
    python3 -c 'import json, sys
g = json.load(open(sys.argv[1], encoding="utf-8"))
print(len(g["nodes"]))' g.json > n.txt 2>&1
    expect "nodes" "$(cat n.txt)" "$(q 'SELECT count(*) FROM modules')"
  fi
  end

  begin "hostile names: graph --format dot is valid (UTF-8, dot renders it without a warning)"
  run 0 graph --no-refresh --format dot; cp "$work/out" g.dot
  utf8_ok g.dot "graph --format dot"
  if have dot; then
    dot -Tsvg g.dot > g.svg 2> dot.err || bad "dot exited $?"
    [ -s dot.err ] && { bad "dot says:"; evfile dot.err 2; }
    python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' g.svg > pyerr.txt 2>&1 ||
      { bad "dot's SVG of it is not well-formed XML:"; tail -n 1 pyerr.txt >> "$ev"; }
  fi
  end

  begin "hostile names: graph --format mermaid keeps each label inside its quotes"
  run 0 graph --no-refresh --format mermaid; cp "$work/out" g.mmd
  utf8_ok g.mmd "graph --format mermaid"
  grep -Ev '^(graph LR|  n[0-9]+\["[^"<>]*"\]|  n[0-9]+ -->\|[a-z]+\| n[0-9]+)$' g.mmd > odd.txt
  [ -s odd.txt ] && { bad "lines that are not a quoted node or an edge:"; evfile odd.txt 3; }
  grep -q 'we#quot;ird\|sp ace' g.mmd || bad "the hostile names are not in the Mermaid graph"
  end

  begin "hostile names: report -o out.html is UTF-8 and every name is escaped"
  run 0 report --no-refresh -o out.html
  utf8_ok out.html "report"
  python3 - out.html > probs.txt 2>&1 <<'PY'
import html.parser, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
tags = set()
class P(html.parser.HTMLParser):
    def handle_starttag(self, t, a): tags.add(t)
P().feed(text)
allowed = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "table", "thead",
           "tbody", "tr", "th", "td", "svg", "g", "path", "polygon", "polyline", "ellipse", "rect", "text",
           "line", "circle", "a", "span", "div", "pre", "code", "ul", "ol", "li", "small", "b", "i", "em",
           "strong", "br", "details", "summary", "figure", "figcaption", "section", "header", "footer",
           "defs", "marker", "tspan", "caption", "col", "colgroup", "nav", "main", "hr", "sup", "sub"}
if tags - allowed: print("unexpected tags (unescaped names?):", sorted(tags - allowed))
if "&lt;svc&gt;" not in text: print("the service name with <svc> is not there, escaped")
if "\x1b" in text: print("a raw ESC byte in the report")
PY
  [ -s probs.txt ] && evfile probs.txt 2
  end

  begin "hostile names: sql, explain, propose, models and whatif --format json are valid UTF-8 JSON"
  run 0 sql --no-refresh --format json "SELECT name FROM modules ORDER BY name"; cp "$work/out" s.json
  json_ok s.json "sql --format json"
  run 0 explain --no-refresh 'dq"uote' ok.target --format json; cp "$work/out" e.json
  json_ok e.json "explain --format json"
  run 0 explain --no-refresh "ok.caf$(printf '\303\251')" ok.target --format json; cp "$work/out" e.json
  json_ok e.json "explain --format json"
  run 0 propose --no-refresh --format json; cp "$work/out" p.json; json_ok p.json "propose --format json"
  run 0 models --no-refresh --format json; cp "$work/out" m.json; json_ok m.json "models --format json"
  run 0 whatif --no-refresh --move 'sp ace=core' --format json; cp "$work/out" w.json
  json_ok w.json "whatif --format json"
  end
  done_with names
}

# --- 9. FIFOs, devices, sockets ---------------------------------------------------------------
case_special() {
  proj special; mkdir -p src/pkg; : > src/pkg/__init__.py
  echo 'import pkg.y' > src/pkg/a.py; echo 'X = 1' > src/pkg/y.py
  mkfifo src/pkg/x.py src/pkg/fifo_dir_not_py
  ln -s /dev/zero src/pkg/zero.py; ln -s /dev/urandom src/pkg/random.py
  ln -s /proc/self/fd/0 src/pkg/stdin.py
  mknod src/pkg/null.py c 1 3 2>/dev/null; mknod src/pkg/zero2.py c 1 5 2>/dev/null
  [ "$py" = 1 ] && python3 -c 'import socket; socket.socket(socket.AF_UNIX).bind("src/pkg/sock.py")' 2>/dev/null
  begin "a FIFO x.py, /dev/zero and /dev/urandom links, devices, a socket: no hang, skipped"
  run 0 scan --no-progress
  expect "files" "$(q "SELECT group_concat(path, ' ') FROM (SELECT path FROM files ORDER BY path)")" \
    "src/pkg/__init__.py src/pkg/a.py src/pkg/y.py"
  expect "edges" "$(q "SELECT count(*) FROM edges WHERE target = 'pkg.y' AND target_kind = 'internal'")" 1
  run 0 check --files src/pkg/x.py src/pkg/zero.py src/pkg/a.py
  run 0 scan --force --no-progress
  end
  done_with special
}

# --- 10. unreadable, empty, a folder named x.py -----------------------------------------------
case_access() {
  proj access; mkdir -p src/pkg/x.py src/pkg/locked
  : > src/pkg/__init__.py; : > src/pkg/empty.py
  printf 'import pkg.empty\nimport pkg.secret\nimport pkg.x\n' > src/pkg/a.py
  echo 'import pkg.a' > src/pkg/secret.py; echo 'import pkg.a' > src/pkg/x.py/inner.py
  echo 'import pkg.a' > src/pkg/locked/m.py

  begin "an empty file, and a folder named x.py"
  run 0 scan --no-progress
  expect "empty.py: lines:syntax errors:read:importable" "$(q "SELECT f.lines || ':' || f.parse_errors || ':' ||
    (f.read_error IS NULL) || ':' || m.importable AS x FROM files f JOIN modules m ON m.file_id = f.id
    WHERE f.path = 'src/pkg/empty.py'")" "0:0:1:1"
  expect "edge to pkg.empty" "$(q "SELECT target_kind FROM edges WHERE target = 'pkg.empty'")" internal
  expect "module of x.py/inner.py, importable" "$(q "SELECT m.name || ':' || m.importable AS x FROM modules m
    JOIN files f ON f.id = m.file_id WHERE f.path = 'src/pkg/x.py/inner.py'")" "pkg.x.py.inner:0"
  grep -q 'x.py' "$work/err" && { bad "a warning about the folder x.py:"; grep x.py "$work/err" | head -n 2 >> "$ev"; }
  end

  if [ "$(id -u)" != 0 ]; then as=
  elif have setpriv && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
    as="setpriv --reuid=65534 --regid=65534 --clear-groups"
  else
    skip "an unreadable file and folder" "running as root, which reads them anyway, and no setpriv"
    done_with access; return
  fi
  rm -rf .cutline; chmod -R a+rwX "$work/access"
  chmod 000 src/pkg/secret.py src/pkg/locked
  begin "an unreadable file and folder (chmod 000${as:+, cutline run as nobody}): warned, the rest scanned"
  if $as sh -c 'cat src/pkg/secret.py' > /dev/null 2>&1; then
    skip "an unreadable file and folder" "the file is readable anyway"
  else
    pre=$as; run 0 scan --no-progress; pre=
    grep -q '^src/pkg/secret.py: warning: cannot read' "$work/err" || { bad "no warning naming src/pkg/secret.py:"; evfile "$work/err"; }
    grep -q '^src/pkg/locked: warning: cannot read folder' "$work/err" || bad "no warning naming src/pkg/locked"
    expect "secret.py read_error" "$(q "SELECT read_error IS NOT NULL FROM files WHERE path = 'src/pkg/secret.py'")" 1
    expect "edge to pkg.secret" "$(q "SELECT target_kind FROM edges WHERE target = 'pkg.secret'")" internal
    expect "files read" "$(q "SELECT count(*) FROM files WHERE read_error IS NULL")" 4
    chmod 644 src/pkg/secret.py; chmod 755 src/pkg/locked
    pre=$as; run 0 scan --no-progress; pre=
    expect "secret.py once readable (chmod 644, mtime unchanged): read:imports" "$(q "SELECT (f.read_error IS NULL)
      || ':' || count(i.id) AS x FROM files f LEFT JOIN imports i ON i.file_id = f.id
      WHERE f.path = 'src/pkg/secret.py' GROUP BY f.id")" "1:1"
    expect "locked/m.py once readable" "$(q "SELECT count(*) FROM files WHERE path = 'src/pkg/locked/m.py'")" 1
    end
  fi
  pre=
  done_with access
}

# --- 11. a store folder or file cutline may not write ------------------------------------------
case_perms() {
  if [ "$(id -u)" != 0 ]; then as=
  elif have setpriv && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
    as="setpriv --reuid=65534 --regid=65534 --clear-groups"
  else
    skip "a store cutline may not write" "running as root, which writes anyway, and no setpriv"
    return
  fi
  proj perms; echo 'import os' > src/a.py; chmod -R a+rwX "$work/perms"
  mkdir .cutline; chmod 555 .cutline
  begin "a .cutline folder cutline may not write: named, exit 2"
  pre=$as; run 2 scan --no-progress; pre=
  grep -qx "cutline: error: cannot write $work/perms/.cutline: Permission denied" "$work/err" ||
    { bad "no 'cannot write FOLDER: Permission denied':"; evfile "$work/err"; }
  end
  chmod 777 .cutline
  pre=$as; run 0 scan --no-progress; pre=
  chmod 444 .cutline/graph.db; echo 'import sys' > src/b.py
  begin "a read-only graph.db: named, exit 2, no -wal or -shm left, fine once writable again"
  pre=$as; run 2 scan --no-progress; pre=
  grep -qx "cutline: error: cannot write $work/perms/.cutline/graph.db: Permission denied" "$work/err" ||
    { bad "no 'cannot write graph.db: Permission denied':"; evfile "$work/err"; }
  pre=$as; run 0 check --no-refresh; pre=
  for f in .cutline/graph.db-wal .cutline/graph.db-shm; do [ -e "$f" ] && bad "$f left behind"; done
  chmod 644 .cutline/graph.db
  pre=$as; run 0 scan --no-progress; pre=
  expect "files after the fix" "$(q "SELECT count(*) FROM files")" 2
  end
  pre=
  done_with perms
}

# --- 12. a tampered store: names with ESC, BEL, newlines and bytes not UTF-8 ------------------
# Through the store layer (build/tamper keeps the page checksums: plain sqlite3 edits are
# refused as damage), as someone who knows the checksum would plant them.
case_tamper() {
  tamper=${TAMPER:-$top/build/tamper}
  [ -x "$tamper" ] || { skip "a tampered store" "no $tamper (make build/tamper)"; return; }
  [ "$py" = 1 ] || { skip "a tampered store" "python3 missing"; return; }
  proj tamper; mkdir -p src/app src/web
  : > src/app/__init__.py; : > src/web/__init__.py
  printf 'from google.appengine.ext import ndb\n\nclass Account(ndb.Model):\n    name = ndb.StringProperty()\n' > src/app/models.py
  printf 'from app.models import Account\n\ndef make():\n    Account(name="x").put()\n' > src/web/views.py
  cat >> boundaries.toml <<'TOML'

[[service]]
name = "app"
modules = ["app", "app.**"]

[[service]]
name = "web"
modules = ["web", "web.**"]
TOML
  run 1 scan --no-progress
  run 1 check --no-refresh
  bad_name="'vi' || char(27) || '[31m' || char(7) || char(10) || 'ews' || CAST(X'ff' AS TEXT)"
  "$tamper" .cutline/graph.db "UPDATE modules SET name = 'web.' || $bad_name WHERE name = 'web.views';
    UPDATE models SET class = 'Acc' || char(27) || '[2J' || char(13) || char(10) || 'ount',
      kind = 'Acc' || char(7) || char(10) || 'ount' || CAST(X'c3' AS TEXT)" 2> "$work/err" ||
    { begin "a tampered store"; bad "tamper failed:"; evfile "$work/err"; end; done_with tamper; return; }
  mod=$(printf 'web.vi\033[31m\007\news\377')
  begin "a tampered store: check, models, explain, propose, report and graph escape every name"
  : > outs.txt
  for cmd in "check" "models" "propose" "report" "graph --format dot" "explain"; do
    case $cmd in
      explain) run '[01]' explain --no-refresh "$mod" app.models ;;
      check) run 1 check --no-refresh ;;
      *) run 0 $cmd --no-refresh ;;
    esac
    printf '== %s\n' "$cmd" >> outs.txt; cat "$work/out" "$work/err" >> outs.txt
  done
  run 0 report --no-refresh -o out.html; printf '== report html\n' >> outs.txt; cat out.html >> outs.txt
  python3 - outs.txt > probs.txt 2>&1 <<'PY'
import sys
cmd = None
for n, line in enumerate(open(sys.argv[1], "rb").read().split(b"\n"), 1):
    if line.startswith(b"== "):
        cmd = line[3:].decode(); continue
    for bad, what in ((b"\x1b", "a raw ESC"), (b"\x07", "a raw BEL"), (b"\r", "a raw CR")):
        if bad in line: print("%s: %s in line %d: %r" % (cmd, what, n, line[:120]))
    if line.startswith((b"ews", b"ount")): print("%s: a name split over lines at %d: %r" % (cmd, n, line[:80]))
    try: line.decode("utf-8")
    except UnicodeDecodeError: print("%s: line %d is not UTF-8: %r" % (cmd, n, line[:120]))
PY
  [ -s probs.txt ] && evfile probs.txt 6
  grep -q 'web.vi\\x1b\[31m\\x07\\x0aews' outs.txt || bad "the tampered module name is not shown escaped"
  end
  done_with tamper
}

for c in many big deep entities models config nul utf8 long symlinks names special access perms tamper; do
  case " ${ONLY:-$c} " in *" $c "*) "case_$c" ;; esac
done

took=$(($(ms) - started))
echo "hostile: $nok ok, $nfail FAIL, $nskip skip in $(secs "$took")"
[ "$nfail" = 0 ]
