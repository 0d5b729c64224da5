#!/usr/bin/env bash
# Backup and restore, done for real (docs/deployment.md § Backups): for PostgreSQL and for SQLite,
#   publish Weimin (Release) → start it on a fresh database → take in cases through the API → back up while it runs
#   → stop it, throw the database away → restore into a new one → start Weimin on the restore → check that every
#   case is there, that a tracking code printed before the backup still works, and that a sign-in made before the
#   backup is still good (the data-protection keys travel with the database).
#   bash bench/backup-restore.sh            (about 3 minutes; everything on 127.0.0.1, in a temp folder)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
PORT=${BACKUP_PORT:-55730}
PGPORT=${BACKUP_PGPORT:-55731}
CASES=${BACKUP_CASES:-25}
BASE="http://127.0.0.1:$PORT"
OUT=$(mktemp -d /tmp/weimin-backup.XXXXXX); chmod 755 "$OUT" # the postgres user walks into it
APP="$OUT/app"
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGROOT="$OUT/pg"
APP_PID=""
as_pg() { if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$PGROOT"; runuser -u postgres -- "$@"; else "$@"; fi; }
stop_app() { if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; APP_PID=""; fi; }
cleanup() { stop_app; as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -m fast -w stop >/dev/null 2>&1 || true; rm -rf "$OUT"; }
trap cleanup EXIT
[ "${BACKUP_KEEP:-0}" = 1 ] && trap "stop_app; echo kept $OUT" EXIT
fail() { echo "FAILED: $*"; exit 1; }

start_app() { # provider connection-string data-dir
  (cd "$APP" && exec env ASPNETCORE_ENVIRONMENT=Production Weimin__Database__Provider="$1" Weimin__Database__ConnectionString="$2" \
      Weimin__DataDirectory="$3" Weimin__Demo__Enabled=true Logging__LogLevel__Default=Warning dotnet Weimin.dll --urls "$BASE") >>"$OUT/app.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 240); do
    curl -fs "$BASE/healthz/ready" >/dev/null 2>&1 && return 0
    kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$OUT/app.log"; fail "the app exited"; }
    sleep 0.5
  done
  fail "the app was not ready within 120 s"
}
signin() { # user jar
  local token
  token=$(curl -fs -c "$2" -b "$2" "$BASE/account/login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//; s/"$//' | head -1)
  [ "$(curl -s -o /dev/null -w '%{http_code}' -c "$2" -b "$2" --data-urlencode "UserName=$1" --data-urlencode "Password=Weimin-demo-1" \
    --data-urlencode "__RequestVerificationToken=$token" "$BASE/account/login")" = 302 ] || fail "sign-in as $1"
}
total() { curl -fs -b "$1" "$BASE/api/cases?queue=all&pageSize=1" | grep -o '"total":[0-9]*' | cut -d: -f2; }
take_in() { # jar → prints "number code" of the last case
  local body last=""
  for i in $(seq 1 "$CASES"); do
    body=$(curl -fs -b "$1" -H 'Content-Type: application/json' -X POST "$BASE/api/cases" -d "{\"serviceCode\":\"low-income-cert\",\"channel\":\"Counter\",\"applicantName\":\"備份測試$i\",\"applicantPhone\":\"0912-000-$(printf %03d "$i")\",\"noticeChannel\":\"None\",\"noticeConsent\":false,\"language\":\"zh-TW\",\"whenMissing\":\"AwaitSupplement\"}") || fail "intake $i"
    last=$body
  done
  echo "$(echo "$last" | grep -o '"number":"[^"]*"' | cut -d'"' -f4) $(echo "$last" | grep -o '"trackingCode":"[^"]*"' | cut -d'"' -f4)"
}
check_restored() { # jar-from-before expected-total number code
  local got; got=$(total "$1") || fail "the sign-in made before the backup is not honoured after the restore"
  [ "$got" = "$2" ] || fail "expected $2 cases after the restore, found $got"
  curl -fs "$BASE/api/track?number=$3&secret=$4" | grep -q "\"number\":\"$3\"" || fail "the tracking code of $3 does not work after the restore"
  echo "   restored: $got cases; the pre-backup sign-in and the tracking code of $3 still work"
}

echo "== publish (Release)"
dotnet publish src/Weimin -c Release -o "$APP" -nologo -v q -clp:ErrorsOnly >/dev/null

echo "== PostgreSQL: pg_dump -Fc while running, pg_restore into a new database"
mkdir -p "$PGROOT"
as_pg "$PGBIN/initdb" -D "$PGROOT/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/log" -w -t 30 -o "-p $PGPORT -k $PGROOT -c listen_addresses=127.0.0.1" start >/dev/null
PSQL=(psql -h 127.0.0.1 -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 -q)
"${PSQL[@]}" -c "CREATE DATABASE weimin"
start_app Postgres "Host=127.0.0.1;Port=$PGPORT;Database=weimin;Username=postgres" "$OUT/data-pg"
signin clerk "$OUT/pg.jar"
read -r NUMBER CODE < <(take_in "$OUT/pg.jar")
BEFORE=$(total "$OUT/pg.jar")
pg_dump -h 127.0.0.1 -p "$PGPORT" -U postgres -Fc -f "$OUT/weimin.dump" weimin
echo "   backed up $BEFORE cases while running: $(du -h "$OUT/weimin.dump" | cut -f1)"
stop_app
"${PSQL[@]}" -c "DROP DATABASE weimin" -c "CREATE DATABASE weimin_restored"
pg_restore -h 127.0.0.1 -p "$PGPORT" -U postgres -d weimin_restored --no-owner --exit-on-error "$OUT/weimin.dump"
rm -rf "$OUT/data-pg" # a new machine: nothing but the database
start_app Postgres "Host=127.0.0.1;Port=$PGPORT;Database=weimin_restored;Username=postgres" "$OUT/data-pg2"
check_restored "$OUT/pg.jar" "$BEFORE" "$NUMBER" "$CODE"
stop_app

echo "== SQLite: the online backup API (sqlite3 .backup) while running"
start_app Sqlite "" "$OUT/data-sqlite"
signin clerk "$OUT/sqlite.jar"
read -r NUMBER CODE < <(take_in "$OUT/sqlite.jar")
BEFORE=$(total "$OUT/sqlite.jar")
sqlite3 "$OUT/data-sqlite/weimin.db" ".backup '$OUT/weimin-backup.db'"
echo "   backed up $BEFORE cases while running: $(du -h "$OUT/weimin-backup.db" | cut -f1)"
stop_app
rm -rf "$OUT/data-sqlite"; mkdir -p "$OUT/data-sqlite-restored"
cp "$OUT/weimin-backup.db" "$OUT/data-sqlite-restored/weimin.db"
start_app Sqlite "" "$OUT/data-sqlite-restored"
check_restored "$OUT/sqlite.jar" "$BEFORE" "$NUMBER" "$CODE"
echo "== backup and restore: OK on PostgreSQL and SQLite"
