"""PyTorch eager generation reference for the engine benchmark: one image + 64 prompt tokens, greedy, KV cache,
one thread. Prints JSON: time-to-first-token (vision encoder + embeddings + prefill -> first token) and decode
tokens/s over --new tokens (eos ignored so every run decodes the same count).

  /usr/bin/python3 models/training/vlm/torch_generate_bench.py [--model models/vlm] [--new 64] [--runs 10]

Weights: the training checkpoint (models/training/work/vlm/vlm.pt) when present, else random init with the
shapes of MODEL/config.json (speed does not depend on the values). The vision backbone is the recognizer rebuilt
from models/recognizer/recognizer.onnx (needs `bash models/training/nanodet/fetch_nanodet.sh` once); with --tiny
config shapes it is the tiny test conv net.
"""
import argparse
import json
import os
import sys
import time

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from common import load_bundle
from make_data import REPO
from model import Config, Decoder, Projector, RecognizerEmbedding, TinyConvBackbone, VisionEncoder, load_recognizer


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=os.path.join(REPO, "models", "vlm"))
    ap.add_argument("--ckpt", default=os.path.join(REPO, "models", "training", "work", "vlm", "vlm.pt"))
    ap.add_argument("--prompt-tokens", type=int, default=64)
    ap.add_argument("--new", type=int, default=64)
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    with open(os.path.join(a.model, "config.json")) as f:
        mc = json.load(f)
    if os.path.exists(a.ckpt) and mc["image_seq_len"] == torch.load(a.ckpt)["config"]["image_seq_len"] \
            and mc["hidden_size"] == torch.load(a.ckpt)["config"]["hidden_size"]:
        cfg, dec, proj, _ = load_bundle(a.ckpt)
        weights = "checkpoint"
    else:
        cfg = Config(vocab_size=mc["vocab_size"], hidden_size=mc["hidden_size"], num_hidden_layers=mc["num_hidden_layers"],
                     num_attention_heads=mc["num_attention_heads"], num_key_value_heads=mc["num_key_value_heads"],
                     intermediate_size=mc["intermediate_size"], image_seq_len=mc["image_seq_len"],
                     image_size=mc["image_size"], vision_feature_dim=16 if mc["image_size"] < 64 else 128)
        dec, proj = Decoder(cfg), Projector(cfg)
        weights = "random (same shapes)"
    backbone = TinyConvBackbone(cfg.vision_feature_dim) if cfg.image_size < 64 else RecognizerEmbedding(load_recognizer(REPO))
    venc = VisionEncoder(backbone, proj, dec.embed).eval()
    dec.eval()
    L, kv, hd = cfg.num_hidden_layers, cfg.num_key_value_heads, cfg.head_dim
    g = torch.Generator().manual_seed(0)
    text = torch.randint(10, cfg.vocab_size, (a.prompt_tokens,), generator=g)
    ids = torch.cat([text[:3], torch.full((cfg.image_seq_len,), mc["image_token_id"]), text[3:]]).unsqueeze(0)
    pixels = torch.rand(1, 3, cfg.image_size, cfg.image_size, generator=g)
    S = ids.shape[1]

    @torch.no_grad()
    def first_token():
        feats = venc(pixels)
        x = dec.embed(ids).masked_scatter((ids == mc["image_token_id"]).unsqueeze(-1), feats.reshape(-1, cfg.hidden_size))
        past = [(torch.zeros(1, kv, 0, hd), torch.zeros(1, kv, 0, hd)) for _ in range(L)]
        logits, past = dec.forward_with_past(x, torch.ones(1, S, dtype=torch.long), torch.arange(S).unsqueeze(0), past)
        return int(logits[0, -1].argmax()), past

    for _ in range(3):
        first_token()
    # wall clock and this thread's CPU time (meaningful on a loaded machine: torch runs on the calling thread)
    ttft, ttft_cpu = [], []
    for _ in range(a.runs):
        t0, c0 = time.perf_counter(), time.thread_time()
        first_token()
        ttft.append((time.perf_counter() - t0) * 1000)
        ttft_cpu.append((time.thread_time() - c0) * 1000)
    tps, tps_cpu = [], []
    for _ in range(max(3, a.runs // 2)):
        tok, past = first_token()
        T = S
        with torch.no_grad():
            t0, c0 = time.perf_counter(), time.thread_time()
            for _ in range(a.new):
                logits, past = dec.forward_with_past(dec.embed(torch.tensor([[tok]])), torch.ones(1, T + 1, dtype=torch.long),
                                                     torch.tensor([[T]]), past)
                tok = int(logits[0, -1].argmax())
                T += 1
            tps.append(a.new / (time.perf_counter() - t0))
            tps_cpu.append(a.new / (time.thread_time() - c0))

    def median(v):
        return sorted(v)[len(v) // 2]

    print(json.dumps({"engine": "pytorch-eager", "torch": torch.__version__, "threads": a.threads, "weights": weights,
                      "prompt_tokens": S, "image_tokens": cfg.image_seq_len, "ttft_ms_median": round(median(ttft), 3),
                      "ttft_cpu_ms_median": round(median(ttft_cpu), 3), "decode_tokens": a.new,
                      "decode_tokens_per_s": round(median(tps), 2), "decode_tokens_per_cpu_s": round(median(tps_cpu), 2),
                      "load_average": os.getloadavg()[0]}))


if __name__ == "__main__":
    main()
