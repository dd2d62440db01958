/**
 * Target — what the business plan (事業計画) promises, and whether the site is on track.
 *
 * A `Target` is `{metric, comparator, value, basis, window}` inside a fiscal year (年度): e.g.
 * "月間延べ1,200人以上の職業相談" = consultations, `>=`, 1200, `monthly-average`, FY2013. A `Plan`
 * bundles the targets a city, the labour bureau and Hello Work agreed. `progress` reads a target
 * against a `Metric.Tally` as of a date:
 *
 * - **actual**: the total so far (`annual-total`, `multi-year`), or the average of the complete
 *   months so far (`monthly-average`), explicitly marked as partial ("4~10月平均" / "Apr–Oct average");
 * - **expected**: the pro-rated target for the elapsed part of the window, by calendar months
 *   (a month counts by the share of its days elapsed): 500 a year, as of 31 October → 500 × 7/12;
 * - **verdict**: met / not met once the window is over, on / off track before, or not defined;
 * - **forecast**: a linear projection to the window's end (the current average for averages).
 *
 * Laws (property-tested): the pro-rated expectation at the window's end equals the target
 * exactly; it never decreases as `asOf` advances and stays within `[0, value]`; the report from
 * a columnar fold equals the report from the object tally; no figure is ever NaN or ±Infinity.
 *
 * National indicators (生活困窮者自立支援 支援状況調査 items, per-100k-per-month 目安値, the
 * placement rate ≥ 67 %) are data here; `nationalMonthlyFigures` reads them from a tally.
 *
 * @since 0.1.0
 * @module
 */
import { Result, Schema } from "effect"
import { decodeWith, formatPath } from "./internal/decode.ts"
import * as Metric from "./Metric.ts"
import * as Period from "./Period.ts"

// ---------------------------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------------------------

/**
 * `>=` (以上), `<=` (以下), `=` (ちょうど, within `tolerance`). @category targets @since 0.1.0
 * @example
 * ```ts
 * const cmp: Target.Comparator = ">="
 * ```
 */
export const Comparator = Schema.Literals([">=", "<=", "="])
/** @category targets */
export type Comparator = typeof Comparator.Type

/**
 * How the target value reads (目標の単位期間):
 * - `monthly-average` 月間 — the average per calendar month over the window (whole months);
 * - `annual-total` 年間 — the total over a window inside one fiscal year;
 * - `multi-year` 複数年度 — the total over a window starting in `fiscalYear` and spanning years.
 * @category targets
 * @since 0.1.0
 * @example
 * ```ts
 * const basis: Target.Basis = "monthly-average" // 月間平均
 * ```
 */
export const Basis = Schema.Literals(["monthly-average", "annual-total", "multi-year"])
/** @category targets */
export type Basis = typeof Basis.Type

const NonEmpty = Schema.String.check(Schema.isNonEmpty())
const NonNegativeFinite = Schema.Finite.check(Schema.isGreaterThanOrEqualTo(0))

/**
 * Which events a target counts, besides its window. @category targets @since 0.1.0
 * @example
 * ```ts
 * const filter: Target.TargetFilter = { targetGroups: ["welfare_recipient"], sites: ["shinagawa"] }
 * ```
 */
export const TargetFilter = Schema.Struct({
  targetGroups: Schema.optionalKey(Schema.Array(Metric.TargetGroupId)),
  sites: Schema.optionalKey(Schema.Array(NonEmpty))
})
/** @category targets */
export type TargetFilter = typeof TargetFilter.Type

/**
 * A numeric target (数値目標).
 * `programme` names the plan's line of business (事業) the target belongs to; `breakdown` is a
 * sub-figure reported beside the actual (e.g. "うち、あっ旋37人"); `citation` names the source.
 * @category targets
 * @since 0.1.0
 * @example
 * ```ts
 * const t: Target.Target = Target.fiscalYearTarget({ id: "consultations", label: { ja: "職業相談", en: "consultations" }, metric: "consultations", comparator: ">=", value: 1200, basis: "monthly-average", fiscalYear: Period.unsafeFiscalYear(2013) })
 * ```
 */
export const Target = Schema.Struct({
  id: NonEmpty,
  label: Metric.Label,
  programme: Schema.optionalKey(Metric.Label),
  metric: Metric.MetricId,
  filter: Schema.optionalKey(TargetFilter),
  comparator: Comparator,
  value: NonNegativeFinite,
  basis: Basis,
  fiscalYear: Period.FiscalYear,
  window: Period.Window,
  tolerance: Schema.optionalKey(NonNegativeFinite),
  breakdown: Schema.optionalKey(Schema.Struct({ metric: Metric.MetricId, label: Metric.Label })),
  citation: Schema.optionalKey(Schema.String)
})
/** @category targets */
export type Target = typeof Target.Type

/**
 * A business plan (事業計画): the targets agreed for one fiscal year. @category plans @since 0.1.0
 * @example
 * ```ts
 * const plan: Target.Plan = { id: "fy2013", label: { ja: "事業計画", en: "business plan" }, fiscalYear: Period.unsafeFiscalYear(2013), targets: [] }
 * ```
 */
export const Plan = Schema.Struct({
  id: NonEmpty,
  label: Metric.Label,
  fiscalYear: Period.FiscalYear,
  targets: Schema.Array(Target),
  citation: Schema.optionalKey(Schema.String)
})
/** @category plans */
export type Plan = typeof Plan.Type

/**
 * What is wrong with a target or plan (目標設定エラー), with the field path.
 * @category errors
 * @since 0.1.0
 * @example
 * ```ts
 * const r = Target.decodeTarget({ id: "x" })
 * if (r._tag === "Failure") { const e: Target.TargetError = r.failure; console.log(e.code, e.path) }
 * ```
 */
export const TargetError = Schema.TaggedStruct("TargetError", {
  code: Schema.Literals([
    "invalid_input",
    "window_outside_fiscal_year",
    "misaligned_window",
    "unknown_metric",
    "unsupported_basis",
    "duplicate_id"
  ]),
  path: Schema.Array(Schema.Union([Schema.String, Schema.Number])),
  message: Schema.String,
  messageJa: Schema.String
})
/** @category errors */
export type TargetError = typeof TargetError.Type

const targetError = (
  code: TargetError["code"],
  path: ReadonlyArray<string | number>,
  message: string,
  messageJa: string
): TargetError => ({ _tag: "TargetError", code, path, message, messageJa })

const toPath = (path: ReadonlyArray<PropertyKey>): Array<string | number> =>
  path.map((p) => (typeof p === "number" ? p : String(p)))

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

