#!/usr/bin/env bash
# make bench: load on loopback with wrk against
#   1. Trove, authenticated GET /api/v1/clients (session cookie, audited read, SQLite),
#   2. Trove, GET /healthz,
#   3. nginx serving a static file of the same size as (1)'s response, for reference;
# then prints requests/s and p99 for each and the ratio of (1) to (3). Bounded: a few seconds each.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${BENCH_DURATION:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-2}
TROVE=${TROVE_BIN:-./build/release/trove}
PORT=18480
NGINX_PORT=18481
work=$(mktemp -d)
cleanup() {
  [ -n "${trove_pid:-}" ] && kill "$trove_pid" 2>/dev/null && wait "$trove_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$TROVE" serve --listen 127.0.0.1:$PORT --db "$work/trove.db" --demo --quiet >"$work/trove.out" 2>"$work/trove.err" &
trove_pid=$!
for _ in $(seq 1 100); do grep -q "listening" "$work/trove.out" 2>/dev/null && break; sleep 0.1; done

login=$(curl -s -D "$work/headers" -H 'Content-Type: application/json' \
  -d '{"email":"anna@demo.trove","password":"demo-password-2026"}' http://127.0.0.1:$PORT/api/v1/auth/login)
cookie=$(grep -i '^set-cookie:' "$work/headers" | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*).*/\1/')
[ -n "$cookie" ] || { echo "bench: login failed: $login"; exit 1; }
mkdir -p "$work/static"
curl -s -H "Cookie: $cookie" "http://127.0.0.1:$PORT/api/v1/clients" >"$work/static/clients.json"
size=$(stat -c %s "$work/static/clients.json")

mkdir -p "$work/nginx/logs"
cat >"$work/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$NGINX_PORT reuseport;
    root $work/static;
    location / { default_type application/json; }
  }
}
CONF
chmod -R a+rX "$work"
nginx -c "$work/nginx.conf" -p "$work/nginx"
sleep 0.5

run() {  # name, url, extra wrk args...
  local name=$1 url=$2; shift 2
  local out
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "$url")
  local rps p99
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  local non2xx
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  printf '%-44s %12s req/s   p99 %9s%s\n' "$name" "$rps" "$p99" "${non2xx:+   NON-2xx: $non2xx}"
  echo "$rps" >"$work/rps.$name"
}

echo "Trove bench: wrk -t$THREADS -c$CONNECTIONS -d$DURATION on loopback, $(nproc) cores; response size $size bytes"
run trove_clients "http://127.0.0.1:$PORT/api/v1/clients" -H "Cookie: $cookie"
run trove_healthz "http://127.0.0.1:$PORT/healthz"
run nginx_static "http://127.0.0.1:$NGINX_PORT/clients.json"
ratio=$(awk -v a="$(cat "$work/rps.trove_clients")" -v b="$(cat "$work/rps.nginx_static")" 'BEGIN {printf "%.2f", a / b}')
echo "ratio authenticated GET /api/v1/clients / nginx static: $ratio (target >= 0.50)"

# The resource map of a client with 200 resources x 50 ratings each (the issue's worst case): the
# client is made through the API, the records are written straight into the SQLite file (fast).
me=$(curl -s -H "Cookie: $cookie" http://127.0.0.1:$PORT/api/v1/me)
csrf=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["csrf_token"])' "$me")
anna_id=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["user"]["id"])' "$me")
practice_id=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["practice"]["id"])' "$me")
big=$(curl -s -H "Cookie: $cookie" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
  -d '{"display_name":"Bench client (200 resources)"}' http://127.0.0.1:$PORT/api/v1/clients |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
sqlite3 "$work/trove.db" <<SQL
.timeout 10000
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
INSERT INTO resources (id, practice_id, client_id, title, description, category, source, stabilising,
  evidence, visible_to_client, therapist_note, status, created_by, created_by_role, created_at, updated_at)
SELECT printf('01BENCHRES%016d', i), '$practice_id', '$big', 'Resource number ' || i,
  'A description of resource ' || i, json_extract('["strength","skill","social","body","material","meaning","interest","success"]', '\$[' || (i % 8) || ']'),
  'therapist', i % 5 = 0, 'It helped at session ' || i, 1, '', 'active', '$anna_id', 'therapist',
  strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-400 days'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-400 days')
FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200),
               k(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM k WHERE j < 50)
INSERT INTO resource_ratings (id, practice_id, resource_id, availability, activation, rated_at, rated_by,
  rated_by_role, created_at)
SELECT printf('01BENCHRAT%016d', i * 100 + j), '$practice_id', printf('01BENCHRES%016d', i), (i + j) % 11,
  (i * j) % 11, strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || (j * 7) || ' days'), '$anna_id', 'therapist',
  strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM n, k;
