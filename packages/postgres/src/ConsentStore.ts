/**
 * ConsentStore (同意台帳の保存) — the core's `Consent` ledger, append-only in PostgreSQL.
 *
 * Every ledger entry (a consent record, a lifecycle event, a law-based grant) is checked by the
 * core (`Consent.apply`: every refusal names the field) against the tenant's ledger and stored
 * in `jiritsu_consent_entries` in append order, with the hash of its canonical JSON. Triggers
 * refuse UPDATE and DELETE on that table — also for its owner — so a withdrawal is a new event,
 * never an edit. Writes of one tenant are serialised on its ledger head row, so two clerks never
 * build on different ledgers. The same entry is appended to the tenant's `consent-ledger` stream
 * of the event store in the same transaction, so projections (e.g. {@link statusProjection}) follow
 * the ledger like any other log.
 *
 * @since 0.1.0
 * @module
 */
import { Consent } from "@jiritsu/core"
import { Context, Effect, Layer, Result, Schema } from "effect"
import { SqlClient } from "effect/sql"
import * as EventStore from "./EventStore.ts"
import { canonicalJson, sha256 } from "./internal/canonical.ts"
import type * as Projection from "./Projection.ts"
import { Tenant } from "./Tenant.ts"

/**
 * The event-store stream that mirrors the ledger. @category streams @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const mirrored = Effect.flatMap(EventStore.EventStore, (s) => s.readStream(ConsentStore.STREAM)) // every ledger entry, in append order
 * ```
 */
export const STREAM = "consent-ledger"

/**
 * The core refused the entry (同意台帳への登録拒否): its typed refusal, naming the field. Nothing
 * was stored.
 * @category errors
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const refused = Effect.flatMap(ConsentStore.ConsentStore, (c) => c.apply({ _tag: "RecordAdded", record: { recordId: "" } })).pipe(
 *   Effect.catchTag("EntryRefused", (e: ConsentStore.EntryRefused) => Effect.succeed(e.refusal.path)) // the field the core refused
 * )
 * ```
 */
export class EntryRefused extends Schema.TaggedError<EntryRefused>()("EntryRefused", {
  refusal: Consent.ConsentRefusal,
  message: Schema.String,
  messageJa: Schema.String
}) {}

/**
 * A stored entry does not match its hash or does not decode (改ざんの検出): names tenant and seq.
 * @category errors
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const ledger = Effect.flatMap(ConsentStore.ConsentStore, (c) => c.ledger).pipe(
 *   Effect.catchTag("LedgerCorrupted", (e: ConsentStore.LedgerCorrupted) => Effect.die(`ledger of ${e.tenant} altered at entry ${e.seq}`))
 * )
 * ```
 */
export class LedgerCorrupted extends Schema.TaggedError<LedgerCorrupted>()("LedgerCorrupted", {
  tenant: Schema.String,
  seq: Schema.Int,
  message: Schema.String
}) {}

type Errors = EntryRefused | LedgerCorrupted | EventStore.StorageError | EventStore.VersionConflict | EventStore.InvalidAppend | EventStore.ProjectionFailed

/**
 * What {@link ConsentStoreShape.apply} did: `appended` at `seq`, or `unchanged` (same id, same content). @category model @since 0.1.0
 * @example
 * ```ts
 * const describe = (a: ConsentStore.Applied): string => (a._tag === "appended" ? `appended at ${a.seq}` : "already there")
 * ```
 */
export type Applied = { readonly _tag: "appended"; readonly seq: number } | { readonly _tag: "unchanged" }

/**
 * The consent store, as the ambient tenant.
 * @category service
 * @since 0.1.0
 * @example
 * ```ts
 * const permits = (consent: ConsentStore.ConsentStoreShape, request: Consent.Request) => consent.decide(request) // Consent.decide on the stored ledger
 * ```
 */
export interface ConsentStoreShape {
  /** Decodes and applies one ledger entry (`RecordAdded`, `EventAppended`, `GrantAdded`). */
  readonly apply: (entry: unknown) => Effect.Effect<Applied, Errors, Tenant>
  /** The tenant's ledger, rebuilt from the stored entries (each re-checked by the core). */
  readonly ledger: Effect.Effect<Consent.Ledger, LedgerCorrupted | EventStore.StorageError, Tenant>
  /** `Consent.decide` against the stored ledger. */
  readonly decide: (request: Consent.Request, options?: Consent.AsKnownAt) => Effect.Effect<Consent.Decision, LedgerCorrupted | EventStore.StorageError, Tenant>
}

/**
 * The consent store service. @category service @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const request: Consent.Request = {
 *   subjectRef: "p-51c0",
 *   purpose: "employment-support-referral",
 *   recipient: { class: "hello-work", id: "hw-minami" },
 *   dataCategories: ["identity"],
 *   action: "share",
 *   at: Period.unsafeInstant("2026-04-20T04:00:00Z")
 * }
 * const decision = Effect.flatMap(ConsentStore.ConsentStore, (c) => c.decide(request))
 * ```
 */
