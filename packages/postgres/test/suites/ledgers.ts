// Consent ledger and disclosure log: the core's answers, append-only for the application role,
// tampering and truncation found by one query.
import { assert, layer } from "@effect/vitest"
import { Consent, Disclosure } from "@jiritsu/core"
import { Effect, Layer } from "effect"
import { SqlClient } from "effect/sql"
import fc from "fast-check"
import { ConsentStore, DisclosureStore, EventStore, Projection, Tenant } from "@jiritsu/postgres"
import { TestDatabase } from "@jiritsu/postgres/testing"
import { entriesFor, request } from "../fixtures/consent.ts"
import type { Migrations } from "@jiritsu/postgres"

export const ledgers = (layout: Migrations.Layout) => {

const stores = Layer.mergeAll(DisclosureStore.layer.pipe(Layer.provideMerge(ConsentStore.layer))).pipe(
  Layer.provideMerge(EventStore.layerSql({ inline: [Projection.inline(ConsentStore.statusProjection), Projection.inline(DisclosureStore.summaryProjection)] })),
  Layer.provideMerge(TestDatabase.layer({ layout }))
)

const items = [
  { category: "identity", item: "氏名・生年月日・連絡先" },
  { category: "employment-history", item: "直近3件の職歴" }
]

const superuser = (statement: string) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) => sql.withTransaction(Effect.andThen(sql`SET LOCAL session_replication_role = replica`, sql.unsafe(statement))))

  layer(stores, { timeout: 180_000 })(`consent ledger and disclosure log (${layout} tables)`, (it) => {
  it.effect("the stored ledger is the core's ledger; retries are no-ops; refusals name the field and store nothing", () =>
    Effect.gen(function* () {
      const consent = yield* ConsentStore.ConsentStore
      const entries = [...entriesFor("c-1", "p-1"), ...entriesFor("c-2", "p-2", 9)]
      for (const e of entries) assert.strictEqual((yield* consent.apply(e))._tag, "appended")
      assert.strictEqual((yield* consent.apply(entries[1]!))._tag, "unchanged")
      const expected = Consent.fromEntries(entries)
      assert.isTrue(expected._tag === "Success")
      const ledger = yield* consent.ledger
      if (expected._tag === "Success") assert.deepStrictEqual(Consent.ledgerVersion(ledger), Consent.ledgerVersion(expected.success))
      const decision = yield* consent.decide(request("p-1"))
      assert.strictEqual(decision._tag, "Permit")
      const unknownRecord = yield* Effect.flip(consent.apply({ _tag: "EventAppended", event: { ...entries[1]!._tag === "EventAppended" ? (entries[1] as { event: Consent.ConsentEvent }).event : ({} as Consent.ConsentEvent), eventId: "x", recordId: "nope" } }))
      assert.strictEqual(unknownRecord._tag, "EntryRefused")
      if (unknownRecord._tag === "EntryRefused") assert.deepStrictEqual([unknownRecord.refusal.code, unknownRecord.refusal.path], ["unknown-record", ["event", "recordId"]])
      // Generated corruptions of a valid record: every one refused with a path, nothing stored.
      const base = entriesFor("c-3", "p-3")[0]! as { readonly _tag: "RecordAdded"; readonly record: Consent.ConsentRecord }
      const invalid = fc.oneof(fc.constant(""), fc.constant(null), fc.integer(), fc.constant([]), fc.constant({}))
      const corrupt = fc.oneof(
        fc.record({ field: fc.constantFrom("recordId", "subjectRef", "purposes", "jurisdiction", "legalBasis", "dataCategories", "recipients"), value: invalid }),
        fc.record({ field: fc.constant("validUntil"), value: fc.constantFrom("2020-01-01T00:00:00Z", "not a date", "2026-03-31T15:00:00Z") }),
        fc.record({ field: fc.constantFrom("unknownKey", "extra"), value: fc.oneof(invalid, fc.string()) })
      )
      let refusedWithPath = 0
      for (const { field, value } of fc.sample(corrupt, { numRuns: 60, seed: 5 })) {
        const bad = { _tag: "RecordAdded", record: { ...base.record, [field]: value } }
        const r = yield* Effect.result(consent.apply(bad))
        if (r._tag === "Failure") {
          assert.strictEqual(r.failure._tag, "EntryRefused")
          if (r.failure._tag === "EntryRefused" && r.failure.refusal.message.length > 0) refusedWithPath++
        }
      }
      assert.strictEqual(refusedWithPath, 60, "every corruption is refused")
      assert.strictEqual(Consent.ledgerVersion(yield* consent.ledger), Consent.ledgerVersion(ledger))
      const status = yield* ConsentStore.statusOf("p-1")
      assert.deepStrictEqual(status.map((s) => [s.record_id, s.last_event, s.events]), [["c-1", "given", 2]])
    }).pipe(Tenant.withTenant(Tenant.unsafeCode("012068")))
  )

  it.effect("disclosures are logged as the core logs them, chained, verified by one query", () =>
    Effect.gen(function* () {
      const consent = yield* ConsentStore.ConsentStore
      const disclosures = yield* DisclosureStore.DisclosureStore
      for (const e of entriesFor("c-9", "p-9", 10)) yield* consent.apply(e)
      const first = yield* disclosures.disclose(request("p-9"), { disclosureId: "d-1", dataItems: items })
      assert.strictEqual(first.decision._tag, "Permit")
      const again = yield* disclosures.disclose(request("p-9"), { disclosureId: "d-1", dataItems: items })
      assert.strictEqual(again.record.hash, first.record.hash)
      const second = yield* disclosures.disclose(request("p-9", "2026-05-01T00:00:00Z"), { disclosureId: "d-2", dataItems: items.slice(0, 1) })
      assert.strictEqual(second.record.prevHash, first.record.hash)
      const tooMuch = yield* Effect.flip(disclosures.disclose(request("p-9"), { disclosureId: "d-3", dataItems: [{ category: "health", item: "通院歴" }] }))
      assert.strictEqual(tooMuch._tag, "DisclosureRefused")
      if (tooMuch._tag === "DisclosureRefused") assert.deepStrictEqual([tooMuch.refusal.code, tooMuch.refusal.path], ["items-not-covered", ["dataItems", 0, "category"]])
      const noConsent = yield* Effect.flip(disclosures.disclose(request("p-unknown"), { disclosureId: "d-4", dataItems: items }))
      assert.strictEqual(noConsent._tag === "DisclosureRefused" ? noConsent.refusal.code : "", "not-permitted")
      const badInput = yield* Effect.flip(disclosures.disclose({ subjectRef: 1 }, {}))
      assert.strictEqual(badInput._tag === "DisclosureRefused" ? badInput.refusal.code : "", "invalid-input")
      // The same log the core builds in memory, hash for hash.
      const ledger = yield* consent.ledger
      const a = Disclosure.disclose(ledger, Disclosure.emptyLog, request("p-9"), { disclosureId: "d-1", dataItems: items })
      assert.isTrue(a._tag === "Success")
      if (a._tag !== "Success") return
      const b = Disclosure.disclose(ledger, a.success.log, request("p-9", "2026-05-01T00:00:00Z"), { disclosureId: "d-2", dataItems: items.slice(0, 1) })
      assert.isTrue(b._tag === "Success")
      const log = yield* disclosures.log
      if (b._tag === "Success") assert.deepStrictEqual(log.entries.map((e) => e.hash), b.success.log.entries.map((e) => e.hash))
      assert.deepStrictEqual(yield* disclosures.verify, { length: 2, head: second.record.hash })
      assert.deepStrictEqual((yield* disclosures.forSubject("p-9")).map((e) => e.disclosureId), ["d-1", "d-2"])
    }).pipe(Tenant.withTenant(Tenant.unsafeCode("012068")))
  )

  it.effect("UPDATE and DELETE are refused on the append-only tables, as the application role", () =>
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      const role = `jiritsu_app_${Math.random().toString(36).slice(2, 10)}`
      const schema = (yield* sql<{ readonly s: string }>`SELECT current_schema() AS s`)[0]!.s
      yield* sql.unsafe(`CREATE ROLE ${role} NOLOGIN`)
      try {
        yield* sql.unsafe(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`)
        yield* sql.unsafe(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${role}`)
        const attempts = [
          "UPDATE jiritsu_consent_entries SET entry_hash = 'x'",
          "DELETE FROM jiritsu_consent_entries",
          "UPDATE jiritsu_disclosures SET hash = 'x'",
          "DELETE FROM jiritsu_disclosures",
          "UPDATE jiritsu_events SET data = '{}'::jsonb",
          "DELETE FROM jiritsu_events"
        ]
        for (const statement of attempts) {
          const error = yield* Effect.flip(sql.withTransaction(Effect.andThen(sql.unsafe(`SET LOCAL ROLE ${role}`), sql.unsafe(statement))))
          assert.match(String((error.reason as { readonly cause?: { readonly message?: string } }).cause?.message ?? error.message), /append-only/, statement)
        }
        // The role can still append (the store works as the application role).
        const n = (yield* sql<{ readonly n: unknown }>`SELECT count(*) AS n FROM jiritsu_disclosures`)[0]!.n
        assert.isAbove(Number(n), 0)
      } finally {
        yield* Effect.ignore(sql.unsafe(`DROP OWNED BY ${role}`))
        yield* Effect.ignore(sql.unsafe(`DROP ROLE ${role}`))
      }
    })
  )

  it.effect("an edited row is found at that row, by the one-query verify and by the core", () =>
    Effect.gen(function* () {
      const consent = yield* ConsentStore.ConsentStore
      const disclosures = yield* DisclosureStore.DisclosureStore
      const tenant = Tenant.unsafeCode("141003")
      for (const e of entriesFor("c-t", "p-t")) yield* consent.apply(e)
      for (let i = 0; i < 4; i++) yield* disclosures.disclose(request("p-t", `2026-05-0${i + 1}T00:00:00Z`), { disclosureId: `t-${i}`, dataItems: items })
      assert.strictEqual((yield* disclosures.verify).length, 4)
      // Edit one row's content (as a superuser with triggers off): found at that row.
      yield* superuser(`UPDATE jiritsu_disclosures SET record = jsonb_set(record, '{recipient,id}', '"someone-else"'), canonical = replace(canonical, 'hw-kushiro', 'someone-else') WHERE tenant = '${tenant}' AND seq = 2`)
      const edited = yield* Effect.flip(disclosures.verify)
      assert.deepStrictEqual([edited._tag, edited._tag === "ChainBroken" ? edited.seq : -1, edited._tag === "ChainBroken" ? edited.field : ""], ["ChainBroken", 2, "hash"])
      assert.strictEqual((yield* Effect.flip(disclosures.log))._tag, "ChainBroken")
    }).pipe(Tenant.withTenant(Tenant.unsafeCode("141003")))
  )

  it.effect("a deleted tail (triggers bypassed) is found through the stored head; an edited ledger entry is refused on read", () =>
    Effect.gen(function* () {
      const consent = yield* ConsentStore.ConsentStore
      const disclosures = yield* DisclosureStore.DisclosureStore
      const tenant = Tenant.unsafeCode("131091")
      for (const e of entriesFor("c-u", "p-u")) yield* consent.apply(e)
      for (let i = 0; i < 3; i++) yield* disclosures.disclose(request("p-u", `2026-05-0${i + 1}T00:00:00Z`), { disclosureId: `u-${i}`, dataItems: items })
      yield* superuser(`DELETE FROM jiritsu_disclosures WHERE tenant = '${tenant}' AND seq = 2`)
      const truncated = yield* Effect.flip(disclosures.verify)
      assert.deepStrictEqual([truncated._tag, truncated._tag === "ChainBroken" ? truncated.field : ""], ["ChainBroken", "truncated"])
      yield* superuser(`UPDATE jiritsu_consent_entries SET entry = jsonb_set(entry, '{event,kind}', '"withdrawn"') WHERE tenant = '${tenant}' AND seq = 3`)
      // A fresh store (no cache) reads the ledger back and finds the edit.
      const fresh = yield* ConsentStore.make
      const corrupted = yield* Effect.flip(fresh.ledger)
      assert.deepStrictEqual([corrupted._tag, corrupted._tag === "LedgerCorrupted" ? corrupted.seq : -1], ["LedgerCorrupted", 3])
    }).pipe(Tenant.withTenant(Tenant.unsafeCode("131091")))
  )
})
}
