// The one place generators are built; each module's generators live in ./arbitraries/<Module>.ts.
export * from "./arbitraries/Period.ts"
