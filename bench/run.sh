#!/usr/bin/env bash
# The Cases benchmarks of docs/benchmarks.md, on SQLite and on PostgreSQL, against the published Release build:
#   bash bench/run.sh
# For each provider: a fresh database; the app started once (migrations, demo organisation and sign-ins), stopped;
# 1,000,000 cases seeded; the app started again; then
#   (a) intake through POST /api/cases for 20 s (weimin-bench intake),
#   (b) wrk -t2 -c64 -d15s --latency on the public tracking page of a seeded case and on /bench/bare (the same
#       middleware pipeline with a static body), in the same run,
#   (c) the "becoming overdue today" query (weimin-bench query) and the staff overdue list /cases?queue=overdue
#       signed in as secretariat (curl, 20 requests).
# Knobs (environment): BENCH_CASES=1000000 BENCH_PROVIDERS="Sqlite Postgres" BENCH_PORT=55710 BENCH_PGPORT=55700
#   BENCH_INTAKE_SECONDS=20 BENCH_INTAKE_CONCURRENCY="4 16" BENCH_WRK_SECONDS=15 BENCH_OUT=<dir for logs> BENCH_KEEP=1 (keep data)
# Everything listens on 127.0.0.1 only; every loop is bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

CASES=${BENCH_CASES:-1000000}
PROVIDERS=${BENCH_PROVIDERS:-"Sqlite Postgres"}
PORT=${BENCH_PORT:-55710}
PGPORT=${BENCH_PGPORT:-55700}
INTAKE_SECONDS=${BENCH_INTAKE_SECONDS:-20}
INTAKE_CONCURRENCY=${BENCH_INTAKE_CONCURRENCY:-"4 16"}
WRK_SECONDS=${BENCH_WRK_SECONDS:-15}
OUT=${BENCH_OUT:-$(mktemp -d /tmp/weimin-bench.XXXXXX)}
mkdir -p "$OUT"
BASE="http://127.0.0.1:$PORT"
echo "== logs and results in $OUT"

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v curl >/dev/null || missing+=(curl)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

echo "== $(git -C "$ROOT" log --oneline -1 | cut -c1-100)"
echo "== machine: $(nproc) cores, $(free -h | awk '/^Mem:/ {print $2}') memory, $(dotnet --version) SDK, $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
echo "== publish (Release) and build the bench tool"
APP="$OUT/app"
dotnet publish src/Weimin -c Release -o "$APP" -nologo -v q -clp:ErrorsOnly >/dev/null
dotnet build bench/Weimin.Bench -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
bench() { dotnet "$ROOT/bench/Weimin.Bench/bin/Release/net10.0/Weimin.Bench.dll" "$@"; }

APP_PID=""
PGROOT=""
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg() { if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$PGROOT"; runuser -u postgres -- "$@"; else "$@"; fi; }
stop_app() {
  if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; APP_PID=""; fi
}
stop_pg() {
  if [ -n "$PGROOT" ]; then cp "$PGROOT/log" "$OUT/postgres-slow-statements.log" 2>/dev/null || true; as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -m fast -w stop >/dev/null 2>&1 || true; rm -rf "$PGROOT"; PGROOT=""; fi
}
cleanup() {
  stop_app
  stop_pg
  if [ "${BENCH_KEEP:-0}" != 1 ]; then
    rm -rf "$OUT"/data-* "$APP"
    # The request log has one line per request (about 1 GB per provider): keep its end only.
    for f in "$OUT"/app-*.log; do [ -f "$f" ] && tail -n 200 "$f" >"$f.tail" && mv "$f.tail" "$f"; done
  fi
}
trap cleanup EXIT

start_app() { # provider connection-string data-dir log
  (cd "$APP" && exec env ASPNETCORE_ENVIRONMENT=Production \
      Weimin__Database__Provider="$1" Weimin__Database__ConnectionString="$2" Weimin__DataDirectory="$3" \
      Weimin__Demo__Enabled=true Weimin__Bench__Enabled=true \
      Weimin__Tracking__PermitsPerMinute=100000000 \
      Logging__LogLevel__Default=Warning \
      dotnet Weimin.dll --urls "$BASE") >>"$4" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 240); do
    if curl -fs "$BASE/healthz" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$APP_PID" 2>/dev/null; then echo "the app exited; log: $4"; tail -30 "$4"; exit 1; fi
    sleep 0.5
  done
  echo "the app did not answer /healthz within 120 s; log: $4"; tail -30 "$4"; exit 1
}

