// Given / when / then examples for the entry points of Case.ts itself (decoding, the shared checks,
// handle, and the queries over a state): each pins a behaviour a caller relies on, at its edges.
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Case } from "@jiritsu/core"
import { cw, d, esw, history, nav, placementRecorded } from "./spec.ts"

const commandList =
  "OpenCase, ReopenCase, Assess, DraftPlan, HoldCoordinationMeeting, DecideSupport, StartDelivery, RecordMonitoring, Evaluate, CloseCase, ProvideEmergencySupport, HoldPreConsultation, MoveStage, Refer, RecordReferralOutcome, RecordPlacement, RecordFollowUp, RecordSeparation, RecordWelfareExit"
const eventList =
  "CaseOpened, CaseReopened, Assessed, PlanDrafted, CoordinationMeetingHeld, SupportDecided, DeliveryStarted, Monitored, Evaluated, CaseClosed, EmergencySupportProvided, PreConsultationHeld, StageMoved, Referred, ReferralOutcomeRecorded, PlacementRecorded, FollowUpRecorded, SeparationRecorded, WelfareExitRecorded"

const refusalOf = (r: Result.Result<unknown, Case.Refusal>): Case.Refusal => {
  if (Result.isSuccess(r)) throw new Error(`expected a refusal, got ${JSON.stringify(r.success)}`)
  return r.failure
}
const issuesOf = (r: Result.Result<Case.Event, ReadonlyArray<Case.DecodeIssue>>): ReadonlyArray<Case.DecodeIssue> => {
  if (Result.isSuccess(r)) throw new Error(`expected decoding to fail, got ${JSON.stringify(r.success)}`)
  return r.failure
}

describe("decoding: a missing or unknown _tag is reported on _tag, listing the known tags", () => {
  const cases: ReadonlyArray<readonly [string, unknown, string]> = [
    ["an unknown tag", { _tag: "Nope" }, 'got "Nope"'],
    ["an empty tag", { _tag: "" }, 'got ""'],
    ["an object without a tag", {}, "got no _tag"],
    ["a tag that is not a string", { _tag: 3 }, "got no _tag"],
    ["an array", [], "got no _tag"],
    ["null", null, "got a non-object"],
    ["a number", 5, "got a non-object"],
    ["a string", "OpenCase", "got a non-object"],
    ["undefined", undefined, "got a non-object"],
    ["a function", () => 1, "got a non-object"]
  ]

  for (const [what, input, got] of cases) {
    it(`refuses ${what} as a command with InvalidCommand`, () => {
      const message = `expected one of ${commandList}, ${got}`
      expect(refusalOf(Case.decideUnknown(Case.initial, input))).toEqual({
        _tag: "InvalidCommand",
        path: ["_tag"],
        message: `invalid command: _tag: ${message}`,
        messageJa: "コマンドの形式が正しくありません",
        issues: [{ path: ["_tag"], message }]
      })
    })

    it(`rejects ${what} as a stored event`, () => {
      expect(issuesOf(Case.decodeEvent(input))).toEqual([{ path: ["_tag"], message: `expected one of ${eventList}, ${got}` }])
    })
  }

  it("a known tag gets past the tag check: the fields are decoded next", () => {
    const command = refusalOf(Case.decideUnknown(Case.initial, { _tag: "OpenCase" }))
    expect(command._tag).toBe("InvalidCommand")
    expect(command.path).not.toEqual(["_tag"])
    const event = issuesOf(Case.decodeEvent({ _tag: "CaseOpened" }))
    expect(event.length).toBeGreaterThan(0)
    expect(event.every((i) => i.path[0] !== "_tag")).toBe(true)
    const opened = history.opened()[0]!
    expect(Case.decodeEvent(JSON.parse(JSON.stringify(opened)))).toEqual(Result.succeed(opened))
  })
})

