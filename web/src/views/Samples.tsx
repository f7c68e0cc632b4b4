import { useEffect, useMemo, useRef, useState } from "react";
import { fmt, get } from "../api.ts";
import { Flag, Status } from "../Bits.tsx";
import { useApi } from "../hooks.ts";

const ROW = 30;
const PAGE = 200;

// View 2: the sample table — search, filters, sort; a virtualised list that fetches pages as they scroll in.
export function Samples({ run, components, onOpen, fixed }: { run: string; components: string[]; onOpen: (rid: number) => void; fixed?: Record<string, unknown> }) {
  const [f, setF] = useState<Record<string, string>>({ sort: "rid", order: "desc" });
  const [q, setQ] = useState("");
  const params = useMemo(() => ({ ...f, ...(fixed ?? {}), q }), [f, q, fixed]);
  return (
    <div data-testid="view-samples" data-ready="1">
      <div className="filters">
        <input placeholder="search prompt and completion" value={q} onChange={(e) => setQ(e.target.value)} data-testid="sample-search" />
        <input placeholder="step" size={5} value={f.step ?? ""} onChange={(e) => setF({ ...f, step: e.target.value })} />
        <select value={f.error ?? ""} onChange={(e) => setF({ ...f, error: e.target.value })} data-testid="sample-error">
          <option value="">all rows</option>
          <option value="none">no error</option>
          <option value="any">any error</option>
          {["invalid_input", "parse", "timeout", "upstream", "runtime", "sandbox"].map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
        <select value={f.component ?? ""} onChange={(e) => setF({ ...f, component: e.target.value })}>
          <option value="">any component</option>
          {components.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
        <input placeholder="min" size={4} value={f.min ?? ""} onChange={(e) => setF({ ...f, min: e.target.value })} />
        <input placeholder="max" size={4} value={f.max ?? ""} onChange={(e) => setF({ ...f, max: e.target.value })} />
        <input placeholder="min length" size={6} value={f.minLength ?? ""} onChange={(e) => setF({ ...f, minLength: e.target.value })} />
        <input placeholder="max length" size={6} value={f.maxLength ?? ""} onChange={(e) => setF({ ...f, maxLength: e.target.value })} />
        <select value={f.truncated ?? ""} onChange={(e) => setF({ ...f, truncated: e.target.value })}>
          <option value="">truncated or not</option>
          <option value="1">truncated</option>
          <option value="0">not truncated</option>
        </select>
        <select value={f.sort} onChange={(e) => setF({ ...f, sort: e.target.value })} data-testid="sample-sort">
          {["rid", "score", "length", "advantage", "step", ...components.map((c) => `c:${c}`)].map((s) => (
            <option key={s} value={s}>
              sort: {s === "rid" ? "order written" : s}
            </option>
          ))}
        </select>
        <select value={f.order} onChange={(e) => setF({ ...f, order: e.target.value })}>
          <option value="desc">desc</option>
          <option value="asc">asc</option>
        </select>
      </div>
      <SampleTable path={`runs/${run}/samples`} params={params} components={components} onOpen={onOpen} />
    </div>
  );
}

// A virtualised sample table over any paged endpoint that answers {total, rows}.
export function SampleTable({ path, params, components, onOpen, testid = "sample-table" }: { path: string; params: Record<string, unknown>; components: string[]; onOpen: (rid: number) => void; testid?: string }) {
  const key = `${path}?${JSON.stringify(params)}`;
  const [pages, setPages] = useState<{ key: string; total: number | null; lower?: boolean; after?: number | null; rows: Map<number, any[]>; error?: string }>({ key, total: null, rows: new Map() });
  const [top, setTop] = useState(0);
  const box = useRef<HTMLDivElement>(null);
  const loading = useRef(new Set<string>());
  const state = pages.key === key ? pages : { key, total: null, rows: new Map<number, any[]>() };
  const height = 520;
  const first = Math.floor(top / ROW);
  const last = first + Math.ceil(height / ROW) + 1;
  useEffect(() => {
    if (box.current) box.current.scrollTop = 0;
    setTop(0);
  }, [key]);
  useEffect(() => {
    const need = new Set([Math.floor(first / PAGE), Math.floor(last / PAGE)]);
    for (const p of need) {
      const id = `${key}#${p}`;
      if (state.rows.has(p) || loading.current.has(id)) continue;
      if (state.total !== null && p * PAGE >= state.total && p > 0) continue;
      loading.current.add(id);
      get(path, { ...params, offset: p * PAGE, limit: PAGE }).then(
        (d) =>
          setPages((s) => {
            const base = s.key === key ? s : { key, total: null, rows: new Map<number, any[]>() };
            const rows = new Map(base.rows);
            rows.set(p, d.rows);
            return { key, total: d.total, lower: d.totalIsLowerBound, after: d.searchedAfterRid, rows };
          }),
        (e) => setPages({ key, total: 0, rows: new Map(), error: String(e.message ?? e) }),
      );
    }
  }, [key, first, last, state.rows, state.total, path, params]);
  if (state.error) return <Status error={state.error} />;
  const total = state.total ?? 0;
  const visible: { i: number; r: any }[] = [];
  for (let i = first; i < Math.min(last, total); i++) {
    const r = state.rows.get(Math.floor(i / PAGE))?.[i % PAGE];
    if (r) visible.push({ i, r });
  }
  return (
    <div data-testid={testid} data-total={state.total ?? ""}>
      <div className="muted">
        {state.total === null ? "loading…" : `${total}${state.lower ? "+" : ""} rollouts`}
        {"after" in state && state.after ? ` · searched the rollouts after #${state.after} (give a step to search older ones)` : ""}
      </div>
      <div className="thead row">
        <span className="c-id">id</span>
        <span className="c-n">step</span>
        <span className="c-n">score</span>
        {components.map((c) => (
          <span key={c} className="c-n" title={c}>
            {c}
          </span>
        ))}
        <span className="c-n">adv.</span>
        <span className="c-n">length</span>
        <span className="c-text">completion</span>
      </div>
      <div ref={box} className="vscroll" style={{ height }} onScroll={(e) => setTop(e.currentTarget.scrollTop)}>
        <div style={{ height: total * ROW, position: "relative" }}>
          {visible.map(({ i, r }) => (
            <div key={r.rid} className="row sample-row" style={{ top: i * ROW, height: ROW }} onClick={() => onOpen(r.rid)} data-id={r.id}>
              <span className="c-id">{r.id}</span>
              <span className="c-n">{r.step}</span>
              <span className="c-n">{r.error ? <Flag on label={r.error.kind} kind="bad" /> : fmt(r.score)}</span>
              {components.map((c) => (
                <span key={c} className="c-n">
                  {fmt(r.components?.[c])}
                </span>
              ))}
              <span className="c-n">{fmt(r.advantage)}</span>
              <span className="c-n">
                {r.length}
                {r.truncated ? " ✂" : ""}
              </span>
              <span className="c-text">{r.completion}</span>
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}

// One sample in full.
export function SampleDetail({ run, rid, onClose }: { run: string; rid: number; onClose: () => void }) {
  const { data, error } = useApi(`runs/${run}/samples/${rid}`);
  return (
    <div className="drawer" data-testid="sample-detail">
      <button type="button" onClick={onClose}>
        close
      </button>
      <Status error={error} loading={!data && !error} />
      {data && (
        <>
          <h3>
            sample {data.id} · step {data.step} · group {data.group ?? "—"}
          </h3>
          <p>
            score <b>{fmt(data.score)}</b> · advantage {fmt(data.advantage)} · length {data.length}
            {data.truncated ? " (truncated)" : ""}
          </p>
          {data.error && (
            <p className="error">
              {data.error.kind}: {data.error.message}
            </p>
          )}
          <table className="grid">
            <tbody>
              {Object.entries(data.components).map(([k, v]) => (
                <tr key={k}>
                  <td>{k}</td>
                  <td>{fmt(v)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h4>prompt</h4>
          <pre>{data.prompt}</pre>
          <h4>completion</h4>
          <pre>{data.completion}</pre>
          <h4>reference</h4>
          <pre>{JSON.stringify(data.reference)}</pre>
          {data.extra && (
            <>
              <h4>extra</h4>
              <pre>{JSON.stringify(data.extra, null, 1).slice(0, 4000)}</pre>
            </>
          )}
        </>
      )}
    </div>
  );
}
