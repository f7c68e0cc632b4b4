import assert from "node:assert/strict";
import test from "node:test";
import {
  graderMessages,
  judgeMessages,
  strictSchema,
  stepsThenResult,
} from "../../src/judges/judge-common.ts";

test("strictSchema requires every property, in the given order when one is given", () => {
  const s = strictSchema({ b: { type: "number" }, a: { type: "string" } });
  assert.deepEqual(s.required, ["b", "a"]);
  assert.equal(s.additionalProperties, false);
  // Integer-like keys come first in Object.keys, so the criterion order is passed explicitly.
  const props = Object.fromEntries([
    ["z", {}],
    ["2", {}],
  ]);
  assert.deepEqual(strictSchema(props).required, ["2", "z"]);
  assert.deepEqual(strictSchema(props, ["z", "2"]).required, ["z", "2"]);
  assert.deepEqual(Object.keys((stepsThenResult({ type: "number" }) as { properties: object }).properties), [
    "steps",
    "result",
  ]);
});

test("graderMessages renders the template and reports a missing variable by name", () => {
  const r = { prompt: "2+2?", completion: "4", reference: "4" };
  const m = graderMessages(r, { system: "S", showReference: true, heading: "Rubric", template: "exact" });
  assert.ok(Array.isArray(m));
  assert.equal(m[0]!.content, "S");
  assert.equal(
    m[1]!.content,
    "Task:\n2+2?\n\nReference answer:\n4\n\nResponse:\n<response>\n4\n</response>\n\nRubric:\nexact",
  );
  const noRef = graderMessages(r, { system: "S", showReference: false, heading: "H", template: "t" });
  assert.ok(Array.isArray(noRef) && !String(noRef[1]!.content).includes("Reference"));
  assert.equal(
    graderMessages(r, { system: "S", showReference: true, heading: "H", template: "{{item.nope}}" }),
    "item.nope",
  );
});

test("judgeMessages: input template (with the text-mode note) or the built-in prompt", () => {
  const r = { prompt: "q", completion: "a" };
  const input = [{ role: "user" as const, content: "judge {{sample.output_text}}" }];
  const t = judgeMessages({ input, output: "text" }, r, '{"result": 1}', () => "unused");
  assert.ok(Array.isArray(t));
  assert.equal(t.length, 2);
  assert.equal(t[0]!.content, "judge a");
  assert.match(String(t[1]!.content), /<think>.*\{"result": 1\}$/);
  const missing = judgeMessages({ output: "json_schema" }, r, "{}", () => "item.x");
  assert.ok(!Array.isArray(missing));
  assert.equal(missing.error?.kind, "invalid_input");
  assert.match(missing.error!.message, /\{\{item\.x\}\}/);
});
