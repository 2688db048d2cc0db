"""Minimal TensorFlow-graph interpreter in PyTorch + the NanoDet backbone wrapper.

Self-contained (torch + numpy only). `convert_nanodet.py` turns a tfjs graph-model
(model.json + shards) into a pruned node list plus weights and saves them in
`nanodet_backbone.pt`; this module rebuilds a trainable nn.Module from that file:

    from nanodet_backbone import load_backbone
    net = load_backbone("nanodet_backbone.pt")      # nn.Module, train()/eval() as usual
    feats = net(x)        # x: float [B,3,H,W] NCHW, RGB, values in [0,1] (H,W multiples of 32)
                          # -> [B, net.feature_dim] (512) globally average-pooled stride-32 features
    (the module applies NanoDet's BGR mean/std normalisation internally)

Semantics follow TensorFlow: every tensor is in the layout the TF graph says it is
(the graph exported from ONNX is NCHW at its edges and wraps each Conv2D in
NCHW->NHWC->NCHW Transposes). torch.permute is a free view, so these transposes cost
nothing and the convolutions still run on contiguous NCHW memory.
"""
import math

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

# ops the interpreter implements (TF op names)
SUPPORTED_OPS = sorted([
    "Placeholder", "Const", "Identity", "IdentityN", "NoOp", "StopGradient",
    "Conv2D", "_FusedConv2D", "DepthwiseConv2dNative", "FusedDepthwiseConv2dNative",
    "BiasAdd", "Add", "AddV2", "Sub", "Mul", "RealDiv", "Maximum", "Minimum",
    "Relu", "Relu6", "LeakyRelu", "Sigmoid", "Tanh", "Elu", "Prelu",
    "MaxPool", "AvgPool", "Mean", "Pad", "PadV2", "MirrorPad",
    "ConcatV2", "Concat", "Reshape", "Squeeze", "ExpandDims", "Transpose",
    "Split", "SplitV", "StridedSlice", "Slice", "ResizeBilinear", "ResizeNearestNeighbor",
    "SparseToDense", "Cast", "Shape", "Pack", "MatMul", "_FusedMatMul", "Softmax",
])


def _sanitize(name):
    return name.replace("/", "__").replace(".", "_").replace(":", "_")


def _split_ref(ref):
    """'node:1' -> ('node', 1); '^ctrl' -> None"""
    if ref.startswith("^"):
        return None
    if ":" in ref:
        n, i = ref.rsplit(":", 1)
        if i.isdigit():
            return n, int(i)
    return ref, 0


def _scalar(v):
    while isinstance(v, (list, tuple)):
        v = v[0]
    return int(v)


