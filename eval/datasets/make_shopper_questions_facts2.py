#!/usr/bin/env python3
"""Shopper questions on PRODUCT FACTS, DIET and the STORE'S RANGE (facts2 set).

Written by a separate session that read only catalog/catalog.json, the format part of eval/datasets/README.md and the
harness graders -- not the assistant, its prompts, the other generators or their data. Every truth is computed here
from catalog/catalog.json with this file's own small code. Standard library only, seeded, no clock:

    python3 eval/datasets/make_shopper_questions_facts2.py

rewrites eval/datasets/shopper-questions-facts2.jsonl and prints the number of cases per category and split.

Split: each category has several phrasing templates; the LAST ones are test-only and the first ones val-only (texts
disjoint). A seeded coin puts ~40 % of each category in val; val baskets are drawn from seeds 300 000+, test baskets
from 700 000+ (disjoint random streams).
"""
import json
import os
import random
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CATALOG = os.path.join(ROOT, "catalog", "catalog.json")
OUT = os.path.join(ROOT, "eval", "datasets", "shopper-questions-facts2.jsonl")

with open(CATALOG, encoding="utf-8") as f:
    PRODUCTS = json.load(f)["products"]
BY_ID = {p["id"]: p for p in PRODUCTS}

YES = r"^\W*(yes|yep|yeah|ja)\b"
NO = r"^\W*(no|nope|nej)\b"
# Not sold / not known: must not open with yes and must carry a negation.
NEG = r"^(?!\W*(yes|yep|yeah|ja|sure)\b)[\s\S]*(\bnot\b|\bno\b|n't\b|n\u2019t\b|\bnone\b|\bneither\b|\bunknown\b|\bunfortunately\b)"
# No allergen list: neither a plain yes nor a plain no.
NOT_YES_NO = r"^(?!\W*(yes|yep|yeah|ja|no|nope|nej)\b)"


def attr(p, k, default=None):
    return p.get("attributes", {}).get(k, default)


def allergens(p):
    return p.get("allergens")  # None = no list (unknown), [] = list without EU allergens


def is_pack(p):
    return p["top_category"] == "Packages"


DAIRY_COARSE = {"Milk", "Yoghurt", "Sour-Cream", "Sour-Milk"}
PLANT_COARSE = {"Oat-Milk", "Soy-Milk", "Oatghurt", "Soyghurt"}


def is_dairy(p):
    return p["coarse_category"] in DAIRY_COARSE


def is_plant_alt(p):
    return p["coarse_category"] in PLANT_COARSE


