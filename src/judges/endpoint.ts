import { z } from "zod";
import { type BackendConfig, Backend } from "./backend.ts";
import { defaultCachePath } from "./cache.ts";

const positiveInt = z.number().int().min(0);

/**
 * Parameters every judge and remote reward-model kind accepts for reaching its server. The API key is never a
 * parameter (specs are logged and hashed): it comes from the environment variable named by `api_key_env`.
 */
export const endpointParams = {
  /** A named backend: `REWARDKIT_BACKEND_<NAME>_URL` / `_KEY` / `_CONCURRENCY` / `_RPM` / `_TPM`, or `registerBackend`. */
  backend: z
    .string()
    .regex(/^[A-Za-z0-9_]+$/)
    .optional(),
  /** Base URL (OpenAI style, e.g. `http://127.0.0.1:8000/v1`); default `OPENAI_BASE_URL`, then api.openai.com. */
  base_url: z.url().optional(),
  /** Environment variable holding the API key (default `OPENAI_API_KEY`). */
  api_key_env: z.string().min(1).optional(),
  /** Requests in flight at once to this backend (default 16; an unconfirmed practical default). */
  concurrency: positiveInt.optional(),
  /** Requests per minute (0 = unlimited). */
  rpm: positiveInt.optional(),
  /** Tokens per minute (0 = unlimited), charged from an estimate and settled with the reported usage. */
  tpm: positiveInt.optional(),
  /** Total time per call including retries (ms). */
  timeout_ms: z.number().int().min(1).default(60_000),
  /** Retries after the first attempt, on 429, 5xx and network errors only. */
  max_retries: z.number().int().min(0).max(20).default(4),
  /** First backoff ceiling (ms), doubled each retry up to 30 s; full jitter. */
  backoff_ms: z.number().int().min(0).default(500),
  /** Response cache: true = the default file, false = none, or a file path (`:memory:` for in-process). */
  cache: z.union([z.boolean(), z.string().min(1)]).default(true),
  /** Prices for cost accounting in `info.usage.cost_usd`. */
  price: z.strictObject({ input_per_mtok: z.number().min(0), output_per_mtok: z.number().min(0) }).optional(),
};

const endpointObject = z.object(endpointParams);
/** The parsed endpoint parameters of a node. */
export type EndpointParams = z.output<typeof endpointObject>;

/** A backend registered in code (takes precedence over environment variables of the same name). */
export interface NamedBackend {
  baseUrl: string;
  apiKey?: string;
  concurrency?: number;
  rpm?: number;
  tpm?: number;
}

const named = new Map<string, NamedBackend>();

/**
 * Registers a named backend that spec nodes reach with `backend: <name>`.
 * @example registerBackend("grader", { baseUrl: "http://127.0.0.1:8000/v1", concurrency: 32 });
 */
export function registerBackend(name: string, cfg: NamedBackend): void {
  named.set(name.toLowerCase(), cfg);
}

const backends = new Map<string, Backend>();

/**
 * Resolves a node's endpoint parameters (then named backends, then the environment) into a shared `Backend`:
 * nodes that reach the same URL with the same key, limits and cache share one limiter, cache and in-flight map.
 * @example const b = getBackend({ base_url: "http://127.0.0.1:8000/v1", cache: ":memory:" });
 */
export function getBackend(p: Partial<EndpointParams>, env: NodeJS.ProcessEnv = process.env): Backend {
  // A compiled node keeps one params object: resolve it once, not on every call.
  const known = env === process.env ? byParams.get(p) : undefined;
  if (known) return known;
  const cfg = resolveConfig(p, env);
  const id = JSON.stringify([
    cfg.baseUrl,
    cfg.apiKey ?? "",
    cfg.limits,
    cfg.retry.maxRetries,
    cfg.retry.baseMs,
    cfg.timeoutMs,
    cfg.cachePath,
    cfg.price ?? null,
  ]);
  let b = backends.get(id);
  if (!b) {
    b = new Backend(cfg);
    backends.set(id, b);
  }
  if (env === process.env) byParams.set(p, b);
  return b;
}

let byParams = new WeakMap<object, Backend>();

/** Every backend created so far (for metrics and benchmarks). */
export function allBackends(): Backend[] {
  return [...backends.values()];
}

/** Forgets every backend (tests). */
export function resetBackends(): void {
  backends.clear();
  byParams = new WeakMap();
}

function envInt(env: NodeJS.ProcessEnv, key: string): number | undefined {
  const v = env[key];
  if (v === undefined || v === "") return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** Turns endpoint parameters into a full backend configuration. */
export function resolveConfig(
  p: Partial<EndpointParams>,
  env: NodeJS.ProcessEnv = process.env,
): BackendConfig {
  let baseUrl = p.base_url;
  let apiKey: string | undefined;
  let fromName: Partial<NamedBackend> = {};
  if (p.backend) {
    const reg = named.get(p.backend.toLowerCase());
    const up = `REWARDKIT_BACKEND_${p.backend.toUpperCase()}`;
    fromName = reg ?? {
      ...(env[`${up}_URL`] ? { baseUrl: env[`${up}_URL`] } : {}),
      ...(env[`${up}_KEY`] ? { apiKey: env[`${up}_KEY`] } : {}),
      ...(envInt(env, `${up}_CONCURRENCY`) !== undefined
        ? { concurrency: envInt(env, `${up}_CONCURRENCY`) }
        : {}),
      ...(envInt(env, `${up}_RPM`) !== undefined ? { rpm: envInt(env, `${up}_RPM`) } : {}),
      ...(envInt(env, `${up}_TPM`) !== undefined ? { tpm: envInt(env, `${up}_TPM`) } : {}),
    };
    if (!reg && !fromName.baseUrl && !baseUrl) {
      throw new Error(`backend "${p.backend}" is not registered and ${up}_URL is not set`);
    }
    baseUrl ??= fromName.baseUrl;
    apiKey = fromName.apiKey;
  }
  baseUrl ??= env.OPENAI_BASE_URL || "https://api.openai.com/v1";
  if (p.api_key_env) apiKey = env[p.api_key_env];
  else apiKey ??= env.OPENAI_API_KEY;
  const cache = p.cache ?? true;
  const cfg: BackendConfig = {
    baseUrl,
    limits: {
      concurrency: p.concurrency ?? fromName.concurrency ?? 16,
      rpm: p.rpm ?? fromName.rpm ?? 0,
      tpm: p.tpm ?? fromName.tpm ?? 0,
    },
    retry: { maxRetries: p.max_retries ?? 4, baseMs: p.backoff_ms ?? 500, capMs: 30_000 },
    timeoutMs: p.timeout_ms ?? 60_000,
    cachePath: cache === false ? null : cache === true ? defaultCachePath(env) : cache,
  };
  if (apiKey) cfg.apiKey = apiKey;
  if (p.price) cfg.price = p.price;
  return cfg;
}
