import { RewardkitError } from "../errors.ts";
import { evalFormula, formulaVars, parseFormula } from "../formula-parse.ts";
import { defineReward } from "../reward.ts";
import { then } from "../result.ts";
import type { Reward, RewardResult } from "../types.ts";
import { childError, collectInfo, mergeComponents, scoreChildren } from "./_children.ts";

/**
 * A formula over named terms (OpenAI grader `calculate_output`: `+ - * / ^`, min max abs floor ceil exp sqrt log).
 * A null term that the formula reads makes the score null; an error is carried; a non-finite value is an error.
 * @example formula("0.5 * name + 0.5 * args", { name: toolName, args: toolArgs })
 */
export function formula(expr: string, terms: Readonly<Record<string, Reward>>, name?: string): Reward {
  const ast = parseFormula(expr);
  const keys = Object.keys(terms);
  for (const v of formulaVars(ast)) {
    if (!keys.includes(v)) {
      throw new RewardkitError("E_FORMULA", [
        { path: "expr", message: `unknown variable "${v}" (terms: ${keys.join(", ")})` },
      ]);
    }
  }
  const children = keys.map((k) => terms[k]!);
  const specTerms = Object.fromEntries(keys.map((k) => [k, terms[k]!.spec]));
  return defineReward({
    kind: "formula",
    ...(name !== undefined ? { name } : {}),
    params: { expr, terms: specTerms },
    children,
    score: (rollout, _p, ctx) =>
      then(scoreChildren(children, rollout, ctx), (rs): RewardResult => {
        const components: Record<string, number | null> = {};
        const env: Record<string, number> = {};
        const nulls: string[] = [];
        const out: RewardResult = { score: null, components };
        rs.forEach((r, i) => {
          const k = keys[i]!;
          mergeComponents(components, k, r);
          if (r.error) out.error ??= childError(k, r.error);
          else if (r.score === null) nulls.push(k);
          else env[k] = r.score;
        });
        const info = collectInfo(keys, rs);
        if (info) out.info = info;
        if (out.error) return out;
        if (nulls.length) {
          (out.info ??= {}).null_terms = nulls;
          return out;
        }
        const v = evalFormula(ast, env);
        if (!Number.isFinite(v)) {
          out.error = { kind: "runtime", message: `formula "${expr}" gave ${v}` };
          return out;
        }
        out.score = v;
        return out;
      }),
  });
}
