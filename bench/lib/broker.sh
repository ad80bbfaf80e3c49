# Sourced by bench/run.sh: system (g), the raw broker. A standalone Artemis from the distribution, created on
# its defaults with only the core acceptor (on a free port), driven by 'artemis perf client': 1 KiB persistent
# messages, one in flight and 100 in flight. Rate = mean of the measured (non-warm-up) one-second intervals'
# completed sends.
broker_rates() {
  local inst=$WORK/artemis-instance port pid inflight run
  port=$(free_port)
  log "(g) creating a standalone Artemis broker on :$port"
  "$ARTEMIS_HOME/bin/artemis" create "$inst" --silent --user bench --password bench --require-login --no-web \
    --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor \
    --host 127.0.0.1 --default-port "$port" > "$WORK/g-create.log" 2>&1
  t0=$(now)
  "$inst/bin/artemis" run > "$WORK/g.log" 2>&1 &
  pid=$!; PIDS+=("$pid")
  JVM_PID=$pid; jvm_started g "$t0" bash -c "exec 3<>/dev/tcp/127.0.0.1/$port"
  SUT=$(tree_pids "$pid")
  record "kind=idle system=g rss_kb=$(rss_kb $SUT)"
  for inflight in 1 100; do
    for run in $(seq 1 "$RUNS"); do
      log "(g) perf client, $inflight in flight, run $run/$RUNS"
      local c0 c1 t0 t1 rate
      c0=$(cpu_ticks $SUT); t0=$(now)
      "$ARTEMIS_HOME/bin/artemis" perf client --url "tcp://127.0.0.1:$port" --user bench --password bench \
        --persistent --message-size 1024 --max-pending "$inflight" --warmup "$BROKER_WARMUP" \
        --duration "$BROKER_DURATION" --json "$WORK/g-$inflight-$run.json" queue://BENCH > "$WORK/g-perf-$inflight-$run.log" 2>&1
      c1=$(cpu_ticks $SUT); t1=$(now)
      rate=$(python3 -c 'import json,sys
s=[i for i in json.load(open(sys.argv[1])) if i.get("sampleType")=="interval" and not i.get("warmup")]
print("%.1f" % (sum(i["completed"] for i in s)/max(1,len(s))))' "$WORK/g-$inflight-$run.json")
      record "kind=broker system=g inflight=$inflight run=$run rate=$rate rss_kb=$(rss_kb $SUT)" \
             "cpu_pct=$(awk -v a="$c0" -v b="$c1" -v s="$t0" -v e="$t1" -v k="$CLK_TCK" 'BEGIN{printf "%.0f", 100*(b-a)/k/(e-s)}')"
    done
  done
  stop "$pid"
}
