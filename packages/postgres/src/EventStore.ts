/**
 * EventStore (イベントストア) — append-only streams of events per tenant, with optimistic
 * concurrency and a gap-free global position per tenant.
 *
 * - `(tenant, stream, version)` is unique: {@link EventStoreShape.append} takes the version the
 *   caller last saw (`expected`; `0` for a new stream, `"any"` to skip the check) and fails with a
 *   typed {@link VersionConflict} `{ tenant, stream, expected, actual }` when another writer got
 *   there first. Two caseworkers never overwrite each other.
 * - Every event gets a **position** in its tenant's log (1, 2, 3, … without gaps: positions come
 *   from a per-tenant head row updated in the appending transaction, so a rolled-back append
 *   leaves no hole, and no sequence spans tenants). {@link EventStoreShape.readAll} follows that
 *   log from a position and never skips an in-flight transaction: it returns rows whose
 *   transaction id (`xid8`, `pg_current_xact_id()`) is below `pg_snapshot_xmin(pg_current_snapshot())`
 *   (no still-running transaction can precede them), or whose position is at most the tenant's
 *   committed head (which commits together with its events), so an unrelated long transaction
 *   elsewhere in the cluster cannot stall readers.
 * - Inline projections run in the appending transaction: the events and the read models commit
 *   together or not at all.
 * - Upcasters turn stored events of an older schema version into the current shape on read.
 *
 * Two implementations share one contract suite: {@link layerMemory} (tests, prototypes) and
 * {@link layerSql} (PostgreSQL server or embedded PGlite through {@link Database}).
 *
 * @since 0.1.0
 * @module
 */
import { Context, Deferred, Effect, Exit, Layer, Option, Ref, Schema } from "effect"
import { SqlClient } from "effect/sql"
import type { SqlError } from "effect/sql/SqlError"
import { checkNewEvents, describeSqlError, isJsonObject, parseJsonColumn } from "./internal/events.ts"
import { Tenant } from "./Tenant.ts"

// ---------------------------------------------------------------------------------------------
// Model
// ---------------------------------------------------------------------------------------------

/**
 * A stream id (ストリームID): 1–200 printable characters, e.g. `case-2024-0001`. @category model @since 0.1.0
 * @example
 * ```ts
 * const stream: EventStore.StreamId = "case-2024-0001"
 * ```
 */
export const StreamId = Schema.String.check(Schema.isPattern(/^[^\s\u0000-\u001f\u007f]{1,200}$/))
/** @category model */
export type StreamId = typeof StreamId.Type

/**
 * An event type (イベント種別): `PascalCase` or dotted, 1–100 characters, e.g. `CaseOpened`. @category model @since 0.1.0
 * @example
 * ```ts
 * const type: EventStore.EventType = "CaseOpened"
 * ```
 */
export const EventType = Schema.String.check(Schema.isPattern(/^[A-Za-z][A-Za-z0-9_.:-]{0,99}$/))
/** @category model */
export type EventType = typeof EventType.Type

/**
 * The expected version of a stream: the last version the caller saw (0 = the stream must not exist yet), or `"any"`. @category model @since 0.1.0
 * @example
 * ```ts
 * const fresh: EventStore.ExpectedVersion = 0 // the stream must not exist yet
 * const unchecked: EventStore.ExpectedVersion = "any"
 * ```
 */
export const ExpectedVersion = Schema.Union([Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)), Schema.Literal("any")])
/** @category model */
export type ExpectedVersion = typeof ExpectedVersion.Type

/**
 * An event to append: its type, JSON data (an object), optional JSON metadata (an object:
 * actor, correlation id …) and the schema version of its data (default 1).
 * @category model
 * @since 0.1.0
 * @example
 * ```ts
 * const event: EventStore.NewEvent = { type: "Noted", data: { text: "初回面談" }, metadata: { actor: "caseworker-7" }, schemaVersion: 1 }
 * ```
 */
export const NewEvent = Schema.Struct({
  type: EventType,
  data: Schema.Record(Schema.String, Schema.Unknown),
  metadata: Schema.optionalKey(Schema.Record(Schema.String, Schema.Unknown)),
  schemaVersion: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)))
})
/** @category model */
export type NewEvent = typeof NewEvent.Type

/**
 * An event as stored: tenant, stream, version within the stream (1, 2, …), position in the
 * tenant's log (1, 2, …), type, schema version, data, metadata and when it was recorded (ISO).
 * @category model
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const firstType = Effect.gen(function* () {
 *   const store = yield* EventStore.EventStore
 *   const events: ReadonlyArray<EventStore.StoredEvent> = yield* store.readStream("case-1")
 *   return events[0]?.type
 * })
 * ```
 */
export const StoredEvent = Schema.Struct({
  tenant: Schema.String,
  stream: Schema.String,
  version: Schema.Int,
  position: Schema.Int,
  type: Schema.String,
  schemaVersion: Schema.Int,
  data: Schema.Record(Schema.String, Schema.Unknown),
  metadata: Schema.Record(Schema.String, Schema.Unknown),
  recordedAt: Schema.String
})
/** @category model */
export type StoredEvent = typeof StoredEvent.Type

/**
 * What an append wrote: the stream's new version and the stored events (with positions). @category model @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const appended = Effect.gen(function* () {
 *   const store = yield* EventStore.EventStore
 *   const r: EventStore.AppendResult = yield* store.append("case-1", 0, [{ type: "Noted", data: {} }])
 *   return r.nextVersion // 1
 * })
 * ```
 */
export interface AppendResult {
  readonly nextVersion: number
  readonly events: ReadonlyArray<StoredEvent>
}

/**
 * Options of an append: the stream's type (recorded with the stream on first append; default `"stream"`). @category model @since 0.1.0
 * @example
 * ```ts
 * const options: EventStore.AppendOptions = { streamType: "case" }
 * ```
 */
export interface AppendOptions {
  readonly streamType?: string
}

