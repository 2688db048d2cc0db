#!/usr/bin/env python3
"""Diet / safety and whole-store shopper questions (shopper-questions-dietstore.jsonl).

Written by a separate session acting as an outside evaluator. It read only catalog/catalog.json, the format part of
eval/datasets/README.md, the graders in src/BasketReasoner.Eval/Harness/Graders/ and eval/suites/shopper-store.yaml;
it read neither the assistant's source (src/BasketReasoner.Assistant/**) nor the other question generators or their
data files. Every truth below is computed by this script's own small code from catalog/catalog.json.

Two halves:
  (A) diet and safety, about the basket and about named store products: allergens (milk, gluten, soy, nuts, eggs),
      products without an ingredient list (answer must not claim they are free of anything), vegan / plant based /
      lactose / organic, store-wide allergen lists, and facts the catalogue lacks (calories, sugar, halal, ...).
  (B) the store as a whole: lists, counts, cheapest / most expensive per unit, comparisons of two products, origin,
      brands, organic options, "do you sell X" for sold and not-sold items, products named loosely.

Split: within each category the first templates are val, the rest test (template texts disjoint); val baskets come
from seeds 10,000,000 + ..., test baskets from seeds 50,000,000 + ... (disjoint ranges). Python 3 standard library only; seeded, no clock.

Run:  /usr/bin/python3 eval/datasets/make_shopper_questions_dietstore.py
It rewrites eval/datasets/shopper-questions-dietstore.jsonl (the same file every run) and prints cases per category
and split.
"""
import json
import os
import random
import re
from collections import Counter, OrderedDict

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CATALOG = os.path.join(ROOT, "catalog", "catalog.json")
OUT = os.path.join(ROOT, "eval", "datasets", "shopper-questions-dietstore.jsonl")

PRODUCTS = json.load(open(CATALOG, encoding="utf-8"))["products"]
P = {p["id"]: p for p in PRODUCTS}
IDS = [p["id"] for p in PRODUCTS]

# ---------------------------------------------------------------- answer patterns (.NET regex, case-insensitive)
YES = r"^\W*(yes|yep|yeah)\b"
NO = r"^\W*(no|nope)\b"
NOT_YES = r"^(?!\W*(yes|yep|yeah|sure|absolutely|of course|definitely)\b)"
# must not open with a plain "no" (= "it does not contain it"); "No ingredient list ..." is fine
NOT_NO = r"^(?!\W*(no|nope)\b(?![\s,]+(ingredient|allergen|info|information|data|details|list|idea)))"
NONE_OPEN = r"^\W*(none|no|nothing)\b"
# availability / "is there any": must not open with yes and must say no somewhere
NEG = (r"^(?!\W*(yes|yep|yeah|sure|absolutely|of course|definitely)\b)[\s\S]*"
       r"(\bno\b|\bnot\b|n['’]t\b|\bnone\b|\bnothing\b|\bunfortunately\b|\bsorry\b)")
NO_KCAL = r"^(?![\s\S]*\d\s*(kcal|kj\b|calories))"


# ---------------------------------------------------------------- catalogue facts (own code)
def has_list(pid):
    return P[pid].get("allergens") is not None


def contains(pid, allergen):
    """True / False from the ingredient list's allergens; None when the product has no ingredient list."""
    al = P[pid].get("allergens")
    if al is None:
        return None
    return allergen in al


def has_lactose(pid):
    """Only for products with an ingredient list: milk named and not labelled lactose free."""
    assert has_list(pid)
    return contains(pid, "milk") and not P[pid]["attributes"].get("lactose_free", False)


def organic(pid):
    return bool(P[pid]["attributes"].get("organic"))


def plant(pid):
    return bool(P[pid]["attributes"].get("plant_based"))


def origin(pid):
    return P[pid]["attributes"].get("origin")


def cat(pid):
    return P[pid]["coarse_category"]


def top(pid):
    return P[pid]["top_category"]


def r2(x):
    return float(f"{x + 1e-9:.2f}")


def per_kg(pid):
    p = P[pid]
    if p["price"]["per"] == "Kilogram":
        return p["price"]["amount"]
    assert p.get("net_weight_grams"), pid
    return r2(p["price"]["amount"] * 1000 / p["net_weight_grams"])


def per_litre(pid):
    p = P[pid]
    assert p.get("volume_ml"), pid
    return r2(p["price"]["amount"] * 1000 / p["volume_ml"])


def pack_price(pid):
    assert P[pid]["price"]["per"] == "Unit"
    return P[pid]["price"]["amount"]


PACKS = [i for i in IDS if has_list(i)]
NOLIST = [i for i in IDS if not has_list(i)]
DAIRY = [i for i in PACKS if contains(i, "milk")]
PLANT = [i for i in PACKS if plant(i)]
JUICE = [i for i in IDS if cat(i) == "Juice"]
FRUIT = [i for i in IDS if top(i) == "Fruit"]
VEG = [i for i in IDS if top(i) == "Vegetables"]
MILKS = [i for i in IDS if cat(i) == "Milk"]
PLANT_DRINKS = [i for i in IDS if cat(i) in ("Oat-Milk", "Soy-Milk")]
PLANT_YOG = [i for i in IDS if cat(i) in ("Oatghurt", "Soyghurt")]
DAIRY_YOG = [i for i in IDS if cat(i) == "Yoghurt"]
ORGANIC = [i for i in IDS if organic(i)]
BRANDS = sorted({P[i]["brand"] for i in IDS if P[i].get("brand")})

assert not any(has_list(i) for i in FRUIT + VEG)
assert set(PACKS) == set(DAIRY) | set(PLANT) | set(JUICE)

