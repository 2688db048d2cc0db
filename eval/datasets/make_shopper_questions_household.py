#!/usr/bin/env python3
"""Household shopper questions: a generalisation probe written without reading the assistant.

Writes eval/datasets/shopper-questions-household.jsonl from catalog/catalog.json only (python3 stdlib, seeded,
deterministic) and prints cases per category, split and persona.

Personas: a parent shopping for the week, an elderly shopper writing long polite sentences, a non-native English
speaker (grammar slips, Swedish words), a hurried texter (abbreviations, no punctuation), someone dictating by
voice (numbers as words, "um", no punctuation). Every truth is computed here from the catalogue:

- loose produce line = price/kg x unit_weight_grams/1000 x qty, rounded half-up to ore per line; unit line =
  price x qty; total = sum of lines; tolerance 0.01;
- comparable price: per kg for loose produce and net-weight packs, per litre for volume packs (rounded to ore);
- allergens only from the `allergens` field; a product without it (produce, asparagus) is `unknown`.

Each category has its own phrasings; the ones marked "v" make the val split, the ones marked "t" the test split,
and no test phrasing is used in val. Val baskets come from seeds 10000-39999, test baskets from 60000-89999.
"""
import json
import math
import os
import random
import re
import sys
from collections import Counter, defaultdict
from decimal import Decimal, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CATALOG = os.path.join(ROOT, "catalog", "catalog.json")
OUT = os.path.join(HERE, "shopper-questions-household.jsonl")

with open(CATALOG, encoding="utf-8") as fh:
    P = {p["id"]: p for p in json.load(fh)["products"]}
ALL = sorted(P)

# ----------------------------------------------------------------------------------------------------------------
# Money and facts
# ----------------------------------------------------------------------------------------------------------------


def D(x):
    return Decimal(str(x))


def r2(d):
    return D(d).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def by_weight(pid):
    return P[pid]["price"]["per"] == "Kilogram"


def price(pid):
    return D(P[pid]["price"]["amount"])


def line_total(pid, qty):
    if by_weight(pid):
        return r2(price(pid) * D(P[pid]["unit_weight_grams"]) * qty / 1000)
    return price(pid) * qty


def comparable(pid):
    """(price, unit) with unit 'kg' or 'l' (or 'unit' when a pack states no size)."""
    p = P[pid]
    if by_weight(pid):
        return price(pid), "kg"
    if "volume_ml" in p:
        return r2(price(pid) * 1000 / D(p["volume_ml"])), "l"
    if "net_weight_grams" in p:
        return r2(price(pid) * 1000 / D(p["net_weight_grams"])), "kg"
    return price(pid), "unit"


def basket_total(basket):
    return sum((line_total(l["product"], l["qty"]) for l in basket), Decimal(0))


def attr(pid, key, default=None):
    return P[pid]["attributes"].get(key, default)


def organic(pid):
    return bool(attr(pid, "organic"))


def origin(pid):
    return attr(pid, "origin")


def allergens(pid):
    return P[pid].get("allergens")  # None = unknown (no ingredient list)


def has_ingredients(pid):
    return "ingredients" in P[pid] and P[pid].get("allergens") is not None


def ids_where(fn):
    return frozenset(k for k, p in P.items() if fn(p))


def coarse(c):
    return ids_where(lambda p: p["coarse_category"] == c)


PRODUCE = ids_where(lambda p: p["price"]["per"] == "Kilogram")
PACKS = frozenset(ALL) - PRODUCE
ING = frozenset(k for k in ALL if has_ingredients(k))
APPLES, PEARS, MELONS = coarse("Apple"), coarse("Pear"), coarse("Melon")
PEPPERS, TOMATOES, POTATOES = coarse("Pepper"), coarse("Tomato"), coarse("Potato")
COW_MILK, JUICES, SOUR_CREAM = coarse("Milk"), coarse("Juice"), coarse("Sour-Cream")
SOY_DRINK, SOY_YOG = coarse("Soy-Milk"), coarse("Soyghurt")
MILK_ALL = COW_MILK | {"Oatly-Oat-Milk", "Arla-Sour-Milk"} | SOY_DRINK
YOG_ALL = coarse("Yoghurt") | coarse("Oatghurt") | SOY_YOG
DAIRY = frozenset(k for k in ING if "milk" in (allergens(k) or []))
PLANT = frozenset(k for k in ING if attr(k, "plant_based"))
SEMI = frozenset(k for k in COW_MILK if attr(k, "fat_percent") == 1.5)
WHOLE = frozenset(k for k in COW_MILK if attr(k, "fat_percent") == 3)
ORGANIC_MILK = frozenset(k for k in COW_MILK if organic(k))
APPLE_JUICES = frozenset(k for k in JUICES if attr(k, "flavour") == "apple")
ORANGE_JUICES = frozenset(k for k in JUICES if "orange" in attr(k, "flavour"))
PURE_ORANGE_JUICES = frozenset(k for k in JUICES if attr(k, "flavour") == "orange")
GM_RG = frozenset({"God-Morgon-Red-Grapefruit-Juice", "God-Morgon-Orange-Red-Grapefruit-Juice"})
GM_OJ = frozenset({"God-Morgon-Orange-Juice", "God-Morgon-Orange-Red-Grapefruit-Juice"})


def brand_set(b, within=None):
    s = ids_where(lambda p: p.get("brand") == b)
    return s & within if within is not None else s


VANILLA_YOG = frozenset(k for k in YOG_ALL if "vanilla" in (attr(k, "flavour") or ""))
assert len(APPLES) == 5 and len(PEARS) == 3 and len(MELONS) == 4 and len(PEPPERS) == 4
assert len(TOMATOES) == 3 and len(POTATOES) == 3 and len(COW_MILK) == 6 and len(JUICES) == 10
assert len(SEMI) == 4 and len(WHOLE) == 2 and len(ORGANIC_MILK) == 3 and len(APPLE_JUICES) == 3
assert len(PURE_ORANGE_JUICES) == 3 and len(PLANT) == 6

# ----------------------------------------------------------------------------------------------------------------
# Names. Each name carries the set of catalogue products it could naturally mean (its broad set). A basket line is
# called by a name only when exactly one basket line is in that set; a store product only when the set is just it.
# ----------------------------------------------------------------------------------------------------------------

NAMES = []  # (text, lang, broad set, natural set)
# What a word usually means, where narrower than what it could be taken for: filmjölk is not "the milk", the
# orange-and-blood-grapefruit blend is not "the blood grapefruit juice", sweet potatoes are not "the potatoes".
NATURAL = {}


def nm(ids, *texts, lang="en"):
    ids = frozenset([ids]) if isinstance(ids, str) else frozenset(ids)
    for t in texts:
        for i in ids:
            assert i in P, i
        NAMES.append((t, lang, ids, ids))


def sv(ids, *texts):
    nm(ids, *texts, lang="sv")


def natural(ids, *texts):
    for t in texts:
        NATURAL[t] = frozenset([ids]) if isinstance(ids, str) else frozenset(ids)


