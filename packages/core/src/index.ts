/**
 * @jiritsu/core — integrated employment support (一体的実施) as a pure, property-tested algebra.
 * Each module is a namespace: `import { Period, Rule } from "@jiritsu/core"`.
 * @module
 */
export * as Period from "./Period.ts"
export * as Metric from "./Metric.ts"
export * as Target from "./Target.ts"
export * as Stage from "./Stage.ts"
export * as Case from "./Case.ts"
export * as Consent from "./Consent.ts"
export * as Disclosure from "./Disclosure.ts"
export * as Fact from "./Fact.ts"
export * as Rule from "./Rule.ts"
export * as RuleSet from "./RuleSet.ts"
export * as Verdict from "./Verdict.ts"
export * as Programme from "./Programme.ts"