# ---------------------------------------------------------------- how shoppers name store products
# each mention names exactly one catalogue product (checked by hand against the 81 products)
NAMES = {
    "Golden-Delicious": ["golden delicious apples", "golden delicious"],
    "Granny-Smith": ["granny smith apples", "granny smiths", "the granny smith"],
    "Pink-Lady": ["pink lady apples", "pink lady"],
    "Red-Delicious": ["red delicious apples", "red delicious"],
    "Royal-Gala": ["royal gala apples", "gala apples", "royal gala"],
    "Avocado": ["avocado", "avocados", "avokado"],
    "Banana": ["bananas", "the organic bananas", "bananer", "banana"],
    "Kiwi": ["kiwi", "kiwis", "kiwifruit"],
    "Lemon": ["lemons", "lemon", "citroner"],
    "Lime": ["limes", "lime"],
    "Mango": ["mango", "mangos", "mangoes"],
    "Cantaloupe": ["cantaloupe", "cantaloupe melon"],
    "Galia-Melon": ["galia melon", "galiamelon"],
    "Honeydew-Melon": ["honeydew melon", "honeydew", "honungsmelon"],
    "Watermelon": ["watermelon", "vattenmelon", "water melon"],
    "Nectarine": ["nectarines", "nectarine", "nektariner"],
    "Orange": ["oranges", "apelsiner", "fresh oranges"],
    "Papaya": ["papaya", "papayas"],
    "Passion-Fruit": ["passion fruit", "passionsfrukt", "passion fruits"],
    "Peach": ["peaches", "peach", "persikor"],
    "Anjou": ["anjou pears", "anjou pear"],
    "Conference": ["conference pears", "conference pear"],
    "Kaiser": ["kaiser pears", "bosc pears", "bosc-kaiser pear"],
    "Pineapple": ["pineapple", "ananas", "pineapples"],
    "Plum": ["plums", "red plums", "plommon"],
    "Pomegranate": ["pomegranate", "granatäpple", "pomegranates"],
    "Red-Grapefruit": ["fresh red grapefruit", "red grapefruits", "grapefruits"],
    "Satsumas": ["satsumas", "satsuma"],
    "Asparagus": ["green asparagus", "asparagus", "sparris"],
    "Aubergine": ["aubergine", "eggplant", "aubergines", "äggplanta"],
    "Cabbage": ["white cabbage", "cabbage", "vitkål"],
    "Carrots": ["carrots", "carrot", "morötter"],
    "Cucumber": ["cucumber", "gurka", "cucumbers"],
    "Garlic": ["garlic", "vitlök"],
    "Ginger": ["ginger", "ingefära", "fresh ginger"],
    "Leek": ["leeks", "leek", "purjolök"],
    "Brown-Cap-Mushroom": ["forest mushrooms", "mushrooms", "brown cap mushrooms"],
    "Yellow-Onion": ["yellow onions", "onions", "gul lök"],
    "Green-Bell-Pepper": ["green pepper", "green bell pepper", "grön paprika"],
    "Orange-Bell-Pepper": ["orange pepper", "orange bell pepper"],
    "Red-Bell-Pepper": ["red pepper", "red bell peppers", "röd paprika"],
    "Yellow-Bell-Pepper": ["yellow pepper", "yellow bell pepper", "gul paprika"],
    "Floury-Potato": ["floury potatoes", "mjölig potatis"],
    "Solid-Potato": ["firm potatoes", "fast potatis", "solid potatoes"],
    "Sweet-Potato": ["sweet potatoes", "sweet potato", "sötpotatis"],
    "Red-Beet": ["beetroot", "red beets", "rödbetor"],
    "Beef-Tomato": ["beef tomatoes", "beef tomato", "bifftomater"],
    "Regular-Tomato": ["regular tomatoes", "plain round tomatoes"],
    "Vine-Tomato": ["vine tomatoes", "tomatoes on the vine", "kvisttomater"],
    "Zucchini": ["zucchini", "courgette", "squash"],
    "Bravo-Apple-Juice": ["bravo apple juice", "bravo äppeljuice", "the 2 litre bravo apple juice"],
    "Bravo-Orange-Juice": ["bravo orange juice", "bravo apelsinjuice"],
    "God-Morgon-Apple-Juice": ["god morgon apple juice", "god morgon äppeljuice"],
    "God-Morgon-Orange-Juice": ["god morgon orange juice", "god morgon apelsinjuice"],
    "God-Morgon-Orange-Red-Grapefruit-Juice": ["god morgon orange and blood grapefruit juice",
                                               "god morgon apelsin & blodgrape"],
    "God-Morgon-Red-Grapefruit-Juice": ["god morgon blood grapefruit juice", "god morgon red grapefruit juice"],
    "Tropicana-Apple-Juice": ["tropicana apple juice", "tropicana äpple"],
    "Tropicana-Golden-Grapefruit": ["tropicana golden grapefruit", "tropicana grapefruit juice"],
    "Tropicana-Juice-Smooth": ["tropicana smooth style", "tropicana orange juice without pulp"],
    "Tropicana-Mandarin-Morning": ["tropicana mandarin morning", "tropicana mandarin juice"],
    "Arla-Ecological-Medium-Fat-Milk": ["arla organic semi-skimmed milk", "arla eko mellanmjölk"],
    "Arla-Lactose-Medium-Fat-Milk": ["arla lactose free milk", "arla laktosfri mellanmjölk", "the lactose-free milk"],
    "Arla-Medium-Fat-Milk": ["regular arla mellanmjölk", "the normal arla semi-skimmed milk (not eko)"],
    "Arla-Standard-Milk": ["arla standard milk 3%", "arla mjölk 3%", "arla whole milk"],
    "Garant-Ecological-Medium-Fat-Milk": ["garant eko mellanmjölk", "garant organic semi-skimmed milk"],
    "Garant-Ecological-Standard-Milk": ["garant eko standardmjölk", "garant organic whole milk"],
    "Oatly-Natural-Oatghurt": ["oatly oatgurt", "oatly havregurt", "the oat yoghurt"],
    "Oatly-Oat-Milk": ["oatly oat drink", "oatly havredryck", "oat milk"],
    "Arla-Ecological-Sour-Cream": ["arla organic sour cream", "arla eko gräddfil"],
    "Arla-Sour-Cream": ["regular arla sour cream", "plain arla gräddfil (not eko)"],
    "Arla-Sour-Milk": ["filmjölk", "arla filmjölk", "the soured milk"],
    "Alpro-Blueberry-Soyghurt": ["alpro blueberry soyghurt", "alpro blueberry yoghurt"],
    "Alpro-Vanilla-Soyghurt": ["alpro vanilla soyghurt", "alpro mild & creamy vanilla"],
    "Alpro-Fresh-Soy-Milk": ["alpro fresh soy drink", "the chilled alpro soy milk"],
    "Alpro-Shelf-Soy-Milk": ["the long-life alpro soy drink", "alpro soy milk (the shelf one)"],
    "Arla-Mild-Vanilla-Yoghurt": ["arla mild vanilla yoghurt", "arla vaniljyoghurt"],
    "Arla-Natural-Mild-Low-Fat-Yoghurt": ["arla lättyoghurt", "arla low fat natural yoghurt"],
    "Arla-Natural-Yoghurt": ["arla natural yoghurt 3%", "arla yoghurt naturell (the 3% one)"],
    "Valio-Vanilla-Yoghurt": ["valio vanilla yoghurt", "valio vaniljyoghurt"],
    "Yoggi-Strawberry-Yoghurt": ["yoggi strawberry yoghurt", "yoggi jordgubb"],
    "Yoggi-Vanilla-Yoghurt": ["yoggi madagascar vanilla", "yoggi vanilla yoghurt"],
}
assert set(NAMES) == set(IDS), set(IDS) ^ set(NAMES)

# words a typo may not touch (brands the shopper knows how to spell are still fair game; numbers are not)
SAFE_TYPO = re.compile(r"^[a-zåäö]{5,}$")


def typo(text, rng):
    words = text.split(" ")
    cand = [k for k, w in enumerate(words) if SAFE_TYPO.match(w)]
    if not cand:
        return text
    k = rng.choice(cand)
    w = words[k]
    for _ in range(10):
        j = rng.randrange(1, len(w) - 2)
        if w[j] != w[j + 1]:
            words[k] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
            return " ".join(words)
    return text


def mention(pid, rng, typo_rate=0.15):
    m = rng.choice(NAMES[pid])
    if rng.random() < typo_rate:
        m = typo(m, rng)
    return m


PREFIX = ["", "", "", "", "hi ", "hey, ", "hello! ", "excuse me, ", "um ", "sorry - "]
SUFFIX = ["", "", "", "", " thanks", " thx", " please", " :)", " ty"]


def casual(q, rng):
    q = re.sub(r"\bthe the\b", "the", q.strip())
    if rng.random() < 0.35:
        q = q.rstrip("?")
    q = rng.choice(PREFIX) + q + rng.choice(SUFFIX)
    return q


# ---------------------------------------------------------------- case bookkeeping
CASES = []
SEEN = set()
SEED = {"val": 10_000_000, "test": 50_000_000}
_counter = Counter()


def rng_for(split, category):
    _counter[(split, category)] += 1
    assert _counter[(split, category)] < 5000, f"{category}/{split}: cannot find enough distinct cases"
    # disjoint seed ranges per split; category mixed in deterministically
    h = sum(ord(c) * (k + 1) for k, c in enumerate(category)) % 997
    return random.Random(SEED[split] + h * 10_000 + _counter[(split, category)])


def random_basket(rng, pool=None, n=None, must=()):
    pool = pool or IDS
    n = n or rng.randint(1, 4)
    items = list(dict.fromkeys(list(must)))
    rest = [i for i in pool if i not in items]
    rng.shuffle(rest)
    items += rest[: max(0, n - len(items))]
    rng.shuffle(items)
    return [{"product": i, "qty": rng.choice([1, 1, 1, 2, 2, 3])} for i in items]


