"""TRL ``GRPOTrainer`` reward functions backed by a rewardkit server.

TRL logs every reward function as ``rewards/{__name__}/mean``. To log each component of a spec separately while
training on the spec's own total, use one function for the total (weight 1) and one per component (weight 0)::

    from rewardkit_client import RewardClient
    from rewardkit_client.trl import trl_reward_funcs, trl_reward_weights

    client = RewardClient("http://127.0.0.1:8000", spec="math")
    funcs = trl_reward_funcs(client, components=["correct", "format"])   # [total, correct, format]
    trainer = GRPOTrainer(..., reward_funcs=funcs,
                          args=GRPOConfig(..., reward_weights=trl_reward_weights(funcs)))

The functions share one server call per batch. ``None`` (TRL's "does not apply") is returned for a component
that did not apply and, from every function (total and components alike), for an item that failed: TRL's
NaN-aware aggregation then leaves the item out instead of training on a 0. Failures are counted with
``log_metric("rewardkit/errors", n)`` when TRL passes ``log_metric``, and warned about otherwise.

Dataset columns other than the reference travel as ``meta``; a non-finite number there (NaN, inf, which JSON
cannot carry) is dropped from that item's ``meta`` with one warning naming the column.

The functions pickle (TRL's ``AsyncGRPOTrainer`` sends them to a spawned process). That trainer sums every
function with weight 1 (``np.nansum``, no ``reward_weights``), so give it the total alone::

    trainer = AsyncGRPOTrainer(..., reward_funcs=trl_reward_funcs(client, total=True))

or components alone (``total=False``) when the spec's total is their plain sum.
"""

from __future__ import annotations

import asyncio
import math
import threading
import types
import warnings
from typing import Any, Callable, Dict, List, Optional, Sequence, Union

from ._memo import BatchMemo
from .client import RewardClient

__all__ = ["trl_reward_funcs", "trl_reward_weights", "trl_rollouts", "RewardFunc", "AsyncRewardFuncs"]

REFERENCE_COLUMNS = ("reference", "solution", "answer", "ground_truth", "label")
_SKIP = {"prompts", "completions", "completion_ids", "trainer_state", "log_extra", "log_metric", "environments"}


def _finite(v: Any) -> bool:
    """False when ``v`` holds a float JSON cannot carry (NaN, inf), at any depth."""
    if isinstance(v, float):
        return math.isfinite(v)
    if isinstance(v, dict):
        return all(_finite(x) for x in v.values())
    if isinstance(v, (list, tuple)):
        return all(_finite(x) for x in v)
    return True


def trl_rollouts(
    prompts: Sequence[Any],
    completions: Sequence[Any],
    reference_column: Optional[str],
    kwargs: Dict[str, Any],
    dropped: Optional[Dict[str, int]] = None,
) -> List[Dict[str, Any]]:
    """Builds rollouts from TRL's keyword arguments (plain text or conversational, dataset columns as lists).

    A column value holding NaN or inf is left out of that item's ``meta``; ``dropped`` counts them per column.
    """
    col = reference_column
    if col is None:
        col = next((c for c in REFERENCE_COLUMNS if c in kwargs), None)
    refs = kwargs.get(col) if col else None
    out = []
    for i, completion in enumerate(completions):
        r: Dict[str, Any] = {"completion": completion}
        if prompts is not None and i < len(prompts):
            r["prompt"] = prompts[i]
        if refs is not None:
            r["reference"] = refs[i]
        meta = {}
        for k, v in kwargs.items():
            if k in _SKIP or k == col or not isinstance(v, (list, tuple)) or len(v) != len(completions):
                continue
            x = v[i]
            if not isinstance(x, (str, int, float, bool, type(None), dict, list)):
                continue
            if not _finite(x):
                if dropped is not None:
                    dropped[k] = dropped.get(k, 0) + 1
                continue
            meta[k] = x
        if meta:
            r["meta"] = meta
        out.append(r)
    return out


def _value(result: Dict[str, Any], component: Optional[str]) -> Optional[float]:
    if result.get("error"):
        return None  # a failed item does not apply to any function: TRL skips it instead of training on 0
    if component is None:
        v = result.get("score")
    else:
        v = (result.get("components") or {}).get(component)
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


