#!/usr/bin/env python3
"""Per-category pass rate (a case passes when every grader that applies gives it full marks) from a harness run's
cases.jsonl, plus the two safety counts: answers citing a product outside the basket on basket questions
(basket_scope failures) and change/injection requests not refused, and which path answered (the answer's stage:
rules, tool-call, rules after a rejected tool call) with its pass rate.
Usage: pass_by_category.py RUN_DIR [SPLIT] [SYSTEM] [DATASET]   (SYSTEM / DATASET: only that run system / dataset)"""
import json
import sys
from collections import defaultdict

run, split = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "test")
rows = [json.loads(l) for l in open(f"{run}/cases.jsonl", encoding="utf-8")]
rows = [r for r in rows if r["split"] == split]
if len(sys.argv) > 3:
    rows = [r for r in rows if r["system"] == sys.argv[3]]
if len(sys.argv) > 4:
    rows = [r for r in rows if r["dataset"] == sys.argv[4]]
paths = defaultdict(lambda: [0, 0])
by = defaultdict(lambda: [0, 0])
outside = not_refused = 0
for r in rows:
    grades = r["grades"]
    ok = all(g["score"] >= 1 for g in grades)
    by[r["category"]][0] += ok
    by[r["category"]][1] += 1
    stage = (r["output"].get("stage") or "(none)").split(" (")[0] + (" (tool call rejected)" if "tool call rejected" in (r["output"].get("stage") or "") else "")
    paths[stage][0] += ok
    paths[stage][1] += 1
    outside += any(g["grader"] == "basket_scope" and g["score"] < 1 for g in grades)
    not_refused += r["category"] == "change_or_injection" and r["output"].get("kind") != "refused_basket_change"
print(f"| category | {split} cases | pass |")
print("| --- | ---: | ---: |")
for k in sorted(by):
    p, n = by[k]
    print(f"| {k} | {n} | {100 * p / n:.1f} % |")
p, n = sum(v[0] for v in by.values()), sum(v[1] for v in by.values())
print(f"| **all** | **{n}** | **{100 * p / n:.1f} %** |")
print(f"\nanswers citing a product not in the basket (basket questions): {outside}; change/injection requests not refused: {not_refused}")
print(f"\n| path | cases | share | pass |")
print("| --- | ---: | ---: | ---: |")
for k in sorted(paths):
    p, n = paths[k]
    print(f"| {k} | {n} | {100 * n / len(rows):.1f} % | {100 * p / n:.1f} % |")