const isFirstOfMonth = (d: Period.LocalDate): boolean => d.endsWith("-01")

/**
 * Checks a target against the calendar and a metric catalogue: the window lies inside its
 * fiscal year (`annual-total`, `monthly-average`) or starts in it (`multi-year`); monthly
 * averages cover whole months of count metrics; metrics exist.
 * @category targets
 * @since 0.1.0
 * @example
 * ```ts
 * const t = Target.fiscalYearTarget({ id: "x", label: { ja: "x", en: "x" }, metric: "no_such_metric", comparator: ">=", value: 1, basis: "annual-total", fiscalYear: Period.unsafeFiscalYear(2013) })
 * Target.validateTarget(t)._tag // "Failure": unknown metric
 * ```
 */
export const validateTarget = (
  target: Target,
  catalog: Metric.MetricCatalog = Metric.defaultCatalog,
  at: ReadonlyArray<string | number> = []
): Result.Result<Target, TargetError> => {
  const fy = Period.fiscalYearWindow(target.fiscalYear)
  const label = Period.fiscalYearLabel(target.fiscalYear)
  const metric = catalog.metrics.get(target.metric)
  if (metric === undefined) {
    return Result.fail(targetError("unknown_metric", [...at, "metric"], `unknown metric "${target.metric}"`, `未定義の指標です: ${target.metric}`))
  }
  if (target.breakdown !== undefined && !catalog.metrics.has(target.breakdown.metric)) {
    return Result.fail(
      targetError("unknown_metric", [...at, "breakdown", "metric"], `unknown metric "${target.breakdown.metric}"`, `未定義の指標です: ${target.breakdown.metric}`)
    )
  }
  if (target.basis === "multi-year") {
    if (!Period.contains(fy, target.window.from)) {
      return Result.fail(
        targetError("window_outside_fiscal_year", [...at, "window", "from"], `a multi-year window must start in FY${target.fiscalYear}`, `複数年度目標の期間は${label}中に始まる必要があります`)
      )
    }
  } else if (!Period.within(target.window, fy)) {
    return Result.fail(
      targetError(
        "window_outside_fiscal_year",
        [...at, "window"],
        `window [${target.window.from}, ${target.window.until}) is not inside FY${target.fiscalYear} [${fy.from}, ${fy.until})`,
        `目標期間が${label}の範囲外です`
      )
    )
  }
  if (target.basis === "monthly-average") {
    if (metric._tag === "Ratio") {
      return Result.fail(
        targetError("unsupported_basis", [...at, "basis"], `ratio ${metric.id} cannot have a monthly-average target (an average of monthly ratios is not the ratio)`, `率の指標に月間平均の目標は設定できません`)
      )
    }
    if (!isFirstOfMonth(target.window.from) || !isFirstOfMonth(target.window.until)) {
      return Result.fail(targetError("misaligned_window", [...at, "window"], "a monthly-average window must cover whole months", "月間平均の目標期間は月単位である必要があります"))
    }
  }
  return Result.succeed(target)
}

const decodeTargetRaw = decodeWith(Target)
const decodePlanRaw = decodeWith(Plan)

const inputError = (issues: ReadonlyArray<{ readonly path: ReadonlyArray<PropertyKey>; readonly message: string }>): TargetError => {
  const path = toPath(issues[0]?.path ?? [])
  return targetError("invalid_input", path, issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join("; "), `目標データが不正です（${formatPath(path)}）`)
}

/**
 * Decodes and validates a target from unknown input. @category targets @since 0.1.0
 * @example
 * ```ts
 * const r = Target.decodeTarget(JSON.parse('{"id":"placements","label":{"ja":"就職件数","en":"placements"},"metric":"placements","comparator":">=","value":500,"basis":"annual-total","fiscalYear":2013,"window":{"from":"2013-04-01","until":"2014-04-01"}}'))
 * console.log(r._tag) // "Success"
 * ```
 */
export const decodeTarget = (input: unknown, catalog: Metric.MetricCatalog = Metric.defaultCatalog): Result.Result<Target, TargetError> =>
  Result.flatMap(Result.mapError(decodeTargetRaw(input), inputError), (t) => validateTarget(t, catalog))

/**
 * Checks every target of a plan (paths `["targets", i, …]`), unique target ids, and that each
 * target's fiscal year is the plan's (multi-year targets start in it).
 * @category plans
 * @since 0.1.0
 * @example
 * ```ts
 * const plan: Target.Plan = { id: "fy2013", label: { ja: "事業計画", en: "plan" }, fiscalYear: Period.unsafeFiscalYear(2013), targets: [] }
 * Target.validatePlan(plan)._tag // "Success"
 * ```
 */
export const validatePlan = (plan: Plan, catalog: Metric.MetricCatalog = Metric.defaultCatalog): Result.Result<Plan, TargetError> => {
  const seen = new Set<string>()
  for (let i = 0; i < plan.targets.length; i++) {
    const t = plan.targets[i]!
    if (seen.has(t.id)) return Result.fail(targetError("duplicate_id", ["targets", i, "id"], `duplicate target id ${t.id}`, `目標IDが重複しています: ${t.id}`))
    seen.add(t.id)
    if (t.fiscalYear !== plan.fiscalYear) {
      return Result.fail(
        targetError("window_outside_fiscal_year", ["targets", i, "fiscalYear"], `target FY${t.fiscalYear} in a FY${plan.fiscalYear} plan`, `目標の年度が計画の年度（${Period.fiscalYearLabel(plan.fiscalYear)}）と異なります`)
      )
    }
    const r = validateTarget(t, catalog, ["targets", i])
    if (Result.isFailure(r)) return Result.fail(r.failure)
  }
  return Result.succeed(plan)
}

/**
 * Decodes and validates a plan from unknown input. @category plans @since 0.1.0
 * @example
 * ```ts
 * Target.decodePlan({ id: "fy2013", label: { ja: "事業計画", en: "plan" }, fiscalYear: 2013, targets: [] })._tag // "Success"
 * ```
 */
export const decodePlan = (input: unknown, catalog: Metric.MetricCatalog = Metric.defaultCatalog): Result.Result<Plan, TargetError> =>
  Result.flatMap(Result.mapError(decodePlanRaw(input), inputError), (p) => validatePlan(p, catalog))

/**
 * A target over a whole fiscal year (the usual case). Not validated: use `validateTarget`.
 * @category targets
 * @since 0.1.0
 * @example
 * ```ts
 * const t = Target.fiscalYearTarget({ id: "placements", label: { ja: "就職件数", en: "placements" }, metric: "placements", comparator: ">=", value: 500, basis: "annual-total", fiscalYear: Period.unsafeFiscalYear(2013) })
 * t.window // { from: "2013-04-01", until: "2014-04-01" }
 * ```
 */
