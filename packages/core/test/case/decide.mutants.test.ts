// What every command shares (internal/caseDecide.ts): the decider's defaults, the actor and date
// checks run before any command, the phase and support-decision check of support actions, and the
// consent port's recipient check. Given events / when a command / then these events or this refusal,
// with each refusal's English and Japanese message stated in full.
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Case } from "@jiritsu/core"
import * as Placements from "../../src/internal/casePlacements.ts"
import * as Referrals from "../../src/internal/caseReferrals.ts"
import * as Stages from "../../src/internal/caseStages.ts"
import { cw, d, esw, history, nav, permit, placementRecorded, specFor, type CommandOf, type EventOf } from "./spec.ts"

/** The refusal (or the events) a decider built here, with its defaults, gives for a command after `events`. */
const decided = (events: ReadonlyArray<Case.Event>, command: Case.Command, context?: Case.DecideContext) => {
  const result = Case.decider().decide(Case.replay(events), command, context)
  return Result.isSuccess(result) ? result.success : result.failure
}

const openCase = (actor: Case.Actor): CommandOf<"OpenCase"> => ({ _tag: "OpenCase", occurredAt: d("2013-04-01"), actor, caseId: "c-1", subjectId: "p-1", publicAssistance: true })

describe("the decider's defaults (built with no options)", () => {
  it("asks a permitting consent decision before referring to Hello Work", () => {
    // The spec is built here, inside the test: the defaults are resolved when a decider is made.
    const spec = specFor(Referrals.decide)
    const refer: CommandOf<"Refer"> = { _tag: "Refer", occurredAt: d("2013-06-01"), actor: esw, referralId: "r-1", destination: "hello_work" }
    const refused = spec.given(...history.decided()).when(refer).thenRefused("ConsentMissing")
    expect(refused).toEqual({
      _tag: "ConsentMissing",
      path: ["consent"],
      message: "sharing with hello_work needs a consent decision",
      messageJa: "hello_work への情報提供には同意の判定が必要です",
      recipient: "hello_work"
    })
    spec.given(...history.decided()).when(refer, { consent: permit }).then({ _tag: "Referred", occurredAt: d("2013-06-01"), actor: esw, referralId: "r-1", destination: "hello_work", consentRecordIds: ["consent-1"] })
  })

  it("through Case.decider(): Hello Work needs consent, another destination does not", () => {
    const refer = (destination: Case.Destination): CommandOf<"Refer"> => ({ _tag: "Refer", occurredAt: d("2013-06-01"), actor: esw, referralId: "r-1", destination })
    expect(decided(history.decided(), refer("hello_work"))).toMatchObject({ _tag: "ConsentMissing", recipient: "hello_work" })
    expect(decided(history.decided(), refer("employment_readiness"))).toEqual([{ ...refer("employment_readiness"), _tag: "Referred", consentRecordIds: [] }])
  })

  it("records a follow-up from 14 days before its milestone", () => {
    const spec = specFor(Placements.decide)
    const employed: ReadonlyArray<Case.Event> = [
      ...history.decided("employment"),
      placementRecorded({ occurredAt: d("2013-06-01"), actor: esw })
    ]
    const followUp = (on: string): CommandOf<"RecordFollowUp"> => ({ _tag: "RecordFollowUp", occurredAt: d(on), actor: nav, placementId: "job-1", milestone: 1, contact: "person", stillEmployed: true })
    spec.given(...employed).when(followUp("2013-06-17")).then({ ...followUp("2013-06-17"), _tag: "FollowUpRecorded" })
    const refused = spec.given(...employed).when(followUp("2013-06-16")).thenRefused("FollowUpTooEarly")
    expect(refused).toEqual({
      _tag: "FollowUpTooEarly",
      path: ["occurredAt"],
      message: "the 1-month follow-up is due 2013-07-01; it can be recorded from 2013-06-17",
      messageJa: "1か月の定着支援は 2013-06-17 以降に記録できます",
      milestone: 1,
      dueDate: "2013-07-01",
      earliest: "2013-06-17"
    })
  })
})

describe("date order (checked before every command but OpenCase)", () => {
  const emergency = (on: string): CommandOf<"ProvideEmergencySupport"> => ({ _tag: "ProvideEmergencySupport", occurredAt: d(on), actor: esw, kind: "food" })

  it("refuses a date before the case opened, naming the opening date", () => {
    expect(decided(history.opened(), emergency("2013-03-31"))).toEqual({
      _tag: "DateBeforeCaseOpened",
      path: ["occurredAt"],
      message: "occurredAt 2013-03-31 is before the case opened on 2013-04-01",
      messageJa: "2013-03-31 は相談受付日 2013-04-01 より前です",
      date: "2013-03-31",
      openedAt: "2013-04-01"
    })
    // Before the opening date is refused as such even when later events were recorded since.
    expect(decided(history.assessed(), emergency("2013-03-15"))).toMatchObject({ _tag: "DateBeforeCaseOpened", date: "2013-03-15", openedAt: "2013-04-01" })
  })

  it("refuses a date before the previous event, naming that event's date; the same day is fine", () => {
    expect(decided(history.assessed(), emergency("2013-04-05"))).toEqual({
      _tag: "DateBeforePreviousEvent",
      path: ["occurredAt"],
      message: "occurredAt 2013-04-05 is before the previous event on 2013-04-08",
      messageJa: "2013-04-05 は直前の記録日 2013-04-08 より前です",
      date: "2013-04-05",
      lastEventAt: "2013-04-08"
    })
    expect(decided(history.assessed(), emergency("2013-04-08"))).toEqual([{ ...emergency("2013-04-08"), _tag: "EmergencySupportProvided" }])
  })
})

