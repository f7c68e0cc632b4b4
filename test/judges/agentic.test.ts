import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { defaultRegistry } from "../../src/builtins.ts";
import type { Message, RewardResult } from "../../src/core/types.ts";
import { compileNode } from "../../src/spec/compile.ts";

/**
 * A protocol-faithful OpenAI chat server with tool calling: it checks that every `tool` message answers a
 * `tool_calls` id of an earlier assistant message (as OpenAI does, 400 otherwise) and honours `tool_choice`.
 * Its "model": with tools allowed and no tool result yet, it calls `exact` on the response and `exact` on the
 * text "4"; with tool results, it answers {"result": 10 × the first tool score}. A prompt with [[loop]] calls
 * a tool whenever tools are allowed and answers {"result": 3} only when tool_choice is "none".
 */
let server: Server;
let base = "";
const bodies: any[] = [];
before(async () => {
  server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const body = JSON.parse(raw);
      bodies.push(body);
      const msgs = body.messages as Message[];
      const ids = new Set<string>();
      for (const m of msgs) {
        for (const tc of m.tool_calls ?? []) ids.add(tc.id!);
        if (m.role === "tool" && !ids.has(m.tool_call_id as string)) {
          res.writeHead(400, { "content-type": "application/json" });
          return res.end(JSON.stringify({ error: { message: "tool message without a matching tool call" } }));
        }
      }
      const text = msgs.map((m) => (typeof m.content === "string" ? m.content : "")).join("\n");
      const results = msgs.filter((m) => m.role === "tool").map((m) => JSON.parse(m.content as string));
      const allowed = Array.isArray(body.tools) && body.tool_choice !== "none";
      let message: Record<string, unknown>;
      const call = (id: string, args: Record<string, unknown>) => ({
        id,
        type: "function",
        function: { name: "exact", arguments: JSON.stringify(args) },
      });
      if (text.includes("[[loop]]")) {
        message = allowed
          ? { role: "assistant", content: null, tool_calls: [call(`c${msgs.length}`, {})] }
          : { role: "assistant", content: '{"result": 3}' };
      } else if (allowed && results.length === 0) {
        message = {
          role: "assistant",
          content: null,
          tool_calls: [call("c1", {}), call("c2", { text: "4" })],
        };
      } else {
        message = { role: "assistant", content: JSON.stringify({ result: 10 * (results[0]?.score ?? 0) }) };
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          id: "chatcmpl-x",
          object: "chat.completion",
          created: 0,
          model: body.model,
          choices: [{ index: 0, message, finish_reason: message.tool_calls ? "tool_calls" : "stop" }],
          usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
after(() => new Promise<void>((r) => server.close(() => r())));

const node = (over: Record<string, unknown> = {}) =>
  compileNode(
    {
      kind: "judge.agentic",
      model: "judge",
      base_url: base,
      cache: false,
      rubric: "Is the answer right?",
      range: [0, 10],
      tools: { exact: { kind: "text.exact", from: "whole" } },
      ...over,
    },
    { registry: defaultRegistry },
  );

describe("judge.agentic", () => {
  it("lets the judge call verifiers as tools; the calls and results are in info", async () => {
    const r = (await node().score({ prompt: "2+2?", completion: "5", reference: "4" }, {})) as RewardResult;
    // exact("5") = 0 first, exact("4") = 1 second; the model answers 10 × the first score
    assert.equal(r.score, 0);
    const calls = r.info!.calls as { name: string; arguments: unknown; result: { score: number } }[];
    assert.deepEqual(
      calls.map((c) => [c.name, c.arguments, c.result.score]),
      [
        ["exact", {}, 0],
        ["exact", { text: "4" }, 1],
      ],
    );
    const good = (await node().score(
      { prompt: "2+2?", completion: "4", reference: "4" },
      {},
    )) as RewardResult;
    assert.equal(good.score, 10);
    const first = bodies.at(-2);
    assert.equal(first.tools[0].function.name, "exact");
    assert.equal(first.tool_choice, "auto");
  });

  it("keeps the judge within its tool budget, then forbids tools", async () => {
    const r = (await node({ tool_budget: 2 }).score(
      { prompt: "[[loop]]", completion: "x", reference: "4" },
      {},
    )) as RewardResult;
    assert.equal(r.score, 3);
    assert.equal((r.info!.calls as unknown[]).length, 2);
    assert.equal(bodies.at(-1).tool_choice, "none");
  });

  it("a judge that cannot be reached is a typed upstream error", async () => {
    const r = (await node({ base_url: "http://127.0.0.1:9/v1", max_retries: 0, timeout_ms: 5000 }).score(
      { prompt: "q", completion: "a", reference: "a" },
      {},
    )) as RewardResult;
    assert.equal(r.score, null);
    assert.equal(r.error?.kind, "upstream");
  });
});
