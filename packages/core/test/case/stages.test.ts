// The "stages" family (internal/caseStages.ts) on its own: given / when / then.
import { describe, expect, it } from "vitest"
import { Case } from "@jiritsu/core"
import * as Stages from "../../src/internal/caseStages.ts"
import { cw, d, esw, history, specFor } from "./spec.ts"

const spec = specFor(Stages.decide)
const move = (to: string, reason: string, evidence?: ReadonlyArray<string>): Extract<Case.Command, { _tag: "MoveStage" }> => ({
  _tag: "MoveStage",
  occurredAt: d("2013-06-01"),
  actor: esw,
  to,
  reason,
  ...(evidence !== undefined ? { evidence } : {})
})

describe("MoveStage (段階の移行)", () => {
  it("moves along an edge with one of its reasons: closes the open stay and opens the next", () => {
    const state = spec
      .given(...history.decided("social_life"))
      .when(move("intermediate_work_unpaid", "ready_for_work_experience", ["attendance sheet"]))
      .then({
        _tag: "StageMoved",
        occurredAt: d("2013-06-01"),
        actor: esw,
        from: "social_life",
        to: "intermediate_work_unpaid",
        autonomyStage: "intermediate_work",
        kind: "forward",
        reason: "ready_for_work_experience",
        evidence: ["attendance sheet"]
      })
    expect(state.stage).toBe("intermediate_work_unpaid")
    expect(state.stageHistory.map((i) => [i.stage, i.from, i.until, i.kind, i.reason])).toEqual([
      ["social_life", "2013-04-08", "2013-06-01", "assessment", "assessment"],
      ["intermediate_work_unpaid", "2013-06-01", undefined, "forward", "ready_for_work_experience"]
    ])
  })

  it("records a skip and a regression with their kinds; evidence defaults to none", () => {
    const skip = spec.given(...history.decided("social_life")).when(move("employment", "ready_now")).then({
      _tag: "StageMoved",
      occurredAt: d("2013-06-01"),
      actor: esw,
      from: "social_life",
      to: "employment",
      autonomyStage: "employment",
      kind: "skip",
      reason: "ready_now",
      evidence: []
    })
    expect(skip.stageHistory[1]?.kind).toBe("skip")
    const back = spec.given(...history.decided("social_life")).when(move("daily_living", "health_deteriorated")).then({
      _tag: "StageMoved",
      occurredAt: d("2013-06-01"),
      actor: esw,
      from: "social_life",
      to: "daily_living",
      autonomyStage: "daily_living",
      kind: "regression",
      reason: "health_deteriorated",
      evidence: []
    })
    expect(back.stage).toBe("daily_living")
  })

  it("refuses before a support decision, and in a closed case", () => {
    spec.given(...history.coordinated()).when(move("intermediate_work_unpaid", "ready_for_work_experience")).thenRefused("SupportNotDecided", { command: "MoveStage", path: ["_tag"] })
    const closed: Case.Event = { _tag: "CaseClosed", occurredAt: d("2013-05-01"), actor: cw, reason: "withdrew" }
    spec.given(...history.decided(), closed).when(move("intermediate_work_unpaid", "ready_for_work_experience")).thenRefused("WrongPhase", { phase: "closed" })
  })

  it("refuses an unknown stage, a missing edge, a missing or wrong reason — pointing at the field", () => {
    const given = spec.given(...history.decided("social_life"))
    given.when(move("moon", "x")).thenRefused("UnknownStage", { stage: "moon", path: ["to"] })
    given.when(move("intermediate_work_paid", "ready_for_paid_training")).thenRefused("EdgeNotInGraph", { from: "social_life", to: "intermediate_work_paid", path: ["to"] })
    given.when(move("employment", "  ")).thenRefused("MissingReason", { path: ["reason"] })
    given.when(move("employment", "job_offer")).thenRefused("ReasonNotAllowed", { from: "social_life", to: "employment", reason: "job_offer", allowed: ["ready_now"], path: ["reason"] })
  })

  it("enters a stage that needs the municipality's decision only when the decision named it", () => {
    const move1 = move("intermediate_work_paid", "ready_for_paid_training")
    const unpaid: Case.Event = { _tag: "StageMoved", occurredAt: d("2013-05-01"), actor: esw, from: "social_life", to: "intermediate_work_unpaid", autonomyStage: "intermediate_work", kind: "forward", reason: "ready_for_work_experience", evidence: [] }
    spec.given(...history.decided("social_life"), unpaid).when(move1).thenRefused("StageNotAuthorised", { stage: "intermediate_work_paid", path: ["to"] })
    const state = spec.given(...history.decided("social_life", { authorised: ["intermediate_work_paid"] }), unpaid).when(move1).then({
      _tag: "StageMoved",
      occurredAt: d("2013-06-01"),
      actor: esw,
      from: "intermediate_work_unpaid",
      to: "intermediate_work_paid",
      autonomyStage: "intermediate_work",
      kind: "forward",
      reason: "ready_for_paid_training",
      evidence: []
    })
    expect(state.stage).toBe("intermediate_work_paid")
  })

  it("planMove refuses without a current stage (a case re-opened but not assessed again)", () => {
    const reopened: ReadonlyArray<Case.Event> = [
      ...history.decided(),
      { _tag: "CaseClosed", occurredAt: d("2013-05-01"), actor: cw, reason: "withdrew" },
      { _tag: "CaseReopened", occurredAt: d("2013-05-02"), actor: cw, reason: "back", publicAssistance: true, episode: 2 }
    ]
    const state = Case.replay(reopened)
    const r = Stages.planMove({ ...state, supportDecided: true }, { to: "employment", reason: "ready_now", occurredAt: d("2013-06-01"), actor: esw }, { graph: Case.decider().graph, consentRequiredFor: new Set(), ageRanges: {}, followUpEarlyDays: 14 }, [])
    expect(r).toMatchObject({ _tag: "Failure", failure: { _tag: "WrongPhase", command: "MoveStage", phase: "intake", allowed: ["assessed"] } })
  })
})
