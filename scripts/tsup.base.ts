// What every package's build shares (tsup): ESM + CJS with declarations and source maps for Node 22,
// from the package's tsconfig.build.json. Each tsup.config.ts names its entries and what differs.
import { defineConfig, type Options } from "tsup"

export const packageBuild = (options: Options & { readonly entry: Options["entry"] }) =>
  defineConfig({ format: ["esm", "cjs"], dts: true, clean: true, sourcemap: true, target: "node22", tsconfig: "tsconfig.build.json", ...options })
