"""Seeded generator of the VLM's training/eval examples from `catalog/catalog.json` and the dataset splits.

Kinds:
- `id`: an image + "Which of these products is it? Candidates: A; B; C; D; E" -> the true display name.
  Candidates are the true product + 4 distractors (0-3 hard ones from the same coarse category, then ones from
  the same top category, then any), shuffled.
- `qa`: a "Facts:" block (2-3 catalog products: price, unit weight, attributes) + a question whose answer copies
  or combines those facts (unit weight, price, total for a quantity, organic / lactose free / plant based,
  origin, fat %, which is cheaper, brand).
- `refuse`: basket-change requests and out-of-scope questions -> a fixed refusal.

The prompt text uses the chat template in `models/vlm/config.json`; `<image>` stands for the image and is expanded
to `image_seq_len` image tokens when tokenised. `python3 make_data.py --dump N` prints N rendered examples.
"""
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
DEFAULT_DATA = os.path.abspath(os.path.join(REPO, "..", "shared", "datasets", "GroceryStoreDataset"))

SPECIALS = ["<pad>", "<bos>", "<|end|>", "<|system|>", "<|user|>", "<|assistant|>", "<image>"]
PAD, BOS, END, SYS, USER, ASSIST, IMAGE = range(7)
CHAT_TEMPLATE = {"system": "<|system|>\n{content}<|end|>\n", "user": "<|user|>\n{content}<|end|>\n",
                 "assistant": "<|assistant|>\n{content}<|end|>\n", "generation_prompt": "<|assistant|>\n",
                 "image": "<image>"}
SYSTEM_PROMPTS = [None, None, None, None, "You are the shopping cart assistant. Answer from the facts given.",
                  "You are a helpful in-store assistant on a smart shopping cart."]
ID_QUESTIONS = ["Which of these products is it? Candidates: {c}",
                "Which of these products is it? Candidates: {c}",
                "Which product is in the picture? Candidates: {c}",
                "Identify the product. Candidates: {c}"]
REFUSE_BASKET = "I can't change the basket. Please add or remove items in the cart yourself."
REFUSE_SCOPE = "I can only answer questions about the products in this store."
NO_FACT = "The facts do not say."


def load_catalog(repo=REPO):
    with open(os.path.join(repo, "catalog", "catalog.json"), encoding="utf-8") as f:
        return json.load(f)["products"]


def load_split(data_root, split):
    """[(relative image path, class index)] of train/val/test."""
    out = []
    with open(os.path.join(data_root, "dataset", split + ".txt")) as f:
        for line in f:
            parts = [p.strip() for p in line.split(",")]
            if len(parts) >= 2 and parts[0]:
                out.append((parts[0], int(parts[1])))
    return out


def render(system, user, has_image, image_newline=False):
    """The prompt up to and including the generation prompt (text; `<image>` not yet expanded)."""
    s = "<bos>"
    if system:
        s += CHAT_TEMPLATE["system"].format(content=system)
    content = ("<image>" + ("\n" if image_newline else "") if has_image else "") + user
    s += CHAT_TEMPLATE["user"].format(content=content)
    return s + CHAT_TEMPLATE["generation_prompt"]


def money(x):
    return f"{x:.2f}"


def price_text(p):
    pr = p["price"]
    per = "kg" if pr["per"] == "Kilogram" else "unit"
    return f"{money(pr['amount'])} {pr['currency']} per {per}"


def fact_line(p):
    a = p["attributes"]
    parts = [price_text(p)]
    w = p["unit_weight_grams"]
    parts.append(("typical unit" if p["sold_by"] == "Weight" else "unit weight") + f" {w:g} g")
    if p.get("volume_ml"):
        parts.append(f"volume {p['volume_ml']:g} ml")
    if p.get("brand"):
        parts.append(f"brand {p['brand']}")
    parts.append("organic " + ("yes" if a.get("organic") else "no"))
    parts.append("lactose free " + ("yes" if a.get("lactose_free") else "no"))
    parts.append("plant based " + ("yes" if a.get("plant_based") else "no"))
    if a.get("fat_percent") is not None:
        parts.append(f"fat {a['fat_percent']:g}%")
    if a.get("origin"):
        parts.append(f"origin {a['origin']}")
    return f"- {p['display_name']}: " + "; ".join(parts)


