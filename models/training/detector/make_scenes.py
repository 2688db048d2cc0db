"""Synthetic two-camera cart scenes for the on-cart detector (issue 7; contract: ISSUE7-CONTRACT.md).

Product photos are cut out of their shelf backgrounds (GrabCut seeded with a centre rectangle, cleaned up to the
largest blob; masks cached as RGBA PNGs under models/training/work/cutouts/), laid top-down on a synthetic cart floor
(grey plastic or wire grid, receipts, bags, stains, drop shadows) where later items occlude earlier ones, and seen by
two fixed cameras: each is a perspective warp (homography) of the floor plus its own cart-frame bar, colour cast,
gamma, light gradient and sensor noise.

Mode 1 renders an existing session file:
    python3 make_scenes.py --sessions eval/sessions/test-400.jsonl --out models/training/work/scenes/test
Mode 2 makes random sessions from one split (detector training / validation):
    python3 make_scenes.py --split train --count 600 --out models/training/work/scenes/train

Outputs in --out: sessions.jsonl (events gain "frames"), annotations.jsonl (one line per distinct JPEG),
cameras.json (floor_from_image homographies), the JPEGs under <session id>/.
A static cart does not change between events, so the "after" frame of event k is also the "before" frame of
event k+1 (the same file); the empty cart before event 1 is its own file.
Deterministic: the same --seed and inputs give byte-identical files (single process, fixed RNG per session).
"""
import argparse
import json
import os
import re
import sys
import time

import cv2
import numpy as np
from PIL import Image

cv2.setNumThreads(1)

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
FRAME = 448          # camera frame size (square)
FLOOR = 512          # floor canvas resolution; the floor is [0,1]^2
CUT_MAX = 256        # cached cut-out longest side
GRAB = 112           # GrabCut working size (GrabCut cost grows with pixels; 112 px is enough for a mask)
MIN_VISIBLE = 0.30

# Fixed cameras (a real cart's cameras are mounted and calibrated once): the floor's unit-square corners
# (0,0),(1,0),(1,1),(0,1) as seen in each camera. cam0 hangs above the handle looking forward and down; cam1 sits on
# the front-right corner looking back, so its view is rotated and more oblique. Parts of the floor fall outside
# each view, which is why an item's visibility differs between the two cameras.
CAMERA_CORNERS = {
    "cam0": [(92, 18), (356, 24), (474, 452), (-30, 446)],
    "cam1": [(468, 402), (36, 470), (44, 28), (330, -6)],
}
# each camera's own occluder: a bar of the cart frame crossing its view (image pixels: x0,y0,x1,y1,thickness)
CAMERA_BARS = {"cam0": (0, 396, 448, 372, 22), "cam1": (396, 0, 430, 448, 18)}


def image_from_floor(cam):
    src = np.float32([(0, 0), (1, 0), (1, 1), (0, 1)])
    return cv2.getPerspectiveTransform(src, np.float32(CAMERA_CORNERS[cam])).astype(np.float64)


def default_data_root():
    env = os.environ.get("BASKET_DATA_ROOT")
    if env:
        return env
    return os.path.normpath(os.path.join(REPO, "..", "shared", "datasets", "GroceryStoreDataset"))


def product_of(rel):
    return rel.replace("\\", "/").split("/")[-2]


