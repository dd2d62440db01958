/**
 * CaseView (ケース一覧・状態) — the case-state read model: one row per case (phase, stage, time in
 * stage, the folded `Case.CaseState`) and its follow-up schedule (定着支援予定), kept by the
 * {@link projection} from the event log, inline or asynchronously.
 *
 * Queries answer as of a date, in SQL, exactly as the core's `Case.timeInStage` and
 * `Case.followUpSchedule` do (a tested parity): follow-ups `upcoming`, `due` (from the due date
 * through the grace days), `overdue`, `done` or `cancelled` (the person left the job first).
 *
 * @since 0.1.0
 * @module
 */
import { Case, Period } from "@jiritsu/core"
import { Effect, Schema } from "effect"
import { SqlClient } from "effect/sql"
import * as CaseStore from "./CaseStore.ts"
import * as EventStore from "./EventStore.ts"
import type * as Projection from "./Projection.ts"
import { Tenant } from "./Tenant.ts"

const decodeState = Schema.decodeUnknownEffect(Case.CaseState)

const groupByStream = (events: ReadonlyArray<EventStore.StoredEvent>): Map<string, Array<EventStore.StoredEvent>> => {
  const out = new Map<string, Array<EventStore.StoredEvent>>()
  for (const e of events) {
    if (!CaseStore.isCaseEvent(e)) continue
    let list = out.get(e.stream)
    if (list === undefined) out.set(e.stream, (list = []))
    list.push(e)
  }
  return out
}

const openStageSince = (state: Case.CaseState): string | null => {
  const last = state.stageHistory[state.stageHistory.length - 1]
  return state.stage !== undefined && last !== undefined && last.until === undefined ? last.from : null
}

interface StateUpdate {
  readonly case_id: string
  readonly stream_id: string
  readonly version: number
  readonly subject_id: string | null
  readonly phase: string
  readonly stage: string | null
  readonly autonomy_stage: string | null
  readonly stage_since: string | null
  readonly public_assistance: boolean
  readonly opened_at: string | null
  readonly last_event_at: string | null
  readonly closed_at: string | null
  readonly state: Case.CaseState
}

interface FollowUpInsert {
  readonly case_id: string
  readonly placement_id: string
  readonly milestone: number
  readonly due_date: string
  readonly done_on: string | null
  readonly separated_at: string | null
}

/** The row and follow-up schedule of one case after its pending events, or nothing when it has seen them all. */
const advance = (caseId: string, stream: string, events: ReadonlyArray<EventStore.StoredEvent>, row: { readonly version: unknown; readonly state: unknown } | undefined) =>
  Effect.gen(function* () {
    const version = row === undefined ? 0 : Number(row.version)
    const pending = events.filter((e) => e.version > version)
    if (pending.length === 0) return undefined
    if (pending[0]!.version !== version + 1) {
      return yield* Effect.fail(EventStore.decodeError(pending[0]!, "invalid_data", `case view of ${caseId} is at version ${version}; the next event is version ${pending[0]!.version}`))
    }
    const from = row === undefined ? Case.initial : yield* decodeState(row.state)
    const decoded = yield* Effect.forEach(pending, CaseStore.decodeStored)
    const state = Case.replay(decoded, from)
    const update: StateUpdate = {
      case_id: caseId,
      stream_id: stream,
      version: pending[pending.length - 1]!.version,
      subject_id: state.subjectId ?? null,
      phase: state.phase,
      stage: state.stage ?? null,
      autonomy_stage: state.stageHistory[state.stageHistory.length - 1]?.autonomyStage ?? null,
      stage_since: openStageSince(state),
      public_assistance: state.publicAssistance,
      opened_at: state.openedAt ?? null,
      last_event_at: state.lastEventAt ?? null,
      closed_at: state.closedAt ?? null,
      state
    }
    const followUps: Array<FollowUpInsert> = []
    for (const p of state.placements) {
      for (const milestone of Case.followUpMilestones) {
        const done = p.followUps.find((f) => f.milestone === milestone)
        followUps.push({ case_id: caseId, placement_id: p.placementId, milestone, due_date: Period.addMonths(p.startDate, milestone), done_on: done?.on ?? null, separated_at: p.separatedAt ?? null })
      }
    }
    // The schedule rows are written from the placements alone: a case that had none has no rows.
    return { update, followUps, hadFollowUps: from.placements.length > 0 }
  })

