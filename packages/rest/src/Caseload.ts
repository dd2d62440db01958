/**
 * Caseload (支援状況の概況) — the figures a site manager reads across all cases of the municipality:
 * where people are in the stages and how they moved (段階の分布と推移), how long they have stayed
 * (滞留), and which follow-ups are due or overdue (定着支援). Each is computed by the service from
 * the cases' events with the core's queries (`Case.replay`, `Case.currentStay`,
 * `Case.stagnation`, `Case.followUpSchedule`) as of a date, so every client shows the same figures.
 *
 * @since 0.1.0
 * @module
 */
import { Case, Metric, Period, Stage } from "@jiritsu/core"
import { Schema } from "effect"

/**
 * People in one autonomy stage (段階) on the date, open cases only. @category stages @since 0.1.0
 * @example
 * ```ts
 * const count: Caseload.StageCount = { stage: "social_life", label: { ja: "社会生活自立", en: "Social autonomy" }, rank: 1, people: 12 }
 * ```
 */
export const StageCount = Schema.Struct({
  stage: Schema.String,
  label: Metric.Label,
  rank: Schema.Int,
  people: Schema.Int
}).annotate({ identifier: "StageCount" })
/** @category stages */
export type StageCount = typeof StageCount.Type

/**
 * Moves between two autonomy stages in the window (推移): how many moves, by how many people. @category stages @since 0.1.0
 * @example
 * ```ts
 * const regressions = (report: Caseload.StageReport): ReadonlyArray<Caseload.StageFlow> => report.flows.filter((f) => f.kind === "regression")
 * ```
 */
export const StageFlow = Schema.Struct({
  /** Stage-graph node ids (e.g. `intermediate_work_unpaid`), so moves between the modes of one stage show too. */
  from: Schema.String,
  to: Schema.String,
  kind: Stage.EdgeKind,
  moves: Schema.Int,
  people: Schema.Int
}).annotate({ identifier: "StageFlow" })
/** @category stages */
export type StageFlow = typeof StageFlow.Type

/**
 * `GET /v1/reports/stages?asOf=&from=` (段階の分布と推移): people per autonomy stage on `asOf`
 * (ladder order), open cases not yet in a stage (`notInStage`), and the stage moves with
 * `occurredAt` in `window` = [`from`, `asOf` + 1 day) — regressions included, by kind.
 * @category stages
 * @since 0.1.0
 * @example
 * ```ts
 * const api = Client.connect({ baseUrl: "http://127.0.0.1:3000", token: "demo-shinagawa-caseworker" })
 * const report: Caseload.StageReport = await api.caseload.stages({ query: { asOf: Period.unsafeDate("2024-09-30") } })
 * console.log(report.stages.map((s) => `${s.label.ja} ${s.people}`), report.notInStage, report.regressions)
 * ```
 */
export const StageReport = Schema.Struct({
  asOf: Period.LocalDate,
  window: Period.Window,
  stages: Schema.Array(StageCount),
  notInStage: Schema.Int,
  flows: Schema.Array(StageFlow),
  regressions: Schema.Int
}).annotate({ identifier: "StageReport" })
/** @category stages */
export type StageReport = typeof StageReport.Type

/**
 * People whose current stay is in `[fromDays, untilDays)` days. @category stays @since 0.1.0
 * @example
 * ```ts
 * const label = (b: Caseload.StayBucket) => `${b.label.en}: ${b.people}` // "3–6 months: 4"
 * ```
 */
export const StayBucket = Schema.Struct({
  label: Metric.Label,
  fromDays: Schema.Int,
  untilDays: Schema.optionalKey(Schema.Int),
  people: Schema.Int
}).annotate({ identifier: "StayBucket" })
/** @category stays */
export type StayBucket = typeof StayBucket.Type

/**
 * The current stays in one autonomy stage (在籍期間). @category stays @since 0.1.0
 * @example
 * ```ts
 * const summary = (s: Caseload.StageStays) => `${s.label.ja}: ${s.people} people, median ${s.medianDays ?? "-"} days, ${s.stagnating} stagnating`
 * ```
 */
