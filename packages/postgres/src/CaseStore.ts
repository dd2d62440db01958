/**
 * CaseStore (ケースの保存) — support cases (`@jiritsu/core` Case deciders) on the event store.
 *
 * A case is the stream `case-<caseId>`; each event is stored with its `_tag` as the type and the
 * event itself (JSON) as data. {@link CaseStoreShape.handle} loads the stream, folds it with the
 * decider, decides the command and appends the new events with the loaded version as the
 * expected version — so two caseworkers acting on the same case never overwrite each other: the
 * second gets a typed `VersionConflict` (HTTP 409/412) and must reload.
 *
 * The metric context (site and target groups, 拠点・対象者区分) is recorded in the metadata of the
 * opening event, so projections can count the case's events (see {@link MetricsView}).
 *
 * @since 0.1.0
 * @module
 */
import { Case } from "@jiritsu/core"
import { Context, Effect, Layer, Result, Schema } from "effect"
import * as EventStore from "./EventStore.ts"
import { Tenant } from "./Tenant.ts"

/**
 * The stream id of a case. @category streams @since 0.1.0
 * @example
 * ```ts
 * CaseStore.streamOf("k-17") // "case-k-17"
 * ```
 */
export const streamOf = (caseId: string): string => `case-${caseId}`

/**
 * Whether a stored event belongs to a case stream. @category streams @since 0.1.0
 * @example
 * ```ts
 * const stored: EventStore.StoredEvent = { tenant: "012068", stream: "case-k-17", version: 1, position: 1, type: "CaseOpened", schemaVersion: 1, data: {}, metadata: {}, recordedAt: "2013-04-01T00:00:00.000Z" }
 * CaseStore.isCaseEvent(stored) // true
 * ```
 */
export const isCaseEvent = (e: EventStore.StoredEvent): boolean => e.stream.startsWith("case-")

/**
 * Where a case is counted (集計の文脈): site (拠点), the person's target groups (対象者区分) and
 * optionally a pseudonymous person reference (default: the case's subject id).
 * @category metrics
 * @since 0.1.0
 * @example
 * ```ts
 * const metrics: CaseStore.MetricContext = { site: "kushiro-desk", targetGroups: ["welfare_recipient"] }
 * ```
 */
export const MetricContext = Schema.Struct({
  site: Schema.NonEmptyString,
  targetGroups: Schema.Array(Schema.String),
  personRef: Schema.optionalKey(Schema.NonEmptyString)
})
/** @category metrics */
export type MetricContext = typeof MetricContext.Type

/**
 * The command was refused by the decider (却下): the core's typed refusal, nothing appended.
 * @category errors
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const refused = Effect.flatMap(CaseStore.CaseStore, (cases) =>
 *   cases.handle("k-17", { _tag: "StartDelivery", occurredAt: Period.unsafeDate("2013-05-01"), actor: { organisation: "consultation_agency", role: "employment_support_worker" } })
 * ).pipe(Effect.catchTag("CommandRefused", (e: CaseStore.CommandRefused) => Effect.succeed(e.refusal))) // no case k-17 yet: refused, nothing appended
 * ```
 */
export class CommandRefused extends Schema.TaggedError<CommandRefused>()("CommandRefused", {
  caseId: Schema.String,
  refusal: Case.Refusal,
  message: Schema.String,
  messageJa: Schema.String
}) {}

/**
 * A loaded case: its state and the stream version it was folded from (the ETag). @category model @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const phase = Effect.flatMap(CaseStore.CaseStore, (cases) => cases.load("k-17")).pipe(Effect.map((loaded: CaseStore.Loaded) => `${loaded.state.phase} @ v${loaded.version}`))
 * ```
 */
export interface Loaded {
  readonly state: Case.CaseState
  readonly version: number
}

/**
 * Options of {@link CaseStoreShape.handle}. @category model @since 0.1.0
 * @example
 * ```ts
 * const options: CaseStore.HandleOptions = { expectedVersion: 3, metrics: { site: "kushiro-desk", targetGroups: [] }, metadata: { actorId: "cw-7" } }
 * ```
 */
export interface HandleOptions {
  /** The version the caller saw (If-Match); a mismatch fails with `VersionConflict` before deciding. */
  readonly expectedVersion?: number
  /** Consent decisions obtained outside the command. */
  readonly context?: Case.DecideContext
  /** Recorded on the opening event's metadata. */
  readonly metrics?: MetricContext
  /** Extra metadata for the appended events (actor ids, correlation ids …). */
  readonly metadata?: Readonly<Record<string, unknown>>
}

/**
 * What {@link CaseStoreShape.handle} returns: the new state, its version and the events appended. @category model @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const opened = Effect.gen(function* () {
 *   const cases = yield* CaseStore.CaseStore
 *   const handled: CaseStore.Handled = yield* cases.handle("k-17", {
 *     _tag: "OpenCase", occurredAt: Period.unsafeDate("2013-04-01"), actor: { organisation: "municipality", role: "caseworker" }, caseId: "k-17", subjectId: "p-17", publicAssistance: true
 *   })
 *   return handled.stored.map((e) => e.type) // ["CaseOpened"]
 * })
 * ```
 */
export interface Handled extends Loaded {
  readonly events: ReadonlyArray<Case.Event>
  readonly stored: ReadonlyArray<EventStore.StoredEvent>
}

/**
 * Decodes a stored case event, naming the row on failure. @category decoding @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const events = Effect.flatMap(EventStore.EventStore, (s) => s.readStream(CaseStore.streamOf("k-17"))).pipe(Effect.flatMap(Effect.forEach(CaseStore.decodeStored)))
 * ```
 */
