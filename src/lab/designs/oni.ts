import type { DesignStep, RewardDesign } from "./design.ts";

/** Options of the ONI-style design. */
export interface OniOptions {
  /** OpenAI-compatible chat-completions base URL of the labelling model (e.g. http://127.0.0.1:8001/v1). */
  baseUrl: string;
  model?: string;
  /** Weight of the environment reward c_ext (default 10, the paper's setting for non-Score tasks). */
  cExt?: number;
  /** Weight of the intrinsic reward c_llm (default 0.4). */
  cLlm?: number;
  /** Count exponent β of N(msg)^−β (default 3). */
  beta?: number;
  /** The message of a step (default: its events joined, or nothing). */
  message?: (s: DesignStep) => string | null;
  /** Deadline of one labelling request in ms (default 10000). */
  timeoutMs?: number;
  apiKey?: string;
}

/**
 * Online intrinsic reward from a language model's labels (ONI, retrieval variant):
 * r = c_ext·r_env + c_llm·label(msg)·N(msg)^−β, where label ∈ {0, 1} comes from a hash table filled
 * asynchronously by the labelling model; an unseen message scores 0 and is queued, and the queue is labelled
 * between episodes (`flush`). A failed labelling request leaves the message unlabelled (0) and is counted in
 * `errors`, never guessed. (Zheng et al., arXiv 2410.23022; facebookresearch/oni learner.py)
 * @example const d = oniDesign({ baseUrl: "http://127.0.0.1:8001/v1" });
 */
export function oniDesign(
  o: OniOptions,
): RewardDesign & { labels: Map<string, number>; errors: () => number } {
  const labels = new Map<string, number>();
  const counts = new Map<string, number>();
  const queue = new Set<string>();
  let errors = 0;
  const cExt = o.cExt ?? 10;
  const cLlm = o.cLlm ?? 0.4;
  const beta = o.beta ?? 3;
  const message =
    o.message ??
    ((s: DesignStep) => (s.info.events?.length ? `You see: ${s.info.events.join(", ")}.` : null));
  const label = async (msg: string): Promise<number | null> => {
    const res = await fetch(`${o.baseUrl.replace(/\/$/, "")}/chat/completions`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(o.apiKey ? { authorization: `Bearer ${o.apiKey}` } : {}),
      },
      body: JSON.stringify({
        model: o.model ?? "labeler",
        temperature: 0,
        messages: [
          {
            role: "system",
            content:
              "You judge messages an agent sees in a game. Answer with one word: FOO if the message shows progress toward the goal, BAR otherwise.",
          },
          { role: "user", content: msg },
        ],
      }),
      signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
    });
    if (!res.ok) return null;
    const body = (await res.json()) as { choices?: { message?: { content?: string } }[] };
    const text = body.choices?.[0]?.message?.content ?? "";
    return /\bFOO\b/.test(text) ? 1 : 0;
  };
  return {
    id: "oni",
    labels,
    errors: () => errors,
    beginEpisode() {},
    reward(s) {
      const msg = message(s);
      let intrinsic = 0;
      if (msg) {
        const n = (counts.get(msg) ?? 0) + 1;
        counts.set(msg, n);
        const l = labels.get(msg);
        if (l === undefined) queue.add(msg);
        else intrinsic = l * n ** -beta;
      }
      return cExt * s.reward + cLlm * intrinsic;
    },
    async flush() {
      const batch = [...queue];
      queue.clear();
      await Promise.all(
        batch.map(async (m) => {
          try {
            const l = await label(m);
            if (l === null) errors++;
            else labels.set(m, l);
          } catch {
            errors++;
          }
        }),
      );
    },
  };
}
