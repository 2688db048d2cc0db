"""The product recognizer: a small residual CNN trained from scratch, with a cosine classifier head.

Outputs (ONNX names): `probs` [N,81] softmax class probabilities and `embedding` [N,D] L2-normalised.
The cosine head makes the embedding and the classifier one geometry: a class weight vector is a prototype
in the same space the retrieval index searches.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.c1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.b1 = nn.BatchNorm2d(cout)
        self.c2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.b2 = nn.BatchNorm2d(cout)
        self.skip = None
        if stride != 1 or cin != cout:
            self.skip = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = F.relu(self.b1(self.c1(x)))
        y = self.b2(self.c2(y))
        return F.relu(y + (x if self.skip is None else self.skip(x)))


class Recognizer(nn.Module):
    def __init__(self, num_classes=81, widths=(32, 64, 128, 256), depths=(1, 2, 2, 1), emb_dim=128, scale=16.0):
        super().__init__()
        self.stem = nn.Sequential(
            nn.Conv2d(3, widths[0], 3, 2, 1, bias=False), nn.BatchNorm2d(widths[0]), nn.ReLU(inplace=True),
            nn.Conv2d(widths[0], widths[0], 3, 1, 1, bias=False), nn.BatchNorm2d(widths[0]), nn.ReLU(inplace=True))
        layers, cin = [], widths[0]
        for i, (w, d) in enumerate(zip(widths, depths)):
            for j in range(d):
                layers.append(Block(cin, w, 2 if j == 0 else 1))
                cin = w
        self.body = nn.Sequential(*layers)
        self.drop = nn.Dropout(0.2)
        self.proj = nn.Linear(cin, emb_dim, bias=False)
        self.proj_bn = nn.BatchNorm1d(emb_dim)
        self.weight = nn.Parameter(torch.randn(num_classes, emb_dim) * 0.01)
        self.scale = scale
        self.register_buffer("mean", torch.tensor(MEAN).view(1, 3, 1, 1))
        self.register_buffer("std", torch.tensor(STD).view(1, 3, 1, 1))

    def features(self, x):
        """x: float RGB in [0,1], NCHW."""
        x = (x - self.mean) / self.std
        x = self.body(self.stem(x))
        x = x.mean(dim=(2, 3))
        return self.proj_bn(self.proj(self.drop(x)))

    def forward(self, x):
        emb = F.normalize(self.features(x), dim=1)
        logits = self.scale * emb @ F.normalize(self.weight, dim=1).t()
        return logits, emb


class PretrainedRecognizer(nn.Module):
    """The same head on the COCO-pretrained detector backbone (see nanodet/), multi-scale pooled (896-d)."""

    def __init__(self, backbone, num_classes=81, emb_dim=128, scale=16.0):
        super().__init__()
        self.backbone = backbone
        self.drop = nn.Dropout(0.2)
        self.proj = nn.Linear(backbone.feature_dim, emb_dim, bias=False)
        self.proj_bn = nn.BatchNorm1d(emb_dim)
        self.weight = nn.Parameter(torch.randn(num_classes, emb_dim) * 0.01)
        self.scale = scale

    def features(self, x):
        return self.proj_bn(self.proj(self.drop(self.backbone(x))))

    def forward(self, x):
        emb = F.normalize(self.features(x), dim=1)
        logits = self.scale * emb @ F.normalize(self.weight, dim=1).t()
        return logits, emb


def build(kind, work=None):
    """`scratch`: the small residual CNN; `nanodet`: the pretrained detector backbone (needs nanodet_backbone.pt)."""
    if kind == "scratch":
        return Recognizer()
    import os, sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "nanodet"))
    from nanodet_backbone import load_backbone
    path = os.path.join(work or os.path.join(os.path.dirname(os.path.abspath(__file__)), "work"), "nanodet_backbone.pt")
    return PretrainedRecognizer(load_backbone(path, pool="multi"))


class Exported(nn.Module):
    """The ONNX graph: input `image` float32 [N,3,H,W] RGB in [0,1]; outputs `probs` and `embedding`."""

    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, image):
        logits, emb = self.m(image)
        return torch.softmax(logits, dim=1), emb
