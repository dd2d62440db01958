import { Case, Period } from "@jiritsu/core"
import { Result } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { CaseLog, Cohort, Model, Panel, Simulation } from "../src/index.ts"
import * as Arb from "./arbitraries.ts"

const ok = <A, E>(r: Result.Result<A, E>): A => {
  if (Result.isFailure(r)) throw new Error(JSON.stringify(r.failure))
  return r.success
}
const kushiro = Model.kushiro
const start = Period.unsafeMonth("2013-04")
const asOf = Period.unsafeDate("2016-04-01")

const simulated = (model: Model.Model, spec: unknown, months: number, seed: number) => {
  const cohort = ok(Cohort.make(model, spec))
  const result = ok(Simulation.run(model, cohort, { months, seed, record: true }))
  return { cohort, result }
}

const failure = <A>(r: Result.Result<A, Panel.PanelError>): Panel.PanelError => {
  if (Result.isSuccess(r)) throw new Error("expected a PanelError")
  return r.failure
}

describe("Panel.fromCaseEvents", () => {
  it("reads the core's case events: a case from assessment through intermediate work to a placement and back", () => {
    const d = Period.unsafeDate
    const worker: Case.Actor = { organisation: "consultation_agency", role: "employment_support_worker" }
    const cw: Case.Actor = { organisation: "municipality", role: "caseworker" }
    const commands: ReadonlyArray<Case.Command> = [
      { _tag: "OpenCase", occurredAt: d("2013-04-01"), actor: cw, caseId: "k-1", subjectId: "p-1", publicAssistance: true },
      { _tag: "Assess", occurredAt: d("2013-04-08"), actor: worker, startingStage: "social_life" },
      { _tag: "DraftPlan", occurredAt: d("2013-04-15"), actor: worker, planId: "plan-1", goals: ["work"] },
      { _tag: "HoldCoordinationMeeting", occurredAt: d("2013-04-22"), actor: cw, planId: "plan-1", outcome: "approved", participants: ["municipality"] },
      { _tag: "DecideSupport", occurredAt: d("2013-04-23"), actor: cw, planId: "plan-1", services: ["intermediate_work"], authorisedStages: [] },
      { _tag: "StartDelivery", occurredAt: d("2013-05-01"), actor: worker },
      { _tag: "MoveStage", occurredAt: d("2013-06-01"), actor: worker, to: "intermediate_work_unpaid", reason: "ready_for_work_experience" },
      { _tag: "MoveStage", occurredAt: d("2013-08-20"), actor: worker, to: "employment", reason: "ready_for_job_search" },
      { _tag: "RecordPlacement", occurredAt: d("2013-09-02"), actor: worker, placementId: "job-1", employer: "fishery", startDate: d("2013-09-02"), hoursPerWeek: 30, disclosure: "not_disclosed" },
      { _tag: "RecordSeparation", occurredAt: d("2013-11-15"), actor: worker, placementId: "job-1", reason: "resigned", returnTo: { stage: "intermediate_work_unpaid", reason: "separated" } }
    ]
    let state = Case.initial
    const rows: Array<Panel.LogRow> = []
    for (const c of commands) {
      const r = ok(Case.handle(state, c))
      state = r.state
      for (const event of r.events) rows.push({ stream: "k-1", event })
    }
    const panel = ok(Panel.fromCaseEvents(kushiro, rows, { asOf: d("2014-01-31") }))
    expect(Panel.toCsv(panel)).toBe(
      [
        "subject,time,state,group",
        // Observed on the 8th of each month from the assessment: social life, unpaid intermediate work, in work, back.
        ...["2", "2", "3", "3", "3", "6", "6", "6", "3", "3"].map((s, t) => `k-1,${t},${s},welfare_recipient`),
        ""
      ].join("\n")
    )
    // Exact stays in days: social life 54 days, unpaid intermediate work 80, job search 13, work 74, then still in intermediate work.
    expect(panel.stays.map((s) => `${panel.states[s.state]!.id}:${s.duration}${s.ended ? "" : "+"}`)).toEqual([
      "social_life:54",
      "intermediate_work_unpaid:80",
      "employment:13",
      "employed:74",
      "intermediate_work_unpaid:77+"
    ])
  })

  it("names the row and column of an unreadable log row", () => {
    const { cohort, result } = simulated(kushiro, Cohort.kushiroSpec(20), 12, 3)
    const rows = ok(CaseLog.fromSimulation(result, cohort, { start }))
    const at = (bad: ReadonlyArray<unknown>) => {
      const e = failure(Panel.fromCaseEvents(kushiro, bad, { asOf }))
      return `${e.code} ${e.row} ${e.column}`
    }
    expect(at([...rows.slice(0, 3), { stream: "x" }])).toBe("invalid_row 3 event._tag")
    expect(at([...rows.slice(0, 3), "not a row"])).toBe("invalid_row 3 stream")
    expect(at([{ ...rows[0]!, extra: 1 }])).toBe("invalid_row 0 extra")
    expect(at([rows[0], { stream: rows[0]!.stream, event: { ...(rows[1]!.event as object), occurredAt: "2013-02-30" } }])).toBe("invalid_row 1 event.occurredAt")
    expect(at([rows[0], { stream: rows[0]!.stream, event: { ...(rows[1]!.event as object), startingStage: "nowhere" } }])).toBe("unknown_stage 1 event.startingStage")
    const failure2 = Panel.fromCaseEvents(kushiro, rows, { asOf: "2013-13-01" as Period.LocalDate })
    expect(Result.isFailure(failure2) && failure2.failure.code).toBe("invalid_options")
  })
})

