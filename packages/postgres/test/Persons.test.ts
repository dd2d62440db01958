// Personal data encrypted per person; erasure by deleting the key leaves streams, hashes and tallies intact.
import { assert, layer } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { SqlClient } from "effect/sql"
import fc from "fast-check"
import { EventStore, Persons, Tenant } from "@jiritsu/postgres"
import { TestDatabase } from "@jiritsu/postgres/testing"

const stores = Persons.layer().pipe(Layer.provideMerge(EventStore.layerSql()), Layer.provideMerge(TestDatabase.layer()))
const kushiro = Tenant.withTenant(Tenant.unsafeCode("012068"))

layer(stores, { timeout: 180_000 })("Persons (crypto-shredding)", (it) => {
  it.effect("stores revisions encrypted, reads the latest; the database never holds the plaintext", () =>
    Effect.gen(function* () {
      const persons = yield* Persons.Persons
      const sql = yield* SqlClient.SqlClient
      assert.deepStrictEqual(yield* persons.put("p-1", { name: "釧路 太郎", phone: "0154-00-0000" }), { revision: 1 })
      assert.deepStrictEqual(yield* persons.put("p-1", { name: "釧路 太郎", phone: "0154-11-1111" }), { revision: 2 })
      const found = yield* persons.get("p-1")
      assert.deepStrictEqual(found, { _tag: "Available", personId: "p-1", revision: 2, data: { name: "釧路 太郎", phone: "0154-11-1111" } })
      const raw = yield* sql<{ readonly t: string }>`SELECT string_agg(encode(ciphertext, 'escape'), '') AS t FROM jiritsu_person_revisions`
      assert.notInclude(raw[0]!.t, "0154")
      assert.deepStrictEqual((yield* persons.get("nobody"))._tag, "NotFound")
    }).pipe(kushiro)
  )

  it.effect("erasure deletes the key, is an event, is final and idempotent; the rest of the log is untouched", () =>
    Effect.gen(function* () {
      const persons = yield* Persons.Persons
      const store = yield* EventStore.EventStore
      yield* persons.put("p-2", { name: "消去 予定" })
      yield* store.append("case-p2", 0, [{ type: "Noted", data: { subjectRef: "p-2" } }])
      const headBefore = yield* store.headPosition
      const caseBefore = yield* store.readStream("case-p2")
      assert.deepStrictEqual(yield* persons.erase("p-2", { reason: "本人の請求", erasedAt: "2026-06-01T00:00:00Z" }), { erased: true })
      assert.deepStrictEqual(yield* persons.get("p-2"), { _tag: "Erased", personId: "p-2", revisions: 1 })
      assert.deepStrictEqual(yield* persons.erase("p-2", { reason: "again", erasedAt: "2026-06-02T00:00:00Z" }), { erased: false })
      assert.strictEqual((yield* Effect.flip(persons.put("p-2", { name: "x" })))._tag, "PersonErased")
      const stream = yield* store.readStream(Persons.streamOf("p-2"))
      assert.deepStrictEqual(stream.map((e) => e.type), ["PersonalDataRecorded", "PersonalDataErased"])
      assert.deepStrictEqual(yield* store.readStream("case-p2"), caseBefore)
      assert.strictEqual(yield* store.headPosition, headBefore + 1)
    }).pipe(kushiro)
  )

  it.effect("an altered or moved ciphertext is a typed error naming the row; bad input is refused (generated)", () =>
    Effect.gen(function* () {
      const persons = yield* Persons.Persons
      const sql = yield* SqlClient.SqlClient
      yield* persons.put("p-3", { name: "A" })
      yield* persons.put("p-4", { name: "B" })
      yield* sql.withTransaction(
        Effect.andThen(
          sql`SET LOCAL session_replication_role = replica`,
          sql`UPDATE jiritsu_person_revisions SET ciphertext = (SELECT ciphertext FROM jiritsu_person_revisions WHERE person_id = 'p-4' AND revision = 1) WHERE person_id = 'p-3'`
        )
      )
      const moved = yield* Effect.flip(persons.get("p-3"))
      assert.deepStrictEqual([moved._tag, moved._tag === "PersonalDataUnreadable" ? moved.personId : "", moved._tag === "PersonalDataUnreadable" ? moved.revision : 0], ["PersonalDataUnreadable", "p-3", 1])
      let refused = 0
      for (const [id, data] of fc.sample(fc.tuple(fc.oneof(fc.constant("ok-id"), fc.constantFrom("", "a b", "x".repeat(129))), fc.oneof(fc.constant({ ok: 1 }), fc.constantFrom(null, [], "text", 3))), 30)) {
        if (id === "ok-id" && typeof data === "object" && data !== null && !Array.isArray(data)) continue
        const e = yield* Effect.flip(persons.put(id, data))
        assert.strictEqual(e._tag, "InvalidPersonalData")
        refused++
      }
      assert.isAbove(refused, 10)
    }).pipe(Tenant.withTenant(Tenant.unsafeCode("141003")))
  )
})
