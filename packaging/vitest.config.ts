import { defineProject } from "vitest/config"

export default defineProject({
  test: {
    name: "packaging",
    include: ["test/**/*.test.ts"],
    setupFiles: ["../vitest.setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000
  }
})
