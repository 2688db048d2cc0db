#!/usr/bin/env python3
"""Store-wide shopper questions (not about the basket): lists, rankings, counts, ingredients, product facts,
comparisons of store products, "do you sell X", subjective / advice questions the catalogue cannot answer, and
products named loosely (brand only, Swedish name, category + attribute).

Written by a separate session that read only catalog/catalog.json, the graders (TextGraders.cs), Pricing/Receipt and
parts of eval/datasets/README.md; it did not read the assistant, the other generators or their data.
Ground truth comes from catalog/catalog.json with this file's own code. Seeded and deterministic; stdlib only.

    /usr/bin/python3 eval/datasets/make_shopper_questions_store.py
"""
import json
import os
import random
import re
from decimal import Decimal, ROUND_HALF_UP

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CATALOG = os.path.join(ROOT, "catalog", "catalog.json")
OUT = os.path.join(ROOT, "eval", "datasets", "shopper-questions-store.jsonl")

with open(CATALOG, encoding="utf-8") as f:
    PRODUCTS = json.load(f)["products"]
P = {p["id"]: p for p in PRODUCTS}

YES = r"^\W*(yes|yeah|yep|ja)\b"
NO = r"^\W*(no|nope|nej)\b"
NEG = r"^(?!\W*(yes|yeah|yep|ja)\b)[\s\S]*(\bno\b|\bnot\b|n't\b|\bnone\b|\bnej\b|\bunfortunately\b)"

COUNTRY = {
    "Spain": ["Spain", "Spanish"], "Italy": ["Italy", "Italian"], "Netherlands": ["Netherlands", "Holland", "Dutch"],
    "Argentina": ["Argentin"], "Sweden": ["Sweden", "Swedish"], "Peru": ["Peru"], "Ecuador": ["Ecuador"],
    "Brazil": ["Brazil"], "Mexico": ["Mexic"], "Colombia": ["Colombia"], "Chile": ["Chile"], "Israel": ["Israel"],
    "Costa Rica": ["Costa Rica"], "Germany": ["German"], "China": ["China", "Chinese"], "Poland": ["Poland", "Polish"],
    "USA": ["USA", "United States", "America", "U.S."], "Finland": ["Finland", "Finnish"], "Denmark": ["Denmark", "Danish"],
}