/**
 * Options of a read: after which version / position (exclusive, default 0) and how many at most. @category model @since 0.1.0
 * @example
 * ```ts
 * const page: EventStore.ReadOptions = { after: 100, limit: 50 } // positions 101–150 with readAll
 * ```
 */
export interface ReadOptions {
  readonly after?: number
  readonly limit?: number
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/**
 * Another writer appended first (版の競合): the stream is at `actual`, not `expected`.
 * @category errors
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const second = Effect.gen(function* () {
 *   const store = yield* EventStore.EventStore
 *   yield* store.append("case-1", 0, [{ type: "Noted", data: {} }])
 *   return yield* store.append("case-1", 0, [{ type: "Noted", data: {} }]) // another writer was first
 * }).pipe(Effect.catchTag("VersionConflict", (e: EventStore.VersionConflict) => Effect.succeed(e.actual))) // 1
 * ```
 */
export class VersionConflict extends Schema.TaggedError<VersionConflict>()("VersionConflict", {
  tenant: Schema.String,
  stream: Schema.String,
  expected: ExpectedVersion,
  actual: Schema.Int,
  message: Schema.String,
  messageJa: Schema.String
}) {}

/**
 * The events (or stream id) to append are malformed; `path` names the field, e.g. `["events", 2, "type"]`.
 * Nothing was written.
 * @category errors
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const bad = Effect.flatMap(EventStore.EventStore, (s) => s.append("case-1", 0, [{ type: "not a type", data: {} }])).pipe(
 *   Effect.catchTag("InvalidAppend", (e: EventStore.InvalidAppend) => Effect.succeed(e.path)) // ["events", 0, "type"]
 * )
 * ```
 */
export class InvalidAppend extends Schema.TaggedError<InvalidAppend>()("InvalidAppend", {
  path: Schema.Array(Schema.Union([Schema.String, Schema.Number])),
  message: Schema.String,
  messageJa: Schema.String
}) {}

/**
 * A stored event could not be read back (読込エラー): corrupted data, an unknown type without an
 * upcaster, an upcaster that failed, a tampered hash. Names the tenant, stream, version and
 * position, so the row can be found; nothing is skipped or dropped.
 * @category errors
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const read = Effect.flatMap(EventStore.EventStore, (s) => s.readStream("case-1")).pipe(
 *   Effect.catchTag("EventDecodeError", (e: EventStore.EventDecodeError) => Effect.fail(`${e.stream}@${e.version}: ${e.reason}`))
 * )
 * ```
 */
export class EventDecodeError extends Schema.TaggedError<EventDecodeError>()("EventDecodeError", {
  tenant: Schema.String,
  stream: Schema.String,
  version: Schema.Int,
  position: Schema.Int,
  type: Schema.String,
  reason: Schema.Literals(["corrupt_data", "unknown_type", "invalid_data", "upcaster_failed", "tampered"]),
  message: Schema.String
}) {}

/**
 * An inline projection failed inside the append; the append was rolled back.
 * @category errors
 * @since 0.1.0
 * @example
 * ```ts
 * const e = new EventStore.ProjectionFailed({ projection: "case-view", message: "duplicate key" })
 * e._tag // "ProjectionFailed"
 * ```
 */
export class ProjectionFailed extends Schema.TaggedError<ProjectionFailed>()("ProjectionFailed", {
  projection: Schema.String,
  message: Schema.String,
  cause: Schema.optional(Schema.Unknown)
}) {}

/**
 * The database failed (connection lost, permission denied, a trigger refused a change …).
 * @category errors
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const version = Effect.flatMap(EventStore.EventStore, (s) => s.streamVersion("case-1")).pipe(
 *   Effect.catchTag("StorageError", (e: EventStore.StorageError) => Effect.die(`${e.operation}: ${e.message}`))
 * )
 * ```
 */
export class StorageError extends Schema.TaggedError<StorageError>()("StorageError", {
  operation: Schema.String,
  message: Schema.String,
  cause: Schema.optional(Schema.Unknown)
}) {}

/**
 * Wraps a SqlError as a StorageError naming the operation. @category errors @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { SqlClient } from "effect/sql"
 * const count = Effect.flatMap(SqlClient.SqlClient, (sql) => sql`SELECT count(*) FROM jiritsu_events`).pipe(Effect.mapError(EventStore.storageError("count events")))
 * ```
 */
export const storageError = (operation: string) => (error: SqlError): StorageError =>
  new StorageError({ operation, message: `${operation}: ${describeSqlError(error)}`, cause: error })

// ---------------------------------------------------------------------------------------------
// Upcasting
// ---------------------------------------------------------------------------------------------

/**
 * An upcaster (スキーマ変換): rewrites events of `type` at `fromSchemaVersion` into the next shape
 * (optionally renaming the type). Applied on every read, repeatedly, until no upcaster matches.
 * A throw becomes an {@link EventDecodeError} with reason `upcaster_failed`.
 * @category upcasting
 * @since 0.1.0
 * @example
 * ```ts
 * // Version 1 of "Noted" had `body`; version 2 calls it `text`.
 * const notedV1: EventStore.Upcaster = {
 *   type: "Noted",
 *   fromSchemaVersion: 1,
 *   upcast: (data) => ({ data: { text: data["body"] } })
 * }
 * const store = EventStore.layerMemory({ upcasters: [notedV1] })
 * ```
 */
export interface Upcaster {
  readonly type: string
  readonly fromSchemaVersion: number
  readonly upcast: (data: Readonly<Record<string, unknown>>, event: StoredEvent) => { readonly type?: string; readonly data: Record<string, unknown> }
}

/**
 * Applies upcasters to one stored event. @category upcasting @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const stored: EventStore.StoredEvent = { tenant: "012068", stream: "case-1", version: 1, position: 1, type: "Noted", schemaVersion: 1, data: { body: "…" }, metadata: {}, recordedAt: "2024-04-01T00:00:00.000Z" }
 * const upcasters: ReadonlyArray<EventStore.Upcaster> = [{ type: "Noted", fromSchemaVersion: 1, upcast: (data) => ({ data: { text: data["body"] } }) }]
 * const upgraded = Effect.runSync(EventStore.upcast(upcasters)(stored)) // schemaVersion 2, data { text: "…" }
 * ```
 */
export const upcast = (upcasters: ReadonlyArray<Upcaster>) => (event: StoredEvent): Effect.Effect<StoredEvent, EventDecodeError> => {
  if (upcasters.length === 0) return Effect.succeed(event)
  return Effect.suspend(() => {
    let current = event
    for (let guard = 0; guard < 1000; guard++) {
      const u = upcasters.find((x) => x.type === current.type && x.fromSchemaVersion === current.schemaVersion)
      if (u === undefined) return Effect.succeed(current)
      try {
        const next = u.upcast(current.data, current)
        if (!isJsonObject(next.data)) throw new Error("upcaster returned data that is not an object")
        current = { ...current, type: next.type ?? current.type, data: next.data, schemaVersion: current.schemaVersion + 1 }
      } catch (error) {
        return Effect.fail(decodeError(event, "upcaster_failed", `upcaster ${u.type}@${u.fromSchemaVersion} failed: ${error instanceof Error ? error.message : String(error)}`))
      }
    }
    return Effect.fail(decodeError(event, "upcaster_failed", "upcasters loop (more than 1000 steps)"))
  })
}

/**
 * Builds an {@link EventDecodeError} for a stored event. @category errors @since 0.1.0
 * @example
 * ```ts
 * const stored: EventStore.StoredEvent = { tenant: "012068", stream: "case-1", version: 3, position: 17, type: "Noted", schemaVersion: 1, data: {}, metadata: {}, recordedAt: "2024-04-01T00:00:00.000Z" }
 * const e = EventStore.decodeError(stored, "invalid_data", "data.text is missing")
 * ```
 */
export const decodeError = (event: Pick<StoredEvent, "tenant" | "stream" | "version" | "position" | "type">, reason: EventDecodeError["reason"], detail: string): EventDecodeError =>
  new EventDecodeError({
    tenant: event.tenant,
    stream: event.stream,
    version: event.version,
    position: event.position,
    type: event.type,
    reason,
    message: `tenant ${event.tenant}, stream ${event.stream}, version ${event.version} (position ${event.position}, ${event.type}): ${detail}`
  })

// ---------------------------------------------------------------------------------------------
// Inline projections
// ---------------------------------------------------------------------------------------------

/**
 * A read model updated in the appending transaction (同期投影): `apply` gets the stored events of
 * one append and writes with the ambient SqlClient (already inside the transaction).
 * @category projections
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { SqlClient } from "effect/sql"
 * const counter: EventStore.InlineProjection = {
 *   name: "note-count",
 *   apply: (events) => Effect.flatMap(SqlClient.SqlClient, (sql) => sql`UPDATE my_counts SET n = n + ${events.length}`)
 * }
 * const store = EventStore.layerSql({ inline: [counter] })
 * ```
 */
export interface InlineProjection {
  readonly name: string
  readonly apply: (events: ReadonlyArray<StoredEvent>) => Effect.Effect<void, unknown, SqlClient.SqlClient | Tenant>
  /**
   * `apply` also accepts the events of several appends at once (any streams, in position order),
   * with the same result as one call per append — true of every `Projection`, whose catch-up
   * feeds it whole pages of the log. Appends committed together then run it once per commit.
   */
  readonly batched?: boolean
}

// ---------------------------------------------------------------------------------------------
// Service
// ---------------------------------------------------------------------------------------------

/**
 * What an event store does, always as the ambient {@link Tenant}.
 * @category service
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const history = (store: EventStore.EventStoreShape) =>
 *   Effect.gen(function* () {
 *     const head = yield* store.headPosition
 *     return yield* store.readAll({ after: Math.max(0, head - 10) }) // the tenant's last ten events
 *   })
 * ```
 */
export interface EventStoreShape {
  /** Appends events to a stream if it is at `expected`; all or nothing. */
  readonly append: (
    stream: string,
    expected: ExpectedVersion,
    events: ReadonlyArray<NewEvent>,
    options?: AppendOptions
  ) => Effect.Effect<AppendResult, VersionConflict | InvalidAppend | ProjectionFailed | StorageError, Tenant>
  /** The stream's events after a version (exclusive), in version order (upcast). */
  readonly readStream: (stream: string, options?: ReadOptions) => Effect.Effect<ReadonlyArray<StoredEvent>, EventDecodeError | StorageError, Tenant>
  /** The tenant's events after a position (exclusive), in position order, never past an in-flight transaction (upcast). */
  readonly readAll: (options?: ReadOptions) => Effect.Effect<ReadonlyArray<StoredEvent>, EventDecodeError | StorageError, Tenant>
  /** The stream's current version (0 when it does not exist). */
  readonly streamVersion: (stream: string) => Effect.Effect<number, StorageError, Tenant>
  /** The last position readers can see now (readAll will not go past it). */
  readonly headPosition: Effect.Effect<number, StorageError, Tenant>
}

/**
 * The event store service. @category service @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const program = Effect.gen(function* () {
 *   const store = yield* EventStore.EventStore
 *   yield* store.append("case-1", 0, [{ type: "Noted", data: { text: "…" } }])
 *   return yield* store.streamVersion("case-1") // 1
 * }).pipe(Effect.provide(EventStore.layerMemory()), Tenant.withTenant(Tenant.unsafeCode("012068")))
 * ```
 */
export class EventStore extends Context.Service<EventStore, EventStoreShape>()("@jiritsu/postgres/EventStore") {}

/**
 * Options of the implementations. @category service @since 0.1.0
 * @example
 * ```ts
 * const options: EventStore.Options = { upcasters: [], inline: [] }
 * ```
 */
export interface Options {
  readonly upcasters?: ReadonlyArray<Upcaster>
  /** SQL only: read models updated in the appending transaction. */
  readonly inline?: ReadonlyArray<InlineProjection>
}

const conflict = (tenant: string, stream: string, expected: ExpectedVersion, actual: number) =>
  new VersionConflict({
    tenant,
    stream,
    expected,
    actual,
    message: `stream ${stream} of tenant ${tenant} is at version ${actual}, not ${expected}`,
    messageJa: `ストリーム ${stream} は版 ${actual} です（想定 ${expected}）。他の職員が先に更新しました`
  })

const clampLimit = (limit: number | undefined): number => (limit === undefined ? 10_000 : Math.max(0, Math.min(100_000, Math.floor(limit))))

const validate = (stream: string, expected: ExpectedVersion, events: ReadonlyArray<NewEvent>): Effect.Effect<void, InvalidAppend> => {
  const problem = checkNewEvents(stream, expected, events)
  return problem === undefined ? Effect.void : Effect.fail(new InvalidAppend(problem))
}

// ---------------------------------------------------------------------------------------------
// In memory
// ---------------------------------------------------------------------------------------------

interface TenantLog {
  readonly all: Array<StoredEvent>
  readonly streams: Map<string, Array<StoredEvent>>
}

/**
 * The in-memory implementation (same contract; nothing persisted). Inline projections are not
 * run (they write SQL).
 * @category implementations
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const version = Effect.gen(function* () {
 *   const store = yield* EventStore.makeMemory()
 *   yield* store.append("case-1", 0, [{ type: "Noted", data: {} }])
 *   return yield* store.streamVersion("case-1") // 1
 * })
 * ```
 */
export const makeMemory = (options: Options = {}): Effect.Effect<EventStoreShape> =>
  Effect.gen(function* () {
    const logs = yield* Ref.make(new Map<string, TenantLog>())
    const up = upcast(options.upcasters ?? [])
    const logOf = (tenant: string) =>
      Ref.modify(logs, (m) => {
        let log = m.get(tenant)
        if (log === undefined) {
          log = { all: [], streams: new Map() }
          m.set(tenant, log)
        }
        return [log, m]
      })
    let clock = 0
    const now = () => new Date(Date.UTC(2000, 0, 1) + clock++).toISOString()
    const shape: EventStoreShape = {
      append: (stream, expected, events, _options) =>
        Effect.gen(function* () {
          yield* validate(stream, expected, events)
          const { code: tenant } = yield* Tenant
          const log = yield* logOf(tenant)
          const existing = log.streams.get(stream) ?? []
          const actual = existing.length
          if (expected !== "any" && expected !== actual) return yield* conflict(tenant, stream, expected, actual)
          const stored = events.map(
            (e, i): StoredEvent => ({
              tenant,
              stream,
              version: actual + i + 1,
              position: log.all.length + i + 1,
              type: e.type,
              schemaVersion: e.schemaVersion ?? 1,
              data: structuredClone(e.data) as Record<string, unknown>,
              metadata: structuredClone(e.metadata ?? {}) as Record<string, unknown>,
              recordedAt: now()
            })
          )
          log.streams.set(stream, [...existing, ...stored])
          log.all.push(...stored)
          return { nextVersion: actual + stored.length, events: stored }
        }),
      readStream: (stream, options = {}) =>
        Effect.gen(function* () {
          const { code: tenant } = yield* Tenant
          const log = yield* logOf(tenant)
          const rows = (log.streams.get(stream) ?? []).filter((e) => e.version > (options.after ?? 0)).slice(0, clampLimit(options.limit))
          return yield* Effect.forEach(rows, up)
        }),
      readAll: (options = {}) =>
        Effect.gen(function* () {
          const { code: tenant } = yield* Tenant
          const log = yield* logOf(tenant)
          const after = Math.max(0, options.after ?? 0)
          return yield* Effect.forEach(log.all.slice(after, after + clampLimit(options.limit)), up)
        }),
      streamVersion: (stream) =>
        Effect.gen(function* () {
          const { code: tenant } = yield* Tenant
          return (yield* logOf(tenant)).streams.get(stream)?.length ?? 0
        }),
      headPosition: Effect.gen(function* () {
        const { code: tenant } = yield* Tenant
        return (yield* logOf(tenant)).all.length
      })
    }
    return shape
  })

/**
 * The in-memory event store as a layer. @category implementations @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const program = Effect.flatMap(EventStore.EventStore, (s) => s.headPosition).pipe(Effect.provide(EventStore.layerMemory()))
 * ```
 */
export const layerMemory = (options: Options = {}): Layer.Layer<EventStore> => Layer.effect(EventStore, makeMemory(options))

// ---------------------------------------------------------------------------------------------
// SQL
// ---------------------------------------------------------------------------------------------

interface EventRow {
  readonly tenant: string
  readonly position: unknown
  readonly stream_id: string
  readonly version: unknown
  readonly type: string
  readonly schema_version: unknown
  readonly data: unknown
  readonly metadata: unknown
  readonly recorded_at: unknown
}

const iso = (value: unknown): string => (value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString())

/**
 * `iso` with a one-entry memo: the events of one append share their transaction's `now()`, so
 * consecutive rows mostly carry the same instant and its ISO text is built once.
 */
const isoMemo = (): ((value: unknown) => string) => {
  let lastMs = Number.NaN
  let lastIso = ""
  return (value) => {
    if (!(value instanceof Date)) return iso(value)
    const ms = value.getTime()
    if (ms !== lastMs) {
      lastIso = value.toISOString()
      lastMs = ms
    }
    return lastIso
  }
}

const corruptRow = (base: Pick<StoredEvent, "tenant" | "stream" | "version" | "position" | "type">, data: unknown, metadata: unknown): EventDecodeError => {
  const which = isJsonObject(data) ? "metadata" : "data"
  const value = isJsonObject(data) ? metadata : data
  return decodeError(base, "corrupt_data", `${which} is not a JSON object (${value === undefined ? "unparseable" : JSON.stringify(value).slice(0, 80)})`)
}

const rowToEvent = (row: EventRow, isoOf: (value: unknown) => string = iso): StoredEvent | EventDecodeError => {
  const version = Number(row.version)
  const position = Number(row.position)
  const data = parseJsonColumn(row.data)
  const metadata = parseJsonColumn(row.metadata)
  if (!isJsonObject(data) || !isJsonObject(metadata)) return corruptRow({ tenant: row.tenant, stream: row.stream_id, version, position, type: row.type }, data, metadata)
  return { tenant: row.tenant, stream: row.stream_id, version, position, type: row.type, schemaVersion: Number(row.schema_version), data, metadata, recordedAt: isoOf(row.recorded_at) }
}

// The read path (readStream, readAll) asks for rows as value arrays, not objects keyed by column
// name, and for the int8 columns as float8, which the driver decodes straight to a number (an
// int8 arrives as a bigint, one allocation per value, then Number() of it: the same number up to
// 2^53). The tenant — and for readStream the stream — are the query's own parameters, so they are
// not sent back with every row.
const READ_COLUMNS = "position::float8, version::float8, type, schema_version, data, metadata, recorded_at"
const READ_ALL_COLUMNS = `${READ_COLUMNS}, stream_id`

/** Decodes value rows of READ_COLUMNS (`stream` given: the query fixed it) or READ_ALL_COLUMNS (column 7 is the stream). */
const valuesToEvents = (tenant: string, stream: string | undefined, rows: ReadonlyArray<ReadonlyArray<unknown>>): ReadonlyArray<StoredEvent> | EventDecodeError => {
  const isoOf = isoMemo()
  const out = new Array<StoredEvent>(rows.length)
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!
    const position = Number(row[0])
    const version = Number(row[1])
    const type = row[2] as string
    const data = parseJsonColumn(row[4])
    const metadata = parseJsonColumn(row[5])
    const streamId = stream ?? (row[7] as string)
    if (!isJsonObject(data) || !isJsonObject(metadata)) return corruptRow({ tenant, stream: streamId, version, position, type }, data, metadata)
    out[i] = { tenant, stream: streamId, version, position, type, schemaVersion: Number(row[3]), data, metadata, recordedAt: isoOf(row[6]) }
  }
  return out
}

