/**
 * WelfareSystem — the port to an existing welfare system (既存システムとの接続口): a person's
 * public-assistance / allowance / housing-benefit status as of a date, and the changes since a
 * cursor (the periodic PULL the municipal linkage rules prescribe).
 *
 * Implementations:
 * - {@link memory}: an in-memory system (tests, demos, a fake source for `Sync.syncOnce`);
 * - {@link layerFileExchange}: the file-exchange system — what was imported from the core
 *   system's CSV files into the `ImportStore` (PostgreSQL), read back through the same port.
 *
 * Both follow one rule (`Status.statusAsOf` and the shared versioning): a (source id, content
 * hash) pair seen twice is one version; a new pair for a known source id is a dated `changed`.
 * A contract suite runs the same tests against both.
 *
 * @since 0.1.0
 * @module
 */
import type { Period } from "@jiritsu/core"
import type { Tenant } from "@jiritsu/postgres"
import { Context, Effect, Layer, Schema } from "effect"
import type { SqlClient } from "effect/sql"
import * as ImportStore from "./ImportStore.ts"
import * as Reader from "./Reader.ts"
import * as Status from "./Status.ts"
import { newVersions, type PriorVersion } from "./internal/versions.ts"

/**
 * A page of changes and the cursor to ask from next time. @category port @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const page = Effect.flatMap(WelfareSystem.WelfareSystem, (s) => s.changesSince(undefined, 100)).pipe(Effect.map((p: WelfareSystem.ChangePage) => p.cursor))
 * ```
 */
export interface ChangePage {
  readonly changes: ReadonlyArray<Status.StatusChange>
  readonly cursor: string | undefined
  readonly hasMore: boolean
}

/**
 * The system could not answer (接続先エラー). @category errors @since 0.1.0
 * @example
 * ```ts
 * const down = new WelfareSystem.WelfareSystemError({ message: "connection refused", messageJa: "接続できません" })
 * ```
 */
export class WelfareSystemError extends Schema.TaggedError<WelfareSystemError>()("WelfareSystemError", { message: Schema.String, messageJa: Schema.String }) {}

/**
 * The port (既存システム連携ポート).
 * @category port
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const today = Effect.flatMap(WelfareSystem.WelfareSystem, (s) => s.statusAsOf("A-4711", Period.unsafeDate("2024-04-01")))
 * ```
 */
export class WelfareSystem extends Context.Service<
  WelfareSystem,
  {
    readonly statusAsOf: (personRef: string, asOf: Period.LocalDate) => Effect.Effect<Status.PersonStatus, WelfareSystemError>
    readonly changesSince: (cursor: string | undefined, limit?: number) => Effect.Effect<ChangePage, WelfareSystemError>
  }
>()("@jiritsu/bridge/WelfareSystem") {}

/**
 * An in-memory system you can write to (the source side of tests). @category memory @since 0.1.0
 * @example
 * ```ts
 * const system: WelfareSystem.MemorySystem = WelfareSystem.memory()
 * system.record("seikatsu-hogo", [{ sourceId: "R-1", personRef: "A-4711", benefit: "public_assistance", status: "receiving", effectiveFrom: Period.unsafeDate("2023-04-01") }])
 * system.changes().length // 1
 * ```
 */
export interface MemorySystem {
  readonly service: WelfareSystem["Service"]
  /** Records rows as the core system would (idempotent: a row seen before changes nothing). */
  readonly record: (source: Status.SourceName, records: ReadonlyArray<Status.StatusRecord>) => { readonly recorded: number; readonly changed: number; readonly unchanged: number }
  /** Every change so far, oldest first. */
  readonly changes: () => ReadonlyArray<Status.StatusChange>
}

