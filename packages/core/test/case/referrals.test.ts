// The "referrals" family (internal/caseReferrals.ts) on its own: given / when / then.
import { describe, expect, it } from "vitest"
import { Case } from "@jiritsu/core"
import * as Referrals from "../../src/internal/caseReferrals.ts"
import { cw, d, esw, history, nav, permit, specFor, type CommandOf, type EventOf } from "./spec.ts"

const spec = specFor(Referrals.decide)
const refer = (destination: Case.Destination, over: Partial<Extract<Case.Command, { _tag: "Refer" }>> = {}): Extract<Case.Command, { _tag: "Refer" }> => ({
  _tag: "Refer",
  occurredAt: d("2013-06-01"),
  actor: esw,
  referralId: "r-1",
  destination,
  ...over
})
const referred = (destination: Case.Destination, consentRecordIds: ReadonlyArray<string> = []): EventOf<"Referred"> => ({
  _tag: "Referred",
  occurredAt: d("2013-06-01"),
  actor: esw,
  referralId: "r-1",
  destination,
  consentRecordIds
})

describe("Refer (つなぎ)", () => {
  it("refers to Hello Work with a permit, keeping its record ids (from the command or the context)", () => {
    const state = spec.given(...history.decided()).when(refer("hello_work", { channel: "desk" }), { consent: permit }).then({ ...referred("hello_work", ["consent-1"]), channel: "desk" })
    expect(state.referrals).toEqual([{ referralId: "r-1", destination: "hello_work", referredAt: "2013-06-01", status: "open", closedAt: undefined, consentRecordIds: ["consent-1"] }])
    spec
      .given(...history.decided())
      .when(refer("hello_work", { consent: { _tag: "Permit", recordIds: ["c-9"] }, note: "desk" }))
      .then({ ...referred("hello_work", ["c-9"]), note: "desk" })
    spec.given(...history.decided()).when(refer("hello_work"), { consentByRecipient: { hello_work: permit } }).then(referred("hello_work", ["consent-1"]))
  })

  it("refuses Hello Work without a permitting decision, or with one about another recipient", () => {
    const given = spec.given(...history.decided())
    given.when(refer("hello_work")).thenRefused("ConsentMissing", { recipient: "hello_work", path: ["consent"] })
    given.when(refer("hello_work"), { consent: { _tag: "Deny", reason: "objected" } }).thenRefused("ConsentDenied", { reason: "objected" })
    given.when(refer("hello_work"), { consent: { _tag: "NoBasis" } }).thenRefused("ConsentNoBasis")
    given
      .when(refer("hello_work"), { consent: { _tag: "Permit", recordIds: ["c"], request: { recipient: { class: "employer" } } } })
      .thenRefused("ConsentForAnotherRecipient", { decidedFor: "employer", path: ["consent", "request", "recipient", "class"] })
    given.when(refer("hello_work"), { consent: { _tag: "Permit", recordIds: ["c"], request: { recipient: { class: "hello-work" } } } }).then(referred("hello_work", ["c"]))
  })

  it("needs no consent for a destination not listed, and asks for it when the decider lists one", () => {
    spec.given(...history.decided()).when(refer("employment_readiness")).then(referred("employment_readiness"))
    const strict = specFor(Referrals.decide, { consentRequiredFor: ["hello_work", "employment_readiness"] })
    strict.given(...history.decided()).when(refer("employment_readiness")).thenRefused("ConsentMissing", { recipient: "employment_readiness" })
    strict.given(...history.decided()).when(refer("employment_readiness"), { consentByRecipient: { employment_readiness: permit } }).then(referred("employment_readiness", ["consent-1"]))
    strict.given(...history.decided()).when(refer("employment_readiness"), { consent: permit }).thenRefused("ConsentMissing")
  })

  it("checks the destination's age range on the referral date, when the birth date is known", () => {
    const born = (birthDate: string) => history.decided("social_life", { birthDate: d(birthDate) })
    spec.given(...born("1953-06-02")).when(refer("silver_center")).thenRefused("AgeOutOfRange", { destination: "silver_center", age: 59, min: 60, path: ["destination"] })
    spec.given(...born("1953-06-01")).when(refer("silver_center")).then(referred("silver_center"))
    spec.given(...born("1963-06-02")).when(refer("youth_support_station")).then(referred("youth_support_station"))
    const old = spec.given(...born("1963-06-01")).when(refer("youth_support_station")).thenRefused("AgeOutOfRange", { age: 50, min: 15, max: 49 })
    expect(old).toHaveProperty("max", 49)
    spec.given(...born("1998-06-02")).when(refer("youth_support_station")).thenRefused("AgeOutOfRange", { age: 14 })
    spec.given(...history.decided()).when(refer("silver_center")).then(referred("silver_center"))
    const minOnly = spec.given(...born("1953-06-02")).when(refer("silver_center")).thenRefused("AgeOutOfRange")
    expect(minOnly).not.toHaveProperty("max")
    const maxOnly = specFor(Referrals.decide, { ageRanges: { private_placement: { max: 64 } } }).given(...born("1948-01-01")).when(refer("private_placement")).thenRefused("AgeOutOfRange", { max: 64 })
    expect(maxOnly).not.toHaveProperty("min")
  })

  it("refuses before a support decision and a referral id used twice", () => {
    spec.given(...history.coordinated()).when(refer("silver_center")).thenRefused("SupportNotDecided")
    spec.given(...history.decided(), referred("silver_center")).when(refer("employment_readiness")).thenRefused("DuplicateId", { kind: "referral", id: "r-1", path: ["referralId"] })
  })
})

