/**
 * The Berkeley Function-Calling Leaderboard's possible-answer form and its AST checker rules (Python category), for
 * JSON tool calls: per parameter a list of acceptable values, `""` marking an optional parameter; Python type checks
 * on the value as written (`6` is an int, `6.0` a float; int is accepted for a float parameter at the top level
 * only), strings standardised, dicts and lists of dicts checked key by key, Python `==` for the rest.
 * Follows `bfcl_eval/eval_checker/ast_eval/ast_checker.py` (simple_function_checker) @ 6ea5797.
 */
import { type Call, isObject } from "./calls.ts";
import { writtenAsFloat } from "./json-literal.ts";

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
 * How `""` in a possible-answer list is read. `bfcl`: as the checker does — besides marking the parameter optional,
 * a `""` entry passes the item-type check of a list parameter and stands for an acceptable empty list.
 * `optional`: `""` only means the parameter may be omitted.
 */
export type OptionalMarker = "bfcl" | "optional";

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
 * BFCL's string standardisation: drop ASCII spaces and `,./-_*^`, lowercase, single quotes to double quotes.
 * @example standardizeString("April 1, 2024") // "april12024"
 */
export function standardizeString(s: string): string {
  return s
    .replace(/[ ,./\-_*^]/g, "")
    .toLowerCase()
    .replace(/'/g, '"');
}

/** Python's type of a decoded value. */
type PyType = "str" | "int" | "float" | "bool" | "list" | "dict" | "NoneType";

/** BFCL's PYTHON_TYPE_MAPPING, plus the JSON Schema spellings `number` and `object`. */
const TYPE_MAP: Record<string, PyType> = {
  string: "str",
  any: "str",
  integer: "int",
  float: "float",
  number: "float",
  boolean: "bool",
  array: "list",
  tuple: "list",
  dict: "dict",
  object: "dict",
};

/** The Python type of `container[key]` as JSON text wrote it (`6` int, `6.0` float). */
function typeAt(container: object, key: string | number): PyType {
  const v = (container as Record<string | number, unknown>)[key];
  if (typeof v === "number") return Number.isInteger(v) && !writtenAsFloat(container, key) ? "int" : "float";
  return typeOfValue(v);
}

function typeOfValue(v: unknown): PyType {
  if (typeof v === "string") return "str";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float";
  if (Array.isArray(v)) return "list";
  if (v === null) return "NoneType";
  return "dict";
}

/**
 * Python `==` on decoded JSON values: numbers and booleans compare by value (`True == 1 == 1.0`), containers
 * element-wise (dict key order free).
 * @example pyEqual([true, 2], [1, 2.0]) // true
 */
export function pyEqual(a: unknown, b: unknown, depth = 0): boolean {
  if (a === b) return typeof a !== "number" || !Number.isNaN(a);
  if (depth > 64) return false;
  const na = typeof a === "number" || typeof a === "boolean";
  const nb = typeof b === "number" || typeof b === "boolean";
  if (na || nb) return na && nb && Number(a) === Number(b);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!pyEqual(a[i], b[i], depth + 1)) return false;
    return true;
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    for (const k of ka) if (!Object.hasOwn(b, k) || !pyEqual(a[k], b[k], depth + 1)) return false;
    return true;
  }
  return false;
}

function pyIn(v: unknown, list: readonly unknown[]): boolean {
  for (const x of list) if (pyEqual(v, x)) return true;
  return false;
}

/**
 * How the possible answers' number forms are known: `written` when they were parsed from JSON text here (`1.0`
 * is a float), `declared` when they arrive already decoded, so an integral number where the function document
 * declares a float is taken as the float BFCL's data almost always writes there (520 of 522 top-level float
 * answers and 38 of 41 float lists in BFCL v4).
 */
export type PossibleForms = "written" | "declared";

/** The type of the first possible answer that is not `""` (the checker's "variable" detection), or null. */
function possibleType(possible: readonly unknown[], floatDeclared = false): PyType | null {
  for (let i = 0; i < possible.length; i++) {
    if (possible[i] === "") continue;
    const t = typeAt(possible, i);
    return floatDeclared && t === "int" && typeof possible[i] === "number" ? "float" : t;
  }
  return null;
}

/** BFCL's type_checker: the value's type, one level of item types for lists, and the "variable" case. */
function typeCheck(
  valueType: PyType,
  value: unknown,
  possible: readonly unknown[],
  expected: PyType,
  nested: PyType | null,
  marker: OptionalMarker,
  forms: PossibleForms,
): { valid: boolean; isVariable: boolean } {
  const pType = possibleType(possible, forms === "declared" && expected === "float");
  const isVariable = pType !== null && pType !== expected;
  if (valueType === expected) {
    if (nested === null) return { valid: true, isVariable };
    const items = value as unknown[];
    let lists = 0;
    for (const pa of possible) {
      // A possible answer that is not a list (e.g. the optional marker "") passes the item check in BFCL.
      if (!Array.isArray(pa)) {
        if (marker === "bfcl") return { valid: true, isVariable };
        continue;
      }
      lists++;
      let flag = true;
      for (let j = 0; j < items.length && flag; j++)
        flag = typeCheck(typeAt(items, j), items[j], pa, nested, null, marker, forms).valid;
      if (flag) return { valid: true, isVariable };
    }
    // Without a list among the possible answers, the declared item type alone decides (optional-marker mode).
    if (marker === "optional" && lists === 0 && items.every((_, j) => typeAt(items, j) === nested))
      return { valid: true, isVariable };
    return { valid: false, isVariable };
  }
  if (pType !== null && valueType === pType) return { valid: true, isVariable: true };
  return { valid: false, isVariable };
}

