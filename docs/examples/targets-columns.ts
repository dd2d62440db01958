// Millions of events: columns (typed arrays), folded in chunks and combined — what workers would do.
import { Metric, Period, Target } from "@jiritsu/core"
import { Municipal } from "@jiritsu/catalog"
import { sampleEvents } from "./support/sample-events.ts"

/** Results are plain tagged values: `_tag` is "Success" (with `success`) or "Failure" (with `failure`). */
const orThrow = <A, E extends { readonly message: string }>(r: { readonly _tag: "Success"; readonly success: A } | { readonly _tag: "Failure"; readonly failure: E }): A => {
  if (r._tag === "Failure") throw new Error(r.failure.message)
  return r.success
}

const events = sampleEvents() // your event log

const columns = orThrow(Metric.columnsFromEvents(events)) // or fill MetricColumns directly from your store
const asOf = Period.unsafeDate("2014-03-31")

// One call: compile the plan's queries, fold the rows in 8 chunks, combine, read.
const report = orThrow(Target.reportColumns(Municipal.shinagawaPlanFY2013, columns, asOf, { chunks: 8 }))
console.log(report.rows.map((p) => Metric.numberOf(p.actual)))

// By hand, for your own queries: every chunk's tally is a monoid value, so chunks may be folded
// anywhere (worker threads, machines) and combined in any order.
const queries: ReadonlyArray<Metric.MetricQuery> = [
  { metric: "consultation_people", filter: { window: Period.fiscalYearWindow(Period.unsafeFiscalYear(2013)) }, byMonth: true },
  { metric: "placement_rate", filter: { targetGroups: ["welfare_recipient"] } }
]
const plan = orThrow(Metric.compileColumns(queries, columns))
const half = Math.floor(columns.length / 2)
const tally = Metric.combineColumnTallies(Metric.foldColumns(plan, columns, half), Metric.foldColumns(plan, columns, 0, half))
const [people, rate] = Metric.columnResults(plan, tally)
console.log(people?.months, rate?.value)
