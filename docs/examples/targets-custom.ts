// Extending: a municipal KPI is a value — a metric definition and a target, same laws, same reports.
import { Metric, Period, Target } from "@jiritsu/core"

/** Results are plain tagged values: `_tag` is "Success" (with `success`) or "Failure" (with `failure`). */
const orThrow = <A, E extends { readonly message: string }>(r: { readonly _tag: "Success"; readonly success: A } | { readonly _tag: "Failure"; readonly failure: E }): A => {
  if (r._tag === "Failure") throw new Error(r.failure.message)
  return r.success
}

const catalog = orThrow(
  Metric.makeCatalog([
    ...Metric.builtinMetrics,
    {
      _tag: "Count",
      id: "youth_placements",
      label: { ja: "若者の就職件数", en: "youth placements" },
      unit: { ja: "件", en: "cases" },
      kinds: ["placement"],
      counting: "events"
    },
    { _tag: "Ratio", id: "exit_rate", label: { ja: "保護脱却率", en: "welfare exit rate" }, numerator: "welfare_exits", denominator: "employment_support_clients" }
  ])
)

const youth: Target.Target = Target.fiscalYearTarget({
  id: "youth",
  label: { ja: "若者の就職", en: "youth placements" },
  metric: "youth_placements",
  filter: { targetGroups: ["youth"] },
  comparator: ">=",
  value: 120,
  basis: "annual-total",
  fiscalYear: Period.unsafeFiscalYear(2024)
})

console.log(Target.validateTarget(youth, catalog)._tag) // "Success"
console.log(Target.describeTarget(youth, catalog)) // { ja: "年間120件以上", en: "≥ 120 cases per year" }
console.log(Target.validateTarget(youth)._tag) // "Failure": unknown_metric in the built-in catalogue
