/**
 * DisclosureStore (提供記録簿の保存) — the core's hash-chained disclosure log in PostgreSQL.
 *
 * A disclosure is logged only under a `Permit` of the consent ledger and only for the categories
 * it covers (the core's `Disclosure.append` checks; every refusal is typed). Each row keeps its
 * record, the canonical JSON its hash was computed over, `prev_hash` and `hash`; UPDATE and
 * DELETE are refused by triggers. The tenant's **head** (length and last hash) is stored in its
 * own row, updated in the same transaction, so {@link verify} — one SQL query — finds an altered
 * row (content ≠ hash), a broken link (`prev_hash` ≠ previous `hash`, `seq` out of order) **and** a
 * truncated tail (fewer rows or another last hash than the head says).
 *
 * @since 0.1.0
 * @module
 */
import { Consent, Disclosure } from "@jiritsu/core"
import { Context, Effect, Layer, Result, Schema } from "effect"
import { SqlClient } from "effect/sql"
import * as ConsentStore from "./ConsentStore.ts"
import * as EventStore from "./EventStore.ts"
import { canonicalJson, sha256 } from "./internal/canonical.ts"
import type * as Projection from "./Projection.ts"
import { Tenant } from "./Tenant.ts"

/**
 * The event-store stream that mirrors the log. @category streams @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const mirrored = Effect.flatMap(EventStore.EventStore, (s) => s.readStream(DisclosureStore.STREAM))
 * ```
 */
export const STREAM = "disclosure-log"

/**
 * The disclosure was refused (提供不可): the core's refusal, and the decision when one was made.
 * @category errors
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const attempt = (request: unknown, disclosure: unknown) =>
 *   Effect.flatMap(DisclosureStore.DisclosureStore, (d) => d.disclose(request, disclosure)).pipe(
 *     Effect.catchTag("DisclosureRefused", (e: DisclosureStore.DisclosureRefused) => Effect.succeed(e.refusal.code)) // e.g. "items-not-covered"
 *   )
 * ```
 */
export class DisclosureRefused extends Schema.TaggedError<DisclosureRefused>()("DisclosureRefused", {
  refusal: Disclosure.DisclosureRefusal,
  decision: Schema.optional(Consent.Decision),
  message: Schema.String,
  messageJa: Schema.String
}) {}

/**
 * The stored chain is broken (改ざん・欠落の検出): the first bad `seq` and what shows it — `seq`,
 * `prevHash`, `hash` (content ≠ hash), `record` (row ≠ its hashed text), `truncated` (the head
 * names more rows or another last hash), `head` (rows beyond the head).
 * @category errors
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const checked = Effect.flatMap(DisclosureStore.DisclosureStore, (d) => d.verify).pipe(
 *   Effect.catchTag("ChainBroken", (e: DisclosureStore.ChainBroken) => Effect.succeed(`broken at ${e.seq} (${e.field})`))
 * )
 * ```
 */
export class ChainBroken extends Schema.TaggedError<ChainBroken>()("ChainBroken", {
  tenant: Schema.String,
  seq: Schema.Int,
  field: Schema.Literals(["seq", "prevHash", "hash", "record", "truncated", "head"]),
  message: Schema.String
}) {}

/**
 * A verified chain: its length and head hash. @category model @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const summary = Effect.flatMap(DisclosureStore.DisclosureStore, (d) => d.verify).pipe(Effect.map((v: DisclosureStore.Verified) => `${v.length} disclosures, head ${v.head}`))
 * ```
 */
export interface Verified {
  readonly length: number
  readonly head: string
}

type Errors = DisclosureRefused | ChainBroken | ConsentStore.LedgerCorrupted | EventStore.StorageError | EventStore.VersionConflict | EventStore.InvalidAppend | EventStore.ProjectionFailed

/**
 * The disclosure store, as the ambient tenant.
 * @category service
 * @since 0.1.0
 * @example
 * ```ts
 * const aboutPerson = (log: DisclosureStore.DisclosureStoreShape) => log.forSubject("p-51c0") // the person's receipt (提供記録の開示)
 * ```
 */
