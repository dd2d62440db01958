import { Result } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Cohort, Expected, Model, Scenario, Simulation } from "../src/index.ts"
import * as Arb from "./arbitraries.ts"

const ok = <A, E>(r: Result.Result<A, E>): A => {
  if (Result.isFailure(r)) throw new Error(JSON.stringify(r.failure))
  return r.success
}
const kushiro = Model.kushiro

const boost: Scenario.Scenario = {
  id: "hw_boost",
  label: "Social life to work +20 % for welfare recipients",
  labelJa: "生活保護受給者の社会生活自立→就労 2割増",
  steps: [{ _tag: "Scale", from: "social_life", to: "employment", factor: 1.2, when: { group: "welfare_recipient" } }]
}

describe("Scenario.apply", () => {
  it("raises one probability for one group, taking the mass from staying and touching nothing else", () => {
    const m = ok(Scenario.apply(kushiro, boost))
    const before = Model.probabilities(kushiro, "social_life", { group: "welfare_recipient" }, 0)!
    const after = Model.probabilities(m, "social_life", { group: "welfare_recipient" }, 0)!
    expect(after["employment"]).toBeCloseTo(0.048, 9)
    expect(after["social_life"]).toBeCloseTo(0.832, 9)
    expect(after["daily_living"]).toBeCloseTo(before["daily_living"]!, 9)
    expect(Model.probabilities(m, "social_life", { group: "needy_person" }, 0)).toEqual(Model.probabilities(kushiro, "social_life", { group: "needy_person" }, 0))
  })

  it("adds a referral route the graph lacks, from a month on, and sets probabilities with the others rescaled", () => {
    const route: Scenario.Scenario = {
      id: "direct_work_experience",
      label: "Daily living straight to work experience from month 6",
      labelJa: "6か月目から日常生活自立→就労体験を直接",
      steps: [
        { _tag: "AddRoute", from: "daily_living", to: "intermediate_work_unpaid", p: 0.03, months: { from: 6 }, referral: "workplace_experience" },
        { _tag: "Set", from: "employment", to: "employed", p: 0.3, takeFrom: "others" }
      ]
    }
    const m = ok(Scenario.apply(kushiro, route))
    expect(m.graph.edges.some((e) => e.from === "daily_living" && e.to === "intermediate_work_unpaid" && e.kind === "forward")).toBe(true)
    expect(Model.probabilities(m, "daily_living", { group: "needy_person" }, 5)!["intermediate_work_unpaid"]).toBeUndefined()
    expect(Model.probabilities(m, "daily_living", { group: "needy_person" }, 6)!["intermediate_work_unpaid"]).toBeCloseTo(0.03, 9)
    expect(Model.transitions(m).find((t) => t.from === "daily_living" && t.to === "intermediate_work_unpaid")!.referral).toBe("workplace_experience")
    const e = Model.probabilities(m, "employment", { group: "welfare_recipient" }, 0)!
    expect(e["employed"]).toBeCloseTo(0.3, 9)
    expect(e["employment"]! / e["intermediate_work_unpaid"]!).toBeCloseTo(0.63 / 0.1, 6)
  })

  it("refuses what a row cannot absorb, unknown states, steps that match nothing and unknown keys", () => {
    const code = (s: unknown) => {
      const r = Scenario.apply(kushiro, s)
      return Result.isFailure(r) ? `${r.failure.code} ${r.failure.path.join(".")}` : "ok"
    }
    const base = { id: "s", label: "s", labelJa: "s" }
    expect(code({ ...base, steps: [{ _tag: "Scale", from: "employment", to: "employed", factor: 5 }] })).toBe("infeasible steps.0")
    expect(code({ ...base, steps: [{ _tag: "Scale", from: "employment", to: "nowhere", factor: 1.1 }] })).toBe("unknown_stage steps.0.to")
    expect(code({ ...base, steps: [{ _tag: "Scale", from: "employment", to: "employed", factor: 1.1, when: { group: "pensioner" } }] })).toBe("no_rows steps.0")
    expect(code({ ...base, steps: [{ _tag: "Set", from: "employment", to: "employed", p: 1.5 }] })).toBe("invalid steps.0.p")
    expect(code({ ...base, steps: [{ _tag: "Scale", from: "employment", to: "employed", factor: 1.1, extra: 1 }] })).toBe("invalid steps.0.extra")
    expect(code({ ...base, steps: [{ _tag: "Set", from: "social_life", to: "intermediate_work_paid", p: 0.1 }] })).toBe("model steps.0")
  })
})

