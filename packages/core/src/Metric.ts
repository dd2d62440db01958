/**
 * Metric — what happened, counted (実績の集計).
 *
 * Inputs are `MetricEvent`s: one plain record per contact, intake, plan, placement, employer
 * visit, welfare exit … that any event source can produce (a case log, a legacy export, a
 * spreadsheet). Metrics are values (`MetricDefinition`): which event kinds count and how
 * (延べ every event / 実人数 distinct people / 社 distinct employers), or a ratio of two counts.
 *
 * The accumulator is a `Tally`: a cube of cells keyed by (kind, date, site, target groups),
 * each holding an event count and the exact sets of people and employers seen. Tallies form a
 * **commutative monoid** (`empty`, `combine`), so a report is `foldMap` over events and can be
 * built in any order, in parallel, incrementally:
 *
 * - identity: `combine(empty, t) ≡ t ≡ combine(t, empty)`
 * - associativity: `combine(a, combine(b, c)) ≡ combine(combine(a, b), c)`
 * - commutativity: `combine(a, b) ≡ combine(b, a)`
 * - homomorphism: `foldMap(xs ++ ys) ≡ combine(foldMap(xs), foldMap(ys))` (so any partition works
 *   and event order does not matter)
 * - distinct counts are exact set unions: a person seen in two parts counts once.
 *
 * `≡` is `equals` (same cells, same counts, same sets). Any metric, filtered by target group,
 * site and window, is then read from the tally with `evaluate`. For tens of millions of events,
 * `MetricColumns` + `foldColumns` do the same in typed arrays (bitsets for exact distinct counts),
 * with the same monoid laws (`combineColumnTallies`).
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"
import { decodeWith, formatPath } from "./internal/decode.ts"
import * as Period from "./Period.ts"

// ---------------------------------------------------------------------------------------------
// Labels, errors
// ---------------------------------------------------------------------------------------------

/** A label in Japanese and English (表示名). @category labels @since 0.1.0 */
export const Label = Schema.Struct({ ja: Schema.String, en: Schema.String })
/** @category labels */
export type Label = typeof Label.Type

/**
 * What went wrong (集計エラー), with the path of the offending field.
 * - `invalid_event`: an event failed to decode (unknown kind, bad date, missing employer …)
 * - `unknown_metric`: a query or target names a metric the catalogue does not define
 * - `invalid_definition`: a metric catalogue is inconsistent
 * - `unsupported_query`: a query the metric cannot answer (e.g. a monthly breakdown of a ratio)
 * - `capacity`: columnar encoding limits exceeded (more than 32 target groups, 65,535 sites)
 * @category errors
 * @since 0.1.0
 */
export const MetricError = Schema.TaggedStruct("MetricError", {
  code: Schema.Literals(["invalid_event", "unknown_metric", "invalid_definition", "unsupported_query", "capacity"]),
  path: Schema.Array(Schema.Union([Schema.String, Schema.Number])),
  message: Schema.String,
  messageJa: Schema.String
})
/** @category errors */
export type MetricError = typeof MetricError.Type

const metricError = (
  code: MetricError["code"],
  path: ReadonlyArray<string | number>,
  message: string,
  messageJa: string
): MetricError => ({ _tag: "MetricError", code, path, message, messageJa })

// ---------------------------------------------------------------------------------------------
// Event inputs
// ---------------------------------------------------------------------------------------------

/**
 * The kinds of event a metric can count. Any event source maps its own events onto these.
 * - `consultation` 職業相談・職業紹介 / 相談対応 — one counselling or referral contact (延べ: each contact)
 * - `intake` 新規相談受付 — a new consultation accepted (支援状況調査 item)
 * - `plan_made` プラン作成 — a support plan (自立支援計画) made
 * - `employment_support_started` 就労支援開始 — the person became an employment-support client (就労支援対象者)
 * - `placement` 就職 — placed with an employer (`employerRef` when known)
 * - `earnings_increase` 増収 — earnings went up (就労・増収 item)
 * - `welfare_exit` 保護脱却 — left public assistance (保護廃止 through work)
 * - `employer_contact` 事業主への情報収集・訪問 — employer visit / information gathering (`employerRef` required)
 * - `homework_consultation` 内職相談 — home-work consultation
 * - `homework_brokering` 内職あっ旋 — home-work brokered
 * @category events
 * @since 0.1.0
 */
export const eventKinds = [
  "consultation",
  "intake",
  "plan_made",
  "employment_support_started",
  "placement",
  "earnings_increase",
  "welfare_exit",
  "employer_contact",
  "homework_consultation",
  "homework_brokering"
] as const

/** @category events @since 0.1.0 */
export const MetricEventKind = Schema.Literals(eventKinds)
/** @category events */
export type MetricEventKind = typeof MetricEventKind.Type

/** Japanese and English names of each event kind. @category events @since 0.1.0 */
export const eventKindLabels: { readonly [K in MetricEventKind]: Label } = {
  consultation: { ja: "職業相談・職業紹介", en: "job counselling / referral contact" },
  intake: { ja: "新規相談受付", en: "new consultation" },
  plan_made: { ja: "プラン作成", en: "support plan made" },
  employment_support_started: { ja: "就労支援開始", en: "employment support started" },
  placement: { ja: "就職", en: "job placement" },
  earnings_increase: { ja: "増収", en: "earnings increase" },
  welfare_exit: { ja: "保護脱却", en: "exit from public assistance" },
  employer_contact: { ja: "事業主への情報収集", en: "employer information gathering" },
  homework_consultation: { ja: "内職相談", en: "home-work consultation" },
  homework_brokering: { ja: "内職あっ旋", en: "home-work brokering" }
}

/**
 * A target-group id (対象者区分), snake_case. The national ids of the domain brief §1.1 are in
 * `targetGroups`; a municipality may add its own id with the same shape.
 * @category events
 * @since 0.1.0
 */
export const TargetGroupId = Schema.String.check(Schema.isPattern(/^[a-z][a-z0-9_]{0,63}$/))
/** @category events */
export type TargetGroupId = typeof TargetGroupId.Type

/** The target groups of the domain brief §1.1 with their Japanese names. @category events @since 0.1.0 */
export const targetGroups: ReadonlyArray<{ readonly id: TargetGroupId; readonly label: Label }> = [
  { id: "welfare_recipient", label: { ja: "生活保護受給者", en: "public-assistance recipient" } },
  { id: "welfare_applicant", label: { ja: "生活保護の相談・申請段階の者", en: "public-assistance applicant" } },
  { id: "child_rearing_allowance_recipient", label: { ja: "児童扶養手当受給者", en: "child-rearing allowance recipient" } },
  { id: "single_parent", label: { ja: "ひとり親", en: "single parent" } },
  { id: "housing_benefit_recipient", label: { ja: "住居確保給付金受給者", en: "housing-benefit recipient" } },
  { id: "needy_person", label: { ja: "生活困窮者", en: "needy person" } },
  { id: "person_with_disability", label: { ja: "障害者", en: "person with a disability" } },
  { id: "nikkei_foreign_resident", label: { ja: "日系外国人", en: "nikkei foreign resident" } },
  { id: "youth", label: { ja: "若者", en: "young person" } },
  { id: "older_worker_55", label: { ja: "おおむね55歳からの求職者", en: "job-seeker aged about 55+" } },
  { id: "older_worker_60", label: { ja: "60歳以上で常用就職が困難な者", en: "aged 60+, hard to place" } },
  { id: "parent_job_seeker", label: { ja: "子育て中／子育て後の女性", en: "parent job-seeker" } },
  { id: "long_term_unemployed", label: { ja: "長期離職者", en: "long-term unemployed" } },
  { id: "general_job_seeker", label: { ja: "求職中の一般市民", en: "general job-seeker" } },
  { id: "homework_seeker", label: { ja: "内職希望者", en: "home-work seeker" } }
] as ReadonlyArray<{ readonly id: TargetGroupId; readonly label: Label }>

const NonEmpty = Schema.String.check(Schema.isNonEmpty())

const kindsNeedingEmployer: ReadonlyArray<MetricEventKind> = ["employer_contact"]

