import { Stage } from "@jiritsu/core"
import { Result } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Cohort, Model, Simulation } from "../src/index.ts"
import * as Arb from "./arbitraries.ts"

const issuesOf = (input: unknown): ReadonlyArray<Model.ModelIssue> => {
  const r = Model.make(input)
  return Result.isFailure(r) ? r.failure.issues : []
}

describe("Model.kushiro", () => {
  it("is a checked model over the core's Kushiro graph, with a placement substate, two exits and a target-group covariate", () => {
    expect(Result.isSuccess(Model.make(Model.kushiro))).toBe(true)
    expect(Model.kushiro.graph).toEqual(Stage.kushiroGraph)
    expect(Model.states(Model.kushiro).map((s) => `${s.id}:${s.kind}${s.placement ? "+" : ""}`)).toEqual([
      "daily_living:node",
      "social_life:node",
      "intermediate_work_unpaid:node",
      "intermediate_work_paid:node",
      "employment:node",
      "employed:substate+",
      "welfare_exit:exit",
      "support_ended:exit"
    ])
    // Only welfare recipients can leave public assistance.
    expect(Model.probabilities(Model.kushiro, "employed", { group: "needy_person" }, 0)!["welfare_exit"]).toBeUndefined()
    expect(Model.probabilities(Model.kushiro, "employed", { group: "welfare_recipient" }, 0)!["welfare_exit"]).toBeCloseTo(0.045, 9)
  })

  it("classifies every move: edges keep their kind, moves inside a node are placements or separations, exits are exits", () => {
    const byKey = new Map(Model.transitions(Model.kushiro).map((t) => [`${t.from}>${t.to}`, t]))
    expect(byKey.get("social_life>employment")).toMatchObject({ kind: "skip", referral: "hello_work" })
    expect(byKey.get("employment>employed")).toMatchObject({ kind: "within", placement: true })
    expect(byKey.get("employed>intermediate_work_unpaid")).toMatchObject({ kind: "regression", separation: true })
    expect(byKey.get("intermediate_work_paid>employed")).toMatchObject({ kind: "forward", placement: true })
    expect(byKey.get("employed>welfare_exit")).toMatchObject({ kind: "exit", placement: false, separation: false })
  })

  it("expands to one explicit row per state and profile, simulating identically", () => {
    const expanded = Model.expand(Model.kushiro)
    expect(expanded.rows).toHaveLength(6 * 2)
    const cohort = Result.getOrThrow(Cohort.make(Model.kushiro, Cohort.kushiroSpec(500)))
    const a = Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 24, seed: 5 }))
    const b = Result.getOrThrow(Simulation.run(expanded, cohort, { months: 24, seed: 5 }))
    expect(Simulation.occupancy(b)).toEqual(Simulation.occupancy(a))
  })

  it("applies the most specific row: covariates before month ranges before the default", () => {
    const m = Model.unsafeMake({
      ...Model.kushiro,
      rows: [
        ...Model.kushiro.rows,
        { from: "social_life", months: { from: 12 }, p: { social_life: 0.8, employment: 0.2 } },
        { from: "social_life", when: { group: "needy_person" }, p: { social_life: 0.9, employment: 0.1 } }
      ]
    })
    expect(Model.pieces(m)).toEqual([{ from: 0, until: 12 }, { from: 12 }])
    expect(Model.probabilities(m, "social_life", { group: "welfare_recipient" }, 3)!["employment"]).toBeCloseTo(0.04, 9)
    expect(Model.probabilities(m, "social_life", { group: "welfare_recipient" }, 12)!["employment"]).toBeCloseTo(0.2, 9)
    expect(Model.probabilities(m, "social_life", { group: "needy_person" }, 12)!["employment"]).toBeCloseTo(0.1, 9)
  })

  it("names every problem with its row and column", () => {
    const bad = {
      ...Model.kushiro,
      rows: [
        { from: "daily_living", p: { daily_living: 0.9, social_life: 0.2 } },
        { from: "social_life", p: { social_life: 0.5, intermediate_work_paid: 0.5 } },
        { from: "intermediate_work_unpaid", p: { intermediate_work_unpaid: 1.5, social_life: -0.5, nowhere: 0 } },
        { from: "welfare_exit", p: { welfare_exit: 1 } },
        { from: "employment", when: { group: "pensioner", ward: "naka" }, p: { employment: 1 } }
      ]
    }
    const issues = issuesOf(bad)
    const at = (code: string) => issues.filter((i) => i.code === code).map((i) => `${i.row}:${i.column ?? ""}`)
    expect(at("row_sum")).toEqual(["0:p"])
    expect(at("edge_not_in_graph")).toEqual(["1:p.intermediate_work_paid"])
    expect(at("probability_range")).toEqual(["2:p.intermediate_work_unpaid", "2:p.social_life"])
    expect(at("unknown_stage")).toEqual(["2:p.nowhere"])
    expect(at("absorbing_row")).toEqual(["3:from"])
    expect(at("unknown_level")).toEqual(["4:when.group"])
    expect(at("unknown_covariate")).toEqual(["4:when.ward"])
    expect(issues.find((i) => i.code === "row_sum")!.message).toContain("sum to 1.1")
    expect(issues.every((i) => i.messageJa.length > 0)).toBe(true)
  })

  it("refuses unknown keys, a model no row covers, ambiguous rows and a broken graph", () => {
    expect(issuesOf({ ...Model.kushiro, rowz: [] })[0]).toMatchObject({ code: "invalid", path: ["rowz"] })
    expect(issuesOf({ ...Model.kushiro, rows: [{ ...Model.kushiro.rows[0]!, probability: 1 }] })[0]).toMatchObject({ code: "invalid", row: 0, column: "probability" })
    expect(issuesOf({ ...Model.kushiro, rows: Model.kushiro.rows.filter((r) => r.from !== "employment") })).toEqual([expect.objectContaining({ code: "missing_row" })])
    const twice = issuesOf({
      ...Model.kushiro,
      rows: [...Model.kushiro.rows, { from: "employment", months: { from: 0, until: 6 }, p: { employment: 1 } }, { from: "employment", months: { from: 3 }, p: { employment: 1 } }]
    })
    expect(twice).toEqual([expect.objectContaining({ code: "ambiguous_rows" })])
    const graph = { ...Model.kushiro.graph, edges: [...Model.kushiro.graph.edges, { from: "daily_living", to: "nowhere", kind: "forward", reasons: ["ready_now"] }] }
    expect(issuesOf({ ...Model.kushiro, graph }).map((i) => i.code)).toContain("invalid_graph")
    expect(issuesOf({ ...Model.kushiro, substates: [{ id: "employed", node: "work", label: "x", labelJa: "x" }] }).map((i) => i.code)).toContain("unknown_stage")
    expect(issuesOf({ ...Model.kushiro, referrals: [{ from: "daily_living", to: "employment", destination: "hello_work" }] })).toEqual([expect.objectContaining({ code: "edge_not_in_graph", path: ["referrals", 0, "to"] })])
  })
})

