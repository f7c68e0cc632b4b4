#!/usr/bin/env python3
"""Held-out corpus for math.equivalent, written independently of gen.py (own seed, phrasings and forms).

    python3 test/conformance/math/gen_heldout.py > heldout.jsonl
    # then label.py as its usage note says, writing test/conformance/math/heldout-verdicts.jsonl

Each row is {"id", "class", "gold", "pred", "label"}; `label` is the mathematically right verdict, known by
construction. Every class mixes right answers written another way with near misses.
"""

import argparse
import json
import random

LEADS = [
    "Okay, so I need to find the requested quantity.",
    "Let me think about this carefully.",
    "We begin by reading off the given data.",
    "Alright, let's set up an equation.",
    "Consider the constraints one at a time.",
    "I will compute each piece and then combine them.",
]

STEPS = [
    "Note that ${a} \\cdot {b} = {c}$, which we will need later.",
    "The first case gives {a} possibilities and the second gives {b}.",
    "Dividing {c} by {a}, we obtain {b}.",
    "If we subtract {a} from {c}, that leaves {d}.",
    "So far the running total is {c}, and we still have {b} left to add.",
]


def think(r):
    a, b = r.randint(3, 40), r.randint(3, 40)
    step = r.choice(STEPS).format(a=a, b=b, c=a * b, d=a * b - a)
    return f"{r.choice(LEADS)} {step}"


def latex_end(r, ans):
    """A final line holding the LaTeX answer `ans`, phrased unlike gen.py."""
    s = r.randrange(10)
    if s == 0:
        return f"Hence the required value is $\\boxed{{{ans}}}$."
    if s == 1:
        return f"Putting everything together, we conclude\n$$\n\\boxed{{{ans}}}\n$$"
    if s == 2:
        return f"The answer is therefore $\\displaystyle \\boxed{{{ans}}}$."
    if s == 3:
        return f"### Final answer\n\\[ \\boxed{{ {ans} }} \\]"
    if s == 4:
        return f"So, the final answer is: $\\boxed{{{ans}}}$"
    if s == 5:
        return f"</think>\n\nThe result is \\(\\boxed{{{ans}}}\\)."
    if s == 6:
        return f"Thus we obtain ${ans}$ as the final result, i.e. $\\boxed{{{ans}}}$."
    if s == 7:
        return f"**Final Answer**\n$\\boxed{{{ans}}}$"
    if s == 8:
        return f"<answer>\\boxed{{{ans}}}</answer>"
    return f"The final answer is $\\boxed{{{ans}}}$. I hope it is correct."


def plain_end(r, ans):
    """A final line holding a plain-text answer."""
    s = r.randrange(8)
    if s == 0:
        return f"The answer is {ans}."
    if s == 1:
        return f"**Answer: {ans}**"
    if s == 2:
        return f"#### {ans}"
    if s == 3:
        return f"<answer>{ans}</answer>"
    if s == 4:
        return f"Final Answer: {ans}"
    if s == 5:
        return f"Therefore, the answer is {ans}."
    if s == 6:
        return f"**Final answer:** {ans}"
    return f"So the answer is **{ans}**."


def pred_latex(r, ans):
    return f"{think(r)}\n\n{latex_end(r, ans)}"


def pred_plain(r, ans):
    return f"{think(r)}\n\n{plain_end(r, ans)}"


def pred_any(r, ans):
    return pred_latex(r, ans) if r.random() < 0.6 else pred_plain(r, ans)


def gold(r, ans):
    """MATH's bare answer, a Numina-style solution that ends in a box, or a boxed bare answer."""
    s = r.randrange(3)
    if s == 0:
        return ans
    if s == 1:
        return f"Combining the two cases we find the value. The answer is $\\boxed{{{ans}}}$."
    return f"\\boxed{{{ans}}}"


def pick(r, right, wrong):
    """Half right forms, half near misses."""
    if r.random() < 0.5:
        return r.choice(right), True
    return r.choice(wrong), False


# ---------------------------------------------------------------------------------------------------
# Classes; each returns (gold, pred, label).


def c_aime(r):
    n = r.randint(1, 999)
    g = r.choice([f"{n:03d}", str(n)])
    ans, ok = pick(r, [f"{n:03d}", str(n)], [str(n + 1), str(max(0, n - 1)), f"{(n + 10) % 1000:03d}"])
    if str(ans).lstrip("0") == str(n).lstrip("0") and not ok:
        ans = str(n + 2)
    return gold(r, g), pred_latex(r, ans), ok