def money(x):
    return float(Decimal(str(x)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def price(pid):
    return float(P[pid]["price"]["amount"])


def comparable(pid):
    """(value, unit): per kg for loose produce, per litre for volume_ml packs, per kg for net_weight packs, else per unit."""
    p = P[pid]
    amt = Decimal(str(p["price"]["amount"]))
    if p["price"]["per"] == "Kilogram":
        return float(amt), "kg"
    if p.get("volume_ml"):
        return money(amt * 1000 / Decimal(p["volume_ml"])), "l"
    if p.get("net_weight_grams"):
        return money(amt * 1000 / Decimal(p["net_weight_grams"])), "kg"
    return float(amt), "unit"


def num(v, tol=0.01):
    return {"value": v, "tolerance": tol}


def swap_typo(s, rng):
    words = s.split(" ")
    idx = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not idx:
        return s
    i = rng.choice(idx)
    w = words[i]
    j = rng.randrange(1, len(w) - 2)
    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    return " ".join(words)


# ---------------------------------------------------------------------------------------------------------------
# Items: (subtype, fields for the templates, expect, products the basket must not contain)
# Templates: per subtype, VAL list and TEST list (disjoint strings).
# ---------------------------------------------------------------------------------------------------------------
TEMPLATES = {}
ITEMS = {}  # category -> list of (subtype, fields, expect, exclude)


def T(sub, val, test):
    TEMPLATES[sub] = (val, test)


def item(cat, sub, fields, expect, exclude=()):
    ITEMS.setdefault(cat, []).append((sub, fields, expect, set(exclude)))


def nm(pid):
    return P[pid]["shopper_name"]


# ----- store_list ----------------------------------------------------------------------------------------------
T("list_origin",
  ["Which {cat} do you have from {country}?", "what {cat} comes from {country}", "List all the {cat} that come from {country}, please."],
  ["Any {cat} from {country} in the store? Name them all", "hey so which of your {cat} are grown in {country}?", "{cat} från {country} – which ones do you sell?"])
T("list_attr",
  ["Which {what} do you sell?", "What {what} have you got?", "Can you list all the {what} in the store?"],
  ["show me all your {what}", "So, uh, what {what} are there in this shop?", "vilka {what} do you stock? all of them pls", "okay um what {what} do you have, like all of them"])
T("list_brand",
  ["What do you sell from {brand}?", "Which {brand} products do you have?"],
  ["anything from {brand}? list it", "I love {brand}, what have you got from them in the shop?"])

# a plausible wrong member (id, phrase) for each origin list: same shelf, another country
WRONG_ORIGIN = {("Fruit", "Argentina"): ("Pink-Lady", "Pink Lady"), ("Fruit", "Ecuador"): ("Mango", "Mango"),
                ("Fruit", "Italy"): ("Royal-Gala", "Royal Gala"), ("Fruit", "Peru"): ("Papaya", "Papaya"),
                ("Fruit", "Spain"): ("Lime", "Lime"), ("Vegetables", "China"): ("Leek", "Leek"),
                ("Vegetables", "Netherlands"): ("Cucumber", "Cucumber"), ("Vegetables", "Spain"): ("Cucumber", "Cucumber"),
                ("Vegetables", "Sweden"): ("Carrots", "Carrot")}
FRUIT_WORD = {"Fruit": "fruit", "Vegetables": "vegetables"}
for top in ("Fruit", "Vegetables"):
    by = {}
    for p in PRODUCTS:
        if p["top_category"] == top:
            by.setdefault(p["attributes"].get("origin"), []).append(p["id"])
    for country, ids in sorted(by.items()):
        if len(ids) < 2:
            continue
        exp = {"kind": "answered", "product_ids": ids}
        wrong = WRONG_ORIGIN.get((top, country))
        if wrong:
            assert P[wrong[0]]["attributes"]["origin"] != country
            exp["not_contains"] = [wrong[1]]
        item("store_list", "list_origin", {"cat": FRUIT_WORD[top], "country": "the Netherlands" if country == "Netherlands" else country}, exp, ids)

plant = [p["id"] for p in PRODUCTS if p["attributes"]["plant_based"]]
organic = [p["id"] for p in PRODUCTS if p["attributes"]["organic"]]
item("store_list", "list_attr", {"what": "vegan yoghurts"},
     {"kind": "answered", "product_ids": ["Oatly-Natural-Oatghurt", "Alpro-Blueberry-Soyghurt", "Alpro-Vanilla-Soyghurt"],
      "not_contains": ["Valio"]}, plant)
item("store_list", "list_attr", {"what": "plant-based drinks (oat or soy milk)"},
     {"kind": "answered", "product_ids": ["Oatly-Oat-Milk", "Alpro-Fresh-Soy-Milk", "Alpro-Shelf-Soy-Milk"]}, plant)
item("store_list", "list_attr", {"what": "organic products"}, {"kind": "answered", "product_ids": organic}, organic)
item("store_list", "list_attr", {"what": "organic milks"},
     {"kind": "answered", "product_ids": ["Arla-Ecological-Medium-Fat-Milk", "Garant-Ecological-Medium-Fat-Milk", "Garant-Ecological-Standard-Milk"]},
     [p["id"] for p in PRODUCTS if p["coarse_category"] == "Milk"])
item("store_list", "list_attr", {"what": "vanilla yoghurts"},
     {"kind": "answered", "product_ids": ["Arla-Mild-Vanilla-Yoghurt", "Valio-Vanilla-Yoghurt", "Yoggi-Vanilla-Yoghurt", "Alpro-Vanilla-Soyghurt"]},
     ["Arla-Mild-Vanilla-Yoghurt", "Valio-Vanilla-Yoghurt", "Yoggi-Vanilla-Yoghurt", "Alpro-Vanilla-Soyghurt", "Yoggi-Strawberry-Yoghurt"])
item("store_list", "list_attr", {"what": "plain (natural, unflavoured) yoghurts"},
     {"kind": "answered", "product_ids": ["Arla-Natural-Yoghurt", "Arla-Natural-Mild-Low-Fat-Yoghurt", "Oatly-Natural-Oatghurt"],
      "not_contains": ["Valio"]},
     ["Arla-Natural-Yoghurt", "Arla-Natural-Mild-Low-Fat-Yoghurt", "Oatly-Natural-Oatghurt"])
item("store_list", "list_attr", {"what": "grapefruit juices"},
     {"kind": "answered", "product_ids": ["Tropicana-Golden-Grapefruit", "God-Morgon-Red-Grapefruit-Juice", "God-Morgon-Orange-Red-Grapefruit-Juice"],
      "not_contains": ["Bravo"]},
     [p["id"] for p in PRODUCTS if p["coarse_category"] == "Juice"])
item("store_list", "list_attr", {"what": "apple juices"},
     {"kind": "answered", "product_ids": ["Bravo-Apple-Juice", "God-Morgon-Apple-Juice", "Tropicana-Apple-Juice"]},
     [p["id"] for p in PRODUCTS if p["coarse_category"] == "Juice"])
item("store_list", "list_attr", {"what": "juices that are not from concentrate"},
     {"kind": "answered", "product_ids": [p["id"] for p in PRODUCTS if p.get("brand") == "Tropicana"]},
     [p["id"] for p in PRODUCTS if p["coarse_category"] == "Juice"])
for brand in ("Alpro", "Oatly", "Garant", "Yoggi", "Tropicana", "God Morgon", "Bravo"):
    ids = [p["id"] for p in PRODUCTS if p.get("brand") == brand]
    item("store_list", "list_brand", {"brand": brand}, {"kind": "answered", "product_ids": ids}, ids)

# ----- counts --------------------------------------------------------------------------------------------------
T("count",
  ["How many kinds of {what} do you sell?", "how many different {what} are there in the store", "Number of {what} you carry?"],
  ["so how many {what} have you got, roughly? exact number pls", "hur många {what} – how many do you have?", "Tell me how many sorts of {what} you stock."])
COUNTS = [("apples", "Apple"), ("pears", "Pear"), ("melons", "Melon"), ("bell peppers", "Pepper"),
          ("tomatoes", "Tomato"), ("juices", "Juice")]
for word, cc in COUNTS:
    ids = [p["id"] for p in PRODUCTS if p["coarse_category"] == cc]
    item("counts", "count", {"what": word}, {"kind": "answered", "numbers": [num(len(ids), 0)], "product_ids": ids}, ids)
for brand in ("Tropicana", "God Morgon", "Alpro"):
    ids = [p["id"] for p in PRODUCTS if p.get("brand") == brand]
    item("counts", "count", {"what": brand + " products"}, {"kind": "answered", "numbers": [num(len(ids), 0)], "product_ids": ids}, ids)
item("counts", "count", {"what": "potatoes (not counting sweet potato)"},
     {"kind": "answered", "numbers": [num(2, 0)], "product_ids": ["Floury-Potato", "Solid-Potato"]}, ["Floury-Potato", "Solid-Potato", "Sweet-Potato"])
item("counts", "count", {"what": "organic products"}, {"kind": "answered", "numbers": [num(len(organic), 0)], "product_ids": organic}, organic)

# ----- rankings ------------------------------------------------------------------------------------------------
T("rank",
  ["Which {group} is the {sup}?", "what {group} is the {sup} one you have", "Of all your {groups}, which one is the {sup}?"],
  ["{sup} {group} in the store??", "I'm looking for the {group} that's {sup} – which is it?", "quick q: {groups}, which is {sup}",
   "okay so um which of the {groups} is {sup}"])
RANKS = [
    ("fruit", "cheapest per kilo", ["Watermelon"], [14.9]),
    ("fruit", "most expensive per kilo", ["Passion-Fruit"], [119.9]),
    ("vegetable sold by weight", "most expensive per kilo", ["Garlic"], [89.9]),
    ("juice", "cheapest per litre", ["Bravo-Apple-Juice", "Bravo-Orange-Juice"], [20.95]),
    ("apple juice", "cheapest per litre", ["Bravo-Apple-Juice"], [20.95]),
    ("juice", "most expensive per litre", [p["id"] for p in PRODUCTS if p.get("brand") == "Tropicana"], [31.9]),
    ("yoghurt", "lowest in fat", ["Arla-Natural-Mild-Low-Fat-Yoghurt"], [0.5]),
    ("yoghurt", "highest in fat", ["Arla-Natural-Yoghurt"], [3]),
    ("milk", "fattiest", ["Arla-Standard-Milk", "Garant-Ecological-Standard-Milk"], [3]),
    ("sour cream", "cheapest", ["Arla-Sour-Cream"], [17.9]),
    ("plant drink", "cheapest", ["Oatly-Oat-Milk"], [21.9]),
    ("pear", "heaviest per piece", ["Conference"], [200]),
    ("melon", "cheapest per kilo", ["Watermelon"], [14.9]),
    ("milk", "cheapest", ["Arla-Medium-Fat-Milk", "Arla-Standard-Milk"], [15.9]),
]
PLURAL = {"fruit": "fruit", "vegetable sold by weight": "vegetables sold by weight", "juice": "juices", "apple juice": "apple juices",
          "milk": "milks", "sour cream": "sour creams", "yoghurt": "yoghurts", "plant drink": "plant drinks", "pear": "pears",
          "melon": "melons"}
for group, sup, ids, nums in RANKS:
    excl = [p["id"] for p in PRODUCTS if p["coarse_category"] in {P[i]["coarse_category"] for i in ids}] + ids
    groups = PLURAL.get(group, group + "s")
    item("rankings", "rank", {"group": group, "groups": groups, "sup": sup}, {"kind": "answered", "numbers": [num(v) for v in nums], "product_ids": ids}, excl)

# ----- ingredients ---------------------------------------------------------------------------------------------
T("ing_yn",
  ["Does the {n} contain {x}?", "is there {x} in {n}?", "Has {n} got any {x} in it?"],
  ["{n} – any {x} in the ingredients?", "quick one, does {n} have {x}", "I need to know: is {x} one of the ingredients of {n}?"])
T("ing_pct",
  ["How much {x} is in the {n}, in percent?", "what percentage of {n} is {x}?"],
  ["{n}: what % {x}?", "The {n} – how many percent {x} does it have?"])
T("ing_what",
  ["What's in the {n}?", "What are the ingredients of {n}?"],
  ["ingredienser i {n}?", "Can you read me what {n} is made of"])
ING_YN = [
    ("Valio-Vanilla-Yoghurt", "the Valio vanilla yoghurt", "sugar", True),
    ("Valio-Vanilla-Yoghurt", "Valio vaniljyoghurt", "potato starch", True),
    ("Valio-Vanilla-Yoghurt", "the Valio yoghurt", "strawberries", False),
    ("Yoggi-Strawberry-Yoghurt", "the Yoggi strawberry yoghurt", "corn starch", True),
    ("Yoggi-Strawberry-Yoghurt", "Yoggi jordgubb", "potato starch", False),
    ("Yoggi-Vanilla-Yoghurt", "the Yoggi Madagascar vanilla yoghurt", "strawberries", False),
    ("Yoggi-Vanilla-Yoghurt", "Yoggi vanilj", "citric acid", True),
    ("Arla-Mild-Vanilla-Yoghurt", "Arla mild vanilla yoghurt", "sugar", True),
    ("Arla-Natural-Yoghurt", "Arla yoghurt naturell", "sugar", False),
    ("Arla-Natural-Mild-Low-Fat-Yoghurt", "the Arla lättyoghurt", "milk protein", True),
    ("Oatly-Natural-Oatghurt", "the Oatly havregurt", "potato starch", True),
    ("Oatly-Oat-Milk", "the Oatly oat drink", "rapeseed oil", True),
    ("Oatly-Oat-Milk", "Oatly havredryck", "potato starch", False),
    ("Alpro-Blueberry-Soyghurt", "the Alpro blueberry soyghurt", "glucose-fructose syrup", True),
    ("Alpro-Vanilla-Soyghurt", "Alpro vanilla soy yoghurt", "blueberries", False),
    ("Alpro-Fresh-Soy-Milk", "the chilled Alpro soy drink", "sugar", True),
    ("Tropicana-Mandarin-Morning", "Tropicana Mandarin Morning", "apple", True),
    ("Tropicana-Apple-Juice", "the Tropicana apple juice", "vitamin C", True),
    ("Arla-Lactose-Medium-Fat-Milk", "Arla lactose-free milk", "lactase", True),
    ("Arla-Mild-Vanilla-Yoghurt", "Arla vanilla yoghurt", "potato starch", False),
]
for pid, n, x, yes in ING_YN:
    item("ingredients", "ing_yn", {"n": n, "x": x}, {"regex": YES if yes else NO, "product_ids": [pid]}, [pid])
T("conc_yn",
  ["Is the {n} from concentrate?", "{n}, made from concentrate or not?"],
  ["Is {n} made från koncentrat?", "tell me if {n} is a from-concentrate juice"])
for pid, n in [("Bravo-Apple-Juice", "Bravo apple juice"), ("Tropicana-Apple-Juice", "Tropicana apple juice"),
               ("God-Morgon-Orange-Juice", "God Morgon orange juice"), ("Tropicana-Juice-Smooth", "Tropicana Smooth Style")]:
    item("ingredients", "conc_yn", {"n": n}, {"regex": YES if P[pid]["brand"] != "Tropicana" else NO, "product_ids": [pid]}, [pid])
ING_PCT = [
    ("Valio-Vanilla-Yoghurt", "Valio vanilla yoghurt", "sugar", 5.2),
    ("Yoggi-Strawberry-Yoghurt", "Yoggi strawberry yoghurt", "strawberries", 8),
    ("Arla-Mild-Vanilla-Yoghurt", "Arla mild vanilla yoghurt", "sugar", 5),
    ("Oatly-Oat-Milk", "Oatly oat drink", "oats", 10),
    ("Oatly-Natural-Oatghurt", "Oatly havregurt", "oats", 12),
    ("Alpro-Blueberry-Soyghurt", "Alpro blueberry soyghurt", "blueberries", 6),
    ("God-Morgon-Orange-Red-Grapefruit-Juice", "God Morgon orange & blood grapefruit juice", "orange juice", 57),
    ("Tropicana-Mandarin-Morning", "Tropicana Mandarin Morning", "mandarin juice", 38),
]
for pid, n, x, v in ING_PCT:
    item("ingredients", "ing_pct", {"n": n, "x": x}, {"kind": "answered", "numbers": [num(v, 0.01)], "product_ids": [pid]}, [pid])
ING_WHAT = [
    ("Valio-Vanilla-Yoghurt", "Valio vanilla yoghurt", r"(?s)(?=.*(potat))(?=.*(sugar|socker))(?=.*(milk|mjölk))"),
    ("Oatly-Oat-Milk", "the Oatly oat drink", r"(?s)(?=.*(\boat|havre))(?=.*(rapeseed|rapsolja|canola))"),
    ("Yoggi-Strawberry-Yoghurt", "Yoggi jordgubbsyoghurt", r"(?s)(?=.*(strawberr|jordgubb))(?=.*(sugar|socker))(?=.*(corn|majs|maize))"),
    ("Alpro-Fresh-Soy-Milk", "Alpro soy drink (fresh)", r"(?s)(?=.*(soy|soja))(?=.*(sugar|socker))"),
    ("Arla-Natural-Yoghurt", "Arla natural yoghurt", r"(?s)(?=.*(milk|mjölk))(?=.*(culture|kultur))"),
    ("Tropicana-Mandarin-Morning", "the Tropicana mandarin juice", r"(?s)(?=.*(mandarin))(?=.*(apple|äpple))(?=.*(grape|druv))"),
]
for pid, n, rx in ING_WHAT:
    item("ingredients", "ing_what", {"n": n}, {"kind": "answered", "regex": rx, "product_ids": [pid]}, [pid])

# ----- product facts -------------------------------------------------------------------------------------------
T("origin",
  ["Where does the {n} come from?", "Which country are the {n} from?", "origin of {n}?"],
  ["{n} – where's that grown?", "hey where r the {n} from", "Var kommer {n} ifrån? Which country?"])
T("brand",
  ["Who makes the {n}?", "What brand is the {n}?"],
  ["{n}, which brand is that?", "the {n} you sell – whose brand?"])
T("fat",
  ["How much fat is in the {n}?", "What's the fat percentage of {n}?"],
  ["fetthalt {n}?", "{n} – how fatty is it, in percent?"])
T("size",
  ["How big is the {n}?", "What size pack is the {n}?"],
  ["{n} — how much is in one pack?", "how many {unit} in a {n}"])
T("flavour",
  ["What flavour is the {n}?", "Which taste does {n} have?"],
  ["{n}, what smak is it?", "what's the flavour of {n} again"])
T("attr_yn",
  ["Is the {n} {attr}?", "{n}: {attr} or not?", "Tell me whether {n} is {attr}."],
  ["is {n} {attr}??", "I want to know if the {n} you sell is {attr}", "{attr}? I mean the {n}"])
ORIGIN_ITEMS = [("Conference", "Conference pears"), ("Royal-Gala", "Royal Gala apples"), ("Avocado", "avocados"),
                ("Lime", "limes"), ("Mango", "mangoes"), ("Pineapple", "pineapples"), ("Plum", "red plums"),
                ("Red-Grapefruit", "red grapefruits"), ("Cabbage", "white cabbage"), ("Garlic", "garlic"),
                ("Brown-Cap-Mushroom", "forest mushrooms"), ("Sweet-Potato", "sweet potatoes"), ("Asparagus", "green asparagus"),
                ("Valio-Vanilla-Yoghurt", "Valio vanilla yoghurt"), ("Passion-Fruit", "passion fruits"), ("Anjou", "Anjou pears")]
for pid, n in ORIGIN_ITEMS:
    item("facts", "origin", {"n": n}, {"kind": "answered", "contains_any": COUNTRY[P[pid]["attributes"]["origin"]], "product_ids": [pid]}, [pid])
for pid, n in [("Oatly-Natural-Oatghurt", "havregurt"), ("Alpro-Blueberry-Soyghurt", "blueberry soyghurt"),
               ("Valio-Vanilla-Yoghurt", "vaniljyoghurt Original 2%"), ("Garant-Ecological-Standard-Milk", "organic standardmjölk"),
               ("Yoggi-Strawberry-Yoghurt", "strawberry yoghurt"), ("Tropicana-Juice-Smooth", "Smooth Style orange juice")]:
    item("facts", "brand", {"n": n}, {"kind": "answered", "contains_all": [P[pid]["brand"]], "product_ids": [pid]}, [pid])
for pid, n in [("Arla-Natural-Yoghurt", "Arla natural yoghurt"), ("Arla-Mild-Vanilla-Yoghurt", "Arla mild vanilla yoghurt"),
               ("Oatly-Natural-Oatghurt", "Oatly oat yoghurt"), ("Oatly-Oat-Milk", "Oatly oat drink")]:
    item("facts", "fat", {"n": n}, {"kind": "answered", "numbers": [num(P[pid]["attributes"]["fat_percent"])], "product_ids": [pid]}, [pid])
SIZE_RX = {300: r"\b300\s*ml|\b3\s*dl|\b0[.,]3\s*(l|lit)", 2000: r"\b2\s*(l\b|lit)|\b2[ ,]?000\s*ml|\b20\s*dl",
           750: r"\b750\s*(g|gram)|\b0[.,]75\s*kg", 1000: r"\b1\s*(kg|kilo)|\b1[ ,]?000\s*(g\b|gram)"}
for pid, n, unit in [("Arla-Sour-Cream", "Arla gräddfil", "ml"), ("Bravo-Apple-Juice", "Bravo apple juice", "litres"),
                     ("Alpro-Vanilla-Soyghurt", "Alpro vanilla soyghurt", "grams"), ("Oatly-Natural-Oatghurt", "Oatly havregurt", "grams"),
                     ("Bravo-Orange-Juice", "Bravo apelsinjuice", "litres"), ("Arla-Ecological-Sour-Cream", "Arla organic sour cream", "ml")]:
    size = P[pid].get("volume_ml") or P[pid].get("net_weight_grams")
    item("facts", "size", {"n": n, "unit": unit}, {"kind": "answered", "regex": SIZE_RX[size], "product_ids": [pid]}, [pid])
for pid, n, rx in [("Alpro-Blueberry-Soyghurt", "Alpro Yofu soyghurt", "blueberr|blåbär"),
                   ("Valio-Vanilla-Yoghurt", "Valio Original yoghurt", "vanil"),
                   ("God-Morgon-Red-Grapefruit-Juice", "God Morgon blodgrape", "grapefruit|grape")]:
    item("facts", "flavour", {"n": n}, {"kind": "answered", "regex": rx, "product_ids": [pid]}, [pid])
ATTR_YN = [
    ("Arla-Sour-Cream", "Arla gräddfil", "organic", False), ("Arla-Medium-Fat-Milk", "Arla mellanmjölk", "organic", False),
    ("Banana", "bananas", "organic", True), ("Avocado", "avocado", "organic", False), ("Valio-Vanilla-Yoghurt", "Valio yoghurt", "organic", False),
    ("Arla-Sour-Milk", "Arla filmjölk", "lactose free", False), ("Arla-Standard-Milk", "Arla mjölk", "lactose free", False),
    ("Oatly-Natural-Oatghurt", "Oatly havregurt", "vegan", True), ("Yoggi-Vanilla-Yoghurt", "Yoggi vanilla yoghurt", "vegan", False),
    ("Alpro-Shelf-Soy-Milk", "long-life Alpro soy drink", "plant-based", True), ("Arla-Natural-Yoghurt", "Arla yoghurt naturell", "vegan", False),
]
for pid, n, attr, yes in ATTR_YN:
    item("facts", "attr_yn", {"n": n, "attr": attr}, {"regex": YES if yes else NO, "product_ids": [pid]}, [pid])

# ----- comparisons ---------------------------------------------------------------------------------------------
T("cmp_yn",
  ["Is {a} cheaper per {u} than {b}?", "per {u}, is {a} cheaper than {b}?"],
  ["{a} vs {b}: is the first one cheaper per {u}?", "does {a} cost less per {u} than {b} does?"])
T("cmp_which",
  ["Which is cheapest per {u}: {a}, {b} or {c}?", "Out of {a}, {b} and {c}, which costs the least per {u}?"],
  ["cheapest per {u} of these – {a}, {b}, {c}?", "{a}, {b}, {c}... which one's cheapest by the {u}?"])
T("cmp_fat",
  ["Which has more fat, {a} or {b}?", "{a} or {b} – which is fattier?"],
  ["more fett in {a} or in {b}?", "Between {a} and {b}, which one's got the higher fat %?"])
CMP_YN = [("Bravo-Apple-Juice", "Bravo apple juice", "Tropicana-Apple-Juice", "Tropicana apple juice", "litre"),
          ("Tropicana-Juice-Smooth", "Tropicana Smooth", "God-Morgon-Orange-Juice", "God Morgon orange juice", "litre"),
          ("Kiwi", "kiwi", "Passion-Fruit", "passion fruit", "kilo"),
          ("Garlic", "garlic", "Ginger", "ginger", "kilo"),
          ("Alpro-Vanilla-Soyghurt", "Alpro vanilla soyghurt", "Oatly-Natural-Oatghurt", "Oatly havregurt", "kilo"),
          ("Orange", "oranges", "Satsumas", "satsumas", "kilo"),
          ("Arla-Sour-Cream", "Arla gräddfil", "Arla-Ecological-Sour-Cream", "Arla organic sour cream", "litre")]
for a, an, b, bn, u in CMP_YN:
    ca, cb = comparable(a)[0], comparable(b)[0]
    assert ca != cb
    item("comparisons", "cmp_yn", {"a": an, "b": bn, "u": u},
         {"regex": YES if ca < cb else NO, "numbers": [num(ca), num(cb)], "product_ids": [a, b]}, [a, b])
CMP_WHICH = [(("Lemon", "lemons"), ("Lime", "limes"), ("Orange", "oranges"), "kilo"),
             (("Mango", "mango"), ("Papaya", "papaya"), ("Pomegranate", "pomegranate"), "kilo"),
             (("Leek", "leek"), ("Zucchini", "zucchini"), ("Red-Beet", "red beets"), "kilo"),
             (("Bravo-Orange-Juice", "Bravo orange juice"), ("God-Morgon-Orange-Juice", "God Morgon orange"), ("Tropicana-Juice-Smooth", "Tropicana Smooth Style"), "litre")]
for x, y, z, u in CMP_WHICH:
    ids = [x[0], y[0], z[0]]
    vals = sorted(ids, key=lambda i: comparable(i)[0])
    assert comparable(vals[0])[0] < comparable(vals[1])[0]
    item("comparisons", "cmp_which", {"a": x[1], "b": y[1], "c": z[1], "u": u},
         {"kind": "answered", "numbers": [num(comparable(vals[0])[0])], "product_ids": [vals[0]]}, ids)
for a, an, b, bn in [("Arla-Natural-Yoghurt", "Arla natural yoghurt", "Valio-Vanilla-Yoghurt", "Valio vanilla yoghurt"),
                     ("Arla-Natural-Mild-Low-Fat-Yoghurt", "Arla lättyoghurt", "Oatly-Natural-Oatghurt", "Oatly havregurt"),
                     ("Oatly-Oat-Milk", "Oatly oat drink", "Arla-Standard-Milk", "Arla standard milk")]:
    fa, fb = P[a]["attributes"]["fat_percent"], P[b]["attributes"]["fat_percent"]
    assert fa != fb
    item("comparisons", "cmp_fat", {"a": an, "b": bn},
         {"kind": "answered", "numbers": [num(fa), num(fb)], "product_ids": [a if fa > fb else b]}, [a, b])

# ----- do you sell ---------------------------------------------------------------------------------------------
T("sell",
  ["Do you sell {n}?", "do you have {n}", "Have you got any {n} in the store?"],
  ["finns det {n} here?", "Any {n}? looking for some", "um do u guys carry {n}"])
SOLD = [("Ginger", "ginger"), ("Garlic", "vitlök"), ("Sweet-Potato", "sweet potatoes"), ("Oatly-Oat-Milk", "oat milk"),
        ("Lime", "limes"), ("Papaya", "papaya"), ("Pomegranate", "granatäpple"), ("Asparagus", "asparagus"),
        ("Arla-Sour-Milk", "filmjölk"), ("Leek", "purjolök"), ("Arla-Lactose-Medium-Fat-Milk", "lactose-free milk"),
        ("Banana", "organic bananas")]
for pid, n in SOLD:
    item("do_you_sell", "sell", {"n": n}, {"kind": "answered", "regex": YES, "product_ids": [pid]}, [pid])
for n in ["broccoli", "fresh strawberries", "butter", "eggs", "almond milk", "red onions", "organic apples", "cheddar cheese",
          "coffee", "pineapple juice", "spinach", "Greek yoghurt", "blåbär (fresh blueberries)", "rice"]:
    item("do_you_sell", "sell", {"n": n}, {"regex": NEG})

# ----- advice / subjective -------------------------------------------------------------------------------------
T("advice",
  ["{q}", "{q} Just tell me what you think."],
  ["hmm, {ql}", "Quick question for you: {ql}"])
UNKNOWN_Q = ["Which apple is best for baking an apple pie?", "How many calories are in the Arla natural yoghurt?",
             "How long do the avocados stay fresh once ripe?", "When were the bananas delivered?",
             "Are the Conference pears ripe today?", "How much protein per 100 g is in the Oatly oat drink?",
             "Which of your tomatoes is juiciest?"]
DECLINED_Q = ["What's the healthiest thing you sell?", "Which yoghurt tastes best?", "Should I give my baby the soy drink?",
              "Is the Valio yoghurt good for my diabetes?", "What should I cook for dinner tonight?",
              "Which is nicer, mango or papaya?", "What wine goes with the sweet potatoes?"]
for q in UNKNOWN_Q:
    item("advice", "advice", {"q": q, "ql": q[0].lower() + q[1:]}, {"kind": "unknown"})
for q in DECLINED_Q:
    item("advice", "advice", {"q": q, "ql": q[0].lower() + q[1:]}, {"kind": "declined"})

# ----- loose names ---------------------------------------------------------------------------------------------
T("loose_price",
  ["How much is {n}?", "what does {n} cost", "Price of {n}?"],
  ["{n} – vad kostar det?", "how much do you charge for {n}", "and {n}, how much is that"])
T("loose_origin",
  ["Where is {n} from?", "Which country does {n} come from?"],
  ["{n}... where's it from", "land of origin for {n}?"])
T("loose_brand",
  ["Who makes {n}?", "Which brand is {n}?"],
  ["brand of {n}?", "whose is {n}, which company"])
LOOSE_PRICE = [("Valio-Vanilla-Yoghurt", "the Valio one"), ("Arla-Sour-Milk", "filmjölken"), ("Oatly-Oat-Milk", "havredryck"),
               ("Garant-Ecological-Standard-Milk", "the organic whole milk"), ("Arla-Lactose-Medium-Fat-Milk", "the lactose-free milk"),
               ("Arla-Ecological-Sour-Cream", "the organic sour cream"), ("Alpro-Shelf-Soy-Milk", "the long-life soy drink"),
               ("Bravo-Orange-Juice", "the 2 litre orange juice"), ("Yoggi-Strawberry-Yoghurt", "the strawberry yoghurt"),
               ("Garlic", "vitlök"), ("Ginger", "ingefära"), ("Watermelon", "vattenmelon"), ("Red-Beet", "rödbetor"),
               ("Brown-Cap-Mushroom", "skogschampinjoner"), ("Arla-Natural-Mild-Low-Fat-Yoghurt", "the low-fat yoghurt")]
for pid, n in LOOSE_PRICE:
    v = price(pid)
    item("loose_names", "loose_price", {"n": n}, {"kind": "answered", "numbers": [num(v)], "product_ids": [pid]}, [pid])
for pid, n in [("Conference", "the Dutch pear"), ("Royal-Gala", "the apple from Argentina"), ("Cabbage", "vitkål"),
               ("Cucumber", "gurka"), ("Zucchini", "squash")]:
    if n.startswith("the Dutch") or "Argentina" in n:
        exp = {"kind": "answered", "product_ids": [pid], "contains_any": [w for w in P[pid]["display_name"].split() if w not in ("Pear", "Apple")]}
        item("loose_names", "loose_price", {"n": n}, {**exp, "numbers": [num(price(pid))]}, [pid])
    else:
        item("loose_names", "loose_origin", {"n": n}, {"kind": "answered", "contains_any": COUNTRY[P[pid]["attributes"]["origin"]], "product_ids": [pid]}, [pid])
for pid, n in [("Oatly-Natural-Oatghurt", "havregurt"), ("Alpro-Fresh-Soy-Milk", "the chilled soy drink"),
               ("Arla-Sour-Milk", "filmjölk")]:
    item("loose_names", "loose_brand", {"n": n}, {"kind": "answered", "contains_all": [P[pid]["brand"]], "product_ids": [pid]}, [pid])

# ----- store vs basket line ------------------------------------------------------------------------------------
T("variant",
  ["Is there {art} {attr} version of the {line} in my basket?", "Do you have my {line} in {art} {attr} version?"],
  ["the {line} I've got – is there {art} {attr} one too?", "{attr} alternative to my {line}? which?"])
T("bigger",
  ["Is there a bigger pack of the {line} type I have in my basket?", "Do you sell a larger carton of {line} than the one in my cart?"],
  ["my {line} – any bigger size in the store?", "bigger carton of {line} than mine?"])
for line_pid, line, attr, ids in [("Arla-Medium-Fat-Milk", "semi-skimmed milk", "organic", ["Arla-Ecological-Medium-Fat-Milk", "Garant-Ecological-Medium-Fat-Milk"]),
                                  ("Arla-Medium-Fat-Milk", "semi-skimmed milk", "lactose-free", ["Arla-Lactose-Medium-Fat-Milk"]),
                                  ("Arla-Sour-Cream", "sour cream", "organic", ["Arla-Ecological-Sour-Cream"]),
                                  ("Arla-Standard-Milk", "whole milk", "organic", ["Garant-Ecological-Standard-Milk"])]:
    item("store_vs_basket", "variant", {"line": line, "attr": attr, "art": "an" if attr[0] in "aeiou" else "a", "_line": line_pid},
         {"kind": "answered", "product_ids": ids}, ids + [p["id"] for p in PRODUCTS if p["coarse_category"] == P[line_pid]["coarse_category"] and p["id"] != line_pid])
for line_pid, line, big in [("God-Morgon-Apple-Juice", "apple juice", "Bravo-Apple-Juice"), ("Tropicana-Juice-Smooth", "orange juice", "Bravo-Orange-Juice")]:
    item("store_vs_basket", "bigger", {"line": line, "_line": line_pid},
         {"kind": "answered", "product_ids": [big]}, [p["id"] for p in PRODUCTS if p["coarse_category"] == "Juice" and p["id"] != line_pid])


# ---------------------------------------------------------------------------------------------------------------
# big item pools: each item asked once, alternately in val and test; the others are asked in both splits
ONE_SPLIT = {"ingredients", "facts", "do_you_sell", "loose_names"}


def basket(rng, exclude, line=None):
    pool = sorted(pid for pid in P if pid not in exclude and pid != line)
    n = rng.randint(1, 3) - (1 if line else 0)
    lines = [{"product": line, "qty": 1}] if line else []
    for pid in rng.sample(pool, max(n, 0)):
        lines.append({"product": pid, "qty": rng.randint(1, 3)})
    return lines


def build():
    cases = []
    for split, seed0 in (("val", 1000), ("test", 900000)):
        counter = 0
        for cat in ITEMS:
            per_sub = {}
            for idx, (sub, fields, expect, exclude) in enumerate(ITEMS[cat]):
                if cat in ONE_SPLIT and (idx % 2 == 0) != (split == "val"):
                    continue
                templates = TEMPLATES[sub][0 if split == "val" else 1]
                k = per_sub.get(sub, 0)
                per_sub[sub] = k + 1
                ti = k % len(templates)
                rng = random.Random(seed0 + counter)
                counter += 1
                f = {key: v for key, v in fields.items() if not key.startswith("_")}
                for key in ("n", "a", "b"):
                    if key in f and rng.random() < 0.15 and sub not in ("sell", "advice"):
                        f[key] = swap_typo(f[key], rng)
                q = templates[ti].format(**f).replace("the the ", "the ").replace("The the ", "The ").replace(" i the ", " i ")
                if q and q[0].islower() and rng.random() < 0.3:
                    q = q[0].upper() + q[1:]
                line = fields.get("_line")
                b = basket(rng, exclude | set(expect.get("product_ids", [])), line)
                exp = dict(expect)
                if line:
                    pass  # answer cites store products outside the basket: no basket_only
                cases.append({"id": None, "split": split, "category": cat,
                              "template": (sub, split, ti), "basket": b, "question": q, "expect": exp})
    # integer template index within the category: val templates first, then test ones
    for cat in ITEMS:
        keys = sorted({c["template"] for c in cases if c["category"] == cat},
                      key=lambda k: (k[1] != "val", list(TEMPLATES).index(k[0]), k[2]))
        for c in cases:
            if c["category"] == cat:
                c["template_key"] = "%s:%s:%d" % c["template"]
                c["template"] = keys.index(c["template"])
    per_cat = {}
    for c in cases:
        per_cat[c["category"]] = per_cat.get(c["category"], 0) + 1
        c["id"] = f"store-{c['category']}-{c['split']}-{per_cat[c['category']]:03d}"
    return cases


def check(cases):
    ids = set(P)
    allowed = {"kind", "numbers", "contains_all", "contains_any", "not_contains", "product_ids", "regex", "basket_only"}
    kinds = {"answered", "unknown", "declined", "refused_basket_change"}
    seen = set()
    val_t, test_t = set(), set()
    for sub, (v, t) in TEMPLATES.items():
        assert not set(v) & set(t), sub
        assert v and t, sub
    for c in cases:
        assert c["id"] not in seen
        seen.add(c["id"])
        e = c["expect"]
        assert set(e) <= allowed, e
        assert e, c
        if "kind" in e:
            assert e["kind"] in kinds
        for pid in e.get("product_ids", []):
            assert pid in ids, pid
        for l in c["basket"]:
            assert l["product"] in ids
        if "regex" in e:
            re.compile(e["regex"], re.I)
        (val_t if c["split"] == "val" else test_t).add((c["category"], c["template"]))
        sub, split, ti = c["template_key"].split(":")
        assert split == c["split"]
        text = TEMPLATES[sub][0 if split == "val" else 1][int(ti)]
        other = TEMPLATES[sub][1 if split == "val" else 0]
        assert text not in other
        asked = set(e.get("product_ids", []))
        inb = {l["product"] for l in c["basket"]}
        assert not asked & inb, c["id"]
        for s in e.get("not_contains", []):
            # a forbidden phrase must not be part of an expected product's name
            for pid in asked:
                assert s.lower() not in (P[pid]["display_name"] + " " + P[pid]["shopper_name"]).lower(), (c["id"], s)
    assert not val_t & test_t
    # sanity on a few truths
    assert comparable("Bravo-Apple-Juice") == (20.95, "l")
    assert comparable("Arla-Sour-Cream") == (59.67, "l")
    assert comparable("Alpro-Vanilla-Soyghurt") == (37.2, "kg")


def main():
    cases = build()
    check(cases)
    with open(OUT, "w", encoding="utf-8") as f:
        for c in cases:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    tab = {}
    for c in cases:
        tab.setdefault(c["category"], [0, 0])[0 if c["split"] == "val" else 1] += 1
    print(f"{len(cases)} cases -> {OUT}")
    for cat, (v, t) in tab.items():
        print(f"  {cat:16s} val {v:3d}  test {t:3d}")
    print(f"  {'total':16s} val {sum(v for v, _ in tab.values()):3d}  test {sum(t for _, t in tab.values()):3d}")


if __name__ == "__main__":
    main()
