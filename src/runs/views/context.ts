import { type Alarm, runAlarms } from "../alarms/index.ts";
import { type RunColumns, loadColumns } from "../columns.ts";
import { RunStore } from "../store.ts";

/** One open run as the views see it: the store plus lazily loaded, cached columns and alarms. */
export class ViewRun {
  private cached?: { last: number; cols: RunColumns; alarms?: Alarm[]; memo: Map<string, unknown> };
  constructor(
    readonly key: string,
    readonly run: RunStore,
  ) {}

  static open(key: string, dir: string): ViewRun {
    return new ViewRun(key, RunStore.open(dir));
  }

  /** The numeric columns, reloaded only when the run has grown. */
  cols(): RunColumns {
    const last = this.run.lastRowId();
    if (!this.cached || this.cached.last !== last)
      this.cached = { last, cols: loadColumns(this.run), memo: new Map() };
    return this.cached.cols;
  }

  /** Caches a result computed from the columns until they reload (at most 64 entries). */
  memo<T>(key: string, compute: () => T): T {
    this.cols();
    const m = this.cached!.memo;
    if (m.has(key)) return m.get(key) as T;
    const v = compute();
    if (m.size >= 64) m.delete(m.keys().next().value!);
    m.set(key, v);
    return v;
  }

  alarms(): Alarm[] {
    const cols = this.cols();
    this.cached!.alarms ??= runAlarms(cols);
    return this.cached!.alarms;
  }

  /** Drops the cached columns (after a re-score or new advantages). */
  invalidate(): void {
    this.cached = undefined;
  }
}

/** Upper bound on rows any view returns in one page. */
export const MAX_PAGE = 200;

/** Clamps a page request to [0, MAX_PAGE] rows. */
export function pageOf(offset: unknown, limit: unknown, def = 50): { offset: number; limit: number } {
  const o = Math.max(0, Math.floor(Number(offset) || 0));
  const l = Math.min(MAX_PAGE, Math.max(1, Math.floor(Number(limit) || def)));
  return { offset: o, limit: l };
}

/** Long texts are cut for tables (the sample endpoint returns them whole). */
export const preview = (s: string, n = 600) => (s.length > n ? `${s.slice(0, n)}…` : s);
