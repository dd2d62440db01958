import fc from "fast-check"
import { Result, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { coverage } from "./coverage.ts"
import { Case, Period, Stage } from "@jiritsu/core"
import { arbCaseEvents, arbCaseScript, arbCaseStep, arbCleanStageGraph, arbLocalDate, arbMalformedDate, materialise, runScript, type CaseStep } from "./arbitraries.ts"

const d = Period.unsafeDate
const kushiro = Case.decider()
const cw: Case.Actor = { organisation: "municipality", role: "caseworker" }

describe("Case: decoding at the boundary", () => {
  it("decodes a JSON command and refuses a malformed one with the field path", () => {
    const ok = Case.decodeCommand({ _tag: "OpenCase", occurredAt: "2013-04-01", actor: cw, caseId: "c", subjectId: "p", publicAssistance: true })
    expect(Result.isSuccess(ok)).toBe(true)
    const bad = Case.decideUnknown(Case.initial, { _tag: "OpenCase", occurredAt: "2013-02-30", actor: { organisation: "city", role: "caseworker" }, caseId: "", subjectId: "p", publicAssistance: "yes" })
    expect(Result.isFailure(bad)).toBe(true)
    if (Result.isFailure(bad) && bad.failure._tag === "InvalidCommand") {
      expect(bad.failure.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["occurredAt", "actor.organisation", "caseId", "publicAssistance"]))
    } else throw new Error("expected InvalidCommand")
  })

  it("refuses hours per week outside (0, 168]", () => {
    for (const hoursPerWeek of [0, -5, 200]) {
      const r = Case.decodeCommand({ _tag: "RecordPlacement", occurredAt: "2013-04-01", actor: cw, placementId: "p", employer: "e", startDate: "2013-04-01", hoursPerWeek, disclosure: "not_disclosed" })
      expect(Result.isFailure(r) && r.failure.path).toEqual(["hoursPerWeek"])
    }
  })
})

describe("Case: schemas for adapters", () => {
  it("commands, events, state and refusals have JSON Schema documents naming every variant", () => {
    const commandDoc = JSON.stringify(Schema.toJsonSchemaDocument(Case.Command))
    for (const tag of Object.keys(Case.Command.cases)) expect(commandDoc).toContain(`"${tag}"`)
    const eventDoc = JSON.stringify(Schema.toJsonSchemaDocument(Case.Event))
    for (const tag of Object.keys(Case.Event.cases)) expect(eventDoc).toContain(`"${tag}"`)
    expect(JSON.stringify(Schema.toJsonSchemaDocument(Case.CaseState))).toContain("stageHistory")
    expect(JSON.stringify(Schema.toJsonSchemaDocument(Case.Refusal))).toContain("EdgeNotInGraph")
  })
})

describe("Case: tests generated from the graph (Stage.edgeCoveringPaths)", () => {
  it("every edge of the Kushiro graph, with every one of its reasons, is accepted after a support decision", () => {
    const authorised = graph.nodes.filter((n) => n.requiresDecision === true).map((n) => n.id)
    const start = (entry: string): Case.CaseState =>
      Case.replay([
        { _tag: "CaseOpened", occurredAt: d("2020-04-01"), actor: cw, caseId: "c", subjectId: "p", publicAssistance: true },
        { _tag: "Assessed", occurredAt: d("2020-04-02"), actor: cw, startingStage: entry, autonomyStage: Stage.node(graph, entry)!.stage },
        { _tag: "PlanDrafted", occurredAt: d("2020-04-03"), actor: cw, planId: "p", goals: [], revision: 1 },
        { _tag: "CoordinationMeetingHeld", occurredAt: d("2020-04-04"), actor: cw, planId: "p", outcome: "approved", participants: [] },
        { _tag: "SupportDecided", occurredAt: d("2020-04-05"), actor: cw, planId: "p", services: [], authorisedStages: authorised }
      ])
    const paths = Stage.edgeCoveringPaths(graph)
    expect(paths.map((p) => p.path[p.path.length - 1])).toEqual(graph.edges)
    for (const { entry, path } of paths) {
      const last = path[path.length - 1]!
      for (const reason of last.reasons) {
        let state = start(entry)
        path.forEach((e, i) => {
          const r = Case.handle(state, { _tag: "MoveStage", occurredAt: Period.addDays(d("2020-05-01"), i), actor: cw, to: e.to, reason: e === last ? reason : e.reasons[0]! })
          if (Result.isFailure(r)) throw new Error(`${e.from} → ${e.to} (${reason}): ${r.failure.message}`)
          state = r.success.state
        })
        expect(state.stage).toBe(last.to)
        expect(Case.invariantViolations(state)).toEqual([])
      }
    }
  })
})

