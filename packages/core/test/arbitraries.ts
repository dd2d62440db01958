// The one place generators are built; each module's generators live in ./arbitraries/<Module>.ts.
export * from "./arbitraries/Period.ts"
export * from "./arbitraries/Metric.ts"
export * from "./arbitraries/Target.ts"
