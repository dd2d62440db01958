import fc from "fast-check"
import { Result } from "effect"
import { Case, Period, Stage } from "@jiritsu/core"

/**
 * A step of a generated case script. The step is abstract (numbers and flags); {@link materialise}
 * turns it into a concrete command *relative to the current state* (the next lifecycle command,
 * an edge leaving the current stage, an existing referral id, ...), so that random scripts get deep
 * into a case instead of being refused at the door. `perturb` deliberately breaks the command
 * (unknown stage, wrong reason, missing consent, date in the past, ...) so refusals are exercised too.
 */
export interface CaseStep {
  readonly kind: StepKind
  readonly pick: number
  readonly pick2: number
  readonly days: number
  readonly perturb: number
}

export const stepKinds = [
  "Next",
  "OpenCase",
  "ReopenCase",
  "Assess",
  "DraftPlan",
  "HoldCoordinationMeeting",
  "DecideSupport",
  "StartDelivery",
  "RecordMonitoring",
  "Evaluate",
  "CloseCase",
  "ProvideEmergencySupport",
  "HoldPreConsultation",
  "MoveStage",
  "Refer",
  "RecordReferralOutcome",
  "RecordPlacement",
  "RecordFollowUp",
  "RecordSeparation",
  "RecordWelfareExit"
] as const
export type StepKind = (typeof stepKinds)[number]

const weightedKind: fc.Arbitrary<StepKind> = fc.oneof(
  { weight: 20, arbitrary: fc.constant<StepKind>("Next") },
  { weight: 6, arbitrary: fc.constant<StepKind>("MoveStage") },
  { weight: 3, arbitrary: fc.constant<StepKind>("Refer") },
  { weight: 3, arbitrary: fc.constant<StepKind>("RecordReferralOutcome") },
  { weight: 3, arbitrary: fc.constant<StepKind>("RecordPlacement") },
  { weight: 4, arbitrary: fc.constant<StepKind>("RecordFollowUp") },
  { weight: 10, arbitrary: fc.constantFrom<StepKind>(...stepKinds) }
)

/** One abstract step; `perturb` 0 most of the time (a well-formed command), otherwise a defect number. */
export const arbCaseStep: fc.Arbitrary<CaseStep> = fc.record({
  kind: weightedKind,
  pick: fc.nat({ max: 1000 }),
  pick2: fc.nat({ max: 1000 }),
  days: fc.oneof({ weight: 20, arbitrary: fc.integer({ min: 0, max: 45 }) }, { weight: 1, arbitrary: fc.integer({ min: -40, max: -1 }) }),
  perturb: fc.oneof({ weight: 12, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 6 }) })
})

/** Scripts of up to 80 steps (size "max": fast-check's default size would stop at about ten). */
export const arbCaseScript: fc.Arbitrary<ReadonlyArray<CaseStep>> = fc.array(arbCaseStep, { minLength: 1, maxLength: 80, size: "max" })

const BASE = Period.unsafeDate("2020-04-01")

const actors: ReadonlyArray<Case.Actor> = [
  { organisation: "municipality", role: "caseworker" },
  { organisation: "consultation_agency", role: "employment_support_worker" },
  { organisation: "hello_work", role: "hw_navigator" },
  { organisation: "contractor", role: "contractor" },
  { organisation: "municipality", role: "supervisor" }
]
const badActors: ReadonlyArray<Case.Actor> = [
  { organisation: "contractor", role: "hw_navigator" },
  { organisation: "hello_work", role: "caseworker" }
]

const pickOf = <A>(xs: ReadonlyArray<A>, n: number): A => xs[n % xs.length]!

const permit: Case.ConsentDecision = { _tag: "Permit", recordIds: ["consent-1"] }
const consentFor = (perturb: number, pick: number): Case.ConsentDecision | undefined =>
  perturb === 0
    ? permit
    : pickOf<Case.ConsentDecision | undefined>(
        [undefined, { _tag: "Deny", reason: "withdrawn" }, { _tag: "NoBasis" }, permit, { _tag: "Permit", recordIds: ["consent-9"], request: { recipient: { class: "welfare-office" } } }],
        pick
      )

const nextLifecycle = (state: Case.CaseState): StepKind => {
  switch (state.phase) {
    case "none":
      return "OpenCase"
    case "intake":
      return "Assess"
    case "assessed":
      return "DraftPlan"
    case "planned":
      return "HoldCoordinationMeeting"
    case "coordinated":
      return "DecideSupport"
    case "decided":
      return "StartDelivery"
    case "delivery":
      return "RecordMonitoring"
    case "monitoring":
      return "Evaluate"
    case "evaluated":
      return state.evaluationOutcome === "continue" ? "DraftPlan" : "CloseCase"
    case "closed":
      return "ReopenCase"
  }
}

