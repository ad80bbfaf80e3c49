#!/usr/bin/env bash
# Measures what the durable audit costs on the full sync path: the hub with audit on (d) against the
# same hub with audit off (e), same backend, same load, side by side, several runs each.
#   bench/audit-overhead.sh                 # defaults: 60 s warm-up, 3 x 30 s runs, 32 connections, 1 KiB
#   WARMUP=5 DURATION=5 RUNS=1 bench/audit-overhead.sh   # smoke
# Needs: Java 17, Maven, wrk and nginx (installed from Debian when missing). Writes bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
WARMUP=${WARMUP:-60}; DURATION=${DURATION:-30}; RUNS=${RUNS:-3}; CONNECTIONS=${CONNECTIONS:-32}
BODY_BYTES=${BODY_BYTES:-1024}
WORK=bench/work; RESULTS=bench/results; mkdir -p "$WORK" "$RESULTS"
BACKEND_PORT=18900; HUB_PORT=18980; OPS_PORT=18981

need() { command -v "$1" >/dev/null 2>&1; }
if ! need wrk || ! need nginx; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk nginx-light
fi
[ -f routes/target/lgsp-hub.jar ] || mvn -B -q package -DskipTests

# backend: nginx answering every POST with a fixed 1 KiB JSON document
python3 - "$WORK" "$BODY_BYTES" <<'PY'
import json, sys
work, size = sys.argv[1], int(sys.argv[2])
def doc(n):
    d = {"SoDinhDanh": "077190001234", "HoVaTen": "Nguyễn Thị Mai", "MaYeuCau": "BENCH-1", "GhiChu": ""}
    d["GhiChu"] = "x" * max(0, n - len(json.dumps(d, ensure_ascii=False).encode()))
    return json.dumps(d, ensure_ascii=False)
open(f"{work}/body.json", "w", encoding="utf-8").write(doc(size))
open(f"{work}/answer.json", "w", encoding="utf-8").write(doc(1024))
PY
cat > "$WORK/nginx.conf" <<CONF
worker_processes 1;
pid $PWD/$WORK/nginx.pid;
error_log $PWD/$WORK/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$BACKEND_PORT;
    location / { default_type application/json; return 200 '$(cat "$WORK/answer.json")'; }
  }
}
CONF

# the hub's catalog: one consumer allowed to call one service with a request schema
mkdir -p "$WORK/config/catalog" "$WORK/config/schemas"
cp config/operators.yaml "$WORK/config/"
cat > "$WORK/config/schemas/bench.json" <<'JSON'
{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","required":["SoDinhDanh","MaYeuCau"],
 "properties":{"SoDinhDanh":{"type":"string","pattern":"^[0-9]{12}$"},"MaYeuCau":{"type":"string"}}}
JSON
cat > "$WORK/config/catalog/bench.yaml" <<YAML
agency: { code: "000.00.01.H99", name: "Bench consumer" }
clients:
  - { id: bench-consumer, secret: "{bcrypt}\$2a\$10\$1IP9ZdZ4xWVgqkm3odCDJObDQ1INLXTjO913rJQVVGXGjChvlRmpm" }
services:
  - code: echo
    connector: { type: rest, url: "http://127.0.0.1:$BACKEND_PORT/echo", method: POST, timeout: 5s, max-connections: 128 }
    request-schema: schemas/bench.json
    allow: ["000.00.01.H99"]
YAML

cleanup() {
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  [ -n "${HUB_PID:-}" ] && kill "$HUB_PID" 2>/dev/null || true
}
trap cleanup EXIT
nginx -c "$PWD/$WORK/nginx.conf"

run_hub() { # $1 = label, $2.. = extra args
  local label=$1; shift
  rm -rf "$WORK/data"
  java -Xmx512m -jar routes/target/lgsp-hub.jar --hub.catalog.dir="$WORK/config" --hub.http.port=$HUB_PORT \
    --server.port=$OPS_PORT --spring.datasource.url="jdbc:h2:file:$PWD/$WORK/data/db/bench;WRITE_DELAY=0" \
    --spring.artemis.embedded.data-directory="$WORK/data/artemis" --hub.token.signing-key-file="$WORK/data/key" \
    --logging.level.root=WARN "$@" > "$WORK/hub-$label.log" 2>&1 &
  HUB_PID=$!
  for _ in $(seq 1 120); do curl -sf "localhost:$OPS_PORT/actuator/health" >/dev/null && break; sleep 1; done
  TOKEN=$(curl -s -X POST "localhost:$HUB_PORT/token" -u bench-consumer:demo-secret -d grant_type=client_credentials \
          | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
  export TOKEN BODY_FILE="$WORK/body.json"
  local url="http://127.0.0.1:$HUB_PORT/api/v1/services/000.00.01.H99/echo"
  wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s bench/post.lua "$url" > /dev/null
  for run in $(seq 1 "$RUNS"); do
    local line; line=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s bench/post.lua "$url" | grep '^RESULT')
    local rss; rss=$(ps -o rss= -p "$HUB_PID" | tr -d ' ')
    echo "$label $run $line rss_kb=$rss" | tee -a "$WORK/raw.txt"
  done
  kill "$HUB_PID"; wait "$HUB_PID" 2>/dev/null || true; HUB_PID=
}

: > "$WORK/raw.txt"
run_hub audit-on
run_hub audit-off --hub.audit.enabled=false

python3 - "$WORK/raw.txt" "$RESULTS" "$CONNECTIONS" "$BODY_BYTES" "$DURATION" "$WARMUP" <<'PY'
import re, statistics, sys, datetime, platform, os
raw, results, conns, body, duration, warmup = sys.argv[1:]
rows = {}
for line in open(raw):
    label = line.split()[0]
    m = dict(re.findall(r"(\w+)=([\d.]+)", line))
    rows.setdefault(label, []).append({k: float(v) for k, v in m.items()})
def med(label, key): return statistics.median(r[key] for r in rows[label])
def spread(label, key):
    v = [r[key] for r in rows[label]]; return (max(v) - min(v)) / 2
on, off = med("audit-on", "rps"), med("audit-off", "rps")
cpu = os.popen("lscpu | grep 'Model name' | sed 's/.*: *//'").read().strip()
stamp = datetime.datetime.utcnow().strftime("%Y-%m-%dT%H-%MZ")
table = [f"Audit overhead on the full sync path ({stamp}; {os.cpu_count()} cores, {cpu}; wrk -t2 -c{conns}, "
         f"{body} B JSON POST, {warmup} s warm-up, {len(rows['audit-on'])} x {duration} s runs, medians +- half-range)",
         "", "| system | req/s | p50 ms | p99 ms | RSS MB | non-2xx |", "|---|---|---|---|---|---|"]
for label, name in (("audit-on", "(d) hub, full path: token, ACL, schema, durable audit"),
                    ("audit-off", "(e) hub, same path, audit off")):
    table.append(f"| {name} | {med(label,'rps'):.0f} +- {spread(label,'rps'):.0f} | {med(label,'p50_ms'):.2f} | "
                 f"{med(label,'p99_ms'):.2f} | {med(label,'rss_kb')/1024:.0f} | {int(sum(r['non2xx'] for r in rows[label]))} |")
table += ["", f"Audit cost: {100*(off-on)/off:.1f}% of throughput (target <= 20%)."]
text = "\n".join(table) + "\n"
open(f"{results}/audit-overhead-{stamp}.md", "w").write(text)
open(f"{results}/audit-overhead-latest.md", "w").write(text)
print(text)
PY
