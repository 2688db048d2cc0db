"""PyTorch reference outputs for the C# engine's parity test, for one fixed image + prompt.

  /usr/bin/python3 make_parity_fixtures.py                       # models/vlm/parity (the trained model)
  /usr/bin/python3 make_parity_fixtures.py --tiny                # models/vlm/tiny-random/parity

parity/parity.json: prompt text, input_ids (image tokens already expanded), the image's source, shapes, the greedy
token ids/text, and file names of little-endian float32 arrays:
  pixel_values.f32   [1,3,H,W]  (exact pixels fed to the vision encoder: PIL bilinear resize, RGB / 255)
  image_features.f32 [1,image_seq_len,hidden]
  prefill_logits.f32 [S,vocab]  (every prompt position, empty past)
  step_logits.f32    [N,vocab]  (decode step i feeds greedy token i with the KV cache; row i = its logits)
The greedy sequence is the argmax of the last prefill row then of each step row (N steps, not stopped at eos).
"""
import argparse
import json
import os
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from bpe import BPE
from common import build_inputs, encode_prompt, load_bundle
from make_data import DEFAULT_DATA, REPO, id_prompt, load_catalog, render
from model import Config, Decoder, Projector, RecognizerEmbedding, TinyConvBackbone, VisionEncoder, load_recognizer

IMAGE = "val/Packages/Milk/Arla-Standard-Milk/Arla-Standard-Milk_001.jpg"
CANDIDATES = ["Arla Mjölk 3%", "Arla Skimmed milk 1,5%", "Garant Standardmjölk Ekologisk 3%", "Oatly Havredryck Berikad Färsk",
              "Arla Mild Yoghurt Vanilla"]


def load_pixels(data_root, rel, size):
    from PIL import Image
    with Image.open(os.path.join(data_root, "dataset", rel)) as im:
        a = np.asarray(im.convert("RGB").resize((size, size), Image.BILINEAR), dtype=np.float32) / 255.0
    return torch.from_numpy(a).permute(2, 0, 1).contiguous().unsqueeze(0)


@torch.no_grad()
def make(out, cfg, dec, proj, backbone, tok, pixels, prompt, steps):
    os.makedirs(out, exist_ok=True)
    venc = VisionEncoder(backbone, proj, dec.embed).eval()
    feats = venc(pixels)                                        # [1, L, H]
    ids = torch.tensor([encode_prompt(tok, prompt, cfg.image_seq_len)])
    x = dec.embed(ids)
    x = x.masked_scatter((ids == 6).unsqueeze(-1), feats.reshape(-1, cfg.hidden_size))
    S = ids.shape[1]
    L, kv, hd = cfg.num_hidden_layers, cfg.num_key_value_heads, cfg.head_dim
    past = [(torch.zeros(1, kv, 0, hd), torch.zeros(1, kv, 0, hd)) for _ in range(L)]
    logits, past = dec.forward_with_past(x, torch.ones(1, S, dtype=torch.long), torch.arange(S).unsqueeze(0), past)
    prefill = logits[0]
    greedy = [int(prefill[-1].argmax())]
    rows = []
    T = S
    for i in range(steps):
        e = dec.embed(torch.tensor([[greedy[-1]]]))
        lg, past = dec.forward_with_past(e, torch.ones(1, T + 1, dtype=torch.long), torch.tensor([[T]]), past)
        T += 1
        rows.append(lg[0, -1])
        if i < steps - 1:
            greedy.append(int(lg[0, -1].argmax()))
    step_logits = torch.stack(rows)
    # the KV-cached path must equal a full recompute of the whole sequence
    full_ids = torch.cat([ids, torch.tensor([greedy])], dim=1)
    xf = torch.cat([x, dec.embed(torch.tensor([greedy]))], dim=1)
    full = dec(xf)[0]
    kv_diff = float((full[S - 1:S - 1 + steps + 1] - torch.cat([prefill[-1:], step_logits])).abs().max())
    assert kv_diff < 1e-4, f"KV-cached decode differs from full recompute by {kv_diff}"
    files = {"pixel_values.f32": pixels, "image_features.f32": feats, "prefill_logits.f32": prefill,
             "step_logits.f32": step_logits}
    for n, t in files.items():
        t.numpy().astype("<f4").tofile(os.path.join(out, n))
    meta = {"prompt": prompt, "input_ids": ids[0].tolist(), "image_size": cfg.image_size,
            "pixel_values_shape": list(pixels.shape), "image_features_shape": list(feats.shape),
            "prefill_logits_shape": list(prefill.shape), "step_logits_shape": list(step_logits.shape),
            "decode_steps": steps, "greedy_tokens": greedy, "greedy_text": tok.decode(greedy),
            "kv_cache_vs_full_recompute_max_abs_diff": kv_diff, "tolerance": 1e-3,
            "files": list(files)}
    with open(os.path.join(out, "parity.json"), "w", encoding="utf-8") as f:
        json.dump(meta, f, ensure_ascii=False, indent=1)
    print(out, "S", S, "greedy", repr(tok.decode(greedy)), "kv diff", kv_diff)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tiny", action="store_true")
    ap.add_argument("--ckpt", default=os.path.join(REPO, "models", "training", "work", "vlm", "vlm.pt"))
    ap.add_argument("--model", default=None)
    ap.add_argument("--data-root", default=DEFAULT_DATA)
    ap.add_argument("--steps", type=int, default=12)
    a = ap.parse_args()
    torch.set_num_threads(1)
    if a.tiny:
        model = a.model or os.path.join(REPO, "models", "vlm", "tiny-random")
        b = torch.load(os.path.join(REPO, "models", "training", "work", "vlm", "tiny.pt"))
        cfg = Config.from_dict(b["config"])
        dec, proj, backbone = Decoder(cfg), Projector(cfg), TinyConvBackbone(cfg.vision_feature_dim)
        dec.load_state_dict(b["decoder"]), proj.load_state_dict(b["projector"]), backbone.load_state_dict(b["backbone"])
    else:
        model = a.model or os.path.join(REPO, "models", "vlm")
        cfg, dec, proj, _ = load_bundle(a.ckpt)
        backbone = RecognizerEmbedding(load_recognizer(REPO))
    dec.eval(), proj.eval(), backbone.eval()
    tok = BPE.load(os.path.join(model, "tokenizer.json"))
    prompt = render(None, "Which of these products is it? Candidates: " + "; ".join(CANDIDATES), True)
    make(os.path.join(model, "parity"), cfg, dec, proj, backbone, tok, load_pixels(a.data_root, IMAGE, cfg.image_size),
         prompt, a.steps)


if __name__ == "__main__":
    main()
