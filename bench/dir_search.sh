#!/usr/bin/env bash
# bench/dir_search.sh - directory search at 20,000 services (docs/directory.md).
#
# What it does (make bench-dir builds the release binary and the assets first):
#   1. makes a demo database in a temporary folder (logins, the demo's 100
#      services and the Leeds district centres);
#   2. writes an HSDS JSON file of BENCH_SERVICES (default 19,900) more
#      services with awk: names and descriptions drawn from 25 kinds of
#      service and 24 places, so common words match thousands of entries,
#      locations scattered over the demo's districts, a fifth of them paid
#      for; and imports it with `careplan directory import` (timed: one
#      transaction a record, as any import);
#   3. starts `careplan serve` on a free loopback port, signs in as the link
#      worker with curl, and for each search runs a wrk warm-up and a
#      measured run (bounded by wrk's -d and timeout(1));
#   4. writes a table with the exact commands into bench/RESULTS.md between
#      "<!-- dir_search.sh:begin -->" and "<!-- dir_search.sh:end -->".
#
# Tunables: BENCH_SECONDS (default 10), BENCH_WARMUP (2), BENCH_THREADS (2),
# BENCH_CONNS (8), BENCH_SERVICES (19900), BENCH_RESULTS (bench/RESULTS.md).
# Target: well under a second per search; aim for tens of milliseconds.
set -euo pipefail
cd "$(dirname "$0")/.."

SECS=${BENCH_SECONDS:-10}
WARM=${BENCH_WARMUP:-2}
WT=${BENCH_THREADS:-2}
WC=${BENCH_CONNS:-8}
NS=${BENCH_SERVICES:-19900}
RESULTS=${BENCH_RESULTS:-bench/RESULTS.md}
BIN=build/release/careplan
for v in SECS WARM WT WC NS; do
  [[ ${!v} =~ ^[1-9][0-9]{0,5}$ ]] || { echo "bench: $v=${!v} must be a whole number" >&2; exit 2; }
