/**
 * A protocol-faithful OpenAI-compatible `POST /v1/completions` server on 127.0.0.1 whose "model" is the toy of
 * toy.ts: each choice is one letter of {a, b, c} per step when `stop` is given, else four letters, drawn from
 * SHA-256(prompt | seed | index | k). A prompt containing `[[fail]]` gets a 500. Counts requests.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { h, LETTERS, TARGET } from "./toy.ts";

export interface CompletionsServer {
  baseUrl: string;
  requests: Record<string, unknown>[];
  close(): Promise<void>;
}

export async function startCompletionsServer(): Promise<CompletionsServer> {
  const requests: Record<string, unknown>[] = [];
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (req.method !== "POST" || req.url !== "/v1/completions")
        return send(404, { error: { message: "not found", type: "invalid_request_error" } });
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(raw);
      } catch {
        return send(400, { error: { message: "invalid JSON", type: "invalid_request_error" } });
      }
      requests.push(body);
      const prompt = String(body.prompt ?? "");
      if (prompt.includes("[[fail]]")) return send(500, { error: { message: "boom", type: "server_error" } });
      const n = typeof body.n === "number" ? body.n : 1;
      const len = Array.isArray(body.stop) && body.stop.length ? 1 : TARGET.length;
      const choices = Array.from({ length: n }, (_, i) => {
        let text = "";
        for (let k = 0; k < len; k++) text += LETTERS[Math.floor(h(`${prompt}|${body.seed}|${i}|${k}`) * 3)]!;
        return { index: i, text, logprobs: null, finish_reason: "stop" };
      });
      // Choices in reverse order: clients must order by `index`.
      send(200, {
        id: "cmpl-toy",
        object: "text_completion",
        created: 0,
        model: body.model ?? "toy",
        choices: choices.reverse(),
        usage: { prompt_tokens: 1, completion_tokens: n * len, total_tokens: 1 + n * len },
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
