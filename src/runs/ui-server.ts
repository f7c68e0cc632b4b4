import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { createRunsApp } from "./api.ts";
import { RunCatalog } from "./catalog.ts";

/** Where the built web app lives in the package (`vite build` writes it there). */
export function webRoot(): string {
  return fileURLToPath(new URL("../../dist/web/", import.meta.url));
}

/** A running dashboard. */
export interface RunningUi {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the dashboard for the runs under `dir` on 127.0.0.1 (the API and the built web app).
 * @example const ui = await startUi({ runs: "runs/", port: 0 }); console.log(ui.url); await ui.close();
 */
export async function startUi(o: {
  runs: string;
  host?: string;
  port?: number;
  web?: string;
}): Promise<RunningUi> {
  const catalog = new RunCatalog(o.runs);
  const app = createRunsApp(catalog, o.web ?? webRoot());
  const server = await new Promise<ReturnType<typeof serve>>((res) => {
    const s = serve({ fetch: app.fetch, hostname: o.host ?? "127.0.0.1", port: o.port ?? 8765 }, () =>
      res(s),
    );
  });
  const addr = server.address() as AddressInfo;
  return {
    url: `http://${addr.address}:${addr.port}`,
    close: () =>
      new Promise<void>((res) => {
        server.close(() => {
          catalog.close();
          res();
        });
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
