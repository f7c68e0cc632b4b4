import { z } from "zod";
import { defineReward } from "../core/reward.ts";
import { fail, ok } from "../core/result.ts";
import type { Message, Reward, RewardContext, Rollout } from "../core/types.ts";
import type { KindDefinition } from "../spec/registry.ts";
import { chatBody } from "./chat.ts";
import { getBackend } from "./endpoint.ts";
import { clampTo, DATA_NOTE, graderMessages, judgeParams, rangeParam, unit } from "./judge-common.ts";
import { UpstreamError } from "./upstream-error.ts";
import { parseScore } from "./verdict.ts";

const params = z.strictObject({
  ...judgeParams,
  /** What to judge by (templated like `judge.score`'s rubric). */
  rubric: z.string().min(1),
  /** Most tool calls the judge may make before it must give its verdict. */
  tool_budget: z.number().int().min(0).max(32).default(4),
  range: rangeParam.default([0, 1]),
  normalize: z.boolean().default(false),
  show_reference: z.boolean().default(true),
});
type Params = z.output<typeof params>;

/** One tool call of the judge, as reported in `info.calls`. */
export interface AgenticCall {
  name: string;
  arguments: unknown;
  result: { score: number | null; error?: { kind: string; message: string }; info?: unknown };
}

/** The OpenAI `tools` list: one function per verifier, taking the text to check (default: the response). */
export function verifierTools(tools: Record<string, Reward>): unknown[] {
  return Object.entries(tools).map(([name, r]) => ({
    type: "function",
    function: {
      name,
      description: `rewardkit verifier ${r.id}: scores a text (default: the response being judged); returns {score, error?, info}.`,
      parameters: {
        type: "object",
        properties: {
          text: { type: "string", description: "the text to check; omit to check the response" },
        },
        additionalProperties: false,
      },
    },
  }));
}

function brief(info: unknown): unknown {
  const s = JSON.stringify(info ?? null);
  return s.length > 2000 ? `${s.slice(0, 2000)}…` : info;
}

async function runTool(
  tools: Record<string, Reward>,
  r: Rollout,
  name: string,
  rawArgs: unknown,
  ctx: RewardContext,
): Promise<AgenticCall> {
  let args: unknown = rawArgs;
  if (typeof rawArgs === "string") {
    try {
      args = rawArgs.trim() ? JSON.parse(rawArgs) : {};
    } catch {
      return {
        name,
        arguments: rawArgs,
        result: { score: null, error: { kind: "invalid_input", message: "arguments are not JSON" } },
      };
    }
  }
  const tool = Object.hasOwn(tools, name) ? tools[name] : undefined;
  if (!tool)
    return {
      name,
      arguments: args,
      result: { score: null, error: { kind: "invalid_input", message: `no tool "${name}"` } },
    };
  const text = (args as { text?: unknown } | null)?.text;
  const res = await tool.score(typeof text === "string" ? { ...r, completion: text } : r, ctx);
  return {
    name,
    arguments: args,
    result: {
      score: res.score,
      ...(res.error ? { error: { kind: res.error.kind, message: res.error.message } } : {}),
      ...(res.info ? { info: brief(res.info) } : {}),
    },
  };
}

/**
 * `judge.agentic`: an LLM judge that may call rewardkit verifiers as OpenAI tools (at most `tool_budget`
 * calls) before its verdict `{"result": x}`, clamped to `range`. Every call, its arguments and its result are
 * in `info.calls`; calls past the budget are answered with an error, and the last request forbids tools.
 * (ARM-Thinker: "Reinforcing Multimodal Generative Reward Models with Agentic Tool Use and Visual Reasoning")
 * @example { kind: judge.agentic, model: m, rubric: "Is it correct?", tools: { exact: { kind: text.exact } }, tool_budget: 3 }
 */
export const judgeAgentic: KindDefinition<Params> = {
  kind: "judge.agentic",
  version: 1,
  summary: "LLM judge that may call rewardkit verifiers as OpenAI tools within a budget before its verdict.",
  params,
  children: { tools: "named" },
  needs: { network: true },
  build(p, children, ctx) {
    const tools = children.tools as Record<string, Reward>;
    const toolList = verifierTools(tools);
    return defineReward({
      kind: "judge.agentic",
      ...(ctx.name !== undefined ? { name: ctx.name } : {}),
      params: { ...p, tools: Object.fromEntries(Object.entries(tools).map(([k, v]) => [k, v.spec])) },
      needs: { network: true },
      async score(r, _p, c) {
        const [lo, hi] = p.range;
        const built = graderMessages(r, {
          system:
            `You are a strict grader with tools. Score the response from ${lo} (worst) to ${hi} (best) by the rubric. ` +
            `You may call the tools (at most ${p.tool_budget} calls) to check facts about the response before deciding. ` +
            `${DATA_NOTE} When done, answer only with JSON {"result": <number>}.`,
          showReference: p.show_reference,
          heading: "Rubric",
          template: p.rubric,
        });
        if (!Array.isArray(built)) return fail("invalid_input", built);
        const messages: Message[] = [...built];
        const backend = getBackend(p);
        const calls: AgenticCall[] = [];
        for (let round = 0; round <= p.tool_budget + 1; round++) {
          const left = p.tool_budget - calls.length;
          const body = {
            ...chatBody({ model: p.model, messages, sampling: p.sampling }),
            ...(toolList.length ? { tools: toolList, tool_choice: left > 0 ? "auto" : "none" } : {}),
          };
          const res = await backend.call("/chat/completions", body, {
            namespace: "judge.agentic@1",
            ...(c.signal ? { signal: c.signal } : {}),
            validate: (j) =>
              Array.isArray((j as { choices?: unknown })?.choices) &&
              (j as { choices: unknown[] }).choices.length
                ? undefined
                : "no choices",
          });
          const msg = (res.json as { choices: { message?: Message }[] }).choices[0]!.message;
          if (!msg || typeof msg !== "object")
            throw new UpstreamError("upstream", "choices[0] has no message");
          const toolCalls = Array.isArray(msg.tool_calls) ? msg.tool_calls : [];
          if (!toolCalls.length) {
            const content = typeof msg.content === "string" ? msg.content : "";
            const v = parseScore(content);
            const info = { model: p.model, calls, rounds: round + 1 };
            if (!v.ok) return fail("parse", v.reason, { info: { ...info, answer: content.slice(0, 500) } });
            const clamped = clampTo(v.value, p.range);
            return ok(p.normalize ? unit(clamped, p.range) : clamped, { info: { ...info, result: v.value } });
          }
          messages.push({ role: "assistant", content: msg.content ?? null, tool_calls: toolCalls });
          for (const tc of toolCalls) {
            const call =
              calls.length < p.tool_budget
                ? await runTool(tools, r, tc.function?.name ?? "", tc.function?.arguments, c)
                : {
                    name: tc.function?.name ?? "",
                    arguments: tc.function?.arguments,
                    result: { score: null, error: { kind: "resource", message: "tool budget exhausted" } },
                  };
            if (calls.length < p.tool_budget) calls.push(call);
            messages.push({ role: "tool", tool_call_id: tc.id ?? "", content: JSON.stringify(call.result) });
          }
        }
        return fail("parse", `no verdict after ${p.tool_budget} tool calls and ${p.tool_budget + 2} rounds`, {
          info: { model: p.model, calls },
        });
      },
    });
  },
};
