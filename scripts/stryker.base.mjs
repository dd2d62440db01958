// The StrykerJS options shared by every package's stryker.config.mjs; `pnpm mutate`
// (scripts/mutate.mjs) sets each module's `mutate` and `testFiles`, the incremental file and the
// report paths. Why these choices: docs/adr/0005-equivalent-mutants.md.
import { fileURLToPath } from "node:url"

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export const strykerBase = {
  testRunner: "vitest",
  // pnpm does not hoist the runner next to @stryker-mutator/core, so it is named by path.
  plugins: [fileURLToPath(import.meta.resolve("@stryker-mutator/vitest-runner"))],
  vitest: { configFile: "vitest.config.ts", related: false },
  // Per-test coverage: each mutant runs only the tests that reach it.
  coverageAnalysis: "perTest",
  concurrency: 2,
  reporters: ["html", "json", "clear-text", "progress"],
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: false, reportScoreTable: true },
  ignorePatterns: ["reports", "dist", "coverage", ".stryker-tmp"],
  // Static mutants (module-level constants) would re-run every test for each; they are reported as ignored.
  ignoreStatic: true,
  timeoutMS: 15000,
  timeoutFactor: 2,
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always"
}