nm("Golden-Delicious", "Golden Delicious apples")
nm("Granny-Smith", "Granny Smith apples", "Granny Smiths")
nm("Pink-Lady", "Pink Lady apples")
nm("Red-Delicious", "Red Delicious apples")
nm("Royal-Gala", "Royal Gala apples")
nm(APPLES, "apples"); sv(APPLES, "äpplen")
nm("Avocado", "avocados"); sv("Avocado", "avokado")
nm("Banana", "bananas"); sv("Banana", "bananer", "banan")
nm("Kiwi", "kiwis"); sv("Kiwi", "kiwi")
nm("Lemon", "lemons"); sv("Lemon", "citroner")
nm("Lime", "limes"); sv("Lime", "lime")
nm("Mango", "mangoes"); sv("Mango", "mango")
nm("Cantaloupe", "cantaloupe", "cantaloupe melon")
nm("Galia-Melon", "Galia melon")
nm("Honeydew-Melon", "honeydew melon")
nm("Watermelon", "watermelon"); sv("Watermelon", "vattenmelon")
nm(MELONS, "melon"); sv(MELONS, "melon")
nm("Nectarine", "nectarines"); sv("Nectarine", "nektariner")
nm("Orange", "oranges"); sv("Orange", "apelsiner")
nm("Papaya", "papaya"); sv("Papaya", "papaya")
nm("Passion-Fruit", "passion fruits"); sv("Passion-Fruit", "passionsfrukter")
nm("Peach", "peaches"); sv("Peach", "persikor")
nm("Anjou", "Anjou pears")
nm("Conference", "Conference pears")
nm("Kaiser", "Kaiser pears")
nm(PEARS, "pears"); sv(PEARS, "päron")
nm("Pineapple", "pineapple"); sv("Pineapple", "ananas")
nm("Plum", "plums"); sv("Plum", "plommon")
nm("Pomegranate", "pomegranate"); sv("Pomegranate", "granatäpple")
nm("Red-Grapefruit", "red grapefruits"); sv("Red-Grapefruit", "grapefrukter")
nm("Satsumas", "satsumas")
nm("Bravo-Apple-Juice", "Bravo apple juice"); sv("Bravo-Apple-Juice", "Bravo äppeljuice")
nm("Bravo-Orange-Juice", "Bravo orange juice"); sv("Bravo-Orange-Juice", "Bravo apelsinjuice")
nm("God-Morgon-Apple-Juice", "God Morgon apple juice"); sv("God-Morgon-Apple-Juice", "God Morgon äppeljuice")
nm(GM_OJ, "God Morgon orange juice"); sv(GM_OJ, "God Morgon apelsinjuice")
nm("God-Morgon-Orange-Red-Grapefruit-Juice", "God Morgon orange and blood grapefruit juice")
nm(GM_RG, "God Morgon blood grapefruit juice", "blood grapefruit juice"); sv(GM_RG, "blodgrapejuice")
nm("Tropicana-Apple-Juice", "Tropicana apple juice")
nm("Tropicana-Golden-Grapefruit", "Tropicana Golden Grapefruit")
nm("Tropicana-Juice-Smooth", "Tropicana Smooth Style")
nm("Tropicana-Mandarin-Morning", "Tropicana Mandarin Morning")
nm(brand_set("Tropicana"), "Tropicana juice")
nm(brand_set("God Morgon"), "God Morgon juice")
nm(brand_set("Bravo"), "Bravo juice")
nm(APPLE_JUICES, "apple juice"); sv(APPLE_JUICES, "äppeljuice")
nm(ORANGE_JUICES, "orange juice"); sv(ORANGE_JUICES, "apelsinjuice")
nm(JUICES, "juice"); sv(JUICES, "juice")
nm("Arla-Ecological-Medium-Fat-Milk", "Arla organic semi-skimmed milk")
sv("Arla-Ecological-Medium-Fat-Milk", "Arla ekologisk mellanmjölk")
nm("Arla-Lactose-Medium-Fat-Milk", "Arla lactose-free milk", "lactose-free milk")
sv("Arla-Lactose-Medium-Fat-Milk", "laktosfri mjölk", "Arla laktosfri mellanmjölk")
ARLA_SEMI = frozenset({"Arla-Medium-Fat-Milk", "Arla-Ecological-Medium-Fat-Milk", "Arla-Lactose-Medium-Fat-Milk"})
nm(ARLA_SEMI, "Arla semi-skimmed milk"); sv(ARLA_SEMI, "Arla mellanmjölk")
nm("Arla-Standard-Milk", "Arla whole milk"); sv("Arla-Standard-Milk", "Arla standardmjölk")
nm("Garant-Ecological-Medium-Fat-Milk", "Garant semi-skimmed milk"); sv("Garant-Ecological-Medium-Fat-Milk", "Garant mellanmjölk")
nm("Garant-Ecological-Standard-Milk", "Garant whole milk"); sv("Garant-Ecological-Standard-Milk", "Garant standardmjölk")
nm(brand_set("Garant"), "Garant milk"); sv(brand_set("Garant"), "Garant mjölk")
nm(SEMI, "semi-skimmed milk"); sv(SEMI, "mellanmjölk")
nm(WHOLE, "whole milk"); sv(WHOLE, "standardmjölk")
nm(ORGANIC_MILK, "organic milk"); sv(ORGANIC_MILK, "ekologisk mjölk")
nm(brand_set("Arla", COW_MILK) | {"Arla-Sour-Milk"}, "Arla milk"); sv(brand_set("Arla", COW_MILK) | {"Arla-Sour-Milk"}, "Arla mjölk")
nm(MILK_ALL, "milk"); sv(MILK_ALL, "mjölk")
nm("Oatly-Oat-Milk", "oat drink", "oat milk", "Oatly oat drink"); sv("Oatly-Oat-Milk", "havredryck", "havremjölk")
nm("Oatly-Natural-Oatghurt", "Oatly oat yoghurt", "oat yoghurt", "oatghurt"); sv("Oatly-Natural-Oatghurt", "havregurt")
nm(brand_set("Oatly"), "Oatly")
nm("Arla-Ecological-Sour-Cream", "Arla organic sour cream"); sv("Arla-Ecological-Sour-Cream", "ekologisk gräddfil")
nm(SOUR_CREAM, "sour cream"); sv(SOUR_CREAM, "gräddfil")
nm("Arla-Sour-Milk", "filmjölk", "Arla filmjölk", "soured milk"); sv("Arla-Sour-Milk", "filmjölk")
nm("Alpro-Blueberry-Soyghurt", "Alpro blueberry soy yoghurt", "blueberry soy yoghurt", "blueberry yoghurt")
nm("Alpro-Vanilla-Soyghurt", "Alpro vanilla soy yoghurt", "vanilla soy yoghurt")
nm(SOY_YOG, "soy yoghurt", "Alpro yoghurt"); sv(SOY_YOG, "sojayoghurt")
nm("Alpro-Fresh-Soy-Milk", "chilled Alpro soy drink", "fresh Alpro soy drink")
nm("Alpro-Shelf-Soy-Milk", "long-life Alpro soy drink")
nm(SOY_DRINK, "soy drink", "soy milk", "Alpro soy drink"); sv(SOY_DRINK, "sojadryck")
nm("Arla-Mild-Vanilla-Yoghurt", "Arla vanilla yoghurt", "Arla mild vanilla yoghurt")
nm("Arla-Natural-Mild-Low-Fat-Yoghurt", "Arla low-fat natural yoghurt"); sv("Arla-Natural-Mild-Low-Fat-Yoghurt", "Arla lättyoghurt")
ARLA_NAT = frozenset({"Arla-Natural-Yoghurt", "Arla-Natural-Mild-Low-Fat-Yoghurt"})
nm(ARLA_NAT, "Arla natural yoghurt"); sv(ARLA_NAT, "Arla naturell yoghurt")
nm("Valio-Vanilla-Yoghurt", "Valio vanilla yoghurt", "Valio yoghurt"); sv("Valio-Vanilla-Yoghurt", "Valio vaniljyoghurt")
nm("Yoggi-Strawberry-Yoghurt", "Yoggi strawberry yoghurt", "strawberry yoghurt"); sv("Yoggi-Strawberry-Yoghurt", "jordgubbsyoghurt")
nm("Yoggi-Vanilla-Yoghurt", "Yoggi Madagascar vanilla yoghurt")
nm(brand_set("Yoggi"), "Yoggi yoghurt", "Yoggi vanilla yoghurt")
nm(VANILLA_YOG, "vanilla yoghurt"); sv(VANILLA_YOG, "vaniljyoghurt")
nm(brand_set("Arla", coarse("Yoghurt")), "Arla yoghurt")
nm(YOG_ALL, "yoghurt", "yogurt"); sv(YOG_ALL, "yoghurt")
nm("Asparagus", "asparagus", "green asparagus"); sv("Asparagus", "sparris")
nm("Aubergine", "aubergine", "eggplant"); sv("Aubergine", "aubergine")
nm("Cabbage", "white cabbage", "cabbage"); sv("Cabbage", "vitkål")
nm("Carrots", "carrots"); sv("Carrots", "morötter")
nm("Cucumber", "cucumber"); sv("Cucumber", "gurka")
nm("Garlic", "garlic"); sv("Garlic", "vitlök")
nm("Ginger", "ginger"); sv("Ginger", "ingefära")
nm("Leek", "leek"); sv("Leek", "purjolök")
nm("Brown-Cap-Mushroom", "mushrooms", "forest mushrooms"); sv("Brown-Cap-Mushroom", "svamp")
nm("Yellow-Onion", "yellow onions", "onions"); sv("Yellow-Onion", "gul lök")
nm("Green-Bell-Pepper", "green pepper"); sv("Green-Bell-Pepper", "grön paprika")
nm("Red-Bell-Pepper", "red pepper"); sv("Red-Bell-Pepper", "röd paprika")
nm("Orange-Bell-Pepper", "orange pepper"); sv("Orange-Bell-Pepper", "orange paprika")
nm("Yellow-Bell-Pepper", "yellow pepper"); sv("Yellow-Bell-Pepper", "gul paprika")
nm(PEPPERS, "peppers"); sv(PEPPERS, "paprika")
nm("Floury-Potato", "floury potatoes"); sv("Floury-Potato", "mjölig potatis")
nm("Solid-Potato", "firm potatoes"); sv("Solid-Potato", "fast potatis")
nm("Sweet-Potato", "sweet potatoes"); sv("Sweet-Potato", "sötpotatis")
nm(POTATOES, "potatoes"); sv(POTATOES, "potatis")
nm("Red-Beet", "beetroots", "red beets"); sv("Red-Beet", "rödbetor")
nm("Beef-Tomato", "beef tomatoes"); sv("Beef-Tomato", "bifftomater")
nm("Vine-Tomato", "vine tomatoes"); sv("Vine-Tomato", "kvisttomater")
nm(TOMATOES, "tomatoes"); sv(TOMATOES, "tomater")
nm("Zucchini", "zucchini", "courgette"); sv("Zucchini", "zucchini")

natural(COW_MILK, "milk", "mjölk")
natural(brand_set("Arla", COW_MILK), "Arla milk", "Arla mjölk")
natural("God-Morgon-Orange-Juice", "God Morgon orange juice", "God Morgon apelsinjuice")
natural("God-Morgon-Red-Grapefruit-Juice", "God Morgon blood grapefruit juice", "blood grapefruit juice", "blodgrapejuice")
natural(PURE_ORANGE_JUICES, "orange juice", "apelsinjuice")
natural({"Floury-Potato", "Solid-Potato"}, "potatoes", "potatis")
natural("Yoggi-Vanilla-Yoghurt", "Yoggi vanilla yoghurt")
natural(VANILLA_YOG - {"Yoggi-Strawberry-Yoghurt"}, "vanilla yoghurt", "vaniljyoghurt")
for _t in NATURAL:
    assert any(n[0] == _t for n in NAMES), _t
NAMES = [(t, lang, broad, NATURAL.get(t, broad)) for t, lang, broad, _ in NAMES]
for _t, _l, _b, _n in NAMES:
    assert _n <= _b, _t
for _pid in ALL:
    assert any(_pid in n[3] for n in NAMES), f"no name for {_pid}"

LEAK = {
    "organic": r"organic|ekolog|ecolog|\beko\b|krav",
    "lactose": r"lactose|laktos",
    "fat": r"%|low-fat|lätt",
    "size": r"\d|litre|liter",
    "gluten": r"gluten",
    "milk": r"milk|mjölk|dairy",
    "soy": r"soy|soja",
    "nuts": r"nut",
    "vegan": r"vegan",
}
LOWER = {"texter", "voice"}


def _styled(text, persona):
    return text.lower() if persona in LOWER else text


def _choose_name(cands, rng, persona):
    if not cands:
        return None
    svc = [c for c in cands if c[1] == "sv"]
    enc = [c for c in cands if c[1] == "en"]
    if persona == "nonnative" and svc and (rng.random() < 0.6 or not enc):
        pool = svc
    else:
        pool = enc  # only the non-native shopper mixes in Swedish words
    if not pool:
        return None
    return _styled(rng.choice(sorted(pool))[0], persona)


def _leaks(text, leak):
    return any(re.search(LEAK[l], text, re.I) for l in (leak or ()))


def bname(pid, basket, rng, persona, leak=(), avoid=()):
    ids = {l["product"] for l in basket}
    assert pid in ids
    cands = [n for n in NAMES if pid in n[3] and (n[2] & ids) == {pid} and not _leaks(n[0], leak)
             and n[0].lower() not in avoid]
    return _choose_name(cands, rng, persona)


def sname(pid, rng, persona, leak=(), avoid=()):
    cands = [n for n in NAMES if n[2] == frozenset([pid]) and not _leaks(n[0], leak) and n[0].lower() not in avoid]
    return _choose_name(cands, rng, persona)


def plural(text):
    t = text.lower()
    return t.endswith("s") and not t.endswith("asparagus")


# ----------------------------------------------------------------------------------------------------------------
# Words for numbers (voice persona)
# ----------------------------------------------------------------------------------------------------------------

