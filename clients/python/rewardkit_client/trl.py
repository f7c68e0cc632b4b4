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
that did not apply and for a failed item; failures are counted with ``log_metric("rewardkit/errors", n)`` when TRL
passes ``log_metric``, and warned about otherwise, so they are never a silent 0.
"""

from __future__ import annotations

import asyncio
import warnings
from typing import Any, Callable, Dict, List, Optional, Sequence, Union

from ._memo import BatchMemo
from .client import RewardClient

__all__ = ["trl_reward_funcs", "trl_reward_weights", "trl_rollouts"]

REFERENCE_COLUMNS = ("reference", "solution", "answer", "ground_truth", "label")
_SKIP = {"prompts", "completions", "completion_ids", "trainer_state", "log_extra", "log_metric", "environments"}


def trl_rollouts(
    prompts: Sequence[Any], completions: Sequence[Any], reference_column: Optional[str], kwargs: Dict[str, Any]
) -> List[Dict[str, Any]]:
    """Builds rollouts from TRL's keyword arguments (plain text or conversational, dataset columns as lists)."""
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
        meta = {
            k: v[i]
            for k, v in kwargs.items()
            if k not in _SKIP and k != col and isinstance(v, (list, tuple)) and len(v) == len(completions)
            and isinstance(v[i], (str, int, float, bool, type(None), dict, list))
        }
        if meta:
            r["meta"] = meta
        out.append(r)
    return out


def _value(result: Dict[str, Any], component: Optional[str]) -> Optional[float]:
    if component is None:
        v = result.get("score")
    else:
        v = (result.get("components") or {}).get(component)
    return float(v) if isinstance(v, (int, float)) else None


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
    TRL logs ``rewards/{name}``. ``asynchronous=True`` returns ``async def`` functions (TRL runs them together)."""
    if not isinstance(client, RewardClient):
        client = RewardClient(client, spec=spec)
    memo = BatchMemo()
    state = {"step": None}

    def batch(prompts: Any, completions: Any, kwargs: Dict[str, Any]) -> List[Dict[str, Any]]:
        ts = kwargs.get("trainer_state")
        step = getattr(ts, "global_step", None)
        rollouts = trl_rollouts(prompts, completions, reference_column, kwargs)
        payload = {"rollouts": rollouts, "spec": spec, "step": step}
        results = memo.get(payload, lambda: client.score(rollouts, spec=spec, step=step))
        if state["step"] != (step, id(results)):
            state["step"] = (step, id(results))
            errors = sum(1 for r in results if r.get("error"))
            if errors:
                log_metric = kwargs.get("log_metric")
                if callable(log_metric):
                    log_metric("rewardkit/errors", float(errors))
                else:
                    first = next(r["error"] for r in results if r.get("error"))
                    warnings.warn(f"rewardkit: {errors}/{len(results)} rollouts failed to score ({first})")
        return results

    def make(component: Optional[str], name: str) -> Callable[..., Any]:
        if asynchronous:

            async def fn(prompts=None, completions=None, **kwargs):  # type: ignore[no-untyped-def]
                results = await asyncio.to_thread(batch, prompts, completions, kwargs)
                return [_value(r, component) for r in results]

        else:

            def fn(prompts=None, completions=None, **kwargs):  # type: ignore[no-untyped-def]
                return [_value(r, component) for r in batch(prompts, completions, kwargs)]

        fn.__name__ = name
        fn.__qualname__ = name
        fn.rewardkit_component = component  # type: ignore[attr-defined]
        return fn

    funcs = []
    if total:
        funcs.append(make(None, total_name or spec or client.spec or "rewardkit"))
    for c in components:
        funcs.append(make(c, c))
    return funcs


def trl_reward_weights(funcs: Sequence[Callable[..., Any]]) -> List[float]:
    """``reward_weights`` for ``trl_reward_funcs``: 1 for the total, 0 for components (logged, not trained on)."""
    return [1.0 if getattr(f, "rewardkit_component", None) is None else 0.0 for f in funcs]