export const StageStays = Schema.Struct({
  stage: Schema.String,
  label: Metric.Label,
  people: Schema.Int,
  medianDays: Schema.optionalKey(Schema.Number),
  maxDays: Schema.optionalKey(Schema.Int),
  thresholdDays: Schema.optionalKey(Schema.Int),
  stagnating: Schema.Int,
  buckets: Schema.Array(StayBucket)
}).annotate({ identifier: "StageStays" })
/** @category stays */
export type StageStays = typeof StageStays.Type

/**
 * A case whose current stay is at least its stage's threshold (`Case.stagnation`). @category stays @since 0.1.0
 * @example
 * ```ts
 * const line = (c: Caseload.StagnantCase) => `${c.caseId} in ${c.stage} since ${c.since} (${c.days} ≥ ${c.thresholdDays} days)`
 * ```
 */
export const StagnantCase = Schema.Struct({
  caseId: Schema.String,
  stage: Schema.String,
  since: Period.LocalDate,
  days: Schema.Int,
  thresholdDays: Schema.Int
}).annotate({ identifier: "StagnantCase" })
/** @category stays */
export type StagnantCase = typeof StagnantCase.Type

/**
 * `GET /v1/reports/time-in-stage?asOf=` (滞留): per autonomy stage the current stays of open cases
 * (median, longest, a histogram, the threshold), and every stagnating case, longest first.
 * @category stays
 * @since 0.1.0
 * @example
 * ```ts
 * const api = Client.connect({ baseUrl: "http://127.0.0.1:3000", token: "demo-shinagawa-caseworker" })
 * const report: Caseload.TimeInStageReport = await api.caseload.timeInStage({ query: {} })
 * for (const c of report.stagnating) console.log(c.caseId, c.days) // longest first
 * ```
 */
export const TimeInStageReport = Schema.Struct({
  asOf: Period.LocalDate,
  stages: Schema.Array(StageStays),
  stagnating: Schema.Array(StagnantCase)
}).annotate({ identifier: "TimeInStageReport" })
/** @category stays */
export type TimeInStageReport = typeof TimeInStageReport.Type

/**
 * One follow-up due or overdue (`Case.followUpSchedule`), with its case. @category follow-ups @since 0.1.0
 * @example
 * ```ts
 * const line = (i: Caseload.FollowUpItem) => `${i.caseId}: ${i.milestone}-month follow-up ${i.status} since ${i.dueDate}`
 * ```
 */
export const FollowUpItem = Schema.Struct({
  caseId: Schema.String,
  placementId: Schema.String,
  placedOn: Period.LocalDate,
  milestone: Case.FollowUpMilestone,
  dueDate: Period.LocalDate,
  status: Schema.Literals(["due", "overdue"]),
  daysPastDue: Schema.Int
}).annotate({ identifier: "FollowUpItem" })
/** @category follow-ups */
export type FollowUpItem = typeof FollowUpItem.Type

/**
 * `GET /v1/reports/follow-ups?asOf=` (定着支援の予定): the follow-ups due (within `graceDays` of
 * their due date) and overdue on `asOf`, most overdue first, with their counts.
 * @category follow-ups
 * @since 0.1.0
 * @example
 * ```ts
 * const api = Client.connect({ baseUrl: "http://127.0.0.1:3000", token: "demo-shinagawa-caseworker" })
 * const report: Caseload.FollowUpReport = await api.caseload.followUps({ query: { asOf: Period.unsafeDate("2024-07-10") } })
 * console.log(report.due, report.overdue, report.items[0]?.caseId) // most overdue first
 * ```
 */
export const FollowUpReport = Schema.Struct({
  asOf: Period.LocalDate,
  graceDays: Schema.Int,
  due: Schema.Int,
  overdue: Schema.Int,
  items: Schema.Array(FollowUpItem)
}).annotate({ identifier: "FollowUpReport" })
/** @category follow-ups */
export type FollowUpReport = typeof FollowUpReport.Type

// ---------------------------------------------------------------------------------------------
// Computing the reports from the cases' events (pure: the handlers pass the streams and the date)
// ---------------------------------------------------------------------------------------------

