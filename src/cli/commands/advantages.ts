import type { Command } from "commander";

/** Registers the `advantages` command (not built yet). */
export function register(_program: Command): void {}