COMMIT;
SQL
map_size=$(curl -s -H "Cookie: $cookie" "http://127.0.0.1:$PORT/api/v1/clients/$big/resource-map" | wc -c)
echo "resource map: 200 resources x 50 ratings, response $map_size bytes"
run trove_resource_map_200x50 "http://127.0.0.1:$PORT/api/v1/clients/$big/resource-map" -H "Cookie: $cookie"
run trove_resource_map_200x50_past "http://127.0.0.1:$PORT/api/v1/clients/$big/resource-map?at=$(date -u -d '-180 days' +%Y-%m-%dT%H:%M:%SZ)" -H "Cookie: $cookie"

# The chart endpoint for a client with five years of weekly PHQ-9s (260 administrations), written
# straight into the SQLite file like the map above.
weekly=$(curl -s -H "Cookie: $cookie" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
  -d '{"display_name":"Bench client (5 years of weekly PHQ-9)"}' http://127.0.0.1:$PORT/api/v1/clients |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
sqlite3 "$work/trove.db" >/dev/null <<SQL
.timeout 10000
WITH RECURSIVE w(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM w WHERE i < 260)
INSERT INTO responses (id, practice_id, client_id, instrument_id, version, answers, scores, total,
  assignment_id, submitted_by, submitted_by_role, created_at)
SELECT printf('01BENCHRSP%016d', i), '$practice_id', '$weekly', 'phq9', 'kroenke-2001', '{}',
  '{"scores":{}}', (i * 7) % 28, NULL, '$anna_id', 'client',
  strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || ((261 - i) * 7) || ' days')
FROM w;
SQL
chart_size=$(curl -s -H "Cookie: $cookie" "http://127.0.0.1:$PORT/api/v1/clients/$weekly/measures/phq9" | wc -c)
echo "chart: 260 weekly PHQ-9 administrations, response $chart_size bytes"
run trove_chart_260_weekly "http://127.0.0.1:$PORT/api/v1/clients/$weekly/measures/phq9" -H "Cookie: $cookie"

# The same load on the PostgreSQL back end (a durable throwaway server), and pgbench's select-only
# figure on that server for reference.
kill "$trove_pid" 2>/dev/null && wait "$trove_pid" 2>/dev/null || true
trove_pid=""
pg_url=$(PG_DURABLE=1 ./scripts/pg-test-server start "$work/pg")
trap 'cleanup; ./scripts/pg-test-server stop "$work/pg" >/dev/null 2>&1 || true' EXIT
psql "$pg_url" -qc "CREATE DATABASE trove_bench" >/dev/null
"$TROVE" serve --listen 127.0.0.1:$PORT --db "${pg_url%/postgres}/trove_bench" --demo --quiet >"$work/trove-pg.out" 2>"$work/trove-pg.err" &
trove_pid=$!
for _ in $(seq 1 100); do grep -q "listening" "$work/trove-pg.out" 2>/dev/null && break; sleep 0.1; done
curl -s -D "$work/headers-pg" -o /dev/null -H 'Content-Type: application/json' \
  -d '{"email":"anna@demo.trove","password":"demo-password-2026"}' http://127.0.0.1:$PORT/api/v1/auth/login
cookie_pg=$(grep -i '^set-cookie:' "$work/headers-pg" | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*).*/\1/')
run trove_clients_postgres "http://127.0.0.1:$PORT/api/v1/clients" -H "Cookie: $cookie_pg"
psql "$pg_url" -qc "CREATE DATABASE pgbench" >/dev/null
pgbench -q -i -s 10 "${pg_url%/postgres}/pgbench" >/dev/null 2>&1
pgbench_tps=$(pgbench -S -c "$CONNECTIONS" -j "$THREADS" -T "${DURATION%s}" "${pg_url%/postgres}/pgbench" 2>/dev/null |
  awk '/^tps/ {print $3; exit}')
printf '%-44s %12s tps\n' "pgbench select-only (same server)" "$pgbench_tps"
ratio_pg=$(awk -v a="$(cat "$work/rps.trove_clients_postgres")" -v b="$(cat "$work/rps.trove_clients")" 'BEGIN {printf "%.2f", a / b}')
echo "ratio PostgreSQL / SQLite for the authenticated read: $ratio_pg"

if [ -x ./build/release/bench/trove_micro_bench ]; then
  echo
  echo "Micro-benchmarks (Google Benchmark):"
  ./build/release/bench/trove_micro_bench --benchmark_min_time=0.2
fi

if [ -x ./build/release/bench/trove_notes_bench ]; then
  echo
  echo "Encryption at rest: note autosave and session timeline, vault on vs off (SQLite, in process):"
  ./build/release/bench/trove_notes_bench 2>/dev/null
fi

echo
./bench/journal_write.sh
