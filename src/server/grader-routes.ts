import type { Context, Hono } from "hono";
import type { IsolatedExecutor } from "../core/types.ts";
import { registryBackends } from "../graders/backends.ts";
import { type GraderBackends, GraderInvalid, validateGrader } from "../graders/compile.ts";
import { runGrader } from "../graders/run.ts";
import { HttpProblem } from "./problem.ts";
import { requestSignal } from "./request-signal.ts";

/** What the grader routes borrow from the app: route wrapper, JSON reader, executor and deadline. */
export interface GraderRouteDeps {
  route: (name: string, h: (c: Context) => Promise<Response>) => (c: Context) => Promise<Response>;
  readJson: (c: Context) => Promise<{ text: string; body: Record<string, unknown> }>;
  executor?: IsolatedExecutor;
  deadlineMs: number;
  backends?: GraderBackends;
}

/** An OpenAI-style 400: `{error: {message, type: "invalid_request_error", param, code}}`. */
function invalid(e: GraderInvalid): HttpProblem {
  return new HttpProblem(400, { code: "invalid_request_error", path: e.param, message: e.message });
}

/**
 * Adds `POST /v1/graders/validate` (`{grader}` → `{grader}`) and `POST /v1/graders/run`
 * (`{grader, model_sample, item?}` → `{reward, sub_rewards, metadata{errors...}}`), OpenAI's grader contract.
 * @example graderRoutes(app, { route, readJson, deadlineMs: 5000 });
 */
export function graderRoutes(app: Hono, deps: GraderRouteDeps): void {
  const backends = deps.backends ?? registryBackends();
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
    deps.route("/v1/graders/validate", async (c) => {
      const { body } = await deps.readJson(c);
      return c.json({ grader: check(body.grader) });
    }),
  );
  app.post(
    "/v1/graders/run",
    deps.route("/v1/graders/run", async (c) => {
      const { body } = await deps.readJson(c);
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
      const out = await runGrader(grader, sample, item, {
        deadlineMs: deps.deadlineMs,
        signal: requestSignal(c),
        ...(deps.executor ? { executor: deps.executor } : {}),
        backends,
      });
      return c.json(out);
    }),
  );
}
