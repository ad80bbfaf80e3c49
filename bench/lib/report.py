"""Turns bench/run.sh's raw measurements (work/raw.txt, work/jmh.json) into bench/results/bench-<stamp>.md and
.svg plus latest.md/latest.svg: the sync table, the async table, startup and memory, the #9 targets, the JMH
summary and the machine. Standard library only."""
import datetime
import json
import os
import platform
import re
import statistics
import subprocess
import sys

work, results = sys.argv[1], sys.argv[2]
NAMES = {
    "a": "(a) nginx backend alone",
    "b": "(b) nginx reverse proxy -> (a)",
    "c": "(c) bare Camel proxy, defaults (servlet platform-http -> camel-http)",
    "d": "(d) hub, full sync path: token, ACL, schema, durable audit",
    "d-jar": "(d) the same hub started with plain java -jar, JAVA_OPTS (no start archive)",
    "e": "(e) hub, same path, audit off",
    "f": "(f) hub async (accept)",
    "f-delivery": "(f) hub async (delivery)",
    "g": "(g) raw broker, Artemis 2.40.0 standalone",
}
HEADLINE = (32, 1024)


def parse(path):
    out = []
    for line in open(path, encoding="utf-8"):
        fields = dict(re.findall(r"(\w+)=(\S+)", line))
        for k, v in list(fields.items()):
            try:
                fields[k] = float(v)
            except ValueError:
                pass
        out.append(fields)
    return out


rows = parse(f"{work}/raw.txt")
meta = next((r for r in rows if r.get("kind") == "meta"), {})


def of(kind, **match):
    return [r for r in rows if r.get("kind") == kind and all(r.get(k) == v for k, v in match.items())]


def med(values):
    return statistics.median(values) if values else None


def spread(values):
    return (max(values) - min(values)) / 2 if values else None


def fmt(v, digits=0):
    return "–" if v is None else f"{v:,.{digits}f}"


def http_point(system, conns, body):
    return of("http", system=system, conns=float(conns), body=float(body))


def http_rps(system, conns=HEADLINE[0], body=HEADLINE[1]):
    return med([r["rps"] for r in http_point(system, conns, body)])


def ratio(a, b):
    return "–" if a is None or not b else f"{a / b:.2f}"


# ------------------------------------------------------------------------------------------ sync table
points = sorted({(int(r["conns"]), int(r["body"])) for r in of("http") if r["system"] in "abcde"},
                key=lambda p: (p != HEADLINE, p[1], p[0]))
sync = ["| system | conns | body | req/s (median ± half-range) | p50 ms | p99 ms | ÷ (c) | ÷ (b) | RSS MB | CPU % | errors |",
        "|---|---|---|---|---|---|---|---|---|---|---|"]
for conns, body in points:
    for system in "abcde":
        runs = http_point(system, conns, body)
        if not runs:
            continue
        rps = [r["rps"] for r in runs]
        errors = int(sum(r.get("errors", 0) + r.get("non2xx", 0) for r in runs))
        sync.append(f"| {NAMES[system]} | {conns} | {body // 1024} KiB | {fmt(med(rps))} ± {fmt(spread(rps))} "
                    f"({len(runs)} runs) | {fmt(med([r['p50_ms'] for r in runs]), 2)} | "
                    f"{fmt(med([r['p99_ms'] for r in runs]), 2)} | {ratio(med(rps), http_rps('c', conns, body))} | "
                    f"{ratio(med(rps), http_rps('b', conns, body))} | {fmt(max(r['rss_kb'] for r in runs) / 1024)} | "
                    f"{fmt(med([r['cpu_pct'] for r in runs]))} | {errors} |")

for r in of("statuses"):
    sync.append("")
    sync.append(f"Non-2xx answers of ({r['system']}) in a 3 s diagnostic run at 32 connections: "
                f"`{r.get('codes', '?')}` (status:count), first body `{str(r.get('first', '')).replace('_', ' ')}`")

