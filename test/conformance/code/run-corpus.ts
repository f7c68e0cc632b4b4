import { defaultRegistry } from "../../../src/builtins.ts";
import type { RewardResult, Rollout } from "../../../src/core/types.ts";
import { compileNode } from "../../../src/spec/compile.ts";
import type { CorpusCase } from "./forgeries.ts";

/** One corpus case's result through the real `code.tests` kind. */
export interface CaseResult {
  c: CorpusCase;
  r: RewardResult;
  passed: number;
}

const fence = (c: CorpusCase) =>
  `Here is my solution.\n\`\`\`${c.language === "python" ? "python" : "js"}\n${c.code}\n\`\`\`\n`;

/**
 * Scores every case through `code.tests` with at most `concurrency` runs at once (the machine is shared).
 * @example const results = await runCorpus(FORGERIES, 3);
 */
export async function runCorpus(
  cases: CorpusCase[],
  concurrency: number,
  extra: Record<string, unknown> = {},
): Promise<CaseResult[]> {
  const out: CaseResult[] = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const k = next++;
      const c = cases[k]!;
      const reward = compileNode(
        { kind: "code.tests", timeout_ms: 10_000, program_errors: "score", ...extra, ...c.params },
        { registry: defaultRegistry },
      );
      const r = (await reward.score({ completion: fence(c), reference: c.reference } as Rollout, {
        seed: 7,
      })) as RewardResult;
      const passed = Number((r.components as { passed?: number } | undefined)?.passed ?? 0);
      out[k] = { c, r, passed };
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return out;
}
