// What every command family of the case decider shares: the decider's options (resolved once),
// the consent port's checks, the date and actor checks run before any command, and lookups.
import { Result } from "effect"
import * as Period from "../Period.ts"
import * as Stage from "../Stage.ts"
import { formatPath } from "./decode.ts"
import type { Actor, CaseState, Command, ConsentDecision, Destination, Event, Phase, Placement, Referral } from "./caseModel.ts"
import { OPEN_PHASES, phaseRefusal, refuse, type Path, type Refusal } from "./caseRefusal.ts"

/** Age range a destination serves (e.g. silver centre 60+, youth support station 15–49). @category decider @since 0.1.0 */
export interface AgeRange {
  readonly min?: number
  readonly max?: number
}

/**
 * Options of `Case.decider`. Defaults: the Kushiro graph; consent required for Hello Work; the
 * silver human resources centre from 60 (P24), the youth support station 15–49 (P25); follow-ups
 * recordable from 14 days before their milestone.
 * @category decider
 * @since 0.1.0
 */
export interface DeciderOptions {
  readonly graph?: Stage.StageGraph
  /** Destinations whose referral discloses personal data and so needs a permitting consent decision. */
  readonly consentRequiredFor?: ReadonlyArray<Destination>
  /** Age ranges checked when the birth date is known (eligibility proper is the Rule module's job). */
  readonly ageRanges?: Partial<Record<Destination, AgeRange>>
  /** How many days before its milestone a follow-up may be recorded. */
  readonly followUpEarlyDays?: number
}

/**
 * Extra input for `decide`: consent decisions obtained outside the command.
 * - `consent`: the decision for (subject, purpose `employment-support-referral`, recipient
 *   `hello_work`); it covers Hello Work only (a referral, a pre-consultation with a navigator);
 * - `consentByRecipient`: decisions per recipient (`"employer"` for a disclosed placement, or a
 *   destination listed in `consentRequiredFor`).
 * A `consent` on the command itself takes precedence. A decision is never reused for another recipient.
 * @category decider
 * @since 0.1.0
 */
export interface DecideContext {
  readonly consent?: ConsentDecision
  readonly consentByRecipient?: Readonly<Record<string, ConsentDecision>>
}

/** The decider's options with every default filled in: what a command family decides against. */
export interface DecideEnv {
  readonly graph: Stage.StageGraph
  readonly consentRequiredFor: ReadonlySet<string>
  readonly ageRanges: Partial<Record<Destination, AgeRange>>
  readonly followUpEarlyDays: number
}

const DEFAULT_AGE_RANGES: Partial<Record<Destination, AgeRange>> = {
  silver_center: { min: 60 },
  youth_support_station: { min: 15, max: 49 }
}

export const resolveOptions = (options: DeciderOptions): DecideEnv => ({
  graph: options.graph ?? Stage.kushiroGraph,
  consentRequiredFor: new Set<string>(options.consentRequiredFor ?? ["hello_work"]),
  ageRanges: options.ageRanges ?? DEFAULT_AGE_RANGES,
  followUpEarlyDays: options.followUpEarlyDays ?? 14
})

/** A command family's decide function: the events a command records, or why it is refused. */
export type Accepted = Result.Result<ReadonlyArray<Event>, Refusal>
export type FamilyDecide<C extends Command> = (state: CaseState, command: C, env: DecideEnv, context: DecideContext | undefined) => Accepted

export const accept = (...events: ReadonlyArray<Event>): Accepted => Result.succeed(events)

/** The phases before a plan is drafted (emergency support and pre-consultation belong there). */
export const BEFORE_PLAN: ReadonlyArray<Phase> = ["intake", "assessed"]

// ---------------------------------------------------------------------------------------------
// Checks run before every command but OpenCase
// ---------------------------------------------------------------------------------------------

/** Events are recorded in date order, never before the case opened. */
export const checkDate = (state: CaseState, date: Period.LocalDate, path: Path): Result.Result<never, Refusal> | undefined => {
  if (state.openedAt !== undefined && date < state.openedAt) {
    return refuse("DateBeforeCaseOpened", path, `${formatPath(path)} ${date} is before the case opened on ${state.openedAt}`, `${date} は相談受付日 ${state.openedAt} より前です`, {
      date,
      openedAt: state.openedAt
    })
  }
  if (state.lastEventAt !== undefined && date < state.lastEventAt) {
    return refuse("DateBeforePreviousEvent", path, `${formatPath(path)} ${date} is before the previous event on ${state.lastEventAt}`, `${date} は直前の記録日 ${state.lastEventAt} より前です`, {
      date,
      lastEventAt: state.lastEventAt
    })
  }
  return undefined
}