/**
 * Every case of a page of the log in a fixed number of statements, whatever the number of cases:
 * their rows locked in case order (concurrent writers lock them in the same order: no deadlock),
 * upserted together, their follow-up schedules replaced together (deleted only where there were any).
 */
const applyStreams = (streams: ReadonlyMap<string, ReadonlyArray<EventStore.StoredEvent>>) =>
  Effect.gen(function* () {
    if (streams.size === 0) return
    const sql = yield* SqlClient.SqlClient
    const { code } = yield* Tenant
    const ids = [...streams.keys()].map((stream) => stream.slice("case-".length))
    const rows = yield* sql<{ readonly case_id: string; readonly version: unknown; readonly state: unknown }>`SELECT case_id, version, state FROM jiritsu_case_state
      WHERE tenant = ${code} AND case_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))
      ORDER BY case_id COLLATE "C" FOR UPDATE`
    const current = new Map(rows.map((r) => [r.case_id, r]))
    const updates: Array<StateUpdate> = []
    const replaced: Array<string> = []
    const followUps: Array<FollowUpInsert> = []
    for (const [stream, events] of streams) {
      const caseId = stream.slice("case-".length)
      const next = yield* advance(caseId, stream, events, current.get(caseId))
      if (next === undefined) continue
      updates.push(next.update)
      if (next.hadFollowUps) replaced.push(caseId)
      followUps.push(...next.followUps)
    }
    if (updates.length === 0) return
    yield* sql`INSERT INTO jiritsu_case_state (tenant, case_id, stream_id, version, subject_id, phase, stage, autonomy_stage, stage_since, public_assistance, opened_at, last_event_at, closed_at, state)
      SELECT ${code}, u.case_id, u.stream_id, u.version, u.subject_id, u.phase, u.stage, u.autonomy_stage, u.stage_since, u.public_assistance, u.opened_at, u.last_event_at, u.closed_at, u.state
      FROM jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) AS u(case_id text, stream_id text, version int8, subject_id text, phase text, stage text, autonomy_stage text,
        stage_since text, public_assistance boolean, opened_at text, last_event_at text, closed_at text, state jsonb)
      ON CONFLICT (tenant, case_id) DO UPDATE SET version = EXCLUDED.version, subject_id = EXCLUDED.subject_id, phase = EXCLUDED.phase,
        stage = EXCLUDED.stage, autonomy_stage = EXCLUDED.autonomy_stage, stage_since = EXCLUDED.stage_since,
        public_assistance = EXCLUDED.public_assistance, opened_at = EXCLUDED.opened_at, last_event_at = EXCLUDED.last_event_at,
        closed_at = EXCLUDED.closed_at, state = EXCLUDED.state`
    if (replaced.length > 0) {
      yield* sql`DELETE FROM jiritsu_case_follow_ups WHERE tenant = ${code} AND case_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(replaced)}::jsonb))`
    }
    if (followUps.length === 0) return
    yield* sql`INSERT INTO jiritsu_case_follow_ups (tenant, case_id, placement_id, milestone, due_date, done_on, separated_at)
      SELECT ${code}, f.case_id, f.placement_id, f.milestone, f.due_date, f.done_on, f.separated_at
      FROM jsonb_to_recordset(${JSON.stringify(followUps)}::jsonb) AS f(case_id text, placement_id text, milestone integer, due_date text, done_on text, separated_at text)`
  })

/**
 * The case-state projection (tables `jiritsu_case_state`, `jiritsu_case_follow_ups`).
 * @category projection
 * @since 0.1.0
 * @example
 * ```ts
 * const store = EventStore.layerSql({ inline: [Projection.inline(CaseView.projection)] }) // or Projection.poll(CaseView.projection)
 * ```
 */