def distractors(rng, catalog, true_idx, k=4):
    t = catalog[true_idx]
    same_coarse = [p["class_index"] for p in catalog if p["coarse_category"] == t["coarse_category"] and p["class_index"] != true_idx]
    same_top = [p["class_index"] for p in catalog if p["top_category"] == t["top_category"]
                and p["coarse_category"] != t["coarse_category"]]
    rest = [p["class_index"] for p in catalog if p["top_category"] != t["top_category"]]
    rng.shuffle(same_coarse), rng.shuffle(same_top), rng.shuffle(rest)
    n_hard = rng.randint(0, min(3, len(same_coarse)))
    out = same_coarse[:n_hard]
    pool = same_top + rest
    n_top = rng.randint(0, min(k - len(out), len(same_top)))
    out += same_top[:n_top]
    out += [c for c in rest if c not in out][: k - len(out)]
    return out[:k]


def id_prompt(rng, catalog, true_idx, candidates=None):
    """candidates: display names in order; None draws the true product + 4 distractors, shuffled."""
    if candidates is None:
        idx = [true_idx] + distractors(rng, catalog, true_idx)
        rng.shuffle(idx)
        candidates = [catalog[i]["display_name"] for i in idx]
    q = rng.choice(ID_QUESTIONS).format(c="; ".join(candidates))
    return q, candidates


def id_example(rng, catalog, rel, true_idx):
    q, cands = id_prompt(rng, catalog, true_idx)
    return {"kind": "id", "image": rel, "class_index": true_idx, "candidates": cands,
            "prompt": render(rng.choice(SYSTEM_PROMPTS), q, True, rng.random() < 0.3),
            "answer": catalog[true_idx]["display_name"]}


def _qa(rng, catalog):
    n = rng.choice([2, 2, 3])
    ps = rng.sample(catalog, n)
    p = ps[0]
    name = p["display_name"]
    a = p["attributes"]
    kind = rng.choice(["weight", "price", "total", "organic", "lactose", "plant", "origin", "fat", "cheaper",
                       "brand", "total_kg"])
    if kind == "weight":
        q = rng.choice(["What does one {n} weigh?", "How heavy is one {n}?", "What is the unit weight of {n}?"])
        ans = (f"About {p['unit_weight_grams']:g} g." if p["sold_by"] == "Weight" else f"{p['unit_weight_grams']:g} g.")
    elif kind == "price":
        q = rng.choice(["What does {n} cost?", "What is the price of {n}?", "How much is {n}?"])
        ans = price_text(p) + "."
    elif kind == "total":
        units = [x for x in ps if x["price"]["per"] == "Unit"]
        if not units:
            return _qa(rng, catalog)
        p = units[0]
        name = p["display_name"]
        qty = rng.randint(2, 6)
        q = rng.choice([f"How much do {qty} of {{n}} cost?", f"What do {qty} x {{n}} cost in total?"])
        tot = round(qty * p["price"]["amount"], 2)
        ans = f"{qty} x {money(p['price']['amount'])} = {money(tot)} {p['price']['currency']}."
    elif kind == "total_kg":
        kgs = [x for x in ps if x["price"]["per"] == "Kilogram"]
        if not kgs:
            return _qa(rng, catalog)
        p = kgs[0]
        name = p["display_name"]
        grams = rng.choice([250, 500, 750, 1000, 1500, 2000])
        q = f"How much do {grams} g of {{n}} cost?"
        tot = round(grams / 1000 * p["price"]["amount"], 2)
        ans = f"{grams / 1000:g} kg x {money(p['price']['amount'])} = {money(tot)} {p['price']['currency']}."
    elif kind in ("organic", "lactose", "plant"):
        key, word = {"organic": ("organic", "organic"), "lactose": ("lactose_free", "lactose free"),
                     "plant": ("plant_based", "plant based")}[kind]
        q = f"Is {{n}} {word}?"
        ans = "Yes." if a.get(key) else "No."
    elif kind == "origin":
        q = rng.choice(["Where does {n} come from?", "What is the origin of {n}?"])
        ans = (a["origin"] + ".") if a.get("origin") else NO_FACT
    elif kind == "fat":
        q = rng.choice(["What is the fat content of {n}?", "How much fat does {n} have?"])
        ans = f"{a['fat_percent']:g}%." if a.get("fat_percent") is not None else NO_FACT
    elif kind == "brand":
        q = "Which brand is {n}?"
        ans = (p["brand"] + ".") if p.get("brand") else NO_FACT
    else:  # cheaper: two products priced per the same unit
        same = [x for x in ps[1:] if x["price"]["per"] == p["price"]["per"] and x["price"]["amount"] != p["price"]["amount"]]
        if not same:
            return _qa(rng, catalog)
        o = same[0]
        first, second = (p, o) if rng.random() < 0.5 else (o, p)
        cheap = min((p, o), key=lambda x: x["price"]["amount"])
        q = f"Which is cheaper, {first['display_name']} or {second['display_name']}?"
        return ps, q, f"{cheap['display_name']} ({price_text(cheap)})."
    return ps, q.format(n=name), ans


