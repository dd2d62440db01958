import { packageBuild } from "../../scripts/tsup.base.ts"

export default packageBuild({
  entry: ["src/index.ts", "src/vitest.ts", "src/cli.ts"],
  external: ["vitest"],
  // import.meta.url in the CommonJS build (the CLI looks plugins up from its own location).
  shims: true
})