/**
 * One case's events, in stream order. @category computing @since 0.1.0
 * @example
 * ```ts
 * const caseworker: Case.Actor = { organisation: "municipality", role: "caseworker" }
 * const stream: Caseload.CaseStream = {
 *   caseId: "c-1",
 *   events: [
 *     { _tag: "CaseOpened", occurredAt: Period.unsafeDate("2024-04-01"), actor: caseworker, caseId: "c-1", subjectId: "p-1", publicAssistance: true },
 *     { _tag: "Assessed", occurredAt: Period.unsafeDate("2024-04-05"), actor: caseworker, startingStage: "social_life", autonomyStage: "social_life" }
 *   ]
 * }
 * ```
 */
export interface CaseStream {
  readonly caseId: string
  readonly events: ReadonlyArray<Case.Event>
}

/**
 * What the computations assume (集計の前提): the stage graph the cases follow, the days a stay may
 * last per autonomy stage before it counts as stagnation (滞留), and the days a follow-up stays `due`
 * after its due date before it is `overdue`. Every field has the service's default.
 * @category computing
 * @since 0.1.0
 * @example
 * ```ts
 * const options: Caseload.Options = { graph: Stage.kushiroGraph, thresholds: { social_life: 180, intermediate_work: 365 }, graceDays: 7 }
 * ```
 */
export interface Options {
  /** The stage graph the cases follow (default: the Kushiro graph). */
  readonly graph?: Stage.StageGraph
  /** Days a stay may last per autonomy stage before it counts as stagnation (default `Case.defaultStagnationThresholds`). */
  readonly thresholds?: Readonly<Record<string, number>>
  /** Days after its due date a follow-up is still `due` rather than `overdue` (default 14). */
  readonly graceDays?: number
}

const stageGroupLabels: Readonly<Record<string, Metric.Label>> = { intermediate_work: { ja: "中間的就労", en: "Intermediate work" } }

/** The autonomy stages of a graph in ladder order, each with its name (a stage of several nodes takes the common name). */
const autonomyStages = (graph: Stage.StageGraph): ReadonlyArray<{ readonly stage: string; readonly label: Metric.Label; readonly rank: number }> => {
  const out: Array<{ stage: string; label: Metric.Label; rank: number }> = []
  for (const node of [...graph.nodes].sort((a, b) => a.rank - b.rank)) {
    if (out.some((s) => s.stage === node.stage)) continue
    const single = graph.nodes.filter((n) => n.stage === node.stage).length === 1
    out.push({ stage: node.stage, rank: out.length, label: single ? { ja: node.labelJa, en: node.label } : (stageGroupLabels[node.stage] ?? { ja: node.stage, en: node.stage }) })
  }
  return out
}

/** The state of each case as of the end of `asOf` (events of later days are not yet known). */
const statesAsOf = (streams: Iterable<CaseStream>, asOf: Period.LocalDate): ReadonlyArray<{ readonly caseId: string; readonly state: Case.CaseState }> => {
  const out: Array<{ caseId: string; state: Case.CaseState }> = []
  for (const s of streams) out.push({ caseId: s.caseId, state: Case.replay(s.events.filter((e) => e.occurredAt <= asOf)) })
  return out
}

const isOpen = (state: Case.CaseState): boolean => state.phase !== "none" && state.phase !== "closed"

/**
 * The stage report (段階の分布と推移) as of a date, with the moves whose `occurredAt` is in
 * [`from`, `asOf` + 1 day).
 * @category computing
 * @since 0.1.0
 * @example
 * ```ts
 * const caseworker: Case.Actor = { organisation: "municipality", role: "caseworker" }
 * const stream: Caseload.CaseStream = {
 *   caseId: "c-1",
 *   events: [
 *     { _tag: "CaseOpened", occurredAt: Period.unsafeDate("2024-04-01"), actor: caseworker, caseId: "c-1", subjectId: "p-1", publicAssistance: true },
 *     { _tag: "Assessed", occurredAt: Period.unsafeDate("2024-04-05"), actor: caseworker, startingStage: "social_life", autonomyStage: "social_life" }
 *   ]
 * }
 * const report = Caseload.stageReport([stream], Period.unsafeDate("2024-09-30"), Period.unsafeDate("2024-04-01"))
 * report.stages.map((s) => `${s.stage} ${s.people}`) // ["daily_living 0", "social_life 1", "intermediate_work 0", "employment 0"]
 * ```
 */
