#!/usr/bin/env python3
"""Seeded generator of math answer-checking pairs written the way completions and dataset golds look.

Each row: {"id", "class", "gold", "pred", "label"} where `label` is the mathematically right verdict,
known by construction (the generator builds the prediction from the gold's value, or perturbs it).

    python3 test/conformance/math/gen.py --seed 20261207 > corpus.jsonl
"""

import argparse
import json
import random
from fractions import Fraction

# ---------------------------------------------------------------------------------------------------
# How answers are wrapped: chains of thought ending in a box, Minerva's closing line, markdown answer
# markers, GSM8K's ####, and <answer> tags.

OPENERS = [
    "Let's work through this step by step.",
    "We start by writing down what we know.",
    "First, let me set up the problem.",
    "To solve this, we first simplify the expression.",
    "I'll break the problem into smaller parts.",
]
MIDDLES = [
    "Substituting $x = {a}$ gives ${b}$, and after simplifying we get the value below.",
    "Adding ${a}$ and ${b}$ and checking the arithmetic again, the result follows.",
    "From step {a} we have {b} items, so the total is computed next.",
    "Multiplying both sides by {a} and dividing by {b} leaves the final quantity.",
    "We verify the case $n = {a}$ separately; it contributes {b}.",
]


def cot(r, body_end):
    a, b = r.randint(2, 60), r.randint(2, 90)
    mid = r.choice(MIDDLES).format(a=a, b=b)
    return f"{r.choice(OPENERS)} {mid}\n\n{body_end}"


def wrap_latex(r, ans):
    """A completion whose final answer is the LaTeX `ans`."""
    style = r.randrange(11)
    if style == 6:
        return cot(r, f"**Final Answer**\n\\[\n\\boxed{{{ans}}}\n\\]")
    if style == 7:
        return cot(r, f"The final answer is $\\boxed{{{ans}}}$.")
    if style == 8:
        return cot(r, f"Putting it together: \\(\\boxed{{{ans}}}\\)")
    if style == 9:
        return cot(r, f"$$\\boxed{{{ans}}}$$")
    if style == 10:
        return cot(r, f"<think>\nChecking the value once more.\n</think>\n<answer>\\boxed{{{ans}}}</answer>")
    if style == 0:
        return cot(r, f"Therefore, the answer is $\\boxed{{{ans}}}$.")
    if style == 1:
        return cot(r, f"Final Answer: The final answer is ${ans}$. I hope it is correct.")
    if style == 2:
        return cot(r, f"So we get\n\\[\n\\boxed{{{ans}}}\n\\]")
    if style == 3:
        return cot(r, f"<answer>${ans}$</answer>")
    if style == 4:
        return cot(r, f"**Answer:** $\\boxed{{{ans}}}$")
    return cot(r, f"Hence the result is $\\boxed{{{ans}}}$")


def wrap_plain(r, ans):
    """A completion whose final answer is plain text after a marker."""
    style = r.randrange(9)
    if style == 5:
        return cot(r, f"**Final Answer:** {ans}")
    if style == 6:
        return cot(r, f"Final answer: {ans}")
    if style == 7:
        return cot(r, f"The answer is {ans}.")
    if style == 8:
        return cot(r, f"**Answer: {ans}**")
    if style == 0:
        return cot(r, f"#### {ans}")
    if style == 1:
        return cot(r, f"**Answer:** {ans}")
    if style == 2:
        return cot(r, f"The final answer is {ans}")
    if style == 3:
        return cot(r, f"<answer>{ans}</answer>")
    return cot(r, f"Answer: {ans}")


def gold_math(r, ans):
    """A dataset gold: MATH's bare answer, a Numina-style solution ending in a box, or GSM8K's ####."""
    style = r.randrange(4)
    if style <= 1:
        return ans
    if style == 2:
        return f"We compute the quantity carefully. Thus the answer is $\\boxed{{{ans}}}$."
    return f"\\boxed{{{ans}}}"


def gold_gsm(r, n):
    if r.random() < 0.5:
        return str(n)
    return f"She has {r.randint(2, 9)} boxes with {r.randint(2, 9)} each.\n#### {n}"


# ---------------------------------------------------------------------------------------------------
# Classes. Each yields (gold, pred, label).


