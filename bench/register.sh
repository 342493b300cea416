#!/usr/bin/env bash
# bench/register.sh - the population register at a million rows
# (docs/case-finding.md): import time and memory, and the case-finding
# worklist's latency.
#
# What it does (make bench-register builds the release binary and the
# assets first; this script builds nothing):
#   1. writes registers of BENCH_SMALL and BENCH_ROWS rows with
#      bench/gen_register.awk (streamed, row by row) into a temporary folder;
#   2. imports each into a fresh database under /usr/bin/time -v with a small
#      page cache (--cache-mib 16): peak RSS at both sizes shows whether
#      memory stays flat as the file grows (the file is streamed; the cache
#      is the bound);
#   3. imports the big one into a demo database with the default cache
#      (--cache-mib 64): the time that counts against the target (< 30 s),
#      then imports the same file again (every row unchanged);
#   4. serves that database on 127.0.0.1 (a free port), signs in as the demo
#      key worker with curl and runs wrk against /case-finding (page 1),
#      page 2 and page 1 filtered by one rule, each a warm-up and a bounded
#      measured run (-d), and times single requests of the deepest page;
#   5. prints the figures and writes them, with the commands, date, machine
#      and load, into bench/RESULTS.md between the markers
#      "<!-- register.sh:begin -->" and "<!-- register.sh:end -->".
#
# Tunables (environment):
#   BENCH_ROWS     rows of the big register            (default 1000000)
#   BENCH_SMALL    rows of the small register          (default 100000)
#   BENCH_SECONDS  measured seconds per wrk target     (default 10)
#   BENCH_WARMUP   warm-up seconds per target          (default 2)
#   BENCH_CONNS    wrk connections                     (default 8)
#   BENCH_RESULTS  file to write                       (default bench/RESULTS.md)
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${BENCH_ROWS:-1000000}
SMALL=${BENCH_SMALL:-100000}
SECS=${BENCH_SECONDS:-10}
WARM=${BENCH_WARMUP:-2}
WC=${BENCH_CONNS:-8}
RESULTS=${BENCH_RESULTS:-bench/RESULTS.md}
BIN=build/release/careplan
ASSETS=build/assets
for v in ROWS SMALL SECS WARM WC; do
  [[ ${!v} =~ ^[1-9][0-9]{0,7}$ ]] || { echo "bench: $v=${!v} must be a whole number from 1 to 99999999" >&2; exit 2; }
done
say() { printf 'bench: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
command -v wrk >/dev/null || die "wrk is missing: apt-get install --no-install-recommends wrk"
command -v curl >/dev/null || die "curl is missing: apt-get install curl"
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing: apt-get install time"
[[ -x $BIN ]] || die "$BIN is missing: run make bench-register (it builds first)"
PASSWORD=$(sed -n 's/^#define DEMO_PASSWORD "\(.*\)"$/\1/p' src/domain/demo.h)

TMP=$(mktemp -d /tmp/careplan-register.XXXXXX)
CP_PID=''
stop_pid() {
  local pid=$1 i
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 300; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null || true
}
cleanup() { stop_pid "$CP_PID"; rm -rf "$TMP"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- the files --------------------------------------------------------------------
gen() { # gen ROWS FILE: seconds taken
  local t0 t1
  t0=$(date +%s.%N)
  timeout 600 awk -v rows="$1" -f bench/gen_register.awk >"$2" || die "the generator failed"
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}'
}
say "writing registers of $SMALL and $ROWS rows"
GEN_SMALL=$(gen "$SMALL" "$TMP/small.csv")
GEN_BIG=$(gen "$ROWS" "$TMP/big.csv")
BIG_MIB=$(awk -v b="$(stat -c %s "$TMP/big.csv")" 'BEGIN {printf "%.0f", b / 1048576}')

# ---- imports ----------------------------------------------------------------------
import() { # import NAME DB FILE CACHE: sets SECS_<NAME>, CPU_<NAME> (user + system), RSS_<NAME> (MiB), SUM_<NAME>
  local name=$1 out
  out=$(timeout 900 /usr/bin/time -v "$BIN" register import "$3" --db "$2" --cache-mib "$4" 2>&1) || {
    echo "$out" | tail -n 5 >&2; die "import $name failed"; }
  printf -v "SECS_$name" '%s' "$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.1f", s}' <<<"$out")"
  printf -v "RSS_$name" '%s' "$(awk '/Maximum resident set size/ {printf "%.0f", $NF / 1024}' <<<"$out")"
  printf -v "CPU_$name" '%s' "$(awk '/User time|System time/ {s += $NF} END {printf "%.1f", s}' <<<"$out")"
  printf -v "SUM_$name" '%s' "$(grep '^imported' <<<"$out" | sed 's/.* s: //')"
  say "import $name: $(eval echo "\$SECS_$name") s ($(eval echo "\$CPU_$name") s of CPU), peak RSS $(eval echo "\$RSS_$name") MiB: $(eval echo "\$SUM_$name")"
}
"$BIN" init --db "$TMP/small.db" >/dev/null
"$BIN" init --db "$TMP/flat.db" >/dev/null
"$BIN" demo --db "$TMP/big.db" >/dev/null
import small "$TMP/small.db" "$TMP/small.csv" 16
import flat "$TMP/flat.db" "$TMP/big.csv" 16
LOAD_IMPORT=$(cut -d' ' -f1-3 /proc/loadavg)
import big "$TMP/big.db" "$TMP/big.csv" 64
import again "$TMP/big.db" "$TMP/big.csv" 64
DB_MIB=$(awk -v b="$(stat -c %s "$TMP/big.db")" 'BEGIN {printf "%.0f", b / 1048576}')

