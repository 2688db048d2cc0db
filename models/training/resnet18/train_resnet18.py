"""Fine-tune recognizer v2 (ImageNet ResNet18) on `train` (+ the catalog's iconic images); pick the epoch on `val`.

Two stages, both resumable (Ctrl-C or a kill loses at most one chunk / one epoch):
  cache: the frozen trunk (stem .. layer3) runs once per view of every image: view 0 the plain resize, views 1..V-1
         random-resized crop + flip + rotation + colour jitter (the v1 augmentation). Stored float16 in a memmap.
  train: layer4 + head on the cached views, one random view per image per epoch, SGD + Nesterov, warm-up + cosine,
         label smoothing 0.1, class-balanced sampling, feature-map CutMix; val top-1 (frame + mirror) each epoch,
         the best epoch kept.
Reproduce: see models/training/resnet18/README.md. The test split is never opened here.
"""
import argparse, json, math, os, sys, time
import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))
from recognizer_v2 import build
from train_recognizer import accuracy, augment, file_logger, resize_eval, smoothed_loss, square_cutmix


def load_sets(work, src):
    tr = np.load(os.path.join(work, f"train_{src}.npz"))
    ic = np.load(os.path.join(work, f"iconic_{src}.npz"))
    va = np.load(os.path.join(work, f"val_{src}.npz"))
    x = np.concatenate([tr["x"], ic["x"]])
    y = np.concatenate([tr["y"], ic["y"]])
    iconic = np.concatenate([np.zeros(len(tr["y"]), bool), np.ones(len(ic["y"]), bool)])
    return x, y, iconic, va["x"], va["y"]