/**
 * An in-memory welfare system. Cursors are positions (decimal strings).
 * @category memory
 * @since 0.1.0
 * @example
 * ```ts
 * const system = WelfareSystem.memory()
 * const r = { sourceId: "R-1", personRef: "A-4711", benefit: "housing_benefit", status: "applied", effectiveFrom: Period.unsafeDate("2024-04-01") } as const
 * system.record("jukyo", [r]) // { recorded: 1, changed: 0, unchanged: 0 }
 * system.record("jukyo", [r]) // { recorded: 0, changed: 0, unchanged: 1 }
 * ```
 */
export const memory = (): MemorySystem => {
  const log: Array<Status.StatusChange> = []
  const priors = new Map<string, Map<string, Array<PriorVersion>>>()
  const record: MemorySystem["record"] = (source, records) => {
    const prior = priors.get(source) ?? new Map<string, Array<PriorVersion>>()
    priors.set(source, prior)
    const fresh = newVersions(prior, records.map((r) => ({ record: r, contentHash: Reader.contentHash(r) })), BigInt(log.length + 1))
    for (const v of fresh) {
      const r = v.incoming.record
      log.push({
        position: v.position.toString(),
        source,
        kind: v.kind,
        sourceId: r.sourceId,
        personRef: r.personRef,
        benefit: r.benefit,
        effectiveOn: r.effectiveFrom,
        ...(v.previousStatus === undefined ? {} : { previousStatus: v.previousStatus }),
        status: r.status,
        contentHash: v.incoming.contentHash,
        record: r
      })
    }
    const recorded = fresh.filter((v) => v.kind === "recorded").length
    return { recorded, changed: fresh.length - recorded, unchanged: records.length - fresh.length }
  }
  const service: WelfareSystem["Service"] = {
    statusAsOf: (personRef, asOf) => Effect.sync(() => Status.statusAsOf(personRef, asOf, log.map((c) => ({ source: c.source, record: c.record })))),
    changesSince: (cursor, limit = 1000) =>
      Effect.sync(() => {
        const after = cursor === undefined || !/^\d+$/.test(cursor) ? 0 : Number(cursor)
        const changes = log.slice(after, after + limit)
        return { changes, cursor: changes.length > 0 ? changes[changes.length - 1]!.position : cursor, hasMore: after + limit < log.length }
      })
  }
  return { service, record, changes: () => log.slice() }
}

/**
 * A layer of an in-memory system. @category memory @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const status = Effect.flatMap(WelfareSystem.WelfareSystem, (s) => s.statusAsOf("A-4711", Period.unsafeDate("2024-04-01"))).pipe(Effect.provide(WelfareSystem.layerMemory()))
 * ```
 */
export const layerMemory = (system: MemorySystem = memory()): Layer.Layer<WelfareSystem> => Layer.succeed(WelfareSystem, system.service)

const toPortError = (e: ImportStore.StoreError): WelfareSystemError => new WelfareSystemError({ message: e.message, messageJa: e.messageJa })

/**
 * The file-exchange system: statuses and changes as imported from the core system's files into
 * the `ImportStore`, for the tenant in context.
 * @category file exchange
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const status = Effect.flatMap(WelfareSystem.WelfareSystem, (s) => s.statusAsOf("A-4711", Period.unsafeDate("2024-04-01"))).pipe(
 *   Effect.provide(WelfareSystem.layerFileExchange),
 *   Tenant.withTenant(Tenant.unsafeCode("131091"))
 * )
 * ```
 */
export const layerFileExchange: Layer.Layer<WelfareSystem, never, SqlClient.SqlClient | Tenant.Tenant> = Layer.effect(
  WelfareSystem,
  Effect.gen(function* () {
    const context = yield* Effect.context<SqlClient.SqlClient | Tenant.Tenant>()
    return {
      statusAsOf: (personRef, asOf) => ImportStore.statusAsOf(personRef, asOf).pipe(Effect.mapError(toPortError), Effect.provide(context)),
      changesSince: (cursor, limit) => ImportStore.changesSince(cursor, limit).pipe(Effect.mapError(toPortError), Effect.provide(context))
    }
  })
)
