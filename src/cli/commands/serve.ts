import type { Command } from "commander";

/** Registers the `serve` command (not built yet). */
export function register(_program: Command): void {}
