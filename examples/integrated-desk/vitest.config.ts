import { defineProject } from "vitest/config"

export default defineProject({
  test: { name: "example-integrated-desk", include: ["test/**/*.test.ts"], setupFiles: ["../../vitest.setup.ts"] }
})