describe("Cohort", () => {
  it("builds exact compositions, spreading intake evenly over the months", () => {
    const c = Result.getOrThrow(Cohort.make(Model.kushiro, { groups: [{ stage: "employment", covariates: { group: "welfare_recipient" }, count: 24, entry: { from: 0, until: 12 } }] }))
    expect(c.size).toBe(24)
    expect(Array.from(c.entry)).toEqual(Array.from({ length: 24 }, (_, i) => Math.floor(i / 2)))
    const spec = Cohort.kushiroSpec(1090)
    expect(spec.groups.reduce((n, g) => n + g.count, 0)).toBe(1090)
    expect(spec.groups.filter((g) => g.covariates!["group"] === "welfare_recipient").reduce((n, g) => n + g.count, 0)).toBe(872)
  })

  it("names the field of a bad group", () => {
    const path = (spec: unknown) => {
      const r = Cohort.make(Model.kushiro, spec)
      return Result.isFailure(r) ? r.failure.path : undefined
    }
    expect(path({ groups: [{ stage: "welfare_exit", covariates: { group: "needy_person" }, count: 1 }] })).toEqual(["groups", 0, "stage"])
    expect(path({ groups: [{ stage: "employment", count: 1 }] })).toEqual(["groups", 0, "covariates", "group"])
    expect(path({ groups: [{ stage: "employment", covariates: { group: "x" }, count: 1 }] })).toEqual(["groups", 0, "covariates", "group"])
    expect(path({ groups: [{ stage: "employment", covariates: { group: "needy_person", ward: "naka" }, count: 1 }] })).toEqual(["groups", 0, "covariates", "ward"])
    expect(path({ groups: [{ stage: "employment", covariates: { group: "needy_person" }, count: -1 }] })).toEqual(["groups", 0, "count"])
    expect(path({ groups: [{ stage: "employment", covariates: { group: "needy_person" }, count: 1, entry: { from: 5, until: 5 } }] })).toEqual(["groups", 0, "entry"])
    expect(path({ groups: [], extra: true })).toEqual(["extra"])
    expect(Result.isFailure(Cohort.fromColumns(Model.kushiro, { stage: ["social_life", "welfare_exit"] }))).toBe(true)
    expect(Result.isSuccess(Cohort.fromColumns(Model.kushiro, { stage: ["social_life", 4], profile: [0, 1], entry: [0, 3] }))).toBe(true)
  })
})

