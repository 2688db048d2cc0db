"""PyTorch reference timing for the cart-item detector (the C# detector benchmark runs this in the same run and
prints the ratio).

    /usr/bin/python3 bench/torch_detector_reference.py [--ckpt CKPT] [--frames 200] [--warmup 20] [--threads 1]

The model kind and input size come from models/detector/detector.json. Weights: --ckpt, else the json's
`checkpoint` (models/training/work/..., written by training), else, for the NanoDet model, the converted COCO
backbone from `bash models/training/nanodet/fetch_nanodet.sh` with an untrained head (timing does not depend on
weight values; the script says which it used on stderr). It runs the exported graph's PyTorch module (sigmoid +
3x3 peak suppression included, decoding excluded) one frame at a time at input_size.
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
    ap.add_argument("--ckpt", default=None)
    ap.add_argument("--config", default=os.path.join(REPO, "models", "detector", "detector.json"))
    ap.add_argument("--frames", type=int, default=200)
    ap.add_argument("--warmup", type=int, default=20)
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    with open(a.config) as f:
        cfg = json.load(f)
    kind, size = cfg.get("model", "scratch"), int(cfg["input_size"])
    ckpt = a.ckpt or os.path.join(REPO, cfg.get("checkpoint", "models/training/work/none.pt"))
    backbone = os.path.join(REPO, "models", "training", "work", "nanodet_backbone.pt")
    if os.path.exists(ckpt):
        ck = torch.load(ckpt, map_location="cpu")
        net = build(ck["model"], ck["args"].get("backbone") if os.path.exists(ck["args"].get("backbone") or "") else backbone)
        net.load_state_dict(ck["state"])
        kind, size, source = ck["model"], int(ck["size"]), f"checkpoint {ckpt}"
    elif kind == "nanodet":
        if not os.path.exists(backbone):
            sys.exit(f"no checkpoint ({ckpt}) and no converted backbone ({backbone}): "
                     "run `bash models/training/nanodet/fetch_nanodet.sh` first")
        net, source = build("nanodet", backbone), "converted COCO backbone + untrained head (no checkpoint)"
    else:
        net, source = build(kind), "random weights (no checkpoint)"
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
    print(f"# {kind} weights: {source}; load average {os.getloadavg()[0]:.1f}", file=sys.stderr)
    print(f"TORCH_DETECTOR size={size} threads={a.threads} frames={a.frames} p50_ms={statistics.median(times):.3f} "
          f"mean_ms={statistics.fmean(times):.3f} min_ms={min(times):.3f}")


if __name__ == "__main__":
    main()
