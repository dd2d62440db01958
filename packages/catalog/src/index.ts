/**
 * @jiritsu/catalog — the programmes of integrated employment support (一体的実施) from the source
 * documents, built on @jiritsu/core's public API: national rules, municipal overlays, stage graphs,
 * referral destinations, consent templates, target plans and declarative test cases.
 * Each module is a namespace: `import { Catalogue, TestCase } from "@jiritsu/catalog"`.
 * @module
 */
export * as Sources from "./Sources.ts"
export * as Vocabulary from "./Vocabulary.ts"
export * as National from "./National.ts"
export * as Municipal from "./Municipal.ts"
export * as Programme from "./Programme.ts"
export * as Catalogue from "./Catalogue.ts"
export * as TestCase from "./TestCase.ts"
export * as CommandLine from "./CommandLine.ts"
export * as Docs from "./Docs.ts"
export * as Variant from "./Variant.ts"
export * as Household from "./Household.ts"
