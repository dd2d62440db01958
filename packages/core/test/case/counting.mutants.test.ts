// Counting (internal/caseCounting.ts), the fold's array ownership (internal/caseFold.ts) and a few
// refusals of the placements and referrals families: given events / when counted or decided / then.
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Case } from "../../src/index.ts"
import * as Closure from "../../src/internal/caseClosure.ts"
import * as Placements from "../../src/internal/casePlacements.ts"
import * as Referrals from "../../src/internal/caseReferrals.ts"
import { cw, d, esw, history, nav, placementRecorded, specFor, type EventOf } from "./spec.ts"

const orThrow = <A, E>(r: Result.Result<A, E>): A => {
  if (Result.isFailure(r)) throw new Error(JSON.stringify(r.failure))
  return r.success
}
const failureOf = <A, E>(r: Result.Result<A, E>): E => {
  if (Result.isSuccess(r)) throw new Error(`expected a failure, got ${JSON.stringify(r.success)}`)
  return r.failure
}
const rulesOf = (traced: ReadonlyArray<Case.TracedMetricEvent>) => traced.map((t) => `${t.source} ${t.rule} ${t.event.kind}`)

const opened: EventOf<"CaseOpened"> = { _tag: "CaseOpened", occurredAt: d("2013-04-01"), actor: cw, caseId: "c-1", subjectId: "p-1", publicAssistance: true }
const decidedWith = (services: ReadonlyArray<string>, on = "2013-04-23"): EventOf<"SupportDecided"> => ({
  _tag: "SupportDecided",
  occurredAt: d(on),
  actor: cw,
  planId: "plan-1",
  services,
  authorisedStages: []
})
const referredTo = (destination: Case.Destination, referralId: string, on: string): EventOf<"Referred"> => ({
  _tag: "Referred",
  occurredAt: d(on),
  actor: esw,
  referralId,
  destination,
  consentRecordIds: []
})
const kushiro: Case.MetricContext = { site: "kushiro", targetGroups: ["welfare_recipient"] }

describe("counting: the context (集計の文脈)", () => {
  it("given a context without a site, or with a personRef that is not a string, when counted, then a MetricMappingError naming the field", () => {
    const noSite = { targetGroups: ["welfare_recipient"] } as unknown as Case.MetricContext
    expect(failureOf(Case.toMetricEvents([opened], noSite))).toEqual({
      _tag: "MetricMappingError",
      path: ["site"],
      message: "site must be a non-empty string",
      messageJa: "拠点（site）を指定してください"
    })
    const nullPerson = { ...kushiro, personRef: null } as unknown as Case.MetricContext
    expect(failureOf(Case.toMetricEvents([opened], nullPerson))).toEqual({
      _tag: "MetricMappingError",
      path: ["personRef"],
      message: "personRef must be a non-empty string when given",
      messageJa: "本人参照（personRef）が空です"
    })
  })

  it("given fixed target groups, when counted and the caller's array changes afterwards, then the counted events keep the groups as they were", () => {
    const groups = ["welfare_recipient"]
    const events = orThrow(Case.toMetricEvents([opened], { site: "kushiro", targetGroups: groups }))
    groups.push("youth")
    expect(events.map((e) => e.targetGroups)).toEqual([["welfare_recipient"]])
  })

  it("given target groups as a function of the date, when counted, then it is asked once per date, and events of one date share its answer", () => {
    const asked: Array<string> = []
    const targetGroups = (date: string): ReadonlyArray<string> => {
      asked.push(date)
      return asked.length === 1 ? ["welfare_recipient"] : ["youth"]
    }
    const preConsultation: Case.Event = { _tag: "PreConsultationHeld", occurredAt: d("2013-04-01"), actor: nav, outcome: "can_work", consentRecordIds: [] }
    const events = orThrow(Case.toMetricEvents([opened, preConsultation, decidedWith(["employment_support"])], { site: "kushiro", targetGroups }))
    expect(asked).toEqual(["2013-04-01", "2013-04-23"])
    expect(events.map((e) => `${e.date} ${e.kind} ${e.targetGroups.join()}`)).toEqual([
      "2013-04-01 intake welfare_recipient",
      "2013-04-01 consultation welfare_recipient",
      "2013-04-23 plan_made youth",
      "2013-04-23 employment_support_started youth"
    ])
  })
})

