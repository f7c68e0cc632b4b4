import type { Generator } from "./generator.ts";
import { type Candidate, type Objective, rank, type SearchResult } from "./objective.ts";

/** Options of step-level beam search. */
export interface BeamOptions {
  /** Beams kept after each step. */
  width: number;
  /** Continuations drawn per beam per step. */
  expand: number;
  /** Most steps per candidate. */
  maxSteps: number;
  /** What ends a step (default a newline); it is appended back to the step's text. */
  delimiter?: string;
  /** A candidate is finished when this holds (default: never before maxSteps, or an empty step). */
  isDone?: (text: string) => boolean;
  /** Scores finished candidates; default the process reward. */
  outcome?: Objective;
  seed?: number;
  temperature?: number;
}

interface Beam extends Candidate {
  steps: number;
  done: boolean;
}

/**
 * Step-level beam search guided by a process reward: every beam is extended by `expand` sampled steps, each
 * partial answer is scored by `processReward`, and the `width` best (finished ones included) go on. Budget:
 * at most maxSteps·width·expand samples and as many evaluations. (Process-reward-guided decoding as in
 * Euphonium and Snell et al., arXiv 2408.03314; PRMs: Lightman et al., arXiv 2305.20050)
 * @example await beamSearch(gen, prompt, prm, { width: 4, expand: 4, maxSteps: 8 })
 */
export async function beamSearch(
  gen: Generator,
  prompt: string,
  processReward: Objective,
  o: BeamOptions,
): Promise<SearchResult> {
  const delim = o.delimiter ?? "\n";
  let beams: Beam[] = [{ text: "", score: null, steps: 0, done: false }];
  let samples = 0;
  let evaluations = 0;
  let seed = o.seed ?? 0;
  for (let step = 0; step < o.maxSteps && beams.some((b) => !b.done); step++) {
    const pool: Beam[] = beams.filter((b) => b.done);
    for (const b of beams) {
      if (b.done) continue;
      const conts = await gen.generate(prompt + b.text, {
        n: o.expand,
        stop: [delim],
        seed: seed++,
        ...(o.temperature !== undefined ? { temperature: o.temperature } : {}),
      });
      samples += conts.length;
      for (const c of conts) {
        const empty = c.length === 0;
        const text = empty ? b.text : b.text + c + (step + 1 < o.maxSteps ? delim : "");
        const done = empty || step + 1 >= o.maxSteps || (o.isDone?.(text) ?? false);
        if (pool.some((p) => p.text === text)) continue;
        evaluations++;
        pool.push({ text, score: await processReward(text), steps: b.steps + 1, done });
      }
    }
    beams = rank(pool).slice(0, o.width);
  }
  let finals: Candidate[] = beams.map((b) => ({ text: b.text, score: b.score }));
  if (o.outcome) {
    finals = [];
    for (const b of beams) {
      evaluations++;
      finals.push({ text: b.text, score: await o.outcome(b.text) });
    }
  }
  const candidates = rank(finals);
  return { best: candidates[0]!, candidates, samples, evaluations };
}