def c_gsm_money(r):
    n = r.randint(1000, 99999)
    g = f"He pays {r.randint(2, 9)} times as much.\n#### {n}"
    c = f"{n:,}"
    right = [f"{c} dollars", f"\\${c}", f"${c}", f"{n}", f"\\${n}.00"]
    wrong = [f"{n + 1:,} dollars", f"\\${n - 10:,}", f"{n * 10:,}", f"{(n // 10):,}"]
    ans, ok = pick(r, right, wrong)
    if "\\$" in ans:
        return g, pred_latex(r, ans), ok
    return g, pred_plain(r, ans), ok


def c_gsm_hash(r):
    n = r.randint(-50, 5000)
    g = f"So she needs {r.randint(2, 9)} more.\n#### {n}"
    right = [f"#### {n}", f"#### {n:,}"]
    wrong = [f"#### {n + 1}", f"#### {-n if n else 7}", f"#### {n * 2 + 1}"]
    ans, ok = pick(r, right, wrong)
    return g, f"{think(r)}\n{ans}", ok


def c_percent(r):
    p = r.randint(1, 99)
    g = gold(r, f"{p}\\%")
    right = [f"{p}\\%", f"{p} \\%", f"{p}"]
    wrong = [f"{p + 1}\\%", f"{p + 5}", f"{(p + 50) % 100 or 3}\\%"]
    ans, ok = pick(r, right, wrong)
    return g, pred_latex(r, ans), ok


def c_fraction_styles(r):
    a, b = r.choice([(1, 3), (2, 5), (3, 4), (5, 8), (7, 12), (4, 9), (9, 16), (11, 20)])
    g = gold(r, r.choice([f"\\frac{{{a}}}{{{b}}}", f"\\dfrac{{{a}}}{{{b}}}"]))
    right = [f"\\tfrac{{{a}}}{{{b}}}", f"\\dfrac{{{a}}}{{{b}}}", f"{a}/{b}", f"\\frac{{{2 * a}}}{{{2 * b}}}"]
    wrong = [f"\\frac{{{b}}}{{{a}}}", f"\\frac{{{a + 1}}}{{{b}}}", f"\\frac{{{a}}}{{{b + 1}}}"]
    ans, ok = pick(r, right, wrong)
    return g, pred_latex(r, ans), ok


def c_repeating(r):
    a, b, rep = r.choice([(1, 3, "3"), (2, 3, "6"), (1, 9, "1"), (5, 9, "5"), (1, 11, "09"), (7, 9, "7")])
    g = gold(r, f"\\frac{{{a}}}{{{b}}}")
    right = [f"0.\\overline{{{rep}}}", f"\\frac{{{a}}}{{{b}}}"]
    short = "0." + (rep * 3)[:3]
    wrong = [short, "0." + (rep * 2)[:2], f"0.{rep}"]
    ans, ok = pick(r, right, wrong)
    return g, pred_latex(r, ans), ok


def c_cube_root(r):
    k = r.choice([2, 3, 5, 6, 7, 10])
    g = gold(r, f"\\sqrt[3]{{{k}}}")
    right = [f"\\sqrt[3]{{{k}}}", f"{k}^{{1/3}}", f"{k}^{{\\frac{{1}}{{3}}}}"]
    wrong = [f"\\sqrt{{{k}}}", f"\\sqrt[3]{{{k + 1}}}", f"{k}^{{3}}"]
    ans, ok = pick(r, right, wrong)
    return g, pred_latex(r, ans), ok


def c_interval(r):
    a = r.randint(-9, 9)
    lb, rb = r.choice([("(", ")"), ("[", ")"), ("(", "]")])
    if r.random() < 0.5:
        core = f"(-\\infty, {a}{rb}" if rb == "]" else f"(-\\infty, {a})"
        lr = f"\\left(-\\infty, {a}\\right{rb}"
        wrong_core = f"(-\\infty, {a}]" if rb == ")" else f"(-\\infty, {a})"
        wrong = [wrong_core, f"(-\\infty, {a + 1}{rb}", f"({a}, \\infty)"]
    else:
        core = f"{lb}{a}, \\infty)"
        lr = f"\\left{lb}{a}, \\infty\\right)"
        wrong = [f"{'[' if lb == '(' else '('}{a}, \\infty)", f"{lb}{a - 1}, \\infty)", f"(-\\infty, {a})"]
    right = [core, lr, core.replace(", ", ",")]
    ans, ok = pick(r, right, wrong)
    return gold(r, core), pred_latex(r, ans), ok


def c_union(r):
    a = r.randint(-9, 0)
    b = a + r.randint(1, 6)
    g = f"(-\\infty, {a}) \\cup ({b}, \\infty)"
    right = [g, f"\\left(-\\infty,{a}\\right)\\cup\\left({b},\\infty\\right)", f"({b}, \\infty) \\cup (-\\infty, {a})"]
    wrong = [f"(-\\infty, {a}] \\cup ({b}, \\infty)", f"(-\\infty, {a}) \\cup ({b + 1}, \\infty)", f"({a}, {b})"]
    ans, ok = pick(r, right, wrong)
    return gold(r, g), pred_latex(r, ans), ok