describe("the checks every command shares: a case must be open first", () => {
  it("given no case, when any command but OpenCase, then WrongPhase listing the open phases", () => {
    const commands: ReadonlyArray<Case.Command> = [
      { _tag: "Assess", occurredAt: d("2013-04-01"), actor: esw, startingStage: "social_life" },
      { _tag: "DraftPlan", occurredAt: d("2013-04-01"), actor: esw, planId: "plan-1", goals: ["work"] },
      { _tag: "CloseCase", occurredAt: d("2013-04-01"), actor: cw, reason: "withdrew" },
      { _tag: "MoveStage", occurredAt: d("2013-04-01"), actor: esw, to: "employment", reason: "ready_now" }
    ]
    for (const command of commands) {
      expect(refusalOf(Case.decide(Case.initial, command))).toEqual({
        _tag: "WrongPhase",
        path: ["_tag"],
        message: `${command._tag} is not allowed in phase "none" (allowed: intake, assessed, planned, coordinated, decided, delivery, monitoring, evaluated)`,
        messageJa: `${command._tag} は「none」の段階では行えません`,
        command: command._tag,
        phase: "none",
        allowed: ["intake", "assessed", "planned", "coordinated", "decided", "delivery", "monitoring", "evaluated"]
      })
    }
  })
})

describe("handle: decides and, when accepted, evolves", () => {
  const open: Case.Command = { _tag: "OpenCase", occurredAt: d("2013-04-01"), actor: cw, caseId: "c-1", subjectId: "p-1", publicAssistance: true }

  it("given no case, when OpenCase, then the event and the state after it", () => {
    const events = history.opened()
    expect(Case.handle(Case.initial, open)).toEqual(Result.succeed({ state: Case.replay(events), events }))
    const custom = Case.decider()
    expect(custom.handle(Case.initial, open)).toEqual(Result.succeed({ state: Case.replay(events), events }))
  })

  it("given an opened case, when the next command, then the state folds the new events onto the given one", () => {
    const state = Case.replay(history.opened())
    const r = Case.handle(state, { _tag: "Assess", occurredAt: d("2013-04-08"), actor: esw, startingStage: "social_life" })
    if (Result.isFailure(r)) throw new Error(r.failure.message)
    expect(r.success.events).toEqual([history.assessed()[1]])
    expect(r.success.state).toEqual(Case.replay(history.assessed()))
    expect(r.success.state.version).toBe(2)
  })

  it("refuses as decide does", () => {
    expect(refusalOf(Case.handle(Case.replay(history.opened()), open))._tag).toBe("WrongPhase")
  })
})

describe("followUpSchedule at its edges", () => {
  const placed: ReadonlyArray<Case.Event> = [
    ...history.monitoring("employment"),
    placementRecorded({ occurredAt: d("2013-06-05"), disclosure: "disclosed" })
  ]
  const followUp = (milestone: Case.FollowUpMilestone, on: string): Case.Event => ({
    _tag: "FollowUpRecorded",
    occurredAt: d(on),
    actor: nav,
    placementId: "job-1",
    milestone,
    contact: "person",
    stillEmployed: true
  })

  it("each milestone is done by the follow-up recorded for it, with its own date", () => {
    const state = Case.replay([...placed, followUp(1, "2013-07-01"), followUp(3, "2013-09-03")])
    expect(Case.followUpSchedule(state, d("2013-09-10"))).toEqual([
      { placementId: "job-1", milestone: 1, dueDate: "2013-07-01", status: "done", doneOn: "2013-07-01" },
      { placementId: "job-1", milestone: 3, dueDate: "2013-09-01", status: "done", doneOn: "2013-09-03" },
      { placementId: "job-1", milestone: 6, dueDate: "2013-12-01", status: "upcoming" },
      { placementId: "job-1", milestone: 12, dueDate: "2014-06-01", status: "upcoming" }
    ])
    // Only the 3-month follow-up recorded: the 1-month one is still owed.
    const only3 = Case.replay([...placed, followUp(3, "2013-09-02")])
    expect(Case.followUpSchedule(only3, d("2013-09-10")).map((f) => [f.milestone, f.status, f.doneOn])).toEqual([
      [1, "overdue", undefined],
      [3, "done", "2013-09-02"],
      [6, "upcoming", undefined],
      [12, "upcoming", undefined]
    ])
  })

  it("a follow-up is due on its due date itself, upcoming the day before", () => {
    const state = Case.replay(placed)
    expect(Case.followUpSchedule(state, d("2013-06-30"))[0]?.status).toBe("upcoming")
    expect(Case.followUpSchedule(state, d("2013-07-01"))[0]?.status).toBe("due")
    expect(Case.dueFollowUps(state, d("2013-07-01")).map((f) => f.milestone)).toEqual([1])
  })

  it("leaving the job on a milestone's due date cancels it; leaving the day after does not", () => {
    const separation = (on: string): Case.Event => ({ _tag: "SeparationRecorded", occurredAt: d(on), actor: esw, placementId: "job-1", reason: "resigned" })
    const onDue = Case.replay([...placed, separation("2013-07-01")])
    expect(Case.followUpSchedule(onDue, d("2014-08-01")).map((f) => f.status)).toEqual(["cancelled", "cancelled", "cancelled", "cancelled"])
    const dayAfter = Case.replay([...placed, separation("2013-07-02")])
    expect(Case.followUpSchedule(dayAfter, d("2014-08-01")).map((f) => f.status)).toEqual(["overdue", "cancelled", "cancelled", "cancelled"])
    // Still employed: nothing is cancelled.
    expect(Case.followUpSchedule(Case.replay(placed), d("2014-08-01")).map((f) => f.status)).toEqual(["overdue", "overdue", "overdue", "overdue"])
  })
})

