import { useState } from "react";
import { fmt } from "../api.ts";
import { Stat, Status } from "../Bits.tsx";
import { useApi } from "../hooks.ts";

// View 8: spec diff — the same rollouts re-scored with a second spec: deltas, rank correlation, flips.
export function SpecDiff({ run, onOpen }: { run: string; onOpen: (rid: number) => void }) {
  const [name, setName] = useState<string | undefined>();
  const [flips, setFlips] = useState("all");
  const { data, error, loading } = useApi(`runs/${run}/spec-diff`, { name, flips, limit: 200 });
  const s = data?.summary;
  return (
    <div data-testid="view-spec-diff" data-ready={s ? "1" : "0"}>
      <Status error={error} loading={loading} />
      {data && !s && (
        <div className="muted">
          no re-score yet: <code>rewardkit runs rescore DIR --spec other.yaml</code>
        </div>
      )}
      {data && s && (
        <>
          <div className="filters">
            <select value={s.name} onChange={(e) => setName(e.target.value)}>
              {data.rescores.map((r: any) => (
                <option key={r.name}>{r.name}</option>
              ))}
            </select>
            <select value={flips} onChange={(e) => setFlips(e.target.value)} data-testid="diff-flips">
              <option value="all">all flips</option>
              <option value="up">fail → pass</option>
              <option value="down">pass → fail</option>
              <option value="none">largest moves</option>
            </select>
          </div>
          <div className="stats">
            <Stat label="re-scored with" value={s.name} />
            <Stat label="paired rollouts" value={s.paired} />
            <Stat label="mean A → B" value={`${fmt(s.mean_a)} → ${fmt(s.mean_b)}`} />
            <Stat label="Spearman ρ" value={fmt(s.spearman, 4)} testid="diff-spearman" />
            <Stat label={`flips up (< ${s.threshold} → ≥)`} value={s.flips_up} testid="diff-flips-up" />
            <Stat label="flips down" value={s.flips_down} testid="diff-flips-down" />
            <Stat label="null changed" value={s.null_changed} />
          </div>
          <table className="grid" data-testid="diff-rows">
            <thead>
              <tr>
                <th>id</th>
                <th>step</th>
                <th>score A</th>
                <th>score B</th>
                <th>Δ</th>
                <th>flip</th>
                <th>completion</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r: any) => (
                <tr key={r.rid} className="clickable" onClick={() => onOpen(r.rid)} data-flip={r.flip}>
                  <td>{r.id}</td>
                  <td>{r.step}</td>
                  <td>{fmt(r.a)}</td>
                  <td>{fmt(r.b)}</td>
                  <td className={r.delta > 0 ? "pos" : r.delta < 0 ? "neg" : ""}>{fmt(r.delta)}</td>
                  <td>{r.flip === 1 ? "↑ pass" : r.flip === -1 ? "↓ fail" : ""}</td>
                  <td className="text">{r.completion}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