# ------------------------------------------------------------------------------------------ async table
# a publish run in which no request completed (a batch slower than the run) has no rate
single = [r["rps"] for r in of("http", system="f-single") if r.get("requests", 1) > 0]
batch = [r["rps"] * 100 for r in of("http", system="f-batch") if r.get("requests", 1) > 0]
delivery_rows = [r for r in of("delivery") if r.get("run") != "warm-up"] or of("delivery")  # warm-up only: it stopped early
delivery = [r["rate"] for r in delivery_rows]
delivery_partial = any(r.get("partial") == 1.0 for r in delivery_rows)
broker1 = [r["rate"] for r in of("broker", inflight=1.0)]
broker100 = [r["rate"] for r in of("broker", inflight=100.0)]
g1, g100 = med(broker1), med(broker100)
async_rows = [("(f) durable accept, single records (wrk)", single, of("http", system="f-single"), "(f) accept, single"),
              ("(f) durable accept, batches of 100 (wrk; records/s)", batch, of("http", system="f-batch"),
               "(f) accept, batches of 100"),
              ("(f) end-to-end delivery to a subscriber (records/s)" + (
                  " — PARTIAL: not every record was delivered within DELIVERY_TIMEOUT" if delivery_partial else ""),
               delivery, delivery_rows, "(f) delivery"),
              ("(g) raw broker, 1 KiB persistent, 1 in flight (msg/s)", broker1, of("broker", inflight=1.0),
               "(g) broker, 1 in flight"),
              ("(g) raw broker, 1 KiB persistent, 100 in flight (msg/s)", broker100, of("broker", inflight=100.0),
               "(g) broker, 100 in flight")]
asyn = ["| measurement | records/s (median ± half-range) | ÷ (g) 1 in flight | ÷ (g) 100 in flight | p99 ms | RSS MB | CPU % | errors |",
        "|---|---|---|---|---|---|---|---|"]
for name, values, raw, _ in async_rows:
    if raw and not values:
        asyn.append(f"| {name} | no request completed within a run (raise DURATION) | | | | | | |")
    if not values:
        continue
    p99 = med([r["p99_ms"] for r in raw if "p99_ms" in r])
    errors = int(sum(r.get("errors", 0) + r.get("non2xx", 0) for r in raw))
    asyn.append(f"| {name} | {fmt(med(values))} ± {fmt(spread(values))} ({len(values)} runs) | {ratio(med(values), g1)} | "
                f"{ratio(med(values), g100)} | {fmt(p99, 2)} | {fmt(max(r['rss_kb'] for r in raw) / 1024)} | "
                f"{fmt(med([r['cpu_pct'] for r in raw]))} | {errors} |")

# ------------------------------------------------------------------------------------------ startup, memory
mem = ["| system | startup to ready s | CPU s to ready | RSS idle MB | RSS under load MB (max) |", "|---|---|---|---|---|"]
for system in ("a", "b", "c", "d", "d-jar", "e", "f", "f-delivery", "g"):
    start = of("startup", system=system)
    idle = of("idle", system=system)
    measured = {"f": ("f-single", "f-batch")}.get(system, (system,))
    loaded = [r["rss_kb"] for r in rows if r.get("rss_kb") is not None and r.get("kind") in ("http", "delivery", "broker")
              and r["system"] in measured]
    if not (start or idle or loaded):
        continue
    cpu = start[0].get("cpu_s") if start else None
    mem.append(f"| {NAMES[system]} | {fmt(start[0]['ms'] / 1000, 1) if start else '–'} | {fmt(cpu, 1) if cpu else '–'} | "
               f"{fmt(idle[0]['rss_kb'] / 1024) if idle else '–'} | {fmt(max(loaded) / 1024) if loaded else '–'} |")

# ------------------------------------------------------------------------------------------ targets
def target(text, value, ok, shown):
    if value is None:
        return f"- {text}: not measured in this run"
    return f"- {text}: **{'met' if ok(value) else 'NOT met'}** ({shown(value)})"


d_runs = http_point("d", *HEADLINE)
d, c, e = http_rps("d"), http_rps("c"), http_rps("e")
d_p99 = med([r["p99_ms"] for r in d_runs])
d_rss = max((r["rss_kb"] for r in d_runs), default=None)
d_start = (of("startup", system="d") or [{}])[0].get("ms")
targets = [
    target("sync (d) >= 5,000 req/s at 1 KiB, 32 connections", d, lambda v: v >= 5000, lambda v: f"{v:,.0f} req/s"),
    target("sync (d) at least as fast as (c)", None if d is None or c is None else d / c, lambda v: v >= 1,
           lambda v: f"(d)/(c) = {v:.2f}"),
    target("sync (d) p99 <= 25 ms at 32 connections", d_p99, lambda v: v <= 25, lambda v: f"{v:.1f} ms"),
    target("audit cost (e) vs (d) <= 20%", None if d is None or e is None else 100 * (e - d) / e,
           lambda v: v <= 20, lambda v: f"{v:.1f}% fewer req/s with audit on"),
    target("async accept >= 3,000 records/s single", med(single), lambda v: v >= 3000, lambda v: f"{v:,.0f}/s"),
    target("async accept >= 20,000 records/s batched (100 per batch)", med(batch), lambda v: v >= 20000,
           lambda v: f"{v:,.0f}/s"),
    target("end-to-end delivery >= 3,000 records/s", med(delivery), lambda v: v >= 3000, lambda v: f"{v:,.0f}/s"),
    target("delivery >= 50% of the raw broker rate (g, 1 in flight; 100 in flight shown too)",
           None if not delivery or not g1 else med(delivery) / g1, lambda v: v >= 0.5,
           lambda v: f"{100 * v:.0f}% of (g) at 1 in flight" + (f", {100 * med(delivery) / g100:.0f}% at 100" if g100 else "")),
    target("startup <= 6 s to ready (hub, readiness endpoint)", None if d_start is None else d_start / 1000,
           lambda v: v <= 6, lambda v: f"{v:.1f} s"),
    target("RSS <= 512 MB under the sync load (d)", None if d_rss is None else d_rss / 1024, lambda v: v <= 512,
           lambda v: f"{v:.0f} MB"),
]

