import { Result } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Cohort, Estimate, Model, Panel, Simulation } from "../src/index.ts"
import * as Arb from "./arbitraries.ts"

const ok = <A, E>(r: Result.Result<A, E>): A => {
  if (Result.isFailure(r)) throw new Error(JSON.stringify(r.failure))
  return r.success
}
const kushiro = Model.kushiro

const panelOf = (model: Model.Model, spec: unknown, months: number, seed: number): Panel.Panel => {
  const cohort = ok(Cohort.make(model, spec))
  return ok(Panel.fromSimulation(ok(Simulation.run(model, cohort, { months, seed, record: true })), cohort))
}

describe("Estimate.statetable", () => {
  it("counts consecutive observations like msm::statetable.msm", () => {
    const csv = ["subject,time,state", "a,0,2", "a,1,2", "a,2,3", "a,3,5", "a,4,6", "b,0,1", "b,1,2", "b,3,2", "b,4,8", ""].join("\n")
    const table = Estimate.statetable(ok(Panel.fromCsv(Model.unsafeMake({ ...kushiro, covariates: [], rows: kushiro.rows.filter((r) => r.when === undefined) }), csv)))
    const cell = (from: string, to: string) => table.counts[table.states.indexOf(from)]![table.states.indexOf(to)]
    expect(cell("social_life", "social_life")).toBe(2)
    expect(cell("social_life", "intermediate_work_unpaid")).toBe(1)
    expect(cell("daily_living", "social_life")).toBe(1)
    expect(cell("social_life", "support_ended")).toBe(1)
    expect(table.counts.flat().reduce((a, b) => a + b, 0)).toBe(7)
  })
})

describe("Estimate.transitions", () => {
  it("estimates by group with seeded bootstrap intervals; the same seed gives the same intervals", () => {
    const panel = panelOf(kushiro, Cohort.kushiroSpec(2000), 24, 8)
    const a = ok(Estimate.transitions(panel, { by: "group", bootstrap: { replicates: 100, seed: 3 } }))
    const b = ok(Estimate.transitions(panel, { by: "group", bootstrap: { replicates: 100, seed: 3 } }))
    const c = ok(Estimate.transitions(panel, { by: "group", bootstrap: { replicates: 100, seed: 4 } }))
    expect(a).toEqual(b)
    expect(a).not.toEqual(c)
    expect(a.groups.map((g) => g.level)).toEqual(["needy_person", "welfare_recipient"])
    const row = a.groups[1]!.rows.find((r) => r.from === "employment")!
    expect(row.outcomes[0]!.to).toBe("employment")
    expect(row.outcomes.reduce((s, o) => s + o.count, 0)).toBe(row.atRisk)
    for (const o of row.outcomes) expect(o.lower! <= o.p && o.p <= o.upper!).toBe(true)
    // Nobody outside public assistance leaves it: estimated exactly 0, with a degenerate interval.
    expect(Estimate.probability(a, "employed", "welfare_exit", "needy_person")).toEqual({ to: "welfare_exit", count: 0, p: 0, lower: 0, upper: 0 })
  })

  it("recovers the generating probabilities of a large simulated log (fixed seed; tolerance stated below)", () => {
    // 20,000 persons over 36 months. Tolerance: every estimate within 4 binomial standard errors
    // of the true probability, and at least 85 % of the true probabilities inside their 95 %
    // bootstrap intervals (rows with at least 500 one-month steps).
    const panel = panelOf(kushiro, Cohort.kushiroSpec(20_000, { from: 0, until: 12 }), 36, 2013)
    const est = ok(Estimate.transitions(panel, { by: "group", bootstrap: { replicates: 200, seed: 1 } }))
    let checked = 0, covered = 0
    for (const g of est.groups) {
      for (const row of g.rows) {
        if (row.atRisk < 500) continue
        const truth = Model.probabilities(kushiro, row.from, { group: g.level! }, 0)!
        for (const o of row.outcomes) {
          const p = truth[o.to] ?? 0
          checked++
          if (o.lower! <= p && p <= o.upper!) covered++
          expect(Math.abs(o.p - p), `${g.level} ${row.from} → ${o.to}`).toBeLessThanOrEqual(4 * Math.sqrt((p * (1 - p)) / row.atRisk) + 1e-12)
        }
      }
    }
    expect(checked).toBeGreaterThan(40)
    expect(covered / checked).toBeGreaterThanOrEqual(0.85)
  })

  it("turns an estimate into a model that simulates like the one it came from", () => {
    const panel = panelOf(kushiro, Cohort.kushiroSpec(20_000), 36, 99)
    const fitted = ok(Estimate.toModel(ok(Estimate.transitions(panel, { by: "group" })), kushiro))
    for (const group of ["welfare_recipient", "needy_person"]) {
      const a = Model.probabilities(fitted, "employment", { group }, 0)!, b = Model.probabilities(kushiro, "employment", { group }, 0)!
      expect(Math.abs(a["employed"]! - b["employed"]!)).toBeLessThan(0.02)
    }
    const noBy = Estimate.toModel(ok(Estimate.transitions(panel, { by: "group" })), Model.unsafeMake({ ...kushiro, covariates: [], rows: kushiro.rows.filter((r) => r.when === undefined) }))
    expect(Result.isFailure(noBy) && noBy.failure.issues[0]!.code).toBe("unknown_covariate")
  })

  it("refuses bad options, naming them", () => {
    const panel = panelOf(kushiro, Cohort.kushiroSpec(10), 3, 1)
    const option = (o: Estimate.Options) => {
      const r = Estimate.transitions(panel, o)
      return Result.isFailure(r) ? r.failure.option : undefined
    }
    expect(option({ by: "ward" })).toBe("by")
    expect(option({ level: 1 })).toBe("level")
    expect(option({ bootstrap: { replicates: 0, seed: 1 } })).toBe("bootstrap.replicates")
    expect(option({ bootstrap: { replicates: 10, seed: -1 } })).toBe("bootstrap.seed")
  })
})

