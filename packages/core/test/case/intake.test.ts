// The "intake, assessment and plan" family (internal/caseIntake.ts) on its own: given / when / then.
import { describe, expect, it } from "vitest"
import { Case, Stage } from "@jiritsu/core"
import * as Intake from "../../src/internal/caseIntake.ts"
import { cw, d, esw, history, nav, permit, specFor, type CommandOf } from "./spec.ts"

const spec = specFor(Intake.decide)
const open: CommandOf<"OpenCase"> = { _tag: "OpenCase", occurredAt: d("2013-04-01"), actor: cw, caseId: "c-1", subjectId: "p-1", publicAssistance: true, route: "caseworker" }

describe("OpenCase (相談受付)", () => {
  it("opens a case that does not exist yet, and the state records who and when", () => {
    const state = spec
      .given()
      .when(open)
      .then({ _tag: "CaseOpened", occurredAt: d("2013-04-01"), actor: cw, caseId: "c-1", subjectId: "p-1", publicAssistance: true, route: "caseworker" })
    expect(state).toMatchObject({ phase: "intake", caseId: "c-1", subjectId: "p-1", openedAt: "2013-04-01", episode: 1, publicAssistance: true, version: 1 })
  })

  it("refuses to open a case twice", () => {
    spec.given(...history.opened()).when(open).thenRefused("WrongPhase", { phase: "intake", allowed: ["none"], path: ["_tag"] })
  })
})

describe("Assess (アセスメント)", () => {
  const assess = (startingStage: string): CommandOf<"Assess"> => ({ _tag: "Assess", occurredAt: d("2013-04-08"), actor: esw, startingStage, proposedWorkTraining: "unpaid" })

  it("sets the starting stage at an entry of the graph, with its autonomy stage", () => {
    const state = spec
      .given(...history.opened())
      .when(assess("intermediate_work_unpaid"))
      .then({ _tag: "Assessed", occurredAt: d("2013-04-08"), actor: esw, startingStage: "intermediate_work_unpaid", autonomyStage: "intermediate_work", proposedWorkTraining: "unpaid" })
    expect(state).toMatchObject({ phase: "assessed", stage: "intermediate_work_unpaid", proposedWorkTraining: "unpaid" })
    expect(state.stageHistory).toEqual([{ stage: "intermediate_work_unpaid", autonomyStage: "intermediate_work", from: "2013-04-08", until: undefined, kind: "assessment", reason: "assessment", episode: 1 }])
  })

  it("refuses an unknown stage, a stage that is not an entry, and one that needs a support decision", () => {
    const given = spec.given(...history.opened())
    given.when(assess("flying")).thenRefused("UnknownStage", { stage: "flying", graph: Stage.kushiroGraph.id, path: ["startingStage"] })
    const narrow: Stage.StageGraph = { ...Stage.kushiroGraph, id: "narrow", entry: ["daily_living"] }
    specFor(Intake.decide, { graph: narrow }).given(...history.opened()).when(assess("social_life")).thenRefused("EdgeNotInGraph", { from: "(assessment)", to: "social_life", graph: "narrow", path: ["startingStage"] })
    const paid = Stage.kushiroGraph.nodes.find((n) => n.requiresDecision === true)!
    const graph: Stage.StageGraph = { ...Stage.kushiroGraph, id: "entry-at-paid", entry: [...Stage.kushiroGraph.entry, paid.id] }
    specFor(Intake.decide, { graph }).given(...history.opened()).when(assess(paid.id)).thenRefused("StageNotAuthorised", { stage: paid.id, path: ["startingStage"] })
    specFor(Intake.decide, { graph }).given(...history.opened()).when(assess("moon")).thenRefused("UnknownStage", { graph: "entry-at-paid" })
  })

  it("is only the step after intake", () => {
    spec.given(...history.assessed()).when(assess("social_life")).thenRefused("WrongPhase", { phase: "assessed", allowed: ["intake"] })
  })
})