describe("RecordReferralOutcome (つなぎの結果)", () => {
  const outcome = (o: Case.ReferralOutcome, returnTo?: Case.StageReturn): CommandOf<"RecordReferralOutcome"> => ({
    _tag: "RecordReferralOutcome",
    occurredAt: d("2013-07-01"),
    actor: nav,
    referralId: "r-1",
    outcome: o,
    ...(returnTo !== undefined ? { returnTo } : {})
  })
  const recorded = (o: Case.ReferralOutcome): Case.Event => ({ _tag: "ReferralOutcomeRecorded", occurredAt: d("2013-07-01"), actor: nav, referralId: "r-1", outcome: o })
  const open = [...history.decided("social_life"), referred("employment_readiness")]

  it("an accepted referral stays open; a final outcome closes it on its date", () => {
    const accepted = spec.given(...open).when(outcome("accepted")).then(recorded("accepted"))
    expect(accepted.referrals[0]).toMatchObject({ status: "accepted", closedAt: undefined })
    const placed = spec.given(...open, recorded("accepted")).when(outcome("placed")).then(recorded("placed"))
    expect(placed.referrals[0]).toMatchObject({ status: "placed", closedAt: "2013-07-01", consentRecordIds: [] })
  })

  it("refuses an unknown referral, a second acceptance, and any outcome after a final one", () => {
    spec.given(...history.decided()).when(outcome("placed")).thenRefused("UnknownReferral", { referralId: "r-1", path: ["referralId"] })
    spec.given(...open, recorded("accepted")).when(outcome("accepted")).thenRefused("ReferralClosed", { status: "accepted" })
    spec.given(...open, recorded("declined")).when(outcome("placed")).thenRefused("ReferralClosed", { status: "declined", path: ["referralId"] })
  })

  it("returns to a stage in the same decision, checked like a move (refusals at returnTo)", () => {
    spec
      .given(...open)
      .when(outcome("dropped_out", { stage: "daily_living", reason: "health_deteriorated", evidence: ["letter"] }))
      .then(recorded("dropped_out"), {
        _tag: "StageMoved",
        occurredAt: d("2013-07-01"),
        actor: nav,
        from: "social_life",
        to: "daily_living",
        autonomyStage: "daily_living",
        kind: "regression",
        reason: "health_deteriorated",
        evidence: ["letter"]
      })
    spec.given(...open).when(outcome("dropped_out", { stage: "employment", reason: "health_deteriorated" })).thenRefused("ReasonNotAllowed", { path: ["returnTo", "reason"] })
    spec.given(...open).when(outcome("dropped_out", { stage: "moon", reason: "x" })).thenRefused("UnknownStage", { path: ["returnTo", "stage"] })
  })

  it("a return needs a support decision (re-opened case), the outcome alone does not", () => {
    const reopened: ReadonlyArray<Case.Event> = [
      ...open,
      { _tag: "CaseClosed", occurredAt: d("2013-06-10"), actor: cw, reason: "withdrew" },
      { _tag: "CaseReopened", occurredAt: d("2013-06-20"), actor: cw, reason: "back", publicAssistance: true, episode: 2 }
    ]
    spec.given(...reopened).when(outcome("not_placed")).then(recorded("not_placed"))
    spec.given(...reopened).when(outcome("not_placed", { stage: "daily_living", reason: "health_deteriorated" })).thenRefused("SupportNotDecided", { command: "RecordReferralOutcome" })
  })
})
