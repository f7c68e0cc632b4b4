// Worker-thread entry of `runExperiment`: runs the cells it is sent, one at a time, and posts their results.
import { parentPort } from "node:worker_threads";
import { type CellSpec, runCell } from "./cell.ts";

parentPort?.on("message", async (msg: { id: number; cell: CellSpec }) => {
  try {
    const out = await runCell(msg.cell);
    parentPort?.postMessage({ id: msg.id, ok: true, ...out });
  } catch (e) {
    parentPort?.postMessage({ id: msg.id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
parentPort?.postMessage({ ready: true });