describe("Scenario.compare", () => {
  it("reports paired differences on common random numbers, with intervals narrower than independent runs would give", async () => {
    const cohort = ok(Cohort.make(kushiro, Cohort.kushiroSpec(20_000)))
    const c = ok(await Scenario.compare(kushiro, boost, cohort, { months: 36, seed: 2024 }))
    const placed = c.differences.find((d) => d.measure === "placed")!
    expect(placed.difference).toBeGreaterThan(0)
    expect(placed.lower).toBeGreaterThan(0)
    expect(placed.standardError).toBeLessThan(placed.independentStandardError / 2)
    // The exact effect lies inside the interval.
    const exact = (m: Model.Model) => Simulation.placementRate(ok(Expected.result(m, cohort, 36)))
    const effect = (exact(ok(Scenario.apply(kushiro, boost))) as { value: number }).value - (exact(kushiro) as { value: number }).value
    expect(placed.lower <= effect && effect <= placed.upper).toBe(true)
    expect(c.occupancy[0]!.counts["social_life"]).toBe(0)
    expect(Scenario.placementRates(c).scenario._tag).toBe("Rate")
    // Threads change nothing.
    const threaded = ok(await Scenario.compare(kushiro, boost, cohort, { months: 36, seed: 2024, workers: 2 }))
    expect(threaded.differences).toEqual(c.differences)
  })
})

describe("properties", () => {
  it("a scenario that changes nothing compares as zero difference with zero width; the identity scale is the identity", () => {
    fc.assert(
      fc.property(Arb.scenario({ maxCount: 20, maxMonths: 12 }), fc.nat(), ({ model, spec, months, seed }, pick) => {
        const t = Model.transitions(model)
        if (t.length === 0) return true
        const move = t[pick % t.length]!
        const same = ok(Scenario.apply(model, { id: "same", label: "same", labelJa: "同じ", steps: [{ _tag: "Scale", from: move.from, to: move.to, factor: 1 }] }))
        const cohort = ok(Cohort.make(model, spec))
        const a = ok(Simulation.run(model, cohort, { months, seed, perPerson: true }))
        const b = ok(Simulation.run(same, cohort, { months, seed, perPerson: true }))
        const c = ok(Scenario.compareResults(a, b, cohort))
        return Simulation.equals(a, { ...b, model }) && c.differences.every((d) => d.difference === 0 && d.standardError === 0)
      })
    )
  })

  it("scaling a move up never lowers its probability, keeps every row a distribution and leaves other rows alone", () => {
    const cov = Arb.coverage()
    fc.assert(
      fc.property(Arb.model(), fc.nat(), fc.double({ min: 1, max: 3, noNaN: true }), (model, pick, factor) => {
        cov.run()
        const t = Model.transitions(model)
        if (t.length === 0) return true
        const move = t[pick % t.length]!
        const r = Scenario.apply(model, { id: "up", label: "up", labelJa: "増", steps: [{ _tag: "Scale", from: move.from, to: move.to, factor }] })
        if (Result.isFailure(r)) {
          cov.hit("infeasible")
          return r.failure.code === "infeasible"
        }
        cov.hit("applied")
        return Model.profiles(model).every((q) =>
          [0, 5, 11].every((month) =>
            Model.states(model).every((s) => {
              const before = Model.probabilities(model, s.id, q, month)!, after = Model.probabilities(r.success, s.id, q, month)!
              const sum = Object.values(after).reduce((a, b) => a + b, 0)
              if (Math.abs(sum - 1) > 1e-9 || Object.values(after).some((p) => p < 0)) return false
              if (s.id !== move.from) return JSON.stringify(before) === JSON.stringify(after)
              return (after[move.to] ?? 0) >= (before[move.to] ?? 0) - 1e-9
            })
          )
        )
      })
    )
    expect(cov.share("applied")).toBeGreaterThan(0.3)
    expect(cov.share("infeasible")).toBeGreaterThan(0.02)
  })
})