describe("Panel.fromCsv", () => {
  const text = ["subject,time,state,group", "a,0,2,welfare_recipient", "a,1,social_life,welfare_recipient", "a,2,5,welfare_recipient", "a,3,6,welfare_recipient", "b,0,1,needy_person", "b,1,8,needy_person", ""].join("\n")

  it("reads msm's layout (state numbers or ids), keeps covariates and measures stays in months", () => {
    const panel = ok(Panel.fromCsv(kushiro, text))
    expect(panel.subjects).toEqual(["a", "b"])
    expect(Array.from(panel.state)).toEqual([1, 1, 4, 5, 0, 7])
    expect(panel.covariates["group"]).toEqual(["welfare_recipient", "welfare_recipient", "welfare_recipient", "welfare_recipient", "needy_person", "needy_person"])
    expect(Panel.toCsv(panel)).toBe(text.replace("a,1,social_life", "a,1,2"))
    expect(panel.stays.map((s) => `${panel.subjects[s.subject]}:${panel.states[s.state]!.id}:${s.duration}${s.ended ? "" : "+"}`)).toEqual(["a:social_life:2", "a:employment:1", "a:employed:0+", "b:daily_living:1"])
    expect(Panel.legend(panel).split("\n")[6]).toBe("6,employed,In work (placed),就職（就労中）,substate,1")
  })

  it("names the line and column of every kind of bad row", () => {
    const at = (csv: string, options: { readonly offGraph?: Panel.OffGraph } = {}) => {
      const e = failure(Panel.fromCsv(kushiro, csv, options))
      return `${e.code} ${e.line} ${e.column}`
    }
    const lines = text.split("\n")
    const withLine = (i: number, line: string) => lines.map((l, j) => (j === i ? line : l)).join("\n")
    expect(at("")).toBe("missing_column 1 subject")
    expect(at(withLine(0, "id,time,state,group"))).toBe("missing_column 1 subject")
    expect(at(withLine(0, "subject,time,state,group,group"))).toBe("missing_column 1 group")
    expect(at(withLine(2, "a,1,nowhere,welfare_recipient"))).toBe("unknown_stage 3 state")
    expect(at(withLine(2, "a,1,9,welfare_recipient"))).toBe("unknown_stage 3 state")
    expect(at(withLine(2, "a,one,2,welfare_recipient"))).toBe("invalid_csv 3 time")
    expect(at(withLine(2, "a,0,2,welfare_recipient"))).toBe("out_of_order 3 time")
    expect(at(withLine(2, "a,1,2"))).toBe("invalid_csv 3 column 4")
    expect(at(withLine(2, ",1,2,welfare_recipient"))).toBe("invalid_csv 3 subject")
    expect(at(withLine(2, "a,1,2,pensioner"))).toBe("unknown_level 3 group")
    expect(at(withLine(2, 'a,1,"2,welfare_recipient'))).toBe("invalid_csv 3 column 3")
    expect(at([...lines.slice(0, 7), "a,9,5,welfare_recipient", ""].join("\n"))).toBe("not_contiguous 8 subject")
    expect(at(withLine(6, "b,1,1,needy_person") + "b,0,2,needy_person\n")).toBe("out_of_order 8 time")
    expect(at(withLine(5, "b,0,7,needy_person"))).toBe("after_exit 7 state")
    // Daily living straight to work is no move of the Kushiro graph.
    expect(at(withLine(6, "b,1,5,needy_person"))).toBe("edge_not_in_graph 7 state")
    expect(Result.isSuccess(Panel.fromCsv(kushiro, withLine(6, "b,1,5,needy_person"), { offGraph: "keep" }))).toBe(true)
  })
})

