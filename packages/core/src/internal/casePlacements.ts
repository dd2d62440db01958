// Command family "placements and follow-ups" (就職・定着支援): a job placement (disclosed to the
// employer only with a permitting consent decision), follow-ups at 1/3/6/12 months (an employer not
// told about the support is contacted only under a neutral pretext), leaving the job (離職,
// optionally with re-support as a stage move) and exit from public assistance (保護脱却).
import { Result } from "effect"
import * as Period from "../Period.ts"
import type { CaseState, Command, Event, FollowUp, Placement, SeparationReason } from "./caseModel.ts"
import { accept, checkConsent, consentFrom, findPlacement, findReferral, needsSupportDecision, type Accepted, type DecideContext, type DecideEnv, type FamilyDecide } from "./caseDecide.ts"
import { writablePlacements, type FamilyEvolve } from "./caseFold.ts"
import { beforeStart, duplicateId, OPEN_PHASES, phaseRefusal, placementEnded, refuse, unknownPlacement, unknownReferral, type Refusal } from "./caseRefusal.ts"
import { planMove } from "./caseStages.ts"

export const commandTags = ["RecordPlacement", "RecordFollowUp", "RecordSeparation", "RecordWelfareExit"] as const satisfies ReadonlyArray<Command["_tag"]>
export type PlacementCommand = Extract<Command, { readonly _tag: (typeof commandTags)[number] }>

export const eventTags = ["PlacementRecorded", "FollowUpRecorded", "SeparationRecorded", "WelfareExitRecorded"] as const satisfies ReadonlyArray<Event["_tag"]>
export type PlacementEvent = Extract<Event, { readonly _tag: (typeof eventTags)[number] }>

type Of<T extends PlacementCommand["_tag"]> = Extract<PlacementCommand, { readonly _tag: T }>

const recordPlacement = (state: CaseState, command: Of<"RecordPlacement">, context: DecideContext | undefined): Accepted => {
  const notDecided = needsSupportDecision(state, command._tag)
  if (notDecided !== undefined) return notDecided
  if (findPlacement(state, command.placementId) !== undefined) return duplicateId("placement", command.placementId, ["placementId"])
  if (state.openedAt !== undefined && command.startDate < state.openedAt) {
    return refuse("DateBeforeCaseOpened", ["startDate"], `startDate ${command.startDate} is before the case opened on ${state.openedAt}`, `就職日 ${command.startDate} は相談受付日より前です`, {
      date: command.startDate,
      openedAt: state.openedAt
    })
  }
  if (command.referralId !== undefined && findReferral(state, command.referralId) === undefined) return unknownReferral(command.referralId)
  let consentRecordIds: ReadonlyArray<string> = []
  if (command.disclosure === "disclosed") {
    const consent = checkConsent(consentFrom("employer", command.consent, context), "employer", ["consent"])
    if (Result.isFailure(consent)) return Result.fail(consent.failure)
    consentRecordIds = consent.success
  }
  const { _tag, consent: _consent, ...rest } = command
  return accept({ ...rest, _tag: "PlacementRecorded", consentRecordIds })
}

/** The placement a follow-up or separation is about: recorded, not ended, started by the command's date. */
const ongoingPlacement = (state: CaseState, placementId: string, occurredAt: Period.LocalDate): Result.Result<Placement, Result.Result<never, Refusal>> => {
  const placement = findPlacement(state, placementId)
  if (placement === undefined) return Result.fail(unknownPlacement(placementId))
  if (placement.separatedAt !== undefined) return Result.fail(placementEnded(placement))
  if (occurredAt < placement.startDate) return Result.fail(beforeStart(occurredAt, placement.startDate))
  return Result.succeed(placement)
}

const recordFollowUp = (state: CaseState, command: Of<"RecordFollowUp">, { followUpEarlyDays }: DecideEnv): Accepted => {
  if (state.phase === "none") return phaseRefusal(command._tag, state.phase, OPEN_PHASES)
  const found = ongoingPlacement(state, command.placementId, command.occurredAt)
  if (Result.isFailure(found)) return found.failure
  const placement = found.success
  if (placement.followUps.some((f) => f.milestone === command.milestone)) {
    return refuse("FollowUpAlreadyRecorded", ["milestone"], `the ${command.milestone}-month follow-up of "${placement.placementId}" is already recorded`, `${command.milestone}か月の定着支援は記録済みです`, {
      placementId: placement.placementId,
      milestone: command.milestone
    })
  }
  const dueDate = Period.addMonths(placement.startDate, command.milestone)
  const earliest = Period.addDays(dueDate, -followUpEarlyDays)
  if (command.occurredAt < earliest) {
    return refuse("FollowUpTooEarly", ["occurredAt"], `the ${command.milestone}-month follow-up is due ${dueDate}; it can be recorded from ${earliest}`, `${command.milestone}か月の定着支援は ${earliest} 以降に記録できます`, {
      milestone: command.milestone,
      dueDate,
      earliest
    })
  }
  if (command.contact === "employer" && placement.disclosure === "not_disclosed") {
    return refuse("DisclosureViolation", ["contact"], `the employer of "${placement.placementId}" was not told about the support: contact it only under a neutral pretext`, "非開示の就職先には、本人が特定されない名目でのみ連絡します", {
      placementId: placement.placementId
    })
  }
  const { _tag, ...rest } = command
  return accept({ ...rest, _tag: "FollowUpRecorded" })
}

