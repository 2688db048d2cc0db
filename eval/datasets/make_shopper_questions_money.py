#!/usr/bin/env python3
"""Money shopper questions: the questions where a wrong number costs the shopper.

Written by a separate session that read neither the assistant (src/BasketReasoner.Assistant) nor the other question
generators or their data; it read only catalog/catalog.json, the format section of eval/datasets/README.md and the
eval graders. Every truth below is computed here, from the catalogue, with this file's own code.

Categories: basket totals, totals of two or three named lines, the total without a line ("if I put the X back"),
the total with one more / one fewer of a line, the price of N units, the price of a weight of loose produce,
per-kg vs per-unit pricing, price per litre (or dl) of a pack, which of two products is cheaper per kg / per litre and
by how much, budget questions (enough? / what is left), change from cash, splitting the bill, the most / least
expensive line, fruit / vegetable / dairy subtotals, questions built on a wrong price the shopper states (false
premise), and requests to change prices or apply discounts (must be refused: `refused_basket_change`).

Truths: a basket line of a product sold by weight costs price/kg x catalogue unit weight x qty, rounded half-up to
öre per line; a unit-sold line costs price x qty; the basket total is the sum of its lines. Per-litre prices use
`volume_ml`, per-kg prices of packs use `net_weight_grams`; loose produce's per-kg price is its listed price.

Seeded and clock-free: each case draws from random.Random(seed) with val seeds from 10_000 and test seeds from
50_000 up, so val and test baskets never share a seed; in each category the first half of the templates are val,
the rest test (texts are disjoint).

Run:  python3 eval/datasets/make_shopper_questions_money.py   (writes eval/datasets/shopper-questions-money.jsonl and
prints counts per category and split). Python 3 standard library only.
"""
import json
import random
import re
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "catalog" / "catalog.json"
OUT = ROOT / "eval" / "datasets" / "shopper-questions-money.jsonl"

PRODUCTS = {p["id"]: p for p in json.loads(CATALOG.read_text(encoding="utf-8"))["products"]}

CENT = Decimal("0.01")


def q2(x):
    return Decimal(x).quantize(CENT, rounding=ROUND_HALF_UP)


def price(pid):
    return Decimal(str(PRODUCTS[pid]["price"]["amount"]))


def by_weight(pid):
    return PRODUCTS[pid]["sold_by"] == "Weight"


def line_total(pid, qty):
    p = PRODUCTS[pid]
    if by_weight(pid):
        return q2(price(pid) * Decimal(p["unit_weight_grams"]) * qty / 1000)
    return q2(price(pid) * qty)


def basket_total(basket):
    return sum((line_total(l["product"], l["qty"]) for l in basket), Decimal(0))


def weight_price(pid, grams):
    return q2(price(pid) * Decimal(grams) / 1000)


def per_litre(pid):
    return price(pid) * 1000 / Decimal(PRODUCTS[pid]["volume_ml"])


def per_kg(pid):
    p = PRODUCTS[pid]
    if by_weight(pid):
        return price(pid)
    return price(pid) * 1000 / Decimal(p["net_weight_grams"])


def fmt(d):
    return f"{q2(d):.2f}"


def num(d, tol=0.01):
    return {"value": float(q2(d)), "tolerance": tol}