describe("properties", () => {
  it("a row whose probabilities miss 1 by more than the tolerance is a row_sum error naming its row; within the tolerance it is accepted", () => {
    const cov = Arb.coverage()
    fc.assert(
      fc.property(
        Arb.model(),
        fc.nat(),
        fc.oneof(fc.double({ min: -0.9, max: 0.9, noNaN: true }).filter((d) => Math.abs(d) > Model.ROW_SUM_TOLERANCE * 1.01), fc.double({ min: -Model.ROW_SUM_TOLERANCE * 0.9, max: Model.ROW_SUM_TOLERANCE * 0.9, noNaN: true })),
        (m, pick, delta) => {
          cov.run()
          const i = pick % m.rows.length
          const row = m.rows[i]!
          const stay = row.p[row.from] ?? 0
          // Shift the staying probability (or add it) by delta, keeping it inside [0, 1].
          const shifted = Math.min(1, Math.max(0, stay + delta))
          const actual = shifted - stay
          const rows = m.rows.map((r, j) => (j === i ? { ...r, p: { ...r.p, [r.from]: shifted } } : r))
          const issues = issuesOf({ ...m, rows })
          const sum = Object.values(rows[i]!.p).reduce((a, b) => a + b, 0)
          if (Math.abs(sum - 1) > Model.ROW_SUM_TOLERANCE) {
            cov.hit("rejected")
            return issues.some((x) => x.code === "row_sum" && x.row === i && x.column === "p")
          }
          cov.hit("accepted", actual !== 0)
          return issues.length === 0
        }
      )
    )
    expect(cov.share("rejected")).toBeGreaterThan(0.3)
    expect(cov.share("accepted")).toBeGreaterThan(0.05)
  })

  it("an outcome outside the graph is an edge_not_in_graph error naming the row and the column p.<state>", () => {
    const cov = Arb.coverage()
    fc.assert(
      fc.property(Arb.model(), fc.nat(), fc.nat(), (m, pickRow, pickTarget) => {
        cov.run()
        const states = Model.states(m)
        const i = pickRow % m.rows.length
        const row = m.rows[i]!
        const from = states.find((s) => s.id === row.from)!
        const outside = states.filter((s) => s.id !== from.id && Model.classify(m, from, s) === undefined)
        if (outside.length === 0) return true
        cov.hit("has a state outside the graph")
        const target = outside[pickTarget % outside.length]!
        const stay = row.p[row.from] ?? 0
        const give = Math.min(stay, 0.1)
        const rows = m.rows.map((r, j) => (j === i ? { ...r, p: { ...r.p, [r.from]: stay - give, [target.id]: give } } : r))
        return issuesOf({ ...m, rows }).some((x) => x.code === "edge_not_in_graph" && x.row === i && x.column === `p.${target.id}`)
      })
    )
    expect(cov.share("has a state outside the graph")).toBeGreaterThan(0.5)
  })

  it("an unknown stage anywhere in a row is an unknown_stage error naming the row and column", () => {
    const cov = Arb.coverage()
    fc.assert(
      fc.property(Arb.model(), fc.nat(), fc.stringMatching(/^[a-z]{1,8}$/), fc.boolean(), (m, pick, name, inFrom) => {
        cov.run()
        if (Model.states(m).some((s) => s.id === name)) return true
        const i = pick % m.rows.length
        const row = m.rows[i]!
        cov.hit(inFrom ? "from" : "outcome")
        const changed = inFrom ? { ...row, from: name } : { ...row, p: { ...row.p, [name]: 0 } }
        const rows = m.rows.map((r, j) => (j === i ? changed : r))
        return issuesOf({ ...m, rows }).some((x) => x.code === "unknown_stage" && x.row === i && x.column === (inFrom ? "from" : `p.${name}`))
      })
    )
    expect(cov.share("from")).toBeGreaterThan(0.3)
    expect(cov.share("outcome")).toBeGreaterThan(0.3)
  })

  it("generated models decode, survive a JSON round trip and expand to an equivalent model", () => {
    fc.assert(
      fc.property(Arb.model(), fc.integer({ min: 0, max: 30 }), (m, month) => {
        const again = Result.getOrThrow(Model.make(JSON.parse(JSON.stringify(m))))
        const expanded = Model.expand(m)
        return Model.profiles(m).every((q) =>
          Model.states(m).every((s) => JSON.stringify(Model.probabilities(again, s.id, q, month)) === JSON.stringify(Model.probabilities(m, s.id, q, month)) && JSON.stringify(Model.probabilities(expanded, s.id, q, month)) === JSON.stringify(Model.probabilities(m, s.id, q, month)))
        )
      })
    )
  })
})