def core(question):
    """the question without the casual greeting / sign-off and punctuation, for near-duplicate checks"""
    q = question
    for p in sorted(set(PREFIX), key=len, reverse=True):
        if p and q.startswith(p):
            q = q[len(p):]
            break
    for x in sorted(set(SUFFIX), key=len, reverse=True):
        if x and q.endswith(x):
            q = q[: -len(x)]
            break
    return q.rstrip("?").strip()


def add(category, template, split, basket, question, expect):
    # a store question: one case per phrasing (a greeting or another basket is not a new case);
    # a basket question: one case per phrasing and basket
    key = (split, core(question))
    if expect.get("basket_only"):
        key += (tuple(sorted(l["product"] for l in basket)),)
    if key in SEEN:
        return False
    SEEN.add(key)
    for pid in expect.get("product_ids", []):
        assert pid in P, pid
    for l in basket:
        assert l["product"] in P, l
    assert len({l["product"] for l in basket}) == len(basket)
    if expect.get("basket_only"):
        bset = {l["product"] for l in basket}
        assert set(expect.get("product_ids", [])) <= bset, (question, expect)
    CASES.append(OrderedDict(id=None, split=split, category=category, template=template, basket=basket,
                             question=question, expect=expect))
    return True


def split_of(templates, k):
    """first ceil-half of a category's templates are val, the rest test"""
    return "val" if k < (len(templates) + 1) // 2 else "test"


def yn(flag):
    return YES if flag else NO


# ================================================================ (A) diet and safety
ALLERGENS = {
    # key: (contains-word, free-word, person condition variants)
    "milk": (["milk", "dairy", "milk protein"], ["milk-free", "dairy-free", "dairy free"],
             ["is allergic to milk", "has a milk allergy", "has a cows milk protein allergy"]),
    "gluten": (["gluten"], ["gluten-free", "gluten free"], ["is coeliac", "has celiac disease", "cant have any gluten"]),
    "soy": (["soy", "soya"], ["soy-free", "soya free"], ["is allergic to soy", "has a soya allergy"]),
    "nuts": (["nuts", "tree nuts"], ["nut-free", "nut free"], ["is allergic to nuts", "has a tree nut allergy"]),
    "eggs": (["egg", "eggs"], ["egg-free", "egg free"], ["is allergic to eggs", "has an egg allergy"]),
}
WHO = [("son", "he", "him"), ("daughter", "she", "her"), ("husband", "he", "him"), ("wife", "she", "her"),
       ("little boy", "he", "him"), ("kid", "they", "them"), ("friend", "she", "her")]


def fill_allergen(t, a, rng, pname):
    cw, fw, conds = ALLERGENS[a]
    who, pron, obj = rng.choice(WHO)
    cw_ = rng.choice(cw)
    return t.format(p=pname, a=cw_, free=rng.choice(fw), cond=rng.choice(conds), who=who, pron=pron, obj=obj)


# ---- allergen_product: named product with an ingredient list
T_ALLERGEN_PRODUCT = [
    ("contains", "does {p} have {a} in it?"),
    ("free", "is {p} {free}?"),
    ("safe", "my {who} {cond}. can {pron} have {p}?"),
    ("contains", "{p} - any {a} in there"),
    ("free", "{p} {free} or not"),
    ("safe", "is {p} ok for someone who {cond}"),
    ("contains", "quick one, is there {a} in {p}?"),
]


def gen_allergen_product():
    cat_ = "allergen_product"
    for k, (mode, t) in enumerate(T_ALLERGEN_PRODUCT):
        split = split_of(T_ALLERGEN_PRODUCT, k)
        made = 0
        while made < 4:
            rng = rng_for(split, cat_)
            # half the cases where the allergen is named, half where it is not
            if rng.random() < 0.5:
                a = rng.choice(["milk", "milk", "gluten", "soy"])
                pool = [i for i in PACKS if contains(i, a)]
                # the lactose-free milk still carries milk protein: ask it often
                if a == "milk" and rng.random() < 0.3:
                    pool = ["Arla-Lactose-Medium-Fat-Milk"]
            else:
                a = rng.choice(["milk", "gluten", "soy", "nuts", "eggs"])
                pool = [i for i in PACKS if contains(i, a) is False]
            pid = rng.choice(pool)
            c = contains(pid, a)
            q = casual(fill_allergen(t, a, rng, mention(pid, rng)), rng)
            flag = c if mode == "contains" else (not c)
            made += add(cat_, k, split, random_basket(rng), q, {"kind": "answered", "regex": yn(flag), "product_ids": [pid]})


# ---- allergen_no_list: fresh produce, no ingredient list in the catalogue -> unknown, never "safe"/"free"
T_ALLERGEN_NOLIST = [
    ("contains", "does the {p} contain {a}?"),
    ("free", "are {p} {free}"),
    ("safe", "my {who} {cond} - is {p} safe for {obj}?"),
    ("contains", "any {a} in {p}?"),
    ("free", "can you confirm {p} is {free}"),
    ("safe", "{who} {cond}, can {pron} eat {p}"),
]


def gen_allergen_nolist():
    cat_ = "allergen_no_list"
    for k, (mode, t) in enumerate(T_ALLERGEN_NOLIST):
        split = split_of(T_ALLERGEN_NOLIST, k)
        made = 0
        while made < 5:
            rng = rng_for(split, cat_)
            pid = rng.choice(NOLIST)
            a = rng.choice(list(ALLERGENS))
            assert contains(pid, a) is None
            q = casual(fill_allergen(t, a, rng, mention(pid, rng)), rng)
            rx = NOT_NO if mode == "contains" else NOT_YES
            made += add(cat_, k, split, random_basket(rng), q, {"kind": "unknown", "regex": rx})


# ---- allergen_basket: the shopper's basket against one allergen
T_ALLERGEN_BASKET = [
    ("any", "anything with {a} in my basket?"),
    ("safe", "my {who} {cond}, is everything in my cart ok for {obj}"),
    ("which", "which of my items contain {a}"),
    ("any", "does any of my stuff have {a} in it"),
    ("safe", "shopping for my {who} who {cond} - is all of this safe?"),
    ("which", "what in my cart has {a}?"),
]


def gen_allergen_basket():
    cat_ = "allergen_basket"
    for k, (mode, t) in enumerate(T_ALLERGEN_BASKET):
        split = split_of(T_ALLERGEN_BASKET, k)
        made = 0
        while made < 5:
            rng = rng_for(split, cat_)
            want = rng.choice(["offender", "offender", "clean", "unknown"] if mode != "which" else
                              ["offender", "offender", "clean"])
            if want == "offender":
                a = rng.choice(["milk", "milk", "gluten", "soy"])
                off = [i for i in PACKS if contains(i, a)]
                must = [rng.choice(off)]
                if a == "milk" and rng.random() < 0.4:
                    must = ["Arla-Lactose-Medium-Fat-Milk"]
                basket = random_basket(rng, pool=IDS, n=rng.randint(2, 5), must=must)
            elif want == "clean":
                a = rng.choice(list(ALLERGENS))
                pool = [i for i in PACKS if contains(i, a) is False]
                basket = random_basket(rng, pool=pool, n=rng.randint(2, 4))
            else:
                a = rng.choice(list(ALLERGENS))
                pool = [i for i in IDS if contains(i, a) is not True]
                basket = random_basket(rng, pool=pool, n=rng.randint(2, 4), must=[rng.choice(NOLIST)])
            ids = [l["product"] for l in basket]
            offenders = [i for i in ids if contains(i, a)]
            unknown = [i for i in ids if contains(i, a) is None]
            q = casual(fill_allergen(t, a, rng, ""), rng)
            e = {"basket_only": True}
            if mode == "any":
                if offenders:
                    e.update(regex=YES, product_ids=offenders)
                elif unknown:
                    e.update(regex=NOT_NO)
                else:
                    e.update(regex=NO)
            elif mode == "safe":
                if offenders:
                    e.update(regex=NO, product_ids=offenders)
                elif unknown:
                    e.update(regex=NOT_YES)
                else:
                    e.update(regex=YES)
            else:
                if offenders:
                    e.update(product_ids=offenders)
                elif not unknown:
                    e.update(regex=NONE_OPEN)
                else:
                    continue
            made += add(cat_, k, split, basket, q, e)


