// National indicators: the monthly support-survey items (支援状況調査), per 100k population, 目安値.
import { Metric, Period, Target } from "@jiritsu/core"
import { sampleEvents } from "./support/sample-events.ts"

/** Results are plain tagged values: `_tag` is "Success" (with `success`) or "Failure" (with `failure`). */
const orThrow = <A, E extends { readonly message: string }>(r: { readonly _tag: "Success"; readonly success: A } | { readonly _tag: "Failure"; readonly failure: E }): A => {
  if (r._tag === "Failure") throw new Error(r.failure.message)
  return r.success
}

const tally = Metric.foldMap(sampleEvents({ from: "2016-06-01", months: 1 })) // the month's events, folded

const figures = orThrow(Target.nationalMonthlyFigures(tally, Period.unsafeMonth("2016-06"), { population: 120_000 }))
for (const f of figures) {
  // e.g. 新規相談受付件数 30 → 25.0 per 100k per month against the FY2016 benchmark of 22
  console.log(f.label.ja, f.count, Metric.numberOf(f.per100kPerMonth)?.toFixed(1), f.benchmark ?? "（目安値なし）", f.meetsBenchmark ?? "")
}

// The FY2017+ indicator of the employment self-reliance programme: placement rate ≥ 67 %.
const indicator = Target.placementRateTarget(Period.unsafeFiscalYear(2017), { targetGroups: ["welfare_recipient"] })
const progress = orThrow(Target.progress(indicator, tally, Period.unsafeDate("2018-03-31")))
console.log(progress.actual, progress.verdict) // NotDefined("zero_denominator") when nobody was supported

console.log(Target.per100kPerMonth(10, 0, 1)) // { _tag: "NotDefined", reason: "zero_population" }