# ------------------------------------------------------------------------------------------ (h) hanging provider
# Issue #8: a provider that hangs must not raise other services' p99. Met when the healthy service's median p99
# with the provider hanging is at most 10 % above the worst p99 of its runs without it.
HANG_TOLERANCE = 1.10
hang = []
hang_healthy, hang_hanging = of("http", system="h-healthy"), of("http", system="h-hanging")
hang_runs = of("hang")
hang_calls = (hang_runs or [{}])[0]
hang_verdict = None
if hang_healthy and hang_hanging:
    hang = ["| healthy service (32 connections, 1 KiB) | req/s (median ± half-range) | p50 ms | p99 ms (median, worst) | CPU % | errors |",
            "|---|---|---|---|---|---|"]
    for label, runs in (("alone", hang_healthy), ("while another provider hangs", hang_hanging)):
        rps = [r["rps"] for r in runs]
        p99s = [r["p99_ms"] for r in runs]
        errors = int(sum(r.get("errors", 0) + r.get("non2xx", 0) for r in runs))
        hang.append(f"| {label} | {fmt(med(rps))} ± {fmt(spread(rps))} ({len(runs)} runs) | "
                    f"{fmt(med([r['p50_ms'] for r in runs]), 2)} | {fmt(med(p99s), 2)}, {fmt(max(p99s), 2)} | "
                    f"{fmt(med([r['cpu_pct'] for r in runs]))} | {errors} |")
    base_worst = max(r["p99_ms"] for r in hang_healthy)
    during = med([r["p99_ms"] for r in hang_hanging])
    hang_verdict = target(f"(#8) a provider hanging for {fmt(hang_calls.get('hang_s'))} s does not raise another service's p99 "
                          f"(median p99 while it hangs <= {HANG_TOLERANCE:.2f} x the worst p99 without it)",
                          during / base_worst, lambda v: v <= HANG_TOLERANCE,
                          lambda v: f"{during:.2f} ms vs {base_worst:.2f} ms, x{v:.2f}")
    outcomes = "; ".join(f"`{r.get('codes', '?')}`" for r in hang_runs)
    hang += ["", f"Runs alone and runs while the provider hangs alternate. The hanging provider answers every call "
             f"after {fmt(hang_calls.get('hang_s'))} s; during each run of the second kind "
             f"{fmt(hang_calls.get('callers'))} callers call it at most once a second (its service has the catalog "
             f"defaults: bulkhead 16, no hub timeout below the hang; held calls stay held into the next run alone). "
             f"Their outcomes per run (status:count): {outcomes}."]


# ------------------------------------------------------------------------------------------ JMH
jmh = []
if os.path.exists(f"{work}/jmh.json"):
    what = {"tokenVerify": "bearer token verification (TokenService.verify, HS256 JWT)",
            "aclLookup": "service lookup + allow-list check (Catalog.service + mayCall; 40 participants x 5 services)",
            "schemaValidateParsed": "request schema validation of a parsed 1 KiB body (RequestSchema.validate)",
            "schemaParseAndValidate": "the same from the body's bytes (Jackson parse + validate)",
            "auditCanonical": "audit record canonical encoding (AuditHashing.canonical)",
            "auditLinkAndHash": "audit chain link + SHA-256 (AuditHashing.link)"}
    jmh = ["| benchmark | what (hub-core classes) | µs/op | ± error (99.9%) |", "|---|---|---|---|"]
    for b in json.load(open(f"{work}/jmh.json")):
        m = b["primaryMetric"]
        try:
            err = float(m.get("scoreError"))
        except (TypeError, ValueError):
            err = float("nan")
        short = b["benchmark"].rsplit(".", 1)[-1]
        jmh.append(f"| {short} | {what.get(short, '')} | {m['score']:.3f} | "
                   f"{'–' if err != err else f'{err:.3f}'} |")


