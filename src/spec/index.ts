// Public API of specs: parse, compile, examples, lint, JSON Schema, kinds.
export { type CompileOptions, compileNode } from "./compile.ts";
export { type LeafKind, leafKind } from "./define-kind.ts";
export { type ExampleOutcome, runExamples } from "./examples.ts";
export { specJsonSchema } from "./json-schema.ts";
export { hasNestedQuantifier, type LintWarning, lintSpec } from "./lint.ts";
export { parseSpecText } from "./parse.ts";
export { type BuildContext, type ChildShape, type KindDefinition, Registry } from "./registry.ts";
export { type CompiledSpec, compileSpec, defineSpec, type RewardSpec, type SpecExample } from "./spec.ts";
