"""Train the assistant's on-device tool-call model: a shopper's question -> one JSON tool call.

  nice -n 15 /usr/bin/python3 models/training/toolcall/train_toolcall.py --minutes 25 --threads 1
  /usr/bin/python3 models/training/toolcall/train_toolcall.py --export      # best checkpoint -> models/toolcall/

Data: `make_calls.py` (train and val files, disjoint phrasing templates). The model is the VLM's text decoder
(llama layout: RMSNorm, RoPE, GQA, SwiGLU, tied embeddings; `models/training/vlm/model.py`) without image tokens,
so the C# engine and its three runtimes run it unchanged. Prompt and answer:

  <bos><|user|>\n{question}<|end|>\n<|assistant|>\n{"tool":"price","products":["oat milk"]}<|end|>

`products` are word n-grams of the question (`mention_spans`, the same rule as the C# side's schema), so at run time
the schema can list the question's own n-grams as the only values a product may take. The val file picks the
checkpoint (loss) and gives the exact-call accuracy printed at the end; nothing here reads the evaluation sets.
"""
import argparse
import json
import math
import os
import random
import re
import sys
import time

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
VLM = os.path.join(os.path.dirname(HERE), "vlm")
sys.path.insert(0, VLM)
from bpe import BPE  # noqa: E402
from common import collate  # noqa: E402
from make_data import BOS, CHAT_TEMPLATE, END, SPECIALS  # noqa: E402  (the VLM's special tokens and chat template)
from model import Config, Decoder  # noqa: E402

REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
WORK = os.path.join(REPO, "models", "training", "work", "toolcall")
OUT = os.path.join(REPO, "models", "toolcall")
TOOLS = ["total", "list_basket", "count_units", "count_lines", "basket_weight", "unit_weight", "volume", "allergens",
         "ingredients", "organic", "lactose_free", "plant_based", "fat", "flavour", "origin", "price", "compare",
         "cheaper_alternatives", "describe", "have_item", "unknown_fact", "out_of_scope", "basket_change", "none"]
MAX_SPAN_WORDS = 6
MAX_SPANS = 64  # the C# engine's enum limit; shortest spans first
MAX_PRODUCTS = 3

_EDGE = re.compile(r"^[^\w%]+|[^\w%]+$")


def words(question):
    """The question's words: split on white space, punctuation trimmed from each end (inner hyphens and % kept)."""
    out = []
    for w in question.split():
        w = _EDGE.sub("", w)
        if w:
            out.append(w)
    return out


def mention_spans(question):
    """Every run of 1..MAX_SPAN_WORDS consecutive words, joined by one space, shortest first, at most MAX_SPANS
    (ToolCallSchema.Spans in C#)."""
    ws = words(question)
    seen, out = set(), []
    for n in range(1, MAX_SPAN_WORDS + 1):
        for i in range(len(ws) - n + 1):
            s = " ".join(ws[i:i + n])
            if s not in seen:
                seen.add(s)
                out.append(s)
                if len(out) == MAX_SPANS:
                    return out
    return out


def snap(question, span):
    """A generator's span (a substring) as the word n-gram it covers, or None when it covers none."""
    target = " ".join(words(span))
    return target if target in set(mention_spans(question)) else None


def target_text(call):
    return json.dumps({"tool": call["tool"], "products": call["products"]}, ensure_ascii=False, separators=(",", ":"))


def prompt_text(question):
    return CHAT_TEMPLATE["user"].replace("{content}", question) + CHAT_TEMPLATE["generation_prompt"]


def load(path):
    """[(question, call)] with spans snapped to word n-grams; examples whose spans do not snap are dropped."""
    out, dropped = [], 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            q, call = r["question"].strip(), r["call"]
            if call["tool"] not in TOOLS:
                raise ValueError(f"{path}: unknown tool {call['tool']!r}")
            spans = [snap(q, s) for s in call.get("products", [])][:MAX_PRODUCTS]
            if any(s is None for s in spans):
                dropped += 1
                continue
            out.append((q, {"tool": call["tool"], "products": spans}))
    print(f"{path}: {len(out)} examples ({dropped} dropped: a span that is not a word n-gram)", flush=True)
    return out


