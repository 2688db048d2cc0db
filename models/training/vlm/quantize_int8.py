"""Int8 decoder: every MatMul whose weight is a 2-D float initialiser becomes
DynamicQuantizeLinear(x) -> MatMulInteger(x_u8, W_s8) -> Cast -> Mul(x_scale * w_scale[col]) (the layout of ONNX
Runtime's dynamic quantisation, which its optimiser fuses into one integer MatMul kernel).
Weights: symmetric int8 per output column; activations: per-tensor uint8 computed at run time.
Same inputs/outputs as decoder_model_merged.onnx. Only the `onnx` package is needed.

  /usr/bin/python3 quantize_int8.py models/vlm/decoder_model_merged.onnx models/vlm/decoder_model_merged_int8.onnx
"""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def quantize_weight(w):
    """w [K, N] float -> (int8 [K, N], scale [N]) symmetric per column."""
    amax = np.abs(w).max(axis=0)
    scale = np.where(amax > 0, amax / 127.0, 1.0).astype(np.float32)
    q = np.clip(np.round(w / scale), -127, 127).astype(np.int8)
    return q, scale


def quantize(src, dst):
    m = onnx.load(src)
    g = m.graph
    inits = {i.name: i for i in g.initializer}
    consumers = {}
    for n in g.node:
        for i in n.input:
            consumers[i] = consumers.get(i, 0) + 1
    new_nodes, new_inits, done = [], [], {}
    count = 0
    for n in g.node:
        w = inits.get(n.input[1]) if n.op_type == "MatMul" and len(n.input) == 2 else None
        if w is None or w.data_type != TensorProto.FLOAT or len(w.dims) != 2:
            new_nodes.append(n)
            continue
        base = n.input[1]
        if base not in done:
            q, s = quantize_weight(numpy_helper.to_array(w))
            new_inits += [numpy_helper.from_array(q, base + "_quantized"), numpy_helper.from_array(s, base + "_scale"),
                          numpy_helper.from_array(np.zeros((), np.int8), base + "_zero_point")]
            done[base] = True
        x, y, p = n.input[0], n.output[0], (n.name or f"mm{count}") + "_q"
        count += 1
        new_nodes += [
            helper.make_node("DynamicQuantizeLinear", [x], [p + "_x", p + "_xs", p + "_xz"], name=p + "_dql"),
            helper.make_node("MatMulInteger", [p + "_x", base + "_quantized", p + "_xz", base + "_zero_point"],
                             [p + "_i32"], name=p + "_mmi"),
            helper.make_node("Cast", [p + "_i32"], [p + "_f"], to=TensorProto.FLOAT, name=p + "_cast"),
            helper.make_node("Mul", [p + "_xs", base + "_scale"], [p + "_s"], name=p + "_scale"),
            helper.make_node("Mul", [p + "_f", p + "_s"], [y], name=p + "_out"),
        ]
    keep = [i for i in g.initializer if i.name not in done]
    del g.node[:]
    g.node.extend(new_nodes)
    del g.initializer[:]
    g.initializer.extend(keep + new_inits)
    onnx.checker.check_model(m)
    onnx.save(m, dst)
    print(f"quantized {count} MatMuls over {len(done)} weights -> {dst}")


if __name__ == "__main__":
    quantize(sys.argv[1], sys.argv[2])
