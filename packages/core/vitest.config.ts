import { fileURLToPath } from "node:url"
import { defineProject } from "vitest/config"

// Mutation mode (`pnpm mutate`, docs/adr/0005): Stryker runs the tests in a sandbox copy of this
// package, so "@jiritsu/core" must resolve to the sandbox's (mutated) sources, not through
// node_modules to the originals; the build and docs tests (which read files outside the package)
// are left out.
const mutation = process.env.JIRITSU_MUTATION === "1"
// The sandbox sits deeper than the package, so the shared setup is found through the workspace root.
const setup = mutation && process.env.JIRITSU_ROOT !== undefined ? `${process.env.JIRITSU_ROOT}/vitest.setup.ts` : "../../vitest.setup.ts"

export default defineProject({
  ...(mutation ? { resolve: { alias: { "@jiritsu/core": fileURLToPath(new URL("./src/index.ts", import.meta.url)) } } } : {}),
  test: {
    name: "core",
    include: ["test/**/*.test.ts"],
    ...(mutation ? { exclude: ["test/package.test.ts", "test/**/*.docs.test.ts"] } : {}),
    setupFiles: [setup],
    testTimeout: 60_000
  }
})
