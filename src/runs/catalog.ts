import { readdirSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { RunStore } from "./store.ts";
import { ViewRun } from "./views/context.ts";

/**
 * The runs under a directory: the directory itself when it is a run, else each sub-directory that is one
 * (sorted by name), opened once and kept open.
 * @example const cat = new RunCatalog("runs/"); cat.get("baseline")
 */
export class RunCatalog {
  private runs = new Map<string, ViewRun>();
  readonly root: string;
  constructor(root: string) {
    this.root = resolve(root);
    this.refresh();
  }

  /** Picks up runs created since the catalog was opened. */
  refresh(): void {
    const found: [string, string][] = [];
    if (RunStore.isRun(this.root)) found.push([basename(this.root), this.root]);
    else
      for (const name of readdirSync(this.root).sort()) {
        const p = join(this.root, name);
        if (!name.includes(".partial-") && statSync(p).isDirectory() && RunStore.isRun(p))
          found.push([name, p]);
      }
    for (const [key, dir] of found) if (!this.runs.has(key)) this.runs.set(key, ViewRun.open(key, dir));
  }

  keys(): string[] {
    return [...this.runs.keys()];
  }

  get(key: string): ViewRun | undefined {
    return this.runs.get(key);
  }

  close(): void {
    for (const r of this.runs.values()) r.run.close();
    this.runs.clear();
  }
}