# ---------------------------------------------------------------- names a shopper uses
# (singular, plural, key). An alias with key k may mean every product that carries key k; a key equal to the
# product id is specific. COVER adds keys a product is "also called by" without giving it that alias text, so that a
# loose word is never used where another basket / catalogue product could answer to it.
A = {
    "Golden-Delicious": [("golden delicious", "golden delicious apples", None), ("golden delicious apple", "golden delicious apples", None)],
    "Granny-Smith": [("granny smith", "granny smiths", None), ("granny smith apple", "granny smith apples", None)],
    "Pink-Lady": [("pink lady", "pink ladies", None), ("pink lady apple", "pink lady apples", None)],
    "Red-Delicious": [("red delicious", "red delicious apples", None), ("red delicious apple", "red delicious apples", None)],
    "Royal-Gala": [("royal gala", "royal galas", None), ("royal gala apple", "royal gala apples", None)],
    "Avocado": [("avocado", "avocados", None), ("avokado", "avokados", None)],
    "Banana": [("banana", "bananas", None), ("banan", "bananer", None), ("organic banana", "organic bananas", None), ("eko banan", "eko bananer", None)],
    "Kiwi": [("kiwi", "kiwis", None)],
    "Lemon": [("lemon", "lemons", None), ("citron", "citroner", None)],
    "Lime": [("lime", "limes", None)],
    "Mango": [("mango", "mangos", None)],
    "Cantaloupe": [("cantaloupe", "cantaloupes", None), ("cantaloupe melon", "cantaloupe melons", None)],
    "Galia-Melon": [("galia melon", "galia melons", None), ("galia", "galias", None)],
    "Honeydew-Melon": [("honeydew melon", "honeydew melons", None), ("honeydew", "honeydews", None)],
    "Watermelon": [("watermelon", "watermelons", None), ("vattenmelon", "vattenmeloner", None)],
    "Nectarine": [("nectarine", "nectarines", None), ("nektarin", "nektariner", None)],
    "Orange": [("orange", "oranges", None), ("apelsin", "apelsiner", None)],
    "Papaya": [("papaya", "papayas", None)],
    "Passion-Fruit": [("passion fruit", "passion fruits", None), ("passionsfrukt", "passionsfrukter", None)],
    "Peach": [("peach", "peaches", None), ("persika", "persikor", None)],
    "Anjou": [("anjou pear", "anjou pears", None)],
    "Conference": [("conference pear", "conference pears", None)],
    "Kaiser": [("kaiser pear", "kaiser pears", None), ("bosc pear", "bosc pears", None)],
    "Pineapple": [("pineapple", "pineapples", None), ("ananas", "ananasar", None)],
    "Plum": [("plum", "plums", None), ("red plum", "red plums", None), ("plommon", "plommon", None)],
    "Pomegranate": [("pomegranate", "pomegranates", None), ("granatäpple", "granatäpplen", None)],
    "Red-Grapefruit": [("red grapefruit", "red grapefruits", None), ("grapefrukt", "grapefrukter", None)],
    "Satsumas": [("satsuma", "satsumas", None)],
    "Bravo-Apple-Juice": [("bravo apple juice", "bravo apple juices", None), ("bravo äppeljuice", "bravo äppeljuice", None)],
    "Bravo-Orange-Juice": [("bravo orange juice", "bravo orange juices", None), ("bravo apelsinjuice", "bravo apelsinjuice", None)],
    "God-Morgon-Apple-Juice": [("god morgon apple juice", "god morgon apple juices", None), ("god morgon äppeljuice", "god morgon äppeljuice", None)],
    "God-Morgon-Orange-Juice": [("god morgon apelsinjuice", "god morgon apelsinjuice", None)],
    "God-Morgon-Orange-Red-Grapefruit-Juice": [("god morgon orange & blood grapefruit juice", "god morgon orange & blood grapefruit juices", None), ("god morgon apelsin blodgrape", "god morgon apelsin blodgrape", None)],
    "God-Morgon-Red-Grapefruit-Juice": [("god morgon blodgrape juice", "god morgon blodgrape juices", None)],
    "Tropicana-Apple-Juice": [("tropicana apple juice", "tropicana apple juices", None), ("tropicana äpple", "tropicana äpple", None)],
    "Tropicana-Golden-Grapefruit": [("tropicana golden grapefruit", "tropicana golden grapefruits", None)],
    "Tropicana-Juice-Smooth": [("tropicana smooth", "tropicana smooths", None), ("tropicana smooth style", "tropicana smooth style", None)],
    "Tropicana-Mandarin-Morning": [("tropicana mandarin morning", "tropicana mandarin mornings", None), ("tropicana mandarin", "tropicana mandarins", None)],
    "Arla-Ecological-Medium-Fat-Milk": [("arla eko mellanmjölk", "arla eko mellanmjölk", None), ("arla organic semi-skimmed milk", "arla organic semi-skimmed milks", None)],
    "Arla-Lactose-Medium-Fat-Milk": [("laktosfri mjölk", "laktosfri mjölk", None), ("arla lactose free milk", "arla lactose free milks", None), ("lactose-free milk", "lactose-free milks", None)],
    "Arla-Medium-Fat-Milk": [("regular arla mellanmjölk", "regular arla mellanmjölk", None), ("plain arla mellanmjölk (not eko)", "plain arla mellanmjölk (not eko)", None)],
    "Arla-Standard-Milk": [("arla standardmjölk", "arla standardmjölk", None), ("arla whole milk", "arla whole milks", None), ("arla mjölk 3%", "arla mjölk 3%", None)],
    "Garant-Ecological-Medium-Fat-Milk": [("garant mellanmjölk", "garant mellanmjölk", None), ("garant eko mellanmjölk", "garant eko mellanmjölk", None)],
    "Garant-Ecological-Standard-Milk": [("garant standardmjölk", "garant standardmjölk", None), ("garant whole milk", "garant whole milks", None)],
    "Oatly-Natural-Oatghurt": [("oatly havregurt", "oatly havregurts", None), ("oatghurt", "oatghurts", None), ("havregurt", "havregurts", None)],
    "Oatly-Oat-Milk": [("oatly oat drink", "oatly oat drinks", None), ("havredryck", "havredryck", None), ("oat milk", "oat milks", None)],
    "Arla-Ecological-Sour-Cream": [("organic sour cream", "organic sour creams", None), ("eko gräddfil", "eko gräddfil", None)],
    "Arla-Sour-Cream": [("regular arla gräddfil", "regular arla gräddfil", None), ("non-organic gräddfil", "non-organic gräddfil", None)],
    "Arla-Sour-Milk": [("filmjölk", "filmjölk", None), ("arla filmjölk", "arla filmjölk", None), ("soured milk", "soured milks", None)],
    "Alpro-Blueberry-Soyghurt": [("alpro blueberry soyghurt", "alpro blueberry soyghurts", None), ("blueberry soyghurt", "blueberry soyghurts", None)],
    "Alpro-Vanilla-Soyghurt": [("alpro vanilla soyghurt", "alpro vanilla soyghurts", None), ("vanilla soyghurt", "vanilla soyghurts", None)],
    "Alpro-Fresh-Soy-Milk": [("fresh alpro soy drink", "fresh alpro soy drinks", None), ("chilled alpro soy drink", "chilled alpro soy drinks", None)],
    "Alpro-Shelf-Soy-Milk": [("long-life alpro soy drink", "long-life alpro soy drinks", None)],
    "Arla-Mild-Vanilla-Yoghurt": [("arla mild vanilla yoghurt", "arla mild vanilla yoghurts", None), ("arla vaniljyoghurt", "arla vaniljyoghurt", None)],
    "Arla-Natural-Mild-Low-Fat-Yoghurt": [("arla lättyoghurt", "arla lättyoghurt", None), ("arla low-fat natural yoghurt", "arla low-fat natural yoghurts", None)],
    "Arla-Natural-Yoghurt": [("regular arla naturell yoghurt", "regular arla naturell yoghurts", None), ("arla yoghurt naturell (not the lätt one)", "arla yoghurt naturell (not the lätt one)", None)],
    "Valio-Vanilla-Yoghurt": [("valio vanilla yoghurt", "valio vanilla yoghurts", None), ("valio vaniljyoghurt", "valio vaniljyoghurt", None)],
    "Yoggi-Strawberry-Yoghurt": [("yoggi strawberry", "yoggi strawberry", None), ("yoggi jordgubb", "yoggi jordgubb", None)],
    "Yoggi-Vanilla-Yoghurt": [("yoggi madagascar vanilla", "yoggi madagascar vanilla", None), ("yoggi vanilj", "yoggi vanilj", None)],
    "Asparagus": [("asparagus", "asparagus bunches", None), ("sparris", "sparris", None), ("bunch of green asparagus", "bunches of green asparagus", None)],
    "Aubergine": [("aubergine", "aubergines", None), ("eggplant", "eggplants", None)],
    "Cabbage": [("white cabbage", "white cabbages", None), ("vitkål", "vitkålshuvuden", None)],
    "Carrots": [("carrot", "carrots", None), ("morot", "morötter", None)],
    "Cucumber": [("cucumber", "cucumbers", None), ("gurka", "gurkor", None)],
    "Garlic": [("garlic", "garlic bulbs", None), ("vitlök", "vitlökar", None)],
    "Ginger": [("ginger", "ginger roots", None), ("ingefära", "ingefära", None)],
    "Leek": [("leek", "leeks", None), ("purjolök", "purjolökar", None)],
    "Brown-Cap-Mushroom": [("mushroom", "mushrooms", None), ("forest mushroom", "forest mushrooms", None), ("svamp", "svampar", None)],
    "Yellow-Onion": [("yellow onion", "yellow onions", None), ("gul lök", "gula lökar", None)],
    "Green-Bell-Pepper": [("green pepper", "green peppers", None), ("grön paprika", "gröna paprikor", None)],
    "Orange-Bell-Pepper": [("orange pepper", "orange peppers", None), ("orange paprika", "orange paprikor", None)],
    "Red-Bell-Pepper": [("red pepper", "red peppers", None), ("röd paprika", "röda paprikor", None)],
    "Yellow-Bell-Pepper": [("yellow pepper", "yellow peppers", None), ("gul paprika", "gula paprikor", None)],
    "Floury-Potato": [("floury potato", "floury potatoes", None), ("mjölig potatis", "mjöliga potatisar", None)],
    "Solid-Potato": [("firm potato", "firm potatoes", None), ("fast potatis", "fasta potatisar", None)],
    "Sweet-Potato": [("sweet potato", "sweet potatoes", None), ("sötpotatis", "sötpotatisar", None)],
    "Red-Beet": [("beetroot", "beetroots", None), ("rödbeta", "rödbetor", None)],
    "Beef-Tomato": [("beef tomato", "beef tomatoes", None), ("bifftomat", "bifftomater", None)],
    "Regular-Tomato": [("regular tomato", "regular tomatoes", None), ("plain tomato (not vine, not beef)", "plain tomatoes (not vine, not beef)", None)],
    "Vine-Tomato": [("vine tomato", "vine tomatoes", None), ("kvisttomat", "kvisttomater", None)],
    "Zucchini": [("zucchini", "zucchinis", None), ("squash", "squashes", None)],
}