def _same_pad(in_size, k, s, d):
    """TF 'SAME': out=ceil(in/s); total pad split with the extra pixel at the END (bottom/right)."""
    out = -(-in_size // s)
    eff_k = (k - 1) * d + 1
    total = max((out - 1) * s + eff_k - in_size, 0)
    return total // 2, total - total // 2


def _apply_fused(y, fused_ops, alpha, extra):
    """fused_ops after the BiasAdd (BiasAdd itself handled by caller)."""
    for op in fused_ops:
        if op in ("BiasAdd", "Add", "FusedBatchNorm"):
            continue
        if op == "Relu":
            y = F.relu(y)
        elif op == "Relu6":
            y = F.relu6(y)
        elif op == "LeakyRelu":
            y = F.leaky_relu(y, alpha)
        elif op == "Elu":
            y = F.elu(y)
        elif op == "Sigmoid":
            y = torch.sigmoid(y)
        elif op == "Tanh":
            y = torch.tanh(y)
        elif op == "Prelu":
            y = torch.where(y >= 0, y, y * extra)
        else:
            raise NotImplementedError("fused op " + op)
    return y


class TFGraphModule(nn.Module):
    """Executes a (pruned) TF GraphDef node list.

    spec: dict(nodes=[{name, op, inputs:[refs], attr:{...plain python...}}],
               inputs=[placeholder names], outputs=[refs])
    params: dict name -> float tensor (trainable; conv filters already in torch OIHW layout)
    consts: dict name -> tensor (non-trainable: int shapes, paddings, scalars)
    """

    def __init__(self, spec, params, consts):
        super().__init__()
        self.spec = spec
        self.nodes = spec["nodes"]
        self.input_names = spec["inputs"]
        self.output_refs = spec["outputs"]
        self.p = nn.ParameterDict({_sanitize(k): nn.Parameter(v.clone().float()) for k, v in params.items()})
        self._param_key = {k: _sanitize(k) for k in params}
        for k, v in consts.items():
            self.register_buffer("c_" + _sanitize(k), v.clone(), persistent=True)
        self._const_key = {k: "c_" + _sanitize(k) for k in consts}
        self._static = {}  # python-level values of int constants (shapes, perms, axes)
        for k, v in consts.items():
            if not torch.is_floating_point(v):
                self._static[k] = v.tolist()

    # -- helpers -------------------------------------------------------------
    def _val(self, env, ref):
        n, i = _split_ref(ref)
        if n in self._param_key:
            return self.p[self._param_key[n]]
        if n in self._const_key:
            return getattr(self, self._const_key[n])
        v = env[n]
        return v[i] if isinstance(v, (list, tuple)) else v

    def _static_val(self, env, ref):
        n, _ = _split_ref(ref)
        if n in self._static:
            return self._static[n]
        v = self._val(env, ref)
        return v.tolist() if torch.is_tensor(v) else v

    # -- ops -----------------------------------------------------------------
    def _conv(self, x, w, a, depthwise):
        fmt = a.get("data_format", "NHWC")
        strides, dil = a.get("strides", [1, 1, 1, 1]), a.get("dilations", [1, 1, 1, 1])
        if fmt == "NHWC":
            x = x.permute(0, 3, 1, 2)
            sh, sw, dh, dw = strides[1], strides[2], dil[1], dil[2]
        else:
            sh, sw, dh, dw = strides[2], strides[3], dil[2], dil[3]
        kh, kw = w.shape[2], w.shape[3]
        pad = a.get("padding", "VALID")
        if pad == "SAME":
            pt, pb = _same_pad(x.shape[2], kh, sh, dh)
            pl, pr = _same_pad(x.shape[3], kw, sw, dw)
            if pt == pb and pl == pr:
                padding = (pt, pl)
            else:
                x = F.pad(x, (pl, pr, pt, pb))
                padding = 0
        elif pad == "EXPLICIT":
            e = a["explicit_paddings"]  # 8 ints in data_format order
            if fmt == "NHWC":
                pt, pb, pl, pr = e[2], e[3], e[4], e[5]
            else:
                pt, pb, pl, pr = e[4], e[5], e[6], e[7]
            x = F.pad(x, (pl, pr, pt, pb))
            padding = 0
        else:
            padding = 0
        groups = x.shape[1] if depthwise else 1
        y = F.conv2d(x, w, None, (sh, sw), padding, (dh, dw), groups)
        return y.permute(0, 2, 3, 1) if fmt == "NHWC" else y

    def _pool(self, x, a, kind):
        fmt = a.get("data_format", "NHWC")
        k, s = a["ksize"], a["strides"]
        if fmt == "NHWC":
            x = x.permute(0, 3, 1, 2)
            kh, kw, sh, sw = k[1], k[2], s[1], s[2]
        else:
            kh, kw, sh, sw = k[2], k[3], s[2], s[3]
        if a.get("padding", "VALID") == "SAME":
            pt, pb = _same_pad(x.shape[2], kh, sh, 1)
            pl, pr = _same_pad(x.shape[3], kw, sw, 1)
            if kind == "max":
                x = F.pad(x, (pl, pr, pt, pb), value=-math.inf)
                y = F.max_pool2d(x, (kh, kw), (sh, sw))
            else:  # TF AvgPool SAME excludes padding from the count
                ones = torch.ones_like(x[:1, :1])
                xs = F.avg_pool2d(F.pad(x, (pl, pr, pt, pb)), (kh, kw), (sh, sw))
                cnt = F.avg_pool2d(F.pad(ones, (pl, pr, pt, pb)), (kh, kw), (sh, sw))
                y = xs / cnt
        else:
            y = F.max_pool2d(x, (kh, kw), (sh, sw)) if kind == "max" else F.avg_pool2d(x, (kh, kw), (sh, sw))
        return y.permute(0, 2, 3, 1) if fmt == "NHWC" else y

    @staticmethod
    def _pad(x, paddings, value=0.0, mode="constant"):
        flat = []
        for lo, hi in reversed(paddings):
            flat += [int(lo), int(hi)]
        # drop trailing (leading dims) zero pairs: F.pad only supports the last dims for non-constant modes
        while len(flat) > 2 and flat[-1] == 0 and flat[-2] == 0:
            flat = flat[:-2]
        if mode == "constant":
            return F.pad(x, flat, value=value)
        nd = len(flat) // 2
        if x.dim() - nd >= 2:
            return F.pad(x, flat, mode=mode)
        # NHWC etc.: move padded dims last
        raise NotImplementedError("MirrorPad on leading dims")

    @staticmethod
    def _resize(x, size, a, mode):
        # TF resize ops are NHWC
        x = x.permute(0, 3, 1, 2)
        size = [int(v) for v in size]
        if mode == "bilinear":
            ac = bool(a.get("align_corners", False))
            if not ac and not a.get("half_pixel_centers", False):
                raise NotImplementedError("legacy (asymmetric) bilinear resize")
            y = F.interpolate(x, size=size, mode="bilinear", align_corners=ac)
        else:
            if a.get("align_corners", False) or not a.get("half_pixel_centers", False):
                y = F.interpolate(x, size=size, mode="nearest")
            else:
                y = F.interpolate(x, size=size, mode="nearest-exact")
        return y.permute(0, 2, 3, 1)

    @staticmethod
    def _strided_slice(x, begin, end, strides, a):
        bm, em = a.get("begin_mask", 0), a.get("end_mask", 0)
        sm, nm, elm = a.get("shrink_axis_mask", 0), a.get("new_axis_mask", 0), a.get("ellipsis_mask", 0)
        if nm or elm:
            raise NotImplementedError("StridedSlice new_axis/ellipsis masks")
        idx = []
        for d in range(len(begin)):
            if sm >> d & 1:
                idx.append(int(begin[d]))
                continue
            b = None if bm >> d & 1 else int(begin[d])
            e = None if em >> d & 1 else int(end[d])
            st = int(strides[d])
            if st < 0:
                raise NotImplementedError("negative StridedSlice stride")
            idx.append(slice(b, e, st))
        return x[tuple(idx)]

    def forward(self, *xs, return_dict=False):
        env = {}
        for n, x in zip(self.input_names, xs):
            env[n] = x
        for nd in self.nodes:
            op, name, a, ins = nd["op"], nd["name"], nd["attr"], nd["inputs"]
            if op in ("Const", "Placeholder") or name in env:
                continue
            v = lambda i: self._val(env, ins[i])  # noqa: E731
            s = lambda i: self._static_val(env, ins[i])  # noqa: E731
            if op in ("Identity", "StopGradient", "NoOp"):
                y = v(0)
            elif op == "IdentityN":
                y = [v(i) for i in range(len(ins))]
            elif op in ("Conv2D", "DepthwiseConv2dNative"):
                y = self._conv(v(0), v(1), a, op != "Conv2D")
            elif op in ("_FusedConv2D", "FusedDepthwiseConv2dNative"):
                y = self._conv(v(0), v(1), a, op != "_FusedConv2D")
                fused = a.get("fused_ops", [])
                if fused and fused[0] == "BiasAdd":
                    b = v(2)
                    y = y + (b if a.get("data_format", "NHWC") == "NHWC" else b.view(1, -1, 1, 1))
                y = _apply_fused(y, fused, a.get("leakyrelu_alpha", 0.2), v(3) if len(ins) > 3 else None)
            elif op == "BiasAdd":
                b = v(1)
                y = v(0) + (b.view(1, -1, 1, 1) if a.get("data_format", "NHWC") == "NCHW" else b)
            elif op in ("Add", "AddV2"):
                y = v(0) + v(1)
            elif op == "Sub":
                y = v(0) - v(1)
            elif op == "Mul":
                y = v(0) * v(1)
            elif op == "RealDiv":
                y = v(0) / v(1)
            elif op == "Maximum":
                y = torch.maximum(v(0), torch.as_tensor(v(1), dtype=v(0).dtype))
            elif op == "Minimum":
                y = torch.minimum(v(0), torch.as_tensor(v(1), dtype=v(0).dtype))
            elif op == "Relu":
                y = F.relu(v(0))
            elif op == "Relu6":
                y = F.relu6(v(0))
            elif op == "LeakyRelu":
                y = F.leaky_relu(v(0), a.get("alpha", 0.2))
            elif op == "Sigmoid":
                y = torch.sigmoid(v(0))
            elif op == "Tanh":
                y = torch.tanh(v(0))
            elif op == "Elu":
                y = F.elu(v(0))
            elif op == "Prelu":
                x = v(0)
                y = torch.where(x >= 0, x, x * v(1))
            elif op == "Softmax":
                y = torch.softmax(v(0), -1)
            elif op == "MaxPool":
                y = self._pool(v(0), a, "max")
            elif op == "AvgPool":
                y = self._pool(v(0), a, "avg")
            elif op == "Mean":
                ax = s(1)
                ax = [ax] if isinstance(ax, int) else ax
                y = v(0).mean(dim=[int(q) for q in ax], keepdim=bool(a.get("keep_dims", False)))
            elif op == "Pad":
                y = self._pad(v(0), s(1))
            elif op == "PadV2":
                cv = v(2)
                y = self._pad(v(0), s(1), float(cv) if torch.is_tensor(cv) else cv)
            elif op == "MirrorPad":
                y = self._pad(v(0), s(1), mode="reflect" if a.get("mode", "REFLECT") == "REFLECT" else "replicate")
            elif op in ("ConcatV2", "Concat"):
                if op == "ConcatV2":
                    ts, axis = [v(i) for i in range(len(ins) - 1)], s(len(ins) - 1)
                else:
                    axis, ts = s(0), [v(i) for i in range(1, len(ins))]
                y = torch.cat(ts, dim=_scalar(axis))
            elif op == "Reshape":
                y = v(0).reshape([int(q) for q in s(1)])
            elif op == "Squeeze":
                dims = a.get("squeeze_dims", [])
                y = v(0)
                for d in sorted([d % y.dim() for d in dims], reverse=True) if dims else []:
                    y = y.squeeze(d)
                if not dims:
                    y = y.squeeze()
            elif op == "ExpandDims":
                y = v(0).unsqueeze(_scalar(s(1)))
            elif op == "Transpose":
                y = v(0).permute(*[int(q) for q in s(1)])
            elif op == "Split":
                axis, x = _scalar(s(0)), v(1)
                y = list(torch.chunk(x, int(a["num_split"]), dim=axis))
            elif op == "SplitV":
                x, sizes, axis = v(0), [int(q) for q in s(1)], _scalar(s(2))
                if -1 in sizes:
                    k = sizes.index(-1)
                    sizes[k] = x.shape[axis] - (sum(sizes) + 1)
                y = list(torch.split(x, sizes, dim=axis))
            elif op == "StridedSlice":
                y = self._strided_slice(v(0), s(1), s(2), s(3), a)
            elif op == "Slice":
                x, b, sz = v(0), s(1), s(2)
                y = x[tuple(slice(int(bb), None if int(ss) == -1 else int(bb) + int(ss)) for bb, ss in zip(b, sz))]
            elif op == "ResizeBilinear":
                y = self._resize(v(0), s(1), a, "bilinear")
            elif op == "ResizeNearestNeighbor":
                y = self._resize(v(0), s(1), a, "nearest")
            elif op == "SparseToDense":
                idx, shape, vals, default = v(0), [int(q) for q in s(1)], v(2), v(3)
                out = torch.full(shape, float(default) if torch.is_floating_point(default) else int(default),
                                 dtype=vals.dtype)
                if idx.numel():
                    idx = idx.long().reshape(-1, len(shape)) if len(shape) > 0 else idx.long()
                    out[tuple(idx.t())] = vals.expand(idx.shape[0]) if vals.dim() == 0 else vals
                y = out
            elif op == "Cast":
                dt = {"DT_FLOAT": torch.float32, "DT_INT32": torch.int32, "DT_INT64": torch.int64,
                      "DT_BOOL": torch.bool}[a.get("DstT", "DT_FLOAT")]
                y = v(0).to(dt)
            elif op == "Shape":
                y = torch.tensor(list(v(0).shape), dtype=torch.int32)
            elif op == "Pack":
                y = torch.stack([torch.as_tensor(v(i)) for i in range(len(ins))], dim=int(a.get("axis", 0)))
            elif op in ("MatMul", "_FusedMatMul"):
                A, B = v(0), v(1)
                if a.get("transpose_a", False):
                    A = A.t()
                if a.get("transpose_b", False):
                    B = B.t()
                y = A @ B
                if op == "_FusedMatMul":
                    fused = a.get("fused_ops", [])
                    if fused and fused[0] == "BiasAdd":
                        y = y + v(2)
                    y = _apply_fused(y, fused, a.get("leakyrelu_alpha", 0.2), None)
            else:
                raise NotImplementedError(f"TF op {op} ({name})")
            env[name] = y
        outs = {r: self._val(env, r) for r in self.output_refs}
        if return_dict:
            return outs
        return [outs[r] for r in self.output_refs]


# normalisation the converted weights were trained with (NanoDet / mmdet convention):
# BGR channel order, 0..255 scale, (x - mean) / std.  (human.js feeds RGB/255, which is wrong
# for these weights: detections on grocery images only become sensible with this one.)
NANODET_MEAN_BGR = (103.53, 116.28, 123.675)
NANODET_STD_BGR = (57.375, 57.12, 58.395)


class NanoDetBackbone(nn.Module):
    """Converted NanoDet CSP backbone -> pooled features.

    input : float [B,3,H,W] (NCHW), RGB, values in [0,1]; H,W multiples of 32 (any size, e.g. 128/160/416).
            The module converts to BGR*255 and applies the NanoDet mean/std itself
            (normalize=False: you feed already-normalised BGR input).
    pool='s32'   : GAP of the stride-32 map  -> [B, 512]
    pool='multi' : concat GAP of stride-8/16/32 maps -> [B, 128+256+512 = 896]
    pool=None    : list of the three feature maps [s8 (128ch), s16 (256ch), s32 (512ch)], NCHW
    """

    def __init__(self, graph, out_channels, pool="s32", normalize=True):
        super().__init__()
        self.graph = graph
        self.out_channels = list(out_channels)
        self.pool = pool
        self.normalize = normalize
        self.register_buffer("mean", torch.tensor(NANODET_MEAN_BGR).view(1, 3, 1, 1) / 255.0, persistent=False)
        self.register_buffer("std", torch.tensor(NANODET_STD_BGR).view(1, 3, 1, 1) / 255.0, persistent=False)
        self.feature_dim = self.out_channels[-1] if pool == "s32" else sum(self.out_channels)

    def preprocess(self, x):
        if not self.normalize:
            return x
        return (x.flip(1) - self.mean) / self.std  # RGB[0,1] -> BGR, (x*255-mean)/std

    def feature_maps(self, x):
        return self.graph(self.preprocess(x))

    def forward(self, x):
        maps = self.feature_maps(x)
        if self.pool is None:
            return maps
        if self.pool == "s32":
            return maps[-1].mean(dim=(2, 3))
        return torch.cat([m.mean(dim=(2, 3)) for m in maps], dim=1)


def load_backbone(path="nanodet_backbone.pt", pool="s32", normalize=True, map_location="cpu"):
    """Rebuild the converted backbone -> nn.Module (eval mode; call .train() to fine-tune).

    Input: float NCHW RGB in [0,1]. Output: [B, feature_dim] (512 for pool='s32', 896 for 'multi').
    """
    blob = torch.load(path, map_location=map_location)
    g = TFGraphModule(blob["spec"], blob["params"], blob["consts"])
    m = NanoDetBackbone(g, blob["out_channels"], pool=pool, normalize=normalize)
    m.meta = blob.get("meta", {})
    return m.eval()
