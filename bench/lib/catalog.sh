#!/usr/bin/env bash
# Writes the hub's bench catalog into $1: participant 000.00.01.H99 (client bench-consumer / demo-secret)
# provides the sync service "echo" (request schema, allow-list, bulkhead raised above the bench's connections)
# forwarding to the nginx backend on port $2, and publishes topic "events"; participant 000.00.02.H99
# subscribes to it with the same backend (/inbox).
set -euo pipefail
dir=$1; backend_port=$2
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
topics:
  - { code: events, schema: schemas/bench.json, allow: ["000.00.02.H99"] }
YAML
cat > "$dir/catalog/bench-subscriber.yaml" <<YAML
agency: { code: "000.00.02.H99", name: "Bench subscriber" }
subscriptions:
  - topic: "000.00.01.H99/events"
    connector: { type: rest, url: "http://127.0.0.1:$backend_port/inbox", method: POST, timeout: 5s }
    retry: { max-attempts: 5, initial-backoff: 1s, multiplier: 2.0, max-backoff: 1m }
YAML