export const stageReport = (streams: ReadonlyArray<CaseStream>, asOf: Period.LocalDate, from: Period.LocalDate, options: Options = {}): StageReport => {
  const graph = options.graph ?? Stage.kushiroGraph
  // until is the day after the earlier of the two dates, so the window is never empty.
  const window = Period.unsafeWindow(from <= asOf ? from : asOf, Period.addDays(asOf, 1))
  const people = new Map<string, number>()
  let notInStage = 0
  for (const { state } of statesAsOf(streams, asOf)) {
    if (!isOpen(state)) continue
    const node = state.stage === undefined ? undefined : Stage.node(graph, state.stage)
    if (node === undefined) notInStage++
    else people.set(node.stage, (people.get(node.stage) ?? 0) + 1)
  }
  const flows = new Map<string, { from: string; to: string; kind: Stage.EdgeKind; moves: number; people: Set<string> }>()
  for (const s of streams) {
    for (const e of s.events) {
      if (e._tag !== "StageMoved" || !Period.contains(window, e.occurredAt)) continue
      const key = `${e.from}\u0000${e.to}\u0000${e.kind}`
      const f = flows.get(key) ?? { from: e.from, to: e.to, kind: e.kind, moves: 0, people: new Set<string>() }
      f.moves++
      f.people.add(s.caseId)
      flows.set(key, f)
    }
  }
  const rankOf = (id: string) => Stage.node(graph, id)?.rank ?? Number.MAX_SAFE_INTEGER
  const kindOrder: ReadonlyArray<Stage.EdgeKind> = ["forward", "skip", "lateral", "regression"]
  const flowList = [...flows.values()]
    .sort((a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) || rankOf(a.from) - rankOf(b.from) || rankOf(a.to) - rankOf(b.to))
    .map((f) => ({ from: f.from, to: f.to, kind: f.kind, moves: f.moves, people: f.people.size }))
  return {
    asOf,
    window,
    stages: autonomyStages(graph).map((s) => ({ ...s, people: people.get(s.stage) ?? 0 })),
    notInStage,
    flows: flowList,
    regressions: flowList.filter((f) => f.kind === "regression").reduce((n, f) => n + f.moves, 0)
  }
}

const bucketBounds: ReadonlyArray<{ readonly label: Metric.Label; readonly fromDays: number; readonly untilDays?: number }> = [
  { label: { ja: "3か月未満", en: "under 3 months" }, fromDays: 0, untilDays: 91 },
  { label: { ja: "3〜6か月", en: "3–6 months" }, fromDays: 91, untilDays: 183 },
  { label: { ja: "6か月〜1年", en: "6–12 months" }, fromDays: 183, untilDays: 365 },
  { label: { ja: "1年以上", en: "a year or more" }, fromDays: 365 }
]

