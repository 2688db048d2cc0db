"""Cart-camera crops for the recognizer: every add event of rendered scenes (make_scenes.py mode 2, train or val
split), cut out of the camera's "after" frame around the event's target box, the way the product crops an
attributed box (AttributionOptions.CropMargin, 0.1 of the box per side) but with a wider margin (--margin) so that
training can jitter the crop the way attribution and the margin vary.

Usage: python3 make_crops.py --scenes work/scenes/train [work/scenes/train2 ...] --out work/crops_train_256.npz [--size 256 --margin 0.25]
Labels come from the event's product name through the dataset's classes.csv; the test scenes are never read here.
"""
import argparse, csv, json, os
import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))


def class_ids(data_root):
    with open(os.path.join(data_root, "dataset", "classes.csv")) as f:
        return {row[0]: int(row[1]) for row in list(csv.reader(f))[1:]}


def crops(scenes, ids, size, margin):
    xs, ys, cams = [], [], []
    with open(os.path.join(scenes, "sessions.jsonl")) as f:
        sessions = [json.loads(line) for line in f if line.strip()]
    for s in sessions:
        for e in s["events"]:
            if e.get("type") != "add":
                continue
            for fr in e.get("frames", []):
                box = fr.get("target_box")
                if not box:
                    continue
                with Image.open(os.path.join(scenes, fr["after"])) as im:
                    im = im.convert("RGB")
                    x0, y0, x1, y1 = box
                    dx, dy = (x1 - x0) * margin, (y1 - y0) * margin
                    # PIL pads outside the frame with black; clamp instead, as the product's Expand does.
                    rect = (max(0, x0 - dx), max(0, y0 - dy), min(im.width, x1 + dx), min(im.height, y1 + dy))
                    xs.append(np.asarray(im.crop(rect).resize((size, size), Image.BILINEAR), dtype=np.uint8))
                ys.append(ids[e["product"]])
                cams.append(fr["camera"])
    return np.stack(xs), np.array(ys, dtype=np.int64), np.array(cams)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--scenes", required=True, nargs="+", help="one or more rendered scene folders")
    ap.add_argument("--out", required=True)
    ap.add_argument("--size", type=int, default=256)
    ap.add_argument("--margin", type=float, default=0.25)
    ap.add_argument("--data-root", default=os.path.join(HERE, "../../../../shared/datasets/GroceryStoreDataset"))
    a = ap.parse_args()
    if any("test" in os.path.basename(os.path.normpath(s)) for s in a.scenes):
        raise SystemExit("refusing to make training crops from test scenes")
    ids = class_ids(a.data_root)
    parts = [crops(s, ids, a.size, a.margin) for s in a.scenes]
    x, y, cams = (np.concatenate(p) for p in zip(*parts))
    np.savez(a.out, x=x, y=y, camera=cams, margin=a.margin)
    print(a.out, x.shape, "classes", len(set(y.tolist())))


if __name__ == "__main__":
    main()
