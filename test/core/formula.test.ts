import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evalFormula, parseFormula } from "../../src/core/formula-parse.ts";

const ev = (src: string, env: Record<string, number> = {}) => evalFormula(parseFormula(src), env);

describe("formula language (OpenAI calculate_output)", () => {
  it("follows the usual precedence", () => {
    assert.equal(ev("1 + 2 * 3"), 7);
    assert.equal(ev("(1 + 2) * 3"), 9);
    assert.equal(ev("2 ^ 3 ^ 2"), 512); // right-associative: 2^(3^2)
    assert.equal(ev("-2 ^ 2"), -4); // unary minus binds looser than ^
    assert.equal(ev("8 / 4 / 2"), 1); // left-associative
  });
  it("has the listed functions", () => {
    assert.equal(ev("max(1, 5, 3) + min(4, 2)"), 7);
    assert.equal(ev("floor(2.7) + ceil(2.1) + abs(-3)"), 8);
    assert.equal(ev("sqrt(16) + exp(0) + log(1)"), 5);
    assert.equal(ev("x.y * 2", { "x.y": 3 }), 6);
  });
  it("rejects bad input with the position", () => {
    assert.throws(() => parseFormula("1 +"), /unexpected end/);
    assert.throws(() => parseFormula("foo(1)"), /unknown function "foo"/);
    assert.throws(() => parseFormula("abs(1, 2)"), /wrong number of arguments/);
    assert.throws(() => parseFormula("1 ) 2"), /unexpected "\)"/);
    assert.throws(() => parseFormula("(".repeat(500) + "1" + ")".repeat(500)), /nested deeper/);
  });
});