const stageReturn = (graph: Stage.StageGraph, state: Case.CaseState, step: CaseStep): Case.StageReturn | undefined => {
  if (state.stage === undefined || step.pick2 % 3 !== 0) return undefined
  const edges = Stage.outgoing(graph, state.stage)
  if (edges.length === 0) return undefined
  const e = pickOf(edges, step.pick)
  return { stage: e.to, reason: step.perturb === 2 ? "not_a_reason" : pickOf(e.reasons, step.pick2) }
}

/** Turns an abstract step into a concrete command against the current state. */
export const materialise = (graph: Stage.StageGraph, state: Case.CaseState, step: CaseStep): Case.Command => {
  const kind = step.kind === "Next" ? nextLifecycle(state) : step.kind
  const last = state.lastEventAt ?? BASE
  const occurredAt = Period.addDays(last, step.perturb === 1 ? -1 - (step.pick % 30) : step.days)
  const actor = step.perturb === 3 ? pickOf(badActors, step.pick) : pickOf(actors, step.pick2)
  const base = { occurredAt, actor }
  switch (kind) {
    case "Next":
    case "OpenCase":
      return {
        _tag: "OpenCase",
        ...base,
        caseId: "case-1",
        subjectId: "subject-1",
        publicAssistance: step.pick % 4 !== 0,
        birthDate: Period.addDays(Period.unsafeDate("1950-01-01"), (step.pick2 * 37) % 20000)
      }
    case "ReopenCase":
      return { _tag: "ReopenCase", ...base, reason: step.perturb === 4 ? " " : "re-support after leaving a job", ...(step.pick % 2 === 0 ? { publicAssistance: true } : {}) }
    case "Assess": {
      const startingStage = step.perturb === 2 ? "nowhere" : step.perturb === 4 ? pickOf(graph.nodes, step.pick).id : pickOf(graph.entry, step.pick)
      return { _tag: "Assess", ...base, startingStage, ...(step.pick2 % 3 === 0 ? { proposedWorkTraining: step.pick2 % 2 === 0 ? "paid" : "unpaid" } : {}) }
    }
    case "DraftPlan":
      return { _tag: "DraftPlan", ...base, planId: `plan-${state.planRevisions + 1}`, goals: ["stable daily routine"] }
    case "HoldCoordinationMeeting":
      return {
        _tag: "HoldCoordinationMeeting",
        ...base,
        planId: step.perturb === 2 ? "plan-x" : (state.planId ?? "plan-1"),
        outcome: step.pick % 5 === 0 ? "revise" : "approved",
        participants: ["municipality", "hello_work"]
      }
    case "DecideSupport":
      return {
        _tag: "DecideSupport",
        ...base,
        actor: step.perturb === 4 ? { organisation: "contractor", role: "contractor" } : step.perturb === 3 ? actor : { organisation: "municipality", role: "caseworker" },
        planId: state.planId ?? "plan-1",
        services: ["employment_support"],
        authorisedStages: step.perturb === 2 ? ["nowhere"] : step.pick % 2 === 0 ? graph.nodes.filter((n) => n.requiresDecision === true).map((n) => n.id) : []
      }
    case "StartDelivery":
      return { _tag: "StartDelivery", ...base }
    case "RecordMonitoring":
      return { _tag: "RecordMonitoring", ...base }
    case "Evaluate":
      return { _tag: "Evaluate", ...base, outcome: step.pick % 3 === 0 ? "continue" : "close" }
    case "CloseCase": {
      const reasons: ReadonlyArray<Case.CloseReason> = ["handed_over", "moved_away", "withdrew", "no_contact", "died", "other"]
      const natural = state.phase === "evaluated" && state.evaluationOutcome === "close"
      return { _tag: "CloseCase", ...base, reason: natural || step.perturb === 4 ? "evaluated" : pickOf(reasons, step.pick) }
    }
    case "ProvideEmergencySupport":
      return { _tag: "ProvideEmergencySupport", ...base, kind: pickOf(["food", "housing", "cash_loan", "medical", "other"] as const, step.pick) }
    case "HoldPreConsultation": {
      const consent = consentFor(step.perturb, step.pick)
      return { _tag: "HoldPreConsultation", ...base, outcome: pickOf(["can_work", "not_yet", "unclear"] as const, step.pick2), ...(consent ? { consent } : {}) }
    }
    case "MoveStage": {
      const edges = state.stage === undefined ? [] : Stage.outgoing(graph, state.stage)
      if (edges.length === 0 || step.perturb === 2) {
        return { _tag: "MoveStage", ...base, to: step.pick % 2 === 0 ? "nowhere" : pickOf(graph.nodes, step.pick2).id, reason: "ready_now" }
      }
      const e = pickOf(edges, step.pick)
      const reason = step.perturb === 4 ? "" : step.perturb === 5 ? "not_a_reason" : pickOf(e.reasons, step.pick2)
      return { _tag: "MoveStage", ...base, to: e.to, reason, evidence: [`record-${step.pick2}`] }
    }
    case "Refer": {
      // Hello Work one time in three (its consent rule is the one the laws are about), any destination otherwise.
      const destination = step.pick % 3 === 0 ? "hello_work" : pickOf(Case.Destination.literals, step.pick)
      // A Hello Work referral carries a decision other than a plain Permit one time in four.
      const consent = consentFor(destination === "hello_work" && step.pick2 % 4 === 0 ? 1 : step.perturb, step.pick2)
      const referralId = step.perturb === 4 && state.referrals.length > 0 ? state.referrals[0]!.referralId : `ref-${state.referrals.length + 1}`
      return { _tag: "Refer", ...base, referralId, destination, ...(consent ? { consent } : {}), ...(destination === "hello_work" ? { channel: step.pick2 % 2 === 0 ? "desk" : "visiting" } : {}) }
    }
    case "RecordReferralOutcome": {
      const referralId = state.referrals.length === 0 || step.perturb === 4 ? "ref-missing" : pickOf(state.referrals, step.pick).referralId
      const returnTo = stageReturn(graph, state, step)
      return { _tag: "RecordReferralOutcome", ...base, referralId, outcome: pickOf(Case.ReferralOutcome.literals, step.pick2), ...(returnTo ? { returnTo } : {}) }
    }
    case "RecordPlacement": {
      const placementId = step.perturb === 4 && state.placements.length > 0 ? state.placements[0]!.placementId : `pl-${state.placements.length + 1}`
      const disclosure = step.pick % 2 === 0 ? "disclosed" : "not_disclosed"
      const consent = consentFor(step.perturb, step.pick2)
      const startDate = step.perturb === 6 ? Period.addDays(state.openedAt ?? BASE, -5) : Period.addDays(occurredAt, step.pick2 % 20)
      return {
        _tag: "RecordPlacement",
        ...base,
        placementId,
        employer: `employer-${step.pick % 7}`,
        startDate,
        hoursPerWeek: 10 + (step.pick2 % 30),
        disclosure,
        ...(consent ? { consent } : {}),
        ...(state.referrals.length > 0 && step.pick % 3 === 0 ? { referralId: state.referrals[0]!.referralId } : {})
      }
    }
    case "RecordFollowUp": {
      const placement = state.placements.length === 0 ? undefined : pickOf(state.placements, step.pick)
      if (placement === undefined || step.perturb === 4) {
        return { _tag: "RecordFollowUp", ...base, placementId: "pl-missing", milestone: 1, contact: "person", stillEmployed: true }
      }
      const next = Case.followUpMilestones.find((m) => !placement.followUps.some((f) => f.milestone === m)) ?? 1
      const milestone = step.perturb === 5 ? pickOf(Case.followUpMilestones, step.pick2) : next
      const due = Period.addMonths(placement.startDate, milestone)
      // perturb 6: record it now, which is often before the placement starts or long before the milestone
      const date = step.perturb === 1 || step.perturb === 6 ? occurredAt : Period.maxDate(last, Period.addDays(due, (step.days % 40) - 20))
      const contact = placement.disclosure === "disclosed" || step.perturb === 2 ? pickOf(Case.FollowUpContact.literals, step.pick2) : pickOf(["person", "employer_neutral_pretext"] as const, step.pick2)
      return { _tag: "RecordFollowUp", ...base, occurredAt: date, placementId: placement.placementId, milestone, contact, stillEmployed: step.pick2 % 5 !== 0 }
    }
    case "RecordSeparation": {
      const placement = state.placements.length === 0 ? undefined : pickOf(state.placements, step.pick)
      const returnTo = stageReturn(graph, state, step)
      const date = placement === undefined || step.perturb === 1 || step.perturb === 6 ? occurredAt : Period.maxDate(occurredAt, placement.startDate)
      return {
        _tag: "RecordSeparation",
        ...base,
        occurredAt: date,
        placementId: placement?.placementId ?? "pl-missing",
        reason: pickOf(Case.SeparationReason.literals, step.pick2),
        ...(returnTo ? { returnTo } : {})
      }
    }
    case "RecordWelfareExit":
      return { _tag: "RecordWelfareExit", ...base, reason: "employment_income", ...(state.placements.length > 0 ? { placementId: state.placements[0]!.placementId } : {}) }
  }
}

