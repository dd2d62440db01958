import { packageBuild } from "../../scripts/tsup.base.ts"

// The Node entry only (where the built site is, and building it in the workspace); the browser app
// under app/ is built by Vite into site/, which the published package ships beside dist/.
export default packageBuild({ entry: ["src/index.ts"], shims: true, external: ["vite"] })
