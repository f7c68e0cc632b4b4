import { useEffect, useState } from "react";
import { get } from "./api.ts";

// Loads an API path whenever its inputs change; returns data, error and loading state.
export function useApi<T = any>(path: string | null, params: Record<string, unknown> = {}) {
  const key = `${path}?${JSON.stringify(params)}`;
  const [state, setState] = useState<{ key: string; data?: T; error?: string }>({ key: "" });
  useEffect(() => {
    if (!path) return;
    let live = true;
    get<T>(path, params).then(
      (data) => live && setState({ key, data }),
      (e) => live && setState({ key, error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
    // biome-ignore lint/correctness/useExhaustiveDependencies: key captures path and params
  }, [key]);
  return { data: state.key === key ? state.data : undefined, error: state.key === key ? state.error : undefined, loading: state.key !== key };
}