/** Python's `len()` of a possible answer, or null where Python would raise. */
function pyLen(v: unknown): number | null {
  if (typeof v === "string") {
    let n = 0;
    for (const _ of v) n++;
    return n;
  }
  if (Array.isArray(v)) return v.length;
  if (isObject(v)) return Object.keys(v).length;
  return null;
}

function standardizeItems(v: readonly unknown[]): unknown[] {
  return v.map((x) => (typeof x === "string" ? standardizeString(x) : x));
}

function stringOk(value: string, possible: readonly unknown[]): boolean {
  const s = standardizeString(value);
  for (const a of possible) if (typeof a === "string" && standardizeString(a) === s) return true;
  return false;
}

function listOk(value: unknown[], possible: readonly unknown[], marker: OptionalMarker): boolean {
  const std = standardizeItems(value);
  for (const pa of possible) {
    // The checker indexes each possible answer: a string is read as its characters ("" as an empty list).
    const items = Array.isArray(pa) ? pa : typeof pa === "string" && marker === "bfcl" ? [...pa] : null;
    if (items && pyEqual(std, standardizeItems(items))) return true;
  }
  return false;
}

function dictOk(value: Record<string, unknown>, possible: readonly unknown[]): boolean {
  for (const pa of possible) {
    if (pa === "" || !isObject(pa)) continue;
    let good = true;
    for (const [k, v] of Object.entries(value)) {
      const allowed = pa[k];
      if (!Object.hasOwn(pa, k) || !Array.isArray(allowed)) {
        good = false;
        break;
      }
      if (!pyIn(typeof v === "string" ? standardizeString(v) : v, standardizeItems(allowed))) {
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

function listDictOk(value: unknown[], possible: readonly unknown[], marker: OptionalMarker): boolean {
  for (const pa of possible) {
    if (marker === "optional" && !Array.isArray(pa)) continue;
    if (pyLen(pa) !== value.length) continue;
    let good = true;
    for (let i = 0; i < value.length && good; i++) {
      const item = value[i];
      good = isObject(item) && Array.isArray(pa) && dictOk(item, [pa[i]]);
    }
    if (good) return true;
  }
  return false;
}

/** What to check one parameter against: its declared type (or the possible answer's) and item type. */
interface Declared {
  type?: string;
  items?: { type?: string };
}

/**
 * Checks one parameter value, `container[param]`, against its acceptable values; returns an error or null.
 * @example checkParam("x", { x: 6 }, [6], { type: "integer" }) // null
 */
export function checkParam(
  param: string,
  container: Record<string, unknown>,
  possible: unknown[],
  declared?: Declared,
  marker: OptionalMarker = "bfcl",
  forms: PossibleForms = "written",
): string | null {
  const value = container[param];
  let valueType = typeAt(container, param);
  let expected: PyType | undefined = declared?.type ? TYPE_MAP[declared.type] : undefined;
  let nested: PyType | null = null;
  if (expected === undefined) {
    // No usable function document: the possible answer's type, with int widened to float.
    const pt = possibleType(possible);
    expected = pt === "int" ? "float" : (pt ?? valueType);
  } else if (expected === "list" && declared?.items?.type) nested = TYPE_MAP[declared.items.type] ?? null;
  // Python's int → float conversion for a float parameter (top level only).
  if (expected === "float" && valueType === "int") valueType = "float";
  const t = typeCheck(valueType, value, possible, expected, nested, marker, forms);
  if (!t.valid) return `wrong type for ${param}: expected ${declared?.type ?? expected}, got ${valueType}`;
  if (!t.isVariable) {
    if (expected === "dict")
      return isObject(value) && dictOk(value, possible) ? null : `invalid value for ${param}`;
    if (expected === "list" && nested === "dict")
      return listDictOk(value as unknown[], possible, marker) ? null : `invalid value for ${param}`;
    if (expected === "str")
      return stringOk(value as string, possible)
        ? null
        : `invalid value for ${param}: ${JSON.stringify(value).slice(0, 80)}`;
    if (expected === "list")
      return listOk(value as unknown[], possible, marker) ? null : `invalid value for ${param}`;
  }
  return pyIn(value, possible) ? null : `invalid value for ${param}: ${JSON.stringify(value)?.slice(0, 80)}`;
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
 * value's type and acceptable values, and unmarked optional parameters. Every parameter is checked (BFCL stops at
 * the first error; the verdict is the same). Partial credit = passed / total over the union of expected and
 * predicted parameters (a wrong name gives 0).
 * @example bfclCheck({ name: "f", args: { x: 4 } }, { name: "f", params: { x: [4], y: ["", 1] } }).valid // true
 */
export function bfclCheck(
  pred: Call,
  exp: BfclExpected,
  fn?: BfclFunction,
  opts: { underscoreNames?: boolean; marker?: OptionalMarker; forms?: PossibleForms } = {},
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
    const e = checkParam(k, pred.args, possible, props?.[k], opts.marker ?? "bfcl", opts.forms ?? "written");
    if (e) errors.push(e);
    else passed++;
  }
  // A required parameter that neither side names (absent from the possible answer) still fails the check.
  if (Array.isArray(required))
    for (const k of required)
      if (typeof k === "string" && !Object.hasOwn(pred.args, k) && !Object.hasOwn(exp.params, k))
        errors.push(`missing required parameter ${k}`);
  if (size === 0) passed = 1;
  return { valid: errors.length === 0, passed, total, errors };
}