def encode(tok, q, call):
    return [BOS] + tok.encode(prompt_text(q)), tok.encode(target_text(call)) + [END]


def loss_of(dec, ids, tgt, reduction="mean"):
    h = dec.hidden(dec.embed(ids))
    m = tgt != -100
    return F.cross_entropy(dec.logits(h[m]), tgt[m], reduction=reduction), int(m.sum())


@torch.no_grad()
def greedy(dec, tok, q, max_new=48):
    ids = [BOS] + tok.encode(prompt_text(q))
    out = []
    for _ in range(max_new):
        logits = dec(dec.embed(torch.tensor([ids + out])))[0, -1]
        t = int(logits.argmax())
        if t == END:
            break
        out.append(t)
    return tok.decode(out)


def train_tokenizer(train, path, vocab_size):
    texts = [prompt_text(q) + target_text(c) + "<|end|>" for q, c in train]
    tok = BPE.train(texts, vocab_size, SPECIALS)
    tok.save(path)
    return tok


def save(path, cfg, dec, extra):
    torch.save({"config": cfg.to_dict(), "decoder": dec.state_dict(), "extra": extra}, path)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", default=os.path.join(WORK, "train.jsonl"))
    ap.add_argument("--val", default=os.path.join(WORK, "val.jsonl"))
    ap.add_argument("--minutes", type=float, default=25)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--layers", type=int, default=4)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--kv-heads", type=int, default=2)
    ap.add_argument("--inter", type=int, default=384)
    ap.add_argument("--vocab", type=int, default=1536)
    ap.add_argument("--eval-every", type=int, default=250)
    ap.add_argument("--seed", type=int, default=20261206)
    ap.add_argument("--ckpt", default=os.path.join(WORK, "toolcall.pt"))
    ap.add_argument("--max-steps", type=int, default=0)
    ap.add_argument("--export", action="store_true", help="export the checkpoint to --out and stop")
    ap.add_argument("--out", default=OUT)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    if a.export:
        export(a.ckpt, a.out)
        return
    torch.manual_seed(a.seed)
    rng = random.Random(a.seed)
    os.makedirs(WORK, exist_ok=True)
    train, val = load(a.train), load(a.val)
    tpath = os.path.join(WORK, "tokenizer.json")
    tok = train_tokenizer(train, tpath, a.vocab)
    print("vocab", len(tok), flush=True)
    cfg = Config(vocab_size=len(tok), hidden_size=a.hidden, num_hidden_layers=a.layers, num_attention_heads=a.heads,
                 num_key_value_heads=a.kv_heads, intermediate_size=a.inter, image_seq_len=0,
                 max_position_embeddings=256)
    dec = Decoder(cfg)
    print("params", sum(p.numel() for p in dec.parameters()), flush=True)
    enc_train = [encode(tok, q, c) for q, c in train]
    enc_val = [encode(tok, q, c) for q, c in val]
    print("longest sequence", max(len(p) + len(t) for p, t in enc_train + enc_val), flush=True)
    val_batches = [collate(enc_val[i:i + 64]) for i in range(0, len(enc_val), 64)]
    params = list(dec.parameters())
    opt = torch.optim.AdamW([{"params": [p for p in params if p.dim() >= 2], "weight_decay": 0.05},
                             {"params": [p for p in params if p.dim() < 2], "weight_decay": 0.0}],
                            lr=a.lr, betas=(0.9, 0.98))
    t0, step, total, warm = time.time(), 0, a.max_steps or 10 ** 9, 100
    best, log = float("inf"), []

    def evaluate():
        dec.eval()
        tot, n = 0.0, 0
        with torch.no_grad():
            for ids, tgt in val_batches:
                l, k = loss_of(dec, ids, tgt, "sum")
                tot, n = tot + l.item(), n + k
        dec.train()
        return tot / n

    order = list(range(len(enc_train)))
    pos = len(order)
    while step < total:
        if pos + a.batch > len(order):
            rng.shuffle(order)
            pos = 0
        # a batch of similar lengths pads little: sort a window of 8 batches, take one
        ids, tgt = collate([enc_train[i] for i in order[pos:pos + a.batch]])
        pos += a.batch
        lr = a.lr * min(1.0, (step + 1) / warm) * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * min(1.0, step / total))))
        for g in opt.param_groups:
            g["lr"] = lr
        loss, _ = loss_of(dec, ids, tgt)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        step += 1
        if step == 50 and not a.max_steps:
            per = (time.time() - t0) / 50
            total = int(a.minutes * 60 / (per * 1.1))
            print(f"{per:.3f} s/step -> {total} steps", flush=True)
        if step % 100 == 0:
            print(f"step {step}/{total} loss {loss.item():.4f} lr {lr:.2e} {time.time() - t0:.0f}s", flush=True)
        if step % a.eval_every == 0 or step == total:
            vl = evaluate()
            log.append({"step": step, "train_loss": loss.item(), "val_loss": vl, "time_s": round(time.time() - t0)})
            print(f"  val loss {vl:.4f} (best {best:.4f})", flush=True)
            if vl < best:
                best = vl
                save(a.ckpt, cfg, dec, {"step": step, "val_loss": vl, "log": log, "args": vars(a)})
    print("done", step, "steps", f"{time.time() - t0:.0f}s", "best val loss", best, flush=True)
    report(a.ckpt, tpath, val)


