// A target and its progress as of a date: actual, pro-rated expectation, verdict, forecast.
import { Metric, Period, Target } from "@jiritsu/core"

/** Results are plain tagged values: `_tag` is "Success" (with `success`) or "Failure" (with `failure`). */
const orThrow = <A, E extends { readonly message: string }>(r: { readonly _tag: "Success"; readonly success: A } | { readonly _tag: "Failure"; readonly failure: E }): A => {
  if (r._tag === "Failure") throw new Error(r.failure.message)
  return r.success
}

const placements = Target.fiscalYearTarget({
  id: "placements",
  label: { ja: "就職件数", en: "job placements" },
  metric: "placements",
  comparator: ">=",
  value: 500, // 就職件数年間500件
  basis: "annual-total",
  fiscalYear: Period.unsafeFiscalYear(2013)
})

// 482 placements between April and October 2013.
const events: ReadonlyArray<Metric.MetricEvent> = Array.from({ length: 482 }, (_, i) => ({
  kind: "placement",
  personRef: `p${i}`,
  date: Period.addDays(Period.unsafeDate("2013-04-01"), i % 214),
  site: "centre",
  targetGroups: []
}))

const progress = orThrow(Target.progress(placements, Metric.foldMap(events), Period.unsafeDate("2013-10-31")))
console.log(progress.coverage.label) // { ja: "4~10月累計", en: "Apr–Oct total" }
console.log(progress.actual) // { _tag: "Count", value: 482 }
console.log(progress.expected.toFixed(1)) // "291.7"  = 500 × 7/12
console.log(progress.verdict) // "on_track"
console.log(Metric.numberOf(progress.forecast)?.toFixed(0)) // "826"  linear to 31 March
console.log(progress.achievement) // { _tag: "Rate", value: 0.964, … }  達成率 against the year's 500

// A window outside its fiscal year is a typed error, not a silent mistake.
const wrong = Target.validateTarget({ ...placements, window: Period.unsafeWindow("2013-04-01", "2014-06-01") })
if (wrong._tag === "Failure") console.log(wrong.failure.code, wrong.failure.messageJa) // window_outside_fiscal_year 目標期間が平成25年度の範囲外です