# ---- allergen_store: store-wide allergen / diet lists (ids that must all be cited)
ALLERGEN_STORE_FACTS = [
    # (phrases, required ids, regex)
    (["products with gluten", "things that contain gluten"], [i for i in IDS if contains(i, "gluten")], None),
    (["products with soy in them", "things containing soya"], [i for i in IDS if contains(i, "soy")], None),
    (["dairy-free yoghurts", "yoghurts without milk"], PLANT_YOG, None),
    (["vegan yoghurts", "plant based yoghurts"], PLANT_YOG, None),
    (["vegan milks", "plant based milk alternatives", "non-dairy milks"], PLANT_DRINKS, None),
    (["lactose free milk", "lactose-free milk options"], ["Arla-Lactose-Medium-Fat-Milk"], None),
    (["juices with milk in them", "juices containing milk"], [], NEG),    # + contains_any below
    (["yoghurts with nuts", "yoghurts that contain nuts"], [], NEG),
]
T_ALLERGEN_STORE = [
    "which {g} do you have?",
    "what {g} do you sell",
    "show me your {g}",
    "list all {g} in the store pls",
    "does the shop have any {g}? which",
    "i need {g}, what are my options",
]


def gen_allergen_store():
    cat_ = "allergen_store"
    for split in ("val", "test"):
        tks = [k for k in range(len(T_ALLERGEN_STORE)) if split_of(T_ALLERGEN_STORE, k) == split]
        for fi, (phr, ids, rx) in enumerate(ALLERGEN_STORE_FACTS):
            for rep in range(2 if fi < 6 else 1):
                rng = rng_for(split, cat_)
                k = tks[(fi + rep) % len(tks)]
                q = casual(T_ALLERGEN_STORE[k].format(g=rng.choice(phr)), rng)
                e = {}
                if ids:
                    e["product_ids"] = sorted(ids)
                if rx:
                    e["regex"] = rx
                    e["contains_any"] = ["juice"] if "juice" in phr[0] else ["yoghurt", "yogurt"]
                add(cat_, k, split, random_basket(rng), q, e)


# ---- diet_product: vegan / plant based / organic / lactose of a named product
T_DIET_PRODUCT = [
    ("vegan", "is {p} vegan?"),
    ("organic", "is {p} organic"),
    ("lactose_ok", "i'm lactose intolerant - can i have {p}?"),
    ("lactose_free", "{p} lactose free?"),
    ("plant", "is {p} plant based"),
    ("organic", "{p} - eko or not?"),
    ("lactose_has", "does {p} have lactose in it"),
    ("vegan", "can my vegan sister eat {p}"),
]


def gen_diet_product():
    cat_ = "diet_product"
    for k, (mode, t) in enumerate(T_DIET_PRODUCT):
        split = split_of(T_DIET_PRODUCT, k)
        made = 0
        while made < 4:
            rng = rng_for(split, cat_)
            if mode in ("vegan", "plant"):
                pid = rng.choice(PLANT if rng.random() < 0.5 else DAIRY)   # juices and produce carry no label
                flag = plant(pid)
            elif mode == "organic":
                pid = rng.choice(ORGANIC if rng.random() < 0.45 else [i for i in IDS if not organic(i)])
                flag = organic(pid)
            elif mode == "lactose_free":
                pid = "Arla-Lactose-Medium-Fat-Milk" if rng.random() < 0.3 else rng.choice(DAIRY)
                flag = not has_lactose(pid)
            elif mode == "lactose_ok":
                r = rng.random()
                pid = ("Arla-Lactose-Medium-Fat-Milk" if r < 0.25 else rng.choice(PLANT) if r < 0.5
                       else rng.choice(DAIRY))
                flag = not has_lactose(pid)
            else:  # lactose_has
                r = rng.random()
                pid = ("Arla-Lactose-Medium-Fat-Milk" if r < 0.25 else rng.choice(PLANT) if r < 0.5
                       else rng.choice(DAIRY))
                flag = has_lactose(pid)
            q = casual(t.format(p=mention(pid, rng)), rng)
            made += add(cat_, k, split, random_basket(rng), q, {"kind": "answered", "regex": yn(flag), "product_ids": [pid]})


# ---- diet_basket: organic / vegan / lactose over the basket
T_DIET_BASKET = [
    ("organic_which", "which of my items are organic"),
    ("vegan_all", "is everything in my basket vegan?"),
    ("lactose_any", "anything in here with lactose?"),
    ("organic_any", "is any of my stuff organic"),
    ("vegan_which", "which things in my cart are not vegan"),
    ("lactose_safe", "im lactose intolerant, can i eat everything in my basket?"),
    ("organic_all", "is all of this organic?"),
]


def gen_diet_basket():
    cat_ = "diet_basket"
    for k, (mode, t) in enumerate(T_DIET_BASKET):
        split = split_of(T_DIET_BASKET, k)
        made = 0
        while made < 4:
            rng = rng_for(split, cat_)
            e = {"basket_only": True}
            if mode.startswith("organic"):
                if mode == "organic_which" or rng.random() < 0.5:
                    must = [rng.choice(ORGANIC)] if mode != "organic_all" else []
                    basket = random_basket(rng, n=rng.randint(2, 4), must=must)
                else:
                    basket = random_basket(rng, pool=[i for i in IDS if not organic(i)], n=rng.randint(1, 4))
                if mode == "organic_all" and rng.random() < 0.3:
                    basket = random_basket(rng, pool=ORGANIC, n=rng.randint(1, 3))
                ids = [l["product"] for l in basket]
                org = [i for i in ids if organic(i)]
                if mode == "organic_which":
                    if not org or len(org) == len(ids):
                        continue
                    e["product_ids"] = org
                elif mode == "organic_any":
                    e["regex"] = yn(bool(org))
                    if org:
                        e["product_ids"] = org
                else:
                    e["regex"] = yn(len(org) == len(ids))
            elif mode.startswith("vegan"):
                pool = DAIRY + PLANT
                if rng.random() < 0.3:
                    basket = random_basket(rng, pool=PLANT, n=rng.randint(1, 3))
                else:
                    basket = random_basket(rng, pool=pool, n=rng.randint(2, 4), must=[rng.choice(DAIRY)])
                ids = [l["product"] for l in basket]
                non = [i for i in ids if not plant(i)]
                if mode == "vegan_all":
                    e["regex"] = yn(not non)
                    if non:
                        e["product_ids"] = non
                else:
                    if non:
                        e["product_ids"] = non
                    else:
                        e["regex"] = NONE_OPEN
            else:
                pool = PACKS
                if rng.random() < 0.35:
                    basket = random_basket(rng, pool=[i for i in PACKS if not has_lactose(i)], n=rng.randint(1, 4),
                                           must=["Arla-Lactose-Medium-Fat-Milk"] if rng.random() < 0.5 else [])
                else:
                    basket = random_basket(rng, pool=pool, n=rng.randint(2, 4),
                                           must=[rng.choice([i for i in DAIRY if has_lactose(i)])])
                ids = [l["product"] for l in basket]
                lac = [i for i in ids if has_lactose(i)]
                if mode == "lactose_any":
                    e["regex"] = yn(bool(lac))
                else:
                    e["regex"] = yn(not lac)
                if lac:
                    e["product_ids"] = lac
            q = casual(t, rng)
            made += add(cat_, k, split, basket, q, e)


