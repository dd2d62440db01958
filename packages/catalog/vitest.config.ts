import { defineProject } from "vitest/config"

// Mutation mode (`pnpm mutate catalog/…`, docs/adr/0005): the sandbox sits deeper than the package,
// so the shared setup is found through the workspace root.
const mutation = process.env.JIRITSU_MUTATION === "1"
const setup = mutation && process.env.JIRITSU_ROOT !== undefined ? `${process.env.JIRITSU_ROOT}/vitest.setup.ts` : "../../vitest.setup.ts"

export default defineProject({
  test: {
    name: "catalog",
    include: ["test/**/*.test.ts"],
    setupFiles: [setup],
    testTimeout: 60_000
  }
})
