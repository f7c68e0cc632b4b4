import type { ReactNode } from "react";
import { fmt } from "./api.ts";

export function Status({ error, loading, empty }: { error?: string; loading?: boolean; empty?: boolean }) {
  if (error) return <div className="error">{error}</div>;
  if (loading) return <div className="muted">loading…</div>;
  if (empty) return <div className="muted">nothing to show</div>;
  return null;
}

export function Stat({ label, value, testid }: { label: string; value: unknown; testid?: string }) {
  return (
    <div className="stat">
      <div className="stat-label">{label}</div>
      <div className="stat-value" data-testid={testid}>
        {typeof value === "number" ? fmt(value, 4) : (value as ReactNode)}
      </div>
    </div>
  );
}

export function Flag({ on, label, kind = "warn" }: { on: boolean; label: string; kind?: "warn" | "bad" }) {
  return on ? <span className={`flag ${kind}`}>{label}</span> : null;
}

export function Text({ s }: { s: string }) {
  return <span className="text">{s}</span>;
}
