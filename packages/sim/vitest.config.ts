import { defineProject } from "vitest/config"

export default defineProject({
  test: {
    name: "sim",
    include: ["test/**/*.test.ts"],
    setupFiles: ["../../vitest.setup.ts"],
    testTimeout: 60_000
  }
})