const recordSeparation = (state: CaseState, command: Of<"RecordSeparation">, env: DecideEnv): Accepted => {
  const found = ongoingPlacement(state, command.placementId, command.occurredAt)
  if (Result.isFailure(found)) return found.failure
  const { occurredAt, actor, placementId, reason, returnTo } = command
  const separated: Event = { _tag: "SeparationRecorded", occurredAt, actor, placementId, reason }
  if (returnTo === undefined) return accept(separated)
  const notDecided = needsSupportDecision(state, command._tag)
  if (notDecided !== undefined) return notDecided
  const moved = planMove(state, { to: returnTo.stage, reason: returnTo.reason, evidence: returnTo.evidence, occurredAt, actor }, env, ["returnTo"])
  return Result.isFailure(moved) ? Result.fail(moved.failure) : accept(separated, moved.success)
}

const recordWelfareExit = (state: CaseState, command: Of<"RecordWelfareExit">): Accepted => {
  if (!OPEN_PHASES.includes(state.phase)) return phaseRefusal(command._tag, state.phase, OPEN_PHASES)
  if (!state.publicAssistance) {
    return refuse("NotOnPublicAssistance", ["_tag"], "the person is not receiving public assistance", "生活保護を受給していません", {})
  }
  if (command.placementId !== undefined && findPlacement(state, command.placementId) === undefined) return unknownPlacement(command.placementId, ["placementId"])
  const { _tag, ...rest } = command
  return accept({ ...rest, _tag: "WelfareExitRecorded" })
}

/** Decides a command of this family (the checks shared by every command have already run). */
export const decide: FamilyDecide<PlacementCommand> = (state, command, env, context) => {
  switch (command._tag) {
    case "RecordPlacement":
      return recordPlacement(state, command, context)
    case "RecordFollowUp":
      return recordFollowUp(state, command, env)
    case "RecordSeparation":
      return recordSeparation(state, command, env)
    case "RecordWelfareExit":
      return recordWelfareExit(state, command)
  }
}

const placementWith = (p: Placement, followUps: ReadonlyArray<FollowUp>, separatedAt: Period.LocalDate | undefined, separationReason: SeparationReason | undefined): Placement => ({
  placementId: p.placementId,
  employer: p.employer,
  startDate: p.startDate,
  hoursPerWeek: p.hoursPerWeek,
  disclosure: p.disclosure,
  referralId: p.referralId,
  followUps,
  separatedAt,
  separationReason
})

const replacePlacement = (placements: Array<Placement>, id: string, f: (p: Placement) => Placement): void => {
  for (let i = 0; i < placements.length; i++) if (placements[i]!.placementId === id) placements[i] = f(placements[i]!)
}

/** Writes an event of this family into the fold's draft. */
export const evolve: FamilyEvolve<PlacementEvent> = (next, event, owned) => {
  switch (event._tag) {
    case "PlacementRecorded":
      writablePlacements(next, owned).push({
        placementId: event.placementId,
        employer: event.employer,
        startDate: event.startDate,
        hoursPerWeek: event.hoursPerWeek,
        disclosure: event.disclosure,
        referralId: event.referralId,
        followUps: [],
        separatedAt: undefined,
        separationReason: undefined
      })
      return
    case "FollowUpRecorded": {
      const followUp: FollowUp = { milestone: event.milestone, on: event.occurredAt, stillEmployed: event.stillEmployed, contact: event.contact }
      replacePlacement(writablePlacements(next, owned), event.placementId, (p) => placementWith(p, [...p.followUps, followUp], p.separatedAt, p.separationReason))
      return
    }
    case "SeparationRecorded":
      replacePlacement(writablePlacements(next, owned), event.placementId, (p) => placementWith(p, p.followUps, event.occurredAt, event.reason))
      return
    case "WelfareExitRecorded":
      next.publicAssistance = false
      next.welfareExitAt = event.occurredAt
      return
  }
}