export const decodeStored = (stored: EventStore.StoredEvent): Effect.Effect<Case.Event, EventStore.EventDecodeError> => {
  const r = Case.decodeEvent(stored.data)
  if (Result.isFailure(r)) {
    const unknownType = r.failure.some((i) => i.path.length === 1 && i.path[0] === "_tag")
    return Effect.fail(EventStore.decodeError(stored, unknownType ? "unknown_type" : "invalid_data", r.failure.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")))
  }
  if (r.success._tag !== stored.type) return Effect.fail(EventStore.decodeError(stored, "invalid_data", `the row's type ${stored.type} differs from its data's _tag ${r.success._tag}`))
  return Effect.succeed(r.success)
}

/**
 * A case event as an event to append. @category decoding @since 0.1.0
 * @example
 * ```ts
 * const events: ReadonlyArray<Case.Event> = []
 * const toAppend = events.map((e) => CaseStore.toNewEvent(e, { importedFrom: "legacy-system" }))
 * ```
 */
export const toNewEvent = (event: Case.Event, metadata?: Readonly<Record<string, unknown>>): EventStore.NewEvent => ({
  type: event._tag,
  data: JSON.parse(JSON.stringify(event)) as Record<string, unknown>,
  ...(metadata !== undefined ? { metadata: { ...metadata } } : {})
})

/**
 * The case store, as the ambient tenant.
 * @category service
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const history = (cases: CaseStore.CaseStoreShape) => cases.events("k-17").pipe(Effect.map((es) => es.map((e) => e._tag)))
 * ```
 */
export interface CaseStoreShape {
  readonly load: (caseId: string) => Effect.Effect<Loaded, EventStore.EventDecodeError | EventStore.StorageError, Tenant>
  readonly events: (caseId: string) => Effect.Effect<ReadonlyArray<Case.Event>, EventStore.EventDecodeError | EventStore.StorageError, Tenant>
  readonly handle: (
    caseId: string,
    command: unknown,
    options?: HandleOptions
  ) => Effect.Effect<Handled, CommandRefused | EventStore.VersionConflict | EventStore.EventDecodeError | EventStore.InvalidAppend | EventStore.ProjectionFailed | EventStore.StorageError, Tenant>
}

/**
 * The case store service. @category service @since 0.1.0
 * @example
 * ```ts
 * import { Effect, Layer } from "effect"
 * const stores = CaseStore.layer().pipe(Layer.provideMerge(EventStore.layerMemory()))
 * const state = Effect.flatMap(CaseStore.CaseStore, (cases) => cases.load("k-17")).pipe(Effect.provide(stores), Tenant.withTenant(Tenant.unsafeCode("012068")))
 * ```
 */
export class CaseStore extends Context.Service<CaseStore, CaseStoreShape>()("@jiritsu/postgres/CaseStore") {}

/**
 * Builds a case store over an event store and a decider (default: the Kushiro graph). @category service @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const phase = Effect.gen(function* () {
 *   const cases = CaseStore.make(yield* EventStore.makeMemory(), Case.decider())
 *   return (yield* cases.load("k-17")).state.phase
 * }).pipe(Tenant.withTenant(Tenant.unsafeCode("012068")))
 * ```
 */
export const make = (store: EventStore.EventStoreShape, decider: Case.Decider = Case.decider()): CaseStoreShape => {
  const events = (caseId: string) => Effect.flatMap(store.readStream(streamOf(caseId)), (rows) => Effect.forEach(rows, decodeStored))
  const load = (caseId: string) =>
    Effect.map(events(caseId), (es): Loaded => ({ state: decider.replay(es), version: es.length }))
  return {
    load,
    events,
    handle: (caseId, command, options = {}) =>
      Effect.gen(function* () {
        const loaded = yield* load(caseId)
        if (options.expectedVersion !== undefined && options.expectedVersion !== loaded.version) {
          return yield* new EventStore.VersionConflict({
            tenant: (yield* Tenant).code,
            stream: streamOf(caseId),
            expected: options.expectedVersion,
            actual: loaded.version,
            message: `case ${caseId} is at version ${loaded.version}, not ${options.expectedVersion}`,
            messageJa: `ケース ${caseId} は版 ${loaded.version} です（想定 ${options.expectedVersion}）`
          })
        }
        const decided = decider.decideUnknown(loaded.state, command, options.context)
        if (Result.isFailure(decided)) {
          const refusal = decided.failure
          return yield* new CommandRefused({ caseId, refusal, message: refusal.message, messageJa: refusal.messageJa })
        }
        const newEvents = decided.success
        const opening = loaded.version === 0
        const metadata = { ...(options.metadata ?? {}), ...(opening && options.metrics !== undefined ? { metrics: options.metrics } : {}) }
        const appended = yield* store.append(
          streamOf(caseId),
          loaded.version,
          newEvents.map((e) => toNewEvent(e, Object.keys(metadata).length > 0 ? metadata : undefined)),
          { streamType: "case" }
        )
        return { state: decider.replay(newEvents, loaded.state), version: appended.nextVersion, events: newEvents, stored: appended.events }
      })
  }
}

/**
 * The case store as a layer over the EventStore service. @category service @since 0.1.0
 * @example
 * ```ts
 * import { Layer } from "effect"
 * const stores = CaseStore.layer().pipe(Layer.provideMerge(EventStore.layerSql()), Layer.provideMerge(Database.layer()))
 * ```
 */
export const layer = (decider?: Case.Decider): Layer.Layer<CaseStore, never, EventStore.EventStore> =>
  Layer.effect(CaseStore, Effect.map(EventStore.EventStore, (store) => make(store, decider)))