def c_plus_minus(r):
    a, k = r.randint(1, 9), r.choice([2, 3, 5, 7])
    g = f"{a} \\pm \\sqrt{{{k}}}"
    right = [f"{a}\\pm\\sqrt{{{k}}}", f"{a} \\pm \\sqrt {k}"]
    wrong = [f"{a}\\pm\\sqrt{{{k + 1}}}", f"-{a}\\pm\\sqrt{{{k}}}", f"{a}\\pm {k}"]
    ans, ok = pick(r, right, wrong)
    return gold(r, g), pred_latex(r, ans), ok


def c_matrix(r):
    m = [r.randint(-9, 9) for _ in range(4)]
    g = f"\\begin{{pmatrix}} {m[0]} & {m[1]} \\\\ {m[2]} & {m[3]} \\end{{pmatrix}}"
    right = [
        g,
        f"\\begin{{pmatrix}}{m[0]}&{m[1]}\\\\{m[2]}&{m[3]}\\end{{pmatrix}}",
        f"\\begin{{bmatrix}} {m[0]} & {m[1]} \\\\ {m[2]} & {m[3]} \\end{{bmatrix}}",
    ]
    wrong = [
        f"\\begin{{pmatrix}} {m[0]} & {m[2]} \\\\ {m[1]} & {m[3]} \\end{{pmatrix}}",
        f"\\begin{{pmatrix}} {m[0] + 1} & {m[1]} \\\\ {m[2]} & {m[3]} \\end{{pmatrix}}",
    ]
    ans, ok = pick(r, right, wrong)
    if not ok and m[1] == m[2] and "& {m[2]} \\\\ {m[1]}".format(m=m) in ans:
        ok = True
    return gold(r, g), pred_latex(r, ans), ok


def c_vector(r):
    v = [r.randint(-9, 9) for _ in range(3)]
    g = f"\\begin{{pmatrix}} {v[0]} \\\\ {v[1]} \\\\ {v[2]} \\end{{pmatrix}}"
    right = [g, f"\\begin{{pmatrix}}{v[0]}\\\\{v[1]}\\\\{v[2]}\\end{{pmatrix}}"]
    wrong = [f"\\begin{{pmatrix}} {v[0]} \\\\ {v[1]} \\\\ {v[2] + 1} \\end{{pmatrix}}",
             f"\\begin{{pmatrix}} {-v[0] if v[0] else 4} \\\\ {v[1]} \\\\ {v[2]} \\end{{pmatrix}}"]
    ans, ok = pick(r, right, wrong)
    return gold(r, g), pred_latex(r, ans), ok


def c_degrees(r):
    d = r.choice([15, 20, 36, 40, 72, 75, 100, 108, 120, 135, 150])
    g = gold(r, f"{d}^\\circ")
    right = [f"{d}^{{\\circ}}", f"{d}°", f"{d}^\\circ", f"{d}"]
    wrong = [f"{d + 10}^\\circ", f"{180 - d}^{{\\circ}}", f"{d // 2}°"]
    ans, ok = pick(r, right, wrong)
    return g, pred_latex(r, ans), ok


def c_units(r):
    n = r.randint(2, 400)
    u = r.choice(["cm", "m", "in", "ft"])
    g = gold(r, f"{n}\\text{{ {u}}}^2")
    right = [f"{n}\\text{{ {u}}}^2", f"{n} \\, \\text{{{u}}}^2", f"{n}", f"{n}\\ \\mathrm{{{u}}}^{{2}}"]
    wrong = [f"{n * 100}", f"{n + 1}\\text{{ {u}}}^2", f"{n * 10}\\text{{ {u}}}^2"]
    ans, ok = pick(r, right, wrong)
    return g, pred_latex(r, ans), ok


def c_dollars(r):
    cents = r.randint(101, 99999)
    d = f"{cents // 100}.{cents % 100:02d}"
    g = gold(r, f"\\${d}")
    right = [f"\\${d}", d, f"\\text{{\\$}}{d}"]
    wrong = [f"\\${cents // 100 + 1}.{cents % 100:02d}", f"\\${cents}", f"\\${cents // 100}.{(cents % 100 + 1) % 100:02d}"]
    ans, ok = pick(r, right, wrong)
    return g, pred_latex(r, ans), ok


