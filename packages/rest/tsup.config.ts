import { packageBuild } from "../../scripts/tsup.base.ts"

export default packageBuild({ entry: { index: "src/index.ts", api: "src/definition.ts", cli: "src/cli.ts", bin: "src/bin.ts" } })
