// Given / when / then examples for the scenarios of the source documents (Emmett's test shape):
// given the past events, when a command is decided, then these events (or this refusal).
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Case, Period, type Consent } from "@jiritsu/core"

const d = Period.unsafeDate

const cw: Case.Actor = { organisation: "municipality", role: "caseworker" }
const esw: Case.Actor = { organisation: "consultation_agency", role: "employment_support_worker", title: "就労支援員" }
const nav: Case.Actor = { organisation: "hello_work", role: "hw_navigator" }
const permit: Case.ConsentDecision = { _tag: "Permit", recordIds: ["consent-2013-0001"] }

/** Emmett-style specification: given events, when a command, then events or a refusal. */
const given = (...history: ReadonlyArray<Case.Event>) => {
  const state = Case.replay(history)
  return {
    state,
    when: (command: Case.Command, context?: Case.DecideContext) => {
      const result = Case.decide(state, command, context)
      return {
        then: (...expected: ReadonlyArray<Case.Event>) => {
          expect(Result.isSuccess(result) ? result.success : result.failure).toEqual(expected)
          return Case.replay(expected, state)
        },
        thenRefused: <T extends Case.Refusal["_tag"]>(tag: T, fields: Partial<Extract<Case.Refusal, { _tag: T }>> = {}) => {
          expect(Result.isFailure(result)).toBe(true)
          if (Result.isFailure(result)) expect(result.failure).toMatchObject({ _tag: tag, ...fields })
        }
      }
    }
  }
}

/** The events of a case opened, assessed at `stage`, planned, approved, decided and in delivery. */
const inDelivery = (
  stage: string,
  opts: { readonly birthDate?: Period.LocalDate; readonly authorised?: ReadonlyArray<string>; readonly opened?: Period.LocalDate } = {}
): ReadonlyArray<Case.Event> => {
  const opened = opts.opened ?? d("2013-04-01")
  return [
    { _tag: "CaseOpened", occurredAt: opened, actor: cw, caseId: "c-1", subjectId: "p-1", publicAssistance: true, ...(opts.birthDate ? { birthDate: opts.birthDate } : {}) },
    { _tag: "Assessed", occurredAt: Period.addDays(opened, 7), actor: esw, startingStage: stage, autonomyStage: stage.startsWith("intermediate_work") ? "intermediate_work" : stage },
    { _tag: "PlanDrafted", occurredAt: Period.addDays(opened, 14), actor: esw, planId: "plan-1", goals: ["work"], revision: 1 },
    { _tag: "CoordinationMeetingHeld", occurredAt: Period.addDays(opened, 21), actor: cw, planId: "plan-1", outcome: "approved", participants: ["municipality", "hello_work"] },
    { _tag: "SupportDecided", occurredAt: Period.addDays(opened, 22), actor: cw, planId: "plan-1", services: ["employment_support"], authorisedStages: opts.authorised ?? [] },
    { _tag: "DeliveryStarted", occurredAt: Period.addDays(opened, 23), actor: esw }
  ]
}