export const projection: Projection.Projection = {
  name: "case_state",
  tables: ["jiritsu_case_state", "jiritsu_case_follow_ups"],
  apply: (events) =>
    applyStreams(groupByStream(events))
}

/**
 * One case as the view has it, with the time in its current stage as of the query date. @category queries @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const stage = CaseView.get("k-17", Period.unsafeDate("2013-08-15")).pipe(Effect.map((row: CaseView.CaseRow | undefined) => row?.daysInStage)) // 75
 * ```
 */
export interface CaseRow {
  readonly caseId: string
  readonly version: number
  readonly subjectId: string | undefined
  readonly phase: Case.Phase
  readonly stage: string | undefined
  readonly autonomyStage: string | undefined
  readonly stageSince: string | undefined
  /** Days in the current stage as of `asOf` (`Case.timeInStage`); undefined without an open stage. */
  readonly daysInStage: number | undefined
  readonly publicAssistance: boolean
  readonly state: Case.CaseState
}

interface StateRow {
  readonly case_id: string
  readonly version: unknown
  readonly subject_id: string | null
  readonly phase: string
  readonly stage: string | null
  readonly autonomy_stage: string | null
  readonly stage_since: string | null
  readonly days_in_stage: unknown
  readonly public_assistance: boolean
  readonly state: unknown
}

const toCaseRow = (r: StateRow) =>
  Effect.map(decodeState(r.state), (state): CaseRow => ({
    caseId: r.case_id,
    version: Number(r.version),
    subjectId: r.subject_id ?? undefined,
    phase: r.phase as Case.Phase,
    stage: r.stage ?? undefined,
    autonomyStage: r.autonomy_stage ?? undefined,
    stageSince: r.stage_since ?? undefined,
    daysInStage: r.days_in_stage === null ? undefined : Number(r.days_in_stage),
    publicAssistance: r.public_assistance,
    state
  }))

/**
 * Filters of {@link list}. @category queries @since 0.1.0
 * @example
 * ```ts
 * const stagnating: CaseView.ListOptions = { asOf: Period.unsafeDate("2014-04-01"), autonomyStage: "intermediate_work", minDaysInStage: 365 }
 * ```
 */
export interface ListOptions {
  readonly asOf: Period.LocalDate
  readonly phase?: Case.Phase
  readonly autonomyStage?: string
  /** Only cases at least this many days in their current stage (滞留). */
  readonly minDaysInStage?: number
  readonly limit?: number
}

/**
 * Cases of the current tenant, optionally by phase and autonomy stage and with a minimum time in
 * stage, ordered by case id.
 * @category queries
 * @since 0.1.0
 * @example
 * ```ts
 * const stagnating = CaseView.list({ asOf: Period.unsafeDate("2014-04-01"), phase: "delivery", minDaysInStage: 180, limit: 50 })
 * ```
 */
export const list = (options: ListOptions) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const { code } = yield* Tenant
    const days = sql`CASE WHEN stage_since IS NULL THEN NULL WHEN ${options.asOf}::text <= stage_since COLLATE "C" THEN 0 ELSE (${options.asOf}::date - stage_since::date) END`
    const rows = yield* sql<StateRow>`SELECT case_id, version, subject_id, phase, stage, autonomy_stage, stage_since, ${days} AS days_in_stage, public_assistance, state
      FROM jiritsu_case_state WHERE tenant = ${code}
      ${options.phase !== undefined ? sql`AND phase = ${options.phase}` : sql``}
      ${options.autonomyStage !== undefined ? sql`AND autonomy_stage = ${options.autonomyStage}` : sql``}
      ${options.minDaysInStage !== undefined ? sql`AND ${days} >= ${options.minDaysInStage}` : sql``}
      ORDER BY case_id COLLATE "C" LIMIT ${Math.max(0, Math.min(100_000, options.limit ?? 10_000))}`
    return yield* Effect.forEach(rows, toCaseRow)
  }).pipe(Effect.mapError((e) => (e._tag === "SqlError" ? EventStore.storageError("CaseView.list")(e) : e)))

/**
 * One case by id as of a date, or undefined. @category queries @since 0.1.0
 * @example
 * ```ts
 * const row = CaseView.get("k-17", Period.unsafeDate("2013-08-15")) // phase "delivery", stage "employment", daysInStage 75
 * ```
 */
