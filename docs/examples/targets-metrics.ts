// Events in, metrics out: 延べ (every contact) versus 実人数 (distinct people), filters, rates.
import { Metric, Period } from "@jiritsu/core"

/** Results are plain tagged values: `_tag` is "Success" (with `success`) or "Failure" (with `failure`). */
const orThrow = <A, E extends { readonly message: string }>(r: { readonly _tag: "Success"; readonly success: A } | { readonly _tag: "Failure"; readonly failure: E }): A => {
  if (r._tag === "Failure") throw new Error(r.failure.message)
  return r.success
}

// Any source can produce these records: a case log, a CSV export, a spreadsheet.
const raw: ReadonlyArray<unknown> = [
  { kind: "consultation", personRef: "p1", date: "2013-04-02", site: "centre", targetGroups: ["welfare_recipient"] },
  { kind: "consultation", personRef: "p1", date: "2013-04-09", site: "centre", targetGroups: ["welfare_recipient"] },
  { kind: "consultation", personRef: "p2", date: "2013-05-10", site: "centre", targetGroups: ["youth"] },
  { kind: "employment_support_started", personRef: "p1", date: "2013-04-09", site: "centre", targetGroups: ["welfare_recipient"] },
  { kind: "employment_support_started", personRef: "p2", date: "2013-05-10", site: "centre", targetGroups: ["youth"] },
  { kind: "placement", personRef: "p1", date: "2013-06-01", site: "centre", targetGroups: ["welfare_recipient"], employerRef: "acme" }
]

const events = orThrow(Metric.decodeEvents(raw)) // bad input → a MetricError naming e.g. [2, "date"]

const tally = Metric.foldMap(events) // the monoid: combine tallies of any parts

const figure = (query: Metric.MetricQuery): number | undefined => Metric.numberOf(orThrow(Metric.evaluate(tally, query)).value)

console.log(figure({ metric: "consultations" })) // 3  (延べ: every contact)
console.log(figure({ metric: "consultation_people" })) // 2  (実人数: distinct people)
console.log(figure({ metric: "consultations", filter: { targetGroups: ["welfare_recipient"] } })) // 2
console.log(figure({ metric: "consultations", filter: { window: Period.unsafeWindow("2013-05-01", "2013-06-01") } })) // 1
console.log(figure({ metric: "placement_rate" })) // 0.5  (placed ÷ supported)

// A rate over nobody is explicitly not defined — never NaN or Infinity.
const empty = Metric.evaluate(tally, { metric: "placement_rate", filter: { sites: ["elsewhere"] } })
console.log(orThrow(empty).value) // { _tag: "NotDefined", reason: "zero_denominator" }

// Partial tallies (per month, per worker, per site) merge exactly; people are never counted twice.
const april = Metric.foldMap(events.filter((e) => e.date < "2013-05-01"))
const later = Metric.foldMap(events.filter((e) => e.date >= "2013-05-01"))
console.log(Metric.equals(Metric.combine(april, later), tally)) // true
