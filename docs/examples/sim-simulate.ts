// Simulating programme stages: a Kushiro caseload of 10,000 people for three years (seed 2013).
import { Cohort, Model, Simulation } from "@jiritsu/sim"

const model = Model.kushiro // the core's Kushiro graph + "employed" + two exits; illustrative probabilities
const cohort = Cohort.unsafeMake(model, Cohort.kushiroSpec(10_000))
const run = Simulation.run(model, cohort, { months: 36, seed: 2013 })
if (run._tag === "Failure") throw new Error(run.failure.message)
const result = run.success

const pct = (v: { readonly _tag: string; readonly value?: number }) => (v._tag === "Rate" ? `${(v.value! * 100).toFixed(1)} %` : "not defined")
for (const month of [0, 12, 24, 36]) {
  const { counts } = Simulation.occupancy(result)[month]!
  console.log(`month ${month}: ${Object.entries(counts).map(([stage, n]) => `${stage} ${n}`).join(", ")}`)
}
console.log(`placement rate ${pct(Simulation.placementRate(result))}: welfare recipients ${pct(Simulation.placementRate(result, { group: "welfare_recipient" }))}, others ${pct(Simulation.placementRate(result, { group: "needy_person" }))}`)
console.log(`median months to placement: ${Simulation.timeToPlacement(result).median ?? "not reached within 36 months"}`)
const summary = Simulation.summary(result)
console.log(`placements ${summary.placements}, separations ${summary.separations}, regressions ${summary.regressions}`)
console.log(`exits ${JSON.stringify(summary.exits)}, referrals ${JSON.stringify(summary.referrals)}`)
