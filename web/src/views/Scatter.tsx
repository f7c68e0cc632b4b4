import { useMemo, useState } from "react";
import uPlot from "uplot";
import { fmt } from "../api.ts";
import { Stat, Status } from "../Bits.tsx";
import { Chart } from "../Chart.tsx";
import { useApi } from "../hooks.ts";

// View 5: reward vs length, coloured by truncation; past 5,000 points the server bins and we draw the grid.
export function Scatter({ run, components }: { run: string; components: string[] }) {
  const [y, setY] = useState("score");
  const [step, setStep] = useState("");
  const { data, error, loading } = useApi(`runs/${run}/scatter`, { y, step, bins: 64 });
  const chart = useMemo(() => {
    if (!data || !data.n) return null;
    const base = { height: 420, title: `${y} vs completion length (${data.mode === "bins" ? `${data.bins}×${data.bins} bins of ${data.n} rollouts` : `${data.n} rollouts`})`, scales: { x: { time: false, range: [data.xmin, data.xmax] as [number, number] }, y: { range: [data.ymin, data.ymax] as [number, number] } }, legend: { show: true } };
    if (data.mode === "points") {
      const order = data.x.map((_: number, i: number) => i).sort((a: number, b: number) => data.x[a] - data.x[b]);
      const xs = order.map((i: number) => data.x[i]);
      const ok = order.map((i: number) => (data.t[i] ? null : data.yv[i]));
      const tr = order.map((i: number) => (data.t[i] ? data.yv[i] : null));
      const pts = (stroke: string) => ({ stroke, paths: (): null => null, points: { show: true, size: 5, stroke, fill: stroke } });
      return {
        opts: { ...base, series: [{ label: "length" }, { label: "not truncated", ...pts("#2563eb") }, { label: "truncated", ...pts("#dc2626") }] },
        data: [xs, ok, tr] as uPlot.AlignedData,
      };
    }
    const B = data.bins as number;
    const max = Math.max(1, ...data.counts);
    const draw = (u: uPlot) => {
      const ctx = u.ctx;
      const dx = (data.xmax - data.xmin) / B || 1;
      const dy = (data.ymax - data.ymin) / B || 1;
      ctx.save();
      for (let by = 0; by < B; by++)
        for (let bx = 0; bx < B; bx++) {
          const n = data.counts[by * B + bx];
          if (!n) continue;
          const t = data.truncatedCounts[by * B + bx] / n;
          const x0 = u.valToPos(data.xmin + bx * dx, "x", true);
          const x1 = u.valToPos(data.xmin + (bx + 1) * dx, "x", true);
          const y0 = u.valToPos(data.ymin + (by + 1) * dy, "y", true);
          const y1 = u.valToPos(data.ymin + by * dy, "y", true);
          const a = 0.15 + 0.85 * Math.sqrt(n / max);
          ctx.fillStyle = `rgba(${Math.round(37 + 183 * t)}, ${Math.round(99 - 61 * t)}, ${Math.round(235 - 197 * t)}, ${a})`;
          ctx.fillRect(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
        }
      ctx.restore();
    };
    return {
      opts: { ...base, series: [{ label: "length" }, { label: "bins (blue: not truncated → red: truncated)", stroke: "#2563eb", paths: (): null => null, points: { show: false } }], hooks: { draw: [draw] } },
      data: [[data.xmin, data.xmax], [null, null]] as unknown as uPlot.AlignedData,
    };
  }, [data, y]);
  return (
    <div data-testid="view-scatter" data-ready={data?.n ? "1" : "0"} data-mode={data?.mode ?? ""}>
      <div className="filters">
        <select value={y} onChange={(e) => setY(e.target.value)}>
          {["score", "advantage", ...components].map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        <input size={5} placeholder="step (all)" value={step} onChange={(e) => setStep(e.target.value)} />
      </div>
      <Status error={error} loading={loading} empty={!!data && !data.n} />
      {data && (
        <div className="stats">
          <Stat label="rollouts" value={data.n} />
          <Stat label="truncated" value={data.truncated} />
          <Stat label="Pearson r (length, reward)" value={fmt(data.pearson)} />
          <Stat label="mode" value={data.mode} />
        </div>
      )}
      {chart && <Chart opts={chart.opts} data={chart.data} testid="scatter-chart" />}
    </div>
  );
}