# ---- the worklist -----------------------------------------------------------------
"$BIN" serve --db "$TMP/big.db" --listen 127.0.0.1:0 --threads 2 --assets "$ASSETS" 2>"$TMP/careplan.log" &
CP_PID=$!
CP_PORT=''
for ((i = 0; i < 300; i++)); do
  CP_PORT=$(grep -m1 '"event":"listening"' "$TMP/careplan.log" 2>/dev/null | grep -o '"port":[0-9]*' | cut -d: -f2 || true)
  [[ -n $CP_PORT ]] && break
  kill -0 "$CP_PID" 2>/dev/null || break
  sleep 0.1
done
[[ -n $CP_PORT ]] || { tail -n 20 "$TMP/careplan.log" >&2; die "careplan did not start within 30 s"; }
URL="http://127.0.0.1:$CP_PORT"
JAR="$TMP/cookies.txt"
page=$(curl -fsS --max-time 10 -c "$JAR" "$URL/login")
CSRF=$(grep -o 'name="csrf" value="[0-9a-f]*"' <<<"$page" | head -n1 | sed 's/.*value="//; s/"$//')
status=$(curl -sS --max-time 30 -o /dev/null -w '%{http_code}' -b "$JAR" -c "$JAR" --data-urlencode "csrf=$CSRF" \
  --data-urlencode username=keyworker --data-urlencode "password=$PASSWORD" "$URL/login")
[[ $status == 303 ]] || die "signing in answered $status"
SESSION=$(awk '$6 == "cp_session" {print $7}' "$JAR" | tail -n1)
COOKIE="Cookie: cp_session=$SESSION"

declare -A P50 P99 RPS NON2XX
TARGETS=("first|/case-finding" "page2|/case-finding?page=2" "rule|/case-finding?rule=admissions")
for t in "${TARGETS[@]}"; do
  IFS='|' read -r name path <<<"$t"
  code=$(curl -sS --max-time 60 -o /dev/null -w '%{http_code}' -H "$COOKIE" "$URL$path")
  [[ $code == 200 ]] || die "$path answered $code"
  timeout $((WARM + 60)) wrk -t2 -c"$WC" -d"${WARM}s" --timeout 5s -H "$COOKIE" "$URL$path" >/dev/null 2>&1
  out=$(timeout $((SECS + 60)) wrk -t2 -c"$WC" -d"${SECS}s" --latency --timeout 5s -H "$COOKIE" "$URL$path")
  P50[$name]=$(awk '$1 == "50%" {print $2}' <<<"$out")
  P99[$name]=$(awk '$1 == "99%" {print $2}' <<<"$out")
  RPS[$name]=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  NON2XX[$name]=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out")
  NON2XX[$name]=${NON2XX[$name]:-0}
  say "$path: p50 ${P50[$name]}, p99 ${P99[$name]}, ${RPS[$name]} req/s, non-2xx ${NON2XX[$name]}"
done
DEEP=()
for i in 1 2 3; do
  DEEP+=("$(curl -sS --max-time 60 -o /dev/null -w '%{time_total}' -H "$COOKIE" "$URL/case-finding?page=2000" |
    awk '{printf "%.0f", $1 * 1000}')")
done
HWM=$(awk '/^VmHWM:/ {printf "%.0f", $2 / 1024}' "/proc/$CP_PID/status")
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
stop_pid "$CP_PID"; CP_PID=''

