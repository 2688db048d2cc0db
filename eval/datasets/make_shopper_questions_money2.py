#!/usr/bin/env python3
"""Money and multi-part shopper questions (second money set).

Written by a separate session that read only catalog/catalog.json, eval/datasets/README.md (format and expect keys),
the harness graders (src/BasketReasoner.Eval/Harness/Graders, Datasets/ShopperCase.cs), Core Pricing.cs / Receipt.cs
and eval/suites/shopper-money.yaml. It shares no code or phrasing with the assistant or the other generators.

Standard library only, seeded, no clock: `python3 eval/datasets/make_shopper_questions_money2.py` rewrites
eval/datasets/shopper-questions-money2.jsonl with the same content every run and prints counts per category / split.

Money truth (as Pricing.LineTotal / Receipt.Build with no weighings):
  loose produce line = round_half_up(price_per_kg * unit_weight_grams * qty / 1000, 2)
  unit line          = price * qty
  total              = sum of the rounded lines
  X g of produce     = round_half_up(price_per_kg * X / 1000, 2)
  per litre / per kg of a pack = price / (volume_ml / 1000) or price / (net_weight_grams / 1000), rounded half-up
  split share        = round_half_up(total / n, 2)
All money numbers carry tolerance 0.01.
"""
import json
import os
import re
import random
from collections import Counter
from decimal import Decimal, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CATALOG = os.path.join(ROOT, "catalog", "catalog.json")
OUT = os.path.join(HERE, "shopper-questions-money2.jsonl")

SEED = 20417
VAL_SEED_BASE = 100_000
TEST_SEED_BASE = 900_000
N_VAL = 8
N_TEST = 11

with open(CATALOG, encoding="utf-8") as f:
    PRODUCTS = {p["id"]: p for p in json.load(f)["products"]}

CENT = Decimal("0.01")


def q2(x):
    return Decimal(x).quantize(CENT, rounding=ROUND_HALF_UP)


def price(pid):
    return Decimal(str(PRODUCTS[pid]["price"]["amount"]))


def loose(pid):
    return PRODUCTS[pid]["price"]["per"] == "Kilogram"


def line_total(pid, qty):
    p = PRODUCTS[pid]
    if loose(pid):
        return q2(price(pid) * Decimal(str(p["unit_weight_grams"])) * qty / 1000)
    return price(pid) * qty


def basket_total(basket):
    return sum((line_total(l["product"], l["qty"]) for l in basket), Decimal(0))


def weight_price(pid, grams):
    return q2(price(pid) * Decimal(str(grams)) / 1000)


def comparable(pid):
    """(value, unit) per kg for loose produce / net-weight packs, per litre for volume packs."""
    p = PRODUCTS[pid]
    if loose(pid):
        return price(pid), "kg"
    if p.get("volume_ml"):
        return q2(price(pid) * 1000 / Decimal(p["volume_ml"])), "l"
    if p.get("net_weight_grams"):
        return q2(price(pid) * 1000 / Decimal(p["net_weight_grams"])), "kg"
    return None, None


def exact_comparable(pid):
    p = PRODUCTS[pid]
    if loose(pid):
        return price(pid)
    return price(pid) * 1000 / Decimal(p.get("volume_ml") or p["net_weight_grams"])


def num(x):
    return {"value": float(x), "tolerance": 0.01}


def money(x):
    """How a shopper would write an amount: 200, 187.50."""
    x = Decimal(x)
    return str(int(x)) if x == x.to_integral_value() else f"{x:.2f}"


# ---------------------------------------------------------------- names
G_APPLES = ["Golden-Delicious", "Granny-Smith", "Pink-Lady", "Red-Delicious", "Royal-Gala"]
G_APPLE_J = ["Bravo-Apple-Juice", "God-Morgon-Apple-Juice", "Tropicana-Apple-Juice"]
G_ORANGE_J = ["Bravo-Orange-Juice", "God-Morgon-Orange-Juice", "Tropicana-Juice-Smooth",
              "God-Morgon-Orange-Red-Grapefruit-Juice", "Tropicana-Mandarin-Morning"]
G_JUICE = [p for p in PRODUCTS if PRODUCTS[p]["coarse_category"] == "Juice"]
G_MILK = [p for p in PRODUCTS if PRODUCTS[p]["coarse_category"] == "Milk"]
G_PLANT_DRINK = ["Oatly-Oat-Milk", "Alpro-Fresh-Soy-Milk", "Alpro-Shelf-Soy-Milk"]
G_ALL_MILK = G_MILK + G_PLANT_DRINK + ["Arla-Sour-Milk"]
G_YOG = [p for p in PRODUCTS if PRODUCTS[p]["coarse_category"] == "Yoghurt"]
G_SOYG = ["Alpro-Blueberry-Soyghurt", "Alpro-Vanilla-Soyghurt"]
G_ALL_YOG = G_YOG + G_SOYG + ["Oatly-Natural-Oatghurt"]
G_MELON = ["Cantaloupe", "Galia-Melon", "Honeydew-Melon", "Watermelon"]
G_PEAR = ["Anjou", "Conference", "Kaiser"]
G_PEPPER = ["Green-Bell-Pepper", "Orange-Bell-Pepper", "Red-Bell-Pepper", "Yellow-Bell-Pepper"]
G_POTATO = ["Floury-Potato", "Solid-Potato", "Sweet-Potato"]
G_TOMATO = ["Beef-Tomato", "Regular-Tomato", "Vine-Tomato"]
G_GRAPEFRUIT = ["Red-Grapefruit", "Tropicana-Golden-Grapefruit", "God-Morgon-Red-Grapefruit-Juice",
                "God-Morgon-Orange-Red-Grapefruit-Juice"]
G_SOUR_CREAM = ["Arla-Ecological-Sour-Cream", "Arla-Sour-Cream"]
G_SOY_DRINK = ["Alpro-Fresh-Soy-Milk", "Alpro-Shelf-Soy-Milk"]
G_VANILLA_YOG = ["Arla-Mild-Vanilla-Yoghurt", "Valio-Vanilla-Yoghurt", "Yoggi-Vanilla-Yoghurt",
                 "Yoggi-Strawberry-Yoghurt", "Alpro-Vanilla-Soyghurt"]

# pid -> list of (singular, plural, set of products the words could mean)
ALIASES = {}


def al(pid, sing, plural=None, also=()):
    ALIASES.setdefault(pid, []).append((sing, plural or sing, frozenset([pid, *also])))


for a in G_APPLES:
    al(a, "apple", "apples", G_APPLES + G_APPLE_J)
    al(a, "äpple", "äpplen", G_APPLES + G_APPLE_J)