export const fiscalYearTarget = (fields: Omit<Target, "window">): Target => ({ ...fields, window: Period.fiscalYearWindow(fields.fiscalYear) })

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic: elapsed share of a window, measured in calendar months
// ---------------------------------------------------------------------------------------------

const daysOf = (w: Period.Window): number => Period.lengthInDays(w)

/**
 * The length of a window in calendar months, each month counted by the share of its days the
 * window covers: a fiscal year is 12, 1–15 April is 0.5.
 * @category calendar
 * @since 0.1.0
 * @example
 * ```ts
 * Target.monthMeasure(Period.unsafeWindow("2013-04-01", "2014-04-01")) // 12
 * ```
 */
export const monthMeasure = (w: Period.Window): number => {
  let total = 0
  for (const m of Metric.monthsOfWindow(w)) {
    const mw = Period.monthWindow(m)
    const part = Period.intersect(mw, w)
    if (part === undefined) continue
    total += part.from === mw.from && part.until === mw.until ? 1 : daysOf(part) / daysOf(mw)
  }
  return total
}

/**
 * The share of a target's window elapsed by the end of `asOf` (inclusive), in calendar months:
 * 0 before it starts, exactly 1 from its last day on.
 * @category calendar
 * @since 0.1.0
 * @example
 * ```ts
 * Target.elapsedShare(Period.unsafeWindow("2013-04-01", "2014-04-01"), Period.unsafeDate("2013-10-31")) // 7/12 (by calendar months, a month by its days elapsed)
 * ```
 */
export const elapsedShare = (w: Period.Window, asOf: Period.LocalDate): number => {
  if (asOf < w.from) return 0
  // No shortcut at the end: the share is measured the same way on every day, so the law
  // "expectation at the window's end = target" checks this arithmetic rather than a special case.
  return monthMeasure({ from: w.from, until: Period.minDate(w.until, Period.addDays(asOf, 1)) }) / monthMeasure(w)
}

const EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const
const monthNumber = (ym: Period.YearMonth): number => Number(ym.slice(5, 7))

const monthRangeLabel = (months: ReadonlyArray<Period.YearMonth>, crossesYears: boolean): Metric.Label => {
  const first = months[0]!, last = months[months.length - 1]!
  if (crossesYears) {
    const ja = `${first.slice(0, 4)}年${monthNumber(first)}月~${last.slice(0, 4)}年${monthNumber(last)}月`
    const en = `${EN_MONTHS[monthNumber(first) - 1]} ${first.slice(0, 4)}–${EN_MONTHS[monthNumber(last) - 1]} ${last.slice(0, 4)}`
    return { ja, en }
  }
  if (first === last) return { ja: `${monthNumber(first)}月`, en: EN_MONTHS[monthNumber(first) - 1]! }
  return { ja: `${monthNumber(first)}~${monthNumber(last)}月`, en: `${EN_MONTHS[monthNumber(first) - 1]}–${EN_MONTHS[monthNumber(last) - 1]}` }
}

const dayLabel = (d: Period.LocalDate): Metric.Label => ({
  ja: `${monthNumber(Period.monthOf(d))}月${Number(d.slice(8, 10))}日`,
  en: `${EN_MONTHS[monthNumber(Period.monthOf(d)) - 1]} ${Number(d.slice(8, 10))}`
})

// ---------------------------------------------------------------------------------------------
// Progress
// ---------------------------------------------------------------------------------------------

/**
 * Which part of the target's window the actual covers (集計対象期間). `partial` is true when it
 * is less than the whole window; `label` says so in words ("4~10月平均" / "Apr–Oct average").
 * @category progress
 * @since 0.1.0
 * @example
 * ```ts
 * declare const p: Target.Progress
 * const coverage: Target.Coverage = p.coverage // the window read so far and its label ("4~10月平均")
 * ```
 */
export const Coverage = Schema.Struct({
  /** Absent before the window starts or before a monthly average has a complete month. */
  window: Schema.optionalKey(Period.Window),
  months: Schema.Array(Period.YearMonth),
  partial: Schema.Boolean,
  label: Metric.Label
})
/** @category progress */
export type Coverage = typeof Coverage.Type

/**
 * - `met` / `not_met`: the window is over;
 * - `on_track` / `off_track`: against the pro-rated expectation so far;
 * - `not_defined`: no figure yet (no complete month, not started, zero denominator).
 * @category progress
 * @since 0.1.0
 * @example
 * ```ts
 * const v: Target.Verdict = "on_track"
 * ```
 */
export const Verdict = Schema.Literals(["met", "not_met", "on_track", "off_track", "not_defined"])
/** @category progress */
export type Verdict = typeof Verdict.Type

/**
 * The labels of the progress verdicts: 達成 / 未達成 / 順調 / 遅れ / 判定不能. @category progress @since 0.1.0
 * @example
 * ```ts
 * Target.verdictLabels.on_track.ja // "順調"
 * ```
 */
export const verdictLabels: { readonly [V in Verdict]: Metric.Label } = {
  met: { ja: "達成", en: "met" },
  not_met: { ja: "未達成", en: "not met" },
  on_track: { ja: "順調", en: "on track" },
  off_track: { ja: "遅れ", en: "off track" },
  not_defined: { ja: "判定不能", en: "not defined" }
}

/**
 * 未開始 / 実施中 / 終了. @category progress @since 0.1.0
 * @example
 * ```ts
 * const s: Target.Status = "in_progress"
 * ```
 */
export const Status = Schema.Literals(["not_started", "in_progress", "complete"])
/** @category progress */
export type Status = typeof Status.Type

const Share = Schema.Finite.check(Schema.isBetween({ minimum: 0, maximum: 1 }))

/**
 * A target's progress as of a date (進捗):
 * `elapsed` share of the window (0 … 1, calendar months); `actual`; `monthly` figures behind it
 * (monthly averages, and totals of event counts 延べ・件); `expected` pro-rated target for the
 * covered part (= `value` for averages and ratios); `verdict`; `forecast` to the window's end and
 * whether it meets the target; `achievement` = actual ÷ value (達成率); `pace` = actual ÷ expected
 * (進捗率); `breakdown` sub-figure when the target has one.
 * @category progress
 * @since 0.1.0
 * @example
 * ```ts
 * const t = Target.fiscalYearTarget({ id: "placements", label: { ja: "就職件数", en: "placements" }, metric: "placements", comparator: ">=", value: 500, basis: "annual-total", fiscalYear: Period.unsafeFiscalYear(2013) })
 * const r = Target.progress(t, Metric.empty, Period.unsafeDate("2013-10-31"))
 * if (r._tag === "Success") { const p: Target.Progress = r.success; console.log(p.verdict) } // off_track
 * ```
 */
