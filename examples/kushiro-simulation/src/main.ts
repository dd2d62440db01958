// `pnpm --filter @jiritsu/example-kushiro-simulation start`: the Kushiro model end to end; files in ./out.
import { join } from "node:path"
import { runKushiro } from "./kushiro.ts"

const out = join(import.meta.dirname, "..", "out")
await runKushiro({ out, log: (line) => console.log(line) })
console.log(`files in ${out}: occupancy.csv/.svg, time-to-placement.svg, case-log.jsonl, panel.csv, states.csv, transitions.csv, time-in-stage.svg, comparison.csv, report.json`)
