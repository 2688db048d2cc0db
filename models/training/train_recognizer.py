"""Train the product recognizer from scratch on the `train` split (plus the catalog's iconic images).

Reproduce: /usr/bin/python3 models/training/prepare_data.py && /usr/bin/python3 models/training/train_recognizer.py
Deterministic: fixed seed, single-process data pipeline, fixed thread count. `val` is only used to pick
hyper-parameters and to report; the test split is never opened by this script.
"""
import argparse, json, math, os, sys, time
import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(__file__))
from recognizer import build

HERE = os.path.dirname(os.path.abspath(__file__))


def augment(xb, out, gen):
    """xb: uint8 [B,H,W,3]. Random resized crop + flip + small rotation via one affine grid, then colour jitter."""
    b = xb.shape[0]
    x = xb.permute(0, 3, 1, 2).float() / 255.0
    scale = torch.empty(b).uniform_(0.30, 1.0, generator=gen)           # fraction of area kept
    ratio = torch.exp(torch.empty(b).uniform_(math.log(3 / 4), math.log(4 / 3), generator=gen))
    sx = torch.sqrt(scale * ratio).clamp(max=1.0)
    sy = torch.sqrt(scale / ratio).clamp(max=1.0)
    tx = (1 - sx) * torch.empty(b).uniform_(-1, 1, generator=gen)
    ty = (1 - sy) * torch.empty(b).uniform_(-1, 1, generator=gen)
    ang = torch.empty(b).uniform_(-0.26, 0.26, generator=gen)           # +-15 degrees
    x = warp(x, out, sx, sy, tx, ty, ang, random_flip(b, gen), "reflection")
    # Brightness, contrast, saturation; no hue shift: hue separates a Granny Smith from a Pink Lady.
    return colour_jitter(x, gen, (0.65, 1.35), (0.7, 1.3), (0.6, 1.4))


def random_flip(b, gen):
    return torch.where(torch.rand(b, generator=gen) < 0.5, -1.0, 1.0)


def warp(x, out, sx, sy, tx, ty, ang, flip, padding):
    """One affine grid per image: scale (sx, sy), shift (tx, ty), rotation ang, horizontal flip (-1) -> out x out."""
    cos, sin = torch.cos(ang), torch.sin(ang)
    theta = torch.stack([torch.stack([sx * cos * flip, -sy * sin, tx], 1),
                         torch.stack([sx * sin * flip, sy * cos, ty], 1)], 1)
    grid = F.affine_grid(theta, (x.shape[0], 3, out, out), align_corners=False)
    return F.grid_sample(x, grid, mode="bilinear", padding_mode=padding, align_corners=False)


def colour_jitter(x, gen, brightness, contrast, saturation):
    """Per-image brightness, contrast and saturation factors drawn from the given ranges (in that order)."""
    b = x.shape[0]
    br = torch.empty(b, 1, 1, 1).uniform_(*brightness, generator=gen)
    ct = torch.empty(b, 1, 1, 1).uniform_(*contrast, generator=gen)
    sat = torch.empty(b, 1, 1, 1).uniform_(*saturation, generator=gen)
    gray = x.mean(1, keepdim=True)
    x = gray + (x - gray) * sat
    m = x.mean((1, 2, 3), keepdim=True)
    return (((x - m) * ct + m) * br).clamp(0, 1)


def file_logger(path):
    """print() that also appends each line to `path` (the run's log survives the terminal)."""
    def log(msg):
        print(msg, flush=True)
        with open(path, "a") as f:
            f.write(msg + "\n")
    return log


def hits(logits, y):
    """Top-1 and top-5 hits of a batch."""
    top = logits.topk(5, 1).indices
    return (top[:, 0] == y).sum().item(), (top == y[:, None]).any(1).sum().item()


def resize_eval(x_uint8, size):
    x = x_uint8.permute(0, 3, 1, 2).float() / 255.0
    return F.interpolate(x, size=(size, size), mode="bilinear", align_corners=False, antialias=True)


