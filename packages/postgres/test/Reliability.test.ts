// Concurrency and crash safety on the backend under test (the server with DATABASE_URL, PGlite otherwise).
import { assert, layer } from "@effect/vitest"
import { spawn } from "node:child_process"
import { join } from "node:path"
import { Deferred, Effect, Fiber, Layer } from "effect"
import { Database, EventStore, Tenant } from "@jiritsu/postgres"
import { TestDatabase } from "@jiritsu/postgres/testing"
import { pickyBatched } from "./fixtures/projections.ts"

const tenant = Tenant.unsafeCode("012068")
const asTenant = Tenant.withTenant(tenant)
const db = TestDatabase.layer({ maxConnections: 12 })

layer(Layer.mergeAll(EventStore.layerSql()).pipe(Layer.provideMerge(db)), { timeout: 300_000, excludeTestServices: true })("reliability", (it) => {
  it.effect("50 concurrent appenders on one stream: one winner per version, nothing lost or duplicated", () =>
    Effect.gen(function* () {
      const store = yield* EventStore.EventStore
      const stream = "race-1"
      const wins = new Map<number, Array<number>>()
      let conflicts = 0
      const writer = (w: number) =>
        Effect.gen(function* () {
          for (;;) {
            const expected = yield* store.streamVersion(stream)
            const r = yield* Effect.result(store.append(stream, expected, [{ type: "Written", data: { writer: w } }]))
            if (r._tag === "Success") {
              wins.set(expected, [...(wins.get(expected) ?? []), w])
              return
            }
            if (r.failure._tag !== "VersionConflict") return yield* Effect.fail(r.failure)
            assert.isAbove(r.failure.actual, expected)
            conflicts++
          }
        })
      yield* Effect.forEach(Array.from({ length: 50 }, (_, w) => w), writer, { concurrency: 50, discard: true })
      const events = yield* store.readStream(stream)
      assert.deepStrictEqual(events.map((e) => e.version), Array.from({ length: 50 }, (_, i) => i + 1))
      assert.deepStrictEqual(events.map((e) => e.data["writer"]).sort((a, b) => Number(a) - Number(b)), Array.from({ length: 50 }, (_, i) => i))
      for (const [version, winners] of wins) assert.strictEqual(winners.length, 1, `version ${version + 1} had winners ${winners}`)
      assert.isAbove(conflicts, 0, "the writers really raced")
    }).pipe(asTenant)
  )

  it.effect("concurrent writers on many streams: a reader following the log sees a gap-free order while they write", () =>
    Effect.gen(function* () {
      const store = yield* EventStore.EventStore
      const start = yield* store.headPosition
      const writers = 8
      const perWriter = 25
      const done = yield* Deferred.make<void>()
      const seen: Array<EventStore.StoredEvent> = []
      let batches = 0
      const reader = Effect.gen(function* () {
        let last = start
        for (;;) {
          const finished = yield* Deferred.isDone(done)
          const batch = yield* store.readAll({ after: last, limit: 37 })
          for (const e of batch) {
            // Never position N+1 before N: every batch continues exactly where the last one ended.
            assert.strictEqual(e.position, last + 1)
            last = e.position
            seen.push(e)
          }
          if (batch.length > 0) batches++
          if (finished && batch.length === 0) return
          if (batch.length === 0) yield* Effect.sleep("5 millis")
        }
      })
      const readerFiber = yield* Effect.forkChild(reader)
      yield* Effect.forEach(
        Array.from({ length: writers }, (_, w) => w),
        (w) => Effect.forEach(Array.from({ length: perWriter }, (_, i) => i), (i) => store.append(`many-${w}`, i * 2, [{ type: "A", data: { w, i } }, { type: "B", data: { w, i } }]), { discard: true }),
        { concurrency: writers, discard: true }
      )
      yield* Deferred.succeed(done, undefined)
      yield* Fiber.join(readerFiber)
      assert.strictEqual(seen.length, writers * perWriter * 2)
      assert.isAbove(batches, 1, "the reader read while writers were running")
      for (let w = 0; w < writers; w++) {
        const mine = seen.filter((e) => e.stream === `many-${w}`).map((e) => e.version)
        assert.deepStrictEqual(mine, Array.from({ length: perWriter * 2 }, (_, i) => i + 1))
      }
    }).pipe(asTenant)
  )

  it.effect("a reader never sees position N+1 before N, even while N's transaction is still open", () =>
    Effect.gen(function* () {
      const sql = yield* Database.Database
      void sql
      const gate = yield* Deferred.make<void>()
      const inTx = yield* Deferred.make<void>()
      const holding: EventStore.InlineProjection = {
        name: "holding",
        apply: (events) => (events[0]?.stream === "slow" ? Effect.andThen(Deferred.succeed(inTx, undefined), Deferred.await(gate)) : Effect.void)
      }
      const store = yield* EventStore.makeSql({ inline: [holding] })
      const before = yield* store.headPosition
      const slow = yield* Effect.forkChild(store.append("slow", 0, [{ type: "First", data: {} }]))
      yield* Deferred.await(inTx)
      const fast = yield* Effect.forkChild(store.append("fast", 0, [{ type: "Second", data: {} }]))
      const early = yield* Effect.forkChild(store.readAll({ after: before }))
      yield* Effect.sleep("300 millis")
      yield* Deferred.succeed(gate, undefined)
      yield* Fiber.join(slow)
      yield* Fiber.join(fast)
      const seenEarly = yield* Fiber.join(early)
      // Whatever the reader got while N was open is a prefix: nothing, or N first.
      assert.isTrue(seenEarly.length === 0 || seenEarly[0]!.type === "First", JSON.stringify(seenEarly.map((e) => e.type)))
      const all = yield* store.readAll({ after: before })
      assert.deepStrictEqual(all.map((e) => [e.position - before, e.type]), [[1, "First"], [2, "Second"]])
    }).pipe(asTenant)
  )

  /**
   * 30 concurrent two-event appends into one group commit, one in ten to a stream the projection
   * refuses ("bad-…") and one in ten to a stream already taken: exactly those six fail, the other
   * 24 land, and the log's positions stay gap-free. Returns each append's result.
   */
  const mixedConcurrentAppends = (store: EventStore.EventStoreShape, tag: string) =>
    Effect.gen(function* () {
      const before = yield* store.headPosition
      const taken = `taken${tag === "" ? "" : `-${tag}`}`
      yield* store.append(taken, 0, [{ type: "A", data: {} }])
      const results = yield* Effect.forEach(
        Array.from({ length: 30 }, (_, i) => i),
        (i) => Effect.result(store.append(i % 10 === 3 ? `bad-${tag}${i}` : i % 10 === 7 ? taken : `ok-${tag}${i}`, 0, [{ type: "B", data: { i } }, { type: "C", data: { i } }])),
        { concurrency: "unbounded" }
      )
      const failures = results.flatMap((r) => (r._tag === "Failure" ? [r.failure._tag] : []))
      assert.deepStrictEqual(failures.sort(), [...Array(3).fill("ProjectionFailed"), ...Array(3).fill("VersionConflict")])
      const all = yield* store.readAll({ after: before })
      assert.strictEqual(all.length, 1 + 24 * 2)
      assert.deepStrictEqual(all.map((e) => e.position), all.map((_, k) => before + k + 1), "positions stay gap-free")
      assert.isFalse(all.some((e) => e.stream.startsWith("bad-")))
      return results
    })

  it.effect("appends committed together (group commit) fail one by one: a conflict or a failing projection rolls back only its own append", () =>
    Effect.gen(function* () {
      const picky: EventStore.InlineProjection = { name: "picky", apply: (events) => (events[0]?.stream.startsWith("bad-") ? Effect.fail(new Error("refused")) : Effect.void) }
      yield* mixedConcurrentAppends(yield* EventStore.makeSql({ inline: [picky] }), "")
    }).pipe(asTenant)
  )

  it.effect("appends committed together with a batched projection (run once per commit) still fail one by one: a refusal of the batch is retried append by append", () =>
    Effect.gen(function* () {
      // Refuses any call that carries an event of a "bad-" stream, wherever it is in the batch.
      const { projection: picky, streamsPerCall: seen } = pickyBatched((e) => e.stream.startsWith("bad-"))
      const results = yield* mixedConcurrentAppends(yield* EventStore.makeSql({ inline: [picky] }), "b")
      assert.isAbove(Math.max(...seen), 1, "the projection saw several appends at once")
      for (const r of results) if (r._tag === "Success") assert.deepStrictEqual(r.success.events.map((e) => e.version), [1, 2])
    }).pipe(asTenant)
  )

  it.effect("appends batched into one statement (no projections): conflicts fail alone, positions stay gap-free", () =>
    Effect.gen(function* () {
      const store = yield* EventStore.makeSql()
      const before = yield* store.headPosition
      yield* store.append("held", 0, [{ type: "A", data: {} }])
      const results = yield* Effect.forEach(
        Array.from({ length: 60 }, (_, i) => i),
        (i) => Effect.result(store.append(i % 10 === 7 ? "held" : `batch-${i}`, i % 10 === 9 ? "any" : 0, [{ type: "B", data: { i } }, { type: "C", data: { i } }, { type: "D", data: { i } }])),
        { concurrency: "unbounded" }
      )
      const failures = results.flatMap((r) => (r._tag === "Failure" ? [r.failure] : []))
      assert.deepStrictEqual(failures.map((f) => [f._tag, f._tag === "VersionConflict" ? f.actual : -1]), Array(6).fill(["VersionConflict", 1]))
      const all = yield* store.readAll({ after: before })
      assert.strictEqual(all.length, 1 + 54 * 3)
      assert.deepStrictEqual(all.map((e) => e.position), all.map((_, k) => before + k + 1))
      for (const r of results) if (r._tag === "Success") assert.deepStrictEqual(r.success.events.map((e) => e.version), [1, 2, 3])
    }).pipe(asTenant)
  )

  it.effect("a process killed (SIGKILL) in the middle of an append leaves nothing half-written", () =>
    Effect.gen(function* () {
      const store = yield* EventStore.EventStore
      const info = yield* Database.Database
      const before = yield* store.headPosition
      const child = spawn(process.execPath, [join(import.meta.dirname, "fixtures", "killedAppender.ts"), info.connectUrl, info.schema, tenant, "killed"], { stdio: ["ignore", "pipe", "pipe"] })
      let stderr = ""
      child.stderr.on("data", (d) => (stderr += String(d)))
      yield* Effect.callback<void, Error>((resume) => {
        child.stdout.on("data", (d) => {
          if (String(d).includes("IN_TRANSACTION")) resume(Effect.void)
        })
        child.on("exit", (code) => resume(Effect.fail(new Error(`child exited (${code}) before its transaction: ${stderr}`))))
      })
      const exited = new Promise<string | null>((r) => child.on("exit", (_code, signal) => r(signal)))
      child.kill("SIGKILL")
      assert.strictEqual(yield* Effect.promise(() => exited), "SIGKILL")
      // The server (or the embedded socket) rolls the transaction back when the connection drops.
      const after = yield* store.append("after-kill", 0, [{ type: "Next", data: {} }])
      assert.strictEqual(after.events[0]!.position, before + 1, "no position was consumed by the killed append")
      assert.deepStrictEqual(yield* store.readStream("killed"), [])
      assert.strictEqual(yield* store.streamVersion("killed"), 0)
      assert.deepStrictEqual((yield* store.readAll({ after: before })).map((e) => e.stream), ["after-kill"])
    }).pipe(asTenant)
  )
})
