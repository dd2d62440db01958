import { defineConfig } from "vitest/config"

// JIRITSU_JSON_REPORT (set by .ci/run) adds vitest's JSON report, from which CI prints "N passed, M failed".
const jsonReport = process.env.JIRITSU_JSON_REPORT

export default defineConfig({
  test: {
    projects: ["packages/*/vitest.config.ts", "examples/*/vitest.config.ts", "docs/vitest.config.ts", "packaging/vitest.config.ts"],
    reporters: jsonReport ? ["default", "json"] : ["default"],
    ...(jsonReport ? { outputFile: { json: jsonReport } } : {})
  }
})
