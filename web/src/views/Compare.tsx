import { useMemo, useState } from "react";
import type uPlot from "uplot";
import { fmt } from "../api.ts";
import { Status } from "../Bits.tsx";
import { Chart } from "../Chart.tsx";
import { useApi } from "../hooks.ts";

// View 10: run compare — curves of two runs, which components moved, and the rollouts whose scores moved most.
export function Compare({ run, runs }: { run: string; runs: string[] }) {
  const others = runs.filter((r) => r !== run);
  const [b, setB] = useState<string>(others[0] ?? run);
  const { data, error, loading } = useApi(`compare`, { a: run, b, k: 20 });
  const chart = useMemo(() => {
    if (!data) return null;
    const steps = [...new Set([...data.a.steps, ...data.b.steps])].sort((x, y) => x - y);
    const on = (s: { steps: number[]; score: (number | null)[] }) => steps.map((x) => s.score[s.steps.indexOf(x)] ?? null);
    return {
      opts: { height: 260, title: "mean reward per step", scales: { x: { time: false } }, series: [{ label: "step" }, { label: data.a.key, stroke: "#2563eb", width: 2 }, { label: data.b.key, stroke: "#dc2626", width: 2 }] },
      data: [steps, on(data.a), on(data.b)] as uPlot.AlignedData,
    };
  }, [data]);
  return (
    <div data-testid="view-compare" data-ready={data ? "1" : "0"}>
      <div className="filters">
        compare <b>{run}</b> with{" "}
        <select value={b} onChange={(e) => setB(e.target.value)} data-testid="compare-b">
          {runs.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </div>
      <Status error={error} loading={loading} />
      {chart && <Chart opts={chart.opts} data={chart.data} testid="compare-chart" />}
      {data && (
        <>
          <h3>components: mean over the run</h3>
          <table className="grid" data-testid="compare-components">
            <thead>
              <tr>
                <th>component</th>
                <th>{data.a.key}</th>
                <th>{data.b.key}</th>
                <th>Δ</th>
              </tr>
            </thead>
            <tbody>
              {data.components.map((c: any) => (
                <tr key={c.name}>
                  <td>{c.name}</td>
                  <td>{fmt(c.a)}</td>
                  <td>{fmt(c.b)}</td>
                  <td className={c.delta > 0 ? "pos" : c.delta < 0 ? "neg" : ""}>{fmt(c.delta)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>same rollout id at step {data.step}: largest score changes</h3>
          <table className="grid" data-testid="compare-moved">
            <thead>
              <tr>
                <th>id</th>
                <th>{data.a.key}</th>
                <th>{data.b.key}</th>
                <th>Δ</th>
                <th>completion in {data.b.key}</th>
              </tr>
            </thead>
            <tbody>
              {data.moved.map((m: any) => (
                <tr key={m.id}>
                  <td>{m.id}</td>
                  <td>{fmt(m.a)}</td>
                  <td>{fmt(m.b)}</td>
                  <td className={m.delta > 0 ? "pos" : "neg"}>{fmt(m.delta)}</td>
                  <td className="text">{m.completionB}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
