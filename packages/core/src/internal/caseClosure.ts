// Command family "closure" (終結・再開): closing the case (with reason `evaluated` only after an
// evaluation that concluded "close"; any other reason in any open phase) and re-opening it as a
// new support episode (e.g. re-support after leaving a job).
import type { CaseState, Command, Event } from "./caseModel.ts"
import { accept, type Accepted, type FamilyDecide } from "./caseDecide.ts"
import { closeOpenStay, writableHistory, type FamilyEvolve } from "./caseFold.ts"
import { OPEN_PHASES, phaseRefusal, refuse } from "./caseRefusal.ts"

export const commandTags = ["CloseCase", "ReopenCase"] as const satisfies ReadonlyArray<Command["_tag"]>
export type ClosureCommand = Extract<Command, { readonly _tag: (typeof commandTags)[number] }>

export const eventTags = ["CaseClosed", "CaseReopened"] as const satisfies ReadonlyArray<Event["_tag"]>
export type ClosureEvent = Extract<Event, { readonly _tag: (typeof eventTags)[number] }>

type Of<T extends ClosureCommand["_tag"]> = Extract<ClosureCommand, { readonly _tag: T }>

const closeCase = (state: CaseState, command: Of<"CloseCase">): Accepted => {
  if (!OPEN_PHASES.includes(state.phase)) return phaseRefusal(command._tag, state.phase, OPEN_PHASES)
  if (command.reason === "evaluated" && !(state.phase === "evaluated" && state.evaluationOutcome === "close")) {
    return refuse("ClosureNeedsEvaluation", ["reason"], 'closing with reason "evaluated" needs an evaluation that concluded "close"; give another reason otherwise', "評価に基づく終結には「終結」とした評価が必要です", {})
  }
  const { _tag, ...rest } = command
  return accept({ ...rest, _tag: "CaseClosed" })
}

const reopenCase = (state: CaseState, command: Of<"ReopenCase">): Accepted => {
  if (state.phase !== "closed") return phaseRefusal(command._tag, state.phase, ["closed"])
  if (command.reason.trim() === "") return refuse("MissingReason", ["reason"], "re-opening needs a reason", "再開には理由が必要です", {})
  const { occurredAt, actor, reason } = command
  return accept({ _tag: "CaseReopened", occurredAt, actor, reason, publicAssistance: command.publicAssistance ?? state.publicAssistance, episode: state.episode + 1 })
}

/** Decides a command of this family (the checks shared by every command have already run). */
export const decide: FamilyDecide<ClosureCommand> = (state, command) => {
  switch (command._tag) {
    case "CloseCase":
      return closeCase(state, command)
    case "ReopenCase":
      return reopenCase(state, command)
  }
}

/** Writes an event of this family into the fold's draft. */
export const evolve: FamilyEvolve<ClosureEvent> = (next, event, owned) => {
  switch (event._tag) {
    case "CaseClosed":
      next.phase = "closed"
      next.closedAt = event.occurredAt
      next.closeReason = event.reason
      next.stage = undefined
      closeOpenStay(writableHistory(next, owned), event.occurredAt)
      return
    case "CaseReopened":
      next.phase = "intake"
      next.episode = event.episode
      next.publicAssistance = event.publicAssistance
      next.supportDecided = false
      next.authorisedStages = []
      next.closedAt = undefined
      next.closeReason = undefined
      next.evaluationOutcome = undefined
      next.stage = undefined
      next.planId = undefined
      next.proposedWorkTraining = undefined
      return
  }
}