describe("Emergency support (緊急支援) and pre-consultation (プレ相談)", () => {
  it("emergency support is given in any open phase and counted", () => {
    const state = spec
      .given(...history.planned())
      .when({ _tag: "ProvideEmergencySupport", occurredAt: d("2013-04-16"), actor: cw, kind: "food" })
      .then({ _tag: "EmergencySupportProvided", occurredAt: d("2013-04-16"), actor: cw, kind: "food" })
    expect(state.emergencySupports).toBe(1)
  })

  it("emergency support is refused once the case is closed", () => {
    const closed: Case.Event = { _tag: "CaseClosed", occurredAt: d("2013-05-01"), actor: cw, reason: "moved_away" }
    spec.given(...history.opened(), closed).when({ _tag: "ProvideEmergencySupport", occurredAt: d("2013-05-02"), actor: cw, kind: "housing" }).thenRefused("WrongPhase", { phase: "closed" })
  })

  it("a pre-consultation needs a permit for Hello Work (on the command or in the context) and keeps its record ids", () => {
    const given = spec.given(...history.assessed())
    const held = given
      .when({ _tag: "HoldPreConsultation", occurredAt: d("2013-04-09"), actor: nav, outcome: "unclear" }, { consent: permit })
      .then({ _tag: "PreConsultationHeld", occurredAt: d("2013-04-09"), actor: nav, outcome: "unclear", consentRecordIds: ["consent-1"] })
    expect(held.preConsultations).toBe(1)
    given
      .when({ _tag: "HoldPreConsultation", occurredAt: d("2013-04-09"), actor: nav, outcome: "unclear", consent: { _tag: "Permit", recordIds: ["on-command"] } }, { consent: permit })
      .then({ _tag: "PreConsultationHeld", occurredAt: d("2013-04-09"), actor: nav, outcome: "unclear", consentRecordIds: ["on-command"] })
    given.when({ _tag: "HoldPreConsultation", occurredAt: d("2013-04-09"), actor: nav, outcome: "can_work" }, { consent: { _tag: "Deny", reason: "withdrawn" } }).thenRefused("ConsentDenied", { reason: "withdrawn" })
    given.when({ _tag: "HoldPreConsultation", occurredAt: d("2013-04-09"), actor: nav, outcome: "can_work" }, { consent: { _tag: "NoBasis" } }).thenRefused("ConsentNoBasis", { recipient: "hello_work" })
    given
      .when({ _tag: "HoldPreConsultation", occurredAt: d("2013-04-09"), actor: nav, outcome: "can_work" }, { consentByRecipient: { employer: permit } })
      .thenRefused("ConsentMissing", { recipient: "hello_work", path: ["consent"] })
  })

  it("a pre-consultation comes before the plan", () => {
    spec.given(...history.planned()).when({ _tag: "HoldPreConsultation", occurredAt: d("2013-04-16"), actor: nav, outcome: "can_work", consent: permit }).thenRefused("WrongPhase", { allowed: ["intake", "assessed"] })
  })
})