def load_ckpt(path):
    b = torch.load(path, map_location="cpu")
    cfg = Config.from_dict(b["config"])
    dec = Decoder(cfg)
    dec.load_state_dict(b["decoder"])
    return cfg, dec.eval(), b["extra"]


def report(ckpt, tpath, val, n=400):
    """Unconstrained greedy exact-call accuracy on (a sample of) val: the number the model card quotes."""
    _, dec, extra = load_ckpt(ckpt)
    tok = BPE.load(tpath)
    sample = random.Random(0).sample(val, min(n, len(val)))
    exact = tool_ok = 0
    for q, c in sample:
        got = greedy(dec, tok, q)
        exact += got == target_text(c)
        tool_ok += got.startswith('{"tool":"' + c["tool"] + '"')
    print(f"val sample {len(sample)}: exact call {100 * exact / len(sample):.1f} %, tool {100 * tool_ok / len(sample):.1f} %"
          f" (checkpoint step {extra['step']})", flush=True)


def export(ckpt, out):
    sys.path.insert(0, VLM)
    from export_vlm import config_json, export_decoder
    cfg, dec, extra = load_ckpt(ckpt)
    os.makedirs(out, exist_ok=True)
    tok = BPE.load(os.path.join(WORK, "tokenizer.json"))
    tok.save(os.path.join(out, "tokenizer.json"))
    conf = config_json(cfg, tok, extra={
        "model_type": "basket-toolcall",
        "prompt_format": "<bos> + user + generation_prompt; the answer is one JSON tool call "
                         "{\"tool\": ..., \"products\": [word n-grams of the question]} then <|end|>",
        "tools": TOOLS, "max_span_words": MAX_SPAN_WORDS, "max_spans": MAX_SPANS, "max_products": MAX_PRODUCTS,
        "training": {"step": extra.get("step"), "val_loss": extra.get("val_loss")}})
    conf["image_seq_len"] = 0
    with open(os.path.join(out, "config.json"), "w", encoding="utf-8") as f:
        json.dump(conf, f, indent=1, ensure_ascii=False)
    export_decoder(out, cfg, dec)
    print("exported", out, {f: os.path.getsize(os.path.join(out, f)) for f in sorted(os.listdir(out))
                            if os.path.isfile(os.path.join(out, f))})


if __name__ == "__main__":
    main()
