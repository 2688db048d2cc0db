"""The small VLM: a vision encoder (the product recognizer's backbone + a projector to `image_seq_len` tokens)
and a pre-norm transformer decoder (RMSNorm, RoPE, grouped-query attention, SwiGLU MLP, tied embeddings).

The decoder's `forward_with_past` is what `decoder_model_merged.onnx` exports: inputs_embeds, attention_mask
[B, past+S], position_ids [B, S] and per-layer past key/value [B, kv_heads, past, head_dim] (past may be 0)
-> logits [B, S, vocab] and presents [B, kv_heads, past+S, head_dim].
"""
import math
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
NEG = -1e9  # finite so a fully masked row never produces NaN


class Config:
    def __init__(self, vocab_size, hidden_size=192, num_hidden_layers=4, num_attention_heads=6,
                 num_key_value_heads=2, intermediate_size=512, max_position_embeddings=512, rope_theta=10000.0,
                 rms_norm_eps=1e-5, image_seq_len=16, vision_feature_dim=128, image_size=128, num_classes=81,
                 name_len=12):
        self.vocab_size = vocab_size
        self.hidden_size = hidden_size
        self.num_hidden_layers = num_hidden_layers
        self.num_attention_heads = num_attention_heads
        self.num_key_value_heads = num_key_value_heads
        self.head_dim = hidden_size // num_attention_heads
        self.intermediate_size = intermediate_size
        self.max_position_embeddings = max_position_embeddings
        self.rope_theta = rope_theta
        self.rms_norm_eps = rms_norm_eps
        self.image_seq_len = image_seq_len
        self.vision_feature_dim = vision_feature_dim
        self.image_size = image_size
        self.num_classes = num_classes
        self.name_len = name_len

    def to_dict(self):
        return dict(self.__dict__)

    @staticmethod
    def from_dict(d):
        d = dict(d)
        d.pop("head_dim", None)
        return Config(**d)


class RMSNorm(nn.Module):
    def __init__(self, n, eps):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(n))
        self.eps = eps

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight


def rope(x, cos, sin):
    """x [B, H, S, D]; cos/sin [B, 1, S, D] (rotate-half convention)."""
    d = x.shape[-1] // 2
    x1, x2 = x[..., :d], x[..., d:]
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin


