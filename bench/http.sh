#!/usr/bin/env bash
# bench/http.sh - HTTP throughput and latency of careplan, with nginx as the ceiling.
#
# What it does (make bench builds the release binary and the assets first; this
# script builds nothing):
#   1. installs wrk and nginx with apt-get if they are missing (needs root);
#   2. makes a throw-away demo database in a temporary folder;
#   3. starts `careplan serve` on 127.0.0.1 (a free port chosen by the kernel)
#      and nginx on another free loopback port, from a minimal generated config
#      that serves the same stylesheet careplan serves;
#   4. for each target runs a wrk warm-up, then a measured wrk run with
#      --latency; every run is bounded by wrk's -d and by timeout(1);
#   5. reads careplan's peak RSS (VmHWM in /proc/PID/status), stops both
#      servers, prints a table and writes it, with the exact commands, date,
#      machine and versions, into bench/RESULTS.md between the markers
#      "<!-- http.sh:begin -->" and "<!-- http.sh:end -->" (the prose around
#      them is kept).
#
# Only loopback addresses are used.  Every wait is bounded in count and time.
#
# Tunables (environment):
#   BENCH_SECONDS   measured seconds per target            (default 10)
#   BENCH_WARMUP    warm-up seconds per target             (default 2)
#   BENCH_THREADS   wrk threads                            (default 2)
#   BENCH_CONNS     wrk connections                        (default 32)
#   BENCH_WORKERS   careplan --threads and nginx workers   (default nproc)
#   BENCH_RESULTS   file to write                          (default bench/RESULTS.md)
set -euo pipefail
cd "$(dirname "$0")/.."

SECS=${BENCH_SECONDS:-10}
WARM=${BENCH_WARMUP:-2}
WT=${BENCH_THREADS:-2}
WC=${BENCH_CONNS:-32}
WORKERS=${BENCH_WORKERS:-$(nproc)}
RESULTS=${BENCH_RESULTS:-bench/RESULTS.md}
BIN=build/release/careplan
ASSETS=build/assets
CSS=nhsuk-frontend.min.css

for v in SECS WARM WT WC WORKERS; do
  [[ ${!v} =~ ^[1-9][0-9]{0,3}$ ]] || { echo "bench: $v=${!v} must be a whole number from 1 to 9999" >&2; exit 2; }
done