describe("properties", () => {
  // Statistical, so with a fixed seed: in every generated model the true probability of every
  // outcome lies inside its Wilson interval at level 1 − 1e-6 (z ≈ 4.9) whenever the row has at
  // least 20 one-month steps.
  it("estimation recovers the generating probabilities of any model within their intervals", () => {
    const cov = Arb.coverage()
    fc.assert(
      fc.property(Arb.model({ pieces: false, maxCovariates: 1 }), Arb.seed, (model, seed) => {
        cov.run()
        const profiles = Model.profiles(model)
        const live = Model.states(model).filter((s) => s.kind !== "exit")
        const spec = { groups: profiles.flatMap((q) => live.map((s) => ({ stage: s.id, covariates: { ...q }, count: 60 }))) }
        const panel = panelOf(model, spec, 12, seed)
        const by = (model.covariates ?? []).length > 0 ? "c0" : undefined
        const est = ok(Estimate.transitions(panel, { level: 1 - 1e-6, ...(by === undefined ? {} : { by }) }))
        let checked = 0
        for (const g of est.groups) {
          const profile = by === undefined ? {} : { c0: g.level! }
          for (const row of g.rows) {
            if (row.atRisk < 20) continue
            const truth = Model.probabilities(model, row.from, profile, 0)!
            for (const o of row.outcomes) {
              checked++
              const p = truth[o.to] ?? 0
              if (!(o.lower! - 1e-12 <= p && p <= o.upper! + 1e-12)) return false
            }
            // Every outcome the model can produce from the row is reported.
            for (const [to, p] of Object.entries(truth)) if (p > 0 && !row.outcomes.some((o) => o.to === to)) return false
          }
        }
        cov.hit("≥ 3 probabilities checked", checked >= 3)
        return true
      }),
      { seed: 20140331 }
    )
    expect(cov.share("≥ 3 probabilities checked")).toBeGreaterThan(0.8)
  })
})