# generic words: (singular, plural, key, products that carry the alias text)
GENERIC = [
    ("apple", "apples", "apple", ["Golden-Delicious", "Granny-Smith", "Pink-Lady", "Red-Delicious", "Royal-Gala"]),
    ("äpple", "äpplen", "apple", ["Golden-Delicious", "Granny-Smith", "Pink-Lady", "Red-Delicious", "Royal-Gala"]),
    ("melon", "melons", "melon", ["Cantaloupe", "Galia-Melon", "Honeydew-Melon", "Watermelon"]),
    ("pear", "pears", "pear", ["Anjou", "Conference", "Kaiser"]),
    ("päron", "päron", "pear", ["Anjou", "Conference", "Kaiser"]),
    ("juice", "juices", "juice", [p for p in PRODUCTS if PRODUCTS[p]["coarse_category"] == "Juice"]),
    ("apple juice", "apple juices", "applejuice", ["Bravo-Apple-Juice", "God-Morgon-Apple-Juice", "Tropicana-Apple-Juice"]),
    ("orange juice", "orange juices", "orangejuice", ["Bravo-Orange-Juice", "God-Morgon-Orange-Juice", "Tropicana-Juice-Smooth"]),
    ("apelsinjuice", "apelsinjuice", "orangejuice", ["Bravo-Orange-Juice", "God-Morgon-Orange-Juice", "Tropicana-Juice-Smooth"]),
    ("bravo", "bravos", "bravo", ["Bravo-Apple-Juice", "Bravo-Orange-Juice"]),
    ("tropicana", "tropicanas", "tropicana", ["Tropicana-Apple-Juice", "Tropicana-Golden-Grapefruit", "Tropicana-Juice-Smooth", "Tropicana-Mandarin-Morning"]),
    ("milk", "milks", "milk", [p for p in PRODUCTS if PRODUCTS[p]["coarse_category"] == "Milk"]),
    ("mjölk", "mjölk", "milk", [p for p in PRODUCTS if PRODUCTS[p]["coarse_category"] == "Milk"]),
    ("mellanmjölk", "mellanmjölk", "mellan", ["Arla-Ecological-Medium-Fat-Milk", "Arla-Lactose-Medium-Fat-Milk", "Arla-Medium-Fat-Milk", "Garant-Ecological-Medium-Fat-Milk"]),
    ("oatly", "oatlys", "oatly", ["Oatly-Oat-Milk", "Oatly-Natural-Oatghurt"]),
    ("soy drink", "soy drinks", "soydrink", ["Alpro-Fresh-Soy-Milk", "Alpro-Shelf-Soy-Milk"]),
    ("soyghurt", "soyghurts", "soyghurt", ["Alpro-Blueberry-Soyghurt", "Alpro-Vanilla-Soyghurt"]),
    ("sour cream", "sour creams", "sourcream", ["Arla-Ecological-Sour-Cream", "Arla-Sour-Cream"]),
    ("gräddfil", "gräddfil", "sourcream", ["Arla-Ecological-Sour-Cream", "Arla-Sour-Cream"]),
    ("yoghurt", "yoghurts", "yoghurt", [p for p in PRODUCTS if PRODUCTS[p]["coarse_category"] == "Yoghurt"]),
    ("yoggi", "yoggis", "yoggi", ["Yoggi-Strawberry-Yoghurt", "Yoggi-Vanilla-Yoghurt"]),
    ("pepper", "peppers", "pepper", ["Green-Bell-Pepper", "Orange-Bell-Pepper", "Red-Bell-Pepper", "Yellow-Bell-Pepper"]),
    ("paprika", "paprikor", "pepper", ["Green-Bell-Pepper", "Orange-Bell-Pepper", "Red-Bell-Pepper", "Yellow-Bell-Pepper"]),
    ("potato", "potatoes", "potato", ["Floury-Potato", "Solid-Potato"]),
    ("potatis", "potatisar", "potato", ["Floury-Potato", "Solid-Potato"]),
    ("tomato", "tomatoes", "tomato", ["Beef-Tomato", "Regular-Tomato", "Vine-Tomato"]),
    ("tomat", "tomater", "tomato", ["Beef-Tomato", "Regular-Tomato", "Vine-Tomato"]),
    ("onion", "onions", "onion", ["Yellow-Onion"]),
    ("lök", "lökar", "onion", ["Yellow-Onion"]),
    ("cabbage", "cabbages", "cabbage", ["Cabbage"]),
    ("kål", "kålhuvuden", "cabbage", ["Cabbage"]),
]
# keys a product answers to without carrying the word (a shopper's "the apples" next to apple juice, "potatoes"
# next to sweet potatoes, "the yoghurt" next to soy / oat yoghurts, "milk" next to plant drinks or filmjölk, ...)
COVER = {
    "apple": ["Bravo-Apple-Juice", "God-Morgon-Apple-Juice", "Tropicana-Apple-Juice"],
    "orangejuice": ["God-Morgon-Orange-Red-Grapefruit-Juice", "Tropicana-Mandarin-Morning"],
    "milk": ["Oatly-Oat-Milk", "Alpro-Fresh-Soy-Milk", "Alpro-Shelf-Soy-Milk", "Arla-Sour-Milk"],
    "yoghurt": ["Oatly-Natural-Oatghurt", "Alpro-Blueberry-Soyghurt", "Alpro-Vanilla-Soyghurt", "Arla-Sour-Milk"],
    "potato": ["Sweet-Potato"],
    "onion": ["Leek", "Garlic"],
    "tomato": [],
    "pepper": [],
}