describe("Kushiro (S1): job search at Hello Work fails → back to intermediate work", () => {
  const history: ReadonlyArray<Case.Event> = [
    ...inDelivery("intermediate_work_unpaid"),
    { _tag: "StageMoved", occurredAt: d("2013-09-01"), actor: esw, from: "intermediate_work_unpaid", to: "employment", autonomyStage: "employment", kind: "forward", reason: "ready_for_job_search", evidence: [] },
    { _tag: "Referred", occurredAt: d("2013-09-02"), actor: esw, referralId: "hw-1", destination: "hello_work", channel: "desk", consentRecordIds: ["consent-2013-0001"] }
  ]

  it("records the failed search and the return to unpaid intermediate work in one decision", () => {
    const after = given(...history)
      .when({
        _tag: "RecordReferralOutcome",
        occurredAt: d("2013-12-10"),
        actor: nav,
        referralId: "hw-1",
        outcome: "not_placed",
        returnTo: { stage: "intermediate_work_unpaid", reason: "job_search_failed", evidence: ["HW record 12/10"] }
      })
      .then(
        { _tag: "ReferralOutcomeRecorded", occurredAt: d("2013-12-10"), actor: nav, referralId: "hw-1", outcome: "not_placed" },
        {
          _tag: "StageMoved",
          occurredAt: d("2013-12-10"),
          actor: nav,
          from: "employment",
          to: "intermediate_work_unpaid",
          autonomyStage: "intermediate_work",
          kind: "regression",
          reason: "job_search_failed",
          evidence: ["HW record 12/10"]
        }
      )
    expect(after.stage).toBe("intermediate_work_unpaid")
    expect(after.referrals[0]).toMatchObject({ status: "not_placed", closedAt: "2013-12-10" })
    // Time in intermediate work counts both stays: Apr 8 → Sep 1 (146 days) and Dec 10 → Dec 31 (21 days).
    expect(Case.totalDaysIn(after, "intermediate_work", d("2013-12-31"))).toBe(146 + 21)
    expect(Case.currentStay(after, d("2013-12-31"))).toEqual({ autonomyStage: "intermediate_work", since: "2013-12-10", days: 21 })
  })

  it("refuses a return the graph does not allow, naming the field", () => {
    given(...history)
      .when({ _tag: "RecordReferralOutcome", occurredAt: d("2013-12-10"), actor: nav, referralId: "hw-1", outcome: "not_placed", returnTo: { stage: "daily_living", reason: "job_search_failed" } })
      .thenRefused("EdgeNotInGraph", { from: "employment", to: "daily_living", path: ["returnTo", "stage"] })
  })

  it("refuses a regression without a reason code, or with one that does not justify it", () => {
    const h = given(...history)
    h.when({ _tag: "MoveStage", occurredAt: d("2013-12-10"), actor: esw, to: "intermediate_work_unpaid", reason: "" }).thenRefused("MissingReason", { path: ["reason"] })
    h.when({ _tag: "MoveStage", occurredAt: d("2013-12-10"), actor: esw, to: "intermediate_work_unpaid", reason: "ready_now" }).thenRefused("ReasonNotAllowed", {
      allowed: ["job_search_failed", "separated"]
    })
  })

  it("flags stagnation after a year in intermediate work (paid and unpaid together)", () => {
    const state = Case.replay(inDelivery("intermediate_work_unpaid", { authorised: ["intermediate_work_paid"] }))
    const paid = Case.replay(
      [{ _tag: "StageMoved", occurredAt: d("2013-10-01"), actor: esw, from: "intermediate_work_unpaid", to: "intermediate_work_paid", autonomyStage: "intermediate_work", kind: "forward", reason: "ready_for_paid_training", evidence: [] }],
      state
    )
    expect(Case.stagnation(paid, d("2014-04-07"))).toBeUndefined()
    expect(Case.stagnation(paid, d("2014-04-08"))).toEqual({ autonomyStage: "intermediate_work", since: "2013-04-08", days: 365, thresholdDays: 365 })
    expect(Case.timeInStage(paid, d("2014-04-08"))).toBe(189)
  })
})

