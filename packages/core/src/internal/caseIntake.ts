// Command family "intake, assessment and plan" (相談受付・アセスメント・プラン策定): opening the
// case, the assessment that sets the starting stage, emergency support and the Hello Work
// pre-consultation before a plan, then the plan cycle — draft, coordination meeting (支援調整会議),
// support decision (支援決定), delivery, monitoring, evaluation. Emmett's shape: `decide` gives
// the events of one command (or a refusal), `evolve` writes one event into the fold.
import { Result } from "effect"
import * as Stage from "../Stage.ts"
import type { CaseState, Command, Event, Phase } from "./caseModel.ts"
import { accept, BEFORE_PLAN, checkConsent, consentFrom, type Accepted, type DecideContext, type DecideEnv, type FamilyDecide } from "./caseDecide.ts"
import { writableHistory, type FamilyEvolve } from "./caseFold.ts"
import { OPEN_PHASES, phaseRefusal, planMismatch, refuse } from "./caseRefusal.ts"

export const commandTags = [
  "OpenCase",
  "Assess",
  "ProvideEmergencySupport",
  "HoldPreConsultation",
  "DraftPlan",
  "HoldCoordinationMeeting",
  "DecideSupport",
  "StartDelivery",
  "RecordMonitoring",
  "Evaluate"
] as const satisfies ReadonlyArray<Command["_tag"]>
export type IntakeCommand = Extract<Command, { readonly _tag: (typeof commandTags)[number] }>

export const eventTags = [
  "CaseOpened",
  "Assessed",
  "EmergencySupportProvided",
  "PreConsultationHeld",
  "PlanDrafted",
  "CoordinationMeetingHeld",
  "SupportDecided",
  "DeliveryStarted",
  "Monitored",
  "Evaluated"
] as const satisfies ReadonlyArray<Event["_tag"]>
export type IntakeEvent = Extract<Event, { readonly _tag: (typeof eventTags)[number] }>

type Of<T extends IntakeCommand["_tag"]> = Extract<IntakeCommand, { readonly _tag: T }>

const openCase = (state: CaseState, command: Of<"OpenCase">): Accepted => {
  if (state.phase !== "none") return phaseRefusal(command._tag, state.phase, ["none"])
  const { _tag, ...rest } = command
  return accept({ ...rest, _tag: "CaseOpened" })
}

const assess = (state: CaseState, command: Of<"Assess">, { graph }: DecideEnv): Accepted => {
  if (state.phase !== "intake") return phaseRefusal(command._tag, state.phase, ["intake"])
  const start = Stage.node(graph, command.startingStage)
  if (start === undefined) {
    return refuse("UnknownStage", ["startingStage"], `"${command.startingStage}" is not a stage of graph "${graph.id}"`, `「${command.startingStage}」は段階グラフ「${graph.id}」にない段階です`, {
      stage: command.startingStage,
      graph: graph.id
    })
  }
  if (!graph.entry.includes(start.id)) {
    return refuse("EdgeNotInGraph", ["startingStage"], `"${start.id}" is not an entry stage of graph "${graph.id}" (entry: ${graph.entry.join(", ")})`, `「${start.id}」はアセスメントで開始できる段階ではありません`, {
      from: "(assessment)",
      to: start.id,
      graph: graph.id
    })
  }
  if (start.requiresDecision === true) {
    return refuse("StageNotAuthorised", ["startingStage"], `"${start.id}" needs a support decision, which comes after the assessment`, `「${start.id}」は支援決定後でなければ開始できません`, { stage: start.id })
  }
  const { _tag, startingStage, ...rest } = command
  return accept({ ...rest, _tag: "Assessed", startingStage, autonomyStage: start.stage })
}

const provideEmergencySupport = (state: CaseState, command: Of<"ProvideEmergencySupport">): Accepted => {
  if (!OPEN_PHASES.includes(state.phase)) return phaseRefusal(command._tag, state.phase, OPEN_PHASES)
  const { _tag, ...rest } = command
  return accept({ ...rest, _tag: "EmergencySupportProvided" })
}

const holdPreConsultation = (state: CaseState, command: Of<"HoldPreConsultation">, context: DecideContext | undefined): Accepted => {
  if (!BEFORE_PLAN.includes(state.phase)) return phaseRefusal(command._tag, state.phase, BEFORE_PLAN)
  const consent = checkConsent(consentFrom("hello_work", command.consent, context), "hello_work", ["consent"])
  if (Result.isFailure(consent)) return Result.fail(consent.failure)
  const { occurredAt, actor, outcome } = command
  return accept({ _tag: "PreConsultationHeld", occurredAt, actor, outcome, consentRecordIds: consent.success })
}

const PLAN_PHASES: ReadonlyArray<Phase> = ["assessed", "planned", "evaluated"]

/** A plan is drafted after the assessment, revised before approval, or re-planned after an evaluation that said "continue". */
const draftPlan = (state: CaseState, command: Of<"DraftPlan">): Accepted => {
  if (!PLAN_PHASES.includes(state.phase) || (state.phase === "evaluated" && state.evaluationOutcome !== "continue")) {
    return phaseRefusal(command._tag, state.phase, PLAN_PHASES)
  }
  const { occurredAt, actor, planId, goals } = command
  return accept({ _tag: "PlanDrafted", occurredAt, actor, planId, goals, revision: state.planRevisions + 1 })
}

