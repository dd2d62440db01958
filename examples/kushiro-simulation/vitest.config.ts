import { defineProject } from "vitest/config"

export default defineProject({
  test: { name: "example-kushiro-simulation", include: ["test/**/*.test.ts"], setupFiles: ["../../vitest.setup.ts"], testTimeout: 120_000 }
})