export class ConsentStore extends Context.Service<ConsentStore, ConsentStoreShape>()("@jiritsu/postgres/ConsentStore") {}

const decodeEntry = Schema.decodeUnknownResult(Consent.LedgerEntry, { onExcessProperty: "error", errors: "all" })
const encodeEntry = Schema.encodeSync(Consent.LedgerEntry)

const entryId = (e: Consent.LedgerEntry): { readonly kind: string; readonly id: string; readonly subjects: ReadonlyArray<string>; readonly recordId: string | null } => {
  switch (e._tag) {
    case "RecordAdded":
      return { kind: "record", id: e.record.recordId, subjects: [e.record.subjectRef], recordId: e.record.recordId }
    case "EventAppended":
      return { kind: "event", id: e.event.eventId, subjects: [], recordId: e.event.recordId }
    case "GrantAdded":
      return { kind: "grant", id: e.grant.grantId, subjects: e.grant.subjects, recordId: null }
  }
}

const refused = (refusal: Consent.ConsentRefusal) => new EntryRefused({ refusal, message: refusal.message, messageJa: refusal.messageJa })

/**
 * Builds the SQL consent store (needs the SQL event store in the same database). @category service @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const entries = Effect.gen(function* () {
 *   const consent = yield* ConsentStore.make
 *   return (yield* consent.ledger).records.length
 * })
 * ```
 */
export const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const store = yield* EventStore.EventStore
  // Per process: the ledger as of `length` entries; valid while the stored length is the same (append-only).
  const cache = new Map<string, { readonly length: number; readonly ledger: Consent.Ledger }>()

  const load = (tenant: string, length: number) =>
    Effect.gen(function* () {
      const cached = cache.get(tenant)
      if (cached !== undefined && cached.length === length) return cached.ledger
      const from = cached !== undefined && cached.length < length ? cached : { length: 0, ledger: Consent.empty() }
      const rows = yield* sql<{ readonly seq: unknown; readonly entry: unknown; readonly entry_hash: string }>`SELECT seq, entry, entry_hash FROM jiritsu_consent_entries
        WHERE tenant = ${tenant} AND seq > ${from.length}::int8 AND seq <= ${length}::int8 ORDER BY seq`.pipe(Effect.mapError(EventStore.storageError("ConsentStore.ledger")))
      let ledger = from.ledger
      for (const row of rows) {
        const seq = Number(row.seq)
        const corrupted = (message: string) => new LedgerCorrupted({ tenant, seq, message: `consent ledger of tenant ${tenant}, entry ${seq}: ${message}` })
        const decoded = decodeEntry(row.entry)
        if (Result.isFailure(decoded)) return yield* corrupted(`does not decode (${decoded.failure.message})`)
        if (sha256(canonicalJson(row.entry)) !== row.entry_hash) return yield* corrupted("its content does not match its hash")
        const next = Consent.apply(ledger, decoded.success)
        if (Result.isFailure(next)) return yield* corrupted(`the core refuses it on replay: ${next.failure.message}`)
        ledger = next.success
      }
      if (rows.length !== length - from.length) return yield* new LedgerCorrupted({ tenant, seq: from.length + rows.length + 1, message: `consent ledger of tenant ${tenant} has ${from.length + rows.length} entries, its head says ${length} (entries were removed)` })
      cache.set(tenant, { length, ledger })
      return ledger
    })

  const headLength = (tenant: string, lock: boolean) =>
    Effect.gen(function* () {
      if (lock) yield* sql`INSERT INTO jiritsu_consent_heads (tenant, length) VALUES (${tenant}, 0) ON CONFLICT (tenant) DO NOTHING`
      const rows = lock
        ? yield* sql<{ readonly length: unknown }>`SELECT length FROM jiritsu_consent_heads WHERE tenant = ${tenant} FOR UPDATE`
        : yield* sql<{ readonly length: unknown }>`SELECT length FROM jiritsu_consent_heads WHERE tenant = ${tenant}`
      return rows[0] === undefined ? 0 : Number(rows[0].length)
    }).pipe(Effect.mapError(EventStore.storageError("ConsentStore.head")))

  const ledger = Effect.gen(function* () {
    const { code } = yield* Tenant
    return yield* load(code, yield* headLength(code, false))
  })

  const shape: ConsentStoreShape = {
    apply: (input) =>
      Effect.gen(function* () {
        const { code } = yield* Tenant
        const decoded = decodeEntry(input)
        if (Result.isFailure(decoded)) {
          const viaCore = Consent.applyUnknown(Consent.empty(), input)
          return yield* refused(Result.isFailure(viaCore) ? viaCore.failure : { _tag: "ConsentRefusal", code: "invalid-input", path: [], message: decoded.failure.message, messageJa: "入力が不正です" })
        }
        const entry = decoded.success
        return yield* sql.withTransaction(
          Effect.gen(function* () {
            const length = yield* headLength(code, true)
            const before = yield* load(code, length)
            const after = Consent.apply(before, entry)
            if (Result.isFailure(after)) return yield* refused(after.failure)
            if (after.success === before) return { _tag: "unchanged" } as Applied
            const seq = length + 1
            const id = entryId(entry)
            const canonical = canonicalJson(encodeEntry(entry))
            yield* sql`INSERT INTO jiritsu_consent_entries (tenant, seq, kind, entry_id, subject_refs, record_id, entry, entry_hash)
              VALUES (${code}, ${seq}::int8, ${id.kind}, ${id.id}, ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(id.subjects)}::jsonb)), ${id.recordId}, ${canonical}::jsonb, ${sha256(canonical)})`
            yield* sql`UPDATE jiritsu_consent_heads SET length = ${seq}::int8 WHERE tenant = ${code}`
            yield* store.append(STREAM, length, [{ type: entry._tag, data: JSON.parse(canonical) as Record<string, unknown>, metadata: { seq } }], { streamType: "consent-ledger" })
            cache.set(code, { length: seq, ledger: after.success })
            return { _tag: "appended", seq } as Applied
          })
        ).pipe(
          Effect.catchTag("SqlError", (e) => Effect.fail(EventStore.storageError("ConsentStore.apply")(e))),
          // A failed transaction may leave the cache ahead of the database: drop it.
          Effect.tapError(() => Effect.sync(() => cache.delete(code)))
        )
      }),
    ledger,
    decide: (request, options) => Effect.map(ledger, (l) => Consent.decide(l, request, options ?? {}))
  }
  return shape
})

