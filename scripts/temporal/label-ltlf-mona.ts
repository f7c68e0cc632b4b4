/**
 * Labels the LTLf corpus of test/temporal/random-ltlf.ts with MONA (Klarlund & Møller, the MONA tool; Debian
 * package `mona`) and writes test/temporal/fixtures/mona-verdicts.jsonl. Run outside CI:
 *   npx tsx scripts/temporal/label-ltlf-mona.ts
 * Each formula–trace pair becomes a closed WS1S formula: the standard first-order translation of the
 * finite-trace semantics (positions 0..n−1, as in LTLf2DFA) with the trace's propositions as set constants.
 * MONA decides it; "valid" is the verdict true, "unsatisfiable" false.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { corpus, PROPS, type Tree } from "../../test/temporal/random-ltlf.ts";

let fresh = 0;
function fol(t: Tree, x: string, n: number): string {
  const v = (): string => `v${fresh++}`;
  const inRange = (y: string): string => `${x} <= ${y} & ${y} < ${n}`;
  switch (t.op) {
    case "true":
      return "true";
    case "false":
      return "false";
    case "last":
      return `${x} = ${n - 1}`;
    case "end":
      return `${x} >= ${n}`;
    case "atom":
      return `${x} in P_${t.name}`;
    case "not":
      return `~(${fol(t.args[0], x, n)})`;
    case "and":
      return `(${fol(t.args[0], x, n)}) & (${fol(t.args[1], x, n)})`;
    case "or":
      return `(${fol(t.args[0], x, n)}) | (${fol(t.args[1], x, n)})`;
    case "->":
      return `(${fol(t.args[0], x, n)}) => (${fol(t.args[1], x, n)})`;
    case "<->":
      return `(${fol(t.args[0], x, n)}) <=> (${fol(t.args[1], x, n)})`;
    case "X": {
      const y = v();
      return `(ex1 ${y}: ${y} = ${x} + 1 & ${y} < ${n} & (${fol(t.args[0], y, n)}))`;
    }
    case "WX": {
      const y = v();
      return `(all1 ${y}: (${y} = ${x} + 1 & ${y} < ${n}) => (${fol(t.args[0], y, n)}))`;
    }
    case "F": {
      const y = v();
      return `(ex1 ${y}: ${inRange(y)} & (${fol(t.args[0], y, n)}))`;
    }
    case "G": {
      const y = v();
      return `(all1 ${y}: (${inRange(y)}) => (${fol(t.args[0], y, n)}))`;
    }
    case "U": {
      const y = v();
      const z = v();
      return `(ex1 ${y}: ${inRange(y)} & (${fol(t.args[1], y, n)}) & (all1 ${z}: (${x} <= ${z} & ${z} < ${y}) => (${fol(t.args[0], z, n)})))`;
    }
    case "R": {
      const y = v();
      const z = v();
      return `(all1 ${y}: (${inRange(y)}) => ((${fol(t.args[1], y, n)}) | (ex1 ${z}: ${x} <= ${z} & ${z} < ${y} & (${fol(t.args[0], z, n)}))))`;
    }
    case "W":
      // a W b: a U b, or a at every remaining position
      return `(${fol({ op: "U", args: t.args }, x, n)}) | (${fol({ op: "G", args: [t.args[0]] }, x, n)})`;
    case "M": {
      // a M b: b holds up to and including a position where a and b both hold
      const y = v();
      const z = v();
      return `(ex1 ${y}: ${inRange(y)} & (${fol(t.args[0], y, n)}) & (${fol(t.args[1], y, n)}) & (all1 ${z}: (${x} <= ${z} & ${z} < ${y}) => (${fol(t.args[1], z, n)})))`;
    }
  }
}

function program(t: Tree, trace: string[][]): string {
  const n = trace.length;
  const sets = PROPS.map((p) => {
    const at = trace.flatMap((s, i) => (s.includes(p) ? [i] : []));
    return `P_${p} = ${at.length ? `{${at.join(",")}}` : "empty"}`;
  });
  return `ws1s;\nex2 ${PROPS.map((p) => `P_${p}`).join(", ")}: ${sets.join(" & ")} & (ex1 x0: x0 = 0 & (${fol(t, "x0", n)}));\n`;
}

const dir = mkdtempSync(join(tmpdir(), "ltlf-mona-"));
const lines: string[] = [];
let k = 0;
for (const { formula, trace, tree } of corpus()) {
  const file = join(dir, `q${k++}.mona`);
  writeFileSync(file, program(tree, trace));
  const r = spawnSync("mona", ["-q", file], { encoding: "utf8" });
  const valid = r.stdout.includes("Formula is valid");
  const unsat = r.stdout.includes("Formula is unsatisfiable");
  if (valid === unsat)
    throw new Error(
      `MONA gave no verdict for ${formula} on ${JSON.stringify(trace)}:\n${r.stdout}${r.stderr}`,
    );
  lines.push(JSON.stringify({ formula, trace, holds: valid }));
}
rmSync(dir, { recursive: true, force: true });
const out = "test/temporal/fixtures/mona-verdicts.jsonl";
writeFileSync(`${out}.tmp`, `${lines.join("\n")}\n`);
renameSync(`${out}.tmp`, out);
console.log(
  `labelled ${lines.length} formula–trace pairs with MONA (${lines.filter((l) => l.endsWith("true}")).length} true)`,
);