start_pg() {
  PGROOT=$(mktemp -d /tmp/weimin-benchpg.XXXXXX)
  echo "== starting PostgreSQL ($("$PGBIN/postgres" --version)) on 127.0.0.1:$PGPORT (settings as .ci/run)"
  as_pg "$PGBIN/initdb" -D "$PGROOT/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/log" -w -t 30 \
    -o "-p $PGPORT -k $PGROOT -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c log_min_duration_statement=50" start >/dev/null
  psql -h 127.0.0.1 -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 -qc "CREATE DATABASE weimin_bench"
}

# The machine's load average (other work on the same 2 cores skews every figure): into the results.
load() { echo "load $(cut -d' ' -f1-3 /proc/loadavg) $1" >>"$RESULTS"; }

# CPU used by the app (and by PostgreSQL's processes), in ms: per request it does not depend on what else the machine runs.
CLK=$(getconf CLK_TCK)
cpu_ms() {
  local pids=("$APP_PID")
  if [ -n "$PGROOT" ] && [ -f "$PGROOT/data/postmaster.pid" ]; then
    local pm; pm=$(head -1 "$PGROOT/data/postmaster.pid"); pids+=("$pm"); pids+=($(ps -o pid= --ppid "$pm" 2>/dev/null || true))
  fi
  local t=0 p
  for p in "${pids[@]}"; do [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done
  echo $((t * 1000 / CLK))
}

# wrk's summary → "req/s p50 p99 non2xx cpu-ms per request"
wrk_run() { # name url-or-base [lua]
  local name=$1 url=$2 lua=${3:-}
  local log="$OUT/wrk-$P-$name.log"
  local args=(-t2 -c64 --latency)
  [ -n "$lua" ] && args+=(-s "$lua")
  local c0 c1; c0=$(cpu_ms)
  wrk "${args[@]}" -d"${WRK_SECONDS}s" "$url" >"$log" 2>&1
  c1=$(cpu_ms)
  local rps p50 p99 non2xx n
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$log")
  p50=$(awk '$1=="50%" {print $2}' "$log")
  p99=$(awk '$1=="99%" {print $2}' "$log")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$log"); non2xx=${non2xx:-0}
  n=$(awk '/requests in/ {print $1}' "$log")
  echo "$name req_per_s=$rps p50=$p50 p99=$p99 non2xx=$non2xx cpu_ms_per_req=$(awk -v c=$((c1 - c0)) -v n="${n:-0}" 'BEGIN {printf "%.3f", n ? c / n : 0}')" | tee -a "$RESULTS"
}

signin() { # user cookie-jar
  local jar=$2 token
  token=$(curl -fs -c "$jar" -b "$jar" "$BASE/account/login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//; s/"$//' | head -1)
  curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "UserName=$1" --data-urlencode "Password=Weimin-demo-1" \
    --data-urlencode "__RequestVerificationToken=$token" "$BASE/account/login"
}

for P in $PROVIDERS; do
  echo
  echo "=================== $P: $CASES cases"
  RESULTS="$OUT/results-$P.txt"; : >"$RESULTS"
  DATA="$OUT/data-$P"; rm -rf "$DATA"; mkdir -p "$DATA"
  LOG="$OUT/app-$P.log"; : >"$LOG"
  if [ "$P" = Postgres ]; then
    start_pg
    CS="Host=127.0.0.1;Port=$PGPORT;Database=weimin_bench;Username=postgres;Maximum Pool Size=100"
  else
    CS="Data Source=$DATA/weimin.db"
  fi

  echo "== first start: migrations, office calendar, demo organisation and sign-ins"
  start_app "$P" "$CS" "$DATA" "$LOG"; stop_app
  echo "== seed"
  bench seed --provider "$P" --connection "$CS" --cases "$CASES" --samples "$OUT/samples-$P.tsv" | tee "$OUT/seed-$P.log"
  grep -E '^seeded' "$OUT/seed-$P.log" | sed 's/^/seed /' >>"$RESULTS"
  start_app "$P" "$CS" "$DATA" "$LOG"

  for C in $INTAKE_CONCURRENCY; do
    echo "== (a) intake: POST /api/cases, $C connections, ${INTAKE_SECONDS} s"
    load "before intake c=$C"
    c0=$(cpu_ms)
    bench intake --url "$BASE" --user clerk --password Weimin-demo-1 --concurrency "$C" --seconds "$INTAKE_SECONDS" \
      --provider "$P" --connection "$CS" | tee "$OUT/intake-$P-$C.log" || echo "intake failed (see $OUT/intake-$P-$C.log)"
    c1=$(cpu_ms)
    grep '^RESULT' "$OUT/intake-$P-$C.log" | sed 's/^RESULT //' | awk -v c=$((c1 - c0)) -v s="$INTAKE_SECONDS" \
      '{split($2, a, "="); n = a[2] * s; printf "%s cpu_ms_per_case=%.2f (includes the warm-up)\n", $0, n ? c / n : 0}' >>"$RESULTS" || true
  done

  echo "== (b) tracking page vs bare page: wrk -t2 -c64 -d${WRK_SECONDS}s --latency"
  # The bench case: the first sample (a known code); then 1,000 sampled cases at random.
  read -r NUMBER CODE STATUS _ < <(sed -n 2p "$OUT/samples-$P.tsv")
  TRACK="/track/$NUMBER?code=$CODE"
  right=$(curl -s -o "$OUT/track-right.html" -w '%{http_code}' "$BASE$TRACK")
  wrong=$(curl -s -o "$OUT/track-wrong.html" -w '%{http_code}' "$BASE/track/$NUMBER?code=ZZZZZZZZ")
  echo "   bench case $NUMBER ($STATUS): right code → $right ($(wc -c <"$OUT/track-right.html") bytes), wrong code → $wrong ($(wc -c <"$OUT/track-wrong.html") bytes)"
  if [ "$right" != 200 ] || cmp -s "$OUT/track-right.html" "$OUT/track-wrong.html"; then
    echo "   WARNING: the tracking page does not show the bench case (route missing or lookup differs); wrk measures what it answers"
    echo "track_check right=$right wrong=$wrong same_body=yes" >>"$RESULTS"
  fi
  { echo "local paths = {"
    tail -n +2 "$OUT/samples-$P.tsv" | head -1000 | awk -F'\t' '{printf "  \"/track/%s?code=%s\",\n", $1, $2}'
    echo "}"
    echo 'local n = 0'
    echo 'setup = function(thread) n = n + 1; thread:set("id", n) end'
    echo 'init = function(args) math.randomseed(os.time() + (id or 0)) end'
    echo 'request = function() return wrk.format("GET", paths[math.random(#paths)]) end'
  } >"$OUT/track-$P.lua"
  # Warm-up (JIT tiering, connection pools, caches) of all three before anything is measured.
  wrk -t2 -c64 -d5s "$BASE/bench/bare" >/dev/null 2>&1 || true
  wrk -t2 -c64 -d5s "$BASE$TRACK" >/dev/null 2>&1 || true
  wrk -t2 -c64 -d5s -s "$OUT/track-$P.lua" "$BASE" >/dev/null 2>&1 || true
  load "before wrk"
  wrk_run bare "$BASE/bench/bare"
  wrk_run track-form "$BASE/track"
  wrk_run track-one "$BASE$TRACK"
  wrk_run track-random "$BASE" "$OUT/track-$P.lua"
  wrk_run bare-again "$BASE/bench/bare"
  awk '/^bare/ {split($2,a,"="); b+=a[2]; nb++} /^track-one/ {split($2,a,"="); t=a[2]} /^track-random/ {split($2,a,"="); r=a[2]}
       END {if (nb && b) printf "tracking-vs-bare bare_mean=%.0f track_one_pct=%.0f track_random_pct=%.0f\n", b/nb, 100*t/(b/nb), 100*r/(b/nb)}' "$RESULTS" | tee -a "$RESULTS"

  echo "== (c) becoming-overdue-today query and the overdue list"
  load "before query"
  bench query --provider "$P" --connection "$CS" --runs 50 | tee "$OUT/query-$P.log"
  grep '^RESULT' "$OUT/query-$P.log" | sed 's/^RESULT //' >>"$RESULTS" || true
  JAR="$OUT/secretariat-$P.jar"; rm -f "$JAR"
  echo "   sign-in as secretariat → $(signin secretariat "$JAR")"
  : >"$OUT/overdue-$P.times"
  code=""
  for i in $(seq 1 22); do
    line=$(curl -s -o "$OUT/overdue-$P.html" -w '%{http_code} %{time_total}' -b "$JAR" --max-time 30 "$BASE/cases?queue=overdue")
    code=${line% *}
    [ "$i" -gt 2 ] && echo "${line#* }" >>"$OUT/overdue-$P.times"   # the first two warm up
  done
  sort -n "$OUT/overdue-$P.times" | awk -v code="$code" '{t[NR]=$1*1000} END {m=(NR%2)?t[(NR+1)/2]:(t[NR/2]+t[NR/2+1])/2; printf "overdue-page status=%s requests=%d median_ms=%.1f p99_ms=%.1f\n", code, NR, m, t[NR]}' | tee -a "$RESULTS"

  load "end"
  stop_app
  if [ "$P" = Postgres ]; then stop_pg; fi
  [ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$DATA"
done

echo
echo "=================== results ($OUT)"
for P in $PROVIDERS; do echo "--- $P"; cat "$OUT/results-$P.txt"; done
