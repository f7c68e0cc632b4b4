import { pythonMarkerPrelude } from "../verifiers/code/harness-python.ts";

/**
 * The Python harness that runs an OpenAI `python` grader inside the sandbox, next to `grader.py`. It reads and
 * deletes its input (`sample`, `item`, seed, nonce), compiles the grader (a syntax error is reported as
 * `compile`), calls `grade(sample, item)` and reports a finite real number as `done {value}`, anything else
 * (an exception, `SystemExit`, a bool, a non-number, NaN or ±inf) as `error {message}`. Reports are marker lines
 * `@@RK:<nonce>:<event>:<json>` on a private duplicate of stderr, so the grader's own output cannot forge them.
 * @example files["harness.py"] = PYTHON_GRADER_HARNESS
 */
export const PYTHON_GRADER_HARNESS = String.raw`import builtins, json, math, numbers, os, sys, traceback


def _rk_main():
${pythonMarkerPrelude("rk_input.json")}
    def fail(message):
        emit("error", {"message": message[-2000:]})
        try:
            sys.stdout.flush()
        except BaseException:
            pass
        os._exit(1)

    with open("grader.py", encoding="utf-8") as f:
        src = f.read()
    try:
        code = compile(src, "grader.py", "exec")
    except (SyntaxError, ValueError) as e:
        emit("compile", {"message": (type(e).__name__ + ": " + str(e))[:2000], "line": getattr(e, "lineno", None)})
        os._exit(3)
    import random
    random.seed(cfg["seed"])
    g = {"__name__": "grader", "__builtins__": builtins}
    try:
        exec(code, g)
        fn = g.get("grade")
        if not callable(fn):
            fail("the grader defines no function grade(sample, item)")
        value = fn(cfg["sample"], cfg["item"])
    except SystemExit as e:
        fail("the grader called exit(%r)" % (e.code,))
    except BaseException:
        fail(traceback.format_exc())
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        fail("grade returned %s, not a float" % type(value).__name__)
    try:
        x = float(value)
    except BaseException as e:
        fail("grade returned a number that is not a float: " + type(e).__name__)
    if not math.isfinite(x):
        fail("grade returned %r, not a finite float" % x)
    emit("done", {"value": x})
    try:
        sys.stdout.flush()
    except BaseException:
        pass
    # Skips threads and atexit hooks the grader may have left behind.
    os._exit(0)


_rk_main()
`;
