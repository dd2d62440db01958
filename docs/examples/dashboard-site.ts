// The dashboard's built site, for any static file server on the API's origin.
import { Site } from "@jiritsu/dashboard"
import { existsSync } from "node:fs"
import { join } from "node:path"

const root = await Site.ensure() // the built site; built first in the workspace when missing or stale
console.log(Site.status(), existsSync(join(root, "index.html"))) // "fresh" true (a published package: "prebuilt" true)
