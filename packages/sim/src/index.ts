/**
 * @jiritsu/sim — estimation and seeded simulation of support stages (支援段階) for researchers.
 * Each module is a namespace: `import { Model, Simulation } from "@jiritsu/sim"`.
 */
export * as Random from "./Random.ts"
export * as Model from "./Model.ts"
export * as Cohort from "./Cohort.ts"
export * as Simulation from "./Simulation.ts"
export * as Expected from "./Expected.ts"
