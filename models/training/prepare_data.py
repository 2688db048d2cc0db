"""Decode the GroceryStoreDataset splits once into uint8 arrays so training epochs cost no JPEG decoding.

Usage: python3 prepare_data.py --data-root ../shared/datasets/GroceryStoreDataset --size 144 --out work/
Only `train` and `val` (and the catalog's iconic images) are decoded: the test split is never read here.
"""
import argparse, csv, os
import numpy as np
from PIL import Image


def read_split(root, name):
    rows = []
    with open(os.path.join(root, "dataset", f"{name}.txt")) as f:
        for line in f:
            parts = [p.strip() for p in line.strip().split(",")]
            if len(parts) >= 2 and parts[0]:
                rows.append((parts[0], int(parts[1])))
    return rows


def load(root, rel, size):
    with Image.open(os.path.join(root, "dataset", rel)) as im:
        return np.asarray(im.convert("RGB").resize((size, size), Image.BILINEAR), dtype=np.uint8)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-root", default=os.path.join(os.path.dirname(__file__), "../../../shared/datasets/GroceryStoreDataset"))
    ap.add_argument("--size", type=int, default=144)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "work"))
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    for split in ("train", "val"):
        rows = read_split(a.data_root, split)
        x = np.stack([load(a.data_root, p, a.size) for p, _ in rows])
        y = np.array([c for _, c in rows], dtype=np.int64)
        np.savez(os.path.join(a.out, f"{split}_{a.size}.npz"), x=x, y=y, paths=np.array([p for p, _ in rows]))
        print(split, x.shape)
    with open(os.path.join(a.data_root, "dataset", "classes.csv")) as f:
        r = list(csv.reader(f))[1:]
    x = np.stack([load(a.data_root, row[4].lstrip("/"), a.size) for row in r])
    y = np.array([int(row[1]) for row in r], dtype=np.int64)
    np.savez(os.path.join(a.out, f"iconic_{a.size}.npz"), x=x, y=y, names=np.array([row[0] for row in r]))
    print("iconic", x.shape)


if __name__ == "__main__":
    main()