describe("actor roles (checked before every command)", () => {
  it("a Hello Work navigator acts only for Hello Work", () => {
    const actor: Case.Actor = { organisation: "municipality", role: "hw_navigator" }
    expect(decided([], openCase(actor))).toEqual({
      _tag: "ActorNotPermitted",
      path: ["actor", "organisation"],
      message: "a Hello Work navigator acts for Hello Work",
      messageJa: "就職支援ナビゲーターはハローワークの職員です",
      organisation: "municipality",
      role: "hw_navigator",
      rule: "hw_navigator_belongs_to_hello_work"
    })
    expect(decided([], openCase(nav))).toMatchObject([{ _tag: "CaseOpened", actor: nav }])
  })

  it("a caseworker acts only for the municipal welfare office", () => {
    const actor: Case.Actor = { organisation: "consultation_agency", role: "caseworker" }
    expect(decided([], openCase(actor))).toEqual({
      _tag: "ActorNotPermitted",
      path: ["actor", "organisation"],
      message: "a caseworker acts for the municipal welfare office",
      messageJa: "ケースワーカーは福祉事務所（自治体）の職員です",
      organisation: "consultation_agency",
      role: "caseworker",
      rule: "caseworker_belongs_to_municipality"
    })
    expect(decided([], openCase(cw))).toMatchObject([{ _tag: "CaseOpened", actor: cw }])
  })
})

describe("support actions need an open case with a support decision", () => {
  const move: CommandOf<"MoveStage"> = { _tag: "MoveStage", occurredAt: d("2014-01-10"), actor: esw, to: "employment_readiness", reason: "x" }
  const refer: CommandOf<"Refer"> = { _tag: "Refer", occurredAt: d("2014-01-10"), actor: esw, referralId: "r-1", destination: "employment_readiness" }

  it("a family asked about a case never opened refuses by phase, not for the missing decision", () => {
    expect(specFor(Referrals.decide).given().when(refer).thenRefused("WrongPhase")).toEqual({
      _tag: "WrongPhase",
      path: ["_tag"],
      message: 'Refer is not allowed in phase "none" (allowed: intake, assessed, planned, coordinated, decided, delivery, monitoring, evaluated)',
      messageJa: "Refer は「none」の段階では行えません",
      command: "Refer",
      phase: "none",
      allowed: ["intake", "assessed", "planned", "coordinated", "decided", "delivery", "monitoring", "evaluated"]
    })
  })

  it("a closed case refuses by phase", () => {
    const closed: ReadonlyArray<Case.Event> = [...history.decided(), { _tag: "CaseClosed", occurredAt: d("2014-01-01"), actor: cw, reason: "withdrew" }]
    expect(specFor(Stages.decide).given(...closed).when(move).thenRefused("WrongPhase")).toEqual({
      _tag: "WrongPhase",
      path: ["_tag"],
      message: 'MoveStage is not allowed in phase "closed" (allowed: intake, assessed, planned, coordinated, decided, delivery, monitoring, evaluated)',
      messageJa: "MoveStage は「closed」の段階では行えません",
      command: "MoveStage",
      phase: "closed",
      allowed: ["intake", "assessed", "planned", "coordinated", "decided", "delivery", "monitoring", "evaluated"]
    })
    expect(decided(closed, refer)).toMatchObject({ _tag: "WrongPhase", phase: "closed", command: "Refer" })
  })

  it("an open case without a support decision refuses for the missing decision", () => {
    expect(decided(history.coordinated(), { ...refer, occurredAt: d("2013-05-01") })).toEqual({
      _tag: "SupportNotDecided",
      path: ["_tag"],
      message: "Refer needs a support decision (支援決定) first",
      messageJa: "Refer の前に支援決定が必要です",
      command: "Refer"
    })
  })
})

describe("consent port: the recipient a decision answers", () => {
  const strict = () => specFor(Referrals.decide, { consentRequiredFor: ["hello_work", "employment_readiness"] })
  const refer: CommandOf<"Refer"> = { _tag: "Refer", occurredAt: d("2013-06-01"), actor: esw, referralId: "r-1", destination: "employment_readiness" }
  const referred = (consentRecordIds: ReadonlyArray<string>): EventOf<"Referred"> => ({ ...refer, _tag: "Referred", consentRecordIds })

  it("a listed destination with no recipient class of its own takes a permit answering a request about it", () => {
    const decision: Case.ConsentDecision = { _tag: "Permit", recordIds: ["consent-7"], request: { recipient: { class: "employment-readiness" } } }
    strict().given(...history.decided()).when(refer, { consentByRecipient: { employment_readiness: decision } }).then(referred(["consent-7"]))
    strict().given(...history.decided()).when(refer, { consentByRecipient: { employment_readiness: permit } }).then(referred(["consent-1"]))
  })

  it("Hello Work refuses a permit answering a request about an employer, in both languages", () => {
    const decision: Case.ConsentDecision = { _tag: "Permit", recordIds: ["c"], request: { recipient: { class: "employer" } } }
    const refused = strict()
      .given(...history.decided())
      .when({ ...refer, destination: "hello_work" }, { consent: decision })
      .thenRefused("ConsentForAnotherRecipient")
    expect(refused).toEqual({
      _tag: "ConsentForAnotherRecipient",
      path: ["consent", "request", "recipient", "class"],
      message: 'the consent decision answers a request for "employer", not for hello_work',
      messageJa: "この同意の判定は「employer」への提供に関するもので、hello_work には使えません",
      recipient: "hello_work",
      decidedFor: "employer"
    })
  })
})
