"""Trainer contracts as recorded facts from the trainers' own code, checked against the shims and a real server
(URL in REWARDKIT_TEST_URL; specs ``demo`` and ``partial`` as in test_client.py). The run of that code itself is
test/conformance/trainers/run-upstream.py; what it showed is in docs/conformance/trainers.md.

TRL f2cd57710ae345ea6428ae95363267fcf38a3dc8:
- trl/trainer/grpo_trainer.py ``_calculate_rewards``: every function is called with keyword arguments; ``None``
  becomes NaN; a row where every function is NaN is reported as unscorable; the total is
  ``(rewards_per_func * reward_weights).nansum(dim=1)``; async functions are found with
  ``inspect.iscoroutinefunction`` and awaited together.
- trl/trainer/utils.py ``get_callable_name``: unwraps ``functools.partial``, then ``__name__`` or the type's name.
- trl/experimental/async_grpo/async_rollout_worker.py: ``AsyncRolloutWorker.start`` pickles the reward functions;
  ``_score_group`` sums functions with ``np.nansum`` without weights, an all-NaN row gets reward NaN.
verl b178a3cd56f58b2d502255daba591e92833930a7:
- verl/trainer/ppo/reward.py ``get_custom_reward_fn``: ``inspect.iscoroutinefunction`` picks the async wrapper.
- verl/workers/reward_manager/naive.py (legacy): ``score = self.compute_score(...)`` called synchronously; a dict's
  ``"score"`` is the reward and every key is appended to ``reward_extra_info[key]``.
- verl/experimental/reward_loop/reward_manager/naive.py: awaits the function when it is a coroutine function.
OpenRLHF 3c3be6234e0cb353e76bb8019947db9dfe99fca7, file form (examples/python/reward_func.py contract):
``reward_func(queries, prompts, labels)`` returns ``{"rewards", "scores", "extra_logs"}`` as float tensors.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import math
import os
import pickle
import sys
import unittest
from collections import defaultdict

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from rewardkit_client import RewardClient  # noqa: E402
from rewardkit_client.openrlhf import make_reward_func  # noqa: E402
from rewardkit_client.trl import trl_reward_funcs, trl_reward_weights  # noqa: E402
from rewardkit_client.verl import make_compute_score  # noqa: E402

URL = os.environ.get("REWARDKIT_TEST_URL")
GOOD = "<think>2+2 is 4</think><answer>4</answer>"
BAD = "<think>hm</think><answer>5</answer>"


def get_callable_name(func):  # the rule of trl/trainer/utils.py (f2cd577)
    while isinstance(func, functools.partial):
        func = func.func
    return getattr(func, "__name__", type(func).__name__)


def calculate_rewards(funcs, kwargs):
    """TRL's per-function call and None → NaN (rows: items, columns: functions)."""
    cols = []
    for f in funcs:
        out = asyncio.run(f(**kwargs)) if inspect.iscoroutinefunction(f) else f(**kwargs)
        cols.append([math.nan if r is None else float(r) for r in out])
    return [list(row) for row in zip(*cols)]


def nansum(row, weights=None):
    weights = weights or [1.0] * len(row)
    return sum(w * r for w, r in zip(weights, row) if not math.isnan(r))