describe("Koga (S1): follow-ups at 1, 3, 6 and 12 months; re-support after leaving the job", () => {
  const placed: ReadonlyArray<Case.Event> = [
    ...inDelivery("employment"),
    { _tag: "PlacementRecorded", occurredAt: d("2013-05-20"), actor: nav, placementId: "job-1", employer: "Koga Foods", startDate: d("2013-06-01"), hoursPerWeek: 30, disclosure: "not_disclosed", consentRecordIds: [] }
  ]

  it("schedules follow-ups at 1/3/6/12 months and reports due and overdue as of a date", () => {
    const state = Case.replay(placed)
    expect(Case.followUpSchedule(state, d("2013-07-05")).map((f) => [f.milestone, f.dueDate, f.status])).toEqual([
      [1, "2013-07-01", "due"],
      [3, "2013-09-01", "upcoming"],
      [6, "2013-12-01", "upcoming"],
      [12, "2014-06-01", "upcoming"]
    ])
    expect(Case.overdueFollowUps(state, d("2013-07-16")).map((f) => f.milestone)).toEqual([1])
    expect(Case.dueFollowUps(state, d("2013-07-15")).map((f) => f.milestone)).toEqual([1])
  })

  it("contacts an employer who was not told only under a neutral pretext", () => {
    const h = given(...placed)
    h.when({ _tag: "RecordFollowUp", occurredAt: d("2013-07-01"), actor: nav, placementId: "job-1", milestone: 1, contact: "employer", stillEmployed: true }).thenRefused("DisclosureViolation")
    const after = h
      .when({ _tag: "RecordFollowUp", occurredAt: d("2013-07-01"), actor: nav, placementId: "job-1", milestone: 1, contact: "employer_neutral_pretext", stillEmployed: true })
      .then({ _tag: "FollowUpRecorded", occurredAt: d("2013-07-01"), actor: nav, placementId: "job-1", milestone: 1, contact: "employer_neutral_pretext", stillEmployed: true })
    expect(Case.followUpSchedule(after, d("2013-07-01"))[0]).toMatchObject({ status: "done", doneOn: "2013-07-01" })
  })

  it("refuses a follow-up before a placement exists, and one recorded months early", () => {
    given(...inDelivery("employment")).when({ _tag: "RecordFollowUp", occurredAt: d("2013-07-01"), actor: nav, placementId: "job-1", milestone: 1, contact: "person", stillEmployed: true }).thenRefused("UnknownPlacement")
    given(...placed).when({ _tag: "RecordFollowUp", occurredAt: d("2013-07-01"), actor: nav, placementId: "job-1", milestone: 6, contact: "person", stillEmployed: true }).thenRefused("FollowUpTooEarly", { dueDate: "2013-12-01" })
  })

  it("supports again after the person leaves the job: later follow-ups are cancelled, the stage goes back", () => {
    const after = given(...placed)
      .when({ _tag: "RecordSeparation", occurredAt: d("2013-08-15"), actor: esw, placementId: "job-1", reason: "resigned", returnTo: { stage: "intermediate_work_unpaid", reason: "separated" } })
      .then(
        { _tag: "SeparationRecorded", occurredAt: d("2013-08-15"), actor: esw, placementId: "job-1", reason: "resigned" },
        { _tag: "StageMoved", occurredAt: d("2013-08-15"), actor: esw, from: "employment", to: "intermediate_work_unpaid", autonomyStage: "intermediate_work", kind: "regression", reason: "separated", evidence: [] }
      )
    expect(Case.followUpSchedule(after, d("2014-08-01")).map((f) => f.status)).toEqual(["overdue", "cancelled", "cancelled", "cancelled"])
    given(...placed, ...[]).when({ _tag: "RecordSeparation", occurredAt: d("2013-05-25"), actor: esw, placementId: "job-1", reason: "resigned" }).thenRefused("DateBeforePlacementStart")
  })

  it("keeps following up after the case is closed (closure → follow-up), and re-opens for re-support", () => {
    const closed: ReadonlyArray<Case.Event> = [
      ...placed,
      { _tag: "WelfareExitRecorded", occurredAt: d("2013-06-30"), actor: cw, reason: "employment_income", placementId: "job-1" },
      { _tag: "CaseClosed", occurredAt: d("2013-07-01"), actor: cw, reason: "other", note: "left public assistance" }
    ]
    given(...closed)
      .when({ _tag: "RecordFollowUp", occurredAt: d("2013-09-02"), actor: nav, placementId: "job-1", milestone: 3, contact: "person", stillEmployed: false })
      .then({ _tag: "FollowUpRecorded", occurredAt: d("2013-09-02"), actor: nav, placementId: "job-1", milestone: 3, contact: "person", stillEmployed: false })
    const reopened = given(...closed)
      .when({ _tag: "ReopenCase", occurredAt: d("2014-01-10"), actor: cw, reason: "left the job; support again", publicAssistance: true })
      .then({ _tag: "CaseReopened", occurredAt: d("2014-01-10"), actor: cw, reason: "left the job; support again", publicAssistance: true, episode: 2 })
    expect(reopened).toMatchObject({ phase: "intake", episode: 2, publicAssistance: true, supportDecided: false })
    expect(reopened.stage).toBeUndefined()
  })
})

