/**
 * Persons (個人情報) — personal data encrypted per person, erasable by crypto-shredding.
 *
 * Each person's payload (name, address, contact … any JSON object) is encrypted with AES-GCM
 * (Web Crypto) under a key of its own, stored in `jiritsu_person_keys`, apart from the
 * ciphertexts in `jiritsu_person_revisions` (append-only: a change is a new revision). The
 * additional data binds each ciphertext to its tenant, person and revision, so a ciphertext copied
 * to another row does not decrypt.
 *
 * **Erasure** ({@link PersonsShape.erase}) deletes the key and appends a `PersonalDataErased`
 * event to the person's stream in the same transaction: every revision becomes unreadable while
 * case streams, versions, positions, disclosure hashes and metric tallies — which only ever hold
 * pseudonymous references — stay exactly as they were.
 *
 * Randomness (keys, IVs) and time (the erasure's `erasedAt`) are parameters.
 *
 * @since 0.1.0
 * @module
 */
import { Context, Effect, Layer, Schema } from "effect"
import { SqlClient } from "effect/sql"
import * as EventStore from "./EventStore.ts"
import { isJsonObject } from "./internal/events.ts"
import { Tenant } from "./Tenant.ts"

/**
 * The stream of a person's lifecycle events (no personal data in it). @category streams @since 0.1.0
 * @example
 * ```ts
 * Persons.streamOf("p-17") // "person-p-17"
 * ```
 */
export const streamOf = (personId: string): string => `person-${personId}`

/**
 * A person id: 1–128 printable characters, no spaces. @category model @since 0.1.0
 * @example
 * ```ts
 * import { Schema } from "effect"
 * Schema.is(Persons.PersonId)("p-17") // true
 * Schema.is(Persons.PersonId)("p 17") // false: no spaces
 * ```
 */
export const PersonId = Schema.String.check(Schema.isPattern(/^[^\s\u0000-\u001f\u007f]{1,128}$/))

/**
 * What {@link PersonsShape.get} finds. @category model @since 0.1.0
 * @example
 * ```ts
 * const name = (found: Persons.Found): string =>
 *   found._tag === "Available" ? String(found.data["name"]) : found._tag === "Erased" ? "(消去済み)" : "(不明)"
 * ```
 */
export type Found =
  | { readonly _tag: "Available"; readonly personId: string; readonly revision: number; readonly data: Record<string, unknown> }
  | { readonly _tag: "Erased"; readonly personId: string; readonly revisions: number }
  | { readonly _tag: "NotFound"; readonly personId: string }

/**
 * The personal data is malformed (not a JSON object, bad id); nothing was stored. @category errors @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const stored = Effect.flatMap(Persons.Persons, (p) => p.put("p-17", "not an object")).pipe(
 *   Effect.catchTag("InvalidPersonalData", (e: Persons.InvalidPersonalData) => Effect.succeed(e.path)) // ["data"]
 * )
 * ```
 */
export class InvalidPersonalData extends Schema.TaggedError<InvalidPersonalData>()("InvalidPersonalData", {
  path: Schema.Array(Schema.Union([Schema.String, Schema.Number])),
  message: Schema.String
}) {}

/**
 * A ciphertext did not decrypt under its key (altered or moved row): names tenant, person and revision. @category errors @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const found = Effect.flatMap(Persons.Persons, (p) => p.get("p-17")).pipe(
 *   Effect.catchTag("PersonalDataUnreadable", (e: Persons.PersonalDataUnreadable) => Effect.die(`revision ${e.revision} of ${e.personId} was altered`))
 * )
 * ```
 */
export class PersonalDataUnreadable extends Schema.TaggedError<PersonalDataUnreadable>()("PersonalDataUnreadable", {
  tenant: Schema.String,
  personId: Schema.String,
  revision: Schema.Int,
  message: Schema.String
}) {}

/**
 * Writing to an erased person (erasure is final). @category errors @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const put = Effect.flatMap(Persons.Persons, (p) => p.put("p-17", { name: "…" })).pipe(
 *   Effect.catchTag("PersonErased", (e: Persons.PersonErased) => Effect.succeed(undefined)) // erasure is final
 * )
 * ```
 */
export class PersonErased extends Schema.TaggedError<PersonErased>()("PersonErased", {
  personId: Schema.String,
  message: Schema.String
}) {}

