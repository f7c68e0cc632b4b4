import Ajv from "ajv";
import { z } from "zod";
import { RewardkitError } from "../../core/errors.ts";
import { fail, ok } from "../../core/result.ts";
import { referenceAt } from "../../core/text.ts";
import { leafKind } from "../../spec/define-kind.ts";
import { assign, assignFirstValid } from "./assign.ts";
import {
  type BfclExpected,
  type BfclFunction,
  bfclCheck,
  type OptionalMarker,
  type PossibleForms,
  readPossible,
  standardizeString,
} from "./bfcl.ts";
import { type Call, completionCalls, isObject, MAX_CALLS, toCall } from "./calls.ts";
import { parseJsonLiteral } from "./json-literal.ts";

const params = z.strictObject({
  reference_field: z.string().optional(),
  source: z.enum(["auto", "text", "messages"]).default("auto"),
  /** Read every `<tool_call>` block in text (not only the first). */
  all_blocks: z.boolean().default(true),
  /** `ordered`: the i-th call is compared with the i-th expected call; `unordered`: best one-to-one matching. */
  order: z.enum(["ordered", "unordered"]).default("unordered"),
  /**
   * Unordered matching rule. `bfcl`: BFCL's checker — expected calls in order take the first valid unused call,
   * and a `""` possible answer also passes list item types and stands for an empty list; `optimal`: the
   * assignment maximising total credit, `""` only marks a parameter optional. Default: `bfcl` for BFCL
   * possible answers, `optimal` otherwise.
   */
  matching: z.enum(["bfcl", "optimal"]).optional(),
  /** `calls` ({name, arguments}), `bfcl` (possible answers) or `auto` (detect). */
  reference_format: z.enum(["auto", "calls", "bfcl"]).default("auto"),
  /** Numbers equal when |a − b| ≤ max(abs_tol, rel_tol·|expected|). */
  abs_tol: z.number().min(0).default(0),
  rel_tol: z.number().min(0).default(0),
  /** `bfcl` compares strings after BFCL's standardisation; `exact` compares them as they are. */
  strings: z.enum(["exact", "bfcl"]).default("exact"),
  /** JSON Schemas for arguments by tool name; a call whose arguments fail its schema gets no credit. */
  schemas: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  /** BFCL function documents (types, required parameters); the rollout's reference may also carry `function`. */
  functions: z.array(z.record(z.string(), z.unknown())).optional(),
  /** Accept `a_b` for an expected `a.b` (BFCL's rule for APIs that forbid dots in names). */
  underscore_names: z.boolean().default(false),
  /** `partial`: Σ call credit / max(#expected, #predicted); `all_or_nothing`: 1 only when every call is valid. */
  scoring: z.enum(["partial", "all_or_nothing"]).default("partial"),
  /** A completion whose tool calls do not parse: 0 (the model failed) or a parse error. */
  malformed: z.enum(["zero", "error"]).default("zero"),
});

type Validate = ((v: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };

interface Prepared {
  schemas: Map<string, Validate>;
  ajv: InstanceType<typeof Ajv.default>;
  /** Per-reference schemas compiled once each (bounded). */
  cache: Map<string, Validate | string>;
  /** Parsed references, per reference object (a group's rollouts share one). */
  refs: WeakMap<object, ReturnType<typeof readExpected>>;
}

const CACHE_LIMIT = 256;

/** One expected call: exact values, BFCL possible answers, or a schema for the arguments. */
type Expected =
  | { kind: "call"; call: Call }
  | { kind: "bfcl"; exp: BfclExpected }
  | { kind: "schema"; name: string; schema: Record<string, unknown> };

/** JSON text is parsed keeping each number's written form, so a possible answer's `6.0` stays a float. */
function fromText(v: unknown): unknown {
  if (typeof v !== "string") return v;
  try {
    return parseJsonLiteral(v);
  } catch {
    return v;
  }
}

function readExpected(
  rawRef: unknown,
  format: "auto" | "calls" | "bfcl",
): { expected: Expected[]; functions?: BfclFunction[]; bfcl: boolean; forms: PossibleForms } | string {
  const ref = fromText(rawRef);
  let gt = ref;
  let forms: PossibleForms = typeof rawRef === "string" ? "written" : "declared";
  let functions: BfclFunction[] | undefined;
  if (isObject(ref) && ("ground_truth" in ref || "function" in ref)) {
    if (typeof ref.ground_truth === "string") forms = "written";
    gt = fromText(ref.ground_truth);
    if (Array.isArray(ref.function)) functions = ref.function as BfclFunction[];
  } else if (isObject(ref) && Array.isArray(ref.tool_calls)) gt = ref.tool_calls;
  if (!Array.isArray(gt)) return "reference must be a list of calls or BFCL possible answers";
  if (gt.length > MAX_CALLS) return `more than ${MAX_CALLS} expected calls`;
  if (format !== "calls") {
    const possible = readPossible(gt);
    if (possible)
      return {
        expected: possible.map((exp) => ({ kind: "bfcl", exp })),
        ...(functions ? { functions } : {}),
        bfcl: true,
        forms,
      };
    if (format === "bfcl") return "reference is not in BFCL possible-answer form";
  }
  const expected: Expected[] = [];
  for (const item of gt) {
    if (isObject(item) && typeof item.name === "string" && isObject(item.schema)) {
      expected.push({ kind: "schema", name: item.name, schema: item.schema });
      continue;
    }
    const c = toCall(item);
    if (typeof c === "string") return `reference: ${c}`;
    expected.push({ kind: "call", call: c });
  }
  return { expected, bfcl: false, forms };
}

/** Deep comparison with numeric tolerance and optional BFCL string standardisation. */
function valuesMatch(
  a: unknown,
  b: unknown,
  o: { abs: number; rel: number; bfcl: boolean },
  depth = 0,
): boolean {
  if (depth > 64) return false;
  if (typeof a === "number" && typeof b === "number") {
    if (a === b) return true;
    return Math.abs(a - b) <= Math.max(o.abs, o.rel * Math.abs(b));
  }
  if (typeof a === "string" && typeof b === "string")
    return o.bfcl ? standardizeString(a) === standardizeString(b) : a === b;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!valuesMatch(a[i], b[i], o, depth + 1)) return false;
    return true;
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    for (const k of ka) if (!Object.hasOwn(b, k) || !valuesMatch(a[k], b[k], o, depth + 1)) return false;
    return true;
  }
  return a === b;
}

