import { packageBuild } from "../../scripts/tsup.base.ts"

// The worker thread is its own entry: Simulation starts it from `./internal/worker.{js,cjs}` next
// to the bundle that imports it.
export default packageBuild({
  entry: { index: "src/index.ts", cli: "src/cli.ts", "internal/worker": "src/internal/worker.ts" },
  dts: { entry: { index: "src/index.ts", cli: "src/cli.ts" } },
  shims: true,
  external: ["echarts"]
})
