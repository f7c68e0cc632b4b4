"""Seeded generator of tools.match conformance cases from BFCL v4 data (run outside CI).

Reads BFCL's own test entries and possible answers, builds model outputs that are right or perturbed in every
way the AST checker distinguishes, and writes cases.json: the function documents of the expected calls, the
possible answers (as JSON text, so 6 and 6.0 stay apart) and the model outputs (JSON text).

    python3 generate.py --data <gorilla>/berkeley-function-call-leaderboard/bfcl_eval/data --out cases.json
"""

import argparse
import copy
import json
import random

CATEGORIES = [
    "simple_python",
    "multiple",
    "parallel",
    "parallel_multiple",
    "live_simple",
    "live_multiple",
    "live_parallel",
    "live_parallel_multiple",
]
PER_CATEGORY = {"live_parallel": 15, "live_parallel_multiple": 23}
SOURCES_PER_CATEGORY = 95
CASES_PER_SOURCE = 3


def load(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                e = json.loads(line)
                out[e["id"]] = e
    return out


def doc_of(functions, name):
    for f in functions:
        if f["name"] == name:
            return f
    return None


def choose(rng, possible, omit_optional):
    """A value the possible answers accept, or None to omit (only when "" marks it optional)."""
    values = [v for v in possible if v != ""]
    if not values or ("" in possible and omit_optional):
        return None, True
    v = copy.deepcopy(rng.choice(values))
    if isinstance(v, dict):
        v = {k: copy.deepcopy(rng.choice([x for x in vs if x != ""] or [None])) for k, vs in v.items()
             if not ("" in vs and rng.random() < 0.4)}
        v = {k: x for k, x in v.items() if x is not None}
    elif isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
        v = [{k: copy.deepcopy(rng.choice([x for x in vs if x != ""] or [None])) for k, vs in d.items()
              if not ("" in vs and rng.random() < 0.4)} for d in v]
    return v, False


def right_call(rng, name, params):
    args = {}
    for p, possible in params.items():
        v, omitted = choose(rng, possible, rng.random() < 0.5)
        if not omitted:
            args[p] = v
    return {name: args}


def twist_string(rng, s):
    kinds = ["case", "space", "punct", "other_punct", "tab", "quote", "word"]
    k = rng.choice(kinds)
    if k == "case":
        return k, "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in s)
    if k == "space":
        i = rng.randint(0, len(s))
        return k, s[:i] + " " + s[i:] if rng.random() < 0.6 else s.replace(" ", "")
    if k == "punct":
        i = rng.randint(0, len(s))
        return k, s[:i] + rng.choice(",./-_*^") + s[i:]
    if k == "other_punct":
        i = rng.randint(0, len(s))
        return k, s[:i] + rng.choice("!;?:()#") + s[i:]
    if k == "tab":
        return k, (s.replace(" ", "\t", 1) if " " in s else s + "\t") if rng.random() < 0.5 else s + "\u00a0"
    if k == "quote":
        return k, s.replace('"', "'") if '"' in s else "'" + s + "'"
    return k, s + "x" if s else "x"


def twist_value(rng, v, ptype, item_type):
    """A perturbed value for one parameter and the name of the perturbation."""
    if isinstance(v, bool):
        return "bool_flip", (not v) if rng.random() < 0.5 else ("true" if v else 0)
    if isinstance(v, int):
        r = rng.random()
        if r < 0.45:
            return "int_as_float", float(v)
        if r < 0.6:
            return "int_as_bool", True
        if r < 0.8:
            return "int_as_string", str(v)
        return "int_changed", v + rng.choice([-1, 1, 10])
    if isinstance(v, float):
        r = rng.random()
        if r < 0.4:
            return "float_as_int", int(v) if v == int(v) else int(round(v))
        if r < 0.6:
            return "float_as_string", repr(v)
        return "float_changed", v + 0.5
    if isinstance(v, str):
        if rng.random() < 0.12:
            return "string_as_int", 7
        k, s = twist_string(rng, v)
        return "string_" + k, s
    if isinstance(v, list):
        if v and all(isinstance(x, int) and not isinstance(x, bool) for x in v):
            r = rng.random()
            if r < 0.5:
                return "int_items_as_float", [float(x) for x in v]
            if r < 0.7:
                return "list_partly_float", [float(x) if i == 0 else x for i, x in enumerate(v)]
        if v and all(isinstance(x, float) for x in v) and rng.random() < 0.6:
            return "float_items_as_int", [int(x) if x == int(x) else x for x in v]
        if v and all(isinstance(x, dict) for x in v):
            r = rng.random()
            if r < 0.3 and len(v) > 1:
                return "list_dicts_reordered", list(reversed(v))
            d = copy.deepcopy(v)
            k = rng.choice(list(d[0].keys())) if d[0] else None
            if k is None or r < 0.5:
                d[0]["extra_key"] = "x"
                return "list_dict_extra_key", d
            if r < 0.75:
                del d[0][k]
                return "list_dict_key_missing", d
            d[0][k] = twist_value(rng, d[0][k], None, None)[1]
            return "list_dict_value", d
        if v and all(isinstance(x, str) for x in v):
            r = rng.random()
            if r < 0.35:
                i = rng.randrange(len(v))
                w = list(v)
                w[i] = twist_string(rng, w[i])[1]
                return "list_string_item", w
        r = rng.random()
        if r < 0.3 and len(v) > 1:
            return "list_reordered", list(reversed(v))
        if r < 0.6 and v:
            return "list_item_dropped", v[:-1]
        if r < 0.75:
            return "list_empty", []
        return "list_as_scalar", v[0] if v else "x"
    if isinstance(v, dict):
        d = copy.deepcopy(v)
        r = rng.random()
        if not d or r < 0.3:
            d["extra_key"] = 1
            return "dict_extra_key", d
        k = rng.choice(list(d.keys()))
        if r < 0.55:
            del d[k]
            return "dict_key_missing", d
        d[k] = twist_value(rng, d[k], None, None)[1]
        return "dict_value", d
    if v is None:
        return "null_to_string", "None"
    return "unknown", v


def perturb(rng, calls, expected, functions, category):
    """One perturbation of a right output; returns (kind, calls, possible answers or None when unchanged)."""
    for _ in range(8):
        kind, out, exp2 = perturb_once(rng, calls, expected, functions, category)
        if kind != "correct":
            break
    return kind, out, exp2


def weight(v):
    """Rarer value shapes (lists, dicts, floats) are perturbed more often."""
    if isinstance(v, (list, dict)):
        return 6
    if isinstance(v, float):
        return 4
    return 1


def perturb_once(rng, calls, expected, functions, category):
    calls = copy.deepcopy(calls)
    if not calls:
        return "no_calls", calls, None
    i = rng.randrange(len(calls))
    name = next(iter(calls[i]))
    args = calls[i][name]
    doc = doc_of(functions, next(iter(expected[min(i, len(expected) - 1)]))) or {}
    props = doc.get("parameters", {}).get("properties", {})
    required = doc.get("parameters", {}).get("required", [])
    exp_params = next(iter(expected[min(i, len(expected) - 1)].values()))
    options = ["value"] * 6 + ["wrong_name", "missing_required", "missing_unmarked", "extra_param",
                                "extra_documented", "null_value", "drop_call", "dup_call"]
    if len(calls) > 1:
        options += ["reorder", "reorder", "swap_values"]
        if "parallel" in category:
            options += ["greedy_trap", "greedy_trap"]
    k = rng.choice(options)
    if k == "value" and args:
        keys = list(args.keys())
        p = rng.choices(keys, weights=[weight(args[q]) for q in keys])[0]
        pt = props.get(p, {}).get("type")
        it = props.get(p, {}).get("items", {}).get("type") if isinstance(props.get(p), dict) else None
        kind, args[p] = twist_value(rng, args[p], pt, it)
        return kind, calls, None
    if k == "wrong_name":
        others = [f["name"] for f in functions if f["name"] != name]
        new = rng.choice(others) if others and rng.random() < 0.5 else name + rng.choice(["_v2", "s", "_"])
        calls[i] = {new: args}
        return "wrong_name", calls, None
    if k == "missing_required":
        present = [p for p in required if p in args]
        if present:
            del args[rng.choice(present)]
            return "missing_required", calls, None
    if k == "missing_unmarked":
        cand = [p for p in args if p not in required and "" not in exp_params.get(p, [""])]
        if cand:
            del args[rng.choice(cand)]
            return "missing_unmarked_optional", calls, None
        cand = [p for p in args if "" in exp_params.get(p, [])]
        if cand:
            del args[rng.choice(cand)]
            return "omit_marked_optional", calls, None
    if k == "extra_param":
        args[rng.choice(["verbose", "extra", "unit", "limit"])] = rng.choice([True, 1, "x", 2.5])
        return "extra_param", calls, None
    if k == "extra_documented":
        cand = [p for p in props if p not in exp_params and p not in args]
        if cand:
            args[rng.choice(cand)] = "x"
            return "extra_documented_param", calls, None
        cand = [p for p in exp_params if p not in args]
        if cand:
            p = rng.choice(cand)
            v, omitted = choose(rng, exp_params[p], False)
            if not omitted:
                args[p] = v
                return "optional_given", calls, None
    if k == "null_value" and args:
        args[rng.choice(list(args.keys()))] = None
        return "null_value", calls, None
    if k == "drop_call":
        del calls[i]
        return "drop_call", calls, None
    if k == "dup_call":
        calls.insert(i, copy.deepcopy(calls[i]))
        return "dup_call", calls, None
    if k == "reorder" and len(calls) > 1:
        rng.shuffle(calls)
        return "reorder", calls, None
    if k == "swap_values" and len(calls) > 1:
        j = (i + 1) % len(calls)
        a, b = calls[i][next(iter(calls[i]))], calls[j][next(iter(calls[j]))]
        common = [p for p in a if p in b and a[p] != b[p]]
        if common:
            p = rng.choice(common)
            a[p], b[p] = b[p], a[p]
            return "swap_values", calls, None
    if k == "greedy_trap":
        # Widen the first expected call to accept the second's values too: the first output then satisfies
        # both, and greedy matching (first valid output per expected call) can strand the second.
        names = [next(iter(e)) for e in expected]
        for a in range(len(expected)):
            for b in range(len(expected)):
                if a != b and names[a] == names[b]:
                    exp2 = copy.deepcopy(expected)
                    pa, pb = exp2[a][names[a]], exp2[b][names[b]]
                    for p in set(pa) | set(pb):
                        merged = list(pa.get(p, [""]))
                        for v in pb.get(p, [""]):
                            if v not in merged:
                                merged.append(v)
                        pa[p] = merged
                    # Outputs: b's answer first, then a's; a (checked first) takes b's output greedily.
                    out = [right_call(rng, names[b], expected[b][names[b]]) if x == a else
                           right_call(rng, names[x], expected[x][names[x]]) for x in range(len(expected))]
                    out_b = right_call(rng, names[b], expected[b][names[b]])
                    out_a = right_call(rng, names[a], expected[a][names[a]])
                    rest = [out[x] for x in range(len(expected)) if x not in (a, b)]
                    return "greedy_trap", [out_b, out_a] + rest, exp2
    return "correct", calls, None


def checker_view(doc):
    """A function document reduced to what the AST checker reads: name, parameter types (with item types),
    required parameters. Descriptions and the rest of BFCL's prose stay out of the fixture."""
    def slim(schema):
        out = {k: schema[k] for k in ("type",) if k in schema}
        if isinstance(schema.get("items"), dict):
            out["items"] = slim(schema["items"])
        if isinstance(schema.get("properties"), dict):
            out["properties"] = {k: slim(v) for k, v in schema["properties"].items() if isinstance(v, dict)}
        return out

    params = doc.get("parameters", {})
    view = {"name": doc["name"], "parameters": slim(params)}
    if "required" in params:
        view["parameters"]["required"] = params["required"]
    return view


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=20261207)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    sources = {}
    cases = []
    for cat in CATEGORIES:
        entries = load(f"{a.data}/BFCL_v4_{cat}.json")
        answers = load(f"{a.data}/possible_answer/BFCL_v4_{cat}.json")
        ids = sorted(i for i in entries if i in answers)
        n = min(len(ids), PER_CATEGORY.get(cat, SOURCES_PER_CATEGORY))
        for sid in rng.sample(ids, n):
            expected = answers[sid]["ground_truth"]
            fns = entries[sid]["function"]
            names = {next(iter(e)) for e in expected}
            docs = [f for f in fns if f["name"] in names]
            others = [f["name"] for f in fns if f["name"] not in names][:3]
            sources[sid] = {"category": cat, "function": docs, "other_names": others,
                            "ground_truth": json.dumps(expected)}
            for c in range(CASES_PER_SOURCE + (2 if "parallel" in cat else 0)):
                right = [right_call(rng, next(iter(e)), next(iter(e.values()))) for e in expected]
                if c == 0:
                    kind, out, exp2 = "correct", right, None
                else:
                    kind, out, exp2 = perturb(rng, right, expected, docs + [{"name": n} for n in others], cat)
                    if rng.random() < 0.15 and kind not in ("greedy_trap", "correct"):
                        k2, out, _ = perturb(rng, out, expected, docs, cat)
                        kind = kind + "+" + k2
                case = {"id": f"{sid}#{c}", "source": sid, "kind": kind, "output": json.dumps(out)}
                if exp2 is not None:
                    case["ground_truth"] = json.dumps(exp2)
                cases.append(case)
    # Targeted cases: every remaining entry with a list, dict or float parameter gets that parameter perturbed
    # (such parameters are rare in the random sample, and their type rules are where checkers differ).
    targeted = 0
    for cat in CATEGORIES:
        entries = load(f"{a.data}/BFCL_v4_{cat}.json")
        answers = load(f"{a.data}/possible_answer/BFCL_v4_{cat}.json")
        for sid in sorted(i for i in entries if i in answers and i not in sources):
            expected = answers[sid]["ground_truth"]
            fns = entries[sid]["function"]
            spots = []
            for ci, e in enumerate(expected):
                doc = doc_of(fns, next(iter(e))) or {}
                props = doc.get("parameters", {}).get("properties", {})
                for p, possible in next(iter(e.values())).items():
                    t = props.get(p, {}).get("type") if isinstance(props.get(p), dict) else None
                    if t in ("array", "dict", "tuple", "float") and any(v != "" for v in possible):
                        spots.append((ci, p))
            if not spots or targeted >= 330:
                continue
            targeted += 1
            names = {next(iter(e)) for e in expected}
            sources[sid] = {"category": cat, "function": [f for f in fns if f["name"] in names],
                            "other_names": [], "ground_truth": json.dumps(expected)}
            for c in range(2):
                ci, p = rng.choice(spots)
                e = expected[ci]
                name, params = next(iter(e.items()))
                out = [right_call(rng, next(iter(x)), next(iter(x.values()))) for x in expected]
                v, omitted = choose(rng, params[p], False)
                if omitted:
                    continue
                if c == 1 and "" in params[p] and isinstance(v, list) and rng.random() < 0.3:
                    kind, nv = "optional_list_empty", []
                else:
                    kind, nv = twist_value(rng, v, None, None)
                out[ci][name][p] = nv
                cases.append({"id": f"{sid}#t{c}", "source": sid, "kind": kind, "output": json.dumps(out)})
    for src in sources.values():
        src["function"] = [checker_view(f) for f in src["function"]]
    with open(a.out, "w", encoding="utf-8") as f:
        json.dump({"seed": a.seed, "sources": sources, "cases": cases}, f, ensure_ascii=False, indent=0)
    print(len(sources), "sources", len(cases), "cases")


if __name__ == "__main__":
    main()
