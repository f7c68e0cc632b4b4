import type { SandboxLimits } from "./types.ts";

/**
 * Default limits of one run: short enough for RL reward loops, within the OpenAI Python grader's envelope
 * (2 GB RAM, 1 CPU, 2 min); the numbers are our choice, not a standard.
 * @example runSandboxed({ ...req, limits: { ...DEFAULT_LIMITS, wallMs: 2000 } })
 */
export const DEFAULT_LIMITS: Readonly<SandboxLimits> = Object.freeze({
  wallMs: 10_000,
  cpuMs: 10_000,
  memoryMb: 1024,
  maxProcs: 64,
  outputBytes: 1 << 20,
  diskMb: 64,
});

/** Upper bounds a caller may ask for, so a spec cannot turn a limit off. */
export const MAX_LIMITS: Readonly<SandboxLimits> = Object.freeze({
  wallMs: 600_000,
  cpuMs: 600_000,
  memoryMb: 16_384,
  maxProcs: 1024,
  outputBytes: 64 << 20,
  diskMb: 4096,
});

/**
 * Fills missing limits with the defaults and clamps each into [1, MAX_LIMITS].
 * @example resolveLimits({ wallMs: 500 }).cpuMs // 10000
 */
export function resolveLimits(partial: Partial<SandboxLimits> = {}): SandboxLimits {
  const out = { ...DEFAULT_LIMITS } as SandboxLimits;
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof SandboxLimits)[]) {
    const v = partial[key];
    if (typeof v === "number" && Number.isFinite(v))
      out[key] = Math.min(MAX_LIMITS[key], Math.max(1, Math.floor(v)));
  }
  return out;
}