/**
 * One countable event (集計対象の事象). `personRef` is a pseudonymous reference (no personal data
 * needed); `site` names the desk or centre; `targetGroups` are the groups the person belonged to
 * on `date`; `employerRef` names the employer for employer contacts (required) and placements
 * (optional: an undisclosed placement has none).
 * @category events
 * @since 0.1.0
 */
export const MetricEvent = Schema.Struct({
  kind: MetricEventKind,
  personRef: NonEmpty,
  date: Period.LocalDate,
  site: NonEmpty,
  targetGroups: Schema.Array(TargetGroupId),
  employerRef: Schema.optionalKey(NonEmpty)
}).check(
  Schema.makeFilter((e: { readonly kind: MetricEventKind; readonly employerRef?: string }) =>
    kindsNeedingEmployer.includes(e.kind) && e.employerRef === undefined
      ? { path: ["employerRef"], issue: `an ${e.kind} event needs an employerRef` }
      : undefined
  )
)
/** @category events */
export type MetricEvent = typeof MetricEvent.Type

const decodeEventRaw = decodeWith(MetricEvent)

const invalidEvent = (prefix: ReadonlyArray<string | number>) =>
  (issues: ReadonlyArray<{ readonly path: ReadonlyArray<PropertyKey>; readonly message: string }>): MetricError => {
    const path = [...prefix, ...(issues[0]?.path ?? []).map((p) => (typeof p === "number" ? p : String(p)))]
    return metricError(
      "invalid_event",
      path,
      issues.map((i) => `${formatPath([...prefix, ...i.path])}: ${i.message}`).join("; "),
      `事象データが不正です（${formatPath(path)}）`
    )
  }

/** Decodes one event from unknown input. @category events @since 0.1.0 */
export const decodeEvent = (input: unknown): Result.Result<MetricEvent, MetricError> =>
  Result.mapError(decodeEventRaw(input), invalidEvent([]))

/** Decodes a list of events; the error names the index of the first bad one. @category events @since 0.1.0 */
export const decodeEvents = (input: ReadonlyArray<unknown>): Result.Result<ReadonlyArray<MetricEvent>, MetricError> => {
  const out: Array<MetricEvent> = []
  for (let i = 0; i < input.length; i++) {
    const r = decodeEventRaw(input[i])
    if (Result.isFailure(r)) return Result.fail(invalidEvent([i])(r.failure))
    out.push(r.success)
  }
  return Result.succeed(out)
}

// ---------------------------------------------------------------------------------------------
// Metric definitions
// ---------------------------------------------------------------------------------------------

/**
 * How a count metric counts: `events` (延べ / 件: every matching event), `people` (実人数: distinct
 * `personRef`), `employers` (社: distinct `employerRef`; events without one are not counted).
 * @category metrics
 * @since 0.1.0
 */
export const Counting = Schema.Literals(["events", "people", "employers"])
/** @category metrics */
export type Counting = typeof Counting.Type

/** A metric id, snake_case. @category metrics @since 0.1.0 */
export const MetricId = Schema.String.check(Schema.isPattern(/^[a-z][a-z0-9_]{0,63}$/))
/** @category metrics */
export type MetricId = typeof MetricId.Type

/** A count metric: which kinds count and how. @category metrics @since 0.1.0 */
export const CountMetric = Schema.TaggedStruct("Count", {
  id: MetricId,
  label: Label,
  unit: Label,
  kinds: Schema.Array(MetricEventKind).check(Schema.isMinLength(1)),
  counting: Counting
})
/** @category metrics */
export type CountMetric = typeof CountMetric.Type

/** A ratio metric (率): numerator ÷ denominator, both count metrics. @category metrics @since 0.1.0 */
export const RatioMetric = Schema.TaggedStruct("Ratio", {
  id: MetricId,
  label: Label,
  numerator: MetricId,
  denominator: MetricId
})
/** @category metrics */
export type RatioMetric = typeof RatioMetric.Type

/** A metric (指標): a count or a ratio. @category metrics @since 0.1.0 */
export const MetricDefinition = Schema.Union([CountMetric, RatioMetric])
/** @category metrics */
export type MetricDefinition = typeof MetricDefinition.Type

const count = (
  id: string,
  ja: string,
  en: string,
  unit: Label,
  kinds: ReadonlyArray<MetricEventKind>,
  counting: Counting
): CountMetric => ({ _tag: "Count", id, label: { ja, en }, unit, kinds, counting })

const NOBE_PERSONS: Label = { ja: "延べ人", en: "contacts (延べ)" }
const CASES: Label = { ja: "件", en: "cases" }
const PEOPLE: Label = { ja: "人", en: "people" }
const NOBE_COMPANIES: Label = { ja: "延べ社", en: "employer contacts (延べ)" }
const COMPANIES: Label = { ja: "社", en: "companies" }

/**
 * The built-in metrics. Ratio metrics divide distinct people by distinct people in the same
 * window and filter (placement rate = 就職者数 ÷ 就労支援対象者数, the national ≥ 67 % indicator).
 * @category metrics
 * @since 0.1.0
 */
export const builtinMetrics: ReadonlyArray<MetricDefinition> = [
  count("consultations", "職業相談・職業紹介（延べ）", "consultations (延べ, every contact)", NOBE_PERSONS, ["consultation"], "events"),
  count("consultation_people", "相談者（実人数）", "people consulted (実人数, distinct)", PEOPLE, ["consultation"], "people"),
  count("new_consultations", "新規相談受付件数", "new consultations", CASES, ["intake"], "events"),
  count("plans_made", "プラン作成件数", "plans made", CASES, ["plan_made"], "events"),
  count("employment_support_clients", "就労支援対象者数", "employment-support clients", PEOPLE, ["employment_support_started"], "people"),
  count("placements", "就職件数", "job placements", CASES, ["placement"], "events"),
  count("placed_people", "就職者数", "people placed", PEOPLE, ["placement"], "people"),
  count("earning_more_people", "増収者数", "people earning more", PEOPLE, ["earnings_increase"], "people"),
  count("placed_or_earning_more", "就労・増収者数", "people placed or earning more", PEOPLE, ["placement", "earnings_increase"], "people"),
  count("welfare_exits", "保護脱却者数", "people leaving public assistance", PEOPLE, ["welfare_exit"], "people"),
  count("employer_contacts", "事業主情報収集（延べ社）", "employer information gathering (延べ)", NOBE_COMPANIES, ["employer_contact"], "events"),
  count("companies", "情報収集先事業主（実社数）", "employers contacted (distinct)", COMPANIES, ["employer_contact"], "employers"),
  count("hiring_companies", "就職先事業主（実社数）", "hiring employers (distinct)", COMPANIES, ["placement"], "employers"),
  count("homework_contacts", "内職相談・あっ旋（延べ）", "home-work consultation & brokering (延べ)", NOBE_PERSONS, ["homework_consultation", "homework_brokering"], "events"),
  count("homework_brokerings", "内職あっ旋（延べ）", "home-work brokered (延べ)", NOBE_PERSONS, ["homework_brokering"], "events"),
  { _tag: "Ratio", id: "placement_rate", label: { ja: "就職率", en: "placement rate" }, numerator: "placed_people", denominator: "employment_support_clients" },
  {
    _tag: "Ratio",
    id: "placed_or_earning_more_rate",
    label: { ja: "就労・増収率", en: "placed-or-earning-more rate" },
    numerator: "placed_or_earning_more",
    denominator: "employment_support_clients"
  }
]

/** A checked set of metric definitions by id (指標一覧). @category metrics @since 0.1.0 */
export interface MetricCatalog {
  readonly _tag: "MetricCatalog"
  readonly metrics: ReadonlyMap<string, MetricDefinition>
}

const decodeDefinition = decodeWith(MetricDefinition)

/**
 * Builds a catalogue: ids unique, ratios referring to count metrics of the same catalogue.
 * An extending team passes `[...builtinMetrics, ...own]`.
 * @category metrics
 * @since 0.1.0
 */
