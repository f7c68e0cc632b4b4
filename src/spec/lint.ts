import type { NodeSpec } from "../core/types.ts";

/** A warning about a spec that invites reward hacking or a hang. */
export interface LintWarning {
  path: string;
  message: string;
}

const CORRECTNESS =
  /^(text\.exact|text\.choice|math\.|code\.|tools\.|judge\.|model\.|similarity\.|temporal\.|vision\.|memory\.)/;
const FORMAT = /^(format\.|json\.valid)/;

/**
 * True when a regex source has a quantified group that itself contains an unbounded quantifier, or a
 * quantified alternation of overlapping branches — the shapes behind catastrophic backtracking (`(a+)+$`, `(a|a)+`).
 * A linear scan over the pattern with a stack of groups.
 * @example hasNestedQuantifier("(a+)+$") // true
 */
export function hasNestedQuantifier(src: string): boolean {
  const stack: { unbounded: boolean; alt: string[]; cur: string }[] = [
    { unbounded: false, alt: [], cur: "" },
  ];
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    const top = stack[stack.length - 1]!;
    if (c === "\\") {
      top.cur += src.slice(i, i + 2);
      i++;
      continue;
    }
    if (c === "(") {
      stack.push({ unbounded: false, alt: [], cur: "" });
      continue;
    }
    if (c === "|") {
      top.alt.push(top.cur);
      top.cur = "";
      continue;
    }
    if (c === ")" && stack.length > 1) {
      const g = stack.pop()!;
      g.alt.push(g.cur);
      const next = src[i + 1];
      const quantified =
        next === "+" || next === "*" || (next === "{" && /^\{\d+,\}/.test(src.slice(i + 1, i + 12)));
      const overlapping =
        g.alt.length > 1 && new Set(g.alt.map((a) => a.replace(/^\?:/, ""))).size < g.alt.length;
      if (quantified && (g.unbounded || overlapping)) return true;
      const parent = stack[stack.length - 1]!;
      parent.unbounded ||= g.unbounded || quantified;
      parent.cur += "(g)";
      continue;
    }
    if (c === "+" || c === "*") top.unbounded = true;
    if (c === "{" && /^\{\d+,\}/.test(src.slice(i, i + 12))) top.unbounded = true;
    top.cur += c;
  }
  return false;
}

function walk(node: unknown, path: string, visit: (n: NodeSpec, path: string) => void): void {
  if (!node || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const [i, x] of node.entries()) walk(x, `${path}[${i}]`, visit);
    return;
  }
  const n = node as NodeSpec;
  if (typeof n.kind === "string") visit(n, path);
  for (const [k, v] of Object.entries(n)) if (v && typeof v === "object") walk(v, `${path}.${k}`, visit);
}

/**
 * Warnings for specs that invite reward hacking: a format term that can outweigh correctness, an unbounded
 * length bonus or penalty, a length penalty turned into a bonus, and user regexes with nested quantifiers.
 * @example lintSpec({ kind: "sum", terms: [{ kind: "format.tags", weight: 1 }, { kind: "text.exact", weight: 1 }] })
 */
export function lintSpec(reward: NodeSpec, root = "reward", o: { estimator?: string } = {}): LintWarning[] {
  const out: LintWarning[] = [];
  walk(reward, root, (n, path) => {
    const w = potentialShapingWarning(n, o.estimator);
    if (w) out.push({ path, message: w });
    if (n.kind === "sum" && Array.isArray(n.terms)) {
      const terms = n.terms as NodeSpec[];
      const w = (t: NodeSpec) => Math.abs(typeof t.weight === "number" ? t.weight : 1);
      const correct = terms.filter((t) => CORRECTNESS.test(String(t.kind))).reduce((a, t) => a + w(t), 0);
      const format = terms.filter((t) => FORMAT.test(String(t.kind))).reduce((a, t) => a + w(t), 0);
      if (format > 0 && format >= correct) {
        out.push({
          path,
          message: `format terms weigh ${format} against ${correct} for correctness: a well-formatted wrong answer can outscore a right one (gate on format instead, or weigh it lower)`,
        });
      }
      terms.forEach((t, i) => {
        if (String(t.kind).startsWith("length.") && typeof t.weight === "number" && t.weight < 0) {
          out.push({
            path: `${path}.terms[${i}].weight`,
            message: "a negative weight on a length penalty turns it into a length bonus",
          });
        }
      });
    }
    if (n.kind === "length.penalty" && n.max_penalty === null) {
      out.push({
        path,
        message: "unbounded length penalty (max_penalty: null) can outweigh every other term",
      });
    }
    if (n.kind === "length.overlong" && n.clip === false) {
      out.push({ path, message: "overlong penalty without clip is unbounded past max_length" });
    }
    if (n.kind === "format.regex" && typeof n.pattern === "string" && hasNestedQuantifier(n.pattern)) {
      const engine = n.engine ?? "linear";
      out.push({
        path: `${path}.pattern`,
        message:
          engine === "backtracking"
            ? "nested unbounded quantifier: catastrophic backtracking on hostile output (runs isolated under a deadline, but every such sample times out)"
            : "nested unbounded quantifier (safe here: the linear engine cannot backtrack)",
      });
    }
  });
  return out;
}

/** Advantage estimators whose baseline is the group of a prompt: they see only the trajectory total. */
const GROUP_BASELINES = new Set(["grpo", "drgrpo", "rloo"]);

/**
 * Potential-based shaping telescopes: Σ_t γ^t(γΦ_{t+1} − Φ_t) = −Φ_0 when Φ_T = 0, and every rollout of a
 * prompt starts in the same automaton state, so under a group baseline (GRPO/RLOO) the shaping is exactly a
 * no-op; it only helps per-step estimators (GAE, REINFORCE++ over `steps`). (Ng et al., ICML 1999)
 */
function potentialShapingWarning(n: NodeSpec, estimator: string | undefined): string | undefined {
  const shaped =
    (n.kind === "temporal.ltlf" && n.shaping !== undefined && n.shaping !== "none") ||
    (n.kind === "temporal.reward_machine" && n.shaping === "value");
  if (!shaped) return undefined;
  if (estimator !== undefined && !GROUP_BASELINES.has(estimator)) return undefined;
  const who = estimator ? `the ${estimator} estimator` : "a group baseline (GRPO/RLOO)";
  return `potential shaping telescopes to −Φ(q0), the same for every rollout of a prompt: fed only to ${who} it changes nothing; use per-step advantages over steps (rewardkit advantages --estimator gae or reinforce++)`;
}
