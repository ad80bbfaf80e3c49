#!/usr/bin/env bash
# Writes the hub's bench catalog into $1: participant 000.00.01.H99 (client bench-consumer / demo-secret)
# provides the sync service "echo" (request schema, allow-list, bulkhead raised above the bench's connections)
# forwarding to the nginx backend on port $2, and publishes topic "events"; participant 000.00.02.H99
# subscribes to it with the same backend (/inbox). With a third argument, 000.00.01.H99 also provides "hang",
# forwarding to the hanging provider of system (h) on that port with the catalog's default bulkhead and breaker.
set -euo pipefail
dir=$1; backend_port=$2; hang_port=${3:-}
mkdir -p "$dir/catalog" "$dir/schemas"
cp config/operators.yaml "$dir/"
cat > "$dir/schemas/bench.json" <<'JSON'
{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","required":["SoDinhDanh","MaYeuCau"],
 "properties":{"SoDinhDanh":{"type":"string","pattern":"^[0-9]{12}$"},"MaYeuCau":{"type":"string"}}}
JSON
cat > "$dir/catalog/bench.yaml" <<YAML
agency: { code: "000.00.01.H99", name: "Bench consumer" }
clients:
  - { id: bench-consumer, secret: "{bcrypt}\$2a\$10\$1IP9ZdZ4xWVgqkm3odCDJObDQ1INLXTjO913rJQVVGXGjChvlRmpm" }
services:
  - code: echo
    connector: { type: rest, url: "http://127.0.0.1:$backend_port/echo", method: POST, timeout: 5s, max-connections: 128 }
    # the default bulkhead (16 calls in flight) would answer 503 PROVIDER_BUSY at 32 and 64 connections
    resilience: { max-concurrent: 256 }
    request-schema: schemas/bench.json
    allow: ["000.00.01.H99"]
$([ -z "$hang_port" ] || cat <<HANG
  - code: hang
    # waits as long as the provider hangs (90 s > its 60 s), so each call holds a bulkhead slot that long
    connector: { type: rest, url: "http://127.0.0.1:$hang_port/slow", method: POST, timeout: 90s }
    resilience: { timeout: 90s }
    request-schema: schemas/bench.json
    allow: ["000.00.01.H99"]
HANG
)
topics:
  - { code: events, schema: schemas/bench.json, allow: ["000.00.02.H99"] }
YAML
cat > "$dir/catalog/bench-subscriber.yaml" <<YAML
agency: { code: "000.00.02.H99", name: "Bench subscriber" }
subscriptions:
  - topic: "000.00.01.H99/events"
    connector: { type: rest, url: "http://127.0.0.1:$backend_port/inbox", method: POST, timeout: 5s }
    retry: { max-attempts: 5, initial-backoff: 1s, multiplier: 2.0, max-backoff: 1m }
    consumers: ${DELIVERY_CONSUMERS:-1}   # 1: ordered delivery (the default); more: concurrent, unordered
YAML