export const Progress = Schema.Struct({
  target: Target,
  asOf: Period.LocalDate,
  status: Status,
  coverage: Coverage,
  elapsed: Share,
  actual: Metric.MetricValue,
  monthly: Schema.Array(Metric.MonthFigure),
  expected: NonNegativeFinite,
  verdict: Verdict,
  forecast: Metric.MetricValue,
  forecastMeetsTarget: Schema.optionalKey(Schema.Boolean),
  achievement: Metric.MetricValue,
  pace: Metric.MetricValue,
  breakdown: Schema.optionalKey(Metric.MetricValue)
})
/** @category progress */
export type Progress = typeof Progress.Type

const satisfies = (actual: number, comparator: Comparator, goal: number, tolerance: number): boolean =>
  comparator === ">=" ? actual >= goal : comparator === "<=" ? actual <= goal : Math.abs(actual - goal) <= tolerance

const isRatio = (target: Target, catalog: Metric.MetricCatalog): boolean => catalog.metrics.get(target.metric)?._tag === "Ratio"

/**
 * What a target needs to read from a tally, as of a date. @category progress @since 0.1.0
 * @example
 * ```ts
 * const t = Target.fiscalYearTarget({ id: "placements", label: { ja: "就職件数", en: "placements" }, metric: "placements", comparator: ">=", value: 500, basis: "annual-total", fiscalYear: Period.unsafeFiscalYear(2013) })
 * const q: Target.TargetQueries = Target.targetQueries(t, Period.unsafeDate("2013-10-31"))
 * q.main?.filter?.window // { from: "2013-04-01", until: "2013-11-01" }
 * ```
 */
export interface TargetQueries {
  readonly main: Metric.MetricQuery | undefined
  readonly breakdown: Metric.MetricQuery | undefined
  readonly coverage: Coverage
  readonly status: Status
}

const baseFilter = (filter: TargetFilter | undefined, window: Period.Window): Metric.MetricFilter => ({
  ...(filter?.targetGroups !== undefined ? { targetGroups: filter.targetGroups } : {}),
  ...(filter?.sites !== undefined ? { sites: filter.sites } : {}),
  window
})

const coverageOf = (t: Target, asOf: Period.LocalDate): { coverage: Coverage; status: Status } => {
  const w = t.window
  const status: Status = asOf < w.from ? "not_started" : asOf >= Period.lastDay(w) ? "complete" : "in_progress"
  const allMonths = Metric.monthsOfWindow(w)
  const crosses = t.basis === "multi-year"
  const notStarted = { ja: "未開始", en: "not started" }
  if (status === "not_started") return { status, coverage: { months: [], partial: true, label: notStarted } }
  if (t.basis === "monthly-average") {
    const endOfAsOf = Period.addDays(asOf, 1)
    const months = allMonths.filter((m) => Period.monthWindow(m).until <= endOfAsOf)
    if (months.length === 0) {
      return { status, coverage: { months: [], partial: true, label: { ja: "完了月なし", en: "no complete month yet" } } }
    }
    const window = { from: w.from, until: Period.monthWindow(months[months.length - 1]!).until }
    const partial = months.length < allMonths.length
    const range = monthRangeLabel(months, crosses)
    const label = partial ? { ja: `${range.ja}平均`, en: `${range.en} average` } : { ja: "年間平均", en: "annual average" }
    return { status, coverage: { window, months, partial, label } }
  }
  const until = Period.minDate(w.until, Period.addDays(asOf, 1))
  const window = { from: w.from, until }
  const months = Metric.monthsOfWindow(window)
  const partial = until < w.until
  const endsOnMonthEnd = isFirstOfMonth(until) && isFirstOfMonth(w.from)
  let label: Metric.Label
  if (!partial) label = t.basis === "multi-year" ? { ja: "期間累計", en: "total over the window" } : { ja: "年間累計", en: "annual total" }
  else if (endsOnMonthEnd) {
    const range = monthRangeLabel(months, crosses)
    label = { ja: `${range.ja}累計`, en: `${range.en} total` }
  } else if (crosses) {
    const ja = (d: Period.LocalDate): string => `${d.slice(0, 4)}年${dayLabel(d).ja}`
    label = { ja: `${ja(w.from)}~${ja(asOf)}累計`, en: `${w.from} – ${asOf} total` }
  } else {
    const a = dayLabel(w.from), b = dayLabel(asOf)
    label = { ja: `${a.ja}~${b.ja}累計`, en: `${a.en}–${b.en} total` }
  }
  return { status, coverage: { window, months, partial, label } }
}

/**
 * The queries behind a target's progress as of `asOf` (for callers that hold their own store:
 * answer them, then call `progressFromResults`).
 * @category progress
 * @since 0.1.0
 * @example
 * ```ts
 * const t = Target.fiscalYearTarget({ id: "consultations", label: { ja: "職業相談", en: "consultations" }, metric: "consultations", comparator: ">=", value: 1200, basis: "monthly-average", fiscalYear: Period.unsafeFiscalYear(2013) })
 * Target.targetQueries(t, Period.unsafeDate("2013-10-31")).main // the query of the complete months so far, by month
 * ```
 */
export const targetQueries = (t: Target, asOf: Period.LocalDate, catalog: Metric.MetricCatalog = Metric.defaultCatalog): TargetQueries => {
  const { coverage, status } = coverageOf(t, asOf)
  if (coverage.window === undefined) return { main: undefined, breakdown: undefined, coverage, status }
  const filter = baseFilter(t.filter, coverage.window)
  const metric = catalog.metrics.get(t.metric)
  // Monthly series come cheap for event counts; distinct counts per month cost a bitset each,
  // so totals of distinct people or employers are read without them.
  const byMonth = metric?._tag === "Count" && (t.basis === "monthly-average" || metric.counting === "events")
  const main: Metric.MetricQuery = byMonth ? { metric: t.metric, filter, byMonth: true } : { metric: t.metric, filter }
  const breakdown: Metric.MetricQuery | undefined = t.breakdown === undefined ? undefined : { metric: t.breakdown.metric, filter }
  return { main, breakdown, coverage, status }
}

const scalar = (v: Metric.MetricValue): number | undefined => Metric.numberOf(v)