const holdCoordinationMeeting = (state: CaseState, command: Of<"HoldCoordinationMeeting">): Accepted => {
  if (state.phase !== "planned") return phaseRefusal(command._tag, state.phase, ["planned"])
  if (command.planId !== state.planId) return planMismatch(command.planId, state.planId)
  const { _tag, ...rest } = command
  return accept({ ...rest, _tag: "CoordinationMeetingHeld" })
}

const decideSupport = (state: CaseState, command: Of<"DecideSupport">, { graph }: DecideEnv): Accepted => {
  if (state.phase !== "coordinated") return phaseRefusal(command._tag, state.phase, ["coordinated"])
  const { actor } = command
  if (actor.organisation !== "municipality") {
    return refuse("ActorNotPermitted", ["actor", "organisation"], "the support decision (支援決定) is taken by the municipality", "支援決定は自治体が行います", {
      organisation: actor.organisation,
      role: actor.role,
      rule: "support_decision_by_municipality"
    })
  }
  if (command.planId !== state.planId) return planMismatch(command.planId, state.planId)
  const unknown = command.authorisedStages.findIndex((s) => Stage.node(graph, s) === undefined)
  if (unknown >= 0) {
    const stage = command.authorisedStages[unknown]!
    return refuse("UnknownStage", ["authorisedStages", unknown], `"${stage}" is not a stage of graph "${graph.id}"`, `「${stage}」は段階グラフにない段階です`, { stage, graph: graph.id })
  }
  const { _tag, ...rest } = command
  return accept({ ...rest, _tag: "SupportDecided" })
}

const startDelivery = (state: CaseState, command: Of<"StartDelivery">): Accepted => {
  if (state.phase !== "decided") return phaseRefusal(command._tag, state.phase, ["decided"])
  return accept({ _tag: "DeliveryStarted", occurredAt: command.occurredAt, actor: command.actor })
}

const recordMonitoring = (state: CaseState, command: Of<"RecordMonitoring">): Accepted => {
  if (state.phase !== "delivery" && state.phase !== "monitoring") return phaseRefusal(command._tag, state.phase, ["delivery", "monitoring"])
  const { _tag, ...rest } = command
  return accept({ ...rest, _tag: "Monitored" })
}

const evaluate = (state: CaseState, command: Of<"Evaluate">): Accepted => {
  if (state.phase !== "monitoring") return phaseRefusal(command._tag, state.phase, ["monitoring"])
  const { _tag, ...rest } = command
  return accept({ ...rest, _tag: "Evaluated" })
}

/** Decides a command of this family (the checks shared by every command have already run). */
export const decide: FamilyDecide<IntakeCommand> = (state, command, env, context) => {
  switch (command._tag) {
    case "OpenCase":
      return openCase(state, command)
    case "Assess":
      return assess(state, command, env)
    case "ProvideEmergencySupport":
      return provideEmergencySupport(state, command)
    case "HoldPreConsultation":
      return holdPreConsultation(state, command, context)
    case "DraftPlan":
      return draftPlan(state, command)
    case "HoldCoordinationMeeting":
      return holdCoordinationMeeting(state, command)
    case "DecideSupport":
      return decideSupport(state, command, env)
    case "StartDelivery":
      return startDelivery(state, command)
    case "RecordMonitoring":
      return recordMonitoring(state, command)
    case "Evaluate":
      return evaluate(state, command)
  }
}

/** Writes an event of this family into the fold's draft. */
export const evolve: FamilyEvolve<IntakeEvent> = (next, event, owned) => {
  switch (event._tag) {
    case "CaseOpened":
      next.phase = "intake"
      next.caseId = event.caseId
      next.subjectId = event.subjectId
      next.openedAt = event.occurredAt
      next.episode = 1
      next.publicAssistance = event.publicAssistance
      next.birthDate = event.birthDate
      return
    case "Assessed":
      next.phase = "assessed"
      next.stage = event.startingStage
      writableHistory(next, owned).push({
        stage: event.startingStage,
        autonomyStage: event.autonomyStage,
        from: event.occurredAt,
        until: undefined,
        kind: "assessment",
        reason: "assessment",
        episode: next.episode
      })
      if (event.proposedWorkTraining !== undefined) next.proposedWorkTraining = event.proposedWorkTraining
      return
    case "EmergencySupportProvided":
      next.emergencySupports = next.emergencySupports + 1
      return
    case "PreConsultationHeld":
      next.preConsultations = next.preConsultations + 1
      return
    case "PlanDrafted":
      next.phase = "planned"
      next.planId = event.planId
      next.planRevisions = event.revision
      next.evaluationOutcome = undefined
      return
    case "CoordinationMeetingHeld":
      if (event.outcome === "approved") next.phase = "coordinated"
      return
    case "SupportDecided":
      next.phase = "decided"
      next.supportDecided = true
      next.authorisedStages = event.authorisedStages
      return
    case "DeliveryStarted":
      next.phase = "delivery"
      return
    case "Monitored":
      next.phase = "monitoring"
      return
    case "Evaluated":
      next.phase = "evaluated"
      next.evaluationOutcome = event.outcome
      return
  }
}
