// packages/sim/README.md: 10,000 people in the Kushiro model for five years, seed 1, in two threads.
import { Cohort, Model, Simulation } from "@jiritsu/sim"

const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(10_000)) // an illustrative caseload mix
const run = await Simulation.runParallel(Model.kushiro, cohort, { months: 60, seed: 1, workers: 2 })
if (run._tag === "Failure") throw new Error(run.failure.message)
const rate = Simulation.placementRate(run.success) // a Metric value: a Rate, or NotDefined — never NaN
if (rate._tag === "Rate") console.log(`placed within five years: ${(rate.value * 100).toFixed(1)} %`)
console.log("median months to placement:", Simulation.timeToPlacement(run.success).median)
console.log(Simulation.occupancy(run.success)[60]!.counts) // people in each stage and exit at month 60