describe("Case: invariants catch corrupted histories", () => {
  const opened = Case.replay([
    { _tag: "CaseOpened", occurredAt: d("2013-04-01"), actor: cw, caseId: "c", subjectId: "p", publicAssistance: true },
    { _tag: "Assessed", occurredAt: d("2013-04-02"), actor: cw, startingStage: "daily_living", autonomyStage: "daily_living" }
  ])

  it("a move that is not an edge, a reason the edge does not allow, a closure without evaluation", () => {
    const jump = Case.evolve(opened, { _tag: "StageMoved", occurredAt: d("2013-05-01"), actor: cw, from: "daily_living", to: "employment", autonomyStage: "employment", kind: "skip", reason: "ready_now", evidence: [] })
    expect(Case.invariantViolations(jump)).toEqual(["stage move along a graph edge (daily_living → employment)"])
    const badReason = Case.evolve(opened, { _tag: "StageMoved", occurredAt: d("2013-05-01"), actor: cw, from: "daily_living", to: "social_life", autonomyStage: "social_life", kind: "forward", reason: "job_offer", evidence: [] })
    expect(Case.invariantViolations(badReason)).toEqual(["stage move with an allowed reason (job_offer)"])
    const closed = Case.evolve(opened, { _tag: "CaseClosed", occurredAt: d("2013-05-01"), actor: cw, reason: "evaluated" })
    expect(Case.invariantViolations(closed)).toEqual(["closure only after an evaluation that concluded close, or with an explicit reason"])
    const early = Case.replay(
      [
        { _tag: "PlacementRecorded", occurredAt: d("2013-05-01"), actor: cw, placementId: "j", employer: "e", startDate: d("2013-06-01"), hoursPerWeek: 20, disclosure: "not_disclosed", consentRecordIds: [] },
        { _tag: "FollowUpRecorded", occurredAt: d("2013-05-02"), actor: cw, placementId: "j", milestone: 1, contact: "person", stillEmployed: true }
      ],
      opened
    )
    expect(Case.invariantViolations(early)).toEqual(["follow-up after the placement start (j)"])
  })
})

describe("Case: each invariant names what a corrupted snapshot breaks", () => {
  const opened = Case.replay([
    { _tag: "CaseOpened", occurredAt: d("2013-04-01"), actor: cw, caseId: "c", subjectId: "p", publicAssistance: true },
    { _tag: "Assessed", occurredAt: d("2013-04-02"), actor: cw, startingStage: "daily_living", autonomyStage: "daily_living" }
  ])
  const moved = Case.evolve(opened, { _tag: "StageMoved", occurredAt: d("2013-05-01"), actor: cw, from: "daily_living", to: "social_life", autonomyStage: "social_life", kind: "forward", reason: "daily_routine_established", evidence: [] })
  const [first, second] = moved.stageHistory as readonly [Case.StageInterval, Case.StageInterval]
  const ended = [first, { ...second, until: d("2013-06-01") }]
  const unopened = Case.replay([{ _tag: "CaseOpened", occurredAt: d("2013-04-01"), actor: cw, caseId: "c", subjectId: "p", publicAssistance: true }])
  const placement = (days: ReadonlyArray<readonly [Case.FollowUpMilestone, string]>): Case.Placement =>
    ({ placementId: "j", employer: "e", startDate: d("2013-05-01"), hoursPerWeek: 20, disclosure: "not_disclosed", consentRecordIds: [], followUps: days.map(([milestone, on]) => ({ milestone, on: d(on), stillEmployed: true, contact: "person" })) }) as unknown as Case.Placement

  it.each<readonly [string, Case.CaseState, ReadonlyArray<string>]>([
    ["a sound history", moved, []],
    ["a closed case with an open stay", { ...opened, phase: "closed", closeReason: "moved_away", stage: undefined }, ["a closed case has no open stage"]],
    ["a closed case without a reason", { ...moved, phase: "closed", stage: undefined, stageHistory: ended }, ["a closed case has a close reason"]],
    ["closed as evaluated after an evaluation that concluded close", { ...moved, phase: "closed", stage: undefined, closeReason: "evaluated", evaluationOutcome: "close", stageHistory: ended }, []],
    ["two open stays", { ...moved, stageHistory: [{ ...first, until: undefined } as unknown as Case.StageInterval, second] }, ["exactly one open stage once assessed (found 2)", "the open stage is the current stage", "stays are contiguous within an episode"]],
    ["no open stay once assessed", { ...moved, stageHistory: ended }, ["exactly one open stage once assessed (found 0)", "the open stage is the latest one"]],
    ["a current stage that is not the open stay", { ...moved, stage: "daily_living" }, ["the open stage is the current stage"]],
    ["an open stay that is not the latest", { ...moved, stageHistory: [second, { ...first, from: d("2013-05-01"), until: d("2013-06-01") }] }, ["the open stage is the latest one"]],
    ["a gap between stays", { ...moved, stageHistory: [{ ...first, until: d("2013-04-20") }, second] }, ["stays are contiguous within an episode"]],
    ["a stage before the assessment", { ...unopened, stage: "daily_living" }, ["no open stage before the assessment"]],
    ["an open stay of an earlier episode", { ...unopened, episode: 2, stageHistory: [second] }, ["no open stage before the assessment"]],
    ["a re-assessment at a stage that is no entry", { ...moved, stage: "intermediate_work_paid", stageHistory: [first, { ...second, kind: "assessment", reason: "assessment", stage: "intermediate_work_paid", autonomyStage: "intermediate_work" }] }, ["assessment starts at an entry stage (intermediate_work_paid)"]],
    ["a re-assessment after a gap, at an entry stage", { ...moved, stageHistory: [{ ...first, until: d("2013-04-20") }, { ...second, kind: "assessment", reason: "assessment" }] }, []],
    ["two follow-ups for one milestone", { ...moved, placements: [placement([[1, "2013-06-01"], [1, "2013-06-02"]])] }, ["one follow-up per milestone (j)"]],
    ["a follow-up on the day the job starts", { ...moved, placements: [placement([[1, "2013-05-01"]])] }, []],
    ["an event before the case opened", { ...moved, lastEventAt: d("2013-03-31") }, ["no event before the case opened"]],
    ["an event on the day the case opened", { ...moved, lastEventAt: d("2013-04-01") }, []]
  ])("%s", (_, state, violations) => {
    expect(Case.invariantViolations(state)).toEqual(violations)
  })
})