export const makeCatalog = (definitions: ReadonlyArray<unknown>): Result.Result<MetricCatalog, MetricError> => {
  const metrics = new Map<string, MetricDefinition>()
  for (let i = 0; i < definitions.length; i++) {
    const decoded = decodeDefinition(definitions[i])
    if (Result.isFailure(decoded)) {
      const first = decoded.failure[0]
      const path = [i, ...(first?.path ?? []).map((p) => (typeof p === "number" ? p : String(p)))]
      return Result.fail(metricError("invalid_definition", path, first?.message ?? "invalid definition", `指標定義が不正です（${formatPath(path)}）`))
    }
    const d = decoded.success
    if (metrics.has(d.id)) {
      return Result.fail(metricError("invalid_definition", [i, "id"], `duplicate metric id ${d.id}`, `指標IDが重複しています: ${d.id}`))
    }
    metrics.set(d.id, d)
  }
  let i = 0
  for (const d of metrics.values()) {
    if (d._tag === "Ratio") {
      for (const side of ["numerator", "denominator"] as const) {
        if (metrics.get(d[side])?._tag !== "Count") {
          return Result.fail(
            metricError("invalid_definition", [i, side], `ratio ${d.id}: ${side} ${d[side]} is not a count metric of this catalogue`, `率 ${d.id} の${side === "numerator" ? "分子" : "分母"}が未定義です`)
          )
        }
      }
    }
    i++
  }
  return Result.succeed({ _tag: "MetricCatalog", metrics })
}

const unsafeCatalog = (definitions: ReadonlyArray<MetricDefinition>): MetricCatalog => {
  const r = makeCatalog(definitions)
  if (Result.isFailure(r)) throw new Error(r.failure.message)
  return r.success
}

/** The catalogue of `builtinMetrics`. @category metrics @since 0.1.0 */
export const defaultCatalog: MetricCatalog = unsafeCatalog(builtinMetrics)

/** Looks a metric up; an unknown id is a typed error. @category metrics @since 0.1.0 */
export const lookup = (
  catalog: MetricCatalog,
  id: string,
  path: ReadonlyArray<string | number> = ["metric"]
): Result.Result<MetricDefinition, MetricError> => {
  const d = catalog.metrics.get(id)
  return d === undefined
    ? Result.fail(metricError("unknown_metric", path, `unknown metric "${id}"`, `未定義の指標です: ${id}`))
    : Result.succeed(d)
}

// ---------------------------------------------------------------------------------------------
// Queries and values
// ---------------------------------------------------------------------------------------------

/**
 * Which events a metric looks at: any of `targetGroups` (when given), one of `sites` (when given),
 * dates inside `window` (when given). Absent fields do not filter.
 * @category queries
 * @since 0.1.0
 */
export const MetricFilter = Schema.Struct({
  targetGroups: Schema.optionalKey(Schema.Array(TargetGroupId)),
  sites: Schema.optionalKey(Schema.Array(NonEmpty)),
  window: Schema.optionalKey(Period.Window)
})
/** @category queries */
export type MetricFilter = typeof MetricFilter.Type

/**
 * A question to a tally: a metric, a filter, and whether to break the figure down by calendar
 * month (needs a `window`; count metrics only).
 * @category queries
 * @since 0.1.0
 */
export const MetricQuery = Schema.Struct({
  metric: MetricId,
  filter: Schema.optionalKey(MetricFilter),
  byMonth: Schema.optionalKey(Schema.Boolean)
})
/** @category queries */
export type MetricQuery = typeof MetricQuery.Type

/**
 * Why a figure is not defined (未定義): never NaN or Infinity.
 * @category values
 * @since 0.1.0
 */
export const NotDefinedReason = Schema.Literals([
  "zero_denominator",
  "no_complete_month",
  "not_started",
  "no_elapsed_time",
  "zero_population",
  "zero_target",
  "invalid_operand"
])
/** @category values */
export type NotDefinedReason = typeof NotDefinedReason.Type

const NonNegativeFinite = Schema.Finite.check(Schema.isGreaterThanOrEqualTo(0))

/**
 * A figure: a count, an average over months, a rate (numerator ÷ denominator), or explicitly
 * not defined. All numbers are finite.
 * @category values
 * @since 0.1.0
 */
export const MetricValue = Schema.Union([
  Schema.TaggedStruct("Count", { value: NonNegativeFinite }),
  Schema.TaggedStruct("Average", { value: NonNegativeFinite, total: NonNegativeFinite, months: Schema.Int }),
  Schema.TaggedStruct("Rate", { value: NonNegativeFinite, numerator: NonNegativeFinite, denominator: NonNegativeFinite }),
  Schema.TaggedStruct("NotDefined", { reason: NotDefinedReason })
])
/** @category values */
export type MetricValue = typeof MetricValue.Type

/** @category values @since 0.1.0 */
export const notDefined = (reason: NotDefinedReason): MetricValue => ({ _tag: "NotDefined", reason })

/**
 * `numerator ÷ denominator` for counts: not defined when the denominator is 0
 * (`zero_denominator`), or when an operand is negative or not finite, or the quotient overflows
 * (`invalid_operand`). Never NaN or ±Infinity.
 * @category values
 * @since 0.1.0
 */
export const ratio = (numerator: number, denominator: number): MetricValue => {
  if (denominator === 0) return notDefined("zero_denominator")
  if (!(numerator >= 0) || !(denominator > 0) || !Number.isFinite(numerator) || !Number.isFinite(denominator)) return notDefined("invalid_operand")
  const value = numerator / denominator
  return Number.isFinite(value) ? { _tag: "Rate", value, numerator, denominator } : notDefined("invalid_operand")
}

/** The number inside a value, `undefined` when not defined. @category values @since 0.1.0 */
export const numberOf = (v: MetricValue): number | undefined => (v._tag === "NotDefined" ? undefined : v.value)

/** A month's figure in a breakdown. @category values @since 0.1.0 */
export const MonthFigure = Schema.Struct({ month: Period.YearMonth, value: NonNegativeFinite })
/** @category values */
export type MonthFigure = typeof MonthFigure.Type

/**
 * The answer to a query; `months` is present when `byMonth` was asked: every month the window
 * touches, in order (0 included).
 * @category values
 * @since 0.1.0
 */
export const QueryResult = Schema.Struct({
  query: MetricQuery,
  value: MetricValue,
  months: Schema.optionalKey(Schema.Array(MonthFigure))
})
/** @category values */
export type QueryResult = typeof QueryResult.Type

// ---------------------------------------------------------------------------------------------
// The tally monoid
// ---------------------------------------------------------------------------------------------

/** One cell of a tally: every event of one kind, date, site and target-group set. @category tally @since 0.1.0 */
export interface Cell {
  readonly kind: MetricEventKind
  readonly date: Period.LocalDate
  readonly site: string
  /** Sorted, without duplicates. */
  readonly targetGroups: ReadonlyArray<string>
  readonly events: number
  readonly people: ReadonlySet<string>
  readonly employers: ReadonlySet<string>
}

/**
 * The accumulator (集計表): cells by key. Immutable: `combine` never changes its arguments.
 * @category tally
 * @since 0.1.0
 */
export interface Tally {
  readonly _tag: "Tally"
  readonly cells: ReadonlyMap<string, Cell>
}

/** The identity of `combine`: no events. @category tally @since 0.1.0 */
export const empty: Tally = { _tag: "Tally", cells: new Map() }

const normaliseGroups = (groups: ReadonlyArray<string>): ReadonlyArray<string> => {
  if (groups.length <= 1) return groups
  return [...new Set(groups)].sort()
}

const cellKey = (kind: string, date: string, site: string, groups: ReadonlyArray<string>): string =>
  JSON.stringify([kind, date, site, groups])

/** Union of two immutable sets, sharing when one side is empty, copying the larger otherwise. */
const union = (a: ReadonlySet<string>, b: ReadonlySet<string>): ReadonlySet<string> => {
  if (a.size === 0) return b
  if (b.size === 0) return a
  const [large, small] = a.size >= b.size ? [a, b] : [b, a]
  let grows = false
  for (const x of small) {
    if (!large.has(x)) {
      grows = true
      break
    }
  }
  if (!grows) return large
  const out = new Set(large)
  for (const x of small) out.add(x)
  return out
}

const combineCells = (a: Cell, b: Cell): Cell => ({
  kind: a.kind,
  date: a.date,
  site: a.site,
  targetGroups: a.targetGroups,
  events: a.events + b.events,
  people: union(a.people, b.people),
  employers: union(a.employers, b.employers)
})

/**
 * The monoid operation: cell-wise sum of counts and union of people and employers.
 * Cost is proportional to the smaller tally's cells (plus copies of sets that actually grow).
 * @category tally
 * @since 0.1.0
 */
