import type { Hono } from "hono";
import { isTransient } from "../../core/errors.ts";
import { registryBackends } from "../../graders/backends.ts";
import { type GraderBackends, GraderInvalid, validateGrader } from "../../graders/compile.ts";
import { runGrader } from "../../graders/run.ts";
import { LocalSandbox } from "../../sandbox/local.ts";
import { answer, readJson, route, type ServerContext, storedJson } from "../context.ts";
import { HttpProblem } from "../problem.ts";

/** An OpenAI-style 400: `{error: {message, type: "invalid_request_error", param, code}}`. */
function invalid(e: GraderInvalid): HttpProblem {
  return new HttpProblem(400, { code: "invalid_request_error", path: e.param, message: e.message });
}

/** Grader backends whose Python graders run in the runtime's code sandbox (made on first use, closed with it). */
function runtimeBackends(s: ServerContext): GraderBackends {
  const sandbox = () => s.runtime.sharedObject("sandbox.local", () => new LocalSandbox());
  return registryBackends(undefined, {
    python: { executor: { name: "local", referees: true, run: (req) => sandbox().run(req) } },
  });
}

/**
 * Adds `POST /v1/graders/validate` (`{grader}` → `{grader}`) and `POST /v1/graders/run`
 * (`{grader, model_sample, item?}` → `{reward, sub_rewards, metadata{errors...}}`), OpenAI's grader contract.
 * Runs are admitted and replayed like every scoring request (sandboxed Python included).
 * @example graderRoutes(app, ctx);
 */
export function graderRoutes(
  app: Hono,
  s: ServerContext,
  backends: GraderBackends = runtimeBackends(s),
): void {
  const check = (raw: unknown) => {
    try {
      return validateGrader(raw);
    } catch (e) {
      if (e instanceof GraderInvalid) throw invalid(e);
      throw e;
    }
  };
  app.post(
    "/v1/graders/validate",
    route(s, "/v1/graders/validate", async (c) => {
      const { body } = await readJson(s, c);
      return c.json({ grader: check(body.grader) });
    }),
  );
  app.post(
    "/v1/graders/run",
    route(s, "/v1/graders/run", async (c) => {
      s.runtime.admit(1);
      const { bytes, body } = await readJson(s, c);
      let grader: ReturnType<typeof validateGrader>;
      try {
        grader = validateGrader(body.grader);
      } catch (e) {
        // A bad formula is reported through the run's error flags, as OpenAI does; other problems are a 400.
        if (!(e instanceof GraderInvalid) || !e.flag) throw e instanceof GraderInvalid ? invalid(e) : e;
        grader = body.grader as ReturnType<typeof validateGrader>;
      }
      const sample = body.model_sample;
      if (typeof sample !== "string") {
        throw new HttpProblem(400, {
          code: "invalid_request_error",
          path: "model_sample",
          message: "model_sample: expected a string",
        });
      }
      // `reference_answer` is the older SDK's name for the item's answer.
      const item =
        body.item ?? (body.reference_answer !== undefined ? { reference_answer: body.reference_answer } : {});
      const rt = s.runtime;
      return answer(s, c, "/v1/graders/run", "", bytes, (signal) =>
        rt.queue.run(1, async () => {
          const out = await runGrader(grader, sample, item, {
            deadlineMs: rt.deadlineMs,
            signal,
            ...(rt.executor ? { executor: rt.executor } : {}),
            backends,
          });
          const e = out.result.error;
          return storedJson(JSON.stringify(out), !(e && isTransient(e)));
        }),
      );
    }),
  );
}