/** One decided step of a run. */
export interface RunEntry {
  readonly before: Case.CaseState
  readonly command: Case.Command
  readonly result: Result.Result<ReadonlyArray<Case.Event>, Case.Refusal>
  readonly after: Case.CaseState
}

/** Runs a script: materialise, decide, and evolve the accepted events. */
export const runScript = (decider: Case.Decider, steps: ReadonlyArray<CaseStep>): { readonly state: Case.CaseState; readonly events: ReadonlyArray<Case.Event>; readonly entries: ReadonlyArray<RunEntry> } => {
  let state = decider.initial
  const events: Array<Case.Event> = []
  const entries: Array<RunEntry> = []
  for (const step of steps) {
    const command = materialise(decider.graph, state, step)
    const result = decider.decide(state, command)
    const before = state
    if (Result.isSuccess(result)) {
      for (const e of result.success) {
        state = decider.evolve(state, e)
        events.push(e)
      }
    }
    entries.push({ before, command, result, after: state })
  }
  return { state, events, entries }
}

/** Events of accepted scripts (at least one event). */
export const arbCaseEvents: fc.Arbitrary<ReadonlyArray<Case.Event>> = arbCaseScript
  .map((steps) => runScript(Case.decider(), steps).events)
  .filter((events) => events.length > 0)

