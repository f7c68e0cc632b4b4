import { setFlagsFromString } from "node:v8";
import { z } from "zod";
import { RewardkitError } from "../../core/errors.ts";
import { fail, ok } from "../../core/result.ts";
import { completionText } from "../../core/text.ts";
import { leafKind } from "../../spec/define-kind.ts";
import { answerSource, extractAnswer } from "../extract/answer.ts";

// V8's linear-time engine (the `l` flag) runs user regexes without backtracking, so `(a+)+$` cannot hang. The
// V8 flag is process-wide, so it is turned on when the first linear regex is compiled, not when this module loads.
let linearEngineOn = false;
function enableLinearEngine(): void {
  if (linearEngineOn) return;
  setFlagsFromString("--enable-experimental-regexp-engine");
  linearEngineOn = true;
}

const params = z.strictObject({
  pattern: z.string().min(1).max(10_000),
  flags: z
    .string()
    .regex(/^[imsu]*$/, "expected flags among i, m, s, u")
    .default(""),
  /** search: the pattern occurs somewhere; full: the whole text matches. */
  mode: z.enum(["search", "full"]).default("search"),
  from: answerSource.default("whole"),
  tag: z.string().default("answer"),
  /** linear (default): V8's non-backtracking engine. backtracking: full JS regex, run in a killable worker. */
  engine: z.enum(["linear", "backtracking"]).default("linear"),
  /** Longer inputs are refused with a `resource` error: the linear engine is linear but not cheap per char. */
  max_chars: z.number().int().positive().default(200_000),
});

/**
 * Compiles a spec regex; with the linear engine a pattern that needs backtracking (backreferences, lookaround)
 * is a spec error that says how to opt in to the isolated backtracking engine.
 * @example compileUserRegex("^\\d+$", "", "linear")
 */
export function compileUserRegex(
  pattern: string,
  flags: string,
  engine: "linear" | "backtracking",
  mode: "search" | "full" = "search",
): RegExp {
  const src = mode === "full" ? `^(?:${pattern})$` : pattern;
  if (engine === "linear") enableLinearEngine();
  try {
    return new RegExp(src, engine === "linear" ? `${flags}l` : flags);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    const hint = /linear/i.test(why)
      ? " (it needs backtracking; set engine: backtracking to run it in an isolated worker)"
      : "";
    throw new RewardkitError("E_SPEC_INVALID", [{ path: "pattern", message: `${why}${hint}` }]);
  }
}

/**
 * 1 when a user regex matches the completion (or the extracted answer), else 0; cannot hang the process.
 * @example { kind: format.regex, pattern: "^\\d+$", from: answer_tag, mode: full }
 */
export const formatRegex = leafKind({
  kind: "format.regex",
  summary: "A user regex over the completion or extracted answer, run by a linear-time engine (or isolated).",
  params,
  needs: (p) => ({ isolation: p.engine === "backtracking" }),
  prepare: (p) => compileUserRegex(p.pattern, p.flags, p.engine, p.mode),
  score(r, p, _ctx, re: RegExp) {
    const text = extractAnswer(completionText(r), p.from, p.tag);
    if (text === null) return ok(0, { info: { reason: `nothing to match (from: ${p.from})` } });
    if (text.length > p.max_chars)
      return fail("resource", `input of ${text.length} characters exceeds max_chars ${p.max_chars}`);
    re.lastIndex = 0;
    return ok(re.test(text) ? 1 : 0);
  },
});
