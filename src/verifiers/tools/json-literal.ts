/**
 * JSON parsing that remembers how each number was written: `6` and `6.0` are the same JavaScript number, but a
 * Python checker (BFCL's) decodes them as `int` and `float`. The parsed value is plain JSON; integral numbers
 * written with a fraction or exponent are recorded per containing object/array in a WeakMap.
 */

/** Containers (objects, arrays) → the keys/indices of integral numbers written in float form (`6.0`, `1e3`). */
const FLOAT_FORM = new WeakMap<object, Set<string | number>>();

/**
 * True when `container[key]` is an integral number that the JSON text wrote as a float (`6.0`, `2e1`).
 * @example writtenAsFloat(parseJsonLiteral('{"x": 6.0}') as object, "x") // true
 */
export function writtenAsFloat(container: object, key: string | number): boolean {
  return FLOAT_FORM.get(container)?.has(key) ?? false;
}

/** Marks `container[key]` as written in float form (for values built in code, e.g. tests). */
export function markFloat(container: object, key: string | number): void {
  let s = FLOAT_FORM.get(container);
  if (!s) {
    s = new Set();
    FLOAT_FORM.set(container, s);
  }
  s.add(key);
}

/** Deepest nesting accepted (a hostile `[[[[…` stays bounded). */
const MAX_DEPTH = 512;

// A possibly integral number in float form: a fraction of zeros only (`6.0`) or an exponent (`1.5e1`). Without
// one, every integral number was written as an int and JSON.parse's value says all there is.
const FLOAT_HINT = /\d(?:\.0+(?![0-9])|(?:\.[0-9]*)?[eE])/;

/**
 * Parses JSON text exactly as `JSON.parse` does (same accepted texts, same values), additionally recording
 * integral numbers written in float form (see {@link writtenAsFloat}). Throws a SyntaxError on invalid JSON.
 * Linear time: one pass, strings decoded by JSON.parse on their own slice.
 * @example parseJsonLiteral('[6, 6.0]') // [6, 6], with writtenAsFloat(result, 1) === true
 */
export function parseJsonLiteral(text: string): unknown {
  const plain = JSON.parse(text) as unknown; // validation and the fast path
  if (!FLOAT_HINT.test(text) || plain === null || typeof plain !== "object") return plain;
  return new Reader(text).top();
}

class Reader {
  private i = 0;
  constructor(private readonly s: string) {}

  top(): unknown {
    this.ws();
    return this.value(0);
  }

  private ws(): void {
    const s = this.s;
    let i = this.i;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
    this.i = i;
  }

  private value(depth: number): unknown {
    if (depth > MAX_DEPTH) throw new SyntaxError("JSON nested too deeply");
    const c = this.s.charCodeAt(this.i);
    if (c === 123) return this.object(depth);
    if (c === 91) return this.array(depth);
    if (c === 34) return this.string();
    if (c === 116) return this.word("true", true);
    if (c === 102) return this.word("false", false);
    if (c === 110) return this.word("null", null);
    return this.number().value;
  }

  private word<T>(w: string, v: T): T {
    this.i += w.length;
    return v;
  }

  private string(): string {
    const s = this.s;
    const start = this.i;
    let i = start + 1;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 34) break;
      i += c === 92 ? 2 : 1;
    }
    this.i = i + 1;
    const raw = s.slice(start, i + 1);
    return raw.indexOf("\\") === -1 ? raw.slice(1, -1) : (JSON.parse(raw) as string);
  }

  private number(): { value: number; floatForm: boolean } {
    const s = this.s;
    const start = this.i;
    let i = start;
    let floatForm = false;
    for (;;) {
      const c = s.charCodeAt(i);
      if ((c >= 48 && c <= 57) || c === 45 || c === 43) i++;
      else if (c === 46 || c === 101 || c === 69) {
        floatForm = true;
        i++;
      } else break;
    }
    this.i = i;
    return { value: Number(s.slice(start, i)), floatForm };
  }

  private member(container: object, key: string | number, depth: number): unknown {
    const c = this.s.charCodeAt(this.i);
    if (c === 45 || (c >= 48 && c <= 57)) {
      const n = this.number();
      if (n.floatForm && Number.isInteger(n.value)) markFloat(container, key);
      return n.value;
    }
    return this.value(depth + 1);
  }

  private array(depth: number): unknown[] {
    const out: unknown[] = [];
    this.i++;
    this.ws();
    if (this.s.charCodeAt(this.i) === 93) {
      this.i++;
      return out;
    }
    for (;;) {
      this.ws();
      out.push(this.member(out, out.length, depth));
      this.ws();
      const c = this.s.charCodeAt(this.i++);
      if (c === 93) return out;
    }
  }

  private object(depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.i++;
    this.ws();
    if (this.s.charCodeAt(this.i) === 125) {
      this.i++;
      return out;
    }
    for (;;) {
      this.ws();
      const k = this.string();
      this.ws();
      this.i++; // ':'
      this.ws();
      // A repeated key keeps the last value, as JSON.parse does; its float mark is reset first.
      FLOAT_FORM.get(out)?.delete(k);
      const v = this.member(out, k, depth);
      if (k === "__proto__")
        Object.defineProperty(out, k, { value: v, writable: true, enumerable: true, configurable: true });
      else out[k] = v;
      this.ws();
      const c = this.s.charCodeAt(this.i++);
      if (c === 125) return out;
    }
  }
}
