import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Calibration, Cohort, Expected, Model, Simulation } from "../src/index.ts"

const ok = <A, E>(r: Result.Result<A, E>): A => {
  if (Result.isFailure(r)) throw new Error(JSON.stringify(r.failure))
  return r.success
}

describe("Calibration.fit — worked examples", () => {
  it("Yokohama FY2009: 1,264 of 2,334 placed — one parameter fits exactly and the count lies in the predictive range", () => {
    const fit = ok(Calibration.fit(Model.kushiro, Calibration.examples.yokohama2009))
    expect(fit.converged).toBe(true)
    const [t] = fit.targets
    expect(t!.observed).toBeCloseTo(1264 / 2334, 12)
    expect(Math.abs(t!.residual)).toBeLessThan(1e-6)
    expect(t!.fittedCount).toBeCloseTo(1264, 3)
    expect(t!.withinPredictive).toBe(true)
    expect(t!.predictiveLower! < 1264 && 1264 < t!.predictiveUpper!).toBe(true)
    expect(fit.parameters[0]!.value).toBeCloseTo(1.020, 3)
    expect(fit.parameters[0]!.atBound).toBe(false)
  })

  it("Utsunomiya 2013: about 56 % placed within four months — fitted inside the published rounding", () => {
    const fit = ok(Calibration.fit(Model.kushiro, Calibration.examples.utsunomiya2013))
    const [t] = fit.targets
    expect(t!.withinObserved).toBe(true)
    expect([t!.observedLower, t!.observedUpper]).toEqual([0.555, 0.5650000000000001])
    expect(t!.observedCount).toBeUndefined()
    expect(fit.parameters[0]!.value).toBeCloseTo(1.683, 3)
  })

  it("Gifu FY2012: 303 placed and 112 left welfare of 1,090 — two parameters fit both, and the fitted model reproduces them", () => {
    const fit = ok(Calibration.fit(Model.kushiro, Calibration.examples.gifu2012))
    expect(fit.targets.map((t) => Math.round(t.fittedCount))).toEqual([303, 112])
    expect(fit.targets.every((t) => t.withinPredictive === true)).toBe(true)
    expect(fit.objective).toBeLessThan(1e-8)
    const cohort = ok(Cohort.make(fit.model, Calibration.examples.gifu2012.cohort))
    const x = ok(Expected.result(fit.model, cohort, 12))
    expect((Simulation.placementRate(x) as { value: number }).value * 1090).toBeCloseTo(303, 3)
    expect(Simulation.occupancy(x)[12]!.counts["welfare_exit"]).toBeCloseTo(112, 3)
  })
})

describe("Calibration.fit — bad problems", () => {
  const base = Calibration.examples.yokohama2009
  const path = (problem: unknown) => {
    const r = Calibration.fit(Model.kushiro, problem)
    return Result.isFailure(r) ? r.failure.path.join(".") : "ok"
  }

  it("names the offending field", () => {
    expect(path({ ...base, extra: 1 })).toBe("extra")
    expect(path({ ...base, months: 0 })).toBe("months")
    expect(path({ ...base, targets: [] })).toBe("targets")
    expect(path({ ...base, targets: [{ ...base.targets[0]!, measure: { _tag: "Exit", exit: "employed" } }] })).toBe("targets.0.measure")
    expect(path({ ...base, parameters: [{ ...base.parameters[0]!, moves: [{ from: "daily_living", to: "employed" }] }] })).toBe("parameters.0.moves")
    expect(path({ ...base, parameters: [{ ...base.parameters[0]!, lower: 9, upper: 10 }] })).toBe("parameters.0.lower")
    expect(path({ ...base, cohort: { groups: [{ stage: "employment", count: 3 }] } })).toBe("cohort.groups.0.covariates.group")
    expect(path({ ...base, targets: [{ ...base.targets[0]!, observed: { count: 5, of: 0 } }] })).toBe("targets.0.observed.of")
  })

  it("reports a target out of the model's reach as a fit on a bound, never NaN", () => {
    const fit = ok(Calibration.fit(Model.kushiro, { ...base, parameters: [{ ...base.parameters[0]!, upper: 1.01 }], targets: [{ ...base.targets[0]!, observed: { count: 2300, of: 2334 } }], replicates: 10 }))
    expect(fit.parameters[0]!.atBound).toBe(true)
    expect(Number.isFinite(fit.objective)).toBe(true)
    expect(fit.targets[0]!.withinObserved).toBe(false)
  })
})