describe("time in a stage", () => {
  const moved = (on: string, from: string, to: string, kind: "forward" | "regression", reason: string): Case.Event => ({
    _tag: "StageMoved",
    occurredAt: d(on),
    actor: esw,
    from,
    to,
    autonomyStage: to.startsWith("intermediate_work") ? "intermediate_work" : to,
    kind,
    reason,
    evidence: []
  })
  // social_life 04-08 → unpaid 06-01 → paid 08-01 → unpaid 10-01 (open).
  const events: ReadonlyArray<Case.Event> = [
    ...history.decided("social_life", { authorised: ["intermediate_work_paid"] }),
    moved("2013-06-01", "social_life", "intermediate_work_unpaid", "forward", "ready_for_work_experience"),
    moved("2013-08-01", "intermediate_work_unpaid", "intermediate_work_paid", "forward", "ready_for_paid_training"),
    moved("2013-10-01", "intermediate_work_paid", "intermediate_work_unpaid", "regression", "paid_training_not_sustained")
  ]
  const state = Case.replay(events)

  it("no stage before the assessment, nor once the case is closed", () => {
    expect(Case.timeInStage(Case.initial, d("2013-04-01"))).toBeUndefined()
    expect(Case.timeInStage(Case.replay(history.opened()), d("2013-04-01"))).toBeUndefined()
    expect(Case.currentStay(Case.initial, d("2013-04-01"))).toBeUndefined()
    expect(Case.currentStay(Case.replay(history.opened()), d("2013-04-01"))).toBeUndefined()
    expect(Case.stagnation(Case.initial, d("2013-04-01"))).toBeUndefined()
    const closed = Case.replay([...events, { _tag: "CaseClosed", occurredAt: d("2013-11-01"), actor: cw, reason: "withdrew" }])
    expect(Case.timeInStage(closed, d("2014-01-01"))).toBeUndefined()
    expect(Case.currentStay(closed, d("2014-01-01"))).toBeUndefined()
    expect(Case.stagnation(closed, d("2016-01-01"))).toBeUndefined()
  })

  it("timeInStage counts from the last move, and is 0 as of a date before it", () => {
    expect(Case.timeInStage(state, d("2013-10-11"))).toBe(10)
    expect(Case.timeInStage(state, d("2013-10-01"))).toBe(0)
    expect(Case.timeInStage(state, d("2013-09-01"))).toBe(0)
  })

  it("totalDaysIn sums the stays of a node, or of an autonomy stage, up to the date", () => {
    const asOf = d("2013-10-11")
    expect(Case.totalDaysIn(state, "social_life", asOf)).toBe(54)
    expect(Case.totalDaysIn(state, "intermediate_work_unpaid", asOf)).toBe(61 + 10)
    expect(Case.totalDaysIn(state, "intermediate_work_paid", asOf)).toBe(61)
    expect(Case.totalDaysIn(state, "intermediate_work", asOf)).toBe(61 + 61 + 10)
    expect(Case.totalDaysIn(state, "employment", asOf)).toBe(0)
    // As of a date inside an earlier stay: only the days up to that date, nothing after it.
    expect(Case.totalDaysIn(state, "social_life", d("2013-05-08"))).toBe(30)
    expect(Case.totalDaysIn(state, "intermediate_work", d("2013-07-01"))).toBe(30)
    expect(Case.totalDaysIn(state, "intermediate_work_paid", d("2013-07-01"))).toBe(0)
  })

  it("currentStay runs back over every node of the same autonomy stage", () => {
    expect(Case.currentStay(state, d("2013-10-11"))).toEqual({ autonomyStage: "intermediate_work", since: "2013-06-01", days: 132 })
    expect(Case.stagnation(state, d("2013-10-11"), { intermediate_work: 132 })).toEqual({ autonomyStage: "intermediate_work", since: "2013-06-01", days: 132, thresholdDays: 132 })
    expect(Case.stagnation(state, d("2013-10-11"), { intermediate_work: 133 })).toBeUndefined()
    expect(Case.stagnation(state, d("2013-10-11"), { employment: 1 })).toBeUndefined()
  })

  it("a stay does not run back into the previous episode, even in the same autonomy stage on the same day", () => {
    const again = Case.replay([
      ...events,
      { _tag: "CaseClosed", occurredAt: d("2013-11-01"), actor: cw, reason: "withdrew" },
      { _tag: "CaseReopened", occurredAt: d("2013-11-01"), actor: cw, reason: "re-support", episode: 2, publicAssistance: true },
      { _tag: "Assessed", occurredAt: d("2013-11-01"), actor: esw, startingStage: "intermediate_work_unpaid", autonomyStage: "intermediate_work" }
    ])
    expect(again.stageHistory.at(-2)?.until).toBe("2013-11-01")
    expect(Case.currentStay(again, d("2013-11-11"))).toEqual({ autonomyStage: "intermediate_work", since: "2013-11-01", days: 10 })
    expect(Case.timeInStage(again, d("2013-11-11"))).toBe(10)
    expect(Case.invariantViolations(again)).toEqual([])
  })
})

