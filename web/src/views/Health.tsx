import { useMemo } from "react";
import type uPlot from "uplot";
import { fmt, PALETTE } from "../api.ts";
import { Stat, Status } from "../Bits.tsx";
import { Chart } from "../Chart.tsx";
import { useApi } from "../hooks.ts";

// View 7: judge and grader health — error kinds, latency, tokens and cache hits per step.
export function Health({ run }: { run: string }) {
  const { data, error, loading } = useApi(`runs/${run}/health`);
  const charts = useMemo(() => {
    if (!data) return null;
    const kinds = Object.keys(data.errors);
    return {
      errors: {
        opts: { height: 220, title: "failed rewards per step, by error kind", scales: { x: { time: false } }, series: [{ label: "step" }, ...kinds.map((k, i) => ({ label: k, stroke: PALETTE[(i + 1) % PALETTE.length], width: 2 }))] },
        data: [data.steps, ...kinds.map((k) => data.errors[k])] as uPlot.AlignedData,
      },
      latency: {
        opts: {
          height: 220,
          title: "latency (ms) and cache-hit rate per step",
          scales: { x: { time: false }, rate: { range: [0, 1] as [number, number] } },
          axes: [{}, {}, { scale: "rate", side: 1 }],
          series: [{ label: "step" }, { label: "mean latency", stroke: "#2563eb" }, { label: "max latency", stroke: "#93c5fd" }, { label: "cache hits", stroke: "#16a34a", scale: "rate" }],
        },
        data: [data.steps, data.latencyMean, data.latencyMax, data.cacheHitRate] as uPlot.AlignedData,
      },
    };
  }, [data]);
  if (!data || !charts) return <Status error={error} loading={loading} />;
  const t = data.totals;
  const errors = Object.values(t.errors as Record<string, number>).reduce((a, b) => a + b, 0);
  return (
    <div data-testid="view-health" data-ready={data.steps.length ? "1" : "0"}>
      <div className="stats">
        <Stat label="rollouts" value={t.rows} />
        <Stat label="failed" value={`${errors} (${fmt((100 * errors) / Math.max(1, t.rows), 2)}%)`} testid="health-failed" />
        {Object.entries(t.errors).map(([k, n]) => (
          <Stat key={k} label={k} value={n} />
        ))}
        <Stat label="mean latency ms" value={t.latencyMean} />
        <Stat label="max latency ms" value={t.latencyMax} />
        <Stat label="judge tokens" value={t.tokens} />
        <Stat label="cache-hit rate" value={t.cacheHitRate} />
      </div>
      <Chart opts={charts.errors.opts} data={charts.errors.data} testid="health-chart" />
      <Chart opts={charts.latency.opts} data={charts.latency.data} />
    </div>
  );
}