def c_integer(r):
    n = r.randint(-500, 5000)
    if r.random() < 0.5:
        return gold_math(r, str(n)), wrap_latex(r, str(n)), True
    m = n + r.choice([-10, -1, 1, 2, 100])
    return gold_math(r, str(n)), wrap_latex(r, str(m)), False


def c_gsm8k(r):
    n = r.randint(1, 99999)
    s = f"{n:,}" if n >= 1000 and r.random() < 0.4 else str(n)
    if r.random() < 0.5:
        return gold_gsm(r, n), wrap_plain(r, s), True
    m = n + r.choice([-1, 1, 10])
    return gold_gsm(r, n), wrap_plain(r, str(m)), False


def c_signed_plain(r):
    n = r.randint(1, 999)
    if r.random() < 0.6:
        return gold_gsm(r, n), cot(r, r.choice([f"#### +{n}", f"#### ${n}", f"####{n}"])), True
    return gold_gsm(r, n), cot(r, f"#### -{n}"), False


def c_fraction(r):
    while True:
        p, q = r.randint(1, 40), r.randint(2, 40)
        if Fraction(p, q).denominator != 1:
            break
    f = Fraction(p, q)
    gold = gold_math(r, f"\\frac{{{f.numerator}}}{{{f.denominator}}}")
    k = r.randrange(5)
    if k == 0:
        return gold, wrap_latex(r, f"\\dfrac{{{f.numerator}}}{{{f.denominator}}}"), True
    if k == 1:
        return gold, wrap_latex(r, f"{f.numerator}/{f.denominator}"), True
    if k == 2:
        return gold, wrap_latex(r, f"\\frac{{{f.numerator * 3}}}{{{f.denominator * 3}}}"), True
    if k == 3:
        g = f + Fraction(1, f.denominator + 1)
        return gold, wrap_latex(r, f"\\frac{{{g.numerator}}}{{{g.denominator}}}"), False
    return gold, wrap_latex(r, f"\\frac{{{f.denominator}}}{{{f.numerator}}}"), f == 1 / f


def c_decimal_comma(r):
    whole, frac = r.randint(0, 99), r.randint(1, 99)
    fs = f"{frac:02d}".rstrip("0") or "0"
    value = f"{whole}.{fs}"
    gold = gold_math(r, value)
    k = r.randrange(4)
    if k == 0:
        return gold, wrap_latex(r, f"{whole}{{,}}{fs}"), True
    if k == 1:
        return gold, cot(r, f"Answer: {whole},{fs}"), True
    if k == 2:
        return gold, r.choice([cot(r, f"The final answer is {whole},{fs}"), wrap_latex(r, f"{whole},{fs}")]), True
    other = f"{whole}.{(frac + 7) % 100:02d}".rstrip("0")
    if other.endswith("."):
        other += "5"
    return gold, wrap_latex(r, other.replace(".", "{,}")), other == value


THIN = ["\\!", "\\,", "{,}", "\\ ", "\u2009", "\u202f", "\\;", ",", ",\\!", "\\thinspace "]


def c_thousands(r):
    n = r.randint(1000, 9999999)
    groups = f"{n:,}".split(",")
    sep = r.choice(THIN)
    written = sep.join(groups)
    gold = gold_math(r, r.choice([str(n), ",\\!".join(groups)])) if r.random() < 0.6 else gold_gsm(r, n)
    if r.random() < 0.65:
        return gold, wrap_latex(r, written), True
    m = n + r.choice([1, 9, 1000])
    return gold, wrap_latex(r, sep.join(f"{m:,}".split(","))), False


