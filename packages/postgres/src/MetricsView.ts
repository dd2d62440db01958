/**
 * MetricsView (実績の集計) — the core's `Metric.Tally` kept per site and month from case events.
 *
 * Each case's events are mapped by `Case.explainMetricEvents` (the core's counting table) in the
 * metric context recorded when the case was opened (site, target groups). The resulting metric
 * events are folded into tally cells (kind, date, site, target groups → event count and the exact
 * sets of people and employers) stored in `jiritsu_metric_cells`; an upsert combines a new cell
 * with the stored one by the monoid (sum and set union). Because the tally is a commutative
 * monoid, folding batch by batch, inline or asynchronously, equals folding everything at once —
 * so a rebuild gives identical rows (a tested law), and {@link tally} reads back a `Metric.Tally`
 * equal to `Case.toMetricTally` over the same cases.
 *
 * @since 0.1.0
 * @module
 */
import { Case, Metric } from "@jiritsu/core"
import { Effect, Result, Schema } from "effect"
import { SqlClient } from "effect/sql"
import * as CaseStore from "./CaseStore.ts"
import * as EventStore from "./EventStore.ts"
import type * as Projection from "./Projection.ts"
import { Tenant } from "./Tenant.ts"

const decodeContext = Schema.decodeUnknownEffect(CaseStore.MetricContext)

/** The metric events a batch adds for one stream (those caused by its new events). */
const newMetricEvents = (streamEvents: ReadonlyArray<Case.Event>, firstNewIndex: number, context: CaseStore.MetricContext, stored: EventStore.StoredEvent) => {
  const r = Case.explainMetricEvents(streamEvents, {
    site: context.site,
    targetGroups: context.targetGroups,
    ...(context.personRef !== undefined ? { personRef: context.personRef } : {})
  })
  if (Result.isFailure(r)) return Effect.fail(EventStore.decodeError(stored, "invalid_data", `metric context: ${r.failure.message}`))
  return Effect.succeed(r.success.filter((t) => t.source >= firstNewIndex).map((t) => t.event))
}

const upsert = (cell: Metric.TallyData["cells"][number]) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const { code } = yield* Tenant
    yield* sql`INSERT INTO jiritsu_metric_cells AS c (tenant, site, month, kind, date, target_groups, events, people, employers)
      SELECT ${code}, ${cell.site}, ${cell.date.slice(0, 7)}, ${cell.kind}, ${cell.date},
             ARRAY(SELECT DISTINCT x COLLATE "C" AS y FROM jsonb_array_elements_text(${JSON.stringify(cell.targetGroups)}::jsonb) AS x ORDER BY y), ${cell.events}::int8,
             ARRAY(SELECT DISTINCT x COLLATE "C" AS y FROM jsonb_array_elements_text(${JSON.stringify(cell.people)}::jsonb) AS x ORDER BY y),
             ARRAY(SELECT DISTINCT x COLLATE "C" AS y FROM jsonb_array_elements_text(${JSON.stringify(cell.employers)}::jsonb) AS x ORDER BY y)
      ON CONFLICT (tenant, site, month, kind, date, target_groups) DO UPDATE SET
        events = c.events + EXCLUDED.events,
        people = ARRAY(SELECT DISTINCT x COLLATE "C" AS y FROM unnest(c.people || EXCLUDED.people) AS x ORDER BY y),
        employers = ARRAY(SELECT DISTINCT x COLLATE "C" AS y FROM unnest(c.employers || EXCLUDED.employers) AS x ORDER BY y)`
  })

/** The case event types some row of `Case.metricRules` counts; an event of another type never adds a metric event. */
const counted: ReadonlySet<string> = new Set(Case.metricRules.flatMap((r) => (r.emits === undefined ? [] : [r.event])))

type Row = Parameters<typeof EventStore.fromRow>[0]

/** Every event of the given streams (the appending transaction's own included), by stream, in version order. */
const readStreams = (streams: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const out = new Map<string, Array<EventStore.StoredEvent>>()
    if (streams.length === 0) return out
    const sql = yield* SqlClient.SqlClient
    const { code } = yield* Tenant
    const rows = yield* sql<Row>`SELECT tenant, position, stream_id, version, type, schema_version, data, metadata, recorded_at FROM jiritsu_events
      WHERE tenant = ${code} AND stream_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(streams)}::jsonb))
      ORDER BY stream_id, version`.pipe(Effect.mapError(EventStore.storageError("MetricsView.readStreams")))
    for (const row of rows) {
      const e = yield* EventStore.fromRow(row)
      let list = out.get(e.stream)
      if (list === undefined) out.set(e.stream, (list = []))
      list.push(e)
    }
    return out
  })

