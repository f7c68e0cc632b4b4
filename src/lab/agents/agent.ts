/** What an agent sees of one state: a table key and a feature vector. */
export interface Observation {
  /** A string key of what the agent observes (tabular agents). */
  key: string;
  /** The environment's key of the full state (count bonuses, potentials), which may be more than is observed. */
  state: string;
  /** Features for function approximation (one-hot for discrete states). */
  vec: Float64Array;
  /** The reward machine's state, when the runner tracks one. */
  u?: number;
}

/** One transition as the agent learns from it; `reward` is the design's training reward. */
export interface Transition {
  obs: Observation;
  action: number;
  reward: number;
  next: Observation;
  terminated: boolean;
  truncated: boolean;
}

/**
 * A learning agent: `act` picks an action, `observe` receives each transition with the shaped reward,
 * `endEpisode` closes an episode (policy-gradient agents update there).
 * @example const a = qLearning({ actions: 2 }, 1); const act = a.act(obs); a.observe(transition);
 */
export interface Agent {
  readonly id: string;
  act(obs: Observation): number;
  observe(t: Transition): void;
  endEpisode(): void;
  /** The greedy action (no exploration), for evaluation. */
  greedy?(obs: Observation): number;
}