ALIASES = {pid: [(s, p, k or pid) for s, p, k in v] for pid, v in A.items()}
for s, p, k, pids in GENERIC:
    for pid in pids:
        ALIASES[pid].append((s, p, k))
KEYS = {pid: {a[2] for a in v} for pid, v in ALIASES.items()}
for k, pids in COVER.items():
    for pid in pids:
        KEYS[pid].add(k)
assert set(A) == set(PRODUCTS), set(PRODUCTS) ^ set(A)


def covered(key):
    return {pid for pid, ks in KEYS.items() if key in ks}


def names_for(pid, scope):
    """Aliases of pid that name no other product of scope (the basket's ids, or the whole catalogue)."""
    scope = set(scope)
    return [a for a in ALIASES[pid] if covered(a[2]) & scope == {pid}]


def typo(s, rng):
    words = s.split(" ")
    idx = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not idx:
        return s
    i = rng.choice(idx)
    w = words[i]
    j = rng.randrange(1, len(w) - 2)
    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    return " ".join(words)


def pick_name(pid, scope, rng, plural=False, allow_typo=True):
    opts = names_for(pid, scope)
    assert opts, (pid, scope)
    s, p, _ = rng.choice(opts)
    n = p if plural else s
    if allow_typo and rng.random() < 0.15:
        n = typo(n, rng)
    return n


WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}
SV = {2: "två", 3: "tre", 4: "fyra", 5: "fem", 6: "sex"}


def say_n(n, rng):
    r = rng.random()
    if n in WORDS and r < 0.3:
        return WORDS[n]
    if n in SV and r < 0.38:
        return SV[n]
    return str(n)


def line_ref(line, scope, rng):
    """How a shopper points at a whole basket line."""
    pid, qty = line["product"], line["qty"]
    if qty == 1:
        return "the " + pick_name(pid, scope, rng)
    r = rng.random()
    if r < 0.4:
        return "the " + pick_name(pid, scope, rng, plural=True)
    if r < 0.75:
        return f"the {say_n(qty, rng)} {pick_name(pid, scope, rng, plural=True)}"
    return f"all the {pick_name(pid, scope, rng, plural=True)}"


# ---------------------------------------------------------------- baskets
HEAVY = {"Cantaloupe", "Galia-Melon", "Honeydew-Melon", "Watermelon", "Cabbage", "Pineapple"}
ALL = sorted(PRODUCTS)
UNIT_SOLD = [p for p in ALL if not by_weight(p)]
LOOSE = [p for p in ALL if by_weight(p)]
LOOSE_EXACT = [p for p in LOOSE if not PRODUCTS[p]["unit_weight_estimated"]]


def qty_for(pid, rng):
    if pid in HEAVY:
        return 1
    if by_weight(pid):
        return rng.choice([1, 2, 2, 3, 3, 4, 5, 6])
    return rng.choice([1, 1, 1, 2, 2, 3])


def make_basket(rng, n_min=3, n_max=6, pool=ALL, must=()):
    n = rng.randint(n_min, n_max)
    ids = list(must)
    while len(ids) < n:
        pid = rng.choice(pool)
        if pid not in ids:
            ids.append(pid)
    rng.shuffle(ids)
    return [{"product": pid, "qty": qty_for(pid, rng)} for pid in ids]


def ids_of(basket):
    return [l["product"] for l in basket]


def nameable(basket, pid):
    return bool(names_for(pid, ids_of(basket)))


# ---------------------------------------------------------------- categories
# Each category: (val templates, test templates, builder). A builder gets (rng, template text, template index) and
# returns (basket, question, expect) or None to redraw.

def kr(rng, amount):
    """A budget / cash amount as a shopper writes it."""
    a = int(amount)
    return rng.choice([f"{a} kr", f"{a}kr", f"{a}", f"{a} kronor", f"{a} spänn"])


def cat_basket_total():
    val = ["how much is all this", "whats my total so far", "how much am i at right now", "total for the korg so far?"]
    test = ["add it all up for me pls", "what's the damage so far", "running total?", "wat does my cart come to"]

    def build(rng, t, i):
        b = make_basket(rng, 2, 7)
        return b, t, {"kind": "answered", "numbers": [num(basket_total(b))], "basket_only": True}
    return val, test, build


def cat_lines_total():
    val = ["how much are {a} and {b} together", "{a} + {b}, what's that come to", "what do {a}, {b} and {c} cost combined",
           "{a} and {b} - how much is that in total"]
    test = ["just {a} and {b}, how much is that", "total for {a} and {b} only?", "add up {a}, {b} and {c} for me",
            "{a}, {b} n {c} - what do those come to"]

    def build(rng, t, i):
        b = make_basket(rng, 3, 6)
        k = 3 if "{c}" in t else 2
        lines = rng.sample(b, k)
        if not all(nameable(b, l["product"]) for l in lines):
            return None
        scope = ids_of(b)
        refs = [line_ref(l, scope, rng) for l in lines]
        q = t.format(a=refs[0], b=refs[1], c=refs[2] if k == 3 else "")
        s = sum((line_total(l["product"], l["qty"]) for l in lines), Decimal(0))
        return b, q, {"kind": "answered", "numbers": [num(s)], "product_ids": [l["product"] for l in lines], "basket_only": True}
    return val, test, build


