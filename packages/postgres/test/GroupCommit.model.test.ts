// Group commit's law, as a model-based run (fc.commands): appends that the store commits together
// in one transaction end exactly as the same appends made one by one — each succeeds or fails as
// alone, with the same versions, and the log stays gap-free. Runs on the backend under test (the
// server with DATABASE_URL, PGlite otherwise).
import { assert, layer } from "@effect/vitest"
import fc from "fast-check"
import { Effect } from "effect"
import { EventStore, Tenant } from "@jiritsu/postgres"
import { TestDatabase } from "@jiritsu/postgres/testing"
import { pickyBatched } from "./fixtures/projections.ts"

const tenant = Tenant.unsafeCode("012068")
const db = TestDatabase.layer({ maxConnections: 12 })

/** One append of a round: to one of a few streams, at the right or a stale version, refused by the projection or not. */
interface Append {
  readonly stream: number
  readonly stale: boolean
  readonly refused: boolean
  readonly events: number
}

/** The model: each stream's version, and the log's length, as one-by-one appends would leave them. */
interface Model {
  readonly versions: Map<string, number>
  head: number
}

/** What the run checks against: the store, run as the test's tenant, and a per-run stream prefix. */
interface Real {
  readonly store: EventStore.EventStoreShape
  readonly run: <A, E>(effect: Effect.Effect<A, E, Tenant.Tenant>) => Promise<A>
  readonly prefix: string
  /** Set when a round held both a stale and a refused append. */
  mixed: boolean
}

const arbAppend: fc.Arbitrary<Append> = fc
  .record({ stream: fc.nat(5), stale: fc.boolean(), refused: fc.nat(4), events: fc.integer({ min: 1, max: 3 }) })
  // A stale append fails on its version alone; a refusal is drawn only for appends at the right version.
  .map(({ stream, stale, refused, events }) => ({ stream, stale, refused: !stale && refused === 0, events }))

/** Several appends issued at once, each to its own stream, so one-by-one they are independent. */
class Round implements fc.AsyncCommand<Model, Real> {
  readonly appends: ReadonlyArray<Append>
  constructor(appends: ReadonlyArray<Append>) {
    this.appends = appends
  }
  check = () => true
  async run(model: Model, real: Real) {
    const name = (a: Append) => `${real.prefix}-s${a.stream}`
    const expectedVersion = (a: Append) => {
      const v = model.versions.get(name(a)) ?? 0
      return a.stale ? (v === 0 ? 1 : v - 1) : v
    }
    const before = model.head
    if (this.appends.some((a) => a.stale) && this.appends.some((a) => a.refused)) real.mixed = true
    const results = await real.run(
      Effect.forEach(
        this.appends,
        (a) => Effect.result(real.store.append(name(a), expectedVersion(a), Array.from({ length: a.events }, (_, k) => ({ type: "E", data: { k, refuse: a.refused } })))),
        { concurrency: "unbounded" }
      )
    )
    let landed = 0
    this.appends.forEach((a, i) => {
      const r = results[i]!
      const v = model.versions.get(name(a)) ?? 0
      if (a.stale) assert.deepStrictEqual(r._tag === "Failure" ? r.failure._tag : "Success", "VersionConflict", `${name(a)} at a stale version`)
      else if (a.refused) assert.deepStrictEqual(r._tag === "Failure" ? r.failure._tag : "Success", "ProjectionFailed", `${name(a)} refused by the projection`)
      else {
        assert.strictEqual(r._tag, "Success", `${name(a)} at version ${v}: ${r._tag === "Failure" ? r.failure._tag : ""}`)
        if (r._tag === "Success") assert.deepStrictEqual(r.success.events.map((e) => e.version), Array.from({ length: a.events }, (_, k) => v + k + 1))
        model.versions.set(name(a), v + a.events)
        landed += a.events
      }
    })
    model.head = before + landed
    const all = await real.run(real.store.readAll({ after: before }))
    assert.deepStrictEqual(all.map((e) => e.position), Array.from({ length: landed }, (_, k) => before + k + 1), "the log is gap-free and holds exactly the appends that succeeded")
    assert.isFalse(all.some((e) => e.data["refuse"] === true), "nothing of a refused append is in the log")
    for (const stream of new Set(this.appends.map(name))) {
      const events = await real.run(real.store.readStream(stream))
      assert.deepStrictEqual(events.map((e) => e.version), Array.from({ length: model.versions.get(stream) ?? 0 }, (_, k) => k + 1), stream)
    }
  }
  toString = () => `Round(${this.appends.map((a) => `s${a.stream}${a.stale ? " stale" : ""}${a.refused ? " refused" : ""} ×${a.events}`).join(", ")})`
}

const arbRound = fc.uniqueArray(arbAppend, { minLength: 1, maxLength: 6, selector: (a) => a.stream }).map((appends) => new Round(appends))

layer(db, { timeout: 300_000, excludeTestServices: true })("group commit", (it) => {
  it.effect("fc.commands: appends committed together end as the same appends one by one (≥ 30 % of runs commit several appends in one projection call, ≥ 30 % reach a conflict and a refusal in one round)", () =>
    Effect.gen(function* () {
      const services = yield* Effect.context<never>()
      const { projection, streamsPerCall: seen } = pickyBatched((e) => e.data["refuse"] === true)
      const store = yield* EventStore.makeSql({ inline: [projection] })
      let run = 0
      let shared = 0
      let mixed = 0
      // Each run writes to a real database: 150 runs of up to 8 rounds take a few seconds on PGlite.
      const runs = 150
      yield* Effect.promise(() =>
        fc.assert(
          fc.asyncProperty(fc.commands([arbRound], { maxCommands: 8 }), async (cmds) => {
            run++
            seen.length = 0
            const head = await Effect.runPromiseWith(services)(store.headPosition.pipe(Tenant.withTenant(tenant)))
            const real: Real = { store, run: (e) => Effect.runPromiseWith(services)(e.pipe(Tenant.withTenant(tenant))), prefix: `gc${run}`, mixed: false }
            await fc.asyncModelRun(() => ({ model: { versions: new Map(), head }, real }), cmds)
            if (seen.some((n) => n > 1)) shared++
            if (real.mixed) mixed++
          }),
          { numRuns: runs }
        )
      )
      if (process.env.JIRITSU_COVERAGE_REPORT !== undefined) console.log(`coverage (${run} runs): shared ${shared}, mixed ${mixed}`)
      assert.isAtLeast(shared / run, 0.3, `runs where one projection call carried several appends: ${shared} of ${run}`)
      assert.isAtLeast(mixed / run, 0.3, `runs with a conflict and a refusal in one round: ${mixed} of ${run}`)
    })
  )
})
