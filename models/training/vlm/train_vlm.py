"""Train the VLM's projector + decoder on generated examples (the recognizer backbone is frozen; its embeddings
come from `features.py`). Also trains the BPE tokenizer when `--out/tokenizer.json` does not exist.

Usage (see README.md):
  nice -n 15 /usr/bin/python3 models/training/vlm/train_vlm.py --minutes 41 --threads 1
Fits on the train split images only; the val split + generated val questions pick the best checkpoint.
"""
import argparse
import math
import os
import random
import sys
import time

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from bpe import BPE
from common import build_inputs, collate, encode_example, save_bundle
from make_data import REPO, SPECIALS, corpus, id_example, load_catalog, qa_example, refuse_example, sample
from model import Config, Decoder, Projector

WORK = os.path.join(REPO, "models", "training", "work", "vlm")


def train_tokenizer(catalog, path, vocab_size, seed):
    exs = corpus(seed, 6000, catalog, [("x", p["class_index"]) for p in catalog])
    texts = [e["prompt"] + e["answer"] + "<|end|>" for e in exs]
    texts += [p["display_name"] for p in catalog] * 20
    tok = BPE.train(texts, vocab_size, SPECIALS)
    tok.save(path)
    return tok


class FeatureBank:
    def __init__(self, path):
        d = torch.load(path)
        self.paths, self.labels, self.emb, self.flip = d["paths"], d["labels"], d["emb"], d["emb_flip"]
        self.index = {p: i for i, p in enumerate(self.paths)}

    def items(self):
        return list(zip(self.paths, self.labels))

    def get(self, rel, rng=None, noise=0.0):
        i = self.index[rel]
        e = self.flip[i] if rng is not None and rng.random() < 0.5 else self.emb[i]
        if noise > 0:
            e = F.normalize(e + noise * torch.randn_like(e), dim=0)
        return e


def recognizer_class_weights():
    """The recognizer's cosine-classifier class vectors [81, 128] (initialiser `m.weight` of recognizer.onnx)."""
    import onnx
    from onnx import numpy_helper
    m = onnx.load(os.path.join(REPO, "models", "recognizer", "recognizer.onnx"))
    return torch.from_numpy(numpy_helper.to_array([i for i in m.graph.initializer if i.name == "m.weight"][0]).copy())


def answer_logits(dec, x, tgt):
    """Logits only where there is a target (the LM head over every prompt position would be wasted work)."""
    h = dec.hidden(x)
    m = tgt != -100
    return dec.logits(h[m]), tgt[m]


def make_batch(exs, tok, bank, cfg, rng=None, noise=0.0):
    seqs = [encode_example(tok, e, cfg.image_seq_len) for e in exs]
    ids, tgt = collate(seqs)
    feats = [bank.get(e["image"], rng, noise) for e in exs if e["image"]]
    feats = torch.stack(feats) if feats else None
    return ids, tgt, feats


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(REPO, "models", "vlm"))
    ap.add_argument("--minutes", type=float, default=45)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--layers", type=int, default=3)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--kv-heads", type=int, default=2)
    ap.add_argument("--inter", type=int, default=256)
    ap.add_argument("--vocab", type=int, default=1536)
    ap.add_argument("--image-tokens", type=int, default=4)
    ap.add_argument("--noise", type=float, default=0.04)
    ap.add_argument("--p-id", type=float, default=0.45)
    ap.add_argument("--eval-every", type=int, default=100)
    ap.add_argument("--seed", type=int, default=20261124)
    ap.add_argument("--ckpt", default=os.path.join(WORK, "vlm.pt"))
    ap.add_argument("--max-steps", type=int, default=0)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    os.makedirs(WORK, exist_ok=True)
    catalog = load_catalog()
    tpath = os.path.join(a.out, "tokenizer.json")
    tok = BPE.load(tpath) if os.path.exists(tpath) else train_tokenizer(catalog, tpath, a.vocab, a.seed)
    print("vocab", len(tok), flush=True)
    cfg = Config(vocab_size=len(tok), hidden_size=a.hidden, num_hidden_layers=a.layers, num_attention_heads=a.heads,
                 num_key_value_heads=a.kv_heads, intermediate_size=a.inter,
                 image_seq_len=a.image_tokens)
    dec, proj = Decoder(cfg), Projector(cfg)
    proj.set_names(recognizer_class_weights(), [tok.encode(p["display_name"]) for p in catalog])
    n_params = sum(p.numel() for p in dec.parameters()) + sum(p.numel() for p in proj.parameters())
    print("params", n_params, flush=True)
    train = FeatureBank(os.path.join(WORK, "feats_train.pt"))
    val = FeatureBank(os.path.join(WORK, "feats_val.pt"))
    vr = random.Random(1)
    val_exs = [id_example(vr, catalog, rel, c) for rel, c in vr.sample(val.items(), 150)]
    val_exs += [qa_example(vr, catalog) for _ in range(130)] + [refuse_example(vr, catalog) for _ in range(20)]
    val_batches = [make_batch(val_exs[i:i + 50], tok, val, cfg) for i in range(0, len(val_exs), 50)]

    params = list(dec.parameters()) + list(proj.parameters())
    decay = [p for p in params if p.dim() >= 2]
    nodecay = [p for p in params if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.05}, {"params": nodecay, "weight_decay": 0.0}],
                            lr=a.lr, betas=(0.9, 0.98))
    items = train.items()
    budget = a.minutes * 60
    t0 = time.time()
    total = a.max_steps or 10 ** 9
    warm = 50
    best, log = float("inf"), []
    step = 0

    def evaluate():
        dec.eval(), proj.eval()
        tot, n, id_ok, id_n = 0.0, 0, 0, 0
        with torch.no_grad():
            for ids, tgt, feats in val_batches:
                logits, t = answer_logits(dec, build_inputs(dec, proj, ids, feats), tgt)
                tot += F.cross_entropy(logits, t, reduction="sum").item()
                n += int((tgt != -100).sum())
        dec.train(), proj.train()
        return tot / n

    while step < total:
        # one kind per batch (image-identification or text) so a batch pads to similar lengths
        p_id = 1.0 if rng.random() < a.p_id else 0.0
        exs = [sample(rng, catalog, items, p_id=p_id) for _ in range(a.batch)]
        ids, tgt, feats = make_batch(exs, tok, train, cfg, rng, a.noise)
        lr = a.lr * min(1.0, (step + 1) / warm) * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * min(1.0, step / total))))
        for g in opt.param_groups:
            g["lr"] = lr
        logits, t = answer_logits(dec, build_inputs(dec, proj, ids, feats), tgt)
        loss = F.cross_entropy(logits, t)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        step += 1
        if step == 30 and not a.max_steps:
            per = (time.time() - t0) / 30
            total = int(budget / (per * 1.08))  # leave room for the periodic val passes
            print(f"{per:.3f} s/step -> {total} steps", flush=True)
        if step % 25 == 0:
            print(f"step {step}/{total} loss {loss.item():.4f} lr {lr:.2e} {time.time() - t0:.0f}s", flush=True)
        if step % a.eval_every == 0 or step == total:
            vl = evaluate()
            log.append({"step": step, "train_loss": loss.item(), "val_loss": vl, "time_s": time.time() - t0})
            print(f"  val loss {vl:.4f} (best {best:.4f})", flush=True)
            if vl < best:
                best = vl
                save_bundle(a.ckpt, cfg, dec, proj, {"step": step, "val_loss": vl, "log": log, "args": vars(a)})
    print("done", step, "steps", f"{time.time() - t0:.0f}s", "best val loss", best)


if __name__ == "__main__":
    main()