def c_choice(r):
    letters = "ABCDE"
    g = r.choice(letters)
    gold = r.choice([g, f"\\text{{({g})}}", f"\\textbf{{({g})}}", f"({g})"])
    right = r.random() < 0.6
    p = g if right else r.choice([x for x in letters if x != g])
    k = r.randrange(10)
    if k == 6:
        pred = cot(r, f"The answer is $\\boxed{{({p})}}$.")
    elif k == 7:
        pred = cot(r, f"So the answer is ({p}) {r.randint(2, 99)}.")
    elif k == 8:
        pred = cot(r, f"**Answer: {p}**")
    elif k == 9:
        pred = cot(r, f"Answer: $\\boxed{{\\text{{{p}}}}}$")
    elif k == 0:
        pred = cot(r, f"The answer is $\\boxed{{\\text{{({p})}}}}$.")
    elif k == 1:
        pred = cot(r, f"Thus the answer is $\\boxed{{\\textbf{{({p})}}}}$.")
    elif k == 2:
        pred = cot(r, f"Comparing the options, the correct option is ({p}).")
    elif k == 3:
        pred = cot(r, f"So the answer is $\\boxed{{{p}}}$")
    elif k == 4:
        pred = cot(r, f"**Answer:** ({p})")
    else:
        pred = cot(r, f"The correct answer is $\\boxed{{\\textbf{{({p})}}\\ {r.randint(2, 99)}}}$")
    return gold, pred, right


def c_multi_boxed(r):
    a = r.randint(-20, 20)
    b = a + r.randint(1, 15)
    gold = gold_math(r, r.choice([f"{a}, {b}", f"{b}, {a}", f"{a},{b}"]))
    right = r.random() < 0.6
    bb = b if right else b + 1
    k = r.randrange(5)
    if k == 3:
        pred = cot(r, f"Either $x=\\boxed{{{a}}}$ or $x=\\boxed{{{bb}}}$.")
    elif k == 4:
        pred = cot(r, f"The answers are \\boxed{{{bb}}} and \\boxed{{{a}}}.")
    elif k == 0:
        pred = cot(r, f"The solutions are $x = \\boxed{{{a}}}$ and $x = \\boxed{{{bb}}}$.")
    elif k == 1:
        pred = cot(r, f"So the roots are $\\boxed{{{bb}}}$ and $\\boxed{{{a}}}$.")
    else:
        pred = cot(r, f"The two values are $\\boxed{{{a}}}, \\boxed{{{bb}}}$")
    return gold, pred, right


def c_set(r):
    xs = sorted(r.sample(range(-9, 30), r.randint(2, 5)))
    gold = gold_math(r, r.choice(["\\{" + ", ".join(map(str, xs)) + "\\}", ", ".join(map(str, xs))]))
    ys = list(xs)
    r.shuffle(ys)
    right = r.random() < 0.65
    if right and r.random() < 0.5:
        ys.append(r.choice(xs))
        r.shuffle(ys)
    if not right:
        ys[0] = max(xs) + r.randint(1, 5)
    body = ", ".join(map(str, ys))
    return gold, wrap_latex(r, r.choice(["\\{" + body + "\\}", body])), right


def c_enotation(r):
    mant = r.randint(11, 99) / 10
    exp = r.randint(3, 7)
    val = round(mant * 10**exp)
    gold = gold_math(r, str(val))
    sign = r.choice(["E+0", "e", "E", "e+", "e+0"])
    written = f"{mant}{sign}{exp}"
    if r.random() < 0.25:
        right = r.random() < 0.6
        e2 = exp if right else exp + 1
        return gold, wrap_plain(r, r.choice([f"{mant} × 10^{e2}", f"{mant}*10^{e2}", f"{mant} x 10^{e2}"])), right
    right = r.random() < 0.6
    if not right:
        written = f"{mant}{sign}{exp + 1}"
    return gold, r.choice([wrap_plain, wrap_latex])(r, written), right


def c_sci_latex(r):
    mant = r.randint(11, 99) / 10
    exp = r.randint(3, 9)
    val = round(mant * 10**exp)
    gold = gold_math(r, str(val))
    right = r.random() < 0.6
    e = exp if right else exp - 1
    op = r.choice(["\\times", "\\cdot", "\\times"])
    ex = f"{{{e}}}" if r.random() < 0.7 or e > 9 else str(e)
    return gold, wrap_latex(r, f"{mant} {op} 10^{ex}"), right


