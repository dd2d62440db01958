// Command family "referrals" (つなぎ): referring the person to another agency (to Hello Work, and to
// any destination the decider lists, only with a permitting consent decision; within the
// destination's age range when the birth date is known), and recording the referral's outcome,
// optionally with a return to a stage.
import { Result } from "effect"
import * as Period from "../Period.ts"
import type { CaseState, Command, Event } from "./caseModel.ts"
import { accept, checkConsent, consentFrom, findReferral, needsSupportDecision, type Accepted, type DecideContext, type DecideEnv, type FamilyDecide } from "./caseDecide.ts"
import { writableReferrals, type FamilyEvolve } from "./caseFold.ts"
import { duplicateId, refuse, unknownReferral } from "./caseRefusal.ts"
import { planMove } from "./caseStages.ts"

export const commandTags = ["Refer", "RecordReferralOutcome"] as const satisfies ReadonlyArray<Command["_tag"]>
export type ReferralCommand = Extract<Command, { readonly _tag: (typeof commandTags)[number] }>

export const eventTags = ["Referred", "ReferralOutcomeRecorded"] as const satisfies ReadonlyArray<Event["_tag"]>
export type ReferralEvent = Extract<Event, { readonly _tag: (typeof eventTags)[number] }>

type Of<T extends ReferralCommand["_tag"]> = Extract<ReferralCommand, { readonly _tag: T }>

const checkAge = (state: CaseState, command: Of<"Refer">, { ageRanges }: DecideEnv): Accepted | undefined => {
  const range = ageRanges[command.destination]
  if (range === undefined || state.birthDate === undefined) return undefined
  const age = Period.ageAt(state.birthDate, command.occurredAt)
  if ((range.min === undefined || age >= range.min) && (range.max === undefined || age <= range.max)) return undefined
  return refuse("AgeOutOfRange", ["destination"], `${command.destination} serves ages ${range.min ?? "…"}–${range.max ?? "…"}; the person is ${age}`, `${command.destination} の対象年齢外です（${age}歳）`, {
    destination: command.destination,
    age,
    ...(range.min !== undefined ? { min: range.min } : {}),
    ...(range.max !== undefined ? { max: range.max } : {})
  })
}

const refer = (state: CaseState, command: Of<"Refer">, env: DecideEnv, context: DecideContext | undefined): Accepted => {
  const notDecided = needsSupportDecision(state, command._tag)
  if (notDecided !== undefined) return notDecided
  if (findReferral(state, command.referralId) !== undefined) return duplicateId("referral", command.referralId, ["referralId"])
  const ageProblem = checkAge(state, command, env)
  if (ageProblem !== undefined) return ageProblem
  let consentRecordIds: ReadonlyArray<string> = []
  if (env.consentRequiredFor.has(command.destination)) {
    const consent = checkConsent(consentFrom(command.destination, command.consent, context), command.destination, ["consent"])
    if (Result.isFailure(consent)) return Result.fail(consent.failure)
    consentRecordIds = consent.success
  }
  const { _tag, consent: _consent, ...rest } = command
  return accept({ ...rest, _tag: "Referred", consentRecordIds })
}

/** An open referral takes any outcome; an accepted one takes a final outcome; a closed one none. */
const recordReferralOutcome = (state: CaseState, command: Of<"RecordReferralOutcome">, env: DecideEnv): Accepted => {
  const referral = findReferral(state, command.referralId)
  if (referral === undefined) return unknownReferral(command.referralId)
  if (referral.status !== "open" && !(referral.status === "accepted" && command.outcome !== "accepted")) {
    return refuse("ReferralClosed", ["referralId"], `referral "${referral.referralId}" is already ${referral.status}`, `つなぎ「${referral.referralId}」は既に「${referral.status}」です`, {
      referralId: referral.referralId,
      status: referral.status
    })
  }
  const { occurredAt, actor, referralId, outcome, returnTo } = command
  const recorded: Event = { _tag: "ReferralOutcomeRecorded", occurredAt, actor, referralId, outcome }
  if (returnTo === undefined) return accept(recorded)
  const notDecided = needsSupportDecision(state, command._tag)
  if (notDecided !== undefined) return notDecided
  const moved = planMove(state, { to: returnTo.stage, reason: returnTo.reason, evidence: returnTo.evidence, occurredAt, actor }, env, ["returnTo"])
  return Result.isFailure(moved) ? Result.fail(moved.failure) : accept(recorded, moved.success)
}

/** Decides a command of this family (the checks shared by every command have already run). */
export const decide: FamilyDecide<ReferralCommand> = (state, command, env, context) => {
  switch (command._tag) {
    case "Refer":
      return refer(state, command, env, context)
    case "RecordReferralOutcome":
      return recordReferralOutcome(state, command, env)
  }
}

/** Writes an event of this family into the fold's draft. */
export const evolve: FamilyEvolve<ReferralEvent> = (next, event, owned) => {
  switch (event._tag) {
    case "Referred":
      writableReferrals(next, owned).push({
        referralId: event.referralId,
        destination: event.destination,
        referredAt: event.occurredAt,
        status: "open",
        closedAt: undefined,
        consentRecordIds: event.consentRecordIds
      })
      return
    case "ReferralOutcomeRecorded": {
      const referrals = writableReferrals(next, owned)
      for (let i = 0; i < referrals.length; i++) {
        const r = referrals[i]!
        if (r.referralId !== event.referralId) continue
        referrals[i] = {
          referralId: r.referralId,
          destination: r.destination,
          referredAt: r.referredAt,
          status: event.outcome,
          closedAt: event.outcome === "accepted" ? undefined : event.occurredAt,
          consentRecordIds: r.consentRecordIds
        }
      }
      return
    }
  }
}
