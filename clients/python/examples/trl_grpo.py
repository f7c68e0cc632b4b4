# TRL GRPO with rewardkit rewards: the spec's total is trained on, each component is logged as rewards/<name>.
# Run a server first: rewardkit serve --spec math.yaml --port 8000
from datasets import load_dataset
from trl import GRPOConfig, GRPOTrainer

from rewardkit_client import RewardClient
from rewardkit_client.trl import trl_reward_funcs, trl_reward_weights

client = RewardClient("http://127.0.0.1:8000", spec="math")
funcs = trl_reward_funcs(client, components=["correct", "format"], asynchronous=True)
dataset = load_dataset("json", data_files="train.jsonl", split="train")  # columns: prompt, solution
trainer = GRPOTrainer(
    model="Qwen/Qwen2.5-0.5B-Instruct",
    reward_funcs=funcs,
    args=GRPOConfig(output_dir="out", reward_weights=trl_reward_weights(funcs)),
    train_dataset=dataset,
)
trainer.train()

# AsyncGRPOTrainer sums every reward function with weight 1 (no reward_weights): give it the total alone,
#   AsyncGRPOTrainer(..., reward_funcs=trl_reward_funcs(client))
# The functions pickle, as that trainer needs (it sends them to a spawned process).
