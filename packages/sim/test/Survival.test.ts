import { Result } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Cohort, Model, Panel, Simulation, Survival } from "../src/index.ts"
import * as Arb from "./arbitraries.ts"

describe("Survival.kaplanMeier", () => {
  it("matches a worked example: stays of 3, 4+, 5, 6, 6+ and 8 months (+ = still going on)", () => {
    const curve = Survival.kaplanMeier([
      { duration: 3, ended: true },
      { duration: 4, ended: false },
      { duration: 5, ended: true },
      { duration: 6, ended: true },
      { duration: 6, ended: false },
      { duration: 8, ended: true }
    ])
    const at = (t: number) => curve.steps.find((s) => s.time === t)!
    expect(at(3).survival).toBeCloseTo(5 / 6, 12)
    expect(at(4).survival).toBeCloseTo(5 / 6, 12)
    expect(at(5).survival).toBeCloseTo((5 / 6) * (3 / 4), 12)
    expect(at(6).survival).toBeCloseTo((5 / 6) * (3 / 4) * (2 / 3), 12)
    expect(at(8).survival).toBe(0)
    expect([at(3).atRisk, at(5).atRisk, at(6).atRisk, at(8).atRisk]).toEqual([6, 4, 3, 1])
    // Greenwood: Var S(5) = S(5)² (1/(6·5) + 1/(4·3)); the log(−log) interval uses se / |log S|.
    const s5 = (5 / 6) * (3 / 4)
    const se = Math.sqrt(1 / 30 + 1 / 12) / Math.abs(Math.log(s5))
    expect(at(5).lower).toBeCloseTo(s5 ** Math.exp(1.959964 * se), 5)
    expect(at(5).upper).toBeCloseTo(s5 ** Math.exp(-1.959964 * se), 5)
    expect(curve.median).toBe(6)
    expect(curve.n).toBe(6)
    expect(curve.ended).toBe(4)
    expect(Survival.survivalAt(curve, 5.5)).toBeCloseTo(s5, 12)
    expect(Survival.survivalAt(curve, 0)).toBe(1)
  })

  it("has no median when survival never reaches one half, and ignores impossible durations", () => {
    const curve = Survival.kaplanMeier([{ duration: 2, ended: true }, { duration: 5, ended: false }, { duration: 5, ended: false }, { duration: Number.NaN, ended: true }, { duration: -1, ended: true }])
    expect(curve.median).toBeUndefined()
    expect(curve.n).toBe(3)
  })
})

describe("Survival.timeInStage", () => {
  it("measures time in each stage, joining the two modes of intermediate work for per: stage", () => {
    const csv = ["subject,time,state", "a,0,3", "a,2,4", "a,5,2", "b,0,3", "b,1,3", ""].join("\n")
    const model = Model.unsafeMake({ ...Model.kushiro, covariates: [], rows: Model.kushiro.rows.filter((r) => r.when === undefined) })
    const panel = Result.getOrThrow(Panel.fromCsv(model, csv, { offGraph: "keep" }))
    const byState = Survival.timeInStage(panel)
    expect(byState.find((c) => c.id === "intermediate_work_paid")!.curve.steps).toEqual([expect.objectContaining({ time: 3, ended: 1 })])
    const byStage = Survival.timeInStage(panel, { per: "stage" })
    const iw = byStage.find((c) => c.id === "intermediate_work")!
    expect(iw.labelJa).toBe("中間的就労")
    expect(iw.curve.steps.map((s) => [s.time, s.ended, s.censored])).toEqual([[1, 0, 1], [5, 1, 0]])
  })
})

describe("properties", () => {
  it("a Kaplan–Meier curve never rises, stays in [0, 1] with its interval around it, and without censoring is the empirical survival", () => {
    const cov = Arb.coverage()
    fc.assert(
      fc.property(fc.array(fc.record({ duration: fc.integer({ min: 0, max: 40 }), ended: fc.boolean() }), { maxLength: 60 }), (samples) => {
        cov.run()
        const curve = Survival.kaplanMeier(samples)
        let previous = 1
        for (const s of curve.steps) {
          if (!(s.survival <= previous + 1e-15 && s.survival >= 0 && s.survival <= 1)) return false
          if (!(s.lower <= s.survival + 1e-12 && s.survival <= s.upper + 1e-12 && s.lower >= 0 && s.upper <= 1)) return false
          if (![s.survival, s.lower, s.upper].every(Number.isFinite)) return false
          previous = s.survival
        }
        if (samples.every((s) => s.ended) && samples.length > 0) {
          cov.hit("uncensored")
          for (const s of curve.steps) if (Math.abs(s.survival - samples.filter((x) => x.duration > s.time).length / samples.length) > 1e-12) return false
        }
        cov.hit("median", curve.median !== undefined)
        return true
      })
    )
    expect(cov.share("uncensored")).toBeGreaterThan(0.01)
    expect(cov.share("median")).toBeGreaterThan(0.3)
  })

  it("time in stage of any simulated panel has finite curves, one per state met", () => {
    fc.assert(
      fc.property(Arb.scenario({ maxCount: 10, maxMonths: 12 }), ({ model, spec, months, seed }) => {
        const cohort = Result.getOrThrow(Cohort.make(model, spec))
        const panel = Result.getOrThrow(Panel.fromSimulation(Result.getOrThrow(Simulation.run(model, cohort, { months, seed, record: true })), cohort))
        const curves = [...Survival.timeInStage(panel), ...Survival.timeInStage(panel, { per: "stage" })]
        return curves.every((c) => c.curve.n > 0 && c.curve.steps.every((s) => Number.isFinite(s.survival) && Number.isFinite(s.lower) && Number.isFinite(s.upper)))
      })
    )
  })
})
