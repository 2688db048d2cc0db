"""Scene frames -> arrays, training targets, decoding and mAP@0.5 (class-agnostic), shared by training and export."""
import json
import os

import cv2
import numpy as np
import torch

cv2.setNumThreads(1)


def load_scenes(scene_dir, size, limit=0, known=None, first_lines=0):
    """annotations.jsonl of a scene folder -> (uint8 [N,S,S,3] RGB resized bilinear, list of float32 [k,4] boxes in
    S-pixel coordinates, list of image names). Lines whose JPEG is missing (a generator still running) are skipped,
    and so are names in `known` (incremental loading while the generator is still writing)."""
    imgs, boxes, names = [], [], []
    with open(os.path.join(scene_dir, "annotations.jsonl")) as f:
        lines = [l for l in f if l.strip()]
    if first_lines:
        lines = lines[:first_lines]
    for l in lines:
        try:
            d = json.loads(l)
        except json.JSONDecodeError:
            continue
        if known is not None and d["image"] in known:
            continue
        p = os.path.join(scene_dir, d["image"])
        im = cv2.imread(p, cv2.IMREAD_COLOR)
        if im is None:
            continue
        h, w = im.shape[:2]
        im = cv2.resize(cv2.cvtColor(im, cv2.COLOR_BGR2RGB), (size, size), interpolation=cv2.INTER_LINEAR)
        b = np.array(d["boxes"], np.float32).reshape(-1, 4)
        b[:, [0, 2]] *= size / w
        b[:, [1, 3]] *= size / h
        imgs.append(im)
        boxes.append(b)
        names.append(d["image"])
        if limit and len(imgs) >= limit:
            break
    if not imgs:
        return np.zeros((0, size, size, 3), np.uint8), [], []
    return np.stack(imgs), boxes, names


def make_targets(boxes_list, size, stride, alpha=0.54):
    """TTFNet-style targets. heat: elliptical Gaussian per box, 1 at the centre cell. Regression on every cell of the
    box's (narrower, beta=alpha) Gaussian, weight = Gaussian value * log(area) normalised per box; where boxes
    overlap the smaller box owns the cell."""
    g = size // stride
    n = len(boxes_list)
    heat = np.zeros((n, 1, g, g), np.float32)
    box_t = np.zeros((n, 4, g, g), np.float32)
    w_t = np.zeros((n, 1, g, g), np.float32)
    ys, xs = np.mgrid[0:g, 0:g].astype(np.float32)
    for i, boxes in enumerate(boxes_list):
        if len(boxes) == 0:
            continue
        areas = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
        for j in np.argsort(-areas):          # large first, small ones overwrite
            x0, y0, x1, y1 = boxes[j]
            bw, bh = max(x1 - x0, 1.0), max(y1 - y0, 1.0)
            cx, cy = (x0 + x1) / 2 / stride, (y0 + y1) / 2 / stride
            ci, cj = min(int(cx), g - 1), min(int(cy), g - 1)
            sx, sy = max(alpha * bw / 6 / stride, 0.35), max(alpha * bh / 6 / stride, 0.35)
            gauss = np.exp(-((xs - ci) ** 2) / (2 * sx ** 2) - ((ys - cj) ** 2) / (2 * sy ** 2))
            heat[i, 0] = np.maximum(heat[i, 0], gauss)
            heat[i, 0, cj, ci] = 1.0
            # regression region: Gaussian > 0.1 inside the box
            cxp, cyp = (xs + 0.5) * stride, (ys + 0.5) * stride
            inside = (cxp > x0) & (cxp < x1) & (cyp > y0) & (cyp < y1)
            region = (gauss > 0.1) & inside
            region[cj, ci] = True
            wgt = gauss * region
            wgt = wgt / max(wgt.sum(), 1e-6) * np.log(max(bw * bh, 2.0))
            box_t[i, :, region] = boxes[j]
            w_t[i, 0][region] = wgt[region]
    return heat, box_t, w_t


def focal_loss(logits, target):
    p = torch.sigmoid(logits).clamp(1e-4, 1 - 1e-4)
    pos = target.eq(1).float()
    neg = 1 - pos
    pos_loss = torch.log(p) * (1 - p) ** 2 * pos
    neg_loss = torch.log(1 - p) * p ** 2 * (1 - target) ** 4 * neg
    npos = pos.sum().clamp(min=1)
    return -(pos_loss.sum() + neg_loss.sum()) / npos


