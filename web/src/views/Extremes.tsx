import { useState } from "react";
import { fmt } from "../api.ts";
import { Status } from "../Bits.tsx";
import { useApi } from "../hooks.ts";

function Rows({ rows, onOpen, testid, extra }: { rows: any[]; onOpen: (rid: number) => void; testid: string; extra?: string }) {
  return (
    <table className="grid" data-testid={testid}>
      <thead>
        <tr>
          <th>id</th>
          <th>value</th>
          <th>score</th>
          <th>adv.</th>
          <th>length</th>
          {extra && <th>{extra}</th>}
          <th>completion</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.rid}-${r.failed ?? ""}`} onClick={() => onOpen(r.rid)} className="clickable">
            <td>{r.id}</td>
            <td>{fmt(r.value)}</td>
            <td>{fmt(r.score)}</td>
            <td>{fmt(r.advantage)}</td>
            <td>
              {r.length}
              {r.truncated ? " ✂" : ""}
            </td>
            {extra && <td>{r.failed}</td>}
            <td className="text">{r.completion}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// View 4: top and bottom k per step and component, and "reward up but verifier failed".
export function Extremes({ run, components, onOpen }: { run: string; components: string[]; onOpen: (rid: number) => void }) {
  const [step, setStep] = useState("");
  const [by, setBy] = useState("score");
  const { data, error, loading } = useApi(`runs/${run}/extremes`, { step, by, k: 10 });
  return (
    <div data-testid="view-extremes" data-ready={data?.top?.length ? "1" : "0"}>
      <div className="filters">
        <input size={5} placeholder={`step ${data?.step ?? ""}`} value={step} onChange={(e) => setStep(e.target.value)} />
        <select value={by} onChange={(e) => setBy(e.target.value)}>
          {["score", "advantage", ...components.map((c) => `c:${c}`)].map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </div>
      <Status error={error} loading={loading} />
      {data && (
        <>
          <h3>top {data.top.length} by {data.by} at step {data.step}</h3>
          <Rows rows={data.top} onOpen={onOpen} testid="extremes-top" />
          <h3>bottom {data.bottom.length}</h3>
          <Rows rows={data.bottom} onOpen={onOpen} testid="extremes-bottom" />
          <h3>reward in the top quarter, but a verifier failed ({data.verifierFailed.length})</h3>
          <Rows rows={data.verifierFailed} onOpen={onOpen} testid="extremes-verifier-failed" extra="failed" />
        </>
      )}
    </div>
  );
}