describe("Koga (S1): pre-consultation with the navigator when it is unclear whether the person can work", () => {
  const opened: Case.Event = { _tag: "CaseOpened", occurredAt: d("2019-03-04"), actor: cw, caseId: "c-9", subjectId: "p-9", publicAssistance: true }

  it("is held before a plan, with a consent decision that permits sharing with Hello Work", () => {
    given(opened)
      .when({ _tag: "HoldPreConsultation", occurredAt: d("2019-03-05"), actor: nav, outcome: "can_work" }, { consent: permit })
      .then({ _tag: "PreConsultationHeld", occurredAt: d("2019-03-05"), actor: nav, outcome: "can_work", consentRecordIds: ["consent-2013-0001"] })
    given(opened).when({ _tag: "HoldPreConsultation", occurredAt: d("2019-03-05"), actor: nav, outcome: "can_work" }).thenRefused("ConsentMissing", { recipient: "hello_work" })
  })

  it("is not a step after the plan", () => {
    given(...inDelivery("social_life"))
      .when({ _tag: "HoldPreConsultation", occurredAt: d("2013-06-01"), actor: nav, outcome: "can_work", consent: permit })
      .thenRefused("WrongPhase", { phase: "delivery", allowed: ["intake", "assessed"] })
  })
})

describe("Referral to Hello Work needs a consent decision that permits it (§3)", () => {
  const refer = (consent?: Case.ConsentDecision): Case.Command => ({
    _tag: "Refer",
    occurredAt: d("2013-06-01"),
    actor: esw,
    referralId: "hw-1",
    destination: "hello_work",
    channel: "visiting",
    ...(consent ? { consent } : {})
  })

  it("records the consent record ids on the referral", () => {
    given(...inDelivery("employment"))
      .when(refer(permit))
      .then({ _tag: "Referred", occurredAt: d("2013-06-01"), actor: esw, referralId: "hw-1", destination: "hello_work", channel: "visiting", consentRecordIds: ["consent-2013-0001"] })
  })

  it("refuses without a decision, on Deny and on NoBasis", () => {
    const h = given(...inDelivery("employment"))
    h.when(refer()).thenRefused("ConsentMissing")
    h.when(refer({ _tag: "Deny", reason: "consent withdrawn on 2013-05-30" })).thenRefused("ConsentDenied", { reason: "consent withdrawn on 2013-05-30" })
    h.when(refer({ _tag: "NoBasis" })).thenRefused("ConsentNoBasis")
  })

  it("takes the Consent module's Decision type as is (checked by the compiler)", () => {
    const port = (decision: Consent.Decision): Case.ConsentDecision => decision
    expect(typeof port).toBe("function")
  })

  it("refuses a decision that answered a request about another recipient", () => {
    const forEmployer: Case.ConsentDecision = { _tag: "Permit", recordIds: ["r-1"], request: { recipient: { class: "prospective-employer" } } }
    given(...inDelivery("employment")).when(refer(forEmployer)).thenRefused("ConsentForAnotherRecipient", { decidedFor: "prospective-employer", path: ["consent", "request", "recipient", "class"] })
    const forHelloWork: Case.ConsentDecision = { _tag: "Permit", recordIds: ["r-2"], request: { recipient: { class: "hello-work" } } }
    given(...inDelivery("employment")).when(refer(forHelloWork)).then({ _tag: "Referred", occurredAt: d("2013-06-01"), actor: esw, referralId: "hw-1", destination: "hello_work", channel: "visiting", consentRecordIds: ["r-2"] })
  })

  it("accepts the richer decision of the Consent module as is (extra fields are ignored)", () => {
    const fromConsentModule = { _tag: "Permit" as const, basis: { kind: "consent" as const, recordIds: ["r-7"] }, recordIds: ["r-7"], purpose: "employment-support-referral" }
    given(...inDelivery("employment")).when(refer(), { consent: fromConsentModule }).then({
      _tag: "Referred",
      occurredAt: d("2013-06-01"),
      actor: esw,
      referralId: "hw-1",
      destination: "hello_work",
      channel: "visiting",
      consentRecordIds: ["r-7"]
    })
  })
})

