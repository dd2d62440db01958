// Your own model: rows of monthly probabilities (staying included), a covariate and a month piece.
import { Model } from "@jiritsu/sim"

const rows: ReadonlyArray<Model.Row> = [
  { from: "daily_living", p: { daily_living: 0.9, social_life: 0.1 } },
  { from: "social_life", p: { social_life: 0.88, intermediate_work_unpaid: 0.08, employment: 0.04 } },
  // From month 12 (a Hello Work desk opens in the welfare office), more people go straight to job search.
  { from: "social_life", months: { from: 12 }, p: { social_life: 0.84, intermediate_work_unpaid: 0.08, employment: 0.08 } },
  { from: "intermediate_work_unpaid", p: { intermediate_work_unpaid: 0.9, employment: 0.06, social_life: 0.04 } },
  { from: "intermediate_work_paid", p: { intermediate_work_paid: 0.9, employment: 0.1 } },
  { from: "employment", p: { employment: 0.7, employed: 0.2, intermediate_work_unpaid: 0.1 } },
  { from: "employed", p: { employed: 0.92, employment: 0.04, welfare_exit: 0.04 } },
  // People not on public assistance cannot leave it: their own row, chosen because it is more specific.
  { from: "employed", when: { group: "needy_person" }, p: { employed: 0.96, employment: 0.04 } }
]
const desk = Model.make({ ...Model.kushiro, id: "desk_opens", label: "Desk opens at month 12", labelJa: "12か月目に窓口開設", rows })
if (desk._tag === "Failure") throw new Error(desk.failure.message)
console.log(Model.pieces(desk.success)) // [ { from: 0, until: 12 }, { from: 12 } ]
const fromMonth12 = Model.probabilities(desk.success, "social_life", { group: "welfare_recipient" }, 12)!
console.log(Object.entries(fromMonth12).map(([to, p]) => `${to} ${p.toFixed(3)}`).join(", ")) // employment 0.080 from month 12

// Bad rows are named by row and column: a row that does not sum to 1, a move the graph lacks.
const bad = Model.make({ ...Model.kushiro, rows: [{ from: "daily_living", p: { daily_living: 0.9, social_life: 0.2 } }, { from: "social_life", p: { social_life: 0.9, intermediate_work_paid: 0.1 } }, ...rows.slice(2)] })
if (bad._tag === "Failure") for (const i of bad.failure.issues) console.log(`${i.code} row ${i.row} ${i.column}: ${i.messageJa}`)
