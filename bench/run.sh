#!/usr/bin/env bash
# The benchmark of issue #9, one command: builds what it needs, starts each system under test in turn on free
# loopback ports, drives the same wrk load at it, stops it, and writes bench/results/<stamp>.md + latest.md
# (tables, chart, machine). Documented in bench/README.md.
#   bench/run.sh                                   # default matrix, about 31 min on 2 cores
#   FULL=1 bench/run.sh                            # every point: 16/32/64 connections x 1/10 KiB, RUNS runs each
#   SYSTEMS="a b d" WARMUP=1 DURATION=2 SHORT_DURATION=2 RUNS=1 JMH=0 bench/run.sh    # smoke (CI)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

SYSTEMS=${SYSTEMS:-"a b c d e f g h"}
FULL=${FULL:-0}
WARMUP=${WARMUP:-60}                 # s of load before the measured runs of each system
DURATION=${DURATION:-20}             # s per measured run of a headline point
SHORT_DURATION=${SHORT_DURATION:-8}  # s per measured run of the other points (default mode)
RUNS=${RUNS:-3}
THREADS=${THREADS:-2}                # wrk threads
JMH=${JMH:-1}
DELIVERY_RECORDS=${DELIVERY_RECORDS:-50000}
BROKER_WARMUP=${BROKER_WARMUP:-5}
BROKER_DURATION=${BROKER_DURATION:-15}
HANG_SECONDS=${HANG_SECONDS:-60}     # (h): how long the hanging provider takes to answer
HANG_CALLERS=${HANG_CALLERS:-64}     # (h): callers of the hanging service, each at most one call a second
JAVA_OPTS=${JAVA_OPTS:-"-Xmx512m"}   # the same heap limit for every JVM system under test
HUB_JAVA_OPTS=${HUB_JAVA_OPTS:-}     # the hub's; empty: bin/lgsp-hub's recommended ones (docs/operator-guide.md "Memory")
hub_env=(env -u JAVA_OPTS); [ -n "$HUB_JAVA_OPTS" ] && hub_env=(env JAVA_OPTS="$HUB_JAVA_OPTS")
HUB_CACHE=${HUB_CACHE:-bench/.cache/startup}  # bin/lgsp-hub's start archive cache (kept between runs, one folder per jar and JVM)
REBUILD=${REBUILD:-0}
READY_TIMEOUT=${READY_TIMEOUT:-300}  # s a system may take to get ready
WORK=${WORK:-bench/work}
RESULTS=${RESULTS:-bench/results}
ARTEMIS_VERSION=2.40.0
# connections:body-bytes:kind -- the headline point (32 connections, 1 KiB) last, so the JVMs are warmest
if [ -n "${POINTS:-}" ]; then :
elif [ "$FULL" = 1 ]; then
  POINTS="16:1024:full 64:1024:full 16:10240:full 32:10240:full 64:10240:full 32:1024:full"
else
  POINTS="16:1024:short 64:1024:short 32:10240:short 32:1024:full"
