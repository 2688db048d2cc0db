"""Write the trained decoder as llama.cpp GGUF files (v3), read from the committed ONNX files; no torch, no gguf package.

  /usr/bin/python3 models/training/vlm/export_gguf.py                 # models/vlm/basket-vlm-{f32,f16,q8_0,q4_0}.gguf
  /usr/bin/python3 models/training/vlm/export_gguf.py --check         # + read each file back and run it in numpy

Weights: decoder_model_plain.onnx (the PyTorch export; its MatMuls by role, see optimize_decoder.read_weights) and
embed_tokens.onnx (the Gather table). The LM head is tied to the embedding table, so no output.weight is written and
llama.cpp falls back to token_embd (checked here: the plain graph's lm_head must equal the table's transpose).

The model rotates with the rotate-half (Hugging Face / NEOX) convention; llama.cpp's llama architecture rotates
adjacent pairs. As Hugging Face's convert script does, the rows of Q and K are permuted per head
(reshape(heads, 2, head_dim / 2, in).swapaxes(1, 2)) so the interleaved rotation computes the same scores.

Types: f32, f16, q8_0 (blocks of 32: f16 scale + 32 int8), q4_0 (blocks of 32: f16 scale + 16 bytes, element j in the
low nibble and j + 16 in the high nibble, as ggml's reference quantiser). Norm weights always stay F32.

--check reads each written file back, dequantises and runs the decoder in numpy with llama.cpp's interleaved RoPE on
the parity prompt (image features spliced over the image tokens) and prints the max abs diff of the prefill logits
against parity/prefill_logits.f32 (f32 must be <= 1e-3).
"""
import argparse
import json
import os
import struct
import sys
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))


def ensure_packages():
    try:
        import numpy  # noqa: F401
        import onnx  # noqa: F401
    except ImportError:
        subprocess.check_call(["apt-get", "-o", "DPkg::Lock::Timeout=600", "install", "-y", "python3-onnx", "python3-numpy"])


ensure_packages()
import numpy as np  # noqa: E402
import onnx  # noqa: E402
from onnx import numpy_helper  # noqa: E402

sys.path.insert(0, HERE)
from optimize_decoder import read_weights  # noqa: E402

GGUF_MAGIC = b"GGUF"
GGUF_VERSION = 3
ALIGNMENT = 32

# GGUF metadata value types
U8, I8, U16, I16, U32, I32, F32V, BOOL, STRING, ARRAY, U64, I64, F64 = range(13)
# ggml tensor types
GGML = {"f32": 0, "f16": 1, "q4_0": 2, "q8_0": 8}
# general.file_type (llama_ftype)
FTYPE = {"f32": 0, "f16": 1, "q4_0": 2, "q8_0": 7}
QK = 32


# ---------------------------------------------------------------- quantisers (ggml reference semantics)

def quantize_q8_0(x):
    """x [rows, n] float32 -> bytes: per block of 32, f16 d = amax / 127, int8 round(x / d)."""
    b = x.reshape(-1, QK).astype(np.float32)
    amax = np.abs(b).max(axis=1)
    d = amax / 127.0
    inv = np.where(d > 0, 1.0 / np.where(d > 0, d, 1), 0.0)
    q = np.round(b * inv[:, None]).astype(np.int8)
    out = np.zeros(len(b), dtype=[("d", "<f2"), ("qs", "i1", (QK,))])
    out["d"] = d.astype(np.float16)
    out["qs"] = q
    return out.tobytes()


