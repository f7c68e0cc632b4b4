import { formatPath } from "../core/errors.ts";
import { badRequest, HttpProblem, limitProblem } from "./problem.ts";

/**
 * Reads a request body's bytes, stopping at `maxBytes` whether or not the client sent a length
 * (a chunked body is counted as it streams, so a 20 MB chunked upload never sits in memory).
 * @example const bytes = await readBodyBytes(c.req.raw, 16 << 20);
 */
export async function readBodyBytes(
  req: Request,
  maxBytes: number,
  incoming?: AsyncIterable<Buffer> & { headers: Record<string, string | string[] | undefined> },
): Promise<Buffer> {
  const declared = declaredLength(req.headers, maxBytes);
  if (incoming) return readIncoming(incoming, maxBytes);
  // The HTTP parser enforces a declared length, so the whole body can be taken at once.
  if (declared) return Buffer.from(await req.arrayBuffer());
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      void reader.cancel().catch(() => {});
      throw limitProblem(413, "max_body_bytes", maxBytes, size);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

/** True when the body has a declared length (not chunked); a declared length over the limit is a 413 at once. */
function declaredLength(headers: Headers, maxBytes: number): boolean {
  const len = headers.get("content-length");
  if (len === null || headers.has("transfer-encoding")) return false;
  const n = Number(len);
  if (Number.isFinite(n) && n > maxBytes) throw limitProblem(413, "max_body_bytes", maxBytes, n);
  return true;
}

/** Reads Node's request stream directly (no web-stream copies), with the same limit rules. */
async function readIncoming(incoming: AsyncIterable<Buffer>, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming) {
    size += chunk.length;
    if (size > maxBytes) throw limitProblem(413, "max_body_bytes", maxBytes, size);
    chunks.push(chunk);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
}

/** Index of the quote closing the string that opens at `open`: one not preceded by an odd run of backslashes (-1 if none). */
function stringEnd(text: string, open: number): number {
  let j = open;
  for (;;) {
    j = text.indexOf('"', j + 1);
    if (j < 0) return -1;
    let k = j - 1;
    while (text.charCodeAt(k) === 92) k--;
    if ((j - 1 - k) % 2 === 0) return j;
  }
}

/**
 * Finds the path of the first `NaN`, `Infinity` or `-Infinity` token (what Python's `json.dumps` emits for
 * non-finite floats), or null. Linear and iterative: keys and indices are tracked on an explicit stack.
 * @example findNonFiniteToken('{"rollouts":[{"reference":NaN}]}') // { path: "rollouts[0].reference", token: "NaN" }
 */
export function findNonFiniteToken(text: string): { path: string; token: string } | null {
  type Frame = { arr: boolean; key: string | number; expectKey: boolean };
  const stack: Frame[] = [];
  const n = text.length;
  const pathNow = () => formatPath(stack.map((f) => f.key).filter((k) => k !== ""));
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      const j = stringEnd(text, i);
      if (j < 0) return null;
      const top = stack[stack.length - 1];
      if (top && !top.arr && top.expectKey) {
        try {
          top.key = JSON.parse(text.slice(i, j + 1)) as string;
        } catch {
          top.key = text.slice(i + 1, j);
        }
      }
      i = j;
    } else if (c === 123) stack.push({ arr: false, key: "", expectKey: true });
    else if (c === 91) stack.push({ arr: true, key: 0, expectKey: false });
    else if (c === 125 || c === 93) stack.pop();
    else if (c === 44) {
      const top = stack[stack.length - 1];
      if (top?.arr) top.key = (top.key as number) + 1;
      else if (top) top.expectKey = true;
    } else if (c === 58) {
      const top = stack[stack.length - 1];
      if (top) top.expectKey = false;
    } else if (c === 78 && text.startsWith("NaN", i)) return { path: pathNow(), token: "NaN" };
    else if (c === 73 && text.startsWith("Infinity", i)) {
      return { path: pathNow(), token: text.charCodeAt(i - 1) === 45 ? "-Infinity" : "Infinity" };
    }
  }
  return null;
}

