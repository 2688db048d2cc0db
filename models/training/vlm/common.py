"""Shared by training, evaluation, export and fixtures: tokenisation of examples, batching, the model bundle."""
import json
import os

import torch
import torch.nn.functional as F

from bpe import BPE
from make_data import BOS, END, IMAGE, PAD
from model import Config, Decoder, Projector


def encode_prompt(tok, prompt, image_seq_len):
    """Prompt text -> ids, each `<image>` expanded to image_seq_len image tokens."""
    ids = tok.encode(prompt)
    out = []
    for i in ids:
        out.extend([IMAGE] * image_seq_len if i == IMAGE else [i])
    return out


def encode_example(tok, ex, image_seq_len):
    p = encode_prompt(tok, ex["prompt"], image_seq_len)
    a = tok.encode(ex["answer"]) + [END]
    return p, a


def build_inputs(dec, proj, ids, img_feats):
    """ids [B,S]; img_feats [N,F] for the examples that have an image, in batch order."""
    x = dec.embed(ids)
    is_img = ids == IMAGE
    if img_feats is not None and img_feats.shape[0] > 0:
        v = proj(img_feats, dec.embed.weight).reshape(-1, x.shape[-1])
        x = x.masked_scatter(is_img.unsqueeze(-1), v.to(x.dtype))
    return x


def collate(seqs):
    """seqs: [(prompt ids, answer ids)] -> ids [B,S], targets [B,S] (-100 outside answers), right padded."""
    S = max(len(p) + len(a) for p, a in seqs)
    ids = torch.full((len(seqs), S), PAD, dtype=torch.long)
    tgt = torch.full((len(seqs), S), -100, dtype=torch.long)
    for b, (p, a) in enumerate(seqs):
        s = p + a
        ids[b, :len(s)] = torch.tensor(s)
        # position t predicts token t+1: targets for the answer tokens sit one to the left
        tgt[b, len(p) - 1:len(s) - 1] = torch.tensor(a)
    return ids, tgt


def save_bundle(path, cfg, dec, proj, extra=None):
    torch.save({"config": cfg.to_dict(), "decoder": dec.state_dict(), "projector": proj.state_dict(),
                "extra": extra or {}}, path)


def load_bundle(path):
    b = torch.load(path, map_location="cpu")
    cfg = Config.from_dict(b["config"])
    dec, proj = Decoder(cfg), Projector(cfg)
    dec.load_state_dict(b["decoder"])
    proj.load_state_dict(b["projector"])
    return cfg, dec.eval(), proj.eval(), b.get("extra", {})


@torch.no_grad()
def greedy(dec, proj, prompt_ids, feat, max_new=24, eos=END):
    """KV-cached greedy decode of one prompt (feat [1,F] or None) -> generated ids (without eos)."""
    ids = torch.tensor([prompt_ids])
    x = build_inputs(dec, proj, ids, feat)
    c = dec.c
    past = [(torch.zeros(1, c.num_key_value_heads, 0, c.head_dim),) * 2 for _ in range(c.num_hidden_layers)]
    T = ids.shape[1]
    logits, past = dec.forward_with_past(x, torch.ones(1, T, dtype=torch.long), torch.arange(T).unsqueeze(0), past)
    out = []
    for _ in range(max_new):
        t = int(logits[0, -1].argmax())
        if t == eos:
            break
        out.append(t)
        x = dec.embed(torch.tensor([[t]]))
        logits, past = dec.forward_with_past(x, torch.ones(1, T + 1, dtype=torch.long), torch.tensor([[T]]), past)
        T += 1
    return out


@torch.no_grad()
def score_candidates(dec, proj, tok, prompt_ids, feat, candidates):
    """Sum of log-probs of each candidate's tokens + <|end|> after the prompt (teacher forced, one batch)."""
    seqs = [(prompt_ids, tok.encode(c) + [END]) for c in candidates]
    ids, tgt = collate(seqs)
    feats = feat.expand(len(candidates), -1) if feat is not None else None
    logits = dec(build_inputs(dec, proj, ids, feats))
    lp = F.log_softmax(logits, dim=-1)
    m = tgt != -100
    g = lp.gather(-1, tgt.clamp(min=0).unsqueeze(-1)).squeeze(-1) * m
    return g.sum(1)
