// Worker threads: the same seed gives the same result whatever the number of threads (real
// node:worker_threads, pools of 1, 2 and 3 started once for the file).
import { Result } from "effect"
import fc from "fast-check"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Cohort, Model, Simulation } from "../src/index.ts"
import * as Arb from "./arbitraries.ts"

const ok = <A, E>(r: Result.Result<A, E>): A => {
  if (Result.isFailure(r)) throw new Error(JSON.stringify(r.failure))
  return r.success
}

let pools: ReadonlyArray<Simulation.Pool> = []
beforeAll(() => {
  pools = [1, 2, 3].map((n) => Simulation.makePool(n))
})
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()))
})

describe("Simulation.runParallel", () => {
  it("runs the Kushiro caseload in two threads with the single-thread result, reporting progress", async () => {
    const cohort = ok(Cohort.make(Model.kushiro, Cohort.kushiroSpec(200_000)))
    const seen: Array<number> = []
    const parallel = ok(await Simulation.runParallel(Model.kushiro, cohort, { months: 24, seed: 11, pool: pools[1]!, onProgress: (done) => seen.push(done) }))
    const single = ok(Simulation.run(Model.kushiro, cohort, { months: 24, seed: 11 }))
    expect(Simulation.equals(parallel, single)).toBe(true)
    // The parts' columns are transferred to the workers; the caller's cohort keeps its own.
    expect([cohort.stage.length, cohort.profile.length, cohort.entry.length]).toEqual([200_000, 200_000, 200_000])
    expect(seen.length).toBeGreaterThan(1)
    expect(seen[seen.length - 1]).toBe(200_000)
  })

  it("starts and closes its own pool when given a worker count", async () => {
    const cohort = ok(Cohort.make(Model.kushiro, Cohort.kushiroSpec(1000)))
    const r = ok(await Simulation.runParallel(Model.kushiro, cohort, { months: 6, seed: 1, workers: 2 }))
    expect(Simulation.equals(r, ok(Simulation.run(Model.kushiro, cohort, { months: 6, seed: 1 })))).toBe(true)
    const bad = await Simulation.runParallel(Model.kushiro, cohort, { months: 6, seed: 1, workers: 0 })
    expect(Result.isFailure(bad) && bad.failure.path).toEqual(["workers"])
  })
})

describe("properties", () => {
  it("same seed → same result (tables, per-person outcomes, move log) for 1, 2 or 3 worker threads and for the calling thread", async () => {
    const cov = Arb.coverage()
    await fc.assert(
      fc.asyncProperty(Arb.scenario({ maxCount: 40 }), async ({ model, spec, months, seed }) => {
        cov.run()
        const cohort = ok(Cohort.make(model, spec))
        const options = { months, seed, perPerson: true, record: true }
        const single = ok(Simulation.run(model, cohort, options))
        for (const pool of pools) {
          const parallel = ok(await Simulation.runParallel(model, cohort, { ...options, pool }))
          if (!Simulation.equals(parallel, single)) return false
        }
        cov.hit("split over 3 non-empty parts", cohort.size >= 3)
        cov.hit("moves", Simulation.flows(single).length > 0)
        return true
      })
    )
    expect(cov.share("split over 3 non-empty parts")).toBeGreaterThan(0.6)
    expect(cov.share("moves")).toBeGreaterThan(0.5)
  })
})
