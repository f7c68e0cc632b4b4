import { z } from "zod";

const envSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("chain"),
    length: z.number().int().min(2).max(1000).default(10),
    distractor: z.number().default(0.01),
    max_steps: z.number().int().positive().optional(),
  }),
  z.strictObject({
    kind: z.literal("bandit"),
    arms: z.number().int().min(2).default(5),
    horizon: z.number().int().positive().default(20),
    probs: z.array(z.number().min(0).max(1)).optional(),
  }),
  z.strictObject({
    kind: z.literal("four_rooms"),
    slip: z.number().min(0).max(1).default(0),
    max_steps: z.number().int().positive().optional(),
  }),
  z.strictObject({
    kind: z.literal("key_door"),
    slip: z.number().min(0).max(1).default(0),
    max_steps: z.number().int().positive().optional(),
  }),
  z.strictObject({
    kind: z.literal("grid"),
    map: z.array(z.string()).min(3),
    slip: z.number().min(0).max(1).default(0),
    max_steps: z.number().int().positive().optional(),
  }),
  z.strictObject({
    kind: z.literal("maze"),
    width: z.number().int().min(2).max(20).default(5),
    height: z.number().int().min(2).max(20).default(5),
    view: z.enum(["global", "local"]).default("local"),
    max_steps: z.number().int().positive().optional(),
  }),
  z.strictObject({ kind: z.literal("point_mass"), max_steps: z.number().int().positive().default(200) }),
  z.strictObject({
    kind: z.literal("tool_use"),
    reward: z.record(z.string(), z.unknown()).default({ kind: "text.exact" }),
    max_steps: z.number().int().positive().default(6),
  }),
]);

const agentSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("q_learning"),
    alpha: z.number().positive().default(0.1),
    gamma: z.number().min(0).max(1).default(0.99),
    epsilon: z.number().min(0).max(1).default(0.1),
    init: z.number().default(0),
  }),
  z.strictObject({
    kind: z.literal("sarsa"),
    alpha: z.number().positive().default(0.1),
    gamma: z.number().min(0).max(1).default(0.99),
    epsilon: z.number().min(0).max(1).default(0.1),
    init: z.number().default(0),
  }),
  z.strictObject({
    kind: z.literal("reinforce"),
    lr: z.number().positive().default(3e-3),
    gamma: z.number().min(0).max(1).default(0.99),
    hidden: z.number().int().positive().default(32),
    entropy: z.number().min(0).default(0.01),
  }),
  z.strictObject({
    kind: z.literal("ppo"),
    lr: z.number().positive().default(3e-3),
    gamma: z.number().min(0).max(1).default(0.99),
    hidden: z.number().int().positive().default(32),
    entropy: z.number().min(0).default(0.01),
    horizon: z.number().int().positive().default(512),
    epochs: z.number().int().positive().default(4),
    clip: z.number().positive().default(0.2),
    lambda: z.number().min(0).max(1).default(0.95),
  }),
  z.strictObject({
    kind: z.literal("hrm"),
    alpha: z.number().positive().default(0.2),
    gamma: z.number().min(0).max(1).default(0.95),
    epsilon: z.number().min(0).max(1).default(0.1),
  }),
  z.strictObject({ kind: z.literal("meta_greedy"), prior_strength: z.number().positive().default(2) }),
]);

const potentialSchema = z.enum(["distance", "machine", "perceptual", "progress"]);

const designSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("sparse"), name: z.string().optional() }),
  z.strictObject({
    kind: z.literal("pbrs"),
    name: z.string().optional(),
    potential: potentialSchema,
    gamma: z.number().min(0).max(1).default(0.99),
    scale: z.number().default(1),
  }),
  z.strictObject({
    kind: z.literal("state_bonus"),
    name: z.string().optional(),
    states: z.array(z.string()).min(1),
    bonus: z.number(),
  }),
  z.strictObject({
    kind: z.literal("count"),
    name: z.string().optional(),
    mode: z.enum(["global", "episodic", "product", "first_visit"]),
    beta: z.number().min(0).default(0.1),
  }),
  z.strictObject({
    kind: z.literal("novelty"),
    name: z.string().optional(),
    beta: z.number().min(0).default(0.5),
    k: z.number().int().positive().default(15),
    latent: z.number().int().positive().default(2),
  }),
  z.strictObject({
    kind: z.literal("oni"),
    name: z.string().optional(),
    base_url: z.string().url(),
    model: z.string().default("labeler"),
    c_ext: z.number().default(10),
    c_llm: z.number().default(0.4),
    beta: z.number().default(3),
  }),
  z.strictObject({
    kind: z.literal("irl"),
    name: z.string().optional(),
    demos: z.number().int().positive().default(5),
    iterations: z.number().int().positive().default(200),
    gamma: z.number().min(0).max(1).default(0.99),
    use: z.enum(["potential", "reward"]).default("potential"),
  }),
  z.strictObject({
    kind: z.literal("preferences"),
    name: z.string().optional(),
    pairs: z.number().int().positive().default(300),
    gamma: z.number().min(0).max(1).default(0.99),
    use: z.enum(["potential", "reward"]).default("potential"),
  }),
  z.strictObject({
    kind: z.literal("weighted"),
    name: z.string().optional(),
    aux: z.array(z.enum(["toward_goal", "away_from_goal", "distractor"])).min(1),
    weights: z.array(z.number()).min(1),
  }),
  z.strictObject({
    kind: z.literal("barfi"),
    name: z.string().optional(),
    aux: z.array(z.enum(["toward_goal", "away_from_goal", "distractor"])).min(1),
    init: z.array(z.number()).optional(),
    iterations: z.number().int().positive().default(3),
    inner_episodes: z.number().int().positive().default(100),
    inner_seeds: z.number().int().positive().default(2),
  }),
]);

/**
 * An experiment: environments × reward designs × agents × seeds, each cell trained for `episodes` episodes.
 * @example { name: chain, episodes: 200, seeds: 8, env: { kind: chain }, agents: [{ kind: q_learning }], designs: [{ kind: sparse }] }
 */
export const experimentSchema = z
  .strictObject({
    name: z.string().min(1),
    description: z.string().optional(),
    episodes: z.number().int().positive().max(1_000_000),
    seeds: z.union([z.number().int().positive().max(1000), z.array(z.number().int().nonnegative()).min(1)]),
    env: envSchema.optional(),
    envs: z.array(envSchema).min(1).optional(),
    agents: z.array(agentSchema).min(1),
    designs: z.array(designSchema).min(1),
    /** Share of the last episodes over which final success and return are measured (default 0.2). */
    final_window: z.number().gt(0).max(1).default(0.2),
    /** Moving-average window of the plotted curves, in episodes (default episodes/20). */
    smooth: z.number().int().positive().optional(),
    workers: z.number().int().positive().max(64).optional(),
  })
  .refine((e) => !!e.env !== !!e.envs, { message: "give exactly one of env and envs", path: ["env"] });

export type Experiment = z.output<typeof experimentSchema>;
export type EnvConfig = z.output<typeof envSchema>;
export type AgentConfig = z.output<typeof agentSchema>;
export type DesignConfig = z.output<typeof designSchema>;

/** The label of a design in results: its `name`, or its kind (plus mode/potential). */
export function designLabel(d: DesignConfig): string {
  if (d.name) return d.name;
  if (d.kind === "count") return `count_${d.mode}`;
  if (d.kind === "pbrs") return `pbrs_${d.potential}`;
  return d.kind;
}

/** The label of an environment in results. */
export function envLabel(e: EnvConfig): string {
  return e.kind === "maze"
    ? `maze_${e.width}x${e.height}`
    : e.kind === "chain"
      ? `chain_${e.length}`
      : e.kind;
}
