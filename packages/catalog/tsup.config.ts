import { defineConfig } from "tsup"

export default defineConfig({
  entry: ["src/index.ts", "src/vitest.ts", "src/cli.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node22",
  external: ["vitest"],
  // import.meta.url in the CommonJS build (the CLI looks plugins up from its own location).
  shims: true,
  tsconfig: "tsconfig.build.json"
})
