import { useEffect, useState } from "react";
import { Status } from "./Bits.tsx";
import { useApi } from "./hooks.ts";
import { Alarms } from "./views/Alarms.tsx";
import { Compare } from "./views/Compare.tsx";
import { Credit } from "./views/Credit.tsx";
import { Curves } from "./views/Curves.tsx";
import { Extremes } from "./views/Extremes.tsx";
import { Groups } from "./views/Groups.tsx";
import { Health } from "./views/Health.tsx";
import { SampleDetail, Samples } from "./views/Samples.tsx";
import { Scatter } from "./views/Scatter.tsx";
import { SpecDiff } from "./views/SpecDiff.tsx";

export const VIEWS = [
  ["curves", "Reward curves"],
  ["samples", "Samples"],
  ["groups", "GRPO groups"],
  ["extremes", "Extremes"],
  ["scatter", "Reward vs length"],
  ["alarms", "Hacking alarms"],
  ["health", "Judge health"],
  ["spec-diff", "Spec diff"],
  ["credit", "Step credit"],
  ["compare", "Run compare"],
] as const;

// The location is the state: ?run=…&view=… (plus view parameters), so every view has a shareable URL.
function readLocation() {
  return Object.fromEntries(new URLSearchParams(window.location.search));
}

export function App() {
  const runs = useApi<{ runs: any[] }>("runs");
  const [loc, setLoc] = useState<Record<string, string>>(readLocation);
  const [detail, setDetail] = useState<number | null>(null);
  useEffect(() => {
    const on = () => setLoc(readLocation());
    window.addEventListener("popstate", on);
    return () => window.removeEventListener("popstate", on);
  }, []);
  const go = (next: Record<string, string>) => {
    const q = new URLSearchParams(next);
    window.history.pushState(null, "", `?${q}`);
    setLoc(next);
    setDetail(null);
  };
  if (!runs.data) return <Status error={runs.error} loading />;
  const keys = runs.data.runs.map((r) => r.key);
  if (!keys.length) return <div className="muted">no runs in this directory</div>;
  const run = keys.includes(loc.run) ? loc.run : keys[0];
  const view = VIEWS.some(([v]) => v === loc.view) ? loc.view : "curves";
  const meta = runs.data.runs.find((r) => r.key === run);
  const components: string[] = meta.components.map((c: any) => c.name);
  const open = (rid: number) => setDetail(rid);
  return (
    <div className="app">
      <header>
        <b>rewardkit</b>
        <select value={run} onChange={(e) => go({ run: e.target.value, view })} data-testid="run-select">
          {keys.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
        <span className="muted">
          {meta.rollouts} rollouts · steps {meta.steps.lo}–{meta.steps.hi} · spec {meta.specHash ? meta.specHash.slice(0, 10) : "—"} · {meta.source}
        </span>
      </header>
      <nav>
        {VIEWS.map(([v, label]) => (
          <button type="button" key={v} className={v === view ? "on" : ""} onClick={() => go({ run, view: v })} data-testid={`nav-${v}`}>
            {label}
          </button>
        ))}
      </nav>
      <main key={`${run}/${view}`}>
        {view === "curves" && <Curves run={run} />}
        {view === "samples" && <Samples run={run} components={components} onOpen={open} />}
        {view === "groups" && <Groups run={run} onOpen={open} initial={{ group: loc.group, step: loc.step }} />}
        {view === "extremes" && <Extremes run={run} components={components} onOpen={open} />}
        {view === "scatter" && <Scatter run={run} components={components} />}
        {view === "alarms" && <Alarms run={run} components={components} onOpen={open} />}
        {view === "health" && <Health run={run} />}
        {view === "spec-diff" && <SpecDiff run={run} onOpen={open} />}
        {view === "credit" && <Credit run={run} />}
        {view === "compare" && <Compare run={run} runs={keys} />}
      </main>
      {detail !== null && <SampleDetail run={run} rid={detail} onClose={() => setDetail(null)} />}
    </div>
  );
}