def qa_example(rng, catalog):
    ps, q, ans = _qa(rng, catalog)
    ps = ps[:]
    rng.shuffle(ps)
    facts = "Facts:\n" + "\n".join(fact_line(x) for x in ps)
    return {"kind": "qa", "image": None, "prompt": render(rng.choice(SYSTEM_PROMPTS), facts + "\n" + q, False),
            "answer": ans}


BASKET_REQ = ["Remove the {n} from my basket.", "Add {k} {n} to my cart.", "Please take the {n} out of the basket.",
              "Put {k} more {n} in my basket.", "Delete {n} from the receipt.", "Change the quantity of {n} to {k}.",
              "Empty my basket.", "Clear the cart."]
SCOPE_REQ = ["What is the weather tomorrow?", "Tell me a joke.", "Who won the football match yesterday?",
             "Write a poem about the sea.", "What is the capital of France?", "Can you book a taxi for me?",
             "What time is it?", "Translate hello into Spanish.", "How do I fix my car?", "Play some music."]


def refuse_example(rng, catalog):
    p = rng.choice(catalog)
    if rng.random() < 0.5:
        q, ans = rng.choice(BASKET_REQ).format(n=p["display_name"], k=rng.randint(1, 5)), REFUSE_BASKET
    else:
        q, ans = rng.choice(SCOPE_REQ), REFUSE_SCOPE
    if rng.random() < 0.4:
        q = "Facts:\n" + fact_line(p) + "\n" + q
    return {"kind": "refuse", "image": None, "prompt": render(rng.choice(SYSTEM_PROMPTS), q, False), "answer": ans}


def sample(rng, catalog, images, p_id=0.5, p_refuse=0.08):
    r = rng.random()
    if r < p_id and images:
        rel, c = rng.choice(images)
        return id_example(rng, catalog, rel, c)
    if r < p_id + p_refuse:
        return refuse_example(rng, catalog)
    return qa_example(rng, catalog)


def corpus(seed, n, catalog, images):
    rng = random.Random(seed)
    return [sample(rng, catalog, images) for _ in range(n)]


if __name__ == "__main__":
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument("--dump", type=int, default=5)
    ap.add_argument("--data-root", default=DEFAULT_DATA)
    a = ap.parse_args()
    cat = load_catalog()
    imgs = load_split(a.data_root, "train")
    for ex in corpus(1, a.dump, cat, imgs):
        print(repr(ex["prompt"]), "->", repr(ex["answer"]))
