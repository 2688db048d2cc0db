"""Export the cloud recognizer: several fine-tuned ResNet18 recognizers (v3 checkpoints trained with different seeds)
as ONE ONNX graph, the larger model the cloud stage runs where the cart has no such budget.

Graph contract (the same as recognizer.onnx, so OnnxProductRecognizer runs it unchanged): input `image` float32
[N,3,S,S] RGB in [0,1]; `probs` [N,81] = the members' softmax outputs averaged; `embedding` [N,128*M] = the members'
L2-normalised embeddings concatenated and divided by sqrt(M), so it is unit length and its cosine to another such
vector is the mean of the members' cosines (the cloud folder gets its own index, `basket index build --model`).

Size: two float32 ResNet18s are 90 MB, over the 50 MB a committed file may weigh. Every weight tensor is therefore
stored as float16 with a Cast to float32 in front, which ONNX Runtime folds when the session loads, so inference is
float32 (same speed, same arithmetic). To make the cast lossless, each member's BatchNorms are folded into their
convolutions here in PyTorch and the folded weights rounded to float16 before export; a tensor is stored as float16
only when every value survives the round trip exactly, so the PyTorch parity fixtures hold to float precision.

Usage: /usr/bin/python3 export_cloud.py --ckpt ../work/recognizer_v3.pt --ckpt ../work/recognizer_v3b.pt
          --out ../../recognizer-cloud
"""
import argparse, csv, json, math, os, sys
import numpy as np
import onnx
import torch
from onnx import helper, numpy_helper, TensorProto
from torch.nn.utils.fusion import fuse_conv_bn_eval

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))
from recognizer_v2 import load_checkpoint, Exported
from resnet import BasicBlock
from export_recognizer import write_parity

SMALL = 1024  # tensors below this many values stay float32: they weigh nothing


def fold_batchnorms(trunk, head):
    """Conv + BatchNorm2d -> one Conv (eval statistics), in place; the graph then has nothing left to fold."""
    trunk.conv1, trunk.bn1 = fuse_conv_bn_eval(trunk.conv1, trunk.bn1), torch.nn.Identity()
    for block in [m for m in list(trunk.modules()) + list(head.layer4.modules()) if isinstance(m, BasicBlock)]:
        block.conv1, block.bn1 = fuse_conv_bn_eval(block.conv1, block.bn1), torch.nn.Identity()
        block.conv2, block.bn2 = fuse_conv_bn_eval(block.conv2, block.bn2), torch.nn.Identity()
        if block.downsample is not None:
            block.downsample = torch.nn.Sequential(fuse_conv_bn_eval(block.downsample[0], block.downsample[1]))


def round_to_half(module):
    """Rounds every large float tensor (parameters and buffers) to its nearest float16 value, kept as float32."""
    with torch.no_grad():
        for t in list(module.parameters()) + list(module.buffers()):
            if t.dtype == torch.float32 and t.numel() >= SMALL:
                t.copy_(t.half().float())


class Cloud(torch.nn.Module):
    def __init__(self, members):
        super().__init__()
        self.members = torch.nn.ModuleList(members)

    def forward(self, image):
        outs = [m(image) for m in self.members]
        probs = torch.stack([p for p, _ in outs]).mean(0)
        emb = torch.cat([e for _, e in outs], dim=1) / math.sqrt(len(outs))
        return probs, emb


def store_half(path):
    """Rewrites the graph so each exactly-representable large initializer is float16 behind a Cast; returns (half, kept)."""
    model = onnx.load(path)
    g = model.graph
    casts, keep, half, kept = [], [], 0, 0
    for init in g.initializer:
        w = numpy_helper.to_array(init)
        if w.dtype == np.float32 and w.size >= SMALL and np.array_equal(w.astype(np.float16).astype(np.float32), w):
            name = init.name
            keep.append(numpy_helper.from_array(w.astype(np.float16), name + "_f16"))
            casts.append(helper.make_node("Cast", [name + "_f16"], [name], to=TensorProto.FLOAT, name="cast_" + name))
            half += w.size
        else:
            keep.append(init)
            kept += w.size if w.dtype == np.float32 and w.size >= SMALL else 0
    del g.initializer[:]
    g.initializer.extend(keep)
    nodes = casts + list(g.node)
    del g.node[:]
    g.node.extend(nodes)
    onnx.checker.check_model(model)
    onnx.save(model, path)
    return half, kept


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", default=os.path.join(HERE, "..", "work"))
    ap.add_argument("--ckpt", action="append", required=True, help="a v3 checkpoint; give two or more")
    ap.add_argument("--out", default=os.path.join(HERE, "..", "..", "recognizer-cloud"))
    ap.add_argument("--data-root", default=os.path.join(HERE, "../../../../shared/datasets/GroceryStoreDataset"))
    a = ap.parse_args()
    members, logs, size = [], [], None
    for path in a.ckpt:
        trunk, head, ck = load_checkpoint(path, a.work)
        fold_batchnorms(trunk, head)
        member = Exported(trunk.eval(), head.eval()).eval()
        round_to_half(member)
        members.append(member)
        size = size or ck["args"]["size"]
        assert ck["args"]["size"] == size, "members must share the input size"
        logs.append({"checkpoint": os.path.basename(path), "seed": ck["args"].get("seed"),
                     "crop_share": ck["args"].get("crop_share"), "epochs": ck["args"].get("epochs"),
                     "best_epoch": ck["best_epoch"], "log_tail": ck["log"][ck["best_epoch"] - 1]})
    cloud = Cloud(members).eval()
    os.makedirs(a.out, exist_ok=True)
    path = os.path.join(a.out, "recognizer.onnx")
    torch.onnx.export(cloud, torch.rand(2, 3, size, size), path, input_names=["image"],
                      output_names=["probs", "embedding"], opset_version=13,
                      dynamic_axes={"image": {0: "n"}, "probs": {0: "n"}, "embedding": {0: "n"}})
    half, kept = store_half(path)
    with open(os.path.join(a.data_root, "dataset", "classes.csv")) as f:
        rows = sorted(list(csv.reader(f))[1:], key=lambda r: int(r[1]))
    card = {"input_name": "image", "input_size": size, "probs_output": "probs", "embedding_output": "embedding",
            "embedding_dim": sum(m.head.proj.out_features for m in members), "classes": [r[0] for r in rows],
            "training": {"backbone": "resnet18-imagenet (NuGet Microsoft.ML.DnnImageFeaturizer.ResNet18 0.24.0)",
                         "trained": f"an ensemble of {len(members)} recognizer v3 fine-tunes (train_full.py), probabilities averaged",
                         "weights": "BatchNorms folded, stored as float16 (lossless casts to float32 at load)",
                         "members": logs}}
    with open(os.path.join(a.out, "recognizer.json"), "w") as f:
        json.dump(card, f, indent=1)
    write_parity(cloud, a.data_root, size, a.out)
    print(f"exported {path}: {os.path.getsize(path) / 1e6:.1f} MB; {half / 1e6:.1f} M weights as float16, "
          f"{kept / 1e6:.2f} M large ones kept float32")


if __name__ == "__main__":
    main()