/** The metric events a batch of one stream adds, given the stream's events. */
const applyStream = (all: ReadonlyArray<EventStore.StoredEvent>, batch: ReadonlyArray<EventStore.StoredEvent>) =>
  Effect.gen(function* () {
    const opening = all[0]
    if (opening === undefined || opening.metadata["metrics"] === undefined) return []
    const context = yield* decodeContext(opening.metadata["metrics"]).pipe(
      Effect.mapError((e) => EventStore.decodeError(opening, "invalid_data", `metadata.metrics: ${e.message}`))
    )
    const upTo = batch[batch.length - 1]!.version
    const events = yield* Effect.forEach(all.filter((e) => e.version <= upTo), CaseStore.decodeStored)
    return yield* newMetricEvents(events, batch[0]!.version - 1, context, batch[0]!)
  })

/**
 * The metrics projection (table `jiritsu_metric_cells`).
 * @category projection
 * @since 0.1.0
 * @example
 * ```ts
 * const store = EventStore.layerSql({ inline: [Projection.inline(MetricsView.projection)] })
 * ```
 */
export const projection: Projection.Projection = {
  name: "metrics",
  tables: ["jiritsu_metric_cells"],
  apply: (events) =>
    Effect.gen(function* () {
      const byStream = new Map<string, Array<EventStore.StoredEvent>>()
      for (const e of events) {
        if (!CaseStore.isCaseEvent(e)) continue
        let list = byStream.get(e.stream)
        if (list === undefined) byStream.set(e.stream, (list = []))
        list.push(e)
      }
      // A batch of events none of which counts adds nothing, whatever came before it: its stream is
      // not read back (its events are still decoded, so a malformed one fails as before).
      const counting: Array<string> = []
      for (const [stream, batch] of byStream) {
        const decoded = yield* Effect.forEach(batch, CaseStore.decodeStored)
        if (decoded.some((e) => counted.has(e._tag))) counting.push(stream)
      }
      const streams = yield* readStreams(counting)
      const metricEvents: Array<Metric.MetricEvent> = []
      for (const stream of counting) metricEvents.push(...(yield* applyStream(streams.get(stream) ?? [], byStream.get(stream)!)))
      // Cells in a fixed order: concurrent writers lock them in the same order (no deadlock).
      for (const cell of Metric.toCanonical(Metric.foldMap(metricEvents)).cells) yield* upsert(cell)
    })
}

/**
 * Filters of {@link tally}: site, and a month range `[fromMonth, untilMonth)` (`YYYY-MM`). @category queries @since 0.1.0
 * @example
 * ```ts
 * const fiscal2013: MetricsView.TallyOptions = { site: "kushiro-desk", fromMonth: "2013-04", untilMonth: "2014-04" }
 * ```
 */
export interface TallyOptions {
  readonly site?: string
  readonly fromMonth?: string
  readonly untilMonth?: string
}

/**
 * The stored tally of the current tenant (optionally one site, some months) as a `Metric.Tally`,
 * ready for `Metric.evaluate` and the Target module.
 * @category queries
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const placements = MetricsView.tally({ site: "kushiro-desk" }).pipe(
 *   Effect.map((tally) => Metric.evaluate(tally, { metric: "placements", filter: { window: { from: Period.unsafeDate("2013-04-01"), until: Period.unsafeDate("2014-04-01") } } }))
 * )
 * ```
 */
export const tally = (options: TallyOptions = {}) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const { code } = yield* Tenant
    const rows = yield* sql<{ readonly kind: string; readonly date: string; readonly site: string; readonly target_groups: ReadonlyArray<string>; readonly events: unknown; readonly people: ReadonlyArray<string>; readonly employers: ReadonlyArray<string> }>`
      SELECT kind, date, site, target_groups, events, people, employers FROM jiritsu_metric_cells WHERE tenant = ${code}
      ${options.site !== undefined ? sql`AND site = ${options.site}` : sql``}
      ${options.fromMonth !== undefined ? sql`AND month >= ${options.fromMonth}` : sql``}
      ${options.untilMonth !== undefined ? sql`AND month < ${options.untilMonth}` : sql``}`.pipe(Effect.mapError(EventStore.storageError("MetricsView.tally")))
    const data = { cells: rows.map((r) => ({ kind: r.kind, date: r.date, site: r.site, targetGroups: [...r.target_groups], events: Number(r.events), people: [...r.people], employers: [...r.employers] })) }
    const t = Metric.fromCanonical(data)
    return Result.isSuccess(t) ? t.success : yield* new EventStore.StorageError({ operation: "MetricsView.tally", message: `stored cells do not decode: ${t.failure.message}` })
  })
