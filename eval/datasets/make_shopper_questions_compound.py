#!/usr/bin/env python3
"""Compound shopper questions: one message that is harder to read than one plain question.

Written by a separate session that read neither the assistant (src/BasketReasoner.Assistant) nor the other question
generators (make_shopper_questions*.py) or their data. It read only catalog/catalog.json, the format part of
eval/datasets/README.md (the first section and the `basket_only` / `clarify` paragraph), the harness graders
(src/BasketReasoner.Eval/Harness/Graders/) and eval/suites/shopper-store.yaml. Every truth below comes from the
catalogue through this file's own code.

Categories (see the README section "shopper-questions-compound.jsonl" for the exact truth rules):
  two_facts            two questions about one basket line ("price and origin of the kiwis?")
  two_lines            one question each about two basket lines, or the total plus one line
  pronoun              a line named first, then asked about with it / they / "the second one" / "the latter"
  self_correction      "how much is the X, sorry i mean the Y": Y is the one asked; X's differing value must not appear
  stated_context       a stated diet / allergy / preference that decides which basket lines are meant
  described_line       a line named only by a description (most expensive, heaviest, the organic one, ...)
  brand_swedish        a line named by brand or Swedish name plus an attribute, next to a sibling line
  ambiguous            a singular word covering exactly two basket lines whose asked fact differs -> kind clarify
  change_or_injection  a basket change hidden in a compound message -> the whole message refused_basket_change

Deterministic (seeded, no clock; val and test baskets from disjoint seed ranges). Python 3 standard library only.
Run from the repository root:
    python3 eval/datasets/make_shopper_questions_compound.py
It writes eval/datasets/shopper-questions-compound.jsonl and prints the counts per category and split.
"""
import json
import os
import random
import re
from collections import Counter
from decimal import Decimal, ROUND_HALF_UP

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "eval", "datasets", "shopper-questions-compound.jsonl")
with open(os.path.join(ROOT, "catalog", "catalog.json"), encoding="utf-8") as f:
    CATALOG = json.load(f)
P = {p["id"]: p for p in CATALOG["products"]}
IDS = [p["id"] for p in CATALOG["products"]]


# ----------------------------------------------------------------------------------------------- catalogue facts
def is_weight(pid):
    return P[pid]["sold_by"] == "Weight"


def is_pack(pid):
    return P[pid]["top_category"] == "Packages"


def allergens(pid):
    a = P[pid].get("allergens")
    return a if isinstance(a, list) else None


def dairy(pid):
    a = allergens(pid)
    return a is not None and "milk" in a


def attr(pid, key):
    return P[pid]["attributes"].get(key)


def origin(pid):
    return attr(pid, "origin")


def fat(pid):
    return attr(pid, "fat_percent")


def amount(pid):
    return Decimal(str(P[pid]["price"]["amount"]))


def line_price(pid, qty):
    """Receipt line without weighings: loose produce at the catalogue unit weight, half-up to öre."""
    if is_weight(pid):
        v = amount(pid) * P[pid]["unit_weight_grams"] * qty / 1000
    else:
        v = amount(pid) * qty
    return v.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def total(basket):
    return sum((line_price(l["product"], l["qty"]) for l in basket), Decimal("0"))


def size_of(pid):
    p = P[pid]
    if p.get("volume_ml"):
        return ("ml", p["volume_ml"])
    if p.get("net_weight_grams"):
        return ("g", p["net_weight_grams"])
    return None


# ------------------------------------------------------------------------------------------------ regex pieces
def _dec(x):
    """Regex for a decimal quantity written 1.5 / 1,5 / 1.50, integers also as 3.0."""
    d = Decimal(str(x)).normalize()
    s = format(d, "f")
    if "." not in s:
        return s + r"(?:[.,]0+)?"
    i, frac = s.split(".")
    return i + "[.,]" + frac + "0*"


def money_re(x):
    s = format(Decimal(str(x)).quantize(Decimal("0.01")), "f")
    i, d = s.split(".")
    if len(i) > 3:
        i = i[:-3] + r"[ ,.\u00a0]?" + i[-3:]
    if d == "00":
        core = i + r"(?:[.,]00?)?"
    elif d[1] == "0":
        core = i + "[.,]" + d[0] + "0?"
    else:
        core = i + "[.,]" + d
    return r"(?<![\d.,])" + core + r"(?!\d)"


