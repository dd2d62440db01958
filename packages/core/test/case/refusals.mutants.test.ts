// Refusals read in full: given events, when a command, then this refusal — its tag, the field it
// points at, its fields, and its English and Japanese messages word for word. (Written to kill the
// surviving mutants of caseRefusal, caseDecode, caseStages and caseIntake; docs/adr/0005.)
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Case } from "../../src/index.ts"
import { resolveOptions } from "../../src/internal/caseDecide.ts"
import * as Intake from "../../src/internal/caseIntake.ts"
import * as Placements from "../../src/internal/casePlacements.ts"
import * as Stages from "../../src/internal/caseStages.ts"
import { cw, d, esw, history, nav, placementRecorded, specFor, type CommandOf } from "./spec.ts"

const intake = specFor(Intake.decide)
const stages = specFor(Stages.decide)
const placements = specFor(Placements.decide)

describe("WrongPhase (段階違い)", () => {
  it("names the command and the phase, and lists every phase in which it is allowed", () => {
    intake
      .given(...history.planned())
      .when({ _tag: "HoldPreConsultation", occurredAt: d("2013-04-16"), actor: nav, outcome: "can_work" })
      .thenRefused("WrongPhase", {
        path: ["_tag"],
        command: "HoldPreConsultation",
        phase: "planned",
        allowed: ["intake", "assessed"],
        message: 'HoldPreConsultation is not allowed in phase "planned" (allowed: intake, assessed)',
        messageJa: "HoldPreConsultation は「planned」の段階では行えません"
      })
  })
})

describe("PlanMismatch (プラン違い)", () => {
  const meeting = (planId: string): CommandOf<"HoldCoordinationMeeting"> => ({ _tag: "HoldCoordinationMeeting", occurredAt: d("2013-04-22"), actor: cw, planId, outcome: "approved", participants: ["municipality"] })

  it("names the plan given and the current plan", () => {
    intake.given(...history.planned()).when(meeting("plan-9")).thenRefused("PlanMismatch", {
      path: ["planId"],
      planId: "plan-9",
      currentPlanId: "plan-1",
      message: 'plan "plan-9" is not the current plan "plan-1"',
      messageJa: "プラン「plan-9」は現在のプランではありません"
    })
  })

  it("says (none) when the state holds no current plan (a stored snapshot without a plan id)", () => {
    const snapshot: Case.CaseState = { ...Case.replay(history.planned()), planId: undefined }
    const r = Intake.decide(snapshot, meeting("plan-1"), resolveOptions({}), undefined)
    expect(Result.isFailure(r) ? r.failure : r.success).toEqual({
      _tag: "PlanMismatch",
      path: ["planId"],
      planId: "plan-1",
      currentPlanId: "",
      message: 'plan "plan-1" is not the current plan "(none)"',
      messageJa: "プラン「plan-1」は現在のプランではありません"
    })
  })
})

describe("Assess (アセスメント) at a stage that is not an entry", () => {
  it("lists the graph's entry stages", () => {
    intake
      .given(...history.opened())
      .when({ _tag: "Assess", occurredAt: d("2013-04-08"), actor: esw, startingStage: "intermediate_work_paid" })
      .thenRefused("EdgeNotInGraph", {
        path: ["startingStage"],
        from: "(assessment)",
        to: "intermediate_work_paid",
        graph: "kushiro",
        message: '"intermediate_work_paid" is not an entry stage of graph "kushiro" (entry: daily_living, social_life, intermediate_work_unpaid, employment)',
        messageJa: "「intermediate_work_paid」はアセスメントで開始できる段階ではありません"
      })
  })
})

describe("MoveStage (段階の移行) along an edge with two reasons", () => {
  const move = (reason: string): CommandOf<"MoveStage"> => ({ _tag: "MoveStage", occurredAt: d("2013-06-01"), actor: esw, to: "employment", reason })
  const given = stages.given(...history.decided("intermediate_work_unpaid"))

  it("a missing reason lists the edge's reason codes", () => {
    given.when(move(" ")).thenRefused("MissingReason", {
      path: ["reason"],
      message: "the move intermediate_work_unpaid → employment needs a reason code (one of ready_for_job_search, job_offer)",
      messageJa: "intermediate_work_unpaid → employment の移行には理由コードが必要です"
    })
  })

  it("a reason the edge does not allow lists the allowed ones", () => {
    given.when(move("ready_now")).thenRefused("ReasonNotAllowed", {
      path: ["reason"],
      from: "intermediate_work_unpaid",
      to: "employment",
      reason: "ready_now",
      allowed: ["ready_for_job_search", "job_offer"],
      message: '"ready_now" does not justify intermediate_work_unpaid → employment (allowed: ready_for_job_search, job_offer)',
      messageJa: "「ready_now」は intermediate_work_unpaid → employment の理由として認められていません"
    })
  })
})

describe("DateBeforePlacementStart (就職日より前)", () => {
  const employed: ReadonlyArray<Case.Event> = [
    ...history.decided("employment"),
    placementRecorded()
  ]
  const expected = {
    path: ["occurredAt"],
    date: "2013-05-25",
    startDate: "2013-06-01",
    message: "2013-05-25 is before the placement started on 2013-06-01",
    messageJa: "2013-05-25 は就職日 2013-06-01 より前です"
  }

  it("a follow-up dated before the start points at its date", () => {
    placements
      .given(...employed)
      .when({ _tag: "RecordFollowUp", occurredAt: d("2013-05-25"), actor: nav, placementId: "job-1", milestone: 1, contact: "person", stillEmployed: true })
      .thenRefused("DateBeforePlacementStart", expected)
  })

  it("so does a separation dated before the start", () => {
    placements.given(...employed).when({ _tag: "RecordSeparation", occurredAt: d("2013-05-25"), actor: esw, placementId: "job-1", reason: "other" }).thenRefused("DateBeforePlacementStart", expected)
  })
})

describe("InvalidCommand (形式エラー)", () => {
  // A draft plan with an impossible date and a goal that is not text: two issues, one of them at a list index.
  const input = { _tag: "DraftPlan", occurredAt: "2013-02-30", actor: cw, planId: "plan-1", goals: ["work", 5] }
  const issues = [
    { path: ["occurredAt"], message: 'expected a calendar date YYYY-MM-DD (1873–9999), got "2013-02-30"' },
    { path: ["goals", 1], message: "Expected string" }
  ]
  const refusal = {
    _tag: "InvalidCommand",
    path: ["occurredAt"],
    message: 'invalid command: occurredAt: expected a calendar date YYYY-MM-DD (1873–9999), got "2013-02-30"; goals[1]: Expected string',
    messageJa: "コマンドの形式が正しくありません",
    issues
  }

  it("lists every issue with its field path (a list index stays a number) in one message, pointing at the first", () => {
    const r = Case.decodeCommand(input)
    expect(Result.isFailure(r) ? r.failure : r.success).toEqual(refusal)
  })

  it("a decider refuses the same input the same way before deciding anything", () => {
    const r = Case.decider().decideUnknown(Case.replay(history.assessed()), input)
    expect(Result.isFailure(r) ? r.failure : r.success).toEqual(refusal)
  })

  it("an input with a single issue says just that one", () => {
    const r = Case.decodeCommand({ ...input, occurredAt: "2013-04-15" })
    expect(Result.isFailure(r) ? r.failure : r.success).toEqual({
      _tag: "InvalidCommand",
      path: ["goals", 1],
      message: "invalid command: goals[1]: Expected string",
      messageJa: "コマンドの形式が正しくありません",
      issues: [{ path: ["goals", 1], message: "Expected string" }]
    })
  })
})
