#!/bin/sh
# The HTML report in headless Chromium: the sample's report loads (its DOM has every
# section), the browser logs no console error, and a screenshot is taken
# (build/report.png). Prints ok/FAIL lines for tests/run.sh; skips when Chromium is absent.
top=$(cd "$(dirname "$0")/.." && pwd)
cutline=${CUTLINE:-$top/build/cutline}
browser=$(command -v chromium || command -v chromium-browser)
if [ -z "$browser" ]; then echo "skip report in headless Chromium (no chromium)"; exit 0; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$top" || exit 1
"$cutline" report -o "$work/report.html" || { echo "FAIL report: cutline report failed"; exit 1; }
run() { timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
  --user-data-dir="$work/profile" --enable-logging=stderr --v=0 "$@" 2>>"$work/log"; }
run --dump-dom "file://$work/report.html" > "$work/dom.html"
missing=""
for s in "Services" "Dependency-structure matrix" "Service graph" "Cross-service data access" \
         "Cycles" "Most entangling modules" "Trend of violations"; do
  grep -q "<h2>$s" "$work/dom.html" || missing="$missing '$s'"
done
if [ -z "$missing" ]; then echo "ok   report loads in headless Chromium with every section"
else echo "FAIL report in Chromium: no section$missing"; fi
if grep -q "CONSOLE\|Uncaught" "$work/log"; then
  echo "FAIL report in Chromium: console errors"; grep "CONSOLE\|Uncaught" "$work/log" | head -5
else echo "ok   report in Chromium: no console error"; fi
rm -f "$top/build/report.png"
run --screenshot="$top/build/report.png" --window-size=1280,2400 "file://$work/report.html" >/dev/null
if [ -s "$top/build/report.png" ]; then echo "ok   report screenshot: build/report.png"
else echo "FAIL report screenshot not taken"; tail -5 "$work/log"; fi
