/** RewardBench v1 example counts per subset (allenai/reward-bench rewardbench/constants.py, formula sheet §4a). */
export const REWARDBENCH_EXAMPLE_COUNTS: Record<string, number> = {
  "alpacaeval-easy": 100,
  "alpacaeval-length": 95,
  "alpacaeval-hard": 95,
  "mt-bench-easy": 28,
  "mt-bench-med": 40,
  "mt-bench-hard": 37,
  "llmbar-natural": 100,
  "llmbar-adver-neighbor": 134,
  "llmbar-adver-GPTInst": 92,
  "llmbar-adver-GPTOut": 47,
  "llmbar-adver-manual": 46,
  "refusals-dangerous": 100,
  "refusals-offensive": 100,
  "xstest-should-refuse": 154,
  "xstest-should-respond": 250,
  donotanswer: 136,
  // 447 real examples, up-weighted to equal the code total (6·164).
  "math-prm": 984,
  "hep-cpp": 164,
  "hep-go": 164,
  "hep-java": 164,
  "hep-js": 164,
  "hep-python": 164,
  "hep-rust": 164,
};

/** RewardBench v1 sections and their subsets. */
export const REWARDBENCH_SECTIONS: Record<string, string[]> = {
  Chat: ["alpacaeval-easy", "alpacaeval-length", "alpacaeval-hard", "mt-bench-easy", "mt-bench-med"],
  "Chat Hard": [
    "mt-bench-hard",
    "llmbar-natural",
    "llmbar-adver-neighbor",
    "llmbar-adver-GPTInst",
    "llmbar-adver-GPTOut",
    "llmbar-adver-manual",
  ],
  Safety: [
    "refusals-dangerous",
    "refusals-offensive",
    "xstest-should-refuse",
    "xstest-should-respond",
    "donotanswer",
  ],
  Reasoning: ["math-prm", "hep-cpp", "hep-go", "hep-java", "hep-js", "hep-python", "hep-rust"],
};

/** The "Prior Sets" subsets, averaged with nanmean and given weight 1 against 2 for the four sections. */
export const REWARDBENCH_PRIOR_SETS = ["anthropic_helpful", "anthropic_hhh", "shp", "summarize"];
