// The recorded Math-Verify fixtures (verdicts.jsonl, heldout-verdicts.jsonl) and the conformance page that
// must list every miss, read the same way by both conformance tests.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { verifyMath } from "../../../src/verifiers/math/verify.ts";

/** One labelled pair with Math-Verify's recorded verdict. */
export interface VerdictRow {
  id: string;
  class: string;
  gold: string;
  pred: string;
  /** The mathematically right verdict, known by construction in the generator. */
  label: boolean;
  /** Set where the right verdict depends on a reading policy rather than on the mathematics. */
  ambiguous?: string;
  math_verify: boolean;
  mv_commit: string;
  l2s_commit: string;
}

const here = dirname(fileURLToPath(import.meta.url));

/** The rows of a fixture file in this folder. */
export function loadVerdictRows(file: string): VerdictRow[] {
  return readFileSync(join(here, file), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as VerdictRow);
}

/** docs/conformance/math.md, where every miss is listed by id. */
export const conformanceDoc = readFileSync(
  join(here, "..", "..", "..", "docs", "conformance", "math.md"),
  "utf8",
);

/** rewardkit's verdict per row id. */
export function ourVerdicts(rows: readonly VerdictRow[]): Map<string, boolean> {
  return new Map(rows.map((r) => [r.id, verifyMath(r.gold, r.pred).correct]));
}
