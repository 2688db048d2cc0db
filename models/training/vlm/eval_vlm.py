"""Accuracy of the trained VLM (PyTorch, the same weights as the ONNX export).

- Identification on val/test images: the prompt "Which of these products is it? Candidates: ..." with (a) the
  true product + 4 distractors drawn as in training (seeded, shuffled) and (b) the recognizer's top-5 in rank
  order (the product's setting; the truth is absent when the recognizer misses it). Scored two ways: greedy
  output == the true name, and constrained choice (highest sum of candidate token log-probs, which is what the C#
  engine's candidate trie computes). Baseline: the recognizer's own argmax among the same 5 candidates.
- QA exact match on held-out generated questions (a seed training never uses), by kind.
- `--int8`: the same with every decoder MatMul simulated exactly as decoder_model_merged_int8.onnx computes it
  (int8 per-column weights, per-tensor dynamic uint8 activations).
Usage: nice -n 15 /usr/bin/python3 eval_vlm.py [--splits val test] [--limit N] [--int8] [--json out.json]
"""
import argparse
import json
import os
import random
import sys
import time
from collections import defaultdict

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from bpe import BPE
from common import build_inputs, encode_prompt, load_bundle
from make_data import END, REPO, id_prompt, load_catalog, qa_example, refuse_example, render

WORK = os.path.join(REPO, "models", "training", "work", "vlm")


def fake_quant_linear(x, w):
    """x [..., K], w [N, K] -> what DynamicQuantizeLinear + MatMulInteger(int8 per-column weights) computes."""
    amax = w.abs().amax(dim=1, keepdim=True)
    ws = torch.where(amax > 0, amax / 127.0, torch.ones_like(amax))
    wq = torch.clamp(torch.round(w / ws), -127, 127) * ws
    lo, hi = torch.clamp(x.min(), max=0.0), torch.clamp(x.max(), min=0.0)
    s = (hi - lo) / 255.0
    if float(s) == 0.0:
        return F.linear(x, wq)
    zp = torch.clamp(torch.round(-lo / s), 0, 255)
    xq = (torch.clamp(torch.round(x / s) + zp, 0, 255) - zp) * s
    return F.linear(xq, wq)


def make_int8(dec):
    for m in dec.modules():
        if isinstance(m, nn.Linear):
            m.forward = (lambda mod: (lambda x: fake_quant_linear(x, mod.weight)))(m)
    dec.logits = lambda h: fake_quant_linear(dec.norm(h), dec.embed.weight)
    return dec


@torch.no_grad()
def prefill(dec, proj, ids, feat):
    c = dec.c
    x = build_inputs(dec, proj, torch.tensor([ids]), feat)
    past = [(torch.zeros(1, c.num_key_value_heads, 0, c.head_dim),) * 2 for _ in range(c.num_hidden_layers)]
    T = len(ids)
    return dec.forward_with_past(x, torch.ones(1, T, dtype=torch.long), torch.arange(T).unsqueeze(0), past)


@torch.no_grad()
def greedy_from(dec, logits, past, T, max_new=32):
    out = []
    for _ in range(max_new):
        t = int(logits[0, -1].argmax())
        if t == END:
            break
        out.append(t)
        logits, past = dec.forward_with_past(dec.embed(torch.tensor([[t]])), torch.ones(1, T + 1, dtype=torch.long),
                                             torch.tensor([[T]]), past)
        T += 1
    return out


@torch.no_grad()
def score_from(dec, tok, logits, past, T, candidates):
    """Candidate log-probs (tokens + <|end|>) continuing one shared prefill."""
    seqs = [tok.encode(c) + [END] for c in candidates]
    n, m = len(seqs), max(len(s) for s in seqs)
    ids = torch.zeros(n, m, dtype=torch.long)
    for i, s in enumerate(seqs):
        ids[i, :len(s)] = torch.tensor(s)
    pst = [(k.expand(n, -1, -1, -1), v.expand(n, -1, -1, -1)) for k, v in past]
    lg, _ = dec.forward_with_past(dec.embed(ids), torch.ones(n, T + m, dtype=torch.long),
                                  (torch.arange(m) + T).unsqueeze(0).expand(n, m), pst)
    first = F.log_softmax(logits[0, -1], dim=-1)
    lp = F.log_softmax(lg, dim=-1)
    out = []
    for i, s in enumerate(seqs):
        v = float(first[s[0]]) + sum(float(lp[i, j - 1, s[j]]) for j in range(1, len(s)))
        out.append(v)
    return out


def recognizer_weights():
    import onnx
    from onnx import numpy_helper
    m = onnx.load(os.path.join(REPO, "models", "recognizer", "recognizer.onnx"))
    w = [torch.from_numpy(numpy_helper.to_array(i).copy()) for i in m.graph.initializer if i.name == "m.weight"][0]
    return F.normalize(w, dim=1)


