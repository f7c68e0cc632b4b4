"""verl custom reward function backed by a rewardkit server.

verl loads the reward function from a file path, so point it at a two-line file (``examples/verl_reward.py``)::

    from rewardkit_client.verl import compute_score  # noqa: F401

(``reward.custom_reward_function.path=examples/verl_reward.py``, ``name=compute_score``) and set ``REWARDKIT_URL`` (comma-separated for several servers), optionally ``REWARDKIT_SPEC`` and
``REWARDKIT_COMPONENTS`` (comma-separated component names). Or build your own::

    from rewardkit_client.verl import make_compute_score
    compute_score = make_compute_score("http://127.0.0.1:8000", spec="math", components=["correct", "format"])

Every call returns a dict with the same keys — ``score``, each component, ``rewardkit_error`` and
``rewardkit_not_applicable`` — because verl aggregates ``reward_extra_info`` per key and mixing shapes breaks it.
A failed or non-applicable item scores ``fill`` (default 0.0) and is flagged, never silently.
"""

from __future__ import annotations

import asyncio
import os
import threading
from typing import Any, Callable, Dict, List, Optional, Sequence, Union

from .client import RewardClient

__all__ = ["make_compute_score", "compute_score", "compute_score_async"]


def make_compute_score(
    client: Union[RewardClient, str, Sequence[str]],
    *,
    spec: Optional[str] = None,
    components: Optional[Sequence[str]] = None,
    fill: float = 0.0,
    asynchronous: bool = False,
) -> Callable[..., Any]:
    """A ``compute_score(data_source, solution_str, ground_truth, extra_info=None, **kwargs) -> dict``.

    Without ``components``, the key set is fixed by the first response (later samples fill missing keys with
    ``fill``); pass ``components`` for a key set known before the first call.
    """
    if not isinstance(client, RewardClient):
        client = RewardClient(client, spec=spec)
    keys: Dict[str, Optional[List[str]]] = {"components": list(components) if components is not None else None}
    lock = threading.Lock()

    def to_dict(result: Dict[str, Any]) -> Dict[str, float]:
        comps = result.get("components") or {}
        with lock:
            if keys["components"] is None:
                keys["components"] = sorted(comps.keys())
            names = keys["components"]
        score = result.get("score")
        ok = isinstance(score, (int, float))
        out: Dict[str, float] = {"score": float(score) if ok else float(fill)}
        for k in names:
            v = comps.get(k)
            out[k] = float(v) if isinstance(v, (int, float)) else float(fill)
        out["rewardkit_error"] = 1.0 if result.get("error") else 0.0
        out["rewardkit_not_applicable"] = 1.0 if (not ok and not result.get("error")) else 0.0
        return out

    def rollout(data_source: Any, solution_str: str, ground_truth: Any, extra_info: Any) -> Dict[str, Any]:
        r: Dict[str, Any] = {"completion": solution_str, "reference": ground_truth}
        meta: Dict[str, Any] = {"data_source": data_source}
        if isinstance(extra_info, dict):
            meta["extra_info"] = {k: v for k, v in extra_info.items() if _jsonable(v)}
        r["meta"] = meta
        return r

    def sync_fn(data_source, solution_str, ground_truth, extra_info=None, **kwargs):  # type: ignore[no-untyped-def]
        return to_dict(client.score([rollout(data_source, solution_str, ground_truth, extra_info)], spec=spec)[0])

    async def async_fn(data_source, solution_str, ground_truth, extra_info=None, **kwargs):  # type: ignore[no-untyped-def]
        return await asyncio.to_thread(sync_fn, data_source, solution_str, ground_truth, extra_info)

    return async_fn if asynchronous else sync_fn


def _jsonable(v: Any) -> bool:
    return isinstance(v, (str, int, float, bool, type(None), list, dict))


def _from_env(asynchronous: bool) -> Callable[..., Any]:
    url = os.environ.get("REWARDKIT_URL", "http://127.0.0.1:8000")
    comps = os.environ.get("REWARDKIT_COMPONENTS")
    return make_compute_score(
        [u for u in url.split(",") if u.strip()],
        spec=os.environ.get("REWARDKIT_SPEC") or None,
        components=[c.strip() for c in comps.split(",") if c.strip()] if comps else None,
        asynchronous=asynchronous,
    )


_default: Dict[str, Callable[..., Any]] = {}


def compute_score(data_source, solution_str, ground_truth, extra_info=None, **kwargs):  # type: ignore[no-untyped-def]
    """verl entry point configured from ``REWARDKIT_URL`` / ``REWARDKIT_SPEC`` / ``REWARDKIT_COMPONENTS``."""
    fn = _default.setdefault("sync", _from_env(False))
    return fn(data_source, solution_str, ground_truth, extra_info)


async def compute_score_async(data_source, solution_str, ground_truth, extra_info=None, **kwargs):  # type: ignore[no-untyped-def]
    """The same as ``compute_score``, as ``async def``: for verl's Reward Loop managers only, which detect and await
    it; the legacy managers (``verl/workers/reward_manager``) call it without awaiting, so use ``compute_score`` there."""
    fn = _default.setdefault("async", _from_env(True))
    return await fn(data_source, solution_str, ground_truth, extra_info)