/** Limits that apply while parsing a JSON body. */
export interface JsonLimits {
  maxDepth: number;
}

/**
 * Parses a JSON request body: nesting deeper than `maxDepth` is a 413 naming `max_json_depth`, `NaN`/`Infinity`
 * tokens are a 400 with their path, and a `__proto__` key (however it is escaped) is refused with its path (it
 * would turn into a prototype change in any later `Object.assign`). Duplicate keys keep the last value, as Python
 * does. The depth is measured on the parsed value, not the text: V8's `JSON.parse` is iterative (a 10⁶-deep
 * document costs what a 10⁶-wide one does, both bounded by `max_body_bytes`), and walking the containers of a
 * parsed body is far cheaper than scanning every character of its text.
 * @example const body = parseJsonBody('{"rollouts": []}', { maxDepth: 64 });
 */
export function parseJsonBody(text: string, limits: JsonLimits): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const bad = findNonFiniteToken(text);
    if (bad) {
      throw badRequest(
        [
          {
            path: bad.path,
            message: `${bad.token} is not JSON; send a finite number or null (Python: json.dumps(..., allow_nan=False))`,
          },
        ],
        "E_NON_FINITE",
      );
    }
    throw new HttpProblem(400, {
      code: "E_JSON",
      message: `body is not valid JSON: ${e instanceof Error ? e.message : String(e)}`,
    });
  }
  const shape = valueShape(value, limits.maxDepth);
  if (shape.depth > limits.maxDepth) throw limitProblem(413, "max_json_depth", limits.maxDepth, shape.depth);
  if (shape.protoKey) {
    const at = findProtoKey(value);
    if (at !== null) {
      throw badRequest([{ path: at, message: '"__proto__" is not accepted as a key' }], "E_BAD_REQUEST");
    }
  }
  return value;
}

/**
 * The nesting depth of a parsed JSON value (a scalar is 0, `[]` is 1) and whether some object has an own
 * `__proto__` key, in one iterative walk over its containers that stops one level past `max`.
 * @example valueShape(JSON.parse('{"a":[1,{"b":"]"}]}'), 64) // { depth: 3, protoKey: false }
 */
export function valueShape(
  root: unknown,
  max = Number.POSITIVE_INFINITY,
): { depth: number; protoKey: boolean } {
  if (root === null || typeof root !== "object") return { depth: 0, protoKey: false };
  const values: object[] = [root];
  const depths: number[] = [1];
  let deepest = 1;
  let protoKey = false;
  while (values.length) {
    const v = values.pop()!;
    const d = depths.pop()!;
    if (d > deepest) {
      deepest = d;
      if (deepest > max) break;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i];
        if (x !== null && typeof x === "object") {
          values.push(x);
          depths.push(d + 1);
        }
      }
    } else {
      if (!protoKey && Object.hasOwn(v, "__proto__")) protoKey = true;
      for (const k in v) {
        const x: unknown = (v as Record<string, unknown>)[k];
        if (x !== null && typeof x === "object") {
          values.push(x);
          depths.push(d + 1);
        }
      }
    }
  }
  return { depth: deepest, protoKey };
}

/** Path of the first own `__proto__` key, walking with an explicit stack (depth is already bounded). */
function findProtoKey(root: unknown): string | null {
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: root, path: [] }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i];
        if (x && typeof x === "object") stack.push({ v: x, path: [...path, i] });
      }
    } else if (v && typeof v === "object") {
      if (Object.hasOwn(v, "__proto__")) return formatPath([...path, "__proto__"]);
      for (const [k, x] of Object.entries(v))
        if (x && typeof x === "object") stack.push({ v: x, path: [...path, k] });
    }
  }
  return null;
}