describe("counting: once per episode (支援の一巡)", () => {
  it("given a stream that starts after a snapshot (no CaseOpened) and a personRef, when counted, then the first decision it sees makes the plan and starts employment support", () => {
    const traced = orThrow(Case.explainMetricEvents([decidedWith(["employment_support"])], { ...kushiro, personRef: "person-17" }))
    expect(rulesOf(traced)).toEqual(["0 plan_made plan_made", "0 employment_support_decided employment_support_started"])
    expect(traced.map((t) => t.event.personRef)).toEqual(["person-17", "person-17"])
  })

  it("given a stream that starts after a snapshot with a Hello Work referral, when counted, then the referral starts employment support and is a consultation", () => {
    const traced = orThrow(Case.explainMetricEvents([referredTo("hello_work", "r-1", "2013-06-01")], { ...kushiro, personRef: "person-17" }))
    expect(rulesOf(traced)).toEqual(["0 employment_support_referred employment_support_started", "0 hello_work_consultation consultation"])
  })

  it("given a decision that names no employment service and two referrals to work, when counted, then employment support starts once, at the first referral", () => {
    const events = [opened, decidedWith(["household_budget_support"]), referredTo("employment_readiness", "r-1", "2013-05-01"), referredTo("hello_work", "r-2", "2013-06-01")]
    const traced = orThrow(Case.explainMetricEvents(events, kushiro))
    expect(rulesOf(traced)).toEqual(["0 intake intake", "1 plan_made plan_made", "2 employment_support_referred employment_support_started", "3 hello_work_consultation consultation"])
    const started = traced.filter((t) => t.event.kind === "employment_support_started").map((t) => t.event.date)
    expect(started).toEqual(["2013-05-01"])
  })
})

describe("the fold never writes into a state handed out before (evolve, replay)", () => {
  const snapshotOf = (s: Case.CaseState) => JSON.parse(JSON.stringify({ stageHistory: s.stageHistory, referrals: s.referrals, placements: s.placements }))

  it("given a decided case, when events are applied with evolve or replayed from it, then its stage history, referrals and placements are unchanged", () => {
    const state = Case.replay(history.decided("employment"))
    const before = snapshotOf(state)
    const moved: Case.Event = {
      _tag: "StageMoved",
      occurredAt: d("2013-05-01"),
      actor: esw,
      from: "employment",
      to: "intermediate_work_unpaid",
      autonomyStage: "intermediate_work",
      kind: "regression",
      reason: "separated",
      evidence: []
    }
    const referred = referredTo("private_placement", "r-1", "2013-05-02")
    const placed = placementRecorded()
    const evolved = [moved, referred, placed].reduce(Case.evolve, state)
    expect(snapshotOf(state)).toEqual(before)
    const replayed = Case.replay([moved, referred, placed], state)
    expect(snapshotOf(state)).toEqual(before)
    expect(replayed).toEqual(evolved)
    expect(replayed.stageHistory.map((s) => `${s.stage} ${s.from}–${s.until ?? ""}`)).toEqual(["employment 2013-04-08–2013-05-01", "intermediate_work_unpaid 2013-05-01–"])
    expect(replayed.referrals.map((r) => r.referralId)).toEqual(["r-1"])
    expect(replayed.placements.map((p) => p.placementId)).toEqual(["job-1"])
  })

  it("given a case closed, re-opened and closed again before a new assessment, then the first episode's stay keeps its first closing date", () => {
    const spec = specFor(Closure.decide)
    const state = spec
      .given(...history.assessed(), { _tag: "CaseClosed", occurredAt: d("2013-06-01"), actor: cw, reason: "other" }, { _tag: "CaseReopened", occurredAt: d("2013-07-01"), actor: cw, reason: "back", publicAssistance: true, episode: 2 })
      .when({ _tag: "CloseCase", occurredAt: d("2013-08-01"), actor: cw, reason: "other" })
      .then({ _tag: "CaseClosed", occurredAt: d("2013-08-01"), actor: cw, reason: "other" })
    expect(state.stageHistory).toEqual([
      { stage: "social_life", autonomyStage: "social_life", from: "2013-04-08", until: "2013-06-01", kind: "assessment", reason: "assessment", episode: 1 }
    ])
  })

  it("given a case closed at intake (never assessed), then it has no stay", () => {
    const state = specFor(Closure.decide).given(...history.opened()).when({ _tag: "CloseCase", occurredAt: d("2013-04-02"), actor: cw, reason: "other" }).then({
      _tag: "CaseClosed",
      occurredAt: d("2013-04-02"),
      actor: cw,
      reason: "other"
    })
    expect(state).toMatchObject({ phase: "closed", closedAt: "2013-04-02", stageHistory: [] })
  })
})