interface Credit {
  credit: number;
  valid: boolean;
  why?: string;
}

// Shared results for the common verdicts (read-only: callers never mutate a Credit).
const FULL: Credit = Object.freeze({ credit: 1, valid: true });
const WRONG_NAME: Credit = Object.freeze({ credit: 0, valid: false, why: "wrong name" });
const NO_MATCH: Credit = Object.freeze({ credit: 0, valid: false, why: "no matching call" });
const BAD_GLOBAL: Credit = Object.freeze({
  credit: 0,
  valid: false,
  why: "arguments fail the tool's schema",
});
const SCHEMA_MISMATCH: Credit = Object.freeze({ credit: 0, valid: false, why: "schema mismatch" });

/** What scoring one rollout needs besides the two calls (one object per rollout, no closures). */
interface Scope {
  prep: Prepared;
  fns: BfclFunction[] | undefined;
  tol: { abs: number; rel: number; bfcl: boolean };
  underscoreNames: boolean;
  /** How BFCL's `""` marker is read (follows `matching`). */
  marker: OptionalMarker;
  /** Whether the possible answers' number forms were read from text. */
  forms: PossibleForms;
  /** Set when a per-rollout schema does not compile: the reference is invalid. */
  invalid: string | null;
}

/** The compiled validator of a per-reference schema, compiled once per distinct schema text (bounded cache). */
function schemaFor(prep: Prepared, s: Record<string, unknown>): Validate | string {
  const key = JSON.stringify(s);
  const hit = prep.cache.get(key);
  if (hit) return hit;
  let v: Validate | string;
  try {
    v = prep.ajv.compile(s) as Validate;
  } catch (e) {
    v = `invalid schema: ${e instanceof Error ? e.message : String(e)}`;
  }
  if (prep.cache.size >= CACHE_LIMIT) prep.cache.delete(prep.cache.keys().next().value!);
  prep.cache.set(key, v);
  return v;
}

/** Credit of predicted call `c` against expected call `e`: 1 when valid, else a fraction and why. */
function creditOf(sc: Scope, e: Expected, c: Call): Credit {
  const global = sc.prep.schemas.get(c.name);
  if (global && !global(c.args)) return BAD_GLOBAL;
  if (e.kind === "bfcl") {
    const fn = sc.fns?.find((f) => f?.name === e.exp.name);
    const chk = bfclCheck(c, e.exp, fn, {
      underscoreNames: sc.underscoreNames,
      marker: sc.marker,
      forms: sc.forms,
    });
    return chk.valid
      ? FULL
      : { credit: chk.passed / chk.total, valid: false, why: chk.errors[0] ?? "invalid" };
  }
  if (c.name !== (e.kind === "call" ? e.call.name : e.name)) return WRONG_NAME;
  if (e.kind === "schema") {
    const v = schemaFor(sc.prep, e.schema);
    if (typeof v === "string") {
      sc.invalid ??= v;
      return NO_MATCH;
    }
    return v(c.args) ? FULL : SCHEMA_MISMATCH;
  }
  // Credit = matching arguments / |union of argument names|, the union counted without building a Set.
  const want = e.call.args;
  const got = c.args;
  let union = 0;
  let good = 0;
  for (const k in want) {
    if (!Object.hasOwn(want, k)) continue;
    union++;
    if (Object.hasOwn(got, k) && valuesMatch(got[k], want[k], sc.tol)) good++;
  }
  for (const k in got) if (Object.hasOwn(got, k) && !Object.hasOwn(want, k)) union++;
  if (union === 0 || good === union) return FULL;
  return { credit: good / union, valid: false, why: `${union - good} argument(s) differ` };
}

