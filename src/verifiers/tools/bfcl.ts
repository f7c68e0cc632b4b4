/**
 * The Berkeley Function-Calling Leaderboard's possible-answer form and its AST checker rules, for JSON tool calls:
 * per parameter a list of acceptable values, `""` marking an optional parameter; type checks (int is accepted
 * for float), strings standardised before comparison, dicts and lists of dicts checked key by key.
 * Follows `bfcl/eval_checker/ast_eval/ast_checker.py` (simple_function_checker) for the Python category.
 */
import { type Call, isObject, jsonEqual } from "./calls.ts";

/** One expected call in possible-answer form: `{ name: { param: [acceptable values] } }`. */
export interface BfclExpected {
  name: string;
  params: Record<string, unknown[]>;
}

/** A BFCL function document (only what the checker reads). */
export interface BfclFunction {
  name: string;
  parameters?: {
    properties?: Record<string, { type?: string; items?: { type?: string } }>;
    required?: string[];
  };
}

/**
 * Reads possible answers: a list of single-key objects whose value maps each parameter to a list.
 * @example readPossible([{ "math.hypot": { x: [4], y: [5], z: ["", 0] } }]) // one expected call
 */
export function readPossible(v: unknown): BfclExpected[] | null {
  if (!Array.isArray(v) || v.length === 0) return null;
  const out: BfclExpected[] = [];
  for (const item of v) {
    if (!isObject(item)) return null;
    const keys = Object.keys(item);
    if (keys.length !== 1) return null;
    const params = item[keys[0]!];
    if (!isObject(params)) return null;
    for (const pv of Object.values(params)) if (!Array.isArray(pv)) return null;
    out.push({ name: keys[0]!, params: params as Record<string, unknown[]> });
  }
  return out;
}

/**
 * BFCL's string standardisation: drop spaces and `,./-_*^`, lowercase, single quotes to double quotes.
 * @example standardizeString("April 1, 2024") // "april12024"
 */