# ---- report -----------------------------------------------------------------------
DATE=$(date -u '+%Y-%m-%d %H:%M UTC')
CPU_MODEL=$(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo)
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v + 0 < t + 0) ? "met" : "MISSED" }'; }
ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v } else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.2f", v * 1000 } }'; }
report() {
  echo "<!-- register.sh:begin (generated by bench/register.sh; everything up to the end marker is replaced on each run) -->"
  echo
  echo "Run of $DATE on $(nproc) CPUs ($CPU_MODEL), shared with other work: load average $LOAD_BEFORE before,"
  echo "$LOAD_IMPORT before the timed import, $LOAD_AFTER after the worklist runs. $($BIN version)."
  echo
  echo "| what | rows | seconds (wall) | CPU seconds (user + system) | peak RSS | target | result |"
  echo "| --- | ---: | ---: | ---: | ---: | --- | --- |"
  echo "| import, --cache-mib 16 | $SMALL | $SECS_small | $CPU_small | $RSS_small MiB | memory flat | |"
  echo "| import, --cache-mib 16 | $ROWS | $SECS_flat | $CPU_flat | $RSS_flat MiB | memory flat | $(awk -v a="$RSS_small" -v b="$RSS_flat" -v r="$ROWS" -v s="$SMALL" 'BEGIN {printf "%+.0f MiB for %gx the rows", b - a, r / s}') |"
  echo "| import into the demo database, --cache-mib 64 | $ROWS | $SECS_big | $CPU_big | $RSS_big MiB | < 30 s | wall $(verdict "$SECS_big" 30), CPU $(verdict "$CPU_big" 30) |"
  echo "| the same file again (every row unchanged) | $ROWS | $SECS_again | $CPU_again | $RSS_again MiB | | |"
  echo
  echo "Import reports: $SUM_big; again: $SUM_again. File ${BIG_MIB} MiB (written in $GEN_BIG s by the generator), database ${DB_MIB} MiB."
  echo
  echo "| worklist at $ROWS rows (wrk -t2 -c$WC -d${SECS}s) | p50 | p99 | req/s | non-2xx | < 50 ms median |"
  echo "| --- | ---: | ---: | ---: | ---: | --- |"
  for t in "${TARGETS[@]}"; do
    IFS='|' read -r name path <<<"$t"
    echo "| \`$path\` | ${P50[$name]} | ${P99[$name]} | ${RPS[$name]} | ${NON2XX[$name]} | $(verdict "$(ms "${P50[$name]}")" 50) |"
  done
  echo
  echo "The deepest page (\`/case-finding?page=2000\`, 99 950 rows skipped), three single requests: ${DEEP[*]} ms. Server peak RSS ${HWM} MiB."
  echo
  echo "Commands (\$TMP a fresh temporary folder):"
  echo
  echo '```'
  echo "awk -v rows=$ROWS -f bench/gen_register.awk > \$TMP/big.csv"
  echo "/usr/bin/time -v $BIN register import \$TMP/big.csv --db \$TMP/flat.db --cache-mib 16   # and $SMALL rows into \$TMP/small.db"
  echo "$BIN demo --db \$TMP/big.db && /usr/bin/time -v $BIN register import \$TMP/big.csv --db \$TMP/big.db --cache-mib 64   # twice"
  echo "$BIN serve --db \$TMP/big.db --listen 127.0.0.1:0 --threads 2 --assets $ASSETS"
  echo "wrk -t2 -c$WC -d${SECS}s --latency --timeout 5s -H 'Cookie: cp_session=\$SESSION' http://127.0.0.1:\$PORT/case-finding   # after a ${WARM} s warm-up"
  echo '```'
  echo
  echo "<!-- register.sh:end -->"
}
report >"$TMP/report.md"
cat "$TMP/report.md"
if grep -q '<!-- register.sh:begin' "$RESULTS"; then
  awk -v f="$TMP/report.md" '
    /<!-- register.sh:begin/ { while ((getline l < f) > 0) print l; skip = 1; next }
    /<!-- register.sh:end -->/ { skip = 0; next }
    !skip { print }' "$RESULTS" >"$TMP/results.md"
  cp "$TMP/results.md" "$RESULTS"
else
  { echo; echo "## The population register and case finding (bench/register.sh)"; echo
    echo "A register of a million rows imported from CSV (streamed; row-wise; batches of 50 000 rows a transaction)"
    echo "and the case-finding worklist read from it (docs/case-finding.md). Targets from issue 7: import under"
    echo "30 s with memory flat, worklist under 50 ms median. \`make bench-register\` runs it."
    echo; cat "$TMP/report.md"; } >>"$RESULTS"
fi
say "wrote $RESULTS"