export interface DisclosureStoreShape {
  /** Decides against the stored consent ledger and logs the disclosure when permitted (`POST /v1/disclosures`). */
  readonly disclose: (request: unknown, disclosure: unknown) => Effect.Effect<{ readonly decision: Consent.Decision; readonly record: Disclosure.DisclosureRecord }, Errors, Tenant>
  /** Logs a disclosure under a decision made earlier (same-content retries are no-ops). */
  readonly append: (decision: Consent.Decision, disclosure: unknown) => Effect.Effect<Disclosure.DisclosureRecord, Errors, Tenant>
  /** The whole log, verified by the core (`Disclosure.verify`) and against the stored head. */
  readonly log: Effect.Effect<Disclosure.DisclosureLog, ChainBroken | EventStore.StorageError, Tenant>
  /** The disclosures about one person (`GET /v1/disclosures?subject=`), in log order. */
  readonly forSubject: (subjectRef: string) => Effect.Effect<ReadonlyArray<Disclosure.DisclosureRecord>, ChainBroken | EventStore.StorageError, Tenant>
  /** One query over the stored chain and head. */
  readonly verify: Effect.Effect<Verified, ChainBroken | EventStore.StorageError, Tenant>
}

/**
 * The disclosure store service. @category service @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const logged = Effect.flatMap(DisclosureStore.DisclosureStore, (d) =>
 *   d.disclose(
 *     { subjectRef: "p-51c0", purpose: "employment-support-referral", recipient: { class: "hello-work", id: "hw-minami" }, dataCategories: ["identity"], action: "share", at: "2026-04-20T04:00:00Z" },
 *     { disclosureId: "d-0001", dataItems: [{ category: "identity", item: "氏名・生年月日・連絡先" }] }
 *   )
 * )
 * ```
 */
export class DisclosureStore extends Context.Service<DisclosureStore, DisclosureStoreShape>()("@jiritsu/postgres/DisclosureStore") {}

const decodeRecord = Schema.decodeUnknownResult(Disclosure.DisclosureRecord, { onExcessProperty: "error" })
const decodeRequest = Schema.decodeUnknownResult(Consent.Request, { onExcessProperty: "error", errors: "all" })

const invalidInput = (message: string, path: ReadonlyArray<string | number> = []): DisclosureRefused =>
  new DisclosureRefused({ refusal: { _tag: "DisclosureRefusal", code: "invalid-input", path, message, messageJa: "入力が不正です" }, message, messageJa: "入力が不正です" })

/** The SQL that verifies a tenant's chain and head in one statement. */
const VERIFY = `
WITH chain AS (
  SELECT seq, prev_hash, hash, record, canonical,
         lag(hash) OVER (ORDER BY seq) AS previous,
         row_number() OVER (ORDER BY seq) - 1 AS position
  FROM jiritsu_disclosures WHERE tenant = $1
), checked AS (
  SELECT seq,
    CASE WHEN seq <> position THEN 'seq'
         WHEN prev_hash <> coalesce(previous, $2) THEN 'prevHash'
         WHEN hash <> 'sha256:' || encode(sha256(convert_to(canonical, 'UTF8')), 'hex') THEN 'hash'
         WHEN record <> canonical::jsonb || jsonb_build_object('hash', hash) THEN 'record'
    END AS field
  FROM chain
)
SELECT (SELECT min(seq) FROM checked WHERE field IS NOT NULL) AS bad_seq,
       (SELECT field FROM checked WHERE field IS NOT NULL ORDER BY seq LIMIT 1) AS bad_field,
       (SELECT count(*) FROM chain) AS length,
       (SELECT hash FROM chain ORDER BY seq DESC LIMIT 1) AS last_hash,
       (SELECT length FROM jiritsu_disclosure_heads WHERE tenant = $1) AS head_length,
       (SELECT head FROM jiritsu_disclosure_heads WHERE tenant = $1) AS head_hash`

/**
 * Builds the SQL disclosure store (over the consent store and the SQL event store). @category service @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const length = Effect.gen(function* () {
 *   const log = yield* DisclosureStore.make
 *   return (yield* log.verify).length
 * })
 * ```
 */