def c_tiny(r):
    m = r.randint(11, 98)
    exp = -r.randint(12, 30)
    gold = gold_math(r, f"{m / 10}\\times10^{{{exp}}}")
    k = r.randrange(6)
    if k == 4:
        return gold, wrap_plain(r, f"{(m + 1) / 10}e{exp}"), False
    if k == 5:
        return gold, wrap_plain(r, f"{m / 10}e{exp}"), True
    if k == 0:
        return gold, wrap_latex(r, f"{(m + 1) / 10}\\times 10^{{{exp}}}"), False
    if k == 1:
        return gold, wrap_latex(r, f"{(m - 1) / 10} \\times 10^{{{exp}}}"), False
    if k == 2:
        return gold, wrap_latex(r, f"{m}\\times10^{{{exp - 1}}}"), True
    return gold, wrap_latex(r, f"{m / 10:.2f}\\times 10^{{{exp}}}"), True


def c_tiny_exact(r):
    n = r.randint(40, 200)
    gold = gold_math(r, f"\\frac{{1}}{{2^{{{n}}}}}")
    if r.random() < 0.5:
        return gold, wrap_latex(r, f"2^{{-{n}}}"), True
    return gold, wrap_latex(r, f"\\frac{{1}}{{2^{{{n + r.choice([-1, 1])}}}}}"), False


def c_plain_relation(r):
    c = r.randint(-9, 20)
    rel = r.choice(["<", ">", "\\le", "\\ge"])
    plain = r.choice([{"<": "<", ">": ">", "\\le": "<=", "\\ge": ">="}, {"<": "<", ">": ">", "\\le": "≤", "\\ge": "≥"}])[rel]
    gold = gold_math(r, f"x {rel} {c}")
    k = r.randrange(4)
    if k == 0:
        return gold, cot(r, f"**Answer:** x{plain}{c}"), True
    if k == 1:
        return gold, cot(r, f"**Answer:** x {plain} {c + 1}"), False
    if k == 2:
        return gold, wrap_latex(r, f"x{rel}{c}"), True
    flip = {"<": "\\le", ">": "\\ge", "\\le": "<", "\\ge": ">"}[rel]
    return gold, wrap_latex(r, f"x {flip} {c}"), False


def c_roots(r):
    a = r.randint(-12, 12)
    b = a + r.randint(1, 9)
    gold = gold_math(r, r.choice([f"{a}, {b}", f"{a},{b}", f"x={a}, x={b}"]))
    right = r.random() < 0.6
    bb = b if right else b + 2
    x1, x2 = (a, bb) if r.random() < 0.5 else (bb, a)
    k = r.randrange(6)
    if k == 3:
        pred = cot(r, f"**Answer:** x_1 = {x1}, x_2 = {x2}")
    elif k == 4:
        pred = cot(r, f"So $x = {x1}$ or $x = {x2}$.")
    elif k == 5:
        pred = wrap_latex(r, f"x_{{1}} = {x1}, \\quad x_{{2}} = {x2}")
    elif k == 0:
        pred = wrap_latex(r, f"x_1={x1}, x_2={x2}")
    elif k == 1:
        pred = wrap_latex(r, f"x_1 = {x1},\\ x_2 = {x2}")
    else:
        pred = cot(r, f"The roots are $x_1 = {x1}$ and $x_2 = {x2}$.")
    return gold, pred, right


def c_commuted(r):
    a, b = r.randint(1, 20), r.choice([2, 3, 5, 6, 7, 10, 11])
    k = r.randrange(4)
    if k == 0:
        return gold_math(r, f"{a}+\\sqrt{{{b}}}"), wrap_latex(r, f"\\sqrt{{{b}}}+{a}"), True
    if k == 1:
        return gold_math(r, f"{a}x^2+{b}x+1"), wrap_latex(r, f"1+{b}x+{a}x^2"), True
    if k == 2:
        return gold_math(r, f"{a}-\\sqrt{{{b}}}"), wrap_latex(r, f"\\sqrt{{{b}}}-{a}"), False
    return gold_math(r, f"{a}\\pi + {b}"), wrap_latex(r, f"{b} + {a}\\pi"), True


def c_option_phrase(r):
    g = r.choice("ABCD")
    gold = g
    right = r.random() < 0.6
    p = g if right else r.choice([x for x in "ABCD" if x != g])
    phrase = r.choice(
        [
            f"Therefore, the correct option is ({p}).",
            f"Hence the correct answer is ({p}).",
            f"The answer is option ({p}).",
            f"So the correct choice is **({p})**.",
            f"Correct option: ({p})",
            f"The correct option is: {p}",
        ]
    )
    return gold, cot(r, phrase), right