const median = (sorted: ReadonlyArray<number>): number | undefined => {
  if (sorted.length === 0) return undefined
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/**
 * The time-in-stage report (滞留) as of a date: current stays of open cases (`Case.currentStay`)
 * per autonomy stage, and the stagnating cases (`Case.stagnation`), longest first.
 * @category computing
 * @since 0.1.0
 * @example
 * ```ts
 * const caseworker: Case.Actor = { organisation: "municipality", role: "caseworker" }
 * const stream: Caseload.CaseStream = {
 *   caseId: "c-1",
 *   events: [
 *     { _tag: "CaseOpened", occurredAt: Period.unsafeDate("2024-04-01"), actor: caseworker, caseId: "c-1", subjectId: "p-1", publicAssistance: true },
 *     { _tag: "Assessed", occurredAt: Period.unsafeDate("2024-04-05"), actor: caseworker, startingStage: "social_life", autonomyStage: "social_life" }
 *   ]
 * }
 * const report = Caseload.timeInStageReport([stream], Period.unsafeDate("2024-09-30"))
 * report.stages[1]?.medianDays // 178: in social_life since 2024-04-05
 * Caseload.timeInStageReport([stream], Period.unsafeDate("2024-09-30"), { thresholds: { social_life: 90 } }).stagnating.length // 1
 * ```
 */
export const timeInStageReport = (streams: ReadonlyArray<CaseStream>, asOf: Period.LocalDate, options: Options = {}): TimeInStageReport => {
  const graph = options.graph ?? Stage.kushiroGraph
  const thresholds = options.thresholds ?? Case.defaultStagnationThresholds
  const stays = new Map<string, Array<number>>()
  const stagnating: Array<StagnantCase> = []
  for (const { caseId, state } of statesAsOf(streams, asOf)) {
    if (!isOpen(state)) continue
    const stay = Case.currentStay(state, asOf)
    if (stay === undefined) continue
    const list = stays.get(stay.autonomyStage) ?? []
    list.push(stay.days)
    stays.set(stay.autonomyStage, list)
    const s = Case.stagnation(state, asOf, thresholds)
    if (s !== undefined) stagnating.push({ caseId, stage: s.autonomyStage, since: s.since, days: s.days, thresholdDays: s.thresholdDays })
  }
  return {
    asOf,
    stages: autonomyStages(graph).map(({ stage, label }) => {
      const days = [...(stays.get(stage) ?? [])].sort((a, b) => a - b)
      const threshold = Object.hasOwn(thresholds, stage) ? thresholds[stage] : undefined
      const med = median(days)
      return {
        stage,
        label,
        people: days.length,
        ...(med === undefined ? {} : { medianDays: med, maxDays: days[days.length - 1]! }),
        ...(threshold === undefined ? {} : { thresholdDays: threshold }),
        stagnating: threshold === undefined ? 0 : days.filter((d) => d >= threshold).length,
        buckets: bucketBounds.map((b) => ({ ...b, people: days.filter((d) => d >= b.fromDays && (b.untilDays === undefined || d < b.untilDays)).length }))
      }
    }),
    stagnating: stagnating.sort((a, b) => b.days - a.days || (a.caseId < b.caseId ? -1 : 1))
  }
}

/**
 * The follow-up report (定着支援の予定) as of a date: every follow-up `due` or `overdue` in
 * `Case.followUpSchedule`, overdue first (most days past due first), then due.
 * @category computing
 * @since 0.1.0
 * @example
 * ```ts
 * const caseworker: Case.Actor = { organisation: "municipality", role: "caseworker" }
 * const navigator: Case.Actor = { organisation: "hello_work", role: "hw_navigator" }
 * const placed: Caseload.CaseStream = {
 *   caseId: "c-2",
 *   events: [
 *     { _tag: "CaseOpened", occurredAt: Period.unsafeDate("2024-04-01"), actor: caseworker, caseId: "c-2", subjectId: "p-2", publicAssistance: true },
 *     { _tag: "PlacementRecorded", occurredAt: Period.unsafeDate("2024-06-03"), actor: navigator, placementId: "job-1", employer: "e-1", startDate: Period.unsafeDate("2024-06-03"), hoursPerWeek: 30, disclosure: "disclosed", consentRecordIds: [] }
 *   ]
 * }
 * Caseload.followUpReport([placed], Period.unsafeDate("2024-07-10")).items[0]?.status // "due": the 1-month follow-up fell due on 2024-07-03
 * Caseload.followUpReport([placed], Period.unsafeDate("2024-08-10")).overdue          // 1: more than graceDays (14) past due
 * ```
 */
export const followUpReport = (streams: ReadonlyArray<CaseStream>, asOf: Period.LocalDate, options: Options = {}): FollowUpReport => {
  const graceDays = options.graceDays ?? 14
  const items: Array<FollowUpItem> = []
  for (const { caseId, state } of statesAsOf(streams, asOf)) {
    if (state.phase === "none") continue
    for (const f of Case.followUpSchedule(state, asOf, { graceDays })) {
      if (f.status !== "due" && f.status !== "overdue") continue
      const placement = state.placements.find((p) => p.placementId === f.placementId)
      items.push({
        caseId,
        placementId: f.placementId,
        placedOn: placement?.startDate ?? f.dueDate,
        milestone: f.milestone,
        dueDate: f.dueDate,
        status: f.status,
        daysPastDue: Period.diffDays(f.dueDate, asOf)
      })
    }
  }
  items.sort((a, b) => (a.status === b.status ? 0 : a.status === "overdue" ? -1 : 1) || b.daysPastDue - a.daysPastDue || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : a.milestone - b.milestone))
  return { asOf, graceDays, due: items.filter((i) => i.status === "due").length, overdue: items.filter((i) => i.status === "overdue").length, items }
}
