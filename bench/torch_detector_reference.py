"""PyTorch reference timing for the cart-item detector (the C# detector benchmark runs this in the same run and
prints the ratio).

    /usr/bin/python3 bench/torch_detector_reference.py [--ckpt models/detector/detector.pt] [--frames 200]
        [--warmup 20] [--threads 1]

models/detector/detector.pt is the exported model's PyTorch weights (written by export_detector.py next to
detector.onnx); a training checkpoint from models/training/work/ works too.
Runs one frame at a time at the model's input size, single-threaded, the full exported graph (sigmoid + 3x3
peak suppression included; decoding/NMS excluded on both sides is the C# side's choice to report).
Last stdout line, machine-readable:
    TORCH_DETECTOR size=192 threads=1 frames=200 p50_ms=4.812 mean_ms=4.950 min_ms=4.601
"""
import argparse
import json
import os
import statistics
import sys
import time

import torch

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(REPO, "models", "training", "detector"))
from detector_model import ExportWrapper, build  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default=os.path.join(REPO, "models", "detector", "detector.pt"))
    ap.add_argument("--config", default=os.path.join(REPO, "models", "detector", "detector.json"))
    ap.add_argument("--frames", type=int, default=200)
    ap.add_argument("--warmup", type=int, default=20)
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    cfg = {}
    if os.path.exists(a.config):
        with open(a.config) as f:
            cfg = json.load(f)
    if os.path.exists(a.ckpt):
        ck = torch.load(a.ckpt, map_location="cpu")
        net = build(ck["model"], ck["args"].get("backbone"))
        net.load_state_dict(ck["state"])
        size, source = int(ck["size"]), "checkpoint"
    else:
        kind = cfg.get("model", "scratch")
        if kind != "scratch":
            sys.exit(f"checkpoint {a.ckpt} not found and model '{kind}' needs its backbone file")
        net = build("scratch")
        size, source = int(cfg.get("input_size", 192)), "random-weights"
    ex = ExportWrapper(net).eval()
    x = torch.rand(1, 3, size, size)
    times = []
    with torch.inference_mode():
        for i in range(a.warmup + a.frames):
            t = time.perf_counter()
            ex(x)
            dt = (time.perf_counter() - t) * 1000
            if i >= a.warmup:
                times.append(dt)
    print(f"# weights: {source}; load average {os.getloadavg()[0]:.1f}", file=sys.stderr)
    print(f"TORCH_DETECTOR size={size} threads={a.threads} frames={a.frames} p50_ms={statistics.median(times):.3f} "
          f"mean_ms={statistics.fmean(times):.3f} min_ms={min(times):.3f}")


if __name__ == "__main__":
    main()