def c_radicals(r):
    a, b = r.randint(2, 6), r.choice([2, 3, 5, 7])
    gold = gold_math(r, f"{a}\\sqrt{{{b}}}")
    k = r.randrange(4)
    if k == 0:
        return gold, wrap_latex(r, f"\\sqrt{{{a * a * b}}}"), True
    if k == 1:
        return gold, wrap_latex(r, f"{a}\\sqrt {b}"), True
    if k == 2:
        return gold, wrap_latex(r, f"\\sqrt{{{a * a * b + 1}}}"), False
    return gold, wrap_latex(r, f"{b}\\sqrt{{{a}}}"), a == b


def c_angles(r):
    deg = r.choice([30, 45, 60, 90, 120, 135, 150, 180])
    f = Fraction(deg, 180)
    num = "" if f.numerator == 1 else str(f.numerator)
    rad = f"\\frac{{{num}\\pi}}{{{f.denominator}}}" if f.denominator != 1 else f"{num}\\pi"
    k = r.randrange(4)
    if k == 0:
        return gold_math(r, rad), wrap_latex(r, f"{deg}^\\circ"), True
    if k == 1:
        return gold_math(r, f"{deg}^\\circ"), wrap_latex(r, rad), True
    if k == 2:
        return gold_math(r, f"{deg}^\\circ"), wrap_latex(r, f"{deg}"), True
    return gold_math(r, rad), wrap_latex(r, f"{deg + 15}^\\circ"), False


UNITS = ["cm", "meters", "dollars", "square units", "inches", "km", "hours", "degrees"]


def c_units(r):
    n = r.randint(2, 900)
    u = r.choice(UNITS)
    gold = gold_math(r, str(n))
    k = r.randrange(4)
    if k == 0:
        return gold, wrap_latex(r, f"{n}\\text{{ {u}}}"), True
    if k == 1:
        return gold, wrap_latex(r, f"{n} \\mbox{{ {u}}}"), True
    if k == 2:
        return gold, wrap_latex(r, f"\\${n}"), True
    return gold, wrap_latex(r, f"{n + 1}\\text{{ {u}}}"), False


def c_money(r):
    cents = r.randint(100, 999999)
    v = Fraction(cents, 100)
    s = f"{cents // 100}.{cents % 100:02d}"
    gold = gold_gsm(r, s) if r.random() < 0.5 else gold_math(r, s)
    right = r.random() < 0.6
    c2 = cents if right else cents + 1
    written = f"{c2 // 100:,}.{c2 % 100:02d}"
    return gold, cot(r, r.choice([f"#### {written}", f"The total is \\${written}.\n#### {written}", f"**Answer:** \\${written}"])), (Fraction(c2, 100) == v)


def c_interval(r):
    a = r.randint(-9, 5)
    b = a + r.randint(1, 9)
    lo, hi = r.choice(["(", "["]), r.choice([")", "]"])
    gold = gold_math(r, f"{lo}{a}, {b}{hi}")
    k = r.randrange(3)
    if k == 0:
        return gold, wrap_latex(r, f"{lo}{a},{b}{hi}"), True
    if k == 1:
        flip = {")": "]", "]": ")"}[hi]
        return gold, wrap_latex(r, f"{lo}{a},{b}{flip}"), False
    return gold, wrap_latex(r, f"{lo}{a}, {b + 1}{hi}"), False


def c_infinite_interval(r):
    a = r.randint(-9, 9)
    gold = gold_math(r, f"(-\\infty, {a})")
    k = r.randrange(3)
    if k == 0:
        return gold, wrap_latex(r, f"(-\\infty,{a})"), True
    if k == 1:
        return gold, wrap_latex(r, f"(-\\infty, {a}]"), False
    return gold, wrap_latex(r, f"({a}, \\infty)"), False