/** Roles tied to one organisation: a navigator works for Hello Work, a caseworker for the municipality. */
export const checkActorRole = (actor: Actor): Result.Result<never, Refusal> | undefined => {
  if (actor.role === "hw_navigator" && actor.organisation !== "hello_work") {
    return refuse("ActorNotPermitted", ["actor", "organisation"], "a Hello Work navigator acts for Hello Work", "就職支援ナビゲーターはハローワークの職員です", {
      organisation: actor.organisation,
      role: actor.role,
      rule: "hw_navigator_belongs_to_hello_work"
    })
  }
  if (actor.role === "caseworker" && actor.organisation !== "municipality") {
    return refuse("ActorNotPermitted", ["actor", "organisation"], "a caseworker acts for the municipal welfare office", "ケースワーカーは福祉事務所（自治体）の職員です", {
      organisation: actor.organisation,
      role: actor.role,
      rule: "caseworker_belongs_to_municipality"
    })
  }
  return undefined
}

/** Support actions (stage moves, referrals, placements) need an open case with a support decision. */
export const needsSupportDecision = (state: CaseState, command: string): Result.Result<never, Refusal> | undefined => {
  if (state.phase === "none" || state.phase === "closed") return phaseRefusal(command, state.phase, OPEN_PHASES)
  if (!state.supportDecided) {
    return refuse("SupportNotDecided", ["_tag"], `${command} needs a support decision (支援決定) first`, `${command} の前に支援決定が必要です`, { command })
  }
  return undefined
}

export const findReferral = (state: CaseState, id: string): Referral | undefined => state.referrals.find((r) => r.referralId === id)
export const findPlacement = (state: CaseState, id: string): Placement | undefined => state.placements.find((p) => p.placementId === id)

// ---------------------------------------------------------------------------------------------
// Consent port
// ---------------------------------------------------------------------------------------------

/** The decision for one recipient: on the command, else per recipient, else (Hello Work only) the default. */
export const consentFrom = (recipient: string, onCommand: ConsentDecision | undefined, context: DecideContext | undefined): ConsentDecision | undefined => {
  if (onCommand !== undefined) return onCommand
  const byRecipient = context?.consentByRecipient
  if (byRecipient !== undefined && Object.hasOwn(byRecipient, recipient)) return byRecipient[recipient]
  return recipient === "hello_work" ? context?.consent : undefined
}

/** The Consent module's recipient classes that a decision must be about, per recipient of ours. */
const consentRecipientClasses: Readonly<Record<string, ReadonlyArray<string>>> = {
  hello_work: ["hello-work"],
  employer: ["employer", "prospective-employer"]
}

/** A permitting decision about this recipient gives the consent record ids to keep on the event. */
export const checkConsent = (consent: ConsentDecision | undefined, recipient: string, path: Path): Result.Result<ReadonlyArray<string>, Refusal> => {
  if (consent === undefined) {
    return refuse("ConsentMissing", path, `sharing with ${recipient} needs a consent decision`, `${recipient} への情報提供には同意の判定が必要です`, { recipient })
  }
  const decidedFor = consent.request?.recipient.class
  const accepted = Object.hasOwn(consentRecipientClasses, recipient) ? consentRecipientClasses[recipient] : undefined
  if (decidedFor !== undefined && accepted !== undefined && !accepted.includes(decidedFor)) {
    return refuse("ConsentForAnotherRecipient", [...path, "request", "recipient", "class"], `the consent decision answers a request for "${decidedFor}", not for ${recipient}`, `この同意の判定は「${decidedFor}」への提供に関するもので、${recipient} には使えません`, {
      recipient,
      decidedFor
    })
  }
  switch (consent._tag) {
    case "Permit":
      return Result.succeed(consent.recordIds)
    case "Deny":
      return refuse("ConsentDenied", path, `consent denies sharing with ${recipient}: ${consent.reason}`, `${recipient} への情報提供は同意により認められません: ${consent.reason}`, {
        recipient,
        reason: consent.reason
      })
    case "NoBasis":
      return refuse("ConsentNoBasis", path, `no consent or legal basis covers sharing with ${recipient}`, `${recipient} への情報提供の根拠（同意・法令）がありません`, { recipient })
  }
}
