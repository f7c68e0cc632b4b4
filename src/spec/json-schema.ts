import { z } from "zod";
import type { Registry } from "./registry.ts";

type Json = Record<string, unknown>;

/**
 * The JSON Schema (draft-07) of reward specs for a registry: one branch per kind, child-node parameters as
 * references to the node schema, so editors autocomplete every kind and its parameters.
 * @example writeFileSync("spec.schema.json", JSON.stringify(specJsonSchema(defaultRegistry), null, 2))
 */
export function specJsonSchema(registry: Registry): Json {
  const nodeRef = { $ref: "#/definitions/node" };
  const branches = registry.list().map((def) => {
    const params = z.toJSONSchema(def.params, {
      target: "draft-7",
      io: "input",
      unrepresentable: "any",
    }) as Json;
    delete params.$schema;
    const properties: Json = {
      kind: { const: def.kind, description: def.summary },
      name: { type: "string", description: "component name in results" },
      description: { type: "string" },
      weight: { type: "number", description: "weight, inside the terms of a sum" },
      ...((params.properties as Json) ?? {}),
    };
    const required = new Set<string>(["kind", ...((params.required as string[]) ?? [])]);
    for (const [field, shape] of Object.entries(def.children ?? {})) {
      properties[field] =
        shape === "node"
          ? nodeRef
          : shape === "nodes"
            ? { type: "array", minItems: 1, items: nodeRef }
            : { type: "object", additionalProperties: nodeRef };
      if (!def.optionalChildren?.includes(field)) required.add(field);
    }
    return {
      type: "object",
      title: `${def.kind}@${def.version}`,
      description: def.summary,
      properties,
      required: [...required],
      additionalProperties: false,
      ...(params.definitions ? { definitions: params.definitions } : {}),
    };
  });
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: "https://rewardkit.dev/schema/rewardkit-spec.schema.json",
    title: "rewardkit reward spec",
    type: "object",
    required: ["name", "reward"],
    additionalProperties: false,
    properties: {
      $schema: { type: "string" },
      name: { type: "string", minLength: 1 },
      version: { type: ["string", "number"] },
      description: { type: "string" },
      reward: nodeRef,
      examples: {
        type: "array",
        items: {
          type: "object",
          required: ["rollout", "expect"],
          additionalProperties: false,
          properties: {
            name: { type: "string" },
            rollout: { type: "object", required: ["completion"] },
            expect: {
              type: "object",
              additionalProperties: false,
              properties: {
                score: { type: ["number", "null"] },
                components: { type: "object", additionalProperties: { type: ["number", "null"] } },
                error: { type: "string" },
              },
            },
            tolerance: { type: "number", minimum: 0 },
          },
        },
      },
      execution: {
        type: "object",
        additionalProperties: false,
        properties: { deadline_ms: { type: "integer", minimum: 1 } },
      },
    },
    definitions: {
      node: {
        type: "object",
        required: ["kind"],
        properties: { kind: { enum: registry.list().map((d) => d.kind) } },
        oneOf: branches,
      },
    },
  };
}
