/**
 * A seeded generator of LTLf formulas (as plain trees, printed in flloat or Spot syntax) and of finite traces,
 * shared by the property tests and the MONA labelling script. The trees keep the sugar (`W`, `M`, `->`,
 * `<->`, `last`, `end`) so the oracle translation does not reuse the parser's desugaring.
 */
import { seededRandom } from "../../src/credit/rng.ts";

export type Tree =
  | { op: "true" | "false" | "last" | "end" }
  | { op: "atom"; name: string }
  | { op: "not" | "X" | "WX" | "F" | "G"; args: [Tree] }
  | { op: "and" | "or" | "->" | "<->" | "U" | "R" | "W" | "M"; args: [Tree, Tree] };

export const PROPS = ["a", "b", "c"] as const;
const UNARY = ["not", "X", "WX", "F", "G"] as const;
const BINARY = ["and", "or", "->", "<->", "U", "R", "W", "M"] as const;
const LEAVES = ["true", "false", "last", "end"] as const;

/** A random formula tree of depth ≤ `depth`. */
export function randomTree(rand: () => number, depth: number): Tree {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  if (depth === 0 || rand() < 0.2) {
    return rand() < 0.85 ? { op: "atom", name: pick(PROPS) } : { op: pick(LEAVES) };
  }
  if (rand() < 0.45) return { op: pick(UNARY), args: [randomTree(rand, depth - 1)] };
  return { op: pick(BINARY), args: [randomTree(rand, depth - 1), randomTree(rand, depth - 1)] };
}

const SYM: Record<string, string> = { and: "&", or: "|", "->": "->", "<->": "<->" };

/** Prints a tree, fully parenthesised, in flloat (`X` strong, `WX` weak) or Spot (`X[!]` strong, `X` weak). */
export function printTree(t: Tree, syntax: "flloat" | "spot" = "flloat"): string {
  switch (t.op) {
    case "atom":
      return t.name;
    case "true":
    case "false":
    case "last":
    case "end":
      return t.op;
    case "not":
      return `!(${printTree(t.args[0], syntax)})`;
    case "X":
      return `${syntax === "spot" ? "X[!]" : "X"}(${printTree(t.args[0], syntax)})`;
    case "WX":
      return `${syntax === "spot" ? "X" : "WX"}(${printTree(t.args[0], syntax)})`;
    case "F":
    case "G":
      return `${t.op}(${printTree(t.args[0], syntax)})`;
    default:
      return `(${printTree(t.args[0], syntax)} ${SYM[t.op] ?? t.op} ${printTree(t.args[1], syntax)})`;
  }
}

/** A random non-empty trace of length 1..maxLen over PROPS. */
export function randomTrace(rand: () => number, maxLen: number): string[][] {
  const n = 1 + Math.floor(rand() * maxLen);
  return Array.from({ length: n }, () => PROPS.filter(() => rand() < 0.5));
}

/** The corpus the recorded MONA fixture labels: `formulas` formulas × `tracesEach` traces, from `seed`. */
export function corpus(
  seed = 13,
  formulas = 300,
  tracesEach = 4,
): { formula: string; trace: string[][]; tree: Tree }[] {
  const rand = seededRandom(seed);
  const out: { formula: string; trace: string[][]; tree: Tree }[] = [];
  for (let i = 0; i < formulas; i++) {
    const tree = randomTree(rand, 2 + (i % 3));
    const formula = printTree(tree);
    for (let j = 0; j < tracesEach; j++) out.push({ formula, trace: randomTrace(rand, 7), tree });
  }
  return out;
}
