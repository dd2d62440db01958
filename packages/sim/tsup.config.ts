import { defineConfig } from "tsup"

// The worker thread is its own entry: Simulation starts it from `./internal/worker.{js,cjs}` next
// to the bundle that imports it.
export default defineConfig({
  entry: { index: "src/index.ts", cli: "src/cli.ts", "internal/worker": "src/internal/worker.ts" },
  format: ["esm", "cjs"],
  dts: { entry: { index: "src/index.ts", cli: "src/cli.ts" } },
  clean: true,
  sourcemap: true,
  shims: true,
  target: "node22",
  external: ["echarts"],
  tsconfig: "tsconfig.build.json"
})
