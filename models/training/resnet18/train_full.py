"""Recognizer v3: fine-tune the ImageNet ResNet18 end to end (layer2 .. head; the stem and layer1 stay at ImageNet
weights) on `train` close-ups + the iconic images + cart-camera crops of rendered train scenes; `val` picks the epoch.

Unlike train_resnet18.py (v2: a cached frozen trunk, layer4 + head trained), every step augments the pixels afresh,
which the whole-network fine-tune needs and which OpenBLAS/oneDNN make affordable on two cores (about 0.05 s per
224 px sample per step, channels-last). Resumable: the state is saved every --save-every steps and at each epoch's
end; a restarted run continues at the saved step with the same sample order.

Checkpoint (`--out-name`, best val epoch): {"trunk", "head", "args", "log", "best_epoch"}; export_resnet18.py reads it.
The test split and the test scenes are never opened here.
"""
import argparse, json, math, os, sys, time
import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))
from recognizer_v2 import build
from train_recognizer import accuracy, augment, colour_jitter, file_logger, random_flip, resize_eval, smoothed_loss, square_cutmix, warp


def augment_crop(xb, out, gen):
    """A cart-camera crop (uint8 [B,H,W,3], cut with a wide margin): the box and its margin jitter (the crop keeps
    55-95 % of the side, shifted), a mirror half the time, mild rotation and a milder colour jitter than close-ups."""
    b = xb.shape[0]
    x = xb.permute(0, 3, 1, 2).float() / 255.0
    s = torch.empty(b).uniform_(0.55, 0.95, generator=gen)
    aspect = torch.exp(torch.empty(b).uniform_(-0.15, 0.15, generator=gen))
    sx, sy = (s * aspect).clamp(max=1.0), (s / aspect).clamp(max=1.0)
    tx = (1 - sx) * torch.empty(b).uniform_(-0.8, 0.8, generator=gen)
    ty = (1 - sy) * torch.empty(b).uniform_(-0.8, 0.8, generator=gen)
    ang = torch.empty(b).uniform_(-0.17, 0.17, generator=gen)
    x = warp(x, out, sx, sy, tx, ty, ang, random_flip(b, gen), "border")
    return colour_jitter(x, gen, (0.7, 1.3), (0.75, 1.25), (0.7, 1.3))


def center_crop_eval(x_uint8, size, margin):
    """A val crop as the product cuts it: the saved crop has `margin` per side; keep the product's 0.1."""
    n = x_uint8.shape[1]
    keep = (1 + 2 * 0.1) / (1 + 2 * margin)
    lo = int(round(n * (1 - keep) / 2))
    return resize_eval(x_uint8[:, lo:n - lo, lo:n - lo], size)


def param_groups(named, wd, backbone_mult):
    """SGD groups of the trainable parameters: the backbone (trunk, layer4) at `backbone_mult` of the lr, the rest at
    the full lr; weight decay on matrices and kernels only."""
    backbone = [p for n, p in named if p.requires_grad and (n.startswith("trunk") or n.startswith("head.layer4"))]
    ids = {id(p) for p in backbone}
    rest = [p for _, p in named if p.requires_grad and id(p) not in ids]
    return [
        {"params": [p for p in backbone if p.ndim > 1], "weight_decay": wd, "mult": backbone_mult},
        {"params": [p for p in backbone if p.ndim <= 1], "weight_decay": 0, "mult": backbone_mult},
        {"params": [p for p in rest if p.ndim > 1], "weight_decay": wd, "mult": 1.0},
        {"params": [p for p in rest if p.ndim <= 1], "weight_decay": 0, "mult": 1.0},
    ]


def epoch_order(weights, n_crops, crop_pool, gen):
    """One epoch's samples: close-ups drawn class-balanced by `weights`, `n_crops` crops drawn uniformly from
    `crop_pool`, shuffled together; -1 - i marks crop i. Depends only on `gen`, so a resumed run repeats it."""
    order = torch.multinomial(weights, len(weights), replacement=True, generator=gen).numpy()
    crop_order = torch.randint(0, crop_pool, (n_crops,), generator=gen).numpy() if n_crops else np.zeros(0, int)
    return np.concatenate([order, -1 - crop_order])[torch.randperm(len(order) + n_crops, generator=gen).numpy()]


def make_batch(idx, x, y, cx, cy, size, cutmix, gen):
    """The batch of `epoch_order` entries `idx`: close-ups and crops augmented, channels-last, and CutMix with
    probability `cutmix`. Returns (pixels, labels, CutMix partners or None, pixel share kept)."""
    close, crop = idx[idx >= 0], -1 - idx[idx < 0]
    parts, labels = [], []
    if len(close):
        parts.append(augment(torch.from_numpy(x[close]), size, gen)); labels.append(y[close])
    if len(crop):
        parts.append(augment_crop(torch.from_numpy(cx[crop]), size, gen)); labels.append(cy[crop])
    xb = torch.cat(parts).contiguous(memory_format=torch.channels_last)
    yb = torch.from_numpy(np.concatenate(labels))
    j, lam = square_cutmix(xb, gen) if torch.rand(1, generator=gen).item() < cutmix else (None, 1.0)
    return xb, yb, j, lam


class Model(torch.nn.Module):
    def __init__(self, trunk, head, train_from):
        super().__init__()
        self.trunk, self.head = trunk, head
        self.frozen = [trunk.conv1, trunk.bn1] + [getattr(trunk, f"layer{i}") for i in range(1, train_from)]
        for name in [f"layer{i}" for i in range(train_from, 4)]:
            for p in getattr(trunk, name).parameters():
                p.requires_grad = True

    def train(self, mode=True):
        super().train(mode)
        for m in self.frozen:
            m.eval()
        return self

    def forward(self, image):
        return self.head(self.trunk(image))