class _Batch:
    """What the functions of one ``trl_reward_funcs`` call share: the client and one server call per batch."""

    def __init__(self, client: RewardClient, spec: Optional[str], reference_column: Optional[str]):
        self.client = client
        self.spec = spec
        self.reference_column = reference_column
        self._init_state()

    def _init_state(self) -> None:
        self._memo = BatchMemo()
        self._lock = threading.Lock()
        self._reported: set = set()
        self._warned_columns: set = set()

    def __getstate__(self) -> Dict[str, Any]:
        return {"client": self.client, "spec": self.spec, "reference_column": self.reference_column}

    def __setstate__(self, state: Dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._init_state()

    def results(self, prompts: Any, completions: Any, kwargs: Dict[str, Any]) -> List[Dict[str, Any]]:
        ts = kwargs.get("trainer_state")
        step = getattr(ts, "global_step", None)
        dropped: Dict[str, int] = {}
        rollouts = trl_rollouts(prompts, completions, self.reference_column, kwargs, dropped)
        with self._lock:
            new = [c for c in sorted(dropped) if c not in self._warned_columns]
            self._warned_columns.update(new)
        for c in new:
            warnings.warn(
                f"rewardkit: column {c!r} holds NaN or infinite values; they are left out of the rollouts' meta "
                "(JSON cannot carry them)",
                stacklevel=3,
            )
        payload = {"rollouts": rollouts, "spec": self.spec, "step": step}
        results = self._memo.get(payload, lambda: self.client.score(rollouts, spec=self.spec, step=step))
        with self._lock:
            first = id(results) not in self._reported
            if first:
                self._reported.add(id(results))
                if len(self._reported) > 64:
                    self._reported = {id(results)}
        if first:
            errors = sum(1 for r in results if r.get("error"))
            if errors:
                log_metric = kwargs.get("log_metric")
                if callable(log_metric):
                    log_metric("rewardkit/errors", float(errors))
                else:
                    e = next(r["error"] for r in results if r.get("error"))
                    warnings.warn(f"rewardkit: {errors}/{len(results)} rollouts failed to score ({e})", stacklevel=3)
        return results


class RewardFunc:
    """One TRL reward function (the spec's total, or one component), named ``__name__`` for TRL's logs.

    Picklable; TRL calls it with keyword arguments and gets ``list[float | None]``.
    """

    def __init__(self, batch: _Batch, component: Optional[str], name: str):
        self._batch = batch
        self.rewardkit_component = component
        self.__name__ = name
        self.__qualname__ = name

    def __call__(self, prompts: Any = None, completions: Any = None, **kwargs: Any) -> List[Optional[float]]:
        return [_value(r, self.rewardkit_component) for r in self._batch.results(prompts, completions, kwargs)]

    def __repr__(self) -> str:
        return f"<rewardkit reward function {self.__name__}>"


async def _async_template(self, prompts=None, completions=None, _component=None, **kwargs):  # type: ignore[no-untyped-def]
    results = await asyncio.to_thread(self._rk_batch.results, prompts, completions, kwargs)
    return [_value(r, _component) for r in results]


class AsyncRewardFuncs:
    """Holds ``async def`` reward functions as bound methods named after the function (``getattr(h, name)``).

    A bound method is what TRL can both detect as a coroutine function and pickle (it pickles as
    ``getattr(holder, name)``), and its ``__name__`` is the name TRL logs under.
    """

    def __init__(self, batch: _Batch, table: Dict[str, Optional[str]]):
        self._rk_batch = batch
        self._rk_table = dict(table)

    def __getattr__(self, name: str) -> Any:
        table = self.__dict__.get("_rk_table")
        if table is None or name not in table:
            raise AttributeError(name)
        fn = types.FunctionType(
            _async_template.__code__, _async_template.__globals__, name, (None, None, table[name])
        )
        fn.__qualname__ = name
        fn.__kwdefaults__ = None
        method = types.MethodType(fn, self)
        return method


def trl_reward_funcs(
    client: Union[RewardClient, str, Sequence[str]],
    components: Sequence[str] = (),
    *,
    spec: Optional[str] = None,
    total: bool = True,
    total_name: Optional[str] = None,
    reference_column: Optional[str] = None,
    asynchronous: bool = False,
) -> List[Callable[..., Any]]:
    """Reward functions for TRL: the spec's total (unless ``total=False``) then one per component, each named so
    TRL logs ``rewards/{name}``. ``asynchronous=True`` returns ``async def`` functions (TRL runs them together).
    Every function pickles."""
    if not isinstance(client, RewardClient):
        client = RewardClient(client, spec=spec)
    batch = _Batch(client, spec, reference_column)
    wanted: List[tuple] = []
    if total:
        wanted.append((None, total_name or spec or client.spec or "rewardkit"))
    for c in components:
        wanted.append((c, c))
    if not asynchronous:
        return [RewardFunc(batch, c, name) for c, name in wanted]
    holder = AsyncRewardFuncs(batch, {name: c for c, name in wanted})
    funcs = []
    for c, name in wanted:
        f = getattr(holder, name)
        funcs.append(f)
    return funcs


def trl_reward_weights(funcs: Sequence[Callable[..., Any]]) -> List[float]:
    """``reward_weights`` for ``trl_reward_funcs``: 1 for the total, 0 for components (logged, not trained on)."""
    return [1.0 if _component_of(f) is None else 0.0 for f in funcs]


def _component_of(f: Any) -> Optional[str]:
    if isinstance(f, RewardFunc):
        return f.rewardkit_component
    holder = getattr(f, "__self__", None)
    if isinstance(holder, AsyncRewardFuncs):
        return holder._rk_table.get(f.__name__)
    return getattr(f, "rewardkit_component", None)
