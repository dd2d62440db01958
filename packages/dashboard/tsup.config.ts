import { defineConfig } from "tsup"

// The Node entry only (where the built site is, and building it in the workspace); the browser app
// under app/ is built by Vite into site/, which the published package ships beside dist/.
export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  shims: true,
  target: "node22",
  tsconfig: "tsconfig.build.json",
  external: ["vite"]
})