export const combine = (a: Tally, b: Tally): Tally => {
  if (a.cells.size === 0) return b
  if (b.cells.size === 0) return a
  const [large, small] = a.cells.size >= b.cells.size ? [a, b] : [b, a]
  const cells = new Map(large.cells)
  for (const [key, cell] of small.cells) {
    const existing = cells.get(key)
    cells.set(key, existing === undefined ? cell : combineCells(existing, cell))
  }
  return { _tag: "Tally", cells }
}

/** Combines any number of tallies. @category tally @since 0.1.0 */
export const combineAll = (tallies: Iterable<Tally>): Tally => {
  let acc = empty
  for (const t of tallies) acc = combine(acc, t)
  return acc
}

interface MutableCell {
  kind: MetricEventKind
  date: Period.LocalDate
  site: string
  targetGroups: ReadonlyArray<string>
  events: number
  people: Set<string>
  employers: Set<string>
}

/**
 * The tally of some events (`foldMap` with `singleton`), built with one mutable pass internally.
 * Events are trusted (decode unknown input with `decodeEvents` first).
 * @category tally
 * @since 0.1.0
 */
export const foldMap = (events: Iterable<MetricEvent>): Tally => {
  const cells = new Map<string, MutableCell>()
  for (const e of events) {
    const groups = normaliseGroups(e.targetGroups)
    const key = cellKey(e.kind, e.date, e.site, groups)
    let cell = cells.get(key)
    if (cell === undefined) {
      cell = { kind: e.kind, date: e.date, site: e.site, targetGroups: groups, events: 0, people: new Set(), employers: new Set() }
      cells.set(key, cell)
    }
    cell.events += 1
    cell.people.add(e.personRef)
    if (e.employerRef !== undefined) cell.employers.add(e.employerRef)
  }
  return { _tag: "Tally", cells }
}

/** The tally of one event. @category tally @since 0.1.0 */
export const singleton = (event: MetricEvent): Tally => foldMap([event])

/** Adds one event to a tally (= `combine(t, singleton(e))`). @category tally @since 0.1.0 */
export const add = (tally: Tally, event: MetricEvent): Tally => combine(tally, singleton(event))

const sameSet = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean => {
  if (a.size !== b.size) return false
  for (const x of a) if (!b.has(x)) return false
  return true
}

/** Whether two tallies hold the same cells, counts and sets. @category tally @since 0.1.0 */
export const equals = (a: Tally, b: Tally): boolean => {
  if (a.cells.size !== b.cells.size) return false
  for (const [key, x] of a.cells) {
    const y = b.cells.get(key)
    if (y === undefined || x.events !== y.events || !sameSet(x.people, y.people) || !sameSet(x.employers, y.employers)) return false
  }
  return true
}

/**
 * A tally as plain JSON-ready data, cells and sets sorted: equal tallies give equal values.
 * Use it to store partial aggregates and `fromCanonical` to read them back.
 * @category tally
 * @since 0.1.0
 */
export const TallyData = Schema.Struct({
  cells: Schema.Array(
    Schema.Struct({
      kind: MetricEventKind,
      date: Period.LocalDate,
      site: NonEmpty,
      targetGroups: Schema.Array(TargetGroupId),
      events: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)),
      people: Schema.Array(NonEmpty),
      employers: Schema.Array(NonEmpty)
    })
  )
})
/** @category tally */
export type TallyData = typeof TallyData.Type

/** @category tally @since 0.1.0 */
export const toCanonical = (t: Tally): TallyData => ({
  cells: [...t.cells.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, c]) => ({
      kind: c.kind,
      date: c.date,
      site: c.site,
      targetGroups: [...c.targetGroups],
      events: c.events,
      people: [...c.people].sort(),
      employers: [...c.employers].sort()
    }))
})

const decodeTallyData = decodeWith(TallyData)

/** Reads stored tally data back (decoded at the boundary). @category tally @since 0.1.0 */
export const fromCanonical = (input: unknown): Result.Result<Tally, MetricError> =>
  Result.mapBoth(decodeTallyData(input), {
    onFailure: (issues) => metricError("invalid_event", issues[0]?.path.map((p) => (typeof p === "number" ? p : String(p))) ?? [], issues.map((i) => i.message).join("; "), "集計データが不正です"),
    onSuccess: (data) => {
      let acc = empty
      for (const c of data.cells) {
        const groups = normaliseGroups(c.targetGroups)
        const cell: Cell = { kind: c.kind, date: c.date, site: c.site, targetGroups: groups, events: c.events, people: new Set(c.people), employers: new Set(c.employers) }
        acc = combine(acc, { _tag: "Tally", cells: new Map([[cellKey(c.kind, c.date, c.site, groups), cell]]) })
      }
      return acc
    }
  })

// ---------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------

/** Whether an event with these coordinates passes a filter. @category queries @since 0.1.0 */
export const matchesFilter = (
  filter: MetricFilter | undefined,
  date: Period.LocalDate,
  site: string,
  groups: ReadonlyArray<string>
): boolean => {
  if (filter === undefined) return true
  if (filter.window !== undefined && !Period.contains(filter.window, date)) return false
  if (filter.sites !== undefined && !filter.sites.includes(site)) return false
  if (filter.targetGroups !== undefined && !groups.some((g) => filter.targetGroups!.includes(g))) return false
  return true
}

/**
 * The calendar months a window touches, in order.
 * @category queries
 * @since 0.1.0
 */
export const monthsOfWindow = (w: Period.Window): ReadonlyArray<Period.YearMonth> => {
  const out: Array<Period.YearMonth> = []
  const last = Period.monthOf(Period.lastDay(w))
  for (let m = Period.monthOf(w.from); m <= last; m = Period.addMonthsToMonth(m, 1)) out.push(m)
  return out
}

const countOf = (counting: Counting, events: number, people: ReadonlySet<string>, employers: ReadonlySet<string>): number =>
  counting === "events" ? events : counting === "people" ? people.size : employers.size

const evaluateCount = (tally: Tally, metric: CountMetric, query: MetricQuery): QueryResult => {
  const filter = query.filter
  let events = 0
  const people = new Set<string>()
  const employers = new Set<string>()
  const monthly = new Map<string, { events: number; people: Set<string>; employers: Set<string> }>()
  for (const cell of tally.cells.values()) {
    if (!metric.kinds.includes(cell.kind) || !matchesFilter(filter, cell.date, cell.site, cell.targetGroups)) continue
    events += cell.events
    // Only the sets the metric counts are unioned (延べ counts need none).
    if (metric.counting === "people") for (const p of cell.people) people.add(p)
    if (metric.counting === "employers") for (const e of cell.employers) employers.add(e)
    if (query.byMonth === true) {
      const m = Period.monthOf(cell.date)
      let acc = monthly.get(m)
      if (acc === undefined) {
        acc = { events: 0, people: new Set(), employers: new Set() }
        monthly.set(m, acc)
      }
      acc.events += cell.events
      if (metric.counting === "people") for (const p of cell.people) acc.people.add(p)
      if (metric.counting === "employers") for (const e of cell.employers) acc.employers.add(e)
    }
  }
  const value: MetricValue = { _tag: "Count", value: countOf(metric.counting, events, people, employers) }
  if (query.byMonth !== true || filter?.window === undefined) return { query, value }
  const months = monthsOfWindow(filter.window).map((month) => {
    const acc = monthly.get(month)
    return { month, value: acc === undefined ? 0 : countOf(metric.counting, acc.events, acc.people, acc.employers) }
  })
  return { query, value, months }
}

const checkQuery = (catalog: MetricCatalog, query: MetricQuery): Result.Result<MetricDefinition, MetricError> =>
  Result.flatMap(lookup(catalog, query.metric), (metric) => {
    if (query.byMonth === true && metric._tag === "Ratio") {
      return Result.fail(metricError("unsupported_query", ["byMonth"], `ratio ${metric.id} has no monthly breakdown`, `率 ${metric.id} は月別に分解できません`))
    }
    if (query.byMonth === true && query.filter?.window === undefined) {
      return Result.fail(metricError("unsupported_query", ["filter", "window"], "a monthly breakdown needs a window", "月別集計には期間の指定が必要です"))
    }
    return Result.succeed(metric)
  })