def c_choice_wrappers(r):
    L = r.choice("ABCDE")
    g = r.choice([L, f"\\text{{({L})}}", f"({L})", f"\\textbf{{({L})}}"])
    other = r.choice([x for x in "ABCDE" if x != L])
    X, ok = (L, True) if r.random() < 0.5 else (other, False)
    forms = [
        (f"\\boxed{{{X}}}", "l"),
        (f"\\boxed{{\\text{{{X}}}}}", "l"),
        (f"\\boxed{{\\textbf{{({X})}}}}", "l"),
        (f"\\boxed{{\\mathrm{{({X})}}}}", "l"),
        (f"Therefore the correct choice is **({X})**.", "p"),
        (f"The answer is ({X}).", "p"),
        (f"**Answer:** {X}", "p"),
        (f"<answer>{X}</answer>", "p"),
        (f"Answer: ({X})", "p"),
    ]
    text, _ = r.choice(forms)
    return gold(r, g) if not g.startswith("(") else g, f"{think(r)}\n\n{text}", ok


def c_choice_option_text(r):
    L = r.choice("ABCDE")
    val = r.randint(2, 99)
    other = r.choice([x for x in "ABCDE" if x != L])
    X, ok = (L, True) if r.random() < 0.5 else (other, False)
    forms = [
        f"$\\boxed{{\\textbf{{({X})}}\\ {val}}}$",
        f"$\\boxed{{\\textbf{{({X}) }} {val}}}$",
        f"The answer is $\\textbf{{({X})}}\\ {val}$.",
        f"**({X}) {val}**",
        f"Answer: ({X}) {val}",
    ]
    return gold(r, L), f"{think(r)}\n\n{r.choice(forms)}", ok


def c_ordered_pair(r):
    a, b = r.randint(-9, 9), r.randint(-9, 9)
    if a == b:
        b += 3
    g = gold(r, f"({a}, {b})")
    right = [f"({a},{b})", f"\\left({a}, {b}\\right)", f"\\left( {a} ,\\ {b} \\right)"]
    wrong = [f"({b}, {a})", f"({a}, {-b if b else 2})", f"({a + 1}, {b})"]
    ans, ok = pick(r, right, wrong)
    return g, pred_latex(r, ans), ok


def c_triple(r):
    t = [r.randint(0, 9) for _ in range(3)]
    if len(set(t)) < 3:
        t = [1, 4, 7]
    g = gold(r, f"({t[0]}, {t[1]}, {t[2]})")
    right = [f"({t[0]},{t[1]},{t[2]})", f"\\left({t[0]}, {t[1]}, {t[2]}\\right)"]
    wrong = [f"({t[1]}, {t[0]}, {t[2]})", f"({t[0]}, {t[1]}, {t[2] + 1})", f"({t[0]}, {t[1]})"]
    ans, ok = pick(r, right, wrong)
    return g, pred_latex(r, ans), ok


def c_set(r):
    s = r.sample(range(-9, 15), r.randint(2, 4))
    g = gold(r, "\\{" + ", ".join(map(str, sorted(s))) + "\\}")
    sh = s[:]
    r.shuffle(sh)
    right = ["\\{" + ",".join(map(str, sh)) + "\\}", "\\left\\{" + ", ".join(map(str, sh)) + "\\right\\}"]
    extra = max(s) + 1
    wrong = ["\\{" + ", ".join(map(str, sh[:-1])) + "\\}", "\\{" + ", ".join(map(str, sh + [extra])) + "\\}",
             "\\{" + ", ".join(map(str, [x if x != sh[0] else x + 20 for x in sh])) + "\\}"]
    ans, ok = pick(r, right, wrong)
    return g, pred_latex(r, ans), ok


def c_solution_list(r):
    a, b = sorted(r.sample(range(-9, 10), 2))
    g = gold(r, f"{a}, {b}")
    right = [f"{b}, {a}", f"{a},{b}", f"x = {a}, {b}", f"x={a} \\text{{ or }} x={b}"]
    wrong = [f"{a}, {b + 1}", f"{a}", f"{-a if a else 5}, {b}"]
    ans, ok = pick(r, right, wrong)
    return g, pred_latex(r, ans), ok


def c_var_value(r):
    n = r.randint(-30, 30)
    v = r.choice("xyknam")
    if r.random() < 0.5:
        g = gold(r, str(n))
        right = [f"{v} = {n}", f"{v}={n}"]
        wrong = [f"{v} = {n + 1}", f"{v}={-n if n else 2}"]
    else:
        g = gold(r, f"{v}={n}")
        right = [str(n), f"{v} = {n}"]
        wrong = [str(n - 1), f"{v} = {n + 2}"]
    ans, ok = pick(r, right, wrong)
    return g, pred_latex(r, ans), ok


def c_line(r):
    m, c = r.choice([2, 3, -2, 4, -5]), r.choice([1, 5, -4, 7])
    cs = f"+ {c}" if c > 0 else f"- {-c}"
    g = gold(r, f"y = {m}x {cs}")
    right = [f"{m}x {cs} = y", f"y={c}+{m}x" if c > 0 else f"y={c}+{m}x", f"y = {m}x{cs.replace(' ', '')}"]
    wrong = [f"y = {m}x {'-' if c > 0 else '+'} {abs(c)}", f"y = {c}x {'+' if m > 0 else '-'} {abs(m)}", f"y = {-m}x {cs}"]
    ans, ok = pick(r, right, wrong)
    return g, pred_latex(r, ans), ok


