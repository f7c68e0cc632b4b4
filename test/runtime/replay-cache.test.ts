import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ReplayCache } from "../../src/runtime/replay-cache.ts";

describe("ReplayCache.keyOf", () => {
  it("keys the body bytes: a string and its UTF-8 bytes give the same key, another body another key", () => {
    const body = '{"rollouts":[{"completion":"１２ é"}]}';
    const k = ReplayCache.keyOf("/v1/score", "h", body);
    assert.equal(ReplayCache.keyOf("/v1/score", "h", Buffer.from(body, "utf8")), k);
    assert.notEqual(ReplayCache.keyOf("/v1/score", "h", `${body} `), k);
    assert.notEqual(ReplayCache.keyOf("/v1/advantages", "h", body), k);
  });
});
