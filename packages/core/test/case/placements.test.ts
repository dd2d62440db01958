// The "placements and follow-ups" family (internal/casePlacements.ts) on its own: given / when / then.
import { describe, expect, it } from "vitest"
import { Case } from "@jiritsu/core"
import * as Placements from "../../src/internal/casePlacements.ts"
import { cw, d, esw, history, nav, permit, placement, placementRecorded, specFor, type CommandOf } from "./spec.ts"

const spec = specFor(Placements.decide)
const place = placement
const placed = placementRecorded
const employed = [...history.decided("employment"), placed()]

describe("RecordPlacement (就職)", () => {
  it("records a placement not disclosed to the employer without consent", () => {
    const state = spec.given(...history.decided("employment")).when(place()).then(placed())
    expect(state.placements).toEqual([
      { placementId: "job-1", employer: "Koga Foods", startDate: "2013-06-01", hoursPerWeek: 30, disclosure: "not_disclosed", referralId: undefined, followUps: [], separatedAt: undefined, separationReason: undefined }
    ])
  })

  it("discloses to the employer only with a permit for the employer", () => {
    const given = spec.given(...history.decided("employment"))
    given.when(place({ disclosure: "disclosed" })).thenRefused("ConsentMissing", { recipient: "employer", path: ["consent"] })
    given.when(place({ disclosure: "disclosed" }), { consent: permit }).thenRefused("ConsentMissing", { recipient: "employer" })
    given.when(place({ disclosure: "disclosed" }), { consentByRecipient: { employer: permit } }).then(placed({ disclosure: "disclosed", consentRecordIds: ["consent-1"] }))
    given.when(place({ disclosure: "disclosed", consent: { _tag: "Permit", recordIds: ["e"], request: { recipient: { class: "prospective-employer" } } } })).then(placed({ disclosure: "disclosed", consentRecordIds: ["e"] }))
    given
      .when(place({ disclosure: "disclosed", consent: { _tag: "Permit", recordIds: ["e"], request: { recipient: { class: "hello-work" } } } }))
      .thenRefused("ConsentForAnotherRecipient", { recipient: "employer", decidedFor: "hello-work" })
  })

  it("refuses before a decision, a duplicate id, a start before the case opened, an unknown referral", () => {
    spec.given(...history.coordinated()).when(place()).thenRefused("SupportNotDecided")
    spec.given(...employed).when(place()).thenRefused("DuplicateId", { kind: "placement", id: "job-1", path: ["placementId"] })
    spec.given(...history.decided("employment")).when(place({ startDate: d("2013-03-31") })).thenRefused("DateBeforeCaseOpened", { date: "2013-03-31", openedAt: "2013-04-01", path: ["startDate"] })
    spec.given(...history.decided("employment")).when(place({ startDate: d("2013-04-01") })).then(placed({ startDate: d("2013-04-01") }))
    spec.given(...history.decided("employment")).when(place({ referralId: "r-9" })).thenRefused("UnknownReferral", { referralId: "r-9" })
    const viaReferral: Case.Event = { _tag: "Referred", occurredAt: d("2013-05-01"), actor: esw, referralId: "r-9", destination: "private_placement", consentRecordIds: [] }
    expect(spec.given(...history.decided("employment"), viaReferral).when(place({ referralId: "r-9" })).then(placed({ referralId: "r-9" })).placements[0]?.referralId).toBe("r-9")
  })
})

describe("RecordFollowUp (定着支援)", () => {
  const followUp = (over: Partial<Extract<Case.Command, { _tag: "RecordFollowUp" }>> = {}): Extract<Case.Command, { _tag: "RecordFollowUp" }> => ({
    _tag: "RecordFollowUp",
    occurredAt: d("2013-07-01"),
    actor: nav,
    placementId: "job-1",
    milestone: 1,
    contact: "person",
    stillEmployed: true,
    ...over
  })

  it("records a milestone from followUpEarlyDays before it is due", () => {
    const early = followUp({ occurredAt: d("2013-06-17") })
    const state = spec.given(...employed).when(early).then({ ...early, _tag: "FollowUpRecorded" })
    expect(state.placements[0]?.followUps).toEqual([{ milestone: 1, on: "2013-06-17", stillEmployed: true, contact: "person" }])
    spec.given(...employed).when(followUp({ occurredAt: d("2013-06-16") })).thenRefused("FollowUpTooEarly", { milestone: 1, dueDate: "2013-07-01", earliest: "2013-06-17", path: ["occurredAt"] })
    specFor(Placements.decide, { followUpEarlyDays: 0 }).given(...employed).when(followUp({ occurredAt: d("2013-06-30") })).thenRefused("FollowUpTooEarly", { earliest: "2013-07-01" })
  })

  it("one follow-up per milestone; an employer not told is contacted only under a pretext", () => {
    const done: Case.Event = { ...followUp(), _tag: "FollowUpRecorded" }
    spec.given(...employed, done).when(followUp({ occurredAt: d("2013-07-02") })).thenRefused("FollowUpAlreadyRecorded", { placementId: "job-1", milestone: 1, path: ["milestone"] })
    spec.given(...employed).when(followUp({ contact: "employer" })).thenRefused("DisclosureViolation", { placementId: "job-1", path: ["contact"] })
    spec.given(...employed).when(followUp({ contact: "employer_neutral_pretext" })).then({ ...followUp({ contact: "employer_neutral_pretext" }), _tag: "FollowUpRecorded" })
    const disclosed = [...history.decided("employment"), placed({ disclosure: "disclosed", consentRecordIds: ["c"] })]
    spec.given(...disclosed).when(followUp({ contact: "employer" })).then({ ...followUp({ contact: "employer" }), _tag: "FollowUpRecorded" })
  })

  it("refuses an unknown or ended placement and a date before the start", () => {
    spec.given(...history.decided("employment")).when(followUp()).thenRefused("UnknownPlacement", { placementId: "job-1", path: ["placementId"] })
    const left: Case.Event = { _tag: "SeparationRecorded", occurredAt: d("2013-06-10"), actor: esw, placementId: "job-1", reason: "health" }
    spec.given(...employed, left).when(followUp()).thenRefused("PlacementEnded", { separatedAt: "2013-06-10" })
    spec.given(...employed).when(followUp({ occurredAt: d("2013-05-25") })).thenRefused("DateBeforePlacementStart", { date: "2013-05-25", startDate: "2013-06-01" })
  })
})

