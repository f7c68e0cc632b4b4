import { useState } from "react";
import { fmt } from "../api.ts";
import { Status } from "../Bits.tsx";
import { useApi } from "../hooks.ts";
import { SampleTable } from "./Samples.tsx";

// View 6: hacking alarms, each linked to the samples that raised it.
export function Alarms({ run, components, onOpen }: { run: string; components: string[]; onOpen: (rid: number) => void }) {
  const { data, error, loading } = useApi(`runs/${run}/alarms`);
  const [open, setOpen] = useState<number | null>(null);
  return (
    <div data-testid="view-alarms" data-ready={data ? "1" : "0"}>
      <Status error={error} loading={loading} />
      {data && !data.alarms.length && <div className="ok">no alarms raised</div>}
      <div className="cards">
        {data?.alarms.map((a: any) => (
          <div key={a.index} className={`card alarm ${open === a.index ? "on" : ""}`} data-testid="alarm" data-kind={a.kind} onClick={() => setOpen(a.index)}>
            <div className="card-head">
              <b>{a.kind.replace(/_/g, " ")}</b>
              {a.component && <span>{a.component}</span>}
              <span>
                steps {a.steps[0]}
                {a.steps.length > 1 ? `–${a.steps.at(-1)}` : ""}
              </span>
              <span>
                {fmt(a.value)} vs threshold {fmt(a.threshold)}
              </span>
              <span className="link">{a.sampleCount} samples →</span>
            </div>
            <div>{a.message}</div>
          </div>
        ))}
      </div>
      {open !== null && (
        <div data-testid="alarm-samples-view">
          <h3>
            samples that raised “{data?.alarms[open]?.kind.replace(/_/g, " ")}”
            {data && data.alarms[open].sampleCount > data.alarms[open].samplesKept ? ` (the first ${data.alarms[open].samplesKept} of ${data.alarms[open].sampleCount})` : ""}
          </h3>
          <SampleTable path={`runs/${run}/alarms/${open}/samples`} params={{ sort: "rid", order: "asc" }} components={components} onOpen={onOpen} testid="alarm-samples" />
        </div>
      )}
    </div>
  );
}