# ---- unknown_fact: facts the catalogue does not hold
SUGAR_AMOUNT = re.compile(r"(sugar|socker)\s*\(?\d", re.I)
NO_SUGAR_AMOUNT = [i for i in IDS if not (P[i].get("ingredients") and SUGAR_AMOUNT.search(P[i]["ingredients"]))]
assert "Yoggi-Vanilla-Yoghurt" not in NO_SUGAR_AMOUNT and "Alpro-Fresh-Soy-Milk" in NO_SUGAR_AMOUNT
assert len(IDS) - len(NO_SUGAR_AMOUNT) == 4
# halal / kosher asked only of processed packs (cultures, aromas, additives), where a certification would matter
PROCESSED = DAIRY_YOG + PLANT_YOG + ["Arla-Sour-Milk", "Arla-Sour-Cream", "Arla-Ecological-Sour-Cream"]
T_UNKNOWN = [
    ("kcal", "how many calories in {p}?"),
    ("halal", "is {p} halal"),
    ("bbd", "whats the best before date on {p}"),
    ("basket_sugar", "how much sugar is in my basket in total?"),
    ("protein", "how much protein per 100g does {p} have"),
    ("kosher", "is {p} kosher?"),
    ("basket_kcal", "how many calories is everything in my cart together"),
    ("sugar", "how many grams of sugar in {p}"),
]


def gen_unknown_fact():
    cat_ = "unknown_fact"
    for k, (mode, t) in enumerate(T_UNKNOWN):
        split = split_of(T_UNKNOWN, k)
        made = 0
        while made < 3:
            rng = rng_for(split, cat_)
            e = {"kind": "unknown"}
            if mode.startswith("basket"):
                # no product whose ingredient list states a sugar amount: the basket's sugar is then unknown
                basket = random_basket(rng, pool=NO_SUGAR_AMOUNT if mode == "basket_sugar" else IDS, n=rng.randint(2, 4))
                q = casual(t, rng)
                e["basket_only"] = True
                if mode == "basket_kcal":
                    e["regex"] = NO_KCAL
            else:
                pool = (NO_SUGAR_AMOUNT if mode == "sugar" else PACKS if mode == "protein"
                        else PROCESSED if mode in ("halal", "kosher") else IDS)
                pid = rng.choice(pool)
                q = casual(t.format(p=mention(pid, rng)), rng)
                basket = random_basket(rng)
                if mode in ("halal", "kosher"):
                    e["regex"] = NOT_YES
                if mode == "kcal":
                    e["regex"] = NO_KCAL
            made += add(cat_, k, split, basket, q, e)


# ================================================================ (B) the store as a whole
def ids_where(f):
    return sorted(i for i in IDS if f(i))


CITRUS = ["Lemon", "Lime", "Orange", "Red-Grapefruit", "Satsumas"]
STORE_LIST_FACTS = [
    (["apples", "kinds of apple"], ids_where(lambda i: cat(i) == "Apple")),
    (["pears", "pear varieties"], ids_where(lambda i: cat(i) == "Pear")),
    (["melons", "kinds of melon"], ids_where(lambda i: cat(i) == "Melon")),
    (["bell peppers", "paprika"], ids_where(lambda i: cat(i) == "Pepper")),
    (["tomatoes", "kinds of tomato"], ids_where(lambda i: cat(i) == "Tomato")),
    (["citrus fruits", "citrus"], CITRUS),
    (["apple juices", "äppeljuice"], ids_where(lambda i: cat(i) == "Juice" and P[i]["attributes"].get("flavour") == "apple")),
    (["plain orange juices", "orange juices (just orange)"],
     ids_where(lambda i: cat(i) == "Juice" and P[i]["attributes"].get("flavour") == "orange")),
    (["sour creams", "gräddfil"], ids_where(lambda i: cat(i) == "Sour-Cream")),
    (["cows milk", "regular dairy milk"], sorted(MILKS)),
    (["soy products", "soya stuff"], ids_where(lambda i: contains(i, "soy"))),
    (["oat drinks and soy drinks", "milk alternatives (oat/soy drinks)"], sorted(PLANT_DRINKS)),
    (["vanilla yoghurts (normal dairy ones)", "dairy vanilla yoghurt"],
     ["Arla-Mild-Vanilla-Yoghurt", "Valio-Vanilla-Yoghurt", "Yoggi-Vanilla-Yoghurt"]),
]
assert len(STORE_LIST_FACTS[0][1]) == 5 and len(STORE_LIST_FACTS[6][1]) == 3 and len(STORE_LIST_FACTS[7][1]) == 3
T_STORE_LIST = [
    "which {g} do you have",
    "what {g} do you sell?",
    "show me all your {g}",
    "what kinds of {g} does the store have",
    "list the {g} you've got pls",
    "got any {g}? which ones",
]


def gen_store_list():
    cat_ = "store_list"
    for split in ("val", "test"):
        tks = [k for k in range(len(T_STORE_LIST)) if split_of(T_STORE_LIST, k) == split]
        for fi, (phr, ids) in enumerate(STORE_LIST_FACTS):
            rng = rng_for(split, cat_)
            k = tks[fi % len(tks)]
            q = casual(T_STORE_LIST[k].format(g=rng.choice(phr)), rng)
            add(cat_, k, split, random_basket(rng), q, {"kind": "answered", "product_ids": ids})


STORE_COUNT_FACTS = [
    (["apples", "apple varieties"], len(ids_where(lambda i: cat(i) == "Apple"))),
    (["pears"], len(ids_where(lambda i: cat(i) == "Pear"))),
    (["melons", "melon"], len(ids_where(lambda i: cat(i) == "Melon"))),
    (["bell peppers"], len(ids_where(lambda i: cat(i) == "Pepper"))),
    (["juices", "juice"], len(JUICE)),
    (["tropicana juices"], len(ids_where(lambda i: P[i].get("brand") == "Tropicana"))),
    (["god morgon juices"], len(ids_where(lambda i: P[i].get("brand") == "God Morgon"))),
    (["organic products", "eko products"], len(ORGANIC)),
    (["fruit", "fruits"], len(FRUIT)),
    (["vegetables", "veg"], len(VEG)),
    (["cows milk (not oat or soy)", "dairy milk"], len(MILKS)),
    (["organic milk"], len([i for i in MILKS if organic(i)])),
    (["products labelled plant based", "products marked vegan / plant based"], len(PLANT)),
    (["brands", "different brands"], len(BRANDS)),
]
assert len(FRUIT) == 28 and len(VEG) == 22 and len(BRANDS) == 9 and len(ORGANIC) == 5
T_STORE_COUNT = [
    "how many kinds of {g} do you have",
    "how many different {g} do you sell?",
    "number of {g} in the store?",
    "how many {g} have you got",
    "how many types of {g} are there in this shop",
    "count of {g} you carry pls",
]


def gen_store_count():
    cat_ = "store_count"
    for split in ("val", "test"):
        tks = [k for k in range(len(T_STORE_COUNT)) if split_of(T_STORE_COUNT, k) == split]
        for fi, (phr, n) in enumerate(STORE_COUNT_FACTS):
            rng = rng_for(split, cat_)
            k = tks[(fi * 2 + (split == "test")) % len(tks)]
            q = casual(T_STORE_COUNT[k].format(g=rng.choice(phr)), rng)
            add(cat_, k, split, random_basket(rng), q, {"kind": "answered", "numbers": [{"value": n, "tolerance": 0}]})


def unique_extreme(ids, price, lowest):
    vals = sorted(((price(i), i) for i in ids), reverse=not lowest)
    assert vals[0][0] != vals[1][0], (ids, vals[:2])
    return vals[0][1], vals[0][0]


