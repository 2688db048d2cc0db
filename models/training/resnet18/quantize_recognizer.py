"""Static int8 (QDQ) variant of the exported recognizer, written with the onnx package alone (no onnxruntime-tools).

What is quantized: every Conv of the trunk and layer4 (weights int8 per output channel, symmetric; bias int32 at
x_scale * w_scale; activations uint8), the residual Adds, the max pool. The ReLUs are folded into the uint8
quantization of their input (zero point 0 clamps at 0, as a ReLU does), so ONNX Runtime fuses each
DQ -> Conv -> Q into one QLinearConv and each DQ, DQ -> Add -> Q into one QLinearAdd. The preprocessing, the pooled
head (projection, batch norm, cosine classifier) and both outputs stay float.

Calibration: activation min/max of the fine-tuned PyTorch model (the exported graph's BatchNorms are folded into the
Convs, so the k-th Conv's output is the k-th BatchNorm2d's output in call order, and the k-th Add's ReLU output is the
k-th residual block's output) over --calibration train images (plain resize and mirror). Train only: val measures
the variant, test is never opened.

Usage: /usr/bin/python3 quantize_recognizer.py --ckpt work/recognizer_v3.pt --onnx ../../recognizer/recognizer.onnx
          --out ../../recognizer-int8/recognizer.onnx
       after qat_recognizer.py: --ckpt work/recognizer_v3_qat.pt --onnx <its float export> --ranges-from-checkpoint
"""
import argparse, os, sys
import numpy as np
import onnx
import torch
from onnx import helper, numpy_helper, TensorProto

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))
from recognizer_v2 import load_checkpoint
from resnet import BasicBlock
from train_recognizer import resize_eval