/**
 * Progress from answered queries (`targetQueries`). `main` and `breakdown` are the answers of
 * the corresponding queries (absent when the query was absent).
 * @category progress
 * @since 0.1.0
 * @example
 * ```ts
 * declare const t: Target.Target, main: Metric.QueryResult
 * const asOf = Period.unsafeDate("2013-10-31")
 * const p = Target.progressFromResults(t, asOf, Target.targetQueries(t, asOf), main, undefined)
 * ```
 */
export const progressFromResults = (
  t: Target,
  asOf: Period.LocalDate,
  queries: TargetQueries,
  main: Metric.QueryResult | undefined,
  breakdown: Metric.QueryResult | undefined,
  catalog: Metric.MetricCatalog = Metric.defaultCatalog
): Progress => {
  const { coverage, status } = queries
  const ratio = isRatio(t, catalog)
  const monthly = main?.months ?? []
  const elapsed = elapsedShare(t.window, asOf)
  let actual: Metric.MetricValue
  if (main === undefined) actual = Metric.notDefined(status === "not_started" ? "not_started" : "no_complete_month")
  else if (t.basis === "monthly-average" && monthly.length === 0) actual = Metric.notDefined("no_complete_month")
  else if (t.basis === "monthly-average") {
    const total = monthly.reduce((s, m) => s + m.value, 0)
    actual = { _tag: "Average", value: total / monthly.length, total, months: monthly.length }
  } else actual = main.value
  const proRated = ratio || t.basis === "monthly-average"
  const expected = proRated ? t.value : t.value * elapsed
  const a = scalar(actual)
  const tolerance = t.tolerance ?? 0
  const verdict: Verdict =
    a === undefined
      ? "not_defined"
      : status === "complete"
        ? satisfies(a, t.comparator, t.value, tolerance) ? "met" : "not_met"
        : satisfies(a, t.comparator, expected, tolerance) ? "on_track" : "off_track"
  const forecast: Metric.MetricValue =
    a === undefined
      ? actual
      : proRated
        ? actual // a rate or an average projects flat
        : elapsed === 0
          ? Metric.notDefined("no_elapsed_time")
          : Number.isFinite(a / elapsed)
            ? { _tag: "Count", value: a / elapsed }
            : Metric.notDefined("invalid_operand")
  const f = scalar(forecast)
  const rateOrUndefined = (num: number | undefined, den: number): Metric.MetricValue =>
    num === undefined ? Metric.notDefined(status === "not_started" ? "not_started" : "no_complete_month") : den === 0 ? Metric.notDefined("zero_target") : Metric.ratio(num, den)
  return {
    target: t,
    asOf,
    status,
    coverage,
    elapsed,
    actual,
    monthly,
    expected,
    verdict,
    forecast,
    ...(f === undefined ? {} : { forecastMeetsTarget: satisfies(f, t.comparator, t.value, tolerance) }),
    achievement: a === undefined && actual._tag === "NotDefined" ? actual : rateOrUndefined(a, t.value),
    pace: a === undefined && actual._tag === "NotDefined" ? actual : rateOrUndefined(a, expected),
    ...(breakdown === undefined ? {} : { breakdown: breakdown.value })
  }
}

const orThrowNever = <A>(r: Result.Result<A, Metric.MetricError>): A => {
  // Queries built by targetQueries from a validated target cannot fail.
  if (Result.isFailure(r)) throw new Error(`internal: ${r.failure.message}`)
  return r.success
}

/**
 * A target's progress as of `asOf` (end of that day), read from a tally. The target is
 * validated first; an invalid one is a `TargetError`.
 * @category progress
 * @since 0.1.0
 * @example
 * ```ts
 * const t = Target.fiscalYearTarget({ id: "placements", label: { ja: "就職件数", en: "placements" }, metric: "placements", comparator: ">=", value: 500, basis: "annual-total", fiscalYear: Period.unsafeFiscalYear(2013) })
 * const r = Target.progress(t, Metric.empty, Period.unsafeDate("2014-03-31"))
 * if (r._tag === "Success") console.log(r.success.verdict, r.success.expected) // off_track 500
 * ```
 */
export const progress = (
  t: Target,
  tally: Metric.Tally,
  asOf: Period.LocalDate,
  catalog: Metric.MetricCatalog = Metric.defaultCatalog
): Result.Result<Progress, TargetError> =>
  Result.map(validateTarget(t, catalog), (target) => {
    const q = targetQueries(target, asOf, catalog)
    const main = q.main === undefined ? undefined : orThrowNever(Metric.evaluate(tally, q.main, catalog))
    const breakdown = q.breakdown === undefined ? undefined : orThrowNever(Metric.evaluate(tally, q.breakdown, catalog))
    return progressFromResults(target, asOf, q, main, breakdown, catalog)
  })

// ---------------------------------------------------------------------------------------------
// Plan reports
// ---------------------------------------------------------------------------------------------

/**
 * A plan's progress as of a date, with an era-dated heading (報告). @category reports @since 0.1.0
 * @example
 * ```ts
 * declare const plan: Target.Plan, tally: Metric.Tally
 * const r = Target.report(plan, tally, Period.unsafeDate("2013-10-31"))
 * if (r._tag === "Success") { const report: Target.PlanReport = r.success; console.log(report.heading.ja) } // 平成25年度 … （平成25年10月31日現在）
 * ```
 */
export const PlanReport = Schema.Struct({
  plan: Plan,
  asOf: Period.LocalDate,
  heading: Metric.Label,
  rows: Schema.Array(Progress)
})
/** @category reports */
export type PlanReport = typeof PlanReport.Type

const headingOf = (plan: Plan, asOf: Period.LocalDate): Metric.Label => ({
  ja: `${Period.fiscalYearLabel(plan.fiscalYear)} ${plan.label.ja}（${Period.formatEra(asOf)}現在）`,
  en: `FY${plan.fiscalYear} ${plan.label.en} (as of ${asOf})`
})

/**
 * Every target of a plan as of `asOf`, read from a tally.
 * @category reports
 * @since 0.1.0
 * @example
 * ```ts
 * declare const tally: Metric.Tally
 * declare const plan: Target.Plan
 * const r = Target.report(plan, tally, Period.unsafeDate("2013-10-31"))
 * if (r._tag === "Success") console.log(Target.renderText(r.success))
 * ```
 */
