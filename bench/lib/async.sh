# Sourced by bench/run.sh: system (f), the hub's async path.
#  accept:   wrk publishing single records and batches of 100 (subscription suspended, so only the durable
#            accept is measured); records/s = req/s x records per request.
#  delivery: a fresh hub; per round, records preloaded while the subscription is suspended, then resumed:
#            records/s = records / time until the subscriber (the nginx backend) received that many; the ops
#            API's "delivered" counter must then have grown by that many too.
ASYNC_CONNS=${ASYNC_CONNS:-32}
ASYNC_BATCH_CONNS=${ASYNC_BATCH_CONNS:-16}    # 16 x 100 records in flight
DELIVERY_TIMEOUT=${DELIVERY_TIMEOUT:-120}   # s per delivery round
DELIVERY_SECONDS=${DELIVERY_SECONDS:-20}   # target length of a measured delivery round
DELIVERY_WARMUP_RECORDS=${DELIVERY_WARMUP_RECORDS:-5000}
ASYNC_URL="http://127.0.0.1:$HUB_PORT/api/v1/topics/$PRODUCER/events/records"
INBOX_LOG=$WORK/nginx-backend/inbox.log   # written by the backend (bench/run.sh), one line per delivered record

ops() { curl -sf -u "$OPS_AUTH" "$@"; }
subscription_id() {
  ops "http://127.0.0.1:$OPS_PORT/ops/v1/subscriptions" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])'
}
subscription_switch() { # suspend|resume
  ops -X POST -o /dev/null "http://127.0.0.1:$OPS_PORT/ops/v1/subscriptions/$(subscription_id | sed 's/>/%3E/'):$1"
}
delivered() {
  ops "http://127.0.0.1:$OPS_PORT/ops/v1/subscriptions" | grep -o '"delivered":[0-9]*' | awk -F: '{n += $2} END {print n + 0}'
}

async_accept() {
  log "(f) hub async accept on :$HUB_PORT"
  hub_start f
  subscription_switch suspend
  SUT=$(tree_pids "$JVM_PID")
  record "kind=idle system=f rss_kb=$(rss_kb $SUT)"
  log "(f) warm-up ${WARMUP}s (single records)"
  BODY_FILE="$WORK/body-1024.json" wrk --timeout 10s -t"$THREADS" -c"$ASYNC_CONNS" -d"${WARMUP}s" -s bench/post.lua "$ASYNC_URL" > /dev/null
  local run
  for run in $(seq 1 "$RUNS"); do
    log "(f) accept single run $run/$RUNS"
    BODY=body-1024.json wrk_run "$ASYNC_URL" f-single "$ASYNC_CONNS" 1024 "$DURATION" "$run"
  done
  explain_failures f-single "$ASYNC_URL"
  for run in $(seq 1 "$RUNS"); do
    log "(f) accept batch of 100 run $run/$RUNS"
    BODY=batch-100.json wrk_run "$ASYNC_URL:batch" f-batch "$ASYNC_BATCH_CONNS" 1024 "$DURATION" "$run"
  done
  stop "$JVM_PID"
}

# publishes $1 records in batches of 100, four requests at a time
preload() {
  seq 1 $(( $1 / 100 )) | xargs -P4 -I{} curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' \
    -H "Authorization: Bearer $TOKEN" --data-binary @"$WORK/batch-100.json" "$ASYNC_URL:batch"
}

# records the backend received on /inbox so far (one access-log line each, its time in s.ms)
received() { [ -f "$INBOX_LOG" ] && wc -l < "$INBOX_LOG" || echo 0; }
delivered_at_least() { [ "$(delivered)" -ge "$1" ]; }

# one delivery round; returns 1 when the records were not all delivered within DELIVERY_TIMEOUT (the rate of
# what was delivered is still recorded, marked partial). The subscriber's access log times the round (polling the
# ops API instead cost the hub a bcrypt check per poll, ~30 % of a core at 4 polls/s); the ops API's "delivered"
# counter then confirms that every record of the round is recorded as delivered.
drain() { # records run-label
  local n=$1 run=$2 before got=0 t0 t1 tc c0 c1 deadline partial=0 ops_before
  subscription_switch suspend
  ops_before=$(delivered)
  preload "$n"
  sleep 0.3; before=$(received)
  c0=$(cpu_ticks $SUT); t0=$(now)
  subscription_switch resume
  deadline=$(( $(date +%s) + DELIVERY_TIMEOUT ))
  until [ "$got" -ge "$n" ]; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      log "(f) only $got of $n records delivered in $DELIVERY_TIMEOUT s"; partial=1; break
    fi
    sleep 0.1
    got=$(( $(received) - before ))
  done
  t1=$(now); tc=$t1; c1=$(cpu_ticks $SUT)
  if [ "$partial" = 0 ]; then
    t1=$(sed -n "$(( before + n ))p" "$INBOX_LOG")   # when the round's last record arrived
    wait_for 30 delivered_at_least $(( ops_before + n )) \
      || { log "(f) the subscriber got $n records but the hub did not record them all as delivered"; partial=1; }
  fi
  LAST_RATE=$(awk -v n="$got" -v s="$t0" -v e="$t1" 'BEGIN{printf "%.1f", n/(e-s)}')
  record "kind=delivery system=f-delivery run=$run records=$got partial=$partial rate=$LAST_RATE" \
         "rss_kb=$(rss_kb $SUT) cpu_pct=$(awk -v a="$c0" -v b="$c1" -v s="$t0" -v e="$tc" -v k="$CLK_TCK" 'BEGIN{printf "%.0f", 100*(b-a)/k/(e-s)}')"
  [ "$partial" = 0 ]
}

# warm-up rounds for at least WARMUP seconds (the first of DELIVERY_WARMUP_RECORDS records, the next sized from the
# last rate to last about DELIVERY_SECONDS), then RUNS rounds sized the same way (at most DELIVERY_RECORDS, at least
# 500 records), so a slow path cannot stretch the bench (why not one short round: bench/README.md "Load").
async_delivery() {
  log "(f) hub async delivery on :$HUB_PORT"
  hub_start f-delivery
  SUT=$(tree_pids "$JVM_PID")
  local run n warm_until rounds=0
  n=$(( (DELIVERY_WARMUP_RECORDS + 99) / 100 * 100 ))
  warm_until=$(( $(date +%s) + WARMUP ))
  while :; do
    rounds=$((rounds + 1))
    log "(f) delivery warm-up round $rounds ($n records)"
    drain "$n" warm-up || { stop "$JVM_PID"; return; }
    n=$(awk -v r="$LAST_RATE" -v s="$DELIVERY_SECONDS" -v max="$DELIVERY_RECORDS" \
        'BEGIN{n = int(r * s / 100) * 100; if (n > max) n = max; if (n < 500) n = 500; print n}')
    [ "$(date +%s)" -lt "$warm_until" ] || break
  done
  for run in $(seq 1 "$RUNS"); do
    log "(f) delivery run $run/$RUNS ($n records)"
    drain "$n" "$run" || break   # a backlog left over would distort the next round
  done
  stop "$JVM_PID"
}