say() { printf 'bench: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

# ---- tools ---------------------------------------------------------------------
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    say "these benchmark tools are missing and installing them needs root:"
    say "  apt-get install --no-install-recommends ${missing[*]}"
    die "run that as root (or with sudo), then run make bench again."
  fi
  say "installing ${missing[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  if ! timeout 600 apt-get update -qq >/tmp/careplan-bench-apt.log 2>&1 ||
     ! timeout 600 apt-get install -y -qq --no-install-recommends "${missing[@]}" >>/tmp/careplan-bench-apt.log 2>&1; then
    tail -n 5 /tmp/careplan-bench-apt.log | sed 's/^/  /' >&2
    die "could not install ${missing[*]} with apt-get (see /tmp/careplan-bench-apt.log)"
  fi
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

[[ -x $BIN ]] || die "$BIN is missing: run make bench (it builds first)"
[[ -f $ASSETS/$CSS ]] || die "$ASSETS/$CSS is missing: run make bench (it builds the assets first)"

# ---- temporary folder and cleanup --------------------------------------------------
TMP=$(mktemp -d /tmp/careplan-bench.XXXXXX)
CP_PID='' NG_PID=''
stop_pid() { # stop_pid PID: SIGTERM, wait up to 10 s, then SIGKILL
  local pid=$1 i
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  stop_pid "$CP_PID"; CP_PID=''
  stop_pid "$NG_PID"; NG_PID=''
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- careplan --------------------------------------------------------------------
"$BIN" demo --db "$TMP/bench.db" >"$TMP/demo.log" 2>&1 || { cat "$TMP/demo.log" >&2; die "careplan demo failed"; }
CP_CMD="$BIN serve --db \$TMP/bench.db --listen 127.0.0.1:0 --threads $WORKERS --assets $ASSETS"
"$BIN" serve --db "$TMP/bench.db" --listen 127.0.0.1:0 --threads "$WORKERS" --assets "$ASSETS" \
  2>"$TMP/careplan.log" &
CP_PID=$!
CP_PORT=''
for ((i = 0; i < 150; i++)); do # up to 15 s
  CP_PORT=$(grep -m1 '"event":"listening"' "$TMP/careplan.log" 2>/dev/null | grep -o '"port":[0-9]*' | cut -d: -f2 || true)
  [[ -n $CP_PORT ]] && break
  kill -0 "$CP_PID" 2>/dev/null || break
  sleep 0.1
done
[[ -n $CP_PORT ]] || { cat "$TMP/careplan.log" >&2; die "careplan did not start listening within 15 s"; }
CP_URL="http://127.0.0.1:$CP_PORT"
HWM_IDLE=$(awk '/^VmHWM:/ {print $2}' "/proc/$CP_PID/status")

# ---- nginx: a minimal config serving the same stylesheet --------------------------------
# The file is copied into a world-readable folder so that nginx workers (which
# drop to an unprivileged user when the master runs as root) can read it.
chmod 755 "$TMP"
mkdir -p "$TMP/www/assets" "$TMP/nginx-tmp"
cp "$ASSETS/$CSS" "$TMP/www/assets/$CSS"
chmod -R a+rX "$TMP/www"
port_free() { # nothing listens on 127.0.0.1:$1
  [[ -z $(ss -Hltn "( sport = :$1 )" 2>/dev/null) ]] && ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
NG_PORT=''
for ((try = 0; try < 20; try++)); do
  p=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
  port_free "$p" || continue
  user_line=''
  if [[ $(id -u) -eq 0 ]]; then
    if getent group nogroup >/dev/null; then user_line='user nobody nogroup;'; else user_line='user nobody;'; fi
  fi
  cat >"$TMP/nginx.conf" <<EOF
# generated by bench/http.sh: static files from $TMP/www on 127.0.0.1:$p
$user_line
worker_processes $WORKERS;
daemon off;
pid $TMP/nginx.pid;
error_log $TMP/nginx-error.log warn;
events { worker_connections 1024; }
http {
  types { text/css css; }
  default_type application/octet-stream;
  access_log $TMP/nginx-access.log;   # careplan logs every request too
  sendfile on;
  tcp_nopush on;
  keepalive_timeout 65;
  keepalive_requests 1000000;         # like careplan: no per-connection cap
  client_body_temp_path $TMP/nginx-tmp/body;
  proxy_temp_path $TMP/nginx-tmp/proxy;
  fastcgi_temp_path $TMP/nginx-tmp/fastcgi;
  uwsgi_temp_path $TMP/nginx-tmp/uwsgi;
  scgi_temp_path $TMP/nginx-tmp/scgi;
  server {
    listen 127.0.0.1:$p;
    root $TMP/www;
  }
}
EOF
  "$NGINX" -e "$TMP/nginx-error.log" -p "$TMP" -c "$TMP/nginx.conf" &
  NG_PID=$!
  for ((i = 0; i < 50; i++)); do # up to 5 s
    kill -0 "$NG_PID" 2>/dev/null || break
    curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:$p/assets/$CSS" 2>/dev/null && { NG_PORT=$p; break; }
    sleep 0.1
  done
  [[ -n $NG_PORT ]] && break
  stop_pid "$NG_PID"; NG_PID=''
done
[[ -n $NG_PORT ]] || { cat "$TMP/nginx-error.log" >&2 2>/dev/null; die "nginx did not start on a loopback port"; }
NG_URL="http://127.0.0.1:$NG_PORT"
NG_CMD="nginx -e \$TMP/nginx-error.log -p \$TMP -c \$TMP/nginx.conf (worker_processes $WORKERS, sendfile on, access_log on)"

# ---- keep-alive check: two requests must share one connection, no "Connection: close" ----
keepalive() { # keepalive URL: prints ok or what failed
  local out
  out=$(curl -sv --max-time 10 -o /dev/null -o /dev/null "$1" "$1" 2>&1) || { echo "curl failed"; return; }
  if grep -qi '^< connection: close' <<<"$out"; then echo 'server sent "Connection: close"'
  elif ! grep -qiE 're-?using existing connection' <<<"$out"; then echo "connection not reused"
  else echo ok; fi
}

# ---- CPU time of a server (all threads; nginx: master and workers) ----------------------------
TCK=$(getconf CLK_TCK)
server_pids() { # server_pids PID: PID and its children
  echo "$1"; ps -o pid= --ppid "$1" 2>/dev/null | tr -d ' ' || true
}
cpu_ticks() { # cpu_ticks PID...: utime + stime in clock ticks, summed
  local p t=0 f
  for p in "$@"; do
    f=$(sed 's/^.*) //' "/proc/$p/stat" 2>/dev/null) || continue
    t=$((t + $(awk '{print $12 + $13}' <<<"$f")))
  done
  echo "$t"
}

# ---- wrk ------------------------------------------------------------------------------
# run_wrk NAME URL: warm-up, then the measured run; sets R_* for the table.
declare -A RPS P50 P99 AVG XFER REQS ERRS NON2XX CMD KA CPU
run_wrk() { # run_wrk NAME URL SERVER_PID
  local name=$1 url=$2 out f t0 t1 w0 w1 pids
  KA[$name]=$(keepalive "$url")
  timeout $((WARM + 30)) wrk -t"$WT" -c"$WC" -d"${WARM}s" "$url" >/dev/null 2>&1 || die "wrk warm-up against $url failed"
  CMD[$name]="wrk -t$WT -c$WC -d${SECS}s --latency --timeout 5s $url"
  f="$TMP/wrk-$name.txt"
  mapfile -t pids < <(server_pids "$3")
  t0=$(cpu_ticks "${pids[@]}") w0=$(date +%s%N)
  timeout $((SECS + 30)) wrk -t"$WT" -c"$WC" -d"${SECS}s" --latency --timeout 5s "$url" >"$f" 2>&1 ||
    { cat "$f" >&2; die "wrk against $url failed"; }
  t1=$(cpu_ticks "${pids[@]}") w1=$(date +%s%N)
  # server CPU over the run, 100% = one core busy throughout
  CPU[$name]=$(awk -v t="$((t1 - t0))" -v k="$TCK" -v w="$((w1 - w0))" 'BEGIN {printf "%.0f%%", 100 * t / k / (w / 1e9)}')
  out=$(cat "$f")
  RPS[$name]=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  XFER[$name]=$(awk '/^Transfer\/sec:/ {print $2}' <<<"$out")
  AVG[$name]=$(awk '$1 == "Latency" && NF >= 4 {print $2; exit}' <<<"$out")
  P50[$name]=$(awk '$1 == "50%" {print $2}' <<<"$out")
  P99[$name]=$(awk '$1 == "99%" {print $2}' <<<"$out")
  REQS[$name]=$(awk '/requests in/ {print $1}' <<<"$out")
  ERRS[$name]=$(awk '/Socket errors:/ {sub(/^ *Socket errors: */, ""); print}' <<<"$out")
  ERRS[$name]=${ERRS[$name]:-none}
  NON2XX[$name]=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out")
  NON2XX[$name]=${NON2XX[$name]:-0}
  say "$name: ${RPS[$name]} req/s, p50 ${P50[$name]}, p99 ${P99[$name]}, server CPU ${CPU[$name]}, socket errors ${ERRS[$name]}, non-2xx ${NON2XX[$name]}, keep-alive ${KA[$name]}"
}

say "careplan on $CP_URL (pid $CP_PID), nginx on $NG_URL (pid $NG_PID); ${WARM}s warm-up + ${SECS}s per target"
run_wrk careplan-login "$CP_URL/login" "$CP_PID"
run_wrk careplan-css "$CP_URL/assets/$CSS" "$CP_PID"
kill -0 "$CP_PID" 2>/dev/null || { tail -n 5 "$TMP/careplan.log" >&2; die "careplan exited during the run"; }
HWM=$(awk '/^VmHWM:/ {print $2}' "/proc/$CP_PID/status")
RSS=$(awk '/^VmRSS:/ {print $2}' "/proc/$CP_PID/status")
run_wrk nginx-css "$NG_URL/assets/$CSS" "$NG_PID"

CP_WARN=$(grep -c '"level":"\(warn\|error\)"' "$TMP/careplan.log" || true)
LOGIN_BYTES=$(curl -s --max-time 5 -o /dev/null -w '%{size_download}' "$CP_URL/login" 2>/dev/null || true)
CP_LOGMB=$(awk -v b="$(stat -c %s "$TMP/careplan.log")" 'BEGIN {printf "%.0f", b / 1048576}')
stop_pid "$CP_PID"; CP_PID=''
stop_pid "$NG_PID"; NG_PID=''

# ---- report ----------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f%%", 100 * a / b; else print "n/a" }'; }
CSS_BYTES=$(stat -c %s "$ASSETS/$CSS")
DATE=$(date -u '+%Y-%m-%d %H:%M UTC')
CPU_MODEL=$(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo)
MEM=$(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
V_CP=$("$BIN" version 2>/dev/null | head -n1 || true)
V_WRK=$(wrk -v 2>&1 | head -n1 | awk '{print $1, $2}' || true) # wrk -v exits 1
V_NGINX=$("$NGINX" -v 2>&1 | sed 's/^nginx version: //' || true)
V_MHD=$(pkg-config --modversion libmicrohttpd 2>/dev/null || echo '?')
V_SQLITE=$(pkg-config --modversion sqlite3 2>/dev/null || echo '?')
V_CC=$(${CC:-cc} --version 2>/dev/null | head -n1 || true)

row() { printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$@"; }
table() {
  row "target" "requests" "req/s" "lat avg" "lat p50" "lat p99" "transfer/s" "server CPU" "socket errors / non-2xx" "keep-alive"
  row "---" "---:" "---:" "---:" "---:" "---:" "---:" "---:" "---" "---"
  row "careplan GET /login (${LOGIN_BYTES:-?} B)" "${REQS[careplan-login]}" "${RPS[careplan-login]}" "${AVG[careplan-login]}" "${P50[careplan-login]}" "${P99[careplan-login]}" "${XFER[careplan-login]}" "${CPU[careplan-login]}" "${ERRS[careplan-login]} / ${NON2XX[careplan-login]}" "${KA[careplan-login]}"
  row "careplan GET /assets/$CSS" "${REQS[careplan-css]}" "${RPS[careplan-css]}" "${AVG[careplan-css]}" "${P50[careplan-css]}" "${P99[careplan-css]}" "${XFER[careplan-css]}" "${CPU[careplan-css]}" "${ERRS[careplan-css]} / ${NON2XX[careplan-css]}" "${KA[careplan-css]}"
  row "nginx GET /assets/$CSS (ceiling)" "${REQS[nginx-css]}" "${RPS[nginx-css]}" "${AVG[nginx-css]}" "${P50[nginx-css]}" "${P99[nginx-css]}" "${XFER[nginx-css]}" "${CPU[nginx-css]}" "${ERRS[nginx-css]} / ${NON2XX[nginx-css]}" "${KA[nginx-css]}"
}

section() {
  echo "<!-- http.sh:begin (generated by bench/http.sh; everything up to the end marker is replaced on each run) -->"
  echo "### Latest run: $DATE"
  echo
  echo "Machine: $(nproc) CPUs ($CPU_MODEL), $MEM RAM, Linux $(uname -r).  wrk and both servers share these CPUs; load average before the run: $LOAD_BEFORE (1, 5, 15 min)."
  echo "Versions: $V_CP; libmicrohttpd $V_MHD; SQLite $V_SQLITE; $V_CC; $V_WRK; $V_NGINX."
  echo
  table
  echo
  echo "- server CPU: CPU time of the server process(es) during the measured run; 100% = one core busy throughout."
  echo "- careplan stylesheet throughput is $(ratio "${RPS[careplan-css]}" "${RPS[nginx-css]}") of nginx's on the same file ($CSS_BYTES bytes)."
  echo "- careplan peak RSS (VmHWM): $((HWM_IDLE / 1024)) MiB after start-up, $((HWM / 1024)) MiB after both careplan runs (VmRSS then $((RSS / 1024)) MiB)."
  echo "- careplan wrote ${CP_LOGMB} MiB of access log during the runs (one JSON line per request, to a file); warn/error lines: $CP_WARN."
  echo
  echo "Commands (\$TMP is a fresh temporary folder; each measured run follows a ${WARM} s warm-up with the same wrk options):"
  echo
  echo '```'
  echo "make bench   # = make MODE=release all && bench/http.sh"
  echo "$BIN demo --db \$TMP/bench.db"
  echo "$CP_CMD"
  echo "$NG_CMD"
  echo "${CMD[careplan-login]}"
  echo "${CMD[careplan-css]}"
  echo "${CMD[nginx-css]}"
  echo '```'
  echo "<!-- http.sh:end -->"
}

echo
table
echo
echo "careplan peak RSS (VmHWM): $((HWM / 1024)) MiB; css: $(ratio "${RPS[careplan-css]}" "${RPS[nginx-css]}") of nginx"

section >"$TMP/section.md"
if [[ ! -f $RESULTS ]]; then
  # shellcheck disable=SC2016 # the backquotes are Markdown
  printf '# Benchmark results\n\nFigures from bench/http.sh (run with `make bench`).\n\n' >"$RESULTS"
fi
if grep -q '^<!-- http.sh:begin' "$RESULTS" && grep -q '^<!-- http.sh:end -->' "$RESULTS"; then
  awk -v sec="$TMP/section.md" '
    /^<!-- http.sh:begin/ { while ((getline line < sec) > 0) print line; skip = 1; next }
    /^<!-- http.sh:end -->/ { skip = 0; next }
    !skip { print }' "$RESULTS" >"$TMP/results.new"
else
  { cat "$RESULTS"; echo; cat "$TMP/section.md"; } >"$TMP/results.new"
fi
cat "$TMP/results.new" >"$RESULTS"
say "figures written to $RESULTS"