/**
 * Answers a query from a tally. Unknown metrics and impossible queries are typed errors; a ratio
 * with a zero denominator is `NotDefined("zero_denominator")`.
 * @category queries
 * @since 0.1.0
 */
export const evaluate = (
  tally: Tally,
  query: MetricQuery,
  catalog: MetricCatalog = defaultCatalog
): Result.Result<QueryResult, MetricError> =>
  Result.map(checkQuery(catalog, query), (metric) => {
    if (metric._tag === "Count") return evaluateCount(tally, metric, query)
    const part = (id: string): number => {
      const d = catalog.metrics.get(id) as CountMetric
      return (evaluateCount(tally, d, { metric: id, ...(query.filter ? { filter: query.filter } : {}) }).value as { value: number }).value
    }
    return { query, value: ratio(part(metric.numerator), part(metric.denominator)) }
  })

// ---------------------------------------------------------------------------------------------
// Columnar form
// ---------------------------------------------------------------------------------------------

/**
 * Events in columns (列形式): one typed array per field, dictionaries for strings. Row `i` is
 * the event `(eventKinds[kind[i]], fromDayNumber(day[i]), sites[site[i]], groups as a bitmask over
 * targetGroups, person id, employer id or -1)`. Person and employer ids are dense integers
 * (`0 … personCount-1`); chunks of one log share the dictionaries, so chunk tallies combine.
 * @category columns
 * @since 0.1.0
 */
export interface MetricColumns {
  readonly length: number
  readonly kind: Uint8Array
  readonly day: Int32Array
  readonly site: Uint16Array
  readonly groups: Uint32Array
  readonly person: Uint32Array
  readonly employer: Int32Array
  readonly sites: ReadonlyArray<string>
  /** At most 32: bit `j` of `groups[i]` means `targetGroups[j]`. */
  readonly targetGroups: ReadonlyArray<string>
  readonly personCount: number
  readonly employerCount: number
}

const kindIndex: ReadonlyMap<string, number> = new Map(eventKinds.map((k, i) => [k, i]))

/**
 * Encodes events as columns (interning people, employers, sites, groups).
 * @category columns
 * @since 0.1.0
 */
export const columnsFromEvents = (events: ReadonlyArray<MetricEvent>): Result.Result<MetricColumns, MetricError> => {
  const n = events.length
  const kind = new Uint8Array(n), day = new Int32Array(n), site = new Uint16Array(n)
  const groups = new Uint32Array(n), person = new Uint32Array(n), employer = new Int32Array(n)
  const sites = new Map<string, number>(), tgs = new Map<string, number>()
  const persons = new Map<string, number>(), employers = new Map<string, number>()
  const intern = (m: Map<string, number>, s: string): number => {
    let id = m.get(s)
    if (id === undefined) {
      id = m.size
      m.set(s, id)
    }
    return id
  }
  for (let i = 0; i < n; i++) {
    const e = events[i]!
    kind[i] = kindIndex.get(e.kind)!
    day[i] = Period.toDayNumber(e.date)
    const s = intern(sites, e.site)
    if (s > 0xffff) return Result.fail(metricError("capacity", [i, "site"], "more than 65,536 sites", "拠点数が上限を超えています"))
    site[i] = s
    let mask = 0
    for (const g of e.targetGroups) {
      const b = intern(tgs, g)
      if (b >= 32) return Result.fail(metricError("capacity", [i, "targetGroups"], "more than 32 target groups in one column set", "対象者区分が32を超えています"))
      mask |= 1 << b
    }
    groups[i] = mask >>> 0
    person[i] = intern(persons, e.personRef)
    employer[i] = e.employerRef === undefined ? -1 : intern(employers, e.employerRef)
  }
  return Result.succeed({
    length: n, kind, day, site, groups, person, employer,
    sites: [...sites.keys()], targetGroups: [...tgs.keys()], personCount: persons.size, employerCount: employers.size
  })
}

/**
 * Checks columns filled by hand (from a store, a file) before folding: equal lengths, every
 * code inside its dictionary, ids inside their counts. The fold itself trusts its input, as a hot
 * loop should; check once at the boundary. `columnsFromEvents` output always passes.
 * @category columns
 * @since 0.1.0
 */
export const checkColumns = (c: MetricColumns): Result.Result<MetricColumns, MetricError> => {
  const fail = (path: ReadonlyArray<string | number>, message: string): Result.Result<MetricColumns, MetricError> =>
    Result.fail(metricError("invalid_event", path, message, `列データが不正です（${formatPath(path)}）`))
  const n = c.length
  if (!Number.isInteger(n) || n < 0) return fail(["length"], `length ${n} is not a count`)
  for (const field of ["kind", "day", "site", "groups", "person", "employer"] as const) {
    if (c[field].length < n) return fail([field], `${field} has ${c[field].length} rows, fewer than length ${n}`)
  }
  if (c.targetGroups.length > 32) return fail(["targetGroups"], "more than 32 target groups")
  if (!(c.personCount >= 0 && c.personCount <= 0x7fffffff) || !(c.employerCount >= 0 && c.employerCount <= 0x7fffffff)) {
    return fail(["personCount"], "person and employer counts must lie in 0 … 2^31 − 1")
  }
  const groupLimit = c.targetGroups.length === 32 ? 0 : (~0 << c.targetGroups.length) >>> 0
  for (let i = 0; i < n; i++) {
    if (c.kind[i]! >= eventKinds.length) return fail(["kind", i], `unknown kind code ${c.kind[i]}`)
    if (c.site[i]! >= c.sites.length) return fail(["site", i], `site code ${c.site[i]} outside the dictionary`)
    if ((c.groups[i]! & groupLimit) !== 0) return fail(["groups", i], "group bits outside the dictionary")
    if (c.person[i]! >= c.personCount) return fail(["person", i], `person id ${c.person[i]} ≥ personCount`)
    const e = c.employer[i]!
    if (e < -1 || e >= c.employerCount) return fail(["employer", i], `employer id ${e} outside -1 … employerCount − 1`)
    if (c.day[i]! < MIN_DAY || c.day[i]! > MAX_DAY) return fail(["day", i], `day number ${c.day[i]} outside the calendar`)
  }
  return Result.succeed(c)
}

const MIN_DAY = Period.toDayNumber(Period.unsafeDate("1873-01-01"))
const MAX_DAY = Period.toDayNumber(Period.unsafeDate("9999-12-31"))

/** A column range `[start, end)` of the same dictionaries (a chunk to fold in parallel). @category columns @since 0.1.0 */
export const sliceColumns = (c: MetricColumns, start: number, end: number): MetricColumns => ({
  ...c,
  length: Math.max(0, Math.min(end, c.length) - start),
  kind: c.kind.subarray(start, end),
  day: c.day.subarray(start, end),
  site: c.site.subarray(start, end),
  groups: c.groups.subarray(start, end),
  person: c.person.subarray(start, end),
  employer: c.employer.subarray(start, end)
})

/** One count query compiled against column dictionaries. */
interface Leaf {
  readonly kindMask: number
  readonly counting: 0 | 1 | 2
  /** Bits of the column set's target groups the filter accepts (0: no group filter). */
  readonly groupMask: number
  /** `true` when the filter names groups or sites none of which occur: nothing matches. */
  readonly impossible: boolean
  /** Accepted site indexes (1 = accepted), or null for no site filter. */
  readonly sites: Uint8Array | null
  readonly fromDay: number
  readonly untilDay: number
  readonly months: ReadonlyArray<Period.YearMonth>
  /** Day number where each month slot (1-based) starts, and where the last one ends. */
  readonly monthStarts: ReadonlyArray<number>
  readonly countOffset: number
  readonly bitsOffset: number
  /** 32-bit words per bitset (0 for event counts). */
  readonly words: number
}

/**
 * The histogram layout (strategy "histogram"): each row maps to one key
 * `((kind × segments + segment) × siteSignatures + siteSignature) × groupSignatures + groupSignature`,
 * where segments cut the day line at every window and month boundary the queries use, and the
 * signatures keep only the sites and groups some query filters on. Event counts are sums of
 * histogram cells; distinct counts set bits for rows whose key a query accepts.
 */
