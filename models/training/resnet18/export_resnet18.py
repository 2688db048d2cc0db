"""Export recognizer v2 to ONNX (opset 13, dynamic batch) + recognizer.json + PyTorch parity fixtures (val images).

Usage: /usr/bin/python3 models/training/resnet18/export_resnet18.py [--ckpt work/recognizer_v2.pt] [--out models/recognizer]
"""
import argparse, csv, json, os, sys
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))
from recognizer_v2 import load_checkpoint, Exported
from export_recognizer import write_parity


TRAINING_ARGS = ("epochs", "views", "size", "lr", "layer4_lr", "backbone_lr", "seed", "frozen_blocks", "train_from",
                 "crops", "crop_share")


def trained(args, whole):
    if whole:
        frozen = " and ".join(["the stem"] + [f"layer{i}" for i in range(1, args["train_from"])])
        return f"layer{args['train_from']}..layer4 + head end to end; {frozen} at ImageNet weights"
    return "layer4's last blocks + head; stem..layer3 and the first frozen_blocks of layer4 at ImageNet weights"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", default=os.path.join(HERE, "..", "work"))
    ap.add_argument("--ckpt", default=None)
    ap.add_argument("--out", default=os.path.join(HERE, "..", "..", "recognizer"))
    ap.add_argument("--data-root", default=os.path.join(HERE, "../../../../shared/datasets/GroceryStoreDataset"))
    ap.add_argument("--default-precision", choices=("float32", "int8"), default=None,
                    help="recognizer.json's default_precision: the graph the product runs when none is named "
                         "(absent: float32); int8 only after the rule in eval/README.md has been met")
    a = ap.parse_args()
    trunk, head, ck = load_checkpoint(a.ckpt or os.path.join(a.work, "recognizer_v2.pt"), a.work)
    size = ck["args"]["size"]
    ex = Exported(trunk.eval(), head.eval()).eval()
    os.makedirs(a.out, exist_ok=True)
    path = os.path.join(a.out, "recognizer.onnx")
    torch.onnx.export(ex, torch.rand(2, 3, size, size), path, input_names=["image"],
                      output_names=["probs", "embedding"], opset_version=13,
                      dynamic_axes={"image": {0: "n"}, "probs": {0: "n"}, "embedding": {0: "n"}})
    with open(os.path.join(a.data_root, "dataset", "classes.csv")) as f:
        rows = sorted(list(csv.reader(f))[1:], key=lambda r: int(r[1]))
    best = ck["log"][ck["best_epoch"] - 1]
    card = {"input_name": "image", "input_size": size, "probs_output": "probs", "embedding_output": "embedding",
            "embedding_dim": head.proj.out_features,
            **({"default_precision": a.default_precision} if a.default_precision else {}),
            "classes": [r[0] for r in rows],
            "training": {"backbone": "resnet18-imagenet (NuGet Microsoft.ML.DnnImageFeaturizer.ResNet18 0.24.0)",
                         "trained": trained(ck["args"], "trunk" in ck),
                         **{k: ck["args"][k] for k in TRAINING_ARGS if k in ck["args"]},
                         "best_epoch": ck["best_epoch"], "log_tail": best}}
    with open(os.path.join(a.out, "recognizer.json"), "w") as f:
        json.dump(card, f, indent=1)
    write_parity(ex, a.data_root, size, a.out)
    print("exported", path, os.path.getsize(path) / 1e6, "MB; best epoch", best)


if __name__ == "__main__":
    main()