def c_equation(r):
    m, b = r.randint(-5, 5) or 2, r.randint(-9, 9)
    bs = f"+ {b}" if b >= 0 else f"- {-b}"
    gold = gold_math(r, f"y = {m}x {bs}")
    k = r.randrange(3)
    if k == 0:
        return gold, wrap_latex(r, f"y={b}+{m}x" if b >= 0 else f"y={m}x-{-b}"), True
    if k == 1:
        return gold, wrap_latex(r, f"{m}x - y {bs} = 0"), True
    return gold, wrap_latex(r, f"y = {m}x {'+' if b < 0 else '-'} {abs(b) or 1}"), b == 0 and False


def c_tuple(r):
    a, b = r.randint(-9, 9), r.randint(-9, 9)
    gold = gold_math(r, f"({a}, {b})")
    k = r.randrange(3)
    if k == 0:
        return gold, wrap_latex(r, f"({a},{b})"), True
    if k == 1:
        return gold, wrap_latex(r, f"\\left({a}, {b}\\right)"), True
    return gold, wrap_latex(r, f"({b}, {a})"), a == b


def c_text(r):
    w = r.choice(["odd", "even", "neither", "yes", "no"])
    other = {"odd": "even", "even": "odd", "neither": "odd", "yes": "no", "no": "yes"}[w]
    gold = gold_math(r, f"\\text{{{w}}}")
    if r.random() < 0.6:
        return gold, wrap_latex(r, r.choice([f"\\text{{{w}}}", f"\\textbf{{{w}}}", f"\\mathrm{{{w}}}"])), True
    return gold, wrap_latex(r, f"\\text{{{other}}}"), False


def c_percent(r):
    n = r.randint(1, 99)
    gold = gold_math(r, f"{n}\\%")
    k = r.randrange(3)
    if k == 0:
        return gold, wrap_latex(r, f"{n}\\%"), True
    if k == 1:
        return gold, cot(r, f"The answer is {n} percent."), True
    return gold, wrap_latex(r, f"{n + 1}\\%"), False


def c_pi_expr(r):
    a, b = r.randint(1, 9), r.randint(2, 9)
    f = Fraction(a, b)
    gold = gold_math(r, f"\\frac{{{f.numerator}\\pi}}{{{f.denominator}}}")
    k = r.randrange(3)
    if k == 0:
        return gold, wrap_latex(r, f"\\frac{{{f.numerator}}}{{{f.denominator}}}\\pi"), True
    if k == 1:
        return gold, wrap_latex(r, f"{f.numerator}\\pi/{f.denominator}"), True
    return gold, wrap_latex(r, f"\\frac{{{f.numerator + 1}\\pi}}{{{f.denominator}}}"), False


def c_polynomial(r):
    a, b = r.randint(1, 6), r.randint(1, 6)
    gold = gold_math(r, f"x^2 + {a + b}x + {a * b}")
    k = r.randrange(3)
    if k == 0:
        return gold, wrap_latex(r, f"(x+{a})(x+{b})"), True
    if k == 1:
        return gold, wrap_latex(r, f"{a * b} + {a + b}x + x^2"), True
    return gold, wrap_latex(r, f"(x+{a})(x+{b + 1})"), False


def c_decimal(r):
    v = r.randint(1, 9999) / 100
    gold = gold_math(r, f"{v}")
    k = r.randrange(3)
    if k == 0:
        return gold, wrap_latex(r, f"{v:.2f}"), True
    if k == 1:
        f = Fraction(str(v))
        return gold, wrap_latex(r, f"\\frac{{{f.numerator}}}{{{f.denominator}}}"), True
    return gold, wrap_latex(r, f"{v + 0.1:.2f}"), False


def c_negative_fraction(r):
    p, q = r.randint(1, 20), r.randint(2, 21)
    f = Fraction(-p, q)
    if f.denominator == 1:
        q += 1
        f = Fraction(-p, q)
    n, d = -f.numerator, f.denominator
    gold = gold_math(r, f"-\\frac{{{n}}}{{{d}}}")
    k = r.randrange(4)
    if k == 0:
        return gold, wrap_latex(r, f"\\frac{{-{n}}}{{{d}}}"), True
    if k == 1:
        return gold, wrap_latex(r, f"-{n}/{d}"), True
    if k == 2:
        return gold, wrap_latex(r, f"\\frac{{{n}}}{{-{d}}}"), True
    return gold, wrap_latex(r, f"\\frac{{{n}}}{{{d}}}"), False