type WriteErrors = InvalidPersonalData | PersonErased | EventStore.StorageError | EventStore.VersionConflict | EventStore.InvalidAppend | EventStore.ProjectionFailed

/**
 * The persons store, as the ambient tenant.
 * @category service
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const lifecycle = (persons: Persons.PersonsShape) =>
 *   Effect.gen(function* () {
 *     yield* persons.put("p-17", { name: "山田 花子", address: "釧路市…" })
 *     yield* persons.erase("p-17", { reason: "本人の求めによる消去", erasedAt: "2026-04-01T00:00:00Z" })
 *     return yield* persons.get("p-17") // { _tag: "Erased", personId: "p-17", revisions: 1 }
 *   })
 * ```
 */
export interface PersonsShape {
  /** Stores a new revision of the person's data (creating the person's key on first use). */
  readonly put: (personId: string, data: unknown) => Effect.Effect<{ readonly revision: number }, WriteErrors, Tenant>
  /** The latest revision, decrypted; `Erased` after erasure; `NotFound` for an unknown id. */
  readonly get: (personId: string) => Effect.Effect<Found, PersonalDataUnreadable | EventStore.StorageError, Tenant>
  /** Crypto-shredding: deletes the key and records the erasure as an event. Idempotent. */
  readonly erase: (personId: string, erasure: { readonly reason: string; readonly erasedAt: string; readonly actor?: string }) => Effect.Effect<{ readonly erased: boolean }, WriteErrors, Tenant>
}

/**
 * The persons service. @category service @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const revision = Effect.flatMap(Persons.Persons, (p) => p.put("p-17", { name: "山田 花子" })) // { revision: 1 }
 * ```
 */
export class Persons extends Context.Service<Persons, PersonsShape>()("@jiritsu/postgres/Persons") {}

/**
 * Options: the source of random bytes (default Web Crypto's `getRandomValues`). @category service @since 0.1.0
 * @example
 * ```ts
 * import { randomFillSync } from "node:crypto"
 * const options: Persons.Options = { randomBytes: (n) => randomFillSync(new Uint8Array(n)) }
 * ```
 */
export interface Options {
  readonly randomBytes?: (n: number) => Uint8Array
}

const subtle = globalThis.crypto.subtle
const bytes = (u: unknown): Uint8Array<ArrayBuffer> => (u instanceof Uint8Array ? new Uint8Array(u) : new Uint8Array(Buffer.from(String(u), "hex")))
const aad = (tenant: string, personId: string, revision: number) => new TextEncoder().encode(`jiritsu/person/${tenant}/${personId}/${revision}`)

/**
 * Builds the SQL persons store over the SQL event store. @category service @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const found = Effect.gen(function* () {
 *   const persons = yield* Persons.make()
 *   return yield* persons.get("p-17")
 * })
 * ```
 */