/**
 * Turns a row of `jiritsu_events` into a stored event, or a typed error naming the row — for
 * code that reads the table with its own SQL.
 * @category implementations
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const event = Effect.runSync(
 *   EventStore.fromRow({ tenant: "012068", position: "1", stream_id: "case-1", version: 1, type: "Noted", schema_version: 1, data: { text: "…" }, metadata: {}, recorded_at: new Date("2024-04-01T00:00:00Z") })
 * )
 * ```
 */
export const fromRow = (row: EventRow): Effect.Effect<StoredEvent, EventDecodeError> => {
  const r = rowToEvent(row)
  return r instanceof EventDecodeError ? Effect.fail(r) : Effect.succeed(r)
}

const COLUMNS = "tenant, position, stream_id, version, type, schema_version, data, metadata, recorded_at"

/** Appends written in one transaction at most (group commit). */
const MAX_BATCH = 200

interface Pending {
  readonly tenant: string
  readonly stream: string
  readonly expected: ExpectedVersion
  readonly events: ReadonlyArray<NewEvent>
  readonly streamType: string
  readonly done: Deferred.Deferred<AppendResult, VersionConflict | ProjectionFailed | StorageError>
}

/**
 * The SQL implementation over the ambient SqlClient (see {@link Database}); the tables come from
 * {@link Migrations}.
 * @category implementations
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const version = Effect.gen(function* () {
 *   yield* Migrations.run()
 *   const store = yield* EventStore.makeSql()
 *   return yield* store.streamVersion("case-1")
 * }).pipe(Effect.provide(Database.layer()), Tenant.withTenant(Tenant.unsafeCode("012068")))
 * ```
 */