describe("properties", () => {
  it("a simulated case log (every command accepted by the core's decider) gives the same panel as the simulation it came from", () => {
    const cov = Arb.coverage()
    fc.assert(
      fc.property(Arb.scenario({ maxCount: 4, entryOnly: true, maxMonths: 14 }), ({ model, spec, months, seed }) => {
        cov.run()
        const { cohort, result } = simulated(model, spec, months, seed)
        const rows = ok(CaseLog.fromSimulation(result, cohort, { start }))
        const fromLog = ok(Panel.fromCaseEvents(model, rows, { asOf: Period.firstDayOf(Period.addMonthsToMonth(start, months)), covariates: () => ({}) }))
        const fromSim = ok(Panel.fromSimulation(result, cohort))
        const strip = (p: Panel.Panel) => Panel.toCsv({ ...p, covariates: {} })
        cov.hit("placements", rows.some((r) => (r.event as Case.Event)._tag === "PlacementRecorded"))
        cov.hit("exits", rows.some((r) => (r.event as Case.Event)._tag === "CaseClosed"))
        cov.hit("stage moves", rows.some((r) => (r.event as Case.Event)._tag === "StageMoved"))
        return strip(fromLog) === strip(fromSim)
      })
    )
    expect(cov.share("placements")).toBeGreaterThan(0.1)
    expect(cov.share("exits")).toBeGreaterThan(0.1)
    expect(cov.share("stage moves")).toBeGreaterThan(0.3)
  })

  it("an event log with an unknown stage, dates out of order or a move along no edge is a typed error naming the row and column", () => {
    const { cohort, result } = simulated(kushiro, Cohort.kushiroSpec(40), 18, 21)
    const rows = ok(CaseLog.fromSimulation(result, cohort, { start }))
    const moves = rows.flatMap((r, i) => ((r.event as Case.Event)._tag === "StageMoved" ? [i] : []))
    const cov = Arb.coverage()
    fc.assert(
      fc.property(fc.constantFrom(...moves), fc.constantFrom("unknown_to", "unknown_from", "no_edge", "wrong_from", "earlier"), fc.stringMatching(/^[a-z]{3,8}$/), (i, kind, name) => {
        cov.run()
        cov.hit(kind)
        const row = rows[i]!
        const event = row.event as Extract<Case.Event, { _tag: "StageMoved" }>
        const nodes = Model.states(kushiro).filter((s) => s.kind === "node").map((s) => s.id)
        const noEdge = nodes.find((n) => n !== event.from && n !== event.to && !kushiro.graph.edges.some((e) => e.from === event.from && e.to === n))
        const previous = rows.slice(0, i).reverse().find((r) => r.stream === row.stream)!
        const changed: Record<string, unknown> =
          kind === "unknown_to" ? { ...event, to: `x${name}` }
          : kind === "unknown_from" ? { ...event, from: `x${name}` }
          : kind === "no_edge" ? { ...event, to: noEdge ?? event.to }
          : kind === "wrong_from" ? { ...event, from: nodes.find((n) => n !== event.from)! }
          : { ...event, occurredAt: Period.addDays((previous.event as Case.Event).occurredAt, -1) }
        const bad = rows.map((r, j) => (j === i ? { stream: r.stream, event: changed } : r))
        const e = Panel.fromCaseEvents(kushiro, bad, { asOf })
        if (Result.isSuccess(e)) return kind === "no_edge" && noEdge === undefined
        const expected = { unknown_to: ["unknown_stage", "event.to"], unknown_from: ["unknown_stage", "event.from"], no_edge: ["edge_not_in_graph", "event.to"], wrong_from: ["inconsistent_move", "event.from"], earlier: ["out_of_order", "event.occurredAt"] }[kind]
        return e.failure.row === i && e.failure.code === expected[0] && e.failure.column === expected[1] && e.failure.message.startsWith(`row ${i}, ${expected[1]}:`)
      })
    )
    for (const kind of ["unknown_to", "unknown_from", "no_edge", "wrong_from", "earlier"]) expect(cov.share(kind), kind).toBeGreaterThan(0.1)
  })

  it("any corruption of a panel CSV is a typed error naming a line and a column, or a panel — never an exception or NaN", () => {
    const { cohort, result } = simulated(kushiro, Cohort.kushiroSpec(30), 12, 4)
    const csv = Panel.toCsv(ok(Panel.fromSimulation(result, cohort)))
    const lines = csv.split("\n")
    const cov = Arb.coverage()
    fc.assert(
      fc.property(fc.integer({ min: 0, max: lines.length - 2 }), fc.string({ unit: fc.constantFrom("a", "1", "9", ",", '"', "-", ".", " ", "\r", "x", "employed"), maxLength: 12 }), (i, junk) => {
        cov.run()
        const bad = lines.map((l, j) => (j === i ? junk : l)).join("\n")
        const r = Panel.fromCsv(kushiro, bad)
        if (Result.isSuccess(r)) {
          cov.hit("accepted")
          return Array.from(r.success.time).every(Number.isFinite) && r.success.stays.every((s) => Number.isFinite(s.duration) && s.duration >= 0)
        }
        cov.hit("rejected")
        const e = r.failure
        return typeof e.line === "number" && e.line >= 1 && e.column.length > 0 && e.message.includes(`line ${e.line}`)
      })
    )
    expect(cov.share("rejected")).toBeGreaterThan(0.5)
  })

  it("a panel CSV round-trips through toCsv and fromCsv", () => {
    fc.assert(
      fc.property(Arb.scenario({ maxCount: 6, maxMonths: 12 }), ({ model, spec, months, seed }) => {
        const { cohort, result } = simulated(model, spec, months, seed)
        const panel = ok(Panel.fromSimulation(result, cohort))
        const again = Panel.fromCsv(model, Panel.toCsv(panel))
        return Result.isSuccess(again) && Panel.toCsv(again.success) === Panel.toCsv(panel) && JSON.stringify(again.success.stays) === JSON.stringify(panel.stays)
      })
    )
  })
})
