#!/usr/bin/env python3
"""Bounded loopback load test of `basket serve`: N carts send events concurrently (one at a time per cart, as a
cart does); prints events/s and p50/p95/p99 end-to-end latency of events decided by fusion (not escalated).

  python3 bench/server/load.py --carts 50 --events 6 [--basket bin/basket]

It starts its own server on a free port with a scratch log and FusionAcceptThreshold 0 (every event is decided
by fusion, so all are "non-escalated"), frames from the dataset's test split."""
import argparse, base64, glob, json, os, subprocess, sys, tempfile, threading, time, urllib.request

ap = argparse.ArgumentParser()
ap.add_argument("--carts", type=int, default=50)
ap.add_argument("--events", type=int, default=6, help="events per cart")
ap.add_argument("--basket", default="src/BasketReasoner.Cli/bin/Release/net10.0/basket")
ap.add_argument("--data", default="../shared/datasets/GroceryStoreDataset/dataset")
a = ap.parse_args()

frames = sorted(glob.glob(os.path.join(a.data, "test", "**", "*.jpg"), recursive=True))[::97][:40]
b64 = [base64.b64encode(open(f, "rb").read()).decode() for f in frames]
scratch = tempfile.mkdtemp(prefix="basket-load-")
keys = {f"cart-{i:03d}": f"load-test-key-{i:03d}-0123456789" for i in range(a.carts)}
cfg = {"Server": {"Carts": keys, "EventLogPath": os.path.join(scratch, "log.db")}, "Escalation": {"FusionAcceptThreshold": 0.0}}
open(os.path.join(scratch, "cfg.json"), "w").write(json.dumps(cfg))
proc = subprocess.Popen([a.basket, "serve", "--urls", "http://127.0.0.1:0", "--config", os.path.join(scratch, "cfg.json")],
                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
url = None
for line in proc.stdout:
    if line.startswith("listening on "):
        url = line.split()[-1]
        break
lat, errors, lock = [], [], threading.Lock()

def post(cart, i):
    body = json.dumps({"id": f"e{i}", "type": "add", "weight_delta_g": None,
                       "frames": [{"camera": "top", "jpeg": b64[(hash(cart) + i) % len(b64)]}]}).encode()
    req = urllib.request.Request(f"{url}/v1/carts/{cart}/events", data=body,
                                 headers={"Authorization": "Bearer " + keys[cart], "Content-Type": "application/json"})
    t = time.perf_counter()
    d = json.load(urllib.request.urlopen(req, timeout=60))
    return (time.perf_counter() - t) * 1000, d["decided_by"]

def cart_loop(cart):
    for i in range(a.events):
        try:
            ms, by = post(cart, i)
            with lock:
                if by == "fusion":
                    lat.append(ms)
        except Exception as e:  # noqa: BLE001 - counted and reported
            with lock:
                errors.append(repr(e))

try:
    for c in list(keys)[:2]:
        post(c, 1000)  # warm the HTTP path
    threads = [threading.Thread(target=cart_loop, args=(c,)) for c in keys]
    t0 = time.perf_counter()
    for t in threads: t.start()
    for t in threads: t.join()
    wall = time.perf_counter() - t0
finally:
    proc.kill()
lat.sort()
pct = lambda p: lat[min(len(lat) - 1, max(0, int(round(p / 100 * len(lat))) - 1))]  # nearest rank
print(f"{a.carts} carts x {a.events} events: {len(lat)} fusion-decided, {len(errors)} errors, {wall:.1f} s wall")
print(f"throughput {len(lat) / wall:.1f} events/s; latency p50 {pct(50):.1f} ms, p95 {pct(95):.1f} ms, p99 {pct(99):.1f} ms")
if errors: print("first error:", errors[0])
