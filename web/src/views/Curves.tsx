import { useMemo } from "react";
import type uPlot from "uplot";
import { fmt, PALETTE } from "../api.ts";
import { Status } from "../Bits.tsx";
import { Chart } from "../Chart.tsx";
import { useApi } from "../hooks.ts";

// View 1: reward curves per component and each weighted component's contribution to the total.
export function Curves({ run }: { run: string }) {
  const { data, error, loading } = useApi(`runs/${run}/curves`);
  const charts = useMemo(() => {
    if (!data) return null;
    const x = data.steps as number[];
    const comps = data.components as any[];
    const means: uPlot.AlignedData = [x, data.score.mean, ...comps.map((c) => c.series.mean)];
    const meanOpts = {
      height: 280,
      title: "mean reward per step (total and components)",
      scales: { x: { time: false } },
      series: [
        { label: "step" },
        { label: "total", stroke: "#111", width: 2 },
        ...comps.map((c, i) => ({ label: c.name, stroke: PALETTE[i % PALETTE.length], width: 1.5 })),
      ],
    };
    const weighted = comps.filter((c) => c.weight !== null);
    const contrib: uPlot.AlignedData = [x, ...weighted.map((c) => c.contribution)];
    const contribOpts = {
      height: 240,
      title: "weighted contribution wᵢ·mean(cᵢ) to the total",
      scales: { x: { time: false } },
      series: [{ label: "step" }, ...weighted.map((c, i) => ({ label: `${c.weight}×${c.name}`, stroke: PALETTE[i % PALETTE.length], fill: `${PALETTE[i % PALETTE.length]}22` }))],
    };
    const lenOpts = {
      height: 200,
      title: "mean completion length and truncation rate",
      scales: { x: { time: false }, rate: { range: [0, 1] as [number, number] } },
      axes: [{}, {}, { scale: "rate", side: 1 }],
      series: [{ label: "step" }, { label: "length", stroke: "#0891b2" }, { label: "truncated", stroke: "#dc2626", scale: "rate" }, { label: "errors", stroke: "#9333ea", scale: "rate" }],
    };
    return {
      means: { opts: meanOpts, data: means },
      contrib: { opts: contribOpts, data: contrib },
      len: { opts: lenOpts, data: [x, data.length.mean, data.truncated, data.errorRate] as uPlot.AlignedData },
    };
  }, [data]);
  if (!data || !charts) return <Status error={error} loading={loading} />;
  const last = data.steps.length - 1;
  return (
    <div data-testid="view-curves" data-ready={data.steps.length > 0 ? "1" : "0"}>
      <Chart opts={charts.means.opts} data={charts.means.data} testid="curves-chart" />
      <Chart opts={charts.contrib.opts} data={charts.contrib.data} />
      <Chart opts={charts.len.opts} data={charts.len.data} />
      <table className="grid">
        <thead>
          <tr>
            <th>component</th>
            <th>role</th>
            <th>weight</th>
            <th>mean (last step)</th>
            <th>std</th>
            <th>contribution</th>
          </tr>
        </thead>
        <tbody>
          {data.components.map((c: any) => (
            <tr key={c.name}>
              <td>{c.name}</td>
              <td>{c.role}</td>
              <td>{fmt(c.weight)}</td>
              <td>{fmt(c.series.mean[last])}</td>
              <td>{fmt(c.series.std[last])}</td>
              <td>{fmt(c.contribution[last])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
