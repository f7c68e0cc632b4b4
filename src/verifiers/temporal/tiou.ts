import { hungarian } from "../vision/hungarian.ts";
import type { Span } from "./timestamps.ts";

/**
 * Temporal IoU of two spans with the hull as the union; 0 when the hull is empty or either span is reversed.
 * (TimeLens, arXiv 2512.14698: iou = max(min(A1,B1) − max(A0,B0), 0) / (max(A1,B1) − min(A0,B0)))
 * @example temporalIou([0, 10], [5, 15]) // 5 / 15 = 0.333…
 */
export function temporalIou(a: Span, b: Span): number {
  if (!(a[0] < a[1]) || !(b[0] <= b[1])) return 0;
  const inter = Math.max(Math.min(a[1], b[1]) - Math.max(a[0], b[0]), 0);
  const hull = Math.max(a[1], b[1]) - Math.min(a[0], b[0]);
  return hull > 0 ? inter / hull : 0;
}

/** How several predicted and gold spans combine into one IoU. */
export type SpanAggregate = "first" | "max" | "mean" | "match";

/**
 * Combines predicted and gold spans: `first` (TimeLens: first prediction against first gold), `max` (best pair),
 * `mean` (each gold span's best prediction, averaged), or `match` (one-to-one Hungarian matching maximising the
 * summed IoU, divided by max(#pred, #gold), so extra or missing spans cost).
 * @example aggregateIou([[0, 10]], [[0, 10], [20, 30]], "mean") // (1 + 0) / 2 = 0.5
 */
export function aggregateIou(pred: readonly Span[], gold: readonly Span[], how: SpanAggregate): number {
  if (pred.length === 0 || gold.length === 0) return 0;
  if (how === "first") return temporalIou(pred[0] as Span, gold[0] as Span);
  if (how === "max") {
    let best = 0;
    for (const p of pred) for (const g of gold) best = Math.max(best, temporalIou(p, g));
    return best;
  }
  if (how === "mean") {
    let sum = 0;
    for (const g of gold) {
      let best = 0;
      for (const p of pred) best = Math.max(best, temporalIou(p, g));
      sum += best;
    }
    return sum / gold.length;
  }
  const ious = pred.map((p) => gold.map((g) => temporalIou(p, g)));
  const { pairs } = hungarian(ious.map((row) => row.map((x) => 1 - x)));
  let sum = 0;
  for (const [i, j] of pairs) sum += (ious[i] as number[])[j] as number;
  return sum / Math.max(pred.length, gold.length);
}

/**
 * TempSamp-R1's asymmetric shaping of an IoU x: a near-flat plateau above τ, an exponential penalty below.
 * f(x) = τ + 0.01·ln(x − τ + 1) if x ≥ τ; τ − (e^{α(τ−x)} − 1)/(e^α − 1) otherwise.
 * (TempSamp-R1, arXiv 2509.18056; coefficients from a third-party implementation, UNCONFIRMED against the paper)
 * @example tempsampShape(0, 0.8, 1) // 0.8 − (e^0.8 − 1)/(e − 1) ≈ 0.0868
 */
export function tempsampShape(x: number, tau: number, alpha: number, plateau = 0.01): number {
  if (x >= tau) return tau + plateau * Math.log(x - tau + 1);
  return tau - Math.expm1(alpha * (tau - x)) / Math.expm1(alpha);
}
