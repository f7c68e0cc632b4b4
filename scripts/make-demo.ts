// Generates the embedded demo dataset (deterministic): arithmetic word problems with right, wrong,
// malformed and hostile completions. Run: npx tsx scripts/make-demo.ts > examples/demo/rollouts.jsonl
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}
const rand = lcg(20261126);
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const NAMES = ["Ada", "Bo", "Chen", "Dara", "Eli", "Fatima", "Goran", "Hana"];
const ITEMS = ["apples", "marbles", "stamps", "books", "coins", "shells"];

function problem(i: number) {
  const who = pick(NAMES);
  const item = pick(ITEMS);
  const a = int(3, 400);
  const b = int(2, 60);
  const kind = i % 4;
  if (kind === 0)
    return {
      q: `${who} has ${a} ${item} and buys ${b} more. How many ${item} does ${who} have now?`,
      ans: a + b,
      work: `${a} + ${b} = ${a + b}`,
    };
  if (kind === 1)
    return {
      q: `${who} has ${a + b} ${item} and gives away ${b}. How many are left?`,
      ans: a,
      work: `${a + b} - ${b} = ${a}`,
    };
  if (kind === 2)
    return {
      q: `${who} packs ${b} boxes with ${a} ${item} each. How many ${item} in total?`,
      ans: a * b,
      work: `${b} × ${a} = ${a * b}`,
    };
  return {
    q: `${who} shares ${a * b} ${item} equally among ${b} friends. How many does each friend get?`,
    ans: a,
    work: `${a * b} ÷ ${b} = ${a}`,
  };
}

// 30 prompts × 8 sampled completions each: a group per prompt, as a GRPO trainer would sample them.
const problems = Array.from({ length: 30 }, (_, k) => problem(k));
const rows: unknown[] = [];
for (let i = 0; i < 240; i++) {
  const p = problems[i >> 3]!;
  const group = `q${String(i >> 3).padStart(3, "0")}`;
  const style = i % 8;
  let completion: string;
  let label: string;
  if (style <= 2) {
    label = "right";
    const shown = p.ans >= 1000 && style === 2 ? p.ans.toLocaleString("en-US") : String(p.ans);
    completion = `<think>${p.work}.</think>\n<answer>${shown}</answer>`;
  } else if (style <= 4) {
    label = "wrong";
    completion = `<think>${p.work.replace(/= .*/, "")}= ${p.ans + int(1, 9)}.</think>\n<answer>${p.ans + int(1, 9)}</answer>`;
  } else if (style === 5) {
    label = "malformed";
    completion = pick([
      `The answer is ${p.ans}.`,
      `<think>${p.work}</think> ${p.ans}`,
      `<answer>${p.ans}</answer><answer>${p.ans}</answer>`,
      `<think>${p.work}</think><answer>${p.ans}</answer> I hope this helps!`,
    ]);
  } else if (style === 6) {
    label = "verbose";
    completion = `<think>${`Let me check again. ${p.work}. `.repeat(int(30, 90))}</think>\n<answer>${p.ans}</answer>`;
  } else {
    label = "hostile";
    const h = i % 5;
    completion = [
      "<answer>".repeat(20_000),
      `<think>${"{".repeat(5000)}</think><answer>${p.ans}</answer>`,
      `<think>x</think><\u0430nswer>${p.ans}</\u0430nswer>`,
      `<think>\ud800 lone surrogate</think><answer>\uff11${
        String(p.ans).slice(1)
          ? String(p.ans)
              .slice(1)
              .replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))
          : ""
      }</answer>`,
      `<think>${"a".repeat(200_000)}</think><answer>${p.ans}</answer>`,
    ][h]!;
  }
  rows.push({
    id: i,
    group,
    prompt: [{ role: "user", content: p.q }],
    completion,
    reference: String(p.ans),
    meta: { label },
  });
}
// Chat-message completions, including a tool call.
rows.push({
  id: 240,
  group: "q240",
  prompt: "What is 6 × 7?",
  completion: [{ role: "assistant", content: "<think>6 × 7 = 42</think><answer>42</answer>" }],
  reference: "42",
  meta: { label: "right" },
});
rows.push({
  id: 241,
  group: "q241",
  prompt: "What is 6 × 7?",
  completion: [
    {
      role: "assistant",
      content: null,
      tool_calls: [{ id: "c1", type: "function", function: { name: "calc", arguments: '{"expr":"6*7"}' } }],
    },
    { role: "tool", tool_call_id: "c1", content: "42" },
    { role: "assistant", content: "<think>the tool says 42</think><answer>42</answer>" },
  ],
  reference: "42",
  meta: { label: "right" },
});
// Malformed rows: no completion, a completion of the wrong type, a reference the checker cannot use.
rows.push({ id: 242, group: "q242", prompt: "What is 1 + 1?", reference: "2", meta: { label: "invalid" } });
rows.push({
  id: 243,
  group: "q243",
  prompt: "What is 1 + 1?",
  completion: 2,
  reference: "2",
  meta: { label: "invalid" },
});
rows.push({
  id: 244,
  group: "q244",
  prompt: "What is 1 + 1?",
  completion: "<think>1+1</think><answer>2</answer>",
  reference: { value: 2 },
  meta: { label: "invalid" },
});

const lines = rows.map((r) => JSON.stringify(r));
// A line that is not JSON at all (NaN is not a JSON token).
lines.splice(100, 0, '{"id": "bad", "completion": "<answer>1</answer>", "reference": NaN}');
process.stdout.write(`${lines.join("\n")}\n`);
