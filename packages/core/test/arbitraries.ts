// The one place generators are built; each module's generators live in ./arbitraries/<Module>.ts.
export * from "./arbitraries/Period.ts"
export * from "./arbitraries/Metric.ts"
export * from "./arbitraries/Target.ts"
export * from "./arbitraries/Stage.ts"
export * from "./arbitraries/Case.ts"
export * from "./arbitraries/Rule.ts"
export * from "./arbitraries/Consent.ts"
export * from "./arbitraries/Programme.ts"