al("Golden-Delicious", "golden delicious apple", "golden delicious apples")
al("Granny-Smith", "granny smith apple", "granny smith apples")
al("Granny-Smith", "granny smith", "granny smiths")
al("Pink-Lady", "pink lady apple", "pink lady apples")
al("Red-Delicious", "red delicious apple", "red delicious apples")
al("Royal-Gala", "royal gala apple", "royal gala apples")
al("Royal-Gala", "gala apple", "gala apples")
al("Avocado", "avocado", "avocados")
al("Banana", "banana", "bananas")
al("Banana", "banan", "bananer")
al("Banana", "organic banana", "organic bananas")
al("Kiwi", "kiwi", "kiwis")
al("Lemon", "lemon", "lemons")
al("Lemon", "citron", "citroner")
al("Lime", "lime", "limes")
al("Mango", "mango", "mangos")
al("Cantaloupe", "cantaloupe", "cantaloupes")
al("Cantaloupe", "cantaloupe melon", "cantaloupe melons")
al("Galia-Melon", "galia melon", "galia melons")
al("Honeydew-Melon", "honeydew melon", "honeydew melons")
al("Watermelon", "watermelon", "watermelons")
al("Watermelon", "vattenmelon", "vattenmeloner")
for m in G_MELON:
    al(m, "melon", "melons", G_MELON)
al("Nectarine", "nectarine", "nectarines")
al("Orange", "orange", "oranges", G_ORANGE_J + ["Orange-Bell-Pepper"])
al("Orange", "apelsin", "apelsiner", G_ORANGE_J)
al("Papaya", "papaya", "papayas")
al("Passion-Fruit", "passion fruit", "passion fruits")
al("Peach", "peach", "peaches")
al("Peach", "persika", "persikor")
al("Anjou", "anjou pear", "anjou pears")
al("Conference", "conference pear", "conference pears")
al("Kaiser", "kaiser pear", "kaiser pears")
for pr in G_PEAR:
    al(pr, "pear", "pears", G_PEAR)
    al(pr, "päron", "päron", G_PEAR)
al("Pineapple", "pineapple", "pineapples")
al("Pineapple", "ananas", "ananas")
al("Plum", "plum", "plums")
al("Plum", "red plum", "red plums")
al("Pomegranate", "pomegranate", "pomegranates")
al("Pomegranate", "granatäpple", "granatäpplen")
al("Red-Grapefruit", "red grapefruit", "red grapefruits", G_GRAPEFRUIT)
al("Red-Grapefruit", "grapefruit", "grapefruits", G_GRAPEFRUIT)
al("Satsumas", "satsuma", "satsumas")
al("Bravo-Apple-Juice", "bravo apple juice")
al("Bravo-Apple-Juice", "bravo äppeljuice")
al("Bravo-Orange-Juice", "bravo orange juice")
al("Bravo-Orange-Juice", "bravo apelsinjuice")
al("God-Morgon-Apple-Juice", "god morgon apple juice")
al("God-Morgon-Apple-Juice", "god morgon äpple")
al("God-Morgon-Orange-Juice", "god morgon orange juice")
al("God-Morgon-Orange-Juice", "god morgon apelsinjuice")
al("God-Morgon-Orange-Red-Grapefruit-Juice", "god morgon apelsin blodgrape")
al("God-Morgon-Red-Grapefruit-Juice", "god morgon blodgrape", also=["God-Morgon-Orange-Red-Grapefruit-Juice"])
al("Tropicana-Apple-Juice", "tropicana apple juice")
al("Tropicana-Apple-Juice", "tropicana äpple")
al("Tropicana-Golden-Grapefruit", "tropicana golden grapefruit")
al("Tropicana-Juice-Smooth", "tropicana smooth")
al("Tropicana-Mandarin-Morning", "tropicana mandarin")
for j in G_APPLE_J:
    al(j, "apple juice", also=G_APPLE_J)
    al(j, "äppeljuice", also=G_APPLE_J)
for j in G_ORANGE_J[:3]:  # plain orange only; blends are not called "orange juice" here (but still count as covered)
    al(j, "orange juice", also=G_ORANGE_J)
for j in G_JUICE:
    al(j, "juice", also=G_JUICE)
al("Arla-Ecological-Medium-Fat-Milk", "arla ekologisk mellanmjölk")
al("Arla-Ecological-Medium-Fat-Milk", "arla organic 1.5% milk")
al("Arla-Lactose-Medium-Fat-Milk", "lactose free milk")
al("Arla-Lactose-Medium-Fat-Milk", "laktosfri mjölk")
al("Arla-Medium-Fat-Milk", "arla mellanmjölk", also=["Arla-Ecological-Medium-Fat-Milk", "Arla-Lactose-Medium-Fat-Milk"])
al("Arla-Standard-Milk", "arla 3% milk")
al("Arla-Standard-Milk", "arla standard milk")
al("Garant-Ecological-Medium-Fat-Milk", "garant mellanmjölk")
al("Garant-Ecological-Standard-Milk", "garant standardmjölk")
al("Garant-Ecological-Standard-Milk", "garant 3% milk")
for m in G_MILK:  # only cow milk is called "milk"; the word could still be read as a plant drink or filmjölk
    al(m, "milk", also=G_ALL_MILK)
    al(m, "mjölk", also=G_ALL_MILK)
al("Oatly-Natural-Oatghurt", "oatly havregurt")
al("Oatly-Natural-Oatghurt", "oatghurt")
al("Oatly-Oat-Milk", "oat milk")
al("Oatly-Oat-Milk", "oat drink")
al("Oatly-Oat-Milk", "havredryck")
al("Arla-Ecological-Sour-Cream", "organic sour cream")
al("Arla-Ecological-Sour-Cream", "eko gräddfil")
for s in G_SOUR_CREAM:
    al(s, "sour cream", also=G_SOUR_CREAM)
    al(s, "gräddfil", also=G_SOUR_CREAM)
al("Arla-Sour-Milk", "filmjölk")
al("Arla-Sour-Milk", "arla filmjölk")
al("Alpro-Blueberry-Soyghurt", "blueberry soyghurt")
al("Alpro-Vanilla-Soyghurt", "vanilla soyghurt")
for s in G_SOYG:
    al(s, "soyghurt", also=G_SOYG)
for s in G_SOY_DRINK:
    al(s, "soy drink", also=G_SOY_DRINK)
    al(s, "soy milk", also=G_SOY_DRINK)
    al(s, "sojadryck", also=G_SOY_DRINK)
