/**
 * Client (Promise 版の入口) — the package for callers who do not use Effect.
 *
 * ```ts
 * const db = await Client.open({ tenant: "012068" })            // embedded PGlite, migrated
 * await db.events.append("case-1", 0, [{ type: "Noted", data: { text: "…" } }])
 * console.log(await db.events.readStream("case-1"))
 * await db.close()
 * ```
 *
 * Failures reject with the same typed errors as the Effect API (`VersionConflict`,
 * `InvalidAppend`, `DatabaseStartError` …: each an `Error` with a `_tag`).
 *
 * @since 0.1.0
 * @module
 */
import { Cause, Effect, Exit, Layer, ManagedRuntime } from "effect"
import type { SqlClient } from "effect/sql"
import * as Database from "./Database.ts"
import * as EventStore from "./EventStore.ts"
import * as Migrations from "./Migrations.ts"
import * as Tenant from "./Tenant.ts"

/**
 * Options of {@link open}: the database (server URL or embedded), the tenant, migrations. @category client @since 0.1.0
 * @example
 * ```ts
 * const options: Client.Options = { tenant: "012068", dataDir: "memory://", layout: "plain" }
 * ```
 */
export interface Options extends Database.Options {
  /** The municipality code (地方公共団体コード) every call acts as. */
  readonly tenant: string
  /** Run the migrations on open (default true). */
  readonly migrate?: boolean
  readonly layout?: Migrations.Layout
  readonly namespaces?: ReadonlyArray<Migrations.Namespace>
  readonly upcasters?: ReadonlyArray<EventStore.Upcaster>
  readonly inline?: ReadonlyArray<EventStore.InlineProjection>
}

/**
 * The event store as Promises. @category client @since 0.1.0
 * @example
 * ```ts
 * const db = await Client.open({ tenant: "012068" })
 * const events: Client.Events = db.events
 * await events.append("case-1", 0, [{ type: "Noted", data: { text: "初回面談" } }])
 * console.log(await events.streamVersion("case-1")) // 1
 * await db.close()
 * ```
 */
export interface Events {
  readonly append: (stream: string, expected: EventStore.ExpectedVersion, events: ReadonlyArray<EventStore.NewEvent>, options?: EventStore.AppendOptions) => Promise<EventStore.AppendResult>
  readonly readStream: (stream: string, options?: EventStore.ReadOptions) => Promise<ReadonlyArray<EventStore.StoredEvent>>
  readonly readAll: (options?: EventStore.ReadOptions) => Promise<ReadonlyArray<EventStore.StoredEvent>>
  readonly streamVersion: (stream: string) => Promise<number>
  readonly headPosition: () => Promise<number>
}

/**
 * An open database for one tenant. @category client @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const db: Client.Client = await Client.open({ tenant: "012068" })
 * const version = await db.run(Effect.flatMap(EventStore.EventStore, (s) => s.streamVersion("case-1"))) // 0: no such stream yet
 * await db.close()
 * ```
 */
export interface Client {
  readonly tenant: Tenant.MunicipalityCode
  readonly backend: Database.Backend
  readonly events: Events
  /** Runs any Effect of this package against the client's database and tenant. */
  readonly run: <A, E>(effect: Effect.Effect<A, E, SqlClient.SqlClient | Tenant.Tenant | EventStore.EventStore | Database.Database>) => Promise<A>
  readonly close: () => Promise<void>
}

const squash = <A, E>(exit: Exit.Exit<A, E>): A => {
  if (Exit.isSuccess(exit)) return exit.value
  throw Cause.squash(exit.cause)
}

/**
 * Opens the database (starting embedded PGlite when no `url` is given), migrates it, and returns
 * the Promise API bound to `tenant`. An invalid tenant code or an unreachable server rejects.
 * @category client
 * @since 0.1.0
 * @example
 * ```ts
 * const db = await Client.open({ tenant: "012068" }) // embedded PGlite in memory, migrated
 * await db.events.append("case-1", 0, [{ type: "Noted", data: { text: "…" } }])
 * console.log((await db.events.readStream("case-1")).length) // 1
 * await db.close()
 * ```
 */
export const open = async (options: Options): Promise<Client> => {
  const tenant = Tenant.parseCode(options.tenant)
  if (tenant._tag === "Failure") throw tenant.failure
  const code = tenant.success
  const db = Database.layer(options)
  const migrate =
    options.migrate === false
      ? Layer.empty
      : Layer.effectDiscard(Migrations.run({ ...(options.layout !== undefined ? { layout: options.layout } : {}), ...(options.namespaces !== undefined ? { namespaces: options.namespaces } : {}) }))
  const store = EventStore.layerSql({ ...(options.upcasters !== undefined ? { upcasters: options.upcasters } : {}), ...(options.inline !== undefined ? { inline: options.inline } : {}) })
  const layer = Layer.mergeAll(store, migrate, Tenant.layer(code)).pipe(Layer.provideMerge(db))
  const runtime = ManagedRuntime.make(layer)
  const info = await runtime.runPromiseExit(Database.Database).then(squash).catch(async (e) => {
    await runtime.dispose()
    throw e
  })
  const run = <A, E>(effect: Effect.Effect<A, E, SqlClient.SqlClient | Tenant.Tenant | EventStore.EventStore | Database.Database>): Promise<A> => runtime.runPromiseExit(effect).then(squash)
  const withStore = <A, E>(f: (s: EventStore.EventStoreShape) => Effect.Effect<A, E, Tenant.Tenant>) => run(Effect.flatMap(EventStore.EventStore, f))
  return {
    tenant: code,
    backend: info.backend,
    events: {
      append: (stream, expected, events, o) => withStore((s) => s.append(stream, expected, events, o)),
      readStream: (stream, o) => withStore((s) => s.readStream(stream, o)),
      readAll: (o) => withStore((s) => s.readAll(o)),
      streamVersion: (stream) => withStore((s) => s.streamVersion(stream)),
      headPosition: () => withStore((s) => s.headPosition)
    },
    run,
    close: () => runtime.dispose()
  }
}
