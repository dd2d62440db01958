// The "closure" family (internal/caseClosure.ts) on its own: given / when / then.
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Case } from "@jiritsu/core"
import * as Closure from "../../src/internal/caseClosure.ts"
import { cw, d, esw, history, specFor, type CommandOf } from "./spec.ts"

const spec = specFor(Closure.decide)
const close = (reason: Case.CloseReason): CommandOf<"CloseCase"> => ({ _tag: "CloseCase", occurredAt: d("2013-08-01"), actor: cw, reason, note: "n" })
const evaluated = (outcome: "continue" | "close"): Case.Event => ({ _tag: "Evaluated", occurredAt: d("2013-07-01"), actor: esw, outcome })

describe("CloseCase (終結)", () => {
  it("closes with an explicit reason in any open phase, closing the open stay", () => {
    const state = spec.given(...history.assessed()).when(close("moved_away")).then({ _tag: "CaseClosed", occurredAt: d("2013-08-01"), actor: cw, reason: "moved_away", note: "n" })
    expect(state).toMatchObject({ phase: "closed", closedAt: "2013-08-01", closeReason: "moved_away", stage: undefined })
    expect(state.stageHistory.map((i) => i.until)).toEqual(["2013-08-01"])
    expect(spec.given(...history.opened()).when(close("no_contact")).then({ ...close("no_contact"), _tag: "CaseClosed" }).stageHistory).toEqual([])
  })

  it('closes with reason "evaluated" only after an evaluation that concluded close', () => {
    spec.given(...history.monitoring(), evaluated("close")).when(close("evaluated")).then({ ...close("evaluated"), _tag: "CaseClosed" })
    spec.given(...history.monitoring(), evaluated("continue")).when(close("evaluated")).thenRefused("ClosureNeedsEvaluation", { path: ["reason"] })
    spec.given(...history.monitoring()).when(close("evaluated")).thenRefused("ClosureNeedsEvaluation")
  })

  it("does not close a closed case", () => {
    spec.given(...history.opened(), { _tag: "CaseClosed", occurredAt: d("2013-05-01"), actor: cw, reason: "died" }).when(close("other")).thenRefused("WrongPhase", { phase: "closed", path: ["_tag"] })
  })
})

describe("ReopenCase (再開)", () => {
  const closed: ReadonlyArray<Case.Event> = [...history.decided("social_life", { authorised: ["intermediate_work_paid"] }), { _tag: "CaseClosed", occurredAt: d("2013-05-01"), actor: cw, reason: "withdrew" }]

  it("re-opens a closed case as the next episode, back at intake, keeping its history", () => {
    const state = spec
      .given(...closed)
      .when({ _tag: "ReopenCase", occurredAt: d("2014-01-10"), actor: cw, reason: "left the job" })
      .then({ _tag: "CaseReopened", occurredAt: d("2014-01-10"), actor: cw, reason: "left the job", publicAssistance: true, episode: 2 })
    expect(state).toMatchObject({ phase: "intake", episode: 2, supportDecided: false, authorisedStages: [], closedAt: undefined, closeReason: undefined, planId: undefined, stage: undefined })
    expect(state.stageHistory).toHaveLength(1)
    spec
      .given(...closed)
      .when({ _tag: "ReopenCase", occurredAt: d("2014-01-10"), actor: cw, reason: "moved back", publicAssistance: false })
      .then({ _tag: "CaseReopened", occurredAt: d("2014-01-10"), actor: cw, reason: "moved back", publicAssistance: false, episode: 2 })
  })

  it("needs a reason, and a closed case", () => {
    spec.given(...closed).when({ _tag: "ReopenCase", occurredAt: d("2014-01-10"), actor: cw, reason: " " }).thenRefused("MissingReason", { path: ["reason"] })
    spec.given(...history.opened()).when({ _tag: "ReopenCase", occurredAt: d("2014-01-10"), actor: cw, reason: "x" }).thenRefused("WrongPhase", { phase: "intake", allowed: ["closed"] })
  })

  it("with no case at all, the refusal names the phase reopening needs: closed", () => {
    const refused = Case.decide(Case.initial, { _tag: "ReopenCase", occurredAt: d("2014-01-10"), actor: cw, reason: "x" })
    expect(refused).toEqual(
      Result.fail({
        _tag: "WrongPhase",
        path: ["_tag"],
        message: 'ReopenCase is not allowed in phase "none" (allowed: closed)',
        messageJa: "ReopenCase は「none」の段階では行えません",
        command: "ReopenCase",
        phase: "none",
        allowed: ["closed"]
      })
    )
  })
})