al("Arla-Mild-Vanilla-Yoghurt", "arla vanilla yoghurt")
al("Arla-Natural-Mild-Low-Fat-Yoghurt", "arla lättyoghurt")
al("Arla-Natural-Mild-Low-Fat-Yoghurt", "arla low fat yoghurt")
al("Arla-Natural-Yoghurt", "arla naturell yoghurt", also=["Arla-Natural-Mild-Low-Fat-Yoghurt"])
al("Valio-Vanilla-Yoghurt", "valio vanilla yoghurt")
al("Valio-Vanilla-Yoghurt", "valio vaniljyoghurt")
al("Yoggi-Strawberry-Yoghurt", "yoggi strawberry")
al("Yoggi-Strawberry-Yoghurt", "yoggi jordgubb")
al("Yoggi-Vanilla-Yoghurt", "yoggi madagaskar vanilj")
for y in G_VANILLA_YOG[:3]:  # not the vanilla-strawberry Yoggi nor the soyghurt (still covered by the word)
    al(y, "vanilla yoghurt", also=G_VANILLA_YOG)
for y in G_YOG:
    al(y, "yoghurt", also=G_ALL_YOG)
al("Asparagus", "asparagus")
al("Asparagus", "sparris")
al("Aubergine", "aubergine", "aubergines")
al("Aubergine", "eggplant", "eggplants")
al("Cabbage", "white cabbage", "white cabbages")
al("Cabbage", "vitkål", "vitkål")
al("Carrots", "carrot", "carrots")
al("Carrots", "morot", "morötter")
al("Cucumber", "cucumber", "cucumbers")
al("Cucumber", "gurka", "gurkor")
al("Garlic", "garlic bulb", "garlic bulbs")
al("Garlic", "vitlök", "vitlök")
al("Ginger", "ginger", "ginger")
al("Ginger", "ingefära", "ingefära")
al("Leek", "leek", "leeks")
al("Leek", "purjolök", "purjolökar")
al("Brown-Cap-Mushroom", "mushroom", "mushrooms")
al("Brown-Cap-Mushroom", "forest mushroom", "forest mushrooms")
al("Yellow-Onion", "yellow onion", "yellow onions")
al("Yellow-Onion", "onion", "onions", ["Leek"])
al("Yellow-Onion", "gul lök", "gul lök")
for colour, sv, svpl, pid in [("green", "grön", "gröna", "Green-Bell-Pepper"), ("orange", "orange", "orange", "Orange-Bell-Pepper"),
                              ("red", "röd", "röda", "Red-Bell-Pepper"), ("yellow", "gul", "gula", "Yellow-Bell-Pepper")]:
    al(pid, f"{colour} pepper", f"{colour} peppers")
    al(pid, f"{sv} paprika", f"{svpl} paprikor")
for pp in G_PEPPER:
    al(pp, "pepper", "peppers", G_PEPPER)
    al(pp, "paprika", "paprikor", G_PEPPER)
al("Floury-Potato", "floury potato", "floury potatoes")
al("Floury-Potato", "mjölig potatis", "mjölig potatis")
al("Solid-Potato", "firm potato", "firm potatoes")
al("Solid-Potato", "fast potatis", "fast potatis")
al("Sweet-Potato", "sweet potato", "sweet potatoes")
al("Sweet-Potato", "sötpotatis", "sötpotatis")
for pt in G_POTATO:
    al(pt, "potato", "potatoes", G_POTATO)
    al(pt, "potatis", "potatis", G_POTATO)
al("Red-Beet", "beetroot", "beetroots")
al("Red-Beet", "rödbeta", "rödbetor")
al("Beef-Tomato", "beef tomato", "beef tomatoes")
al("Beef-Tomato", "bifftomat", "bifftomater")
al("Vine-Tomato", "vine tomato", "vine tomatoes")
al("Vine-Tomato", "kvisttomat", "kvisttomater")
for t in G_TOMATO:
    al(t, "tomato", "tomatoes", G_TOMATO)
al("Zucchini", "zucchini", "zucchinis")
al("Zucchini", "courgette", "courgettes")

assert set(ALIASES) == set(PRODUCTS), set(PRODUCTS) - set(ALIASES)


def typo(rng, text):
    words = text.split(" ")
    idx = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not idx:
        return text
    i = rng.choice(idx)
    w = words[i]
    j = rng.randrange(1, len(w) - 2)
    if w[j] == w[j + 1]:
        return text
    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    return " ".join(words)


def mention(rng, pid, scope, qty=1, allow_typo=True):
    """A name for pid that picks out only pid within scope (a set of ids). None if there is none."""
    opts = [a for a in ALIASES[pid] if len(a[2] & scope) == 1]
    if not opts:
        return None
    sing, plural, _ = rng.choice(opts)
    text = plural if (qty > 1 and loose(pid)) else sing
    if allow_typo and rng.random() < 0.15:
        text = typo(rng, text)
    return text


ALL = set(PRODUCTS)


def store_mention(rng, pid, plural=False, allow_typo=True):
    return mention(rng, pid, ALL, 2 if plural else 1, allow_typo)


# ---------------------------------------------------------------- baskets
LOOSE_IDS = sorted(p for p in PRODUCTS if loose(p))
UNIT_IDS = sorted(p for p in PRODUCTS if not loose(p))
BIG = {"Watermelon", "Cabbage", "Cantaloupe", "Galia-Melon", "Honeydew-Melon", "Pineapple"}


def make_basket(rng, n_min=3, n_max=6, all_one=False):
    n = rng.randint(n_min, n_max)
    ids = rng.sample(sorted(PRODUCTS), n)
    basket = []
    for pid in ids:
        if all_one or pid in BIG:
            qty = 1
        elif loose(pid):
            qty = rng.choice([1, 1, 2, 3, 4, 5, 6]) if PRODUCTS[pid]["unit_weight_grams"] < 200 else rng.choice([1, 1, 2, 3])
        else:
            qty = rng.choice([1, 1, 1, 2, 3])
        basket.append({"product": pid, "qty": qty})
    return basket


def ids_of(basket):
    return {l["product"] for l in basket}


def qty_of(basket, pid):
    return next(l["qty"] for l in basket if l["product"] == pid)


# ---------------------------------------------------------------- style
def style(rng, text, voice=False):
    """Light surface noise: lower case / no question mark sometimes; voice = lower case, no punctuation."""
    if voice:
        t = text.lower().replace("—", " ").replace(" - ", " ")
        t = re.sub(r"(?<!\d)[.,]|[.,](?!\d)|[?!;]", "", t)
        t = re.sub(r":-", " kronor", t)
        return " ".join(t.split())
    if rng.random() < 0.3:
        text = text.lower()
    if rng.random() < 0.25:
        text = text.rstrip("?")
    return text


def kr(rng, amount):
    a = money(amount)
    return rng.choice([f"{a} kr", f"{a}kr", f"{a} sek", f"{a}:-", f"{a} kronor", f"{a} kr"])