export const get = (caseId: string, asOf: Period.LocalDate) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const { code } = yield* Tenant
    const rows = yield* sql<StateRow>`SELECT case_id, version, subject_id, phase, stage, autonomy_stage, stage_since,
        CASE WHEN stage_since IS NULL THEN NULL WHEN ${asOf}::text <= stage_since COLLATE "C" THEN 0 ELSE (${asOf}::date - stage_since::date) END AS days_in_stage,
        public_assistance, state
      FROM jiritsu_case_state WHERE tenant = ${code} AND case_id = ${caseId}`
    return rows[0] === undefined ? undefined : yield* toCaseRow(rows[0])
  }).pipe(Effect.mapError((e) => (e._tag === "SqlError" ? EventStore.storageError("CaseView.get")(e) : e)))

/**
 * One scheduled follow-up with its status as of the query date. @category queries @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const lines = CaseView.followUps({ asOf: Period.unsafeDate("2013-08-05") }).pipe(
 *   Effect.map((rows: ReadonlyArray<CaseView.FollowUpRow>) => rows.map((f) => `${f.placementId} ${f.milestone}m ${f.dueDate} ${f.status}`)) // ["job-1 1m 2013-08-01 due", …]
 * )
 * ```
 */
export interface FollowUpRow {
  readonly caseId: string
  readonly placementId: string
  readonly milestone: Case.FollowUpMilestone
  readonly dueDate: Period.LocalDate
  readonly status: Case.FollowUpStatus
  readonly doneOn?: Period.LocalDate
}

/**
 * The follow-up schedule of the tenant's cases as of a date (`Case.followUpSchedule` in SQL),
 * optionally only some statuses (e.g. `["due", "overdue"]` for the caseworker's to-do list).
 * @category queries
 * @since 0.1.0
 * @example
 * ```ts
 * const due = CaseView.followUps({ asOf: Period.unsafeDate("2013-08-05"), status: ["due", "overdue"], graceDays: 14 })
 * ```
 */
export const followUps = (options: { readonly asOf: Period.LocalDate; readonly graceDays?: number; readonly status?: ReadonlyArray<Case.FollowUpStatus>; readonly caseId?: string }) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const { code } = yield* Tenant
    const grace = Math.max(0, Math.floor(options.graceDays ?? 14))
    const rows = yield* sql<{ readonly case_id: string; readonly placement_id: string; readonly milestone: number; readonly due_date: string; readonly done_on: string | null; readonly status: string }>`
      SELECT * FROM (
        SELECT case_id, placement_id, milestone, due_date, done_on,
          CASE WHEN done_on IS NOT NULL THEN 'done'
               WHEN separated_at IS NOT NULL AND separated_at COLLATE "C" <= due_date THEN 'cancelled'
               WHEN ${options.asOf}::text < due_date COLLATE "C" THEN 'upcoming'
               WHEN ${options.asOf}::text <= to_char(due_date::date + ${grace}::int, 'YYYY-MM-DD') COLLATE "C" THEN 'due'
               ELSE 'overdue' END AS status
        FROM jiritsu_case_follow_ups WHERE tenant = ${code} ${options.caseId !== undefined ? sql`AND case_id = ${options.caseId}` : sql``}
      ) s
      ${options.status !== undefined ? sql`WHERE status IN ${sql.in(options.status.length === 0 ? ["(none)"] : options.status)}` : sql``}
      ORDER BY due_date COLLATE "C", case_id COLLATE "C", placement_id COLLATE "C", milestone`.pipe(Effect.mapError(EventStore.storageError("CaseView.followUps")))
    return rows.map((r): FollowUpRow => ({
      caseId: r.case_id,
      placementId: r.placement_id,
      milestone: Number(r.milestone) as Case.FollowUpMilestone,
      dueDate: r.due_date as Period.LocalDate,
      status: r.status as Case.FollowUpStatus,
      ...(r.done_on !== null ? { doneOn: r.done_on as Period.LocalDate } : {})
    }))
  })
