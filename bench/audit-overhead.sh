#!/usr/bin/env bash
# The audit's cost alone: the hub's full sync path with audit on (d) against audit off (e), same backend, same
# load, at the headline point (32 connections, 1 KiB). A shortcut of bench/run.sh (see bench/README.md) writing
# bench/results/audit-overhead-<stamp>.md and audit-overhead-latest.md.
#   bench/audit-overhead.sh                                   # 60 s warm-up, 3 x 20 s runs per system
#   WARMUP=5 DURATION=5 RUNS=1 bench/audit-overhead.sh        # smoke
cd "$(dirname "$0")/.." || exit 1
SYSTEMS=${SYSTEMS:-"d e"} POINTS=${POINTS:-"32:1024:full"} JMH=${JMH:-0} REPORT_NAME=${REPORT_NAME:-audit-overhead} exec bench/run.sh