describe("RecordSeparation (離職) and RecordWelfareExit (保護脱却)", () => {
  it("records leaving the job, optionally with re-support as a stage move", () => {
    const state = spec
      .given(...employed)
      .when({ _tag: "RecordSeparation", occurredAt: d("2013-08-15"), actor: esw, placementId: "job-1", reason: "resigned" })
      .then({ _tag: "SeparationRecorded", occurredAt: d("2013-08-15"), actor: esw, placementId: "job-1", reason: "resigned" })
    expect(state.placements[0]).toMatchObject({ separatedAt: "2013-08-15", separationReason: "resigned" })
    spec
      .given(...employed)
      .when({ _tag: "RecordSeparation", occurredAt: d("2013-08-15"), actor: esw, placementId: "job-1", reason: "dismissed", returnTo: { stage: "intermediate_work_unpaid", reason: "separated", evidence: ["e"] } })
      .then(
        { _tag: "SeparationRecorded", occurredAt: d("2013-08-15"), actor: esw, placementId: "job-1", reason: "dismissed" },
        { _tag: "StageMoved", occurredAt: d("2013-08-15"), actor: esw, from: "employment", to: "intermediate_work_unpaid", autonomyStage: "intermediate_work", kind: "regression", reason: "separated", evidence: ["e"] }
      )
    spec
      .given(...employed)
      .when({ _tag: "RecordSeparation", occurredAt: d("2013-08-15"), actor: esw, placementId: "job-1", reason: "dismissed", returnTo: { stage: "intermediate_work_unpaid", reason: "job_offer" } })
      .thenRefused("ReasonNotAllowed", { path: ["returnTo", "reason"] })
  })

  it("refuses a separation from an unknown or ended placement, or dated before its start", () => {
    const sep = (occurredAt: string): CommandOf<"RecordSeparation"> => ({ _tag: "RecordSeparation", occurredAt: d(occurredAt), actor: esw, placementId: "job-1", reason: "other" })
    spec.given(...history.decided("employment")).when(sep("2013-08-15")).thenRefused("UnknownPlacement")
    spec.given(...employed, { _tag: "SeparationRecorded", occurredAt: d("2013-08-01"), actor: esw, placementId: "job-1", reason: "other" }).when(sep("2013-08-15")).thenRefused("PlacementEnded")
    spec.given(...employed).when(sep("2013-05-31")).thenRefused("DateBeforePlacementStart")
  })

  it("a re-support return needs a support decision (the case was re-opened meanwhile)", () => {
    const reopened: ReadonlyArray<Case.Event> = [
      ...employed,
      { _tag: "CaseClosed", occurredAt: d("2013-07-01"), actor: cw, reason: "other" },
      { _tag: "CaseReopened", occurredAt: d("2013-08-01"), actor: cw, reason: "left", publicAssistance: true, episode: 2 }
    ]
    spec
      .given(...reopened)
      .when({ _tag: "RecordSeparation", occurredAt: d("2013-08-15"), actor: esw, placementId: "job-1", reason: "other", returnTo: { stage: "intermediate_work_unpaid", reason: "separated" } })
      .thenRefused("SupportNotDecided", { command: "RecordSeparation" })
  })

  it("records the exit from public assistance of a recipient, optionally tied to a placement", () => {
    const state = spec
      .given(...employed)
      .when({ _tag: "RecordWelfareExit", occurredAt: d("2013-07-01"), actor: cw, reason: "employment_income", placementId: "job-1" })
      .then({ _tag: "WelfareExitRecorded", occurredAt: d("2013-07-01"), actor: cw, reason: "employment_income", placementId: "job-1" })
    expect(state).toMatchObject({ publicAssistance: false, welfareExitAt: "2013-07-01" })
    spec.given(...employed).when({ _tag: "RecordWelfareExit", occurredAt: d("2013-07-01"), actor: cw, reason: "other", placementId: "job-9" }).thenRefused("UnknownPlacement", { placementId: "job-9" })
    spec.given(...history.decided("employment", { publicAssistance: false })).when({ _tag: "RecordWelfareExit", occurredAt: d("2013-07-01"), actor: cw, reason: "other" }).thenRefused("NotOnPublicAssistance", { path: ["_tag"] })
    const closed = [...employed, { _tag: "CaseClosed", occurredAt: d("2013-06-15"), actor: cw, reason: "other" } as Case.Event]
    spec.given(...closed).when({ _tag: "RecordWelfareExit", occurredAt: d("2013-07-01"), actor: cw, reason: "other" }).thenRefused("WrongPhase", { phase: "closed" })
  })
})
