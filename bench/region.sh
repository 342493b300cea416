#!/usr/bin/env bash
# bench/region.sh - page latency of careplan over HTTP on a region-sized database.
#
# What it does (make bench / make bench-region build the release binary, the
# assets and build/release/gen_region first; this script builds nothing):
#   1. installs wrk with apt-get if it is missing (needs root);
#   2. makes bench/out/region.db with build/release/gen_region when it is
#      missing (or BENCH_REGEN=1), and reads bench/out/region.db.info: the key
#      worker with the biggest caseload, an episode of theirs with an agreed
#      plan, a common family-name prefix;
#   3. copies the database into a temporary folder (every page a signed-in
#      user reads writes an audit row; the generated file stays as made);
#   4. starts `careplan serve` on 127.0.0.1 (a free port chosen by the kernel)
#      and signs in as that key worker over HTTP: GET /login for the CSRF
#      cookie and field, then POST the form; the session cookie goes on every
#      wrk request;
#   5. for each target, once the server is idle, checks the status with curl: a 404 is reported as "not
#      available" (pages still being built on other branches), any other
#      answer but 200 stops the script; then a wrk warm-up and a measured wrk
#      run with --latency, each bounded by wrk's -d and by timeout(1);
#   6. keeps careplan's log of the run in bench/out/region-serve.log;
#   7. prints a table and writes it, with the exact commands, date, machine,
#      versions, the generator's time and the database's size, into
#      bench/RESULTS.md between "<!-- region.sh:begin -->" and
#      "<!-- region.sh:end -->" (the text around them is kept).
#
# Only loopback addresses are used.  Every wait is bounded in count and time.
#
# Tunables (environment):
#   BENCH_SECONDS   measured seconds per target            (default 10)
#   BENCH_WARMUP    warm-up seconds per target             (default 2)
#   BENCH_THREADS   wrk threads                            (default 2)
#   BENCH_CONNS     wrk connections                        (default 8)
#   BENCH_WORKERS   careplan --threads                     (default nproc)
#   BENCH_REGEN     1: make the database again             (default 0)
#   BENCH_DB        the generated database                 (default bench/out/region.db)
#   BENCH_BIN       the careplan binary to measure         (default build/release/careplan)
#   BENCH_RESULTS   file to write                          (default bench/RESULTS.md)
set -euo pipefail
cd "$(dirname "$0")/.."

SECS=${BENCH_SECONDS:-10}
WARM=${BENCH_WARMUP:-2}
WT=${BENCH_THREADS:-2}
WC=${BENCH_CONNS:-8}
WORKERS=${BENCH_WORKERS:-$(nproc)}
REGEN=${BENCH_REGEN:-0}
DB=${BENCH_DB:-bench/out/region.db}
RESULTS=${BENCH_RESULTS:-bench/RESULTS.md}
BIN=${BENCH_BIN:-build/release/careplan}
GEN=build/release/gen_region
ASSETS=build/assets

for v in SECS WARM WT WC WORKERS; do
  [[ ${!v} =~ ^[1-9][0-9]{0,3}$ ]] || { echo "bench: $v=${!v} must be a whole number from 1 to 9999" >&2; exit 2; }
done
[[ $REGEN == 0 || $REGEN == 1 ]] || { echo "bench: BENCH_REGEN=$REGEN must be 0 or 1" >&2; exit 2; }

