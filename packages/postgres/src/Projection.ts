/**
 * Projection (投影) — read models kept from the event log, inline or asynchronously.
 *
 * A projection has a name, the tables it owns and an `apply(events)` that writes with the
 * ambient SqlClient. The same projection runs
 * - **inline** ({@link inline}): inside the appending transaction (`EventStore.layerSql({ inline })`),
 *   so the read model never lags and commits or rolls back with the events;
 * - **asynchronously** ({@link catchUp}, {@link poll}): a poller follows each tenant's log from its
 *   checkpoint (stored in `jiritsu_checkpoints`, advanced in the same transaction as the writes),
 *   never past an in-flight transaction. LISTEN/NOTIFY is not used: it does not work on embedded
 *   PGlite through the wire client, and polling with checkpoints is exact on both backends.
 * - **rebuilt** ({@link rebuild}): the tenant's rows of its tables deleted and the log replayed from
 *   position 0 — giving the same tables as the incremental run (a tested law).
 *
 * A row that fails to decode stops the projection with a typed `EventDecodeError` naming tenant,
 * stream and version; the checkpoint stays before it, so nothing is skipped silently.
 *
 * @since 0.1.0
 * @module
 */
import { Duration, Effect, Schedule, Schema } from "effect"
import { SqlClient } from "effect/sql"
import * as EventStore from "./EventStore.ts"
import { Tenant, type MunicipalityCode, withTenant } from "./Tenant.ts"

/**
 * A projection: `name` (`[a-z][a-z0-9_]*`), the `tables` whose rows of a tenant it owns (deleted on
 * rebuild; each has a `tenant` column), and `apply`, which must be idempotent per event version
 * (it may see an event again after a crash between write and checkpoint only if it writes outside
 * the transaction — it should not).
 * @category model
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { SqlClient } from "effect/sql"
 * // A read model counting each stream's events (table created by your own migration).
 * const counts: Projection.Projection = {
 *   name: "stream_counts",
 *   tables: ["my_stream_counts"],
 *   apply: (events) =>
 *     Effect.gen(function* () {
 *       const sql = yield* SqlClient.SqlClient
 *       const tenant = yield* Tenant.current
 *       for (const e of events) yield* sql`INSERT INTO my_stream_counts (tenant, stream, n) VALUES (${tenant}, ${e.stream}, 1) ON CONFLICT (tenant, stream) DO UPDATE SET n = my_stream_counts.n + 1`
 *     })
 * }
 * ```
 */
export interface Projection {
  readonly name: string
  readonly tables: ReadonlyArray<string>
  readonly apply: (events: ReadonlyArray<EventStore.StoredEvent>) => Effect.Effect<void, unknown, SqlClient.SqlClient | Tenant>
}

/**
 * The projection failed on a batch (its writes and checkpoint were rolled back).
 * @category errors
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const applied = Projection.catchUp(CaseView.projection).pipe(
 *   Effect.catchTag("ProjectionError", (e: Projection.ProjectionError) => Effect.fail(`${e.projection} stopped at ${e.position}: ${e.message}`))
 * )
 * ```
 */
export class ProjectionError extends Schema.TaggedError<ProjectionError>()("ProjectionError", {
  projection: Schema.String,
  tenant: Schema.String,
  position: Schema.Int,
  message: Schema.String,
  cause: Schema.optional(Schema.Unknown)
}) {}

const NAME = /^[a-z][a-z0-9_]{0,62}$/

/**
 * The projection as an inline projection of the SQL event store. Its `apply` takes any page of the
 * log (that is how catch-up feeds it), so appends committed together run it once per commit.
 * @category running
 * @since 0.1.0
 * @example
 * ```ts
 * const store = EventStore.layerSql({ inline: [Projection.inline(CaseView.projection), Projection.inline(MetricsView.projection)] })
 * ```
 */
export const inline = (projection: Projection): EventStore.InlineProjection => ({ name: projection.name, apply: projection.apply, batched: true })

/**
 * The checkpoint (last applied position) of a projection for the current tenant; 0 if never run. @category running @since 0.1.0
 * @example
 * ```ts
 * const lastApplied = Projection.checkpoint(CaseView.projection) // 0 before the first catch-up
 * ```
 */
export const checkpoint = (projection: Projection): Effect.Effect<number, EventStore.StorageError, SqlClient.SqlClient | Tenant> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const { code } = yield* Tenant
    const rows = yield* sql<{ readonly position: unknown }>`SELECT position FROM jiritsu_checkpoints WHERE tenant = ${code} AND projection = ${projection.name}`.pipe(
      Effect.mapError(EventStore.storageError("checkpoint"))
    )
    return rows[0] === undefined ? 0 : Number(rows[0].position)
  })

/**
 * Options of {@link catchUp}: batch size (default 500) and the upcasters to read with. @category running @since 0.1.0
 * @example
 * ```ts
 * const options: Projection.CatchUpOptions = { batchSize: 1000, upcasters: [] }
 * ```
 */
export interface CatchUpOptions {
  readonly batchSize?: number
  readonly upcasters?: ReadonlyArray<EventStore.Upcaster>
}

const describe = (u: unknown): string => (u instanceof Error ? u.message : typeof u === "object" && u !== null && "message" in u ? String((u as { readonly message: unknown }).message) : String(u))