interface Histogram {
  readonly boundaries: Int32Array
  readonly segmentOfDay: Uint16Array
  readonly segments: number
  readonly siteSignature: Uint16Array
  readonly siteSignatures: number
  /** Signature bits of the low 16 group bits (as wide as the highest referenced low bit needs). */
  readonly groupLow: Uint16Array
  readonly groupLowMask: number
  /** … and of the high 16 (a one-entry table when no high bit is referenced). */
  readonly groupHigh: Uint16Array
  readonly groupHighMask: number
  readonly groupSignatures: number
  readonly keys: number
  /** Per leaf, 1 where the leaf accepts the key. */
  readonly accepts: ReadonlyArray<Uint8Array>
  /** Per leaf and segment: the month slot (1-based) or 0. */
  readonly segmentSlots: ReadonlyArray<Uint16Array>
  /** Leaves counting distinct people that accept each key: `personActions[personStart[key] … personStart[key + 1])`. */
  readonly personStart: Int32Array
  readonly personActions: Int32Array
  /** 1 where a key has a person action (so the row loop can collect rows without branching). */
  readonly hasPersonAction: Uint8Array
  /** The same for leaves counting distinct employers. */
  readonly employerStart: Int32Array
  readonly employerActions: Int32Array
  readonly hasEmployerAction: Uint8Array
}

/**
 * Queries compiled against the dictionaries of a column set (`compileColumns`).
 * @category columns
 * @since 0.1.0
 */
export interface ColumnPlan {
  readonly _tag: "ColumnPlan"
  readonly strategy: "histogram" | "rows"
  readonly queries: ReadonlyArray<MetricQuery>
  /** Per query: the leaf (count) or the two leaves (ratio) it reads. */
  readonly reads: ReadonlyArray<{ readonly leaf: number } | { readonly numerator: number; readonly denominator: number }>
  readonly leaves: ReadonlyArray<Leaf>
  readonly histogram: Histogram | undefined
  readonly countSize: number
  readonly bitsSize: number
}

/**
 * A columnar accumulator: event counts (histogram cells or per-query slots, depending on the
 * plan's strategy) and bitsets of the people / employers seen (exact distinct counts).
 * A commutative monoid under `combineColumnTallies` for one plan.
 * @category columns
 * @since 0.1.0
 */
export interface ColumnTally {
  readonly _tag: "ColumnTally"
  readonly counts: Float64Array
  readonly bits: Uint32Array
}

const WIDE_FROM = -1e9
const WIDE_UNTIL = 1e9
/** Limits of the histogram layout; beyond them the plan folds row by row. */
const MAX_KEYS = 1 << 20
const MAX_SEGMENT_DAYS = 1 << 20
const MAX_GROUP_BITS = 12

type Dictionaries = Pick<MetricColumns, "sites" | "targetGroups" | "personCount" | "employerCount">

const compileLeaf = (metric: CountMetric, filter: MetricFilter | undefined, byMonth: boolean, columns: Dictionaries): Omit<Leaf, "countOffset" | "bitsOffset"> => {
  let kindMask = 0
  for (const k of metric.kinds) kindMask |= 1 << kindIndex.get(k)!
  let groupMask = 0
  let impossible = false
  if (filter?.targetGroups !== undefined) {
    for (const g of filter.targetGroups) {
      const j = columns.targetGroups.indexOf(g)
      if (j >= 0) groupMask |= 1 << j
    }
    impossible = groupMask === 0
  }
  let sites: Uint8Array | null = null
  if (filter?.sites !== undefined) {
    sites = new Uint8Array(Math.max(columns.sites.length, 1))
    for (const s of filter.sites) {
      const j = columns.sites.indexOf(s)
      if (j >= 0) sites[j] = 1
    }
    impossible = impossible || !sites.includes(1)
  }
  const w = filter?.window
  const fromDay = w === undefined ? WIDE_FROM : Period.toDayNumber(w.from)
  const untilDay = w === undefined ? WIDE_UNTIL : Period.toDayNumber(w.until)
  const months = byMonth && w !== undefined ? monthsOfWindow(w) : []
  const monthStarts = months.map((m) => Math.max(fromDay, Period.toDayNumber(Period.monthWindow(m).from)))
  if (months.length > 0) monthStarts.push(untilDay)
  const counting = metric.counting === "events" ? 0 : metric.counting === "people" ? 1 : 2
  const words = counting === 0 ? 0 : Math.ceil((counting === 1 ? columns.personCount : columns.employerCount) / 32)
  return { kindMask, counting, groupMask: groupMask >>> 0, impossible, sites, fromDay, untilDay, months, monthStarts, words }
}

/** The month slot (1-based) of a day for a leaf, 0 when it has no monthly breakdown or the day is outside. */
const slotOf = (leaf: Omit<Leaf, "countOffset" | "bitsOffset">, day: number): number => {
  const starts = leaf.monthStarts
  if (starts.length === 0 || day < starts[0]! || day >= starts[starts.length - 1]!) return 0
  let slot = 1
  while (day >= starts[slot]!) slot++
  return slot
}

/** Days cut where any leaf's window or month starts: segment 0 lies before the first cut, segment m after the last, 1 … m-1 between cuts. */
const daySegments = (leaves: ReadonlyArray<Leaf>) => {
  const cuts = new Set<number>()
  for (const l of leaves) {
    if (l.fromDay !== WIDE_FROM) cuts.add(l.fromDay)
    if (l.untilDay !== WIDE_UNTIL) cuts.add(l.untilDay)
    for (const s of l.monthStarts) cuts.add(s)
  }
  const boundaries = Int32Array.from([...cuts].sort((a, b) => a - b))
  const m = boundaries.length
  const span = m === 0 ? 0 : boundaries[m - 1]! - boundaries[0]!
  if (span > MAX_SEGMENT_DAYS) return undefined
  const segmentOfDay = new Uint16Array(Math.max(span, 1))
  for (let t = 1; t < m; t++) segmentOfDay.fill(t, boundaries[t - 1]! - boundaries[0]!, boundaries[t]! - boundaries[0]!)
  /** A day inside segment t (every day of a segment is accepted by the same leaves). */
  const representative = (t: number): number => (m === 0 ? 0 : t === 0 ? boundaries[0]! - 1 : boundaries[t - 1]!)
  return { boundaries, segmentOfDay, segments: m + 1, representative }
}

/** Sites referenced by some leaf get signatures 1…n; every other site shares signature 0. */
const siteSignaturesOf = (leaves: ReadonlyArray<Leaf>, columns: Dictionaries) => {
  const referencedSites: Array<number> = []
  for (const l of leaves) if (l.sites !== null) l.sites.forEach((v, s) => v === 1 && !referencedSites.includes(s) && referencedSites.push(s))
  const siteSignature = new Uint16Array(Math.max(columns.sites.length, 1))
  referencedSites.forEach((s, i) => (siteSignature[s] = i + 1))
  return { referencedSites, siteSignature, siteSignatures: referencedSites.length + 1 }
}

/** Group bitmasks projected onto the bits some leaf references, through two lookup tables (low and high 16 bits). */
const groupSignaturesOf = (leaves: ReadonlyArray<Leaf>) => {
  let unionMask = 0
  for (const l of leaves) unionMask |= l.groupMask
  const groupBits: Array<number> = []
  for (let b = 0; b < 32; b++) if ((unionMask >>> b) & 1) groupBits.push(b)
  if (groupBits.length > MAX_GROUP_BITS) return undefined
  // Tables only as wide as the referenced bits need, so they stay in the first-level cache.
  const lowBits = groupBits.filter((b) => b < 16), highBits = groupBits.filter((b) => b >= 16)
  const lowWidth = lowBits.length === 0 ? 0 : Math.max(...lowBits) + 1
  const highWidth = highBits.length === 0 ? 0 : Math.max(...highBits) - 15
  const groupLow = new Uint16Array(1 << lowWidth), groupHigh = new Uint16Array(1 << highWidth)
  groupBits.forEach((b, j) => {
    const table = b < 16 ? groupLow : groupHigh
    const bit = 1 << (b & 15)
    for (let v = 0; v < table.length; v++) if (v & bit) table[v]! |= 1 << j
  })
  /** The group bitmask a signature stands for. */
  const signatureMask = (sig: number): number => {
    let mask = 0
    groupBits.forEach((b, j) => {
      if ((sig >>> j) & 1) mask |= 1 << b
    })
    return mask >>> 0
  }
  return { groupLow, groupLowMask: (1 << lowWidth) - 1, groupHigh, groupHighMask: (1 << highWidth) - 1, groupSignatures: 1 << groupBits.length, signatureMask }
}

