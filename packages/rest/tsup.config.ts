import { defineConfig } from "tsup"

export default defineConfig({
  entry: { index: "src/index.ts", api: "src/definition.ts", cli: "src/cli.ts", bin: "src/bin.ts" },
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node22",
  tsconfig: "tsconfig.build.json"
})