# ------------------------------------------------------------------------------------------ machine
def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=20).stdout.strip()
    except Exception:  # a missing tool only leaves a gap in the report
        return ""


model = sh("lscpu | sed -n 's/^Model name: *//p'") or platform.processor()
ram = sh("free -g | awk '/^Mem:/ {print $2}'")
java = subprocess.run("java -version", shell=True, capture_output=True, text=True).stderr.strip().replace("\n", "; ")
load = [r for r in rows if r.get("kind") == "load"]
hub_opts = str(next((r["opts"] for r in rows if r.get("kind") == "hubopts" and r.get("system") != "d-jar" and "opts" in r), "")).replace("_", " ")
machine = [f"- cores: {os.cpu_count()} ({model}), RAM: {ram} GiB, kernel: {platform.release()}",
           f"- java: {java}",
           f"- load average (1 min) at start / end: {' / '.join(str(r['load1']) for r in load) or '–'} "
           "(an idle machine shows < 0.5; anything higher means the figures are noisy)",
           f"- wrk -t{int(meta.get('threads', 2))} on the same cores; (c) and plain `java -jar` run with {str(meta.get('java_opts', '')).replace('_', ' ')}"
           f"{'; the hub (bin/lgsp-hub) with ' + hub_opts if hub_opts else ''}; "
           f"warm-up {int(meta.get('warmup', 0))} s per system, headline runs {int(meta.get('duration', 0))} s, "
           f"other points {int(meta.get('short_duration', 0))} s, {int(meta.get('runs', 0))} runs each"
           f"{' (FULL matrix)' if meta.get('full') == 1.0 else ''}",
           f"- total bench time: {fmt((meta.get('finished', 0) - meta.get('started', 0)) / 60, 1)} min"]


# ------------------------------------------------------------------------------------------ chart (SVG)
def chart():
    bars = [(NAMES[s].split(",")[0].split(" (servlet")[0], http_rps(s), "#4878a8") for s in "abcde" if http_rps(s) is not None]
    bars += [(label, med(values), "#c0504d") for _, values, _, label in async_rows if values]
    if not bars:
        return None
    top = max(v for _, v, _ in bars) or 1
    height, left, width = 26, 330, 420
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 90}" height="{len(bars) * height + 60}" '
           'font-family="sans-serif" font-size="12">',
           f'<text x="10" y="18" font-weight="bold">req/s at {HEADLINE[0]} connections, 1 KiB (blue); '
           'async records/s (red) — medians</text>']
    for i, (label, value, colour) in enumerate(bars):
        y = 34 + i * height
        w = max(1, int(width * value / top))
        svg.append(f'<text x="{left - 6}" y="{y + 14}" text-anchor="end">{label.replace("&", "&amp;").replace("<", "&lt;")}</text>')
        svg.append(f'<rect x="{left}" y="{y}" width="{w}" height="{height - 8}" fill="{colour}"/>')
        svg.append(f'<text x="{left + w + 4}" y="{y + 14}">{value:,.0f}</text>')
    svg.append("</svg>")
    return "\n".join(svg) + "\n"


stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H-%MZ")
svg = chart()


def document(svg_name):
    parts = [f"# LGSP Hub benchmark — {stamp}", "",
             "Produced by `bench/run.sh` (see bench/README.md). Medians of the runs ± half their range; "
             "req/s counts 2xx answers only (errors: socket errors + non-2xx); ratios at the same connections/body.", "", "## Machine", *machine, ""]
    if len(sync) > 2:
        parts += ["## Sync path (wrk, POST JSON)", *sync, ""]
    if svg:
        parts += [f"![req/s per system]({svg_name})", ""]
    if len(asyn) > 2:
        parts += ["## Async path and raw broker", *asyn, ""]
    noisy = max((r["load1"] for r in load), default=0) > 1
    parts += ["## Startup and memory", *mem, "", "## Issue #9 targets",
              *(["*The load average exceeded 1 during this run: these verdicts are not reference figures.*", ""]
                if noisy else []), *targets, ""]
    if hang:
        parts += ["## A hanging provider (issue #8)", *hang, "", hang_verdict, ""]
    if jmh:
        parts += ["## JMH micro-benchmarks (average time per operation)", *jmh, ""]
    return "\n".join(parts)


os.makedirs(results, exist_ok=True)
prefix = os.environ.get("REPORT_NAME", "bench")
latest = "latest" if prefix == "bench" else f"{prefix}-latest"
for name in (f"{prefix}-{stamp}", latest):
    if svg:
        open(f"{results}/{name}.svg", "w", encoding="utf-8").write(svg)
    open(f"{results}/{name}.md", "w", encoding="utf-8").write(document(f"{name}.svg"))
print(document(f"{latest}.svg"))