def eval_id(dec, proj, tok, catalog, split, limit, seed):
    bank = torch.load(os.path.join(WORK, f"feats_{split}.pt"))
    W = recognizer_weights()
    names = [p["display_name"] for p in catalog]
    items = list(zip(bank["paths"], bank["labels"], bank["emb"]))
    if limit and limit < len(items):
        items = random.Random(seed).sample(items, limit)
    rng = random.Random(seed + 1)
    res = defaultdict(int)
    for rel, c, e in items:
        feat = e.unsqueeze(0)
        cos = (e @ W.t())
        top5 = [int(i) for i in cos.topk(5).indices]
        for setting, cands in (("drawn", None), ("top5", [names[i] for i in top5])):
            q, cands = id_prompt(rng, catalog, c, cands)
            ids = encode_prompt(tok, render(None, q, True), dec.c.image_seq_len)
            logits, past = prefill(dec, proj, ids, feat)
            g = tok.decode(greedy_from(dec, logits, past, len(ids), 24))
            sc = score_from(dec, tok, logits, past, len(ids), cands)
            choice = cands[max(range(len(cands)), key=lambda i: sc[i])]
            idx = [names.index(x) for x in cands]
            base = cands[max(range(len(cands)), key=lambda i: float(cos[idx[i]]))]
            res[setting + "_n"] += 1
            res[setting + "_greedy"] += g == names[c]
            res[setting + "_greedy_is_candidate"] += g in cands
            res[setting + "_constrained"] += choice == names[c]
            res[setting + "_recognizer"] += base == names[c]
            res[setting + "_truth_present"] += names[c] in cands
    out = {}
    for s in ("drawn", "top5"):
        n = res[s + "_n"]
        out[s] = {"images": n} | {k: round(100.0 * res[f"{s}_{k}"] / n, 2) for k in
                                  ("greedy", "constrained", "recognizer", "greedy_is_candidate", "truth_present")}
    return out


def eval_qa(dec, proj, tok, catalog, n, seed):
    rng = random.Random(seed)
    exs = [qa_example(rng, catalog) for _ in range(n)] + [refuse_example(rng, catalog) for _ in range(n // 8)]
    by = defaultdict(lambda: [0, 0])
    for ex in exs:
        ids = encode_prompt(tok, ex["prompt"], dec.c.image_seq_len)
        logits, past = prefill(dec, proj, ids, None)
        g = tok.decode(greedy_from(dec, logits, past, len(ids), 40))
        k = ex["kind"] if ex["kind"] == "refuse" else qa_kind(ex)
        by[k][0] += g == ex["answer"]
        by[k][1] += 1
    tot = sum(v[0] for v in by.values()), sum(v[1] for v in by.values())
    return {"exact_match": round(100.0 * tot[0] / tot[1], 2), "n": tot[1],
            "by_kind": {k: f"{v[0]}/{v[1]}" for k, v in sorted(by.items())}}


def qa_kind(ex):
    q = ex["prompt"].rsplit("\n", 3)[-3]
    for key, k in (("cheaper", "cheaper"), (" g of ", "total_kg"), ("cost in total", "total"), ("How much do", "total"),
                   ("weigh", "weight"), ("heavy", "weight"), ("unit weight", "weight"), ("organic", "organic"),
                   ("lactose", "lactose"), ("plant", "plant"), ("origin", "origin"), ("come from", "origin"),
                   ("fat", "fat"), ("brand", "brand"), ("cost", "price"), ("price", "price"), ("How much is", "price")):
        if key in q:
            return k
    return "other"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default=os.path.join(WORK, "vlm.pt"))
    ap.add_argument("--tokenizer", default=os.path.join(REPO, "models", "vlm", "tokenizer.json"))
    ap.add_argument("--splits", nargs="*", default=["val", "test"])
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--qa", type=int, default=320)
    ap.add_argument("--int8", action="store_true")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--json", default=None)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    cfg, dec, proj, extra = load_bundle(a.ckpt)
    if a.int8:
        make_int8(dec)
    tok = BPE.load(a.tokenizer)
    catalog = load_catalog()
    t0 = time.time()
    r = {"ckpt_step": extra.get("step"), "int8_simulated": a.int8, "limit": a.limit}
    for s in a.splits:
        r["id_" + s] = eval_id(dec, proj, tok, catalog, s, a.limit, {"val": 7001, "test": 9001}.get(s, 1))
        print(s, r["id_" + s], f"{time.time() - t0:.0f}s", flush=True)
    if a.qa:
        r["qa_heldout"] = eval_qa(dec, proj, tok, catalog, a.qa, 424242)
        print("qa", r["qa_heldout"], flush=True)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(r, f, indent=1)


if __name__ == "__main__":
    main()