export function standardizeString(s: string): string {
  return s
    .replace(/[ ,./\-_*^]/g, "")
    .toLowerCase()
    .replace(/'/g, '"');
}

type JsType = "string" | "integer" | "float" | "boolean" | "array" | "dict";

/** BFCL type names (and their JSON Schema spellings) to the JSON value kind they accept. */
const TYPE_MAP: Record<string, JsType> = {
  string: "string",
  any: "string",
  integer: "integer",
  float: "float",
  number: "float",
  boolean: "boolean",
  array: "array",
  tuple: "array",
  dict: "dict",
  object: "dict",
};

function kindOf(v: unknown): JsType | "other" {
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "boolean";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "float";
  if (Array.isArray(v)) return "array";
  if (isObject(v)) return "dict";
  return "other";
}

/** JSON cannot tell 5 from 5.0, so an integral number passes as float (BFCL also converts int to float). */
function hasType(v: unknown, t: JsType): boolean {
  const k = kindOf(v);
  return k === t || (t === "float" && k === "integer");
}

function possibleType(possible: unknown[]): JsType | "other" | null {
  for (const a of possible) if (a !== "") return kindOf(a);
  return null;
}

function standardizeDeep(v: unknown): unknown {
  return typeof v === "string" ? standardizeString(v) : v;
}

function inList(value: unknown, list: readonly unknown[]): boolean {
  for (const x of list) if (jsonEqual(value, x)) return true;
  return false;
}

function dictOk(value: Record<string, unknown>, possibles: unknown[]): boolean {
  for (const pa of possibles) {
    if (pa === "" || !isObject(pa)) continue;
    let good = true;
    for (const [k, v] of Object.entries(value)) {
      const allowed = pa[k];
      if (!Array.isArray(allowed)) {
        good = false;
        break;
      }
      if (!inList(standardizeDeep(v), allowed.map(standardizeDeep))) {
        good = false;
        break;
      }
    }
    if (good) {
      for (const [k, allowed] of Object.entries(pa)) {
        if (!Object.hasOwn(value, k) && !(Array.isArray(allowed) && allowed.includes(""))) {
          good = false;
          break;
        }
      }
    }
    if (good) return true;
  }
  return false;
}

function listDictOk(value: unknown[], possibles: unknown[]): boolean {
  for (const pa of possibles) {
    if (!Array.isArray(pa) || pa.length !== value.length) continue;
    let good = true;
    for (let i = 0; i < value.length && good; i++) {
      const item = value[i];
      good = isObject(item) && dictOk(item, [pa[i]]);
    }
    if (good) return true;
  }
  return false;
}

/** Checks one parameter value against its acceptable values; returns an error message or null. */
export function checkParam(
  param: string,
  value: unknown,
  possible: unknown[],
  declared?: { type?: string; items?: { type?: string } },
): string | null {
  const pType = possibleType(possible);
  const expected: JsType | undefined = declared?.type
    ? TYPE_MAP[declared.type]
    : pType && pType !== "other"
      ? pType === "integer"
        ? "float"
        : pType
      : undefined;
  let isVariable = false;
  if (expected) {
    if (!hasType(value, expected)) {
      // BFCL's "variable" case: the value has the possible answer's type instead of the declared one.
      if (pType !== null && kindOf(value) === pType) isVariable = true;
      else return `wrong type for ${param}: expected ${declared?.type ?? expected}, got ${kindOf(value)}`;
    } else if (expected === "array" && declared?.items?.type && Array.isArray(value)) {
      const inner = TYPE_MAP[declared.items.type];
      if (inner && !value.every((x) => hasType(x, inner)))
        return `wrong item type for ${param}: expected ${declared.items.type}`;
    }
  }
  if (!isVariable) {
    if (expected === "dict" && isObject(value))
      return dictOk(value, possible) ? null : `invalid value for ${param}`;
    if (expected === "array" && Array.isArray(value) && value.some(isObject) && declared?.items?.type) {
      return listDictOk(value, possible) ? null : `invalid value for ${param}`;
    }
    if (typeof value === "string" && (expected === "string" || expected === undefined)) {
      const s = standardizeString(value);
      for (const a of possible) if (typeof a === "string" && standardizeString(a) === s) return null;
      return `invalid value for ${param}: ${JSON.stringify(value).slice(0, 80)}`;
    }
    if (Array.isArray(value)) {
      const std = value.map(standardizeDeep);
      for (const a of possible) if (Array.isArray(a) && jsonEqual(std, a.map(standardizeDeep))) return null;
      return `invalid value for ${param}`;
    }
  }
  return inList(value, possible)
    ? null
    : `invalid value for ${param}: ${JSON.stringify(value)?.slice(0, 80)}`;
}

/** Whether a function document lists `k` as required (a malformed non-list is read as an iterable, as before). */
function isRequired(required: unknown, k: string): boolean {
  if (required === undefined || required === null) return false;
  if (Array.isArray(required)) return required.includes(k);
  return new Set(required as Iterable<string>).has(k);
}

/** A call checked against one expected call: BFCL's verdict plus per-parameter partial credit. */
export interface BfclCheck {
  valid: boolean;
  passed: number;
  total: number;
  errors: string[];
}

/**
 * BFCL's simple-function check of one predicted call: name, required parameters, unexpected parameters, each
 * value's type and acceptable values, and unmarked optional parameters. Partial credit = passed / total over the
 * union of expected and predicted parameters (a wrong name gives 0).
 * @example bfclCheck({ name: "f", args: { x: 4 } }, { name: "f", params: { x: [4], y: ["", 1] } }).valid // true
 */
export function bfclCheck(
  pred: Call,
  exp: BfclExpected,
  fn?: BfclFunction,
  opts: { underscoreNames?: boolean } = {},
): BfclCheck {
  const nameOk =
    pred.name === exp.name || (!!opts.underscoreNames && pred.name === exp.name.replaceAll(".", "_"));
  // The union of expected and predicted parameter names, expected first (the order errors are reported in).
  const expKeys = Object.keys(exp.params);
  const predKeys = Object.keys(pred.args);
  let size = expKeys.length;
  for (const k of predKeys) if (!Object.hasOwn(exp.params, k)) size++;
  const total = Math.max(1, size);
  if (!nameOk) return { valid: false, passed: 0, total, errors: [`wrong function name ${pred.name}`] };
  const props = fn?.parameters?.properties;
  const required = fn?.parameters?.required;
  const errors: string[] = [];
  let passed = 0;
  const n = expKeys.length;
  for (let i = 0; i < n + predKeys.length; i++) {
    const k = i < n ? expKeys[i]! : predKeys[i - n]!;
    if (i >= n && Object.hasOwn(exp.params, k)) continue;
    const possible = exp.params[k];
    if (!Object.hasOwn(pred.args, k)) {
      if (isRequired(required, k)) errors.push(`missing required parameter ${k}`);
      else if (possible && !possible.includes(""))
        errors.push(`missing parameter ${k} (not marked optional)`);
      else passed++;
      continue;
    }
    if (!possible || (props && !Object.hasOwn(props, k))) {
      errors.push(`unexpected parameter ${k}`);
      continue;
    }
    const e = checkParam(k, pred.args[k], possible, props?.[k]);
    if (e) errors.push(e);
    else passed++;
  }
  if (size === 0) passed = 1;
  return { valid: errors.length === 0, passed, total, errors };
}