def evaluate(model, x, y, size, bs=64, margin=None):
    def logits_of(i, j):
        xb = torch.from_numpy(x[i:j])
        xb = resize_eval(xb, size) if margin is None else center_crop_eval(xb, size, margin)
        return model(xb.contiguous(memory_format=torch.channels_last))[0]
    return accuracy(model, logits_of, y, bs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", default=os.path.join(HERE, "..", "work"))
    ap.add_argument("--source-size", type=int, default=256)
    ap.add_argument("--size", type=int, default=224)
    ap.add_argument("--epochs", type=int, default=16)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=0.04, help="the head's peak lr; the backbone gets --backbone-lr of it")
    ap.add_argument("--backbone-lr", type=float, default=0.25)
    ap.add_argument("--wd", type=float, default=1e-4)
    ap.add_argument("--cutmix", type=float, default=0.2)
    ap.add_argument("--train-from", type=int, default=2, help="first trained stage (1..4); earlier ones stay frozen")
    ap.add_argument("--crops", default="crops_train_256.npz", help="cart-camera crops in --work ('' for none)")
    ap.add_argument("--val-crops", default="crops_val_256.npz")
    ap.add_argument("--crop-share", type=float, default=0.25, help="crops per epoch as a fraction of close-ups")
    ap.add_argument("--seed", type=int, default=20261207)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--save-every", type=int, default=40)
    ap.add_argument("--out-name", default="recognizer_v3.pt")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    log = file_logger(os.path.join(a.work, a.out_name + ".log"))

    trunk, head = build(os.path.join(a.work, "resnet18_imagenet.pt"), a.size, frozen_blocks=0)
    model = Model(trunk, head, a.train_from).to(memory_format=torch.channels_last)
    src = a.source_size
    tr, ic, va = (np.load(os.path.join(a.work, f"{s}_{src}.npz")) for s in ("train", "iconic", "val"))
    x, y = np.concatenate([tr["x"], ic["x"]]), np.concatenate([tr["y"], ic["y"]])
    xv, yv = va["x"], va["y"]
    cx = cy = None
    if a.crops:
        c = np.load(os.path.join(a.work, a.crops))
        cx, cy = c["x"], c["y"]
    vc = np.load(os.path.join(a.work, a.val_crops)) if a.val_crops and os.path.exists(os.path.join(a.work, a.val_crops)) else None

    opt = torch.optim.SGD(param_groups(list(model.named_parameters()), a.wd, a.backbone_lr), lr=a.lr, momentum=0.9, nesterov=True)
    counts = np.bincount(y, minlength=81).astype(np.float64)
    weights = torch.from_numpy(1.0 / counts[y])
    n_crops = int(len(y) * a.crop_share) if cx is not None else 0
    steps_per_epoch = (len(y) + n_crops) // a.batch
    total, warm = a.epochs * steps_per_epoch, steps_per_epoch

    ckpt_path = os.path.join(a.work, a.out_name)
    state_path = ckpt_path + ".state"
    start_epoch, start_step, best, history = 0, 0, -1.0, []
    if os.path.exists(state_path):
        st = torch.load(state_path)
        model.load_state_dict(st["model"]); opt.load_state_dict(st["opt"])
        start_epoch, start_step, best, history = st["epoch"], st["step"], st["best"], st["history"]
        log(f"resumed at epoch {start_epoch} step {start_step}")

    def save_state(epoch, step):
        tmp = state_path + ".tmp"
        torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "epoch": epoch, "step": step,
                    "best": best, "history": history}, tmp)
        os.replace(tmp, state_path)

    model.train()
    gen = torch.Generator()
    t0 = time.time()
    for epoch in range(start_epoch, a.epochs):
        # The epoch's order and augmentations depend only on (seed, epoch, step), so a resumed run repeats them.
        gen.manual_seed(a.seed + 1 + epoch)
        mixed = epoch_order(weights, n_crops, len(cy) if n_crops else 0, gen)
        run, seen = 0.0, 0
        for s in range(start_step if epoch == start_epoch else 0, steps_per_epoch):
            step = epoch * steps_per_epoch + s
            lr = a.lr * (step / warm if step < warm else 0.5 * (1 + math.cos(math.pi * (step - warm) / (total - warm))))
            for g in opt.param_groups:
                g["lr"] = lr * g["mult"]
            sgen = torch.Generator().manual_seed(a.seed * 7919 + step)
            xb, yb, j, lam = make_batch(mixed[s * a.batch:(s + 1) * a.batch], x, y, cx, cy, a.size, a.cutmix, sgen)
            logits, _ = model(xb)
            loss = smoothed_loss(logits, yb, j, lam)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            run += loss.item(); seen += 1
            if (s + 1) % a.save_every == 0:
                save_state(epoch, s + 1)
                log(f"epoch {epoch + 1} step {s + 1}/{steps_per_epoch} loss {run / seen:.3f} {(time.time() - t0) / 60:.1f} min")
        top1, top5 = evaluate(model, xv, yv, a.size)
        entry = {"epoch": epoch + 1, "loss": run / max(seen, 1), "val_top1": top1, "val_top5": top5,
                 "minutes": (time.time() - t0) / 60}
        if vc is not None:
            entry["val_crops_top1"], entry["val_crops_top5"] = evaluate(model, vc["x"], vc["y"], a.size, margin=float(vc["margin"]))
        history.append(entry)
        log(json.dumps(entry))
        if top1 > best:
            best = top1
            torch.save({"trunk": trunk.state_dict(), "head": head.state_dict(), "args": vars(a), "log": history,
                        "best_epoch": epoch + 1}, ckpt_path)
        save_state(epoch + 1, 0)
    log(f"done: best val top-1 {best:.4f}")


if __name__ == "__main__":
    main()
