#!/usr/bin/env bash
# Profiles a running JVM (e.g. the hub while bench/run.sh loads it) with async-profiler 4.0, fetched once from Maven
# Central (tools.profiler:async-profiler) and attached through the Attach API; writes collapsed stacks, one thread
# per root frame, that bench/profile/threads.py summarises.
#   bench/profile/profile.sh <pid> <seconds> <out.collapsed> [event]     # event: cpu (default), wall, alloc, lock
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: $0 <pid> <seconds> <out.collapsed> [cpu|wall|alloc|lock]" >&2; exit 2; }
pid=$1 seconds=$2 out=$(realpath -m "$3") event=${4:-cpu}
here=$(cd "$(dirname "$0")" && pwd)
case "$(uname -m)" in x86_64) platform=linux-x64 ;; aarch64) platform=linux-arm64 ;;
  *) echo "async-profiler 4.0 has no library for $(uname -m)" >&2; exit 2 ;; esac
dir=$here/../.cache/async-profiler-4.0
lib=$dir/$platform/libasyncProfiler.so
if [ ! -f "$lib" ]; then
  mkdir -p "$dir"
  mvn -B -q dependency:copy -Dartifact=tools.profiler:async-profiler:4.0 -DoutputDirectory="$dir"
  (cd "$dir" && unzip -o -q async-profiler-4.0.jar "$platform/*")
fi
java "$here/AttachAgent.java" "$pid" "$lib" "start,event=$event,interval=1ms,threads"
sleep "$seconds"
java "$here/AttachAgent.java" "$pid" "$lib" "stop,file=$out,collapsed"
echo "$out"
