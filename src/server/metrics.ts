/** Label values of one series, in a fixed key order. */
type Labels = Record<string, string>;

const esc = (v: string) => v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
const fmtLabels = (l: Labels, extra?: [string, string]) => {
  const parts = Object.entries(l).map(([k, v]) => `${k}="${esc(v)}"`);
  if (extra) parts.push(`${extra[0]}="${esc(extra[1])}"`);
  return parts.length ? `{${parts.join(",")}}` : "";
};
const key = (l: Labels) => JSON.stringify(l);
const num = (v: number) => (Number.isFinite(v) ? String(v) : v > 0 ? "+Inf" : v < 0 ? "-Inf" : "NaN");

/** A monotonically increasing count per label set. */
class Counter {
  private readonly series = new Map<string, { labels: Labels; v: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  inc(labels: Labels = {}, by = 1): void {
    const k = key(labels);
    const s = this.series.get(k);
    if (s) s.v += by;
    else this.series.set(k, { labels, v: by });
  }
  get(labels: Labels = {}): number {
    return this.series.get(key(labels))?.v ?? 0;
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const s of this.series.values()) lines.push(`${this.name}${fmtLabels(s.labels)} ${num(s.v)}`);
    return lines.join("\n");
  }
}

/**
 * Cumulative buckets, sum and count per label set (Prometheus histogram). An observation increments only the
 * first bucket that holds it (one comparison for the common small value); `render` accumulates.
 */
class Histogram {
  private readonly series = new Map<
    string,
    { labels: Labels; counts: Float64Array; sum: number; n: number }
  >();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: readonly number[],
  ) {}
  observe(labels: Labels, v: number, times = 1): void {
    this.handle(labels)(v, times);
  }
  /** An observer bound to one label set (no per-call key building in hot loops). */
  handle(labels: Labels): (v: number, times?: number) => void {
    const k = key(labels);
    let s = this.series.get(k);
    if (!s) this.series.set(k, (s = { labels, counts: new Float64Array(this.buckets.length), sum: 0, n: 0 }));
    const series = s;
    const bounds = Float64Array.from(this.buckets);
    const last = bounds.length;
    return (v, times = 1) => {
      let i = 0;
      while (i < last && !(v <= bounds[i]!)) i++;
      if (i < last) series.counts[i]! += times;
      series.sum += v * times;
      series.n += times;
    };
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const s of this.series.values()) {
      let cum = 0;
      for (let i = 0; i < this.buckets.length; i++) {
        cum += s.counts[i]!;
        lines.push(`${this.name}_bucket${fmtLabels(s.labels, ["le", String(this.buckets[i])])} ${num(cum)}`);
      }
      lines.push(`${this.name}_bucket${fmtLabels(s.labels, ["le", "+Inf"])} ${num(s.n)}`);
      lines.push(`${this.name}_sum${fmtLabels(s.labels)} ${num(s.sum)}`);
      lines.push(`${this.name}_count${fmtLabels(s.labels)} ${num(s.n)}`);
    }
    return lines.join("\n");
  }
}

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 180];
const ITEM_BUCKETS = [1e-6, 1e-5, 1e-4, 0.001, 0.01, 0.1, 1, 10, 60];

/** A gauge read at scrape time. */
export interface GaugeSource {
  name: string;
  help: string;
  read(): number | Record<string, number>;
  /** Label name when `read` returns a map. */
  label?: string;
}

/**
 * The server's metrics in Prometheus text format: requests by route and status, request latency, time per
 * reward kind, result errors by kind, and gauges (pool size, queue depth) read at scrape time.
 * @example const m = new ServerMetrics(); m.requests.inc({ route: "/v1/score", status: "200" }); m.render();
 */
export class ServerMetrics {
  readonly requests = new Counter("rewardkit_http_requests_total", "HTTP requests by route and status.");
  readonly latency = new Histogram(
    "rewardkit_http_request_duration_seconds",
    "HTTP request latency by route.",
    LATENCY_BUCKETS,
  );
  readonly rewardDuration = new Histogram(
    "rewardkit_reward_duration_seconds",
    "Time of one leaf reward on one rollout, by reward kind (isolated kinds include queueing in the pool).",
    ITEM_BUCKETS,
  );
  readonly rollouts = new Counter("rewardkit_rollouts_scored_total", "Rollouts scored, by spec.");
  readonly errors = new Counter(
    "rewardkit_reward_errors_total",
    "Results that carry a typed error, by spec and error kind.",
  );
  readonly rejected = new Counter(
    "rewardkit_http_rejected_total",
    "Requests refused before scoring, by reason (limit name, overload, draining, bad input).",
  );
  readonly cache = new Counter(
    "rewardkit_idempotent_replays_total",
    "Responses replayed or coalesced, by how.",
  );
  private readonly gauges: GaugeSource[] = [];

  gauge(g: GaugeSource): void {
    this.gauges.push(g);
  }

  render(): string {
    const parts = [
      this.requests.render(),
      this.latency.render(),
      this.rewardDuration.render(),
      this.rollouts.render(),
      this.errors.render(),
      this.rejected.render(),
      this.cache.render(),
    ];
    for (const g of this.gauges) {
      const v = g.read();
      const lines = [`# HELP ${g.name} ${g.help}`, `# TYPE ${g.name} gauge`];
      if (typeof v === "number") lines.push(`${g.name} ${num(v)}`);
      else
        for (const [k, x] of Object.entries(v))
          lines.push(`${g.name}{${g.label ?? "key"}="${esc(k)}"} ${num(x)}`);
      parts.push(lines.join("\n"));
    }
    return `${parts.join("\n")}\n`;
  }
}
