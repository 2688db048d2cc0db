"""Precompute the frozen recognizer's embeddings for every image of a split (and the mirrored image for train).

The vision encoder's backbone is frozen, so training only needs its output: `work/vlm/feats_{split}.pt` holds
{"paths", "labels", "emb" [N,128], "emb_flip" [N,128]}. Preprocessing = the recognizer's: RGB, PIL bilinear
resize to 128x128, values in [0,1].
Usage: nice -n 15 /usr/bin/python3 features.py [--splits train val test] [--threads 1]
"""
import argparse
import os
import sys

import numpy as np
import torch
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from make_data import DEFAULT_DATA, REPO, load_split
from model import RecognizerEmbedding, load_recognizer


def load_image(data_root, rel, size=128):
    with Image.open(os.path.join(data_root, "dataset", rel)) as im:
        a = np.asarray(im.convert("RGB").resize((size, size), Image.BILINEAR), dtype=np.float32) / 255.0
    return torch.from_numpy(a).permute(2, 0, 1).contiguous()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--splits", nargs="+", default=["train", "val", "test"])
    ap.add_argument("--data-root", default=DEFAULT_DATA)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--out", default=os.path.join(REPO, "models", "training", "work", "vlm"))
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    os.makedirs(a.out, exist_ok=True)
    enc = RecognizerEmbedding(load_recognizer(REPO)).eval()
    for split in a.splits:
        items = load_split(a.data_root, split)
        embs, flips = [], []
        with torch.no_grad():
            for i in range(0, len(items), 32):
                x = torch.stack([load_image(a.data_root, rel) for rel, _ in items[i:i + 32]])
                embs.append(enc(x))
                flips.append(enc(torch.flip(x, dims=[3])))
                print(split, i, flush=True)
        torch.save({"paths": [r for r, _ in items], "labels": [c for _, c in items],
                    "emb": torch.cat(embs), "emb_flip": torch.cat(flips)}, os.path.join(a.out, f"feats_{split}.pt"))


if __name__ == "__main__":
    main()
