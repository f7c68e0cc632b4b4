import type { z } from "zod";
import { RewardkitError } from "../core/errors.ts";
import type { NodeSpec, Reward, RewardNeeds } from "../core/types.ts";

/** How a parameter holds child nodes: one node, a list of nodes, or a map name → node. */
export type ChildShape = "node" | "nodes" | "named";

/** What a kind's builder receives besides its parameters. */
export interface BuildContext {
  /** Path of this node in the spec (for messages). */
  path: string;
  /** Reads a file named in a spec (model files, schemas); supplied by the CLI/server, absent in pure use. */
  load?: (file: string) => string;
  /** Options the caller passes down (e.g. server state for stateful shaping). */
  options?: Record<string, unknown>;
}

/** Compiled children of a node, by parameter name. */
export type BuiltChildren = Record<string, Reward | Reward[] | Record<string, Reward>>;

/**
 * A reward kind: name, version, parameter schema, which parameters hold child nodes, and a builder.
 * Later work adds kinds to the registry without touching the compiler.
 */
export interface KindDefinition<P = any> {
  kind: string;
  version: number;
  /** One sentence for `docs` and the JSON Schema description. */
  summary: string;
  /** Schema of the parameters other than `kind`, `name`, `weight` and child-node fields. */
  params: z.ZodType<P>;
  /** Parameters that hold child nodes, and their shape. */
  children?: Record<string, ChildShape>;
  /** Child-node parameters that may be left out (absent from `children` when built). */
  optionalChildren?: string[];
  needs?: RewardNeeds;
  /** True when a node of this kind accepts a `weight` on its children (the weighted sum). */
  weightedChildren?: boolean;
  build(
    params: P,
    children: BuiltChildren,
    ctx: BuildContext & { name?: string; weights?: number[] },
  ): Reward;
}

/** A mutable set of kinds; `defaultRegistry` holds the built-in ones. */
export class Registry {
  private readonly kinds = new Map<string, KindDefinition>();

  /** Adds kinds; a second definition of the same kind is a programming error. */
  add(...defs: KindDefinition[]): this {
    for (const d of defs) {
      if (this.kinds.has(d.kind)) throw new Error(`reward kind "${d.kind}" is already registered`);
      this.kinds.set(d.kind, d);
    }
    return this;
  }

  get(kind: string): KindDefinition | undefined {
    return this.kinds.get(kind);
  }

  /** The definition of `kind`, or an `E_UNKNOWN_REWARD` error naming the path and the nearest known kinds. */
  require(kind: string, path: string): KindDefinition {
    const d = this.kinds.get(kind);
    if (d) return d;
    const near = [...this.kinds.keys()].filter((k) => k.split(".")[0] === kind.split(".")[0]).slice(0, 5);
    throw new RewardkitError("E_UNKNOWN_REWARD", [
      {
        path,
        message: `unknown reward kind "${kind}"${near.length ? ` (did you mean ${near.join(", ")}?)` : ""}`,
      },
    ]);
  }

  list(): KindDefinition[] {
    return [...this.kinds.values()].sort((a, b) => a.kind.localeCompare(b.kind));
  }

  /** A copy that can be extended without changing this one. */
  clone(): Registry {
    const r = new Registry();
    for (const d of this.kinds.values()) r.add(d);
    return r;
  }
}

/** The spec node of a child, as a builder sees it. */
export type ChildSpec = NodeSpec;