NUMWORD = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def join_names(names):
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    return f"{names[0]}, {names[1]} and {names[2]}"


# ---------------------------------------------------------------- categories
# Each builder: (rng, template_index) -> (basket, question, expect) or None to retry.
CATEGORIES = []


def category(name, templates, n_test_only):
    def deco(fn):
        CATEGORIES.append((name, templates, n_test_only, fn))
        return fn
    return deco


T_TOTAL = [
    "What's my total?",
    "how much is everything so far",
    "total pls",
    "Could you please tell me what the whole basket comes to at this point?",
    "vad kostar allt? what's the total",
    "whats teh total so far",
    "hey cart how much am i paying for all of this",  # voice
    # test-only
    "ok so what do i owe you right now, all in",
    "Hej! Hur mycket blir det? the full amount please",
    "summa for the cart?",
]


@category("basket_total", T_TOTAL, 3)
def c_total(rng, t):
    b = make_basket(rng)
    q = T_TOTAL[t]
    q = style(rng, q, voice=(t == 6))
    return b, q, {"kind": "answered", "numbers": [num(basket_total(b))], "basket_only": True}


T_SUB = [
    "what do the {a} and the {b} come to?",
    "How much are {a} + {b} together",
    "{a} and {b}, how much is that combined?",
    "Could you add up just the {a} and the {b} for me, please?",
    "vad kostar {a} och {b} tillsammans",
    "what's the {a}, the {b} and the {c} together",  # three lines
    # test-only
    "only counting my {a} and {b} what am i at",
    "how much do the {a} plus the {b} plus the {c} cost me",
    "just the {a} and {b} — what's that in kronor?",
]


@category("lines_subtotal", T_SUB, 3)
def c_sub(rng, t):
    q = T_SUB[t]
    k = 3 if "{c}" in q else 2
    b = make_basket(rng, k + 1, 6)
    scope = ids_of(b)
    picks = rng.sample(b, k)
    names = [mention(rng, l["product"], scope, l["qty"]) for l in picks]
    if None in names:
        return None
    sub = sum(line_total(l["product"], l["qty"]) for l in picks)
    q = q.format(a=names[0], b=names[1], c=names[2] if k == 3 else "")
    return b, style(rng, q, voice=(t == 6)), {
        "kind": "answered", "numbers": [num(sub)], "product_ids": [l["product"] for l in picks], "basket_only": True}


T_WITHOUT = [
    "what's my total without the {a}?",
    "How much would it be not counting the {a}",
    "total minus the {a}?",
    "what would everything cost excluding the {a} and the {b}",
    "vad blir det utan {a}? total i mean",
    "Could you tell me what I'd pay if I leave out the {a}, please?",
    # test-only
    "if i put the {a} back what am i paying",
    "everything except the {a} and {b} how much is that",
    "whats the damage w/o the {a}",
]


@category("total_without", T_WITHOUT, 3)
def c_without(rng, t):
    q = T_WITHOUT[t]
    k = 2 if "{b}" in q else 1
    b = make_basket(rng, k + 2, 6)
    scope = ids_of(b)
    # prefer multi-piece loose lines so the plural name is exercised
    cand = sorted(b, key=lambda l: -(l["qty"] > 1 and loose(l["product"])) + rng.random())
    picks = cand[:k]
    names = [mention(rng, l["product"], scope, l["qty"]) for l in picks]
    if None in names:
        return None
    rest = basket_total(b) - sum(line_total(l["product"], l["qty"]) for l in picks)
    q = q.format(a=names[0], b=names[1] if k == 2 else "")
    return b, style(rng, q, voice=(t == 6)), {
        "kind": "answered", "numbers": [num(rest)], "product_ids": [l["product"] for l in picks], "basket_only": True}


T_PLUSMINUS = [
    ("more", "what would my total be with {n} more {a}?"),
    ("less", "how much if I had one less {a}"),
    ("more", "If I grab {n} more {a}, what's the new total?"),
    ("less", "total with one {a} fewer?"),
    ("more", "vad blir totalen med {n} till {a}"),
    # test-only
    ("less", "say i only took {m} {a} instead of {q}, what would i pay in total"),
    ("more", "thinking of getting another {n} {a} — how much would the whole basket be then"),
    ("less", "minus one {a}, what's the total then"),
]


@category("total_more_or_less", T_PLUSMINUS, 3)
def c_plusminus(rng, t):
    kind_, q = T_PLUSMINUS[t]
    b = make_basket(rng, 3, 5)
    scope = ids_of(b)
    if kind_ == "less":
        cands = [l for l in b if l["qty"] >= 2]
        if not cands:
            return None
        l = rng.choice(cands)
        n = -1
    else:
        cands = [l for l in b if l["product"] not in BIG]
        if not cands:
            return None
        l = rng.choice(cands)
        n = rng.choice([1, 2, 2, 3])
    pid, qty = l["product"], l["qty"]
    new_qty = qty + n
    # name: plural when the question speaks of several pieces
    plural_needed = ("{n}" in q and n > 1) or ("{m}" in q and new_qty > 1)
    name = mention(rng, pid, scope, 2 if plural_needed else 1)
    if name is None:
        return None
    new_total = basket_total(b) - line_total(pid, qty) + line_total(pid, new_qty)
    q = q.format(n=n, a=name, m=new_qty, q=qty)
    if "{n}" in T_PLUSMINUS[t][1] and n == 1:
        q = q.replace("1 more", "one more").replace("another 1", "another").replace("1 till", "en till")
    return b, style(rng, q), {
        "kind": "answered", "numbers": [num(new_total)], "product_ids": [pid], "basket_only": True}


T_NUNITS = [
    "how much for {n} {a}?",
    "What would {n} {a} cost?",
    "price of {n}x {a}",
    "If I buy {n} {a}, how much is that?",
    "vad kostar {n} st {a}",
    # test-only
    "{n} {a} how much would that be",
    "thinking of {nw} {a}, what's that gonna cost me",
    "Could you tell me the price for {n} of the {a}, please?",
]


@category("price_n_units", T_NUNITS, 3)
def c_nunits(rng, t):
    b = make_basket(rng, 2, 4)
    # unit packs mostly; some loose produce with a measured (non-estimated) piece weight
    if rng.random() < 0.65:
        pid = rng.choice(UNIT_IDS)
    else:
        pid = rng.choice([p for p in LOOSE_IDS if not PRODUCTS[p]["unit_weight_estimated"] and p not in BIG])
    n = rng.choice([2, 3, 4, 5, 6])
    name = store_mention(rng, pid, plural=True)
    if name is None:
        return None
    q = T_NUNITS[t].format(n=n, nw=NUMWORD[n], a=name)
    return b, style(rng, q, voice=(t == 5)), {
        "kind": "answered", "numbers": [num(line_total(pid, n))], "product_ids": [pid]}


