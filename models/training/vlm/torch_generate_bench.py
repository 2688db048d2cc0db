"""PyTorch eager generation reference for the engine benchmark: one image + 64 prompt tokens, greedy, KV cache,
one thread. Prints JSON: time-to-first-token (vision encoder + embeddings + prefill -> first token) and decode
tokens/s over --new tokens (eos ignored so every run decodes the same count).

  /usr/bin/python3 models/training/vlm/torch_generate_bench.py [--model models/vlm] [--new 64] [--runs 10]

Weights (--weights, default auto = the first that applies): `checkpoint` = the training checkpoint
(models/training/work/vlm/vlm.pt) when it matches MODEL/config.json; `onnx` = the trained model's own weights read
back from MODEL's ONNX initialisers (decoder_model_plain.onnx, embed_tokens.onnx, vision_encoder.onnx: the same
weights every other bench row runs), checked against MODEL/parity's PyTorch fixtures (max |logit diff| in the JSON);
`random` = random init with the config's shapes (the tiny test model). The vision backbone is the recognizer's
converted NanoDet graph (needs `bash models/training/nanodet/fetch_nanodet.sh` once) with its weights from
vision_encoder.onnx (onnx) or models/recognizer/recognizer.onnx (checkpoint, random); with tiny config shapes it is
the tiny test conv net.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from common import load_bundle
from make_data import REPO
from model import Config, Decoder, Projector, RecognizerEmbedding, TinyConvBackbone, VisionEncoder, load_recognizer


ONNX_FILES = ("decoder_model_plain.onnx", "embed_tokens.onnx", "vision_encoder.onnx")


def _inits(path):
    import onnx
    from onnx import numpy_helper
    return {i.name: torch.from_numpy(numpy_helper.to_array(i).copy()) for i in onnx.load(path).graph.initializer}


def _matmuls(inits):
    """The exporter's anonymous MatMul weights ([in, out], transposed) in graph-building order."""
    names = [n for n in inits if n.startswith("onnx::MatMul_")]
    return [inits[n] for n in sorted(names, key=lambda n: int(n.rsplit("_", 1)[1]))]


@torch.no_grad()
def load_onnx_weights(model_dir, cfg, dec, proj):
    """Copies the trained weights from the model folder's ONNX files into `dec` and `proj` and returns the vision
    backbone with its weights from vision_encoder.onnx. Every parameter is assigned (asserted), so no random value
    survives; the parity check against MODEL/parity then confirms the mapping."""
    d = _inits(os.path.join(model_dir, "decoder_model_plain.onnx"))
    embed = _inits(os.path.join(model_dir, "embed_tokens.onnx"))["embed.weight"]
    sd = {"embed.weight": embed}
    for k, t in d.items():
        if k.startswith("dec.") and t.dim() == 1:
            sd[k[4:]] = t
    mm = _matmuls(d)
    per = ("attn.q", "attn.k", "attn.v", "attn.o", "gate", "up", "down")  # Block.forward's call order
    assert len(mm) == len(per) * cfg.num_hidden_layers + 1, f"{len(mm)} MatMul weights in decoder_model_plain.onnx"
    for i in range(cfg.num_hidden_layers):
        for j, name in enumerate(per):
            sd[f"layers.{i}.{name}.weight"] = mm[i * len(per) + j].t().contiguous()
    assert torch.equal(mm[-1].t(), embed), "the LM head is not the tied embedding"
    missing = set(dec.state_dict()) - set(sd)
    assert not missing, f"decoder weights not found in ONNX: {sorted(missing)[:5]}"
    dec.load_state_dict(sd)

    v = _inits(os.path.join(model_dir, "vision_encoder.onnx"))
    assert torch.equal(v["embed.weight"], embed), "vision_encoder.onnx and embed_tokens.onnx disagree on embed.weight"
    vmm = _matmuls(v)
    cls = [t for t in vmm if tuple(t.shape) == (cfg.vision_feature_dim, cfg.num_classes)]
    pos = [t for n, t in v.items() if n.startswith("onnx::Add_") and tuple(t.shape) == (1, cfg.image_seq_len, cfg.hidden_size)]
    assert len(cls) == 1 and len(pos) == 1, "could not find the projector's class vectors / positions in vision_encoder.onnx"
    psd = {k[len("projector."):]: t for k, t in v.items() if k.startswith("projector.")}
    psd["class_weight"] = cls[0].t().contiguous()
    psd["pos"] = pos[0][0].contiguous()
    missing = set(proj.state_dict()) - set(psd)
    assert not missing, f"projector weights not found in vision_encoder.onnx: {sorted(missing)}"
    proj.load_state_dict({k: psd[k].to(t.dtype) for k, t in proj.state_dict().items()})

    sys.path.insert(0, os.path.join(REPO, "models", "training"))
    from recognizer import build
    rec = build("nanodet", os.path.join(REPO, "models", "training", "work"))
    rsd = rec.state_dict()
    loaded = set()
    for name, t in v.items():
        if name.startswith("backbone.rec.") and name[13:] in rsd:
            rsd[name[13:]] = t.to(rsd[name[13:]].dtype)
            loaded.add(name[13:])
    proj_mm = [t for t in vmm if tuple(t.shape) == tuple(rsd["proj.weight"].t().shape)]
    assert len(proj_mm) == 1, "could not find the recognizer projection in vision_encoder.onnx"
    rsd["proj.weight"] = proj_mm[0].t().contiguous()
    loaded.add("proj.weight")
    # `weight` is the recognizer's classifier, unused by features() (the projector keeps its own copy)
    missing = [k for k in rsd if k not in loaded and k != "weight" and not k.endswith("num_batches_tracked") and ".c_" not in k]
    assert not missing, f"recognizer weights not found in vision_encoder.onnx: {missing[:5]}"
    rec.load_state_dict(rsd)
    return RecognizerEmbedding(rec.eval())


