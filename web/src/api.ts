// Fetches JSON from the dashboard's API; errors carry the server's message.
export async function get<T = any>(path: string, params: Record<string, unknown> = {}): Promise<T> {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const url = `api/${path}${q.size ? `?${q}` : ""}`;
  const r = await fetch(url);
  const body = await r.json();
  if (!r.ok) throw new Error(body?.error ?? `HTTP ${r.status}`);
  return body as T;
}

export const fmt = (x: unknown, d = 3): string =>
  typeof x === "number" && Number.isFinite(x) ? (Number.isInteger(x) ? String(x) : x.toFixed(d)) : x === null || x === undefined ? "—" : String(x);

export const PALETTE = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#be185d", "#4d7c0f", "#64748b"];