describe("invariantViolations of a snapshot", () => {
  it("a reopened case keeps no close reason, so no closure violation", () => {
    const state = Case.replay([
      ...history.monitoring(),
      { _tag: "Evaluated", occurredAt: d("2013-07-01"), actor: esw, outcome: "close" },
      { _tag: "CaseClosed", occurredAt: d("2013-07-02"), actor: cw, reason: "evaluated" },
      { _tag: "CaseReopened", occurredAt: d("2013-08-01"), actor: cw, reason: "re-support", episode: 2, publicAssistance: true }
    ])
    expect(Case.invariantViolations(state)).toEqual([])
    // A snapshot from storage that still carries the old close reason in an open case.
    expect(Case.invariantViolations({ ...state, closeReason: "evaluated" })).toEqual([])
  })

  it("a case closed as evaluated needs an evaluation that concluded close; any other reason needs none", () => {
    const closing = (reason: Case.CloseReason, outcome?: "continue" | "close"): Case.CaseState => {
      const evaluated: ReadonlyArray<Case.Event> = outcome !== undefined ? [{ _tag: "Evaluated", occurredAt: d("2013-07-01"), actor: esw, outcome }] : []
      return Case.replay([...history.monitoring(), ...evaluated, { _tag: "CaseClosed", occurredAt: d("2013-07-02"), actor: cw, reason }])
    }
    expect(Case.invariantViolations(closing("evaluated", "close"))).toEqual([])
    expect(Case.invariantViolations(closing("evaluated", "continue"))).toEqual(["closure only after an evaluation that concluded close, or with an explicit reason"])
    expect(Case.invariantViolations(closing("evaluated"))).toEqual(["closure only after an evaluation that concluded close, or with an explicit reason"])
    expect(Case.invariantViolations(closing("withdrew"))).toEqual([])
    expect(Case.invariantViolations(closing("withdrew", "continue"))).toEqual([])
  })

  it("an event before the opening is reported; one on the opening day is not", () => {
    const state = Case.replay(history.assessed())
    expect(Case.invariantViolations(state)).toEqual([])
    expect(Case.invariantViolations({ ...state, lastEventAt: d("2013-03-31") })).toEqual(["no event before the case opened"])
    expect(Case.invariantViolations({ ...state, lastEventAt: d("2013-04-01") })).toEqual([])
    expect(Case.invariantViolations(Case.initial)).toEqual([])
    expect(Case.invariantViolations({ ...state, lastEventAt: undefined })).toEqual([])
    expect(Case.invariantViolations({ ...Case.initial, lastEventAt: d("2013-03-31") })).toEqual([])
  })
})