def c_mixed_number(r):
    w, n, d = r.randint(1, 9), r.randint(1, 6), r.randint(7, 12)
    f = w + Fraction(n, d)
    gold = gold_math(r, f"\\frac{{{f.numerator}}}{{{f.denominator}}}")
    k = r.randrange(3)
    if k == 0:
        return gold, wrap_latex(r, f"{w}\\frac{{{n}}}{{{d}}}"), True
    if k == 1:
        g = f + 1
        return gold, wrap_latex(r, f"\\frac{{{g.numerator}}}{{{g.denominator}}}"), False
    return gold, wrap_latex(r, f"{w} + \\frac{{{n}}}{{{d}}}"), True


def c_power(r):
    b, e = r.randint(2, 9), r.randint(2, 12)
    gold = gold_math(r, str(b**e))
    k = r.randrange(3)
    if k == 0:
        return gold, wrap_latex(r, f"{b}^{{{e}}}"), True
    if k == 1:
        return gold, wrap_latex(r, f"{b}^{{{e + 1}}}"), False
    return gold, wrap_plain(r, f"{b**e:,}"), True


def c_plus_minus(r):
    a, b = r.randint(-5, 9), r.choice([2, 3, 5, 6, 7])
    gold = gold_math(r, f"{a} \\pm \\sqrt{{{b}}}")
    k = r.randrange(3)
    if k == 0:
        return gold, wrap_latex(r, f"{a}+\\sqrt{{{b}}}, {a}-\\sqrt{{{b}}}"), True
    if k == 1:
        return gold, wrap_latex(r, f"{a} \\pm \\sqrt{{{b}}}"), True
    return gold, wrap_latex(r, f"{a}+\\sqrt{{{b}}}"), False


def c_assignment(r):
    n = r.randint(-50, 200)
    v = r.choice(["x", "k", "n", "a"])
    gold = gold_math(r, str(n))
    k = r.randrange(3)
    if k == 0:
        return gold, wrap_latex(r, f"{v} = {n}"), True
    if k == 1:
        return gold, cot(r, f"Therefore ${v} = {n}$, so the answer is $\\boxed{{{v}={n}}}$."), True
    return gold, wrap_latex(r, f"{v} = {n + 1}"), False


def c_binomial(r):
    n = r.randint(4, 15)
    k0 = r.randint(1, n - 1)
    from math import comb

    gold = gold_math(r, str(comb(n, k0)))
    k = r.randrange(3)
    if k == 0:
        return gold, wrap_latex(r, f"\\binom{{{n}}}{{{k0}}}"), True
    if k == 1:
        return gold, wrap_latex(r, f"\\dbinom{{{n}}}{{{k0}}}"), True
    return gold, wrap_latex(r, f"\\binom{{{n}}}{{{k0}}} + 1"), False


def c_trig_value(r):
    table = [("\\frac{\\sqrt{3}}{2}", "\\sin 60^\\circ"), ("\\frac{1}{2}", "\\cos\\frac{\\pi}{3}"),
             ("\\frac{\\sqrt{2}}{2}", "\\frac{1}{\\sqrt{2}}"), ("\\sqrt{3}", "\\tan\\frac{\\pi}{3}"),
             ("\\frac{\\sqrt{3}}{3}", "\\frac{1}{\\sqrt{3}}")]
    g, p = r.choice(table)
    k = r.randrange(3)
    if k == 0:
        return gold_math(r, g), wrap_latex(r, p), True
    if k == 1:
        return gold_math(r, g), wrap_latex(r, g.replace("\\frac", "\\dfrac")), True
    q = r.choice([x for x in table if x[0] != g])[0]
    return gold_math(r, g), wrap_latex(r, q), False


def c_log(r):
    b, e = r.choice([2, 3, 5, 10]), r.randint(2, 6)
    gold = gold_math(r, str(e))
    k = r.randrange(3)
    if k == 0:
        return gold, wrap_latex(r, f"\\log_{{{b}}} {b**e}"), True
    if k == 1:
        return gold, wrap_latex(r, f"{e}.0"), True
    return gold, wrap_latex(r, f"\\log_{{{b}}} {b**(e + 1)}"), False


