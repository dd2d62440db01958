import { defineProject } from "vitest/config"

export default defineProject({
  test: {
    name: "rest",
    include: ["test/**/*.test.ts"],
    setupFiles: ["../../vitest.setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Each file starts its own service on its own database (PGlite ≈ 500 MB): two at a time.
    maxWorkers: 2
  }
})