describe("Case: a decider over a programme's own graph", () => {
  const graph: Stage.StageGraph = {
    id: "two_step",
    version: "1",
    label: "Two steps",
    labelJa: "二段階",
    nodes: [
      { id: "preparing", stage: "preparing", label: "Preparing", labelJa: "準備", rank: 0 },
      { id: "working", stage: "working", label: "Working", labelJa: "就労", rank: 1 }
    ],
    edges: [{ from: "preparing", to: "working", kind: "forward", reasons: ["hired"] }],
    reasons: [{ code: "hired", label: "Hired", labelJa: "採用" }],
    entry: ["preparing"],
    goals: ["working"]
  }
  const custom = Case.decider({ graph, consentRequiredFor: ["hello_work", "private_placement"] })

  it("checks moves against that graph and its consent list", () => {
    const events: ReadonlyArray<Case.Event> = [
      { _tag: "CaseOpened", occurredAt: d("2022-04-01"), actor: cw, caseId: "c", subjectId: "p", publicAssistance: false },
      { _tag: "Assessed", occurredAt: d("2022-04-02"), actor: cw, startingStage: "preparing", autonomyStage: "preparing" },
      { _tag: "PlanDrafted", occurredAt: d("2022-04-03"), actor: cw, planId: "p1", goals: [], revision: 1 },
      { _tag: "CoordinationMeetingHeld", occurredAt: d("2022-04-04"), actor: cw, planId: "p1", outcome: "approved", participants: [] },
      { _tag: "SupportDecided", occurredAt: d("2022-04-05"), actor: cw, planId: "p1", services: [], authorisedStages: [] }
    ]
    const s = custom.replay(events)
    expect(Result.isSuccess(custom.decide(s, { _tag: "MoveStage", occurredAt: d("2022-05-01"), actor: cw, to: "working", reason: "hired" }))).toBe(true)
    expect(custom.decide(s, { _tag: "MoveStage", occurredAt: d("2022-05-01"), actor: cw, to: "employment", reason: "hired" })).toMatchObject({ failure: { _tag: "UnknownStage", graph: "two_step" } })
    expect(custom.decide(s, { _tag: "Refer", occurredAt: d("2022-05-01"), actor: cw, referralId: "r", destination: "private_placement" })).toMatchObject({ failure: { _tag: "ConsentMissing" } })
    const gated = Case.decider({ graph: { ...graph, nodes: graph.nodes.map((n) => ({ ...n, requiresDecision: true })) } })
    expect(gated.decide(gated.replay(events.slice(0, 1)), { _tag: "Assess", occurredAt: d("2022-04-02"), actor: cw, startingStage: "preparing" })).toMatchObject({
      failure: { _tag: "StageNotAuthorised", path: ["startingStage"] }
    })
    expect(Case.invariantViolations(custom.replay([{ _tag: "StageMoved", occurredAt: d("2022-05-01"), actor: cw, from: "preparing", to: "working", autonomyStage: "working", kind: "forward", reason: "hired", evidence: [] }], s), graph)).toEqual([])
  })
})

// ---------------------------------------------------------------------------------------------
// Reference model for the model-based law: a deliberately plain re-statement of the rules.
// ---------------------------------------------------------------------------------------------

interface Model {
  phase: Case.Phase
  stage: string | undefined
  supportDecided: boolean
  authorised: ReadonlySet<string>
  evaluation: "continue" | "close" | undefined
  planId: string | undefined
  opened: string | undefined
  last: string | undefined
  publicAssistance: boolean
  birth: string | undefined
  referrals: Map<string, Case.ReferralStatus>
  placements: Map<string, { start: string; separated: string | undefined; disclosure: Case.Disclosure; done: Set<number> }>
}

