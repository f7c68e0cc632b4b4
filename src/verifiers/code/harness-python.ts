/**
 * The Python test harness that runs inside the sandbox next to `solution.py`. It reads and deletes its
 * config, compiles the solution (a syntax error is reported as `compile`), runs it as `__main__`, and in
 * assertion mode runs each test in the solution's namespace, reporting every outcome as a marker line
 * `@@RK:<nonce>:<event>:<json>` on a private duplicate of stderr. A solution that exits (sys.exit,
 * os._exit) before the tests leaves them unreported, so they fail.
 * @example files["harness.py"] = PYTHON_HARNESS
 */
/**
 * The start of a sandboxed Python harness's main function: read and delete the JSON config, keep a private
 * duplicate of stderr, and define `emit(event, data)` writing `@@RK:<nonce>:<event>:<json>` marker lines to
 * it, so the program under test cannot forge a report by printing.
 * @example String.raw`def _rk_main():\n${pythonMarkerPrelude("rk_config.json")}`
 */
export function pythonMarkerPrelude(configFile: string): string {
  return String.raw`    with open("${configFile}", encoding="utf-8") as f:
        cfg = json.load(f)
    os.unlink("${configFile}")
    fd = os.dup(2)
    tag = "@@RK:" + cfg["nonce"] + ":"

    def emit(event, data):
        line = "\n" + tag + event + ":" + json.dumps(data) + "\n"
        try:
            os.write(fd, line.encode("utf-8", "replace"))
        except OSError:
            pass
`;
}

export const PYTHON_HARNESS = String.raw`import builtins, json, os, sys


def _rk_main():
${pythonMarkerPrelude("rk_config.json")}
    def describe(e):
        text = type(e).__name__ + (": " + str(e) if str(e) else "")
        return text[:2000]

    with open(cfg["solution"], encoding="utf-8") as f:
        src = f.read()
    try:
        code = compile(src, cfg["solution"], "exec")
    except (SyntaxError, ValueError) as e:
        emit("compile", {"message": describe(e), "line": getattr(e, "lineno", None)})
        os._exit(3)
    import random
    random.seed(cfg["seed"])
    g = {"__name__": "__main__", "__builtins__": builtins}
    emit("start", {})
    try:
        exec(code, g)
    except SystemExit:
        raise
    except BaseException as e:
        emit("error", {"kind": "runtime", "message": describe(e)})
        sys.stdout.flush()
        os._exit(1)
    if cfg["mode"] != "assert":
        return
    if cfg.get("setup"):
        try:
            exec(compile(cfg["setup"], "<test setup>", "exec"), g)
        except BaseException as e:
            emit("error", {"kind": "runtime", "message": "test setup: " + describe(e)})
            os._exit(1)
    for i, test in enumerate(cfg["tests"]):
        try:
            exec(compile(test, "<test %d>" % i, "exec"), g)
            emit("test", {"i": i, "ok": True})
        except AssertionError as e:
            emit("test", {"i": i, "ok": False, "kind": "wrong_answer", "message": describe(e)})
        except SystemExit as e:
            emit("test", {"i": i, "ok": False, "kind": "runtime", "message": "exit(%r) during the test" % (e.code,)})
        except BaseException as e:
            emit("test", {"i": i, "ok": False, "kind": "runtime", "message": describe(e)})
    emit("done", {})
    try:
        sys.stdout.flush()
    except BaseException:
        pass
    # Skips threads and atexit hooks the solution may have left behind.
    os._exit(0)


_rk_main()
`;
