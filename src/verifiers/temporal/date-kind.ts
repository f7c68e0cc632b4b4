import { z } from "zod";
import { fail, ok } from "../../core/result.ts";
import { referenceAt } from "../../core/text.ts";
import { leafKind } from "../../spec/define-kind.ts";
import { answerText, temporalSource } from "./answer.ts";
import { logDistance } from "./date-distance.ts";
import { type CalendarDate, coarser, dayNumber, parseDates, yearPoint } from "./dates.ts";

const granularity = z.enum(["auto", "year", "month", "day"]);

const params = z.strictObject({
  from: temporalSource.default("auto"),
  tag: z.string().min(1).default("answer"),
  reference_field: z.string().optional(),
  /** `log`: exp(−D/decay) on the Weber–Fechner distance; `exact`: same date at `granularity`; `tolerance`: |Δ| ≤ tolerance. */
  mode: z.enum(["log", "exact", "tolerance"]).default("log"),
  /** Precision compared; `auto` = the coarser of prediction and gold (a year answer to a day gold compares years). */
  granularity: granularity.default("auto"),
  tolerance: z.number().min(0).default(0),
  tolerance_unit: z.enum(["years", "days"]).default("years"),
  /** Reference point r (a year) of the log compression; `gold` puts it at the gold date. UNCONFIRMED: the paper
   * reports a model-specific subjective reference point, so there is no universal default. */
  reference_point: z.union([z.number(), z.literal("gold")]).default("gold"),
  /** Scale s (years) inside ln(1 + |t − r|/s). UNCONFIRMED constant; 1 year by default. */
  scale: z.number().positive().default(1),
  /** Decay τ of exp(−D/τ). UNCONFIRMED constant; 1 by default. */
  decay: z.number().positive().default(1),
  /** Read `03/04/2020` as 3 April instead of March 4. */
  day_first: z.boolean().default(false),
  /** Which date in the answer counts: the most precise one (first among equals), the first, or the last. */
  pick: z.enum(["most_specific", "first", "last"]).default("most_specific"),
});

function pickDate(ds: CalendarDate[], how: "most_specific" | "first" | "last"): CalendarDate | undefined {
  if (how === "first") return ds[0];
  if (how === "last") return ds.at(-1);
  const rank = { year: 0, month: 1, day: 2 } as const;
  let best: CalendarDate | undefined;
  for (const d of ds) if (!best || rank[d.granularity] > rank[best.granularity]) best = d;
  return best;
}

/** A gold date from a string or a year number; null when unusable. */
function goldDate(v: unknown, dayFirst: boolean): CalendarDate | null {
  if (typeof v === "number") return Number.isInteger(v) ? { year: v, granularity: "year" } : null;
  if (typeof v !== "string" || v.length > 200) return null;
  return pickDate(parseDates(v, { dayFirst, maxTokens: 64 }), "most_specific") ?? null;
}

/**
 * Scores a date or year answer on a distance that compresses logarithmically away from a reference point
 * (or by exact match / tolerance). D = |ψ(p) − ψ(g)|, ψ(t) = sign(t − r)·ln(1 + |t − r|/s), score = e^{−D/τ}.
 * ("The Other Mind", theothermind.github.io, 2025, Weber–Fechner pattern)
 * @example { kind: temporal.date, mode: log, reference_point: 2025 }
 */
export const temporalDate = leafKind({
  kind: "temporal.date",
  summary:
    "Date/year answers scored by a log-compressed (Weber–Fechner) distance from a reference point, or exact/tolerance match.",
  params,
  score(r, p) {
    const ref = referenceAt(r, p.reference_field);
    const refs = Array.isArray(ref) ? ref : [ref];
    if (refs.length === 0 || refs.length > 100)
      return fail("invalid_input", "reference must be a date, a year, or a list of them");
    const golds: CalendarDate[] = [];
    for (const x of refs) {
      const g = goldDate(x, p.day_first);
      if (!g) return fail("invalid_input", `unusable gold date ${JSON.stringify(x)?.slice(0, 80)}`);
      golds.push(g);
    }
    const answer = answerText(r, p.from, p.tag);
    const pred =
      answer === null ? undefined : pickDate(parseDates(answer, { dayFirst: p.day_first }), p.pick);
    if (!pred) return ok(0, { components: { exact: 0 }, info: { reason: "no date in the answer" } });
    let best: { score: number; components: Record<string, number>; gold: CalendarDate } | null = null;
    for (const g of golds) {
      const gran = p.granularity === "auto" ? coarser(pred.granularity, g.granularity) : p.granularity;
      const pt = yearPoint(pred, gran);
      const gt = yearPoint(g, gran);
      const years = Math.abs(pt - gt);
      const exact = years < 1e-9 ? 1 : 0;
      // whole days are exact at day precision; coarser answers convert with the mean Gregorian year
      const days =
        gran === "day" && pred.day !== undefined && g.day !== undefined
          ? Math.abs(
              dayNumber(pred.year, pred.month as number, pred.day) -
                dayNumber(g.year, g.month as number, g.day),
            )
          : years * 365.2425;
      const within = (p.tolerance_unit === "years" ? years : days) <= p.tolerance + 1e-9 ? 1 : 0;
      const rp = p.reference_point === "gold" ? gt : p.reference_point;
      const D = logDistance(pt, gt, rp, p.scale);
      const score = p.mode === "exact" ? exact : p.mode === "tolerance" ? within : Math.exp(-D / p.decay);
      if (!best || score > best.score)
        best = {
          score,
          gold: g,
          components: {
            exact,
            within_tolerance: within,
            distance_years: years,
            distance_days: days,
            log_distance: D,
          },
        };
    }
    const b = best as NonNullable<typeof best>;
    return ok(b.score, { components: b.components, info: { pred, gold: b.gold } });
  },
});
