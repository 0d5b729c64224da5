#!/usr/bin/env bash
# The Production issue's load test: two Weimin instances (Release build) on one PostgreSQL, with a real SMTP server
# (aiosmtpd) receiving the notices, under the mixed traffic of a large city at its peak for 15 minutes:
#   bash bench/load.sh                  (BENCH_SECONDS=900 BENCH_INTAKE=5 BENCH_TRACK=20 BENCH_QUEUE=20)
# Prints per-kind throughput and p50/p95/p99 latency, the peak and last memory of each instance, and the notices by
# status at the end. Everything listens on 127.0.0.1; every loop is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
SECONDS_TO_RUN=${BENCH_SECONDS:-900}
INTAKE=${BENCH_INTAKE:-5}; TRACK=${BENCH_TRACK:-20}; QUEUE=${BENCH_QUEUE:-20}
PGPORT=${BENCH_PGPORT:-55740}; SMTPPORT=${BENCH_SMTPPORT:-55741}; PORT1=${BENCH_PORT1:-55742}; PORT2=${BENCH_PORT2:-55743}
OUT=$(mktemp -d /tmp/weimin-load.XXXXXX); chmod 755 "$OUT"
APP="$OUT/app"; PGROOT="$OUT/pg"
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PIDS=()
as_pg() { if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$PGROOT"; runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$APP" "$PGROOT" "$OUT/maildir"
  echo "== logs in $OUT"
}
trap cleanup EXIT
missing=()
command -v curl >/dev/null || missing+=(curl)
dpkg -s python3-aiosmtpd >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; fi

echo "== $(git log --oneline -1 | cut -c1-100)"
echo "== machine: $(nproc) cores, $(free -h | awk '/^Mem:/ {print $2}') memory, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== publish (Release) and build the bench tool"
dotnet publish src/Weimin -c Release -o "$APP" -nologo -v q -clp:ErrorsOnly >/dev/null
dotnet build bench/Weimin.Bench -c Release -nologo -v q -clp:ErrorsOnly >/dev/null

echo "== PostgreSQL on 127.0.0.1:$PGPORT (durable settings: fsync and synchronous_commit on)"
mkdir -p "$PGROOT"
as_pg "$PGBIN/initdb" -D "$PGROOT/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/log" -w -t 30 \
  -o "-p $PGPORT -k $PGROOT -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=512MB" start >/dev/null
psql -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "CREATE DATABASE weimin"
CS="Host=127.0.0.1;Port=$PGPORT;Database=weimin;Username=postgres;Maximum Pool Size=60"

echo "== SMTP (aiosmtpd) on 127.0.0.1:$SMTPPORT"
/usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$SMTPPORT" -c aiosmtpd.handlers.Mailbox "$OUT/maildir" >"$OUT/smtp.log" 2>&1 &
PIDS+=($!)

start() { # port log
  (cd "$APP" && exec env ASPNETCORE_ENVIRONMENT=Production Weimin__Database__Provider=Postgres Weimin__Database__ConnectionString="$CS" \
     Weimin__DataDirectory="$OUT/data-$1" Weimin__Demo__Enabled=true Weimin__Tracking__PermitsPerMinute=100000000 \
     Weimin__Notices__Smtp__Host=127.0.0.1 Weimin__Notices__Smtp__Port="$SMTPPORT" Weimin__Notices__Smtp__From=weimin@example.gov.tw Weimin__Notices__Sender__IntervalSeconds=2 \
     Logging__LogLevel__Default=Warning dotnet Weimin.dll --urls "http://127.0.0.1:$1") >"$2" 2>&1 &
  PIDS+=($!)
  echo $! >"$OUT/pid-$1"
}
start "$PORT1" "$OUT/app1.log"; start "$PORT2" "$OUT/app2.log"
for port in "$PORT1" "$PORT2"; do
  for _ in $(seq 1 240); do curl -fs "http://127.0.0.1:$port/healthz/ready" >/dev/null 2>&1 && break; sleep 0.5; done
  curl -fs "http://127.0.0.1:$port/healthz/ready" >/dev/null || { tail -20 "$OUT"/app*.log; echo "instance on $port not ready"; exit 1; }
done

echo "== load: ${SECONDS_TO_RUN} s, intake $INTAKE/s, tracking $TRACK/s, staff queues $QUEUE/s, over two instances"
set +e
dotnet "$ROOT/bench/Weimin.Bench/bin/Release/net10.0/Weimin.Bench.dll" mixed --urls "http://127.0.0.1:$PORT1,http://127.0.0.1:$PORT2" \
  --seconds "$SECONDS_TO_RUN" --intake "$INTAKE" --track "$TRACK" --queue "$QUEUE" --pids "$(cat "$OUT/pid-$PORT1"),$(cat "$OUT/pid-$PORT2")" | tee "$OUT/results.txt"
rc=${PIPESTATUS[0]}
set -e
echo "== after the load (30 s for the outbox to drain)"
sleep 30
psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d weimin -Atc "SELECT 'cases ' || count(*) FROM cases" | tee -a "$OUT/results.txt"
psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d weimin -Atc "SELECT 'notices ' || CASE \"Channel\" WHEN 1 THEN 'email' WHEN 2 THEN 'sms' WHEN 3 THEN 'line' WHEN 4 THEN 'phone' WHEN 5 THEN 'letter' ELSE 'other' END || ' ' || (ARRAY['queued','sending','sent','delivered','temporary-failure','permanent-failure'])[\"Status\" + 1] || ' ' || count(*) FROM notices GROUP BY \"Channel\", \"Status\" ORDER BY 1" | tee -a "$OUT/results.txt"
echo "mails received $(ls "$OUT/maildir/new" 2>/dev/null | wc -l)" | tee -a "$OUT/results.txt"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/results.txt"
exit $rc