def cache(trunk, x, path, views, size, seed, chunk, log):
    """Trunk features of every view, resumable: progress is the number of images done, kept next to the memmap."""
    n = len(x)
    shape = (n, views, 256, size // 16, size // 16)
    progress_path = path + ".progress"
    done = int(open(progress_path).read()) if os.path.exists(progress_path) and os.path.exists(path) else 0
    mm = np.lib.format.open_memmap(path, mode="r+" if done else "w+", dtype=np.float16, shape=shape)
    t0 = time.time()
    with torch.no_grad():
        for start in range(done, n, chunk):
            xb = torch.from_numpy(x[start:start + chunk])
            # The generator is re-seeded per chunk so a resumed run makes the same views as an uninterrupted one.
            gen = torch.Generator().manual_seed(seed * 1000003 + start)
            batch = [resize_eval(xb, size)] + [augment(xb, size, gen) for _ in range(views - 1)]
            feats = trunk(torch.cat(batch)).view(views, len(xb), *shape[2:]).transpose(0, 1)
            mm[start:start + len(xb)] = feats.numpy().astype(np.float16)
            mm.flush()
            with open(progress_path, "w") as f:
                f.write(str(start + len(xb)))
            log(f"cache {os.path.basename(path)} {start + len(xb)}/{n} {(time.time() - t0) / 60:.1f} min")
    return np.load(path, mmap_mode="r")


def evaluate(head, feats, y, bs=128):
    def logits_of(i, j):
        f = torch.from_numpy(np.asarray(feats[i:j], dtype=np.float32))
        return head(f[:, 0])[0] + head(f[:, 1])[0]
    return accuracy(head, logits_of, y, bs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", default=os.path.join(HERE, "..", "work"))
    ap.add_argument("--source-size", type=int, default=256, help="prepare_data.py --size of the decoded arrays")
    ap.add_argument("--size", type=int, default=224)
    ap.add_argument("--views", type=int, default=4)
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=0.05)
    ap.add_argument("--layer4-lr", type=float, default=0.2, help="layer4 lr as a fraction of --lr")
    ap.add_argument("--wd", type=float, default=5e-4)
    ap.add_argument("--cutmix", type=float, default=0.3)
    ap.add_argument("--seed", type=int, default=20261202)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--chunk", type=int, default=32)
    ap.add_argument("--frozen-blocks", type=int, default=1, help="layer4 blocks kept at their ImageNet weights")
    ap.add_argument("--out-name", default="recognizer_v2.pt")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    log = file_logger(os.path.join(a.work, a.out_name + ".log"))

    trunk, head = build(os.path.join(a.work, "resnet18_imagenet.pt"), a.size, frozen_blocks=a.frozen_blocks)
    x, y, iconic, xv, yv = load_sets(a.work, a.source_size)
    tag = f"{a.size}_{a.views}_{a.seed}"
    feats = cache(trunk, x, os.path.join(a.work, f"r18_train_{tag}.npy"), a.views, a.size, a.seed, a.chunk, log)
    # Val: the plain resize and its mirror (views 0 and 1), the way the product runs a frame.
    vfeats_path = os.path.join(a.work, f"r18_val_{a.size}.npy")
    if not os.path.exists(vfeats_path):
        with torch.no_grad():
            out = []
            for i in range(0, len(xv), a.chunk):
                xb = resize_eval(torch.from_numpy(xv[i:i + a.chunk]), a.size)
                out.append(torch.stack([trunk(xb), trunk(xb.flip(3))], 1).numpy().astype(np.float16))
        np.save(vfeats_path, np.concatenate(out))
    vfeats = np.load(vfeats_path, mmap_mode="r")

    ckpt_path = os.path.join(a.work, a.out_name)
    state_path = ckpt_path + ".state"
    groups = [
        {"params": [p for n, p in head.named_parameters() if n.startswith("layer4") and p.ndim > 1 and p.requires_grad], "weight_decay": a.wd, "mult": a.layer4_lr},
        {"params": [p for n, p in head.named_parameters() if n.startswith("layer4") and p.ndim <= 1 and p.requires_grad], "weight_decay": 0, "mult": a.layer4_lr},
        {"params": [p for n, p in head.named_parameters() if not n.startswith("layer4") and p.ndim > 1], "weight_decay": a.wd, "mult": 1.0},
        {"params": [p for n, p in head.named_parameters() if not n.startswith("layer4") and p.ndim <= 1], "weight_decay": 0, "mult": 1.0},
    ]
    opt = torch.optim.SGD(groups, lr=a.lr, momentum=0.9, nesterov=True)
    # Class-balanced epoch: every class drawn equally often (train has 9 to 150+ photos per class); iconic images
    # count as ordinary samples of their class.
    counts = np.bincount(y, minlength=81).astype(np.float64)
    weights = torch.from_numpy(1.0 / counts[y])
    steps_per_epoch = len(y) // a.batch
    total, warm = a.epochs * steps_per_epoch, steps_per_epoch
    start_epoch, best, history = 0, -1.0, []
    if os.path.exists(state_path):
        st = torch.load(state_path)
        head.load_state_dict(st["head"]); opt.load_state_dict(st["opt"])
        start_epoch, best, history = st["epoch"], st["best"], st["history"]
        torch.set_rng_state(st["rng"])
        log(f"resumed at epoch {start_epoch}")
    head.train()
    gen = torch.Generator().manual_seed(a.seed + 1)
    t0 = time.time()
    for epoch in range(start_epoch, a.epochs):
        gen.manual_seed(a.seed + 1 + epoch)
        order = torch.multinomial(weights, len(y), replacement=True, generator=gen)
        view = torch.randint(0, a.views, (len(y),), generator=gen)
        run = 0.0
        for s in range(steps_per_epoch):
            step = epoch * steps_per_epoch + s
            lr = a.lr * (step / warm if step < warm else 0.5 * (1 + math.cos(math.pi * (step - warm) / (total - warm))))
            for g in opt.param_groups:
                g["lr"] = lr * g["mult"]
            idx = order[s * a.batch:(s + 1) * a.batch].numpy()
            vw = view[s * a.batch:(s + 1) * a.batch].numpy()
            fb = torch.from_numpy(np.stack([np.asarray(feats[i, v], dtype=np.float32) for i, v in zip(idx, vw)]))
            yb = torch.from_numpy(y[idx])
            j, lam = square_cutmix(fb, gen) if torch.rand(1, generator=gen).item() < a.cutmix else (None, 1.0)
            logits, _ = head(fb)
            loss = smoothed_loss(logits, yb, j, lam)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            run += loss.item()
        top1, top5 = evaluate(head, vfeats, yv)
        entry = {"epoch": epoch + 1, "loss": run / steps_per_epoch, "val_top1": top1, "val_top5": top5,
                 "minutes": (time.time() - t0) / 60}
        history.append(entry)
        log(json.dumps(entry))
        if top1 > best:
            best = top1
            torch.save({"head": head.state_dict(), "args": vars(a), "log": history, "best_epoch": epoch + 1}, ckpt_path)
        torch.save({"head": head.state_dict(), "opt": opt.state_dict(), "epoch": epoch + 1, "best": best,
                    "history": history, "rng": torch.get_rng_state()}, state_path)
    log(f"done: best val top-1 {best:.4f}")


if __name__ == "__main__":
    main()