describe("Takatsuki (S1): workplace experience with a host firm, then a hire", () => {
  it("refers to workplace experience, records completion, then the placement with the host firm", () => {
    const history = inDelivery("intermediate_work_unpaid")
    const s1 = given(...history)
      .when({ _tag: "Refer", occurredAt: d("2013-05-10"), actor: esw, referralId: "wx-1", destination: "workplace_experience", host: "Takatsuki Logistics", note: "職場体験シート: goals, strengths" })
      .then({ _tag: "Referred", occurredAt: d("2013-05-10"), actor: esw, referralId: "wx-1", destination: "workplace_experience", host: "Takatsuki Logistics", note: "職場体験シート: goals, strengths", consentRecordIds: [] })
    const s2 = Case.replay([{ _tag: "ReferralOutcomeRecorded", occurredAt: d("2013-06-10"), actor: esw, referralId: "wx-1", outcome: "completed" }], s1)
    const r = Case.handle(s2, {
      _tag: "RecordPlacement",
      occurredAt: d("2013-06-20"),
      actor: esw,
      placementId: "job-1",
      employer: "Takatsuki Logistics",
      startDate: d("2013-07-01"),
      hoursPerWeek: 20,
      disclosure: "disclosed",
      referralId: "wx-1",
      consent: { _tag: "Permit", recordIds: ["employer-disclosure-1"] }
    })
    expect(Result.isSuccess(r) && r.success.state.placements[0]).toMatchObject({ employer: "Takatsuki Logistics", referralId: "wx-1", disclosure: "disclosed" })
  })

  it("refuses to tell an employer about the support without consent — Hello Work's consent does not count", () => {
    const disclose: Case.Command = { _tag: "RecordPlacement", occurredAt: d("2013-06-20"), actor: esw, placementId: "job-1", employer: "X", startDate: d("2013-07-01"), hoursPerWeek: 20, disclosure: "disclosed" }
    given(...inDelivery("employment")).when(disclose).thenRefused("ConsentMissing", { recipient: "employer" })
    given(...inDelivery("employment")).when(disclose, { consent: permit }).thenRefused("ConsentMissing", { recipient: "employer" })
    given(...inDelivery("employment")).when(disclose, { consentByRecipient: { employer: { _tag: "Deny", reason: "not agreed" } } }).thenRefused("ConsentDenied", { recipient: "employer" })
    given(...inDelivery("employment"))
      .when(disclose, { consentByRecipient: { employer: { _tag: "Permit", recordIds: ["emp-1"] } } })
      .then({ _tag: "PlacementRecorded", occurredAt: d("2013-06-20"), actor: esw, placementId: "job-1", employer: "X", startDate: d("2013-07-01"), hoursPerWeek: 20, disclosure: "disclosed", consentRecordIds: ["emp-1"] })
  })
})

describe("Soka (S1): people aged 60 and over go to the silver human resources centre", () => {
  const refer: Case.Command = { _tag: "Refer", occurredAt: d("2015-07-01"), actor: cw, referralId: "sc-1", destination: "silver_center" }

  it("refers a 62-year-old", () => {
    given(...inDelivery("social_life", { birthDate: d("1953-01-15"), opened: d("2015-06-01") })).when(refer).then({
      _tag: "Referred",
      occurredAt: d("2015-07-01"),
      actor: cw,
      referralId: "sc-1",
      destination: "silver_center",
      consentRecordIds: []
    })
  })

  it("refuses a 45-year-old, saying the age and the range", () => {
    given(...inDelivery("social_life", { birthDate: d("1970-01-15"), opened: d("2015-06-01") })).when(refer).thenRefused("AgeOutOfRange", { age: 45, min: 60 })
  })
})

