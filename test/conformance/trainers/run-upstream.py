#!/usr/bin/env python3
"""Runs the trainers' own reward-calling code against a real `rewardkit serve` on 127.0.0.1 (outside CI).

The trainers are not installed: each function below is taken from the trainer's source tree at a named commit
(read with `git show <commit>:<file>`), compiled unchanged, and called with the few collaborators it needs
(torch, numpy, aiohttp, requests; small stand-ins for Ray decorators, loggers and trainer state). What each
step prints is what docs/conformance/trainers.md records.

Usage (see docs/conformance/trainers.md for how the checkouts and Python packages were prepared):

    python3 test/conformance/trainers/run-upstream.py \\
        --openrlhf <OpenRLHF checkout> --verl <verl checkout> --trl <trl checkout> [--rewardkit <repo root>]
"""

from __future__ import annotations

import argparse
import ast
import asyncio
import contextlib
import importlib.util
import inspect
import json
import logging
import math
import os
import pickle
import subprocess
import sys
import tempfile
import threading
import types
from functools import partial

import torch

OPENRLHF_HEAD = "3c3be6234e0cb353e76bb8019947db9dfe99fca7"
OPENRLHF_V090 = "06ab51e75c0e8c5b4d6b66912996b2a611e3dc2f"  # tag v0.9.0
VERL = "b178a3cd56f58b2d502255daba591e92833930a7"
TRL = "f2cd57710ae345ea6428ae95363267fcf38a3dc8"

GOOD = "<think>2+2 is 4</think><answer>4</answer>"
BAD = "<think>hm</think><answer>5</answer>"
SPECS = {
    "correctness": "name: correctness\nreward: {kind: text.exact, name: correct}\n",
    "demo": "name: demo\nreward:\n  kind: sum\n  terms:\n    - {kind: text.exact, name: correct}\n"
    "    - {kind: format.tags, name: format, weight: 0.5}\n",
    "partial": "name: partial\nreward:\n  kind: sum\n  terms:\n    - {kind: format.tags, name: format, weight: 0.5}\n"
    "    - {kind: text.exact, name: correct, missing: error}\n",
}


def source_at(repo: str, commit: str, path: str) -> str:
    return subprocess.run(["git", "-C", repo, "show", f"{commit}:{path}"], check=True, capture_output=True, text=True).stdout


def upstream_def(repo: str, commit: str, path: str, name: str, env: dict, cls: str | None = None):
    """Compiles one top-level function (or a method of `cls`) from the upstream file, unchanged, in `env`."""
    text = source_at(repo, commit, path)
    tree = ast.parse(text)
    body = tree.body
    if cls:
        body = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == cls).body
    node = next(n for n in body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == name)
    node.decorator_list = []
    module = ast.Module(body=[node], type_ignores=[])
    exec(compile(module, f"{repo}@{commit[:8]}:{path}", "exec"), env)
    return env[name]


def report(section: str, what: str, value) -> None:
    print(json.dumps({"section": section, "check": what, "result": value}, default=str))


def start_server(root: str) -> tuple[subprocess.Popen, str]:
    d = tempfile.mkdtemp(prefix="rk-trainers-")
    args = ["node", "--import", "tsx", "src/cli/main.ts", "serve", "--port", "0", "--access-log", "off"]
    for name, text in SPECS.items():
        p = os.path.join(d, f"{name}.yaml")
        with open(p, "w") as f:
            f.write(text)
        args += ["--spec", p]
    proc = subprocess.Popen(args, cwd=root, stderr=subprocess.PIPE, text=True)
    for line in proc.stderr:
        if "serving" in line:
            return proc, line.rsplit(" on ", 1)[1].split()[0]
    raise RuntimeError("server did not start")


# -- OpenRLHF ------------------------------------------------------------------------------------------------------


