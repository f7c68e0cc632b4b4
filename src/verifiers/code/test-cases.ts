import type { Language } from "../../sandbox/types.ts";

/** One test: a stdin → expected stdout pair, or assertion code run in the solution's namespace. */
export type TestCase = { type: "io"; input: string; output: string } | { type: "assert"; code: string };

/** The tests of one problem, with optional setup code run before the assertions. */
export interface TestSuite {
  cases: TestCase[];
  setup?: string;
  language?: Language;
}

const LANGS: Record<string, Language> = {
  python: "python",
  py: "python",
  javascript: "javascript",
  js: "javascript",
};

function asText(x: unknown): string | null {
  if (typeof x === "string") return x;
  if (typeof x === "number" || typeof x === "boolean") return String(x);
  if (Array.isArray(x) && x.every((l) => typeof l === "string")) return x.join("\n");
  return null;
}

function oneCase(item: unknown, i: number): TestCase | string {
  if (typeof item === "string") return { type: "assert", code: item };
  if (!item || typeof item !== "object") return `test ${i} is not an object or a string`;
  const o = item as Record<string, unknown>;
  const code = o.assert ?? o.code;
  if (code !== undefined) {
    return typeof code === "string" ? { type: "assert", code } : `test ${i}: assertion code must be a string`;
  }
  const input = asText(o.input ?? o.stdin ?? "");
  const output = asText(o.output ?? o.stdout ?? o.expected_output);
  if (input === null || output === null) return `test ${i}: needs input/output strings or assertion code`;
  return { type: "io", input, output };
}

/**
 * Reads a reference's tests in any of the common dataset shapes: `{tests: [...]}` (items `{input, output}`
 * or `{assert}` or assertion strings), a bare list of those, APPS `{inputs, outputs}` / `{input_output}`,
 * MBPP `{test_list, test_setup_code}`, HumanEval `{test, entry_point}`, or a JSON string of any of them.
 * Returns a message when the reference has no usable tests.
 * @example parseTests({ test_list: ["assert f(1) == 2"] }) // { cases: [{ type: "assert", code: "assert f(1) == 2" }] }
 */
export function parseTests(ref: unknown, maxTests: number): TestSuite | string {
  if (typeof ref === "string") {
    try {
      ref = JSON.parse(ref);
    } catch {
      return "reference is a string that is not JSON test data";
    }
  }
  if (ref == null) return "reference has no tests";
  let items: unknown[] | null = null;
  let setup: string | undefined;
  let language: Language | undefined;
  if (Array.isArray(ref)) items = ref;
  else if (typeof ref === "object") {
    const o = ref as Record<string, unknown>;
    if (typeof o.language === "string") language = LANGS[o.language.toLowerCase()];
    const s = o.setup ?? o.test_setup_code;
    if (typeof s === "string" && s.trim()) setup = s;
    if (typeof o.input_output === "string") {
      const inner = parseTests(o.input_output, maxTests);
      if (typeof inner === "string") return `input_output: ${inner}`;
      return { ...inner, ...(language ? { language } : {}) };
    }
    if (o.fn_name !== undefined)
      return "call-based tests (fn_name) are not supported; use stdin/stdout or assertions";
    if (Array.isArray(o.tests)) items = o.tests;
    else if (Array.isArray(o.test_list)) items = o.test_list;
    else if (Array.isArray(o.inputs) && Array.isArray(o.outputs)) {
      if (o.inputs.length !== o.outputs.length)
        return `inputs (${o.inputs.length}) and outputs (${o.outputs.length}) differ in length`;
      items = o.inputs.map((input, i) => ({
        input,
        output: o.outputs ? (o.outputs as unknown[])[i] : undefined,
      }));
    } else if (typeof o.test === "string" && typeof o.entry_point === "string") {
      if (!/^[A-Za-z_$][\w$]*$/.test(o.entry_point)) return "entry_point is not an identifier";
      items = [`${o.test}\ncheck(${o.entry_point})`];
    }
  }
  if (!items) return "reference has no tests (expected tests, test_list, inputs/outputs or test/entry_point)";
  if (items.length === 0) return "reference has an empty test list";
  if (items.length > maxTests)
    return `reference has ${items.length} tests, more than max_tests (${maxTests})`;
  const cases: TestCase[] = [];
  for (let i = 0; i < items.length; i++) {
    const c = oneCase(items[i], i);
    if (typeof c === "string") return c;
    cases.push(c);
  }
  return { cases, ...(setup ? { setup } : {}), ...(language ? { language } : {}) };
}