WEIGHTS = [("1.5 kg", 1500), ("500 g", 500), ("half a kilo", 500), ("2 kg", 2000), ("300 grams", 300),
           ("750g", 750), ("1 kilo", 1000), ("1,5 kg", 1500), ("250 g", 250), ("1.2 kg", 1200), ("3 kilos", 3000),
           ("ett halvt kilo", 500), ("400 gram", 400)]

T_WEIGHT = [
    "how much is {w} of {a}?",
    "What does {w} of {a} cost",
    "price for {w} {a}",
    "vad kostar {w} {a}",
    "if i weigh up {w} of {a} what will it be",
    # test-only
    "need like {w} of {a}, how much roughly",
    "Hi, could you tell me what {w} of {a} would come to?",
    "{w} {a} = ? kr",
]


@category("price_of_weight", T_WEIGHT, 3)
def c_weight(rng, t):
    b = make_basket(rng, 2, 4)
    pid = rng.choice(LOOSE_IDS)
    w, g = rng.choice(WEIGHTS)
    name = store_mention(rng, pid, plural=True)
    if name is None:
        return None
    q = T_WEIGHT[t].format(w=w, a=name)
    return b, style(rng, q, voice=(t == 4)), {
        "kind": "answered", "numbers": [num(weight_price(pid, g))], "product_ids": [pid]}


T_PERKG = [
    "is {a} priced per kg or per piece? and what does one cost",
    "What's the kilo price of {a}, and roughly how much is one {s}?",
    "{a}: per kilo or each? how much",
    "kilopris på {a}? och en styck?",
    # test-only
    "do you charge the {a} by weight or by the piece, and whats one gonna cost me",
    "Quick one: how much per kg are {a}, and what would a single {s} come to?",
    "{a} how much a kilo and how much for one",
]
UNIT_RE = (r"(each|apiece|a piece|per (unit|piece|pack|package|item|carton|tub|bunch|bottle|bundle)|"
           r"by the (unit|piece|pack)|styck|/ ?st\b|a (pack|bunch|carton|tub|bundle))")


@category("per_kg_vs_piece", T_PERKG, 3)
def c_perkg(rng, t):
    b = make_basket(rng, 2, 4)
    # packs only in the "per kg or per piece?" templates (a pack has no kilo price to ask for elsewhere)
    if t in (0, 2, 4) and rng.random() < 0.35:
        pid = rng.choice(["Asparagus", "Asparagus"] + UNIT_IDS)
    else:
        pid = rng.choice(LOOSE_IDS)
    plural = store_mention(rng, pid, plural=True)
    if plural is None:
        return None
    sing = store_mention(rng, pid, plural=False, allow_typo=False)
    if sing is None:
        return None
    q = T_PERKG[t].format(a=plural, s=sing)
    if loose(pid):
        exp = {"kind": "answered", "numbers": [num(price(pid)), num(line_total(pid, 1))], "product_ids": [pid],
               "regex": r"kg|kilo"}
    else:
        exp = {"kind": "answered", "numbers": [num(price(pid))], "product_ids": [pid], "regex": UNIT_RE}
    return b, style(rng, q, voice=(t == 6)), exp


