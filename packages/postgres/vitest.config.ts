import { defineProject } from "vitest/config"

// PGlite costs ≈ 500 MB and seconds per instance: at most two test files at once, one instance each.
export default defineProject({
  test: {
    name: "postgres",
    include: ["test/**/*.test.ts"],
    setupFiles: ["../../vitest.setup.ts"],
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 180_000
  }
})