def openrlhf(repo: str, url: str) -> None:
    log = logging.getLogger("openrlhf")
    # v0.9.0: the HTTP call (remote_rm_utils.request_api_wrapper) and the merge (update_samples_with_rewards).
    import requests

    env = {"requests": requests, "time": __import__("time"), "logger": log}
    request_api_wrapper = upstream_def(repo, OPENRLHF_V090, "openrlhf/utils/remote_rm_utils.py", "request_api_wrapper", env)
    env2 = {"torch": torch}
    update = upstream_def(
        repo, OPENRLHF_V090, "openrlhf/trainer/ppo_utils/experience_maker.py", "update_samples_with_rewards", env2
    )
    for spec, n_urls, queries in [
        ("correctness", 1, [GOOD, BAD]),
        ("correctness", 2, [GOOD]),
        ("demo", 3, [GOOD, BAD]),
        ("demo", 2, [GOOD]),
    ]:
        urls = [f"{url}/get_reward/{spec}"] * n_urls
        labels = ["4"] * len(queries)
        # The split of RemoteRewardModel.get_rewards (v0.9.0): ceil(n / servers) per URL, later URLs may get [].
        size = (len(queries) + n_urls - 1) // n_urls
        infos = [
            request_api_wrapper(u, {"query": queries[i * size : (i + 1) * size], "prompts": [""] * len(queries[i * size : (i + 1) * size]), "labels": labels[i * size : (i + 1) * size]})
            for i, u in enumerate(urls)
        ]
        samples = [types.SimpleNamespace(sequences=[0] * len(queries), info={})]
        case = f"v0.9.0 {spec}, {len(queries)} queries over {n_urls} URLs"
        try:
            update(infos, samples)
            r = samples[0].rewards
            # What the trainer then does with the rewards (advantage normalisation): mean and std.
            stats = (float(r.mean()), float(r.std())) if len(r) > 1 else (float(r.mean()),)
            report("openrlhf", case, {"dtype": str(r.dtype), "rewards": r.tolist(), "mean/std": stats, "extra_logs": sorted(k for k in samples[0].info if k not in ("reward", "score"))})
        except Exception as e:  # noqa: BLE001 - the finding is the exception
            report("openrlhf", case, f"{type(e).__name__}: {e}")

    # HEAD: SingleTurnAgentExecutor._fetch_rewards_via_http, then samples_generator's torch.tensor([reward]).
    import aiohttp

    env3 = {"aiohttp": aiohttp, "asyncio": asyncio, "logger": log}
    fetch = upstream_def(repo, OPENRLHF_HEAD, "openrlhf/utils/agent.py", "_fetch_rewards_via_http", env3, cls="SingleTurnAgentExecutor")
    for spec, n_urls in [("correctness", 1), ("correctness", 2), ("demo", 3)]:
        me = types.SimpleNamespace(reward_endpoints=[f"{url}/get_reward/{spec}"] * n_urls)
        infos = asyncio.run(fetch(me, [GOOD], [""], ["4"]))
        info = infos[0]
        reward_val = info.get("rewards")
        t = torch.tensor([reward_val])
        report(
            "openrlhf",
            f"HEAD {spec}, 1 query over {n_urls} URLs",
            {"answers": [len(i["rewards"]) for i in infos], "reward tensor dtype": str(t.dtype), "empty answers' extra_logs": [sorted(i["extra_logs"]) for i in infos[1:]]},
        )


# -- verl ----------------------------------------------------------------------------------------------------------


def verl(repo: str, url: str, client_dir: str) -> None:
    spec = importlib.util.spec_from_file_location("verl_import_utils", os.path.join(repo, "verl/utils/import_utils.py"))
    # The checkout must be at the recorded commit for this file (the script checks out nothing itself).
    iu = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(iu)
    sys.modules.setdefault("verl", types.ModuleType("verl"))
    sys.modules.setdefault("verl.utils", types.ModuleType("verl.utils"))
    sys.modules["verl.utils.import_utils"] = iu
    env = {"inspect": inspect, "partial": partial}
    for helper in ("_call_with_kwargs", "_call_with_kwargs_async"):
        upstream_def(repo, VERL, "verl/trainer/ppo/reward.py", helper, env)
    get_custom_reward_fn = upstream_def(repo, VERL, "verl/trainer/ppo/reward.py", "get_custom_reward_fn", env)
    os.environ["REWARDKIT_URL"] = url
    os.environ["REWARDKIT_SPEC"] = "demo"
    os.environ["REWARDKIT_COMPONENTS"] = "correct,format"
    sys.path.insert(0, client_dir)
    path = os.path.join(client_dir, "examples", "verl_reward.py")
    for name in ("compute_score", "compute_score_async"):
        with open(path) as f:
            has = name in f.read()
        target = path
        if not has:
            target = os.path.join(tempfile.mkdtemp(), "verl_reward_async.py")
            with open(target, "w") as f:
                f.write(f"from rewardkit_client.verl import {name}  # noqa: F401\n")
        fn = get_custom_reward_fn({"custom_reward_function": {"path": target, "name": name}})
        # Legacy NaiveRewardManager (verl/workers/reward_manager/naive.py): score = self.compute_score(...)
        # called synchronously; a dict's "score" is the reward and every key is appended to reward_extra_info.
        outs = []
        for sol in (GOOD, BAD, "no answer"):
            score = fn(data_source="openai/gsm8k", solution_str=sol, ground_truth="4", extra_info={"num_turns": None, "rollout_reward_scores": {}})
            if inspect.iscoroutine(score):
                score.close()
                outs.append("coroutine (not awaited by the legacy manager)")
            else:
                outs.append(score)
        report("verl", f"legacy naive manager, {name}", outs)
        # Reward loop naive manager (verl/experimental/reward_loop/reward_manager/naive.py): awaits async functions.
        if inspect.iscoroutinefunction(fn.func):
            r = asyncio.run(fn(data_source="openai/gsm8k", solution_str=GOOD, ground_truth="4", extra_info={}))
            report("verl", f"reward loop, {name} (awaited)", r)