type Segments = NonNullable<ReturnType<typeof daySegments>>
type Sites = ReturnType<typeof siteSignaturesOf>
type Groups = NonNullable<ReturnType<typeof groupSignaturesOf>>

/** Per leaf, 1 for every key (kind, segment, site signature, group signature) whose rows it counts. */
const acceptTable = (l: Leaf, keys: number, seg: Segments, sites: Sites, groups: Groups): Uint8Array => {
  const accept = new Uint8Array(keys)
  if (l.impossible) return accept
  for (let k = 0; k < eventKinds.length; k++) {
    if (((l.kindMask >>> k) & 1) === 0) continue
    for (let t = 0; t < seg.segments; t++) {
      const day = seg.representative(t)
      if (day < l.fromDay || day >= l.untilDay) continue
      for (let ss = 0; ss < sites.siteSignatures; ss++) {
        if (l.sites !== null && (ss === 0 || l.sites[sites.referencedSites[ss - 1]!] !== 1)) continue
        for (let gs = 0; gs < groups.groupSignatures; gs++) {
          if (l.groupMask !== 0 && (groups.signatureMask(gs) & l.groupMask) === 0) continue
          accept[((k * seg.segments + t) * sites.siteSignatures + ss) * groups.groupSignatures + gs] = 1
        }
      }
    }
  }
  return accept
}

/** For each key, the leaves that count distinct people (1) or employers (2) there, as a CSR list. */
const distinctActions = (leaves: ReadonlyArray<Leaf>, accepts: ReadonlyArray<Uint8Array>, keys: number, counting: 1 | 2) => {
  const start = new Int32Array(keys + 1)
  const has = new Uint8Array(keys)
  const list: Array<number> = []
  for (let key = 0; key < keys; key++) {
    leaves.forEach((l, q) => {
      if (l.counting === counting && accepts[q]![key] === 1) list.push(q)
    })
    start[key + 1] = list.length
    has[key] = list.length > start[key]! ? 1 : 0
  }
  return { start, actions: Int32Array.from(list), has }
}

/** The histogram layout for a plan's leaves, or `undefined` when it would be too large (the plan then folds row by row). */
const buildHistogram = (leaves: ReadonlyArray<Leaf>, columns: Dictionaries): Histogram | undefined => {
  const seg = daySegments(leaves)
  if (seg === undefined) return undefined
  const sites = siteSignaturesOf(leaves, columns)
  const groups = groupSignaturesOf(leaves)
  if (groups === undefined) return undefined
  const keys = eventKinds.length * seg.segments * sites.siteSignatures * groups.groupSignatures
  if (keys * leaves.length > MAX_KEYS * 8 || keys > MAX_KEYS) return undefined
  const accepts = leaves.map((l) => acceptTable(l, keys, seg, sites, groups))
  const segmentSlots = leaves.map((l) => Uint16Array.from({ length: seg.segments }, (_, t) => slotOf(l, seg.representative(t))))
  const people = distinctActions(leaves, accepts, keys, 1), employers = distinctActions(leaves, accepts, keys, 2)
  const { groupLow, groupLowMask, groupHigh, groupHighMask, groupSignatures } = groups
  return {
    boundaries: seg.boundaries, segmentOfDay: seg.segmentOfDay, segments: seg.segments, siteSignature: sites.siteSignature, siteSignatures: sites.siteSignatures,
    groupLow, groupLowMask, groupHigh, groupHighMask, groupSignatures, keys, accepts, segmentSlots,
    personStart: people.start, personActions: people.actions, hasPersonAction: people.has,
    employerStart: employers.start, employerActions: employers.actions, hasEmployerAction: employers.has
  }
}

/**
 * Compiles queries against a column set's dictionaries. Same errors as `evaluate`.
 * The plan folds through a small histogram when the queries' windows, sites and groups allow
 * (the usual reports), and row by row otherwise (`strategy` forces one, for tests).
 * @category columns
 * @since 0.1.0
 */
export const compileColumns = (
  queries: ReadonlyArray<MetricQuery>,
  columns: Dictionaries,
  catalog: MetricCatalog = defaultCatalog,
  options: { readonly strategy?: "auto" | "rows" } = {}
): Result.Result<ColumnPlan, MetricError> => {
  const leaves: Array<Leaf> = []
  const reads: Array<{ leaf: number } | { numerator: number; denominator: number }> = []
  let countSize = 0
  let bitsSize = 0
  const addLeaf = (metric: CountMetric, filter: MetricFilter | undefined, byMonth: boolean): number => {
    const leaf = compileLeaf(metric, filter, byMonth, columns)
    const slots = 1 + leaf.months.length
    leaves.push({ ...leaf, countOffset: countSize, bitsOffset: bitsSize })
    countSize += leaf.counting === 0 ? slots : 0
    bitsSize += slots * leaf.words
    return leaves.length - 1
  }
  for (let q = 0; q < queries.length; q++) {
    const query = queries[q]!
    const checked = checkQuery(catalog, query)
    if (Result.isFailure(checked)) return Result.fail({ ...checked.failure, path: [q, ...checked.failure.path] })
    const metric = checked.success
    if (metric._tag === "Count") reads.push({ leaf: addLeaf(metric, query.filter, query.byMonth === true) })
    else {
      const num = catalog.metrics.get(metric.numerator) as CountMetric
      const den = catalog.metrics.get(metric.denominator) as CountMetric
      reads.push({ numerator: addLeaf(num, query.filter, false), denominator: addLeaf(den, query.filter, false) })
    }
  }
  const histogram = options.strategy === "rows" ? undefined : buildHistogram(leaves, columns)
  return Result.succeed({
    _tag: "ColumnPlan",
    strategy: histogram === undefined ? "rows" : "histogram",
    queries,
    reads,
    leaves,
    histogram,
    countSize: histogram === undefined ? countSize : histogram.keys,
    bitsSize
  })
}

/** The identity of `combineColumnTallies` for a plan. @category columns @since 0.1.0 */
export const emptyColumnTally = (plan: ColumnPlan): ColumnTally => ({
  _tag: "ColumnTally",
  counts: new Float64Array(plan.countSize),
  bits: new Uint32Array(plan.bitsSize)
})

/** Rows per block: the row loop collects the rows that need distinct counting, then a second loop sets their bits. */
const BLOCK = 4096

/**
 * key = kindSite[kind, site] + segmentPart[day] + groupSignature: the key's mixed-radix parts,
 * precomputed per column set, so a row costs three table reads and two additions.
 */
const keyParts = (h: Histogram, c: MetricColumns) => {
  const segmentStride = h.siteSignatures * h.groupSignatures
  const nSites = Math.max(1, c.sites.length)
  const kindSite = new Int32Array(eventKinds.length * nSites)
  for (let k = 0; k < eventKinds.length; k++) {
    for (let st = 0; st < nSites; st++) kindSite[k * nSites + st] = k * h.segments * segmentStride + (h.siteSignature[st] ?? 0) * h.groupSignatures
  }
  const first = h.boundaries.length === 0 ? 0 : h.boundaries[0]!
  const span = h.boundaries.length === 0 ? 0 : h.boundaries[h.boundaries.length - 1]! - first
  const segmentPart = new Int32Array(Math.max(span, 1))
  for (let d = 0; d < span; d++) segmentPart[d] = h.segmentOfDay[d]! * segmentStride
  return { segmentStride, nSites, kindSite, first, span, segmentPart, afterPart: (h.segments - 1) * segmentStride }
}

/** Per leaf: its month slot in each segment, where its bits start and how many words a bitset takes. */
const leafLayout = (plan: ColumnPlan, h: Histogram) => {
  const segSlot = new Uint16Array(plan.leaves.length * h.segments)
  h.segmentSlots.forEach((slots, i) => segSlot.set(slots, i * h.segments))
  return {
    segSlot,
    bitsOffset: Int32Array.from(plan.leaves.map((l) => l.bitsOffset)),
    words: Int32Array.from(plan.leaves.map((l) => l.words)),
    monthly: plan.leaves.some((l) => l.counting !== 0 && l.months.length > 0)
  }
}

