#!/usr/bin/env python3
"""Bounded loopback overload run of `basket serve` (issue 18): measures capacity, then offers 4x that for 30 s.

1. capacity: --carts-closed carts each send their next event as soon as the previous returns, for --probe seconds;
   capacity C = acknowledged events / s.
2. overload: Poisson arrivals at --factor x C events/s for --duration s, spread over --carts carts (a new id each),
   each request sent whether or not earlier ones returned. Reported: how many were accepted (200), shed (429/503 with
   Retry-After), failed (5xx or no answer); p50/p99 latency of the accepted ones, from the scheduled send time.
   Then the log is verified (`basket log verify`): every acknowledged event must be in it.

Fusion decides every event (--fusion-accept 0), so no event waits for a shopper and no cloud is called.
  python3 bench/server/overload.py --factor 4 --duration 30
"""
import argparse, base64, concurrent.futures, glob, json, os, random, subprocess, tempfile, threading, time, urllib.error, urllib.request

ap = argparse.ArgumentParser()
ap.add_argument("--factor", type=float, default=4.0)
ap.add_argument("--duration", type=float, default=30.0)
ap.add_argument("--probe", type=float, default=15.0)
ap.add_argument("--carts", type=int, default=200)
ap.add_argument("--carts-closed", type=int, default=8)
ap.add_argument("--seed", type=int, default=18)
ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
ap.add_argument("--basket", default="src/BasketReasoner.Cli/bin/Release/net10.0/basket")
ap.add_argument("--data", default="../shared/datasets/GroceryStoreDataset/dataset")
a = ap.parse_args()

frames = sorted(glob.glob(os.path.join(a.data, "test", "**", "*.jpg"), recursive=True))[::97][:40]
b64 = [base64.b64encode(open(f, "rb").read()).decode() for f in frames]
scratch = tempfile.mkdtemp(prefix="basket-overload-")
log = os.path.join(scratch, "log.db")
keys = {f"cart-{i:03d}": f"overload-key-{i:03d}-0123456789" for i in range(max(a.carts, a.carts_closed))}
cfg = {"Server": {"Carts": keys, "EventLogPath": log}, "Escalation": {"FusionAcceptThreshold": 0.0}}
for kv in a.set:
    k, v = kv.split("=", 1)
    node = cfg
    *path, leaf = k.split(":")
    for p in path:
        node = node.setdefault(p, {})
    node[leaf] = int(v) if v.isdigit() else v
open(os.path.join(scratch, "cfg.json"), "w").write(json.dumps(cfg))
proc = subprocess.Popen([a.basket, "serve", "--urls", "http://127.0.0.1:0", "--config", os.path.join(scratch, "cfg.json")],
                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
url = next(line.split()[-1] for line in proc.stdout if line.startswith("listening on "))
threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()
lock = threading.Lock()
acked = set()


def post(cart, eid, frame):
    body = json.dumps({"id": eid, "type": "add", "weight_delta_g": None, "frames": [{"camera": "top", "jpeg": b64[frame]}]}).encode()
    req = urllib.request.Request(f"{url}/v1/carts/{cart}/events", data=body,
                                 headers={"Authorization": "Bearer " + keys[cart], "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            r.read()
            with lock:
                acked.add((cart, eid))
            return 200, None
    except urllib.error.HTTPError as e:
        body = e.read()
        retry = e.headers.get("Retry-After")
        detail = json.loads(body).get("detail") if body.startswith(b"{") else None
        return e.code, (retry, detail)
    except Exception as e:  # noqa: BLE001 - a request with no answer is counted as a failure
        return 0, repr(e)


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p / 100 * len(xs)))] if xs else float("nan")


try:
    post("cart-000", "warm", 0)
    # 1. capacity
    done, stop = [0], time.perf_counter() + a.probe
    def closed(ci):
        i = 0
        while time.perf_counter() < stop:
            s, _ = post(f"cart-{ci:03d}", f"probe-{i}", (ci * 7 + i) % len(b64))
            i += 1
            if s == 200:
                with lock:
                    done[0] += 1
    t0 = time.perf_counter()
    ts = [threading.Thread(target=closed, args=(c,)) for c in range(a.carts_closed)]
    [t.start() for t in ts]
    [t.join() for t in ts]
    capacity = done[0] / (time.perf_counter() - t0)
    rate = a.factor * capacity
    print(f"capacity: {capacity:.2f} events/s ({a.carts_closed} closed-loop carts, {a.probe:.0f} s); offering {rate:.2f}/s for {a.duration:.0f} s")

    # 2. overload
    rng = random.Random(a.seed)
    arrivals, t = [], 0.0
    while True:
        t += rng.expovariate(rate)
        if t >= a.duration:
            break
        arrivals.append((t, f"cart-{rng.randrange(a.carts):03d}", f"ov-{len(arrivals)}", rng.randrange(len(b64))))
    results = []
    def one(t_sched, cart, eid, frame):
        s, info = post(cart, eid, frame)
        with lock:
            results.append((s, (time.perf_counter() - t_sched) * 1000, info))
    t0 = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=512) as pool:
        for off, cart, eid, frame in arrivals:
            delay = t0 + off - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            pool.submit(one, t0 + off, cart, eid, frame)
    wall = time.perf_counter() - t0
    codes = {}
    for s, _, _ in results:
        codes[s] = codes.get(s, 0) + 1
    ok = [ms for s, ms, _ in results if s == 200]
    shed = [(s, info) for s, _, info in results if s in (429, 503)]
    shed_ms = [ms for s, ms, _ in results if s in (429, 503)]
    fails = [(s, info) for s, _, info in results if s == 0 or s >= 500 and s != 503]
    print(f"offered {len(arrivals)} events in {a.duration:.0f} s ({len(arrivals) / a.duration:.2f}/s), finished in {wall:.1f} s")
    print("status counts: " + ", ".join(f"{k}: {v}" for k, v in sorted(codes.items())))
    print(f"accepted: {len(ok)} ({len(ok) / wall:.2f}/s), p50 {pct(ok, 50):.0f} ms, p99 {pct(ok, 99):.0f} ms, max {max(ok, default=float('nan')):.0f} ms")
    print(f"shed: {len(shed)} (429/503), every one with Retry-After: {all(i and i[0] for _, i in shed)}; answered in p50 {pct(shed_ms, 50):.0f} ms, p99 {pct(shed_ms, 99):.0f} ms")
    print(f"5xx other than 503, or no answer: {len(fails)} {fails[:3]}")
finally:
    proc.terminate()
    code = proc.wait(timeout=60)
    print(f"basket serve exit code after SIGTERM: {code}")
    v = subprocess.run([a.basket, "log", "verify", "--log", log], capture_output=True, text=True)
    print(v.stdout.strip().splitlines()[-2] if v.stdout else v.stderr, "| verify exit", v.returncode)
    import sqlite3
    db = sqlite3.connect(f"file:{log}?mode=ro", uri=True)
    logged = set(db.execute("select cart_id, ref_id from log where kind='event'").fetchall())
    print(f"acknowledged {len(acked)}, all in the log: {acked <= logged}")