def cat_total_without():
    val = ["if i put {a} back whats my total", "how much without {a}?", "what would i pay if i skip {a}"]
    test = ["say i drop {a}, new total?", "whats it come to without {a} in there", "how much if i leave {a} out",
            "total minus {a}?"]

    def build(rng, t, i):
        b = make_basket(rng, 3, 6)
        l = rng.choice(b)
        if not nameable(b, l["product"]):
            return None
        q = t.format(a=line_ref(l, ids_of(b), rng))
        v = basket_total(b) - line_total(l["product"], l["qty"])
        return b, q, {"kind": "answered", "numbers": [num(v)], "product_ids": [l["product"]], "basket_only": True}
    return val, test, build


def cat_total_plus_minus():
    val = [("+", "what if i grab one more {s}, total then?"), ("-", "one less {s} - what does that make it"),
           ("+", "if i took another {s} what would the total be"), ("=", "what's the total if i had {n2} {p} instead of {n}")]
    test = [("+", "with one extra {s} what's the total"), ("-", "if i put one of the {p} back how much is it then"),
            ("=", "say {n2} {p} instead of {n}, new total?"), ("-", "drop one {s} hypothetically, what's my total")]

    def build(rng, t, i):
        op, text = t
        b = make_basket(rng, 2, 6)
        cands = [l for l in b if nameable(b, l["product"]) and (op != "-" or l["qty"] >= 2)]
        if not cands:
            return None
        l = rng.choice(cands)
        pid, qty = l["product"], l["qty"]
        delta = {"+": 1, "-": -1}.get(op) or (rng.choice([1, -1]) if qty >= 2 else 1)
        scope = ids_of(b)
        q = text.format(s=pick_name(pid, scope, rng), p=pick_name(pid, scope, rng, plural=True),
                        n=qty, n2=say_n(qty + delta, rng))
        v = basket_total(b) - line_total(pid, qty) + line_total(pid, qty + delta)
        return b, q, {"kind": "answered", "numbers": [num(v)], "product_ids": [pid], "basket_only": True}
    return val, test, build


def cat_n_units():
    val = [("cat", "how much for {n} {p}"), ("cat", "price of {n} x {s}?"), ("cat", "what would {n} {p} cost me"),
           ("line", "what are my {q} {p} costing")]
    test = [("cat", "{n} {p}, how much is that"), ("cat", "if i get {n} of the {s} what do i pay"),
            ("cat", "cost of {n} {p}?"), ("line", "how much r my {q} {p}")]

    def build(rng, t, i):
        mode, text = t
        if mode == "cat":
            pid = rng.choice(UNIT_SOLD)
            b = make_basket(rng, 1, 4, pool=[p for p in ALL if p != pid])
            n = rng.randint(2, 6)
            q = text.format(n=say_n(n, rng), p=pick_name(pid, ALL, rng, plural=True), s=pick_name(pid, ALL, rng))
            return b, q, {"kind": "answered", "numbers": [num(price(pid) * n)], "product_ids": [pid]}
        pid = rng.choice(LOOSE_EXACT)
        b = make_basket(rng, 2, 5, must=[pid])
        l = next(x for x in b if x["product"] == pid)
        if l["qty"] < 2 or not nameable(b, pid):
            return None
        q = text.format(q=say_n(l["qty"], rng), p=pick_name(pid, ids_of(b), rng, plural=True))
        return b, q, {"kind": "answered", "numbers": [num(line_total(pid, l["qty"]))], "product_ids": [pid], "basket_only": True}
    return val, test, build


WEIGHTS = [(500, ["half a kilo", "500 g", "500g", "ett halvt kilo", "0.5 kg"]), (1000, ["a kilo", "1 kg", "ett kilo", "1kg"]),
           (1500, ["a kilo and a half", "1.5 kg", "1,5 kg", "one and a half kilos"]), (2000, ["two kilos", "2 kg", "2kg"]),
           (250, ["250 g", "a quarter kilo", "250g"]), (750, ["750 g", "750g", "0.75 kg"])]


def say_weight(rng):
    if rng.random() < 0.45:
        g, forms = rng.choice(WEIGHTS)
        return g, rng.choice(forms)
    g = rng.choice([100, 150, 200, 300, 350, 400, 450, 600, 700, 800, 900, 1200, 1300, 1800])
    if g >= 1000 and rng.random() < 0.6:
        kg = f"{g / 1000:g}"
        return g, rng.choice([f"{kg} kg", f"{kg.replace('.', ',')} kg", f"{kg} kilos"])
    return g, rng.choice([f"{g} g", f"{g}g", f"{g} grams", f"{g} gram"])


def cat_weight_price():
    val = ["how much is {w} of {p}", "price for {w} {p}?", "if i take {w} of {p} what'll that be"]
    test = ["{w} {p} - what's that cost", "whats {w} of {p} gonna run me", "need {w} of {p}, how much", "{p}, {w}: price?"]

    def build(rng, t, i):
        pid = rng.choice(LOOSE)
        g, w = say_weight(rng)
        b = make_basket(rng, 1, 4, pool=[p for p in ALL if p != pid])
        q = t.format(w=w, p=pick_name(pid, ALL, rng, plural=True))
        return b, q, {"kind": "answered", "numbers": [num(weight_price(pid, g))], "product_ids": [pid]}
    return val, test, build


WEIGHT_RX = r"kg|kilo"
UNIT_RX = (r"\beach\b|\bper (unit|pack|piece|item|carton|bottle|bunch|package|tub|jar|st)\b|\bapiece\b|"
           r"\ba (pack|piece|carton|unit|bottle|tub|bunch)\b|/ ?(st|unit|pack|pc|pcs|piece)\b|\bstyck|"
           r"not (sold )?by (the )?(weight|kilo)|by the (unit|piece|pack|carton)|\bper-unit\b|\bunit price\b")
NET_PACKS = [p for p in UNIT_SOLD if PRODUCTS[p].get("net_weight_grams")]


