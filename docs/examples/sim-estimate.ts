// Estimating monthly transition probabilities from a case event log — here a log the core's case
// decider accepted for 1,500 simulated people, so the estimates can be held against the truth.
import { CaseLog, Cohort, Estimate, Model, Panel, Simulation, Survival } from "@jiritsu/sim"
import type { Period } from "@jiritsu/core"

const model = Model.kushiro
const cohort = Cohort.unsafeMake(model, Cohort.kushiroSpec(1500, { from: 0, until: 12 })) // intake over FY2013
const run = Simulation.run(model, cohort, { months: 24, seed: 7, record: true })
if (run._tag === "Failure") throw new Error(run.failure.message)
const log = CaseLog.fromSimulation(run.success, cohort, { start: "2013-04" as Period.YearMonth })
if (log._tag === "Failure") throw new Error(log.failure.message)
console.log(`case log: ${log.success.length} events of ${cohort.size} cases`) // { stream, event } rows, as an event store holds them

// The log → a monthly panel (msm layout), observed until 2015-04-01.
const panel = Panel.fromCaseEvents(model, log.success, { asOf: "2015-04-01" as Period.LocalDate })
if (panel._tag === "Failure") throw new Error(panel.failure.message)
console.log(Panel.toCsv(panel.success).split("\n").slice(0, 3).join(" | ")) // subject,time,state,group | …

// Monthly probabilities by target group, with 95 % intervals from 200 bootstrap resamples of cases.
const estimate = Estimate.transitions(panel.success, { by: "group", bootstrap: { replicates: 200, seed: 1 } })
if (estimate._tag === "Failure") throw new Error(estimate.failure.message)
const row = estimate.success.groups.find((g) => g.level === "welfare_recipient")!.rows.find((r) => r.from === "employment")!
const truth = Model.probabilities(model, "employment", { group: "welfare_recipient" }, 0)!
for (const o of row.outcomes) console.log(`employment → ${o.to}: ${o.p.toFixed(3)} [${o.lower!.toFixed(3)}, ${o.upper!.toFixed(3)}] (true ${(truth[o.to] ?? 0).toFixed(3)}, ${o.count} of ${row.atRisk})`)

// Time in intermediate work (both modes together), Kaplan–Meier in days, censored at 2015-04-01.
const iw = Survival.timeInStage(panel.success, { per: "stage" }).find((c) => c.id === "intermediate_work")!
console.log(`intermediate work: ${iw.curve.n} stays, ${iw.curve.ended} ended, median ${iw.curve.median} days [${iw.curve.medianLower}, ${iw.curve.medianUpper}]`)