describe("Emergency support before a plan (緊急支援, P31)", () => {
  const opened: Case.Event = { _tag: "CaseOpened", occurredAt: d("2020-04-01"), actor: cw, caseId: "c-2", subjectId: "p-2", publicAssistance: false }

  it("is accepted at intake, while other support waits for the support decision", () => {
    const after = given(opened)
      .when({ _tag: "ProvideEmergencySupport", occurredAt: d("2020-04-01"), actor: esw, kind: "food" })
      .then({ _tag: "EmergencySupportProvided", occurredAt: d("2020-04-01"), actor: esw, kind: "food" })
    expect(after.emergencySupports).toBe(1)
    given(opened).when({ _tag: "Refer", occurredAt: d("2020-04-02"), actor: esw, referralId: "r-1", destination: "household_budget_support" }).thenRefused("SupportNotDecided")
  })

  it("is refused before the case opened and dated before intake", () => {
    given().when({ _tag: "ProvideEmergencySupport", occurredAt: d("2020-04-01"), actor: esw, kind: "food" }).thenRefused("WrongPhase", { phase: "none" })
    given(opened).when({ _tag: "ProvideEmergencySupport", occurredAt: d("2020-03-31"), actor: esw, kind: "housing" }).thenRefused("DateBeforeCaseOpened", { path: ["occurredAt"] })
  })
})

describe("Certified work training (認定就労訓練, P32): the assessment proposes paid or unpaid, the administration decides", () => {
  const proposed: ReadonlyArray<Case.Event> = [
    { _tag: "CaseOpened", occurredAt: d("2016-04-01"), actor: cw, caseId: "c-3", subjectId: "p-3", publicAssistance: true },
    { _tag: "Assessed", occurredAt: d("2016-04-08"), actor: esw, startingStage: "intermediate_work_unpaid", autonomyStage: "intermediate_work", proposedWorkTraining: "paid" },
    { _tag: "PlanDrafted", occurredAt: d("2016-04-15"), actor: esw, planId: "plan-1", goals: ["paid training"], revision: 1 },
    { _tag: "CoordinationMeetingHeld", occurredAt: d("2016-04-20"), actor: cw, planId: "plan-1", outcome: "approved", participants: ["municipality"] }
  ]
  const decide = (actor: Case.Actor, authorisedStages: ReadonlyArray<string>): Case.Command => ({
    _tag: "DecideSupport",
    occurredAt: d("2016-04-21"),
    actor,
    planId: "plan-1",
    services: ["certified_work_training"],
    authorisedStages
  })
  const toPaid: Case.Command = { _tag: "MoveStage", occurredAt: d("2016-05-01"), actor: esw, to: "intermediate_work_paid", reason: "ready_for_paid_training" }

  it("only the municipality takes the support decision", () => {
    given(...proposed).when(decide(esw, ["intermediate_work_paid"])).thenRefused("ActorNotPermitted", { rule: "support_decision_by_municipality" })
  })

  it("paid training needs the decision to name it; without it the move is refused", () => {
    const unpaidOnly = given(...proposed).when(decide(cw, [])).then({ ...(decide(cw, []) as Extract<Case.Command, { _tag: "DecideSupport" }>), _tag: "SupportDecided" })
    expect(Result.isFailure(Case.decide(unpaidOnly, toPaid))).toBe(true)
    given(...proposed, { _tag: "SupportDecided", occurredAt: d("2016-04-21"), actor: cw, planId: "plan-1", services: [], authorisedStages: [] }).when(toPaid).thenRefused("StageNotAuthorised", {
      stage: "intermediate_work_paid"
    })
    const paid = Case.replay([{ _tag: "SupportDecided", occurredAt: d("2016-04-21"), actor: cw, planId: "plan-1", services: [], authorisedStages: ["intermediate_work_paid"] }], Case.replay(proposed))
    expect(Result.isSuccess(Case.decide(paid, toPaid))).toBe(true)
  })

  it("paid training can fall back to unpaid", () => {
    const paid = Case.replay([
      ...proposed,
      { _tag: "SupportDecided", occurredAt: d("2016-04-21"), actor: cw, planId: "plan-1", services: [], authorisedStages: ["intermediate_work_paid"] },
      { _tag: "StageMoved", occurredAt: d("2016-05-01"), actor: esw, from: "intermediate_work_unpaid", to: "intermediate_work_paid", autonomyStage: "intermediate_work", kind: "forward", reason: "ready_for_paid_training", evidence: [] }
    ])
    const r = Case.decide(paid, { _tag: "MoveStage", occurredAt: d("2016-08-01"), actor: esw, to: "intermediate_work_unpaid", reason: "paid_training_not_sustained" })
    expect(Result.isSuccess(r) && r.success[0]).toMatchObject({ kind: "regression", from: "intermediate_work_paid" })
  })
})