export const report = (
  plan: Plan,
  tally: Metric.Tally,
  asOf: Period.LocalDate,
  catalog: Metric.MetricCatalog = Metric.defaultCatalog
): Result.Result<PlanReport, TargetError> =>
  Result.map(validatePlan(plan, catalog), (p) => ({
    plan: p,
    asOf,
    heading: headingOf(p, asOf),
    rows: p.targets.map((t) => {
      const q = targetQueries(t, asOf, catalog)
      const main = q.main === undefined ? undefined : orThrowNever(Metric.evaluate(tally, q.main, catalog))
      const breakdown = q.breakdown === undefined ? undefined : orThrowNever(Metric.evaluate(tally, q.breakdown, catalog))
      return progressFromResults(t, asOf, q, main, breakdown, catalog)
    })
  }))

/**
 * The same report from events in columns: compiles the plan's queries once, folds the rows in
 * `chunks` pieces and combines them (what parallel workers would do), then reads the answers.
 * @category reports
 * @since 0.1.0
 * @example
 * ```ts
 * declare const columns: Metric.MetricColumns
 * declare const plan: Target.Plan
 * const r = Target.reportColumns(plan, columns, Period.unsafeDate("2014-03-31"), { chunks: 4 })
 * ```
 */
export const reportColumns = (
  plan: Plan,
  columns: Metric.MetricColumns,
  asOf: Period.LocalDate,
  options: { readonly catalog?: Metric.MetricCatalog; readonly chunks?: number } = {}
): Result.Result<PlanReport, TargetError> => {
  const catalog = options.catalog ?? Metric.defaultCatalog
  return Result.map(validatePlan(plan, catalog), (p) => {
    const perTarget = p.targets.map((t) => targetQueries(t, asOf, catalog))
    const queries: Array<Metric.MetricQuery> = []
    const index = perTarget.map((q) => {
      const main = q.main === undefined ? -1 : queries.push(q.main) - 1
      const breakdown = q.breakdown === undefined ? -1 : queries.push(q.breakdown) - 1
      return { main, breakdown }
    })
    const compiled = orThrowNever(Metric.compileColumns(queries, columns, catalog))
    // Any count of chunks gives the same figures (tallies combine as a monoid); one that is not a
    // finite number is taken as one chunk, and every chunk holds at least one row.
    const asked = options.chunks ?? 1
    const chunks = Number.isFinite(asked) ? Math.max(1, Math.floor(asked)) : 1
    const size = Math.max(1, Math.ceil(columns.length / chunks))
    let tally = Metric.emptyColumnTally(compiled)
    for (let start = 0; start < columns.length; start += size) {
      tally = Metric.combineColumnTallies(tally, Metric.foldColumns(compiled, columns, start, start + size))
    }
    const results = Metric.columnResults(compiled, tally)
    return {
      plan: p,
      asOf,
      heading: headingOf(p, asOf),
      rows: p.targets.map((t, i) =>
        progressFromResults(
          t,
          asOf,
          perTarget[i]!,
          index[i]!.main < 0 ? undefined : results[index[i]!.main],
          index[i]!.breakdown < 0 ? undefined : results[index[i]!.breakdown],
          catalog
        )
      )
    }
  })
}

// ---------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------

/**
 * 1234567.8 → "1,234,568" (integers; averages are rounded half up for display). @category rendering @since 0.1.0
 * @example
 * ```ts
 * Target.formatCount(12345.4) // "12,345"
 * ```
 */
export const formatCount = (n: number): string => {
  const rounded = Math.round(n)
  const digits = String(Math.abs(rounded))
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",")
  return rounded < 0 ? `-${grouped}` : grouped
}

/**
 * 0.964 → "96.4%". @category rendering @since 0.1.0
 * @example
 * ```ts
 * Target.formatPercent(0.6667) // "66.7%"
 * ```
 */
export const formatPercent = (x: number): string => `${(Math.round(x * 1000) / 10).toFixed(1)}%`

const formatValue = (v: Metric.MetricValue | undefined): Metric.Label => {
  if (v === undefined || v._tag === "NotDefined") return { ja: "—", en: "—" }
  if (v._tag === "Rate") return { ja: formatPercent(v.value), en: formatPercent(v.value) }
  return { ja: formatCount(v.value), en: formatCount(v.value) }
}

/**
 * The target in words, in the source document's style: "月間延べ1,200人以上" / "≥ 1,200 contacts (延べ) per month".
 * @category rendering
 * @since 0.1.0
 * @example
 * ```ts
 * const t = Target.fiscalYearTarget({ id: "consultations", label: { ja: "職業相談", en: "consultations" }, metric: "consultations", comparator: ">=", value: 1200, basis: "monthly-average", fiscalYear: Period.unsafeFiscalYear(2013) })
 * Target.describeTarget(t).ja // "月間延べ1,200人以上"
 * ```
 */
export const describeTarget = (t: Target, catalog: Metric.MetricCatalog = Metric.defaultCatalog): Metric.Label => {
  const metric = catalog.metrics.get(t.metric)
  const period = t.basis === "monthly-average" ? { ja: "月間", en: " per month" } : t.basis === "annual-total" ? { ja: "年間", en: " per year" } : { ja: "期間計", en: " over the window" }
  const cmp = t.comparator === ">=" ? { ja: "以上", en: "≥ " } : t.comparator === "<=" ? { ja: "以下", en: "≤ " } : { ja: "", en: "= " }
  if (metric === undefined || metric._tag === "Ratio") {
    const v = metric === undefined ? String(t.value) : formatPercent(t.value)
    return { ja: `${v}${cmp.ja}`, en: `${cmp.en}${v}` }
  }
  const unit = metric.unit
  const nobe = unit.ja.startsWith("延べ")
  const ja = `${period.ja}${nobe ? "延べ" : ""}${formatCount(t.value)}${nobe ? unit.ja.slice(2) : unit.ja}${cmp.ja}`
  return { ja, en: `${cmp.en}${formatCount(t.value)} ${unit.en}${period.en}` }
}

const actualText = (p: Progress): Metric.Label => {
  const main = formatValue(p.actual)
  if (p.breakdown === undefined || p.target.breakdown === undefined) return main
  const b = formatValue(p.breakdown)
  return { ja: `${main.ja}（うち、${p.target.breakdown.label.ja}${b.ja}）`, en: `${main.en} (of which ${p.target.breakdown.label.en} ${b.en})` }
}

/**
 * One report row as display strings (Japanese / English). @category rendering @since 0.1.0
 * @example
 * ```ts
 * declare const report: Target.PlanReport
 * const rows: ReadonlyArray<Target.ReportRow> = Target.reportRows(report)
 * ```
 */
export const ReportRow = Schema.Struct({
  programme: Metric.Label,
  indicator: Metric.Label,
  target: Metric.Label,
  actual: Metric.Label,
  coverage: Metric.Label,
  achievement: Schema.String,
  expected: Schema.String,
  forecast: Schema.String,
  verdict: Metric.Label
})
/** @category rendering */
export type ReportRow = typeof ReportRow.Type

