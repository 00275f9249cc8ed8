#!/usr/bin/env bash
# Journal write throughput: entries per second that Trove acknowledges durably (201 after COMMIT,
# SQLite synchronous=FULL / PostgreSQL fsync + synchronous_commit on), set against the raw insert
# rate of the same database engine on the same machine for the same row.
#
#   1. `trove serve --demo` on SQLite; Mia (client) posts journal entries from wrk, each request with
#      its own idempotency key; entries/s = rows stored during the run / run time, p50 and p99.
#   2. The raw rate: one INSERT of the same row into the same journal_entries table (same indexes,
#      foreign keys on) per transaction, WAL + synchronous=FULL as Trove sets them, with the sqlite3
#      CLI on one connection (SQLite has one writer at a time).
#   3. The same on a durable throwaway PostgreSQL server (scripts/pg-test-server, PG_DURABLE=1) when
#      its binaries are installed; the raw rate from pgbench with a one-INSERT-per-transaction script
#      and as many connections as Trove's pool (8), and with one connection (commits in a row).
# Trove's transaction also appends one hash-chained audit event; the raw transaction does not.
# Bounded: about 45 s in all. KEEP_WORK=1 keeps the temporary folder (logs, databases) for a look.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${BENCH_DURATION:-10s}
CONNECTIONS=${BENCH_WRITE_CONNECTIONS:-16}
THREADS=${BENCH_THREADS:-2}
RAW_ROWS=${BENCH_RAW_ROWS:-20000}
POOL=8  # AppOptions::db_pool_size: Trove's database connections
TROVE=${TROVE_BIN:-./build/release/trove}
PORT=18482
seconds=${DURATION%s}
work=$(mktemp -d)
trove_pid=""
pg_dir=""

stop_trove() {
  if [ -n "$trove_pid" ]; then
    kill "$trove_pid" 2>/dev/null || true
    wait "$trove_pid" 2>/dev/null || true
    trove_pid=""
  fi
}
cleanup() {
  stop_trove
  if [ -n "$pg_dir" ]; then ./scripts/pg-test-server stop "$pg_dir" >/dev/null 2>&1 || true; fi
  [ -n "${KEEP_WORK:-}" ] && echo "kept $work" || rm -rf "$work"
}
trap cleanup EXIT

start_trove() {  # database URL or path, log name
  "$TROVE" serve --listen 127.0.0.1:$PORT --db "$1" --demo --quiet >"$work/$2.out" 2>"$work/$2.err" &
  trove_pid=$!
  for _ in $(seq 1 300); do
    grep -q "listening" "$work/$2.out" 2>/dev/null && return 0
    kill -0 "$trove_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "journal bench: Trove did not start"
  cat "$work/$2.err"
  exit 1
}

# Signs Mia in; sets cookie, csrf, client_id and practice_id.
sign_in_mia() {
  curl -s -D "$work/headers" -o "$work/login.json" -H 'Content-Type: application/json' \
    -d '{"email":"mia@demo.trove","password":"demo-password-2026"}' http://127.0.0.1:$PORT/api/v1/auth/login
  cookie=$(grep -i '^set-cookie: trove_session=' "$work/headers" | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*).*/\1/')
  [ -n "$cookie" ] || { echo "journal bench: login failed: $(cat "$work/login.json")"; exit 1; }
  csrf=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["csrf_token"])' "$work/login.json")
  curl -s -H "Cookie: $cookie" http://127.0.0.1:$PORT/api/v1/me >"$work/me.json"
  client_id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["user"]["client_id"])' "$work/me.json")
  practice_id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["practice"]["id"])' "$work/me.json")
}

# The text every entry carries, in Trove and in the raw inserts alike.
TEXT="Finished the task I had put off for a week, and asked for help when I was stuck."

cat >"$work/journal.lua" <<'LUA'
-- POST /api/v1/clients/{id}/journal with a fresh idempotency key per request: "<run>-<thread>-<n>".
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end
local n = 0
function init(args)
  wrk.method = "POST"
  wrk.path = os.getenv("JOURNAL_PATH")
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Cookie"] = os.getenv("JOURNAL_COOKIE")
  wrk.headers["X-CSRF-Token"] = os.getenv("JOURNAL_CSRF")
  run = os.getenv("JOURNAL_RUN")
  text = os.getenv("JOURNAL_TEXT")
end
function request()
  n = n + 1
  local body = string.format(
    '{"kind":"success","text":"%s","mood":7,"strength_codes":["perseverance"],"shared":true,' ..
    '"idempotency_key":"%s-%d-%d"}', text, run, tid, n)
  return wrk.format(nil, nil, nil, body)
end
LUA

