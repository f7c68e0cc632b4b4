import { z } from "zod";
import { ok } from "../core/result.ts";
import { completionText } from "../core/text.ts";
import type { Message, RewardContext } from "../core/types.ts";
import { leafKind } from "../spec/define-kind.ts";
import type { ChatAnswer } from "./chat.ts";
import {
  answerFormat,
  askJudge,
  clampTo,
  DATA_NOTE,
  type JudgeParams,
  judgeInfo,
  judgeParams,
  missingVariable,
  parseFailure,
  quoteResponse,
  rangeParam,
  strictSchema,
  unit,
  unusable,
} from "./judge-common.ts";
import type { Backend } from "./backend.ts";
import { render, rolloutScope } from "./template.ts";
import { answerObject, asNumber, brief } from "./verdict.ts";

const id = z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_-]*$/, "letters, digits, _ and - only");

const params = z
  .strictObject({
    ...judgeParams,
    task: z.string().min(1).default("{{item.prompt}}"),
    /** Fixed criteria: one component each. */
    criteria: z
      .array(
        z.strictObject({ name: id, description: z.string().min(1), weight: z.number().min(0).default(1) }),
      )
      .min(1)
      .optional(),
    /** Fixed dimensions under which the judge writes criteria for each prompt (UnifiedReward-Flex). */
    dimensions: z.array(id).min(1).optional(),
    /** How many criteria the judge writes per dimension. */
    criteria_per_dimension: z.number().int().min(1).max(10).default(2),
    /** The scale each criterion is scored on; components are mapped to [0, 1]. */
    range: rangeParam.default([0, 10]),
  })
  .refine(
    (p) => (p.criteria === undefined) !== (p.dimensions === undefined),
    "give exactly one of criteria or dimensions",
  )
  .refine((p) => !p.criteria || new Set(p.criteria.map((c) => c.name)).size === p.criteria.length, {
    message: "criterion names must be unique",
    path: ["criteria"],
  });

type Params = z.output<typeof params>;

/** A criterion to score: component name, what it checks, weight. */
export interface Criterion {
  name: string;
  description: string;
  weight: number;
  dimension?: string;
}

/**
 * Asks the judge for `k` criteria per dimension for one task. The request depends on the task only, so every
 * rollout of a prompt shares one call (de-duplicated in flight, then cached) and is judged by the same criteria.
 */
async function generateCriteria(
  p: JudgeParams & { dimensions?: string[]; criteria_per_dimension: number },
  task: string,
  ctx: RewardContext,
): Promise<
  | { criteria: Criterion[]; answer: ChatAnswer; backend: Backend }
  | { error: string; answer: ChatAnswer; backend: Backend }
> {
  const dims = p.dimensions!;
  const k = p.criteria_per_dimension;
  const shape = '{"criteria": [{"dimension": "...", "criterion": "..."}]}';
  const messages: Message[] = [
    {
      role: "system",
      content:
        `You write evaluation criteria. For the task below write exactly ${k} specific, checkable criteria for each ` +
        `of the dimensions ${JSON.stringify(dims)}; each criterion says what a good response to THIS task must do. ` +
        answerFormat(p.output, shape),
    },
    { role: "user", content: `Task:\n${task}` },
  ];
  const schema = strictSchema({
    criteria: {
      type: "array",
      minItems: k * dims.length,
      items: strictSchema({ dimension: { type: "string", enum: dims }, criterion: { type: "string" } }),
    },
  });
  const { backend, answer } = await askJudge(
    p,
    "judge.rubric.criteria@1",
    messages,
    { name: "criteria", schema },
    ctx,
  );
  const obj = answerObject(answer.content);
  const list = obj?.criteria;
  if (!Array.isArray(list)) return { error: "criteria answer has no criteria list", answer, backend };
  const out: Criterion[] = [];
  for (const d of dims) {
    const mine = list.filter(
      (c): c is { dimension: string; criterion: string } =>
        !!c &&
        typeof c === "object" &&
        c.dimension === d &&
        typeof c.criterion === "string" &&
        c.criterion.trim() !== "",
    );
    if (mine.length === 0) return { error: `no criteria written for dimension "${d}"`, answer, backend };
    mine.slice(0, k).forEach((c, i) => {
      out.push({ name: `${d}_${i + 1}`, description: c.criterion.trim(), weight: 1, dimension: d });
    });
  }
  return { criteria: out, answer, backend };
}

