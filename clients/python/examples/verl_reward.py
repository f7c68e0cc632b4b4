# verl custom reward file: reward.custom_reward_function.path=<this file>, name=compute_score.
# compute_score (sync) works with every reward manager; compute_score_async only with the Reward Loop managers
# (verl/experimental/reward_loop), which await it; the legacy managers would get an unawaited coroutine.
# Configure with REWARDKIT_URL (comma-separated servers), REWARDKIT_SPEC and REWARDKIT_COMPONENTS.
from rewardkit_client.verl import compute_score, compute_score_async  # noqa: F401
