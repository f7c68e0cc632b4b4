import { spawn } from "node:child_process";
import { type Command, InvalidArgumentError } from "commander";
import { RewardkitError } from "../../core/errors.ts";
import { startUi } from "../../runs/ui-server.ts";

const port = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError(`--port must be 0–65535, got "${v}"`);
  return n;
};

/** Opens a URL in the desktop browser when one is available (best effort, never fails the command). */
export function openBrowser(url: string): void {
  try {
    const p = spawn(process.platform === "darwin" ? "open" : "xdg-open", [url], {
      stdio: "ignore",
      detached: true,
    });
    p.on("error", () => {});
    p.unref();
  } catch {}
}

/**
 * Serves the dashboard for a directory of runs until interrupted; prints the URL.
 * @example await serveUi({ runs: "runs/", port: 8765 })
 */
export async function serveUi(o: {
  runs: string;
  host?: string;
  port?: number;
  open?: boolean;
  path?: string;
}): Promise<void> {
  const ui = await startUi({ runs: o.runs, host: o.host ?? "127.0.0.1", port: o.port ?? 8765 });
  const url = `${ui.url}/${o.path ?? ""}`;
  process.stdout.write(`rewardkit ui: ${url}\n`);
  if (o.open) openBrowser(url);
  await new Promise<void>((res) => {
    const stop = () => {
      ui.close().then(res);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}

/** Registers `rewardkit ui --runs DIR [--port 8765] [--host 127.0.0.1] [--open]`. */
export function register(program: Command): void {
  program
    .command("ui")
    .description("serve the reward dashboard for a run directory (or a directory of runs) on 127.0.0.1")
    .requiredOption("--runs <dir>", "a run directory, or a directory whose sub-directories are runs")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--port <port>", "port (0 picks a free one)", port, 8765)
    .option("--open", "open the dashboard in the browser")
    .action(async (f: { runs: string; host: string; port: number; open?: boolean }) => {
      try {
        await serveUi(f);
      } catch (e) {
        if (e instanceof Error && /not a run|ENOENT/.test(e.message))
          throw new RewardkitError("E_FLAG_INVALID", [{ path: "--runs", message: e.message }]);
        throw e;
      }
    });
}