fi
has() { case " $SYSTEMS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
log() { echo "[bench $(date -u +%H:%M:%S)] $*" >&2; }

WORK=$(realpath -m "$WORK"); RESULTS=$(realpath -m "$RESULTS"); HUB_CACHE=$(realpath -m "$HUB_CACHE")
rm -rf "$WORK"; mkdir -p "$WORK" "$RESULTS"
RAW=$WORK/raw.txt; : > "$RAW"
STARTED_AT=$(date -u +%s)
record_load() { echo "kind=load at=$1 load1=$(cut -d' ' -f1 /proc/loadavg)" >> "$RAW"; }
record_load start

# ---------------------------------------------------------------------------------------------- tools
apt_install() {
  if [ "$(id -u)" != 0 ]; then echo "bench: missing $*; install them (Debian: apt-get install $*)" >&2; exit 2; fi
  apt-get update -qq
  local pkgs=("$@")   # Debian 13 has no nginx-light: its plain nginx then
  apt-cache show nginx-light >/dev/null 2>&1 || pkgs=("${pkgs[@]/#nginx-light/nginx}")
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}"
}
need=()
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v nginx >/dev/null 2>&1 || need+=(nginx-light)
command -v python3 >/dev/null 2>&1 || need+=(python3)
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v pgrep >/dev/null 2>&1 || need+=(procps)
command -v java >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || need+=(maven)
[ ${#need[@]} -eq 0 ] || apt_install "${need[@]}"

# ---------------------------------------------------------------------------------------------- build
HUB_JAR=$(realpath -m "${HUB_JAR:-routes/target/lgsp-hub.jar}")   # another jar: A/B of two builds, same script
PROXY_JAR=bench/camel-proxy/target/bench-camel-proxy.jar
JMH_JAR=bench/jmh/target/benchmarks.jar
ARTEMIS_HOME=$ROOT/bench/.artemis/apache-artemis-$ARTEMIS_VERSION
modules=()
if { has d || has e || has f || has h; } && { [ "$REBUILD" = 1 ] || [ ! -f "$HUB_JAR" ]; }; then modules+=(routes); fi
if [ "$JMH" = 1 ] && { [ "$REBUILD" = 1 ] || [ ! -f "$JMH_JAR" ]; }; then modules+=(bench/jmh); fi
if [ ${#modules[@]} -gt 0 ]; then
  log "building ${modules[*]}"
  mvn -B -q package -DskipTests -Pbench -pl "$(IFS=,; echo "${modules[*]}")" -am
fi
# The JVM of every JVM system (and of JMH, artemis perf, bin/lgsp-hub): BENCH_JAVA_HOME, else the JDK of the
# container image's Java release on this machine (deploy/image-java-home.sh), else java on the PATH (the jars are
# compiled for Java 17, whichever JDK builds them).
BENCH_JAVA_HOME=${BENCH_JAVA_HOME:-$(deploy/image-java-home.sh Dockerfile)}
if [ -n "$BENCH_JAVA_HOME" ]; then export JAVA_HOME=$BENCH_JAVA_HOME PATH=$BENCH_JAVA_HOME/bin:$PATH; fi
log "JVM: $(java -version 2>&1 | head -1)"
if has d || has e || has f || has h; then   # the extracted jar + start archive (AOT cache or CDS) bin/lgsp-hub starts with (not timed)
  log "preparing bin/lgsp-hub's fast start (once per jar)"
  "${hub_env[@]}" LGSP_HUB_JAR="$HUB_JAR" LGSP_HUB_CACHE="$HUB_CACHE" bin/lgsp-hub prepare
fi
if has c && { [ "$REBUILD" = 1 ] || [ ! -f "$PROXY_JAR" ]; }; then
  log "building the bare Camel proxy (c)"
  mvn -B -q -f bench/camel-proxy/pom.xml package -DskipTests
fi
if has g && [ ! -x "$ARTEMIS_HOME/bin/artemis" ]; then
  log "fetching the Artemis $ARTEMIS_VERSION distribution"
  mkdir -p bench/.artemis
  mvn -B -q -N dependency:copy -Dartifact="org.apache.activemq:apache-artemis:$ARTEMIS_VERSION:tar.gz:bin" \
    -DoutputDirectory="$ROOT/bench/.artemis"
  tar -xzf "bench/.artemis/apache-artemis-$ARTEMIS_VERSION-bin.tar.gz" -C bench/.artemis
fi

# ---------------------------------------------------------------------------------------------- helpers
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
CLK_TCK=$(getconf CLK_TCK)
PIDS=()   # every process this script started, stopped on exit
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT
stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
now() { date +%s.%N; }
# the process and its children (nginx master + workers)
tree_pids() { echo "$1"; pgrep -P "$1" || true; }
cpu_ticks() { local t=0 p; for p in "$@"; do [ -r "/proc/$p/stat" ] && t=$((t + $(sed 's/^.*) //' "/proc/$p/stat" | awk '{print $12 + $13}'))); done; echo "$t"; }
rss_kb() { local t=0 p r; for p in "$@"; do r=$(ps -o rss= -p "$p" 2>/dev/null | tr -d ' '); t=$((t + ${r:-0})); done; echo "$t"; }
wait_for() { # seconds command... -> 0 when the command succeeded in time
  local deadline=$(( $(date +%s) + $1 )); shift
  until "$@" >/dev/null 2>&1; do [ "$(date +%s)" -lt "$deadline" ] || return 1; sleep 0.2; done
}
record() { echo "$*" >> "$RAW"; }

python3 bench/lib/bodies.py "$WORK"    # body-1024.json, body-10240.json, batch-100.json, answer.json

# wrk against $1 (URL) with SUT pids in $SUT; appends one "kind=http" line per run
# args: system conns bytes seconds run-label
wrk_run() {
  local url=$1 system=$2 conns=$3 bytes=$4 secs=$5 run=$6 c0 c1 t0 t1 line
  c0=$(cpu_ticks $SUT); t0=$(now)
  line=$(BODY_FILE="$WORK/$BODY" wrk --timeout 10s -t"$THREADS" -c"$conns" -d"${secs}s" -s bench/post.lua "$url" | grep '^RESULT' | sed 's/^RESULT //')
  c1=$(cpu_ticks $SUT); t1=$(now)
  record "kind=http system=$system conns=$conns body=$bytes run=$run $line rss_kb=$(rss_kb $SUT)" \
         "cpu_pct=$(awk -v a="$c0" -v b="$c1" -v s="$t0" -v e="$t1" -v k="$CLK_TCK" 'BEGIN{printf "%.0f", 100*(b-a)/k/(e-s)}')"
}
# the whole HTTP matrix for one system: warm-up, then every point
http_matrix() { # system url
  local system=$1 url=$2 point conns bytes kind secs run
  SUT=$(for p in $SUT_ROOTS; do tree_pids "$p"; done | tr '\n' ' ')
  record "kind=idle system=$system rss_kb=$(rss_kb $SUT)"
  log "($system) warm-up ${WARMUP}s"
  BODY_FILE="$WORK/body-1024.json" wrk --timeout 10s -t"$THREADS" -c32 -d"${WARMUP}s" -s bench/post.lua "$url" > /dev/null
  for point in $POINTS; do
    IFS=: read -r conns bytes kind <<< "$point"
    secs=$DURATION; [ "$kind" = short ] && secs=$SHORT_DURATION
    for run in $(seq 1 "$RUNS"); do
      log "($system) -c$conns ${bytes} B run $run/${RUNS} (${secs}s)"
      BODY=body-$bytes.json wrk_run "$url" "$system" "$conns" "$bytes" "$secs" "$run"
    done
  done
  explain_failures "$system" "$url"
}
# when runs of the system got non-2xx answers: one more short run that counts them by status
explain_failures() { # system url
  grep -q "^kind=http system=$1 .*non2xx=[1-9]" "$RAW" || return 0
  log "($1) non-2xx answers: counting them by status"
  record "kind=statuses system=$1 $(BODY_FILE="$WORK/body-1024.json" STATUSES=1 wrk --timeout 10s -t"$THREADS" -c32 -d3s \
    -s bench/post.lua "$2" | grep '^STATUSES' | sed 's/^STATUSES /codes=/')"
}
BODY_FILE=; TOKEN=; export BODY_FILE TOKEN
post_ok() {
  local auth=(); [ -z "${TOKEN:-}" ] || auth=(-H "Authorization: Bearer $TOKEN")
  curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' "${auth[@]}" --data-binary @"$WORK/body-1024.json" "$1"
}

# ---------------------------------------------------------------------------------------------- (a) backend
BACKEND_PORT=$(free_port)
nginx_start() { # name conf-body -> pid in NGINX_PID
  local dir=$WORK/nginx-$1; mkdir -p "$dir"
  cat > "$dir/nginx.conf" <<CONF
pid $dir/nginx.pid;
error_log $dir/error.log warn;
$2
CONF
  nginx -p "$dir/" -e "$dir/error.log" -c "$dir/nginx.conf"
  wait_for 10 test -s "$dir/nginx.pid"; NGINX_PID=$(cat "$dir/nginx.pid"); PIDS+=("$NGINX_PID")
}
nginx_start backend "worker_processes 1;
events { worker_connections 4096; }
http {
  access_log off;
  log_format inbox '\$msec';
  client_body_temp_path $WORK/nginx-backend/body;
  client_body_buffer_size 128k;
  server {
    listen 127.0.0.1:$BACKEND_PORT backlog=4096;
    location / { default_type application/json; return 200 '$(cat "$WORK/answer.json")'; }
    # deliveries of (f): one line per record received, its time (s.ms), counted by bench/lib/async.sh
    location /inbox {
      access_log $WORK/nginx-backend/inbox.log inbox buffer=4k flush=100ms;
      default_type application/json; return 200 '$(cat "$WORK/answer.json")';
    }
  }
}"
BACKEND_PID=$NGINX_PID
wait_for 10 post_ok "http://127.0.0.1:$BACKEND_PORT/echo"
if has a; then
  log "(a) nginx backend alone on :$BACKEND_PORT"
  SUT_ROOTS=$BACKEND_PID http_matrix a "http://127.0.0.1:$BACKEND_PORT/echo"
fi

# ---------------------------------------------------------------------------------------------- (b) nginx proxy
if has b; then
  PROXY_PORT=$(free_port)
  nginx_start proxy "worker_processes auto;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx-proxy/body;
  client_body_buffer_size 128k;
  proxy_temp_path $WORK/nginx-proxy/proxy;
  upstream backend { server 127.0.0.1:$BACKEND_PORT; keepalive 128; }
  server {
    listen 127.0.0.1:$PROXY_PORT backlog=4096;
    location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection \"\"; }
  }
}"
  wait_for 10 post_ok "http://127.0.0.1:$PROXY_PORT/echo"
  log "(b) nginx reverse proxy on :$PROXY_PORT"
  SUT_ROOTS=$NGINX_PID http_matrix b "http://127.0.0.1:$PROXY_PORT/echo"
  stop "$NGINX_PID"
fi

# ---------------------------------------------------------------------------------------------- (c) Camel proxy
# JVM system start: $1 label, $2 readiness command...; uses JVM_PID, records the startup time to ready and the
# CPU seconds the JVM used until then (comparable on a busy machine, where the wall time is not)
jvm_started() { # label t0 ready-command...
  local label=$1 t0=$2; shift 2
  if ! wait_for "$READY_TIMEOUT" "$@"; then log "($label) not ready in $READY_TIMEOUT s; log: $WORK/$label.log"; tail -40 "$WORK/$label.log" >&2; exit 1; fi
  record "kind=startup system=$label ms=$(awk -v s="$t0" -v e="$(now)" 'BEGIN{printf "%.0f", 1000*(e-s)}')" \
         "cpu_s=$(awk -v t="$(cpu_ticks "$JVM_PID")" -v k="$CLK_TCK" 'BEGIN{printf "%.1f", t/k}')"
}
if has c; then
  CAMEL_PORT=$(free_port)
  log "(c) bare Camel proxy on :$CAMEL_PORT"
  t0=$(now)
  java $JAVA_OPTS -jar "$PROXY_JAR" --server.port="$CAMEL_PORT" \
    --bench.backend-url="http://127.0.0.1:$BACKEND_PORT/echo" > "$WORK/c.log" 2>&1 &
  JVM_PID=$!; PIDS+=("$JVM_PID")
  jvm_started c "$t0" post_ok "http://127.0.0.1:$CAMEL_PORT/api/echo"
  SUT_ROOTS=$JVM_PID http_matrix c "http://127.0.0.1:$CAMEL_PORT/api/echo"
  stop "$JVM_PID"
fi

# ---------------------------------------------------------------------------------------------- hub (d, e, f)
HANG_PORT=$(free_port)
if has d || has e || has f || has h; then
  bash bench/lib/catalog.sh "$WORK/config" "$BACKEND_PORT" "$HANG_PORT"
fi
HUB_PORT=$(free_port); OPS_PORT=$(free_port); SOAP_PORT=$(free_port)
OPS_AUTH=demo-operator:demo-operator-secret
PRODUCER=000.00.01.H99
# the hub as the operator guide starts it: bin/lgsp-hub (AOT cache or CDS); HUB_LAUNCH=jar starts it with plain java -jar
hub_start() { # label extra-args...; the hub runs in $WORK/hub-<label>, so its data/ files land there
  local label=$1 t0 launch; shift
  rm -rf "$WORK/hub-$label"; mkdir -p "$WORK/hub-$label"
  launch=("${hub_env[@]}" LGSP_HUB_JAR="$HUB_JAR" LGSP_HUB_CACHE="$HUB_CACHE" "$ROOT/bin/lgsp-hub")
  [ "${HUB_LAUNCH:-launcher}" = jar ] && launch=(java $JAVA_OPTS -jar "$HUB_JAR")
  t0=$(now)
  (cd "$WORK/hub-$label" && exec "${launch[@]}" --hub.catalog.dir="$WORK/config" \
    --hub.http.port="$HUB_PORT" --server.port="$OPS_PORT" --hub.soap.port="$SOAP_PORT" --logging.level.root=WARN "$@" \
    > "$WORK/$label.log" 2>&1) &
  JVM_PID=$!; PIDS+=("$JVM_PID")
  jvm_started "$label" "$t0" curl -sf "http://127.0.0.1:$OPS_PORT/actuator/health/readiness"
  # the JVM options the hub runs with (the launcher's recommended ones unless HUB_JAVA_OPTS says otherwise)
  record "kind=hubopts system=$label opts=$(tr '\0' '\n' < "/proc/$JVM_PID/cmdline" | sed -n '2,/^-jar$/p' \
    | grep -v -e '^-jar$' -e '^-XX:SharedArchiveFile' -e '^-Xshare' -e '^-XX:AOTCache' | paste -sd_ -)"
  TOKEN=$(curl -sf -X POST "http://127.0.0.1:$HUB_PORT/token" -u bench-consumer:demo-secret -d grant_type=client_credentials \
          | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
  [ -n "$TOKEN" ] || { log "($label) no token from /token"; exit 1; }
}
SYNC_URL="http://127.0.0.1:$HUB_PORT/api/v1/services/$PRODUCER/echo"
if has d && [ "${STARTUP_JAR:-1}" = 1 ]; then   # startup with plain java -jar and the bench's JAVA_OPTS, for comparison (no load)
  log "(d-jar) hub started with java -jar"
  HUB_LAUNCH=jar hub_start d-jar
  stop "$JVM_PID"; TOKEN=
fi
for system in d e; do
  has "$system" || continue
  extra=(); [ "$system" = e ] && extra=(--hub.audit.enabled=false)
  log "($system) hub on :$HUB_PORT ${extra[*]:-}"
  hub_start "$system" "${extra[@]}"
  wait_for 10 post_ok "$SYNC_URL"
  SUT_ROOTS=$JVM_PID http_matrix "$system" "$SYNC_URL"
  stop "$JVM_PID"; TOKEN=
done

# ---------------------------------------------------------------------------------------------- (h) hang
# Issue #8: the healthy echo service at the headline point, its runs alone interleaved with runs while the "hang"
# service's provider answers only after HANG_SECONDS and HANG_CALLERS keep calling it (its bulkhead stays full).
# Interleaved, so the hub's own drift over the minutes of load weighs on both sides alike; calls held by the
# hanging provider stay held into the next run alone (each for HANG_SECONDS) — only the callers stop.
if has h; then
  python3 bench/lib/hang.py serve "$HANG_PORT" "$HANG_SECONDS" &
  HANG_PID=$!; PIDS+=("$HANG_PID")
  log "(h) hub on :$HUB_PORT, hanging provider on :$HANG_PORT (answers after ${HANG_SECONDS}s)"
  hub_start h
  wait_for 10 post_ok "$SYNC_URL"
  SUT=$(tree_pids "$JVM_PID" | tr '\n' ' ')
  log "(h) warm-up ${WARMUP}s"
  BODY_FILE="$WORK/body-1024.json" wrk --timeout 10s -t"$THREADS" -c32 -d"${WARMUP}s" -s bench/post.lua "$SYNC_URL" > /dev/null
  echo "$TOKEN" > "$WORK/token"
  settle=5
  for run in $(seq 1 "$RUNS"); do
    log "(h) healthy service alone, run $run/$RUNS (${DURATION}s)"
    BODY=body-1024.json wrk_run "$SYNC_URL" h-healthy 32 1024 "$DURATION" "$run"
    python3 bench/lib/hang.py call "http://127.0.0.1:$HUB_PORT/api/v1/services/$PRODUCER/hang" "$WORK/token" \
      "$WORK/body-1024.json" "$HANG_CALLERS" $(( settle + DURATION + 1 )) > "$WORK/hang-calls-$run.txt" &
    CALLERS_PID=$!; PIDS+=("$CALLERS_PID")
    sleep "$settle"   # the callers fill the hanging service's bulkhead first
    log "(h) healthy service while the other provider hangs, run $run/$RUNS (${DURATION}s)"
    BODY=body-1024.json wrk_run "$SYNC_URL" h-hanging 32 1024 "$DURATION" "$run"
    wait "$CALLERS_PID" || true
    record "kind=hang run=$run callers=$HANG_CALLERS hang_s=$HANG_SECONDS $(cat "$WORK/hang-calls-$run.txt")"
  done
  stop "$JVM_PID"; stop "$HANG_PID"; TOKEN=
fi

# ---------------------------------------------------------------------------------------------- (f) async
if has f; then
  source bench/lib/async.sh
  case " ${F_PARTS:-accept delivery} " in *" accept "*) async_accept ;; esac
  case " ${F_PARTS:-accept delivery} " in *" delivery "*) async_delivery ;; esac
fi

# ---------------------------------------------------------------------------------------------- (g) broker
if has g; then
  source bench/lib/broker.sh
  broker_rates
fi
stop "$BACKEND_PID"

# ---------------------------------------------------------------------------------------------- JMH
if [ "$JMH" = 1 ]; then
  log "JMH micro-benchmarks"
  java -jar "$JMH_JAR" -wi "${JMH_WARMUP_ITERATIONS:-3}" -w 2s -i "${JMH_ITERATIONS:-3}" -r 2s -f 1 \
    -rf json -rff "$WORK/jmh.json" > "$WORK/jmh.log" 2>&1
fi

# ---------------------------------------------------------------------------------------------- report
record_load end
record "kind=meta started=$STARTED_AT finished=$(date -u +%s) warmup=$WARMUP duration=$DURATION" \
       "short_duration=$SHORT_DURATION runs=$RUNS threads=$THREADS full=$FULL java_opts=${JAVA_OPTS// /_}"
python3 bench/lib/report.py "$WORK" "$RESULTS"