const newModel = (): Model => ({
  phase: "none",
  stage: undefined,
  supportDecided: false,
  authorised: new Set(),
  evaluation: undefined,
  planId: undefined,
  opened: undefined,
  last: undefined,
  publicAssistance: false,
  birth: undefined,
  referrals: new Map(),
  placements: new Map()
})

const graph = Stage.kushiroGraph
const isOpen = (m: Model) => m.phase !== "none" && m.phase !== "closed"
const recipientClasses: Readonly<Record<string, ReadonlyArray<string>>> = { hello_work: ["hello-work"], employer: ["employer", "prospective-employer"] }
const permits = (c: Case.ConsentDecision | undefined, recipient: string) =>
  c?._tag === "Permit" && (c.request === undefined || recipientClasses[recipient] === undefined || recipientClasses[recipient]!.includes(c.request.recipient.class))
const canMove = (m: Model, to: string, reason: string) => {
  const e = graph.edges.find((x) => x.from === m.stage && x.to === to)
  const target = graph.nodes.find((n) => n.id === to)
  return m.stage !== undefined && e !== undefined && e.reasons.includes(reason) && target !== undefined && (target.requiresDecision !== true || m.authorised.has(to))
}
const canReturn = (m: Model, r: Case.StageReturn | undefined) => r === undefined || (isOpen(m) && m.supportDecided && canMove(m, r.stage, r.reason))
const ageOk = (m: Model, dest: Case.Destination, at: Period.LocalDate) => {
  if (m.birth === undefined) return true
  const age = Period.ageAt(m.birth as Period.LocalDate, at)
  return dest === "silver_center" ? age >= 60 : dest === "youth_support_station" ? age >= 15 && age <= 49 : true
}

const predict = (m: Model, c: Case.Command): boolean => {
  if ((c.actor.role === "hw_navigator" && c.actor.organisation !== "hello_work") || (c.actor.role === "caseworker" && c.actor.organisation !== "municipality")) return false
  if (c._tag === "OpenCase") return m.phase === "none"
  if (m.phase === "none" || c.occurredAt < m.opened! || c.occurredAt < m.last!) return false
  const support = isOpen(m) && m.supportDecided
  switch (c._tag) {
    case "ReopenCase":
      return m.phase === "closed" && c.reason.trim() !== ""
    case "Assess":
      return m.phase === "intake" && graph.entry.includes(c.startingStage)
    case "DraftPlan":
      return m.phase === "assessed" || m.phase === "planned" || (m.phase === "evaluated" && m.evaluation === "continue")
    case "HoldCoordinationMeeting":
      return m.phase === "planned" && c.planId === m.planId
    case "DecideSupport":
      return m.phase === "coordinated" && c.actor.organisation === "municipality" && c.planId === m.planId && c.authorisedStages.every((s) => graph.nodes.some((n) => n.id === s))
    case "StartDelivery":
      return m.phase === "decided"
    case "RecordMonitoring":
      return m.phase === "delivery" || m.phase === "monitoring"
    case "Evaluate":
      return m.phase === "monitoring"
    case "CloseCase":
      return isOpen(m) && (c.reason !== "evaluated" || (m.phase === "evaluated" && m.evaluation === "close"))
    case "ProvideEmergencySupport":
      return isOpen(m)
    case "HoldPreConsultation":
      return (m.phase === "intake" || m.phase === "assessed") && permits(c.consent, "hello_work")
    case "MoveStage":
      return support && canMove(m, c.to, c.reason)
    case "Refer":
      return support && !m.referrals.has(c.referralId) && ageOk(m, c.destination, c.occurredAt) && (c.destination !== "hello_work" || permits(c.consent, "hello_work"))
    case "RecordReferralOutcome": {
      const status = m.referrals.get(c.referralId)
      return status !== undefined && (status === "open" || (status === "accepted" && c.outcome !== "accepted")) && canReturn(m, c.returnTo)
    }
    case "RecordPlacement":
      return (
        support &&
        !m.placements.has(c.placementId) &&
        c.startDate >= m.opened! &&
        (c.referralId === undefined || m.referrals.has(c.referralId)) &&
        (c.disclosure !== "disclosed" || permits(c.consent, "employer"))
      )
    case "RecordFollowUp": {
      const p = m.placements.get(c.placementId)
      return (
        p !== undefined &&
        p.separated === undefined &&
        c.occurredAt >= p.start &&
        !p.done.has(c.milestone) &&
        c.occurredAt >= Period.addDays(Period.addMonths(p.start as Period.LocalDate, c.milestone), -14) &&
        !(c.contact === "employer" && p.disclosure === "not_disclosed")
      )
    }
    case "RecordSeparation": {
      const p = m.placements.get(c.placementId)
      return p !== undefined && p.separated === undefined && c.occurredAt >= p.start && canReturn(m, c.returnTo)
    }
    case "RecordWelfareExit":
      return isOpen(m) && m.publicAssistance && (c.placementId === undefined || m.placements.has(c.placementId))
  }
}