// ---------------------------------------------------------------------------------------------
// Counting (Case.toMetricEvents)
// ---------------------------------------------------------------------------------------------

const countingGroups = ["welfare_recipient", "single_parent", "youth", "needy_person", "long_term_unemployed"] as const

/**
 * A counting context: a site from a small pool, target groups fixed or switching on a date inside
 * the span the generated cases use (2020-04 onwards), and sometimes an explicit personRef.
 */
export const arbMetricContext: fc.Arbitrary<Case.MetricContext> = fc
  .record({
    site: fc.constantFrom("site_a", "site_b", "site_c"),
    before: fc.subarray([...countingGroups], { maxLength: 3 }),
    after: fc.subarray([...countingGroups], { maxLength: 3 }),
    dated: fc.boolean(),
    pivotDays: fc.nat({ max: 2500 }),
    personRef: fc.option(fc.constantFrom("p-1", "p-2", "p-3"), { nil: undefined, freq: 4 })
  })
  .map(({ site, before, after, dated, pivotDays, personRef }) => {
    const pivot = Period.addDays(BASE, pivotDays)
    const targetGroups = dated ? (date: Period.LocalDate) => (date < pivot ? before : after) : before
    return personRef === undefined ? { site, targetGroups } : { site, targetGroups, personRef }
  })

/** One case's accepted events with its subject renamed into a small pool (so people repeat across cases). */
export const arbCaseStream: fc.Arbitrary<Case.CaseStream & { readonly events: ReadonlyArray<Case.Event> }> = fc
  .tuple(arbCaseEvents, arbMetricContext, fc.integer({ min: 1, max: 4 }))
  .map(([events, context, subject]) => ({
    events: events.map((e) => (e._tag === "CaseOpened" ? { ...e, subjectId: `subject-${subject}` } : e)),
    context
  }))

/** A few cases, each a stream starting with its CaseOpened. */
export const arbCaseStreams = fc.array(arbCaseStream, { minLength: 1, maxLength: 4 })

/** Contexts that cannot be counted in, each with the path its error must name. */
export const arbBadMetricContext: fc.Arbitrary<{ readonly context: Case.MetricContext; readonly path: ReadonlyArray<string | number> }> = fc.oneof(
  fc.constant({ context: { site: "", targetGroups: [] }, path: ["site"] }),
  fc.constant({ context: { site: "s", personRef: "", targetGroups: [] }, path: ["personRef"] }),
  fc
    .tuple(fc.subarray([...countingGroups], { maxLength: 3 }), fc.string().filter((s) => !/^[a-z][a-z0-9_]{0,63}$/.test(s)), fc.nat())
    .map(([good, bad, at]) => {
      const i = at % (good.length + 1)
      const groups = [...good.slice(0, i), bad, ...good.slice(i)]
      return { context: { site: "s", targetGroups: groups }, path: ["targetGroups", i] }
    }),
  fc
    .tuple(fc.constantFrom("Welfare", "1group", "", "福祉", "welfare-recipient"), fc.boolean())
    .map(([bad, dated]) => ({ context: { site: "s", targetGroups: dated ? () => ["youth", bad] : ["youth", bad] }, path: ["targetGroups", 1] })),
  fc.constant({ context: { site: "s", targetGroups: "youth" as unknown as ReadonlyArray<string> }, path: ["targetGroups"] }),
  fc.constant({ context: { site: 42 as unknown as string, targetGroups: [] }, path: ["site"] })
)
