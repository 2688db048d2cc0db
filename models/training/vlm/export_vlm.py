"""Export a trained VLM bundle (or a tiny random-init model) to the split ONNX layout + config + tokenizer.

  /usr/bin/python3 export_vlm.py --ckpt ../work/vlm/vlm.pt --out ../../vlm              # the real model
  /usr/bin/python3 export_vlm.py --tiny --out ../../vlm/tiny-random                      # fast unit-test model

Files: config.json, tokenizer.json, vision_encoder.onnx (pixel_values [B,3,H,W] RGB in [0,1] -> image_features
[B,image_seq_len,hidden]), embed_tokens.onnx (input_ids [B,S] -> inputs_embeds [B,S,hidden]),
decoder_model_merged.onnx (inputs_embeds, attention_mask [B,past+S], position_ids [B,S],
past_key_values.{i}.key/.value [B,kv,past,head_dim] -> logits [B,S,vocab], present.{i}.key/.value).
Opset 14; every sequence/batch/past axis is dynamic (a zero-length past is valid for the prefill).
"""
import argparse
import json
import os
import shutil
import sys

import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from bpe import BPE
from common import load_bundle
from make_data import BOS, CHAT_TEMPLATE, END, IMAGE, PAD, REPO
from model import Config, Decoder, Projector, RecognizerEmbedding, TinyConvBackbone, VisionEncoder, load_recognizer

OPSET = 14


class EmbedTokens(nn.Module):
    def __init__(self, dec):
        super().__init__()
        self.embed = dec.embed

    def forward(self, input_ids):
        return self.embed(input_ids)