const apply = (m: Model, c: Case.Command): void => {
  m.last = c.occurredAt
  switch (c._tag) {
    case "OpenCase":
      Object.assign(m, { phase: "intake", opened: c.occurredAt, publicAssistance: c.publicAssistance, birth: c.birthDate })
      return
    case "ReopenCase":
      Object.assign(m, { phase: "intake", stage: undefined, supportDecided: false, authorised: new Set(), evaluation: undefined, planId: undefined, publicAssistance: c.publicAssistance ?? m.publicAssistance })
      return
    case "Assess":
      Object.assign(m, { phase: "assessed", stage: c.startingStage })
      return
    case "DraftPlan":
      Object.assign(m, { phase: "planned", planId: c.planId, evaluation: undefined })
      return
    case "HoldCoordinationMeeting":
      if (c.outcome === "approved") m.phase = "coordinated"
      return
    case "DecideSupport":
      Object.assign(m, { phase: "decided", supportDecided: true, authorised: new Set(c.authorisedStages) })
      return
    case "StartDelivery":
      m.phase = "delivery"
      return
    case "RecordMonitoring":
      m.phase = "monitoring"
      return
    case "Evaluate":
      Object.assign(m, { phase: "evaluated", evaluation: c.outcome })
      return
    case "CloseCase":
      Object.assign(m, { phase: "closed", stage: undefined })
      return
    case "MoveStage":
      m.stage = c.to
      return
    case "Refer":
      m.referrals.set(c.referralId, "open")
      return
    case "RecordReferralOutcome":
      m.referrals.set(c.referralId, c.outcome)
      if (c.returnTo) m.stage = c.returnTo.stage
      return
    case "RecordPlacement":
      m.placements.set(c.placementId, { start: c.startDate, separated: undefined, disclosure: c.disclosure, done: new Set() })
      return
    case "RecordFollowUp":
      m.placements.get(c.placementId)!.done.add(c.milestone)
      return
    case "RecordSeparation":
      m.placements.get(c.placementId)!.separated = c.occurredAt
      if (c.returnTo) m.stage = c.returnTo.stage
      return
    case "RecordWelfareExit":
      m.publicAssistance = false
      return
    case "ProvideEmergencySupport":
    case "HoldPreConsultation":
      return
  }
}

const project = (s: Case.CaseState) => ({
  phase: s.phase,
  stage: s.stage,
  supportDecided: s.supportDecided,
  planId: s.planId,
  last: s.lastEventAt,
  publicAssistance: s.publicAssistance,
  referrals: s.referrals.map((r) => [r.referralId, r.status]),
  placements: s.placements.map((p) => [p.placementId, p.separatedAt, p.followUps.map((f) => f.milestone).sort((a, b) => a - b)])
})
const projectModel = (m: Model) => ({
  phase: m.phase,
  stage: m.stage,
  supportDecided: m.supportDecided,
  planId: m.planId,
  last: m.last,
  publicAssistance: m.publicAssistance,
  referrals: [...m.referrals],
  placements: [...m.placements].map(([id, p]) => [id, p.separated, [...p.done].sort((a, b) => a - b)])
})

interface Real {
  state: Case.CaseState
}

class StepCommand implements fc.Command<Model, Real> {
  readonly step: CaseStep
  constructor(step: CaseStep) {
    this.step = step
  }
  check = (): boolean => true
  run(m: Model, r: Real): void {
    const command = materialise(graph, r.state, this.step)
    const expected = predict(m, command)
    const result = kushiro.decide(r.state, command)
    if (Result.isSuccess(result) !== expected) {
      throw new Error(`model says ${expected ? "accept" : "refuse"} but decider ${Result.isSuccess(result) ? "accepted" : `refused (${result.failure.message})`}: ${JSON.stringify(command)}`)
    }
    if (Result.isSuccess(result)) {
      r.state = kushiro.replay(result.success, r.state)
      apply(m, command)
    }
    expect(project(r.state)).toEqual(projectModel(m))
  }
  toString = (): string => JSON.stringify(this.step)
}

const encodeEvent = Schema.encodeUnknownSync(Schema.toCodecJson(Case.Event))
const decodeEvent = Schema.decodeUnknownSync(Schema.toCodecJson(Case.Event))
const encodeState = Schema.encodeUnknownSync(Schema.toCodecJson(Case.CaseState))
const decodeState = Schema.decodeUnknownSync(Schema.toCodecJson(Case.CaseState))