# wrk against the running Trove; prints a line and leaves entries/s in $work/eps.$1.
drive() {  # name, count-rows command...
  local name=$1; shift
  local run="bench${RANDOM}"
  local out
  out=$(JOURNAL_PATH="/api/v1/clients/$client_id/journal" JOURNAL_COOKIE="$cookie" JOURNAL_CSRF="$csrf" \
    JOURNAL_RUN="$run" JOURNAL_TEXT="$TEXT" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$work/journal.lua" "http://127.0.0.1:$PORT/")
  local rps p50 p99 non2xx stored
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  stored=$("$@" "$run")
  local eps
  eps=$(awk -v n="$stored" -v s="$seconds" 'BEGIN {printf "%.0f", n / s}')
  printf '%-44s %10s entries/s   p50 %8s  p99 %9s   (%s stored, wrk %s req/s)%s\n' "$name" "$eps" \
    "$p50" "$p99" "$stored" "$rps" "${non2xx:+   NON-2xx: $non2xx}"
  echo "$eps" >"$work/eps.$name"
}

ratio() {  # entries/s, raw rows/s
  awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'
}

# --- SQLite -------------------------------------------------------------------------------------
echo "Journal write bench: wrk -t$THREADS -c$CONNECTIONS -d$DURATION on loopback, $(nproc) cores, $(df -T "$work" | awk 'NR == 2 {print $2}') under $work"
db="$work/trove.db"
start_trove "$db" trove-sqlite
sign_in_mia
count_sqlite() {
  sqlite3 "$db" ".timeout 10000" "SELECT count(*) FROM journal_entries WHERE idempotency_key LIKE '$1-%'"
}
drive trove_journal_sqlite count_sqlite
stop_trove

# The raw rate: the same row into the same table of the same file, one transaction each.
sqlite3 "$db" "PRAGMA journal_mode=WAL" >/dev/null
awk -v n="$RAW_ROWS" -v p="$practice_id" -v c="$client_id" -v t="$TEXT" 'BEGIN {
  print "PRAGMA foreign_keys=ON;"
  print "PRAGMA synchronous=FULL;"
  for (i = 1; i <= n; i++)
    printf "INSERT INTO journal_entries (id, practice_id, client_id, idempotency_key, kind, body, mood, " \
      "strength_codes, resource_id, assignment_id, shared, entry_date, deleted, created_at, updated_at) " \
      "VALUES (%c01RAW%020d%c, %c%s%c, %c%s%c, %craw-%d%c, %csuccess%c, %c%s%c, 7, %c[\"perseverance\"]%c, " \
      "NULL, NULL, 1, %c2026-01-01%c, 0, %c2026-01-01T12:00:00.000Z%c, %c2026-01-01T12:00:00.000Z%c);\n",
      39, i, 39, 39, p, 39, 39, c, 39, 39, i, 39, 39, 39, 39, t, 39, 39, 39, 39, 39, 39, 39, 39, 39
}' >"$work/raw.sql"
t0=$(date +%s.%N)
sqlite3 "$db" <"$work/raw.sql" >/dev/null
t1=$(date +%s.%N)
raw_rows=$(sqlite3 "$db" "SELECT count(*) FROM journal_entries WHERE idempotency_key LIKE 'raw-%'")
raw_sqlite=$(awk -v n="$raw_rows" -v a="$t0" -v b="$t1" 'BEGIN {printf "%.0f", n / (b - a)}')
printf '%-44s %10s rows/s      (%s single-row transactions, sqlite3 %s)\n' "raw sqlite3 INSERT (WAL, synchronous=FULL)" \
  "$raw_sqlite" "$raw_rows" "$(sqlite3 --version | awk '{print $1}')"
echo "ratio Trove journal writes / raw SQLite inserts: $(ratio "$(cat "$work/eps.trove_journal_sqlite")" "$raw_sqlite")"

# --- PostgreSQL ---------------------------------------------------------------------------------
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "PostgreSQL server binaries not installed: PostgreSQL part skipped"
  exit 0
fi
pg_dir="$work/pg"
pg_url=$(PG_DURABLE=1 ./scripts/pg-test-server start "$pg_dir")
psql "$pg_url" -qc "CREATE DATABASE trove_journal_bench" >/dev/null
pg_db="${pg_url%/postgres}/trove_journal_bench"
start_trove "$pg_db" trove-pg
sign_in_mia
count_pg() {
  psql "$pg_db" -tAc "SELECT count(*) FROM journal_entries WHERE idempotency_key LIKE '$1-%'"
}
drive trove_journal_postgres count_pg
stop_trove

cat >"$work/raw-pg.sql" <<SQL
INSERT INTO journal_entries (id, practice_id, client_id, idempotency_key, kind, body, mood, strength_codes, resource_id, assignment_id, shared, entry_date, deleted, created_at, updated_at) VALUES (gen_random_uuid()::text, '$practice_id', '$client_id', 'raw-' || gen_random_uuid()::text, 'success', '$TEXT', 7, '["perseverance"]', NULL, NULL, 1, '2026-01-01', 0, '2026-01-01T12:00:00.000Z', '2026-01-01T12:00:00.000Z');
SQL
raw_pg=$(pgbench -n -f "$work/raw-pg.sql" -c "$POOL" -j "$THREADS" -T "$seconds" "$pg_db" 2>/dev/null |
  awk '/^tps/ {printf "%.0f", $3; exit}')
printf '%-44s %10s rows/s      (pgbench, %s connections, one INSERT per transaction)\n' \
  "raw PostgreSQL INSERT (fsync, sync commit)" "$raw_pg" "$POOL"
# One connection: commits one after another, none sharing a WAL flush with another. For reference:
# Trove's writes to one practice pass the audit chain's per-practice lock one at a time.
raw_pg_serial=$(pgbench -n -f "$work/raw-pg.sql" -c 1 -j 1 -T 5 "$pg_db" 2>/dev/null |
  awk '/^tps/ {printf "%.0f", $3; exit}')
printf '%-44s %10s rows/s      (pgbench, 1 connection)\n' "raw PostgreSQL INSERT, serial commits" "$raw_pg_serial"
echo "ratio Trove journal writes / raw PostgreSQL inserts: $(ratio "$(cat "$work/eps.trove_journal_postgres")" "$raw_pg")" \
  "($(ratio "$(cat "$work/eps.trove_journal_postgres")" "$raw_pg_serial") of serial commits)"
