"""OpenRLHF reward function (the ``reward_func`` file form) backed by a rewardkit server.

The URL form needs no Python: ``--reward.remote_url http://127.0.0.1:8000/get_reward`` (older releases:
``--remote_rm_url``); add ``/get_reward/<spec>`` to pick a spec, and list several URLs comma-separated.

The file form: pass a file such as ``examples/openrlhf_reward_func.py`` containing::

    from rewardkit_client.openrlhf import reward_func  # noqa: F401

with ``REWARDKIT_URL`` (comma-separated for several servers) and optionally ``REWARDKIT_SPEC`` set.
It returns ``{"rewards", "scores", "extra_logs"}`` as torch tensors when torch is importable (OpenRLHF's
environment), else as lists.
"""

from __future__ import annotations

import os
from typing import Any, Dict, Optional, Sequence

from .client import RewardClient

__all__ = ["reward_func", "make_reward_func"]


def _tensor(x: Any) -> Any:
    try:
        import torch  # type: ignore[import-not-found]
    except ImportError:
        return x
    return torch.tensor(x, dtype=torch.float32)


def make_reward_func(client: RewardClient, spec: Optional[str] = None):  # type: ignore[no-untyped-def]
    """``reward_func(queries, prompts, labels, **kwargs) -> {rewards, scores, extra_logs}`` over ``/get_reward``."""

    def reward_func(queries: Sequence[str], prompts: Sequence[str], labels: Sequence[Any], **kwargs: Any) -> Dict[str, Any]:
        out = client.get_reward(list(queries), list(prompts), list(labels), spec=spec)
        return {
            "rewards": _tensor(out["rewards"]),
            "scores": _tensor(out.get("scores", out["rewards"])),
            "extra_logs": {k: _tensor(v) for k, v in out.get("extra_logs", {}).items()},
        }

    return reward_func


_client: Dict[str, Any] = {}


def reward_func(queries: Sequence[str], prompts: Sequence[str], labels: Sequence[Any], **kwargs: Any) -> Dict[str, Any]:
    """OpenRLHF entry point configured from ``REWARDKIT_URL`` and ``REWARDKIT_SPEC``."""
    if "fn" not in _client:
        urls = [u for u in os.environ.get("REWARDKIT_URL", "http://127.0.0.1:8000").split(",") if u.strip()]
        _client["fn"] = make_reward_func(RewardClient(urls), os.environ.get("REWARDKIT_SPEC") or None)
    return _client["fn"](queries, prompts, labels, **kwargs)