# ---------------------------------------------------------------------------------------------------------------
# Names: every mention here picks out exactly one catalogue product (checked against the catalogue by hand: no other
# product answers to it). Swedish and everyday names mixed with display names.
NAMES = {
    "Golden-Delicious": ["golden delicious", "golden delicious apples", "Apple Golden Delicious"],
    "Granny-Smith": ["granny smith", "granny smith apples", "green granny smith apples"],
    "Pink-Lady": ["pink lady", "pink lady apples"],
    "Red-Delicious": ["red delicious", "red delicious apples"],
    "Royal-Gala": ["royal gala", "royal gala apples"],
    "Avocado": ["avocado", "avocados", "avokado"],
    "Banana": ["bananas", "banana", "bananer"],
    "Kiwi": ["kiwi", "kiwis", "kiwifruit"],
    "Lemon": ["lemons", "lemon", "citroner"],
    "Lime": ["limes", "lime"],
    "Mango": ["mango", "mangos", "mangoes"],
    "Cantaloupe": ["cantaloupe", "cantaloupe melon", "Melon Cantaloupe"],
    "Galia-Melon": ["galia melon", "galia"],
    "Honeydew-Melon": ["honeydew melon", "honeydew"],
    "Watermelon": ["watermelon", "vattenmelon", "water melon"],
    "Nectarine": ["nectarines", "nectarine", "nektariner"],
    "Papaya": ["papaya", "papayas"],
    "Passion-Fruit": ["passion fruit", "passionsfrukt"],
    "Peach": ["peaches", "peach", "persikor"],
    "Anjou": ["anjou pears", "anjou pear", "Pear Anjou"],
    "Conference": ["conference pears", "conference pear"],
    "Kaiser": ["bosc pears", "kaiser pears", "Pear Bosc-kaiser"],
    "Pineapple": ["pineapple", "ananas"],
    "Plum": ["red plums", "plums", "plommon"],
    "Pomegranate": ["pomegranate", "granatäpple"],
    "Red-Grapefruit": ["red grapefruit", "fresh red grapefruit"],
    "Satsumas": ["satsumas", "satsuma"],
    "Bravo-Apple-Juice": ["Bravo apple juice", "bravo äppeljuice", "Bravo Äpple Juice"],
    "Bravo-Orange-Juice": ["Bravo orange juice", "bravo apelsinjuice"],
    "God-Morgon-Apple-Juice": ["God Morgon apple juice", "god morgon äppeljuice"],
    "God-Morgon-Orange-Juice": ["God Morgon orange juice", "god morgon apelsinjuice"],
    "God-Morgon-Orange-Red-Grapefruit-Juice": ["God Morgon apelsin blodgrape", "god morgon orange and blood grapefruit juice"],
    "God-Morgon-Red-Grapefruit-Juice": ["God Morgon blodgrape juice", "god morgon blood grapefruit juice"],
    "Tropicana-Apple-Juice": ["Tropicana apple juice", "tropicana äpple"],
    "Tropicana-Golden-Grapefruit": ["Tropicana Golden Grapefruit", "tropicana grapefruit juice"],
    "Tropicana-Juice-Smooth": ["Tropicana Smooth Style", "tropicana smooth orange juice"],
    "Tropicana-Mandarin-Morning": ["Tropicana Mandarin Morning", "tropicana mandarin juice"],
    "Arla-Ecological-Medium-Fat-Milk": ["Arla ekologisk mellanmjölk", "arla organic semi-skimmed milk"],
    "Arla-Lactose-Medium-Fat-Milk": ["Arla laktosfri mellanmjölk", "arla lactose-free milk"],
    "Arla-Standard-Milk": ["Arla mjölk 3%", "arla whole milk", "arla standardmjölk 3%"],
    "Garant-Ecological-Medium-Fat-Milk": ["Garant mellanmjölk", "garant semi-skimmed milk"],
    "Garant-Ecological-Standard-Milk": ["Garant standardmjölk", "garant whole milk 3%"],
    "Oatly-Natural-Oatghurt": ["Oatly havregurt", "oatly oat yoghurt", "oatly oatgurt"],
    "Oatly-Oat-Milk": ["Oatly oat drink", "oatly havredryck", "oatly oat milk"],
    "Arla-Ecological-Sour-Cream": ["Arla organic sour cream", "arla ekologisk gräddfil"],
    "Arla-Sour-Cream": ["Arla Gräddfil 12%", "non-organic arla gräddfil"],
    "Arla-Sour-Milk": ["filmjölk", "Arla filmjölk", "arla soured milk"],
    "Alpro-Blueberry-Soyghurt": ["Alpro blueberry soyghurt", "alpro blåbär soy yoghurt"],
    "Alpro-Vanilla-Soyghurt": ["Alpro vanilla soyghurt", "alpro vanilla soy yoghurt"],
    "Alpro-Fresh-Soy-Milk": ["Alpro soy drink fresh", "chilled alpro soy drink"],
    "Alpro-Shelf-Soy-Milk": ["Alpro long-life soy drink", "long-life alpro soy milk"],
    "Arla-Mild-Vanilla-Yoghurt": ["Arla mild vanilla yoghurt", "arla vaniljyoghurt"],
    "Arla-Natural-Mild-Low-Fat-Yoghurt": ["Arla lättyoghurt", "arla low-fat natural yoghurt 0.5%"],
    "Arla-Natural-Yoghurt": ["Arla yoghurt naturell", "arla naturell yoghurt 3%"],
    "Valio-Vanilla-Yoghurt": ["Valio vaniljyoghurt", "valio vanilla yoghurt"],
    "Yoggi-Strawberry-Yoghurt": ["Yoggi jordgubb", "yoggi strawberry yoghurt"],
    "Yoggi-Vanilla-Yoghurt": ["Yoggi Madagaskar vanilj", "yoggi vanilla yoghurt"],
    "Asparagus": ["green asparagus", "sparris", "asparagus"],
    "Aubergine": ["aubergine", "eggplant"],
    "Cabbage": ["white cabbage", "vitkål"],
    "Carrots": ["carrots", "morötter", "carrot"],
    "Cucumber": ["cucumber", "gurka"],
    "Garlic": ["garlic", "vitlök"],
    "Ginger": ["ginger", "ingefära"],
    "Leek": ["leek", "purjolök"],
    "Brown-Cap-Mushroom": ["forest mushrooms", "brown forest mushrooms", "svamp"],
    "Yellow-Onion": ["yellow onions", "gul lök"],
    "Green-Bell-Pepper": ["green pepper", "grön paprika"],
    "Orange-Bell-Pepper": ["orange pepper", "orange paprika"],
    "Red-Bell-Pepper": ["red pepper", "röd paprika"],
    "Yellow-Bell-Pepper": ["yellow pepper", "gul paprika"],
    "Floury-Potato": ["floury potatoes", "mjölig potatis"],
    "Solid-Potato": ["firm potatoes", "fast potatis"],
    "Sweet-Potato": ["sweet potato", "sötpotatis"],
    "Red-Beet": ["beetroot", "rödbetor", "red beets"],
    "Beef-Tomato": ["beef tomato", "beef tomatoes", "bifftomat"],
    "Vine-Tomato": ["vine tomatoes", "kvisttomater"],
    "Zucchini": ["zucchini", "courgette", "squash"],
}
# Arla-Medium-Fat-Milk and Regular-Tomato have no name that no other product answers to: only used in baskets, never
# mentioned by name.
for pid in NAMES:
    assert pid in BY_ID, pid

ORIGIN_WORDS = {
    "Italy": ["italy", "italian", "italien"], "Argentina": ["argentina", "argentin"], "Peru": ["peru"],
    "Ecuador": ["ecuador"], "Spain": ["spain", "spanish", "spanien"], "Brazil": ["brazil", "brasil"],
    "Mexico": ["mexico", "mexican"], "Colombia": ["colombia"], "Netherlands": ["netherlands", "dutch", "holland"],
    "Costa Rica": ["costa rica"], "Chile": ["chile"], "Israel": ["israel"], "Sweden": ["sweden", "swedish", "sverige"],
    "Denmark": ["denmark", "danish", "danmark"], "Finland": ["finland", "finnish"], "Germany": ["germany", "german"],
    "China": ["china", "chinese", "kina"], "Poland": ["poland", "polish", "polen"],
    "USA": ["usa", "united states", "america", "u.s."],
}
for p in PRODUCTS:
    o = attr(p, "origin")
    assert o is None or o in ORIGIN_WORDS, o