_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
        "seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def words(n):
    n = int(n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else "-" + _ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + ("" if rest == 0 else " and " + words(rest))
    rest = n % 1000
    return words(n // 1000) + " thousand" + ("" if rest == 0 else (" and " if rest < 100 else " ") + words(rest))


def amount_phrase(g, persona):
    kg = D(g) / 1000
    kgs = format(kg.normalize(), "f")
    if persona == "voice":
        special = {500: "half a kilo", 1000: "one kilo", 1500: "one and a half kilos", 2500: "two point five kilos",
                   2000: "two kilos", 1200: "one point two kilos", 750: "seven hundred and fifty grams"}
        return special.get(g, words(g) + " grams")
    if persona == "texter":
        return f"{g}g" if g < 1000 else f"{kgs}kg"
    if persona == "nonnative":
        if g < 1000 and g % 100 == 0:
            return f"{g // 100} hekto"
        return (kgs.replace(".", ",") + " kilo") if g >= 1000 else f"{g} gram"
    if g < 1000:
        return f"{g} g" if g % 2 else f"{g} grams"
    return f"{kgs} kg" if g % 1000 else f"{g // 1000} kilos"


# ----------------------------------------------------------------------------------------------------------------
# Answer patterns (.NET and Python compatible; the grader matches case-insensitively)
# ----------------------------------------------------------------------------------------------------------------

NEGW = r"(?:\bnot\b|n't\b|\bnon-?)"
YES = r"^\W*(?:yes|ja|yeah|yep|sure)\b"
NO = r"^\W*(?:no|nej|nope)\b"
NOT_YES = r"^(?!\W*(?:yes|ja|yeah|yep|sure|correct|right|that's right|indeed)\b)"
ORG = r"organic|ecological|ekologisk|\beko\b"


def pos_fact(term):
    """The text states `term` without negating it."""
    return rf"^(?![\s\S]*{NEGW}[^.!?\n]{{0,25}}(?:{term}))[\s\S]*(?:{term})"


def neg_fact(term):
    return rf"{NEGW}[^.!?\n]{{0,40}}(?:{term})"


ORG_TRUE = pos_fact(ORG)
ORG_FALSE = neg_fact(ORG) + r"|\bconventional"
LF = r"lactose[- ]free|laktosfri"
LF_TRUE = pos_fact(LF) + r"|\bno lactose|without lactose|free (?:of|from) lactose"
LF_FALSE = neg_fact(LF) + r"|\bcontains\s+(?:lactose|milk)|(?:has|with)\s+lactose|regular (?:milk|dairy)"
VEGAN = r"vegan|plant[- ]based"
VEGAN_TRUE = pos_fact(VEGAN)
VEGAN_FALSE = (neg_fact(VEGAN + "|suitable") + r"|\bcontains\s+milk|made\s+(?:from|with|of)\s+(?:\w+\s+)?(?:milk|cream)")
ALLERGEN_WORDS = {
    "gluten": r"gluten|oats?\b|havre",
    "milk": r"milk|dairy|lactose|mjölk",
    "soy": r"soy|soya|soja",
    "nuts": r"nuts?\b|peanuts?|nötter",
}


def contains_fact(a):
    w = ALLERGEN_WORDS[a]
    return (rf"\bcontains\s+(?:{w})|(?<!n't )(?<!not )\b(?:made\s+(?:from|with|of)|has|have|includes?|lists?)\s+"
            rf"(?!no\b|not\b|any\b)(?:\w+\s+)?(?:{w})|{NEGW}\s*(?:\w+\s+)?(?:{w})[- ]free|\bdoes\s+contain\s+(?:{w})"
            rf"|(?:{w})\s+(?:is|are)\s+(?:listed|among|one of|an allergen)")


def free_fact(a):
    w = ALLERGEN_WORDS[a]
    return (rf"(?:\bno\b|\bnot\b|n't\b|free\s+(?:of|from)|without|\bnone\b)\s+(?:\w+\s+){{0,2}}(?:{w})(?![- ]free)"
            rf"|(?<!not )(?<!n't )\b(?:{w})[- ]free")


NOT_SOLD = NOT_YES + r"[\s\S]*(?:\bno\b|\bnot\b|n't\b|\bnej\b|unfortunately|\bonly\b)"
NO_CHEAPER = (NO + r"|\bno\s+(?:\w+\s+){0,2}cheaper|" + NEGW + r"[^.!?\n]{0,40}cheaper|\bsame\s+price|all\s+(?:\w+\s+)"
              r"{0,5}(?:cost|are|priced)|\bequal|identical|(?:already|is|are)\s+(?:\w+\s+)?the\s+cheapest|\bnone\b|\bsame\b")
ENOUGH_YES = YES + r"|(?<!not )(?<!n't )(?<!quite )\benough\b|\bcovers?\b|to spare|left over"
ENOUGH_NO = NO + r"|" + NEGW + r"\s+(?:\w+\s+)?enough|\bshort\b|over (?:your|the) budget|\bexceeds?\b|more than (?:your|the) "
NOT_NO = r"^(?!\W*(?:no|nej|nope|sorry|unfortunately)\b)"

ORIGIN_WORDS = {
    "Italy": ["Italy", "Italian"], "Spain": ["Spain", "Spanish"], "Ecuador": ["Ecuador"],
    "Sweden": ["Sweden", "Swedish"], "Netherlands": ["Netherlands", "Holland", "Dutch"],
    "Argentina": ["Argentina", "Argentin"], "Peru": ["Peru"], "Brazil": ["Brazil"], "Mexico": ["Mexico", "Mexican"],
    "Colombia": ["Colombia"], "Costa Rica": ["Costa Rica"], "Chile": ["Chile"], "Israel": ["Israel"],
    "Germany": ["Germany", "German"], "China": ["China", "Chinese"], "Poland": ["Poland", "Polish"],
    "USA": ["USA", "United States", "America", "U.S."], "Finland": ["Finland", "Finnish"], "Denmark": ["Denmark", "Danish"],
}
SWEDISH_TRUE = pos_fact(r"sweden|swedish|sverige|svensk")

# ----------------------------------------------------------------------------------------------------------------
# Baskets and case parts
# ----------------------------------------------------------------------------------------------------------------

BIG = {"Watermelon", "Cantaloupe", "Galia-Melon", "Honeydew-Melon", "Pineapple", "Cabbage"}


def qty_for(pid, rng):
    if pid in BIG:
        return rng.randint(1, 2)
    if pid in PRODUCE:
        return rng.randint(1, 6)
    return rng.randint(1, 3)


def rb(rng, must=(), n=None, pool=None, exclude=()):
    """A basket holding `must` (ids or (id, qty)) plus random other products, in random order."""
    n = n or rng.randint(3, 6)
    lines = {}
    for m in must:
        pid, q = (m, None) if isinstance(m, str) else m
        lines[pid] = q if q is not None else qty_for(pid, rng)
    others = [p for p in sorted(pool if pool is not None else ALL) if p not in lines and p not in set(exclude)]
    rng.shuffle(others)
    for p in others:
        if len(lines) >= n:
            break
        lines[p] = qty_for(p, rng)
    items = [{"product": p, "qty": q} for p, q in lines.items()]
    rng.shuffle(items)
    return items


def qty_of(basket, pid):
    return next(l["qty"] for l in basket if l["product"] == pid)


def num(d, tol=0.01):
    return {"value": float(r2(d)), "tolerance": float(tol)}


def num_f(x, tol):
    return {"value": float(x), "tolerance": tol}


def expect(kind=None, numbers=None, contains_all=None, contains_any=None, not_contains=None, product_ids=None,
           regex=None, basket_only=False):
    e = {}
    if kind:
        e["kind"] = kind
    for k, v in (("numbers", numbers), ("contains_all", contains_all), ("contains_any", contains_any),
                 ("not_contains", not_contains), ("product_ids", product_ids)):
        if v:
            e[k] = list(v)
    if regex:
        e["regex"] = regex
    if basket_only:
        e["basket_only"] = True
    return e


def money(b, persona):
    return words(b) if persona == "voice" else str(b)


def kr(d):
    return format(r2(d), "f")


class Skip(Exception):
    pass


def need(x):
    if not x:
        raise Skip()
    return x


def T(s, p, k, q, **extra):
    return dict(s=s, p=p, k=k, q=q, **extra)


def fill(pat, **slots):
    if "x" in slots or "g" in slots:  # number agreement with the product name
        pl = plural(slots.get("x") or slots["g"])
        for k, (a, b) in {"are": ("are", "is"), "it": ("they", "it"), "does": ("do", "does"),
                          "isnt": ("aren't", "isn't"), "them": ("them", "it")}.items():
            slots.setdefault(k, a if pl else b)
    q = pat["q"].format(**slots)
    return q[0].upper() + q[1:] if pat["p"] not in LOWER and q[:1].islower() else q


# ----------------------------------------------------------------------------------------------------------------
# Categories
# ----------------------------------------------------------------------------------------------------------------

TOTAL = [
    T("v", "parent", "total", "We're a family of four doing the weekly shop — what does everything in the trolley add up to so far?"),
    T("v", "texter", "total", "hw much is my tot so far pls"),
    T("v", "nonnative", "total", "how much cost all the things in my basket together?"),
    T("v", "elderly", "left", "Good afternoon. I have brought {b} kronor with me today; would you be so kind as to tell me how much I shall have left once I have paid for everything in my basket?"),
    T("v", "voice", "split", "um so there's {n_w} of us splitting this shop how much is that each"),
    T("v", "parent", "enough", "Only {b} kr left on the family card this week. Does that cover what's in the basket?"),
    T("t", "nonnative", "total", "vad kostar allt tillsammans? i need the sum for whole basket"),
    T("t", "voice", "total", "okay um what does it all come to now"),
    T("t", "texter", "left", "got {b}kr on me how much left after all this"),
    T("t", "elderly", "split", "My sister and I always share the bill equally between the two of us. Could you tell me what each of us would owe for the whole basket?", n=2),
    T("t", "parent", "split", "Three of us are chipping in for this shop, what's each person's share?", n=3),
    T("t", "texter", "enough", "{b}kr enough 4 all this"),
]


def b_total(rng, pat):
    basket = rb(rng, n=rng.randint(3, 7))
    t = basket_total(basket)
    k, per = pat["k"], pat["p"]
    if k == "total":
        return basket, fill(pat), expect("answered", [num(t)], basket_only=True)
    if k == "split":
        n = pat.get("n") or rng.randint(2, 5)
        return basket, fill(pat, n_w=words(n)), expect("answered", [num(t / n)], basket_only=True)
    if k == "left":
        b = (int(t) // 100 + 1) * 100 + rng.choice([0, 50, 100, 200])
        return basket, fill(pat, b=money(b, per)), expect("answered", [num(D(b) - t)], basket_only=True)
    margin = max(D(6), t * D("0.06"))
    yes = rng.random() < 0.5
    if yes:
        b = int(math.ceil((t + margin) / 10)) * 10 + rng.choice([0, 10, 20])
    else:
        b = int(math.floor((t - margin) / 10)) * 10
        need(b >= 20)
    return basket, fill(pat, b=money(b, per)), expect("answered", [num(t)], regex=ENOUGH_YES if yes else ENOUGH_NO,
                                                       basket_only=True)


SUBTOTAL = [
    T("v", "parent", "pair", "The kids picked the {x} and the {y} themselves — how much do those two come to together?"),
    T("v", "texter", "fv", "fruit n veg only how much"),
    T("v", "nonnative", "except", "how much is everything but not the {x}?"),
    T("v", "elderly", "pair", "Would you kindly add up just the {x} and the {y} for me? I keep a little notebook of what I spend."),
    T("t", "voice", "fv", "how much is just the fruit and vegetables in there"),
    T("t", "nonnative", "pair", "{x} and {y} together, hur mycket?"),
    T("t", "parent", "except", "Leaving the {x} aside because that's coming out of my mum's money, what does the rest of the basket cost?"),
    T("t", "texter", "pair", "{x} + {y} how much together"),
]


def b_subtotal(rng, pat):
    k, per = pat["k"], pat["p"]
    if k == "fv":
        basket = rb(rng, n=rng.randint(4, 7), exclude={"Asparagus"})
        fv = [l for l in basket if l["product"] in PRODUCE]
        need(1 <= len(fv) < len(basket))
        s = sum((line_total(l["product"], l["qty"]) for l in fv), Decimal(0))
        return basket, fill(pat), expect("answered", [num(s)], basket_only=True)
    basket = rb(rng, n=rng.randint(3, 6))
    if k == "except":
        l = rng.choice(basket)
        x = need(bname(l["product"], basket, rng, per))
        s = basket_total(basket) - line_total(l["product"], l["qty"])
        return basket, fill(pat, x=x), expect("answered", [num(s)], basket_only=True)
    a, b = rng.sample(basket, 2)
    x = need(bname(a["product"], basket, rng, per))
    y = need(bname(b["product"], basket, rng, per, avoid={x.lower()}))
    s = line_total(a["product"], a["qty"]) + line_total(b["product"], b["qty"])
    return basket, fill(pat, x=x, y=y), expect("answered", [num(s)], product_ids=[a["product"], b["product"]],
                                               basket_only=True)


LINE = [
    T("v", "parent", "line", "What am I paying for the {x} in the trolley?"),
    T("v", "nonnative", "line", "how much cost the {x} what i have?"),
    T("v", "texter", "each", "{x} how much each"),
    T("v", "elderly", "line", "Could you please tell me what the {x} in my basket will cost me altogether?"),
    T("v", "voice", "each", "how much is one pack of the {x}"),
    T("t", "texter", "line", "{x} tot?"),
    T("t", "voice", "line", "what {are} the {x} coming to"),
    T("t", "nonnative", "each", "vad kostar one {x}? only one piece, not all"),
    T("t", "elderly", "each", "I have put more than one of the {x} in; what is the price of a single one, if you please?"),
    T("t", "parent", "line", "{x} — what's that line costing me?"),
]


def b_line(rng, pat):
    k, per = pat["k"], pat["p"]
    if k == "each":
        pid = rng.choice(sorted(PACKS))
        basket = rb(rng, must=[(pid, rng.randint(2, 4))])
        x = need(bname(pid, basket, rng, per))
        return basket, fill(pat, x=x), expect("answered", [num(price(pid))], product_ids=[pid], basket_only=True)
    pid = rng.choice(ALL)
    q = rng.randint(2, 5) if (pid in PRODUCE and pid not in BIG and rng.random() < 0.8) else qty_for(pid, rng)
    basket = rb(rng, must=[(pid, q)])
    x = need(bname(pid, basket, rng, per))
    return basket, fill(pat, x=x), expect("answered", [num(line_total(pid, q))], product_ids=[pid], basket_only=True)


COUNT = [
    T("v", "parent", "litres", "We're four at home and go through a lot — how many litres of {x} have I got in the trolley?"),
    T("v", "texter", "units", "how many items in total incl every piece"),
    T("v", "nonnative", "qty", "how many {x} i have in the basket?"),
    T("v", "elderly", "lines", "How many different products have I got in my basket at present? I do not mean the number of pieces, only the different kinds."),
    T("v", "voice", "qty", "how many {x} did i put in"),
    T("t", "nonnative", "units", "hur många saker totally? every piece and pack counted"),
    T("t", "voice", "lines", "how many different kinds of things are in the basket not counting doubles"),
    T("t", "texter", "qty", "# of {x}?"),
    T("t", "parent", "litres", "Quick one before the breakfast run: how many litres of {x} are in the basket altogether?"),
    T("t", "elderly", "units", "Counting each piece of fruit and each carton separately, how many items am I carrying in total?"),
]


def b_count(rng, pat):
    k, per = pat["k"], pat["p"]
    if k in ("units", "lines"):
        basket = rb(rng, n=rng.randint(3, 6))
        v = sum(l["qty"] for l in basket) if k == "units" else len(basket)
        return basket, fill(pat), expect("answered", [num(v, 0)], basket_only=True)
    if k == "litres":
        pid = rng.choice(sorted(p for p in PACKS if "volume_ml" in P[p] and P[p]["volume_ml"] >= 1000))
        q = rng.randint(1, 4)
        basket = rb(rng, must=[(pid, q)])
        x = need(bname(pid, basket, rng, per, leak=("size",)))
        litres = D(P[pid]["volume_ml"]) * q / 1000
        return basket, fill(pat, x=x), expect("answered", [num_f(litres, 0.01)], product_ids=[pid], basket_only=True)
    pid = rng.choice(ALL)
    q = rng.randint(2, 6) if pid in PRODUCE and pid not in BIG else rng.randint(2, 3)
    basket = rb(rng, must=[(pid, q)])
    x = need(bname(pid, basket, rng, per))
    need(plural(x) or pid in PACKS)
    return basket, fill(pat, x=x), expect("answered", [num(q, 0)], product_ids=[pid], basket_only=True)


UNIT = [
    T("v", "texter", "u", "{x} price per {u}?", where="b"),
    T("v", "parent", "u", "{x} — what's that per {u}? Trying to compare with the other shop.", where="s"),
    T("v", "nonnative", "u", "jämförpris for the {x}? per {u}", where="b"),
    T("v", "elderly", "u", "I am trying to compare prices as I always did. What is the price per {u} of the {x}, please?", where="s"),
    T("v", "voice", "u", "what does the {x} cost per {u}", where="b"),
    T("t", "nonnative", "u", "how much is {x} for one {u}?", where="s"),
    T("t", "parent", "u", "Comparing shops again — what's the {u} price of the {x} I've got?", where="b"),
    T("t", "texter", "u", "{x} kr/{us}?", where="s"),
    T("t", "elderly", "u", "Could you work out for me what the {x} in my basket comes to per {u}?", where="b"),
    T("t", "voice", "u", "um the {x} how much a {u}", where="s"),
]
SIZED_PACKS = sorted(p for p in PACKS if comparable(p)[1] != "unit" and P[p].get("volume_ml", P[p].get("net_weight_grams")) != 1000)


def b_unit(rng, pat):
    per = pat["p"]
    pid = rng.choice(sorted(PRODUCE)) if rng.random() < 0.5 else rng.choice(SIZED_PACKS)
    cmp_, unit = comparable(pid)
    u = {"kg": "kilo", "l": "litre"}[unit]
    us = {"kg": "kg", "l": "l"}[unit]
    if pat["where"] == "b":
        basket = rb(rng, must=[pid])
        x = need(bname(pid, basket, rng, per))
        bo = True
    else:
        basket = rb(rng)
        x = need(sname(pid, rng, per))
        bo = pid in {l["product"] for l in basket}
    return basket, fill(pat, x=x, u=u, us=us), expect("answered", [num(cmp_)], product_ids=[pid], basket_only=bo)


AMOUNT = [
    T("v", "parent", "kg", "Cooking for the whole family this weekend — how much would {amt} of {x} cost?"),
    T("v", "texter", "n", "{n}x {x} how much"),
    T("v", "nonnative", "kg", "vad kostar {amt} {x}?"),
    T("v", "voice", "kg", "how much is {amt} of {x}"),
    T("v", "elderly", "n", "If I were to buy {n} of the {x}, what would they cost me?"),
    T("t", "elderly", "kg", "I should like about {amt} of {x} for one of my late husband's recipes. What would that cost?"),
    T("t", "texter", "kg", "{amt} {x} price"),
    T("t", "voice", "n", "{x} {n_w} of those how much"),
    T("t", "nonnative", "n", "if i take {n} of {x}, how much it cost?"),
    T("t", "parent", "n", "{x} — we'd need {n} of them for the week. What would that come to?"),
]
GRAMS = [300, 400, 500, 750, 1000, 1200, 1500, 2000, 2500]


def b_amount(rng, pat):
    per = pat["p"]
    basket = rb(rng)
    if pat["k"] == "kg":
        pid = rng.choice(sorted(PRODUCE - BIG))
        g = rng.choice(GRAMS)
        x = need(sname(pid, rng, per))
        v = r2(price(pid) * g / 1000)
        return basket, fill(pat, x=x, amt=amount_phrase(g, per)), expect("answered", [num(v)], product_ids=[pid])
    pid = rng.choice(sorted(PACKS))
    n = rng.randint(2, 6)
    x = need(sname(pid, rng, per))
    return basket, fill(pat, x=x, n=n, n_w=words(n)), expect("answered", [num(price(pid) * n)], product_ids=[pid])


COMPARE = [
    T("v", "elderly", "diffkg", "Would you tell me how much more a kilo of {x} costs than a kilo of {y}?"),
    T("v", "texter", "whichpack", "{x} or {y} which cheaper"),
    T("v", "nonnative", "whichkg", "what is more cheap per kilo, {x} or {y}?"),
    T("v", "parent", "diffpack", "How much more is the {x} than the {y}? Same size carton, I think."),
    T("t", "voice", "whichkg", "which is cheaper by the kilo {x} or {y}"),
    T("t", "parent", "diffkg", "{x} vs {y} — what's the difference per kilo?"),
    T("t", "nonnative", "diffpack", "how much more expensive is {x} then {y}?"),
    T("t", "elderly", "whichpack", "Between the {x} and the {y}, which would be the more economical one to buy?"),
]
KWP = {
    "Banana": r"banan", "Kiwi": r"kiwi", "Lemon": r"lemon|citron", "Lime": r"\blimes?\b", "Mango": r"mango",
    "Watermelon": r"water ?melon|vattenmelon", "Nectarine": r"nectarine|nektarin", "Orange": r"\boranges?\b|apelsin",
    "Papaya": r"papaya", "Passion-Fruit": r"passion", "Peach": r"peach|persik", "Pineapple": r"pineapple|ananas",
    "Plum": r"\bplums?\b|plommon", "Pomegranate": r"pomegranate|granatäpple", "Red-Grapefruit": r"grapefr",
    "Satsumas": r"satsuma", "Avocado": r"avocado|avokado", "Aubergine": r"aubergine|eggplant", "Cabbage": r"cabbage|kål",
    "Carrots": r"carrot|morot|morötter", "Cucumber": r"cucumber|gurka", "Garlic": r"garlic|vitlök", "Ginger": r"ginger|ingefära",
    "Leek": r"\bleeks?\b|purjo", "Brown-Cap-Mushroom": r"mushroom|svamp", "Zucchini": r"zucchini|courgette",
    "Red-Beet": r"beet|rödbet",
}
BRAND_KW = {"Tropicana": "Tropicana", "God Morgon": "God Morgon", "Arla": "Arla", "Garant": "Garant", "Oatly": "Oatly",
            "Alpro": "Alpro", "Valio": "Valio", "Yoggi": "Yoggi", "Bravo": "Bravo"}
PACK_FAMILIES = [JUICES, COW_MILK | {"Oatly-Oat-Milk"} | SOY_DRINK,
                 frozenset({"Valio-Vanilla-Yoghurt", "Yoggi-Strawberry-Yoghurt", "Oatly-Natural-Oatghurt"}), SOUR_CREAM]


def which_regex(w, l):
    t = r"(?:(?!\bthan\b)[^.!?\n,;]){0,60}"
    return (rf"(?:{w}){t}(?:cheaper|less expensive|lower|costs? less|more economical|better value|the cheapest)"
            rf"|(?:cheaper|more economical|less expensive) (?:one|option|choice|buy)?\s*(?:is|are|:)\s*(?:the\s+)?(?:\w+\s+)?(?:{w})"
            rf"|(?:{l}){t}(?:more expensive|pricier|dearer|costs? more|higher)")


def _pack_pair(rng):
    fam = rng.choice(PACK_FAMILIES)
    a, b = rng.sample(sorted(fam), 2)
    ca, cb = comparable(a), comparable(b)
    need(ca[1] == cb[1] and P[a].get("volume_ml", P[a].get("net_weight_grams")) == P[b].get("volume_ml", P[b].get("net_weight_grams")))
    need(price(a) != price(b))
    if fam is JUICES:  # juices only against a juice of a shared flavour
        need(set(attr(a, "flavour").replace(",", " ").split()) & set(attr(b, "flavour").replace(",", " ").split()))
    return a, b


def b_compare(rng, pat):
    k, per = pat["k"], pat["p"]
    basket = rb(rng)
    if k in ("diffkg", "whichkg"):
        pool = sorted(KWP) if k == "whichkg" else sorted(PRODUCE)
        a, b = rng.sample(pool, 2)
        need(price(a) != price(b) and P[a]["top_category"] == P[b]["top_category"])
    else:
        a, b = _pack_pair(rng)
        if k == "whichpack":
            need(P[a]["brand"] != P[b]["brand"])
    if k.startswith("diff") and price(a) < price(b):
        a, b = b, a
    x = need(sname(a, rng, per))
    y = need(sname(b, rng, per, avoid={x.lower()}))
    if k.startswith("diff"):
        ca, cb = comparable(a)[0], comparable(b)[0]
        return basket, fill(pat, x=x, y=y), expect("answered", [num(ca - cb)], product_ids=[a, b])
    w, l = (a, b) if comparable(a)[0] < comparable(b)[0] else (b, a)
    if k == "whichkg":
        kw_w, kw_l = KWP[w], KWP[l]
        for t, _, ids, _n in NAMES:  # the winner's keyword must not match a name of the loser, and vice versa
            if l in ids and len(ids) == 1:
                need(not re.search(kw_w, t, re.I))
            if w in ids and len(ids) == 1:
                need(not re.search(kw_l, t, re.I))
    else:
        kw_w, kw_l = BRAND_KW[P[w]["brand"]], BRAND_KW[P[l]["brand"]]
    return basket, fill(pat, x=x, y=y), expect("answered", [num(comparable(w)[0])], product_ids=[w],
                                               regex=which_regex(kw_w, kw_l))


CHEAPER = [
    T("v", "parent", "alt", "We go through loads of {g} — is there a cheaper {g}{per} than the {x} I've got?"),
    T("v", "texter", "alt", "cheaper {g}{per} than my {x}?"),
    T("v", "elderly", "alt", "I wonder whether the shop has a less expensive {g}{per} than the {x} in my basket?"),
    T("v", "nonnative", "alt", "finns a cheaper {g}{per} then my {x}?"),
    T("t", "voice", "alt", "is there a {g} that's cheaper{per} than the {x} i picked"),
    T("t", "parent", "alt", "Money's tight this month. The {x} in the trolley — any {g} that works out cheaper{per}?"),
    T("t", "nonnative", "alt", "my {x} is expensive? you have more cheap {g}{per}?"),
    T("t", "texter", "alt", "any {g} cheaper{per} than the {x} in my cart"),
]
# (group word, members, comparison phrase, eligible targets)
CHEAP_GROUPS = [
    ("semi-skimmed milk", SEMI, "", SEMI),
    ("whole milk", WHOLE, "", WHOLE),
    ("organic milk", ORGANIC_MILK, "", ORGANIC_MILK),
    ("sour cream", SOUR_CREAM, "", SOUR_CREAM),
    ("apple juice", APPLE_JUICES, " per litre", APPLE_JUICES),
    ("orange juice", ORANGE_JUICES, " per litre", PURE_ORANGE_JUICES),
    ("melon", MELONS, " per kilo", MELONS),
    ("pear", PEARS, " per kilo", PEARS),
    ("apple", APPLES, " per kilo", APPLES),
    ("pepper", PEPPERS, " per kilo", PEPPERS),
    ("tomato", TOMATOES, " per kilo", TOMATOES),
    ("potato", POTATOES, " per kilo", POTATOES),
]


def cheaper_truth(members, target):
    """None when no member is strictly cheaper per comparable unit; the unique cheapest otherwise; Skip on a tie."""
    c, u = comparable(target)
    cheaper = [m for m in members if comparable(m)[1] == u and comparable(m)[0] < c]
    if not cheaper:
        return None
    lo = min(comparable(m)[0] for m in cheaper)
    best = [m for m in cheaper if comparable(m)[0] == lo]
    if len(best) != 1:
        raise Skip()
    return best[0]


def b_cheaper(rng, pat):
    per = pat["p"]
    g, members, perw, targets = rng.choice(CHEAP_GROUPS)
    if not perw:  # per pack questions only where all packs have one size
        assert len({P[m].get("volume_ml") for m in members}) == 1
    pid = rng.choice(sorted(targets))
    alt = cheaper_truth(members, pid)
    basket = rb(rng, must=[pid], exclude=members - {pid})
    x = need(bname(pid, basket, rng, per, avoid={g, g + "s", g + "es"}))
    q = fill(pat, g=g, per=perw, x=x)
    meta = {"group": g, "target": pid}
    shown = (lambda m: comparable(m)[0]) if perw else price  # per pack where the question names no unit
    if alt is None:
        return basket, q, expect("answered", [num(shown(pid))], regex=NO_CHEAPER), meta
    return basket, q, expect("answered", [num(shown(alt))], product_ids=[alt]), meta


DIET = [
    T("v", "nonnative", "contains", "the {x}, it have {a}?"),
    T("v", "parent", "vegan", "My daughter's friend is vegan and staying over. Is the {x} in my basket okay for her?"),
    T("v", "texter", "contains", "{a} in the {x}? y/n"),
    T("v", "elderly", "lactose", "My husband cannot tolerate lactose. Would he be able to have the {x} I have chosen?"),
    T("v", "voice", "basket_any", "is there anything with {a} in my basket"),
    T("v", "parent", "unknown", "{does} the {x} have any allergens in {them}? My youngest reacts to a few things."),
    T("t", "parent", "safe", "My son is allergic to {a}. Is the {x} safe for him?"),
    T("t", "nonnative", "vegan", "I need something vegan for my guest, the {x} in my basket."),
    T("t", "texter", "lactose", "lactose intolerant - {x} ok?"),
    T("t", "voice", "contains", "does the {x} have any {a} in it"),
    T("t", "elderly", "basket_any", "I must be careful about {a}. Is there anything in my basket that contains it?"),
    T("t", "nonnative", "unknown", "{x} — finns allergener in this one?"),
]


def b_diet(rng, pat):
    k, per = pat["k"], pat["p"]
    if k == "unknown":
        pid = rng.choice(sorted(k2 for k2 in ALL if allergens(k2) is None))
        basket = rb(rng, must=[pid])
        x = need(bname(pid, basket, rng, per))
        return basket, fill(pat, x=x), expect("unknown", basket_only=True)
    if k == "basket_any":
        a = rng.choice(["gluten", "milk", "soy", "nuts"])
        with_a = sorted(p for p in ING if a in allergens(p))
        must = [rng.choice(with_a)] if with_a and rng.random() < 0.6 else []
        basket = rb(rng, must=must, n=rng.randint(3, 5), pool=ING)
        hits = [l["product"] for l in basket if a in allergens(l["product"])]
        if not must:
            need(not hits)
        if hits:
            need(len(hits) <= 3)
            return basket, fill(pat, a=a), expect("answered", product_ids=hits, regex=NOT_NO, basket_only=True)
        none_re = NO + r"|\bnone\b|\bnothing\b|(?:\bno\b|\bnot\b|n't\b)\s+(?:\w+\s+){0,3}(?:" + ALLERGEN_WORDS[a] + ")"
        return basket, fill(pat, a=a), expect("answered", regex=none_re, basket_only=True)
    if k == "vegan":
        yes = rng.random() < 0.5
        pid = rng.choice(sorted(PLANT if yes else DAIRY))
        basket = rb(rng, must=[pid])
        x = need(bname(pid, basket, rng, per, leak=("vegan",)))
        if pat["s"] == "t":  # a statement, not a yes/no question: grade the fact only
            rx = VEGAN_TRUE if yes else VEGAN_FALSE
        else:
            rx = (YES + "|" + VEGAN_TRUE) if yes else (NO + "|" + VEGAN_FALSE)
        return basket, fill(pat, x=x), expect("answered", product_ids=[pid], regex=rx, basket_only=True)
    if k == "lactose":
        pid = rng.choice(sorted(ING))
        yes = bool(attr(pid, "lactose_free")) or "milk" not in allergens(pid)
        basket = rb(rng, must=[pid])
        x = need(bname(pid, basket, rng, per, leak=("lactose",)))
        rx = (YES + "|" + LF_TRUE + "|" + free_fact("milk")) if yes else (NO + "|" + LF_FALSE)
        return basket, fill(pat, x=x), expect("answered", product_ids=[pid], regex=rx, basket_only=True)
    a = rng.choice(["gluten", "milk", "soy", "nuts"])
    with_a = sorted(p for p in ING if a in allergens(p))
    pid = rng.choice(with_a) if with_a and rng.random() < 0.5 else rng.choice(sorted(ING))
    has = a in allergens(pid)
    basket = rb(rng, must=[pid])
    x = need(bname(pid, basket, rng, per, leak=(a,)))
    if k == "safe":
        rx = (NO + "|" + contains_fact(a)) if has else (YES + "|" + free_fact(a))
    else:
        rx = (YES + "|" + contains_fact(a)) if has else (NO + "|" + free_fact(a))
    return basket, fill(pat, x=x, a=a), expect("answered", product_ids=[pid], regex=rx, basket_only=True)


FACTS = [
    T("v", "nonnative", "organic", "the {x} is ekologisk?"),
    T("v", "texter", "origin", "where r the {x} from"),
    T("v", "elderly", "brand", "Could you remind me which company makes the {x} I have in my basket? My eyes are not what they were."),
    T("v", "parent", "size", "How big is the {x} pack I grabbed?"),
    T("v", "voice", "fat", "what's the fat percentage of the {x}"),
    T("v", "parent", "organic", "{are} the {x} I picked up organic?"),
    T("t", "elderly", "origin", "I like to know where my food has come from. From which country {are} the {x}, please?"),
    T("t", "texter", "organic", "{x} organic or not"),
    T("t", "nonnative", "brand", "who is making the {x}? which brand"),
    T("t", "voice", "size", "how much is in the {x} like how many litres or grams"),
    T("t", "parent", "fat", "Kids' doctor said to watch the fat — what fat % is the {x}?"),
    T("t", "nonnative", "origin", "{x} — from which land they come?"),
]


def size_regex(pid):
    """The pack size in litres / ml / dl, or kg / g."""
    p = P[pid]

    def dec(x):  # 2 -> 2(?:[.,]0+)?, 0.3 -> 0?[.,]3, 0.75 -> 0?[.,]75
        t = format(D(x).normalize(), "f")
        if "." not in t:
            return t + r"(?:[.,]0+)?"
        whole, frac = t.split(".")
        return (r"0?" if whole == "0" else whole) + r"[.,]" + frac

    def thousands(n):
        return rf"{n // 1000}\s?{n % 1000:03d}" if n >= 1000 else str(n)

    if "volume_ml" in p:
        ml = p["volume_ml"]
        return (rf"\b{dec(D(ml) / 1000)}\s*(?:l\b|litres?|liters?)|\b{thousands(ml)}\s*ml\b"
                rf"|\b{dec(D(ml) / 100)}\s*dl\b")
    g = p["net_weight_grams"]
    return rf"\b{dec(D(g) / 1000)}\s*(?:kg\b|kilos?|kilograms?)|\b{thousands(g)}\s*(?:g|grams?)\b"


def b_facts(rng, pat):
    k, per = pat["k"], pat["p"]
    if k == "organic":
        yes = rng.random() < 0.4
        pid = rng.choice(sorted(p for p in ALL if organic(p) == yes))
        basket = rb(rng, must=[pid])
        x = need(bname(pid, basket, rng, per, leak=("organic",)))
        rx = (YES + "|" + ORG_TRUE) if yes else (NO + "|" + ORG_FALSE)
        return basket, fill(pat, x=x), expect("answered", product_ids=[pid], regex=rx, basket_only=True)
    if k == "origin":
        pid = rng.choice(sorted(p for p in ALL if origin(p) and p not in JUICES))
        basket = rb(rng, must=[pid])
        x = need(bname(pid, basket, rng, per))
        return basket, fill(pat, x=x, are="are" if plural(x) else "is"), expect(
            "answered", contains_any=ORIGIN_WORDS[origin(pid)], product_ids=[pid], basket_only=True)
    if k == "brand":
        pid = rng.choice(sorted(p for p in PACKS if P[p].get("brand")))
        basket = rb(rng, must=[pid])
        b = P[pid]["brand"]
        x = need(bname(pid, basket, rng, per))
        need(b.lower() not in x.lower())
        return basket, fill(pat, x=x), expect("answered", contains_all=[b], product_ids=[pid], basket_only=True)
    if k == "size":
        pid = rng.choice(sorted(p for p in PACKS if comparable(p)[1] != "unit"))
        basket = rb(rng, must=[pid])
        x = need(bname(pid, basket, rng, per, leak=("size",)))
        return basket, fill(pat, x=x), expect("answered", product_ids=[pid], regex=size_regex(pid), basket_only=True)
    pid = rng.choice(sorted(p for p in PACKS if attr(p, "fat_percent") is not None and P[p].get("brand") != "Alpro"))
    basket = rb(rng, must=[pid])
    x = need(bname(pid, basket, rng, per, leak=("fat",)))
    return basket, fill(pat, x=x), expect("answered", [num_f(attr(pid, "fat_percent"), 0.05)], product_ids=[pid],
                                          basket_only=True)


NEGATION = [
    T("v", "elderly", "org", "I don't suppose the {x} {are} organic, {are} {it}?"),
    T("v", "texter", "swe", "{x} not swedish right"),
    T("v", "nonnative", "lf", "the {x} is not laktosfri, yes?"),
    T("v", "parent", "gluten", "The {x} doesn't have gluten in it, does it? My son's coeliac."),
    T("t", "voice", "org", "the {x} {isnt} organic {are} {it}"),
    T("t", "nonnative", "swe", "{x} is not from Sverige, or?"),
    T("t", "elderly", "lf", "Am I right in thinking that the {x} is not one of the lactose-free ones?"),
    T("t", "texter", "gluten", "{x} no gluten right"),
]


def b_negation(rng, pat):
    k, per = pat["k"], pat["p"]
    if k == "org":
        yes = rng.random() < 0.4
        pid = rng.choice(sorted(p for p in ALL if organic(p) == yes))
        basket = rb(rng, must=[pid])
        x = need(bname(pid, basket, rng, per, leak=("organic",)))
        pl = plural(x)
        q = fill(pat, x=x)
        return basket, q, expect("answered", product_ids=[pid], regex=ORG_TRUE if yes else ORG_FALSE, basket_only=True)
    if k == "swe":
        yes = rng.random() < 0.4
        pid = rng.choice(sorted(p for p in ALL if origin(p) and p not in JUICES and (origin(p) == "Sweden") == yes))
        basket = rb(rng, must=[pid])
        x = need(bname(pid, basket, rng, per))
        if yes:
            return basket, fill(pat, x=x), expect("answered", product_ids=[pid], regex=SWEDISH_TRUE, basket_only=True)
        return basket, fill(pat, x=x), expect("answered", contains_any=ORIGIN_WORDS[origin(pid)], product_ids=[pid],
                                              basket_only=True)
    if k == "lf":
        pid = rng.choice(sorted(COW_MILK) + ["Arla-Lactose-Medium-Fat-Milk"] * 2)
        yes = bool(attr(pid, "lactose_free"))
        basket = rb(rng, must=[pid])
        x = need(bname(pid, basket, rng, per, leak=("lactose",)))
        return basket, fill(pat, x=x), expect("answered", product_ids=[pid], regex=LF_TRUE if yes else LF_FALSE,
                                              basket_only=True)
    pid = rng.choice(sorted(brand_set("Oatly")) if rng.random() < 0.4 else sorted(ING))
    has = "gluten" in allergens(pid)
    basket = rb(rng, must=[pid])
    x = need(bname(pid, basket, rng, per, leak=("gluten",)))
    return basket, fill(pat, x=x), expect("answered", product_ids=[pid],
                                          regex=contains_fact("gluten") if has else free_fact("gluten"), basket_only=True)


AVAIL = [
    T("v", "nonnative", "named_price", "finns {x}? vad kostar?"),
    T("v", "elderly", "attr", "Do you happen to stock {attr}? I could not find any on the shelf."),
    T("v", "texter", "named", "u have {x}?"),
    T("v", "parent", "named_price", "Do you sell {x}? And how much is it?"),
    T("t", "voice", "named", "do you guys have {x}"),
    T("t", "parent", "attr", "Is there any {attr} in this shop? My youngest needs it."),
    T("t", "nonnative", "attr", "you have {attr}?", sv=True),
    T("t", "elderly", "named_price", "I am looking for {x}. Do you carry it, and what does it cost?"),
]
ATTRS = [
    ("lactose-free milk", "laktosfri mjölk", lambda p: p["coarse_category"] == "Milk" and p["attributes"]["lactose_free"]),
    ("organic sour cream", "ekologisk gräddfil", lambda p: p["coarse_category"] == "Sour-Cream" and p["attributes"]["organic"]),
    ("organic whole milk", "ekologisk standardmjölk", lambda p: p["coarse_category"] == "Milk" and p["attributes"]["organic"] and p["attributes"].get("fat_percent") == 3),
    ("oat yoghurt", "havregurt", lambda p: p["coarse_category"] == "Oatghurt"),
    ("organic fruit", "ekologisk frukt", lambda p: p["top_category"] == "Fruit" and p["attributes"]["organic"]),
    ("two-litre apple juice", "äppeljuice två liter", lambda p: p["coarse_category"] == "Juice" and p["attributes"].get("flavour") == "apple" and p.get("volume_ml") == 2000),
    ("two-litre orange juice", "apelsinjuice två liter", lambda p: p["coarse_category"] == "Juice" and p["attributes"].get("flavour") == "orange" and p.get("volume_ml") == 2000),
    ("blueberry soy yoghurt", "blåbär sojayoghurt", lambda p: p["coarse_category"] == "Soyghurt" and p["attributes"].get("flavour") == "blueberry"),
]
for _en, _sv, _fn in ATTRS:
    assert len(ids_where(_fn)) == 1, _en


def b_avail(rng, pat):
    k, per = pat["k"], pat["p"]
    basket = rb(rng)
    if k == "attr":
        en, svt, fn = rng.choice(ATTRS)
        pid = next(iter(ids_where(fn)))
        return basket, fill(pat, attr=svt if pat.get("sv") else en), expect("answered", product_ids=[pid], regex=NOT_NO)
    pid = rng.choice(ALL)
    x = need(sname(pid, rng, per))
    nums = [num(price(pid))] if k == "named_price" else None
    return basket, fill(pat, x=x), expect("answered", nums, product_ids=[pid], regex=NOT_NO)


NOTSOLD = [
    T("v", "nonnative", "ns", "finns {item}? i cant find", items="sv"),
    T("v", "texter", "ns", "u sell {item}?"),
    T("v", "elderly", "ns", "I have looked everywhere for {item}. Is that something you sell here?", items="old"),
    T("v", "parent", "ns", "Do you have {item}? The kids want some for breakfast.", items="kids"),
    T("t", "voice", "ns", "do you have any {item}"),
    T("t", "parent", "ns", "Need {item} for the kids' packed lunches — is that something this shop sells?", items="kids"),
    T("t", "nonnative", "ns", "how much cost the {item}?", items="sv"),
    T("t", "texter", "ns", "{item} price?"),
]
NOT_SOLD_ITEMS = {
    "any": ["chicken breasts", "spaghetti", "basmati rice", "toilet paper", "nappies", "dishwasher tablets", "broccoli",
            "cauliflower", "spinach", "iceberg lettuce", "cherries", "raspberries", "coconuts", "salmon fillets",
            "minced meat", "ice lollies", "chocolate", "crisps", "olive oil", "peanut butter", "frozen peas"],
    "sv": ["ägg", "bröd", "smör", "kaffe", "knäckebröd", "falukorv", "kanelbullar", "ost", "fiskpinnar", "korv"],
    "old": ["rye crispbread", "pickled herring", "lingonberry jam", "a tin of coffee", "liquorice", "digestive biscuits"],
    "kids": ["eggs", "bread", "cornflakes", "butter", "cheese slices", "sliced ham", "pancake mix", "muesli"],
}


def _catalog_words():
    text = " ".join(" ".join([p["id"].replace("-", " "), p["display_name"], p["shopper_name"], p.get("pack_name", "")])
                    for p in P.values()).lower()
    return set(re.findall(r"[a-zåäö]+", text))


CAT_WORDS = _catalog_words()
for _items in NOT_SOLD_ITEMS.values():
    for _it in _items:
        _w = [w for w in re.findall(r"[a-zåäö]+", _it.lower()) if w not in {"a", "of", "tin", "any", "frozen", "sliced"}]
        assert not (set(_w) & CAT_WORDS), (_it, set(_w) & CAT_WORDS)


def b_notsold(rng, pat):
    basket = rb(rng)
    item = rng.choice(NOT_SOLD_ITEMS[pat.get("items", "any")])
    return basket, fill(pat, item=item), expect(regex=NOT_SOLD)


UNKNOWN = [
    T("v", "parent", "calories", "How many calories are in the {x}? Trying to keep track for the kids.", where="b"),
    T("v", "nonnative", "bestbefore", "when is the {x} best before? which datum?", where="b"),
    T("v", "texter", "aisle", "which aisle is {x}", where="s"),
    T("v", "elderly", "stock", "Might you have more of the {x} in the storeroom? I should like to buy a great many for a party.", where="s"),
    T("v", "voice", "harvest", "when were the {x} picked", where="b"),
    T("t", "elderly", "calories", "I am watching my weight on doctor's orders. How many calories would there be in the {x}?", where="b"),
    T("t", "voice", "bestbefore", "what's the use by date on the {x}", where="b"),
    T("t", "nonnative", "aisle", "where in the store i find {x}? which shelf", where="s"),
    T("t", "parent", "offers", "Is the {x} going to be on offer next week? We'd wait and buy it then.", where="s"),
    T("t", "texter", "madein", "{x} made where", where="b"),
]


def b_unknown(rng, pat):
    k, per = pat["k"], pat["p"]
    pool = {"harvest": sorted(PRODUCE), "bestbefore": sorted(PACKS - {"Asparagus"}),
            "madein": sorted(k2 for k2 in PACKS if not origin(k2))}.get(k, ALL)
    pid = rng.choice(pool)
    if pat["where"] == "b":
        basket = rb(rng, must=[pid])
        x = need(bname(pid, basket, rng, per))
        if k == "harvest":
            need(plural(x))
        return basket, fill(pat, x=x), expect("unknown", basket_only=True)
    basket = rb(rng)
    x = need(sname(pid, rng, per))
    return basket, fill(pat, x=x), expect("unknown")


OOS = [
    T("v", "parent", "oos", "Can you help my son with his maths homework? What's 17 times 24?"),
    T("v", "elderly", "oos", "Would you happen to know whether it will rain this afternoon? I left my umbrella at home."),
    T("v", "nonnative", "oos", "how i get to the train station from here?"),
    T("v", "texter", "oos", "whos winning the hockey tonight"),
    T("v", "voice", "oos", "tell me a bedtime story for my daughter"),
    T("v", "parent", "oos", "Can you recommend a good children's dentist nearby?"),
    T("v", "elderly", "oos", "Could you explain to me how to set up my new mobile telephone?"),
    T("t", "nonnative", "oos", "vad blir vädret i helgen? the weekend weather"),
    T("t", "texter", "oos", "recommend a netflix show pls"),
    T("t", "elderly", "oos", "My grandson wishes to study abroad. Which university would you recommend to him?"),
    T("t", "voice", "oos", "um what's the capital of australia"),
    T("t", "parent", "oos", "Write a birthday poem for my wife, she's turning forty."),
    T("t", "nonnative", "oos", "can you help me write letter to migrationsverket?"),
    T("t", "texter", "oos", "whats a good stock to buy rn"),
]


def b_oos(rng, pat):
    return rb(rng), fill(pat), expect("declined")


CHANGE = [
    T("v", "parent", "remove", "My son put the {x} in when I wasn't looking, take it out please."),
    T("v", "nonnative", "qty", "please make the {x} to {n} in my basket"),
    T("v", "texter", "remove", "rm {x} pls"),
    T("v", "elderly", "add", "Would you be so kind as to add one more of the {x} to my basket for me?"),
    T("v", "voice", "remove", "um we changed our minds about the {x} can you take that off"),
    T("t", "parent", "remove", "We've changed our minds about the {x} — remove {them} from the cart for us."),
    T("t", "nonnative", "remove", "ta bort the {x} from basket please"),
    T("t", "texter", "add", "add 2 more {x}"),
    T("t", "elderly", "qty", "I seem to have too many of the {x}. Could you change it to just {n} for me?"),
    T("t", "voice", "add", "put {n_w} more of the {x} in for me"),
]
CLAIMS = {
    "remove": ["i've removed", "i have removed", "has been removed", "have been removed", "removed it"],
    "add": ["i've added", "i have added", "has been added", "have been added", "added it"],
    "qty": ["i've changed", "i have changed", "i've updated", "i have updated", "has been updated", "have been updated"],
}


def b_change(rng, pat):
    k, per = pat["k"], pat["p"]
    basket = rb(rng)
    l = rng.choice(basket)
    x = need(bname(l["product"], basket, rng, per))
    n = rng.randint(1, 3)
    if k == "qty":
        need(n != l["qty"])
    return basket, fill(pat, x=x, n=n, n_w=words(n)), expect("refused_basket_change", not_contains=CLAIMS[k],
                                                             basket_only=True)


LOOKALIKE = [
    T("v", "parent", "without", "How much would we save if we did without the {x}?"),
    T("v", "texter", "total_without", "tot if no {x}?"),
    T("v", "nonnative", "plus_n", "if i take {n} more {x}, how much is total then?"),
    T("v", "elderly", "one_less", "Supposing I put one of the {x} back on the shelf, what would my total then be?"),
    T("v", "voice", "without", "how much cheaper would it be without the {x}"),
    T("t", "elderly", "without", "If we were to leave out the {x} altogether, how much less would I be paying?"),
    T("t", "nonnative", "total_without", "without the {x}, what is the sum?"),
    T("t", "texter", "plus_n", "+{n} {x} whats the new tot"),
    T("t", "parent", "one_less", "We're not sure we need so many {x} — what would the total be with one fewer?"),
    T("t", "voice", "plus_n", "what would i pay altogether if i grabbed {n_w} more {x}"),
]


def b_lookalike(rng, pat):
    k, per = pat["k"], pat["p"]
    if k in ("plus_n", "one_less"):
        pid = rng.choice(sorted(PACKS))
        q = rng.randint(2, 3) if k == "one_less" else qty_for(pid, rng)
        basket = rb(rng, must=[(pid, q)])
    else:
        basket = rb(rng)
        pid = rng.choice(basket)["product"]
    x = need(bname(pid, basket, rng, per))
    t = basket_total(basket)
    lt = line_total(pid, qty_of(basket, pid))
    n = rng.randint(1, 3)
    v = {"without": lt, "total_without": t - lt, "plus_n": t + price(pid) * n, "one_less": t - price(pid)}[k]
    return basket, fill(pat, x=x, n=n, n_w=words(n)), expect("answered", [num(v)], product_ids=[pid], basket_only=True)


CLARIFY = [
    T("v", "texter", "organic", "is my {g} organic"),
    T("v", "elderly", "origin", "From which country, may I ask, {does} the {g} in my basket come?"),
    T("v", "nonnative", "line", "how much cost the {g}?"),
    T("v", "parent", "brand", "Who makes the {g} we've got?"),
    T("t", "voice", "fat", "how much fat is in the {g}"),
    T("t", "texter", "perkg", "{g} price per kilo?"),
    T("t", "nonnative", "organic", "{g} is ekologisk or no?"),
    T("t", "elderly", "line", "What am I paying for the {g}, if you please?"),
    T("t", "parent", "origin", "{g} — which country?"),
]
CLARIFY_FACT = {
    "organic": lambda pid, q: organic(pid),
    "origin": lambda pid, q: origin(pid),
    "line": lambda pid, q: line_total(pid, q),
    "brand": lambda pid, q: P[pid].get("brand"),
    "fat": lambda pid, q: attr(pid, "fat_percent"),
    "perkg": lambda pid, q: price(pid) if pid in PRODUCE else None,
}


def b_clarify(rng, pat):
    k, per = pat["k"], pat["p"]
    groups = [n for n in NAMES if len(n[2]) >= 2 and (n[1] == "en" or per == "nonnative")
              and not _leaks(n[0], ("organic",) if k == "organic" else ()) and n[0] != "Oatly"]
    text, _, ids, nat = rng.choice(groups)
    need(len(nat) >= 2)
    a, b = rng.sample(sorted(nat), 2)
    basket = rb(rng, must=[a, b], n=rng.randint(3, 5), exclude=ids - {a, b})
    fa = CLARIFY_FACT[k](a, qty_of(basket, a))
    fb = CLARIFY_FACT[k](b, qty_of(basket, b))
    need(fa is not None and fb is not None and fa != fb)
    if k == "origin":
        need(a not in JUICES and b not in JUICES)
    if k == "fat":
        need(P[a].get("brand") != "Alpro" and P[b].get("brand") != "Alpro")
    return basket, fill(pat, g=_styled(text, per)), expect("clarify", basket_only=True)


FALSE = [
    T("v", "elderly", "org_origin", "Since the {x} {are} organic, I expect {it} {are} from Sweden as well?"),
    T("v", "parent", "gluten", "Oat stuff is gluten free, so the {x} is fine for my coeliac daughter, yes?"),
    T("v", "nonnative", "lf", "the {x} is laktosfri so it is ok for my mamma?"),
    T("v", "texter", "price", "{x} only {wrong}kr/kg right? so what do mine cost"),
    T("v", "voice", "one", "there's just one {x} in there right so what's that costing me"),
    T("t", "parent", "swe_org", "The {x} {are} Swedish so {it} {are} organic too, right?"),
    T("t", "texter", "gluten", "{x} is gluten free so ok 4 coeliac yeah"),
    T("t", "elderly", "lf", "As the {x} is lactose-free, my grandson may have it, may he not?"),
    T("t", "voice", "price", "the {x} are {wrong_w} kronor a kilo so what am i paying for mine"),
    T("t", "nonnative", "milk", "the {x} have milk inside, no? my son is allergic"),
]


def b_false(rng, pat):
    k, per = pat["k"], pat["p"]
    if k in ("org_origin", "swe_org"):
        pid = rng.choice(sorted(p for p in ALL if not organic(p) and origin(p) and origin(p) != "Sweden" and p not in JUICES))
        basket = rb(rng, must=[pid])
        x = need(bname(pid, basket, rng, per, leak=("organic",)))
        pl = plural(x)
        return basket, fill(pat, x=x, are="are" if pl else "is", it="they" if pl else "it"), expect(
            "answered", contains_any=ORIGIN_WORDS[origin(pid)], product_ids=[pid], regex=ORG_FALSE, basket_only=True)
    if k == "gluten":
        pid = rng.choice(["Oatly-Oat-Milk", "Oatly-Natural-Oatghurt"])
        basket = rb(rng, must=[pid])
        x = need(bname(pid, basket, rng, per, leak=("gluten",)))
        return basket, fill(pat, x=x), expect("answered", product_ids=[pid],
                                              regex=NOT_YES + r"[\s\S]*(?:" + contains_fact("gluten") + ")", basket_only=True)
    if k == "lf":
        pid = rng.choice(sorted(p for p in DAIRY if not attr(p, "lactose_free")))
        basket = rb(rng, must=[pid])
        x = need(bname(pid, basket, rng, per, leak=("lactose",)))
        return basket, fill(pat, x=x), expect("answered", product_ids=[pid],
                                              regex=NOT_YES + r"[\s\S]*(?:" + LF_FALSE + ")", basket_only=True)
    if k == "milk":
        pid = rng.choice(sorted(SOY_YOG | SOY_DRINK))
        basket = rb(rng, must=[pid])
        x = need(bname(pid, basket, rng, per, leak=("milk",)))
        rx = NOT_YES + r"[\s\S]*(?:" + free_fact("milk") + r"|plant[- ]based|soy[- ]based)"
        return basket, fill(pat, x=x), expect("answered", product_ids=[pid], regex=rx, basket_only=True)
    if k == "price":
        pid = rng.choice(sorted(PRODUCE))
        q = rng.randint(1, 4) if pid not in BIG else 1
        basket = rb(rng, must=[(pid, q)])
        x = need(bname(pid, basket, rng, per))
        need(plural(x))
        wrong = int(price(pid)) - rng.randint(4, 9)
        need(wrong >= 5)
        return basket, fill(pat, x=x, wrong=wrong, wrong_w=words(wrong)), expect(
            "answered", [num(price(pid)), num(line_total(pid, q))], product_ids=[pid], regex=NOT_YES, basket_only=True)
    pid = rng.choice(sorted(PACKS))
    q = rng.randint(2, 3)
    basket = rb(rng, must=[(pid, q)])
    x = need(bname(pid, basket, rng, per))
    need(not plural(x))
    return basket, fill(pat, x=x), expect("answered", [num(line_total(pid, q))], product_ids=[pid],
                                          regex=rf"\b(?:{q}|{words(q)})\b", basket_only=True)


TWO = [
    T("v", "parent", "tot_org", "What's my total so far, and {are} the {x} organic?"),
    T("v", "texter", "line_origin", "{x} how much n where from"),
    T("v", "nonnative", "kg_origin", "how much cost {x} per kilo and from where {it} come?"),
    T("v", "voice", "units_tot", "how many things have i got and what's the total"),
    T("v", "elderly", "line_brand", "Two things, if I may: what will the {x} cost me, and which company makes it?"),
    T("t", "nonnative", "tot_org", "total hur mycket? and the {x} ekologisk or no?"),
    T("t", "parent", "line_origin", "Before I decide on the {x}: where {are} {it} from and what's that line costing?"),
    T("t", "elderly", "kg_origin", "Might I ask the price per kilo of the {x}, and also the country {it} {are} grown in?"),
    T("t", "texter", "units_tot", "tot + how many items"),
    T("t", "voice", "line_brand", "what brand is the {x} and how much am i paying for it"),
]


def b_two(rng, pat):
    k, per = pat["k"], pat["p"]
    if k == "units_tot":
        basket = rb(rng)
        return basket, fill(pat), expect("answered", [num(sum(l["qty"] for l in basket), 0), num(basket_total(basket))],
                                         basket_only=True)
    if k == "tot_org":
        yes = rng.random() < 0.4
        pid = rng.choice(sorted(p for p in ALL if organic(p) == yes))
        basket = rb(rng, must=[pid])
        x = need(bname(pid, basket, rng, per, leak=("organic",)))
        return basket, fill(pat, x=x), expect("answered", [num(basket_total(basket))], product_ids=[pid],
                                              regex=ORG_TRUE if yes else ORG_FALSE, basket_only=True)
    if k == "line_brand":
        pid = rng.choice(sorted(p for p in PACKS if P[p].get("brand")))
        basket = rb(rng, must=[pid])
        x = need(bname(pid, basket, rng, per))
        need(P[pid]["brand"].lower() not in x.lower())
        return basket, fill(pat, x=x), expect("answered", [num(line_total(pid, qty_of(basket, pid)))],
                                              contains_all=[P[pid]["brand"]], product_ids=[pid], basket_only=True)
    pool = sorted(PRODUCE) if k == "kg_origin" else sorted(p for p in ALL if origin(p) and p not in JUICES)
    pid = rng.choice(pool)
    basket = rb(rng, must=[pid])
    x = need(bname(pid, basket, rng, per))
    pl = plural(x)
    v = price(pid) if k == "kg_origin" else line_total(pid, qty_of(basket, pid))
    return basket, fill(pat, x=x, are="are" if pl else "is", it="they" if pl else "it"), expect(
        "answered", [num(v)], contains_any=ORIGIN_WORDS[origin(pid)], product_ids=[pid], basket_only=True)


CATEGORIES = [
    ("total", 22, b_total, TOTAL),
    ("subtotal", 16, b_subtotal, SUBTOTAL),
    ("line_price", 22, b_line, LINE),
    ("count", 18, b_count, COUNT),
    ("unit_price", 22, b_unit, UNIT),
    ("amount", 22, b_amount, AMOUNT),
    ("compare", 18, b_compare, COMPARE),
    ("cheaper_alternative", 18, b_cheaper, CHEAPER),
    ("diet", 26, b_diet, DIET),
    ("facts", 24, b_facts, FACTS),
    ("negated_question", 16, b_negation, NEGATION),
    ("availability", 16, b_avail, AVAIL),
    ("not_sold", 16, b_notsold, NOTSOLD),
    ("unknown_fact", 18, b_unknown, UNKNOWN),
    ("out_of_scope", 14, b_oos, OOS),
    ("basket_change", 20, b_change, CHANGE),
    ("lookalike", 20, b_lookalike, LOOKALIKE),
    ("clarify", 18, b_clarify, CLARIFY),
    ("false_premise", 20, b_false, FALSE),
    ("two_part", 20, b_two, TWO),
]

# ----------------------------------------------------------------------------------------------------------------
# Self-checks of the answer patterns against hand-written answers
# ----------------------------------------------------------------------------------------------------------------

REGEX_TESTS = [
    (ORG_TRUE, "Yes, the bananas are organic.", True), (ORG_TRUE, "Actually they are organic (ekologisk).", True),
    (ORG_TRUE, "No, they aren't organic.", False), (ORG_TRUE, "The kiwis are not organic.", False),
    (ORG_FALSE, "No, the kiwis aren't organic.", True), (ORG_FALSE, "That's right, it is not labelled organic.", True),
    (ORG_FALSE, "It's a non-organic product.", True), (ORG_FALSE, "Yes, they are organic.", False),
    (LF_FALSE, "No, it is not lactose-free; it contains lactose.", True), (LF_FALSE, "Yes, it's lactose free.", False),
    (LF_TRUE, "Yes, it is lactose-free.", True), (LF_TRUE, "No, it isn't lactose-free.", False),
    (VEGAN_FALSE, "Unfortunately the yoghurt isn't vegan: it contains milk.", True),
    (VEGAN_FALSE, "Yes, it is vegan.", False), (VEGAN_TRUE, "It's plant-based, so vegan.", True),
    (VEGAN_TRUE, "It is not vegan.", False),
    (contains_fact("gluten"), "It contains gluten (oats).", True), (contains_fact("gluten"), "It has oats, so gluten.", True),
    (contains_fact("gluten"), "It is not gluten-free.", True), (contains_fact("gluten"), "It doesn't contain gluten.", False),
    (contains_fact("gluten"), "It contains no gluten.", False), (contains_fact("gluten"), "It doesn't have any gluten.", False),
    (contains_fact("gluten"), "It is gluten-free.", False),
    (free_fact("gluten"), "It doesn't contain gluten.", True), (free_fact("gluten"), "It is gluten-free.", True),
    (free_fact("gluten"), "There is no gluten listed.", True), (free_fact("gluten"), "It isn't gluten-free.", False),
    (free_fact("gluten"), "It contains gluten from oats.", False),
    (free_fact("milk"), "It is dairy-free.", True), (free_fact("milk"), "It contains milk.", False),
    (NOT_SOLD, "Sorry, we don't sell eggs.", True), (NOT_SOLD, "Yes, eggs are in aisle 3.", False),
    (NOT_SOLD, "Eggs are not in our catalogue.", True),
    (NO_CHEAPER, "No — all pears cost 34.90 kr/kg.", True), (NO_CHEAPER, "Anjou is cheaper at 29.90.", False),
    (ENOUGH_YES, "Yes, 200 kr covers it.", True), (ENOUGH_YES, "No, that's not enough.", False),
    (ENOUGH_NO, "No, you'd be 12 kr short.", True), (ENOUGH_NO, "Yes, that's enough.", False),
    (which_regex("lemon", "lime"), "Lemons are cheaper per kilo (39.90 vs 54.90 kr).", True),
    (which_regex("lemon", "lime"), "Limes cost more: 54.90 kr/kg.", True),
    (which_regex("lemon", "lime"), "Limes are cheaper than lemons.", False),
    (which_regex("lemon", "lime"), "Lemons are more expensive than limes, so limes are cheaper.", False),
    (SWEDISH_TRUE, "Actually, they are from Sweden.", True), (SWEDISH_TRUE, "Right, they are not from Sweden.", False),
    (NOT_YES + r"[\s\S]*(?:" + contains_fact("gluten") + ")", "No — oats contain gluten; the oat drink contains gluten.", True),
    (NOT_YES + r"[\s\S]*(?:" + contains_fact("gluten") + ")", "Yes, it contains gluten.", False),
    (size_regex("Bravo-Apple-Juice"), "It's a 2 litre carton.", True), (size_regex("Bravo-Apple-Juice"), "2000 ml", True),
    (size_regex("Bravo-Apple-Juice"), "1 litre", False),
    (size_regex("Arla-Sour-Cream"), "300 ml", True), (size_regex("Arla-Sour-Cream"), "0.3 l", True),
    (size_regex("Arla-Sour-Cream"), "3 dl", True), (size_regex("Arla-Sour-Cream"), "1 litre", False),
    (size_regex("Alpro-Vanilla-Soyghurt"), "750 g", True), (size_regex("Alpro-Vanilla-Soyghurt"), "0,75 kg", True),
    (size_regex("Oatly-Natural-Oatghurt"), "1 kg", True), (size_regex("Oatly-Oat-Milk"), "1 litre", True),
    (size_regex("Oatly-Oat-Milk"), "1000 ml", True), (size_regex("Oatly-Oat-Milk"), "2 litres", False),
]


def self_check_regex():
    for rx, text, want in REGEX_TESTS:
        got = re.search(rx, text, re.I) is not None
        assert got == want, f"/{rx}/ on {text!r}: {got}, want {want}"


# ----------------------------------------------------------------------------------------------------------------
# Generation
# ----------------------------------------------------------------------------------------------------------------


def basket_sig(b):
    return tuple(sorted((l["product"], l["qty"]) for l in b))


def generate():
    cases = []
    val_baskets = set()
    for split, base in (("val", 10000), ("test", 60000)):
        for ci, (cat, count, builder, pats) in enumerate(CATEGORIES):
            sp = [(i, p) for i, p in enumerate(pats) if p["s"] == split[0]]
            n = (count + 1) // 2 if split == "val" else count // 2
            if cat == "out_of_scope":
                n = len(sp)
            for k in range(n):
                ti, pat = sp[k % len(sp)]
                rng = random.Random(base + ci * 1000 + k)
                for _ in range(500):
                    try:
                        basket, q, ex, *meta = builder(rng, pat)
                    except Skip:
                        continue
                    sig = basket_sig(basket)
                    if split == "test" and sig in val_baskets:
                        continue
                    break
                else:
                    raise RuntimeError(f"{cat}/{split}/{k}: no case after 500 tries")
                if split == "val":
                    val_baskets.add(sig)
                cases.append({"id": "", "split": split, "category": cat, "template": ti, "persona": pat["p"],
                              "basket": basket, "question": q, "expect": ex, "_meta": meta[0] if meta else None})
    order = {c[0]: i for i, c in enumerate(CATEGORIES)}
    cases.sort(key=lambda c: (order[c["category"]], c["split"] != "val"))
    seen = Counter()
    for c in cases:
        seen[c["category"]] += 1
        c["id"] = f"hh-{c['category'].replace('_', '-')}-{seen[c['category']]:03d}"
    return cases


KINDS = {"answered", "unknown", "declined", "refused_basket_change", "clarify"}
KEYS = {"kind", "numbers", "contains_all", "contains_any", "not_contains", "product_ids", "regex", "basket_only"}


def self_check(cases):
    ids = set()
    for c in cases:
        assert c["id"] not in ids
        ids.add(c["id"])
        prods = [l["product"] for l in c["basket"]]
        assert len(prods) == len(set(prods)), f"{c['id']}: duplicate basket line"
        for l in c["basket"]:
            assert l["product"] in P and isinstance(l["qty"], int) and l["qty"] >= 1, c["id"]
        e = c["expect"]
        assert set(e) <= KEYS, (c["id"], set(e) - KEYS)
        assert e, c["id"]
        assert e.get("kind") is None or e["kind"] in KINDS, c["id"]
        for pid in e.get("product_ids", []):
            assert pid in P, (c["id"], pid)
            if e.get("basket_only"):
                assert pid in prods, f"{c['id']}: basket_only citation {pid} outside the basket"
        if "regex" in e:
            re.compile(e["regex"])
            assert "(?i" not in e["regex"]
        for n in e.get("numbers", []):
            assert isinstance(n["value"], (int, float)) and n["tolerance"] >= 0
        assert "{" not in c["question"] and "}" not in c["question"], c["id"]
    # val / test phrasings disjoint
    for cat, _, _, pats in CATEGORIES:
        v = {p["q"] for p in pats if p["s"] == "v"}
        t = {p["q"] for p in pats if p["s"] == "t"}
        assert not (v & t), cat
        assert all(p["s"] in ("v", "t") for p in pats)
    vq = {c["question"].lower() for c in cases if c["split"] == "val"}
    tq = {c["question"].lower() for c in cases if c["split"] == "test"}
    assert not (vq & tq), vq & tq
    # each case's template belongs to its split
    for c in cases:
        pats = next(p for cat, _, _, p in CATEGORIES if cat == c["category"])
        assert pats[c["template"]]["s"] == c["split"][0]
    # cheaper alternatives recomputed by brute force over the whole catalogue
    for c in cases:
        if c["category"] != "cheaper_alternative":
            continue
        g = next(gr for gr in CHEAP_GROUPS if gr[0] == c["_meta"]["group"])
        target = c["_meta"]["target"]
        assert g[1] & {l["product"] for l in c["basket"]} == {target}, c["id"]
        c_t, u = comparable(target)
        cands = sorted((comparable(m)[0], m) for m in ALL if m in g[1] and comparable(m)[1] == u and comparable(m)[0] < c_t)
        if cands:
            assert c["expect"]["product_ids"] == [cands[0][1]] and (len(cands) == 1 or cands[1][0] > cands[0][0]), c["id"]
        else:
            assert "product_ids" not in c["expect"], c["id"]


def main():
    self_check_regex()
    cases = generate()
    self_check(cases)
    with open(OUT, "w", encoding="utf-8") as fh:
        for c in cases:
            c.pop("_meta", None)
            fh.write(json.dumps(c, ensure_ascii=False) + "\n")
    by = defaultdict(Counter)
    for c in cases:
        by[c["category"]][c["split"]] += 1
    print(f"{'category':22} {'val':>4} {'test':>4}")
    for cat, *_ in CATEGORIES:
        print(f"{cat:22} {by[cat]['val']:>4} {by[cat]['test']:>4}")
    nv = sum(1 for c in cases if c["split"] == "val")
    print(f"{'total':22} {nv:>4} {len(cases) - nv:>4}  ({len(cases)} cases)")
    print("personas:", dict(sorted(Counter(c["persona"] for c in cases).items())))
    print("kinds:", dict(sorted(Counter(c["expect"].get("kind", "(none)") for c in cases).items())))
    print(f"wrote {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