def c_matrix(r):
    a = [r.randint(-5, 9) for _ in range(4)]
    m = f"\\begin{{pmatrix}} {a[0]} & {a[1]} \\\\ {a[2]} & {a[3]} \\end{{pmatrix}}"
    gold = gold_math(r, m)
    k = r.randrange(3)
    if k == 0:
        return gold, wrap_latex(r, m.replace("pmatrix", "bmatrix")), True
    if k == 1:
        return gold, wrap_latex(r, m.replace(f"{a[3]} \\end", f"{a[3] + 1} \\end")), False
    return gold, wrap_latex(r, m.replace(" & ", "&")), True


DISPLAY_PAIRS = [
    ("\\frac{5}{2}", "\\frac{7}{2}"),
    ("3\\sqrt{2}", "2\\sqrt{3}"),
    ("(2,-1)", "(-1,2)"),
    ("\\{-3, 2\\}", "\\{-3, 3\\}"),
    ("y=2x+1", "y=2x-1"),
    ("[1,4)", "[1,4]"),
    ("\\text{(B)}", "\\text{(C)}"),
    ("\\text{odd}", "\\text{even}"),
    ("e^2", "e^3"),
    ("120^\\circ", "60^\\circ"),
    ("x^2+7x+10", "x^2+7x+12"),
    ("\\infty", "-\\infty"),
]
DISPLAY_TEMPLATES = [
    "The answer is ${}$.",
    "Thus, ${}$ is the answer.",
    "After simplifying:\n\\[{}\\]",
    "So, the final answer is: ${}$",
    "ANSWER: ${}$",
    "We get $\\boxed{{{}}}$, which is correct.",
    "Hence, **$\\boxed{{{}}}$**",
    "The result is\n$$\n{}\n$$",
    "Answer:\n\\[\n\\boxed{{{}}}\n\\]",
]


def c_display_prose(r):
    """Display blocks with newlines inside, answers inside prose, bold around a box."""
    g, w = r.choice(DISPLAY_PAIRS)
    right = r.random() < 0.55
    t = r.choice(DISPLAY_TEMPLATES)
    return g, cot(r, t.format(g if right else w)), right


CLASSES = {
    "integer": c_integer,
    "gsm8k": c_gsm8k,
    "signed_plain": c_signed_plain,
    "fraction": c_fraction,
    "decimal_comma": c_decimal_comma,
    "thousands_separator": c_thousands,
    "choice_letter": c_choice,
    "option_phrase": c_option_phrase,
    "multi_boxed": c_multi_boxed,
    "set_order_repeat": c_set,
    "e_notation": c_enotation,
    "sci_latex": c_sci_latex,
    "tiny_mantissa": c_tiny,
    "tiny_exact": c_tiny_exact,
    "plain_relation": c_plain_relation,
    "roots_subscripts": c_roots,
    "commuted_sum": c_commuted,
    "radicals": c_radicals,
    "angles": c_angles,
    "units": c_units,
    "money": c_money,
    "interval": c_interval,
    "infinite_interval": c_infinite_interval,
    "equation": c_equation,
    "tuple": c_tuple,
    "text": c_text,
    "percent": c_percent,
    "pi_expression": c_pi_expr,
    "polynomial": c_polynomial,
    "decimal": c_decimal,
    "negative_fraction": c_negative_fraction,
    "mixed_number": c_mixed_number,
    "power": c_power,
    "plus_minus": c_plus_minus,
    "assignment": c_assignment,
    "binomial": c_binomial,
    "trig_value": c_trig_value,
    "log": c_log,
    "matrix": c_matrix,
    "display_prose": c_display_prose,
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=20261207)
    ap.add_argument("--per-class", type=int, default=70)
    a = ap.parse_args()
    r = random.Random(a.seed)
    seen = set()
    i = 0
    for name, fn in CLASSES.items():
        made = 0
        tries = 0
        while made < a.per_class and tries < a.per_class * 20:
            tries += 1
            gold, pred, label = fn(r)
            if (gold, pred) in seen:
                continue
            seen.add((gold, pred))
            print(json.dumps({"id": f"g{i:05d}", "class": name, "gold": gold, "pred": pred, "label": bool(label)}, ensure_ascii=False))
            i += 1
            made += 1


if __name__ == "__main__":
    main()