class Attention(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.nh, self.kvh, self.hd = c.num_attention_heads, c.num_key_value_heads, c.head_dim
        self.q = nn.Linear(c.hidden_size, self.nh * self.hd, bias=False)
        self.k = nn.Linear(c.hidden_size, self.kvh * self.hd, bias=False)
        self.v = nn.Linear(c.hidden_size, self.kvh * self.hd, bias=False)
        self.o = nn.Linear(self.nh * self.hd, c.hidden_size, bias=False)

    def forward(self, x, cos, sin, mask, past_k=None, past_v=None):
        B, S, _ = x.shape
        q = self.q(x).view(B, S, self.nh, self.hd).transpose(1, 2)
        k = self.k(x).view(B, S, self.kvh, self.hd).transpose(1, 2)
        v = self.v(x).view(B, S, self.kvh, self.hd).transpose(1, 2)
        q, k = rope(q, cos, sin), rope(k, cos, sin)
        if past_k is not None:
            k = torch.cat([past_k, k], dim=2)
            v = torch.cat([past_v, v], dim=2)
        rep = self.nh // self.kvh
        qg = q.reshape(B, self.kvh, rep * S, self.hd)                      # heads grouped by their kv head
        att = torch.matmul(qg, k.transpose(2, 3)) * (1.0 / math.sqrt(self.hd))  # [B, kvh, rep*S, T]
        att = att.view(B, self.kvh, rep, S, -1) + mask.unsqueeze(1)        # mask [B, 1, S, T]
        att = torch.softmax(att, dim=-1).view(B, self.kvh, rep * S, -1)
        y = torch.matmul(att, v).view(B, self.nh, S, self.hd).transpose(1, 2).reshape(B, S, self.nh * self.hd)
        return self.o(y), k, v


class Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.n1 = RMSNorm(c.hidden_size, c.rms_norm_eps)
        self.attn = Attention(c)
        self.n2 = RMSNorm(c.hidden_size, c.rms_norm_eps)
        self.gate = nn.Linear(c.hidden_size, c.intermediate_size, bias=False)
        self.up = nn.Linear(c.hidden_size, c.intermediate_size, bias=False)
        self.down = nn.Linear(c.intermediate_size, c.hidden_size, bias=False)

    def forward(self, x, cos, sin, mask, past_k=None, past_v=None):
        a, k, v = self.attn(self.n1(x), cos, sin, mask, past_k, past_v)
        x = x + a
        h = self.n2(x)
        return x + self.down(F.silu(self.gate(h)) * self.up(h)), k, v


class Decoder(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.c = c
        self.embed = nn.Embedding(c.vocab_size, c.hidden_size)
        self.layers = nn.ModuleList([Block(c) for _ in range(c.num_hidden_layers)])
        self.norm = RMSNorm(c.hidden_size, c.rms_norm_eps)
        inv = 1.0 / (c.rope_theta ** (torch.arange(0, c.head_dim, 2).float() / c.head_dim))
        self.register_buffer("inv_freq", inv, persistent=False)
        nn.init.normal_(self.embed.weight, std=0.02)
        for l in self.layers:
            for lin in (l.attn.q, l.attn.k, l.attn.v, l.gate, l.up):
                nn.init.normal_(lin.weight, std=0.02)
            for lin in (l.attn.o, l.down):
                nn.init.normal_(lin.weight, std=0.02 / math.sqrt(2 * c.num_hidden_layers))

    def _rope(self, position_ids):
        f = position_ids.unsqueeze(-1).float() * self.inv_freq           # [B, S, D/2]
        e = torch.cat((f, f), dim=-1).unsqueeze(1)                        # [B, 1, S, D]
        return e.cos(), e.sin()

    def _mask(self, attention_mask, S):
        """[B, 1, S, T] additive: query i (absolute position T-S+i) sees key j <= T-S+i with attention_mask 1."""
        T = attention_mask.shape[1]
        qpos = torch.arange(S, device=attention_mask.device) + (T - S)
        kpos = torch.arange(T, device=attention_mask.device)
        ok = (kpos.unsqueeze(0) <= qpos.unsqueeze(1)).unsqueeze(0) & (attention_mask.unsqueeze(1) > 0)
        return torch.where(ok, torch.zeros((), dtype=torch.float32), torch.full((), NEG)).unsqueeze(1)

    def logits(self, h):
        return F.linear(self.norm(h), self.embed.weight)

    def forward_with_past(self, inputs_embeds, attention_mask, position_ids, past):
        """past: list of (k, v) per layer. Returns logits and the list of presents."""
        cos, sin = self._rope(position_ids)
        mask = self._mask(attention_mask, inputs_embeds.shape[1])
        h, presents = inputs_embeds, []
        for l, (pk, pv) in zip(self.layers, past):
            h, k, v = l(h, cos, sin, mask, pk, pv)
            presents.append((k, v))
        return self.logits(h), presents

    def forward(self, inputs_embeds):
        """Full causal sequence from position 0 -> logits at every position."""
        return self.logits(self.hidden(inputs_embeds))

    def hidden(self, inputs_embeds):
        """Training: full causal sequence from position 0, right padding (loss masks the pad) -> last hidden states."""
        B, S, _ = inputs_embeds.shape
        pos = torch.arange(S).unsqueeze(0).expand(B, S)
        cos, sin = self._rope(pos)
        mask = self._mask(torch.ones(B, S, dtype=torch.long), S)
        h = inputs_embeds
        for l in self.layers:
            h, _, _ = l(h, cos, sin, mask)
        return h


class Projector(nn.Module):
    """Recognizer embedding [B, F] -> [B, image_seq_len, hidden].

    Two paths summed: a shared MLP of the embedding plus a learned per-token offset, and a "name path": the
    recognizer's cosine class posterior (its own class vectors, frozen) mixing the mean token embedding of each
    product's display name (tied to the decoder's embedding table). The image tokens then start out looking like
    the likely products' names, so matching them against the candidates in the prompt is quick to learn."""

    def __init__(self, c, feature_scale=4.0, class_scale=16.0):
        super().__init__()
        self.fc1 = nn.Linear(c.vision_feature_dim, 2 * c.hidden_size)
        self.fc2 = nn.Linear(2 * c.hidden_size, c.hidden_size)
        self.pos = nn.Parameter(torch.randn(c.image_seq_len, c.hidden_size) * 0.02)
        self.gain = nn.Parameter(torch.ones(1))
        self.scale = feature_scale
        self.class_scale = class_scale
        self.register_buffer("class_weight", F.normalize(torch.randn(c.num_classes, c.vision_feature_dim), dim=1))
        self.register_buffer("name_ids", torch.zeros(c.num_classes, c.name_len, dtype=torch.long))
        self.register_buffer("name_mask", torch.zeros(c.num_classes, c.name_len))

    def set_names(self, class_weight, name_token_ids):
        self.class_weight.copy_(F.normalize(class_weight, dim=1))
        self.name_ids.zero_(), self.name_mask.zero_()
        for i, ids in enumerate(name_token_ids):
            ids = ids[: self.name_ids.shape[1]]
            self.name_ids[i, :len(ids)] = torch.tensor(ids)
            self.name_mask[i, :len(ids)] = 1.0

    def forward(self, feats, embed_weight):
        h = self.fc2(F.gelu(self.fc1(feats * self.scale)))
        p = torch.softmax(self.class_scale * feats @ self.class_weight.t(), dim=-1)            # [B, C]
        names = (embed_weight[self.name_ids] * self.name_mask.unsqueeze(-1)).sum(1) / \
            self.name_mask.sum(1, keepdim=True).clamp(min=1.0)                                 # [C, H]
        return (h + self.gain * (p @ names)).unsqueeze(1) + self.pos.unsqueeze(0)


class VisionEncoder(nn.Module):
    """pixel_values [B,3,H,W] RGB in [0,1] -> image_features [B, image_seq_len, hidden].

    `backbone(x)` must return [B, vision_feature_dim] (the recognizer's L2-normalised embedding)."""

    def __init__(self, backbone, projector, embed):
        super().__init__()
        self.backbone = backbone
        self.projector = projector
        self.embed = embed

    def forward(self, pixel_values):
        return self.projector(self.backbone(pixel_values), self.embed.weight)


class RecognizerEmbedding(nn.Module):
    def __init__(self, rec):
        super().__init__()
        self.rec = rec

    def forward(self, x):
        return F.normalize(self.rec.features(x), dim=1)


class TinyConvBackbone(nn.Module):
    """For the tiny random-init test model only: a 2-conv net -> [B, F]."""

    def __init__(self, f):
        super().__init__()
        self.c1 = nn.Conv2d(3, 8, 4, 4)
        self.c2 = nn.Conv2d(8, f, 3, 2, 1)

    def forward(self, x):
        return F.normalize(self.c2(F.relu(self.c1(x))).mean(dim=(2, 3)), dim=1)


def load_recognizer(repo_root, work=None):
    """Rebuild the trained recognizer in PyTorch: the converted detector backbone's graph (from
    `models/training/work/nanodet_backbone.pt`, made by `nanodet/fetch_nanodet.sh`) with every weight loaded
    back from `models/recognizer/recognizer.onnx`'s initialisers (its checkpoint is not kept)."""
    import onnx
    from onnx import numpy_helper
    sys.path.insert(0, os.path.join(repo_root, "models", "training"))
    from recognizer import build
    work = work or os.path.join(repo_root, "models", "training", "work")
    rec = build("nanodet", work)
    m = onnx.load(os.path.join(repo_root, "models", "recognizer", "recognizer.onnx"))
    inits = {i.name: torch.from_numpy(numpy_helper.to_array(i).copy()) for i in m.graph.initializer}
    sd = rec.state_dict()
    loaded = set()
    for name, t in inits.items():
        if name.startswith("m.") and name[2:] in sd:
            sd[name[2:]] = t.to(sd[name[2:]].dtype)
            loaded.add(name[2:])
    # the projection is the one MatMul initialiser [896, 128] (exported transposed)
    mm = [t for n, t in inits.items() if n.startswith("onnx::MatMul") and tuple(t.shape) == tuple(sd["proj.weight"].t().shape)]
    assert len(mm) == 1, "could not find the recognizer projection in recognizer.onnx"
    sd["proj.weight"] = mm[0].t().contiguous()
    loaded.add("proj.weight")
    missing = [k for k in sd if k not in loaded and not k.endswith("num_batches_tracked")]
    # buffers that are constants of the graph module (shapes, paddings) are already in the rebuilt module
    missing = [k for k in missing if ".c_" not in k]
    assert not missing, f"recognizer weights not found in ONNX: {missing[:5]}"
    rec.load_state_dict(sd)
    return rec.eval()
