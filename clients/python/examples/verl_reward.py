# verl custom reward file: reward.custom_reward_function.path=<this file>, name=compute_score (or compute_score_async).
# Configure with REWARDKIT_URL (comma-separated servers), REWARDKIT_SPEC and REWARDKIT_COMPONENTS.
from rewardkit_client.verl import compute_score, compute_score_async  # noqa: F401