/**
 * The consent store as a layer. @category service @since 0.1.0
 * @example
 * ```ts
 * import { Layer } from "effect"
 * const stores = ConsentStore.layer.pipe(Layer.provideMerge(EventStore.layerSql()), Layer.provideMerge(Database.layer()))
 * ```
 */
export const layer: Layer.Layer<ConsentStore, never, SqlClient.SqlClient | EventStore.EventStore> = Layer.effect(ConsentStore, make)

/**
 * The consent status read model (`jiritsu_consent_status`): per record its subject, purposes,
 * recipient classes, validity window and the latest recorded lifecycle event. State at an instant
 * stays a question for `Consent.stateAt` (it depends on the time asked).
 * @category projection
 * @since 0.1.0
 * @example
 * ```ts
 * const store = EventStore.layerSql({ inline: [Projection.inline(ConsentStore.statusProjection)] })
 * ```
 */
export const statusProjection: Projection.Projection = {
  name: "consent_status",
  tables: ["jiritsu_consent_status"],
  apply: (events) =>
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      const { code } = yield* Tenant
      for (const e of events) {
        if (e.stream !== STREAM) continue
        const decoded = decodeEntry(e.data)
        if (Result.isFailure(decoded)) return yield* Effect.fail(EventStore.decodeError(e, "invalid_data", decoded.failure.message))
        const entry = decoded.success
        if (entry._tag === "RecordAdded") {
          const r = entry.record
          yield* sql`INSERT INTO jiritsu_consent_status (tenant, record_id, subject_ref, purposes, recipients, valid_from, valid_until, last_event, last_event_at, events)
            VALUES (${code}, ${r.recordId}, ${r.subjectRef}, ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(r.purposes)}::jsonb)),
                    ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(r.recipients.map((x) => x.class))}::jsonb)), ${r.validFrom}, ${r.validUntil}, NULL, NULL, 0)
            ON CONFLICT (tenant, record_id) DO NOTHING`
        } else if (entry._tag === "EventAppended") {
          const ev = entry.event
          yield* sql`UPDATE jiritsu_consent_status SET last_event = ${ev.kind}, last_event_at = ${ev.recordedAt}, events = events + 1
            WHERE tenant = ${code} AND record_id = ${ev.recordId}`
        }
      }
    })
}

/**
 * The status rows of a person's records. @category queries @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const purposes = ConsentStore.statusOf("p-51c0").pipe(Effect.map((rows) => rows.map((r) => `${r.record_id}: ${r.purposes.join(", ")} (${r.last_event ?? "no event"})`)))
 * ```
 */
export const statusOf = (subjectRef: string) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const { code } = yield* Tenant
    return yield* sql<{ readonly record_id: string; readonly purposes: ReadonlyArray<string>; readonly recipients: ReadonlyArray<string>; readonly valid_from: string; readonly valid_until: string; readonly last_event: string | null; readonly events: number }>`
      SELECT record_id, purposes, recipients, valid_from, valid_until, last_event, events FROM jiritsu_consent_status
      WHERE tenant = ${code} AND subject_ref = ${subjectRef} ORDER BY record_id`.pipe(Effect.mapError(EventStore.storageError("ConsentStore.statusOf")))
  })
