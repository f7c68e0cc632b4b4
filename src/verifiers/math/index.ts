/**
 * Math answer checking: `verifyMath` (Math-Verify's extraction and gold-driven equivalence rules) and the
 * `math.equivalent` reward kind built on it.
 * @example import { verifyMath } from "rewardkit/math"; verifyMath("$\\frac{1}{2}$", "\\boxed{0.5}").correct; // true
 */
export { mathEquivalent } from "./equivalent.ts";
export { mathKinds } from "./kinds.ts";
export {
  DEFAULT_MATH_OPTIONS,
  MAX_PIECE_CHARS,
  type MathOptions,
  type MathVerdict,
  type SideInfo,
  verifyMath,
} from "./verify.ts";
