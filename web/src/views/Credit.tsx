import { useState } from "react";
import { fmt } from "../api.ts";
import { Status } from "../Bits.tsx";
import { useApi } from "../hooks.ts";

// Diverging colour: blue for negative, red for positive, scaled by the largest magnitude shown.
function colour(v: number | null, max: number): string {
  if (v === null || v === undefined) return "#f1f5f9";
  const t = Math.min(1, Math.abs(v) / (max || 1));
  return v >= 0 ? `rgba(220, 38, 38, ${0.1 + 0.9 * t})` : `rgba(37, 99, 235, ${0.1 + 0.9 * t})`;
}

function Heat({ rows, pick, title, testid }: { rows: any[]; pick: (r: any) => (number | null)[] | null; title: string; testid: string }) {
  const cols = Math.max(0, ...rows.map((r) => pick(r)?.length ?? 0));
  let max = 0;
  for (const r of rows) for (const v of pick(r) ?? []) if (typeof v === "number") max = Math.max(max, Math.abs(v));
  return (
    <div>
      <h3>{title}</h3>
      <table className="heat" data-testid={testid}>
        <thead>
          <tr>
            <th>rollout</th>
            <th>reward</th>
            <th>adv.</th>
            {Array.from({ length: cols }, (_, i) => (
              <th key={i}>{i + 1}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.rid}>
              <td title={r.completion}>{r.id}</td>
              <td>{fmt(r.score, 2)}</td>
              <td>{fmt(r.advantage, 2)}</td>
              {Array.from({ length: cols }, (_, i) => {
                const v = pick(r)?.[i] ?? null;
                return (
                  <td key={i} className="cell" style={{ background: colour(v, max) }} title={fmt(v, 4)}>
                    {fmt(v, 2)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// View 9: per-step credit heatmap — step (turn) rewards and step advantages of one training step's rollouts.
export function Credit({ run }: { run: string }) {
  const [step, setStep] = useState("");
  const { data, error, loading } = useApi(`runs/${run}/credit`, { step, limit: 40 });
  return (
    <div data-testid="view-credit" data-ready={data?.rows?.length ? "1" : "0"}>
      <div className="filters">
        <input size={5} placeholder={`step ${data?.step ?? ""}`} value={step} onChange={(e) => setStep(e.target.value)} />
      </div>
      <Status error={error} loading={loading} empty={!!data && !data.rows.length} />
      {data?.rows?.length > 0 && (
        <div className="split2">
          <Heat rows={data.rows} pick={(r) => r.stepRewards} title="per-step rewards" testid="credit-rewards" />
          <Heat rows={data.rows} pick={(r) => r.stepAdvantages} title="per-step advantages" testid="credit-advantages" />
        </div>
      )}
    </div>
  );
}
