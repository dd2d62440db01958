/**
 * @jiritsu/sim — estimation and seeded simulation of support stages (支援段階) for researchers.
 * Each module is a namespace: `import { Model, Simulation } from "@jiritsu/sim"`.
 */
export * as Random from "./Random.ts"
export * as Model from "./Model.ts"
export * as Cohort from "./Cohort.ts"
export * as Simulation from "./Simulation.ts"
export * as Expected from "./Expected.ts"
export * as Scenario from "./Scenario.ts"
export * as Calibration from "./Calibration.ts"
export * as Panel from "./Panel.ts"
export * as Estimate from "./Estimate.ts"
export * as Survival from "./Survival.ts"
export * as CaseLog from "./CaseLog.ts"
export * as Plot from "./Plot.ts"