describe("Lifecycle (§2.1): intake → assessment → plan → meeting → decision → delivery → monitoring → evaluation → closure", () => {
  it("runs the whole process and closes on evaluation", () => {
    const steps: ReadonlyArray<Case.Command> = [
      { _tag: "OpenCase", occurredAt: d("2021-04-01"), actor: cw, caseId: "c-4", subjectId: "p-4", publicAssistance: true, route: "caseworker" },
      { _tag: "Assess", occurredAt: d("2021-04-05"), actor: esw, startingStage: "daily_living" },
      { _tag: "DraftPlan", occurredAt: d("2021-04-10"), actor: esw, planId: "plan-1", goals: ["regular sleep"] },
      { _tag: "HoldCoordinationMeeting", occurredAt: d("2021-04-15"), actor: cw, planId: "plan-1", outcome: "revise", participants: ["municipality", "consultation_agency"] },
      { _tag: "DraftPlan", occurredAt: d("2021-04-16"), actor: esw, planId: "plan-2", goals: ["regular sleep", "volunteering"] },
      { _tag: "HoldCoordinationMeeting", occurredAt: d("2021-04-22"), actor: cw, planId: "plan-2", outcome: "approved", participants: ["municipality", "consultation_agency"] },
      { _tag: "DecideSupport", occurredAt: d("2021-04-23"), actor: cw, planId: "plan-2", services: ["employment_readiness"], authorisedStages: [] },
      { _tag: "StartDelivery", occurredAt: d("2021-05-01"), actor: esw },
      { _tag: "MoveStage", occurredAt: d("2021-07-01"), actor: esw, to: "social_life", reason: "daily_routine_established", evidence: ["attendance log"] },
      { _tag: "RecordMonitoring", occurredAt: d("2021-08-01"), actor: esw },
      { _tag: "Evaluate", occurredAt: d("2021-10-01"), actor: esw, outcome: "close" },
      { _tag: "CloseCase", occurredAt: d("2021-10-05"), actor: cw, reason: "evaluated" }
    ]
    let state = Case.initial
    for (const command of steps) {
      const r = Case.handle(state, command)
      if (Result.isFailure(r)) throw new Error(`${command._tag}: ${r.failure.message}`)
      state = r.success.state
    }
    expect(state).toMatchObject({ phase: "closed", closeReason: "evaluated", planRevisions: 2, version: steps.length })
    expect(state.stageHistory.map((i) => [i.stage, i.from, i.until])).toEqual([
      ["daily_living", "2021-04-05", "2021-07-01"],
      ["social_life", "2021-07-01", "2021-10-05"]
    ])
    expect(Case.invariantViolations(state)).toEqual([])
  })

  it("refuses closing 'on evaluation' without one, but accepts an explicit reason", () => {
    const h = given(...inDelivery("social_life"))
    h.when({ _tag: "CloseCase", occurredAt: d("2013-06-01"), actor: cw, reason: "evaluated" }).thenRefused("ClosureNeedsEvaluation", { path: ["reason"] })
    h.when({ _tag: "CloseCase", occurredAt: d("2013-06-01"), actor: cw, reason: "moved_away" }).then({ _tag: "CaseClosed", occurredAt: d("2013-06-01"), actor: cw, reason: "moved_away" })
  })

  it("refuses events out of date order and unknown starting stages", () => {
    const h = given(...inDelivery("social_life"))
    h.when({ _tag: "RecordMonitoring", occurredAt: d("2013-04-20"), actor: esw }).thenRefused("DateBeforePreviousEvent", { lastEventAt: "2013-04-24" })
    given({ _tag: "CaseOpened", occurredAt: d("2013-04-01"), actor: cw, caseId: "c", subjectId: "p", publicAssistance: true })
      .when({ _tag: "Assess", occurredAt: d("2013-04-02"), actor: esw, startingStage: "retired" })
      .thenRefused("UnknownStage", { stage: "retired", path: ["startingStage"] })
  })
})