@torch.no_grad()
def parity_diff(model_dir, mc, dec, venc):
    """Max |difference| of image features and prefill logits against MODEL/parity (None when absent)."""
    folder = os.path.join(model_dir, "parity")
    if not os.path.exists(os.path.join(folder, "parity.json")):
        return None
    with open(os.path.join(folder, "parity.json")) as f:
        p = json.load(f)

    def read(name, shape):
        return torch.from_numpy(np.fromfile(os.path.join(folder, name), dtype="<f4").reshape(shape))

    pixels = read("pixel_values.f32", p["pixel_values_shape"])
    feats = venc(pixels)
    ids = torch.tensor([p["input_ids"]])
    x = dec.embed(ids).masked_scatter((ids == mc["image_token_id"]).unsqueeze(-1), feats.reshape(-1, feats.shape[-1]))
    S = ids.shape[1]
    past = [(torch.zeros(1, dec.c.num_key_value_heads, 0, dec.c.head_dim),) * 2 for _ in range(dec.c.num_hidden_layers)]
    logits, _ = dec.forward_with_past(x, torch.ones(1, S, dtype=torch.long), torch.arange(S).unsqueeze(0), past)
    diff = max(float((feats - read("image_features.f32", p["image_features_shape"])).abs().max()),
               float((logits[0] - read("prefill_logits.f32", p["prefill_logits_shape"])).abs().max()))
    if diff > p.get("tolerance", 1e-3):
        raise SystemExit(f"weights read from ONNX do not reproduce {folder}: max |diff| {diff:.3g}")
    return round(diff, 7)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=os.path.join(REPO, "models", "vlm"))
    ap.add_argument("--ckpt", default=os.path.join(REPO, "models", "training", "work", "vlm", "vlm.pt"))
    ap.add_argument("--prompt-tokens", type=int, default=64)
    ap.add_argument("--new", type=int, default=64)
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--weights", choices=["auto", "checkpoint", "onnx", "random"], default="auto")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    with open(os.path.join(a.model, "config.json")) as f:
        mc = json.load(f)
    ckpt_ok = os.path.exists(a.ckpt) and all(torch.load(a.ckpt)["config"][k] == mc[k] for k in ("image_seq_len", "hidden_size"))
    onnx_ok = all(os.path.exists(os.path.join(a.model, f)) for f in ONNX_FILES) and mc["image_size"] >= 64
    mode = a.weights if a.weights != "auto" else "checkpoint" if ckpt_ok else "onnx" if onnx_ok else "random"
    parity = None
    if mode == "checkpoint":
        cfg, dec, proj, _ = load_bundle(a.ckpt)
        weights = "checkpoint"
    else:
        cfg = Config(vocab_size=mc["vocab_size"], hidden_size=mc["hidden_size"], num_hidden_layers=mc["num_hidden_layers"],
                     num_attention_heads=mc["num_attention_heads"], num_key_value_heads=mc["num_key_value_heads"],
                     intermediate_size=mc["intermediate_size"], image_seq_len=mc["image_seq_len"],
                     image_size=mc["image_size"], vision_feature_dim=16 if mc["image_size"] < 64 else 128)
        dec, proj = Decoder(cfg), Projector(cfg)
        weights = "random (same shapes)"
    if cfg.image_size < 64:
        backbone = TinyConvBackbone(cfg.vision_feature_dim)
    elif mode == "onnx":
        backbone = load_onnx_weights(a.model, cfg, dec, proj)
        weights = "trained (read from " + ", ".join(ONNX_FILES) + ")"
    else:
        backbone = RecognizerEmbedding(load_recognizer(REPO))
    venc = VisionEncoder(backbone, proj, dec.embed).eval()
    if mode == "onnx":
        parity = parity_diff(a.model, mc, dec.eval(), venc)
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

    print(json.dumps({"engine": "pytorch-eager", "torch": torch.__version__, "threads": a.threads, "weights": weights, "parity_max_abs_diff": parity,
                      "prompt_tokens": S, "image_tokens": cfg.image_seq_len, "ttft_ms_median": round(median(ttft), 3),
                      "ttft_cpu_ms_median": round(median(ttft_cpu), 3), "decode_tokens": a.new,
                      "decode_tokens_per_s": round(median(tps), 2), "decode_tokens_per_cpu_s": round(median(tps_cpu), 2),
                      "load_average": os.getloadavg()[0]}))


if __name__ == "__main__":
    main()