def c_inequality(r):
    a = r.randint(-9, 9)
    op, flip, other = r.choice([(">", "<", "\\ge"), ("<", ">", "\\le"), ("\\geq", "\\leq", ">"), ("\\le", "\\ge", "<")])
    g = gold(r, f"x {op} {a}")
    right = [f"x{op}{a}", f"{a} {flip} x"]
    wrong = [f"x {other} {a}", f"x {flip} {a}", f"x {op} {a + 1}"]
    ans, ok = pick(r, right, wrong)
    return g, pred_latex(r, ans), ok


def c_complex(r):
    a, b = r.randint(1, 9), r.randint(1, 9)
    if a == b:
        b += 1
    g = gold(r, f"{a}+{b}i")
    right = [f"{a} + {b}i", f"{b}i+{a}", f"{a}+{b}\\,i"]
    wrong = [f"{a}-{b}i", f"{b}+{a}i", f"{a}+{b + 1}i"]
    ans, ok = pick(r, right, wrong)
    return g, pred_latex(r, ans), ok


def c_scientific(r):
    m, e = r.choice(["1.5", "2.4", "3.2", "6.02", "7.5", "9.1"]), r.randint(3, 8)
    g = gold(r, f"{m} \\times 10^{{{e}}}")
    val = round(float(m) * 10**e)
    right = [f"{m}\\times10^{{{e}}}", f"{m} \\cdot 10^{e}", f"{val}", f"{val:,}".replace(",", "{,}")]
    wrong = [f"{m}\\times 10^{{{e + 1}}}", f"{m}\\times 10^{{-{e}}}", f"{val + 1}"]
    ans, ok = pick(r, right, wrong)
    return g, pred_latex(r, ans), ok


def c_mixed(r):
    w, (a, b) = r.randint(1, 9), r.choice([(1, 2), (1, 3), (2, 3), (3, 4), (1, 4), (2, 5)])
    g = gold(r, f"\\frac{{{w * b + a}}}{{{b}}}")
    right = [f"{w}\\frac{{{a}}}{{{b}}}", f"{w} \\tfrac{{{a}}}{{{b}}}", f"\\frac{{{w * b + a}}}{{{b}}}"]
    wrong = [f"{w}\\frac{{{b - a if b - a != a else a + b}}}{{{b}}}", f"{w + 1}\\frac{{{a}}}{{{b}}}", f"\\frac{{{w * a + b}}}{{{b}}}"]
    ans, ok = pick(r, right, wrong)
    if not ok and ans == f"\\frac{{{w * a + b}}}{{{b}}}" and w * a + b == w * b + a:
        ok = True
    return g, pred_latex(r, ans), ok


def c_multi_bold_boxed(r):
    n = r.randint(5, 500)
    inter = [r.randint(2, 60) for _ in range(2)]
    final, ok = (n, True) if r.random() < 0.5 else (n + r.choice([1, -1, 10]), False)
    if r.random() < 0.5:
        body = (f"First, the number of red balls is $\\boxed{{{inter[0]}}}$. Next, the blue balls number "
                f"$\\boxed{{{inter[1]}}}$. Adding them, the total is $\\boxed{{{final}}}$.")
    else:
        body = (f"Step 1: **{inter[0]}** apples. Step 2: **{inter[1]}** pears.\n\n"
                f"Total: **{final}**")
    if not ok and r.random() < 0.5:
        # The gold appears early as an intermediate, the final answer is wrong.
        body = f"A first guess of $\\boxed{{{n}}}$ double counts. Correcting it, the answer is $\\boxed{{{final}}}$."
    return gold(r, str(n)), f"{think(r)}\n\n{body}", ok


def c_truncated(r):
    n = r.randint(10, 999)
    g = gold(r, str(n))
    if r.random() < 0.5:
        return g, pred_latex(r, str(n)), True
    cut = r.choice([
        f"We now add {n} to the remaining",
        f"Thus the answer is $\\boxed{{{n}",
        f"The total so far is {n}, and next we must subtract the",
        f"Checking: ${n // 2} + {n - n // 2} = {n}$ and then we multiply by",
    ])
    return g, f"{think(r)}\n\n{cut}", False