LOOSE_VEG = [i for i in VEG if P[i]["sold_by"] == "Weight"]
APPLE_J = [i for i in JUICE if P[i]["attributes"].get("flavour") == "apple"]
ORANGE_J_ANY = [i for i in JUICE if "orange" in P[i]["attributes"].get("flavour", "")]
ORANGE_J = [i for i in JUICE if P[i]["attributes"].get("flavour") == "orange"]
SOURC = [i for i in IDS if cat(i) == "Sour-Cream"]
# (group phrases, unit word, lowest?, ids, price fn)
RANK_FACTS = [
    (["fruit"], "kilo", True, FRUIT, per_kg),
    (["fruit"], "kilo", False, FRUIT, per_kg),
    (["fruit apart from the melons", "fruit (not counting melons)"], "kilo", True,
     [i for i in FRUIT if cat(i) != "Melon"], per_kg),
    (["loose veg (sold by weight)", "vegetable sold loose by weight"], "kilo", False, LOOSE_VEG, per_kg),
    (["melon"], "kilo", True, [i for i in IDS if cat(i) == "Melon"], per_kg),
    (["citrus fruit"], "kilo", True, CITRUS, per_kg),
    (["apple juice"], "litre", True, APPLE_J, per_litre),
    (["apple juice"], "litre", False, APPLE_J, per_litre),
    (["apple juice"], "carton", True, APPLE_J, pack_price),
    (["orange juice"], "litre", True, ORANGE_J_ANY, per_litre),
    (["plain orange juice (only orange)"], "carton", True, ORANGE_J, pack_price),
    (["cows milk", "dairy milk"], "litre", False, MILKS, per_litre),
    (["plant drink (oat or soy)", "milk alternative"], "litre", True, PLANT_DRINKS, per_litre),
    (["plant based yoghurt", "vegan yoghurt"], "kilo", True, PLANT_YOG, per_kg),
    (["plant based yoghurt", "vegan yoghurt"], "pack", False, PLANT_YOG, pack_price),
    (["sour cream"], "pack", True, SOURC, pack_price),
]
T_RANK = [
    "what's the {sup} {g} you have per {u}",
    "which {g} is {sup} per {u}?",
    "{sup} {g} per {u}?",
    "looking for the {sup} {g}, counting price per {u} - which one is it",
    "of all your {g}, which has the {lh} price per {u}",
    "if i compare price per {u}, which {g} comes out {sup}",
]


def gen_store_ranking():
    cat_ = "store_ranking"
    for split in ("val", "test"):
        tks = [k for k in range(len(T_RANK)) if split_of(T_RANK, k) == split]
        for fi, (phr, u, low, ids, fn) in enumerate(RANK_FACTS):
            rng = rng_for(split, cat_)
            win, val = unique_extreme(ids, fn, low)
            k = tks[(fi + (split == "test")) % len(tks)]
            sup = "cheapest" if low else rng.choice(["most expensive", "priciest"])
            q = T_RANK[k].format(sup=sup, g=rng.choice(phr), u=u, lh="lowest" if low else "highest")
            q = casual(q, rng)
            add(cat_, k, split, random_basket(rng), q,
                {"kind": "answered", "product_ids": [win], "numbers": [{"value": val, "tolerance": 0.01}]})


# comparison families: (unit word, ids, price fn)
LOOSE_FRUIT = [i for i in FRUIT if P[i]["sold_by"] == "Weight"]
NETW_YOG = [i for i in IDS if cat(i) in ("Yoghurt", "Oatghurt", "Soyghurt") and P[i].get("net_weight_grams")]
CMP_FAMILIES = [
    ("kilo", LOOSE_FRUIT, per_kg),
    ("kilo", LOOSE_VEG, per_kg),
    ("litre", JUICE, per_litre),
    ("litre", MILKS + PLANT_DRINKS, per_litre),
    ("kilo", NETW_YOG, per_kg),
]
T_CMP = [
    ("which", "which is cheaper per {u}, {a} or {b}?"),
    ("is_cheaper", "is {a} cheaper than {b} per {u}"),
    ("diff", "whats the price difference per {u} between {a} and {b}"),
    ("which", "{a} or {b} - which costs less per {u}"),
    ("is_dearer", "is {a} more expensive than {b} per {u}?"),
    ("diff_more", "how much more per {u} does {x} cost than {y}"),
]


def gen_store_compare():
    cat_ = "store_compare"
    for k, (mode, t) in enumerate(T_CMP):
        split = split_of(T_CMP, k)
        made = 0
        while made < 4:
            rng = rng_for(split, cat_)
            u, fam, fn = CMP_FAMILIES[rng.randrange(len(CMP_FAMILIES))]
            a, b = rng.sample(fam, 2)
            pa, pb = fn(a), fn(b)
            if abs(pa - pb) < 1.0:
                continue
            ma, mb = mention(a, rng, 0.1), mention(b, rng, 0.1)
            cheap = a if pa < pb else b
            dear = b if cheap == a else a
            e = {"kind": "answered"}
            if mode == "which":
                q = t.format(u=u, a=ma, b=mb)
                e.update(product_ids=[cheap], numbers=[{"value": pa, "tolerance": 0.01}, {"value": pb, "tolerance": 0.01}])
            elif mode == "is_cheaper":
                q = t.format(u=u, a=ma, b=mb)
                e.update(regex=yn(pa < pb), product_ids=[a, b])
            elif mode == "is_dearer":
                q = t.format(u=u, a=ma, b=mb)
                e.update(regex=yn(pa > pb), product_ids=[a, b])
            elif mode == "diff":
                q = t.format(u=u, a=ma, b=mb)
                e.update(numbers=[{"value": r2(abs(pa - pb)), "tolerance": 0.01}])
            else:
                mx, my = (ma, mb) if dear == a else (mb, ma)
                q = t.format(u=u, x=mx, y=my)
                e.update(numbers=[{"value": r2(abs(pa - pb)), "tolerance": 0.01}])
            made += add(cat_, k, split, random_basket(rng), casual(q, rng), e)


# ---- origin
COUNTRIES_SOLD = sorted({origin(i) for i in IDS if origin(i)})
COUNTRIES_NOT = ["france", "greece", "morocco", "new zealand", "south africa", "portugal", "kenya", "turkey"]
assert not {c.title() for c in COUNTRIES_NOT} & set(COUNTRIES_SOLD)
COUNTRY_WORDS = {"USA": ["USA", "United States", "U.S.", "America"], "Netherlands": ["Netherlands", "Holland", "Dutch"],
                 "Sweden": ["Sweden", "Swedish"]}
LIST_COUNTRIES = [c for c in COUNTRIES_SOLD if c != "Sweden"]       # sweden: ~30 products, too long a list
T_ORIGIN = [
    ("list", "what do you have from {c}?"),
    ("where", "where are the {p} from"),
    ("is_country", "are the {p} from {c}?"),
    ("list_top", "which {top} in the store comes from {c}"),
    ("where", "{p} - what country?"),
    ("is_swedish", "is the {p} swedish"),
    ("list_any", "do you sell anything from {c}?"),
]