/** Values no field of that name accepts. */
const garbageFor = (field: string): fc.Arbitrary<unknown> => {
  const notJson = fc.oneof(fc.constant(null), fc.constant({}), fc.constant([]), fc.boolean())
  switch (field) {
    case "occurredAt":
    case "startDate":
      return fc.oneof(arbMalformedDate, fc.integer(), notJson)
    case "hoursPerWeek":
      return fc.oneof(fc.double({ max: 0, noNaN: true }), fc.double({ min: 168.0001, noNaN: true }), fc.constant(Number.NaN), fc.string(), notJson)
    case "milestone":
      return fc.oneof(fc.integer().filter((n) => ![1, 3, 6, 12].includes(n)), fc.string(), notJson)
    case "reason": // free text in some commands: only non-strings are wrong everywhere
      return fc.oneof(fc.integer(), notJson)
    default:
      return fc.oneof(fc.integer(), fc.string().filter((x) => !/^[a-z_]+$/.test(x)), notJson)
  }
}

/** A command from the scripts with one field replaced by garbage: the decoder must name that field. */
const arbBrokenCommand = fc
  .tuple(arbCaseScript, arbCaseStep, fc.constantFrom("occurredAt", "actor", "_tag", "startDate", "hoursPerWeek", "destination", "milestone", "reason"))
  .chain(([script, step, field]) => garbageFor(field).map((garbage) => [script, step, field, garbage] as const))
  .map(([script, step, field, garbage]) => {
    const { state } = runScript(kushiro, script)
    const command = materialise(graph, state, step) as unknown as Record<string, unknown>
    return { state, field, input: { ...command, [field]: garbage } as unknown, hadField: field in command }
  })

describe("Case: the generators reach deep states (so the laws are not vacuous)", () => {
  it("a fixed sample of scripts produces every event kind and every refusal the rules can give", () => {
    const events = new Map<string, number>()
    const refusals = new Map<string, number>()
    for (const script of fc.sample(arbCaseScript, { numRuns: 1000, seed: 20131101 })) {
      for (const { result } of runScript(kushiro, script).entries) {
        if (Result.isSuccess(result)) for (const e of result.success) events.set(e._tag, (events.get(e._tag) ?? 0) + 1)
        else refusals.set(result.failure._tag, (refusals.get(result.failure._tag) ?? 0) + 1)
      }
    }
    expect([...events.keys()].sort()).toEqual(Object.keys(Case.Event.cases).sort())
    expect([...refusals.keys()].sort()).toEqual(Object.keys(Case.Refusal.cases).filter((t) => t !== "InvalidCommand").sort())
  })
})

