"""Reference for bench/run-latency.sh: the same recognizer in PyTorch eager mode on the same frames and core:
PIL decode + resize + forward (single image and its mirror when --mirror), one thread. Prints JSON like the C# bench.
"""
import argparse, json, os, sys, time
import numpy as np
import torch
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "models", "training"))
sys.path.insert(0, os.path.join(HERE, "..", "models", "training", "resnet18"))
from recognizer import build, Exported  # noqa: E402


def load_model(ckpt_path):
    """v1 checkpoints (train_recognizer.py) hold `model`; v2 and v3 (resnet18/train_resnet18.py, train_full.py) hold
    `head` (v3 also `trunk`)."""
    ck = torch.load(ckpt_path, map_location="cpu")
    size = ck["args"]["size"]
    if "head" in ck:
        import recognizer_v2
        trunk, head, ck = recognizer_v2.load_checkpoint(ckpt_path)
        return recognizer_v2.Exported(trunk, head).eval(), size
    m = build(ck["args"].get("backbone", "scratch"), os.path.dirname(ckpt_path))
    m.load_state_dict(ck["model"])
    return Exported(m).eval(), size


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frames", required=True)
    ap.add_argument("--images", required=True)
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--mirror", action="store_true")
    a = ap.parse_args()
    torch.set_num_threads(1)
    ex, size = load_model(a.ckpt)
    frames = [open(os.path.join(a.images, p.strip()), "rb").read() for p in open(a.frames) if p.strip()]
    import io
    times = []
    with torch.no_grad():
        for i, b in enumerate(frames):
            t = time.perf_counter()
            with Image.open(io.BytesIO(b)) as im:
                x = torch.from_numpy(np.asarray(im.convert("RGB").resize((size, size), Image.BILINEAR), dtype=np.float32) / 255.0)
            x = x.permute(2, 0, 1)[None]
            if a.mirror:
                x = torch.cat([x, torch.flip(x, dims=[3])])
            ex(x)
            if i >= 20:
                times.append((time.perf_counter() - t) * 1000)
    s = sorted(times)
    q = lambda p: s[min(len(s) - 1, max(0, int(np.ceil(p * len(s))) - 1))]
    print(json.dumps({"events": len(s), "event_ms": {"p50": q(0.5), "p95": q(0.95), "p99": q(0.99), "mean": float(np.mean(s))}}))


if __name__ == "__main__":
    main()