export const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const store = yield* EventStore.EventStore
  const consent = yield* ConsentStore.ConsentStore

  const verify = Effect.gen(function* () {
    const { code } = yield* Tenant
    const rows = yield* sql.unsafe<{ readonly bad_seq: unknown; readonly bad_field: string | null; readonly length: unknown; readonly last_hash: string | null; readonly head_length: unknown; readonly head_hash: string | null }>(VERIFY, [code, Disclosure.GENESIS]).pipe(
      Effect.mapError(EventStore.storageError("DisclosureStore.verify"))
    )
    const r = rows[0]!
    const length = Number(r.length)
    const broken = (seq: number, field: ChainBroken["field"], message: string) => new ChainBroken({ tenant: code, seq, field, message: `disclosure log of tenant ${code}, entry ${seq}: ${message}` })
    if (r.bad_field !== null) return yield* broken(Number(r.bad_seq), r.bad_field as ChainBroken["field"], `the ${r.bad_field} check fails`)
    const headLength = r.head_length === null ? 0 : Number(r.head_length)
    const head = r.head_hash ?? Disclosure.GENESIS
    if (length < headLength || (length === headLength && (r.last_hash ?? Disclosure.GENESIS) !== head)) {
      return yield* broken(length, "truncated", `the stored head names ${headLength} entries ending in ${head}; the log has ${length}`)
    }
    if (length > headLength) return yield* broken(headLength, "head", `the log has ${length} entries, the stored head only ${headLength}`)
    return { length, head }
  })

  const rowsToRecords = (code: string, rows: ReadonlyArray<{ readonly seq: unknown; readonly record: unknown }>) =>
    Effect.forEach(rows, (row) => {
      const r = decodeRecord(row.record)
      return Result.isSuccess(r)
        ? Effect.succeed(r.success)
        : Effect.fail(new ChainBroken({ tenant: code, seq: Number(row.seq), field: "record", message: `disclosure log of tenant ${code}, entry ${Number(row.seq)} does not decode: ${r.failure.message}` }))
    })

  const log = Effect.gen(function* () {
    const { code } = yield* Tenant
    const verified = yield* verify
    const rows = yield* sql<{ readonly seq: unknown; readonly record: unknown }>`SELECT seq, record FROM jiritsu_disclosures WHERE tenant = ${code} ORDER BY seq`.pipe(
      Effect.mapError(EventStore.storageError("DisclosureStore.log"))
    )
    const entries = yield* rowsToRecords(code, rows)
    const checked = Disclosure.verify({ entries })
    if (Result.isFailure(checked)) {
      const b = checked.failure
      return yield* new ChainBroken({ tenant: code, seq: b.index, field: b.field, message: `disclosure log of tenant ${code}, entry ${b.index}: ${b.field} expected ${b.expected}, found ${b.actual}` })
    }
    if (checked.success.head !== verified.head) return yield* new ChainBroken({ tenant: code, seq: verified.length, field: "head", message: "the chain's head differs from the stored head" })
    return { entries }
  })

  const append = (decision: Consent.Decision, input: unknown) =>
    Effect.gen(function* () {
      const { code } = yield* Tenant
      // The core checks permit, decision id, covered categories and the input's shape.
      const shaped = Schema.decodeUnknownResult(Disclosure.Disclosure, { onExcessProperty: "error", errors: "all" })(input)
      if (Result.isFailure(shaped)) return yield* invalidInput(`disclosure: ${shaped.failure.message}`, ["disclosure"])
      const single = Disclosure.append(Disclosure.emptyLog, decision, shaped.success)
      if (Result.isFailure(single)) return yield* new DisclosureRefused({ refusal: single.failure, decision, message: single.failure.message, messageJa: single.failure.messageJa })
      const draft = single.success.entries[0]!
      return yield* sql.withTransaction(
        Effect.gen(function* () {
          yield* sql`INSERT INTO jiritsu_disclosure_heads (tenant, length, head) VALUES (${code}, 0, ${Disclosure.GENESIS}) ON CONFLICT (tenant) DO NOTHING`
          const heads = yield* sql<{ readonly length: unknown; readonly head: string }>`SELECT length, head FROM jiritsu_disclosure_heads WHERE tenant = ${code} FOR UPDATE`
          const length = Number(heads[0]!.length)
          const existing = yield* sql<{ readonly seq: unknown; readonly record: unknown }>`SELECT seq, record FROM jiritsu_disclosures WHERE tenant = ${code} AND disclosure_id = ${draft.disclosureId}`
          if (existing[0] !== undefined) {
            const [was] = yield* rowsToRecords(code, existing)
            const { seq: _s, prevHash: _p, hash: _h, ...wasContent } = was!
            const { seq: _s2, prevHash: _p2, hash: _h2, ...nowContent } = draft
            if (canonicalJson(wasContent) === canonicalJson(nowContent)) return was!
            const refusal: Disclosure.DisclosureRefusal = { _tag: "DisclosureRefusal", code: "duplicate-id", path: ["disclosureId"], message: `disclosure ${draft.disclosureId} is already logged with other content`, messageJa: "同じIDの別内容の提供記録があります" }
            return yield* new DisclosureRefused({ refusal, decision, message: refusal.message, messageJa: refusal.messageJa })
          }
          const { hash: _draftHash, ...unhashed } = { ...draft, seq: length, prevHash: heads[0]!.head }
          const canonical = canonicalJson(unhashed)
          const record: Disclosure.DisclosureRecord = { ...unhashed, hash: sha256(canonical) }
          yield* sql`INSERT INTO jiritsu_disclosures (tenant, seq, disclosure_id, subject_ref, recipient_class, disclosed_at, record, canonical, prev_hash, hash)
            VALUES (${code}, ${length}::int8, ${record.disclosureId}, ${record.subjectRef}, ${record.recipient.class}, ${record.date}, ${canonicalJson(record)}::jsonb, ${canonical}, ${record.prevHash}, ${record.hash})`
          yield* sql`UPDATE jiritsu_disclosure_heads SET length = ${length + 1}::int8, head = ${record.hash} WHERE tenant = ${code}`
          yield* store.append(STREAM, length, [{ type: "DisclosureLogged", data: JSON.parse(canonicalJson(record)) as Record<string, unknown> }], { streamType: "disclosure-log" })
          return record
        })
      ).pipe(Effect.catchTag("SqlError", (e) => Effect.fail(EventStore.storageError("DisclosureStore.append")(e))))
    })

  const shape: DisclosureStoreShape = {
    disclose: (requestInput, disclosure) =>
      Effect.gen(function* () {
        const request = decodeRequest(requestInput)
        if (Result.isFailure(request)) return yield* invalidInput(`request: ${request.failure.message}`, ["request"])
        const decision = yield* consent.decide(request.success)
        const record = yield* append(decision, disclosure)
        return { decision, record }
      }),
    append,
    log,
    forSubject: (subjectRef) =>
      Effect.gen(function* () {
        const { code } = yield* Tenant
        const rows = yield* sql<{ readonly seq: unknown; readonly record: unknown }>`SELECT seq, record FROM jiritsu_disclosures WHERE tenant = ${code} AND subject_ref = ${subjectRef} ORDER BY seq`.pipe(
          Effect.mapError(EventStore.storageError("DisclosureStore.forSubject"))
        )
        return yield* rowsToRecords(code, rows)
      }),
    verify
  }
  return shape
})

