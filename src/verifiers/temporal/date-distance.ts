/**
 * Weber–Fechner position of a time t seen from a reference point r: ψ(t) = sign(t − r)·ln(1 + |t − r|/s).
 * Distances between ψ values shrink logarithmically as both times recede from r.
 * ("The Other Mind", theothermind.github.io, 2025: perceived distance between years compresses logarithmically away from a
 * subjective reference point; the functional form here is ours, its constants are parameters)
 * @example weberPosition(2015, 2025, 1) // −ln(11) ≈ −2.398
 */
export function weberPosition(t: number, r: number, s: number): number {
  const d = t - r;
  return Math.sign(d) * Math.log1p(Math.abs(d) / s);
}

/**
 * The log-compressed distance |ψ(p) − ψ(g)| between a predicted and a gold time on a year axis.
 * @example logDistance(2021, 2020, 2020, 1) // ln 2 ≈ 0.693
 */
export function logDistance(p: number, g: number, r: number, s: number): number {
  return Math.abs(weberPosition(p, r, s) - weberPosition(g, r, s));
}