/**
 * A report as display rows: the plain data the Markdown and text renderings are made of.
 * @category rendering
 * @since 0.1.0
 * @example
 * ```ts
 * declare const report: Target.PlanReport
 * Target.reportRows(report).map((row) => `${row.indicator.ja}: ${row.actual.ja}`)
 * ```
 */
export const reportRows = (r: PlanReport, catalog: Metric.MetricCatalog = Metric.defaultCatalog): ReadonlyArray<ReportRow> =>
  r.rows.map((p) => {
    const ratio = isRatio(p.target, catalog)
    return {
      programme: p.target.programme ?? { ja: "", en: "" },
      indicator: p.target.label,
      target: describeTarget(p.target, catalog),
      actual: actualText(p),
      coverage: p.coverage.label,
      achievement: formatValue(p.achievement).ja,
      expected: ratio ? formatPercent(p.expected) : formatCount(p.expected),
      forecast: formatValue(p.forecast).ja,
      verdict: verdictLabels[p.verdict]
    }
  })

const cell = (s: string): string => s.replace(/\|/g, "\\|")

/**
 * The report as a Markdown table, Japanese and English labels in each cell, era-dated heading.
 * @category rendering
 * @since 0.1.0
 * @example
 * ```ts
 * declare const report: Target.PlanReport
 * const table = Target.renderMarkdown(report) // | 事業 / Programme | … |
 * ```
 */
export const renderMarkdown = (r: PlanReport, catalog: Metric.MetricCatalog = Metric.defaultCatalog): string => {
  const header = [
    "事業 / Programme",
    "指標 / Indicator",
    "目標 / Target",
    "実績 / Actual",
    "集計期間 / Window",
    "達成率 / Achievement",
    "按分目標 / Pro-rated target",
    "年度末見通し / Forecast",
    "評価 / Verdict"
  ]
  const both = (l: Metric.Label): string => (l.ja === l.en ? cell(l.ja) : l.ja === "" ? cell(l.en) : `${cell(l.ja)}<br>${cell(l.en)}`)
  const lines = [
    `### ${r.heading.ja}`,
    `### ${r.heading.en}`,
    "",
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...reportRows(r, catalog).map(
      (row) =>
        `| ${[both(row.programme), both(row.indicator), both(row.target), both(row.actual), both(row.coverage), row.achievement, row.expected, row.forecast, both(row.verdict)].join(" | ")} |`
    )
  ]
  return lines.join("\n") + "\n"
}

/**
 * The report as plain text, one block per target (for logs, e-mail, terminals).
 * @category rendering
 * @since 0.1.0
 * @example
 * ```ts
 * declare const report: Target.PlanReport
 * console.log(Target.renderText(report))
 * ```
 */
export const renderText = (r: PlanReport, catalog: Metric.MetricCatalog = Metric.defaultCatalog): string => {
  const blocks = reportRows(r, catalog).map((row) =>
    [
      `■ ${row.programme.ja ? `${row.programme.ja} — ` : ""}${row.indicator.ja} / ${row.indicator.en}`,
      `  目標 Target:   ${row.target.ja} / ${row.target.en}`,
      `  実績 Actual:   ${row.actual.ja}（${row.coverage.ja}） / ${row.actual.en} (${row.coverage.en})`,
      `  達成率 ${row.achievement} · 按分目標 ${row.expected} · 見通し ${row.forecast} · ${row.verdict.ja} / ${row.verdict.en}`
    ].join("\n")
  )
  return [r.heading.ja, r.heading.en, "", ...blocks].join("\n") + "\n"
}

// ---------------------------------------------------------------------------------------------
// National indicators (生活困窮者自立支援 支援状況調査)
// ---------------------------------------------------------------------------------------------

/**
 * The items of the national monthly support survey (支援状況調査), each read from a metric.
 * @category national
 * @since 0.1.0
 * @example
 * ```ts
 * const item: Target.NationalItem = "new_consultations"
 * ```
 */
export const NationalItem = Schema.Literals([
  "new_consultations",
  "plans_made",
  "employment_support_clients",
  "placed",
  "earning_more",
  "placed_or_earning_more"
])
/** @category national */
export type NationalItem = typeof NationalItem.Type

/**
 * The items of the national survey (支援状況調査) with the metric each is read from. @category national @since 0.1.0
 * @example
 * ```ts
 * Target.nationalItems.map((i) => `${i.item} ← ${i.metric}`)
 * ```
 */
export const nationalItems: ReadonlyArray<{ readonly item: NationalItem; readonly metric: Metric.MetricId; readonly label: Metric.Label }> = [
  { item: "new_consultations", metric: "new_consultations", label: { ja: "新規相談受付件数", en: "new consultations" } },
  { item: "plans_made", metric: "plans_made", label: { ja: "プラン作成件数", en: "plans made" } },
  { item: "employment_support_clients", metric: "employment_support_clients", label: { ja: "就労支援対象者数", en: "employment-support clients" } },
  { item: "placed", metric: "placed_people", label: { ja: "就労者数", en: "people placed" } },
  { item: "earning_more", metric: "earning_more_people", label: { ja: "増収者数", en: "people earning more" } },
  { item: "placed_or_earning_more", metric: "placed_or_earning_more", label: { ja: "就労・増収者数", en: "people placed or earning more" } }
]

/**
 * A figure per 100,000 population per month (人口10万人当たり月あたり): `count ÷ population ×
 * 100,000 ÷ months`. Zero population or zero months is not defined, never Infinity.
 * @category national
 * @since 0.1.0
 * @example
 * ```ts
 * Target.per100kPerMonth(120, 100_000, 6) // { _tag: "Rate", value: 20 (≈), … }: per 100,000 population per month
 * ```
 */
export const per100kPerMonth = (count: number, population: number, months: number): Metric.MetricValue => {
  if (!(population > 0) || !Number.isFinite(population)) return Metric.notDefined("zero_population")
  if (!(months > 0) || !Number.isFinite(months)) return Metric.notDefined("no_elapsed_time")
  if (!Number.isFinite(count) || count < 0) return Metric.notDefined("invalid_operand")
  const value = ((count / population) * 100_000) / months
  const denominator = (population * months) / 100_000
  return Number.isFinite(value) && denominator > 0 && Number.isFinite(denominator)
    ? { _tag: "Rate", value, numerator: count, denominator }
    : Metric.notDefined("invalid_operand")
}

