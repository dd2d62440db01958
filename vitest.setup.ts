// Every property in the workspace runs at least 1,000 times (the laws' contract in docs/adr/0001-core-conventions.md).
// JIRITSU_PROPERTY_RUNS may raise it for a soak run; it never goes below 1,000.
import fc from "fast-check"

const requested = Number(process.env.JIRITSU_PROPERTY_RUNS ?? "1000")
fc.configureGlobal({ numRuns: Math.max(1000, Number.isFinite(requested) ? requested : 1000) })