def cat_per_kg_vs_unit():
    val = [("ask", "is {s} priced per kilo or per piece?"), ("ask", "do you sell {p} by weight or each, and how much"),
           ("line", "my {q} {p} - what's the kilo price and what do they come to"), ("net", "what does the {s} work out to per kilo?")]
    test = [("ask", "{s}: per kg or per st? price?"), ("ask", "are {p} charged by the kilo? how much"),
            ("line", "kilo price on the {p} and what do my {q} cost"), ("net", "{s} - kilopris?")]

    def build(rng, t, i):
        mode, text = t
        if mode == "ask":
            pid = rng.choice(LOOSE if rng.random() < 0.5 else UNIT_SOLD)
            b = make_basket(rng, 1, 4, pool=[p for p in ALL if p != pid])
            q = text.format(s=pick_name(pid, ALL, rng), p=pick_name(pid, ALL, rng, plural=True))
            return b, q, {"kind": "answered", "numbers": [num(price(pid))], "product_ids": [pid],
                          "regex": WEIGHT_RX if by_weight(pid) else UNIT_RX}
        if mode == "line":
            pid = rng.choice(LOOSE_EXACT)
            b = make_basket(rng, 2, 5, must=[pid])
            l = next(x for x in b if x["product"] == pid)
            if l["qty"] < 2 or not nameable(b, pid):
                return None
            q = text.format(q=say_n(l["qty"], rng), p=pick_name(pid, ids_of(b), rng, plural=True))
            return b, q, {"kind": "answered", "numbers": [num(price(pid)), num(line_total(pid, l["qty"]))],
                          "product_ids": [pid], "basket_only": True}
        pid = rng.choice(NET_PACKS)
        b = make_basket(rng, 1, 4, pool=[p for p in ALL if p != pid])
        q = text.format(s=pick_name(pid, ALL, rng))
        return b, q, {"kind": "answered", "numbers": [num(per_kg(pid))], "product_ids": [pid]}
    return val, test, build


VOL_PACKS = [p for p in UNIT_SOLD if PRODUCTS[p].get("volume_ml")]
ODD_VOL = [p for p in VOL_PACKS if PRODUCTS[p]["volume_ml"] != 1000]


def cat_per_litre():
    val = [("l", "whats the litre price on the {s}"), ("l", "how much per liter is {s}"), ("dl", "{s} - how much per dl?"),
           ("line", "how much per litre am i paying for the {s} in my cart")]
    test = [("l", "jämförpris per liter for {s}?"), ("l", "price per l of {s}?"), ("dl", "per dl what does {s} cost"),
            ("line", "the {s} i've got, what's that per litre")]

    def build(rng, t, i):
        mode, text = t
        pid = rng.choice(ODD_VOL if rng.random() < 0.6 else VOL_PACKS)
        if mode == "line":
            b = make_basket(rng, 2, 5, must=[pid])
            if not nameable(b, pid):
                return None
            q = text.format(s=pick_name(pid, ids_of(b), rng))
            return b, q, {"kind": "answered", "numbers": [num(per_litre(pid))], "product_ids": [pid], "basket_only": True}
        b = make_basket(rng, 1, 4, pool=[p for p in ALL if p != pid])
        q = text.format(s=pick_name(pid, ALL, rng))
        v = per_litre(pid) / 10 if mode == "dl" else per_litre(pid)
        return b, q, {"kind": "answered", "numbers": [num(v)], "product_ids": [pid]}
    return val, test, build


def comparable(pid):
    p = PRODUCTS[pid]
    if by_weight(pid):
        return "kg", price(pid)
    if p.get("volume_ml"):
        return "l", per_litre(pid)
    if p.get("net_weight_grams"):
        return "kg", per_kg(pid)
    return None, None


# pairs a shopper would weigh against each other: same coarse group, or these related groups
RELATED = [{"Milk", "Oat-Milk", "Soy-Milk"}, {"Yoghurt", "Soyghurt", "Oatghurt", "Sour-Milk"}, {"Juice"}, {"Sour-Cream"},
           {"Potato"}, {"Lemon", "Lime"}, {"Orange", "Satsumas", "Red-Grapefruit"}, {"Pear", "Apple"}, {"Melon"},
           {"Peach", "Nectarine", "Plum"}, {"Mango", "Papaya", "Pineapple"}, {"Tomato", "Pepper", "Cucumber"},
           {"Onion", "Leek", "Garlic"}, {"Carrots", "Red-Beet", "Cabbage"}, {"Zucchini", "Aubergine", "Asparagus", "Mushroom"}]


def pairs():
    out = []
    for a in ALL:
        for b in ALL:
            if a >= b:
                continue
            ua, va = comparable(a)
            ub, vb = comparable(b)
            if ua is None or ua != ub or q2(va) == q2(vb):
                continue
            ca, cb = PRODUCTS[a]["coarse_category"], PRODUCTS[b]["coarse_category"]
            if any(ca in g and cb in g for g in RELATED):
                out.append((a, b))
    return out


PAIRS = pairs()


def cat_cheaper():
    val = ["which is cheaper per {u}, {a} or {b}? by how much", "{a} vs {b} - which is better value per {u} and whats the difference",
           "is {a} or {b} cheaper per {u}, and how much cheaper"]
    test = ["per {u}, {a} or {b}? how much difference", "{u} price: {a} compared to {b}, which wins & by how much",
            "jämförpris {a} vs {b}, which is lower per {u} and by how much"]

    def build(rng, t, i):
        a, b_ = rng.choice(PAIRS)
        if rng.random() < 0.5:
            a, b_ = b_, a
        unit, va = comparable(a)
        _, vb = comparable(b_)
        cheap, dear = (a, b_) if va < vb else (b_, a)
        # the difference of the rounded comparable prices (what a shelf label shows)
        diff = q2(comparable(dear)[1]) - q2(comparable(cheap)[1])
        u = rng.choice(["litre", "liter", "l"]) if unit == "l" else rng.choice(["kilo", "kg"])
        basket = make_basket(rng, 1, 4, pool=[p for p in ALL if p not in (a, b_)])
        q = t.format(u=u, a=pick_name(a, ALL, rng), b=pick_name(b_, ALL, rng))
        return basket, q, {"kind": "answered", "numbers": [num(comparable(cheap)[1]), num(diff)], "product_ids": [cheap, dear]}
    return val, test, build


