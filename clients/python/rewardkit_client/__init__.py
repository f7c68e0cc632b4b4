"""Zero-dependency Python client for a rewardkit server, with shims for TRL, verl and OpenRLHF."""

from .client import RewardClient, RewardClientError, RewardServerUnavailable

__all__ = ["RewardClient", "RewardClientError", "RewardServerUnavailable"]
__version__ = "0.1.0"
