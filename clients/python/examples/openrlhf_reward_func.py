# OpenRLHF reward file: --reward.remote_url <this file> (older releases: --remote_rm_url).
# Configure with REWARDKIT_URL (comma-separated servers) and REWARDKIT_SPEC.
from rewardkit_client.openrlhf import reward_func  # noqa: F401