def grams_re(g):
    gs = str(g) if g < 1000 else str(g // 1000) + r"[ ,.\u00a0]?" + f"{g % 1000:03d}"
    kg = _dec(Decimal(g) / 1000)
    return r"(?<![\d.,])(?:" + gs + r"\s*(?:grams?\b|gram\b|g\b)|" + kg + r"\s*(?:kg\b|kilos?\b|kilograms?\b))"


def ml_re(ml):
    ms = str(ml) if ml < 1000 else str(ml // 1000) + r"[ ,.\u00a0]?" + f"{ml % 1000:03d}"
    lit = _dec(Decimal(ml) / 1000)
    dl = _dec(Decimal(ml) / 100)
    return (r"(?<![\d.,])(?:" + ms + r"\s*ml\b|" + lit + r"\s*(?:l\b|litres?\b|liters?\b|ltr\b)|" + dl + r"\s*dl\b)")


def size_re(pid):
    kind, v = size_of(pid)
    return ml_re(v) if kind == "ml" else grams_re(v)


def fat_re(f):
    return r"(?<![\d.,])" + _dec(f) + r"\s*(?:%|percent|procent)"


ORIGIN_WORDS = {
    "Sweden": ["sweden", "swedish", "sverige"], "Italy": ["italy", "italian", "italien"],
    "Argentina": ["argentin"], "Peru": ["peru"], "Ecuador": ["ecuador"], "Spain": ["spain", "spanish", "spanien"],
    "Brazil": ["brazil", "brasil"], "Mexico": ["mexic"], "Netherlands": ["netherlands", "holland", "dutch"],
    "Chile": ["chile"], "Colombia": ["colombia"], "Costa Rica": ["costa rica"], "Israel": ["israel"],
    "Denmark": ["denmark", "danish", "danmark"], "Finland": ["finland", "finnish"],
    "Germany": ["germany", "german", "tyskland"], "China": ["china", "chinese", "kina"],
    "Poland": ["poland", "polish", "polen"], "USA": ["usa", "united states", r"\bu\.s\.", r"\bus\b", "america"],
}
COUNTRY_ADJ = {"Sweden": "swedish", "Italy": "italian", "Spain": "spanish", "Peru": "peruvian",
               "Netherlands": "dutch", "Denmark": "danish", "Finland": "finnish", "China": "chinese",
               "Argentina": "argentinian", "Ecuador": "ecuadorian", "Mexico": "mexican", "Brazil": "brazilian",
               "Chile": "chilean", "Colombia": "colombian", "Israel": "israeli", "Germany": "german",
               "Poland": "polish", "USA": "american", "Costa Rica": "costa rican"}


def origin_re(c):
    return "(?:" + "|".join(ORIGIN_WORDS[c]) + ")"


NEG = r"\b(?:not|isn't|isnt|aren't|arent|non|neither)\b"
SENT_NO = r"(?:^|[.!?]\s+)no\b(?!\s+(?:problem|worries))"


def gap(n=None):
    """Up to n characters inside one sentence (a dot between digits, as in "1.5%", does not end it)."""
    return r"(?:[^.!?\n]|\.(?=\d))" + ("*?" if n is None else "{0,%d}" % n)


def none_of(word):
    """ "None of A, B is labelled organic" / "nothing in your basket lists gluten": long names between the words."""
    return r"\b(?:none|nothing)\b" + gap() + word


ORG = r"(?:organic|ecolog|ekolog|\beko\b)"
LF = r"(?:lactose[- ]?free|laktosfri|free (?:of|from) lactose)"
VEG = r"(?:vegan|plant[- ]?based)"
YESNO = {
    ("organic", True): r"(?=.*(?:organic|ecolog|ekolog|\beko\b|\bkrav\b))(?!.*(?:" + NEG + gap(30) + ORG
    + r"|non-?organic))",
    ("organic", False): r"(?=.*(?:" + NEG + gap(40) + ORG + r"|\bno\b" + gap(15) + ORG + "|" + none_of(ORG)
    + r"|non-?organic|\bconventional|" + SENT_NO + "))",
    ("lactose", True): r"(?=.*(?:lactose[- ]?free|laktosfri|no lactose|without lactose|free (?:of|from) lactose))"
    r"(?!.*(?:" + NEG + gap(30) + LF + r"|contains lactose))",
    ("lactose", False): r"(?=.*(?:" + NEG + gap(40) + LF + "|" + none_of(LF)
    + r"|contains (?:lactose|milk)|has lactose|with lactose|lactose-containing|regular (?:milk|dairy)))",
    ("vegan", True): r"(?=.*(?:vegan|plant[- ]?based|dairy[- ]free|non-dairy))(?!.*" + NEG + gap(30) + VEG + ")",
    ("vegan", False): r"(?=.*(?:" + NEG + gap(40) + VEG + r"|\bno\b" + gap(10) + r"(?:vegan|plant)|" + none_of(VEG)
    + r"|contains (?:milk|dairy)|(?:made|comes) (?:from|with) (?:cow'?s? )?milk|\bdairy\b|animal|" + SENT_NO + "))",
}
ALLERGEN_WORD = {"gluten": "gluten", "soy": "(?:soy|soja)", "milk": "(?:milk|dairy)"}
ALLERGEN_NO_WORD = {"gluten": "gluten", "soy": "(?:soy|soja)", "milk": "(?:milk|dairy|lactose)"}
ANEG = r"\b(?:no|not|doesn't|doesnt|does not|free of|without|isn't|none)\b"


def allergen_re(a, present):
    if present:
        w = ALLERGEN_WORD[a]
        return r"(?=.*" + w + r")(?!.*(?:" + ANEG + gap(30) + w + "|" + w + r"[- ]free))"
    w = ALLERGEN_NO_WORD[a]
    return r"(?=.*(?:" + ANEG + gap(60) + w + "|" + none_of(w) + "|" + w + r"[- ]free|" + SENT_NO + "))"


def brand_re(b):
    return "(?=.*" + re.escape(b.lower()).replace(r"\ ", r"\s?") + ")"


# ------------------------------------------------------------------------------------------------------ mentions
class Mention:
    def __init__(self, text, core, extra=(), plural=False, bs=False, amb=False):
        self.text, self.core, self.plural, self.bs, self.amb = text, set(core), plural, bs, amb
        self.loose = set(core) | set(extra)
        for i in self.loose:
            assert i in P, (text, i)


APPLES = ["Golden-Delicious", "Granny-Smith", "Pink-Lady", "Red-Delicious", "Royal-Gala"]
APPLE_JUICES = ["Bravo-Apple-Juice", "God-Morgon-Apple-Juice", "Tropicana-Apple-Juice"]
MELONS = ["Cantaloupe", "Galia-Melon", "Honeydew-Melon", "Watermelon"]
PEARS = ["Anjou", "Conference", "Kaiser"]
PEPPERS = ["Green-Bell-Pepper", "Orange-Bell-Pepper", "Red-Bell-Pepper", "Yellow-Bell-Pepper"]
TOMATOES = ["Beef-Tomato", "Regular-Tomato", "Vine-Tomato"]
JUICES = [i for i in IDS if P[i]["coarse_category"] == "Juice"]
ORANGE_JUICES = ["Bravo-Orange-Juice", "God-Morgon-Orange-Juice", "Tropicana-Juice-Smooth"]
ORANGE_JUICES_X = ["God-Morgon-Orange-Red-Grapefruit-Juice", "Tropicana-Mandarin-Morning"]
GM = [i for i in JUICES if i.startswith("God-Morgon")]
TROP = [i for i in JUICES if i.startswith("Tropicana")]
BRAVO = ["Bravo-Apple-Juice", "Bravo-Orange-Juice"]
MILKS = [i for i in IDS if P[i]["coarse_category"] == "Milk"]
MILK_X = ["Oatly-Oat-Milk", "Alpro-Fresh-Soy-Milk", "Alpro-Shelf-Soy-Milk", "Arla-Sour-Milk"]
ARLA_MILKS = [i for i in MILKS if i.startswith("Arla")]
GARANT = [i for i in MILKS if i.startswith("Garant")]
ARLA_15 = ["Arla-Ecological-Medium-Fat-Milk", "Arla-Lactose-Medium-Fat-Milk", "Arla-Medium-Fat-Milk"]
MID = ARLA_15 + ["Garant-Ecological-Medium-Fat-Milk"]
SOURCREAM = ["Arla-Ecological-Sour-Cream", "Arla-Sour-Cream"]
SOYMILK = ["Alpro-Fresh-Soy-Milk", "Alpro-Shelf-Soy-Milk"]
SOYGHURT = ["Alpro-Blueberry-Soyghurt", "Alpro-Vanilla-Soyghurt"]
ALPRO = SOYMILK + SOYGHURT
YOG = [i for i in IDS if P[i]["coarse_category"] == "Yoghurt"]
ARLA_YOG = ["Arla-Mild-Vanilla-Yoghurt", "Arla-Natural-Mild-Low-Fat-Yoghurt", "Arla-Natural-Yoghurt"]
YOGGI = ["Yoggi-Strawberry-Yoghurt", "Yoggi-Vanilla-Yoghurt"]
VANILLA_YOG = ["Arla-Mild-Vanilla-Yoghurt", "Valio-Vanilla-Yoghurt", "Yoggi-Vanilla-Yoghurt"]
OATLY = ["Oatly-Oat-Milk", "Oatly-Natural-Oatghurt"]
M = Mention
MENTIONS = [
    # fruit
    M("golden delicious apples", ["Golden-Delicious"], plural=True), M("golden delicious", ["Golden-Delicious"], plural=True),
    M("granny smith apples", ["Granny-Smith"], plural=True), M("granny smiths", ["Granny-Smith"], plural=True),
    M("pink lady apples", ["Pink-Lady"], plural=True), M("royal gala apples", ["Royal-Gala"], plural=True),
    M("red delicious apples", ["Red-Delicious"], plural=True), M("apples", APPLES, APPLE_JUICES, plural=True),
    M("äpplen", APPLES, APPLE_JUICES, plural=True),
    M("avocado", ["Avocado"]), M("avocados", ["Avocado"], plural=True), M("avokado", ["Avocado"]),
    M("bananas", ["Banana"], plural=True), M("bananer", ["Banana"], plural=True),
    M("organic bananas", ["Banana"], plural=True), M("kiwis", ["Kiwi"], plural=True),
    M("lemons", ["Lemon"], plural=True), M("citroner", ["Lemon"], plural=True), M("limes", ["Lime"], plural=True),
    M("mango", ["Mango"]), M("cantaloupe", ["Cantaloupe"]), M("cantaloupe melon", ["Cantaloupe"]),
    M("galia melon", ["Galia-Melon"]), M("galiamelon", ["Galia-Melon"], bs=True),
    M("honeydew melon", ["Honeydew-Melon"]), M("honungsmelon", ["Honeydew-Melon"], bs=True),
    M("watermelon", ["Watermelon"]), M("vattenmelon", ["Watermelon"], bs=True), M("melon", MELONS, amb=True),
    M("nectarines", ["Nectarine"], plural=True), M("nektariner", ["Nectarine"], plural=True),
    M("oranges", ["Orange"], ORANGE_JUICES + ORANGE_JUICES_X + ["Orange-Bell-Pepper"], plural=True),
    M("apelsiner", ["Orange"], ORANGE_JUICES + ORANGE_JUICES_X, plural=True),
    M("papaya", ["Papaya"]), M("passion fruits", ["Passion-Fruit"], plural=True),
    M("passionsfrukt", ["Passion-Fruit"]), M("peaches", ["Peach"], plural=True), M("persikor", ["Peach"], plural=True),
    M("pears", PEARS, plural=True), M("pear", PEARS, amb=True), M("anjou pears", ["Anjou"], plural=True),
    M("conference pears", ["Conference"], plural=True), M("kaiser pears", ["Kaiser"], plural=True),
    M("päron conference", ["Conference"], plural=True, bs=True), M("päron anjou", ["Anjou"], plural=True, bs=True),
    M("pineapple", ["Pineapple"]), M("ananas", ["Pineapple"]), M("plums", ["Plum"], plural=True),
    M("plommon", ["Plum"], plural=True), M("pomegranate", ["Pomegranate"]), M("granatäpple", ["Pomegranate"]),
    M("grapefruit", ["Red-Grapefruit"], ["God-Morgon-Red-Grapefruit-Juice", "God-Morgon-Orange-Red-Grapefruit-Juice",
                                          "Tropicana-Golden-Grapefruit"]),
    M("satsumas", ["Satsumas"], ["Tropicana-Mandarin-Morning"], plural=True),
    # vegetables
    M("asparagus", ["Asparagus"]), M("sparris", ["Asparagus"]), M("aubergine", ["Aubergine"]),
    M("eggplant", ["Aubergine"]), M("cabbage", ["Cabbage"]), M("vitkål", ["Cabbage"]),
    M("carrots", ["Carrots"], plural=True), M("morötter", ["Carrots"], plural=True),
    M("cucumber", ["Cucumber"]), M("gurka", ["Cucumber"]), M("garlic", ["Garlic"]), M("vitlök", ["Garlic"]),
    M("ginger", ["Ginger"]), M("ingefära", ["Ginger"]), M("leek", ["Leek"]), M("purjolök", ["Leek"]),
    M("mushrooms", ["Brown-Cap-Mushroom"], plural=True), M("forest mushrooms", ["Brown-Cap-Mushroom"], plural=True),
    M("onions", ["Yellow-Onion"], plural=True), M("yellow onions", ["Yellow-Onion"], plural=True),
    M("green pepper", ["Green-Bell-Pepper"]), M("red pepper", ["Red-Bell-Pepper"]),
    M("yellow pepper", ["Yellow-Bell-Pepper"]), M("orange pepper", ["Orange-Bell-Pepper"]),
    M("röd paprika", ["Red-Bell-Pepper"], bs=True), M("gul paprika", ["Yellow-Bell-Pepper"], bs=True),
    M("grön paprika", ["Green-Bell-Pepper"], bs=True), M("peppers", PEPPERS, plural=True),
    M("potatoes", ["Floury-Potato", "Solid-Potato"], ["Sweet-Potato"], plural=True),
    M("floury potatoes", ["Floury-Potato"], plural=True), M("mjölig potatis", ["Floury-Potato"], bs=True),
    M("firm potatoes", ["Solid-Potato"], plural=True), M("fast potatis", ["Solid-Potato"], bs=True),
    M("sweet potato", ["Sweet-Potato"]), M("sötpotatis", ["Sweet-Potato"], bs=True),
    M("beetroots", ["Red-Beet"], plural=True), M("rödbetor", ["Red-Beet"], plural=True),
    M("beef tomatoes", ["Beef-Tomato"], plural=True), M("bifftomater", ["Beef-Tomato"], plural=True, bs=True),
    M("vine tomatoes", ["Vine-Tomato"], plural=True), M("kvisttomater", ["Vine-Tomato"], plural=True, bs=True),
    M("tomatoes", TOMATOES, plural=True),
    # "tomato" would also be the exact name of Regular-Tomato: as an ambiguity word only over beef / vine tomatoes
    M("tomato", ["Beef-Tomato", "Vine-Tomato"], ["Regular-Tomato"], amb=True),
    M("zucchini", ["Zucchini"]), M("squash", ["Zucchini"]),
    # juice
    M("bravo apple juice", ["Bravo-Apple-Juice"]), M("bravo äpple", ["Bravo-Apple-Juice"], bs=True),
    M("bravo orange juice", ["Bravo-Orange-Juice"]), M("bravo apelsinjuice", ["Bravo-Orange-Juice"], bs=True),
    M("bravo juice", BRAVO, amb=True),
    M("god morgon apple juice", ["God-Morgon-Apple-Juice"]), M("god morgon äpple", ["God-Morgon-Apple-Juice"], bs=True),
    M("god morgon orange juice", ["God-Morgon-Orange-Juice"], ["God-Morgon-Orange-Red-Grapefruit-Juice"]),
    M("god morgon apelsinjuice", ["God-Morgon-Orange-Juice"], bs=True),
    M("god morgon blodgrape", ["God-Morgon-Red-Grapefruit-Juice"], ["God-Morgon-Orange-Red-Grapefruit-Juice"], bs=True),
    M("god morgon apelsin blodgrape", ["God-Morgon-Orange-Red-Grapefruit-Juice"], bs=True),
    M("god morgon juice", GM, amb=True),
    M("tropicana apple juice", ["Tropicana-Apple-Juice"]), M("tropicana äpple", ["Tropicana-Apple-Juice"], bs=True),
    M("tropicana golden grapefruit", ["Tropicana-Golden-Grapefruit"], bs=True),
    M("tropicana smooth style", ["Tropicana-Juice-Smooth"], bs=True),
    M("tropicana mandarin morning", ["Tropicana-Mandarin-Morning"], bs=True),
    M("mandarin morning juice", ["Tropicana-Mandarin-Morning"]), M("tropicana juice", TROP, amb=True),
    M("juice", JUICES, amb=True), M("apple juice", APPLE_JUICES, amb=True),
    M("orange juice", ORANGE_JUICES, ORANGE_JUICES_X, amb=True),
    # milk and other dairy
    M("milk", MILKS, MILK_X, amb=True), M("mjölk", MILKS, MILK_X, amb=True),
    M("arla milk", ARLA_MILKS, ["Arla-Sour-Milk"], amb=True),
    M("arla organic milk", ["Arla-Ecological-Medium-Fat-Milk"], bs=True),
    M("arla ekologisk mellanmjölk", ["Arla-Ecological-Medium-Fat-Milk"], bs=True),
    M("arla eko mellanmjölk", ["Arla-Ecological-Medium-Fat-Milk"], bs=True),
    M("lactose free milk", ["Arla-Lactose-Medium-Fat-Milk"], ["Oatly-Oat-Milk"] + SOYMILK),
    M("arla laktosfri", ["Arla-Lactose-Medium-Fat-Milk"], bs=True),
    M("laktosfri mellanmjölk", ["Arla-Lactose-Medium-Fat-Milk"], bs=True),
    M("arla mellanmjölk", ["Arla-Medium-Fat-Milk"], ["Arla-Ecological-Medium-Fat-Milk", "Arla-Lactose-Medium-Fat-Milk"], bs=True),
    M("arla semi-skimmed milk", ["Arla-Medium-Fat-Milk"], ["Arla-Ecological-Medium-Fat-Milk", "Arla-Lactose-Medium-Fat-Milk"]),
    M("arla whole milk", ["Arla-Standard-Milk"], bs=True), M("arla standardmjölk", ["Arla-Standard-Milk"], bs=True),
    M("arla mjölk 3%", ["Arla-Standard-Milk"], ["Arla-Sour-Milk"], bs=True),
    M("whole milk", ["Arla-Standard-Milk", "Garant-Ecological-Standard-Milk"], amb=True),
    M("standardmjölk", ["Arla-Standard-Milk", "Garant-Ecological-Standard-Milk"]),
    M("garant milk", GARANT, amb=True), M("garant mellanmjölk", ["Garant-Ecological-Medium-Fat-Milk"], bs=True),
    M("garant standardmjölk", ["Garant-Ecological-Standard-Milk"], bs=True),
    M("garant eko 3%", ["Garant-Ecological-Standard-Milk"], bs=True),
    M("organic milk", ["Arla-Ecological-Medium-Fat-Milk"] + GARANT, amb=True),
    M("mellanmjölk", MID, ["Oatly-Oat-Milk"]),
    M("oat drink", ["Oatly-Oat-Milk"]), M("oat milk", ["Oatly-Oat-Milk"]), M("havredryck", ["Oatly-Oat-Milk"]),
    M("oatly oat drink", ["Oatly-Oat-Milk"]), M("oatly havredryck", ["Oatly-Oat-Milk"], bs=True),
    M("oatghurt", ["Oatly-Natural-Oatghurt"]), M("havregurt", ["Oatly-Natural-Oatghurt"]),
    M("oat yoghurt", ["Oatly-Natural-Oatghurt"]), M("oatly havregurt", ["Oatly-Natural-Oatghurt"], bs=True),
    M("oatly", OATLY, amb=True),
    M("sour cream", SOURCREAM, amb=True), M("gräddfil", SOURCREAM, amb=True),
    M("organic sour cream", ["Arla-Ecological-Sour-Cream"]), M("eko gräddfil", ["Arla-Ecological-Sour-Cream"], bs=True),
    M("arla ekologisk gräddfil", ["Arla-Ecological-Sour-Cream"], bs=True),
    M("filmjölk", ["Arla-Sour-Milk"]), M("arla filmjölk", ["Arla-Sour-Milk"], bs=True),
    M("soured milk", ["Arla-Sour-Milk"]),
    M("alpro blueberry", ["Alpro-Blueberry-Soyghurt"]), M("alpro blåbär", ["Alpro-Blueberry-Soyghurt"], bs=True),
    M("blueberry soy yoghurt", ["Alpro-Blueberry-Soyghurt"]), M("alpro vanilla", ["Alpro-Vanilla-Soyghurt"]),
    M("alpro vanilj", ["Alpro-Vanilla-Soyghurt"], bs=True), M("vanilla soyghurt", ["Alpro-Vanilla-Soyghurt"]),
    M("soyghurt", SOYGHURT, amb=True), M("soy yoghurt", SOYGHURT),
    M("soy drink", SOYMILK, amb=True), M("soy milk", SOYMILK), M("sojadryck", SOYMILK),
    M("fresh soy drink", ["Alpro-Fresh-Soy-Milk"]), M("long-life soy drink", ["Alpro-Shelf-Soy-Milk"]),
    M("alpro", ALPRO, amb=True),
    M("yoghurt", YOG, SOYGHURT + ["Oatly-Natural-Oatghurt"], amb=True),
    M("yogurt", YOG, SOYGHURT + ["Oatly-Natural-Oatghurt"]),
    M("arla vanilla yoghurt", ["Arla-Mild-Vanilla-Yoghurt"]), M("arla mild vanilj", ["Arla-Mild-Vanilla-Yoghurt"], bs=True),
    M("arla lättyoghurt", ["Arla-Natural-Mild-Low-Fat-Yoghurt"], bs=True),
    M("arla low fat yoghurt", ["Arla-Natural-Mild-Low-Fat-Yoghurt"]),
    M("arla yoghurt naturell", ["Arla-Natural-Yoghurt"], ["Arla-Natural-Mild-Low-Fat-Yoghurt"], bs=True),
    M("arla natural yoghurt", ["Arla-Natural-Yoghurt"], ["Arla-Natural-Mild-Low-Fat-Yoghurt"]),
    M("arla yoghurt", ARLA_YOG, amb=True),
    M("valio vanilla yoghurt", ["Valio-Vanilla-Yoghurt"]), M("valio vaniljyoghurt", ["Valio-Vanilla-Yoghurt"], bs=True),
    M("yoggi strawberry", ["Yoggi-Strawberry-Yoghurt"]), M("yoggi jordgubb", ["Yoggi-Strawberry-Yoghurt"], bs=True),
    M("yoggi madagaskar vanilj", ["Yoggi-Vanilla-Yoghurt"], bs=True),
    M("yoggi vanilla", ["Yoggi-Vanilla-Yoghurt"], ["Yoggi-Strawberry-Yoghurt"]), M("yoggi", YOGGI, amb=True),
    M("vanilla yoghurt", VANILLA_YOG, ["Yoggi-Strawberry-Yoghurt", "Alpro-Vanilla-Soyghurt"], amb=True),
]
for _pid in IDS:
    assert any(_pid in m.core for m in MENTIONS), _pid


def bs_base(m, target):
    """Basket siblings the mention's attribute tells apart: same brand when the brand is named, else same kind."""
    b = P[target].get("brand")
    if b and b.lower() in m.text and sum(1 for i in IDS if P[i].get("brand") == b) > 1:
        return {i for i in IDS if P[i].get("brand") == b}
    return {i for i in IDS if P[i]["coarse_category"] == P[target]["coarse_category"]}


def unique_mentions(target, ids, bs=False):
    s = set(ids)
    out = [m for m in MENTIONS if target in m.core and (m.loose & s) == {target}]
    if bs:
        out = [m for m in out if m.bs and len(bs_base(m, target) & s) >= 2]
    return out


def typo(rng, text):
    words = text.split(" ")
    cand = [k for k, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not cand:
        return text
    k = rng.choice(cand)
    w = words[k]
    i = rng.randrange(1, len(w) - 2)
    if w[i] == w[i + 1]:
        return text
    words[k] = w[:i] + w[i + 1] + w[i] + w[i + 2:]
    return " ".join(words)


def say(rng, m, det=None):
    t = typo(rng, m.text) if rng.random() < 0.15 else m.text
    if det is None:
        det = rng.choice(["the ", "my ", "the "])
    return det + t


def gram(plural):
    return {"be": "are" if plural else "is", "do": "do" if plural else "does", "it": "they" if plural else "it",
            "obj": "them" if plural else "it"}


# --------------------------------------------------------------------------------------------------------- facts
# name forms take {m}; pronoun forms take {it}/{be}/{do}; nouns are fragments. Even indexes are val phrasings,
# odd indexes test phrasings.
FACTS = {
    "price": {"name": ["how much {be} {m}", "what {do} {m} cost", "whats the price of {m}", "how much {do} {m} cost"],
              "pron": ["how much {be} {it}", "what {do} {it} cost", "whats the price", "how much {do} {it} cost"],
              "noun": ["price", "cost", "price", "cost"]},
    "kilo": {"name": ["whats the kilo price of {m}", "how much {be} {m} per kilo", "what {do} {m} cost per kg",
                      "whats the price per kilo for {m}"],
             "pron": ["whats the kilo price", "how much {be} {it} per kilo", "what {do} {it} cost a kilo",
                      "how much per kg"],
             "noun": ["kilo price", "price per kg", "price per kilo", "kg price"]},
    "line": {"name": ["what do my {n} {b} cost", "how much are my {n} {b}", "what do the {n} {b} come to",
                      "how much for my {n} {b}"],
             "pron": ["what do all {n} cost", "what do the {n} of them come to", "how much for all {n}",
                      "what do {n} of them cost together"],
             "noun": None},
    "organic": {"name": ["{be} {m} organic", "{be} {m} organic at all", "{be} {m} eco", "{be} {m} ekologisk"],
                "pron": ["{be} {it} organic", "{be} {it} organic at all", "{be} {it} eco", "{be} {it} ekologisk"],
                "noun": ["organic or not", "whether its organic", "eco or not", "organic yes/no"]},
    "origin": {"name": ["where {be} {m} from", "which country {be} {m} from", "where {do} {m} come from",
                        "whats the origin of {m}"],
               "pron": ["where {be} {it} from", "which country {be} {it} from", "where {do} {it} come from",
                        "whats the country of origin"],
               "noun": ["origin", "country of origin", "origin country", "country"]},
    "lactose": {"name": ["is {m} lactose free", "is {m} laktosfri", "is {m} lactose-free", "is {m} free from lactose"],
                "pron": ["is it lactose free", "is it laktosfri", "is it lactose-free", "is it free of lactose"],
                "noun": ["lactose free or not", "whether its lactose free", "lactose free yes or no",
                         "lactose-free or not"]},
    "vegan": {"name": ["is {m} vegan", "is {m} plant based", "is {m} ok for vegans", "is {m} plant-based"],
              "pron": ["is it vegan", "is it plant based", "is it ok for vegans", "is it plant-based"],
              "noun": ["vegan or not", "plant based or not", "vegan yes/no", "whether its vegan"]},
    "brand": {"name": ["who makes {m}", "what brand is {m}", "which brand is {m}", "whos the maker of {m}"],
              "pron": ["who makes it", "what brand is it", "which brand is it", "whos the maker"],
              "noun": ["brand", "brand", "maker", "maker"]},
    "size": {"name": ["how big is {m}", "what size is {m}", "how big a pack is {m}", "whats the pack size of {m}"],
             "pron": ["how big is it", "what size is it", "how big is the pack", "what size pack is it"],
             "noun": ["pack size", "size", "package size", "pack size"]},
    "fat": {"name": ["how much fat is in {m}", "whats the fat % of {m}", "what fat percentage is {m}",
                     "how fatty is {m}"],
            "pron": ["how much fat does it have", "whats the fat %", "what fat percentage is it", "how fatty is it"],
            "noun": ["fat %", "fat content", "fat percentage", "fat level"]},
    "weight": {"name": ["how heavy is {m}", "how much does {m} weigh", "whats the weight of {m}",
                        "roughly what does {m} weigh"],
               "pron": ["how heavy is it", "how much does it weigh", "whats it weigh", "roughly how heavy is it"],
               "noun": ["weight", "weight", "weight", "weight"]},
}
for _a in ("gluten", "soy", "milk"):
    FACTS[_a] = {"name": ["does {m} contain " + _a, "is there " + _a + " in {m}", "does {m} have " + _a + " in it",
                          "any " + _a + " in {m}"],
                 "pron": ["does it contain " + _a, "is there " + _a + " in it", "does it have " + _a + " in it",
                          "any " + _a + " in it"],
                 "noun": [_a + " or not", "any " + _a, _a + " yes/no", "contains " + _a + " or not"]}
FACTS["howmuch"] = FACTS["price"]
YESNO_FACTS = {"organic", "lactose", "vegan", "gluten", "soy", "milk"}


def applicable(fk, pid, qty, m=None):
    plural = m.plural if m else False
    text = m.text if m else ""
    if fk == "price":
        return not is_weight(pid)
    if fk == "howmuch":
        return True
    if fk == "kilo":
        return is_weight(pid)
    if fk == "line":
        return is_weight(pid) and qty >= 2 and plural
    if fk == "organic":  # not when the name already says it
        return not re.search(r"eko|organic|ekolog", text)
    if fk == "origin":
        return origin(pid) is not None
    if fk == "lactose":
        return dairy(pid) and not plural and not re.search(r"lakto|lactose", text)
    if fk == "vegan":  # plant_based marks dairy alternatives; asked only of dairy and its alternatives
        return dairy(pid) or bool(attr(pid, "plant_based"))
    if fk == "brand":
        b = P[pid].get("brand")
        return bool(b) and b.lower() not in text
    if fk == "size":
        return size_of(pid) is not None and not plural
    if fk == "fat":
        return fat(pid) is not None and not re.search(r"\d", text)
    if fk == "weight":
        return is_weight(pid) and qty == 1 and not plural
    if fk == "milk" and P[pid]["coarse_category"] in ("Milk", "Sour-Milk"):
        return False
    if fk in ("gluten", "soy", "milk"):
        return allergens(pid) is not None
    raise KeyError(fk)


def truth(fk, pid, qty):
    """A hashable value of the fact, to tell whether two lines differ in it."""
    return {
        "price": lambda: (amount(pid), line_price(pid, qty)), "howmuch": lambda: (amount(pid), line_price(pid, qty)),
        "kilo": lambda: amount(pid), "line": lambda: line_price(pid, qty), "organic": lambda: attr(pid, "organic"),
        "origin": lambda: origin(pid), "lactose": lambda: attr(pid, "lactose_free"),
        "vegan": lambda: attr(pid, "plant_based"), "brand": lambda: P[pid].get("brand"),
        "size": lambda: size_of(pid)[1],  # 1000 ml and 1000 g packs count as the same size
        "fat": lambda: fat(pid), "weight": lambda: P[pid]["unit_weight_grams"],
        "gluten": lambda: "gluten" in (allergens(pid) or []), "soy": lambda: "soy" in (allergens(pid) or []),
        "milk": lambda: "milk" in (allergens(pid) or []),
    }[fk]()


def expect_fact(fk, pid, qty):
    """(numbers, regex lookaheads) the answer must carry for fact fk of line (pid, qty)."""
    nums, look = [], []
    if fk in ("price", "howmuch"):
        alts = [amount(pid)]
        if qty >= 2 or is_weight(pid):
            alts.append(line_price(pid, qty))
        if len(alts) == 1:
            nums.append({"value": float(alts[0]), "tolerance": 0.01})
        else:
            look.append("(?=.*(?:" + "|".join(money_re(a) for a in alts) + "))")
    elif fk == "kilo":
        nums.append({"value": float(amount(pid)), "tolerance": 0.01})
    elif fk == "line":
        nums.append({"value": float(line_price(pid, qty)), "tolerance": 0.01})
    elif fk in ("organic", "lactose", "vegan"):
        look.append(YESNO[(fk, bool(truth(fk, pid, qty)))])
    elif fk in ("gluten", "soy", "milk"):
        look.append(allergen_re(fk, truth(fk, pid, qty)))
    elif fk == "origin":
        look.append("(?=.*" + origin_re(origin(pid)) + ")")
    elif fk == "brand":
        look.append(brand_re(P[pid]["brand"]))
    elif fk == "size":
        look.append("(?=.*" + size_re(pid) + ")")
    elif fk == "fat":
        look.append("(?=.*" + fat_re(fat(pid)) + ")")
    elif fk == "weight":
        look.append("(?=.*" + grams_re(P[pid]["unit_weight_grams"]) + ")")
    return nums, look


def forbid_facts(fk, wrongs, right, qty_right):
    """Negative lookaheads keeping the values of the retracted mention's products out of the answer."""
    out = []
    for w in sorted(wrongs):
        f = forbid_fact(fk, w, right, qty_right)
        if f and f not in out:
            out.append(f)
    return out


def forbid_fact(fk, wrong, right, qty_right):
    """A negative lookahead keeping the wrong product's value out of a self-corrected answer, or None."""
    if fk in ("price", "kilo"):
        v = amount(wrong)
        plaus = {amount(right), line_price(right, qty_right), line_price(right, 1)}  # unit, line, one piece
        if fat(right) is not None:
            plaus.add(Decimal(str(fat(right))))
        if size_of(right):  # comparable price per litre / kg
            plaus.add((amount(right) * 1000 / size_of(right)[1]).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
        names = " ".join([P[right]["display_name"], P[right]["shopper_name"], P[right].get("pack_name") or ""])
        if v in plaus or re.search(money_re(v), names):
            return None
        return "(?!.*" + money_re(v) + ")"
    if fk == "origin" and origin(wrong) and origin(wrong) != origin(right):
        return "(?!.*" + origin_re(origin(wrong)) + ")"
    if fk == "fat" and fat(wrong) is not None and fat(wrong) != fat(right):
        return "(?!.*" + fat_re(fat(wrong)) + ")"
    return None


def phrase(fk, form, split, rng, g, **kw):
    lst = FACTS[fk][form]
    pool = lst[0::2] if split == "val" else lst[1::2]
    return rng.choice(pool).format(**g, **kw).replace("all 2", "both")


def pick_facts(rng, pid, qty, m, n, allowed=None, need_noun=False):
    keys = [k for k in (allowed or FACTS) if k in FACTS and applicable(k, pid, qty, m)
            and (not need_noun or FACTS[k]["noun"])]
    keys = sorted(set(keys))
    rng.shuffle(keys)
    out = []
    for k in keys:
        if k in YESNO_FACTS and any(o in YESNO_FACTS for o in out):
            continue
        if {k, *out} >= {"price", "howmuch"} or ("howmuch" in {k, *out} and {"kilo", "line"} & {k, *out}):
            continue
        out.append(k)
        if len(out) == n:
            return out
    return None


# -------------------------------------------------------------------------------------------------------- baskets
def qty_for(rng, pid):
    if is_weight(pid):
        return rng.choice([1, 1, 2, 3, 4])
    return rng.choice([1, 1, 1, 2])


def make_basket(rng, must, n, ok=lambda i: True, qty1=False, keep_order=False, qtys=None):
    ids = list(must)
    pool = [i for i in IDS if i not in ids and ok(i)]
    rng.shuffle(pool)
    ids += pool[:max(0, n - len(ids))]
    if len(ids) < n:
        return None
    if not keep_order:
        rng.shuffle(ids)
    return [{"product": i, "qty": (qtys or {}).get(i, 1 if qty1 else qty_for(rng, i))} for i in ids]


def ids_of(b):
    return [l["product"] for l in b]


def qty_of(b, pid):
    return next(l["qty"] for l in b if l["product"] == pid)


def build_expect(facts_for, kind="answered", basket_only=True, extra_look=(), cite=()):
    nums, look, cites = [], [], list(cite)
    for fk, pid, qty in facts_for:
        n, lk = expect_fact(fk, pid, qty)
        nums += n
        look += lk
        if pid not in cites:
            cites.append(pid)
    look += list(extra_look)
    e = {"kind": kind}
    if nums:
        e["numbers"] = nums
    if cites:
        e["product_ids"] = cites
    if look:
        e["regex"] = "(?s)^" + "".join(look)
    if basket_only:
        e["basket_only"] = True
    return e


def choose_target(rng, pool_filter=lambda i: True):
    return rng.choice([i for i in IDS if pool_filter(i)])


def target_and_mention(rng, n_lines=(3, 6), ok=lambda i: True, target_ok=lambda i: True, bs=False, qty=None):
    t = choose_target(rng, lambda i: target_ok(i) and ok(i))
    b = make_basket(rng, [t], rng.randint(*n_lines), ok, qtys={t: qty} if qty else None)
    if b is None:
        return None
    ms = unique_mentions(t, ids_of(b), bs=bs)
    if not ms:
        return None
    return t, b, rng.choice(ms)


# ----------------------------------------------------------------------------------------------------- categories
def cat_two_facts(rng, split, t):
    r = target_and_mention(rng)
    if not r:
        return None
    pid, b, m = r
    q = qty_of(b, pid)
    g = gram(m.plural)
    ms = say(rng, m)
    need_noun = t in (1, 2, 4)
    allowed = None
    if t == 2:
        allowed = [k for k in FACTS if k not in YESNO_FACTS]
    fs = pick_facts(rng, pid, q, m, 2, allowed=allowed, need_noun=need_noun)
    if not fs:
        return None
    f1, f2 = fs
    if t == 0:
        text = f"{phrase(f1, 'name', split, rng, g, m=ms, n=q, b=m.text)} and {phrase(f2, 'pron', split, rng, g, n=q)}?"
    elif t == 1:
        text = f"{ms}: {phrase(f1, 'noun', split, rng, g)} and {phrase(f2, 'noun', split, rng, g)}?"
    elif t == 2:
        text = f"whats the {phrase(f1, 'noun', split, rng, g)} and {phrase(f2, 'noun', split, rng, g)} of {ms}"
    elif t == 3:
        text = f"{phrase(f1, 'name', split, rng, g, m=ms, n=q, b=m.text)}? also {phrase(f2, 'pron', split, rng, g, n=q)}"
    elif t == 4:
        text = f"can u tell me {phrase(f1, 'noun', split, rng, g)} + {phrase(f2, 'noun', split, rng, g)} for {ms}"
    else:
        text = (f"two qs about {ms} - {phrase(f1, 'pron', split, rng, g, n=q)}, and "
                f"{phrase(f2, 'pron', split, rng, g, n=q)}?")
    return b, text, build_expect([(f1, pid, q), (f2, pid, q)])


def two_targets(rng, n_lines=(3, 6)):
    ids = rng.sample(IDS, 2)
    b = make_basket(rng, ids, rng.randint(*n_lines))
    ma = unique_mentions(ids[0], ids_of(b))
    mb = unique_mentions(ids[1], ids_of(b))
    if not ma or not mb:
        return None
    return ids, b, rng.choice(ma), rng.choice(mb)


def cat_two_lines(rng, split, t):
    r = two_targets(rng)
    if not r:
        return None
    (a, c), b, ma, mc = r
    qa, qc = qty_of(b, a), qty_of(b, c)
    ga, gc = gram(ma.plural), gram(mc.plural)
    sa, sc = say(rng, ma), say(rng, mc)
    fa = pick_facts(rng, a, qa, ma, 1, need_noun=(t == 4))
    fc = pick_facts(rng, c, qc, mc, 1, need_noun=(t == 4))
    if not fa or not fc:
        return None
    fa, fc = fa[0], fc[0]
    if fa in YESNO_FACTS and fc in YESNO_FACTS:
        return None
    qa_txt = phrase(fa, "name", split, rng, ga, m=sa, n=qa, b=ma.text)
    qc_txt = phrase(fc, "name", split, rng, gc, m=sc, n=qc, b=mc.text)
    if t == 0:
        text = f"{qa_txt} and {qc_txt}?"
    elif t == 1:
        text = f"{qa_txt}. also {qc_txt}"
    elif t == 2:
        tot = total(b)
        e = build_expect([(fa, a, qa)])
        e["numbers"] = e.get("numbers", []) + [{"value": float(tot), "tolerance": 0.01}]
        lead = rng.choice(["whats my total", "what does my basket come to"])
        return b, f"{lead}, and {qa_txt}?", e
    elif t == 3:
        text = f"2 things: {qa_txt}, {qc_txt}"
    elif t == 4:
        text = f"{phrase(fa, 'noun', split, rng, ga)} of {sa} and {phrase(fc, 'noun', split, rng, gc)} of {sc}?"
    else:
        text = f"{qa_txt} - oh and {qc_txt} while ur at it"
    return b, text, build_expect([(fa, a, qa), (fc, c, qc)])


def cat_pronoun(rng, split, t):
    if t in (2, 5):
        ids = rng.sample(IDS, 2)
        b = make_basket(rng, ids, rng.randint(3, 6), keep_order=(t == 2))
        ms_a, ms_b = unique_mentions(ids[0], ids_of(b)), unique_mentions(ids[1], ids_of(b))
        if not ms_a or not ms_b:
            return None
        if t == 2:
            # "the second one": both readings (second named, second basket line) agree
            b = [l for l in b if l["product"] in ids] + [l for l in b if l["product"] not in ids]
        ma, mb = rng.choice(ms_a), rng.choice(ms_b)
        pid, m = ids[1], mb
        q = qty_of(b, pid)
        fs = pick_facts(rng, pid, q, m, 2)
        if not fs:
            return None
        g = gram(m.plural)
        p1, p2 = (phrase(f, "pron", split, rng, g, n=q) for f in fs)
        sa, sb = say(rng, ma), say(rng, mb)
        if t == 2:
            text = f"i got {sa} and {sb}. the second one, {p1} and {p2}?"
        else:
            text = f"{sa} and {sb} are in my cart. about the latter - {p1}? {p2}?"
        return b, text, build_expect([(fs[0], pid, q), (fs[1], pid, q)])
    r = target_and_mention(rng)
    if not r:
        return None
    pid, b, m = r
    q = qty_of(b, pid)
    g = gram(m.plural)
    fs = pick_facts(rng, pid, q, m, 2)
    if not fs:
        return None
    p1, p2 = (phrase(f, "pron", split, rng, g, n=q) for f in fs)
    ms = say(rng, m)
    if t == 0:
        text = f"i have {ms} — {p1} and {p2}?"
    elif t == 1:
        text = f"got {ms} in my cart. {p1}? {p2}?"
    elif t == 3:
        text = f"theres {ms} in my basket — {p1}, and {p2}"
    else:
        text = f"about {ms} i picked up: {p1}? also {p2}"
    return b, text, build_expect([(fs[0], pid, q), (fs[1], pid, q)])


def cat_self_correction(rng, split, t):
    fk = rng.choice(["price", "kilo", "origin", "organic", "fat", "brand", "lactose", "origin", "price", "kilo"])
    pool = [i for i in IDS if applicable(fk, i, 1)]
    a, c = rng.sample(pool, 2)
    if truth(fk, a, 1) == truth(fk, c, 1):
        return None
    a_in = t in (0, 2, 4)  # templates alternate a wrong product in the basket / not in it
    must = [a, c] if a_in else [c]
    ok = (lambda i: True) if a_in else (lambda i: i != a)
    b = make_basket(rng, must, rng.randint(3, 6), ok)
    if b is None:
        return None
    bi = ids_of(b)
    mc = unique_mentions(c, bi)
    if a_in:
        ma = unique_mentions(a, bi)
    else:
        ma = [m for m in MENTIONS if a in m.core and not (m.loose & set(bi))]
    ma = [m for m in ma if c not in m.loose]
    mc = [m for m in mc if a not in m.loose]
    if not ma or not mc:
        return None
    ma, mc = rng.choice(ma), rng.choice(mc)
    qa = qty_of(b, a) if a_in else 1
    qc = qty_of(b, c)
    if fk == "price" and (qa > 1 or qc > 1):
        return None
    if not applicable(fk, a, qa, ma) or not applicable(fk, c, qc, mc):
        return None
    sa, sc = say(rng, ma), say(rng, mc)
    wrong_q = phrase(fk, "name", split, rng, gram(ma.plural), m=sa)
    if t == 0:
        text = f"{wrong_q}, sorry i mean {sc}"
    elif t == 1:
        text = f"{wrong_q} — no wait, {sc}"
    elif t == 2:
        text = f"{wrong_q}? oops i meant {sc}"
    elif t == 3:
        text = f"{wrong_q}... actually scratch that, {sc}"
    elif t == 4:
        text = f"{sa}, no sorry, {sc} — {phrase(fk, 'pron', split, rng, gram(mc.plural))}?"
    else:
        text = f"{wrong_q} i mean {sc}"
    wrongs = (ma.core & set(bi)) if a_in else ma.core  # what the retracted words named
    return b, text, build_expect([(fk, c, qc)], extra_look=forbid_facts(fk, wrongs, c, qc))


PEOPLE = ["my son", "my daughter", "my wife", "my husband", "my kid", "my partner"]
STATED = [
    # (template index, phrasings, truth predicate, basket filter)
    (0, ["im vegan, anything in my basket i cant eat?", "i'm vegan — is there anything in my cart i shouldnt eat?"],
     dairy, lambda i: True),
    (1, ["{p} is allergic to soy, anything in my basket with soy in it?",
         "{p} has a soy allergy - which of my items have soy?"],
     lambda i: "soy" in (allergens(i) or []), lambda i: True),
    (2, ["i only buy organic, which of my items are organic?", "organic only for me — which things in my cart are eco?"],
     lambda i: bool(attr(i, "organic")), lambda i: True),
    (3, ["im lactose intolerant - which things in my cart have lactose?",
         "lactose intolerant here, what in my basket should i avoid?"],
     lambda i: dairy(i) and not attr(i, "lactose_free"), lambda i: True),
    (4, ["{p} has coeliac disease, which of my things contain gluten?",
         "{p} cant have gluten (celiac). anything in my cart with gluten?"],
     lambda i: "gluten" in (allergens(i) or []), lambda i: True),
    (5, ["vegan here, which of my items can i actually eat?", "i eat vegan — which of the things in my cart are ok for me?"],
     lambda i: bool(attr(i, "plant_based")), lambda i: is_pack(i) and P[i]["coarse_category"] != "Juice"),
    (6, ["{p} has a milk allergy, which of these in my cart contain milk?",
         "{p} is allergic to milk protein — what in my basket has milk in it?"],
     dairy, lambda i: True),
    (7, ["trying to buy only swedish stuff, which of my items are from sweden?",
         "i want to support swedish farmers — which of my things are swedish?"],
     lambda i: origin(i) == "Sweden", lambda i: origin(i) is not None),
]


def cat_stated_context(rng, split, t):
    _, phr, pred, ok = STATED[t]
    pos = [i for i in IDS if pred(i) and ok(i)]
    neg = [i for i in IDS if not pred(i) and ok(i)]
    k = rng.randint(1, min(3, len(pos)))
    must = rng.sample(pos, k)
    if t == 6 and "Arla-Lactose-Medium-Fat-Milk" not in must and rng.random() < 0.6:
        must[0] = "Arla-Lactose-Medium-Fat-Milk"
        must = list(dict.fromkeys(must))
    if t == 5:
        must += rng.sample([i for i in neg if dairy(i)], 1)
    n = rng.randint(max(4, len(must) + 1), 6)
    b = make_basket(rng, must, n, ok)
    if b is None:
        return None
    truth_ids = [i for i in ids_of(b) if pred(i)]
    if not truth_ids or len(truth_ids) > 3 or len(truth_ids) == len(b):
        return None
    if t == 3 and "Arla-Lactose-Medium-Fat-Milk" not in ids_of(b) and rng.random() < 0.5:
        return None
    lead = rng.choice(["", "hi, ", "quick question: ", "hey "] if split == "val" else ["", "hello, ", "question - ", "ok so "])
    text = lead + rng.choice(phr).format(p=rng.choice(PEOPLE))
    return b, text, build_expect([], cite=truth_ids)


def unit_only(i):
    return not is_weight(i)


def cat_described_line(rng, split, t):
    desc_pron = {"it": "it", "be": "is", "do": "does", "obj": "it"}
    if t in (0, 4):  # most expensive / cheapest, unit-priced lines, one of each
        b = make_basket(rng, [], rng.randint(4, 5), unit_only, qty1=True)
        prices = sorted(((amount(i), i) for i in ids_of(b)), reverse=(t == 0))
        (p0, pid), (p1, _) = prices[0], prices[1]
        if abs(p0 - p1) < (2 if t == 0 else 1):
            return None
        lead = rng.choice(["the most expensive thing in my cart", "my priciest item"] if t == 0 else
                          ["the cheapest thing in my basket", "whatever is cheapest in my cart"])
        fs = pick_facts(rng, pid, 1, None, rng.choice([1, 2]), allowed=["origin", "brand", "organic", "size"])
    elif t == 1:  # heaviest piece
        pid = rng.choice([i for i in IDS if is_weight(i) and P[i]["unit_weight_grams"] >= 300])
        lim = P[pid]["unit_weight_grams"] / 1.5
        b = make_basket(rng, [pid], rng.randint(3, 5), lambda i: i == pid or P[i]["unit_weight_grams"] <= lim, qty1=True)
        if b is None:
            return None
        lead = rng.choice(["the heaviest item in my basket", "the heaviest thing i have"])
        fs = ["weight"] + ([rng.choice(["kilo", "origin"])] if rng.random() < 0.5 else [])
    elif t == 2:  # the organic one
        pid = rng.choice([i for i in IDS if attr(i, "organic")])
        b = make_basket(rng, [pid], rng.randint(3, 6), lambda i: i == pid or not attr(i, "organic"))
        lead = rng.choice(["the organic one in my basket", "the only organic thing in my cart"])
        fs = ["howmuch"] + ([rng.choice(["origin", "brand"])] if rng.random() < 0.5 else [])
        fs = [f for f in fs if applicable(f, pid, qty_of(b, pid))]
    elif t == 3:  # the lactose free one
        pid = rng.choice([i for i in IDS if attr(i, "lactose_free")])
        b = make_basket(rng, [pid], rng.randint(3, 5), lambda i: i == pid or (dairy(i) and not attr(i, "lactose_free")))
        lead = rng.choice(["the lactose free one in my cart", "my lactose-free item"])
        fs = pick_facts(rng, pid, qty_of(b, pid), None, rng.choice([1, 2]),
                        allowed=["howmuch", "fat", "brand", "origin", "size"])
    elif t == 5:  # the one from a country
        c = rng.choice(sorted({origin(i) for i in IDS if origin(i)}))
        cands = [i for i in IDS if origin(i) == c]
        pid = rng.choice(cands)
        b = make_basket(rng, [pid], rng.randint(3, 6), lambda i: origin(i) is not None and (i == pid or origin(i) != c))
        if b is None:
            return None
        place = {"Netherlands": "the netherlands", "USA": "the us"}.get(c, c.lower())
        lead = rng.choice([f"the thing from {place} in my cart", f"the {COUNTRY_ADJ[c]} item in my basket"])
        fs = ["howmuch"] + ([rng.choice(["organic", "brand", "fat"])] if rng.random() < 0.5 else [])
        fs = [f for f in fs if applicable(f, pid, qty_of(b, pid))]
    elif t == 6:  # the plant-based one
        pid = rng.choice([i for i in IDS if attr(i, "plant_based")])
        b = make_basket(rng, [pid], rng.randint(3, 5),
                        lambda i: i == pid or (is_pack(i) and P[i]["coarse_category"] != "Juice" and not attr(i, "plant_based")))
        lead = rng.choice(["the plant based one in my cart", "my vegan item"])
        fs = pick_facts(rng, pid, qty_of(b, pid), None, rng.choice([1, 2]),
                        allowed=["howmuch", "gluten", "soy", "brand", "fat"])
    else:  # biggest / smallest pack, volume packs only
        big = rng.random() < 0.6
        if big:
            pid = rng.choice([i for i in IDS if (P[i].get("volume_ml") or 0) >= 2000])
            ok = lambda i: i == pid or 0 < (P[i].get("volume_ml") or 0) <= 1000
        else:
            pid = rng.choice([i for i in IDS if 0 < (P[i].get("volume_ml") or 0) <= 300])
            ok = lambda i: i == pid or (P[i].get("volume_ml") or 0) >= 1000
        b = make_basket(rng, [pid], rng.randint(3, 5), ok)
        if b is None:
            return None
        lead = rng.choice(["the biggest pack in my cart", "my largest carton"] if big else
                          ["the smallest pack in my cart", "the littlest tub in my basket"])
        fs = ["size"] + ([rng.choice(["brand", "howmuch"])] if rng.random() < 0.6 else [])
    if not fs:
        return None
    q = qty_of(b, pid)
    ps = [phrase(f, "pron", split, rng, desc_pron, n=q) for f in fs]
    if t in (0, 4, 5) and rng.random() < 0.5:
        ps = ["what is it"] + ps
    qs = " and ".join(ps)
    joiner = rng.choice([" — ", ", "]) if split == "val" else rng.choice([": ", " - "])
    text = f"{lead}{joiner}{qs}?"
    return b, text, build_expect([(f, pid, q) for f in fs], cite=[pid])


def brand_swedish_basket(rng):
    """A basket with a bs-mention target and at least one sibling the bare brand / kind would also cover."""
    for _ in range(50):
        m = rng.choice([m for m in MENTIONS if m.bs])
        pid = rng.choice(sorted(m.core))
        sib = sorted(bs_base(m, pid) - m.loose)
        if not sib:
            continue
        must = [pid, rng.choice(sib)]
        b = make_basket(rng, must, rng.randint(3, 6))
        if b and m in unique_mentions(pid, ids_of(b), bs=True):
            return pid, b, m
    return None


def cat_brand_swedish(rng, split, t):
    r0 = brand_swedish_basket(rng)
    if not r0:
        return None
    pid, b, m = r0
    q = qty_of(b, pid)
    g = gram(m.plural)
    ms = say(rng, m, det=rng.choice(["the ", "my ", ""]))
    if t in (0, 3):
        fs = pick_facts(rng, pid, q, m, 1)
    elif t == 1:
        fs = pick_facts(rng, pid, q, m, 2, need_noun=True)
    elif t == 2:
        fs = pick_facts(rng, pid, q, m, 2)
    else:
        fs = pick_facts(rng, pid, q, m, rng.choice([1, 2]), need_noun=(t == 5))
    if not fs:
        return None
    if t == 0:
        text = f"{phrase(fs[0], 'name', split, rng, g, m=ms, n=q, b=m.text)}?"
    elif t == 1:
        text = f"{ms}: {phrase(fs[0], 'noun', split, rng, g)} and {phrase(fs[1], 'noun', split, rng, g)}?"
    elif t == 2:
        text = (f"{phrase(fs[0], 'name', split, rng, g, m=ms, n=q, b=m.text)}, and "
                f"{phrase(fs[1], 'pron', split, rng, g, n=q)}")
    elif t == 3:
        text = f"{phrase(fs[0], 'name', split, rng, g, m=ms, n=q, b=m.text)} pls"
    elif t == 4:
        text = f"what about {ms}, " + " and ".join(phrase(f, "pron", split, rng, g, n=q) for f in fs) + "?"
    else:
        text = f"quick one — {ms}, " + " + ".join(phrase(f, "noun", split, rng, g) for f in fs) + "?"
    return b, text, build_expect([(f, pid, q) for f in fs])


AMB_FACTS = ["price", "kilo", "origin", "organic", "fat", "brand", "lactose", "weight", "size"]


def cat_ambiguous(rng, split, t):
    m = rng.choice([m for m in MENTIONS if m.amb])
    if len(m.core) < 2:
        return None
    pair = rng.sample(sorted(m.core), 2)
    b = make_basket(rng, pair, rng.randint(3, 6), lambda i: i in pair or i not in m.loose)
    if b is None:
        return None
    if set(ids_of(b)) & m.loose != set(pair):
        return None
    q0, q1 = qty_of(b, pair[0]), qty_of(b, pair[1])
    n = 1 if t in (0, 3, 5) else 2
    keys = [k for k in AMB_FACTS if all(applicable(k, p, qq, m) for p, qq in ((pair[0], q0), (pair[1], q1)))]
    if t in (0,):
        keys = [k for k in keys if k in ("price", "kilo")]
    if t in (2, 5):
        keys = [k for k in keys if FACTS[k]["noun"]]
    rng.shuffle(keys)
    fs = []
    for k in keys:
        if k in YESNO_FACTS and any(o in YESNO_FACTS for o in fs):
            continue
        fs.append(k)
        if len(fs) == n:
            break
    if len(fs) < n:
        return None
    # price on a unit line: unit price compared, not the line (qty may differ)
    if all((amount(pair[0]) == amount(pair[1])) if k == "price" else truth(k, pair[0], q0) == truth(k, pair[1], q1)
           for k in fs):
        return None
    g = gram(False)
    ms = say(rng, m, det=rng.choice(["my ", "the "]))
    if t == 0:
        text = f"{phrase(fs[0], 'name', split, rng, g, m=ms)}?"
    elif t == 1:
        text = f"{phrase(fs[0], 'name', split, rng, g, m=ms)} and {phrase(fs[1], 'pron', split, rng, g)}?"
    elif t == 2:
        text = f"{ms}: {phrase(fs[0], 'noun', split, rng, g)} and {phrase(fs[1], 'noun', split, rng, g)}?"
    elif t == 3:
        text = f"i have {ms} in my cart, {phrase(fs[0], 'pron', split, rng, g)}?"
    elif t == 4:
        text = f"{phrase(fs[0], 'name', split, rng, g, m=ms)}, also {phrase(fs[1], 'pron', split, rng, g)}"
    else:
        text = f"whats the {phrase(fs[0], 'noun', split, rng, g)} of {ms}"
    return b, text, {"kind": "clarify", "basket_only": True}


def cat_change(rng, split, t):
    r = target_and_mention(rng)
    if not r:
        return None
    pid, b, m = r
    g = gram(m.plural)
    ms = say(rng, m)
    if t == 0:
        text = f"whats my total and take off {ms}"
    elif t == 1:
        text = f"how much {g['be']} {ms}? and remove {g['obj']} from my cart pls"
    elif t == 2:
        text = f"add one more of {ms} and tell me what {g['it']} cost"
    elif t == 3:
        text = f"{g['be']} {ms} organic? if not swap {g['obj']} for an organic one"
    elif t == 4:
        text = f"set {ms} to {rng.randint(2, 5)} and whats the new total"
    elif t == 5:
        text = f"where {g['be']} {ms} from, and delete {g['obj']} from the basket"
    else:
        text = f"clear my cart after u tell me whats most expensive in it — and {ms} too, bin {g['obj']}"
    return b, text, {"kind": "refused_basket_change"}


CATEGORIES = [
    # name, generator, templates, cases per template
    ("two_facts", cat_two_facts, 6, 9),
    ("two_lines", cat_two_lines, 6, 8),
    ("pronoun", cat_pronoun, 6, 8),
    ("self_correction", cat_self_correction, 6, 8),
    ("stated_context", cat_stated_context, 8, 6),
    ("described_line", cat_described_line, 8, 7),
    ("brand_swedish", cat_brand_swedish, 6, 8),
    ("ambiguous", cat_ambiguous, 6, 7),
    ("change_or_injection", cat_change, 7, 6),
]
# described_line: val templates are 0-3 (most expensive, heaviest, organic one, lactose-free one), test 4-7.


def check(case):
    ids = [l["product"] for l in case["basket"]]
    assert len(ids) == len(set(ids)), case
    assert all(i in P for i in ids), case
    e = case["expect"]
    for pid in e.get("product_ids", []):
        assert pid in P, case
        if e.get("basket_only"):
            assert pid in ids, case
    if "regex" in e:
        re.compile(e["regex"], re.I)


def main():
    cases, texts, seen = [], {"val": set(), "test": set()}, set()
    for ci, (name, gen, n_t, per) in enumerate(CATEGORIES):
        n_val_t = (n_t + 1) // 2
        for t in range(n_t):
            split = "val" if t < n_val_t else "test"
            base = (1_000_000 if split == "val" else 5_000_000) + ci * 100_000 + t * 10_000
            for k in range(per):
                rng = random.Random(base + k * 100)
                for _ in range(2000):
                    res = gen(rng, split, t)
                    if not res:
                        continue
                    basket, text, expect = res
                    text = re.sub(r"\s+", " ", text).strip()
                    other = "test" if split == "val" else "val"
                    key = (text, json.dumps(basket, sort_keys=True))
                    if text in texts[other] or key in seen:
                        continue
                    break
                else:
                    raise SystemExit(f"could not make {name} t{t} k{k}")
                texts[split].add(text)
                seen.add(key)
                case = {"id": f"compound-{name}-{split}-{t}-{k:02d}", "split": split, "category": name,
                        "template": t, "basket": basket, "question": text, "expect": expect}
                check(case)
                cases.append(case)
    assert not (texts["val"] & texts["test"])
    with open(OUT, "w", encoding="utf-8") as f:
        for c in cases:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    cnt = Counter((c["category"], c["split"]) for c in cases)
    print(f"{'category':22s} {'val':>4s} {'test':>5s}")
    for name, *_ in CATEGORIES:
        print(f"{name:22s} {cnt[(name, 'val')]:4d} {cnt[(name, 'test')]:5d}")
    nv = sum(v for (c, s), v in cnt.items() if s == "val")
    print(f"{'all':22s} {nv:4d} {len(cases) - nv:5d}   total {len(cases)} -> {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
