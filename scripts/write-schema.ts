// Regenerates schema/rewardkit-spec.schema.json from the built-in registry.
import { mkdirSync, writeFileSync } from "node:fs";
import { defaultRegistry } from "../src/builtins.ts";
import { specJsonSchema } from "../src/spec/json-schema.ts";

mkdirSync("schema", { recursive: true });
writeFileSync(
  "schema/rewardkit-spec.schema.json",
  `${JSON.stringify(specJsonSchema(defaultRegistry), null, 2)}\n`,
);
