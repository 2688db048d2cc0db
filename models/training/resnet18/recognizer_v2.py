"""Recognizer v2: the ImageNet ResNet18 (converted by convert_resnet18.py) with the project's cosine-classifier head.

Split for cheap training on two cores: `trunk` (stem .. layer3) stays frozen at its ImageNet weights and is run once
per augmented view (train_resnet18.py caches its output); `layer4` (all of it, or its last block with
--frozen-blocks 1) and the head are fine-tuned. Layer4 keeps two
of the pretrained graph's three blocks so the exported fp32 file stays under 50 MB (the third is dropped before
fine-tuning and its job is learned back).

ONNX contract (same as v1): input `image` float32 [N,3,S,S] RGB in [0,1]; outputs `probs` [N,81] and
`embedding` [N,128] L2-normalised. The ImageNet preprocessing (x255, RGB->BGR, minus the per-pixel mean image)
is folded into the graph.
"""
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

from resnet import ResNetBackbone, BasicBlock


class Trunk(nn.Module):
    """Stem .. layer3 with the preprocessing: image RGB [0,1] -> [N,256,S/16,S/16]."""

    def __init__(self, backbone, mean_image_bgr, size):
        super().__init__()
        self.conv1, self.bn1, self.maxpool = backbone.conv1, backbone.bn1, backbone.maxpool
        self.layer1, self.layer2, self.layer3 = backbone.layer1, backbone.layer2, backbone.layer3
        mean = mean_image_bgr[None]
        if mean.shape[-1] != size:
            mean = F.interpolate(mean, size=(size, size), mode="bilinear", align_corners=False)
        self.register_buffer("mean", mean.contiguous())

    def forward(self, image):
        x = image.flip(1) * 255.0 - self.mean
        x = self.maxpool(F.relu(self.bn1(self.conv1(x))))
        return self.layer3(self.layer2(self.layer1(x)))


class Head(nn.Module):
    """layer4 (two blocks) + mean pool + projection + cosine classifier. The first `frozen_blocks` blocks of layer4
    keep their ImageNet weights and statistics (eval mode even while training), which halves the training compute."""

    def __init__(self, layer4, num_classes=81, emb_dim=128, scale=16.0, dropout=0.2, frozen_blocks=0):
        super().__init__()
        self.layer4 = layer4
        self.frozen_blocks = frozen_blocks
        for block in list(layer4)[:frozen_blocks]:
            for p in block.parameters():
                p.requires_grad = False
        self.drop = nn.Dropout(dropout)
        self.proj = nn.Linear(512, emb_dim, bias=False)
        self.proj_bn = nn.BatchNorm1d(emb_dim)
        self.weight = nn.Parameter(torch.randn(num_classes, emb_dim) * 0.01)
        self.scale = scale

    def train(self, mode=True):
        super().train(mode)
        for block in list(self.layer4)[:self.frozen_blocks]:
            block.eval()
        return self

    def forward(self, feat):
        x = self.layer4(feat).mean(dim=(2, 3))
        emb = F.normalize(self.proj_bn(self.proj(self.drop(x))), dim=1)
        return self.scale * emb @ F.normalize(self.weight, dim=1).t(), emb


def build(pretrained_path, size, num_classes=81, frozen_blocks=0):
    ck = torch.load(pretrained_path, map_location="cpu")
    full = ResNetBackbone(tuple(ck["blocks"]))
    full.load_state_dict(ck["backbone"])
    trunk = Trunk(full, ck["mean_image_bgr"], size).eval()
    for p in trunk.parameters():
        p.requires_grad = False
    layer4 = nn.Sequential(full.layer4[0], full.layer4[1])
    return trunk, Head(layer4, num_classes, frozen_blocks=frozen_blocks)


def load_checkpoint(ckpt_path, work=None):
    """A v2 (train_resnet18.py: `head`) or v3 (train_full.py: `trunk` + `head`) checkpoint -> (trunk, head, ck), in
    eval mode; the ImageNet weights are read from `work` (default: the checkpoint's folder)."""
    ck = torch.load(ckpt_path, map_location="cpu")
    work = work or os.path.dirname(os.path.abspath(ckpt_path))
    trunk, head = build(os.path.join(work, "resnet18_imagenet.pt"), ck["args"]["size"],
                        frozen_blocks=ck["args"].get("frozen_blocks", 0))
    head.load_state_dict(ck["head"])
    if "trunk" in ck:  # v3 fine-tunes the trunk too; v2 leaves it at ImageNet
        trunk.load_state_dict(ck["trunk"])
    return trunk.eval(), head.eval(), ck


class Exported(nn.Module):
    def __init__(self, trunk, head):
        super().__init__()
        self.trunk, self.head = trunk, head

    def forward(self, image):
        logits, emb = self.head(self.trunk(image))
        return torch.softmax(logits, dim=1), emb