/**
 * The disclosure store as a layer. @category service @since 0.1.0
 * @example
 * ```ts
 * import { Layer } from "effect"
 * const stores = DisclosureStore.layer.pipe(
 *   Layer.provideMerge(ConsentStore.layer),
 *   Layer.provideMerge(EventStore.layerSql()),
 *   Layer.provideMerge(Database.layer())
 * )
 * ```
 */
export const layer: Layer.Layer<DisclosureStore, never, SqlClient.SqlClient | EventStore.EventStore | ConsentStore.ConsentStore> = Layer.effect(DisclosureStore, make)

/**
 * The disclosure summary read model (`jiritsu_disclosure_summary`): per person and recipient class,
 * how many disclosures, the last one's seq and date.
 * @category projection
 * @since 0.1.0
 * @example
 * ```ts
 * const store = EventStore.layerSql({ inline: [Projection.inline(DisclosureStore.summaryProjection)] })
 * ```
 */
export const summaryProjection: Projection.Projection = {
  name: "disclosure_summary",
  tables: ["jiritsu_disclosure_summary"],
  apply: (events) =>
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      const { code } = yield* Tenant
      for (const e of events) {
        if (e.stream !== STREAM) continue
        const r = decodeRecord(e.data)
        if (Result.isFailure(r)) return yield* Effect.fail(EventStore.decodeError(e, "invalid_data", r.failure.message))
        const d = r.success
        yield* sql`INSERT INTO jiritsu_disclosure_summary AS s (tenant, subject_ref, recipient_class, disclosures, last_seq, last_at)
          VALUES (${code}, ${d.subjectRef}, ${d.recipient.class}, 1, ${d.seq}::int8, ${d.date})
          ON CONFLICT (tenant, subject_ref, recipient_class) DO UPDATE SET disclosures = s.disclosures + 1,
            last_seq = greatest(s.last_seq, EXCLUDED.last_seq), last_at = CASE WHEN EXCLUDED.last_seq > s.last_seq THEN EXCLUDED.last_at ELSE s.last_at END`
      }
    })
}