@unittest.skipUnless(URL, "set REWARDKIT_TEST_URL to a running rewardkit server")
class TrlContract(unittest.TestCase):
    kwargs = dict(
        prompts=["2+2?"] * 3,
        completions=[GOOD, GOOD, BAD],
        completion_ids=[[1], [2], [3]],
        reference=["4", None, "4"],
        log_metric=lambda *a: None,
    )

    def test_failed_item_is_an_unscorable_row_not_a_zero(self):
        for asynchronous in (False, True):
            funcs = trl_reward_funcs(URL, components=["format", "correct"], spec="partial", asynchronous=asynchronous)
            rows = calculate_rewards(funcs, self.kwargs)
            self.assertTrue(all(math.isnan(x) for x in rows[1]), rows)
            self.assertEqual(rows[0], [1.5, 1.0, 1.0])
            self.assertEqual(rows[2], [0.5, 1.0, 0.0])
            weights = trl_reward_weights(funcs)
            self.assertEqual([nansum(r, weights) for r in (rows[0], rows[2])], [1.5, 0.5])

    def test_names_and_coroutine_detection_survive_pickling(self):
        for asynchronous in (False, True):
            funcs = trl_reward_funcs(RewardClient(URL, spec="demo"), components=["correct"], asynchronous=asynchronous)
            # AsyncRolloutWorker.start: pickle.dumps(loop_kwargs) before spawning the child.
            copies = pickle.loads(pickle.dumps({"reward_funcs": funcs}))["reward_funcs"]
            self.assertEqual([get_callable_name(f) for f in copies], ["demo", "correct"])
            self.assertEqual([inspect.iscoroutinefunction(f) for f in copies], [asynchronous] * 2)

    def test_async_trainer_recipe_total_alone(self):
        # _score_group: np.nansum over functions without weights. The total alone gives the spec's own reward;
        # a failed item is all NaN (reward NaN, advantage 0), never 0.
        funcs = trl_reward_funcs(URL, spec="partial")
        rows = calculate_rewards(funcs, self.kwargs)
        self.assertEqual([rows[0][0], rows[2][0]], [1.5, 0.5])
        self.assertTrue(math.isnan(rows[1][0]))
        # Total plus components under an unweighted sum would double count: 1.5 + 1.0 + 1.0.
        both = calculate_rewards(trl_reward_funcs(URL, components=["format", "correct"], spec="partial"), self.kwargs)
        self.assertEqual(nansum(both[0]), 3.5)


@unittest.skipUnless(URL, "set REWARDKIT_TEST_URL to a running rewardkit server")
class VerlContract(unittest.TestCase):
    def test_legacy_manager_sync_call_same_keys_every_sample(self):
        cs = make_compute_score(URL, spec="demo", components=["correct", "format"])
        self.assertFalse(inspect.iscoroutinefunction(cs))
        reward_extra_info = defaultdict(list)
        rewards = []
        for sol in (GOOD, BAD, "no answer"):
            score = cs(data_source="openai/gsm8k", solution_str=sol, ground_truth="4", extra_info={"num_turns": None})
            self.assertIsInstance(score, dict)
            rewards.append(score["score"])
            for k, v in score.items():
                reward_extra_info[k].append(v)
        self.assertEqual(rewards, [1.5, 0.5, 0.0])
        self.assertEqual({len(v) for v in reward_extra_info.values()}, {3})
        self.assertTrue(all(isinstance(x, float) for v in reward_extra_info.values() for x in v))

    def test_async_function_needs_the_reward_loop(self):
        cs = make_compute_score(URL, spec="demo", components=["correct"], asynchronous=True)
        self.assertTrue(inspect.iscoroutinefunction(cs))
        # Legacy manager: called without await → a coroutine, not a score (docs: use compute_score there).
        c = cs(data_source="d", solution_str=GOOD, ground_truth="4")
        self.assertTrue(inspect.iscoroutine(c))
        # Reward loop: awaited.
        self.assertEqual(asyncio.run(c)["score"], 1.5)


@unittest.skipUnless(URL, "set REWARDKIT_TEST_URL to a running rewardkit server")
class OpenRLHFFileFormContract(unittest.TestCase):
    def test_floats_for_an_all_integer_batch(self):
        rf = make_reward_func(RewardClient(URL), spec="demo")
        out = rf([GOOD, "<answer>4</answer>"], ["", ""], ["4", "4"])
        rewards = out["rewards"].tolist() if hasattr(out["rewards"], "tolist") else out["rewards"]
        self.assertEqual(rewards, [1.5, 1.0])
        if not hasattr(out["rewards"], "dtype"):
            for series in [out["rewards"], out["scores"], *out["extra_logs"].values()]:
                self.assertTrue(all(isinstance(x, float) for x in series), series)


if __name__ == "__main__":
    unittest.main()
