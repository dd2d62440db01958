// Every property in the workspace runs at least 1,000 times (the laws' contract in docs/adr/0001-core-conventions.md).
// JIRITSU_PROPERTY_RUNS may raise it for a soak run; it never goes below 1,000.
// Mutation mode (JIRITSU_MUTATION=1, set by `pnpm mutate`) is not a test run: there each property
// runs JIRITSU_MUTATION_RUNS times (default 100) from a fixed seed, so that every mutant meets the
// same inputs and a rerun reproduces a score.
import fc from "fast-check"

if (process.env.JIRITSU_MUTATION === "1") {
  const runs = Number(process.env.JIRITSU_MUTATION_RUNS ?? "100")
  fc.configureGlobal({ numRuns: Number.isFinite(runs) && runs > 0 ? runs : 100, seed: 20261202 })
} else {
  const requested = Number(process.env.JIRITSU_PROPERTY_RUNS ?? "1000")
  fc.configureGlobal({ numRuns: Math.max(1000, Number.isFinite(requested) ? requested : 1000) })
}