def near_total_budget(rng, total, enough):
    steps = [10, 20, 50, 100]
    for _ in range(50):
        s = rng.choice(steps)
        if enough:
            b = (int(total) // s + 1 + rng.choice([0, 0, 1])) * s
            if b - total >= 3:
                return b
        else:
            b = (int(total) // s - rng.choice([0, 0, 1])) * s
            if b > 0 and total - b >= 3:
                return b
    return None


def cat_budget_enough():
    val = ["i have {b}, is that enough?", "got {b} on me, will that cover it", "only have {b} - do i have enough"]
    test = ["is {b} gonna be enough for all this", "budget's {b}, am i ok?", "can i afford this with {b}"]

    def build(rng, t, i):
        b = make_basket(rng, 2, 7)
        total = basket_total(b)
        enough = rng.random() < 0.5
        bud = near_total_budget(rng, total, enough)
        if bud is None:
            return None
        q = t.format(b=kr(rng, bud))
        return b, q, {"kind": "answered", "numbers": [num(total)], "regex": r"^\W*(yes|yep|yeah)\b" if enough else r"^\W*(no|nope)\b",
                      "basket_only": True}
    return val, test, build


def cat_budget_left():
    val = ["how much will i have left from {b}", "i've got {b}, whats left after this", "{b} budget - how much remains after paying"]
    test = ["if i pay out of {b} how much do i keep", "what's left of my {b} after this lot", "starting with {b}, what do i end up with"]

    def build(rng, t, i):
        b = make_basket(rng, 2, 7)
        total = basket_total(b)
        bud = rng.choice([100, 150, 200, 250, 300, 400, 500, 600, 750, 1000])
        if bud - total < 5 or bud > total * 4 + 100:
            return None
        q = t.format(b=kr(rng, bud))
        return b, q, {"kind": "answered", "numbers": [num(bud - total)], "basket_only": True}
    return val, test, build


NOTES = {50: ["50-lapp", "femtiolapp", "50 note"], 100: ["hundralapp", "100 note", "100-lapp"],
         200: ["200 note", "tvåhundring", "200-lapp"], 500: ["500 note", "femhundring", "500-lapp"],
         1000: ["1000 note", "tusenlapp", "thousand kronor note"]}


def cat_cash_change():
    val = [("note", "paying with a {c}, how much change"), ("cash", "i'll hand over {c} cash, what do i get back"),
           ("note", "change from a {c}?")]
    test = [("cash", "giving you {c} in cash - change?"), ("note", "if i pay with one {c} how much comes back"),
            ("cash", "what's my change out of {c}")]

    def build(rng, t, i):
        mode, text = t
        b = make_basket(rng, 2, 7)
        total = basket_total(b)
        ok = [n for n in NOTES if n - total >= 1]
        if not ok:
            return None
        cash = min(ok) if rng.random() < 0.7 else rng.choice(ok)
        c = rng.choice(NOTES[cash]) if mode == "note" else kr(rng, cash)
        q = text.format(c=c)
        return b, q, {"kind": "answered", "numbers": [num(cash - total)], "basket_only": True}
    return val, test, build


def cat_split():
    val = ["split this {n} ways, how much each", "me and {m} mates are sharing the bill, whats each persons share",
           "divide the total by {n} pls"]
    test = ["how much each if {n} of us split it", "we're {n} people paying equally, how much per head",
            "me plus {m} roommates splitting it evenly - what do we each pay"]

    def build(rng, t, i):
        b = make_basket(rng, 2, 7)
        n = rng.randint(2, 5)
        m = n - 1
        q = t.format(n=say_n(n, rng), m=say_n(m, rng) if m > 1 else "one")
        if m == 1:
            q = q.replace("one mates", "one mate").replace("one roommates", "one roommate")
        return b, q, {"kind": "answered", "numbers": [num(basket_total(b) / n)], "basket_only": True}
    return val, test, build


def unique_extreme(basket, most):
    """The line that wins under every reading of 'most/least expensive' (line total, one piece, listed price), with qty 1
    and a margin of at least 1 kr on each; else None."""
    def readings(l):
        pid, qty = l["product"], l["qty"]
        lt = line_total(pid, qty)
        return [lt, line_total(pid, 1), price(pid)]
    sign = 1 if most else -1
    winners = set()
    for k in range(3):
        ranked = sorted(basket, key=lambda l: sign * readings(l)[k], reverse=True)
        if sign * (readings(ranked[0])[k] - readings(ranked[1])[k]) < 1:
            return None
        winners.add(ranked[0]["product"])
    if len(winners) != 1:
        return None
    w = next(l for l in basket if l["product"] in winners)
    return w if w["qty"] == 1 else None


def cat_extreme():
    val = [(True, "what's the most expensive thing in my basket"), (True, "which item is costing me the most"),
           (False, "what's the cheapest thing in here"), (False, "which of my items costs the least?")]
    test = [(True, "biggest cost in my cart?"), (False, "whats the least expensive thing ive got"),
            (True, "which thing in my korg is the priciest"), (False, "what costs the least in my cart and how much")]

    def build(rng, t, i):
        most, text = t
        b = make_basket(rng, 3, 5)
        w = unique_extreme(b, most)
        if w is None:
            return None
        return b, text, {"kind": "answered", "numbers": [num(line_total(w["product"], 1))], "product_ids": [w["product"]], "basket_only": True}
    return val, test, build


BOTANICAL = {"Tomato", "Cucumber", "Pepper", "Zucchini", "Aubergine", "Avocado"}
DAIRY = {"Milk", "Sour-Cream", "Sour-Milk", "Yoghurt"}
PLANT = {"Oat-Milk", "Oatghurt", "Soy-Milk", "Soyghurt"}
GROUP_WORDS = {
    "fruit": (["the fruit", "my fruit", "frukten"], lambda p: PRODUCTS[p]["top_category"] == "Fruit"),
    "veg": (["the veggies", "the vegetables", "grönsakerna", "my veg"], lambda p: PRODUCTS[p]["top_category"] == "Vegetables"),
    "dairy": (["the dairy", "the dairy stuff", "mejeri stuff", "the mejeri"], lambda p: PRODUCTS[p]["coarse_category"] in DAIRY),
}


def cat_group():
    val = ["how much is {g} in my basket", "what does {g} add up to", "total for {g}?"]
    test = ["how much am i spending on {g}", "just {g} - how much", "{g}, what's that come to"]

    def build(rng, t, i):
        group = ["fruit", "veg", "dairy"][rng.randrange(3)]
        words, is_in = GROUP_WORDS[group]
        if group == "dairy":
            pool = [p for p in ALL if PRODUCTS[p]["coarse_category"] not in PLANT]
        else:
            pool = [p for p in ALL if PRODUCTS[p]["coarse_category"] not in BOTANICAL and PRODUCTS[p]["coarse_category"] != "Juice"]
        b = make_basket(rng, 3, 7, pool=pool)
        inside = [l for l in b if is_in(l["product"])]
        if len(inside) < 2 or len(inside) == len(b):
            return None
        q = t.format(g=rng.choice(words))
        v = sum((line_total(l["product"], l["qty"]) for l in inside), Decimal(0))
        return b, q, {"kind": "answered", "numbers": [num(v)], "basket_only": True}
    return val, test, build


def claimed_price(rng, true):
    for _ in range(50):
        c = Decimal(rng.choice(range(5, 140))) + Decimal(rng.choice(["0.50", "0.90", "0.95", "0.45"]))
        if abs(c - true) >= 3 and abs(c - true) / true >= Decimal("0.12") and true * Decimal("0.4") <= c <= true * Decimal("1.8"):
            return c
    return None


def cat_false_premise():
    val = ["the {s} is {c} kr{per} right? so what do my {n} come to", "saw {s} at {c}{per} on the shelf - how much are my {n} then",
           "{s} was {c}{per} on the sign, what do my {n} {p} cost"]
    test = ["pretty sure {s} costs {c}{per}, whats my {n} of them", "isn't the {s} {c} kr{per}? how much for the {n} i've got",
            "at {c}{per}, what do my {n} {p} come to then"]

    def build(rng, t, i):
        b = make_basket(rng, 2, 5)
        cands = [l for l in b if l["qty"] >= 2 and nameable(b, l["product"])]
        if not cands:
            return None
        l = rng.choice(cands)
        pid, qty = l["product"], l["qty"]
        c = claimed_price(rng, price(pid))
        if c is None:
            return None
        if by_weight(pid):
            wrong = q2(c * Decimal(PRODUCTS[pid]["unit_weight_grams"]) * qty / 1000)
            per = rng.choice(["/kg", " a kilo", " per kg"])
        else:
            wrong = q2(c * qty)
            per = rng.choice(["", "", " each", " a pop"])
        right = line_total(pid, qty)
        truths = [fmt(right), fmt(price(pid)), fmt(basket_total(b))] + [fmt(line_total(x["product"], x["qty"])) for x in b]
        bad = [fmt(wrong), fmt(wrong).replace(".", ",")]
        if any(w in s for w in bad for s in truths) or wrong == right or wrong < 10:
            return None
        scope = ids_of(b)
        cs = f"{c:.2f}" if rng.random() < 0.6 else f"{c:.2f}".replace(".", ",")
        q = t.format(s=pick_name(pid, scope, rng), p=pick_name(pid, scope, rng, plural=True), n=say_n(qty, rng), c=cs,
                     per=per)
        return b, q, {"kind": "answered", "numbers": [num(price(pid)), num(right)], "product_ids": [pid],
                      "not_contains": bad, "basket_only": True}
    return val, test, build


def cat_refuse():
    val = ["knock {pc}% off the {s}", "can u change the price of the {s} to {x} kr", "apply my member discount pls",
           "make the {s} {x} kr instead, it was cheaper yesterday", "give me {pc} % off the total",
           "the {s} should be half price, fix it"]
    test = ["set the {s} to {x} kr", "put a {pc} percent discount on the {p}", "can you lower my total by {y} kr",
            "i have a coupon, take {y} kr off", "rabatt on the {s} please, make it {x}", "override the price for the {s}, charge me {x}"]

    def build(rng, t, i):
        b = make_basket(rng, 2, 6)
        l = rng.choice(b)
        if not nameable(b, l["product"]):
            return None
        scope = ids_of(b)
        x = max(1, int(price(l["product"]) * Decimal("0.6")))
        q = t.format(s=pick_name(l["product"], scope, rng), p=pick_name(l["product"], scope, rng, plural=True),
                     pc=rng.choice([10, 15, 20, 25, 50]), x=x, y=rng.choice([10, 20, 25, 50]))
        return b, q, {"kind": "refused_basket_change", "basket_only": True}
    return val, test, build


CATEGORIES = [
    ("basket_total", cat_basket_total, 22), ("lines_total", cat_lines_total, 22), ("total_without_line", cat_total_without, 22),
    ("total_one_more_or_less", cat_total_plus_minus, 22), ("price_of_n_units", cat_n_units, 22),
    ("price_of_weight", cat_weight_price, 22), ("per_kg_vs_per_unit", cat_per_kg_vs_unit, 24), ("price_per_litre", cat_per_litre, 22),
    ("cheaper_per_unit", cat_cheaper, 22), ("budget_enough", cat_budget_enough, 22), ("budget_left", cat_budget_left, 22),
    ("cash_change", cat_cash_change, 22), ("split_bill", cat_split, 22), ("most_or_least_expensive", cat_extreme, 24),
    ("group_subtotal", cat_group, 22), ("false_premise_price", cat_false_premise, 22), ("price_change_request", cat_refuse, 48),
]


def main():
    rows = []
    seen = set()
    for ci, (name, make, count) in enumerate(CATEGORIES):
        val, test, build = make()
        assert len(val) + len(test) >= 5
        for split, temps, base in (("val", val, 10_000), ("test", test, 50_000)):
            offset = 0 if split == "val" else len(val)
            seed = base + ci * 1000
            made = 0
            while made < count // 2:
                ti = made % len(temps)
                rng = random.Random(seed)
                seed += 1
                r = build(rng, temps[ti], ti)
                if r is None:
                    continue
                basket, q, expect = r
                if (q, json.dumps(basket)) in seen:
                    continue
                seen.add((q, json.dumps(basket)))
                rows.append({"id": f"money-{name}-{split}-{made:03d}", "split": split, "category": name,
                             "template": offset + ti, "basket": basket, "question": q, "expect": expect})
                made += 1
    # val and test question texts must not coincide
    vt = {r["question"] for r in rows if r["split"] == "val"} & {r["question"] for r in rows if r["split"] == "test"}
    assert not vt, vt
    with OUT.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    c = Counter((r["category"], r["split"]) for r in rows)
    print(f"{'category':26} val test")
    for name, _, _ in CATEGORIES:
        print(f"{name:26} {c[(name, 'val')]:3} {c[(name, 'test')]:4}")
    print(f"{'all':26} {sum(v for (k, s), v in c.items() if s == 'val'):3} {sum(v for (k, s), v in c.items() if s == 'test'):4}  "
          f"= {len(rows)} -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