def c_unicode(r):
    k = r.choice([2, 3, 5, 7])
    a = r.randint(2, 9)
    opts = [
        (f"{a}\\sqrt{{{k}}}", [f"{a}√{k}", f"{a}\\sqrt{{{k}}}"], [f"{a}√{k + 1}", f"{a + 1}√{k}"]),
        (f"\\frac{{\\pi}}{{{a}}}", [f"π/{a}", f"\\frac{{π}}{{{a}}}"], [f"π/{a + 1}", f"{a}π"]),
        (f"-{a}", [f"−{a}", f"-{a}"], [f"{a}", f"−{a + 1}"]),
        (f"{a * 12}", [f"{a} × 12", f"{a}×12"], [f"{a} × 13", f"{a}×11"]),
        ("\\frac{1}{2}", ["½", "1/2"], ["⅓", "¼"]),
    ]
    g, right, wrong = r.choice(opts)
    ans, ok = pick(r, right, wrong)
    return gold(r, g), pred_plain(r, ans) if r.random() < 0.5 else f"{think(r)}\n\nThe answer is ${ans}$.", ok


def c_spacing(r):
    a, b = r.randint(1, 9), r.randint(2, 9)
    g = gold(r, f"\\frac{{{a}}}{{{b}}}")
    right = [f"\\;\\frac{{{a}}}{{{b}}}\\;", f"\\quad \\frac{{{a}}}{{{b}}}", f"~\\frac{{{a}}}{{{b}}}~", f"\\,{a}/{b}\\,",
             f"\\frac{{\\,{a}\\,}}{{\\,{b}\\,}}"]
    wrong = [f"\\;\\frac{{{a + b}}}{{{b}}}\\;", f"\\quad \\frac{{{b}}}{{{a}}}" if a != b else f"\\quad\\frac{{{a}}}{{{b + 1}}}",
             f"~\\frac{{{a}}}{{{b + 1}}}~"]
    ans, ok = pick(r, right, wrong)
    return g, pred_latex(r, ans), ok


def c_left_right(r):
    a, b = r.randint(1, 5), r.randint(2, 5)
    g = gold(r, f"\\frac{{{a * a}}}{{{b * b}}}")
    right = [f"\\left(\\frac{{{a}}}{{{b}}}\\right)^2", f"\\displaystyle \\left( \\dfrac{{{a}}}{{{b}}} \\right)^{{2}}",
             f"\\displaystyle\\frac{{{a * a}}}{{{b * b}}}"]
    wrong = [f"\\left(\\frac{{{a}}}{{{b}}}\\right)^3", f"\\left(\\frac{{{b}}}{{{a}}}\\right)^2", f"\\displaystyle\\frac{{{a}}}{{{b}}}"]
    ans, ok = pick(r, right, wrong)
    if a == b:
        ok = True  # every form is 1
    return g, pred_latex(r, ans), ok


def c_trailing_period(r):
    n = r.choice([r.randint(-99, 999), r.randint(1, 99) / 4])
    s = f"{n:g}"
    g = gold(r, s)
    other = f"{(n + 1):g}"
    right = [f"The answer is {s}.", f"Answer: {s}.", f"So $x = {s}$.", f"$\\boxed{{{s}}}$."]
    wrong = [f"The answer is {other}.", f"Answer: {other}.", f"$\\boxed{{{other}}}$."]
    ans, ok = pick(r, right, wrong)
    return g, f"{think(r)}\n\n{ans}", ok


def c_radical_forms(r):
    k, d = r.choice([2, 3, 5, 6]), r.choice([2, 3, 4])
    g = gold(r, f"\\frac{{\\sqrt{{{k}}}}}{{{d}}}")
    right = [f"\\frac{{1}}{{{d}}}\\sqrt{{{k}}}", f"\\sqrt{{{k}}}/{d}", f"\\dfrac{{\\sqrt {k}}}{{{d}}}"]
    wrong = [f"\\frac{{\\sqrt{{{k + 1}}}}}{{{d}}}", f"\\frac{{{d}}}{{\\sqrt{{{k}}}}}", f"\\frac{{\\sqrt{{{k}}}}}{{{d + 1}}}"]
    ans, ok = pick(r, right, wrong)
    if not ok and ans == f"\\frac{{{d}}}{{\\sqrt{{{k}}}}}" and d * d == k:
        ok = True
    return g, pred_latex(r, ans), ok


def c_negative(r):
    a, b = r.choice([(1, 2), (3, 4), (2, 7), (5, 6), (7, 3)])
    g = gold(r, f"-\\frac{{{a}}}{{{b}}}")
    right = [f"\\frac{{-{a}}}{{{b}}}", f"-{a}/{b}", f"\\frac{{{a}}}{{-{b}}}", f"- \\dfrac{{{a}}}{{{b}}}"]
    wrong = [f"\\frac{{{a}}}{{{b}}}", f"-\\frac{{{b}}}{{{a}}}", f"\\frac{{-{a}}}{{-{b}}}"]
    ans, ok = pick(r, right, wrong)
    return g, pred_latex(r, ans), ok


