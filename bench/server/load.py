#!/usr/bin/env python3
"""Bounded loopback load test of `basket serve`: N carts send events; prints events/s and p50/p95/p99 end-to-end
latency of events decided by fusion (not escalated), and the server's own per-stage means from /metrics.

Two modes, both bounded in count and time:

  closed  (saturation) each cart sends its next event as soon as the previous one returns. This measures the
          server's saturation throughput (events/s); its latencies are queueing at saturation, not a cart's
          experience.
            python3 bench/server/load.py --mode closed --carts 50 --events 6
  open    (a cart's experience) each cart sends events at the times of its own Poisson process, mean one event
          per --mean-interval seconds (default 3 s), whether or not its previous event has returned; latency is
          measured from the scheduled send time, so a slow server cannot hide its queue (no coordinated
          omission). Stops after --duration seconds of arrivals or --max-events events, whichever comes first.
            python3 bench/server/load.py --mode open --carts 50 --mean-interval 3 --duration 60

It starts its own server on a free port with a scratch log and the shipped escalation thresholds (no cloud, no
on-device stage: what fusion does not accept goes to the shopper), frames from the dataset's test split.
--fusion-accept 0 makes fusion decide every event (all "non-escalated", the setting of the first measurements).
Latency is printed for all events, for the non-escalated ones, and split by whether label text (OCR) was read.
With label text off the request path (Server:LabelTextOffRequestPath, the default), an event whose label can still
change its decision is answered at once with status "refining" and decided later by the refinement worker: the
script counts those as reading text (off path), and prints the server's refine stage (request start to the refined
decision) from the /metrics histogram as upper bucket bounds. The share of events that read text is printed either way.
--set Section:Key=value adds any server config key (e.g. --set Server:ResolverWorkers=1)."""
import argparse, base64, concurrent.futures, glob, json, os, random, re, subprocess, tempfile, threading, time, urllib.request

ap = argparse.ArgumentParser()
ap.add_argument("--mode", choices=["closed", "open"], default="closed")
ap.add_argument("--carts", type=int, default=50)
ap.add_argument("--events", type=int, default=6, help="closed: events per cart")
ap.add_argument("--mean-interval", type=float, default=3.0, help="open: mean seconds between one cart's events")
ap.add_argument("--duration", type=float, default=60.0, help="open: seconds of arrivals")
ap.add_argument("--max-events", type=int, default=2000, help="open: most events in all")
ap.add_argument("--seed", type=int, default=7)
ap.add_argument("--fusion-accept", type=float, default=None, help="Escalation:FusionAcceptThreshold (default: the shipped config)")
ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="extra server config, Section:Key=value")
ap.add_argument("--basket", default="src/BasketReasoner.Cli/bin/Release/net10.0/basket")
ap.add_argument("--data", default="../shared/datasets/GroceryStoreDataset/dataset")
a = ap.parse_args()

frames = sorted(glob.glob(os.path.join(a.data, "test", "**", "*.jpg"), recursive=True))[::97][:40]
b64 = [base64.b64encode(open(f, "rb").read()).decode() for f in frames]
scratch = tempfile.mkdtemp(prefix="basket-load-")
keys = {f"cart-{i:03d}": f"load-test-key-{i:03d}-0123456789" for i in range(a.carts)}
cfg = {"Server": {"Carts": keys, "EventLogPath": os.path.join(scratch, "log.db")}}
if a.fusion_accept is not None:
    cfg["Escalation"] = {"FusionAcceptThreshold": a.fusion_accept}
for kv in a.set:
    k, v = kv.split("=", 1)
    node = cfg
    *path, leaf = k.split(":")
    for p in path:
        node = node.setdefault(p, {})
    node[leaf] = json.loads(v) if re.fullmatch(r"-?\d+(\.\d+)?|true|false", v) else v