describe("placements: refusals in full", () => {
  const spec = specFor(Placements.decide)

  it("given no case (the family on its own), when a follow-up is recorded, then WrongPhase, not an unknown placement", () => {
    const refusal = spec
      .given()
      .when({ _tag: "RecordFollowUp", occurredAt: d("2013-07-01"), actor: nav, placementId: "job-1", milestone: 1, contact: "person", stillEmployed: true })
      .thenRefused("WrongPhase", { phase: "none", command: "RecordFollowUp", path: ["_tag"] })
    expect(refusal.message).toBe('RecordFollowUp is not allowed in phase "none" (allowed: intake, assessed, planned, coordinated, decided, delivery, monitoring, evaluated)')
    expect(refusal.messageJa).toBe("RecordFollowUp は「none」の段階では行えません")
  })

  it("given a recipient's case, when the welfare exit names an unknown placement, then UnknownPlacement at placementId", () => {
    const refusal = spec
      .given(...history.decided("employment"))
      .when({ _tag: "RecordWelfareExit", occurredAt: d("2013-07-01"), actor: cw, reason: "employment_income", placementId: "job-9" })
      .thenRefused("UnknownPlacement", { placementId: "job-9" })
    expect(refusal.path).toEqual(["placementId"])
    expect(refusal.message).toBe('no placement "job-9" in this case')
    expect(refusal.messageJa).toBe("就職「job-9」は記録されていません")
  })
})

describe("referrals: the destination's age range (対象年齢)", () => {
  const born = (birthDate: string) => history.decided("social_life", { birthDate: d(birthDate) })
  const refer = (destination: Case.Destination): Extract<Case.Command, { _tag: "Refer" }> => ({ _tag: "Refer", occurredAt: d("2013-06-01"), actor: esw, referralId: "r-1", destination })

  it("given a range with only a maximum, when the person is within it, then the referral is made", () => {
    specFor(Referrals.decide, { ageRanges: { private_placement: { max: 64 } } })
      .given(...born("1960-01-01"))
      .when(refer("private_placement"))
      .then(referredTo("private_placement", "r-1", "2013-06-01"))
  })

  it("given an age outside the range, then the refusal's messages show the open end of the range as …", () => {
    const minOnly = specFor(Referrals.decide).given(...born("1953-06-02")).when(refer("silver_center")).thenRefused("AgeOutOfRange", { age: 59, min: 60 })
    expect(minOnly.message).toBe("silver_center serves ages 60–…; the person is 59")
    expect(minOnly.messageJa).toBe("silver_center の対象年齢外です（59歳）")
    const maxOnly = specFor(Referrals.decide, { ageRanges: { private_placement: { max: 64 } } }).given(...born("1948-01-01")).when(refer("private_placement")).thenRefused("AgeOutOfRange", { age: 65, max: 64 })
    expect(maxOnly.message).toBe("private_placement serves ages …–64; the person is 65")
    expect(maxOnly.messageJa).toBe("private_placement の対象年齢外です（65歳）")
  })
})