done
say() { printf 'bench: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
command -v wrk >/dev/null || die "wrk is missing: apt-get install --no-install-recommends wrk"
command -v curl >/dev/null || die "curl is missing: apt-get install curl"
[[ -x $BIN ]] || die "$BIN is missing: run make first"

TMP=$(mktemp -d /tmp/careplan-dir.XXXXXX)
CP_PID=''
cleanup() {
  if [[ -n $CP_PID ]] && kill -0 "$CP_PID" 2>/dev/null; then
    kill -TERM "$CP_PID"
    for ((i = 0; i < 300; i++)); do kill -0 "$CP_PID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$CP_PID" 2>/dev/null && kill -KILL "$CP_PID"
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$BIN" demo --db "$TMP/dir.db" >/dev/null || die "careplan demo failed"

# ---- the generated services -------------------------------------------------------
awk -v n="$NS" 'BEGIN {
  srand(6);
  split("Walking Group|Befriending|Memory Cafe|Benefits Advice|Falls Prevention Class|Carers Support Group|Lunch Club|Warm Space|Stop Smoking Clinic|Chair-Based Exercise|Energy Advice|Mens Shed|Medicines Review|Talking Group|Community Transport|Home Adaptations Advice|Digital Help|Community Kitchen|Growing Garden|Debt Advice|Carers Break|Diabetes Course|Equipment Loan|Singing Group|Tai Chi", kind, "|");
  split("social lifestyle|social mental_wellbeing|mental_wellbeing carer|finances|daily_living lifestyle|carer|social lifestyle|housing social|lifestyle clinical|lifestyle daily_living|housing finances|social mental_wellbeing|medicines clinical|mental_wellbeing|daily_living social|housing daily_living|social daily_living|lifestyle finances|mental_wellbeing lifestyle|finances|carer|clinical lifestyle|daily_living|mental_wellbeing carer|lifestyle daily_living", dom, "|");
  split("City Centre|Woodhouse|Burley|Kirkstall|Hawksworth|Headingley|Chapel Allerton|Roundhay|Burmantofts|Belle Isle|Beeston|Armley|Bramley|Seacroft|Cross Gates|Adel|Moortown|Horsforth|Yeadon|Guiseley|Garforth|Rothwell|Morley|Pudsey", place, "|");
  split("53.797 53.803 53.801 53.810 53.822 53.819 53.822 53.824 53.796 53.770 53.779 53.791 53.806 53.829 53.806 53.850 53.862 53.843 53.860 53.874 53.783 53.750 53.745 53.800", lat, " ");
  split("-1.547 -1.548 -1.564 -1.582 -1.601 -1.577 -1.538 -1.508 -1.507 -1.530 -1.557 -1.597 -1.640 -1.447 -1.445 -1.600 -1.530 -1.645 -1.686 -1.713 -1.330 -1.450 -1.600 -1.665", lon, " ");
  split("friendly|gentle|weekly|free|local|welcoming|small|relaxed|volunteer-led|accessible", adj, "|");
  split("tea and a chat|advice and support|company and activities|help with forms|exercise to music|a hot meal|time for yourself|peer support|skills and hobbies|a safe warm place", what, "|");
  printf "{\"services\": [\n";
  for (i = 1; i <= n; i++) {
    k = int(rand() * 25) + 1; p = int(rand() * 24) + 1;
    a1 = adj[int(rand() * 10) + 1]; a2 = adj[int(rand() * 10) + 1]; w = what[int(rand() * 10) + 1];
    la = sprintf("%.4f", lat[p] + (rand() - 0.5) * 0.04); lo = sprintf("%.4f", lon[p] + (rand() - 0.5) * 0.06);
    paid = rand() < 0.2;
    nd = split(dom[k], ds, " ");
    attrs = "";
    for (d = 1; d <= nd; d++) attrs = attrs sprintf("%s{\"taxonomy_term\": {\"code\": \"%s\", \"taxonomy\": \"careplan-assessment-domain\"}}", (d > 1 ? ", " : ""), ds[d]);
    printf "%s{\"id\": \"bench-%d\", \"name\": \"%s %s %d\", \"description\": \"A %s, %s group offering %s in %s.\", \"status\": \"active\", \"assured_date\": \"%s\", \"organization\": {\"id\": \"bench-org-%d\", \"name\": \"%s Community Trust %d\"}, \"service_at_locations\": [{\"location\": {\"id\": \"bench-loc-%d\", \"name\": \"%s Hall\", \"latitude\": %s, \"longitude\": %s}}], \"cost_options\": [{\"amount\": %s}], \"attributes\": [%s]}\n",
      (i > 1 ? ", " : ""), i, place[p], kind[k], i, a1, a2, w, place[p], (rand() < 0.1 ? "2024-06-01" : "2026-06-01"),
      i % 500, place[p], i % 500, i, place[p], la, lo, (paid ? "3.50" : "0"), attrs;
  }
  printf "]}\n";
}' >"$TMP/bench.json"
IMPORT_CMD="$BIN directory import \$TMP/bench.json --db \$TMP/dir.db"
t0=$(date +%s.%N)
"$BIN" directory import "$TMP/bench.json" --db "$TMP/dir.db" >"$TMP/import.txt" || { tail -3 "$TMP/import.txt" >&2; die "import failed"; }
t1=$(date +%s.%N)
IMPORT_SECS=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}')
IMPORT_SUMMARY=$(tail -n1 "$TMP/import.txt")
TOTAL=$(sqlite3 "$TMP/dir.db" 'select count(*) from dir_service')
say "imported: $IMPORT_SUMMARY in ${IMPORT_SECS}s; $TOTAL services"

# ---- careplan ---------------------------------------------------------------------------
"$BIN" serve --db "$TMP/dir.db" --listen 127.0.0.1:0 --assets build/assets 2>"$TMP/careplan.log" &
CP_PID=$!
PORT=''
for ((i = 0; i < 300; i++)); do
  PORT=$(grep -m1 '"event":"listening"' "$TMP/careplan.log" 2>/dev/null | grep -o '"port":[0-9]*' | cut -d: -f2 || true)
  [[ -n $PORT ]] && break
  sleep 0.1
done
[[ -n $PORT ]] || die "careplan did not start listening within 30 s"
URL="http://127.0.0.1:$PORT"
PASSWORD=$(sed -n 's/^#define DEMO_PASSWORD "\(.*\)"$/\1/p' src/domain/demo.h)
JAR="$TMP/cookies.txt"
CSRF=$(curl -fsS --max-time 10 -c "$JAR" "$URL/login" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -n1 | sed 's/.*value="//; s/"$//')
status=$(curl -sS --max-time 30 -o /dev/null -w '%{http_code}' -b "$JAR" -c "$JAR" --data-urlencode "csrf=$CSRF" \
  --data-urlencode "username=link.lopez" --data-urlencode "password=$PASSWORD" "$URL/login")