export const make = (options: Options = {}) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const store = yield* EventStore.EventStore
    const random = options.randomBytes ?? ((n: number) => globalThis.crypto.getRandomValues(new Uint8Array(n)))

    const checkId = (personId: string) =>
      typeof personId === "string" && /^[^\s\u0000-\u001f\u007f]{1,128}$/.test(personId)
        ? Effect.void
        : Effect.fail(new InvalidPersonalData({ path: ["personId"], message: `person id must be 1–128 printable characters, got ${JSON.stringify(personId)}` }))

    const erasedStream = (personId: string) =>
      Effect.map(store.readStream(streamOf(personId)), (events) => events.some((e) => e.type === "PersonalDataErased"))

    const shape: PersonsShape = {
      put: (personId, data) =>
        Effect.gen(function* () {
          yield* checkId(personId)
          if (!isJsonObject(data)) return yield* new InvalidPersonalData({ path: ["data"], message: "personal data must be a JSON object" })
          const plain = JSON.stringify(data)
          if (plain === undefined) return yield* new InvalidPersonalData({ path: ["data"], message: "personal data is not JSON" })
          const { code } = yield* Tenant
          return yield* sql.withTransaction(
            Effect.gen(function* () {
              const version = yield* store.streamVersion(streamOf(personId))
              if (yield* Effect.orDie(erasedStream(personId))) return yield* new PersonErased({ personId, message: `person ${personId} was erased; erasure is final` })
              const keys = yield* sql<{ readonly key: unknown }>`SELECT key FROM jiritsu_person_keys WHERE tenant = ${code} AND person_id = ${personId} FOR UPDATE`
              let raw: Uint8Array<ArrayBuffer>
              if (keys[0] === undefined) {
                raw = new Uint8Array(random(32))
                yield* sql`INSERT INTO jiritsu_person_keys (tenant, person_id, key) VALUES (${code}, ${personId}, ${raw})`
              } else raw = bytes(keys[0].key)
              const revision = version + 1
              const iv = new Uint8Array(random(12))
              const key = yield* Effect.promise(() => subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt"]))
              const ciphertext = new Uint8Array(yield* Effect.promise(() => subtle.encrypt({ name: "AES-GCM", iv, additionalData: aad(code, personId, revision) }, key, new TextEncoder().encode(plain))))
              yield* sql`INSERT INTO jiritsu_person_revisions (tenant, person_id, revision, iv, ciphertext) VALUES (${code}, ${personId}, ${revision}, ${iv}, ${ciphertext})`
              yield* store.append(streamOf(personId), version, [{ type: "PersonalDataRecorded", data: { personId, revision } }], { streamType: "person" })
              return { revision }
            })
          ).pipe(Effect.catchTag("SqlError", (e) => Effect.fail(EventStore.storageError("Persons.put")(e))))
        }),
      get: (personId) =>
        Effect.gen(function* () {
          const { code } = yield* Tenant
          const rows = yield* sql<{ readonly revision: number; readonly iv: unknown; readonly ciphertext: unknown; readonly key: unknown; readonly revisions: unknown }>`
            SELECT r.revision, r.iv, r.ciphertext, k.key, (SELECT count(*) FROM jiritsu_person_revisions c WHERE c.tenant = r.tenant AND c.person_id = r.person_id) AS revisions
            FROM jiritsu_person_revisions r LEFT JOIN jiritsu_person_keys k ON k.tenant = r.tenant AND k.person_id = r.person_id
            WHERE r.tenant = ${code} AND r.person_id = ${personId} ORDER BY r.revision DESC LIMIT 1`.pipe(Effect.mapError(EventStore.storageError("Persons.get")))
          const row = rows[0]
          if (row === undefined) return { _tag: "NotFound", personId } as Found
          if (row.key === null) return { _tag: "Erased", personId, revisions: Number(row.revisions) } as Found
          const revision = Number(row.revision)
          const plain = yield* Effect.tryPromise({
            try: async () => {
              const key = await subtle.importKey("raw", bytes(row.key), "AES-GCM", false, ["decrypt"])
              return new TextDecoder().decode(await subtle.decrypt({ name: "AES-GCM", iv: bytes(row.iv), additionalData: aad(code, personId, revision) }, key, bytes(row.ciphertext)))
            },
            catch: () => new PersonalDataUnreadable({ tenant: code, personId, revision, message: `personal data of ${personId} (tenant ${code}, revision ${revision}) does not decrypt: altered or moved` })
          })
          return { _tag: "Available", personId, revision, data: JSON.parse(plain) as Record<string, unknown> } as Found
        }),
      erase: (personId, erasure) =>
        Effect.gen(function* () {
          yield* checkId(personId)
          const { code } = yield* Tenant
          return yield* sql.withTransaction(
            Effect.gen(function* () {
              const version = yield* store.streamVersion(streamOf(personId))
              if (yield* Effect.orDie(erasedStream(personId))) return { erased: false }
              yield* sql`DELETE FROM jiritsu_person_keys WHERE tenant = ${code} AND person_id = ${personId}`
              yield* store.append(
                streamOf(personId),
                version,
                [{ type: "PersonalDataErased", data: { personId, reason: erasure.reason, erasedAt: erasure.erasedAt, ...(erasure.actor !== undefined ? { actor: erasure.actor } : {}) } }],
                { streamType: "person" }
              )
              return { erased: true }
            })
          ).pipe(Effect.catchTag("SqlError", (e) => Effect.fail(EventStore.storageError("Persons.erase")(e))))
        })
    }
    return shape
  })

/**
 * The persons store as a layer. @category service @since 0.1.0
 * @example
 * ```ts
 * import { Layer } from "effect"
 * const stores = Persons.layer().pipe(Layer.provideMerge(EventStore.layerSql()), Layer.provideMerge(Database.layer()))
 * ```
 */
export const layer = (options: Options = {}): Layer.Layer<Persons, never, SqlClient.SqlClient | EventStore.EventStore> => Layer.effect(Persons, make(options))
