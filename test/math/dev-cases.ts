// Math-Verify's development test vectors and the verifyMath options each row records; shared by the
// conformance test and bench/math.ts so both read the same rows the same way.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { MathOptions } from "../../src/verifiers/math/index.ts";

/** One row of data/math-cases-dev.jsonl. */
export interface DevCase {
  id: string;
  gold: string;
  pred: string;
  expected: boolean;
  flags?: string[];
  note?: string;
  config: {
    match_types: ("latex" | "expr")[];
    boxed_match_priority?: number;
    precision: number;
    strict: boolean;
    allow_set_relation_comp: boolean;
  };
}

/** Every dev row, quirks included. */
export function loadDevCases(): DevCase[] {
  const here = dirname(fileURLToPath(import.meta.url));
  return readFileSync(join(here, "data", "math-cases-dev.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as DevCase);
}

/** The verifyMath options a row was recorded with. */
export function devCaseOptions(r: DevCase): Partial<MathOptions> {
  return {
    extract: r.config.match_types,
    // compare_strings uses boxed priority 0; verify(parse(...)) rows record Math-Verify's library default 50.
    boxed_priority: r.config.boxed_match_priority ?? 0,
    precision: r.config.precision,
    strict: r.config.strict,
    allow_set_relation: r.config.allow_set_relation_comp,
  };
}
