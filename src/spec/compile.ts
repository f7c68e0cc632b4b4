import { formatPath, type Issue, RewardkitError } from "../core/errors.ts";
import type { NodeSpec, Reward } from "../core/types.ts";
import { brief, zodIssues } from "./zod-issues.ts";
import type { BuildContext, BuiltChildren, Registry } from "./registry.ts";

const RESERVED = new Set(["kind", "name", "weight", "description"]);

/** Options of `compileNode`. */
export interface CompileOptions {
  registry: Registry;
  load?: BuildContext["load"];
  options?: Record<string, unknown>;
}

/**
 * Compiles a spec node tree into a `Reward`, collecting every problem with its path before throwing.
 * @example compileNode({ kind: "text.exact", reference_field: "answer" }, { registry: defaultRegistry }, ["reward"])
 */
export function compileNode(
  node: unknown,
  opts: CompileOptions,
  path: (string | number)[] = ["reward"],
): Reward {
  const issues: Issue[] = [];
  const out = compileInto(node, opts, path, issues, false);
  if (issues.length || !out)
    throw new RewardkitError(
      "E_SPEC_INVALID",
      issues.length ? issues : [{ path: formatPath(path), message: "invalid" }],
    );
  return out.reward;
}

interface Compiled {
  reward: Reward;
  weight?: number;
}

function compileInto(
  node: unknown,
  opts: CompileOptions,
  path: (string | number)[],
  issues: Issue[],
  weightAllowed: boolean,
): Compiled | undefined {
  const here = formatPath(path);
  if (node === null || typeof node !== "object" || Array.isArray(node)) {
    issues.push({
      path: here,
      message: `expected a reward node (an object with "kind"), got ${brief(node)}`,
    });
    return undefined;
  }
  const spec = node as NodeSpec;
  if (typeof spec.kind !== "string") {
    issues.push({
      path: formatPath([...path, "kind"]),
      message: spec.kind === undefined ? "required" : `expected a string, got ${brief(spec.kind)}`,
    });
    return undefined;
  }
  const def = opts.registry.get(spec.kind);
  if (!def) {
    try {
      opts.registry.require(spec.kind, formatPath([...path, "kind"]));
    } catch (e) {
      if (e instanceof RewardkitError) issues.push(...e.issues);
    }
    return undefined;
  }
  const before = issues.length;
  if (
    spec.name !== undefined &&
    (typeof spec.name !== "string" || !/^[A-Za-z0-9_][A-Za-z0-9_\-/:#]*$/.test(spec.name))
  ) {
    issues.push({
      path: formatPath([...path, "name"]),
      message: `expected a component name (letters, digits, _ - / : #), got ${brief(spec.name)}`,
    });
  }
  let weight: number | undefined;
  if (spec.weight !== undefined) {
    if (!weightAllowed)
      issues.push({
        path: formatPath([...path, "weight"]),
        message: "weight only applies to the terms of a sum",
      });
    else if (typeof spec.weight !== "number" || !Number.isFinite(spec.weight)) {
      issues.push({
        path: formatPath([...path, "weight"]),
        message: `expected a number, got ${brief(spec.weight)}`,
      });
    } else weight = spec.weight;
  }
  const childShapes = def.children ?? {};
  const rawParams: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(spec)) if (!RESERVED.has(k) && !(k in childShapes)) rawParams[k] = v;
  const parsed = def.params.safeParse(rawParams, { reportInput: true });
  if (!parsed.success) issues.push(...zodIssues(path, parsed.error.issues));

  const children: BuiltChildren = {};
  const weights: number[] = [];
  for (const [field, shape] of Object.entries(childShapes)) {
    const v = spec[field];
    const fpath = [...path, field];
    if (v === undefined) {
      if (def.optionalChildren?.includes(field)) continue;
      issues.push({ path: formatPath(fpath), message: "required" });
      continue;
    }
    if (shape === "node") {
      const c = compileInto(v, opts, fpath, issues, false);
      if (c) children[field] = c.reward;
    } else if (shape === "nodes") {
      if (!Array.isArray(v) || v.length === 0) {
        issues.push({
          path: formatPath(fpath),
          message: `expected a non-empty list of reward nodes, got ${brief(v)}`,
        });
        continue;
      }
      const list: Reward[] = [];
      v.forEach((item, i) => {
        const c = compileInto(item, opts, [...fpath, i], issues, !!def.weightedChildren);
        if (c) {
          list.push(c.reward);
          weights.push(c.weight ?? 1);
        }
      });
      children[field] = list;
    } else {
      if (v === null || typeof v !== "object" || Array.isArray(v) || Object.keys(v).length === 0) {
        issues.push({
          path: formatPath(fpath),
          message: `expected a map of name → reward node, got ${brief(v)}`,
        });
        continue;
      }
      const map: Record<string, Reward> = {};
      for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
        const c = compileInto(item, opts, [...fpath, k], issues, false);
        if (c) map[k] = c.reward;
      }
      children[field] = map;
    }
  }
  if (issues.length > before || !parsed.success) return undefined;
  try {
    const ctx: BuildContext & { name?: string; weights?: number[] } = { path: here };
    if (opts.load) ctx.load = opts.load;
    if (opts.options) ctx.options = opts.options;
    if (typeof spec.name === "string") ctx.name = spec.name;
    if (def.weightedChildren) ctx.weights = weights;
    const reward = def.build(parsed.data, children, ctx);
    return weight === undefined ? { reward } : { reward, weight };
  } catch (e) {
    if (e instanceof RewardkitError)
      issues.push(
        ...e.issues.map((i) => ({ path: i.path ? `${here}.${i.path}` : here, message: i.message })),
      );
    else issues.push({ path: here, message: e instanceof Error ? e.message : String(e) });
    return undefined;
  }
}
