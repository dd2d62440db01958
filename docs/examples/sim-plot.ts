// The guide's plots: stage occupancy of a Kushiro caseload over five years, and the time to
// placement of welfare recipients and of other people in need (ECharts' server-side SVG renderer).
// `pnpm --filter @jiritsu/sim gen-docs` writes them to docs/images/; the docs tests compare.
import { Cohort, Model, Plot, Simulation } from "@jiritsu/sim"

const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(10_000))
const run = Simulation.run(Model.kushiro, cohort, { months: 60, seed: 2013 })
if (run._tag === "Failure") throw new Error(run.failure.message)

export const occupancy = await Plot.occupancySvg(run.success, { width: 760, height: 420 })
export const timeToPlacement = await Plot.timeToPlacementSvg(
  [
    { name: "生活保護受給者", result: run.success, by: { group: "welfare_recipient" } },
    { name: "生活困窮者（受給者以外）", result: run.success, by: { group: "needy_person" } }
  ],
  { width: 760, height: 380 }
)
console.log(`occupancy.svg ${occupancy.length} characters, time-to-placement.svg ${timeToPlacement.length} characters`)
