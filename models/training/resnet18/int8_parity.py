"""Fixtures for the int8 graph: what qat_recognizer.py's simulation of it computes on the committed parity inputs.

`RecognizerPrecisionTests` runs `recognizer.int8.onnx` in C# on the same inputs and compares: the simulation the
weights were trained under must be the arithmetic the product runs (a mismatch, e.g. a range assigned to the wrong
Conv, would make quantization-aware training optimise the wrong graph while the float parity tests still pass).

Usage (after quantize_recognizer.py --ranges-from-checkpoint):
  /usr/bin/python3 int8_parity.py --ckpt work/recognizer_v3_qat.pt [--fixtures ../../recognizer/parity]
writes parity-int8.json beside parity.json (same layout: per case, probs and embedding).
"""
import argparse, json, os, sys
import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))
from qat_recognizer import QuantSim
from recognizer_v2 import load_checkpoint


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", default=os.path.join(HERE, "..", "work"))
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--fixtures", default=os.path.join(HERE, "..", "..", "recognizer", "parity"))
    a = ap.parse_args()
    torch.set_num_threads(1)
    trunk, head, ck = load_checkpoint(a.ckpt, a.work)
    r = ck["qat_ranges"]
    sim = QuantSim(trunk, head, r["first"], r["convs"], r["blocks"]).eval()
    with open(os.path.join(a.fixtures, "parity.json")) as f:
        float_fixtures = json.load(f)
    size = float_fixtures["input_size"]
    cases = []
    with torch.no_grad():
        for c in float_fixtures["cases"]:
            x = torch.from_numpy(np.fromfile(os.path.join(a.fixtures, c["input"]), dtype="<f4").reshape(1, 3, size, size))
            logits, emb = sim(x)
            cases.append({"image": c["image"], "input": c["input"], "probs": torch.softmax(logits, 1)[0].tolist(),
                          "embedding": emb[0].tolist()})
    out = os.path.join(a.fixtures, "parity-int8.json")
    with open(out, "w") as f:
        json.dump({"input_size": size, "checkpoint": os.path.basename(a.ckpt), "cases": cases}, f)
    print("wrote", out)


if __name__ == "__main__":
    main()