def giou_loss(ltrb, box_t, w_t, stride):
    n, _, g, _ = ltrb.shape
    mask = w_t[:, 0] > 0
    if mask.sum() == 0:
        return ltrb.sum() * 0
    ys, xs = torch.meshgrid(torch.arange(g, dtype=torch.float32), torch.arange(g, dtype=torch.float32), indexing="ij")
    cx, cy = ((xs + 0.5) * stride).expand(n, g, g)[mask], ((ys + 0.5) * stride).expand(n, g, g)[mask]
    d = ltrb.permute(0, 2, 3, 1)[mask]
    t = box_t.permute(0, 2, 3, 1)[mask]
    w = w_t[:, 0][mask]
    px0, py0, px1, py1 = cx - d[:, 0], cy - d[:, 1], cx + d[:, 2], cy + d[:, 3]
    tx0, ty0, tx1, ty1 = t.unbind(1)
    ix = (torch.min(px1, tx1) - torch.max(px0, tx0)).clamp(min=0)
    iy = (torch.min(py1, ty1) - torch.max(py0, ty0)).clamp(min=0)
    inter = ix * iy
    ap = (px1 - px0) * (py1 - py0)
    at = (tx1 - tx0) * (ty1 - ty0)
    union = ap + at - inter + 1e-6
    iou = inter / union
    ex = torch.max(px1, tx1) - torch.min(px0, tx0)
    ey = torch.max(py1, ty1) - torch.min(py0, ty0)
    enc = ex * ey + 1e-6
    giou = iou - (enc - union) / enc
    return ((1 - giou) * w).sum() / w.sum().clamp(min=1e-6) * 1.0


def decode(scores, ltrb, stride, thr=0.05, nms_iou=0.5, max_det=32):
    """One image: scores [1,g,g] (already peak-suppressed), ltrb [4,g,g] -> (boxes [k,4], scores [k]) after NMS,
    in input pixels. The same steps the C# runtime performs."""
    s = scores[0]
    yy, xx = np.nonzero(s >= thr)
    if len(yy) == 0:
        return np.zeros((0, 4), np.float32), np.zeros(0, np.float32)
    sc = s[yy, xx]
    cx, cy = (xx + 0.5) * stride, (yy + 0.5) * stride
    d = ltrb[:, yy, xx]
    b = np.stack([cx - d[0], cy - d[1], cx + d[2], cy + d[3]], 1).astype(np.float32)
    order = np.argsort(-sc, kind="stable")
    keep = []
    for i in order:
        if len(keep) >= max_det:
            break
        if keep and iou_one(b[i], b[keep]).max() > nms_iou:
            continue
        keep.append(i)
    return b[keep], sc[keep]


def iou_one(a, bs):
    ix = np.clip(np.minimum(a[2], bs[:, 2]) - np.maximum(a[0], bs[:, 0]), 0, None)
    iy = np.clip(np.minimum(a[3], bs[:, 3]) - np.maximum(a[1], bs[:, 1]), 0, None)
    inter = ix * iy
    ua = (a[2] - a[0]) * (a[3] - a[1]) + (bs[:, 2] - bs[:, 0]) * (bs[:, 3] - bs[:, 1]) - inter
    return inter / np.maximum(ua, 1e-9)


def average_precision(dets, gts, iou_thr=0.5):
    """dets: list per image of (boxes, scores); gts: list per image of boxes. VOC all-point AP, class-agnostic."""
    recs = []
    npos = sum(len(g) for g in gts)
    for i, (b, s) in enumerate(dets):
        for k in range(len(s)):
            recs.append((float(s[k]), i, b[k]))
    recs.sort(key=lambda r: -r[0])
    used = [np.zeros(len(g), bool) for g in gts]
    tp = np.zeros(len(recs))
    for r, (_, i, b) in enumerate(recs):
        g = gts[i]
        if len(g) == 0:
            continue
        ious = iou_one(b, g)
        j = int(np.argmax(ious))
        if ious[j] >= iou_thr and not used[i][j]:
            used[i][j] = True
            tp[r] = 1
    if npos == 0:
        return 0.0
    ctp = np.cumsum(tp)
    rec = ctp / npos
    prec = ctp / np.arange(1, len(recs) + 1)
    mrec = np.concatenate([[0], rec, [1]])
    mpre = np.concatenate([[0], prec, [0]])
    for k in range(len(mpre) - 2, -1, -1):
        mpre[k] = max(mpre[k], mpre[k + 1])
    idx = np.nonzero(mrec[1:] != mrec[:-1])[0]
    return float(np.sum((mrec[idx + 1] - mrec[idx]) * mpre[idx + 1]))


def to_input(batch_uint8, mean, std):
    x = torch.from_numpy(batch_uint8).permute(0, 3, 1, 2).float() / 255.0
    m = torch.tensor(mean).view(1, 3, 1, 1)
    s = torch.tensor(std).view(1, 3, 1, 1)
    return (x - m) / s
