import type { CorpusCase } from "./forgeries.ts";

const py = (name: string, code: string, reference: unknown): CorpusCase => ({
  name,
  language: "python",
  code,
  reference,
});
const js = (name: string, code: string, reference: unknown): CorpusCase => ({
  name,
  language: "javascript",
  code,
  reference,
});

/**
 * Correct solutions in the shapes datasets use (MBPP, HumanEval, APPS-style stdin/stdout, JavaScript
 * assertions): every one must score 1. They exercise what crosses between the program and the referee:
 * recursion, classes and their methods, generators, big values, floats within a tolerance, in-place changes,
 * callbacks, exceptions the tests expect, async functions, and programs that print while being tested.
 */
export const CORRECT: CorpusCase[] = [
  {
    name: "py: MBPP add",
    language: "python",
    code: "def add(a, b):\n    return a + b",
    reference: { test_list: ["assert add(1, 2) == 3", "assert add(5, 7) == 12", "assert add(-4, 4) == 0"] },
  },
  {
    name: "py: MBPP with test_setup_code and a module the solution imported",
    language: "python",
    code: "import math\ndef hyp(a, b):\n    return math.sqrt(a * a + b * b)",
    reference: {
      test_setup_code: "EPS = 1e-9",
      test_list: ["assert abs(hyp(3, 4) - 5.0) < EPS", "assert math.isclose(hyp(1, 1), math.sqrt(2))"],
    },
  },
  {
    name: "py: HumanEval check(candidate)",
    language: "python",
    code: "def incr_list(l):\n    return [x + 1 for x in l]",
    reference: {
      test: "METADATA = {}\n\ndef check(candidate):\n    assert candidate([]) == []\n    assert candidate([3, 2, 1]) == [4, 3, 2]\n    assert candidate([5, 2, 5]) == [6, 3, 6]\n",
      entry_point: "incr_list",
    },
  },
  {
    name: "py: HumanEval whose tests call a helper from the prompt (encode/decode)",
    language: "python",
    code: `def encode_shift(s: str):
    return "".join([chr(((ord(ch) + 5 - ord("a")) % 26) + ord("a")) for ch in s])

def decode_shift(s: str):
    return "".join([chr(((ord(ch) - 5 - ord("a")) % 26) + ord("a")) for ch in s])`,
    reference: {
      test: "import random, string\n\ndef check(candidate):\n    for _ in range(50):\n        s = ''.join(random.choice(string.ascii_lowercase) for _ in range(random.randint(1, 20)))\n        assert candidate(encode_shift(s)) == s\n",
      entry_point: "decode_shift",
    },
  },
  {
    name: "py: deep recursion",
    language: "python",
    code: "import sys\nsys.setrecursionlimit(20000)\ndef depth(n):\n    return 0 if n == 0 else 1 + depth(n - 1)",
    reference: { test_list: ["assert depth(5000) == 5000", "assert depth(0) == 0"] },
  },
  {
    name: "py: memoised recursion with functools.lru_cache",
    language: "python",
    code: "from functools import lru_cache\n@lru_cache(maxsize=None)\ndef fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)",
    reference: { test_list: ["assert fib(30) == 832040", "assert fib(90) == 2880067194370816120"] },
  },
  {
    name: "py: big integers beyond 4300 digits",
    language: "python",
    code: "def fact(n):\n    r = 1\n    for i in range(2, n + 1):\n        r *= i\n    return r",
    reference: {
      test_list: [
        "import math\nassert fact(2000) == math.factorial(2000)",
        "assert fact(20) == 2432902008176640000",
        "assert fact(3000) % 1000003 == __import__('math').factorial(3000) % 1000003",
      ],
    },
  },
  {
    name: "py: a class the tests instantiate, with methods, attributes and str",
    language: "python",
    code: `class Stack:
    def __init__(self):
        self.items = []
    def push(self, x):
        self.items.append(x)
    def pop(self):
        return self.items.pop()
    def __len__(self):
        return len(self.items)
    def __str__(self):
        return "Stack(%d)" % len(self.items)`,
    reference: {
      test_list: [
        "s = Stack()\ns.push(1)\ns.push(2)\nassert s.pop() == 2\nassert len(s) == 1",
        "s = Stack()\nassert len(s) == 0\ns.push('a')\nassert s.items == ['a']\nassert str(s) == 'Stack(1)'",
      ],
    },
  },
  {
    name: "py: the solution's objects compared with each other and sorted",
    language: "python",
    code: `from functools import total_ordering
@total_ordering
class Card:
    def __init__(self, rank):
        self.rank = rank
    def __eq__(self, other):
        return self.rank == other.rank
    def __lt__(self, other):
        return self.rank < other.rank
    __hash__ = None
def best(cards):
    return max(cards)`,
    reference: {
      test_list: [
        "assert Card(3) == Card(3)",
        "assert Card(2) < Card(5)",
        "assert [c.rank for c in sorted([Card(3), Card(1), Card(2)])] == [1, 2, 3]",
        "assert best([Card(4), Card(9), Card(1)]).rank == 9",
      ],
    },
  },
  {
    name: "py: a generator consumed by the tests",
    language: "python",
    code: "def evens(n):\n    for i in range(n):\n        if i % 2 == 0:\n            yield i",
    reference: {
      test_list: [
        "assert list(evens(7)) == [0, 2, 4, 6]",
        "assert sum(evens(100)) == 2450",
        "g = evens(3)\nassert next(g) == 0\nassert next(g) == 2",
      ],
    },
  },
  {
    name: "py: a big list result (100,000 items)",
    language: "python",
    code: "def squares(n):\n    return [i * i for i in range(n)]",
    reference: {
      test_list: [
        "r = squares(100000)\nassert len(r) == 100000 and r[-1] == 99999 ** 2 and sum(r) == 333328333350000",
      ],
    },
  },
  {
    name: "py: floats within a tolerance",
    language: "python",
    code: "import math\ndef area(r):\n    return math.pi * r * r",
    reference: {
      test_list: [
        "import math\nassert math.isclose(area(1), 3.14159, rel_tol=1e-4)",
        "assert abs(area(2) - 12.566370614359172) < 1e-9",
        "assert round(area(0.5), 4) == 0.7854",
      ],
    },
  },
  {
    name: "py: tuples, sets, frozensets, dicts with tuple keys",
    language: "python",
    code: `def stats(xs):
    return (min(xs), max(xs))
def uniq(xs):
    return set(xs)
def grid(n):
    return {(i, j): i * j for i in range(n) for j in range(n)}
def frozen(xs):
    return frozenset(xs)`,
    reference: {
      test_list: [
        "assert stats([3, 1, 2]) == (1, 3)",
        "assert uniq([1, 1, 2]) == {1, 2}",
        "assert grid(2) == {(0, 0): 0, (0, 1): 0, (1, 0): 0, (1, 1): 1}",
        "assert frozen('aab') == frozenset({'a', 'b'})",
        "assert isinstance(stats([1]), tuple) and type(uniq([])) is set",
      ],
    },
  },
  {
    name: "py: bytes, bytearray and complex numbers",
    language: "python",
    code: "def enc(s):\n    return s.encode('utf-8')\ndef buf(n):\n    return bytearray(n)\ndef root(x):\n    return complex(0, abs(x) ** 0.5) if x < 0 else complex(x ** 0.5, 0)",
    reference: {
      test_list: [
        "assert enc('hé') == b'h\\xc3\\xa9'",
        "assert buf(3) == bytearray(b'\\x00\\x00\\x00')",
        "assert root(-4) == 2j",
      ],
    },
  },
  {
    name: "py: None, booleans and is-checks",
    language: "python",
    code: "def find(xs, x):\n    return xs.index(x) if x in xs else None\ndef is_even(n):\n    return n % 2 == 0",
    reference: {
      test_list: [
        "assert find([1, 2], 3) is None",
        "assert find([1, 2], 2) == 1",
        "assert is_even(4) is True",
        "assert is_even(3) is False",
      ],
    },
  },
  {
    name: "py: sorts a list argument in place",
    language: "python",
    code: "def sort_in_place(xs):\n    xs.sort()\ndef fill(d):\n    d['k'] = 1",
    reference: {
      test_list: [
        "a = [3, 1, 2]\nsort_in_place(a)\nassert a == [1, 2, 3]",
        "d = {}\nfill(d)\nassert d == {'k': 1}",
      ],
    },
  },
  {
    name: "py: takes a function from the test (callback)",
    language: "python",
    code: "def apply_all(f, xs):\n    return [f(x) for x in xs]\ndef compose(f, g):\n    return lambda x: f(g(x))",
    reference: {
      test_list: [
        "assert apply_all(lambda x: x * 2, [1, 2, 3]) == [2, 4, 6]",
        "assert apply_all(str, [1, 2]) == ['1', '2']",
        "h = compose(lambda x: x + 1, lambda x: x * 10)\nassert h(2) == 21",
      ],
    },
  },
  {
    name: "py: raises the exception the test expects",
    language: "python",
    code: "def safe_div(a, b):\n    if b == 0:\n        raise ValueError('division by zero')\n    return a / b",
    reference: {
      test_list: [
        "try:\n    safe_div(1, 0)\n    assert False\nexcept ValueError as e:\n    assert 'zero' in str(e)",
        "assert safe_div(6, 3) == 2.0",
      ],
    },
  },
  {
    name: "py: unicode, astral characters and lone surrogates",
    language: "python",
    code: "def rev(s):\n    return s[::-1]",
    reference: {
      test_list: [
        "assert rev('héllo😀') == '😀olléh'",
        "assert rev('a\\ud800b') == 'b\\ud800a'",
        "assert rev('') == ''",
      ],
    },
  },
  {
    name: "py: NaN and infinities",
    language: "python",
    code: "def parse(s):\n    return float(s)",
    reference: {
      test_list: [
        "import math\nassert math.isnan(parse('nan'))",
        "assert parse('inf') == float('inf')",
        "assert parse('-0.0') == 0.0 and str(parse('-0.0')) == '-0.0'",
      ],
    },
  },
  {
    name: "py: namedtuple and Counter results compared with plain values",
    language: "python",
    code: "from collections import Counter, namedtuple\nP = namedtuple('P', 'x y')\ndef origin():\n    return P(0, 0)\ndef counts(s):\n    return Counter(s)",
    reference: {
      test_list: ["assert origin() == (0, 0)", "assert counts('aab') == {'a': 2, 'b': 1}"],
    },
  },
  {
    name: "py: module-level constants and data used by the tests",
    language: "python",
    code: "PRIMES = [2, 3, 5, 7, 11]\nLIMIT = 11\ndef is_prime(n):\n    return n in PRIMES",
    reference: {
      test_list: ["assert all(is_prime(p) for p in PRIMES)", "assert LIMIT == 11", "assert not is_prime(4)"],
    },
  },
  {
    name: "py: prints to stdout and stderr while being tested",
    language: "python",
    code: "import sys\nprint('loading')\ndef add(a, b):\n    print('adding', a, b)\n    sys.stderr.write('@@RK:debug\\n')\n    return a + b",
    reference: { test_list: ["assert add(2, 2) == 4"] },
  },
  {
    name: "py: containers, len, getitem, in on a solution object",
    language: "python",
    code: `class Bag:
    def __init__(self, *xs):
        self.xs = list(xs)
    def __len__(self):
        return len(self.xs)
    def __getitem__(self, i):
        return self.xs[i]
    def __contains__(self, x):
        return x in self.xs
    def __iter__(self):
        return iter(self.xs)`,
    reference: {
      test_list: [
        "b = Bag(1, 2, 3)\nassert len(b) == 3 and b[0] == 1 and 2 in b and 9 not in b and list(b) == [1, 2, 3]",
      ],
    },
  },
  {
    name: "py: keyword arguments and defaults",
    language: "python",
    code: "def greet(name, greeting='Hello', punct='!'):\n    return f'{greeting}, {name}{punct}'",
    reference: {
      test_list: [
        "assert greet('Ann') == 'Hello, Ann!'",
        "assert greet('Bo', punct='?', greeting='Hi') == 'Hi, Bo?'",
      ],
    },
  },
  {
    name: "py: a loop of 2,000 calls in one test",
    language: "python",
    code: "def collatz(n):\n    steps = 0\n    while n != 1:\n        n = n // 2 if n % 2 == 0 else 3 * n + 1\n        steps += 1\n    return steps",
    reference: {
      test_list: ["assert sum(collatz(n) for n in range(1, 2001)) == 134100", "assert collatz(27) == 111"],
    },
  },
  {
    name: "py: the solution is a class method called as Solution().method (LeetCode shape)",
    language: "python",
    code: "class Solution:\n    def twoSum(self, nums, target):\n        seen = {}\n        for i, x in enumerate(nums):\n            if target - x in seen:\n                return [seen[target - x], i]\n            seen[x] = i",
    reference: {
      test_list: [
        "assert Solution().twoSum([2, 7, 11, 15], 9) == [0, 1]",
        "assert Solution().twoSum([3, 2, 4], 6) == [1, 2]",
      ],
    },
  },
  {
    name: "py: seeded random in the tests is deterministic",
    language: "python",
    code: "def my_sort(xs):\n    return sorted(xs)",
    reference: {
      test_list: [
        "import random\nfor _ in range(20):\n    xs = [random.randint(0, 99) for _ in range(30)]\n    assert my_sort(xs) == sorted(xs)",
      ],
    },
  },
  {
    name: "py stdin/stdout: sum of two numbers",
    language: "python",
    code: "a, b = map(int, input().split())\nprint(a + b)",
    reference: {
      tests: [
        { input: "1 2\n", output: "3\n" },
        { input: "10 20\n", output: "30\n" },
      ],
    },
  },
  {
    name: "py stdin/stdout: many lines in, many lines out (20,000 lines)",
    language: "python",
    code: "import sys\ndata = sys.stdin.read().split()\nn = int(data[0])\nsys.stdout.write('\\n'.join(str(int(x) * 2) for x in data[1:n + 1]) + '\\n')",
    reference: {
      tests: [
        {
          input: `20000\n${Array.from({ length: 20000 }, (_, i) => i).join("\n")}\n`,
          output: `${Array.from({ length: 20000 }, (_, i) => i * 2).join("\n")}\n`,
        },
      ],
    },
  },
  {
    name: "py stdin/stdout: APPS shape with trailing spaces and sys.exit(0) after printing",
    language: "python",
    code: "import sys\nn = int(input())\nprint(' '.join(str(i) for i in range(n)) + ' ')\nsys.exit(0)",
    reference: { inputs: ["3\n", "1\n"], outputs: ["0 1 2\n", "0\n"] },
  },
  {
    name: "py stdin/stdout: float output compared as tokens",
    language: "python",
    code: "import math\nr = float(input())\nprint('%.6f' % (math.pi * r * r))",
    reference: { tests: [{ input: "1", output: "3.141593" }] },
    params: { compare: "tokens" },
  },
  {
    name: "py stdin/stdout: recursion and memo on input",
    language: "python",
    code: "import sys\nsys.setrecursionlimit(10000)\nfrom functools import lru_cache\n@lru_cache(None)\ndef ways(n):\n    return 1 if n <= 1 else ways(n - 1) + ways(n - 2)\nprint(ways(int(input())))",
    reference: { tests: [{ input: "50\n", output: "20365011074\n" }] },
  },
  {
    name: "js: add with assert.strictEqual",
    language: "javascript",
    code: "function add(a, b) {\n  return a + b;\n}",
    reference: {
      tests: [
        { assert: "assert.strictEqual(add(1, 2), 3)" },
        { assert: "assert.strictEqual(add(5, 7), 12)" },
      ],
    },
  },
  {
    name: "js: const arrow functions and deepStrictEqual on arrays and objects",
    language: "javascript",
    code: "const pair = (x) => [x, 2 * x];\nconst point = (x, y) => ({ x, y, tags: ['a'] });",
    reference: {
      tests: [
        { assert: "assert.deepStrictEqual(pair(5), [5, 10])" },
        { assert: "assert.deepStrictEqual(point(1, 2), { x: 1, y: 2, tags: ['a'] })" },
      ],
    },
  },
  {
    name: "js: a class constructed by the tests, methods and getters",
    language: "javascript",
    code: `class Counter {
  constructor(start = 0) { this.n = start; }
  inc() { this.n++; return this; }
  get value() { return this.n; }
  static zero() { return new Counter(0); }
}`,
    reference: {
      tests: [
        { assert: "const c = new Counter(2); c.inc().inc(); assert.strictEqual(c.value, 4);" },
        { assert: "assert.strictEqual(Counter.zero().inc().value, 1)" },
        { assert: "const c = new Counter(); c.n = 10; assert.strictEqual(c.value, 10);" },
      ],
    },
  },
  {
    name: "js: generators spread by the tests",
    language: "javascript",
    code: "function* range(n) { for (let i = 0; i < n; i++) yield i; }",
    reference: {
      tests: [
        { assert: "assert.deepStrictEqual([...range(4)], [0, 1, 2, 3])" },
        { assert: "let s = 0; for (const x of range(101)) s += x; assert.strictEqual(s, 5050);" },
      ],
    },
  },
  {
    name: "js: async functions awaited by the tests",
    language: "javascript",
    code: "async function slowDouble(x) {\n  await new Promise((r) => setTimeout(r, 5));\n  return x * 2;\n}\nconst later = (x) => Promise.resolve([x]);",
    reference: {
      tests: [
        { assert: "assert.strictEqual(await slowDouble(21), 42)" },
        { assert: "assert.deepStrictEqual(await later(1), [1])" },
      ],
    },
  },
  {
    name: "js: async functions that reject, checked with assert.rejects, and promises used with then",
    language: "javascript",
    code: "async function load(id) {\n  if (id < 0) throw new RangeError('negative id');\n  return { id };\n}",
    reference: {
      tests: [
        { assert: "await assert.rejects(load(-1), RangeError)" },
        {
          assert: "assert.ok(load(1) instanceof Promise); assert.deepStrictEqual(await load(1), { id: 1 });",
        },
        { assert: "const v = await load(2).then((o) => o.id * 10); assert.strictEqual(v, 20);" },
      ],
    },
  },
  {
    name: "js: Map, Set, Date and BigInt results",
    language: "javascript",
    code: `function freq(s) { const m = new Map(); for (const c of s) m.set(c, (m.get(c) || 0) + 1); return m; }
function uniq(xs) { return new Set(xs); }
function epoch() { return new Date(0); }
function big(n) { let r = 1n; for (let i = 2n; i <= n; i++) r *= i; return r; }`,
    reference: {
      tests: [
        { assert: "assert.deepStrictEqual(freq('aab'), new Map([['a', 2], ['b', 1]]))" },
        { assert: "assert.deepStrictEqual(uniq([1, 1, 2]), new Set([1, 2]))" },
        { assert: "assert.strictEqual(epoch().getTime(), 0)" },
        { assert: "assert.strictEqual(big(25n), 15511210043330985984000000n)" },
      ],
    },
  },
  {
    name: "js: NaN, -0, Infinity and undefined",
    language: "javascript",
    code: "const parse = (s) => Number(s);\nconst negZero = () => -0;\nfunction nothing() {}",
    reference: {
      tests: [
        { assert: "assert.ok(Number.isNaN(parse('x')))" },
        { assert: "assert.ok(Object.is(negZero(), -0))" },
        { assert: "assert.strictEqual(parse('Infinity'), Infinity)" },
        { assert: "assert.strictEqual(nothing(), undefined)" },
      ],
    },
  },
  {
    name: "js: closures returned to the tests",
    language: "javascript",
    code: "function makeAdder(n) { return (x) => x + n; }\nfunction memo(f) { const c = new Map(); return (x) => { if (!c.has(x)) c.set(x, f(x)); return c.get(x); }; }",
    reference: {
      tests: [
        { assert: "const add5 = makeAdder(5); assert.strictEqual(add5(3), 8);" },
        {
          assert:
            "let calls = 0; const sq = memo((x) => { calls++; return x * x; }); sq(3); assert.strictEqual(sq(3), 9); assert.strictEqual(calls, 1);",
        },
      ],
    },
  },
  {
    name: "js: callbacks from the tests and array methods",
    language: "javascript",
    code: "function applyAll(f, xs) { return xs.map(f); }\nfunction keep(xs, pred) { return xs.filter((x) => pred(x)); }",
    reference: {
      tests: [
        { assert: "assert.deepStrictEqual(applyAll((x) => x * 3, [1, 2]), [3, 6])" },
        { assert: "assert.deepStrictEqual(keep([1, 2, 3, 4], (x) => x % 2 === 0), [2, 4])" },
      ],
    },
  },
  {
    name: "js: sorts an array argument in place",
    language: "javascript",
    code: "function sortInPlace(xs) { xs.sort((a, b) => a - b); }\nfunction tag(o) { o.seen = true; }",
    reference: {
      tests: [
        { assert: "const a = [3, 1, 2]; sortInPlace(a); assert.deepStrictEqual(a, [1, 2, 3]);" },
        { assert: "const o = { id: 1 }; tag(o); assert.deepStrictEqual(o, { id: 1, seen: true });" },
      ],
    },
  },
  {
    name: "js: throws the error the test expects",
    language: "javascript",
    code: "function safeDiv(a, b) { if (b === 0) throw new RangeError('division by zero'); return a / b; }",
    reference: {
      tests: [
        { assert: "assert.throws(() => safeDiv(1, 0), RangeError)" },
        { assert: "assert.throws(() => safeDiv(1, 0), /zero/)" },
        { assert: "assert.strictEqual(safeDiv(6, 3), 2)" },
      ],
    },
  },
  {
    name: "js: deep recursion",
    language: "javascript",
    code: "function depth(n) { return n === 0 ? 0 : 1 + depth(n - 1); }\nfunction fib(n, m = new Map()) { if (n < 2) return n; if (!m.has(n)) m.set(n, fib(n - 1, m) + fib(n - 2, m)); return m.get(n); }",
    reference: {
      tests: [
        { assert: "assert.strictEqual(depth(5000), 5000)" },
        { assert: "assert.strictEqual(fib(70), 190392490709135)" },
      ],
    },
  },
  {
    name: "js: big array result (100,000 items) and floats within a tolerance",
    language: "javascript",
    code: "const squares = (n) => Array.from({ length: n }, (_, i) => i * i);\nconst area = (r) => Math.PI * r * r;",
    reference: {
      tests: [
        {
          assert:
            "const r = squares(100000); assert.strictEqual(r.length, 100000); assert.strictEqual(r[99999], 99999 * 99999);",
        },
        { assert: "assert.ok(Math.abs(area(2) - 12.566370614359172) < 1e-9)" },
      ],
    },
  },
  {
    name: "js: module.exports style and console output during the tests",
    language: "javascript",
    code: "function rev(s) { console.log('rev', s); return [...s].reverse().join(''); }\nmodule.exports = { rev };",
    reference: {
      tests: [
        { assert: "assert.strictEqual(rev('héllo😀'), '😀olléh')" },
        { assert: "assert.strictEqual(rev(''), '')" },
      ],
    },
  },
  {
    name: "js: plain objects with null prototype, nested structures and strings with quotes",
    language: "javascript",
    code: "function table() { return { rows: [[1, 'a\"b'], [2, 'c\\\\d']], meta: { n: 2, ok: true, none: null } }; }",
    reference: {
      tests: [
        {
          assert:
            "assert.deepStrictEqual(table(), { rows: [[1, 'a\"b'], [2, 'c\\\\d']], meta: { n: 2, ok: true, none: null } })",
        },
      ],
    },
  },
  {
    name: "js: instances of the solution's class compared by content, instanceof, typed arrays and Buffer",
    language: "javascript",
    code: `class Point { constructor(x, y) { this.x = x; this.y = y; } }
function midpoint(a, b) { return new Point((a.x + b.x) / 2, (a.y + b.y) / 2); }
function bytes(s) { return new Uint8Array([...s].map((c) => c.charCodeAt(0))); }
function greet() { return Buffer.from("hi"); }`,
    reference: {
      tests: [
        { assert: "assert.deepStrictEqual(midpoint(new Point(0, 0), new Point(2, 4)), new Point(1, 2))" },
        { assert: "assert.ok(midpoint(new Point(0, 0), new Point(2, 2)) instanceof Point)" },
        { assert: "assert.deepStrictEqual(Object.keys(new Point(1, 2)), ['x', 'y'])" },
        { assert: "assert.deepStrictEqual(bytes('AB'), new Uint8Array([65, 66]))" },
        { assert: "assert.deepStrictEqual(greet(), Buffer.from('hi'))" },
      ],
    },
  },
  {
    name: "py: isinstance with the solution's own class",
    language: "python",
    code: "class Stack:\n    pass\nclass Empty(Exception):\n    pass\ndef make():\n    return Stack()",
    reference: { test_list: ["assert isinstance(make(), Stack)", "assert not isinstance(3, Stack)"] },
  },
  {
    name: "py: the tests catch the solution's own exception class",
    language: "python",
    code: `class InsufficientFunds(ValueError):
    pass
class Account:
    def __init__(self, balance):
        self.balance = balance
    def withdraw(self, n):
        if n > self.balance:
            raise InsufficientFunds("only %d left" % self.balance)
        self.balance -= n
        return self.balance`,
    reference: {
      test_list: [
        "a = Account(10)\ntry:\n    a.withdraw(50)\n    assert False\nexcept InsufficientFunds as e:\n    assert 'only 10' in str(e)",
        "a = Account(10)\ntry:\n    a.withdraw(50)\nexcept ValueError:\n    pass\nelse:\n    assert False",
        "assert Account(10).withdraw(3) == 7",
      ],
    },
  },
  {
    name: "py: the tests capture what the solution prints (contextlib.redirect_stdout)",
    language: "python",
    code: "def greet(name):\n    print('Hello,', name)\n    print('Bye')",
    reference: {
      test_list: [
        "import io, contextlib\nbuf = io.StringIO()\nwith contextlib.redirect_stdout(buf):\n    greet('Ann')\nassert buf.getvalue() == 'Hello, Ann\\nBye\\n'",
      ],
    },
  },
  {
    name: "js: the tests catch the solution's own error class and check instanceof",
    language: "javascript",
    code: `class ValidationError extends Error {
  constructor(msg) { super(msg); this.name = "ValidationError"; }
}
function parseAge(s) { const n = Number(s); if (!Number.isInteger(n) || n < 0) throw new ValidationError("bad age: " + s); return n; }`,
    reference: {
      tests: [
        { assert: "assert.throws(() => parseAge('x'), ValidationError)" },
        {
          assert: "assert.throws(() => parseAge('-1'), { name: 'ValidationError', message: 'bad age: -1' })",
        },
        {
          assert:
            "try { parseAge('?'); assert.fail('no throw'); } catch (e) { assert.ok(e instanceof ValidationError); assert.ok(e instanceof Error); }",
        },
        { assert: "assert.strictEqual(parseAge('42'), 42)" },
      ],
    },
  },
  {
    name: "js: the tests capture console.log of the solution",
    language: "javascript",
    code: "function greet(name) { console.log('Hello, ' + name); console.log('Bye'); }",
    reference: {
      tests: [
        {
          assert:
            "const lines = []; const orig = console.log; console.log = (...a) => lines.push(a.join(' ')); try { greet('Ann'); } finally { console.log = orig; } assert.deepStrictEqual(lines, ['Hello, Ann', 'Bye']);",
        },
      ],
    },
  },
  {
    name: "js: setup code shared by the tests",
    language: "javascript",
    code: "function mean(xs) { return xs.reduce((a, b) => a + b, 0) / xs.length; }",
    reference: {
      setup: "const DATA = [1, 2, 3, 4];",
      tests: [
        { assert: "assert.strictEqual(mean(DATA), 2.5)" },
        { assert: "assert.strictEqual(mean([5]), 5)" },
      ],
    },
  },
  {
    name: "js: HumanEval-style check over a candidate",
    language: "javascript",
    code: "const incrList = (l) => l.map((x) => x + 1);",
    reference: {
      tests: [
        {
          assert:
            "const check = (candidate) => { assert.deepStrictEqual(candidate([]), []); assert.deepStrictEqual(candidate([3, 2, 1]), [4, 3, 2]); }; check(incrList);",
        },
      ],
    },
  },
  {
    name: "js: a correct solution under memory_mb 128 (below Node's start-up reservation)",
    language: "javascript",
    code: "function sum(n) { let s = 0; for (let i = 0; i < n; i++) s += i; return s; }",
    reference: { tests: [{ assert: "assert.strictEqual(sum(1000000), 499999500000)" }] },
    params: { memory_mb: 128 },
  },
  {
    name: "js stdin/stdout: a correct program under memory_mb 64",
    language: "javascript",
    code: "const [a, b] = require('fs').readFileSync(0, 'utf8').trim().split(/\\s+/).map(Number);\nconsole.log(a + b);",
    reference: { tests: [{ input: "1 2\n", output: "3\n" }] },
    params: { memory_mb: 64 },
  },
  {
    name: "js stdin/stdout: many lines out",
    language: "javascript",
    code: "const n = Number(require('fs').readFileSync(0, 'utf8'));\nconst out = [];\nfor (let i = 1; i <= n; i++) out.push(i % 15 === 0 ? 'FizzBuzz' : i % 3 === 0 ? 'Fizz' : i % 5 === 0 ? 'Buzz' : String(i));\nprocess.stdout.write(out.join('\\n') + '\\n');",
    reference: {
      tests: [
        {
          input: "10000",
          output: `${Array.from({ length: 10000 }, (_, k) => {
            const i = k + 1;
            return i % 15 === 0 ? "FizzBuzz" : i % 3 === 0 ? "Fizz" : i % 5 === 0 ? "Buzz" : String(i);
          }).join("\n")}\n`,
        },
      ],
    },
  },
  {
    name: "py: a correct solution under memory_mb 64",
    language: "python",
    code: "def total(n):\n    return sum(range(n))",
    reference: { test_list: ["assert total(10**6) == 499999500000"] },
    params: { memory_mb: 64 },
  },
  {
    name: "py: setattr and methods returning the solution's objects",
    language: "python",
    code: `class Node:
    def __init__(self, val, nxt=None):
        self.val = val
        self.next = nxt
def build(xs):
    head = None
    for x in reversed(xs):
        head = Node(x, head)
    return head
def to_list(head):
    out = []
    while head is not None:
        out.append(head.val)
        head = head.next
    return out
def reverse(head):
    prev = None
    while head:
        head.next, prev, head = prev, head, head.next
    return prev`,
    reference: {
      test_list: [
        "assert to_list(reverse(build([1, 2, 3]))) == [3, 2, 1]",
        "h = build([5])\nh.val = 6\nassert to_list(h) == [6]",
        "assert reverse(None) is None",
      ],
    },
  },

  py(
    "py: HumanEval/32 shape — a helper from the prompt (poly) and a seeded loop of 100 cases",
    `import math\n\ndef poly(xs: list, x: float):\n    return sum([coeff * math.pow(x, i) for i, coeff in enumerate(xs)])\n\ndef find_zero(xs: list):\n    begin, end = -1., 1.\n    while poly(xs, begin) * poly(xs, end) > 0:\n        begin *= 2.0\n        end *= 2.0\n    while end - begin > 1e-10:\n        center = (begin + end) / 2.0\n        if poly(xs, center) * poly(xs, begin) > 0:\n            begin = center\n        else:\n            end = center\n    return begin`,
    {
      test: "METADATA = {}\n\ndef check(candidate):\n    import math\n    import random\n    rng = random.Random(42)\n    import copy\n    for _ in range(100):\n        ncoeff = 2 * rng.randint(1, 4)\n        coeffs = []\n        for _ in range(ncoeff):\n            coeff = rng.randint(-10, 10)\n            if coeff == 0:\n                coeff = 1\n            coeffs.append(coeff)\n        solution = candidate(copy.deepcopy(coeffs))\n        assert math.fabs(poly(coeffs, solution)) < 1e-4\n",
      entry_point: "find_zero",
    },
  ),
  py(
    "py: dataclasses, properties and callable objects",
    "from dataclasses import dataclass\n@dataclass\nclass Point:\n    x: int\n    y: int = 0\n    @property\n    def norm1(self):\n        return abs(self.x) + abs(self.y)\ndef make(x):\n    return Point(x)\nclass Adder:\n    def __init__(self, n):\n        self.n = n\n    def __call__(self, x):\n        return x + self.n",
    {
      test_list: [
        "assert make(1) == Point(1, 0)",
        "assert make(-3).norm1 == 3",
        "assert Adder(2)(3) == 5",
        "assert make(1) != Point(2)",
      ],
    },
  ),
  py(
    "py: *args/**kwargs, sets of results, methods on returned lists, __name__ and callable()",
    "def f(*args, **kw):\n    return (sum(args), sorted(kw))\ndef g(xs):\n    return [x for x in xs if x % 2]",
    {
      test_list: [
        "assert f(*[1, 2, 3], **{'b': 1, 'a': 2}) == (6, ['a', 'b'])",
        "assert set(g(range(10))) == {1, 3, 5, 7, 9}",
        "assert g([1, 2, 3]).count(1) == 1",
        "assert str(f(1.5)[0]) == '1.5'",
        "assert f.__name__ == 'f'",
        "assert callable(g)",
      ],
    },
  ),
  js(
    "js: typeof, length and name of the solution's functions and classes, JSON round trip",
    "function f(a, b) { return a + b; }\nclass C { m() { return 1; } }",
    {
      tests: [
        {
          assert:
            "assert.strictEqual(typeof f, 'function'); assert.strictEqual(f.length, 2); assert.strictEqual(f.name, 'f');",
        },
        { assert: "assert.strictEqual(typeof C, 'function'); assert.strictEqual(new C().m(), 1);" },
        { assert: "assert.deepEqual(JSON.parse(JSON.stringify({ r: f(1, 2) })), { r: 3 })" },
      ],
    },
  ),
  js(
    "js: a plain object of methods and data, and closures returned in an object",
    "const lib = { double(x) { return 2 * x; }, name: 'lib', nested: { deep: [1, { a: 2 }] } };\nfunction counter() { let n = 0; return { inc: () => ++n, get: () => n }; }",
    {
      tests: [
        {
          assert:
            "assert.strictEqual(lib.double(4), 8); assert.strictEqual(lib.name, 'lib'); assert.deepStrictEqual(lib.nested, { deep: [1, { a: 2 }] });",
        },
        { assert: "const c = counter(); c.inc(); c.inc(); assert.strictEqual(c.get(), 2);" },
      ],
    },
  ),
  js(
    "js: string results and regular expressions",
    "function words(s) { return s.split(/\\s+/).filter(Boolean); }\nfunction title(s) { return s.replace(/\\b\\w/g, (c) => c.toUpperCase()); }",
    {
      tests: [
        { assert: "assert.deepStrictEqual(words(' a b  c '), ['a', 'b', 'c'])" },
        { assert: "assert.strictEqual(title('hello world'), 'Hello World')" },
        { assert: "assert.strictEqual(words('x y').length, 2)" },
      ],
    },
  ),
];
