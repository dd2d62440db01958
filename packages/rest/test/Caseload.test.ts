// Caseload reports (段階の分布と推移・滞留・定着支援) over generated caseloads: the figures agree with
// counts taken straight from the events, and a report as of a date ignores what happened later.
import { Case, Period, Stage } from "@jiritsu/core"
import fc from "fast-check"
import { afterAll, describe, expect, it } from "vitest"
import * as Caseload from "../src/Caseload.ts"

const caseworker: Case.Actor = { organisation: "municipality", role: "caseworker" }
const navigator: Case.Actor = { organisation: "hello_work", role: "hw_navigator" }
const start = Period.unsafeDate("2024-04-01")
const graph = Stage.kushiroGraph

/** A generated case: opened on a day, assessed into an entry stage, moved along the graph's edges, maybe placed and closed. */
const caseStream = (index: number) =>
  fc
    .record({
      openDay: fc.integer({ min: 0, max: 500 }),
      entry: fc.constantFrom(...graph.nodes.map((n) => n.id)),
      moves: fc.array(fc.record({ gap: fc.integer({ min: 1, max: 400 }), pick: fc.nat() }), { maxLength: 6 }),
      placement: fc.option(fc.record({ gap: fc.integer({ min: 1, max: 200 }), followUpsDone: fc.integer({ min: 0, max: 4 }) }), { nil: undefined }),
      closeGap: fc.option(fc.integer({ min: 1, max: 600 }), { nil: undefined })
    })
    .map(({ openDay, entry, moves, placement, closeGap }): Caseload.CaseStream => {
      const caseId = `c-${String(index).padStart(4, "0")}`
      let day = Period.addDays(start, openDay)
      let node = entry
      const events: Array<Case.Event> = [
        { _tag: "CaseOpened", occurredAt: day, actor: caseworker, caseId, subjectId: `p-${index}`, publicAssistance: true },
        { _tag: "Assessed", occurredAt: day, actor: caseworker, startingStage: node, autonomyStage: Stage.node(graph, node)!.stage }
      ]
      for (const m of moves) {
        const out = Stage.outgoing(graph, node)
        if (out.length === 0) break
        const edge = out[m.pick % out.length]!
        day = Period.addDays(day, m.gap)
        events.push({ _tag: "StageMoved", occurredAt: day, actor: caseworker, from: node, to: edge.to, autonomyStage: Stage.node(graph, edge.to)!.stage, kind: edge.kind, reason: edge.reasons[0]!, evidence: [] })
        node = edge.to
      }
      if (placement !== undefined) {
        day = Period.addDays(day, placement.gap)
        events.push({ _tag: "PlacementRecorded", occurredAt: day, actor: navigator, placementId: `${caseId}-job`, employer: "e-1", startDate: day, hoursPerWeek: 30, disclosure: "disclosed", consentRecordIds: [] })
        for (const milestone of Case.followUpMilestones.slice(0, placement.followUpsDone)) {
          events.push({ _tag: "FollowUpRecorded", occurredAt: Period.addMonths(day, milestone), actor: navigator, placementId: `${caseId}-job`, milestone, contact: "person", stillEmployed: true })
        }
      }
      if (closeGap !== undefined) events.push({ _tag: "CaseClosed", occurredAt: Period.addDays(events[events.length - 1]!.occurredAt, closeGap), actor: caseworker, reason: "evaluated" })
      return { caseId, events: [...events].sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0)) }
    })

const caseload = fc.integer({ min: 0, max: 40 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => caseStream(i))))
const asOfDay = fc.integer({ min: 0, max: 1400 }).map((n) => Period.addDays(start, n))

const knownBy = (s: Caseload.CaseStream, asOf: Period.LocalDate) => s.events.filter((e) => e.occurredAt <= asOf)
const openOn = (s: Caseload.CaseStream, asOf: Period.LocalDate): boolean => {
  const known = knownBy(s, asOf)
  return known.some((e) => e._tag === "CaseOpened") && !known.some((e) => e._tag === "CaseClosed")
}

const seen = { regressions: 0, stagnating: 0, due: 0, overdue: 0, notInStageOrEmpty: 0 }
afterAll(() => {
  // The generators must keep reaching the interesting cases, or the properties prove nothing.
  expect(seen.regressions, "runs with a regression in the window").toBeGreaterThan(100)
  expect(seen.stagnating, "runs with a stagnating case").toBeGreaterThan(100)
  expect(seen.due, "runs with a follow-up due").toBeGreaterThan(50)
  expect(seen.overdue, "runs with a follow-up overdue").toBeGreaterThan(100)
})