def c_decimal_round(r):
    whole = r.randint(0, 50)
    frac = r.randint(1, 99)
    s = f"{whole}.{frac:02d}"
    g = gold(r, s)
    right = [s, f"{s}0", f"{whole}.{frac:02d}\\ldots"[: len(s)]]
    wrong = [f"{whole}.{(frac + 1) % 100:02d}", f"{whole + 1}.{frac:02d}", f"{whole}.{frac // 10}"]
    ans, ok = pick(r, right, wrong)
    if not ok and float(ans) == float(s):
        ok = True
    return g, pred_any(r, ans), ok


def c_text_answer(r):
    w = r.choice(["even", "odd", "yes", "no", "Monday", "Tuesday", "infinitely many", "prime"])
    others = {"even": "odd", "odd": "even", "yes": "no", "no": "yes", "Monday": "Sunday", "Tuesday": "Friday",
              "infinitely many": "finitely many", "prime": "composite"}
    g = gold(r, f"\\text{{{w}}}")
    right = [f"\\text{{{w}}}", f"\\textbf{{{w}}}", f"\\text{{ {w} }}"]
    wrong = [f"\\text{{{others[w]}}}"]
    ans, ok = pick(r, right, wrong)
    return g, pred_latex(r, ans), ok


def c_expression(r):
    a, b = r.randint(2, 9), r.randint(1, 9)
    g = gold(r, f"{a}x^2 + {b}")
    right = [f"{b} + {a}x^2", f"{a}x^{{2}}+{b}", f"{a} x^2 + {b}"]
    wrong = [f"{a}x^2 - {b}", f"{a}x^3 + {b}", f"{a}x + {b}"]
    ans, ok = pick(r, right, wrong)
    return g, pred_latex(r, ans), ok


# Regression classes, added after the first measurement for the forms it and its probes found; they are
# not held-out (docs/conformance/math.md reports the first run of the classes above separately).


def c_lone_option(r):
    L = r.choice("ABCDE")
    other = r.choice([x for x in "ABCDE" if x != L])
    val = r.randint(2, 99)
    if r.random() < 0.5:
        X, ok = L, True
        form = r.choice([f"**{X}**", f"**({X})**", f"<answer>{X}) {val}</answer>", f"<answer>({X}) {val}</answer>",
                         f"Answer: {X}) {val}", f"Answer: {X}. {val}", f"**({X}) {val}**"])
    else:
        X, ok = other, False
        form = r.choice([f"**{X}**", f"<answer>{X}) {val}</answer>", f"Answer: {X}. {val}",
                         f"Answer: ({L}) {val} or ({X}) {val + 1}", f"<answer>{L}) {val} or {X}) {val + 1}</answer>",
                         f"$\\boxed{{\\text{{({L})}} {val}, \\text{{({X})}} {val + 1}}}$"])
    return gold(r, L), f"{think(r)}\n\n{form}", ok


def c_unicode_fraction(r):
    w = r.randint(0, 9)
    ch, (a, b) = r.choice([("½", (1, 2)), ("⅓", (1, 3)), ("¾", (3, 4)), ("⅔", (2, 3)), ("⅛", (1, 8)), ("⅖", (2, 5))])
    g = gold(r, f"\\frac{{{w * b + a}}}{{{b}}}")
    pre = str(w) if w else ""
    right = [f"{pre}{ch}"]
    wrong = [f"{w + 1}{ch}", f"{pre}{'¼' if ch != '¼' else '½'}"]
    ans, ok = pick(r, right, wrong)
    return g, pred_plain(r, ans) if r.random() < 0.5 else pred_latex(r, ans), ok


def c_repeating_bar(r):
    a, b, pre, rep = r.choice([(1, 3, "", "3"), (2, 3, "", "6"), (1, 6, "1", "6"), (5, 6, "8", "3"), (4, 9, "", "4")])
    g = gold(r, f"\\frac{{{a}}}{{{b}}}")
    cmd = r.choice(["bar", "dot"])
    right = [f"0.{pre}\\{cmd}{{{rep}}}"]
    wrong = [f"0.{pre}\\{cmd}{{{(int(rep) + 1) % 10}}}", f"0.{pre}{rep}"]
    ans, ok = pick(r, right, wrong)
    return g, pred_latex(r, ans), ok


