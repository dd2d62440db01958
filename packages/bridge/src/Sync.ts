/**
 * Sync — the pull sync (定期取得): `syncOnce` takes the changes a `WelfareSystem` reports since
 * the stored cursor and applies them to the `ImportStore`. It has no scheduler: embedders call it
 * periodically (cron, a timer, a queue).
 *
 * Two runs at the same time never apply a change twice: each run locks the source's cursor row
 * (`bridge_sync`, `FOR UPDATE`) for its transaction, so the second waits, then starts from the
 * cursor the first committed; and every record is idempotent on (source id, content hash) anyway.
 *
 * @since 0.1.0
 * @module
 */
import type { Tenant as TenantModule } from "@jiritsu/postgres"
import { Tenant } from "@jiritsu/postgres"
import { Clock, Effect, Schema } from "effect"
import { SqlClient } from "effect/sql"
import * as ImportStore from "./ImportStore.ts"
import type * as Status from "./Status.ts"
import { WelfareSystem, type WelfareSystemError } from "./WelfareSystem.ts"

/**
 * What one sync did. @category sync @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const line = Sync.syncOnce({ source: "seikatsu-hogo" }).pipe(Effect.map((r: Sync.SyncResult) => `${r.received} received, ${r.changed} changed${r.hasMore ? ", more to come" : ""}`))
 * ```
 */
export interface SyncResult {
  readonly source: Status.SourceName
  /** The cursor the run started from. */
  readonly from: string | undefined
  /** The cursor stored after the run. */
  readonly cursor: string | undefined
  readonly received: number
  readonly recorded: number
  readonly changed: number
  readonly unchanged: number
  /** The system has more changes: call again. */
  readonly hasMore: boolean
}

/**
 * A sync that failed (nothing of it was applied). @category errors @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const run = Sync.syncOnce({ source: "seikatsu-hogo" }).pipe(Effect.catchTag("SyncError", (e: Sync.SyncError) => Effect.fail(`${e.source}: ${e.message}`)))
 * ```
 */
export class SyncError extends Schema.TaggedError<SyncError>()("SyncError", { source: Schema.String, message: Schema.String, messageJa: Schema.String }) {}

/**
 * Options of {@link syncOnce}. @category sync @since 0.1.0
 * @example
 * ```ts
 * const options: Sync.Options = { source: "seikatsu-hogo", cursor: "0", limit: 500 }
 * ```
 */
export interface Options {
  /** The name the source's rows are kept under in the store. */
  readonly source: Status.SourceName
  /** Where to start when the store has no cursor for the source yet (bootstrap). */
  readonly cursor?: string
  /** Changes per run (default 1,000). */
  readonly limit?: number
}

/**
 * Pulls once: changes since the stored cursor (or `options.cursor` the first time), applied in
 * one transaction with the new cursor.
 * @category sync
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect, Layer } from "effect"
 * const system = WelfareSystem.memory()
 * system.record("seikatsu-hogo", [{ sourceId: "R-1", personRef: "A-4711", benefit: "public_assistance", status: "receiving", effectiveFrom: Period.unsafeDate("2023-04-01") }])
 * const once = Sync.syncOnce({ source: "seikatsu-hogo" }).pipe(Effect.provide(WelfareSystem.layerMemory(system))) // received 1, recorded 1
 * ```
 */
export const syncOnce = (options: Options): Effect.Effect<SyncResult, SyncError | WelfareSystemError, WelfareSystem | SqlClient.SqlClient | TenantModule.Tenant> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const system = yield* WelfareSystem
    const tenant = yield* Tenant.current
    const now = new Date(yield* Clock.currentTimeMillis).toISOString()
    const run = Effect.gen(function* () {
      yield* sql`INSERT INTO bridge_sync (tenant, source, cursor, updated_at) VALUES (${tenant}, ${options.source}, ${options.cursor ?? null}, ${now}::timestamptz) ON CONFLICT (tenant, source) DO NOTHING`
      const rows = yield* sql<{ readonly cursor: string | null }>`SELECT cursor FROM bridge_sync WHERE tenant = ${tenant} AND source = ${options.source} FOR UPDATE`
      const from = rows[0]?.cursor ?? undefined
      const page = yield* system.changesSince(from, options.limit ?? 1000)
      const applied = yield* ImportStore.applyRecords(options.source, `sync:${options.source}`, page.changes.map((c) => c.record))
      yield* sql`UPDATE bridge_sync SET cursor = ${page.cursor ?? null}, updated_at = ${now}::timestamptz WHERE tenant = ${tenant} AND source = ${options.source}`
      return { source: options.source, from, cursor: page.cursor, received: page.changes.length, recorded: applied.recorded, changed: applied.changed, unchanged: applied.unchanged, hasMore: page.hasMore } satisfies SyncResult
    })
    return yield* sql.withTransaction(run).pipe(
      Effect.mapError((e) =>
        e instanceof SyncError || (e as { _tag?: string })._tag === "WelfareSystemError"
          ? (e as SyncError | WelfareSystemError)
          : new SyncError({ source: options.source, message: `sync of ${options.source} failed: ${e instanceof Error ? e.message : String(e)}${(e as { cause?: unknown }).cause instanceof Error ? `: ${((e as { cause: Error }).cause).message}` : ""}`, messageJa: `${options.source} の同期に失敗しました` })
      )
    )
  })

/**
 * Syncs until the system reports no more changes (at most `maxRuns` runs, default 100).
 * @category sync
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const everything = Sync.syncAll({ source: "seikatsu-hogo", limit: 1000, maxRuns: 20 }).pipe(Tenant.withTenant(Tenant.unsafeCode("131091")))
 * ```
 */
export const syncAll = (options: Options & { readonly maxRuns?: number }) =>
  Effect.gen(function* () {
    const results: Array<SyncResult> = []
    for (let i = 0; i < (options.maxRuns ?? 100); i++) {
      const r = yield* syncOnce(options)
      results.push(r)
      if (!r.hasMore) break
    }
    return results
  })
