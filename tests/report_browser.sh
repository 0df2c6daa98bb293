#!/bin/sh
# The HTML report in headless Chromium: the sample's report loads (its DOM has every
# section), the browser logs no console error, and a screenshot is taken
# (build/report.png). Then a report at scale: 150 declared services over a generated corpus
# (tests/gen_services.py) with a proposal, laid out at 1280 px: it renders within 60 s, no
# element is wider than the page, the dependency matrix has a row per service, the service
# graph is drawn (not left to DOT text) and fits the page; screenshot build/report-150.png.
# Prints ok/FAIL lines for tests/run.sh; skips when Chromium is absent.
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
  grep -q "<h2[^>]*>$s" "$work/dom.html" || missing="$missing '$s'"
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

# --- at scale: 150 services, and a proposal for them --------------------------------------
n=150
python3 "$top/tests/gen_services.py" $n "$work/big" || { echo "FAIL gen_services.py"; exit 1; }
(cd "$work/big" && "$cutline" scan -q && { "$cutline" check -q >/dev/null; true; } &&
 "$cutline" propose --emit-toml prop.toml >/dev/null 2>&1 &&
 "$cutline" report --proposal prop.toml -o report.html) 2>"$work/big.err" ||
  { echo "FAIL report of $n services: cutline failed"; head -5 "$work/big.err"; exit 1; }
if grep -q "<script" "$work/big/report.html"; then echo "FAIL report of $n services has a script"; fi
# The test's own copy gets a script that measures the page once it has loaded: the widest
# element past the viewport, the matrix's rows, the graph's width, the time to load.
sed 's#</body></html>##' "$work/big/report.html" > "$work/big/measure.html"
cat >> "$work/big/measure.html" <<'EOF'
<script>addEventListener("load", function () {
  var w = document.documentElement.clientWidth, wide = [], b = document.body;
  document.querySelectorAll("body *").forEach(function (e) {
    var r = e.getBoundingClientRect();
    if (r.right > w + 1 && wide.length < 5)
      wide.push(e.tagName + "." + (e.getAttribute("class") || "") + ":" + Math.round(r.right));
  });
  var g = document.querySelector("div.graph svg");
  b.setAttribute("data-wide", wide.join(" ") || "none");
  var m = document.querySelector("svg.dsm");
  b.setAttribute("data-rows", m ? m.querySelectorAll("text.row").length : 0);
  b.setAttribute("data-graph", g ? Math.round(g.getBoundingClientRect().width) + "/" + w : "none");
  b.setAttribute("data-ms", Math.round(performance.now()));
});</script></body></html>
EOF
t0=$(date +%s)
run --window-size=1280,900 --virtual-time-budget=10000 --dump-dom \
  "file://$work/big/measure.html" > "$work/big-dom.html"
t1=$(date +%s)
attr() { sed -n "s/.*<body $1=\"\([^\"]*\)\".*/\1/p; s/.*<body[^>]* $1=\"\([^\"]*\)\".*/\1/p" "$work/big-dom.html" | head -1; }
ms=$(attr data-ms) rows=$(attr data-rows) wide=$(attr data-wide) graph=$(attr data-graph)
if [ -n "$ms" ] && [ $((t1 - t0)) -le 60 ]; then
  echo "ok   report of $n services renders in Chromium ($((t1 - t0)) s with the browser's start, loaded in $ms ms)"
else echo "FAIL report of $n services: not rendered within 60 s ($((t1 - t0)) s; load ${ms:-never})"; fi
if [ "$wide" = none ]; then echo "ok   report of $n services: no element wider than the 1280 px page"
else echo "FAIL report of $n services: elements wider than the page: $wide"; fi
if [ "$rows" = "$n" ]; then echo "ok   report of $n services: the dependency matrix has $n rows"
else echo "FAIL report of $n services: the dependency matrix has ${rows:-no} rows, not $n"; fi
case "$graph" in
  none|"") echo "FAIL report of $n services: no service graph drawn" ;;
  *) gw=${graph%/*} pw=${graph#*/}
     if [ "$gw" -le "$pw" ]; then echo "ok   report of $n services: the service graph is drawn, $gw px wide on a $pw px page"
     else echo "FAIL report of $n services: the service graph is $gw px on a $pw px page"; fi ;;
esac
if grep -q '<h2 id="p-proposed"' "$work/big-dom.html" && grep -q '<h2 id="p-moves"' "$work/big-dom.html"
then echo "ok   report of $n services: the proposal's services and moves are in it"
else echo "FAIL report of $n services: no proposal sections"; fi
rm -f "$top/build/report-150.png"
run --screenshot="$top/build/report-150.png" --window-size=1280,4000 "file://$work/big/report.html" >/dev/null
if [ -s "$top/build/report-150.png" ]; then echo "ok   report of $n services screenshot: build/report-150.png"
else echo "FAIL report of $n services: screenshot not taken"; fi