/**
 * General tool-call matcher: calls matched in order or one-to-one (optimal assignment), arguments compared
 * exactly, with numeric tolerance, against a JSON Schema, or against BFCL possible answers; per-call credit in
 * components; score = Σ credit / max(#expected, #predicted), so missing and extra calls both cost.
 * @example { kind: tools.match, order: unordered, abs_tol: 0.01 }
 */
export const toolsMatch = leafKind({
  kind: "tools.match",
  summary:
    "Tool-call matcher: ordered or one-to-one, exact / tolerance / JSON Schema / BFCL possible answers, per-call partial credit.",
  params,
  prepare(p): Prepared {
    const ajv = new Ajv.default({ allErrors: false, strict: false });
    const schemas = new Map<string, Validate>();
    for (const [name, s] of Object.entries(p.schemas ?? {})) {
      try {
        schemas.set(name, ajv.compile(s) as Validate);
      } catch (e) {
        throw new RewardkitError("E_SPEC_INVALID", [
          { path: `schemas.${name}`, message: e instanceof Error ? e.message : String(e) },
        ]);
      }
    }
    return { schemas, ajv, cache: new Map(), refs: new WeakMap() };
  },
  score(r, p, _ctx, prep: Prepared) {
    const raw = referenceAt(r, p.reference_field);
    let ref = raw !== null && typeof raw === "object" ? prep.refs.get(raw) : undefined;
    if (ref === undefined) {
      ref = readExpected(raw, p.reference_format);
      if (raw !== null && typeof raw === "object") prep.refs.set(raw, ref);
    }
    if (typeof ref === "string") return fail("invalid_input", ref);
    const fns = ref.functions ?? (p.functions as BfclFunction[] | undefined);
    const parsed = completionCalls(r, p.source, p.all_blocks);
    let pred: Call[] = [];
    const info: Record<string, unknown> = {};
    if (!parsed.ok) {
      if (!parsed.missing && p.malformed === "error") return fail("parse", parsed.reason);
      info.reason = parsed.reason;
    } else pred = parsed.calls;
    const exp = ref.expected;
    const matching = p.matching ?? (ref.bfcl ? "bfcl" : "optimal");

    const sc: Scope = {
      prep,
      fns,
      tol: { abs: p.abs_tol, rel: p.rel_tol, bfcl: p.strings === "bfcl" },
      underscoreNames: p.underscore_names,
      marker: matching === "bfcl" ? "bfcl" : "optional",
      forms: ref.forms,
      invalid: null,
    };
    const table: Credit[][] = new Array(exp.length);
    const credit: number[][] = new Array(exp.length);
    for (let i = 0; i < exp.length; i++) {
      const row: Credit[] = new Array(pred.length);
      const nums: number[] = new Array(pred.length);
      for (let j = 0; j < pred.length; j++) {
        const c = creditOf(sc, exp[i]!, pred[j]!);
        if (sc.invalid !== null) return fail("invalid_input", sc.invalid);
        row[j] = c;
        nums[j] = c.credit;
      }
      table[i] = row;
      credit[i] = nums;
    }
    let match: number[];
    if (p.order === "ordered") {
      match = new Array(exp.length);
      for (let i = 0; i < exp.length; i++) match[i] = i < pred.length ? i : -1;
    } else if (matching === "bfcl")
      match = assignFirstValid(
        table.map((row) => row.map((c) => c.valid)),
        credit,
      );
    else match = assign(credit);

    const components: Record<string, number | null> = {};
    const why: (string | null)[] = [];
    let sum = 0;
    let allValid = exp.length === pred.length;
    let anyWhy = false;
    for (let i = 0; i < exp.length; i++) {
      const j = match[i]!;
      const c = j === -1 ? NO_MATCH : table[i]![j]!;
      components[`call_${i}`] = c.credit;
      const w = c.valid ? null : (c.why ?? null);
      if (w !== null) anyWhy = true;
      why.push(w);
      sum += c.credit;
      if (!c.valid) allValid = false;
    }
    const denom = Math.max(exp.length, pred.length);
    const partial = denom === 0 ? 1 : sum / denom;
    components.exact = allValid ? 1 : 0;
    info.matched = match;
    info.predicted = pred.length;
    info.expected = exp.length;
    info.matching = p.order === "ordered" ? "ordered" : matching;
    if (anyWhy) info.why = why;
    return ok(p.scoring === "partial" ? partial : components.exact, { components, info });
  },
});