def gen_store_origin():
    cat_ = "store_origin"
    for k, (mode, t) in enumerate(T_ORIGIN):
        split = split_of(T_ORIGIN, k)
        made = 0
        while made < 4:
            rng = rng_for(split, cat_)
            e = {}
            if mode == "list":
                c = rng.choice(LIST_COUNTRIES)
                q = t.format(c=c.lower())
                e.update(kind="answered", product_ids=ids_where(lambda i: origin(i) == c))
            elif mode == "list_any":
                if rng.random() < 0.45:
                    c = rng.choice(COUNTRIES_NOT)
                    q = t.format(c=c)
                    e.update(regex=NEG, contains_any=[c.title()])
                else:
                    c = rng.choice(LIST_COUNTRIES)
                    q = t.format(c=c.lower())
                    e.update(kind="answered", regex=YES, product_ids=ids_where(lambda i: origin(i) == c))
            elif mode == "list_top":
                tp = rng.choice(["Fruit", "Vegetables"])
                c = rng.choice(["Sweden", "Spain", "Italy", "Netherlands", "Peru", "China", "Argentina"])
                ids = ids_where(lambda i: origin(i) == c and top(i) == tp)
                if not ids:
                    continue
                q = t.format(top="fruit" if tp == "Fruit" else "veg", c=c.lower())
                e.update(kind="answered", product_ids=ids)
            elif mode == "where":
                pid = rng.choice(IDS)
                q = t.format(p=mention(pid, rng))
                if origin(pid):
                    e.update(kind="answered", contains_any=COUNTRY_WORDS.get(origin(pid), [origin(pid)]), product_ids=[pid])
                else:
                    e.update(kind="unknown")
            elif mode == "is_country":
                pid = rng.choice([i for i in IDS if origin(i)])
                c = origin(pid) if rng.random() < 0.5 else rng.choice([x for x in COUNTRIES_SOLD if x != origin(pid)])
                q = t.format(p=mention(pid, rng), c=c.lower())
                e.update(kind="answered", regex=yn(c == origin(pid)), product_ids=[pid],
                         contains_any=sorted(set(COUNTRY_WORDS.get(c, [c]) + COUNTRY_WORDS.get(origin(pid), [origin(pid)]))))
            else:  # is_swedish
                pool = [i for i in IDS if origin(i)]
                pid = rng.choice([i for i in pool if origin(i) == "Sweden"] if rng.random() < 0.5 else
                                 [i for i in pool if origin(i) != "Sweden"])
                q = t.format(p=mention(pid, rng))
                e.update(kind="answered", regex=yn(origin(pid) == "Sweden"), product_ids=[pid],
                         contains_any=sorted(set(COUNTRY_WORDS["Sweden"] + COUNTRY_WORDS.get(origin(pid), [origin(pid)]))))
            made += add(cat_, k, split, random_basket(rng), casual(q, rng), e)


# ---- brands
def brand_ids(b):
    return ids_where(lambda i: P[i].get("brand") == b)


BRANDS_LISTABLE = [b for b in BRANDS if b != "Arla"]                 # arla: 10 products, asked as a count
BRANDS_NOT = ["skånemejerier", "innocent", "froosh", "heinz", "felix", "danone", "bregott", "coca-cola", "planti", "lindahls"]
WHO_MAKES = {  # a mention without the brand -> product
    "Arla-Sour-Milk": ["the filmjölk", "the soured milk"],
    "Arla-Lactose-Medium-Fat-Milk": ["the lactose free milk"],
    "Oatly-Oat-Milk": ["the oat milk", "the oat drink"],
    "Oatly-Natural-Oatghurt": ["the oat yoghurt", "the havregurt"],
    "Alpro-Blueberry-Soyghurt": ["the blueberry soy yoghurt"],
    "Yoggi-Vanilla-Yoghurt": ["the madagascar vanilla yoghurt"],
    "Yoggi-Strawberry-Yoghurt": ["the strawberry yoghurt"],
    "Garant-Ecological-Standard-Milk": ["the organic whole milk"],
    "Arla-Ecological-Sour-Cream": ["the organic sour cream"],
    "Bravo-Apple-Juice": ["the 2 litre apple juice"],
    "Bravo-Orange-Juice": ["the 2 litre orange juice"],
    "Tropicana-Mandarin-Morning": ["the mandarin juice"],
    "Tropicana-Golden-Grapefruit": ["the golden grapefruit juice"],
    "Arla-Natural-Mild-Low-Fat-Yoghurt": ["the 0.5% natural yoghurt"],
    "Tropicana-Juice-Smooth": ["the smooth style orange juice"],
}
GROUP_BRANDS = [
    (["juice brands", "brands of juice"], sorted({P[i]["brand"] for i in JUICE})),
    (["milk brands (dairy)", "brands of cows milk"], sorted({P[i]["brand"] for i in MILKS})),
    (["brands of oat or soy drink", "plant drink brands"], sorted({P[i]["brand"] for i in PLANT_DRINKS})),
    (["yoghurt brands (dairy yoghurt)", "brands of regular yoghurt"], sorted({P[i]["brand"] for i in DAIRY_YOG})),
]
T_BRAND = [
    ("list", "what {b} products do you have"),
    ("who", "who makes {p}?"),
    ("carry", "do you carry {b}"),
    ("groups", "which {g} do you stock?"),
    ("list", "do you stock anything from {b}? what exactly"),
    ("who", "what brand is {p}"),
    ("carry", "u have any {b} stuff?"),
    ("count", "how many {b} products does the store carry"),
]


def gen_store_brand():
    cat_ = "store_brand"
    for k, (mode, t) in enumerate(T_BRAND):
        split = split_of(T_BRAND, k)
        made = 0
        while made < 4:
            rng = rng_for(split, cat_)
            e = {}
            if mode == "list":
                b = rng.choice(BRANDS_LISTABLE)
                q = t.format(b=b.lower())
                e.update(kind="answered", product_ids=brand_ids(b))
            elif mode == "count":
                b = rng.choice(BRANDS)
                q = t.format(b=b.lower())
                e.update(kind="answered", numbers=[{"value": len(brand_ids(b)), "tolerance": 0}])
            elif mode == "who":
                pid = rng.choice(sorted(WHO_MAKES))
                q = t.format(p=rng.choice(WHO_MAKES[pid]))
                e.update(kind="answered", contains_all=[P[pid]["brand"]], product_ids=[pid])
            elif mode == "groups":
                phr, bs = rng.choice(GROUP_BRANDS)
                q = t.format(g=rng.choice(phr))
                e.update(kind="answered", contains_all=bs)
            else:
                if rng.random() < 0.5:
                    b = rng.choice(BRANDS)
                    q = t.format(b=b.lower())
                    e.update(kind="answered", regex=YES)
                    if len(brand_ids(b)) == 1:
                        e["product_ids"] = brand_ids(b)
                else:
                    b = rng.choice(BRANDS_NOT)
                    q = t.format(b=b)
                    e.update(regex=NEG, contains_any=[b])
            made += add(cat_, k, split, random_basket(rng), casual(q, rng), e)


# ---- organic options
ORG_GROUPS = [
    # (phrases, all ids in the group)
    (["fruit"], FRUIT),
    (["bananas"], ["Banana"]),
    (["veg", "vegetables"], VEG),
    (["milk"], MILKS),
    (["whole milk (3%)"], [i for i in MILKS if P[i]["attributes"].get("fat_percent") == 3]),
    (["semi-skimmed milk", "mellanmjölk"], [i for i in MILKS if P[i]["attributes"].get("fat_percent") == 1.5]),
    (["sour cream", "gräddfil"], SOURC),
    (["juice"], JUICE),
    (["yoghurt"], DAIRY_YOG + PLANT_YOG),
    (["apples"], ids_where(lambda i: cat(i) == "Apple")),
    (["oat milk", "soy milk"], PLANT_DRINKS),
    (["potatoes"], ids_where(lambda i: cat(i) == "Potato")),
    (["lactose free milk"], ["Arla-Lactose-Medium-Fat-Milk"]),
    (["tomatoes"], ids_where(lambda i: cat(i) == "Tomato")),
]
# topic words an answer about a group with no organic product must use
ORG_WORDS = {"veg": ["veg", "produce", "banana"], "juice": ["juice"], "yoghurt": ["yoghurt", "yogurt"], "apples": ["apple"],
             "oat milk": ["oat", "soy", "plant"], "potatoes": ["potato"], "lactose free milk": ["lactose"],
             "tomatoes": ["tomato"]}
T_ORGANIC = [
    ("have", "do you have organic {g}?"),
    ("have", "any eko {g}"),
    ("which", "which {g} are organic"),
    ("have", "organic {g} - do you sell that?"),
    ("have", "is there an organic version of {g}"),
    ("which", "show me the organic {g}"),
    ("all", "what's organic in the whole store?"),
]


