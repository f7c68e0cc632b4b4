// Measures the forgery corpus against assertions run inside the solution's own interpreter (the harness
// used with executor: sandboxfusion), to show the attacks are real; the numbers go in
// docs/conformance/code.md. Not part of npm test. Run: node --import tsx test/conformance/code/in-process.ts
import { LocalSandbox } from "../../../src/sandbox/local.ts";
import type { CodeExecutor } from "../../../src/sandbox/types.ts";
import { runSuite } from "../../../src/verifiers/code/run-suite.ts";
import { parseTests } from "../../../src/verifiers/code/test-cases.ts";
import { CORRECT } from "./correct.ts";
import { FORGERIES } from "./forgeries.ts";

const local = new LocalSandbox();
const inProcess: CodeExecutor = { name: "in-process", referees: false, run: (req) => local.run(req) };

for (const [label, cases] of [
  ["forgeries", FORGERIES],
  ["correct", CORRECT],
] as const) {
  let all = 0;
  let some = 0;
  for (const c of cases) {
    const suite = parseTests(c.reference, 200);
    if (typeof suite === "string") throw new Error(`${c.name}: ${suite}`);
    const params = (c.params ?? {}) as {
      memory_mb?: number;
      timeout_ms?: number;
      compare?: "trim" | "tokens";
    };
    const out = await runSuite(inProcess, {
      language: c.language,
      code: c.code,
      suite,
      limits: { wallMs: params.timeout_ms ?? 10_000, memoryMb: params.memory_mb ?? 1024 },
      compare: params.compare ?? "trim",
      seed: 7,
      totalMs: 60_000,
    });
    const passed = out.tests.filter((t) => t.status === "pass").length;
    if (passed === out.tests.length && passed > 0) all++;
    else if (passed > 0) some++;
    if (label === "forgeries" && passed > 0) console.log(`  ${passed}/${out.tests.length}  ${c.name}`);
    if (label === "correct" && passed < out.tests.length) console.log(`  failed in-process: ${c.name}`);
  }
  console.log(
    `${label}: ${cases.length} cases, ${all} pass every test, ${some} pass some, in-process harness`,
  );
}