def dequantize_q8_0(raw, count):
    a = np.frombuffer(raw, dtype=[("d", "<f2"), ("qs", "i1", (QK,))], count=count // QK)
    return (a["qs"].astype(np.float32) * a["d"].astype(np.float32)[:, None]).reshape(-1)


def quantize_q4_0(x):
    """ggml quantize_row_q4_0_ref: d = (signed value of largest magnitude) / -8, q = min(15, int(x / d + 8.5))."""
    b = x.reshape(-1, QK).astype(np.float32)
    idx = np.abs(b).argmax(axis=1)
    mx = b[np.arange(len(b)), idx]
    d = mx / -8.0
    inv = np.where(d != 0, 1.0 / np.where(d != 0, d, 1), 0.0)
    q = np.minimum(15, (b * inv[:, None] + 8.5).astype(np.int8)).astype(np.uint8)
    qs = (q[:, :QK // 2] | (q[:, QK // 2:] << 4)).astype(np.uint8)
    out = np.zeros(len(b), dtype=[("d", "<f2"), ("qs", "u1", (QK // 2,))])
    out["d"] = d.astype(np.float16)
    out["qs"] = qs
    return out.tobytes()


def dequantize_q4_0(raw, count):
    a = np.frombuffer(raw, dtype=[("d", "<f2"), ("qs", "u1", (QK // 2,))], count=count // QK)
    lo = (a["qs"] & 15).astype(np.int32) - 8
    hi = (a["qs"] >> 4).astype(np.int32) - 8
    return (np.concatenate([lo, hi], axis=1).astype(np.float32) * a["d"].astype(np.float32)[:, None]).reshape(-1)


def encode_tensor(array, kind):
    if kind == "f32":
        return array.astype("<f4").tobytes()
    if kind == "f16":
        return array.astype("<f2").tobytes()
    if kind == "q8_0":
        return quantize_q8_0(array)
    if kind == "q4_0":
        return quantize_q4_0(array)
    raise ValueError(kind)


def decode_tensor(raw, gtype, shape):
    count = int(np.prod(shape))
    if gtype == 0:
        flat = np.frombuffer(raw, "<f4", count)
    elif gtype == 1:
        flat = np.frombuffer(raw, "<f2", count).astype(np.float32)
    elif gtype == 8:
        flat = dequantize_q8_0(raw, count)
    elif gtype == 2:
        flat = dequantize_q4_0(raw, count)
    else:
        raise ValueError(f"ggml type {gtype}")
    return flat.reshape(shape)


def nbytes(gtype, count):
    return {0: 4 * count, 1: 2 * count, 8: count // QK * 34, 2: count // QK * 18}[gtype]


# ---------------------------------------------------------------- GGUF writer / reader

class Writer:
    def __init__(self):
        self.kv = []
        self.tensors = []

    def add(self, key, vtype, value, atype=None):
        self.kv.append((key, vtype, value, atype))

    def tensor(self, name, array, kind):
        """array in torch layout [out, in] (row-major); GGUF dims are reversed (ne0 = innermost)."""
        array = np.ascontiguousarray(array, dtype=np.float32)
        if kind in ("q8_0", "q4_0") and array.shape[-1] % QK:
            raise SystemExit(f"{name}: inner dimension {array.shape[-1]} is not a multiple of {QK}")
        self.tensors.append((name, array.shape, GGML[kind], encode_tensor(array, kind)))

    @staticmethod
    def _str(s):
        b = s.encode("utf-8")
        return struct.pack("<Q", len(b)) + b

    def _value(self, vtype, value, atype):
        if vtype == STRING:
            return self._str(value)
        if vtype == ARRAY:
            out = struct.pack("<IQ", atype, len(value))
            if atype == STRING:
                return out + b"".join(self._str(v) for v in value)
            return out + np.asarray(value, dtype={I32: "<i4", U32: "<u4", F32V: "<f4"}[atype]).tobytes()
        fmt = {U32: "<I", I32: "<i", F32V: "<f", BOOL: "<?", U64: "<Q", U8: "<B"}[vtype]
        return struct.pack(fmt, value)

    def write(self, path):
        head = GGUF_MAGIC + struct.pack("<IQQ", GGUF_VERSION, len(self.tensors), len(self.kv))
        for key, vtype, value, atype in self.kv:
            head += self._str(key) + struct.pack("<I", vtype) + self._value(vtype, value, atype)
        offset = 0
        offsets = []
        for name, shape, gtype, data in self.tensors:
            dims = list(reversed(shape))
            head += self._str(name) + struct.pack("<I", len(dims)) + struct.pack(f"<{len(dims)}Q", *dims)
            head += struct.pack("<IQ", gtype, offset)
            offsets.append(offset)
            offset += (len(data) + ALIGNMENT - 1) // ALIGNMENT * ALIGNMENT
        pad = (-len(head)) % ALIGNMENT
        with open(path, "wb") as f:
            f.write(head + b"\0" * pad)
            for name, shape, gtype, data in self.tensors:
                f.write(data + b"\0" * ((-len(data)) % ALIGNMENT))


def read_gguf(path):
    """(metadata dict, {name: float32 array in torch layout}, {name: ggml type})."""
    with open(path, "rb") as f:
        buf = f.read()
    if buf[:4] != GGUF_MAGIC:
        raise SystemExit(f"{path}: not GGUF")
    pos = 4
    version, nt, nkv = struct.unpack_from("<IQQ", buf, pos)
    pos += 20

    def rstr():
        nonlocal pos
        (n,) = struct.unpack_from("<Q", buf, pos)
        pos += 8
        s = buf[pos:pos + n].decode("utf-8")
        pos += n
        return s

    def rval(t):
        nonlocal pos
        if t == STRING:
            return rstr()
        if t == ARRAY:
            at, n = struct.unpack_from("<IQ", buf, pos)
            pos += 12
            return [rval(at) for _ in range(n)]
        fmt = {U8: "<B", I8: "<b", U16: "<H", I16: "<h", U32: "<I", I32: "<i", F32V: "<f", BOOL: "<?", U64: "<Q", I64: "<q", F64: "<d"}[t]
        (v,) = struct.unpack_from(fmt, buf, pos)
        pos += struct.calcsize(fmt)
        return v

    meta = {}
    for _ in range(nkv):
        k = rstr()
        (t,) = struct.unpack_from("<I", buf, pos)
        pos += 4
        meta[k] = rval(t)
    infos = []
    for _ in range(nt):
        name = rstr()
        (nd,) = struct.unpack_from("<I", buf, pos)
        pos += 4
        dims = struct.unpack_from(f"<{nd}Q", buf, pos)
        pos += 8 * nd
        gtype, off = struct.unpack_from("<IQ", buf, pos)
        pos += 12
        infos.append((name, tuple(reversed(dims)), gtype, off))
    start = pos + (-pos) % meta.get("general.alignment", ALIGNMENT)
    tensors, types = {}, {}
    for name, shape, gtype, off in infos:
        raw = buf[start + off:start + off + nbytes(gtype, int(np.prod(shape)))]
        tensors[name] = decode_tensor(raw, gtype, shape)
        types[name] = gtype
    return meta, tensors, types


# ---------------------------------------------------------------- model

def permute(w, heads):
    """Rows of a rotate-half projection [heads*hd, in] -> llama.cpp's interleaved pair order (HF convert script)."""
    return w.reshape(heads, 2, w.shape[0] // heads // 2, *w.shape[1:]).swapaxes(1, 2).reshape(w.shape)


def embedding_table(path):
    m = onnx.load(path)
    tables = [numpy_helper.to_array(i) for i in m.graph.initializer if len(i.dims) == 2]
    if len(tables) != 1:
        raise SystemExit(f"{path}: expected one 2-D initialiser (the embedding table), found {len(tables)}")
    return tables[0].astype(np.float32)


def tokenizer_metadata(path, cfg):
    tok = json.load(open(path, encoding="utf-8"))
    vocab = cfg["vocab_size"]
    tokens = [None] * vocab
    types = [1] * vocab                       # 1 = normal
    for text, i in tok["model"]["vocab"].items():
        tokens[i] = text
    for a in tok.get("added_tokens", []):
        tokens[a["id"]] = a["content"]
        types[a["id"]] = 3 if a.get("special") else 4     # 3 = control, 4 = user defined
    missing = [i for i, t in enumerate(tokens) if t is None]
    if missing:
        raise SystemExit(f"{path}: ids without a token: {missing[:10]}")
    merges = [m if isinstance(m, str) else " ".join(m) for m in tok["model"]["merges"]]
    return tokens, types, merges


def build(model_dir, kind):
    cfg = json.load(open(os.path.join(model_dir, "config.json")))
    plain = onnx.load(os.path.join(model_dir, "decoder_model_plain.onnx"))
    layers, norm, lm_head = read_weights(plain, cfg)
    embed = embedding_table(os.path.join(model_dir, "embed_tokens.onnx"))
    V, H = cfg["vocab_size"], cfg["hidden_size"]
    if embed.shape != (V, H):
        raise SystemExit(f"embed_tokens table has shape {embed.shape}, expected {(V, H)}")
    if not np.array_equal(lm_head, embed.T):
        raise SystemExit("lm_head is not the embedding table's transpose: the model is not tied; write output.weight")
    nh, kvh, hd = cfg["num_attention_heads"], cfg["num_key_value_heads"], cfg["head_dim"]
    if nh * hd != H:
        raise SystemExit(f"heads x head_dim = {nh * hd} != hidden {H}: llama.cpp would need attention.key_length")
    tokens, ttypes, merges = tokenizer_metadata(os.path.join(model_dir, "tokenizer.json"), cfg)

    w = Writer()
    w.add("general.architecture", STRING, "llama")
    w.add("general.name", STRING, "basket-vlm")
    w.add("general.file_type", U32, FTYPE[kind])
    w.add("general.alignment", U32, ALIGNMENT)
    w.add("llama.vocab_size", U32, V)
    w.add("llama.context_length", U32, cfg["max_position_embeddings"])
    w.add("llama.embedding_length", U32, H)
    w.add("llama.block_count", U32, cfg["num_hidden_layers"])
    w.add("llama.feed_forward_length", U32, cfg["intermediate_size"])
    w.add("llama.attention.head_count", U32, nh)
    w.add("llama.attention.head_count_kv", U32, kvh)
    w.add("llama.attention.layer_norm_rms_epsilon", F32V, float(cfg["rms_norm_eps"]))
    w.add("llama.rope.freq_base", F32V, float(cfg["rope_theta"]))
    w.add("llama.rope.dimension_count", U32, hd)
    w.add("tokenizer.ggml.model", STRING, "gpt2")
    w.add("tokenizer.ggml.pre", STRING, "default")
    w.add("tokenizer.ggml.tokens", ARRAY, tokens, STRING)
    w.add("tokenizer.ggml.token_type", ARRAY, ttypes, I32)
    w.add("tokenizer.ggml.merges", ARRAY, merges, STRING)
    w.add("tokenizer.ggml.bos_token_id", U32, cfg["bos_token_id"])
    w.add("tokenizer.ggml.eos_token_id", U32, cfg["eos_token_id"])
    w.add("tokenizer.ggml.padding_token_id", U32, cfg["pad_token_id"])
    w.add("tokenizer.ggml.add_bos_token", BOOL, False)

    mat = kind
    w.tensor("token_embd.weight", embed, mat)
    for i, l in enumerate(layers):
        p = f"blk.{i}."
        # ONNX MatMul weights are [in, out]; GGUF wants torch's [out, in]
        w.tensor(p + "attn_norm.weight", l["n1"], "f32")
        w.tensor(p + "attn_q.weight", permute(l["q"].T, nh), mat)
        w.tensor(p + "attn_k.weight", permute(l["k"].T, kvh), mat)
        w.tensor(p + "attn_v.weight", l["v"].T, mat)
        w.tensor(p + "attn_output.weight", l["o"].T, mat)
        w.tensor(p + "ffn_norm.weight", l["n2"], "f32")
        w.tensor(p + "ffn_gate.weight", l["gate"].T, mat)
        w.tensor(p + "ffn_up.weight", l["up"].T, mat)
        w.tensor(p + "ffn_down.weight", l["down"].T, mat)
    w.tensor("output_norm.weight", norm, "f32")
    return w, cfg


# ---------------------------------------------------------------- numpy forward with llama.cpp's rope (--check)

def forward(tensors, meta, embeds):
    """Prefill logits [S, V] of the GGUF weights on input embeddings [S, H], interleaved (adjacent-pair) RoPE."""
    L = meta["llama.block_count"]
    nh, kvh = meta["llama.attention.head_count"], meta["llama.attention.head_count_kv"]
    eps, theta = meta["llama.attention.layer_norm_rms_epsilon"], meta["llama.rope.freq_base"]
    S, H = embeds.shape
    hd = H // nh
    x = embeds.astype(np.float64)
    pos = np.arange(S)[:, None]
    ang = pos * (1.0 / theta ** (np.arange(0, hd, 2) / hd))[None, :]  # [S, hd/2]
    cos, sin = np.cos(ang)[:, None, :], np.sin(ang)[:, None, :]

    def rms(v, g):
        return v / np.sqrt((v * v).mean(-1, keepdims=True) + eps) * g

    def rope(v):  # v [S, heads, hd], pairs (2i, 2i+1)
        a, b = v[..., 0::2], v[..., 1::2]
        out = np.empty_like(v)
        out[..., 0::2] = a * cos - b * sin
        out[..., 1::2] = a * sin + b * cos
        return out

    mask = np.triu(np.full((S, S), -np.inf), 1)
    for i in range(L):
        t = {k[len(f"blk.{i}."):]: v.astype(np.float64) for k, v in tensors.items() if k.startswith(f"blk.{i}.")}
        h = rms(x, t["attn_norm.weight"])
        q = rope((h @ t["attn_q.weight"].T).reshape(S, nh, hd))
        k = rope((h @ t["attn_k.weight"].T).reshape(S, kvh, hd))
        v = (h @ t["attn_v.weight"].T).reshape(S, kvh, hd)
        rep = nh // kvh
        k, v = np.repeat(k, rep, axis=1), np.repeat(v, rep, axis=1)
        att = np.einsum("shd,thd->hst", q, k) / np.sqrt(hd) + mask
        att = np.exp(att - att.max(-1, keepdims=True))
        att /= att.sum(-1, keepdims=True)
        o = np.einsum("hst,thd->shd", att, v).reshape(S, H)
        x = x + o @ t["attn_output.weight"].T
        h = rms(x, t["ffn_norm.weight"])
        g = h @ t["ffn_gate.weight"].T
        x = x + ((g / (1 + np.exp(-g))) * (h @ t["ffn_up.weight"].T)) @ t["ffn_down.weight"].T
    x = rms(x, tensors["output_norm.weight"])
    return (x @ tensors["token_embd.weight"].T.astype(np.float64)).astype(np.float32)


def check(path, model_dir):
    meta, tensors, _ = read_gguf(path)
    parity = json.load(open(os.path.join(model_dir, "parity", "parity.json")))
    ids = np.array(parity["input_ids"])
    feats = np.fromfile(os.path.join(model_dir, "parity", "image_features.f32"), "<f4").reshape(-1, meta["llama.embedding_length"])
    ref = np.fromfile(os.path.join(model_dir, "parity", "prefill_logits.f32"), "<f4").reshape(len(ids), -1)
    image_id = json.load(open(os.path.join(model_dir, "config.json")))["image_token_id"]
    emb = tensors["token_embd.weight"][ids].copy()
    emb[ids == image_id] = feats
    logits = forward(tensors, meta, emb)
    diff = float(np.abs(logits - ref).max())
    agree = float((logits.argmax(-1) == ref.argmax(-1)).mean())
    return diff, agree


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=os.path.join(REPO, "models", "vlm"))
    ap.add_argument("--types", default="f32,f16,q8_0,q4_0")
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    for kind in a.types.split(","):
        w, _ = build(a.model, kind)
        path = os.path.join(a.model, f"basket-vlm-{kind}.gguf")
        w.write(path)
        line = f"{os.path.relpath(path, REPO)}: {os.path.getsize(path):,} bytes, {len(w.tensors)} tensors"
        if a.check:
            diff, agree = check(path, a.model)
            line += f"; numpy prefill vs PyTorch max |diff| {diff:.2e}, argmax agreement {agree:.1%}"
            if kind == "f32" and diff > 1e-3:
                raise SystemExit(line + " -- over 1e-3")
        print(line)


if __name__ == "__main__":
    main()