/** Reads one number per criterion from `{"scores": {name: x}}` or `{"scores": [{"name", "score"}]}`. */
function readScores(text: string, names: readonly string[]): Record<string, number> | string {
  const obj = answerObject(text);
  if (!obj) return `no JSON scores in the answer (${brief(text)})`;
  let scores: unknown = obj.scores ?? obj;
  if (Array.isArray(scores)) {
    const m: Record<string, unknown> = {};
    for (const s of scores) {
      if (s && typeof s === "object") {
        const key = (s as Record<string, unknown>).name ?? (s as Record<string, unknown>).criterion;
        if (typeof key === "string") m[key] = (s as Record<string, unknown>).score;
      }
    }
    scores = m;
  }
  if (!scores || typeof scores !== "object") return "scores is not an object";
  const out: Record<string, number> = {};
  for (const n of names) {
    const v = asNumber((scores as Record<string, unknown>)[n]);
    if (v === undefined) return `no numeric score for criterion "${n}"`;
    out[n] = v;
  }
  return out;
}

/**
 * A rubric judge: one component per criterion, each scored on `range` and mapped to [0, 1];
 * `score = Σ wᵢ·sᵢ / Σ wᵢ`. Criteria are given, or written per prompt under fixed dimensions
 * (UnifiedReward-Flex, arXiv 2602.02380: context-adaptive criteria under fixed dimensions).
 * @example { kind: judge.rubric, model: m, criteria: [{ name: correct, description: "The final answer is right" }] }
 */
export const judgeRubric = leafKind({
  kind: "judge.rubric",
  summary:
    "Rubric judge: one component per criterion (given, or written per prompt under fixed dimensions as in UnifiedReward-Flex).",
  params,
  needs: { network: true },
  async score(r, p: Params, ctx) {
    const task = render(p.task, rolloutScope(r));
    if (!task.ok) return missingVariable(task.missing);
    const answers: ChatAnswer[] = [];
    let criteria: Criterion[];
    if (p.criteria) criteria = p.criteria;
    else {
      const g = await generateCriteria(p, task.text, ctx);
      answers.push(g.answer);
      if ("error" in g) {
        return parseFailure(`criteria generation: ${g.error}`, judgeInfo(p, g.backend, answers), g.answer);
      }
      criteria = g.criteria;
    }
    const [lo, hi] = p.range;
    const names = criteria.map((c) => c.name);
    const shape = `{"scores": {${criteria.map((c) => `"${c.name}": <number>`).join(", ")}}}`;
    const list = criteria.map((c) => `- ${c.name}: ${c.description}`).join("\n");
    const messages: Message[] = [
      {
        role: "system",
        content:
          `Score the response on each criterion separately, from ${lo} (not met at all) to ${hi} (fully met). ${DATA_NOTE} ` +
          answerFormat(p.output, shape),
      },
      {
        role: "user",
        content: `Task:\n${task.text}\n\nResponse:\n${quoteResponse(completionText(r))}\n\nCriteria:\n${list}`,
      },
    ];
    const schema = strictSchema({
      scores: strictSchema(
        Object.fromEntries(criteria.map((c) => [c.name, { type: "number", minimum: lo, maximum: hi }])),
        names,
      ),
    });
    const { backend, answer } = await askJudge(
      p,
      "judge.rubric@1",
      messages,
      { name: "rubric_scores", schema },
      ctx,
    );
    answers.push(answer);
    const info: Record<string, unknown> = judgeInfo(p, backend, answers);
    const bad = unusable(answer, info);
    if (bad) return bad;
    const raw = readScores(answer.content, names);
    if (typeof raw === "string") return parseFailure(raw, info, answer);
    const components: Record<string, number> = {};
    let num = 0;
    let den = 0;
    for (const c of criteria) {
      const s = unit(clampTo(raw[c.name]!, p.range), p.range);
      components[c.name] = s;
      num += c.weight * s;
      den += c.weight;
    }
    info.criteria = criteria.map((c) => ({ name: c.name, description: c.description, weight: c.weight }));
    info.raw_scores = raw;
    if (den === 0) return ok(null, { components, info: { ...info, reason: "all criterion weights are 0" } });
    return ok(num / den, { components, info });
  },
});
