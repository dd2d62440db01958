/**
 * Caseload (支援状況の概況) — the figures a site manager reads across all cases of the municipality:
 * where people are in the stages and how they moved (段階の分布と推移), how long they have stayed
 * (滞留), and which follow-ups are due or overdue (定着支援). Each is computed by the service from
 * the cases' events with the core's queries (`Case.replay`, `Case.currentStay`,
 * `Case.stagnation`, `Case.followUpSchedule`) as of a date, so every client shows the same figures.
 *
 * @since 0.1.0
 */
import { Case, Metric, Period, Stage } from "@jiritsu/core"
import { Schema } from "effect"

/** People in one autonomy stage (段階) on the date, open cases only. @category stages @since 0.1.0 */
export const StageCount = Schema.Struct({
  stage: Schema.String,
  label: Metric.Label,
  rank: Schema.Int,
  people: Schema.Int
}).annotate({ identifier: "StageCount" })
/** @category stages */
export type StageCount = typeof StageCount.Type

/** Moves between two autonomy stages in the window (推移): how many moves, by how many people. @category stages @since 0.1.0 */
export const StageFlow = Schema.Struct({
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

/** People whose current stay is in `[fromDays, untilDays)` days. @category stays @since 0.1.0 */
export const StayBucket = Schema.Struct({
  label: Metric.Label,
  fromDays: Schema.Int,
  untilDays: Schema.optionalKey(Schema.Int),
  people: Schema.Int
}).annotate({ identifier: "StayBucket" })
/** @category stays */
export type StayBucket = typeof StayBucket.Type

/** The current stays in one autonomy stage (在籍期間). @category stays @since 0.1.0 */
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

/** A case whose current stay is at least its stage's threshold (`Case.stagnation`). @category stays @since 0.1.0 */
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
 */
export const TimeInStageReport = Schema.Struct({
  asOf: Period.LocalDate,
  stages: Schema.Array(StageStays),
  stagnating: Schema.Array(StagnantCase)
}).annotate({ identifier: "TimeInStageReport" })
/** @category stays */
export type TimeInStageReport = typeof TimeInStageReport.Type

/** One follow-up due or overdue (`Case.followUpSchedule`), with its case. @category follow-ups @since 0.1.0 */
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
