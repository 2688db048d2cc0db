"""Train the class-agnostic cart-item detector on synthetic train scenes; pick by mAP@0.5 on val scenes.

    python3 train_detector.py --model scratch --train models/training/work/scenes/train \
        --val models/training/work/scenes/val --size 192 --minutes 20 --out models/training/work/det_scratch.pt

Budget is wall-clock (--minutes) or --epochs, whichever ends first, so that the scratch net and the NanoDet
fine-tune can be compared at the same cost. AdamW, warm-up + cosine (over the planned steps), batch-level augmentation
(horizontal flip, random zoom/translate, brightness/contrast/colour), fixed seed, one process.
The val set is only evaluated (mAP@0.5, class-agnostic); the test scenes are never read here.
"""
import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import det_data as D  # noqa: E402
from detector_model import STRIDE, ExportWrapper, build  # noqa: E402

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
WORK = os.path.join(REPO, "models", "training", "work")


def augment(x_u8, boxes, rng, size):
    """uint8 [B,S,S,3] + boxes -> augmented uint8 copy + boxes. One zoom per batch (cheap), per-image flip/colour."""
    b = x_u8.shape[0]
    out = x_u8.astype(np.float32)
    nb = [bx.copy() for bx in boxes]
    z = rng.uniform(0.75, 1.25)
    if abs(z - 1) > 0.03:
        import cv2
        m = np.array([[z, 0, 0], [0, z, 0]], np.float32)
        m[:, 2] = rng.uniform(min(0, size - z * size), max(0, size - z * size), 2)
        for i in range(b):
            out[i] = cv2.warpAffine(out[i], m, (size, size), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
            if len(nb[i]):
                q = nb[i] * z
                q[:, [0, 2]] += m[0, 2]
                q[:, [1, 3]] += m[1, 2]
                cl = q.copy()
                cl[:, [0, 2]] = np.clip(cl[:, [0, 2]], 0, size)
                cl[:, [1, 3]] = np.clip(cl[:, [1, 3]], 0, size)
                a0 = (q[:, 2] - q[:, 0]) * (q[:, 3] - q[:, 1])
                a1 = (cl[:, 2] - cl[:, 0]) * (cl[:, 3] - cl[:, 1])
                keep = a1 >= 0.4 * np.maximum(a0, 1e-6)
                nb[i] = cl[keep]
    for i in range(b):
        if rng.uniform() < 0.5:
            out[i] = out[i, :, ::-1]
            if len(nb[i]):
                nb[i] = np.stack([size - nb[i][:, 2], nb[i][:, 1], size - nb[i][:, 0], nb[i][:, 3]], 1)
        gain = rng.uniform(0.7, 1.3) * rng.uniform(0.9, 1.1, 3)
        mean = out[i].mean()
        c = rng.uniform(0.75, 1.25)
        out[i] = (out[i] - mean) * c + mean
        out[i] *= gain
        if rng.uniform() < 0.3:
            out[i] += rng.normal(0, rng.uniform(2, 8), out[i].shape[:2] + (1,))
    return np.clip(out, 0, 255).astype(np.uint8), nb


@torch.no_grad()
def evaluate(net, x_u8, gts, mean, std, size, bs=32):
    net.eval()
    wrap = ExportWrapper(net)
    dets = []
    for i in range(0, len(x_u8), bs):
        s, l = wrap(D.to_input(x_u8[i:i + bs], mean, std))
        s, l = s.numpy(), l.numpy()
        for k in range(len(s)):
            dets.append(D.decode(s[k], l[k], STRIDE, thr=0.05))
    return D.average_precision(dets, gts), dets


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", choices=["scratch", "nanodet"], default="scratch")
    ap.add_argument("--backbone", default=os.path.join(WORK, "nanodet_backbone.pt"))
    ap.add_argument("--train", default=os.path.join(WORK, "scenes", "train"))
    ap.add_argument("--val", default=os.path.join(WORK, "scenes", "val"))
    ap.add_argument("--val-limit", type=int, default=600, help="val frames evaluated (every k-th frame)")
    ap.add_argument("--val-first", type=int, default=0,
                    help="only the first N val annotation lines (a fixed val set while the generator still writes)")
    ap.add_argument("--size", type=int, default=192)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--epochs", type=int, default=100)
    ap.add_argument("--minutes", type=float, default=20.0)
    ap.add_argument("--steps", type=int, default=0, help="planned steps for the LR schedule (0: from --minutes)")
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--backbone-lr", type=float, default=0.25, help="nanodet: backbone LR multiplier")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--eval-every", type=int, default=150)
    ap.add_argument("--grow", action="store_true",
                    help="the scene generator is still writing: pick up new train frames every epoch")
    ap.add_argument("--out", default=os.path.join(WORK, "det_scratch.pt"))
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)

    t0 = time.time()
    x_tr, b_tr, n_tr = D.load_scenes(a.train, a.size)
    known = set(n_tr)
    def load_val():
        xv, bv, _ = D.load_scenes(a.val, a.size, first_lines=a.val_first)
        if a.val_limit and len(xv) > a.val_limit:
            idx = np.linspace(0, len(xv) - 1, a.val_limit).round().astype(int)
            xv, bv = xv[idx], [bv[i] for i in idx]
        return xv, bv

    x_va, b_va = load_val()
    print(f"train {len(x_tr)} frames, val {len(x_va)} frames, loaded in {time.time() - t0:.0f}s", flush=True)

    net = build(a.model, a.backbone)
    mean, std = net.mean, net.std
    if a.model == "nanodet":
        groups = [{"params": net.backbone.parameters(), "lr": a.lr * a.backbone_lr},
                  {"params": net.head.parameters(), "lr": a.lr}]
    else:
        groups = [{"params": net.parameters(), "lr": a.lr}]
    for g in groups:
        g["base_lr"] = g["lr"]
    opt = torch.optim.AdamW(groups, weight_decay=1e-4)

    # measure one step to turn the time budget into a planned step count (the cosine schedule needs an end)
    steps_per_epoch = max(1, len(x_tr) // a.batch)
    planned = a.steps or None
    step, best, hist = 0, -1.0, []
    start = time.time()
    done = False
    for ep in range(a.epochs):
        if a.grow and ep > 0:
            x_new, b_new, n_new = D.load_scenes(a.train, a.size, known=known)
            if len(x_new):
                x_tr, b_tr = np.concatenate([x_tr, x_new]), b_tr + b_new
                known.update(n_new)
                steps_per_epoch = max(1, len(x_tr) // a.batch)
                print(f"epoch {ep}: {len(x_tr)} train frames", flush=True)
        perm = rng.permutation(len(x_tr))
        for it in range(steps_per_epoch):
            idx = np.sort(perm[it * a.batch:(it + 1) * a.batch])
            xb, bb = augment(x_tr[idx], [b_tr[i] for i in idx], rng, a.size)
            heat_t, box_t, w_t = map(torch.from_numpy, D.make_targets(bb, a.size, STRIDE))
            x = D.to_input(xb, mean, std)
            net.train()
            heat, ltrb = net(x)
            l_heat = D.focal_loss(heat, heat_t)
            l_box = D.giou_loss(ltrb, box_t, w_t, STRIDE)
            loss = l_heat + 2.0 * l_box
            if planned is None and step == 4:
                per = (time.time() - start) / 5
                planned = max(50, int(a.minutes * 60 / per * 0.93))
                print(f"~{per:.2f}s/step -> planning {planned} steps", flush=True)
            total = planned or 10 ** 9
            warm = 40
            f = (step + 1) / warm if step < warm else 0.5 * (1 + math.cos(math.pi * min(1.0, (step - warm) / max(1, total - warm))))
            for g in opt.param_groups:
                g["lr"] = g["base_lr"] * max(f, 0.02)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 10.0)
            opt.step()
            step += 1
            if step % 25 == 0:
                print(f"ep {ep} step {step}/{planned} heat {l_heat.item():.3f} giou {l_box.item():.3f} "
                      f"t {time.time() - start:.0f}s", flush=True)
            last = (planned is not None and step >= planned) or (time.time() - start > a.minutes * 60)
            if step % a.eval_every == 0 or last:
                if a.grow:   # the val set is still growing: scores are not comparable, keep the latest
                    x_va, b_va = load_val()
                m, _ = evaluate(net, x_va, b_va, mean, std, a.size)
                hist.append({"step": step, "epoch": ep, "seconds": round(time.time() - start), "val_map50": round(m, 4),
                             "val_frames": len(x_va), "train_frames": len(x_tr)})
                print(f"  val mAP@0.5 {m:.4f} on {len(x_va)} frames (step {step})", flush=True)
                if m > best or a.grow:
                    best = m
                    torch.save({"model": a.model, "state": net.state_dict(), "size": a.size, "stride": STRIDE,
                                "mean": mean, "std": std, "val_map50": m, "step": step, "args": vars(a),
                                "history": hist}, a.out)
            if last:
                done = True
                break
        if done:
            break
    ck = torch.load(a.out)
    ck["history"] = hist
    ck["train_seconds"] = round(time.time() - start)
    ck["train_frames"] = len(x_tr)
    torch.save(ck, a.out)
    print(json.dumps({"model": a.model, "best_val_map50": round(best, 4), "steps": step,
                      "seconds": round(time.time() - start), "out": a.out}), flush=True)


if __name__ == "__main__":
    main()
