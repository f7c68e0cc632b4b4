/**
 * Process sandbox for untrusted code: the local namespace sandbox and the SandboxFusion HTTP backend.
 * @example await runSandboxed({ language: "python", files: { "m.py": "print(1)" }, entry: "m.py" });
 */
export { DEFAULT_LIMITS, MAX_LIMITS, resolveLimits } from "./limits.ts";
export { defaultHiddenPaths, LocalSandbox, type LocalSandboxOptions, runSandboxed } from "./local.ts";
export { type ProbeOptions, probeSandbox, type SandboxSupport, sandboxSupport } from "./probe.ts";
export { SandboxFusionExecutor, type SandboxFusionOptions } from "./sandboxfusion.ts";
export type { CodeExecutor, Language, RunOutcome, RunRequest, RunStatus, SandboxLimits } from "./types.ts";
export { failedOutcome } from "./types.ts";
