import { packageBuild } from "../../scripts/tsup.base.ts"

export default packageBuild({ entry: ["src/index.ts"] })
