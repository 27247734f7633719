#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# link_eval.py - pairwise precision, recall and F1 of `cg export links`
# against the synthetic world's truth (docs/exports.md, truth/records.csv).
# Usage: link_eval.py LINKS.csv TRUTH_RECORDS.csv [MIN_PRECISION MIN_RECALL]
# Prints one line of figures; exits 1 when a minimum is given and missed,
# or when a record of the truth is missing from the export.
import csv, sys
from collections import Counter, defaultdict

def load(path, col):
    with open(path, newline="", encoding="utf-8") as f:
        r = csv.DictReader(f)
        return {(row["source_agency"], row["source_record_id"]): row[col] for row in r}

links = load(sys.argv[1], "person_id")
truth = load(sys.argv[2], "true_person_id")
missing = [k for k in truth if k not in links]
keys = [k for k in truth if k in links]

def pairs_within(groups):
    return sum(n * (n - 1) // 2 for n in groups.values())

pred = Counter(links[k] for k in keys)
true = Counter(truth[k] for k in keys)
both = Counter((links[k], truth[k]) for k in keys)
tp = pairs_within(both)
pp = pairs_within(pred)
tpairs = pairs_within(true)
precision = tp / pp if pp else 1.0
recall = tp / tpairs if tpairs else 1.0
f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
print("records %d (missing %d); clusters: predicted %d, true %d; pairs: predicted %d, true %d, "
      "correct %d; precision %.4f recall %.4f F1 %.4f"
      % (len(keys), len(missing), len(pred), len(true), pp, tpairs, tp, precision, recall, f1))
ok = not missing
if len(sys.argv) > 4:
    ok = ok and precision >= float(sys.argv[3]) and recall >= float(sys.argv[4])
sys.exit(0 if ok else 1)