def pick_budget(rng, total, over):
    """A round budget (≥ 20 kr) at least 5 kr and 5 % but at most 60 % away from the total, below it when over."""
    for _ in range(200):
        step = rng.choice([10, 25, 50, 50, 100])
        base = (int(total) // step) * step
        k = rng.randint(0, 4)
        n = base - step * k if over else base + step * (k + 1)
        gap = abs(Decimal(n) - total)
        if n >= 20 and gap >= 5 and gap >= total * Decimal("0.05") and gap <= total * Decimal("0.6"):
            return n
    return None


T_BUDGET = [
    "I have {m}, can I afford everything?",
    "got {m} on me, is that enough",
    "Is {m} enough for all of this?",
    "will {m} cover my basket",
    "jag har {m}, räcker det?",
    # test-only
    "my budget is {m} today am i within it",
    "only brought {m} in cash - enough for the lot?",
    "Excuse me, I can spend at most {m}. Do I have enough for what's in the cart?",
]


@category("budget_enough", T_BUDGET, 3)
def c_budget(rng, t):
    b = make_basket(rng)
    total = basket_total(b)
    over = rng.random() < 0.5
    n = pick_budget(rng, total, over)
    if n is None:
        return None
    q = T_BUDGET[t].format(m=kr(rng, n))
    rx = r"^\W*(no|nope|nej|not quite|unfortunately not)\b" if over else r"^\W*(yes|yep|yeah|ja)\b"
    return b, style(rng, q, voice=(t == 5)), {
        "kind": "answered", "numbers": [num(total)], "regex": rx, "basket_only": True}


T_OVERUNDER = [
    "I have {m} — how much over or under am I?",
    "budget is {m}, how far off am i",
    "with {m} how much do I have left or how much am I short",
    "Am I over {m}? by how much",
    "har {m}, hur mycket över eller under är jag",
    # test-only
    "ok so if i stick to {m}, whats the difference to my total",
    "my limit is {m} how much over or under is the cart",
    "Could you tell me how my basket compares to my {m} budget, in kronor?",
]
OVER_RE = r"over|short|more than|exceed|too much|missing|need|above|beyond|extra"
UNDER_RE = r"under|left|remain|spare|within|less than|below|leftover|still have|enough|can (still )?spend|before you (reach|hit)"


@category("budget_over_under", T_OVERUNDER, 3)
def c_overunder(rng, t):
    b = make_basket(rng)
    total = basket_total(b)
    over = rng.random() < 0.5
    n = pick_budget(rng, total, over)
    if n is None:
        return None
    q = T_OVERUNDER[t].format(m=kr(rng, n))
    return b, style(rng, q, voice=(t == 6)), {
        "kind": "answered", "numbers": [num(abs(Decimal(n) - total))], "regex": OVER_RE if over else UNDER_RE,
        "basket_only": True}


T_CHANGE = [
    "If I pay with a {c} note, how much change do I get?",
    "paying {m} cash, change?",
    "how much back from {m}",
    "I'll give you {m} — what's my change?",
    "betalar med {m}, hur mycket får jag tillbaka",
    # test-only
    "got a {c} bill how much do i get back",
    "If I hand over {m}, what should come back to me?",
    "{m} in cash how much change is that",
]


@category("cash_change", T_CHANGE, 3)
def c_change(rng, t):
    b = make_basket(rng)
    total = basket_total(b)
    notes = [n for n in (100, 200, 500, 1000) if n > total]
    if not notes:
        return None
    cash = notes[0] if rng.random() < 0.7 or len(notes) == 1 else notes[1]
    if cash - total < 1:
        return None
    q = T_CHANGE[t].format(c=cash, m=kr(rng, cash))
    return b, style(rng, q, voice=(t == 5)), {
        "kind": "answered", "numbers": [num(Decimal(cash) - total)], "basket_only": True}


T_SPLIT = [
    "we're splitting this {n} ways, how much each?",
    "If {n} of us share the bill, what does each person pay?",
    "split the total by {n} pls",
    "how much is it per person if there are {nw} of us",
    "vi är {n} personer, hur mycket per person?",
    # test-only
    "me and my {o} roommates are splitting the cart evenly how much do we each owe",
    "divide my basket total by {n}?",
    "Could you work out each person's share if we split it {nw} ways, please?",
]


@category("split_bill", T_SPLIT, 3)
def c_split(rng, t):
    b = make_basket(rng)
    total = basket_total(b)
    n = rng.choice([2, 3, 4, 5])
    share = q2(total / n)
    q = T_SPLIT[t].format(n=n, nw=NUMWORD[n], o=NUMWORD.get(n - 1, "one") if n > 2 else "one")
    if t == 5 and n == 2:
        q = q.replace("roommates", "roommate")
    return b, style(rng, q, voice=(t == 5)), {
        "kind": "answered", "numbers": [num(share)], "basket_only": True}


T_EXTREME = [
    ("max", False, "What's the most expensive thing in my basket?"),
    ("min", False, "which item is cheapest in my cart"),
    ("max", True, "what's my priciest item and how much more is it than the next one?"),
    ("min", True, "cheapest thing i've got, and by how much is it cheaper than the second cheapest?"),
    ("diff", True, "how much more does my most expensive item cost than my cheapest one?"),
    # test-only
    ("max", True, "which of my things costs the most and by how much does it beat the runner up"),
    ("min", False, "vad är billigast i min korg?"),
    ("diff", True, "gap between the dearest and the cheapest item in here?"),
]


@category("most_least_expensive", T_EXTREME, 3)
def c_extreme(rng, t):
    mode, by_how_much, q = T_EXTREME[t]
    b = make_basket(rng, 3, 5, all_one=True)
    lines = sorted(b, key=lambda l: line_total(l["product"], 1))
    vals = [line_total(l["product"], 1) for l in lines]
    listed = [price(l["product"]) for l in lines]
    # unique winners by ≥ 1 kr, and the listed price (per kg or per unit) must pick the same winners
    if vals[1] - vals[0] < 1 or vals[-1] - vals[-2] < 1:
        return None
    if min(listed) != listed[0] or listed.count(listed[0]) > 1 or max(listed) != listed[-1] or listed.count(listed[-1]) > 1:
        return None
    if mode == "max":
        ids, nums = [lines[-1]["product"]], [vals[-1]] + ([vals[-1] - vals[-2]] if by_how_much else [])
    elif mode == "min":
        ids, nums = [lines[0]["product"]], [vals[0]] + ([vals[1] - vals[0]] if by_how_much else [])
    else:
        ids, nums = [lines[-1]["product"], lines[0]["product"]], [vals[-1] - vals[0]]
    return b, style(rng, q, voice=(t == 5)), {
        "kind": "answered", "numbers": [num(x) for x in nums], "product_ids": ids, "basket_only": True}


# pairs of one family with the same comparable unit, ≥ 0.5 kr apart per unit
FAMILIES = [G_APPLE_J + ["Bravo-Orange-Juice", "God-Morgon-Orange-Juice", "Tropicana-Juice-Smooth"],
            G_MILK + G_PLANT_DRINK, G_SOUR_CREAM + ["Arla-Sour-Milk"],
            ["Valio-Vanilla-Yoghurt", "Yoggi-Strawberry-Yoghurt", "Oatly-Natural-Oatghurt", "Arla-Sour-Milk"] + G_SOYG,
            [p for p in LOOSE_IDS if PRODUCTS[p]["top_category"] == "Fruit"],
            [p for p in LOOSE_IDS if PRODUCTS[p]["top_category"] == "Vegetables"]]
PAIRS = []
for fam in FAMILIES:
    for i, a in enumerate(fam):
        for b_ in fam[i + 1:]:
            (va, ua), (vb, ub) = comparable(a), comparable(b_)
            if ua == ub and abs(va - vb) >= Decimal("0.5"):
                PAIRS.append((a, b_))
PAIRS.sort()

T_CHEAPER = [
    "which is cheaper per {u}, {a} or {b}, and by how much?",
    "{a} vs {b} — which costs less per {u}? how much difference",
    "Per {u}, is {a} or {b} the better deal, and what's the difference?",
    "vilken är billigast per {usv}, {a} eller {b}? hur mycket skillnad",
    # test-only
    "comparing {a} and {b} per {u}: which one wins and by how many kronor",
    "Could you tell me whether {a} or {b} works out cheaper per {u}, and by how much?",
    "{a} or {b} cheaper per {u} by how much",
]


@category("cheaper_per_unit", T_CHEAPER, 3)
def c_cheaper(rng, t):
    b = make_basket(rng, 2, 4)
    a, c = rng.choice(PAIRS)
    if rng.random() < 0.5:
        a, c = c, a
    (va, u), (vc, _) = comparable(a), comparable(c)
    na, nc = store_mention(rng, a, plural=True), store_mention(rng, c, plural=True)
    if na is None or nc is None:
        return None
    cheap = a if va < vc else c
    uw = {"kg": "kilo", "l": "litre"}[u] if rng.random() < 0.5 else {"kg": "kg", "l": "liter"}[u]
    usv = {"kg": "kilo", "l": "liter"}[u]
    q = T_CHEAPER[t].format(a=na, b=nc, u=uw, usv=usv)
    diff = q2(abs(exact_comparable(a) - exact_comparable(c)))
    return b, style(rng, q, voice=(t == 6)), {
        "kind": "answered", "numbers": [num(min(va, vc)), num(diff)], "product_ids": [cheap]}


def money_re(x):
    """17.9 -> 17[.,]90?  (what the numeric grader would read as 17.90)"""
    whole, frac = f"{Decimal(x):.2f}".split(".")
    return whole + r"[.,]" + (frac[0] + frac[1] + "?" if frac[1] == "0" else frac)


def unique_min(ids, key):
    vals = sorted((key(p), p) for p in ids)
    if len(vals) > 1 and vals[0][0] == vals[1][0]:
        return None
    return vals[0]


def unique_max(ids, key):
    vals = sorted(((key(p), p) for p in ids), reverse=True)
    if len(vals) > 1 and vals[0][0] == vals[1][0]:
        return None
    return vals[0]


def per_piece(p):
    return line_total(p, 1)


# (words asking for the group, group ids, key, min/max)
KIND_GROUPS = [
    ("apple juice per litre", G_APPLE_J, lambda p: comparable(p)[0], "min"),
    ("apple juice per pack", G_APPLE_J, price, "min"),
    ("orange juice per litre (plain orange)", ["Bravo-Orange-Juice", "God-Morgon-Orange-Juice", "Tropicana-Juice-Smooth"],
     lambda p: comparable(p)[0], "min"),
    ("melon per kilo", G_MELON, price, "min"),
    ("melon per piece", G_MELON, per_piece, "min"),
    ("fruit per kilo", [p for p in LOOSE_IDS if PRODUCTS[p]["top_category"] == "Fruit"], price, "min"),
    ("most expensive fruit per kilo", [p for p in LOOSE_IDS if PRODUCTS[p]["top_category"] == "Fruit"], price, "max"),
    ("plant drink per litre", G_PLANT_DRINK, lambda p: comparable(p)[0], "min"),
    ("sour cream", G_SOUR_CREAM, price, "min"),
    ("citrus per kilo", ["Orange", "Lemon", "Lime", "Red-Grapefruit", "Satsumas"], price, "min"),
    ("priciest milk (cow)", G_MILK, price, "max"),
    ("spoonable plant yoghurt per kg", G_SOYG + ["Oatly-Natural-Oatghurt"], lambda p: comparable(p)[0], "min"),
]
KIND_PHRASES = {
    "apple juice per litre": ["cheapest apple juice per litre", "apple juice with the lowest price per liter",
                              "billigaste äppeljuicen per liter"],
    "apple juice per pack": ["cheapest apple juice carton", "cheapest pack of apple juice", "billigaste äppeljuice-förpackningen"],
    "orange juice per litre (plain orange)": ["cheapest plain orange juice per litre",
                                              "orange juice (just orange, no mix) with the lowest litre price",
                                              "billigaste rena apelsinjuicen per liter"],
    "melon per kilo": ["cheapest melon per kilo", "melon with the lowest kg price", "billigaste melonen per kilo"],
    "melon per piece": ["cheapest melon per piece", "cheapest single melon to buy (one whole melon)",
                        "billigaste melonen per styck"],
    "fruit per kilo": ["cheapest fruit per kilo", "fruit with the lowest price per kg", "billigaste frukten per kilo"],
    "most expensive fruit per kilo": ["most expensive fruit per kilo", "priciest fruit by the kg",
                                      "dyraste frukten per kilo"],
    "plant drink per litre": ["cheapest plant-based drink per litre (oat or soy)", "cheapest oat or soy drink per liter",
                              "billigaste växtdrycken per liter"],
    "sour cream": ["cheapest sour cream", "cheapest gräddfil", "billigaste gräddfilen"],
    "citrus per kilo": ["cheapest citrus fruit per kilo (oranges, lemons, limes, grapefruit, satsumas)",
                        "cheapest citrus by the kg", "billigaste citrusfrukten per kilo"],
    "priciest milk (cow)": ["most expensive cow's milk", "priciest carton of regular (cow) milk",
                            "dyraste komjölken"],
    "spoonable plant yoghurt per kg": ["cheapest plant-based yoghurt per kilo (soyghurt or oatghurt)",
                                       "cheapest dairy-free yoghurt per kg", "billigaste växtbaserade yoghurten per kilo"],
}
KIND_OK = []
for label, ids, key, mode in KIND_GROUPS:
    r = unique_min(ids, key) if mode == "min" else unique_max(ids, key)
    if r is not None:
        KIND_OK.append((label, r[1], r[0]))

T_KIND = [
    "What's the {k} you sell?",
    "which is the {k} in the store",
    "{k}?",
    "do you know the {k} here and what it costs",
    "vad är {k}?",
    # test-only
    "looking for the {k} in this shop, what is it and how much",
    "Could you point me to the {k} you have, with its price?",
    "{k} in store + price pls",
]


@category("cheapest_in_store", T_KIND, 3)
def c_kind(rng, t):
    b = make_basket(rng, 2, 4)
    label, pid, value = rng.choice(KIND_OK)
    phrases = KIND_PHRASES[label]
    k = phrases[2] if t == 4 else rng.choice(phrases[:2])
    q = T_KIND[t].format(k=k)
    if t == 4:
        q = q.replace("vad är billigaste", "vilken är den billigaste").replace("vad är dyraste", "vilken är den dyraste")
    exp = {"kind": "answered", "numbers": [num(value)], "product_ids": [pid]}
    if label == "sour cream":
        # no unit named: the pack price or the price per litre (both 300 ml packs, same winner) answers it
        lit = comparable(pid)[0]
        del exp["numbers"]
        exp["regex"] = r"\b(%s|%s)\b" % (money_re(value), money_re(lit))
    return b, style(rng, q, voice=(t == 5)), exp


ORG_YES = (r"^(?!.*\b(not|isn't|isnt|non)[- ](\w+[- ]){0,2}(organic|ecological|ekologisk))"
           r"(?=.*(organic|ecological|ekologisk|\beko\b))")
ORG_NO = (r"(\b(not|isn't|isnt|non|no)[- ](\w+[- ]){0,3}(organic|ecological|ekologisk|eko)|conventional"
          r"|\bnot\b[^.]{0,30}(organic|ecological|ekologisk))")

T_TWO = [
    ("price_org", "how much is the {a} and is the {b} organic?"),
    ("total_count", "whats my total and how many items do i have"),
    ("two_prices", "What do the {a} cost, and what about the {b}?"),
    ("total_max", "total? and which thing is the most expensive"),
    ("price_org", "Två frågor: vad kostar {a}, och är {b} ekologisk?"),
    ("total_count", "How many things are in my cart, and what do they come to?"),
    # test-only
    ("two_prices", "price of my {a} + price of my {b}"),
    ("price_org", "is the {b} eco? also how much are the {a}"),
    ("total_count", "number of items and the total please"),
    ("total_max", "what's the total so far, and what's the priciest thing I've got?"),
]


@category("two_in_one", T_TWO, 4)
def c_two(rng, t):
    mode, q = T_TWO[t]
    if mode == "total_count":
        b = make_basket(rng, 3, 6, all_one=True)
        return b, style(rng, q, voice=(t == 8)), {
            "kind": "answered", "numbers": [num(basket_total(b)), {"value": len(b), "tolerance": 0}], "basket_only": True}
    if mode == "total_max":
        b = make_basket(rng, 3, 5, all_one=True)
        lines = sorted(b, key=lambda l: line_total(l["product"], 1))
        vals = [line_total(l["product"], 1) for l in lines]
        listed = [price(l["product"]) for l in lines]
        if vals[-1] - vals[-2] < 1 or max(listed) != listed[-1] or listed.count(listed[-1]) > 1:
            return None
        return b, style(rng, q), {
            "kind": "answered", "numbers": [num(basket_total(b)), num(vals[-1])], "product_ids": [lines[-1]["product"]],
            "basket_only": True}
    b = make_basket(rng, 3, 5)
    scope = ids_of(b)
    ones = [l for l in b if l["qty"] == 1]
    if len(ones) < 2:
        return None
    # the lines whose price is asked have qty 1, so "how much is the X" has one answer (unit price = line total)
    la, lb = rng.sample(ones, 2)
    na, nb = mention(rng, la["product"], scope, la["qty"]), mention(rng, lb["product"], scope, 1)
    if na is None or nb is None:
        return None
    if mode == "two_prices":
        nb = mention(rng, lb["product"], scope, lb["qty"])
        if nb is None:
            return None
        return b, style(rng, q.format(a=na, b=nb)), {
            "kind": "answered", "numbers": [num(line_total(la["product"], la["qty"])), num(line_total(lb["product"], lb["qty"]))],
            "product_ids": [la["product"], lb["product"]], "basket_only": True}
    # price + organic: only ask "is it organic" of a name that does not already say it
    if any(w in nb for w in ("organic", "eko", "ekologisk")):
        return None
    org = PRODUCTS[lb["product"]]["attributes"].get("organic", False)
    return b, style(rng, q.format(a=na, b=nb)), {
        "kind": "answered", "numbers": [num(line_total(la["product"], la["qty"]))],
        "product_ids": [la["product"], lb["product"]], "regex": "(?s)" + (ORG_YES if org else ORG_NO),
        "basket_only": True}


T_SELF = [
    ("price", "how much is the {x} — no wait, the {y}"),
    ("price", "What does the {x} cost? sorry, I mean the {y}"),
    ("without", "total without the {x}, no sorry, without the {y}"),
    ("price", "price of {x}... actually scratch that, {y}"),
    ("price", "vad kostar {x}, nej förlåt, {y} menar jag"),
    # test-only
    ("without", "whats my total if i skip the {x} oh wait i meant the {y}"),
    ("price", "the {x} no the {y} how much is it"),
    ("price", "Could you tell me the price of the {x}? Oops, I meant the {y}."),
]


def fmt_variants(x):
    s = f"{Decimal(x):.2f}"
    return [s, s.replace(".", ",")]


@category("self_correction", T_SELF, 3)
def c_self(rng, t):
    mode, q = T_SELF[t]
    b = make_basket(rng, 3, 5)
    scope = ids_of(b)
    ones = [l for l in b if l["qty"] == 1]
    if mode == "price" and not ones:
        return None
    ly = rng.choice(ones if mode == "price" else b)
    y = ly["product"]
    # the retracted product: a basket line in half the cases, else a catalogue product of the same kind
    if rng.random() < 0.5:
        lx = rng.choice([l for l in b if l is not ly])
        x, xq = lx["product"], lx["qty"]
        nx = mention(rng, x, scope, xq)
        x_val = line_total(x, xq)
    else:
        same = [p for p in PRODUCTS if p not in scope and loose(p) == loose(y)]
        x = rng.choice(sorted(same))
        xq = ly["qty"]
        nx = mention(rng, x, scope | {x}, xq)  # must not also name a basket line
        x_val = line_total(x, xq)
    ny = mention(rng, y, scope | {x}, ly["qty"])
    if nx is None or ny is None or nx == ny:
        return None
    if mode == "price":
        truth = line_total(y, ly["qty"])
        wrong = x_val
    else:
        if x not in scope:
            return None  # "without X" only for a basket line
        truth = basket_total(b) - line_total(y, ly["qty"])
        wrong = basket_total(b) - x_val
    if abs(truth - wrong) < Decimal("0.05"):
        return None
    exp = {"kind": "answered", "numbers": [num(truth)], "product_ids": [y], "basket_only": True}
    # the retracted value must not be given as the answer (unless it is also one of y's own numbers)
    y_own = {line_total(y, ly["qty"]), line_total(y, 1), price(y), basket_total(b), truth}
    if wrong not in y_own and mode == "price":
        exp["not_contains"] = fmt_variants(wrong)
    if mode == "without":
        exp["not_contains"] = fmt_variants(wrong)
    return b, style(rng, q.format(x=nx, y=ny), voice=(t == 6)), exp


# ---------------------------------------------------------------- build
def build():
    cases = []
    seen_q = set()
    for ci, (name, templates, n_test_only, fn) in enumerate(CATEGORIES):
        n_val_t = len(templates) - n_test_only
        for split, base, n in (("val", VAL_SEED_BASE, N_VAL), ("test", TEST_SEED_BASE, N_TEST)):
            made = 0
            attempt = 0
            while made < n:
                rng = random.Random(SEED * 7919 + base + ci * 10_000 + attempt)
                attempt += 1
                if attempt > 5000:
                    raise SystemExit(f"cannot fill {name}/{split}")
                if split == "val":
                    t = made % n_val_t
                else:
                    # test: alternate test-only templates and the shared ones
                    t = n_val_t + (made // 2) % n_test_only if made % 2 == 0 else (made // 2) % n_val_t
                r = fn(rng, t)
                if r is None:
                    continue
                basket, question, expect = r
                if (basket and question) and (question, json.dumps(basket)) in seen_q:
                    continue
                seen_q.add((question, json.dumps(basket)))
                made += 1
                for l in basket:
                    assert l["product"] in PRODUCTS
                assert len(ids_of(basket)) == len(basket)
                for pid in expect.get("product_ids", []):
                    assert pid in PRODUCTS
                    if expect.get("basket_only"):
                        assert pid in ids_of(basket), (name, pid)
                cases.append({"id": f"money2-{name}-{split}-{made:02d}", "split": split, "category": name,
                              "template": t, "basket": basket, "question": question, "expect": expect})
    return cases


def main():
    cases = build()
    with open(OUT, "w", encoding="utf-8") as f:
        for c in cases:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    counts = Counter((c["category"], c["split"]) for c in cases)
    print(f"{'category':24s} {'val':>4s} {'test':>5s}")
    for name, *_ in CATEGORIES:
        print(f"{name:24s} {counts[(name, 'val')]:4d} {counts[(name, 'test')]:5d}")
    nv = sum(1 for c in cases if c["split"] == "val")
    print(f"{'total':24s} {nv:4d} {len(cases) - nv:5d}  ({len(cases)} cases) -> {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
