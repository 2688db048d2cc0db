"""Export a trained detector checkpoint to ONNX + detector.json + PyTorch reference outputs for the C# parity test.

    python3 export_detector.py --ckpt models/training/work/det_scratch.pt --out models/detector

Parity inputs are procedural (synthetic floor + coloured shapes + noise), not dataset images, so nothing derived
from the dataset is committed. Each case stores the normalised input tensor (<f4, [1,3,S,S]), the graph outputs
`scores` [1,1,g,g] and `ltrb` [1,4,g,g] as <f4 files, and the decoded boxes (threshold, NMS as in detector.json).
"""
import argparse
import json
import os
import sys

import cv2
import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import det_data as D  # noqa: E402
from detector_model import STRIDE, ExportWrapper, build  # noqa: E402

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))


def procedural_frame(seed, size):
    rng = np.random.default_rng(seed)
    img = np.full((size, size, 3), rng.uniform(80, 160), np.float32) + rng.normal(0, 6, (size, size, 3))
    for p in range(0, size, int(rng.integers(10, 18))):
        cv2.line(img, (p, 0), (p, size), (200, 200, 200), 1)
    for _ in range(int(rng.integers(2, 6))):
        c = tuple(int(v) for v in rng.uniform(0.15, 0.85, 2) * size)
        ax = tuple(int(v) for v in rng.uniform(0.06, 0.16, 2) * size)
        col = tuple(float(v) for v in rng.uniform(0, 255, 3))
        cv2.ellipse(img, c, ax, float(rng.uniform(0, 180)), 0, 360, col, -1)
        cv2.ellipse(img, c, (ax[0] // 2, ax[1] // 3), float(rng.uniform(0, 180)), 0, 360,
                    tuple(float(v) for v in rng.uniform(0, 255, 3)), -1)
    return np.clip(img, 0, 255).astype(np.uint8)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default=os.path.join(REPO, "models", "training", "work", "det_scratch.pt"))
    ap.add_argument("--out", default=os.path.join(REPO, "models", "detector"))
    ap.add_argument("--score-threshold", type=float, default=0.3)
    ap.add_argument("--nms-iou", type=float, default=0.5)
    ap.add_argument("--max-detections", type=int, default=32)
    ap.add_argument("--opset", type=int, default=13)
    a = ap.parse_args()
    ck = torch.load(a.ckpt, map_location="cpu")
    size = int(ck["size"])
    net = build(ck["model"], ck["args"].get("backbone"))
    net.load_state_dict(ck["state"])
    net.eval()
    ex = ExportWrapper(net).eval()
    os.makedirs(a.out, exist_ok=True)
    onnx_path = os.path.join(a.out, "detector.onnx")
    dummy = torch.rand(1, 3, size, size)
    torch.onnx.export(ex, dummy, onnx_path, input_names=["images"], output_names=["scores", "ltrb"],
                      opset_version=a.opset, do_constant_folding=True,
                      dynamic_axes={"images": {0: "n"}, "scores": {0: "n"}, "ltrb": {0: "n"}})
    import onnx
    m = onnx.load(onnx_path)
    onnx.checker.check_model(m)
    card = {
        "input_name": "images", "scores_output": "scores", "ltrb_output": "ltrb",
        "input_size": size, "stride": STRIDE,
        "mean": [round(float(v), 6) for v in ck["mean"]], "std": [round(float(v), 6) for v in ck["std"]],
        "score_threshold": a.score_threshold, "nms_iou": a.nms_iou, "max_detections": a.max_detections,
        "model": ck["model"], "val_map50": round(float(ck["val_map50"]), 4),
        # the PyTorch checkpoint (gitignored; bench/torch_detector_reference.py and eval_detector.py read it)
        "checkpoint": os.path.relpath(os.path.abspath(a.ckpt), REPO),
        "training": {"step": ck["step"], "seconds": ck.get("train_seconds"), "train_frames": ck.get("train_frames"),
                     "args": {k: v for k, v in ck["args"].items() if k not in ("train", "val", "out", "backbone")}},
    }
    with open(os.path.join(a.out, "detector.json"), "w") as f:
        json.dump(card, f, indent=1)

    fixtures = os.path.join(a.out, "parity")
    os.makedirs(fixtures, exist_ok=True)
    for old in os.listdir(fixtures):
        os.remove(os.path.join(fixtures, old))
    cases = []
    with torch.no_grad():
        for i in range(3):
            frame = procedural_frame(1000 + i, size)
            x = D.to_input(frame[None], ck["mean"], ck["std"])
            s, l = ex(x)
            boxes, sc = D.decode(s[0].numpy(), l[0].numpy(), STRIDE, a.score_threshold, a.nms_iou, a.max_detections)
            names = {"input": f"input_{i}.f32", "scores": f"scores_{i}.f32", "ltrb": f"ltrb_{i}.f32"}
            x.numpy().astype("<f4").tofile(os.path.join(fixtures, names["input"]))
            s.numpy().astype("<f4").tofile(os.path.join(fixtures, names["scores"]))
            l.numpy().astype("<f4").tofile(os.path.join(fixtures, names["ltrb"]))
            cases.append(names | {"boxes": [[round(float(v), 3) for v in b] for b in boxes],
                                  "box_scores": [round(float(v), 5) for v in sc],
                                  "max_score": round(float(s.max()), 5), "peaks": int((s > 0).sum())})
    with open(os.path.join(fixtures, "parity.json"), "w") as f:
        json.dump({"input_size": size, "stride": STRIDE, "input_shape": [1, 3, size, size],
                   "scores_shape": [1, 1, size // STRIDE, size // STRIDE],
                   "ltrb_shape": [1, 4, size // STRIDE, size // STRIDE], "tolerance": 1e-3,
                   "note": "inputs are procedural (no dataset pixels); files are little-endian float32, row-major NCHW",
                   "cases": cases}, f, indent=1)
    print(f"exported {onnx_path} ({os.path.getsize(onnx_path) / 1e6:.2f} MB), val mAP@0.5 {ck['val_map50']:.4f}")


if __name__ == "__main__":
    main()