say() { printf 'bench: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

# ---- tools ---------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
  if [[ $(id -u) -ne 0 ]]; then
    say "wrk is missing and installing it needs root:"
    say "  apt-get install --no-install-recommends wrk"
    die "run that as root (or with sudo), then run make bench-region again."
  fi
  say "installing wrk with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  if ! timeout 600 apt-get update -qq >/tmp/careplan-bench-apt.log 2>&1 ||
     ! timeout 600 apt-get install -y -qq --no-install-recommends wrk >>/tmp/careplan-bench-apt.log 2>&1; then
    tail -n 5 /tmp/careplan-bench-apt.log | sed 's/^/  /' >&2
    die "could not install wrk with apt-get (see /tmp/careplan-bench-apt.log)"
  fi
fi
command -v curl >/dev/null || die "curl is missing: apt-get install curl"
[[ -x $BIN ]] || die "$BIN is missing: run make bench-region (it builds first)"
[[ -x $GEN ]] || die "$GEN is missing: run make bench-region (it builds first)"
[[ -d $ASSETS ]] || die "$ASSETS is missing: run make bench-region (it builds the assets first)"

# ---- the database ----------------------------------------------------------------
GEN_CMD="$GEN --db $DB"
if [[ $REGEN == 1 || ! -f $DB || ! -f $DB.info ]]; then
  mkdir -p "$(dirname "$DB")"
  rm -f "$DB" "$DB.info" "$DB-wal" "$DB-shm"
  say "making $DB with $GEN (a few minutes at most)"
  timeout 1800 "$GEN" --db "$DB" | tee "$DB.log" >&2 || die "$GEN failed"
fi
info() { # info KEY: the value from $DB.info
  local v
  v=$(sed -n "s/^$1=//p" "$DB.info" | head -n1)
  [[ -n $v ]] || die "$DB.info has no $1: make it again with BENCH_REGEN=1"
  printf '%s' "$v"
}
KW=$(info keyworker) KW_CASELOAD=$(info keyworker_caseload) KW_TEAM=$(info keyworker_team) PLAN_EP=$(info plan_episode)
PLAN_PERSON=$(info plan_person) PREFIX=$(info search_prefix)
GEN_SECS=$(info seconds) GEN_BYTES=$(info bytes) GEN_SEED=$(info seed)
N_PEOPLE=$(info people) N_EPISODES=$(info episodes) N_AUDIT=$(info audit)
[[ $KW =~ ^[a-z0-9.]+$ && $KW_TEAM =~ ^[0-9]+$ && $PLAN_EP =~ ^[0-9]+$ && $PLAN_PERSON =~ ^[0-9]+$ && $PREFIX =~ ^[A-Za-z]+$ ]] ||
  die "$DB.info looks wrong: make it again with BENCH_REGEN=1"
PASSWORD=$(sed -n 's/^#define DEMO_PASSWORD "\(.*\)"$/\1/p' src/domain/demo.h)
[[ -n $PASSWORD ]] || die "cannot read DEMO_PASSWORD from src/domain/demo.h"
GEN_SUMMARY=''
[[ -f $DB.log ]] && GEN_SUMMARY=$(cat "$DB.log")

# ---- temporary folder and cleanup --------------------------------------------------
TMP=$(mktemp -d /tmp/careplan-region.XXXXXX)
CP_PID=''
stop_pid() { # stop_pid PID: SIGTERM, wait up to 30 s (the WAL checkpoint), then SIGKILL
  local pid=$1 i
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 300; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  stop_pid "$CP_PID"; CP_PID=''
  # The server's log of the last run is kept beside the database, for a look afterwards.
  [[ -f $TMP/careplan.log ]] && cp "$TMP/careplan.log" "${DB%.db}-serve.log" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cp --reflink=auto "$DB" "$TMP/region.db"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- careplan --------------------------------------------------------------------
CP_CMD="$BIN serve --db \$TMP/region.db --listen 127.0.0.1:0 --threads $WORKERS --assets $ASSETS"
"$BIN" serve --db "$TMP/region.db" --listen 127.0.0.1:0 --threads "$WORKERS" --assets "$ASSETS" \
  2>"$TMP/careplan.log" &
CP_PID=$!
CP_PORT=''
for ((i = 0; i < 300; i++)); do # up to 30 s
  CP_PORT=$(grep -m1 '"event":"listening"' "$TMP/careplan.log" 2>/dev/null | grep -o '"port":[0-9]*' | cut -d: -f2 || true)
  [[ -n $CP_PORT ]] && break
  kill -0 "$CP_PID" 2>/dev/null || break
  sleep 0.1
done
[[ -n $CP_PORT ]] || { tail -n 20 "$TMP/careplan.log" >&2; die "careplan did not start listening within 30 s"; }
CP_URL="http://127.0.0.1:$CP_PORT"

# ---- sign in: the key worker, their team's manager, the commissioner ----------------------
# signin USER: prints the cp_session cookie of a fresh sign-in as USER.
signin() {
  local user=$1 jar="$TMP/cookies-$1.txt" page csrf status session
  page=$(curl -fsS --max-time 10 -c "$jar" "$CP_URL/login") || die "GET /login failed"
  csrf=$(grep -o 'name="csrf" value="[0-9a-f]*"' <<<"$page" | head -n1 | sed 's/.*value="//; s/"$//')
  [[ -n $csrf ]] || die "no csrf field on /login"
  status=$(curl -sS --max-time 30 -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" \
    --data-urlencode "csrf=$csrf" --data-urlencode "username=$user" --data-urlencode "password=$PASSWORD" \
    "$CP_URL/login") || die "POST /login failed"
  [[ $status == 303 ]] || die "signing in as $user answered $status, not 303"
  session=$(awk '$6 == "cp_session" {print $7}' "$jar" | tail -n1)
  [[ -n $session ]] || die "no cp_session cookie after signing in as $user"
  printf '%s' "$session"
}
MGR=$(printf 'manager.t%02d' "$KW_TEAM")
declare -A COOKIES
COOKIES[kw]="Cookie: cp_session=$(signin "$KW")"
COOKIES[mgr]="Cookie: cp_session=$(signin "$MGR")"
COOKIES[comm]="Cookie: cp_session=$(signin commissioner)"
declare -A WHO_NAME=([kw]=$KW [mgr]=$MGR [comm]=commissioner)
say "careplan on $CP_URL (pid $CP_PID), signed in as $KW (caseload $KW_CASELOAD), $MGR and commissioner; ${WARM}s warm-up + ${SECS}s per target"

# ---- targets -----------------------------------------------------------------------------
# name|path|what|who (kw, mgr, comm)|target median ms|target p99 ms
# (the search last of the key worker's pages: it is the slowest, see wait_idle).
# The dashboards read every episode, plan, review, questionnaire and hospital
# event of the team (or the region) at each request: their targets are wider.
TARGETS=(
  "worklist|/worklist|the key worker's own worklist ($KW_CASELOAD open episodes)|kw|20|50"
  "worklist-team|/worklist/team|the team worklist|kw|20|50"
  "person|/people/$PLAN_PERSON|a person's page|kw|20|50"
  "episode|/episodes/$PLAN_EP|an episode's page (history, referral, consents, care team)|kw|20|50"
  "plan|/episodes/$PLAN_EP/plan|the episode's care plan (agreed, goals and actions)|kw|20|50"
  "people-search|/people?name=$PREFIX|person search by the start of a common family name (\"$PREFIX\")|kw|20|50"
  "dashboard|/dashboard|the team manager's dashboard ($MGR: their team, 12 months)|mgr|100|200"
  "dashboard-24|/dashboard?months=24|the same over 24 months|mgr|100|200"
  "service|/service|the commissioner's service figures (every team, small numbers hidden)|comm|100|200"
  "service-csv|/service.csv|the same as CSV|comm|100|200"
)

declare -A RPS P50 P99 AVG REQS ERRS NON2XX CMD STATUS BYTES VERDICT FIRST
ms() { # ms "1.23ms" | "456.00us" | "1.20s": milliseconds
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v }
    else if (v ~ /m$/) { sub(/m$/, "", v); printf "%.3f", v * 60000 }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.3f", v * 1000 }
    else print "" }'
}
run_target() { # run_target NAME PATH WHO P50_MS P99_MS
  local name=$1 url=$CP_URL$2 COOKIE=${COOKIES[$3]} ta=$4 tb=$5 f out p50 p99
  # The first request of a page: for the dashboards, the one that works the figures out
  # (later ones within a minute are served from memory, docs/outcomes.md).
  local first
  first=$(curl -sS --max-time 60 -o "$TMP/page-$name.html" -w '%{http_code} %{time_total}' -H "$COOKIE" "$url" || echo 000)
  STATUS[$name]=${first%% *}
  FIRST[$name]=$(awk -v s="${first#* }" 'BEGIN {printf "%.0fms", s * 1000}')
  BYTES[$name]=$(stat -c %s "$TMP/page-$name.html" 2>/dev/null || echo 0)
  CMD[$name]="wrk -t$WT -c$WC -d${SECS}s --latency --timeout 5s -H 'Cookie: cp_session=\$SESSION' $url"
  if [[ ${STATUS[$name]} == 404 ]]; then
    VERDICT[$name]="not available (404: not built on this branch yet)"
    say "$name: $2 answered 404: not available"
    return 0
  fi
  [[ ${STATUS[$name]} == 200 ]] || { tail -n 5 "$TMP/careplan.log" >&2; die "$name: $url answered ${STATUS[$name]}, not 200"; }
  timeout $((WARM + 60)) wrk -t"$WT" -c"$WC" -d"${WARM}s" --timeout 5s -H "$COOKIE" "$url" >/dev/null 2>&1 ||
    die "wrk warm-up against $url failed"
  f="$TMP/wrk-$name.txt"
  timeout $((SECS + 60)) wrk -t"$WT" -c"$WC" -d"${SECS}s" --latency --timeout 5s -H "$COOKIE" "$url" >"$f" 2>&1 ||
    { cat "$f" >&2; die "wrk against $url failed"; }
  out=$(cat "$f")
  RPS[$name]=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  AVG[$name]=$(awk '$1 == "Latency" && NF >= 4 {print $2; exit}' <<<"$out")
  P50[$name]=$(awk '$1 == "50%" {print $2}' <<<"$out")
  P99[$name]=$(awk '$1 == "99%" {print $2}' <<<"$out")
  REQS[$name]=$(awk '/requests in/ {print $1}' <<<"$out")
  ERRS[$name]=$(awk '/Socket errors:/ {sub(/^ *Socket errors: */, ""); print}' <<<"$out")
  ERRS[$name]=${ERRS[$name]:-none}
  NON2XX[$name]=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out")
  NON2XX[$name]=${NON2XX[$name]:-0}
  p50=$(ms "${P50[$name]}") p99=$(ms "${P99[$name]}")
  VERDICT[$name]=$(awk -v a="$p50" -v b="$p99" -v ta="$ta" -v tb="$tb" 'BEGIN {
    if (a == "" || b == "") { print "?"; exit }
    m = (a < ta) ? "median met" : "median MISSED"; p = (b < tb) ? "p99 met" : "p99 MISSED"
    print m " (< " ta " ms), " p " (< " tb " ms)" }')
  say "$name: ${RPS[$name]} req/s, p50 ${P50[$name]}, p99 ${P99[$name]} (${VERDICT[$name]}), socket errors ${ERRS[$name]}, non-2xx ${NON2XX[$name]}"
}
# wait_idle: waits (up to 60 s) until careplan has used no CPU for half a
# second, so that requests still queued from one target when wrk stops (a slow
# page can leave several) are not counted against the next.
wait_idle() {
  local i a b
  for ((i = 0; i < 120; i++)); do
    a=$(awk '{print $14 + $15}' "/proc/$CP_PID/stat" 2>/dev/null) || return 0
    sleep 0.5
    b=$(awk '{print $14 + $15}' "/proc/$CP_PID/stat" 2>/dev/null) || return 0
    ((b - a <= 1)) && return 0
  done
  say "careplan was still busy after 60 s; going on"
}
for t in "${TARGETS[@]}"; do
  IFS='|' read -r name path _ who ta tb <<<"$t"
  wait_idle
  run_target "$name" "$path" "$who" "$ta" "$tb"
  kill -0 "$CP_PID" 2>/dev/null || { tail -n 5 "$TMP/careplan.log" >&2; die "careplan exited during the run"; }
done
HWM=$(awk '/^VmHWM:/ {print $2}' "/proc/$CP_PID/status")
CP_WARN=$(grep -c '"level":"\(warn\|error\)"' "$TMP/careplan.log" || true)
stop_pid "$CP_PID"; CP_PID=''

# ---- report ----------------------------------------------------------------------------
DATE=$(date -u '+%Y-%m-%d %H:%M UTC')
CPU_MODEL=$(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo)
MEM=$(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
V_CP=$("$BIN" version 2>/dev/null | head -n1 || true)
V_WRK=$(wrk -v 2>&1 | head -n1 | awk '{print $1, $2}' || true) # wrk -v exits 1
V_SQLITE=$(pkg-config --modversion sqlite3 2>/dev/null || echo '?')
GEN_MIB=$(awk -v b="$GEN_BYTES" 'BEGIN {printf "%.0f", b / 1048576}')

row() { printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$@"; }
table() {
  row "target" "page" "first request" "requests" "req/s" "lat avg" "lat p50" "lat p99" "socket errors / non-2xx" "against the target (median, p99)"
  row "---" "---" "---:" "---:" "---:" "---:" "---:" "---:" "---" "---"
  local t name path what
  for t in "${TARGETS[@]}"; do
    IFS='|' read -r name path what _ <<<"$t"
    if [[ ${STATUS[$name]} == 404 ]]; then
      row "\`GET $path\`" "$what" "–" "–" "–" "–" "–" "–" "–" "${VERDICT[$name]}"
    else
      row "\`GET $path\` (${BYTES[$name]} B)" "$what" "${FIRST[$name]}" "${REQS[$name]}" "${RPS[$name]}" "${AVG[$name]}" "${P50[$name]}" "${P99[$name]}" "${ERRS[$name]} / ${NON2XX[$name]}" "${VERDICT[$name]}"
    fi
  done
}

section() {
  echo "<!-- region.sh:begin (generated by bench/region.sh; everything up to the end marker is replaced on each run) -->"
  echo "### Latest run: $DATE"
  echo
  echo "Machine: $(nproc) CPUs ($CPU_MODEL), $MEM RAM, Linux $(uname -r).  wrk and careplan share these CPUs; load average before the run: $LOAD_BEFORE (1, 5, 15 min)."
  echo "Versions: $V_CP; SQLite $V_SQLITE; $V_WRK."
  echo
  echo "Database: \`$DB\` from \`gen_region\` (seed $GEN_SEED): $N_PEOPLE people, $N_EPISODES episodes, $N_AUDIT audit rows; $GEN_MIB MiB, made in $GEN_SECS s.  Signed in as \`$KW\`, a key worker with $KW_CASELOAD open episodes; the dashboards as \`$MGR\` (their team manager) and \`commissioner\`."
  echo
  table
  echo
  echo "- careplan peak RSS (VmHWM) over the whole run: $((HWM / 1024)) MiB; warn/error log lines: $CP_WARN."
  if [[ -n $GEN_SUMMARY ]]; then
    echo "- What the generator made (its own summary):"
    echo
    echo '```'
    echo "$GEN_SUMMARY"
    echo '```'
  fi
  echo
  echo "Commands (\$TMP is a fresh temporary folder, \$SESSION the session cookie from signing in with curl; each measured run follows a ${WARM} s warm-up with the same wrk options):"
  echo
  echo '```'
  echo "make bench-region   # = make MODE=release all build/release/gen_region && bench/region.sh"
  echo "$GEN_CMD   # when missing, or BENCH_REGEN=1"
  echo "cp $DB \$TMP/region.db"
  echo "$CP_CMD"
  echo "curl -c \$TMP/cookies.txt $CP_URL/login   # then POST /login with csrf, username=$KW ($MGR, commissioner for the dashboards), the demo password"
  local t name
  for t in "${TARGETS[@]}"; do
    IFS='|' read -r name _ _ <<<"$t"
    if [[ ${STATUS[$name]} == 404 ]]; then echo "# ${CMD[$name]}   (not run: 404)"; else echo "${CMD[$name]}"; fi
  done
  echo '```'
  echo "<!-- region.sh:end -->"
}

echo
table
echo

section >"$TMP/section.md"
if [[ ! -f $RESULTS ]]; then
  # shellcheck disable=SC2016 # the backquotes are Markdown
  printf '# Benchmark results\n\nFigures from bench/region.sh (run with `make bench-region`).\n\n' >"$RESULTS"
fi
if grep -q '^<!-- region.sh:begin' "$RESULTS" && grep -q '^<!-- region.sh:end -->' "$RESULTS"; then
  awk -v sec="$TMP/section.md" '
    /^<!-- region.sh:begin/ { while ((getline line < sec) > 0) print line; skip = 1; next }
    /^<!-- region.sh:end -->/ { skip = 0; next }
    !skip { print }' "$RESULTS" >"$TMP/results.new"
else
  { cat "$RESULTS"; echo; cat "$TMP/section.md"; } >"$TMP/results.new"
fi
cat "$TMP/results.new" >"$RESULTS"
say "figures written to $RESULTS"
