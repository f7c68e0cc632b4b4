import type { Command } from "commander";

/** Registers the `rm` command (not built yet). */
export function register(_program: Command): void {}