# -- TRL -----------------------------------------------------------------------------------------------------------


def trl(repo: str, url: str, client_dir: str) -> None:
    import numpy as np

    sys.path.insert(0, client_dir)
    from rewardkit_client import RewardClient
    from rewardkit_client.trl import trl_reward_funcs, trl_reward_weights

    loop = asyncio.new_event_loop()
    threading.Thread(target=loop.run_forever, daemon=True).start()
    env = {
        "torch": torch,
        "nn": torch.nn,
        "inspect": inspect,
        "asyncio": asyncio,
        "gather": lambda x: x,
        "profiling_context": lambda *_: contextlib.nullcontext(),
        "logger": logging.getLogger("trl"),
        "is_conversational": lambda x: isinstance(x["prompt"], list),
        "apply_chat_template": None,
    }
    calc = upstream_def(repo, TRL, "trl/trainer/grpo_trainer.py", "_calculate_rewards", env, cls="GRPOTrainer")
    logged = {}
    for asynchronous in (False, True):
        funcs = trl_reward_funcs(RewardClient(url), components=["format", "correct"], spec="partial", asynchronous=asynchronous)
        me = types.SimpleNamespace(
            accelerator=types.SimpleNamespace(device="cpu"),
            reward_funcs=funcs,
            reward_processing_classes=[None] * len(funcs),
            reward_func_names=[f.__name__ for f in funcs],
            state=types.SimpleNamespace(global_step=1),
            _log_completion_extra=lambda *a: None,
            _log_metric=lambda k, v: logged.__setitem__(k, v),
            environments=None,
            async_loop=loop,
        )
        inputs = [{"prompt": "2+2?", "reference": r, "difficulty": d} for r, d in (("4", 0.5), (None, float("nan")), ("4", 1.0))]
        case = f"_calculate_rewards, partial spec, {'async' if asynchronous else 'sync'} functions"
        try:
            per_func = calc(me, inputs, ["2+2?"] * 3, [GOOD, GOOD, BAD], [[1]] * 3)
        except Exception as e:  # noqa: BLE001 - the finding is the exception
            report("trl", case, f"{type(e).__name__}: {e}")
            inputs = [{k: v for k, v in x.items() if k != "difficulty"} for x in inputs]
            per_func = calc(me, inputs, ["2+2?"] * 3, [GOOD, GOOD, BAD], [[1]] * 3)
            case += " (without the NaN column)"
        weights = torch.tensor(trl_reward_weights(funcs))
        # GRPOTrainer's aggregation (sum_then_normalize): nansum of weighted functions per row.
        total = (per_func * weights.unsqueeze(0)).nansum(dim=1)
        unscorable = torch.isnan(per_func).all(dim=1).tolist()
        report(
            "trl",
            case,
            {"rewards_per_func": per_func.tolist(), "weighted nansum": total.tolist(), "all-NaN rows (unscorable)": unscorable, "log_metric": dict(logged)},
        )
        # AsyncGRPOTrainer: AsyncRolloutWorker.start pickles the loop kwargs (reward_funcs) for a spawned child.
        try:
            copies = pickle.loads(pickle.dumps({"reward_funcs": funcs}))["reward_funcs"]
            env2 = {"functools": __import__("functools")}
            name_of = upstream_def(repo, TRL, "trl/trainer/utils.py", "get_callable_name", env2)
            report(
                "trl",
                f"pickle round trip ({'async' if asynchronous else 'sync'})",
                {"names": [name_of(f) for f in copies], "coroutine": [inspect.iscoroutinefunction(f) for f in copies]},
            )
        except Exception as e:  # noqa: BLE001
            report("trl", "pickle round trip", f"{type(e).__name__}: {e}")
    # AsyncGRPOTrainer._score_group aggregation: np.nansum over functions (no weights), all-NaN → NaN → advantage 0.
    arr = np.array([[1.5, None, 0.0], [1.0, None, 0.0]], dtype=float)
    report("trl", "async trainer nansum of [total, component] (no weights)", np.nansum(arr, axis=0).tolist())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--openrlhf", required=True)
    ap.add_argument("--verl", required=True)
    ap.add_argument("--trl", required=True)
    ap.add_argument("--rewardkit", default=os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..")))
    a = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    proc, url = start_server(a.rewardkit)
    try:
        report("server", "url", url)
        openrlhf(a.openrlhf, url)
        verl(a.verl, url, os.path.join(a.rewardkit, "clients", "python"))
        trl(a.trl, url, os.path.join(a.rewardkit, "clients", "python"))
    finally:
        proc.terminate()
        proc.wait(timeout=120)


if __name__ == "__main__":
    main()