def calibrate(ckpt_path, work, images, percentile):
    trunk, head, ck = load_checkpoint(ckpt_path, work)
    bn_stats, block_stats, first = [], [], []

    def tracker(store):
        def hook(module, inp, out):
            if percentile >= 100:
                store.append((out.min().item(), out.max().item()))
            else:  # a strided sample of the batch's values; its low and high percentiles (averaged over batches below)
                flat = out.detach().flatten()
                sample = flat[::max(1, flat.numel() // 400_000)]
                q = torch.quantile(sample, torch.tensor([1 - percentile / 100, percentile / 100]))
                store.append((q[0].item(), q[1].item()))
        return hook

    bns = [m for m in list(trunk.modules()) + list(head.layer4.modules()) if isinstance(m, torch.nn.BatchNorm2d)]
    blocks = [m for m in list(trunk.modules()) + list(head.layer4.modules()) if isinstance(m, BasicBlock)]
    for m in bns:
        m.register_forward_hook(tracker(bn_stats))
    for m in blocks:
        m.register_forward_hook(tracker(block_stats))
    tr = np.load(os.path.join(work, f"train_{ck['args'].get('source_size', 256)}.npz"))
    rng = np.random.default_rng(7)
    pick = rng.choice(len(tr["y"]), size=min(images, len(tr["y"])), replace=False)
    with torch.no_grad():
        for i in range(0, len(pick), 32):
            xb = resize_eval(torch.from_numpy(tr["x"][np.sort(pick[i:i + 32])]), ck["args"]["size"])
            for view in (xb, xb.flip(3)):
                pre = view.flip(1) * 255.0 - trunk.mean
                first.append((pre.min().item(), pre.max().item()))
                head(trunk(view))

    def reduce(stats, count, mean):
        per = [stats[k::count] for k in range(count)]
        if mean:
            return [(float(np.mean([s[0] for s in p])), float(np.mean([s[1] for s in p]))) for p in per]
        return [(min(s[0] for s in p), max(s[1] for s in p)) for p in per]

    # The preprocessed image's range is bounded and always min/max; activations follow --percentile.
    percentiles = percentile < 100
    return (reduce(first, 1, False)[0], reduce(bn_stats, len(bns), percentiles),
            reduce(block_stats, len(blocks), percentiles))


def uint8_params(lo, hi):
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    scale = (hi - lo) / 255.0 or 1.0
    zp = int(round(-lo / scale))
    return np.float32(scale), np.uint8(min(max(zp, 0), 255))


class Rewriter:
    def __init__(self, graph):
        self.inits = {t.name: t for t in graph.initializer}
        self.new_nodes, self.new_inits = [], []
        self.params = {}  # tensor -> (scale, zero point)

    def const(self, name, array):
        self.new_inits.append(numpy_helper.from_array(array, name))
        return name

    def qdq(self, tensor, scale, zp, out=None):
        """Q -> DQ on `tensor`; the DQ writes `out` (default tensor + '_dq')."""
        out = out or tensor + "_dq"
        s = self.const(tensor + "_scale", np.array(scale, np.float32))
        z = self.const(tensor + "_zp", np.array(zp, np.uint8))
        self.new_nodes.append(helper.make_node("QuantizeLinear", [tensor, s, z], [tensor + "_q"], name=tensor + "_Q"))
        self.new_nodes.append(helper.make_node("DequantizeLinear", [tensor + "_q", s, z], [out], name=tensor + "_DQ"))
        self.params[out] = (scale, zp)
        return out


def quantize(onnx_path, out_path, first_range, conv_ranges, block_ranges):
    model = onnx.load(onnx_path)
    g = model.graph
    rw = Rewriter(g)
    nodes = list(g.node)
    consumers = {}
    for n in nodes:
        for t in n.input:
            consumers.setdefault(t, []).append(n)
    convs = [n for n in nodes if n.op_type == "Conv"]
    adds = [n for n in nodes if n.op_type == "Add" and n.output[0] in consumers and consumers[n.output[0]][0].op_type == "Relu"]
    assert len(convs) == len(conv_ranges), (len(convs), len(conv_ranges))
    assert len(adds) == len(block_ranges), (len(adds), len(block_ranges))
    removed, rename = set(), {}

    # 1. Activations: ReLU outputs become uint8 with zero point 0 on the producer's output, and the ReLU goes.
    for n, (lo, hi) in list(zip(convs, conv_ranges)) + list(zip(adds, block_ranges)):
        t = n.output[0]
        users = consumers.get(t, [])
        if len(users) == 1 and users[0].op_type == "Relu":
            relu = users[0]
            removed.add(relu.name)
            scale = np.float32(max(hi, 1e-6) / 255.0)
            rw.qdq(t, scale, np.uint8(0), out=relu.output[0])
        else:  # a Conv feeding a residual Add: asymmetric uint8
            scale, zp = uint8_params(lo, hi)
            rename[t] = rw.qdq(t, scale, zp)
    # 2. The first Conv's input (the preprocessed image) and the max pool (same parameters on both sides).
    first_in = convs[0].input[0]
    rename[first_in] = rw.qdq(first_in, *uint8_params(*first_range))
    for n in nodes:
        if n.op_type == "MaxPool":
            src = n.input[0]
            scale, zp = rw.params[src]
            rename[n.output[0]] = rw.qdq(n.output[0], scale, zp)
    # 3. Weights int8 per output channel; bias int32 at x_scale * w_scale.
    for n in convs:
        x = rename.get(n.input[0], n.input[0])
        x_scale = rw.params[x][0]
        w = numpy_helper.to_array(rw.inits[n.input[1]]).astype(np.float32)
        w_scale = (np.abs(w).reshape(len(w), -1).max(1) / 127.0).astype(np.float32)
        w_scale[w_scale == 0] = 1.0
        wq = np.clip(np.round(w / w_scale[:, None, None, None]), -127, 127).astype(np.int8)
        base = n.name.strip("/").replace("/", "_")
        wdq = base + "_w_dq"
        rw.new_nodes.append(helper.make_node(
            "DequantizeLinear", [rw.const(base + "_w_q", wq), rw.const(base + "_w_scale", w_scale),
                                 rw.const(base + "_w_zp", np.zeros(len(w), np.int8))], [wdq], axis=0, name=base + "_w_DQ"))
        inputs = [x, wdq]
        if len(n.input) > 2 and n.input[2]:
            b = numpy_helper.to_array(rw.inits[n.input[2]]).astype(np.float64)
            b_scale = (np.float64(x_scale) * w_scale.astype(np.float64)).astype(np.float32)
            bq = np.round(b / b_scale).astype(np.int32)
            bdq = base + "_b_dq"
            rw.new_nodes.append(helper.make_node(
                "DequantizeLinear", [rw.const(base + "_b_q", bq), rw.const(base + "_b_scale", b_scale),
                                     rw.const(base + "_b_zp", np.zeros(len(b), np.int32))], [bdq], axis=0, name=base + "_b_DQ"))
            inputs.append(bdq)
        del n.input[:]
        n.input.extend(inputs)
    # Consumers of renamed tensors read the DQ output (the Q node itself reads the raw tensor).
    for n in nodes:
        if n.op_type == "Conv":
            continue
        for i, t in enumerate(n.input):
            if t in rename:
                n.input[i] = rename[t]
    # ONNX wants nodes in topological order: sort the old and the new nodes together.
    all_nodes = [n for n in nodes if n.name not in removed] + rw.new_nodes
    produced = {t for t in [i.name for i in g.input] + list(rw.inits) + [t.name for t in rw.new_inits]}
    ordered, pending = [], all_nodes
    while pending:
        rest = []
        for n in pending:
            if all((not t) or t in produced for t in n.input):
                ordered.append(n)
                produced.update(n.output)
            else:
                rest.append(n)
        if len(rest) == len(pending):
            raise RuntimeError(f"cannot order {len(rest)} nodes, e.g. {rest[0].name} {list(rest[0].input)}")
        pending = rest
    del g.node[:]
    g.node.extend(ordered)
    used = {t for n in ordered for t in n.input}
    keep = [t for t in g.initializer if t.name in used]
    del g.initializer[:]
    g.initializer.extend(keep + [t for t in rw.new_inits if t.name in used])
    onnx.checker.check_model(model)
    onnx.save(model, out_path)
    print(f"wrote {out_path}: {os.path.getsize(out_path) / 1e6:.1f} MB, {len(convs)} QLinearConv candidates, "
          f"{len(adds)} QLinearAdd candidates, {len(removed)} ReLUs folded")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", default=os.path.join(HERE, "..", "work"))
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--onnx", default=os.path.join(HERE, "..", "..", "recognizer", "recognizer.onnx"))
    ap.add_argument("--out", required=True)
    ap.add_argument("--calibration", type=int, default=256, help="train images (each also mirrored)")
    ap.add_argument("--percentile", type=float, default=100.0,
                    help="activation range: 100 = min/max; below, the mean over batches of that percentile (and its mirror)")
    ap.add_argument("--ranges-from-checkpoint", action="store_true",
                    help="use the activation ranges saved by qat_recognizer.py instead of calibrating")
    a = ap.parse_args()
    torch.set_num_threads(1)
    if a.ranges_from_checkpoint:  # a quantization-aware checkpoint: the ranges it was trained with
        r = torch.load(a.ckpt, map_location="cpu")["qat_ranges"]
        first, convs, blocks = r["first"], r["convs"], r["blocks"]
    else:
        first, convs, blocks = calibrate(a.ckpt, a.work, a.calibration, a.percentile)
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    quantize(a.onnx, a.out, first, convs, blocks)


if __name__ == "__main__":
    main()
