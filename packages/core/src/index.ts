/**
 * @jiritsu/core — integrated employment support (一体的実施) as a pure, property-tested algebra.
 * Each module is a namespace: `import { Period, Rule } from "@jiritsu/core"`.
 */
export * as Period from "./Period.ts"
export * as Metric from "./Metric.ts"
export * as Target from "./Target.ts"
