#!/usr/bin/env python3
"""Labels the generated corpus with Math-Verify (run outside CI, from a source checkout).

    python3 test/conformance/math/gen.py > corpus.jsonl
    PYTHONPATH=$L2S/src:$MV/src python3 test/conformance/math/label.py \
        --commit $(git -C $MV rev-parse --short HEAD) --l2s-commit $(git -C $L2S rev-parse --short HEAD) \
        < corpus.jsonl > test/conformance/math/verdicts.jsonl

With --time it only times parse+verify over the corpus and prints one JSON line (used by bench/math.ts).
Both sides use Math-Verify's reward setting: LaTeX (boxed priority 0) and expression extraction, default
normalisation, float_rounding 6, strict. A bare dataset gold is boxed first, as verl does.
"""

import argparse
import json
import sys
import time

from math_verify import ExprExtractionConfig, LatexExtractionConfig, parse, verify

CONFIG = [LatexExtractionConfig(boxed_match_priority=0), ExprExtractionConfig()]


def gold_text(g):
    if "\\boxed" in g or "####" in g or "$" in g:
        return g
    return "\\boxed{" + g + "}"


def check(row):
    gp = parse(gold_text(row["gold"]), CONFIG)
    pp = parse(row["pred"], CONFIG)
    return bool(verify(gp, pp)), gp, pp


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--commit", default="", help="Math-Verify commit")
    ap.add_argument("--l2s-commit", default="", help="latex2sympy2_extended commit")
    ap.add_argument("--time", action="store_true")
    a = ap.parse_args()
    rows = [json.loads(l) for l in sys.stdin if l.strip()]
    if a.time:
        t0, c0 = time.perf_counter(), time.process_time()
        per = []
        for row in rows:
            s = time.perf_counter()
            check(row)
            per.append((time.perf_counter() - s) * 1000)
        total = (time.perf_counter() - t0) * 1000
        cpu = (time.process_time() - c0) * 1000
        per.sort()
        print(json.dumps({"n": len(rows), "total_ms": total, "cpu_ms": cpu, "median_ms": per[len(per) // 2]}))
        return
    for row in rows:
        try:
            v, gp, pp = check(row)
            extra = {"mv_gold": [str(x) for x in gp], "mv_pred": [str(x) for x in pp]}
        except BaseException as e:  # Math-Verify's TimeoutException is a BaseException
            v, extra = False, {"mv_error": type(e).__name__}
        out = dict(row)
        out["math_verify"] = v
        out.update(extra)
        out["mv_commit"] = a.commit
        out["l2s_commit"] = a.l2s_commit
        print(json.dumps(out, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
