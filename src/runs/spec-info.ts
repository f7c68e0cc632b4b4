import { createHash } from "node:crypto";
import { canonicalJson } from "../judges/cache.ts";

/** What a run keeps about each reward component: its weight in the total (null = nested or logged only) and its role. */
export interface ComponentInfo {
  name: string;
  /** Weight of a top-level term of the total; null for nested components. */
  weight: number | null;
  /** `model` for learned/judge rewards, `shaping` for length and shaping terms, else `verifier`. */
  role: "verifier" | "model" | "shaping";
}

const MODEL_KINDS = /^(judge|model|remote|embedding)\.|^openai\.model_grader$|^rm\./;

/** The role of a reward kind: model-based rewards can disagree with verifiers (alarm 6). */
export function roleOfKind(kind: string): ComponentInfo["role"] {
  if (MODEL_KINDS.test(kind)) return "model";
  if (/^(length|shape)\./.test(kind)) return "shaping";
  return "verifier";
}

type Node = { kind?: unknown; name?: unknown; weight?: unknown; terms?: unknown; [k: string]: unknown };

/**
 * Components of a spec's reward tree with their weights and roles: the terms of a top-level `sum`/`weighted`
 * carry their weight (default 1); every named node below them is listed with weight null.
 * @example componentsOfSpec({ kind: "sum", terms: [{ kind: "text.exact", name: "correct", weight: 1 }] })
 */
export function componentsOfSpec(reward: unknown): ComponentInfo[] {
  const out = new Map<string, ComponentInfo>();
  const visit = (n: unknown, weight: number | null) => {
    if (!n || typeof n !== "object" || Array.isArray(n)) return;
    const node = n as Node;
    const kind = typeof node.kind === "string" ? node.kind : "";
    const isCombinator = ["sum", "weighted", "gate", "min", "max", "mean", "product", "formula"].includes(
      kind,
    );
    const name = typeof node.name === "string" ? node.name : isCombinator ? "" : kind;
    if (name && !out.has(name)) {
      const role = isCombinator ? roleOfChildren(node) : roleOfKind(kind);
      out.set(name, { name, weight, role });
    }
    for (const [k, v] of Object.entries(node)) {
      if (k === "terms" && Array.isArray(v)) for (const t of v) visit(t, null);
      else if (v && typeof v === "object") {
        if (Array.isArray(v)) for (const t of v) visit(t, null);
        else if (typeof (v as Node).kind === "string") visit(v, null);
      }
    }
  };
  const root = reward as Node | undefined;
  if (root && (root.kind === "sum" || root.kind === "weighted") && Array.isArray(root.terms)) {
    for (const t of root.terms) {
      const w =
        t && typeof t === "object" && typeof (t as Node).weight === "number"
          ? ((t as Node).weight as number)
          : 1;
      visit(t, w);
    }
  } else visit(reward, 1);
  return [...out.values()];
}

function roleOfChildren(n: Node): ComponentInfo["role"] {
  const kinds: string[] = [];
  JSON.stringify(n, (k, v) => {
    if (k === "kind" && typeof v === "string") kinds.push(v);
    return v;
  });
  return kinds.some((k) => MODEL_KINDS.test(k)) ? "model" : "verifier";
}

/** SHA-256 of the canonical JSON of a spec: the same spec always hashes the same, whatever its key order. */
export function specHash(spec: unknown): string {
  return createHash("sha256").update(canonicalJson(spec)).digest("hex");
}