def c_upright_constants(r):
    a, b = r.randint(1, 9), r.randint(1, 9)
    if r.random() < 0.5:
        g = gold(r, f"{a}+{b}i")
        right = [f"{a}+{b}\\mathrm{{i}}", f"{a} + {b}\\,\\mathrm{{i}}"]
        wrong = [f"{a}-{b}\\mathrm{{i}}", f"{b}+{a}\\mathrm{{i}}" if a != b else f"{a}+{b + 1}\\mathrm{{i}}"]
    else:
        g = gold(r, f"e^{{{a}}}")
        right = [f"\\mathrm{{e}}^{{{a}}}", f"\\text{{e}}^{a}" if a < 10 else f"e^{{{a}}}"]
        wrong = [f"\\mathrm{{e}}^{{{a + 1}}}", f"{a}\\mathrm{{e}}" if a != 1 else "2\\mathrm{e}"]
    ans, ok = pick(r, right, wrong)
    return g, pred_latex(r, ans), ok


def c_compound_units(r):
    n = r.randint(2, 120)
    if r.random() < 0.6:
        u1, u2 = r.choice([("km", "h"), ("m", "s"), ("mi", "h"), ("g", "cm^3")])
        g = gold(r, str(n))
        right = [f"{n}\\,\\text{{{u1}}}/\\text{{{u2}}}", f"{n} \\mathrm{{~{u1}}} / \\mathrm{{{u2}}}"]
        wrong = [f"{n + 1}\\,\\text{{{u1}}}/\\text{{{u2}}}", f"{n * 10} \\mathrm{{~{u1}}} / \\mathrm{{{u2}}}"]
    else:
        k = r.randint(1, 4)
        m = k + r.randint(2, 5)
        from math import comb
        g = gold(r, str(comb(m, k)))
        right = [f"{{{m} \\choose {k}}}", f"\\binom{{{m}}}{{{k}}}"]
        wrong = [f"{{{m} \\choose {k + 1}}}" if comb(m, k + 1) != comb(m, k) else f"{{{m + 1} \\choose {k}}}",
                 f"{{{m + 1} \\choose {k}}}"]
    ans, ok = pick(r, right, wrong)
    return g, pred_latex(r, ans), ok


def c_plain_pi(r):
    k = r.randint(2, 12)
    g = gold(r, f"{k}\\pi")
    right = [f"{k}pi", f"{k}*pi", f"{k}π"]
    wrong = [f"{k + 1}pi", f"{k}", f"{k}/pi"]
    ans, ok = pick(r, right, wrong)
    return g, pred_plain(r, ans), ok


CLASSES = {
    "aime_integer": c_aime,
    "gsm_money": c_gsm_money,
    "gsm_hash": c_gsm_hash,
    "percent": c_percent,
    "fraction_styles": c_fraction_styles,
    "repeating_decimal": c_repeating,
    "cube_root": c_cube_root,
    "interval_infinity": c_interval,
    "interval_union": c_union,
    "plus_minus": c_plus_minus,
    "matrix": c_matrix,
    "column_vector": c_vector,
    "degrees": c_degrees,
    "units": c_units,
    "dollars": c_dollars,
    "choice_wrapper": c_choice_wrappers,
    "choice_option_text": c_choice_option_text,
    "ordered_pair": c_ordered_pair,
    "triple": c_triple,
    "set": c_set,
    "solution_list": c_solution_list,
    "variable_value": c_var_value,
    "line_equation": c_line,
    "inequality": c_inequality,
    "complex": c_complex,
    "scientific": c_scientific,
    "mixed_number": c_mixed,
    "multi_boxed_bold": c_multi_bold_boxed,
    "truncated": c_truncated,
    "unicode": c_unicode,
    "spacing": c_spacing,
    "left_right_display": c_left_right,
    "trailing_period": c_trailing_period,
    "radical_forms": c_radical_forms,
    "negative_fraction": c_negative,
    "decimal": c_decimal_round,
    "text_answer": c_text_answer,
    "expression": c_expression,
    # Regression classes (see above).
    "lone_option": c_lone_option,
    "unicode_fraction": c_unicode_fraction,
    "repeating_bar": c_repeating_bar,
    "upright_constants": c_upright_constants,
    "compound_units": c_compound_units,
    "plain_pi": c_plain_pi,
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=7310)
    ap.add_argument("--per-class", type=int, default=45)
    a = ap.parse_args()
    r = random.Random(a.seed)
    seen = set()
    i = 0
    for name, fn in CLASSES.items():
        made = tries = 0
        while made < a.per_class and tries < a.per_class * 30:
            tries += 1
            g, p, label = fn(r)
            if (g, p) in seen:
                continue
            seen.add((g, p))
            row = {"id": f"h{i:05d}", "class": name, "gold": g, "pred": p, "label": bool(label)}
            if name == "truncated" and not label and "\\boxed" not in p:
                # Cut off with no answer marker and the gold as its last number: no final answer was given,
                # but a last-number reading (Math-Verify's expression extraction) takes it. Policy, not maths.
                row["ambiguous"] = "unmarked_last_number"
            print(json.dumps(row, ensure_ascii=False))
            i += 1
            made += 1


if __name__ == "__main__":
    main()
