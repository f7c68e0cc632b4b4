/**
 * The program side of a Python assertion run: it loads the solution as `__main__` and then only answers the
 * referee's requests (call this function, get this attribute, iterate, compare two of your objects …) on its
 * fds 3 and 4, with values as tagged JSON (the wire protocol in docs/conformance/code.md). It never sees the
 * tests and decides nothing: whatever it answers is only the solution's answer, checked by the referee in
 * another process. Frames are an 8-hex-digit byte length, then UTF-8 JSON.
 * @example files["harness.py"] = PYTHON_SERVER
 */
export const PYTHON_SERVER = String.raw`import base64, builtins, json, os, sys, types


def _rk_serve():
    with open("rk_config.json", encoding="utf-8") as f:
        cfg = json.load(f)
    os.unlink("rk_config.json")
    read, write, exit_ = os.read, os.write, os._exit
    dumps, loads = json.dumps, json.loads

    def send(obj):
        body = dumps(obj).encode("ascii")
        data = b"%08x" % len(body) + body
        while data:
            data = data[write(4, data):]

    def readn(n):
        buf = bytearray()
        while len(buf) < n:
            chunk = read(3, n - len(buf))
            if not chunk:
                exit_(0)
            buf += chunk
        return bytes(buf)

    def recv():
        return loads(readn(int(readn(8), 16)))

    def describe(e):
        try:
            text = str(e)
        except BaseException:
            text = ""
        out = {"t": type(e).__name__[:100], "m": text[:2000]}
        if type(e).__module__ != "builtins":
            try:
                out["c"] = enc(type(e))
            except BaseException:
                pass
        return out

    def exc_base(cls):
        for c in cls.__mro__:
            if c.__module__ == "builtins":
                return c.__name__
        return "Exception"

    class Recorder:
        """Keeps what the solution prints while it answers, so the referee can replay it to the tests."""

        def __init__(self, real):
            self.real, self.parts = real, []

        def write(self, s):
            self.parts.append(str(s))
            return self.real.write(s)

        def __getattr__(self, name):
            return getattr(self.real, name)

    objs, ids = {}, {}

    def handle(v):
        h = ids.get(id(v))
        if h is None:
            h = len(objs) + 1
            objs[h] = v
            ids[id(v)] = h
        return {"r": h, "n": type(v).__name__[:100]}

    def enc(v):
        if v is None or v is True or v is False:
            return v
        if isinstance(v, int):
            x = int.__index__(v)
            return x if -(1 << 63) < x < (1 << 63) else {"i": hex(x)}
        if isinstance(v, float):
            return float.__float__(v)
        if isinstance(v, str):
            return str.__str__(v)
        if isinstance(v, list):
            return [enc(x) for x in list.__iter__(v)]
        if isinstance(v, tuple):
            return {"t": [enc(x) for x in tuple.__iter__(v)]}
        if isinstance(v, dict):
            return {"d": [[enc(k), enc(x)] for k, x in dict.items(v)]}
        if isinstance(v, frozenset):
            return {"fs": [enc(x) for x in frozenset.__iter__(v)]}
        if isinstance(v, set):
            return {"s": [enc(x) for x in set.__iter__(v)]}
        if isinstance(v, bytes):
            return {"b": base64.b64encode(bytes(v)).decode()}
        if isinstance(v, bytearray):
            return {"ba": base64.b64encode(bytes(v)).decode()}
        if isinstance(v, complex):
            return {"c": [complex.__complex__(v).real, complex.__complex__(v).imag]}
        if isinstance(v, range):
            return {"rg": [v.start, v.stop, v.step]}
        if isinstance(v, types.ModuleType):
            return dict(handle(v), m=v.__name__)
        if isinstance(v, type) and issubclass(v, BaseException):
            return dict(handle(v), exc=exc_base(v))
        return handle(v)

    def dec(x):
        if isinstance(x, list):
            return [dec(y) for y in x]
        if not isinstance(x, dict):
            return x
        if "r" in x:
            return objs[x["r"]]
        if "cb" in x:
            return callback(x["cb"])
        (k, v), = x.items()
        if k == "i":
            return int(v, 16)
        if k == "t":
            return tuple(dec(y) for y in v)
        if k == "d":
            return {dec(a): dec(b) for a, b in v}
        if k == "s":
            return {dec(y) for y in v}
        if k == "fs":
            return frozenset(dec(y) for y in v)
        if k == "b":
            return base64.b64decode(v)
        if k == "ba":
            return bytearray(base64.b64decode(v))
        if k == "c":
            return complex(v[0], v[1])
        if k == "rg":
            return range(*v)
        raise ValueError("unknown value tag " + k)

    calls = [0]

    def callback(cid):
        def call_test_function(*args, **kwargs):
            calls[0] += 1
            q = calls[0]
            send({"q": q, "op": "call", "t": cid, "p": [enc(a) for a in args],
                  "k": {k: enc(v) for k, v in kwargs.items()}})
            m = serve(q)
            if "x" in m:
                t = getattr(builtins, m["x"]["t"], None)
                if isinstance(t, type) and issubclass(t, Exception):
                    raise t(m["x"]["m"])
                raise RuntimeError(m["x"]["t"] + ": " + m["x"]["m"])
            return dec(m["v"])
        return call_test_function

    g = {"__name__": "__main__", "__builtins__": builtins}
    compare = {"eq": lambda a, b: a == b, "ne": lambda a, b: a != b, "lt": lambda a, b: a < b,
               "le": lambda a, b: a <= b, "gt": lambda a, b: a > b, "ge": lambda a, b: a >= b}

    def answer(m):
        op = m["op"]
        if op == "globals":
            out = {}
            for name, v in list(g.items()):
                if name.startswith("__") and name.endswith("__"):
                    continue
                try:
                    out[name] = enc(v)
                except BaseException:
                    out[name] = handle(v)
            return {"v": out}
        t = objs[m["t"]]
        if op == "call":
            args = [dec(a) for a in m["p"]]
            r = t(*args, **{k: dec(v) for k, v in m["k"].items()})
            back = []
            for a in args:
                try:
                    back.append(enc(a) if isinstance(a, (list, dict, set)) else None)
                except BaseException:
                    back.append(None)
            return {"v": enc(r), "w": back}
        if op == "getattr":
            return {"v": enc(getattr(t, m["n"]))}
        if op == "setattr":
            setattr(t, m["n"], dec(m["v"]))
            return {"v": None}
        if op == "iter":
            return {"v": enc(iter(t))}
        if op == "next":
            return {"v": enc(next(t))}
        if op == "len":
            return {"v": enc(len(t))}
        if op == "getitem":
            return {"v": enc(t[dec(m["k"])])}
        if op == "setitem":
            t[dec(m["k"])] = dec(m["v"])
            return {"v": None}
        if op == "contains":
            return {"v": enc(dec(m["k"]) in t)}
        if op == "bool":
            return {"v": enc(bool(t))}
        if op == "isinstance":
            return {"v": enc(isinstance(dec(m["o"]), t))}
        if op == "str":
            return {"v": enc(str(t))}
        if op == "repr":
            return {"v": enc(repr(t))}
        if op in compare:
            return {"v": enc(compare[op](t, dec(m["o"])))}
        raise ValueError("unknown request " + str(op)[:50])

    def serve(waiting=None):
        while True:
            m = recv()
            if "a" in m:
                if m["a"] == waiting:
                    return m
                continue
            rec = Recorder(sys.stdout) if waiting is None else None
            if rec is not None:
                sys.stdout = rec
            try:
                out = answer(m)
            except BaseException as e:
                out = {"x": describe(e)}
            if rec is not None:
                if sys.stdout is rec:
                    sys.stdout = rec.real
                if rec.parts:
                    out["o"] = "".join(rec.parts)[: 1 << 20]
            out["a"] = m["q"]
            try:
                send(out)
            except (ValueError, TypeError, RecursionError) as e:
                send({"a": m["q"], "x": describe(e)})

    with open(cfg["solution"], encoding="utf-8") as f:
        src = f.read()
    try:
        code = compile(src, cfg["solution"], "exec")
    except (SyntaxError, ValueError) as e:
        send({"compile": (type(e).__name__ + ": " + str(e))[:2000], "line": getattr(e, "lineno", None)})
        exit_(3)
    import random
    random.seed(cfg["seed"])
    try:
        exec(code, g)
        if cfg.get("setup"):
            exec(compile(cfg["setup"], "<test setup>", "exec"), g)
    except SystemExit as e:
        send({"error": {"t": "SystemExit", "m": "the program exited (code %r) before the tests ran" % (e.code,)}})
        exit_(1)
    except BaseException as e:
        send({"error": describe(e)})
        exit_(1)
    send({"ready": True})
    serve()


_rk_serve()
`;