def gen_store_organic():
    cat_ = "store_organic"
    for k, (mode, t) in enumerate(T_ORGANIC):
        split = split_of(T_ORGANIC, k)
        made = 0
        while made < (1 if mode == "all" else 4):
            rng = rng_for(split, cat_)
            if mode == "all":
                q = casual(t, rng)
                e = {"kind": "answered", "product_ids": sorted(ORGANIC)}
            else:
                phr, ids = rng.choice(ORG_GROUPS)
                org = [i for i in ids if organic(i)]
                q = casual(t.format(g=rng.choice(phr)), rng)
                if org:
                    e = {"kind": "answered", "product_ids": org}
                    if mode == "have":
                        e["regex"] = YES
                else:
                    e = {"regex": NEG, "contains_any": ORG_WORDS[phr[0]]}
            made += add(cat_, k, split, random_basket(rng), q, e)


# ---- do you sell X (sold): mentions -> set of products they cover
SOLD_MENTIONS = [(m, [pid]) for pid, ms in NAMES.items() for m in ms if "(" not in m and not m.startswith("the ")]
SOLD_MENTIONS += [
    ("tropicana", brand_ids("Tropicana")), ("oatly", brand_ids("Oatly")), ("alpro", brand_ids("Alpro")),
    ("god morgon juice", brand_ids("God Morgon")), ("valio yoghurt", brand_ids("Valio")),
    ("organic milk", [i for i in MILKS if organic(i)]), ("lactose free milk", ["Arla-Lactose-Medium-Fat-Milk"]),
    ("laktosfri mjölk", ["Arla-Lactose-Medium-Fat-Milk"]), ("organic bananas", ["Banana"]),
    ("eko bananer", ["Banana"]), ("vanilla soy yoghurt", ["Alpro-Vanilla-Soyghurt"]),
    ("soy milk", PLANT_DRINKS[1:]), ("sojadryck", PLANT_DRINKS[1:]), ("havremjölk", ["Oatly-Oat-Milk"]),
    ("organic whole milk", ["Garant-Ecological-Standard-Milk"]), ("organic sour cream", ["Arla-Ecological-Sour-Cream"]),
    ("blood grapefruit juice", ["God-Morgon-Red-Grapefruit-Juice", "God-Morgon-Orange-Red-Grapefruit-Juice"]),
    ("äpplen", ids_where(lambda i: cat(i) == "Apple")), ("päron", ids_where(lambda i: cat(i) == "Pear")),
    ("paprika", ids_where(lambda i: cat(i) == "Pepper")), ("melons", ids_where(lambda i: cat(i) == "Melon")),
    ("potatis", ["Floury-Potato", "Solid-Potato"]), ("yoghurt", DAIRY_YOG), ("apple juice", APPLE_J),
    ("orange juice", ORANGE_J), ("sour cream", SOURC),
]
assert PLANT_DRINKS[1:] == ["Alpro-Fresh-Soy-Milk", "Alpro-Shelf-Soy-Milk"], PLANT_DRINKS
T_SOLD = [
    "do you sell {x}",
    "do u have {x}?",
    "is there {x} in this store",
    "you guys have {x}",
    "looking for {x}, do you stock it?",
    "can i buy {x} here",
]


def gen_store_sold():
    cat_ = "store_sold"
    for k, t in enumerate(T_SOLD):
        split = split_of(T_SOLD, k)
        made = 0
        while made < 4:
            rng = rng_for(split, cat_)
            m, ids = rng.choice(SOLD_MENTIONS)
            if rng.random() < 0.15:
                m = typo(m, rng)
            e = {"kind": "answered", "regex": YES}
            if len(ids) == 1:
                e["product_ids"] = ids
            made += add(cat_, k, split, random_basket(rng), casual(t.format(x=m), rng), e)


# not in the catalogue -> (what the shopper types, words one of which the answer must use: it has to be about the
# thing asked, not a refusal or an answer about something else)
NOT_SOLD = [
    ("strawberries", ["strawberr"]), ("fresh blueberries", ["blueberr"]), ("raspberries", ["raspberr"]),
    ("grapes", ["grape"]), ("cherries", ["cherr"]), ("coconut", ["coconut"]), ("figs", ["fig"]),
    ("apricots", ["apricot"]), ("broccoli", ["broccoli"]), ("cauliflower", ["cauliflower"]), ("spinach", ["spinach"]),
    ("iceberg lettuce", ["lettuce"]), ("celery", ["celery"]), ("radishes", ["radish"]), ("red onions", ["red onion"]),
    ("spring onions", ["spring onion"]), ("chili peppers", ["chili", "chilli"]),
    ("white asparagus", ["white asparagus"]), ("eggs", ["egg"]), ("butter", ["butter"]), ("cheese", ["cheese"]),
    ("bread", ["bread"]), ("chicken", ["chicken"]), ("beef", ["beef"]), ("salmon", ["salmon"]), ("pasta", ["pasta"]),
    ("coffee", ["coffee"]), ("almond milk", ["almond"]), ("rice drink", ["rice drink", "rice milk"]),
    ("coconut milk", ["coconut milk"]), ("passion fruit juice", ["passion fruit juice", "passionfruit juice"]),
    ("mango juice", ["mango juice"]), ("pineapple juice", ["pineapple juice"]),
    ("lactose free whole milk", ["lactose"]), ("strawberry soy yoghurt", ["strawberry"]),
    ("vanilla oat yoghurt", ["vanilla oat", "oat yoghurt", "oat yogurt", "oatgurt"]), ("greek yoghurt", ["greek"]),
    ("kefir", ["kefir"]), ("oat cream", ["oat cream"]), ("organic apples", ["apple"]),
    ("organic orange juice", ["orange juice"]), ("jordgubbar", ["jordgubb", "strawberr"]),
    ("blåbär", ["blåbär", "blueberr"]), ("smör", ["smör", "butter"]), ("ost", [" ost", "cheese"]),
    ("ägg", ["ägg", "egg"]),
]
T_NOT_SOLD = [
    "do you guys sell {x}",
    "got {x}?",
    "where can i find {x}",
    "do you have any {x} today",
    "i need {x}, do you carry that",
    "is {x} something you sell?",
    "do you have {x} in stock?",
]


def gen_store_not_sold():
    cat_ = "store_not_sold"
    for k, t in enumerate(T_NOT_SOLD):
        split = split_of(T_NOT_SOLD, k)
        made = 0
        while made < 4:
            rng = rng_for(split, cat_)
            x, words = rng.choice(NOT_SOLD)
            made += add(cat_, k, split, random_basket(rng), casual(t.format(x=x), rng),
                        {"regex": NEG, "contains_any": words})


# ================================================================ main
def main():
    gen_allergen_product()
    gen_allergen_nolist()
    gen_allergen_basket()
    gen_allergen_store()
    gen_diet_product()
    gen_diet_basket()
    gen_unknown_fact()
    gen_store_list()
    gen_store_count()
    gen_store_ranking()
    gen_store_compare()
    gen_store_origin()
    gen_store_brand()
    gen_store_organic()
    gen_store_sold()
    gen_store_not_sold()

    per = Counter()
    for c in CASES:
        per[c["category"]] += 1
        c["id"] = f"dietstore-{c['category'].replace('_', '-')}-{per[c['category']]:03d}"
    # val and test template texts are disjoint within a category by construction (template index split)
    tmpl_split = {}
    for c in CASES:
        tmpl_split.setdefault((c["category"], c["template"]), set()).add(c["split"])
    assert all(len(v) == 1 for v in tmpl_split.values())
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))
    with open(OUT, "w", encoding="utf-8") as f:
        for c in CASES:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    cnt = Counter((c["category"], c["split"]) for c in CASES)
    cats = sorted({c["category"] for c in CASES})
    print(f"{'category':<20} {'val':>5} {'test':>5}")
    for ct in cats:
        print(f"{ct:<20} {cnt[(ct, 'val')]:>5} {cnt[(ct, 'test')]:>5}")
    nv = sum(1 for c in CASES if c["split"] == "val")
    print(f"{'all':<20} {nv:>5} {len(CASES) - nv:>5}   total {len(CASES)} -> {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
