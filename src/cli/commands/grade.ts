import type { Command } from "commander";

/** Registers the `grade` command (not built yet). */
export function register(_program: Command): void {}
