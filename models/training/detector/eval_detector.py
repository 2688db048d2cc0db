"""Class-agnostic mAP@0.5 of a detector checkpoint on a scene folder (val; the test numbers come from the C# eval).

    python3 eval_detector.py [--ckpt models/training/work/det_nanodet.pt] --scenes models/training/work/scenes/val [--every 1]

Prints one JSON line: frames, boxes, mAP@0.5 overall and per camera, precision/recall at detector.json's threshold.
Refuses a folder whose sessions were rendered from test images (the test split is for the C# evaluation only).
"""
import argparse
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import det_data as D  # noqa: E402
from detector_model import STRIDE, ExportWrapper, build  # noqa: E402

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default=None, help="default: detector.json's checkpoint")
    ap.add_argument("--config", default=os.path.join(REPO, "models", "detector", "detector.json"))
    ap.add_argument("--scenes", default=os.path.join(REPO, "models", "training", "work", "scenes", "val"))
    ap.add_argument("--every", type=int, default=1, help="evaluate every k-th frame")
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    with open(os.path.join(a.scenes, "sessions.jsonl")) as f:
        first = f.readline()
    if '"image": "test/' in first or '"image":"test/' in first:
        sys.exit("refusing to evaluate on test scenes here: test numbers come from `basket eval detector`")
    with open(a.config) as f:
        cfg = json.load(f)
    ck = torch.load(a.ckpt or os.path.join(REPO, cfg["checkpoint"]), map_location="cpu")
    net = build(ck["model"], ck["args"].get("backbone"))
    net.load_state_dict(ck["state"])
    ex = ExportWrapper(net.eval())
    size = int(ck["size"])
    x, gts, names = D.load_scenes(a.scenes, size)
    idx = np.arange(0, len(x), a.every)
    x, gts, names = x[idx], [gts[i] for i in idx], [names[i] for i in idx]
    dets = []
    with torch.no_grad():
        for i in range(0, len(x), 32):
            s, l = ex(D.to_input(x[i:i + 32], ck["mean"], ck["std"]))
            for k in range(len(s)):
                dets.append(D.decode(s[k].numpy(), l[k].numpy(), STRIDE, thr=0.05,
                                     nms_iou=cfg["nms_iou"], max_det=cfg["max_detections"]))
    res = {"scenes": a.scenes, "frames": len(x), "boxes": int(sum(len(g) for g in gts)),
           "map50": round(D.average_precision(dets, gts), 4)}
    for cam in ("cam0", "cam1"):
        sel = [i for i, n in enumerate(names) if n.endswith(f"-{cam}.jpg")]
        res[f"map50_{cam}"] = round(D.average_precision([dets[i] for i in sel], [gts[i] for i in sel]), 4)
    thr = cfg["score_threshold"]
    tp = fp = 0
    for (b, s), g in zip(dets, gts):
        b = b[s >= thr]
        used = np.zeros(len(g), bool)
        for bb in b:
            if len(g):
                ious = D.iou_one(bb, g)
                j = int(np.argmax(ious))
                if ious[j] >= 0.5 and not used[j]:
                    used[j] = True
                    tp += 1
                    continue
            fp += 1
    res[f"precision@{thr}"] = round(tp / max(1, tp + fp), 4)
    res[f"recall@{thr}"] = round(tp / max(1, res["boxes"]), 4)
    print(json.dumps(res))


if __name__ == "__main__":
    main()