describe("properties", () => {
  it("stages: people per stage add up to the open cases; flows are the stage moves in the window", () => {
    fc.assert(
      fc.property(caseload, asOfDay, fc.integer({ min: 0, max: 700 }), (streams, asOf, back) => {
        const from = Period.addDays(asOf, -back)
        const r = Caseload.stageReport(streams, asOf, from)
        const open = streams.filter((s) => openOn(s, asOf)).length
        expect(r.stages.reduce((n, s) => n + s.people, 0) + r.notInStage).toBe(open)
        expect(r.stages.map((s) => s.stage)).toEqual(["daily_living", "social_life", "intermediate_work", "employment"])
        const moves = streams.flatMap((s) => s.events).filter((e) => e._tag === "StageMoved" && e.occurredAt >= from && e.occurredAt <= asOf)
        expect(r.flows.reduce((n, f) => n + f.moves, 0)).toBe(moves.length)
        expect(r.regressions).toBe(moves.filter((e) => e._tag === "StageMoved" && e.kind === "regression").length)
        for (const f of r.flows) expect(f.people).toBeLessThanOrEqual(f.moves)
        if (r.regressions > 0) seen.regressions++
      })
    )
  })

  it("time in stage: stays partition the open cases in a stage; every stagnating case is past its threshold", () => {
    fc.assert(
      fc.property(caseload, asOfDay, (streams, asOf) => {
        const r = Caseload.timeInStageReport(streams, asOf)
        const inStage = streams.filter((s) => openOn(s, asOf) && knownBy(s, asOf).some((e) => e._tag === "Assessed")).length
        expect(r.stages.reduce((n, s) => n + s.people, 0)).toBe(inStage)
        for (const s of r.stages) {
          expect(s.buckets.reduce((n, b) => n + b.people, 0)).toBe(s.people)
          expect(s.stagnating).toBe(r.stagnating.filter((c) => c.stage === s.stage).length)
          if (s.people > 0) expect(s.medianDays!).toBeLessThanOrEqual(s.maxDays!)
        }
        for (const c of r.stagnating) expect(c.days).toBeGreaterThanOrEqual(c.thresholdDays)
        for (let i = 1; i < r.stagnating.length; i++) expect(r.stagnating[i - 1]!.days).toBeGreaterThanOrEqual(r.stagnating[i]!.days)
        if (r.stagnating.length > 0) seen.stagnating++
      })
    )
  })

  it("follow-ups: exactly the due and overdue milestones of the core's schedule, overdue first", () => {
    fc.assert(
      fc.property(caseload, asOfDay, (streams, asOf) => {
        const r = Caseload.followUpReport(streams, asOf)
        const expected = streams.flatMap((s) => Case.followUpSchedule(Case.replay(knownBy(s, asOf)), asOf).filter((f) => f.status === "due" || f.status === "overdue"))
        expect(r.items.length).toBe(expected.length)
        expect(r.due + r.overdue).toBe(r.items.length)
        const firstDue = r.items.findIndex((i) => i.status === "due")
        if (firstDue >= 0) expect(r.items.slice(firstDue).every((i) => i.status === "due")).toBe(true)
        for (const i of r.items) expect(i.daysPastDue).toBe(Period.diffDays(i.dueDate, asOf))
        if (r.due > 0) seen.due++
        if (r.overdue > 0) seen.overdue++
      })
    )
  })

  it("a report as of a date ignores every event after it", () => {
    fc.assert(
      fc.property(caseload, asOfDay, (streams, asOf) => {
        const cut = streams.map((s) => ({ caseId: s.caseId, events: knownBy(s, asOf) }))
        const from = Period.fiscalYearWindow(Period.fiscalYearOf(asOf)).from
        expect(Caseload.stageReport(streams, asOf, from)).toEqual(Caseload.stageReport(cut, asOf, from))
        expect(Caseload.timeInStageReport(streams, asOf)).toEqual(Caseload.timeInStageReport(cut, asOf))
        expect(Caseload.followUpReport(streams, asOf)).toEqual(Caseload.followUpReport(cut, asOf))
      })
    )
  })
})

describe("examples", () => {
  it("an empty caseload has every stage at zero and nothing due", () => {
    const asOf = Period.unsafeDate("2025-10-31")
    const stages = Caseload.stageReport([], asOf, Period.unsafeDate("2025-04-01"))
    expect(stages.stages.map((s) => s.people)).toEqual([0, 0, 0, 0])
    expect(stages.window).toEqual({ from: "2025-04-01", until: "2025-11-01" })
    expect(Caseload.timeInStageReport([], asOf).stagnating).toEqual([])
    expect(Caseload.followUpReport([], asOf)).toEqual({ asOf, graceDays: 14, due: 0, overdue: 0, items: [] })
  })
})