class DecoderExport(nn.Module):
    def __init__(self, dec):
        super().__init__()
        self.dec = dec

    def forward(self, inputs_embeds, attention_mask, position_ids, *past_flat):
        past = [(past_flat[2 * i], past_flat[2 * i + 1]) for i in range(len(past_flat) // 2)]
        logits, presents = self.dec.forward_with_past(inputs_embeds, attention_mask, position_ids, past)
        out = [logits]
        for k, v in presents:
            out += [k, v]
        return tuple(out)


def config_json(cfg, tok, mean=(0.0, 0.0, 0.0), std=(1.0, 1.0, 1.0), extra=None):
    return {
        "model_type": "basket-vlm",
        "num_hidden_layers": cfg.num_hidden_layers,
        "num_key_value_heads": cfg.num_key_value_heads,
        "num_attention_heads": cfg.num_attention_heads,
        "head_dim": cfg.head_dim,
        "hidden_size": cfg.hidden_size,
        "intermediate_size": cfg.intermediate_size,
        "vocab_size": cfg.vocab_size,
        "bos_token_id": BOS,
        "eos_token_id": END,
        "pad_token_id": PAD,
        "add_bos_token": True,
        "image_token": "<image>",
        "image_token_id": IMAGE,
        "image_seq_len": cfg.image_seq_len,
        "image_size": cfg.image_size,
        "image_mean": list(mean),
        "image_std": list(std),
        "image_rescale_factor": 1.0 / 255.0,
        "max_position_embeddings": cfg.max_position_embeddings,
        "rope_theta": cfg.rope_theta,
        "rms_norm_eps": cfg.rms_norm_eps,
        "torch_dtype": "float32",
        "chat_template": CHAT_TEMPLATE,
        "prompt_format": "<bos> + [system] + user + generation_prompt; the image part renders as <image>, which is "
                         "expanded to image_seq_len <image> tokens whose embeddings are replaced by image_features",
    } | (extra or {})


def export_decoder(out, cfg, dec):
    """embed_tokens.onnx and decoder_model_merged.onnx (the text side; the tool-call model has nothing else)."""
    with torch.no_grad():
        torch.onnx.export(EmbedTokens(dec), torch.tensor([[1, 5, 7]]), os.path.join(out, "embed_tokens.onnx"),
                          opset_version=OPSET, input_names=["input_ids"], output_names=["inputs_embeds"],
                          dynamic_axes={"input_ids": {0: "batch", 1: "sequence"},
                                        "inputs_embeds": {0: "batch", 1: "sequence"}})
        L, kv, hd, H = cfg.num_hidden_layers, cfg.num_key_value_heads, cfg.head_dim, cfg.hidden_size
        past_len, S = 3, 2
        names_in = ["inputs_embeds", "attention_mask", "position_ids"]
        names_out = ["logits"]
        dyn = {"inputs_embeds": {0: "batch", 1: "sequence"}, "attention_mask": {0: "batch", 1: "total_sequence"},
               "position_ids": {0: "batch", 1: "sequence"}, "logits": {0: "batch", 1: "sequence"}}
        past = []
        for i in range(L):
            for kind in ("key", "value"):
                n_in, n_out = f"past_key_values.{i}.{kind}", f"present.{i}.{kind}"
                names_in.append(n_in)
                names_out.append(n_out)
                dyn[n_in] = {0: "batch", 2: "past_sequence"}
                dyn[n_out] = {0: "batch", 2: "total_sequence"}
                past.append(torch.randn(1, kv, past_len, hd))
        args = (torch.randn(1, S, H), torch.ones(1, past_len + S, dtype=torch.long),
                torch.tensor([[past_len, past_len + 1]]), *past)
        torch.onnx.export(DecoderExport(dec).eval(), args, os.path.join(out, "decoder_model_merged.onnx"),
                          opset_version=OPSET, input_names=names_in, output_names=names_out, dynamic_axes=dyn)


def export(out, cfg, dec, proj, backbone, tok_path, extra=None):
    os.makedirs(out, exist_ok=True)
    dec.eval(), proj.eval(), backbone.eval()
    tok = BPE.load(tok_path)
    if os.path.abspath(tok_path) != os.path.abspath(os.path.join(out, "tokenizer.json")):
        shutil.copy(tok_path, os.path.join(out, "tokenizer.json"))
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(config_json(cfg, tok, extra=extra), f, indent=1)
    venc = VisionEncoder(backbone, proj, dec.embed).eval()
    s = cfg.image_size
    with torch.no_grad():
        torch.onnx.export(venc, torch.rand(2, 3, s, s), os.path.join(out, "vision_encoder.onnx"), opset_version=OPSET,
                          input_names=["pixel_values"], output_names=["image_features"],
                          dynamic_axes={"pixel_values": {0: "batch"}, "image_features": {0: "batch"}})
    export_decoder(out, cfg, dec)
    print("exported", out, {f: os.path.getsize(os.path.join(out, f)) for f in sorted(os.listdir(out))
                            if os.path.isfile(os.path.join(out, f))})


def tiny(tok_path, seed=7):
    torch.manual_seed(seed)
    tok = BPE.load(tok_path)
    cfg = Config(vocab_size=len(tok), hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                 num_key_value_heads=2, intermediate_size=64, image_seq_len=4, vision_feature_dim=16, image_size=32)
    dec, proj = Decoder(cfg), Projector(cfg)
    from make_data import load_catalog
    proj.set_names(torch.randn(cfg.num_classes, cfg.vision_feature_dim), [tok.encode(p["display_name"]) for p in load_catalog()])
    # larger random weights than the training init so greedy outputs are not one repeated token
    with torch.no_grad():
        for p in dec.parameters():
            if p.dim() >= 2:
                p.normal_(0, 0.3)
    return cfg, dec.eval(), proj.eval(), TinyConvBackbone(cfg.vision_feature_dim).eval()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default=os.path.join(REPO, "models", "training", "work", "vlm", "vlm.pt"))
    ap.add_argument("--tokenizer", default=os.path.join(REPO, "models", "vlm", "tokenizer.json"))
    ap.add_argument("--out", default=os.path.join(REPO, "models", "vlm"))
    ap.add_argument("--tiny", action="store_true")
    a = ap.parse_args()
    torch.set_num_threads(1)
    if a.tiny:
        cfg, dec, proj, backbone = tiny(a.tokenizer)
        export(a.out, cfg, dec, proj, backbone, a.tokenizer, {"note": "random init, for unit tests only"})
        torch.save({"config": cfg.to_dict(), "decoder": dec.state_dict(), "projector": proj.state_dict(),
                    "backbone": backbone.state_dict()}, os.path.join(REPO, "models", "training", "work", "vlm", "tiny.pt"))
    else:
        cfg, dec, proj, extra = load_bundle(a.ckpt)
        backbone = RecognizerEmbedding(load_recognizer(REPO))
        export(a.out, cfg, dec, proj, backbone, a.tokenizer,
               {"training": {"step": extra.get("step"), "val_loss": extra.get("val_loss")}})


if __name__ == "__main__":
    main()
