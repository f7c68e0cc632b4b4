#!/usr/bin/env node
// The `rewardkit` command: a thin shell over the library. Configuration errors exit 2 with path and reason.
import { Command, CommanderError } from "commander";
import { RewardkitError } from "../core/errors.ts";
import { register as advantages } from "./commands/advantages.ts";
import { register as check } from "./commands/check.ts";
import { register as demo } from "./commands/demo.ts";
import { register as grade } from "./commands/grade.ts";
import { register as lab } from "./commands/lab.ts";
import { register as queueStatus } from "./commands/queue-status.ts";
import { register as rm } from "./commands/rm.ts";
import { register as score } from "./commands/score.ts";
import { register as search } from "./commands/search.ts";
import { register as specPropose } from "./commands/spec-propose.ts";
import { register as serve } from "./commands/serve.ts";
import { register as test } from "./commands/test.ts";
import { register as worker } from "./commands/worker.ts";

/** Builds the commander program with every command registered. */
export function buildProgram(): Command {
  const program = new Command("rewardkit")
    .description("the reward layer for reinforcement learning")
    .version("0.1.0")
    .exitOverride()
    .showHelpAfterError();
  for (const register of [demo, score, test, check, serve, advantages, grade, rm]) register(program);
  for (const register of [worker, queueStatus, lab]) register(program);
  for (const register of [search, specPropose]) register(program);
  return program;
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: string[] = process.argv): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof RewardkitError) {
      process.stderr.write(
        `error (${e.code}):\n${e.issues.map((i) => `  ${i.path ? `${i.path}: ` : ""}${i.message}`).join("\n")}\n`,
      );
      return 2;
    }
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

const invoked =
  process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, "/").split("/").pop()!);
if (invoked) main().then((code) => process.exit(code));
