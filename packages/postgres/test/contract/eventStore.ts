// The event store contract: every implementation (memory, PGlite, server) passes the same tests.
import { assert, describe, it, layer } from "@effect/vitest"
import { Effect, Exit, Layer } from "effect"
import fc from "fast-check"
import { EventStore, Tenant } from "@jiritsu/postgres"

export const tenantA = Tenant.unsafeCode("012068") // 釧路市
export const tenantB = Tenant.unsafeCode("131091") // 品川区

const asA = Tenant.withTenant(tenantA)
const asB = Tenant.withTenant(tenantB)
let counter = 0
const fresh = (prefix = "s") => `${prefix}-${Date.now().toString(36)}-${counter++}`
const ev = (type: string, data: Record<string, unknown> = {}): EventStore.NewEvent => ({ type, data })

export const eventStoreContract = (name: string, storeLayer: Layer.Layer<EventStore.EventStore, unknown>) =>
  layer(storeLayer, { timeout: 180_000 })(`EventStore contract: ${name}`, (it) => {
    it.effect("appends and reads back a stream in version order", () =>
      Effect.gen(function* () {
        const store = yield* EventStore.EventStore
        const s = fresh()
        const r1 = yield* store.append(s, 0, [ev("Opened", { n: 1 }), ev("Noted", { text: "こんにちは" })])
        assert.strictEqual(r1.nextVersion, 2)
        const r2 = yield* store.append(s, 2, [ev("Closed", { at: "2024-04-01" })], { streamType: "case" })
        assert.strictEqual(r2.nextVersion, 3)
        const read = yield* store.readStream(s)
        assert.deepStrictEqual(read.map((e) => [e.version, e.type, e.data]), [[1, "Opened", { n: 1 }], [2, "Noted", { text: "こんにちは" }], [3, "Closed", { at: "2024-04-01" }]])
        assert.deepStrictEqual((yield* store.readStream(s, { after: 1, limit: 1 })).map((e) => e.version), [2])
        assert.strictEqual(yield* store.streamVersion(s), 3)
        assert.strictEqual(yield* store.streamVersion(fresh()), 0)
        assert.isTrue(read.every((e) => e.tenant === tenantA && e.stream === s && typeof e.recordedAt === "string"))
      }).pipe(asA)
    )

    it.effect("refuses a stale expected version with a typed conflict naming tenant, stream, expected and actual", () =>
      Effect.gen(function* () {
        const store = yield* EventStore.EventStore
        const s = fresh()
        yield* store.append(s, 0, [ev("A"), ev("B")])
        const stale = yield* Effect.flip(store.append(s, 1, [ev("C")]))
        assert.strictEqual(stale._tag, "VersionConflict")
        if (stale._tag !== "VersionConflict") return
        assert.deepStrictEqual({ tenant: stale.tenant, stream: stale.stream, expected: stale.expected, actual: stale.actual }, { tenant: tenantA, stream: s, expected: 1, actual: 2 })
        const recreate = yield* Effect.flip(store.append(s, 0, [ev("C")]))
        assert.strictEqual(recreate._tag, "VersionConflict")
        const ahead = yield* Effect.flip(store.append(fresh(), 3, [ev("C")]))
        assert.deepStrictEqual(ahead._tag === "VersionConflict" ? ahead.actual : -1, 0)
        assert.strictEqual(yield* store.streamVersion(s), 2)
        const any = yield* store.append(s, "any", [ev("D")])
        assert.strictEqual(any.nextVersion, 3)
      }).pipe(asA)
    )

    it.effect("gives positions 1, 2, 3 … per tenant without gaps, and readAll follows them", () =>
      Effect.gen(function* () {
        const store = yield* EventStore.EventStore
        const before = yield* store.headPosition
        const s1 = fresh()
        const s2 = fresh()
        yield* store.append(s1, 0, [ev("A"), ev("B")])
        yield* Effect.flip(store.append(s1, 0, [ev("X")])) // a refused append leaves no hole
        yield* store.append(s2, 0, [ev("C")])
        yield* store.append(s1, 2, [ev("D")])
        const all = yield* store.readAll({ after: before })
        assert.deepStrictEqual(all.map((e) => e.position), [before + 1, before + 2, before + 3, before + 4])
        assert.deepStrictEqual(all.map((e) => e.type), ["A", "B", "C", "D"])
        assert.deepStrictEqual((yield* store.readAll({ after: before + 1, limit: 2 })).map((e) => e.type), ["B", "C"])
        assert.strictEqual(yield* store.headPosition, before + 4)
      }).pipe(asA)
    )

    it.effect("keeps tenants apart: same stream id, separate versions, positions and reads", () =>
      Effect.gen(function* () {
        const store = yield* EventStore.EventStore
        const s = fresh()
        yield* store.append(s, 0, [ev("A")]).pipe(asA)
        const b = yield* store.append(s, 0, [ev("B"), ev("B2")]).pipe(asB)
        assert.strictEqual(b.nextVersion, 2)
        assert.deepStrictEqual((yield* store.readStream(s).pipe(asA)).map((e) => e.type), ["A"])
        assert.deepStrictEqual((yield* store.readStream(s).pipe(asB)).map((e) => e.type), ["B", "B2"])
        const allB = yield* store.readAll().pipe(asB)
        assert.isTrue(allB.every((e) => e.tenant === tenantB))
        assert.deepStrictEqual(allB.map((e) => e.position), allB.map((_, i) => i + 1))
      })
    )

    it.effect("an empty append checks the version and writes nothing", () =>
      Effect.gen(function* () {
        const store = yield* EventStore.EventStore
        const s = fresh()
        assert.strictEqual((yield* store.append(s, 0, [])).nextVersion, 0)
        yield* store.append(s, 0, [ev("A")])
        assert.strictEqual((yield* Effect.flip(store.append(s, 0, [])))._tag, "VersionConflict")
        assert.strictEqual((yield* store.append(s, 1, [])).nextVersion, 1)
      }).pipe(asA)
    )

    it.effect("upcasts old schema versions on read (the hook for schema evolution)", () =>
      Effect.gen(function* () {
        const store = yield* EventStore.EventStore
        const s = fresh()
        yield* store.append(s, 0, [{ type: "Renamed", data: { old: 1 }, schemaVersion: 1 }])
        const up = EventStore.upcast([{ type: "Renamed", fromSchemaVersion: 1, upcast: (d) => ({ type: "Renamed2", data: { new: d["old"] } }) }])
        const [read] = yield* store.readStream(s)
        const lifted = yield* up(read!)
        assert.deepStrictEqual([lifted.type, lifted.schemaVersion, lifted.data], ["Renamed2", 2, { new: 1 }])
        const failing = EventStore.upcast([{ type: "Renamed", fromSchemaVersion: 1, upcast: () => { throw new Error("boom") } }])
        const err = yield* Effect.flip(failing(read!))
        assert.strictEqual(err.reason, "upcaster_failed")
        assert.include(err.message, s)
      }).pipe(asA)
    )

    it.effect("malformed appends (generated) are refused with a path and write nothing", () =>
      Effect.gen(function* () {
        const store = yield* EventStore.EventStore
        const s = fresh()
        yield* store.append(s, 0, [ev("A")])
        let reachedNested = 0
        const bad = fc.oneof(
          fc.record({ stream: fc.constantFrom("", " x", "a\nb", "x".repeat(201)), expected: fc.constant(1 as const), events: fc.constant([ev("B")]) }),
          fc.record({ stream: fc.constant(s), expected: fc.constantFrom(-1, 1.5, Number.NaN), events: fc.constant([ev("B")]) }),
          fc.record({
            stream: fc.constant(s),
            expected: fc.constant(1),
            events: fc.tuple(
              fc.oneof(
                fc.record({ type: fc.constantFrom("", "1abc", "has space", "x".repeat(101)), data: fc.constant({}) }),
                fc.record({ type: fc.constant("B"), data: fc.constantFrom(null, [], "text", 3) }),
                fc.record({ type: fc.constant("B"), data: fc.constant({}), extra: fc.constant(1) }),
                fc.record({ type: fc.constant("B"), data: fc.constant({}), schemaVersion: fc.constantFrom(0, -2, 1.5) }),
                fc.record({ type: fc.constant("B"), data: fc.record({ nested: fc.constantFrom(undefined, Number.POSITIVE_INFINITY, Number.NaN, "\u0000", "\ud800", new Date(0), 10n) }) })
              )
            )
          })
        )
        const samples = fc.sample(bad, { numRuns: 150, seed: 3 })
        for (const input of samples) {
          const exit = yield* Effect.exit(store.append(input.stream as string, input.expected as number, input.events as never))
          assert.isTrue(Exit.isFailure(exit), JSON.stringify(input, (_k, v) => (typeof v === "bigint" ? `${v}n` : v)))
          const error = yield* Effect.flip(store.append(input.stream as string, input.expected as number, input.events as never))
          assert.strictEqual(error._tag, "InvalidAppend")
          if (error._tag === "InvalidAppend") {
            assert.isAbove(error.path.length, 0)
            if (error.path.length > 3) reachedNested++
          }
        }
        assert.isAbove(reachedNested, 0, "the generator reaches nested bad values")
        assert.strictEqual(yield* store.streamVersion(s), 1)
      }).pipe(asA)
    )

    it.effect("appends many events at once and reads them back in order", () =>
      Effect.gen(function* () {
        const store = yield* EventStore.EventStore
        const s = fresh()
        const events = Array.from({ length: 500 }, (_, i) => ev("Tick", { i }))
        const r = yield* store.append(s, 0, events)
        assert.strictEqual(r.events.length, 500)
        assert.deepStrictEqual(r.events.map((e) => e.version), events.map((_, i) => i + 1))
        const read = yield* store.readStream(s)
        assert.deepStrictEqual(read.map((e) => e.data["i"]), events.map((_, i) => i))
      }).pipe(asA)
    )
  })

export { describe, it }