/** One batch: lock the checkpoint row, read after it, apply, advance — one transaction. Returns how many events it applied. */
const step = (projection: Projection, store: EventStore.EventStoreShape, batchSize: number) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const { code } = yield* Tenant
    return yield* sql.withTransaction(
      Effect.gen(function* () {
        yield* sql`INSERT INTO jiritsu_checkpoints (tenant, projection, position) VALUES (${code}, ${projection.name}, 0) ON CONFLICT (tenant, projection) DO NOTHING`
        const rows = yield* sql<{ readonly position: unknown }>`SELECT position FROM jiritsu_checkpoints WHERE tenant = ${code} AND projection = ${projection.name} FOR UPDATE`
        const from = Number(rows[0]?.position ?? 0)
        const events = yield* store.readAll({ after: from, limit: batchSize })
        if (events.length === 0) return 0
        const to = events[events.length - 1]!.position
        yield* projection.apply(events).pipe(
          Effect.mapError((cause) => new ProjectionError({ projection: projection.name, tenant: code, position: from, message: `projection ${projection.name} failed after position ${from}: ${describe(cause)}`, cause }))
        )
        yield* sql`UPDATE jiritsu_checkpoints SET position = ${to}::int8 WHERE tenant = ${code} AND projection = ${projection.name}`
        return events.length
      })
    )
  }).pipe(Effect.catchTag("SqlError", (e) => Effect.fail(EventStore.storageError(`projection ${projection.name}`)(e))))

/**
 * Applies every event after the checkpoint, batch by batch, for the current tenant; returns the
 * number of events applied. Stops at the first failing batch (typed), leaving the checkpoint before it.
 * @category running
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const applied = Projection.catchUp(MetricsView.projection, { batchSize: 200 }).pipe(Tenant.withTenant(Tenant.unsafeCode("012068"))) // events applied
 * ```
 */
export const catchUp = (
  projection: Projection,
  options: CatchUpOptions = {}
): Effect.Effect<number, ProjectionError | EventStore.EventDecodeError | EventStore.StorageError, SqlClient.SqlClient | Tenant> =>
  Effect.gen(function* () {
    if (!NAME.test(projection.name)) {
      return yield* new ProjectionError({ projection: projection.name, tenant: "", position: 0, message: `projection name ${JSON.stringify(projection.name)} must match ${NAME.source}` })
    }
    const store = yield* EventStore.makeSql(options.upcasters !== undefined ? { upcasters: options.upcasters } : {})
    const batchSize = Math.max(1, Math.min(10_000, options.batchSize ?? 500))
    let total = 0
    for (;;) {
      const n = yield* step(projection, store, batchSize)
      total += n
      if (n < batchSize) return total
    }
  })

/**
 * The tenants with events past this projection's checkpoint. @category running @since 0.1.0
 * @example
 * ```ts
 * const behind = Projection.pendingTenants(CaseView.projection) // e.g. ["012068", "131091"]
 * ```
 */
export const pendingTenants = (projection: Projection): Effect.Effect<ReadonlyArray<MunicipalityCode>, EventStore.StorageError, SqlClient.SqlClient> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const rows = yield* sql<{ readonly tenant: string }>`SELECT h.tenant FROM jiritsu_tenant_heads h
      LEFT JOIN jiritsu_checkpoints c ON c.tenant = h.tenant AND c.projection = ${projection.name}
      WHERE h.position > coalesce(c.position, 0) ORDER BY h.tenant`.pipe(Effect.mapError(EventStore.storageError("pendingTenants")))
    return rows.map((r) => r.tenant as MunicipalityCode)
  })

/**
 * Catches up every tenant that has new events (each as its own tenant); returns the events applied.
 * @category running
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const nightly = Projection.catchUpAll(CaseView.projection).pipe(Effect.provide(Database.layerFromEnv()))
 * ```
 */
export const catchUpAll = (projection: Projection, options: CatchUpOptions = {}) =>
  Effect.gen(function* () {
    let total = 0
    for (const tenant of yield* pendingTenants(projection)) total += yield* withTenant(catchUp(projection, options), tenant)
    return total
  })

/**
 * Polls forever: {@link catchUpAll} every `interval` (default 500 ms). Fork it; interrupt it to
 * stop. A failure ends the poller with the typed error (supervise and alert on it).
 * @category running
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const follower = Effect.gen(function* () {
 *   const fiber = yield* Effect.forkChild(Projection.poll(CaseView.projection, { interval: "1 second" }))
 *   // … serve requests; the read model follows every tenant's log …
 *   return fiber
 * })
 * ```
 */
export const poll = (projection: Projection, options: CatchUpOptions & { readonly interval?: Duration.Input } = {}) =>
  Effect.repeat(catchUpAll(projection, options), Schedule.spaced(options.interval ?? Duration.millis(500)))

/**
 * Rebuilds from zero for the current tenant: deletes its rows of the projection's tables, resets
 * the checkpoint and catches up — in one transaction, so readers see the old or the new tables.
 * @category running
 * @since 0.1.0
 * @example
 * ```ts
 * const replayed = Projection.rebuild(CaseView.projection).pipe(Tenant.withTenant(Tenant.unsafeCode("012068"))) // rows deleted, log replayed
 * ```
 */
export const rebuild = (projection: Projection, options: CatchUpOptions = {}) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const { code } = yield* Tenant
    return yield* sql.withTransaction(
      Effect.gen(function* () {
        for (const t of projection.tables) yield* sql`DELETE FROM ${sql(t)} WHERE tenant = ${code}`.pipe(Effect.mapError(EventStore.storageError("rebuild")))
        yield* sql`DELETE FROM jiritsu_checkpoints WHERE tenant = ${code} AND projection = ${projection.name}`.pipe(Effect.mapError(EventStore.storageError("rebuild")))
        return yield* catchUp(projection, options)
      })
    )
  }).pipe(Effect.catchTag("SqlError", (e) => Effect.fail(EventStore.storageError("rebuild")(e))))
