"""Export the trained recognizer to ONNX (+ recognizer.json) and write PyTorch reference outputs for the C# parity test.

Usage: /usr/bin/python3 models/training/export_recognizer.py [--ckpt work/recognizer.pt] [--out models/recognizer]
Parity fixtures are made from `val` images only.
"""
import argparse, csv, json, os, sys
import numpy as np
import torch
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from recognizer import build, Exported

PARITY_IMAGES = [
    "val/Fruit/Apple/Golden-Delicious/Golden-Delicious_001.jpg",
    "val/Packages/Milk/Arla-Standard-Milk/Arla-Standard-Milk_001.jpg",
    "val/Vegetables/Tomato/Vine-Tomato/Vine-Tomato_001.jpg",
]


def load_image(root, rel, size):
    with Image.open(os.path.join(root, "dataset", rel)) as im:
        a = np.asarray(im.convert("RGB").resize((size, size), Image.BILINEAR), dtype=np.float32) / 255.0
    return torch.from_numpy(a).permute(2, 0, 1).contiguous()


def write_parity(ex, data_root, size, out):
    """`out`/parity: the PARITY_IMAGES as PIL makes the input tensors (input_i.f32) and the exported module's outputs
    on them (parity.json), which OnnxParityTests compares the ONNX graph against; older fixtures are removed."""
    fixtures = os.path.join(out, "parity")
    os.makedirs(fixtures, exist_ok=True)
    for old in os.listdir(fixtures):
        os.remove(os.path.join(fixtures, old))
    cases = []
    with torch.no_grad():
        for i, rel in enumerate(PARITY_IMAGES):
            x = load_image(data_root, rel, size)
            probs, emb = ex(x[None])
            name = f"input_{i}.f32"
            x.numpy().astype("<f4").tofile(os.path.join(fixtures, name))
            cases.append({"image": rel, "input": name, "probs": probs[0].tolist(), "embedding": emb[0].tolist()})
    with open(os.path.join(fixtures, "parity.json"), "w") as f:
        json.dump({"input_size": size, "cases": cases}, f)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default=os.path.join(HERE, "work", "recognizer.pt"))
    ap.add_argument("--out", default=os.path.join(HERE, "..", "recognizer"))
    ap.add_argument("--data-root", default=os.path.join(HERE, "../../../shared/datasets/GroceryStoreDataset"))
    a = ap.parse_args()
    ck = torch.load(a.ckpt, map_location="cpu")
    size = ck["args"]["size"]
    model = build(ck["args"].get("backbone", "scratch"), os.path.dirname(os.path.abspath(a.ckpt)))
    model.load_state_dict(ck["model"])
    model.eval()
    ex = Exported(model).eval()
    os.makedirs(a.out, exist_ok=True)
    dummy = torch.rand(2, 3, size, size)
    torch.onnx.export(ex, dummy, os.path.join(a.out, "recognizer.onnx"), input_names=["image"],
                      output_names=["probs", "embedding"], opset_version=13,
                      dynamic_axes={"image": {0: "n"}, "probs": {0: "n"}, "embedding": {0: "n"}})
    with open(os.path.join(a.data_root, "dataset", "classes.csv")) as f:
        rows = sorted(list(csv.reader(f))[1:], key=lambda r: int(r[1]))
    card = {"input_name": "image", "input_size": size, "probs_output": "probs", "embedding_output": "embedding",
            "embedding_dim": model.proj.out_features, "classes": [r[0] for r in rows],
            "training": {k: ck["args"][k] for k in ("backbone", "epochs", "size", "lr", "seed") if k in ck["args"]}
            | {"log_tail": ck["log"][-1]}}
    with open(os.path.join(a.out, "recognizer.json"), "w") as f:
        json.dump(card, f, indent=1)
    write_parity(ex, a.data_root, size, a.out)
    print("exported", a.out, "val log", ck["log"][-1])


if __name__ == "__main__":
    main()
