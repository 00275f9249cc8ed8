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

# Audited reads while journal writes run: the same authenticated GET /api/v1/clients at
# $CONNECTIONS connections while 8 more connections post journal entries as Mia (each acknowledged
# only once durable). The reads' audit events ride the writer's group commit with the entries.
mia_login=$(curl -s -D "$work/headers-mia" -H 'Content-Type: application/json' \
  -d '{"email":"mia@demo.trove","password":"demo-password-2026"}' http://127.0.0.1:$PORT/api/v1/auth/login)
mia_cookie=$(grep -i '^set-cookie:' "$work/headers-mia" | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*).*/\1/')
mia_csrf=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["csrf_token"])' "$mia_login")
mia_client=$(curl -s -H "Cookie: $mia_cookie" http://127.0.0.1:$PORT/api/v1/me |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["user"]["client_id"])')
cat >"$work/writers.lua" <<'LUA'
local n = 0
function request()
  n = n + 1
  local body = string.format('{"kind":"success","text":"Read-while-write bench entry %d","shared":true,' ..
    '"idempotency_key":"rw-%s-%d"}', n, os.getenv("RUN"), n)
  return wrk.format("POST", os.getenv("JOURNAL_PATH"), {["Content-Type"] = "application/json",
    ["Cookie"] = os.getenv("JOURNAL_COOKIE"), ["X-CSRF-Token"] = os.getenv("JOURNAL_CSRF")}, body)
end
LUA
JOURNAL_PATH="/api/v1/clients/$mia_client/journal" JOURNAL_COOKIE="$mia_cookie" JOURNAL_CSRF="$mia_csrf" \
  RUN="$RANDOM$RANDOM" wrk -t1 -c8 -d"$DURATION" --latency -s "$work/writers.lua" \
  "http://127.0.0.1:$PORT/" >"$work/writers.out" &
writers_pid=$!
sleep 0.2
run trove_clients_with_8_writers "http://127.0.0.1:$PORT/api/v1/clients" -H "Cookie: $cookie"
wait "$writers_pid" || true
writes=$(awk '/^Requests\/sec:/ {print $2}' "$work/writers.out")
writes_p99=$(awk '$1 == "99%" {print $2}' "$work/writers.out")
printf '%-44s %12s req/s   p99 %9s\n' "  (the 8 journal writers meanwhile)" "$writes" "$writes_p99"
ratio_rw=$(awk -v a="$(cat "$work/rps.trove_clients_with_8_writers")" -v b="$(cat "$work/rps.trove_clients")" 'BEGIN {printf "%.2f", a / b}')
echo "ratio reads with writers / without: $ratio_rw (target >= 0.50; p99 target <= 2x)"

# The timeline of a client with 500 sessions, five years of daily journal entries and 50 resources
# rated monthly (written straight into the SQLite file; legacy plaintext reads like sealed text).
tl=$(curl -s -H "Cookie: $cookie" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
  -d '{"display_name":"Bench client (timeline)"}' http://127.0.0.1:$PORT/api/v1/clients |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
sqlite3 "$work/trove.db" >/dev/null <<SQL
.timeout 10000
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
INSERT INTO appointments (id, practice_id, client_id, case_id, therapist_id, starts_at, duration_min,
  modality, status, created_by, created_at, updated_at)
SELECT printf('01BENCHAPT%016d', i), '$practice_id', '$tl', NULL, '$anna_id',
  strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || (i * 3) || ' days'), 50, 'in_person', 'attended', '$anna_id',
  strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM n;
WITH RECURSIVE d(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM d WHERE i < 1825)
INSERT INTO journal_entries (id, practice_id, client_id, idempotency_key, kind, body, mood,
  strength_codes, resource_id, assignment_id, shared, entry_date, deleted, created_at, updated_at)
SELECT printf('01BENCHJRN%016d', i), '$practice_id', '$tl', NULL, 'gratitude', 'A good thing on day ' || i,
  5 + i % 5, '[]', NULL, NULL, 1, date('now', '-' || i || ' days'), 0,
  strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || i || ' days'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || i || ' days')
FROM d;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50)
INSERT INTO resources (id, practice_id, client_id, title, description, category, source, stabilising,
  evidence, visible_to_client, therapist_note, status, created_by, created_by_role, created_at, updated_at)
SELECT printf('01BENCHTLR%016d', i), '$practice_id', '$tl', 'Resource ' || i, '', 'strength', 'therapist', 0,
  '', 1, '', 'active', '$anna_id', 'therapist', strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1900 days'),
  strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1900 days') FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50),
               m(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM m WHERE j < 60)
INSERT INTO resource_ratings (id, practice_id, resource_id, availability, activation, rated_at, rated_by,
  rated_by_role, created_at)
SELECT printf('01BENCHTLT%016d', i * 100 + j), '$practice_id', printf('01BENCHTLR%016d', i), (i + j) % 11,
  (i * j) % 11, strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || (j * 30) || ' days'), '$anna_id', 'therapist',
  strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM n, m;
COMMIT;
SQL
timeline_url="http://127.0.0.1:$PORT/api/v1/clients/$tl/timeline"
timeline_size=$(curl -s -H "Cookie: $cookie" "$timeline_url" | wc -c)
# Server time: the time to the first byte of the answer on loopback, median and worst of 20.
times=$(for _ in $(seq 1 20); do curl -s -o /dev/null -w '%{time_starttransfer}\n' -H "Cookie: $cookie" "$timeline_url"; done | sort -n)
median=$(sed -n 10p <<<"$times"); worst=$(tail -1 <<<"$times")
printf '%-44s median %6.1f ms, worst %6.1f ms (target < 50 ms), response %s bytes\n' \
  "timeline: 500 sessions, 5y daily entries, 50x60 ratings" \
  "$(awk -v t="$median" 'BEGIN {print t * 1000}')" "$(awk -v t="$worst" 'BEGIN {print t * 1000}')" "$timeline_size"

# Memory: a practice of 10,000 clients (Anna's caseload), the authenticated list under load, then
# the server's resident set size.
sqlite3 "$work/trove.db" >/dev/null <<SQL
.timeout 10000
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
INSERT INTO clients (id, practice_id, display_name, birth_year, contexts, status, created_by, created_at, updated_at)
SELECT printf('01BENCHCLI%016d', i), '$practice_id', 'Client ' || i, 1950 + i % 60, 'individual', 'active',
  '$anna_id', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM n;
INSERT INTO care_team (practice_id, client_id, user_id)
SELECT '$practice_id', id, '$anna_id' FROM clients WHERE id LIKE '01BENCHCLI%';
COMMIT;
SQL
run trove_clients_10k_practice "http://127.0.0.1:$PORT/api/v1/clients" -H "Cookie: $cookie"
rss_kb=$(awk '/^VmRSS/ {print $2}' "/proc/$trove_pid/status")
printf '%-44s %9.1f MB (target < 64 MB)\n' "server RSS, 10,000 clients, after the load" "$(awk -v k="$rss_kb" 'BEGIN {print k / 1024}')"

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

echo
# Issue 15: the JS the portal loads first, with the English catalogue (Polish and German load on
# demand); goal < 150 KB gzipped.
(cd web && node scripts/bundle-size.mjs)
