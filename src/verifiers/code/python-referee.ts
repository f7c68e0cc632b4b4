/**
 * The referee of a Python assertion run: a trusted process beside the program, out of its reach (another
 * uid; tests given on a private pipe). It runs every test in its own interpreter. The solution's names are
 * stand-ins: calling one asks the program (fds 3 and 4) and decodes the answer into plain Python values of
 * exact built-in types (int, float, str, list, tuple, dict, set, bytes, complex, None, bool), so `==`,
 * `assert` and every builtin the test uses are the referee's own. Objects of the solution's own classes
 * stay in the program as handles; a handle never equals a plain value, and comparing two handles asks the
 * program (the solution's own equality between its own objects). It writes one JSON line per test on its
 * fd 5 (a pipe only it holds): `{"test": i, "ok": true}` or `{"test": i, "ok": false, "kind", "message"}`,
 * then `{"done": true}`; before the tests `{"compile"}` / `{"error"}` / `{"gone"}` when the program did not
 * get ready. Once the program ends or answers out of protocol, every later test fails.
 * @example referee: { language: "python", source: PYTHON_REFEREE, input: JSON.stringify({ tests, seed }) }
 */
export const PYTHON_REFEREE = String.raw`import base64, builtins, importlib, json, os, sys


def _rk_referee(cfg):
    MAX_FRAME = 64 << 20

    def report(obj):
        data = (json.dumps(obj) + "\n").encode("utf-8", "backslashreplace")
        while data:
            data = data[os.write(5, data):]

    class Gone(BaseException):
        """The program ended, or stopped following the protocol (not an Exception: tests cannot catch it)."""

    class RemoteError(Exception):
        """An exception of the solution's own type, raised in the program."""

    state = {"dead": None, "q": 0}

    def die(why):
        if state["dead"] is None:
            state["dead"] = why
        raise Gone(state["dead"])

    def readn(n):
        buf = bytearray()
        while len(buf) < n:
            try:
                chunk = os.read(4, min(n - len(buf), 1 << 20))
            except OSError as e:
                die("the program's channel failed: " + str(e))
            if not chunk:
                die("the program ended")
            buf += chunk
        return bytes(buf)

    HEX = frozenset(b"0123456789abcdef")
    REAL_STDOUT = sys.stdout
    # Modules the solution imported are imported again here (the tests get the referee's own copy), except
    # those whose import does something.
    NO_IMPORT = frozenset(("antigravity", "this", "turtle", "turtledemo", "tkinter", "idlelib", "webbrowser",
                           "__hello__", "__phello__", "__main__", "pydoc", "pdb"))
    # Names the tests take from the solution: never a builtin or a dunder name (the tests' own builtins and
    # modules cannot be replaced by the solution's), never a standard module name bound to something else.
    BUILTIN_NAMES = frozenset(dir(builtins))
    STDLIB = frozenset(getattr(sys, "stdlib_module_names", ()))

    def bindable(name, value):
        if type(name) is not str or not name.isidentifier() or name.startswith("__"):
            return False
        if name in BUILTIN_NAMES:
            return False
        if name in STDLIB and not (type(value) is type(sys) and value.__name__ == name):
            return False
        return True

    def recv():
        head = readn(8)
        if not all(c in HEX for c in head):
            die("the program broke the protocol (bad frame header)")
        n = int(head, 16)
        if n > MAX_FRAME:
            die("the program sent a message of %d bytes" % n)
        try:
            m = json.loads(readn(n))
        except (ValueError, RecursionError):
            die("the program broke the protocol (not JSON)")
        if type(m) is not dict:
            die("the program broke the protocol (not an object)")
        return m

    def send(obj):
        data = json.dumps(obj).encode("ascii")
        data = b"%08x" % len(data) + data
        try:
            while data:
                data = data[os.write(3, data):]
        except OSError:
            die("the program ended")

    handles = {}
    callbacks = {}
    callback_ids = {}

    class Remote:
        """A value of the solution's own type; it stays in the program."""
        __slots__ = ("_rk_id", "_rk_type", "__weakref__")

        def __getattr__(self, name):
            return ask("getattr", self, n=name)

        def __setattr__(self, name, value):
            if name.startswith("_rk_"):
                object.__setattr__(self, name, value)
            else:
                ask("setattr", self, n=name, v=enc(value))

        def __call__(self, *args, **kwargs):
            return call(self, args, kwargs)

        def __iter__(self):
            return ask("iter", self)

        def __next__(self):
            return ask("next", self)

        def __len__(self):
            return ask("len", self)

        def __getitem__(self, key):
            return ask("getitem", self, k=enc(key))

        def __setitem__(self, key, value):
            ask("setitem", self, k=enc(key), v=enc(value))

        def __contains__(self, key):
            return ask("contains", self, k=enc(key))

        def __bool__(self):
            return ask("bool", self)

        def __str__(self):
            return text(ask("str", self))

        def __repr__(self):
            return text(ask("repr", self))

        __hash__ = object.__hash__

        def __instancecheck__(self, obj):
            return ask("isinstance", self, o=enc(obj))

    def text(s):
        if type(s) is not str:
            raise TypeError("the solution's __str__/__repr__ returned a non-string")
        return s

    def comparison(op):
        def compare(self, other):
            if isinstance(other, Remote):
                return ask(op, self, o=enc(other))
            return NotImplemented
        return compare

    for _op in ("eq", "ne", "lt", "le", "gt", "ge"):
        setattr(Remote, "__%s__" % _op, comparison(_op))

    exc_classes = {}

    def remote(x):
        h = x["r"]
        if type(h) is not int:
            die("the program broke the protocol (bad handle)")
        if type(x.get("exc")) is str:
            # One of the solution's exception classes: a real class here (with the built-in base it has
            # there), so tests can catch it and check isinstance; its instances are raised from answers.
            cls = exc_classes.get(h)
            if cls is None:
                base = getattr(builtins, x["exc"], Exception) if x["exc"] in SAFE else Exception
                cls = type(str(x.get("n", "SolutionError"))[:100], (base,), {"__module__": "solution"})
                exc_classes[h] = cls
            return cls
        r = handles.get(h)
        if r is None:
            r = object.__new__(Remote)
            object.__setattr__(r, "_rk_id", h)
            object.__setattr__(r, "_rk_type", str(x.get("n", "?"))[:100])
            handles[h] = r
        return r

    def dec(x, depth=0):
        if depth > 500:
            die("the program sent a value nested too deeply")
        t = type(x)
        if x is None or t is bool or t is int or t is float or t is str:
            return x
        if t is list:
            return [dec(y, depth + 1) for y in x]
        if t is not dict:
            die("the program broke the protocol (bad value)")
        if "r" in x:
            name = x.get("m")
            if type(name) is str and name.split(".")[0] not in NO_IMPORT:
                try:
                    return importlib.import_module(name)
                except BaseException:
                    pass
            return remote(x)
        if len(x) != 1:
            die("the program broke the protocol (bad value tag)")
        (k, v), = x.items()
        try:
            if k == "i" and type(v) is str:
                return int(v, 16)
            if k == "t" and type(v) is list:
                return tuple(dec(y, depth + 1) for y in v)
            if k == "d" and type(v) is list:
                return {dec(a, depth + 1): dec(b, depth + 1) for a, b in v}
            if k == "s" and type(v) is list:
                return {dec(y, depth + 1) for y in v}
            if k == "fs" and type(v) is list:
                return frozenset(dec(y, depth + 1) for y in v)
            if k == "b" and type(v) is str:
                return base64.b64decode(v, validate=True)
            if k == "ba" and type(v) is str:
                return bytearray(base64.b64decode(v, validate=True))
            if k == "c" and type(v) is list and len(v) == 2 and all(type(y) in (int, float) for y in v):
                return complex(v[0], v[1])
            if k == "rg" and type(v) is list and len(v) == 3 and all(type(y) is int for y in v):
                return range(*v)
        except Gone:
            raise
        except Exception:
            die("the program broke the protocol (bad " + k + " value)")
        die("the program broke the protocol (unknown value tag)")

    def enc(v):
        t = type(v)
        if v is None or t is bool or t is str or t is float:
            return v
        if t is int:
            return v if -(1 << 63) < v < (1 << 63) else {"i": hex(v)}
        if t is list:
            return [enc(x) for x in v]
        if t is tuple:
            return {"t": [enc(x) for x in v]}
        if t is dict:
            return {"d": [[enc(k), enc(x)] for k, x in v.items()]}
        if t is set:
            return {"s": [enc(x) for x in v]}
        if t is frozenset:
            return {"fs": [enc(x) for x in v]}
        if t is bytes:
            return {"b": base64.b64encode(v).decode()}
        if t is bytearray:
            return {"ba": base64.b64encode(bytes(v)).decode()}
        if t is complex:
            return {"c": [v.real, v.imag]}
        if t is range:
            return {"rg": [v.start, v.stop, v.step]}
        if isinstance(v, Remote):
            return {"r": object.__getattribute__(v, "_rk_id")}
        if callable(v):
            c = callback_ids.get(id(v))
            if c is None:
                c = len(callbacks) + 1
                callbacks[c] = v
                callback_ids[id(v)] = c
            return {"cb": c}
        raise TypeError("a %s cannot be passed to the solution" % t.__name__)

    SAFE = ("ArithmeticError", "AssertionError", "AttributeError", "EOFError", "Exception",
            "FileNotFoundError", "ImportError", "IndexError", "KeyError", "LookupError",
            "ModuleNotFoundError", "NameError", "NotImplementedError", "OSError", "OverflowError",
            "RecursionError", "RuntimeError", "StopIteration", "TypeError", "UnicodeError",
            "ValueError", "ZeroDivisionError", "MemoryError")

    def raised(x):
        if type(x) is not dict or type(x.get("t")) is not str or type(x.get("m")) is not str:
            die("the program broke the protocol (bad exception)")
        if type(x.get("c")) is dict and type(x["c"].get("exc")) is str:
            return dec(x["c"])(x["m"])
        if x["t"] in SAFE:
            return getattr(builtins, x["t"])(x["m"])
        return RemoteError(x["t"] + (": " + x["m"] if x["m"] else ""))

    def exchange(req):
        if state["dead"] is not None:
            raise Gone(state["dead"])
        state["q"] += 1
        q = state["q"]
        req["q"] = q
        send(req)
        while True:
            m = recv()
            if "a" in m:
                if m["a"] != q:
                    die("the program broke the protocol (answer out of order)")
                if type(m.get("o")) is str and sys.stdout is not REAL_STDOUT:
                    # What the solution printed while answering, for a test that captures stdout.
                    sys.stdout.write(m["o"])
                if "x" in m:
                    raise raised(m["x"])
                if "v" not in m:
                    die("the program broke the protocol (no value)")
                return m
            if m.get("op") != "call" or type(m.get("q")) is not int or m.get("t") not in callbacks:
                die("the program broke the protocol (bad request)")
            try:
                args = [dec(a) for a in m.get("p") or []]
                kwargs = {str(k): dec(v) for k, v in (m.get("k") or {}).items()}
                out = {"a": m["q"], "v": enc(callbacks[m["t"]](*args, **kwargs))}
            except Gone:
                raise
            except BaseException as e:
                out = {"a": m["q"], "x": {"t": type(e).__name__, "m": str(e)[:2000]}}
            send(out)

    def ask(op, target, **fields):
        fields["op"] = op
        fields["t"] = object.__getattribute__(target, "_rk_id")
        return dec(exchange(fields)["v"])

    def call(target, args, kwargs):
        m = exchange({"op": "call", "t": object.__getattribute__(target, "_rk_id"),
                      "p": [enc(a) for a in args], "k": {k: enc(v) for k, v in kwargs.items()}})
        value = dec(m["v"])
        back = m.get("w")
        if type(back) is list and len(back) == len(args):
            # The solution changed a list, dict or set argument in place: the test sees the change.
            for a, b in zip(args, back):
                if b is None or type(a) not in (list, dict, set):
                    continue
                new = dec(b)
                if type(new) is not type(a):
                    continue
                if type(a) is list:
                    a[:] = new
                else:
                    a.clear()
                    a.update(new)
        return value

    def describe(e):
        try:
            text = type(e).__name__ + (": " + str(e) if str(e) else "")
        except BaseException:
            text = type(e).__name__
        return text[:2000]

    tests = cfg["tests"]
    try:
        first = recv()
    except Gone as e:
        report({"gone": str(e)})
        return
    if "compile" in first:
        report({"compile": str(first["compile"])[:2000]})
        return
    if "error" in first:
        x = first["error"]
        report({"error": str(x.get("t", "")) + ": " + str(x.get("m", "")) if type(x) is dict else str(x)})
        return
    if first.get("ready") is not True:
        report({"gone": "the program broke the protocol (no ready message)"})
        return
    import random
    random.seed(cfg["seed"])
    ns = {"__name__": "__main__", "__builtins__": builtins}
    try:
        names = exchange({"op": "globals", "t": None})["v"]
        if type(names) is not dict:
            die("the program broke the protocol (globals)")
        for name, v in names.items():
            value = dec(v)
            if bindable(name, value):
                ns[name] = value
        if cfg.get("setup"):
            exec(compile(cfg["setup"], "<test setup>", "exec"), ns)
    except Gone as e:
        report({"gone": str(e)})
        return
    except BaseException as e:
        report({"error": "test setup: " + describe(e)})
        return
    for i, test in enumerate(tests):
        if state["dead"] is not None:
            report({"test": i, "ok": False, "kind": "runtime", "gone": True,
                    "message": state["dead"] + " before this test"})
            continue
        try:
            exec(compile(test, "<test %d>" % i, "exec"), ns)
            if state["dead"] is not None:
                raise Gone(state["dead"])
            report({"test": i, "ok": True})
        except Gone as e:
            report({"test": i, "ok": False, "kind": "runtime", "gone": True, "message": str(e)})
        except AssertionError as e:
            report({"test": i, "ok": False, "kind": "wrong_answer", "message": describe(e)})
        except BaseException as e:
            report({"test": i, "ok": False, "kind": "runtime", "message": describe(e)})
    report({"done": True})


_rk_referee(json.loads(INPUT))
os._exit(0)
`;