open(os.path.join(scratch, "cfg.json"), "w").write(json.dumps(cfg))
proc = subprocess.Popen([a.basket, "serve", "--urls", "http://127.0.0.1:0", "--config", os.path.join(scratch, "cfg.json")],
                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
url = None
for line in proc.stdout:
    if line.startswith("listening on "):
        url = line.split()[-1]
        break
lat, errors, by_stage, lock = {}, [], {}, threading.Lock()  # lat: (decided by fusion, text read) -> ms list
refining_lat = []  # acknowledgements of events whose label is read off the request path


def post(cart, i, frame):
    body = json.dumps({"id": f"e{i}", "type": "add", "weight_delta_g": None,
                       "frames": [{"camera": "top", "jpeg": b64[frame]}]}).encode()
    req = urllib.request.Request(f"{url}/v1/carts/{cart}/events", data=body,
                                 headers={"Authorization": "Bearer " + keys[cart], "Content-Type": "application/json"})
    d = json.load(urllib.request.urlopen(req, timeout=60))
    return d["decided_by"], bool(d.get("label_text_read")), d.get("status") == "refining"


def record(t_sched, result):
    ms = (time.perf_counter() - t_sched) * 1000
    by, text, refining = result
    with lock:
        by_stage[by] = by_stage.get(by, 0) + 1
        lat.setdefault((by == "fusion", text), []).append(ms)
        if refining:
            refining_lat.append(ms)


def fail(e):
    with lock:
        errors.append(repr(e))


def closed_cart(cart, ci):
    for i in range(a.events):
        try:
            t = time.perf_counter()
            record(t, post(cart, i, (ci * 7 + i) % len(b64)))
        except Exception as e:  # noqa: BLE001 - counted and reported
            fail(e)


def open_schedule():
    """(time offset, cart, event index, frame) for every arrival, each cart its own Poisson process."""
    rng = random.Random(a.seed)
    arrivals = []
    for ci, cart in enumerate(keys):
        t, i = rng.uniform(0, a.mean_interval), 0
        while t < a.duration:
            arrivals.append((t, cart, i, rng.randrange(len(b64))))
            t += rng.expovariate(1.0 / a.mean_interval)
            i += 1
    arrivals.sort()
    return arrivals[:a.max_events]


def open_event(t_sched, cart, i, frame):
    try:
        record(t_sched, post(cart, i, frame))
    except Exception as e:  # noqa: BLE001 - counted and reported
        fail(e)


def server_stages():
    """Mean server-side latency per stage from the Prometheus histogram (sum / count)."""
    text = urllib.request.urlopen(f"{url}/metrics", timeout=10).read().decode()
    sums, counts = {}, {}
    for m in re.finditer(r'^basket_stage_latency_milliseconds_(sum|count)\{[^}]*stage="([^"]+)"[^}]*\} ([0-9.eE+-]+)', text, re.M):
        (sums if m[1] == "sum" else counts)[m[2]] = float(m[3])
    return {s: (sums[s] / counts[s], int(counts[s])) for s in sums if counts.get(s)}


def stage_buckets(stage):
    """Cumulative bucket counts (upper bound ms -> count) of one stage's latency histogram."""
    text = urllib.request.urlopen(f"{url}/metrics", timeout=10).read().decode()
    out = {}
    for m in re.finditer(r'^basket_stage_latency_milliseconds_bucket\{([^}]*)\} ([0-9.eE+-]+)', text, re.M):
        labels = dict(re.findall(r'(\w+)="([^"]*)"', m[1]))
        if labels.get("stage") == stage:
            le = float("inf") if labels["le"] == "+Inf" else float(labels["le"])
            out[le] = out.get(le, 0) + float(m[2])
    return out


def bucket_quantiles(before_b, after_b, qs=(50, 95, 99)):
    """Upper bucket bounds of the quantiles of the observations between two scrapes."""
    delta = sorted((le, after_b.get(le, 0) - before_b.get(le, 0)) for le in after_b)
    total = delta[-1][1] if delta else 0
    if total <= 0:
        return None, 0
    return [next(le for le, c in delta if c >= q / 100 * total) for q in qs], int(total)


try:
    for n, c in enumerate(list(keys)[:2]):
        post(c, 100000 + n, n)  # warm the HTTP path
    before = server_stages()
    refine_before = stage_buckets("refine")
    load0 = os.getloadavg()
    t0 = time.perf_counter()
    if a.mode == "closed":
        threads = [threading.Thread(target=closed_cart, args=(c, ci)) for ci, c in enumerate(keys)]
        for t in threads: t.start()
        for t in threads: t.join()
        offered = None
    else:
        arrivals = open_schedule()
        offered = len(arrivals) / a.duration
        with concurrent.futures.ThreadPoolExecutor(max_workers=256) as pool:
            for off, cart, i, frame in arrivals:
                delay = t0 + off - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
                pool.submit(open_event, t0 + off, cart, i, frame)
    wall = time.perf_counter() - t0
    # Let the refinements still queued finish (bounded), so the refine stage counts every refined event.
    deadline = time.perf_counter() + 120
    while time.perf_counter() < deadline:
        if bucket_quantiles(refine_before, stage_buckets("refine"))[1] >= len(refining_lat):
            break
        time.sleep(0.5)
    load1 = os.getloadavg()
    after = server_stages()
    refine_after = stage_buckets("refine")
finally:
    proc.kill()

def summary(name, xs):
    xs = sorted(xs)
    if not xs:
        return f"{name}: none"
    pct = lambda p: xs[min(len(xs) - 1, max(0, int(round(p / 100 * len(xs))) - 1))]  # nearest rank
    return f"{name} ({len(xs)}): p50 {pct(50):.1f} ms, p95 {pct(95):.1f} ms, p99 {pct(99):.1f} ms, max {xs[-1]:.1f} ms"


fusion = [x for (f, _), xs in lat.items() if f for x in xs]
done = sum(by_stage.values())
if a.mode == "closed":
    print(f"closed loop, {a.carts} carts x {a.events} events: {done} events, {len(fusion)} fusion-decided, {len(errors)} errors, {wall:.1f} s wall")
    print(f"saturation throughput {done / wall:.1f} events/s")
else:
    print(f"open loop, {a.carts} carts, Poisson mean {a.mean_interval:g} s per cart, {a.duration:g} s: offered {offered:.1f} events/s, "
          f"{done} events, {len(fusion)} fusion-decided, {len(errors)} errors, {wall:.1f} s wall")
    print(f"throughput {done / wall:.1f} events/s")
print(summary("non-escalated latency", fusion))
print(summary("  of which without label text", lat.get((True, False), [])))
print(summary("  of which with label text read", lat.get((True, True), [])))
print(summary("all events (escalated: ack of the pending confirmation)", [x for xs in lat.values() for x in xs]))
print("decided by: " + ", ".join(f"{k} {v}" for k, v in sorted(by_stage.items())))
inline_text = sum(len(xs) for (_, t), xs in lat.items() if t)
if done:
    print(f"label text: read on {(inline_text + len(refining_lat)) / done:.1%} of events "
          f"({inline_text} inside the request, {len(refining_lat)} off the request path)")
if refining_lat:
    print(summary("  acknowledgements of events refined off path", refining_lat))
    qs, n = bucket_quantiles(refine_before, refine_after)
    if qs:
        print(f"  refined decision, request start to decision (server histogram, {n} events): "
              f"p50 <= {qs[0]:g} ms, p95 <= {qs[1]:g} ms, p99 <= {qs[2]:g} ms")
stages = []
for s, (mean_after, n_after) in sorted(after.items()):
    mean_before, n_before = before.get(s, (0.0, 0))
    n = n_after - n_before
    if n > 0:
        stages.append(f"{s} {(mean_after * n_after - mean_before * n_before) / n:.1f} ms")
print("server-side mean per stage: " + ", ".join(stages))
print(f"load average at start {load0[0]:.1f}, at end {load1[0]:.1f} (1-min)")
if errors: print("first error:", errors[0])
