// Regenerates the guide's plots from docs/examples/sim-plot.ts (the docs tests compare them).
import { writeFileSync } from "node:fs"
import { join } from "node:path"

const root = join(import.meta.dirname, "..", "..", "..")
const plots = (await import(join(root, "docs", "examples", "sim-plot.ts"))) as { readonly occupancy: string; readonly timeToPlacement: string }
writeFileSync(join(root, "docs", "images", "sim-occupancy.svg"), plots.occupancy)
writeFileSync(join(root, "docs", "images", "sim-time-to-placement.svg"), plots.timeToPlacement)
console.log("wrote docs/images/sim-occupancy.svg, docs/images/sim-time-to-placement.svg")
