import { useState } from "react";
import { fmt } from "../api.ts";
import { Flag, Status, Stat } from "../Bits.tsx";
import { useApi } from "../hooks.ts";

// View 3: the GRPO group view — all completions of one prompt side by side, with rewards, group mean/std, advantages.
export function Groups({ run, onOpen, initial }: { run: string; onOpen: (rid: number) => void; initial?: { group?: string; step?: string } }) {
  const [step, setStep] = useState<string>(initial?.step ?? "");
  const [group, setGroup] = useState<string | undefined>(initial?.group);
  const list = useApi(`runs/${run}/groups`, { step, limit: 200 });
  const current = group ?? list.data?.groups?.[0]?.group;
  const detail = useApi(current ? `runs/${run}/groups/${encodeURIComponent(current)}` : null, { step: step || list.data?.step });
  return (
    <div data-testid="view-groups" className="split" data-ready={detail.data?.rows?.length ? "1" : "0"}>
      <div className="side">
        <label>
          step{" "}
          <input size={5} value={step} placeholder={String(list.data?.step ?? "")} onChange={(e) => setStep(e.target.value)} data-testid="groups-step" />
        </label>
        <Status error={list.error} loading={list.loading} />
        {list.data && (
          <div className="muted">
            {list.data.total} groups · {list.data.zeroVarianceGroups} with zero variance
          </div>
        )}
        <ul className="list">
          {list.data?.groups.map((g: any) => (
            <li key={g.group} className={g.group === current ? "on" : ""} onClick={() => setGroup(g.group)} data-group={g.group}>
              <b>{g.group}</b> n={g.size} μ={fmt(g.mean, 2)} σ={fmt(g.std, 2)} <Flag on={g.zeroVariance} label="zero var" />
              <Flag on={g.truncated > 0} label={`${g.truncated} ✂`} />
            </li>
          ))}
        </ul>
      </div>
      <div className="main">
        <Status error={detail.error} loading={detail.loading && !!current} />
        {detail.data && (
          <>
            <div className="stats">
              <Stat label="group" value={detail.data.group} testid="group-name" />
              <Stat label="step" value={detail.data.step} />
              <Stat label="completions" value={detail.data.size} />
              <Stat label="mean reward" value={detail.data.mean} testid="group-mean" />
              <Stat label="std (unbiased)" value={detail.data.std} testid="group-std" />
              <Stat label="flags" value={<><Flag on={detail.data.zeroVariance} label="zero variance: no signal" kind="bad" /><Flag on={detail.data.truncated > 0} label={`${detail.data.truncated} truncated`} /></>} />
            </div>
            <div className="cards">
              {detail.data.rows.map((r: any) => (
                <div key={r.rid} className="card group-card" data-testid="group-row" data-id={r.id} onClick={() => onOpen(r.rid)}>
                  <div className="card-head">
                    <span>#{r.id}</span>
                    <span>
                      reward <b data-testid="group-score">{fmt(r.score)}</b>
                    </span>
                    <span className={r.advantage > 0 ? "pos" : r.advantage < 0 ? "neg" : ""}>
                      advantage <b data-testid="group-advantage">{fmt(r.advantage, 4)}</b>
                    </span>
                    <span>
                      {r.length} chars <Flag on={r.truncated} label="truncated" />
                      <Flag on={!!r.error} label={r.error ?? ""} kind="bad" />
                    </span>
                  </div>
                  <div className="comps">
                    {Object.entries(r.components).map(([k, v]) => (
                      <span key={k}>
                        {k}={fmt(v, 2)}
                      </span>
                    ))}
                  </div>
                  <pre className="completion">{r.completion}</pre>
                </div>
              ))}
            </div>
          </>
        )}
      </div>
    </div>
  );
}