# ---------------------------------------------------------------------------------------------------- cut-outs
class CutoutCache:
    """RGBA cut-out per dataset image, computed once with GrabCut and cached as PNG."""

    def __init__(self, data_root, cache_dir):
        self.data_root, self.cache_dir = data_root, cache_dir
        self.mem = {}

    def get(self, rel):
        if rel in self.mem:
            return self.mem[rel]
        path = os.path.join(self.cache_dir, os.path.splitext(rel)[0] + ".png")
        if os.path.exists(path):
            rgba = cv2.imread(path, cv2.IMREAD_UNCHANGED)
        else:
            rgba = self._make(rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            tmp = path + ".tmp.png"
            cv2.imwrite(tmp, rgba)
            os.replace(tmp, path)
        rgba = cv2.cvtColor(rgba, cv2.COLOR_BGRA2RGBA)
        if len(self.mem) > 4000:
            self.mem.clear()
        self.mem[rel] = rgba
        return rgba

    def _make(self, rel):
        src = os.path.join(self.data_root, "dataset", rel)
        bgr = cv2.imread(src, cv2.IMREAD_COLOR)
        if bgr is None:
            with Image.open(src) as im:
                bgr = cv2.cvtColor(np.asarray(im.convert("RGB")), cv2.COLOR_RGB2BGR)
        rgb = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
        h, w = rgb.shape[:2]
        s = CUT_MAX / max(h, w)
        big = cv2.resize(rgb, (max(1, round(w * s)), max(1, round(h * s))), interpolation=cv2.INTER_AREA)
        g = GRAB / max(h, w)
        small = cv2.resize(rgb, (max(1, round(w * g)), max(1, round(h * g))), interpolation=cv2.INTER_AREA)
        mask = grabcut_mask(cv2.cvtColor(small, cv2.COLOR_RGB2BGR))
        alpha = cv2.resize(mask.astype(np.float32), (big.shape[1], big.shape[0]), interpolation=cv2.INTER_LINEAR)
        alpha = cv2.GaussianBlur(alpha, (5, 5), 0)
        alpha = np.clip((alpha - 0.5) * 2.5 + 0.5, 0, 1)
        a8 = (alpha * 255).astype(np.uint8)
        ys, xs = np.nonzero(a8 > 20)
        y0, y1, x0, x1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
        rgba = np.dstack([cv2.cvtColor(big, cv2.COLOR_RGB2BGR), a8])[y0:y1, x0:x1]
        return np.ascontiguousarray(rgba)


def grabcut_mask(bgr):
    """Foreground mask (uint8 0/1): GrabCut from a centre rectangle, largest component, holes filled.
    Falls back to an ellipse when GrabCut finds almost nothing or almost everything (plain backgrounds)."""
    h, w = bgr.shape[:2]
    mx, my = int(w * 0.08), int(h * 0.08)
    rect = (mx, my, w - 2 * mx, h - 2 * my)
    mask = np.zeros((h, w), np.uint8)
    bgd, fgd = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
    cv2.setRNGSeed(0)
    try:
        cv2.grabCut(bgr, mask, rect, bgd, fgd, 3, cv2.GC_INIT_WITH_RECT)
        fg = ((mask == cv2.GC_FGD) | (mask == cv2.GC_PR_FGD)).astype(np.uint8)
    except cv2.error:
        fg = np.zeros((h, w), np.uint8)
    k = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (3, 3))
    fg = cv2.morphologyEx(fg, cv2.MORPH_OPEN, k)
    fg = cv2.morphologyEx(fg, cv2.MORPH_CLOSE, k)
    n, lab, stats, _ = cv2.connectedComponentsWithStats(fg, 8)
    if n > 1:
        best = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
        fg = (lab == best).astype(np.uint8)
    # fill holes: flood the background from the border
    inv = (1 - fg).astype(np.uint8)
    ff = np.zeros((h + 2, w + 2), np.uint8)
    flood = inv.copy()
    cv2.floodFill(flood, ff, (0, 0), 2)
    fg[flood == 1] = 1
    frac = fg.mean()
    if frac < 0.12 or frac > 0.93:
        fg = np.zeros((h, w), np.uint8)
        cv2.ellipse(fg, (w // 2, h // 2), (int(w * 0.40), int(h * 0.42)), 0, 0, 360, 1, -1)
    return fg


# ---------------------------------------------------------------------------------------------------- textures
def floor_texture(rng):
    f = FLOOR
    kind = rng.integers(3)
    base = rng.uniform(95, 175)
    tint = rng.uniform(-12, 12, 3)
    img = np.empty((f, f, 3), np.float32)
    img[:] = base + tint
    # low-frequency mottling + fine grain
    low = cv2.resize(rng.normal(0, 1, (8, 8)).astype(np.float32), (f, f), interpolation=cv2.INTER_CUBIC)
    img += (low * rng.uniform(4, 12))[..., None]
    img += rng.normal(0, 3, (f, f, 1)).astype(np.float32)
    if kind == 0:  # wire grid floor: dark gaps between bright wires
        pitch = int(rng.integers(14, 26))
        wire = rng.uniform(170, 225)
        gap = np.float32(rng.uniform(25, 70))
        img = img * 0 + gap + low[..., None] * 6
        for p in range(int(rng.integers(0, pitch)), f, pitch):
            cv2.line(img, (p, 0), (p, f), (wire, wire, wire), 3)
            cv2.line(img, (0, p), (f, p), (wire * 0.9,) * 3, 2)
    elif kind == 1:  # ribbed plastic
        pitch = int(rng.integers(10, 20))
        for p in range(0, f, pitch):
            cv2.line(img, (0, p), (f, p), (base * 0.75,) * 3, 2)
    return img


def add_clutter(img, rng):
    f = FLOOR
    for _ in range(int(rng.integers(0, 4))):  # receipts: white rectangles with grey print lines
        w, h = int(rng.integers(40, 90)), int(rng.integers(80, 170))
        paper = np.full((h, w, 4), 0, np.float32)
        paper[..., :3] = rng.uniform(215, 250)
        paper[..., 3] = 1
        for y in range(8, h - 6, int(rng.integers(6, 10))):
            x1 = int(rng.integers(w // 3, w - 4))
            cv2.line(paper, (4, y), (x1, y), (90, 90, 90, 1), 1)
        paste_rotated(img, paper, rng.uniform(0, f), rng.uniform(0, f), rng.uniform(0, 360), 1.0)
    for _ in range(int(rng.integers(0, 3))):  # plastic bag: translucent pale polygon with creases
        pts = (rng.uniform(0, f, 2) + rng.normal(0, 45, (7, 2))).astype(np.int32)
        layer = np.zeros((f, f), np.float32)
        cv2.fillPoly(layer, [cv2.convexHull(pts)], 1.0)
        for _ in range(4):
            a, b = pts[rng.integers(7)], pts[rng.integers(7)]
            cv2.line(layer, tuple(int(v) for v in a), tuple(int(v) for v in b), 0.4, 2)
        layer = cv2.GaussianBlur(layer, (9, 9), 0)[..., None] * rng.uniform(0.35, 0.6)
        col = rng.uniform(200, 250, 3).astype(np.float32)
        img[:] = img * (1 - layer) + col * layer
    for _ in range(int(rng.integers(0, 4))):  # stains / soft shadows of the cart structure
        layer = np.zeros((f, f), np.float32)
        c = tuple(int(v) for v in rng.uniform(0, f, 2))
        ax = tuple(int(v) for v in rng.uniform(15, 90, 2))
        cv2.ellipse(layer, c, ax, float(rng.uniform(0, 180)), 0, 360, 1.0, -1)
        layer = cv2.GaussianBlur(layer, (31, 31), 0)[..., None] * rng.uniform(0.1, 0.35)
        img *= 1 - layer


def paste_rotated(dst, rgba, cx, cy, angle, scale):
    """Alpha-composite an RGBA float patch (alpha in [0,1]) rotated/scaled about its centre to (cx,cy)."""
    h, w = rgba.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, scale)
    m[:, 2] += (cx - w / 2, cy - h / 2)
    warped = cv2.warpAffine(rgba, m, (dst.shape[1], dst.shape[0]), flags=cv2.INTER_LINEAR, borderValue=0)
    a = warped[..., 3:4]
    dst[:] = dst * (1 - a) + warped[..., :3] * a


def wall_texture(rng):
    img = np.empty((FRAME, FRAME, 3), np.float32)
    img[:] = rng.uniform(40, 110) + rng.uniform(-8, 8, 3)
    pitch = int(rng.integers(16, 30))
    wire = rng.uniform(140, 210)
    for p in range(int(rng.integers(pitch)), FRAME, pitch):
        cv2.line(img, (p, 0), (p + int(rng.integers(-30, 30)), FRAME), (wire,) * 3, 2)
    img += rng.normal(0, 4, (FRAME, FRAME, 1)).astype(np.float32)
    return img


# ---------------------------------------------------------------------------------------------------- scene
class Item:
    __slots__ = ("product", "image", "patch", "alpha", "shadow", "x0", "y0", "full_px", "seq")


class SessionRenderer:
    """One cart for one session: floor, items placed so far, two fixed cameras with their own lighting."""

    def __init__(self, rng, cutouts):
        self.rng, self.cutouts = rng, cutouts
        self.floor = floor_texture(rng)
        add_clutter(self.floor, rng)
        self.items = []
        ang = rng.uniform(0, 2 * np.pi)
        self.shadow_offset = (np.cos(ang) * rng.uniform(4, 12), np.sin(ang) * rng.uniform(4, 12))
        self.shadow_strength = rng.uniform(0.25, 0.55)
        self.cams = {}
        yy, xx = np.mgrid[0:FRAME, 0:FRAME].astype(np.float32)
        for cam in CAMERA_CORNERS:
            h = image_from_floor(cam) @ np.diag([1.0 / FLOOR, 1.0 / FLOOR, 1.0])  # floor pixels -> image
            d = rng.uniform(-1, 1, 2)
            grad = 1 + rng.uniform(0.05, 0.25) * ((xx / FRAME - 0.5) * d[0] + (yy / FRAME - 0.5) * d[1]) * 2
            r2 = ((xx / FRAME - 0.5) ** 2 + (yy / FRAME - 0.5) ** 2)
            grad *= 1 - rng.uniform(0.1, 0.35) * r2 * 2           # vignette
            wall = wall_texture(rng)
            fm = cv2.warpPerspective(np.ones((FLOOR, FLOOR), np.float32), h, (FRAME, FRAME), flags=cv2.INTER_LINEAR)
            bar, col = self._bar(cam, rng)
            gain = rng.uniform(0.8, 1.2, 3).astype(np.float32) * np.float32(rng.uniform(0.8, 1.15))
            gamma = float(rng.uniform(0.8, 1.25))
            light = (grad[..., None] * gain).astype(np.float32)     # colour cast x light gradient
            # frame = (floor_warp * keep + add) * light: floor where the floor is visible, wall elsewhere, bar on top
            keep = (fm * (1 - bar))[..., None]
            add = wall * ((1 - fm) * (1 - bar))[..., None] + col * bar[..., None]
            noise_sigma = float(rng.uniform(1.5, 5.0))
            self.cams[cam] = {
                "H": h,
                "keep": (keep * light).astype(np.float32),
                "add": (add * light).astype(np.float32),
                "bar": bar > 0.5,
                "lut": np.clip(255.0 * np.power(np.arange(256) / 255.0, gamma), 0, 255).astype(np.uint8),
                # sensor noise: one field per camera and session, a random shift of it per frame
                "noise": np.clip(rng.normal(0, noise_sigma, (FRAME + 64, FRAME + 64, 3)), -127, 127).astype(np.int16),
            }

    def _bar(self, cam, rng):
        x0, y0, x1, y1, t = CAMERA_BARS[cam]
        m = np.zeros((FRAME, FRAME), np.float32)
        cv2.line(m, (x0, y0), (x1, y1), 1.0, t)
        col = np.float32(rng.uniform(60, 200, 1).repeat(3) + rng.uniform(-10, 10, 3))
        return m, col

    def add(self, rel, seq):
        rng = self.rng
        rgba = self.cutouts.get(rel).astype(np.float32)
        rgba[..., 3] /= 255.0
        h, w = rgba.shape[:2]
        size = rng.uniform(0.20, 0.36) * FLOOR                  # longest side on the floor
        scale = size / max(h, w)
        angle = rng.uniform(0, 360)
        # try a few positions, prefer less overlap with what is already there (people spread things out)
        best = None
        for _ in range(6):
            cx, cy = rng.uniform(0.14, 0.86, 2) * FLOOR
            ov = sum(max(0.0, 1 - np.hypot(cx - (it.x0 + it.alpha.shape[1] / 2), cy - (it.y0 + it.alpha.shape[0] / 2))
                         / (0.75 * size)) for it in self.items)
            ov += rng.uniform(0, 0.5)
            if best is None or ov < best[0]:
                best = (ov, cx, cy)
        _, cx, cy = best
        m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, scale)
        m[:, 2] += (cx - w / 2, cy - h / 2)
        # warp into the item's own bounding box on the floor canvas
        corners = np.array([[0, 0, 1], [w, 0, 1], [w, h, 1], [0, h, 1]], np.float64) @ m.T
        x0, y0 = np.floor(corners.min(0)).astype(int) - 1
        x1, y1 = np.ceil(corners.max(0)).astype(int) + 1
        m2 = m.copy()
        m2[:, 2] -= (x0, y0)
        patch = cv2.warpAffine(rgba, m2, (x1 - x0, y1 - y0), flags=cv2.INTER_LINEAR, borderValue=0)
        # light: items lit a little differently each
        patch[..., :3] *= rng.uniform(0.85, 1.12)
        it = Item()
        it.product, it.image, it.seq = product_of(rel), rel, seq
        it.patch, it.alpha, it.x0, it.y0 = patch[..., :3], patch[..., 3], int(x0), int(y0)
        it.shadow = cv2.GaussianBlur(it.alpha, (0, 0), 5) * self.shadow_strength
        it.full_px = {}
        for cam, c in self.cams.items():
            it.full_px[cam] = self._full_area(it, c["H"])
        self.items.append(it)
        return it

    def remove(self, product):
        for i, it in enumerate(self.items):
            if it.product == product:
                return self.items.pop(i)
        return None

    @staticmethod
    def _full_area(it, h):
        """Pixel area of the whole (unoccluded) item projected into the camera, counting parts outside the frame."""
        pad = FRAME // 2
        t = np.array([[1, 0, pad], [0, 1, pad], [0, 0, 1]], np.float64) @ h @ np.array(
            [[1, 0, it.x0], [0, 1, it.y0], [0, 0, 1]], np.float64)
        big = cv2.warpPerspective((it.alpha > 0.5).astype(np.uint8), t, (FRAME + 2 * pad, FRAME + 2 * pad),
                                  flags=cv2.INTER_NEAREST)
        return max(1, int(np.count_nonzero(big)))

    def compose_floor(self):
        img = self.floor.copy()
        labels = np.zeros((FLOOR, FLOOR), np.uint8)
        dx, dy = self.shadow_offset
        for k, it in enumerate(self.items):
            ph, pw = it.alpha.shape
            # drop shadow, offset and blurred, only inside the canvas
            sx0, sy0 = it.x0 + int(round(dx)), it.y0 + int(round(dy))
            _blend(img, it.shadow, sx0, sy0, None)
            _blend(img, it.alpha, it.x0, it.y0, it.patch)
            a0, b0 = max(0, it.x0), max(0, it.y0)
            a1, b1 = min(FLOOR, it.x0 + pw), min(FLOOR, it.y0 + ph)
            if a1 > a0 and b1 > b0:
                sub = it.alpha[b0 - it.y0:b1 - it.y0, a0 - it.x0:a1 - it.x0] > 0.5
                labels[b0:b1, a0:a1][sub] = k + 1
        return img, labels

    def render(self, frame_rng):
        """-> {cam: (uint8 RGB frame, boxes list, visible list, per-item (box, visible) list aligned with items)}"""
        floor_img, labels = self.compose_floor()
        out = {}
        for cam, c in self.cams.items():
            img = cv2.warpPerspective(floor_img, c["H"], (FRAME, FRAME), flags=cv2.INTER_LINEAR,
                                      borderMode=cv2.BORDER_CONSTANT, borderValue=0)
            lab = cv2.warpPerspective(labels, c["H"], (FRAME, FRAME), flags=cv2.INTER_NEAREST)
            lab[c["bar"]] = 0
            # lighting (colour cast, gradient, per-frame flicker), gamma by table, shifted sensor-noise field
            img = cv2.add(cv2.multiply(img, c["keep"]), c["add"])
            img = cv2.LUT(cv2.convertScaleAbs(img, alpha=float(frame_rng.uniform(0.95, 1.05))), c["lut"])
            ox, oy = frame_rng.integers(0, 64, 2)
            img = np.clip(img + c["noise"][oy:oy + FRAME, ox:ox + FRAME], 0, 255).astype(np.uint8)
            counts = np.bincount(lab.ravel(), minlength=len(self.items) + 1)
            per_item = []
            for k, it in enumerate(self.items):
                vis = min(1.0, counts[k + 1] / it.full_px[cam])
                box = None
                if counts[k + 1] > 0:
                    x, y, w, h = cv2.boundingRect((lab == k + 1).astype(np.uint8))
                    box = [int(x), int(y), int(x + w), int(y + h)]
                per_item.append((box, round(float(vis), 3)))
            out[cam] = (img, per_item)
        return out


def _blend(img, alpha, x0, y0, patch):
    """img[y0:, x0:] = img*(1-a) + patch*a   (patch None = darken by a), clipped to the canvas."""
    ph, pw = alpha.shape
    a0, b0 = max(0, x0), max(0, y0)
    a1, b1 = min(img.shape[1], x0 + pw), min(img.shape[0], y0 + ph)
    if a1 <= a0 or b1 <= b0:
        return
    a = alpha[b0 - y0:b1 - y0, a0 - x0:a1 - x0, None]
    region = img[b0:b1, a0:a1]
    if patch is None:
        region *= 1 - a
    else:
        region[:] = region * (1 - a) + patch[b0 - y0:b1 - y0, a0 - x0:a1 - x0] * a


# ---------------------------------------------------------------------------------------------------- sessions
def safe_name(s):
    return re.sub(r"[^A-Za-z0-9._-]", "_", str(s))


def random_sessions(data_root, split, count, rng):
    rows = []
    with open(os.path.join(data_root, "dataset", f"{split}.txt")) as f:
        for line in f:
            p = line.split(",")[0].strip()
            if p:
                rows.append(p)
    by_product = {}
    for p in rows:
        by_product.setdefault(product_of(p), []).append(p)
    products = sorted(by_product)
    sessions = []
    for i in range(count):
        n_add = int(rng.integers(2, 9))
        cart, events, adds, removes = [], [], 0, 0
        while adds < n_add:
            if cart and removes < 2 and rng.uniform() < 0.18:
                prod = cart[int(rng.integers(len(cart)))]
                cart.remove(prod)
                imgs = by_product[prod]
                events.append({"seq": len(events) + 1, "type": "remove", "image": imgs[int(rng.integers(len(imgs)))],
                               "weight_delta_g": -round(float(rng.uniform(50, 1200)), 1), "product": prod})
                removes += 1
                continue
            if cart and rng.uniform() < 0.25:
                prod = cart[int(rng.integers(len(cart)))]
            else:
                prod = products[int(rng.integers(len(products)))]
            imgs = by_product[prod]
            events.append({"seq": len(events) + 1, "type": "add", "image": imgs[int(rng.integers(len(imgs)))],
                           "weight_delta_g": round(float(rng.uniform(50, 1200)), 1), "product": prod})
            cart.append(prod)
            adds += 1
        expected = {}
        for p in cart:
            expected[p] = expected.get(p, 0) + 1
        sessions.append({"id": f"{split}-{i + 1}", "events": events,
                         "expected": [{"product": p, "qty": q} for p, q in sorted(expected.items())]})
    return sessions


def render_session(sess, index, seed, cutouts, out_dir, ann_f):
    rng = np.random.default_rng([seed, index, 1])
    frame_rng = np.random.default_rng([seed, index, 2])
    r = SessionRenderer(rng, cutouts)
    sid = safe_name(sess["id"])
    os.makedirs(os.path.join(out_dir, sid), exist_ok=True)

    def write(name, rendered):
        paths = {}
        for cam, (img, per_item) in rendered.items():
            rel = f"{sid}/{name}-{cam}.jpg"
            cv2.imwrite(os.path.join(out_dir, rel), cv2.cvtColor(img, cv2.COLOR_RGB2BGR),
                        [cv2.IMWRITE_JPEG_QUALITY, 90])
            boxes = [b for b, v in per_item if b is not None and v >= MIN_VISIBLE]
            vis = [v for b, v in per_item if b is not None and v >= MIN_VISIBLE]
            ann_f.write(json.dumps({"image": rel, "camera": cam, "boxes": boxes, "visible": vis}) + "\n")
            paths[cam] = rel
        return paths

    before_render = r.render(frame_rng)
    before = write("e0-before", before_render)
    for ei, ev in enumerate(sess["events"]):
        kind = ev.get("type")
        target = {cam: None for cam in r.cams}
        if kind == "add":
            it = r.add(ev["image"], ev.get("seq"))
            after_render = r.render(frame_rng)
            k = r.items.index(it)
            for cam, (_, per_item) in after_render.items():
                b, v = per_item[k]
                target[cam] = b if (b is not None and v >= MIN_VISIBLE) else None
        elif kind == "remove":
            idx = next((i for i, it in enumerate(r.items) if it.product == ev.get("product")), None)
            if idx is not None:
                for cam, (_, per_item) in before_render.items():
                    b, v = per_item[idx]
                    target[cam] = b if (b is not None and v >= MIN_VISIBLE) else None
                r.items.pop(idx)
            after_render = r.render(frame_rng)
        else:
            after_render = r.render(frame_rng)
        after = write(f"e{ei + 1}-after", after_render)
        ev["frames"] = [{"camera": cam, "before": before[cam], "after": after[cam], "target_box": target[cam]}
                        for cam in r.cams]
        before, before_render = after, after_render
    return sess


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sessions", help="mode 1: session file (jsonl) to render")
    ap.add_argument("--limit", type=int, default=0, help="mode 1: only the first N sessions")
    ap.add_argument("--split", choices=["train", "val"], help="mode 2: random sessions from this split")
    ap.add_argument("--count", type=int, default=100, help="mode 2: number of sessions")
    ap.add_argument("--out", required=True)
    ap.add_argument("--data-root", default=default_data_root())
    ap.add_argument("--cutouts", default=os.path.join(REPO, "models", "training", "work", "cutouts"))
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    if bool(a.sessions) == bool(a.split):
        ap.error("give exactly one of --sessions FILE or --split train|val")
    if a.sessions:
        with open(a.sessions) as f:
            sessions = [json.loads(l) for l in f if l.strip()]
        if a.limit:
            sessions = sessions[:a.limit]
    else:
        sessions = random_sessions(a.data_root, a.split, a.count, np.random.default_rng([a.seed, 99]))
    os.makedirs(a.out, exist_ok=True)
    cutouts = CutoutCache(a.data_root, a.cutouts)
    t0 = time.time()
    frames = 0
    with open(os.path.join(a.out, "annotations.jsonl"), "w") as ann_f, \
            open(os.path.join(a.out, "sessions.jsonl"), "w") as ses_f:
        for i, s in enumerate(sessions):
            s = render_session(s, i, a.seed, cutouts, a.out, ann_f)
            ses_f.write(json.dumps(s) + "\n")
            frames += 2 * (len(s["events"]) + 1)
            if (i + 1) % 25 == 0 or i + 1 == len(sessions):
                print(f"{i + 1}/{len(sessions)} sessions, {frames} frames, {time.time() - t0:.0f}s", flush=True)
    cams = {}
    for cam in CAMERA_CORNERS:
        fi = np.linalg.inv(image_from_floor(cam))
        fi /= fi[2, 2]
        cams[cam] = {"floor_from_image": [round(float(v), 10) for v in fi.ravel()]}
    with open(os.path.join(a.out, "cameras.json"), "w") as f:
        json.dump({"frame_size": [FRAME, FRAME], "cameras": cams}, f, indent=1)


if __name__ == "__main__":
    sys.exit(main())