describe("properties", () => {
  it("replay(events) = fold of evolve, and replay from any snapshot continues it (≥ 30 % of runs replay 20 events or more, ≥ 50 % split inside)", () => {
    const cov = coverage({ long: 0.3, inside: 0.5 })
    fc.assert(
      fc.property(arbCaseEvents, fc.nat(), (events, k) => {
        cov.run()
        const split = k % (events.length + 1)
        cov.hit("long", events.length >= 20)
        cov.hit("inside", split > 0 && split < events.length)
        const whole = Case.replay(events)
        const folded = events.reduce(Case.evolve, Case.initial)
        const snapshot = Case.replay(events.slice(0, split))
        const snapshotCopy = structuredClone(snapshot)
        expect(Case.replay(events.slice(split), snapshot)).toEqual(whole)
        expect(snapshot).toEqual(snapshotCopy) // replaying on from a snapshot never writes into it
        expect(folded).toEqual(whole)
        expect(whole.version).toBe(events.length)
      })
    )
    cov.check()
  })

  it("every state reachable by accepted commands satisfies the invariants; stage moves follow graph edges (≥ 30 % of runs move a stage, ≥ 10 % record a follow-up, ≥ 10 % re-open a case)", () => {
    const cov = coverage({ moved: 0.3, followUp: 0.1, reopened: 0.1 })
    fc.assert(
      fc.property(arbCaseScript, (script) => {
        cov.run()
        const { entries, events } = runScript(kushiro, script)
        cov.hit("moved", events.some((e) => e._tag === "StageMoved"))
        cov.hit("followUp", events.some((e) => e._tag === "FollowUpRecorded"))
        cov.hit("reopened", events.some((e) => e._tag === "CaseReopened"))
        for (const entry of entries) expect(Case.invariantViolations(entry.after)).toEqual([])
        for (const e of events) {
          if (e._tag === "StageMoved") expect(Stage.edge(graph, e.from, e.to)?.reasons).toContain(e.reason)
          if (e._tag === "FollowUpRecorded") expect(events.some((p) => p._tag === "PlacementRecorded" && p.placementId === e.placementId)).toBe(true)
        }
      })
    )
    cov.check()
  })

  it("over any clean programme graph too, accepted commands keep the invariants and moves follow its edges (≥ 20 % of runs move a stage)", () => {
    const cov = coverage({ moved: 0.2 })
    fc.assert(
      fc.property(arbCleanStageGraph, arbCaseScript, (programmeGraph, script) => {
        cov.run()
        const programme = Case.decider({ graph: programmeGraph })
        const { entries, events } = runScript(programme, script)
        cov.hit("moved", events.some((e) => e._tag === "StageMoved"))
        for (const entry of entries) expect(Case.invariantViolations(entry.after, programmeGraph)).toEqual([])
        for (const e of events) if (e._tag === "StageMoved") expect(Stage.edge(programmeGraph, e.from, e.to)?.reasons).toContain(e.reason)
      })
    )
    cov.check()
  })

  it("a refused command emits no events and leaves the state unchanged (≥ 30 % of runs refused, ≥ 30 % accepted)", () => {
    const cov = coverage({ refused: 0.3, accepted: 0.3 })
    fc.assert(
      fc.property(arbCaseScript, arbCaseStep, (script, step) => {
        cov.run()
        const { state } = runScript(kushiro, script)
        const before = structuredClone(state)
        const command = materialise(graph, state, step)
        const decided = kushiro.decide(state, command)
        cov.hit(Result.isFailure(decided) ? "refused" : "accepted")
        const handled = kushiro.handle(state, command)
        expect(state).toEqual(before)
        expect(Result.isSuccess(decided)).toBe(Result.isSuccess(handled))
        if (Result.isFailure(decided)) {
          expect(Result.isFailure(handled) && handled.failure).toEqual(decided.failure)
          expect(Case.Refusal.guards[decided.failure._tag](decided.failure)).toBe(true)
        } else {
          expect(decided.success.length).toBeGreaterThan(0)
        }
      })
    )
    cov.check()
  })

  it("model-based: fc.commands runs agree with a plain reference model (≥ 50 % of runs reach a support decision, ≥ 30 % close a case)", () => {
    const cov = coverage({ decided: 0.5, closed: 0.3 })
    fc.assert(
      fc.property(fc.commands([arbCaseStep.map((s) => new StepCommand(s))], { maxCommands: 80, size: "max" }), (cmds) => {
        cov.run()
        const setup = () => ({ model: newModel(), real: { state: Case.initial } })
        let last: Real | undefined
        fc.modelRun(() => {
          const s = setup()
          last = s.real
          return s
        }, cmds)
        cov.hit("decided", last !== undefined && (last.state.supportDecided || last.state.stageHistory.length > 1))
        cov.hit("closed", last !== undefined && (last.state.phase === "closed" || last.state.episode > 1))
      })
    )
    cov.check()
  })

  it("referral to Hello Work is accepted only with a Permit, whose record ids the event keeps (≥ 12 % of runs refer to Hello Work, ≥ 4 % are refused for consent)", () => {
    const cov = coverage({ referred: 0.12, consentRefused: 0.04 })
    fc.assert(
      fc.property(arbCaseScript, (script) => {
        cov.run()
        const { entries } = runScript(kushiro, script)
        for (const { command, result } of entries) {
          if (command._tag !== "Refer" || command.destination !== "hello_work") continue
          cov.hit("consentRefused", Result.isFailure(result) && result.failure._tag.startsWith("Consent"))
          if (Result.isFailure(result)) continue
          cov.hit("referred")
          expect(command.consent?._tag).toBe("Permit")
          const referred = result.success[0]
          expect(referred?._tag === "Referred" && referred.consentRecordIds).toEqual(command.consent?._tag === "Permit" ? command.consent.recordIds : null)
        }
      })
    )
    cov.check()
  })

  it("events and state snapshots round-trip through their Schemas as JSON (≥ 20 % of runs hold a placement)", () => {
    const cov = coverage({ placement: 0.2 })
    fc.assert(
      fc.property(arbCaseEvents, (events) => {
        cov.run()
        cov.hit("placement", events.some((e) => e._tag === "PlacementRecorded"))
        for (const e of events) expect(decodeEvent(JSON.parse(JSON.stringify(encodeEvent(e))))).toEqual(e)
        const state = Case.replay(events)
        expect(decodeState(JSON.parse(JSON.stringify(encodeState(state))))).toEqual(state)
        expect(Result.isSuccess(Case.decodeEvent(JSON.parse(JSON.stringify(events[0]))))).toBe(true)
      })
    )
    cov.check()
  })

  it("generated bad commands give typed refusals naming the broken field, never exceptions (≥ 35 % of runs refused as invalid)", () => {
    const cov = coverage({ invalid: 0.35 })
    fc.assert(
      fc.property(arbBrokenCommand, ({ state, field, input, hadField }) => {
        cov.run()
        const r = kushiro.decideUnknown(state, input)
        cov.hit("invalid", Result.isFailure(r) && r.failure._tag === "InvalidCommand")
        if (Result.isSuccess(r)) return !hadField && field !== "_tag" // an unknown extra key is ignored
        expect(Case.Refusal.guards[r.failure._tag](r.failure)).toBe(true)
        if (r.failure._tag === "InvalidCommand") expect(r.failure.issues.some((i) => i.path[0] === field && i.message.length > 0 && !i.message.includes("[object"))).toBe(true)
        return true
      })
    )
    cov.check()
    // Junk of any shape: objects (with or without a _tag) as well as primitives.
    const junk = coverage({ object: 0.2 })
    fc.assert(
      fc.property(fc.anything(), (input) => {
        junk.run()
        junk.hit("object", typeof input === "object" && input !== null)
        const r = Case.decideUnknown(Case.initial, input)
        return Result.isFailure(r) && r.failure._tag === "InvalidCommand" && r.failure.issues.length > 0
      })
    )
    junk.check()
    const stored = coverage({ object: 0.2 })
    fc.assert(
      fc.property(fc.anything(), (input) => {
        stored.run()
        stored.hit("object", typeof input === "object" && input !== null)
        const r = Case.decodeEvent(input)
        return Result.isFailure(r) && r.failure.every((i) => i.path.length === 0 || i.path[0] === "_tag" || typeof i.path[0] === "string")
      })
    )
    stored.check()
  })

  it("refusals name a field of the command (≥ 50 % of runs refuse a command, ≥ 20 % name a field other than _tag)", () => {
    const cov = coverage({ refusal: 0.5, field: 0.2 })
    fc.assert(
      fc.property(arbCaseScript, (script) => {
        cov.run()
        for (const { command, result } of runScript(kushiro, script).entries) {
          if (Result.isSuccess(result)) continue
          cov.hit("refusal")
          cov.hit("field", result.failure.path[0] !== "_tag")
          const head = result.failure.path[0]
          expect(typeof head === "string" && head in Case.Command.cases[command._tag].fields).toBe(true)
        }
      })
    )
    cov.check()
  })

  it("follow-up status moves forward in time: upcoming → due → overdue, done and cancelled stay (≥ 20 % of runs hold a placement, ≥ 10 % see a status change, ≥ 5 % a due one)", () => {
    const rank = { upcoming: 0, due: 1, overdue: 2, done: 3, cancelled: 4 } as const
    const cov = coverage({ placements: 0.2, due: 0.05, moved: 0.1 })
    fc.assert(
      fc.property(arbCaseEvents, arbLocalDate, fc.nat(), fc.integer({ min: -20, max: 40 }), fc.integer({ min: 0, max: 400 }), (events, anyDate, pick, offset, later) => {
        cov.run()
        const state = Case.replay(events)
        // Mostly around a scheduled follow-up's due date (where statuses change), otherwise any date.
        const due = Case.followUpSchedule(state, anyDate).map((f) => f.dueDate)
        const asOf = due.length > 0 && pick % 4 !== 0 ? Period.addDays(due[pick % due.length]!, offset) : anyDate
        const a = Case.followUpSchedule(state, asOf)
        cov.hit("placements", state.placements.length > 0)
        cov.hit("due", a.some((f) => f.status === "due"))
        const b = Case.followUpSchedule(state, Period.addDays(asOf, later))
        cov.hit("moved", a.some((f, i) => b[i]!.status !== f.status))
        a.forEach((f, i) => {
          const g = b[i]!
          if (f.status === "done" || f.status === "cancelled") expect(g.status).toBe(f.status)
          else expect(rank[g.status]).toBeGreaterThanOrEqual(rank[f.status])
        })
        for (const p of state.placements) {
          const dues = a.filter((f) => f.placementId === p.placementId).map((f) => f.dueDate)
          expect([...dues].sort()).toEqual(dues)
          expect(dues[0]! > p.startDate).toBe(true)
        }
      })
    )
    cov.check()
  })

  it("time in stage never exceeds time since the case opened, and totals add up per autonomy stage (≥ 40 % of runs with an open stage, ≥ 20 % with two stays or more)", () => {
    const cov = coverage({ openStage: 0.4, stays: 0.2 })
    fc.assert(
      fc.property(arbCaseEvents, fc.integer({ min: 0, max: 2000 }), (events, extra) => {
        cov.run()
        const state = Case.replay(events)
        cov.hit("stays", state.stageHistory.length >= 2)
        const asOf = Period.addDays(state.lastEventAt!, extra)
        const sinceOpened = Period.diffDays(state.openedAt!, asOf)
        const t = Case.timeInStage(state, asOf)
        cov.hit("openStage", t !== undefined)
        if (t !== undefined) expect(t).toBeLessThanOrEqual(sinceOpened)
        const perStage = Stage.KushiroStage.literals.map((s) => Case.totalDaysIn(state, s, asOf))
        expect(perStage.reduce((x, y) => x + y, 0)).toBeLessThanOrEqual(sinceOpened)
        const stay = Case.currentStay(state, asOf)
        if (stay !== undefined && t !== undefined) expect(stay.days).toBeGreaterThanOrEqual(t)
      })
    )
    cov.check()
  })
})