const foldHistogram = (plan: ColumnPlan, h: Histogram, c: MetricColumns, from: number, to: number, out: ColumnTally): void => {
  const hist = out.counts
  const bits = out.bits
  const segments = h.segments
  const { segmentStride, nSites, kindSite, first, span, segmentPart, afterPart } = keyParts(h, c)
  const groupLow = h.groupLow, groupHigh = h.groupHigh
  const groupLowMask = h.groupLowMask, groupHighMask = h.groupHighMask
  const hasPerson = h.hasPersonAction, hasEmployer = h.hasEmployerAction
  const anyPerson = h.personActions.length > 0, anyEmployer = h.employerActions.length > 0
  const { segSlot, bitsOffset, words, monthly } = leafLayout(plan, h)
  const personRow = new Int32Array(BLOCK), personKey = new Int32Array(BLOCK)
  const employerRow = new Int32Array(BLOCK), employerKey = new Int32Array(BLOCK)
  const setBits = (ids: Uint32Array | Int32Array, rows: Int32Array, rowKeys: Int32Array, n: number, start: Int32Array, actions: Int32Array): void => {
    for (let j = 0; j < n; j++) {
      const key = rowKeys[j]!
      const id = ids[rows[j]!]! | 0
      if (id < 0) continue // a placement without an employer
      const word = id >>> 5
      const bit = 1 << (id & 31)
      const a1 = start[key + 1]!
      for (let a = start[key]!; a < a1; a++) {
        const q = actions[a]!
        const bo = bitsOffset[q]!
        bits[bo + word]! |= bit
        if (monthly) {
          const slot = segSlot[q * segments + (((key / segmentStride) | 0) % segments)]!
          if (slot !== 0) bits[bo + slot * words[q]! + word]! |= bit
        }
      }
    }
  }
  const kind = c.kind, day = c.day, site = c.site, groups = c.groups
  for (let b = from; b < to; b += BLOCK) {
    const end = Math.min(b + BLOCK, to)
    let np = 0
    let ne = 0
    for (let i = b; i < end; i++) {
      const offset = day[i]! - first
      const g = groups[i]!
      const key =
        kindSite[kind[i]! * nSites + site[i]!]! +
        (offset < 0 ? 0 : offset >= span ? afterPart : segmentPart[offset]!) +
        (groupLow[g & groupLowMask]! | groupHigh[(g >>> 16) & groupHighMask]!)
      hist[key]! += 1
      // Collected without a branch: the slot is overwritten unless the key needs the row.
      if (anyPerson) {
        personRow[np] = i
        personKey[np] = key
        np += hasPerson[key]!
      }
      if (anyEmployer) {
        employerRow[ne] = i
        employerKey[ne] = key
        ne += hasEmployer[key]!
      }
    }
    if (np > 0) setBits(c.person, personRow, personKey, np, h.personStart, h.personActions)
    if (ne > 0) setBits(c.employer, employerRow, employerKey, ne, h.employerStart, h.employerActions)
  }
}

const foldRows = (plan: ColumnPlan, c: MetricColumns, from: number, to: number, out: ColumnTally): void => {
  const counts = out.counts
  const bits = out.bits
  const leaves = plan.leaves
  const kindLists = eventKinds.map((_, k) => Int32Array.from(leaves.flatMap((l, i) => ((l.kindMask >>> k) & 1 && !l.impossible ? [i] : []))))
  const kind = c.kind, day = c.day, site = c.site, groups = c.groups, person = c.person, employer = c.employer
  for (let i = from; i < to; i++) {
    const qs = kindLists[kind[i]!]!
    const d = day[i]!
    for (let j = 0; j < qs.length; j++) {
      const l = leaves[qs[j]!]!
      if (d < l.fromDay || d >= l.untilDay) continue
      if (l.groupMask !== 0 && (groups[i]! & l.groupMask) === 0) continue
      if (l.sites !== null && l.sites[site[i]!] !== 1) continue
      const slot = slotOf(l, d)
      if (l.counting === 0) {
        counts[l.countOffset]! += 1
        if (slot !== 0) counts[l.countOffset + slot]! += 1
      } else {
        const id = l.counting === 1 ? person[i]! : employer[i]!
        if (id < 0) continue
        const word = id >>> 5
        const bit = 1 << (id & 31)
        bits[l.bitsOffset + word]! |= bit
        if (slot !== 0) bits[l.bitsOffset + slot * l.words + word]! |= bit
      }
    }
  }
}

/**
 * Folds the rows `[start, end)` of a column set into a fresh tally in one tight loop. Split
 * the rows into chunks, fold each (in workers if you like) and `combineColumnTallies` the
 * results: the answer is the same.
 * @category columns
 * @since 0.1.0
 */
export const foldColumns = (plan: ColumnPlan, c: MetricColumns, start = 0, end = c.length): ColumnTally => {
  const out = emptyColumnTally(plan)
  const from = Math.max(0, start)
  const to = Math.min(end, c.length)
  if (plan.histogram !== undefined) foldHistogram(plan, plan.histogram, c, from, to, out)
  else foldRows(plan, c, from, to, out)
  return out
}

/** The monoid operation on column tallies of one plan: counts add, bitsets OR. @category columns @since 0.1.0 */
export const combineColumnTallies = (a: ColumnTally, b: ColumnTally): ColumnTally => {
  const counts = new Float64Array(a.counts.length)
  for (let i = 0; i < counts.length; i++) counts[i] = a.counts[i]! + b.counts[i]!
  const bits = new Uint32Array(a.bits.length)
  for (let i = 0; i < bits.length; i++) bits[i] = a.bits[i]! | b.bits[i]!
  return { _tag: "ColumnTally", counts, bits }
}

/** Whether two column tallies are equal. @category columns @since 0.1.0 */
export const columnTalliesEqual = (a: ColumnTally, b: ColumnTally): boolean =>
  a.counts.length === b.counts.length &&
  a.bits.length === b.bits.length &&
  a.counts.every((x, i) => x === b.counts[i]) &&
  a.bits.every((x, i) => x === b.bits[i])

const popcount = (bits: Uint32Array, from: number, to: number): number => {
  let total = 0
  for (let i = from; i < to; i++) {
    let v = bits[i]!
    v = v - ((v >>> 1) & 0x55555555)
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333)
    total += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24
  }
  return total
}

/** A leaf's figure for every slot (0: total, 1…: months). */
const leafSlots = (plan: ColumnPlan, t: ColumnTally, leafIndex: number): Array<number> => {
  const l = plan.leaves[leafIndex]!
  const slots = 1 + l.months.length
  if (l.counting !== 0) {
    return Array.from({ length: slots }, (_, s) => popcount(t.bits, l.bitsOffset + s * l.words, l.bitsOffset + (s + 1) * l.words))
  }
  const h = plan.histogram
  if (h === undefined) return Array.from(t.counts.subarray(l.countOffset, l.countOffset + slots))
  const out = new Array<number>(slots).fill(0)
  const accept = h.accepts[leafIndex]!
  const segSlot = h.segmentSlots[leafIndex]!
  const perSegment = h.siteSignatures * h.groupSignatures
  for (let key = 0; key < h.keys; key++) {
    if (accept[key] === 0 || t.counts[key] === 0) continue
    const n = t.counts[key]!
    out[0] += n
    const slot = segSlot[Math.floor(key / perSegment) % h.segments]!
    if (slot !== 0) out[slot]! += n
  }
  return out
}

/**
 * Reads the answers of a plan's queries from a column tally, in the same shape as `evaluate`.
 * @category columns
 * @since 0.1.0
 */
export const columnResults = (plan: ColumnPlan, t: ColumnTally): ReadonlyArray<QueryResult> =>
  plan.queries.map((query, q) => {
    const read = plan.reads[q]!
    if ("leaf" in read) {
      const l = plan.leaves[read.leaf]!
      const slots = leafSlots(plan, t, read.leaf)
      const value: MetricValue = { _tag: "Count", value: slots[0]! }
      if (query.byMonth !== true) return { query, value }
      return { query, value, months: l.months.map((month, i) => ({ month, value: slots[i + 1]! })) }
    }
    return { query, value: ratio(leafSlots(plan, t, read.numerator)[0]!, leafSlots(plan, t, read.denominator)[0]!) }
  })