def square_cutmix(x, gen):
    """CutMix in place: each sample takes a square of 1/4..3/4 of the side, at one random place, from a shuffled
    partner. Returns (the partners' order, the share of its own pixels each sample keeps)."""
    j = torch.randperm(len(x), generator=gen)
    side = x.shape[-1]
    cut = int(torch.randint(side // 4, side * 3 // 4 + 1, (1,), generator=gen))
    y0, x0 = (int(v) for v in torch.randint(0, side - cut + 1, (2,), generator=gen))
    x[:, :, y0:y0 + cut, x0:x0 + cut] = x[j, :, y0:y0 + cut, x0:x0 + cut]
    return j, 1 - cut * cut / (side * side)


def smoothed_loss(logits, y, j=None, lam=1.0):
    """Cross entropy with label smoothing 0.1; after square_cutmix, also against the partners' labels by pixel share."""
    loss = F.cross_entropy(logits, y, label_smoothing=0.1)
    return loss if j is None else lam * loss + (1 - lam) * F.cross_entropy(logits, y[j], label_smoothing=0.1)


def accuracy(model, logits_of, y, bs):
    """Top-1 and top-5 accuracy with `model` in eval mode (back in the mode it was in after): logits_of(i, j) scores
    samples i..j-1, whatever they are (pixels, cached features, views averaged)."""
    was_training = model.training
    model.eval()
    c1 = c5 = 0
    with torch.no_grad():
        for i in range(0, len(y), bs):
            h1, h5 = hits(logits_of(i, i + bs), torch.as_tensor(y[i:i + bs]))
            c1 += h1
            c5 += h5
    model.train(was_training)
    return c1 / len(y), c5 / len(y)


def evaluate(model, x, y, size, bs=128):
    def logits_of(i, j):
        xb = resize_eval(x[i:j], size)
        return model(xb)[0] + model(torch.flip(xb, dims=[3]))[0]
    return accuracy(model, logits_of, y, bs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", default=os.path.join(HERE, "work"))
    ap.add_argument("--epochs", type=int, default=70)
    ap.add_argument("--size", type=int, default=112)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=0.1)
    ap.add_argument("--wd", type=float, default=5e-4)
    ap.add_argument("--cutmix", type=float, default=0.5)
    ap.add_argument("--seed", type=int, default=20261124)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--backbone", choices=["scratch", "nanodet"], default="scratch")
    ap.add_argument("--backbone-lr", type=float, default=1.0, help="backbone lr as a fraction of --lr")
    ap.add_argument("--out-name", default="recognizer.pt")
    a = ap.parse_args()
    torch.manual_seed(a.seed)
    np.random.seed(a.seed)
    torch.set_num_threads(a.threads)
    gen = torch.Generator().manual_seed(a.seed)

    tr = np.load(os.path.join(a.work, "train_144.npz"))
    ic = np.load(os.path.join(a.work, "iconic_144.npz"))
    va = np.load(os.path.join(a.work, "val_144.npz"))
    x = torch.from_numpy(np.concatenate([tr["x"]] + [ic["x"]] * 4))
    y = torch.from_numpy(np.concatenate([tr["y"]] + [ic["y"]] * 4))
    xv, yv = torch.from_numpy(va["x"]), torch.from_numpy(va["y"])

    model = build(a.backbone, a.work)
    model.train()
    groups = []
    for is_backbone in (False, True):
        named = [(n, p) for n, p in model.named_parameters() if n.startswith("backbone.") == is_backbone]
        mult = a.backbone_lr if is_backbone else 1.0
        groups.append({"params": [p for n, p in named if p.ndim > 1], "weight_decay": a.wd, "mult": mult})
        groups.append({"params": [p for n, p in named if p.ndim <= 1], "weight_decay": 0, "mult": mult})
    opt = torch.optim.SGD([g for g in groups if g["params"]], lr=a.lr, momentum=0.9, nesterov=True)
    steps_per_epoch = len(x) // a.batch
    total, warm = a.epochs * steps_per_epoch, 3 * steps_per_epoch
    log, step, t0 = [], 0, time.time()
    for epoch in range(a.epochs):
        perm = torch.randperm(len(x), generator=gen)
        run_loss = 0.0
        for i in range(steps_per_epoch):
            idx = perm[i * a.batch:(i + 1) * a.batch]
            xb, yb = augment(x[idx], a.size, gen), y[idx]
            lr = a.lr * (step / warm if step < warm else 0.5 * (1 + math.cos(math.pi * (step - warm) / (total - warm))))
            for g in opt.param_groups:
                g["lr"] = lr * g["mult"]
            if torch.rand(1, generator=gen).item() < a.cutmix:
                # CutMix: paste a box from a shuffled batch and mix the labels by area.
                j = torch.randperm(len(idx), generator=gen)
                lam = float(np.random.beta(1.0, 1.0))
                cut = int(a.size * math.sqrt(1 - lam))
                cx, cy = np.random.randint(a.size), np.random.randint(a.size)
                x0, x1 = max(cx - cut // 2, 0), min(cx + cut // 2, a.size)
                y0, y1 = max(cy - cut // 2, 0), min(cy + cut // 2, a.size)
                xb[:, :, y0:y1, x0:x1] = xb[j, :, y0:y1, x0:x1]
                lam = 1 - (x1 - x0) * (y1 - y0) / (a.size * a.size)
                logits, _ = model(xb)
                loss = lam * F.cross_entropy(logits, yb, label_smoothing=0.1) + \
                    (1 - lam) * F.cross_entropy(logits, yb[j], label_smoothing=0.1)
            else:
                logits, _ = model(xb)
                loss = F.cross_entropy(logits, yb, label_smoothing=0.1)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            run_loss += loss.item()
            step += 1
        entry = {"epoch": epoch + 1, "loss": run_loss / steps_per_epoch, "minutes": (time.time() - t0) / 60}
        if (epoch + 1) % 5 == 0 or epoch + 1 == a.epochs:
            entry["val_top1"], entry["val_top5"] = evaluate(model, xv, yv, a.size)
        log.append(entry)
        print(json.dumps(entry), flush=True)
        torch.save({"model": model.state_dict(), "args": vars(a), "log": log}, os.path.join(a.work, a.out_name))


if __name__ == "__main__":
    main()