export const makeSql = (options: Options = {}): Effect.Effect<EventStoreShape, never, SqlClient.SqlClient> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const up = upcast(options.upcasters ?? [])
    const inline = options.inline ?? []
    const upcasters = options.upcasters ?? []
    // Hot path (read+fold): a plain loop; an Effect per row only when upcasters must run.
    const decodeRows = (rows: ReadonlyArray<EventRow>): Effect.Effect<ReadonlyArray<StoredEvent>, EventDecodeError> =>
      Effect.suspend(() => {
        const isoOf = isoMemo()
        const out = new Array<StoredEvent>(rows.length)
        for (let i = 0; i < rows.length; i++) {
          const r = rowToEvent(rows[i]!, isoOf)
          if (r instanceof EventDecodeError) return Effect.fail(r)
          out[i] = r
        }
        return upcasters.length === 0 ? Effect.succeed(out) : Effect.forEach(out, up)
      })
    const decodeValues = (tenant: string, stream: string | undefined, rows: ReadonlyArray<ReadonlyArray<unknown>>): Effect.Effect<ReadonlyArray<StoredEvent>, EventDecodeError> =>
      Effect.suspend(() => {
        const out = valuesToEvents(tenant, stream, rows)
        if (out instanceof EventDecodeError) return Effect.fail(out)
        return upcasters.length === 0 ? Effect.succeed(out) : Effect.forEach(out, up)
      })

    // The horizon readers may follow without skipping an in-flight append. The xid8 gate (rows of
    // transactions older than every running one) is Emmett's and Marten's; alone, one long
    // transaction anywhere in the cluster would stall every reader. Positions are allocated under
    // the tenant's head row, which commits with its events, so in one statement snapshot every
    // position up to the committed head is visible and final: that prefix is safe too.
    const visible = (tenant: string) =>
      sql`(transaction_id < pg_snapshot_xmin(pg_current_snapshot())
            OR position <= (SELECT h.position FROM jiritsu_tenant_heads h WHERE h.tenant = ${tenant}))`

    const currentVersion = (tenant: string, stream: string) =>
      Effect.map(
        sql<{ readonly version: unknown }>`SELECT version FROM jiritsu_streams WHERE tenant = ${tenant} AND stream_id = ${stream}`,
        (rows) => (rows[0] === undefined ? 0 : Number(rows[0].version))
      )

    const insert = (tenant: string, stream: string, streamType: string, expected: number, events: ReadonlyArray<NewEvent>) => {
      const n = events.length
      const payload = JSON.stringify(events.map((e) => ({ type: e.type, data: e.data, metadata: e.metadata ?? {}, schemaVersion: e.schemaVersion ?? 1 })))
      const claim =
        expected === 0
          ? sql`INSERT INTO jiritsu_streams (tenant, stream_id, stream_type, version) VALUES (${tenant}, ${stream}, ${streamType}, ${n}::int8)
                ON CONFLICT (tenant, stream_id) DO NOTHING RETURNING version`
          : sql`UPDATE jiritsu_streams SET version = ${expected + n}::int8
                WHERE tenant = ${tenant} AND stream_id = ${stream} AND version = ${expected}::int8 RETURNING version`
      return sql<EventRow>`WITH input AS (
          SELECT e.value AS ev, e.ordinality AS ord FROM jsonb_array_elements(${payload}::jsonb) WITH ORDINALITY AS e
        ), claimed AS (${claim}),
        head AS (
          INSERT INTO jiritsu_tenant_heads AS h (tenant, position) SELECT ${tenant}, ${n}::int8 FROM claimed
          ON CONFLICT (tenant) DO UPDATE SET position = h.position + ${n}::int8
          RETURNING h.position
        )
        INSERT INTO jiritsu_events (tenant, position, stream_id, version, type, schema_version, data, metadata)
        SELECT ${tenant}, head.position - ${n}::int8 + input.ord, ${stream}, ${expected}::int8 + input.ord,
               input.ev->>'type', (input.ev->>'schemaVersion')::int, input.ev->'data', input.ev->'metadata'
        FROM head, input ORDER BY input.ord
        RETURNING ${sql.unsafe(COLUMNS)}`
    }

    const runInline = (stored: ReadonlyArray<StoredEvent>) =>
      Effect.forEach(
        inline,
        (p) =>
          p.apply(stored).pipe(
            Effect.mapError((cause) =>
              new ProjectionFailed({ projection: p.name, message: `inline projection ${p.name} failed: ${cause instanceof Error ? cause.message : describeUnknown(cause)}`, cause })
            )
          ),
        { discard: true }
      )

    /** Claims the stream at its expected version and inserts the events; a lost claim is a conflict. */
    const claimAndInsert = (p: Omit<Pending, "done">) =>
      Effect.gen(function* () {
        const from = p.expected === "any" ? yield* currentVersion(p.tenant, p.stream) : p.expected
        const rows = yield* insert(p.tenant, p.stream, p.streamType, from, p.events)
        if (rows.length !== p.events.length) {
          const actual = yield* currentVersion(p.tenant, p.stream)
          return yield* conflict(p.tenant, p.stream, p.expected === "any" ? from : p.expected, actual)
        }
        return { nextVersion: from + p.events.length, events: yield* Effect.orDie(decodeRows(rows)) } as AppendResult
      })

    /** One append inside the batch's transaction (a savepoint of its own): claim, insert, project. */
    const appendBody = (p: Pending) =>
      sql.withTransaction(
        Effect.tap(claimAndInsert(p), (result) => runInline(result.events).pipe(Effect.provideService(Tenant, { code: p.tenant as never })))
      ).pipe(Effect.catchTag("SqlError", (e) => Effect.fail(storageError("append")(e))))

    /** One append as one statement (atomic by itself): used when no inline projection must run. */
    const appendStatement = (p: Omit<Pending, "done">) =>
      claimAndInsert(p).pipe(Effect.catchTag("SqlError", (e) => Effect.fail(storageError("append")(e))))

    /**
     * Several appends (each on its own stream, each with a numeric expected version) as ONE
     * statement: claim every stream at its expected version, move the tenant's head once by the
     * claimed events, and insert them with consecutive positions in batch order. Atomic by itself;
     * an append whose claim fails writes nothing and is answered with a conflict.
     */
    const appendMany = (tenant: string, batch: ReadonlyArray<Omit<Pending, "done">>) =>
      Effect.gen(function* () {
        const payload = JSON.stringify(
          batch.map((p, i) => ({
            i,
            stream: p.stream,
            type: p.streamType,
            expected: p.expected,
            events: p.events.map((e) => ({ type: e.type, data: e.data, metadata: e.metadata ?? {}, schemaVersion: e.schemaVersion ?? 1 }))
          }))
        )
        const rows = yield* sql<EventRow>`WITH input AS (
            SELECT (a->>'i')::int AS i, a->>'stream' AS stream_id, a->>'type' AS stream_type, (a->>'expected')::int8 AS expected,
                   jsonb_array_length(a->'events')::int8 AS n, a->'events' AS events
            FROM jsonb_array_elements(${payload}::jsonb) AS a
          ), claimed_new AS (
            INSERT INTO jiritsu_streams (tenant, stream_id, stream_type, version)
            SELECT ${tenant}, stream_id, stream_type, n FROM input WHERE expected = 0
            ON CONFLICT (tenant, stream_id) DO NOTHING RETURNING stream_id
          ), claimed_old AS (
            UPDATE jiritsu_streams AS s SET version = s.version + input.n FROM input
            WHERE s.tenant = ${tenant} AND s.stream_id = input.stream_id AND input.expected > 0 AND s.version = input.expected
            RETURNING s.stream_id
          ), claimed AS (
            SELECT input.* FROM input WHERE input.stream_id IN (SELECT stream_id FROM claimed_new UNION ALL SELECT stream_id FROM claimed_old)
          ), total AS (
            SELECT coalesce(sum(n), 0)::int8 AS n FROM claimed
          ), head AS (
            INSERT INTO jiritsu_tenant_heads AS h (tenant, position) SELECT ${tenant}, total.n FROM total WHERE total.n > 0
            ON CONFLICT (tenant) DO UPDATE SET position = h.position + EXCLUDED.position
            RETURNING h.position
          ), offsets AS (
            SELECT c.i, c.stream_id, c.expected, c.events,
                   (SELECT position FROM head) - (SELECT n FROM total) + sum(c.n) OVER (ORDER BY c.i) - c.n AS base
            FROM claimed c
          )
          INSERT INTO jiritsu_events (tenant, position, stream_id, version, type, schema_version, data, metadata)
          SELECT ${tenant}, o.base + e.ordinality, o.stream_id, o.expected + e.ordinality,
                 e.value->>'type', (e.value->>'schemaVersion')::int, e.value->'data', e.value->'metadata'
          FROM offsets o CROSS JOIN LATERAL jsonb_array_elements(o.events) WITH ORDINALITY AS e
          ORDER BY o.i, e.ordinality
          RETURNING ${sql.unsafe(COLUMNS)}`
        const stored = yield* Effect.orDie(decodeRows(rows))
        const byStream = new Map<string, Array<StoredEvent>>()
        for (const e of stored) {
          let list = byStream.get(e.stream)
          if (list === undefined) byStream.set(e.stream, (list = []))
          list.push(e)
        }
        const lost = batch.filter((p) => !byStream.has(p.stream)).map((p) => p.stream)
        const actual = new Map<string, number>()
        if (lost.length > 0) {
          const versions = yield* sql<{ readonly stream_id: string; readonly version: unknown }>`SELECT stream_id, version FROM jiritsu_streams
            WHERE tenant = ${tenant} AND stream_id IN ${sql.in(lost)}`
          for (const v of versions) actual.set(v.stream_id, Number(v.version))
        }
        return batch.map((p): Outcome => {
          const events = byStream.get(p.stream)
          if (events === undefined) return Exit.fail(conflict(tenant, p.stream, p.expected, actual.get(p.stream) ?? 0))
          events.sort((a, b) => a.version - b.version)
          return Exit.succeed({ nextVersion: (p.expected as number) + p.events.length, events })
        })
      }).pipe(Effect.catchTag("SqlError", (e) => Effect.fail(storageError("append")(e))))

    type Outcome = Exit.Exit<AppendResult, VersionConflict | ProjectionFailed | StorageError>

    /** Splits a batch: one append per stream with a numeric expectation goes in one statement, the others alone. */
    const split = (batch: ReadonlyArray<Omit<Pending, "done">>) => {
      const seen = new Set<string>()
      const together: Array<number> = []
      const alone: Array<number> = []
      batch.forEach((p, i) => {
        if (p.expected !== "any" && !seen.has(p.stream)) {
          seen.add(p.stream)
          together.push(i)
        } else alone.push(i)
      })
      return { together, alone }
    }

    /**
     * A batch with batched projections, inside the caller's transaction: the appends of `together`
     * in one statement, each projection once over every event they stored, then the others one by
     * one in savepoints. A projection failure fails the whole effect (the caller then falls back to
     * one savepoint per append); a conflict fails only its append, having written nothing.
     */
    const writeTogether = (batch: ReadonlyArray<Pending>): Effect.Effect<ReadonlyArray<Outcome>, ProjectionFailed | StorageError, SqlClient.SqlClient> =>
      Effect.gen(function* () {
        const { together, alone } = split(batch)
        const out = new Array<Outcome>(batch.length)
        const tenant = batch[0]!.tenant
        const many = together.length === 0 ? [] : yield* appendMany(tenant, together.map((i) => batch[i]!))
        const stored: Array<StoredEvent> = []
        together.forEach((i, k) => {
          const o = many[k]!
          out[i] = o
          if (Exit.isSuccess(o)) stored.push(...o.value.events)
        })
        if (stored.length > 0) {
          stored.sort((a, b) => a.position - b.position)
          yield* runInline(stored).pipe(Effect.provideService(Tenant, { code: tenant as never }))
        }
        for (const i of alone) out[i] = yield* Effect.exit(appendBody(batch[i]!))
        return out
      })
    const writeBatch = (batch: ReadonlyArray<Pending>): Effect.Effect<ReadonlyArray<Outcome>> =>
      Effect.gen(function* () {
        if (inline.length === 0) {
          // Without projections an append has no side effect but its one statement, and a conflict
          // writes nothing: no savepoints. One append: no transaction at all. Should the batch's
          // transaction fail, each append is retried alone, so only the culprit fails.
          if (batch.length === 1) return [yield* Effect.exit(appendStatement(batch[0]!))]
          // Appends with a numeric expectation, one per stream, go in one statement; the others
          // ("any", a second append to a stream already in the batch) one by one after it.
          const { together, alone } = split(batch)
          const out = new Array<Outcome>(batch.length)
          const first = yield* Effect.exit(appendMany(batch[0]!.tenant, together.map((i) => batch[i]!)))
          if (Exit.isSuccess(first)) together.forEach((i, k) => (out[i] = first.value[k]!))
          else for (const i of together) out[i] = yield* Effect.exit(appendStatement(batch[i]!)) // only the culprit fails
          for (const i of alone) out[i] = yield* Effect.exit(appendStatement(batch[i]!))
          return out
        }
        if (inline.every((p) => p.batched === true)) {
          const together = yield* Effect.exit(sql.withTransaction(writeTogether(batch)))
          if (Exit.isSuccess(together)) return together.value
          // BEGIN or COMMIT failed: the database is gone, or the outcome is unknown — not retried.
          if (Option.exists(Exit.findErrorOption(together), (e) => e._tag === "SqlError")) {
            const failed: Outcome = Exit.fail(new StorageError({ operation: "append", message: "append: the transaction did not commit", cause: together.cause }))
            return batch.map(() => failed)
          }
          // A projection refused the batch, or its statement failed: all of it was rolled back.
          // Write each append in its own savepoint, so only the culprit fails.
        }
        const outcome = yield* Effect.exit(sql.withTransaction(Effect.forEach(batch, (p) => Effect.exit(appendBody(p)))))
        if (Exit.isSuccess(outcome)) return outcome.value
        const failed: Outcome = Exit.fail(new StorageError({ operation: "append", message: "append: the transaction did not commit", cause: outcome.cause }))
        return batch.map(() => failed)
      }).pipe(Effect.provideService(SqlClient.SqlClient, sql))

    // Group commit: appends of one tenant that arrive while a transaction is running are written
    // together in the next one (a conflict or a failing projection fails that append only, see
    // writeBatch). The tenant's head row is locked, and the commit flushed, once per batch instead
    // of once per append; every caller is answered after the commit.
    const queues = new Map<string, Array<Pending>>()
    const flushing = new Set<string>()
    const flush = (tenant: string): Effect.Effect<void> =>
      Effect.gen(function* () {
        for (;;) {
          const batch = (queues.get(tenant) ?? []).splice(0, MAX_BATCH)
          if (batch.length === 0) {
            flushing.delete(tenant)
            return
          }
          const results = yield* writeBatch(batch)
          for (let i = 0; i < batch.length; i++) yield* Deferred.done(batch[i]!.done, results[i]!)
        }
      }).pipe(Effect.provideService(SqlClient.SqlClient, sql), Effect.uninterruptible)

    const enqueue = (p: Omit<Pending, "done">) =>
      Effect.gen(function* () {
        // Inside the caller's own transaction the append must join it (atomic with the caller's
        // other writes): no batching then.
        const inTransaction = yield* Effect.serviceOption(sql.transactionService)
        if (inTransaction._tag === "Some") return yield* appendBody({ ...p, done: undefined as never })
        const done = yield* Deferred.make<AppendResult, VersionConflict | ProjectionFailed | StorageError>()
        let queue = queues.get(p.tenant)
        if (queue === undefined) queues.set(p.tenant, (queue = []))
        queue.push({ ...p, done })
        if (!flushing.has(p.tenant)) {
          flushing.add(p.tenant)
          yield* Effect.forkDetach(flush(p.tenant))
        }
        return yield* Deferred.await(done)
      })

    const shape: EventStoreShape = {
      append: (stream, expected, events, options = {}) =>
        Effect.gen(function* () {
          yield* validate(stream, expected, events)
          const { code: tenant } = yield* Tenant
          const streamType = options.streamType ?? "stream"
          if (events.length === 0) {
            const actual = yield* currentVersion(tenant, stream).pipe(Effect.mapError(storageError("append")))
            if (expected !== "any" && expected !== actual) return yield* conflict(tenant, stream, expected, actual)
            return { nextVersion: actual, events: [] }
          }
          const attempt = enqueue({ tenant, stream, expected, events, streamType })
          // "any" has no expectation to violate: a race with another writer is retried.
          return yield* expected === "any"
            ? Effect.retry(attempt, { while: (e) => e._tag === "VersionConflict", times: 20 })
            : attempt
        }).pipe(Effect.provideService(SqlClient.SqlClient, sql)),
      readStream: (stream, options = {}) =>
        Effect.gen(function* () {
          const { code: tenant } = yield* Tenant
          const rows = yield* sql`SELECT ${sql.unsafe(READ_COLUMNS)} FROM jiritsu_events
            WHERE tenant = ${tenant} AND stream_id = ${stream} AND version > ${Math.max(0, options.after ?? 0)}::int8
            ORDER BY version LIMIT ${clampLimit(options.limit)}::int8`.values.pipe(Effect.mapError(storageError("readStream")))
          return yield* decodeValues(tenant, stream, rows)
        }),
      readAll: (options = {}) =>
        Effect.gen(function* () {
          const { code: tenant } = yield* Tenant
          const rows = yield* sql`SELECT ${sql.unsafe(READ_ALL_COLUMNS)} FROM jiritsu_events
            WHERE tenant = ${tenant} AND position > ${Math.max(0, options.after ?? 0)}::int8 AND ${visible(tenant)}
            ORDER BY position LIMIT ${clampLimit(options.limit)}::int8`.values.pipe(Effect.mapError(storageError("readAll")))
          return yield* decodeValues(tenant, undefined, rows)
        }),
      streamVersion: (stream) =>
        Effect.gen(function* () {
          const { code: tenant } = yield* Tenant
          return yield* currentVersion(tenant, stream).pipe(Effect.mapError(storageError("streamVersion")))
        }),
      headPosition: Effect.gen(function* () {
        const { code: tenant } = yield* Tenant
        const rows = yield* sql<{ readonly position: unknown }>`SELECT coalesce(max(position), 0) AS position FROM jiritsu_events
          WHERE tenant = ${tenant} AND ${visible(tenant)}`.pipe(Effect.mapError(storageError("headPosition")))
        return Number(rows[0]?.position ?? 0)
      })
    }
    return shape
  })

const describeUnknown = (u: unknown): string => {
  if (typeof u === "object" && u !== null && "message" in u) return String((u as { readonly message: unknown }).message)
  return String(u)
}

/**
 * The SQL event store as a layer (needs a SqlClient, e.g. from {@link Database.layer}). @category implementations @since 0.1.0
 * @example
 * ```ts
 * import { Effect, Layer } from "effect"
 * const store = EventStore.layerSql().pipe(Layer.provideMerge(Database.layer()))
 * const head = Effect.flatMap(EventStore.EventStore, (s) => s.headPosition).pipe(Effect.provide(store), Tenant.withTenant(Tenant.unsafeCode("012068")))
 * ```
 */
export const layerSql = (options: Options = {}): Layer.Layer<EventStore, never, SqlClient.SqlClient> => Layer.effect(EventStore, makeSql(options))
