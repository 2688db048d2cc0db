"""Convert the ImageNet ResNet18 from NuGet `Microsoft.ML.DnnImageFeaturizer.ResNet18` (a CNTK export, opset 8) to a
PyTorch module, and check the conversion against a node-by-node interpretation of the ONNX graph itself.

Usage: /usr/bin/python3 convert_resnet18.py --onnx ResNet18.onnx --prep ResNetPreprocess.onnx --out work/resnet18_imagenet.pt

The graph is torchvision's ResNet(BasicBlock, [2, 2, 2, 3]) (the last stage has three blocks), without a classifier.
Its convolutions pad asymmetrically ([3,3,2,2] for the stem, [1,1,0,0] for strided 3x3 and the max pool); for even
input sizes those windows equal the symmetric padding torchvision uses, which the parity check confirms. The
preprocessing graph takes planar RGB in 0-255, swaps to BGR and subtracts a per-pixel mean image (no std).
"""
import argparse, os, sys
import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from resnet import ResNetBackbone


def initializers(model):
    return {i.name: torch.from_numpy(numpy_helper.to_array(i).copy()) for i in model.graph.initializer}


def interpret(model, x):
    """Runs the ONNX graph node by node with its own attributes (asymmetric pads honoured): the parity reference."""
    env = dict(initializers(model))
    env[model.graph.input[0].name] = x
    for n in model.graph.node:
        at = {a.name: onnx.helper.get_attribute_value(a) for a in n.attribute}
        i = [env[k] for k in n.input]
        if n.op_type == "Conv":
            p = at.get("pads", [0, 0, 0, 0])
            y = F.conv2d(F.pad(i[0], (p[1], p[3], p[0], p[2])), i[1], None, tuple(at["strides"]))
        elif n.op_type == "BatchNormalization":
            y = F.batch_norm(i[0], i[3], i[4], i[1], i[2], False, 0.0, at.get("epsilon", 1e-5))
        elif n.op_type == "Relu":
            y = F.relu(i[0])
        elif n.op_type == "Add":
            y = i[0] + i[1]
        elif n.op_type == "MaxPool":
            p = at.get("pads", [0, 0, 0, 0])
            y = F.max_pool2d(F.pad(i[0], (p[1], p[3], p[0], p[2]), value=float("-inf")), at["kernel_shape"], at["strides"])
        elif n.op_type == "AveragePool":
            y = F.avg_pool2d(i[0], at["kernel_shape"], at["strides"])
        else:
            raise ValueError(f"unexpected op {n.op_type}")
        env[n.output[0]] = y
    return env[model.graph.output[0].name]


def convert(model):
    """Copies Conv/BN initialisers in graph order into the torchvision layout; 1x1 downsample convs go to `downsample`."""
    inits = initializers(model)
    net = ResNetBackbone(blocks=(2, 2, 2, 3))
    convs, bns = [], []
    for n in model.graph.node:
        if n.op_type == "Conv":
            convs.append(n)
        elif n.op_type == "BatchNormalization":
            bns.append(n)
    pairs = list(zip(convs, bns))
    targets = [(net.conv1, net.bn1)]
    for layer in (net.layer1, net.layer2, net.layer3, net.layer4):
        for block in layer:
            if block.downsample is not None:
                targets.append((block.downsample[0], block.downsample[1]))  # the graph visits the shortcut first
            targets += [(block.conv1, block.bn1), (block.conv2, block.bn2)]
    if len(targets) != len(pairs):
        raise ValueError(f"graph has {len(pairs)} conv+bn pairs, model {len(targets)}")
    for (conv_node, bn_node), (conv, bn) in zip(pairs, targets):
        w = inits[conv_node.input[1]]
        if tuple(w.shape) != tuple(conv.weight.shape):
            raise ValueError(f"{conv_node.input[1]}: {tuple(w.shape)} vs {tuple(conv.weight.shape)}")
        conv.weight.data.copy_(w)
        scale, bias, mean, var = (inits[k] for k in bn_node.input[1:5])
        bn.weight.data.copy_(scale); bn.bias.data.copy_(bias)
        bn.running_mean.copy_(mean); bn.running_var.copy_(var)
        bn.eps = [a.f for a in bn_node.attribute if a.name == "epsilon"][0]
    return net


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--onnx", required=True)
    ap.add_argument("--prep", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--tolerance", type=float, default=1e-4)
    a = ap.parse_args()
    model = onnx.load(a.onnx)
    prep = initializers(onnx.load(a.prep))
    mean_image = prep["MeanImage"][0]                   # [3,224,224], BGR order, 0-255 scale
    net = convert(model).eval()
    g = torch.Generator().manual_seed(7)
    worst = 0.0
    with torch.no_grad():
        for _ in range(3):
            rgb = torch.rand(1, 3, 224, 224, generator=g) * 255
            bgr = rgb.flip(1) - mean_image
            ref = interpret(model, bgr).flatten(1)
            ours = net(bgr)
            worst = max(worst, (ref - ours).abs().max().item() / max(1.0, ref.abs().max().item()))
    print(f"parity: max |onnx - torch| / max(1, |onnx|) = {worst:.2e} over 3 random images")
    if worst > a.tolerance:
        raise SystemExit(f"conversion parity {worst:.2e} exceeds {a.tolerance}")
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    torch.save({"backbone": net.state_dict(), "mean_image_bgr": mean_image, "blocks": (2, 2, 2, 3), "parity": worst}, a.out)
    print("wrote", a.out)


if __name__ == "__main__":
    main()
