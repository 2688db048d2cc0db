"""Class-agnostic, anchor-free, one-stride (CenterNet/TTFNet-style) item detectors and their ONNX wrapper.

Two bodies share one head:
- `ScratchDet`: a small plain-conv net (BN + ReLU), stride-8 output from a 3-level top-down merge (s8/s16/s32).
- `NanoDetDet`: the converted COCO-pretrained NanoDet CSP backbone (models/training/nanodet/) with the same merge.
Both take RGB normalised with the model's own mean/std (the values written to detector.json) and return
(heat logits [N,1,S/8,S/8], ltrb [N,4,S/8,S/8] in input pixels, >= 0).
`ExportWrapper` adds sigmoid and 3x3 max-pool peak suppression so the ONNX graph emits the contract's `scores`.
"""
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

STRIDE = 8
LTRB_MAX_LOG = 4.5   # ltrb <= stride * e^4.5 = 720 px: larger than any box at the input sizes used here
IMAGENET_MEAN = [0.485, 0.456, 0.406]
IMAGENET_STD = [0.229, 0.224, 0.225]
# NanoDet's own normalisation (BGR, 0..255 scale) rewritten for RGB in [0,1]
NANODET_MEAN = [123.675 / 255, 116.28 / 255, 103.53 / 255]
NANODET_STD = [58.395 / 255, 57.12 / 255, 57.375 / 255]


def cbr(cin, cout, s=1):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, s, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class Head(nn.Module):
    """Top-down merge of (s8, s16, s32) maps to stride 8, then objectness and ltrb branches."""

    def __init__(self, chans, width=64):
        super().__init__()
        self.lat = nn.ModuleList([nn.Conv2d(c, width, 1) for c in chans])
        self.smooth = cbr(width, width)
        self.heat = nn.Sequential(cbr(width, width), nn.Conv2d(width, 1, 1))
        self.reg = nn.Sequential(cbr(width, width), nn.Conv2d(width, 4, 1))
        nn.init.constant_(self.heat[-1].bias, -2.19)      # prior 0.1: stable focal-loss start
        nn.init.constant_(self.reg[-1].bias, 1.3)         # e^1.3 * 8 ~ 29 px, a typical half box

    def forward(self, feats):
        s8, s16, s32 = [l(f) for l, f in zip(self.lat, feats)]
        # input sizes are multiples of 32, so each level is exactly twice the next (a static Resize in ONNX)
        x = s16 + F.interpolate(s32, scale_factor=2.0, mode="nearest")
        x = s8 + F.interpolate(x, scale_factor=2.0, mode="nearest")
        x = self.smooth(x)
        ltrb = torch.exp(torch.clamp(self.reg(x), max=LTRB_MAX_LOG)) * STRIDE
        return self.heat(x), ltrb


class ScratchDet(nn.Module):
    """Plain 3x3 conv + BN + ReLU, one conv per resolution before stride 8 (the expensive large maps), two after."""
    mean, std = IMAGENET_MEAN, IMAGENET_STD

    def __init__(self, w=(16, 32, 64, 96, 128), head_width=48):
        super().__init__()
        self.stem = nn.Sequential(cbr(3, w[0], 2), cbr(w[0], w[1], 2))                             # s4
        self.s8 = nn.Sequential(cbr(w[1], w[2], 2), cbr(w[2], w[2]))                               # s8
        self.s16 = nn.Sequential(cbr(w[2], w[3], 2), cbr(w[3], w[3]), cbr(w[3], w[3]))             # s16
        self.s32 = nn.Sequential(cbr(w[3], w[4], 2), cbr(w[4], w[4]), cbr(w[4], w[4]))             # s32
        self.head = Head([w[2], w[3], w[4]], head_width)

    def forward(self, x):
        a = self.s8(self.stem(x))
        b = self.s16(a)
        c = self.s32(b)
        return self.head([a, b, c])


class NanoDetDet(nn.Module):
    """Converted NanoDet CSP backbone (COCO) + the same head. Input RGB normalised with NANODET_MEAN/STD; the
    backbone wants BGR, so the channel flip happens here (inside the exported graph too)."""
    mean, std = NANODET_MEAN, NANODET_STD

    def __init__(self, backbone_path):
        super().__init__()
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "nanodet"))
        from nanodet_backbone import load_backbone
        self.backbone = load_backbone(backbone_path, pool=None, normalize=False)
        self.head = Head(self.backbone.out_channels)

    def forward(self, x):
        return self.head(self.backbone(x.flip(1)))


class ExportWrapper(nn.Module):
    """images [N,3,S,S] (normalised) -> scores [N,1,S/8,S/8] (sigmoid, non-peaks exactly 0), ltrb [N,4,S/8,S/8]."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, images):
        heat, ltrb = self.net(images)
        p = torch.sigmoid(heat)
        peak = F.max_pool2d(p, 3, 1, 1)
        scores = p * (peak == p).to(p.dtype)
        return scores, ltrb


def build(kind, backbone_path=None):
    if kind == "scratch":
        return ScratchDet()
    if kind == "nanodet":
        return NanoDetDet(backbone_path)
    raise ValueError(kind)