[[ $status == 303 ]] || die "signing in answered $status"
COOKIE="Cookie: cp_session=$(awk '$6 == "cp_session" {print $7}' "$JAR" | tail -n1)"

TARGETS=(
  "common word|/directory?q=walking|\"walking\": about one service in 25 by name, more by description"
  "two words, prefix|/directory?q=lunch+clu|two words, the last a prefix"
  "word near a postcode|/directory?q=advice&postcode=LS6&miles=2|\"advice\" within 2 miles of LS6"
  "filters only|/directory?domain=social&free=yes&postcode=LS8&miles=5|free, social, within 5 miles of LS8, no words"
  "rare word|/directory?q=tai+chi+yeadon|three words that few entries share"
  "page 40|/directory?q=group&page=40|a late page of a common word"
)
ROWS=()
for t in "${TARGETS[@]}"; do
  IFS='|' read -r name path what <<<"$t"
  code=$(curl -sS --max-time 30 -o "$TMP/page.html" -w '%{http_code}' -H "$COOKIE" "$URL$path")
  [[ $code == 200 ]] || die "$path answered $code"
  found=$(grep -o '[0-9]* services\? found' "$TMP/page.html" | head -n1 | cut -d' ' -f1)
  # One at a time: the median of 9 requests in a row, the server otherwise idle.
  one=$(for ((k = 0; k < 9; k++)); do
      curl -sS --max-time 30 -o /dev/null -w '%{time_total}\n' -H "$COOKIE" "$URL$path"
    done | sort -n | awk '{a[NR] = $1} END {printf "%.1fms", a[5] * 1000}')
  timeout $((WARM + 60)) wrk -t"$WT" -c"$WC" -d"${WARM}s" --timeout 5s -H "$COOKIE" "$URL$path" >/dev/null 2>&1 || die "warm-up failed"
  out=$(timeout $((SECS + 60)) wrk -t"$WT" -c"$WC" -d"${SECS}s" --latency --timeout 5s -H "$COOKIE" "$URL$path") || die "wrk failed"
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  non=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  ROWS+=("| $name | \`$path\` | ${found:-0} | $one | $rps | $p50 | $p99 | ${non:-0} |")
  say "$name: one at a time $one; $rps req/s, p50 $p50, p99 $p99 (${found:-0} found)"
done

# ---- results ----------------------------------------------------------------------------
{
  echo "<!-- dir_search.sh:begin (generated by bench/dir_search.sh; everything up to the end marker is replaced on each run) -->"
  echo "### Latest run: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load average before: $(cut -d' ' -f1-3 /proc/loadavg)); SQLite $(sqlite3 --version | cut -d' ' -f1)."
  echo "Directory: $TOTAL services. Import of the generated $NS: ${IMPORT_SECS} s ($IMPORT_SUMMARY), \`$IMPORT_CMD\`."
  echo
  echo "Each search signed in as the link worker, a whole page (20 results) rendered: \`wrk -t$WT -c$WC -d${SECS}s --latency --timeout 5s -H 'Cookie: cp_session=\$SESSION' URL\` after a ${WARM} s warm-up."
  echo
  echo "\"One at a time\" is the median of 9 requests in a row with curl (the page's own time, no queue);"
  echo "the wrk columns are $WC connections at once on $(nproc) CPUs, so they include waiting for a CPU."
  echo
  echo "| search | path | found | one at a time | requests/s | p50 | p99 | non-2xx |"
  echo "|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
  echo "<!-- dir_search.sh:end -->"
} >"$TMP/section.md"
if grep -q '<!-- dir_search.sh:begin' "$RESULTS"; then
  awk -v f="$TMP/section.md" '
    /<!-- dir_search.sh:begin/ { while ((getline l < f) > 0) print l; skip = 1; next }
    /<!-- dir_search.sh:end -->/ { skip = 0; next }
    !skip' "$RESULTS" >"$TMP/results.md" && cp "$TMP/results.md" "$RESULTS"
else
  {
    echo
    echo "## Directory search"
    echo
    echo "\`make bench-dir\` (or \`bench/dir_search.sh\`) fills a demo database with 20,000 services through"
    echo "the HSDS importer and measures the search page over HTTP (see the script's header). Target: well"
    echo "under a second; aim for tens of milliseconds."
    echo
    cat "$TMP/section.md"
  } >>"$RESULTS"
fi
say "results written to $RESULTS"