describe("The plan cycle: draft → meeting → decision → delivery → monitoring → evaluation", () => {
  it("drafts a plan after the assessment, numbering revisions", () => {
    const state = spec
      .given(...history.assessed())
      .when({ _tag: "DraftPlan", occurredAt: d("2013-04-15"), actor: esw, planId: "plan-1", goals: ["daily rhythm"] })
      .then({ _tag: "PlanDrafted", occurredAt: d("2013-04-15"), actor: esw, planId: "plan-1", goals: ["daily rhythm"], revision: 1 })
    expect(state).toMatchObject({ phase: "planned", planId: "plan-1", planRevisions: 1 })
    spec
      .given(...history.planned())
      .when({ _tag: "DraftPlan", occurredAt: d("2013-04-16"), actor: esw, planId: "plan-2", goals: [] })
      .then({ _tag: "PlanDrafted", occurredAt: d("2013-04-16"), actor: esw, planId: "plan-2", goals: [], revision: 2 })
  })

  it("re-plans only after an evaluation that said continue", () => {
    const evaluated = (outcome: "continue" | "close"): Case.Event => ({ _tag: "Evaluated", occurredAt: d("2013-07-01"), actor: esw, outcome })
    const draft: CommandOf<"DraftPlan"> = { _tag: "DraftPlan", occurredAt: d("2013-07-02"), actor: esw, planId: "plan-2", goals: [] }
    const after = spec.given(...history.monitoring(), evaluated("continue")).when(draft).then({ ...draft, _tag: "PlanDrafted", revision: 2 })
    expect(after.evaluationOutcome).toBeUndefined()
    spec.given(...history.monitoring(), evaluated("close")).when(draft).thenRefused("WrongPhase", { phase: "evaluated", allowed: ["assessed", "planned", "evaluated"] })
    spec.given(...history.opened()).when(draft).thenRefused("WrongPhase", { phase: "intake" })
  })

  it("a coordination meeting approves the current plan or sends it back", () => {
    const meeting = (planId: string, outcome: "approved" | "revise"): CommandOf<"HoldCoordinationMeeting"> => ({ _tag: "HoldCoordinationMeeting", occurredAt: d("2013-04-22"), actor: cw, planId, outcome, participants: ["municipality"] })
    expect(spec.given(...history.planned()).when(meeting("plan-1", "approved")).then({ ...meeting("plan-1", "approved"), _tag: "CoordinationMeetingHeld" }).phase).toBe("coordinated")
    expect(spec.given(...history.planned()).when(meeting("plan-1", "revise")).then({ ...meeting("plan-1", "revise"), _tag: "CoordinationMeetingHeld" }).phase).toBe("planned")
    spec.given(...history.planned()).when(meeting("plan-9", "approved")).thenRefused("PlanMismatch", { planId: "plan-9", currentPlanId: "plan-1", path: ["planId"] })
    spec.given(...history.assessed()).when(meeting("plan-1", "approved")).thenRefused("WrongPhase", { allowed: ["planned"] })
  })

  it("the support decision is the municipality's, about the current plan, naming known stages", () => {
    const decide = (over: Partial<CommandOf<"DecideSupport">> = {}): CommandOf<"DecideSupport"> => ({
      _tag: "DecideSupport",
      occurredAt: d("2013-04-23"),
      actor: cw,
      planId: "plan-1",
      services: ["employment_support"],
      authorisedStages: ["intermediate_work_paid"],
      ...over
    })
    const state = spec.given(...history.coordinated()).when(decide()).then({ ...decide(), _tag: "SupportDecided" })
    expect(state).toMatchObject({ phase: "decided", supportDecided: true, authorisedStages: ["intermediate_work_paid"] })
    spec.given(...history.coordinated()).when(decide({ actor: esw })).thenRefused("ActorNotPermitted", { rule: "support_decision_by_municipality", path: ["actor", "organisation"] })
    spec.given(...history.coordinated()).when(decide({ planId: "plan-0" })).thenRefused("PlanMismatch", { currentPlanId: "plan-1" })
    spec.given(...history.coordinated()).when(decide({ authorisedStages: ["social_life", "moon"] })).thenRefused("UnknownStage", { stage: "moon", path: ["authorisedStages", 1] })
    spec.given(...history.planned()).when(decide()).thenRefused("WrongPhase", { allowed: ["coordinated"] })
  })

  it("delivery starts after the decision; monitoring repeats; evaluation follows monitoring", () => {
    const decided = history.decided()
    const delivery = spec.given(...decided).when({ _tag: "StartDelivery", occurredAt: d("2013-04-24"), actor: esw }).then({ _tag: "DeliveryStarted", occurredAt: d("2013-04-24"), actor: esw })
    expect(delivery.phase).toBe("delivery")
    spec.given(...history.coordinated()).when({ _tag: "StartDelivery", occurredAt: d("2013-04-24"), actor: esw }).thenRefused("WrongPhase", { allowed: ["decided"] })
    const monitor: CommandOf<"RecordMonitoring"> = { _tag: "RecordMonitoring", occurredAt: d("2013-06-02"), actor: esw, note: "attends daily" }
    expect(spec.given(...history.monitoring()).when(monitor).then({ ...monitor, _tag: "Monitored" }).phase).toBe("monitoring")
    spec.given(...decided).when(monitor).thenRefused("WrongPhase", { allowed: ["delivery", "monitoring"] })
    const evaluate: CommandOf<"Evaluate"> = { _tag: "Evaluate", occurredAt: d("2013-07-01"), actor: esw, outcome: "close" }
    expect(spec.given(...history.monitoring()).when(evaluate).then({ ...evaluate, _tag: "Evaluated" })).toMatchObject({ phase: "evaluated", evaluationOutcome: "close" })
    spec.given(...decided, { _tag: "DeliveryStarted", occurredAt: d("2013-04-24"), actor: esw }).when(evaluate).thenRefused("WrongPhase", { allowed: ["monitoring"] })
  })
})

describe("the family's tags", () => {
  it("decides exactly its commands and folds exactly its events", () => {
    expect([...Intake.commandTags].sort()).toEqual(["Assess", "DecideSupport", "DraftPlan", "Evaluate", "HoldCoordinationMeeting", "HoldPreConsultation", "OpenCase", "ProvideEmergencySupport", "RecordMonitoring", "StartDelivery"])
    expect(Intake.eventTags.every((t) => t in Case.Event.cases)).toBe(true)
  })
})