/**
 * A national benchmark (目安値) per 100k population per month. @category national @since 0.1.0
 * @example
 * ```ts
 * const b: Target.Benchmark | undefined = Target.benchmarks.find((x) => x.fiscalYear === 2015 && x.item === "new_consultations")
 * ```
 */
export const Benchmark = Schema.Struct({
  fiscalYear: Period.FiscalYear,
  item: NationalItem,
  per100kPerMonth: NonNegativeFinite,
  citation: Schema.String
})
/** @category national */
export type Benchmark = typeof Benchmark.Type

const P45 = "MHLW 生活困窮者自立支援制度 目安値 (P45)"

/**
 * The consultation-service benchmarks (目安値) FY2015–FY2017, per 100k population per month.
 * @category national
 * @since 0.1.0
 * @example
 * ```ts
 * Target.benchmarks.filter((b) => b.fiscalYear === 2015).map((b) => `${b.item}: ${b.per100kPerMonth}`)
 * ```
 */
export const benchmarks: ReadonlyArray<Benchmark> = (
  [
    [2015, "new_consultations", 20],
    [2016, "new_consultations", 22],
    [2017, "new_consultations", 24],
    [2015, "plans_made", 10],
    [2016, "plans_made", 11],
    [2017, "plans_made", 12],
    [2015, "employment_support_clients", 6],
    [2016, "employment_support_clients", 7],
    [2017, "employment_support_clients", 7]
  ] as const
).map(([fy, item, v]) => ({ fiscalYear: fy as Period.FiscalYear, item, per100kPerMonth: v, citation: P45 }))

/**
 * The 生活保護受給者等就労自立促進事業 indicator from FY2017: placement rate (就職率 = people
 * placed ÷ support clients) ≥ 67 % (P2).
 * @category national
 * @since 0.1.0
 * @example
 * ```ts
 * Target.placementRateIndicator.value // 0.67 (就職率 67 % 以上)
 * ```
 */
export const placementRateIndicator = {
  metric: "placement_rate",
  comparator: ">=",
  value: 0.67,
  fromFiscalYear: 2017 as Period.FiscalYear,
  label: { ja: "就職率（就労自立促進事業）", en: "placement rate (employment self-reliance programme)" },
  citation: "P2"
} as const

/**
 * The placement-rate indicator as a target of a fiscal year (annual). @category national @since 0.1.0
 * @example
 * ```ts
 * const t = Target.placementRateTarget(Period.unsafeFiscalYear(2015), { targetGroups: ["needy_person"] })
 * t.metric // "placement_rate"
 * ```
 */
export const placementRateTarget = (fiscalYear: Period.FiscalYear, filter?: TargetFilter): Target =>
  fiscalYearTarget({
    id: `placement_rate_${fiscalYear}`,
    label: placementRateIndicator.label,
    metric: placementRateIndicator.metric,
    comparator: placementRateIndicator.comparator,
    value: placementRateIndicator.value,
    basis: "annual-total",
    fiscalYear,
    citation: placementRateIndicator.citation,
    ...(filter !== undefined ? { filter } : {})
  })

/**
 * One line of the national figures; `benchmark` (目安値) of the window's fiscal year when one
 * exists, and whether the per-100k rate meets it.
 * @category national
 * @since 0.1.0
 * @example
 * ```ts
 * declare const tally: Metric.Tally
 * const r = Target.nationalFigures(tally, Period.unsafeWindow("2015-04-01", "2016-04-01"), { population: 100_000 })
 * if (r._tag === "Success") { const figures: ReadonlyArray<Target.NationalFigure> = r.success; console.log(figures.length) }
 * ```
 */
export const NationalFigure = Schema.Struct({
  item: NationalItem,
  label: Metric.Label,
  count: NonNegativeFinite,
  per100kPerMonth: Metric.MetricValue,
  benchmark: Schema.optionalKey(NonNegativeFinite),
  meetsBenchmark: Schema.optionalKey(Schema.Boolean)
})
/** @category national */
export type NationalFigure = typeof NationalFigure.Type

/**
 * The national survey items over a window (a month: `Period.monthWindow(ym)`; a fiscal year to
 * date …), with per-100k-per-month rates for a population (months = calendar-month measure of the
 * window) and the benchmark of the window's fiscal year where there is one.
 * @category national
 * @since 0.1.0
 * @example
 * ```ts
 * declare const tally: Metric.Tally
 * const r = Target.nationalFigures(tally, Period.fiscalYearWindow(Period.unsafeFiscalYear(2015)), { population: 174_000 })
 * if (r._tag === "Success") console.log(r.success.map((f) => `${f.label.ja}: ${Metric.numberOf(f.per100kPerMonth)}`))
 * ```
 */
export const nationalFigures = (
  tally: Metric.Tally,
  window: Period.Window,
  options: { readonly population?: number; readonly filter?: TargetFilter; readonly catalog?: Metric.MetricCatalog } = {}
): Result.Result<ReadonlyArray<NationalFigure>, Metric.MetricError> => {
  const catalog = options.catalog ?? Metric.defaultCatalog
  const months = monthMeasure(window)
  const fy = Period.fiscalYearOf(window.from)
  const out: Array<NationalFigure> = []
  for (const { item, metric, label } of nationalItems) {
    const r = Metric.evaluate(tally, { metric, filter: baseFilter(options.filter, window) }, catalog)
    if (Result.isFailure(r)) return Result.fail(r.failure)
    const count = Metric.numberOf(r.success.value) ?? 0
    const rate = options.population === undefined ? Metric.notDefined("zero_population") : per100kPerMonth(count, options.population, months)
    const benchmark = benchmarks.find((b) => b.fiscalYear === fy && b.item === item)?.per100kPerMonth
    const v = Metric.numberOf(rate)
    out.push({
      item,
      label,
      count,
      per100kPerMonth: rate,
      ...(benchmark === undefined ? {} : { benchmark }),
      ...(benchmark === undefined || v === undefined ? {} : { meetsBenchmark: v >= benchmark })
    })
  }
  return Result.succeed(out)
}

/**
 * `nationalFigures` for one calendar month (月次). @category national @since 0.1.0
 * @example
 * ```ts
 * declare const tally: Metric.Tally
 * Target.nationalMonthlyFigures(tally, Period.unsafeMonth("2015-10"), { population: 174_000 })
 * ```
 */
export const nationalMonthlyFigures = (
  tally: Metric.Tally,
  month: Period.YearMonth,
  options: { readonly population?: number; readonly filter?: TargetFilter; readonly catalog?: Metric.MetricCatalog } = {}
): Result.Result<ReadonlyArray<NationalFigure>, Metric.MetricError> => nationalFigures(tally, Period.monthWindow(month), options)

