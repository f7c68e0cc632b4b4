import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { RunRecord } from "../record.ts";

/** A bad input row: imports keep it as a record with `score: null` and an `invalid_input` error. */
export function invalidRecord(id: string, step: number, message: string): RunRecord {
  return {
    id,
    step,
    group: null,
    prompt: "",
    completion: "",
    score: null,
    components: {},
    error: { kind: "invalid_input", message },
    length: 0,
  };
}

export const num = (x: unknown): number | null => {
  if (typeof x === "number") return Number.isFinite(x) ? x : null;
  if (typeof x === "bigint") return Number(x);
  if (typeof x === "boolean") return x ? 1 : 0;
  if (typeof x === "string" && x.trim() !== "" && Number.isFinite(Number(x))) return Number(x);
  return null;
};

/** Files in `dir` whose names match `re`, ordered by the step number the name carries. */
export function filesByStep(dir: string, re: RegExp): { path: string; step: number }[] {
  if (statSync(dir).isFile()) {
    const m = re.exec(dir.split(/[\\/]/).pop()!);
    return [{ path: dir, step: m ? Number(m[1]) : 0 }];
  }
  return readdirSync(dir)
    .map((f) => ({ f, m: re.exec(f) }))
    .filter((x) => x.m)
    .map((x) => ({ path: join(dir, x.f), step: Number(x.m![1]) }))
    .sort((a, b) => a.step - b.step);
}

/** Groups prompts of one step: the same prompt text in the same step is one GRPO group. */
export class PromptGroups {
  private ids = new Map<string, string>();
  of(step: number, prompt: string): string {
    const k = `${step}\u0000${prompt}`;
    let g = this.ids.get(k);
    if (!g) {
      g = `${step}:${this.ids.size}`;
      this.ids.set(k, g);
    }
    return g;
  }
}