def swap_typo(rng, text):
    words = [i for i, w in enumerate(text.split(" ")) if len(w) >= 5 and w.isalpha()]
    if not words:
        return text
    parts = text.split(" ")
    i = rng.choice(words)
    w = parts[i]
    j = rng.randrange(1, len(w) - 2)
    parts[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    return " ".join(parts)


def name(rng, pid, typo=True):
    n = rng.choice(NAMES[pid])
    if typo and rng.random() < 0.15:
        n = swap_typo(rng, n)
    return n


def casual(rng, q):
    """Lower case a third of the questions, drop the question mark in some."""
    if rng.random() < 0.33:
        q = q.lower()
    if q.endswith("?") and rng.random() < 0.3:
        q = q[:-1]
    return q


def fmt_num(x):
    s = ("%.2f" % x).rstrip("0").rstrip(".")
    return s


def money(x):
    # half-up to öre
    return float(int(x * 100 + 0.5 + 1e-9)) / 100


# ---------------------------------------------------------------------------------------------------------------
PACK_IDS = [p["id"] for p in PRODUCTS if is_pack(p)]
PRODUCE_IDS = [p["id"] for p in PRODUCTS if not is_pack(p)]
LISTED_IDS = [p["id"] for p in PRODUCTS if allergens(p) is not None]
for pid in PACK_IDS:
    assert allergens(BY_ID[pid]) is not None, pid  # every pack in this catalogue has a list
for pid in PRODUCE_IDS:
    assert allergens(BY_ID[pid]) is None, pid  # produce has none (unknown)
NOT_ESTIMATED_PRODUCE = [pid for pid in PRODUCE_IDS if not BY_ID[pid].get("unit_weight_estimated") and BY_ID[pid]["sold_by"] == "Weight"]


def basket_of(rng, pool, n_min=2, n_max=4, must=()):
    n = rng.randint(n_min, n_max)
    ids = list(must)
    cand = [x for x in pool if x not in ids]
    rng.shuffle(cand)
    ids += cand[: max(0, n - len(ids))]
    rng.shuffle(ids)
    return [{"product": x, "qty": (1 if is_pack(BY_ID[x]) and rng.random() < 0.7 else rng.randint(1, 4))} for x in ids]


def random_basket(rng, avoid=(), n_min=1, n_max=4):
    pool = [p["id"] for p in PRODUCTS if p["id"] not in avoid]
    return basket_of(rng, pool, n_min, n_max)


def ids_of(basket):
    return [l["product"] for l in basket]


# ---------------------------------------------------------------------------------------------------------------
# Category builders. Each returns a list of templates; a template is a function (rng) -> (basket, question, expect)
# or None when the draw does not fit (the caller redraws).


def T(fn):
    return fn


def cat_vegan_product():
    targets = [pid for pid in NAMES if is_dairy(BY_ID[pid]) or is_plant_alt(BY_ID[pid])]

    def draw(rng, store_texts, my_texts):
        pid = rng.choice(targets)
        yes = bool(attr(BY_ID[pid], "plant_based"))
        mine = my_texts and rng.random() < 0.5
        texts = my_texts if mine else store_texts
        if mine:
            basket = basket_of(rng, [x for x in PRODUCE_IDS], 0, 2, must=[pid])
        else:
            basket = random_basket(rng, avoid=[pid], n_min=1, n_max=3)
        q = rng.choice(texts).format(x=name(rng, pid))
        e = {"kind": "answered", "regex": YES if yes else NO, "product_ids": [pid]}
        if mine:
            e["basket_only"] = True
        return basket, q, e

    t = [
        lambda r: draw(r, ["Is {x} vegan?", "is the {x} vegan"], ["Is my {x} vegan?"]),
        lambda r: draw(r, ["is {x} plant based?", "{x} - plant-based or not?"], ["the {x} i picked up, is it plant based"]),
        lambda r: draw(r, ["my sister is vegan, can she have the {x}?", "vegan friend coming over, is {x} ok for her?"], []),
        lambda r: draw(r, ["hey quick q, {x}, vegan yes or no?"], ["quick one: is the {x} in my cart vegan"]),
        lambda r: draw(r, ["im vegan so can i eat {x}?", "does {x} work for a vegan diet"], []),
        lambda r: draw(r, ["is there anything animal in {x} or is it fully vegan?"], ["i went vegan last month, is the {x} i grabbed vegan?"]),
    ]
    return t


def cat_organic_product():
    organic = [pid for pid in NAMES if attr(BY_ID[pid], "organic")]
    others = [pid for pid in NAMES if not attr(BY_ID[pid], "organic")]

    def draw(rng, store_texts, my_texts):
        for _ in range(30):
            pid = rng.choice(organic if rng.random() < 0.35 else others)
            n = name(rng, pid)
            if not re.search(r"organic|ekolog|eko\b", n, re.I):  # no name that already says it
                break
        else:
            return None
        yes = bool(attr(BY_ID[pid], "organic"))
        mine = bool(my_texts) and rng.random() < 0.5
        basket = basket_of(rng, PRODUCE_IDS + PACK_IDS, 1, 3, must=[pid]) if mine else random_basket(rng, avoid=[pid])
        q = rng.choice(my_texts if mine else store_texts).format(x=n)
        e = {"kind": "answered", "regex": YES if yes else NO, "product_ids": [pid]}
        if mine:
            e["basket_only"] = True
        return basket, q, e

    return [
        lambda r: draw(r, ["Is {x} organic?", "are the {x} organic"], ["are my {x} organic?"]),
        lambda r: draw(r, ["is {x} ekologisk?", "{x} eko or not"], ["is the {x} in my basket ekologiskt"]),
        lambda r: draw(r, ["i only buy organic, is {x} organic?"], ["trying to go all organic this week - is my {x} organic?"]),
        lambda r: draw(r, ["{x}: organic?"], ["the {x} i have, organic y/n"]),
        lambda r: draw(r, ["does the {x} count as organic?"], []),
        lambda r: draw(r, ["my wife asked me to check, is {x} organic or conventional?"], ["can u tell me if my {x} is organically grown"]),
    ]


def cat_lactose_free_product():
    targets = [pid for pid in NAMES if "milk" in (allergens(BY_ID[pid]) or [])]

    def draw(rng, store_texts, my_texts):
        if rng.random() < 0.2:
            pid = "Arla-Lactose-Medium-Fat-Milk"
        else:
            pid = rng.choice([t for t in targets if t != "Arla-Lactose-Medium-Fat-Milk"])
        n = name(rng, pid)
        yes = bool(attr(BY_ID[pid], "lactose_free"))
        mine = my_texts and rng.random() < 0.5
        basket = basket_of(rng, PRODUCE_IDS, 1, 3, must=[pid]) if mine else random_basket(rng, avoid=[pid])
        q = rng.choice(my_texts if mine else store_texts).format(x=n)
        e = {"kind": "answered", "regex": YES if yes else NO, "product_ids": [pid]}
        if mine:
            e["basket_only"] = True
        return basket, q, e

    return [
        lambda r: draw(r, ["Is {x} lactose free?", "is the {x} lactose-free"], ["is my {x} lactose free?"]),
        lambda r: draw(r, ["is {x} laktosfri?"], ["my {x} - laktosfri?"]),
        lambda r: draw(r, ["im lactose intolerant, is {x} lactose free"], ["lactose intolerant here, the {x} in my cart is lactose free right?"]),
        lambda r: draw(r, ["my son cant have lactose. is {x} lactose free or not?"], []),
        lambda r: draw(r, ["does {x} come lactose free?"], ["is the {x} i put in the cart free from lactose"]),
    ]


ALLERGEN_WORDS = {"gluten": ["gluten"], "milk": ["milk", "dairy"], "soy": ["soy", "soya"]}


def cat_allergen_product():
    """contains X? / X-free? of packs (list known) and produce (no list -> unknown)."""

    def draw(rng, contains_texts, free_texts, produce_share=0.3):
        allergen = rng.choice(["gluten", "milk", "soy"])
        word = rng.choice(ALLERGEN_WORDS[allergen])
        if rng.random() < produce_share:
            pid = rng.choice([x for x in PRODUCE_IDS if x in NAMES])
            known = False
        else:
            cands = [x for x in PACK_IDS if x in NAMES]
            # for milk ask of non-dairy packs and dairy alike, except milk itself ("does milk contain milk")
            if allergen == "milk":
                cands = [x for x in cands if BY_ID[x]["coarse_category"] != "Milk"]
            # bias to positives for gluten/soy
            if rng.random() < 0.4:
                pos = [x for x in cands if allergen in allergens(BY_ID[x])]
                if pos:
                    cands = pos
            pid = rng.choice(cands)
            known = True
        n = name(rng, pid)
        contains = rng.random() < 0.5 or not free_texts
        texts = contains_texts if contains else free_texts
        q = rng.choice(texts).format(x=n, a=word)
        basket = random_basket(rng, avoid=[pid])
        if not known:
            return basket, q, {"kind": "unknown", "regex": NOT_YES_NO}
        has = allergen in allergens(BY_ID[pid])
        yes = has if contains else not has
        return basket, q, {"kind": "answered", "regex": YES if yes else NO, "product_ids": [pid]}

    return [
        lambda r: draw(r, ["Does {x} contain {a}?"], ["Is {x} {a}-free?"]),
        lambda r: draw(r, ["is there any {a} in the {x}"], ["is {x} {a} free"]),
        lambda r: draw(r, ["any {a} in {x}?"], ["my daughter is allergic to {a} - is {x} safe for her?"]),
        lambda r: draw(r, ["does the {x} have {a} in it"], ["can someone with a {a} allergy eat {x}"]),
        lambda r: draw(r, ["{x} - contains {a} or not?"], ["{a} free? {x}"]),
        lambda r: draw(r, ["hi, checking for my kid, is there {a} in {x}?"], ["is {x} ok if you avoid {a}"]),
    ]


def pack_basket(rng, n_min, n_max, pool=None, must=()):
    return basket_of(rng, pool or PACK_IDS, n_min, n_max, must=must)


def offenders(basket, allergen, mode="allergen"):
    out = []
    for pid in ids_of(basket):
        p = BY_ID[pid]
        al = allergens(p) or []
        if mode == "lactose":
            if "milk" in al and not attr(p, "lactose_free"):
                out.append(pid)
        elif mode == "vegan":
            if not attr(p, "plant_based"):
                out.append(pid)
        elif allergen in al:
            out.append(pid)
    return out


def cat_allergen_in_basket():
    """does anything in my basket contain X (yes/no), which lines (ids)."""

    def draw(rng, texts, want, which=False):
        allergen = rng.choice(["gluten", "milk", "soy"])
        word = rng.choice(ALLERGEN_WORDS[allergen])
        pos = [x for x in PACK_IDS if allergen in allergens(BY_ID[x])]
        neg = [x for x in PACK_IDS if allergen not in allergens(BY_ID[x])]
        if which or want == "yes":
            k = rng.randint(1, min(2, len(pos)))
            must = rng.sample(pos, k)
            pool = neg + ([x for x in PRODUCE_IDS] if rng.random() < 0.3 and not which else [])
            basket = basket_of(rng, pool, len(must) + 1, len(must) + 3, must=must)
        else:
            basket = basket_of(rng, neg, 2, 4)
        off = offenders(basket, allergen)
        q = rng.choice(texts).format(a=word)
        if which:
            assert off
            return basket, q, {"kind": "answered", "product_ids": off, "basket_only": True}
        e = {"kind": "answered", "regex": YES if off else NO, "basket_only": True}
        if off:
            e["product_ids"] = off
        return basket, q, e

    def yn(texts):
        return lambda r: draw(r, texts, "yes" if r.random() < 0.55 else "no")

    def wh(texts):
        return lambda r: draw(r, texts, "yes", which=True)

    return [
        yn(["Does anything in my basket contain {a}?", "is there any {a} in my basket"]),
        wh(["Which of my items contain {a}?", "which things in my cart have {a} in them"]),
        yn(["anything with {a} in my cart?"]),
        wh(["what in my basket has {a}"]),
        yn(["quick check before i pay: does any of this have {a} in it?"]),
        wh(["can you list the products in my basket that contain {a}, and which ones they are"]),
        yn(["my guest reacts to {a}, is there {a} in anything i've got here?"]),
        wh(["point out whatever in my trolley has {a}"]),
    ]


CONDITIONS = [
    # (mode, allergen, texts)
    ("allergen", "milk", ["I'm allergic to milk, which of my items should I avoid?", "milk allergy here - what in my basket is a no go",
                           "my son has a cows milk protein allergy, which of these can't he have?"]),
    ("allergen", "soy", ["I'm allergic to soy, which of my items should I avoid?", "soy allergy. what in my cart should i put aside",
                          "allergic to soya, anything in here i shouldnt eat?"]),
    ("allergen", "gluten", ["I'm coeliac, which of my items should I avoid?", "celiac here, which of my things have gluten",
                             "my daughter can't have gluten, which of these should she skip?"]),
    ("lactose", None, ["I'm lactose intolerant, which of my items should I avoid?", "lactose intolerant - what in my basket has lactose",
                        "my husband can't do lactose, which of these are a problem for him?"]),
    ("vegan", None, ["I'm vegan, which of my items should I avoid?", "im vegan, which of these arent vegan",
                      "cooking for a vegan tonight, which of my products are not plant based?"]),
]


def cat_allergy_avoid():
    def draw(rng, ti):
        mode, allergen, texts = rng.choice(CONDITIONS)
        if mode == "vegan":
            pool = [x for x in PACK_IDS if is_dairy(BY_ID[x]) or is_plant_alt(BY_ID[x])]
        else:
            pool = PACK_IDS
        for _ in range(50):
            basket = basket_of(rng, pool, 3, 5)
            off = offenders(basket, allergen, mode)
            if 1 <= len(off) <= 3 and len(off) < len(basket):
                break
        else:
            return None
        q = texts[ti % len(texts)]
        return basket, q, {"kind": "answered", "product_ids": off, "basket_only": True}

    def safe(rng, texts):
        mode, allergen, _ = rng.choice(CONDITIONS)
        if mode == "vegan":
            pool = [x for x in PACK_IDS if is_dairy(BY_ID[x]) or is_plant_alt(BY_ID[x])]
        else:
            pool = PACK_IDS
        for _ in range(50):
            basket = basket_of(rng, pool, 3, 5)
            off = offenders(basket, allergen, mode)
            ok = [x for x in ids_of(basket) if x not in off]
            if 1 <= len(ok) <= 3 and off:
                break
        else:
            return None
        cond = {"milk": "a milk allergy", "soy": "a soy allergy", "gluten": "coeliac disease"}.get(allergen) if mode == "allergen" else (
            "lactose intolerance" if mode == "lactose" else "a vegan diet")
        q = rng.choice(texts).format(c=cond)
        return basket, q, {"kind": "answered", "product_ids": ok, "basket_only": True}

    return [
        lambda r: draw(r, 0),
        lambda r: draw(r, 1),
        lambda r: safe(r, ["with {c}, which of my things are fine to eat?", "I have {c} - what in my basket is safe for me"]),
        lambda r: draw(r, 2),
        lambda r: safe(r, ["shopping for someone with {c}, which of these items can they have"]),
    ]


# Store range groups: (ids that must be cited, question words). Extra citations are not graded (only the listed ids
# must appear), so "root vegetables" lists only the undisputed roots.
def group(pred):
    return sorted(p["id"] for p in PRODUCTS if pred(p))


RANGE_GROUPS = [
    (group(lambda p: p["coarse_category"] in {"Lemon", "Lime", "Orange", "Red-Grapefruit", "Satsumas"}), ["citrus fruit", "citrus fruits", "fresh citrus"]),
    (group(lambda p: p["coarse_category"] == "Melon"), ["melons", "kinds of melon"]),
    (group(lambda p: p["coarse_category"] == "Pear"), ["pears", "päron"]),
    (group(lambda p: p["coarse_category"] == "Apple"), ["apples (the fruit)", "apple varieties", "kinds of fresh apples"]),
    (group(lambda p: p["coarse_category"] in {"Oat-Milk", "Soy-Milk"}), ["plant drinks", "plant based milks", "dairy-free milk alternatives"]),
    (group(lambda p: p["coarse_category"] in {"Oatghurt", "Soyghurt"}), ["plant based yoghurts", "dairy-free yoghurts", "vegan yoghurts"]),
    (group(lambda p: p["coarse_category"] == "Pepper"), ["bell peppers", "paprika", "sweet peppers"]),
    (group(lambda p: p["coarse_category"] == "Sour-Cream"), ["sour creams", "gräddfil"]),
    (group(lambda p: attr(p, "organic")), ["organic products", "ekologiska varor", "organic items"]),
    (["Carrots", "Red-Beet"], ["root vegetables", "root veg"]),
    (group(lambda p: p["coarse_category"] == "Juice" and attr(p, "flavour") == "apple"), ["apple juices", "äppeljuice options"]),
    (group(lambda p: "soy" in (allergens(p) or [])), ["soy products", "things made from soy"]),
    (group(lambda p: p.get("brand") == "Tropicana"), ["Tropicana products", "tropicana juices"]),
    (group(lambda p: p.get("brand") == "God Morgon"), ["God Morgon juices", "god morgon products"]),
    (group(lambda p: p.get("brand") == "Alpro"), ["Alpro products", "things from alpro"]),
    (group(lambda p: p.get("brand") == "Oatly"), ["Oatly products", "oatly stuff"]),
    (group(lambda p: p.get("brand") == "Yoggi"), ["Yoggi yoghurts", "yoggi products"]),
    (group(lambda p: p.get("brand") == "Garant"), ["Garant products", "garant milks"]),
    (group(lambda p: p["coarse_category"] == "Milk"), ["cow's milks", "kinds of regular (dairy) milk"]),
    (group(lambda p: p["coarse_category"] in {"Milk", "Yoghurt", "Sour-Cream", "Sour-Milk"}), ["dairy products", "mejeriprodukter"]),
]
assert len(RANGE_GROUPS[0][0]) == 5 and len(RANGE_GROUPS[4][0]) == 3


def cat_store_range():
    def draw(rng, texts):
        ids, words = rng.choice(RANGE_GROUPS)
        w = rng.choice(words)
        q = rng.choice(texts).format(g=w)
        return random_basket(rng, n_min=1, n_max=3), q, {"kind": "answered", "product_ids": ids}

    return [
        lambda r: draw(r, ["Which {g} do you sell?", "what {g} do you have"]),
        lambda r: draw(r, ["what {g} does the store carry?"]),
        lambda r: draw(r, ["list all the {g} you've got pls"]),
        lambda r: draw(r, ["i'm looking for {g}, what are my options here"]),
        lambda r: draw(r, ["show me every one of your {g}"]),
        lambda r: draw(r, ["what's your range of {g} like, name them all"]),
    ]


COUNT_GROUPS = [
    (len(group(lambda p: p.get("brand") == b)), [f"{b} products", f"products from {b}", f"{b} items"]) for b in
    ["Arla", "Tropicana", "God Morgon", "Alpro", "Oatly", "Yoggi", "Garant", "Bravo", "Valio"]
] + [
    (len(group(lambda p: p["coarse_category"] == "Juice")), ["juices", "kinds of juice"]),
    (len(group(lambda p: p["coarse_category"] == "Apple")), ["apple varieties (fresh apples)", "kinds of apples (the fruit)"]),
    (len(group(lambda p: p["coarse_category"] == "Melon")), ["kinds of melon", "melons"]),
    (len(group(lambda p: p["coarse_category"] == "Pear")), ["kinds of pear", "pear varieties"]),
    (len(group(lambda p: p["coarse_category"] == "Pepper")), ["colours of bell pepper", "kinds of paprika"]),
    (len(group(lambda p: attr(p, "organic"))), ["organic products", "ekologiska produkter"]),
    (len(group(lambda p: p["coarse_category"] == "Milk")), ["kinds of cow's milk", "dairy milks"]),
    (len(group(lambda p: p["coarse_category"] in {"Oatghurt", "Soyghurt"})), ["plant-based yoghurts", "dairy free yoghurts"]),
]


def cat_range_count():
    def draw(rng, texts):
        n, words = rng.choice(COUNT_GROUPS)
        q = rng.choice(texts).format(g=rng.choice(words))
        return random_basket(rng, n_min=1, n_max=3), q, {"kind": "answered", "numbers": [{"value": n, "tolerance": 0}]}

    return [
        lambda r: draw(r, ["How many {g} do you sell?", "how many {g} does the store have"]),
        lambda r: draw(r, ["number of {g} in this shop?"]),
        lambda r: draw(r, ["how many different {g} are there to choose from"]),
        lambda r: draw(r, ["count the {g} you carry for me"]),
        lambda r: draw(r, ["roughly how many {g} do you stock? exact number if you know"]),
    ]


def cat_origin():
    with_origin = [pid for pid in NAMES if attr(BY_ID[pid], "origin")]
    without = [pid for pid in NAMES if not attr(BY_ID[pid], "origin")]

    def draw(rng, store_texts, my_texts):
        unknown = rng.random() < 0.18
        pid = rng.choice(without if unknown else with_origin)
        n = name(rng, pid)
        mine = my_texts and rng.random() < 0.5
        basket = basket_of(rng, PRODUCE_IDS + PACK_IDS, 1, 3, must=[pid]) if mine else random_basket(rng, avoid=[pid])
        q = rng.choice(my_texts if mine else store_texts).format(x=n)
        if unknown:
            e = {"kind": "unknown"}
        else:
            e = {"kind": "answered", "contains_any": ORIGIN_WORDS[attr(BY_ID[pid], "origin")], "product_ids": [pid]}
        if mine:
            e["basket_only"] = True
        return basket, q, e

    return [
        lambda r: draw(r, ["Where is {x} from?", "where do the {x} come from"], ["where are my {x} from?"]),
        lambda r: draw(r, ["what country is {x} from"], ["which country does my {x} come from"]),
        lambda r: draw(r, ["origin of {x}?"], ["the {x} in my basket, where's it produced"]),
        lambda r: draw(r, ["i try to buy local. is {x} swedish or imported, and from where?"], []),
        lambda r: draw(r, ["ursprungsland för {x}?", "country of origin {x}"], ["wheres the {x} i picked grown"]),
        lambda r: draw(r, ["tell me where {x} is produced pls"], ["my kid wants to know where our {x} comes from"]),
    ]


def size_regex(ml=None, g=None):
    """A regex that accepts the size in any of the usual units."""
    alts = []
    if ml is not None:
        l = ml / 1000
        alts.append(r"\b%s\s*(l|liter|litre|liters|litres|lit)\b" % num_re(l))
        alts.append(r"\b%s\s*ml\b" % num_re(ml))
        alts.append(r"\b%s\s*dl\b" % num_re(ml / 100))
        alts.append(r"\b%s\s*cl\b" % num_re(ml / 10))
    if g is not None:
        alts.append(r"\b%s\s*(g|gram|grams)\b" % num_re(g))
        alts.append(r"\b%s\s*(kg|kilo|kilos|kilogram|kilograms)\b" % num_re(g / 1000))
    return "(" + "|".join(alts) + ")"


def num_re(x):
    if abs(x - round(x)) < 1e-9:
        i = int(round(x))
        s = str(i)
        if i >= 1000:
            s = s[:-3] + r"[ ,.\u00a0]?" + s[-3:]
        return s + r"(?:[.,]0+)?"
    s = ("%.3f" % x).rstrip("0")
    ip, fp = s.split(".")
    return ip + r"[.,]" + fp + r"0*"


def cat_size_weight():
    vol = [pid for pid in NAMES if BY_ID[pid].get("volume_ml")]
    net = [pid for pid in NAMES if BY_ID[pid].get("net_weight_grams")]
    piece = [pid for pid in NOT_ESTIMATED_PRODUCE if pid in NAMES]

    def how_big(rng, texts):
        pid = rng.choice(vol + net)
        p = BY_ID[pid]
        q = rng.choice(texts).format(x=name(rng, pid))
        return random_basket(rng, avoid=[pid]), q, {"kind": "answered", "regex": size_regex(p.get("volume_ml"), p.get("net_weight_grams")), "product_ids": [pid]}

    def litres(rng, texts):
        pid = rng.choice(vol)
        ml = BY_ID[pid]["volume_ml"]
        unit = rng.choice(["l", "ml", "dl"])
        val = {"l": ml / 1000, "ml": ml, "dl": ml / 100}[unit]
        word = {"l": "litres", "ml": "ml", "dl": "dl"}[unit]
        q = rng.choice(texts).format(x=name(rng, pid), u=word)
        return random_basket(rng, avoid=[pid]), q, {"kind": "answered", "numbers": [{"value": val, "tolerance": 0.01 * val}], "product_ids": [pid]}

    def netw(rng, texts):
        pid = rng.choice(net)
        g = BY_ID[pid]["net_weight_grams"]
        q = rng.choice(texts).format(x=name(rng, pid))
        return random_basket(rng, avoid=[pid]), q, {"kind": "answered", "regex": size_regex(None, g), "product_ids": [pid]}

    def piece_w(rng, texts):
        pid = rng.choice(piece)
        g = BY_ID[pid]["unit_weight_grams"]
        mine = rng.random() < 0.5
        if mine:
            basket = [{"product": pid, "qty": 1}] + [l for l in random_basket(rng, avoid=[pid], n_min=0, n_max=2)]
        else:
            basket = random_basket(rng, avoid=[pid])
        q = rng.choice(texts).format(x=name(rng, pid))
        e = {"kind": "answered", "regex": size_regex(None, g), "product_ids": [pid]}
        return basket, q, e

    return [
        lambda r: how_big(r, ["How big is a pack of {x}?", "how big is the {x}"]),
        lambda r: litres(r, ["how many {u} is {x}?", "{x}, how many {u} in the carton"]),
        lambda r: netw(r, ["what's the net weight of {x}", "how many grams is the {x} tub"]),
        lambda r: piece_w(r, ["how much does one {x} weigh roughly?", "weight of a single {x}?"]),
        lambda r: how_big(r, ["pack size of {x}?"]),
        lambda r: litres(r, ["if i buy {x} how many {u} do i get"]),
        lambda r: piece_w(r, ["about how heavy is one {x} typically"]),
    ]


def comparable(pid):
    p = BY_ID[pid]
    price = p["price"]["amount"]
    if p["price"]["per"] == "Kilogram":
        return price, "kg"
    if p.get("volume_ml"):
        return money(price / (p["volume_ml"] / 1000)), "l"
    if p.get("net_weight_grams"):
        return money(price / (p["net_weight_grams"] / 1000)), "kg"
    return None, None


def cat_price_per_measure():
    per_l = [pid for pid in NAMES if comparable(pid)[1] == "l"]
    per_kg_pack = [pid for pid in NAMES if comparable(pid)[1] == "kg" and is_pack(BY_ID[pid]) or pid == "Asparagus"]
    per_kg_loose = [pid for pid in NAMES if BY_ID[pid]["price"]["per"] == "Kilogram"]

    def draw(rng, texts, pool):
        pid = rng.choice(pool)
        v, unit = comparable(pid)
        q = rng.choice(texts).format(x=name(rng, pid))
        return random_basket(rng, avoid=[pid]), q, {"kind": "answered", "numbers": [{"value": v, "tolerance": 0.01}], "product_ids": [pid]}

    return [
        lambda r: draw(r, ["What's the price per litre of {x}?", "litre price for {x}?"], per_l),
        lambda r: draw(r, ["what does {x} cost per kg", "kilo price of {x}"], per_kg_pack + per_kg_loose),
        lambda r: draw(r, ["jämförpris för {x} per liter?"], per_l),
        lambda r: draw(r, ["how much per kilo is the {x}"], per_kg_pack),
        lambda r: draw(r, ["whats {x} per litre when you work it out"], per_l),
        lambda r: draw(r, ["{x} - what's that per kilogram?"], per_kg_pack + per_kg_loose),
    ]


NOT_SOLD = ["durian", "almond milk", "rice drink", "coconut milk", "sourdough bread", "eggs", "butter", "cheddar cheese",
            "whipping cream", "fresh raspberries", "cherries", "broccoli", "cauliflower", "spinach", "iceberg lettuce",
            "red onions", "celery", "tofu", "salmon fillets", "ground coffee", "organic apples", "kefir",
            "blåbär (fresh blueberries)", "jordgubbar (fresh strawberries)", "mandelmjölk", "smör"]


def cat_not_sold():
    def draw(rng, texts):
        x = rng.choice(NOT_SOLD)
        q = rng.choice(texts).format(x=x)
        return random_basket(rng, n_min=1, n_max=3), q, {"regex": NEG}

    return [
        lambda r: draw(r, ["Do you sell {x}?", "do you have {x}"]),
        lambda r: draw(r, ["how much is the {x}?", "what do {x} cost here"]),
        lambda r: draw(r, ["where is the {x} from?"]),
        lambda r: draw(r, ["is your {x} organic?", "is the {x} vegan"]),
        lambda r: draw(r, ["can i get {x} in this store or no"]),
        lambda r: draw(r, ["i need {x} for a recipe, which brand do you stock"]),
        lambda r: draw(r, ["hey where can i find {x} and is it lactose free"]),
    ]


UNKNOWN_FACTS = [
    ["How many calories are in {x}?", "kcal in {x}?", "how many calories does {x} have per 100 g"],
    ["When does {x} expire?", "what's the best before date on {x}", "bäst före datum på {x}?"],
    ["Which aisle is {x} in?", "where in the store do i find {x}, which shelf"],
    ["How many {x} do you have in stock?", "is {x} in stock right now or sold out"],
    ["how much protein is in {x}?", "protein per 100g in {x}"],
    ["will {x} be on offer next week?"],
]


def cat_unknown_fact():
    def draw(rng, fact_idx, ti, pool=None):
        pid = rng.choice(pool or list(NAMES))
        texts = UNKNOWN_FACTS[fact_idx]
        q = texts[ti % len(texts)].format(x=name(rng, pid))
        return random_basket(rng, avoid=[pid]), q, {"kind": "unknown"}

    return [
        lambda r: draw(r, 0, r.randrange(2)),
        lambda r: draw(r, 1, r.randrange(2)),
        lambda r: draw(r, 2, 0),
        lambda r: draw(r, 3, 0),
        lambda r: draw(r, 4, 0),
        lambda r: draw(r, 0, 2),
        lambda r: draw(r, 1, 2),
        lambda r: draw(r, 2, 1),
        lambda r: draw(r, 3, 1),
        lambda r: draw(r, 4, 1),
        lambda r: draw(r, 5, 0),
    ]


def cat_compare_fact():
    fat = [pid for pid in NAMES if attr(BY_ID[pid], "fat_percent") is not None]
    vol = [pid for pid in NAMES if BY_ID[pid].get("volume_ml")]
    net = [pid for pid in NAMES if BY_ID[pid].get("net_weight_grams") and is_pack(BY_ID[pid])]
    piece = [pid for pid in NOT_ESTIMATED_PRODUCE if pid in NAMES]

    def pair(rng, kind):
        for _ in range(100):
            if kind == "fat":
                a, b = rng.sample(fat, 2)
                va, vb = attr(BY_ID[a], "fat_percent"), attr(BY_ID[b], "fat_percent")
                if abs(va - vb) >= 0.5:
                    return a, b, va, vb
            elif kind == "size":
                pool = vol if rng.random() < 0.6 else net
                a, b = rng.sample(pool, 2)
                key = "volume_ml" if pool is vol else "net_weight_grams"
                va, vb = BY_ID[a][key], BY_ID[b][key]
                if va != vb:
                    return a, b, va, vb
            else:
                a, b = rng.sample(piece, 2)
                va, vb = BY_ID[a]["unit_weight_grams"], BY_ID[b]["unit_weight_grams"]
                if max(va, vb) >= 1.5 * min(va, vb):
                    return a, b, va, vb
        return None

    def yn(rng, texts, kind):
        a, b, va, vb = pair(rng, kind)
        q = rng.choice(texts).format(a=name(rng, a), b=name(rng, b))
        return random_basket(rng, avoid=[a, b]), q, {"kind": "answered", "regex": YES if va > vb else NO, "product_ids": [a, b]}

    def which(rng, texts, kind):
        a, b, va, vb = pair(rng, kind)
        q = rng.choice(texts).format(a=name(rng, a), b=name(rng, b))
        nums = [{"value": va, "tolerance": 0.01}, {"value": vb, "tolerance": 0.01}] if kind == "fat" else []
        e = {"kind": "answered", "product_ids": [a, b]}
        if nums:
            e["numbers"] = nums
        else:
            key = "volume_ml" if BY_ID[a].get("volume_ml") else ("net_weight_grams" if is_pack(BY_ID[a]) else "unit_weight_grams")
            if key == "volume_ml":
                e["regex"] = "(?=[\\s\\S]*%s)(?=[\\s\\S]*%s)" % (size_regex(va), size_regex(vb))
            else:
                e["regex"] = "(?=[\\s\\S]*%s)(?=[\\s\\S]*%s)" % (size_regex(None, va), size_regex(None, vb))
        return basket_for(rng, a, b), q, e

    def basket_for(rng, a, b):
        return random_basket(rng, avoid=[a, b])

    return [
        lambda r: yn(r, ["Does {a} have more fat than {b}?", "is {a} fattier than {b}"], "fat"),
        lambda r: which(r, ["Which has more fat, {a} or {b}?"], "fat"),
        lambda r: yn(r, ["is a pack of {a} bigger than {b}?"], "size"),
        lambda r: which(r, ["{a} or {b}, which pack is bigger?"], "size"),
        lambda r: yn(r, ["is one {a} heavier than one {b}?"], "piece"),
        lambda r: which(r, ["what's the fat % of {a} vs {b}, which one's richer"], "fat"),
        lambda r: yn(r, ["trying to cut fat: does {a} contain more fat than {b}, yes or no"], "fat"),
        lambda r: which(r, ["which gives me more, {a} or {b}? (pack size)"], "size"),
    ]


CATEGORIES = [
    ("vegan_product", cat_vegan_product, 22),
    ("organic_product", cat_organic_product, 22),
    ("lactose_free_product", cat_lactose_free_product, 18),
    ("allergen_product", cat_allergen_product, 26),
    ("allergen_in_basket", cat_allergen_in_basket, 26),
    ("allergy_avoid", cat_allergy_avoid, 24),
    ("store_range", cat_store_range, 24),
    ("range_count", cat_range_count, 18),
    ("origin", cat_origin, 22),
    ("size_weight", cat_size_weight, 22),
    ("price_per_measure", cat_price_per_measure, 20),
    ("not_sold", cat_not_sold, 24),
    ("unknown_fact", cat_unknown_fact, 22),
    ("compare_fact", cat_compare_fact, 20),
]


def main():
    coin = random.Random(20240611)
    cases = []
    counts = {}
    seen = set()
    for ci, (cat, builder, n) in enumerate(CATEGORIES):
        templates = builder()
        n_test_t = max(2, len(templates) // 3)
        val_t = list(range(len(templates) - n_test_t))
        test_t = list(range(len(templates) - n_test_t, len(templates)))
        n_val = round(n * 0.4)
        splits = ["val"] * n_val + ["test"] * (n - n_val)
        coin.shuffle(splits)
        k = {"val": 0, "test": 0}
        for i, split in enumerate(splits):
            base = (300000 if split == "val" else 700000) + ci * 1000
            tries = 0
            while True:
                seed = base + k[split] * 17 + tries
                rng = random.Random(seed)
                tlist = val_t if split == "val" else test_t
                ti = tlist[(k[split] + tries) % len(tlist)]
                out = templates[ti](rng)
                tries += 1
                if out is None:
                    continue
                basket, q, e = out
                q = casual(rng, q[0].upper() + q[1:] if rng.random() < 0.5 else q)
                # the same text may recur only over another basket (basket questions); store questions never repeat
                key = (q.lower(), json.dumps(basket) if e.get("basket_only") else "")
                if tries > 5000:
                    raise SystemExit("cannot fill %s/%s" % (cat, split))
                if key in seen:
                    continue
                seen.add(key)
                break
            k[split] += 1
            # sanity: unique basket lines, ids exist
            assert len(set(ids_of(basket))) == len(basket)
            for pid in ids_of(basket) + e.get("product_ids", []):
                assert pid in BY_ID, pid
            if e.get("basket_only"):
                for pid in e.get("product_ids", []):
                    assert pid in ids_of(basket), (cat, q, pid)
            if "regex" in e:
                re.compile(e["regex"])
            cid = "facts2-%s-%s-%03d" % (cat, split, k[split] - 1)
            cases.append({"id": cid, "split": split, "category": cat, "template": ti, "basket": basket,
                          "question": q, "expect": e})
            counts.setdefault(cat, {"val": 0, "test": 0})[split] += 1
    with open(OUT, "w", encoding="utf-8") as f:
        for c in cases:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    tv = tt = 0
    for cat, c in counts.items():
        print("%-22s val %3d  test %3d" % (cat, c["val"], c["test"]))
        tv += c["val"]
        tt += c["test"]
    print("%-22s val %3d  test %3d  all %d" % ("TOTAL", tv, tt, tv + tt))


if __name__ == "__main__":
    main()
