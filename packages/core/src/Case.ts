/**
 * The support case (支援ケース) as an event-sourced decider, in Emmett's shape:
 * `initial`, `decide(state, command, context?) → Result<events, Refusal>`, `evolve(state, event)`,
 * and `replay(events, from?)`.
 *
 * A case follows the national consultation flow (自立相談支援, docs/glossary.md): intake (相談受付) →
 * assessment (アセスメント, sets the starting stage) → plan (プラン策定) → coordination meeting
 * (支援調整会議) → support decision (支援決定, by the municipality) → delivery (支援実施) →
 * monitoring (モニタリング) → evaluation (評価) → closure (終結), with emergency support (緊急支援)
 * allowed before a plan, follow-up after closure, and re-opening (再開). Alongside the lifecycle it
 * records stage moves along a {@link Stage.StageGraph} (with reason, actor and evidence), referrals to
 * other agencies with outcomes and returns, placements, follow-ups at 1/3/6/12 months (Koga),
 * separation (離職) and re-support, and exit from public assistance (保護脱却).
 *
 * Laws (proved in `test/Case.test.ts`, `describe("properties")`):
 * 1. `replay(events) = events.reduce(evolve, initial)` and replay from any snapshot continues it;
 * 2. every state reached by accepted commands satisfies {@link invariantViolations} = `[]`
 *    (one open stage once assessed, follow-ups only after a placement, closure only after an
 *    evaluation or with an explicit reason, stage moves only along graph edges);
 * 3. a refused command emits no events (the state is unchanged);
 * 4. referral to Hello Work is accepted only with a consent decision that permits it;
 * 5. events round-trip through their Schema (JSON).
 *
 * Nothing here reads a clock: every command and event carries `occurredAt` (Period.LocalDate) and
 * every query takes `asOf`.
 * How it is built: each command family has its own small decider in `src/internal/`
 * (`caseIntake` intake, assessment and plan; `caseStages` stage moves; `caseReferrals` referrals;
 * `casePlacements` placements, follow-ups, separation and welfare exit; `caseClosure` closure and
 * re-opening), each a `decide` for its commands and an `evolve` for its events. This module runs
 * the checks every command shares (actor role, phase, date order), routes the command to its
 * family, and folds events through the family that owns them.
 *
 *
 * Counting (実績の集計): {@link toMetricEvents} maps a case's events onto `Metric.MetricEvent`s by
 * the table {@link metricRules} (intake, plan made, employment support started, Hello Work
 * consultations, placements, welfare exits), so business-plan targets and the national survey
 * figures are read from the same log (laws in `test/Case.metrics.test.ts`).
 *
 * @since 0.1.0
 * @module
 */
import { Result } from "effect"
import * as Period from "./Period.ts"
import * as Stage from "./Stage.ts"
import { decodeAll, type CaseDecodeIssue } from "./internal/caseDecode.ts"
import { checkActorRole, checkDate, resolveOptions, type Accepted, type DecideContext, type DeciderOptions, type DecideEnv } from "./internal/caseDecide.ts"
import { ownedNothing, type Owned } from "./internal/caseFold.ts"
import { Command, draftOf, Event, followUpMilestones, initial, type CaseState, type Draft, type FollowUpMilestone } from "./internal/caseModel.ts"
import { invalidCommand, phaseRefusal, OPEN_PHASES, type Refusal } from "./internal/caseRefusal.ts"
import * as Closure from "./internal/caseClosure.ts"
import * as Intake from "./internal/caseIntake.ts"
import * as Placements from "./internal/casePlacements.ts"
import * as Referrals from "./internal/caseReferrals.ts"
import * as Stages from "./internal/caseStages.ts"

export {
  Actor,
  CaseState,
  CloseReason,
  Command,
  ConsentDecision,
  Destination,
  Disclosure,
  EmergencyKind,
  Event,
  FollowUp,
  FollowUpContact,
  FollowUpMilestone,
  followUpMilestones,
  initial,
  OrganisationKind,
  Phase,
  Placement,
  Referral,
  ReferralOutcome,
  ReferralStatus,
  Role,
  SeparationReason,
  StageInterval,
  StageReturn,
  WelfareExitReason,
  WorkTrainingMode
} from "./internal/caseModel.ts"
export { Refusal } from "./internal/caseRefusal.ts"
export type { AgeRange, DecideContext, DeciderOptions } from "./internal/caseDecide.ts"
export {
  type CaseStream,
  defaultEmploymentDestinations,
  defaultEmploymentServices,
  explainMetricEvents,
  MetricMappingError,
  type MetricContext,
  type MetricRule,
  metricRules,
  toMetricEvents,
  toMetricEventsMany,
  toMetricTally,
  type TracedMetricEvent
} from "./internal/caseCounting.ts"

// ---------------------------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------------------------

/**
 * One problem found while decoding a command or an event: the field path and a message. @category commands @since 0.1.0
 * @example
 * ```ts
 * const r = Case.decodeEvent({ _tag: "CaseOpened" })
 * if (r._tag === "Failure") { const issues: ReadonlyArray<Case.DecodeIssue> = r.failure; console.log(issues.map((i) => i.path.join("."))) }
 * ```
 */
export type DecodeIssue = CaseDecodeIssue

const commandTags: ReadonlyArray<string> = Object.keys(Command.cases)
const eventTags: ReadonlyArray<string> = Object.keys(Event.cases)
const decodeCommandInput = decodeAll(Command)
const decodeEventInput = decodeAll(Event)

/** A missing or unknown `_tag` is reported on `_tag` itself, listing the known ones. */
const tagIssue = (input: unknown, known: ReadonlyArray<string>): ReadonlyArray<CaseDecodeIssue> | undefined => {
  const tag = typeof input === "object" && input !== null ? (input as { readonly _tag?: unknown })._tag : undefined
  return typeof tag === "string" && known.includes(tag)
    ? undefined
    : [{ path: ["_tag"], message: `expected one of ${known.join(", ")}, got ${typeof tag === "string" ? JSON.stringify(tag) : typeof input !== "object" || input === null ? "a non-object" : "no _tag"}` }]
}

/**
 * Decodes untrusted input as a command; failures (`InvalidCommand`) list each issue with its
 * field path.
 * @category commands
 * @since 0.1.0
 * @example
 * ```ts
 * const r = Case.decodeCommand(JSON.parse('{"_tag":"OpenCase","occurredAt":"2013-04-01","actor":{"organisation":"municipality","role":"caseworker"},"caseId":"c-1","subjectId":"p-1","publicAssistance":true}'))
 * console.log(r._tag) // "Success"
 * ```
 */
export const decodeCommand = (input: unknown): Result.Result<Command, Refusal> => {
  const badTag = tagIssue(input, commandTags)
  if (badTag !== undefined) return invalidCommand(badTag)
  const r = decodeCommandInput(input)
  return Result.isFailure(r) ? invalidCommand(r.failure) : Result.succeed(r.success)
}

/**
 * Decodes a stored event (e.g. a row of an event store); failures list each issue with its path.
 * @category events
 * @since 0.1.0
 * @example
 * ```ts
 * Case.decodeEvent({ _tag: "NoSuchEvent" })._tag // "Failure": the tag names the closest known event
 * ```
 */
export const decodeEvent = (input: unknown): Result.Result<Event, ReadonlyArray<DecodeIssue>> => {
  const badTag = tagIssue(input, eventTags)
  return badTag !== undefined ? Result.fail(badTag) : decodeEventInput(input)
}

// ---------------------------------------------------------------------------------------------
// Decider
// ---------------------------------------------------------------------------------------------

/**
 * A decider bound to one stage graph (Emmett's `Decider` plus `replay` and a decoding entry point).
 * @category decider
 * @since 0.1.0
 * @example
 * ```ts
 * const kushiro: Case.Decider = Case.decider({ graph: Stage.kushiroGraph })
 * kushiro.initial.phase // "none"
 * ```
 */
export interface Decider {
  readonly graph: Stage.StageGraph
  readonly initial: CaseState
  readonly decide: (state: CaseState, command: Command, context?: DecideContext) => Result.Result<ReadonlyArray<Event>, Refusal>
  readonly evolve: (state: CaseState, event: Event) => CaseState
  readonly replay: (events: Iterable<Event>, from?: CaseState) => CaseState
  /** Decodes untrusted input as a command (refusing with `InvalidCommand`), then decides. */
  readonly decideUnknown: (state: CaseState, input: unknown, context?: DecideContext) => Result.Result<ReadonlyArray<Event>, Refusal>
  /** Decides and, when accepted, evolves: the new state and the events. */
  readonly handle: (
    state: CaseState,
    command: Command,
    context?: DecideContext
  ) => Result.Result<{ readonly state: CaseState; readonly events: ReadonlyArray<Event> }, Refusal>
}

/** Hands a command to the family that decides it. */
const route = (state: CaseState, command: Command, env: DecideEnv, context: DecideContext | undefined): Accepted => {
  switch (command._tag) {
    case "OpenCase":
    case "Assess":
    case "ProvideEmergencySupport":
    case "HoldPreConsultation":
    case "DraftPlan":
    case "HoldCoordinationMeeting":
    case "DecideSupport":
    case "StartDelivery":
    case "RecordMonitoring":
    case "Evaluate":
      return Intake.decide(state, command, env, context)
    case "MoveStage":
      return Stages.decide(state, command, env, context)
    case "Refer":
    case "RecordReferralOutcome":
      return Referrals.decide(state, command, env, context)
    case "RecordPlacement":
    case "RecordFollowUp":
    case "RecordSeparation":
    case "RecordWelfareExit":
      return Placements.decide(state, command, env, context)
    case "CloseCase":
    case "ReopenCase":
      return Closure.decide(state, command, env, context)
  }
}

/**
 * The checks every command shares, then its family's decision: the actor's role fits its
 * organisation; a case must be open (but for `OpenCase`; `ReopenCase` needs a closed one); events come in date order, never
 * before the case opened.
 */
const decideCommand = (state: CaseState, command: Command, env: DecideEnv, context: DecideContext | undefined): Accepted => {
  const actorProblem = checkActorRole(command.actor)
  if (actorProblem !== undefined) return actorProblem
  if (command._tag !== "OpenCase") {
    if (state.phase === "none") return phaseRefusal(command._tag, state.phase, command._tag === "ReopenCase" ? ["closed"] : OPEN_PHASES)
    const dateProblem = checkDate(state, command.occurredAt, ["occurredAt"])
    if (dateProblem !== undefined) return dateProblem
  }
  return route(state, command, env, context)
}

/**
 * Builds a decider over a stage graph. The graph should be valid ({@link Stage.make}); stages and
 * reasons are checked against it on every command.
 * @category decider
 * @since 0.1.0
 * @example
 * ```ts
 * const custom = Case.decider({ graph: Stage.kushiroGraph, consentRequiredFor: ["hello_work", "private_placement"] })
 * const r = custom.handle(custom.initial, { _tag: "OpenCase", occurredAt: Period.unsafeDate("2013-04-01"), actor: { organisation: "municipality", role: "caseworker" }, caseId: "c-1", subjectId: "p-1", publicAssistance: true })
 * if (r._tag === "Success") console.log(r.success.state.phase) // intake
 * ```
 */
export const decider = (options: DeciderOptions = {}): Decider => {
  const env = resolveOptions(options)

  const decide = (state: CaseState, command: Command, context?: DecideContext): Accepted => decideCommand(state, command, env, context)

  const decideUnknown = (state: CaseState, input: unknown, context?: DecideContext): Accepted => {
    const decoded = decodeCommand(input)
    return Result.isFailure(decoded) ? Result.fail(decoded.failure) : decide(state, decoded.success, context)
  }

  const handle = (state: CaseState, command: Command, context?: DecideContext) =>
    Result.map(decide(state, command, context), (events) => ({ state: replay(events, state), events }))

  return { graph: env.graph, initial, decide, evolve, replay, decideUnknown, handle }
}

// ---------------------------------------------------------------------------------------------
// Evolve
// ---------------------------------------------------------------------------------------------

/**
 * Applies one event (pure: the input state is never modified; no validation: events are facts
 * already decided).
 * @category decider
 * @since 0.1.0
 * @example
 * ```ts
 * const r = Case.decide(Case.initial, { _tag: "OpenCase", occurredAt: Period.unsafeDate("2013-04-01"), actor: { organisation: "municipality", role: "caseworker" }, caseId: "c-1", subjectId: "p-1", publicAssistance: true })
 * if (r._tag === "Success") console.log(r.success.reduce(Case.evolve, Case.initial).phase) // intake
 * ```
 */
export const evolve = (state: CaseState, event: Event): CaseState => {
  const next = draftOf(state)
  applyTo(next, event, ownedNothing())
  return next
}

/**
 * Writes one event into a draft that nobody else sees, through the family that owns the event:
 * the single implementation behind both {@link evolve} (copy, then apply) and {@link replay} (one
 * copy, then apply every event). Arrays are written in place only when `owned` says the fold
 * created them.
 */
const applyTo = (next: Draft, event: Event, owned: Owned): void => {
  next.version = next.version + 1
  next.lastEventAt = event.occurredAt
  switch (event._tag) {
    case "CaseOpened":
    case "Assessed":
    case "EmergencySupportProvided":
    case "PreConsultationHeld":
    case "PlanDrafted":
    case "CoordinationMeetingHeld":
    case "SupportDecided":
    case "DeliveryStarted":
    case "Monitored":
    case "Evaluated":
      return Intake.evolve(next, event, owned)
    case "StageMoved":
      return Stages.evolve(next, event, owned)
    case "Referred":
    case "ReferralOutcomeRecorded":
      return Referrals.evolve(next, event, owned)
    case "PlacementRecorded":
    case "FollowUpRecorded":
    case "SeparationRecorded":
    case "WelfareExitRecorded":
      return Placements.evolve(next, event, owned)
    case "CaseClosed":
    case "CaseReopened":
      return Closure.evolve(next, event, owned)
  }
}


/**
 * Folds events into a state, from `initial` or from a snapshot: `replay(events, from)` equals
 * folding {@link evolve} one event at a time.
 * @category decider
 * @since 0.1.0
 * @example
 * ```ts
 * declare const events: ReadonlyArray<Case.Event>
 * const state = Case.replay(events) // = events.reduce(Case.evolve, Case.initial)
 * ```
 */
export const replay = (events: Iterable<Event>, from: CaseState = initial): CaseState => {
  const draft = draftOf(from)
  const owned = ownedNothing()
  for (const e of events) applyTo(draft, e, owned)
  return draft
}

// ---------------------------------------------------------------------------------------------
// Default decider (Kushiro graph)
// ---------------------------------------------------------------------------------------------

const kushiro = decider()

/**
 * Decides a command against the Kushiro graph (use {@link decider} for another graph).
 * @category decider
 * @since 0.1.0
 * @example
 * ```ts
 * const r = Case.decide(Case.initial, { _tag: "OpenCase", occurredAt: Period.unsafeDate("2013-04-01"), actor: { organisation: "municipality", role: "caseworker" }, caseId: "c-1", subjectId: "p-1", publicAssistance: true })
 * if (r._tag === "Success") console.log(r.success.map((e) => e._tag)) // ["CaseOpened"]
 * ```
 */
export const decide: Decider["decide"] = kushiro.decide

/**
 * {@link Decider.decideUnknown} against the Kushiro graph. @category decider @since 0.1.0
 * @example
 * ```ts
 * const r = Case.decideUnknown(Case.initial, { _tag: "OpenCase", occurredAt: "2013-02-30" })
 * if (r._tag === "Failure") console.log(r.failure._tag) // InvalidCommand, with every issue and its path
 * ```
 */
export const decideUnknown: Decider["decideUnknown"] = kushiro.decideUnknown

/**
 * {@link Decider.handle} against the Kushiro graph. @category decider @since 0.1.0
 * @example
 * ```ts
 * const r = Case.handle(Case.initial, { _tag: "OpenCase", occurredAt: Period.unsafeDate("2013-04-01"), actor: { organisation: "municipality", role: "caseworker" }, caseId: "c-1", subjectId: "p-1", publicAssistance: true })
 * if (r._tag === "Success") console.log(r.success.state.caseId, r.success.events.length) // c-1 1
 * ```
 */
export const handle: Decider["handle"] = kushiro.handle



// ---------------------------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------------------------

/**
 * Status of a follow-up as of a date. @category queries @since 0.1.0
 * @example
 * ```ts
 * declare const state: Case.CaseState
 * const statuses: ReadonlyArray<Case.FollowUpStatus> = Case.followUpSchedule(state, Period.unsafeDate("2014-03-31")).map((f) => f.status)
 * ```
 */
export type FollowUpStatus = "done" | "upcoming" | "due" | "overdue" | "cancelled"

/**
 * One follow-up of the schedule. @category queries @since 0.1.0
 * @example
 * ```ts
 * declare const state: Case.CaseState
 * const next: Case.ScheduledFollowUp | undefined = Case.dueFollowUps(state, Period.unsafeDate("2014-03-31"))[0]
 * ```
 */
export interface ScheduledFollowUp {
  readonly placementId: string
  readonly milestone: FollowUpMilestone
  readonly dueDate: Period.LocalDate
  readonly status: FollowUpStatus
  readonly doneOn?: Period.LocalDate
}

/**
 * The follow-up schedule (定着支援予定) of every placement as of a date: each milestone at 1, 3, 6
 * and 12 months after the start is `done`, `upcoming` (before its due date), `due` (from the due
 * date through `graceDays` after it, default 14), `overdue` (later) or `cancelled` (the person left
 * the job before it fell due).
 * @category queries
 * @since 0.1.0
 * @example
 * ```ts
 * declare const state: Case.CaseState
 * Case.followUpSchedule(state, Period.unsafeDate("2014-03-31"), { graceDays: 14 }).map((f) => `${f.milestone}か月 ${f.status}`)
 * ```
 */
export const followUpSchedule = (state: CaseState, asOf: Period.LocalDate, options: { readonly graceDays?: number } = {}): ReadonlyArray<ScheduledFollowUp> => {
  const grace = options.graceDays ?? 14
  const out: Array<ScheduledFollowUp> = []
  for (const p of state.placements) {
    for (const milestone of followUpMilestones) {
      const dueDate = Period.addMonths(p.startDate, milestone)
      const done = p.followUps.find((f) => f.milestone === milestone)
      const status: FollowUpStatus =
        done !== undefined
          ? "done"
          : p.separatedAt !== undefined && p.separatedAt <= dueDate
            ? "cancelled"
            : asOf < dueDate
              ? "upcoming"
              : asOf <= Period.addDays(dueDate, grace)
                ? "due"
                : "overdue"
      out.push(done === undefined ? { placementId: p.placementId, milestone, dueDate, status } : { placementId: p.placementId, milestone, dueDate, status, doneOn: done.on })
    }
  }
  return out
}

/**
 * Follow-ups due as of a date (within their grace period). @category queries @since 0.1.0
 * @example
 * ```ts
 * declare const state: Case.CaseState
 * Case.dueFollowUps(state, Period.unsafeDate("2014-03-31")).map((f) => f.dueDate)
 * ```
 */
export const dueFollowUps = (state: CaseState, asOf: Period.LocalDate, options: { readonly graceDays?: number } = {}): ReadonlyArray<ScheduledFollowUp> =>
  followUpSchedule(state, asOf, options).filter((f) => f.status === "due")

/**
 * Follow-ups overdue as of a date. @category queries @since 0.1.0
 * @example
 * ```ts
 * declare const state: Case.CaseState
 * Case.overdueFollowUps(state, Period.unsafeDate("2014-03-31"), { graceDays: 7 }).length
 * ```
 */
export const overdueFollowUps = (state: CaseState, asOf: Period.LocalDate, options: { readonly graceDays?: number } = {}): ReadonlyArray<ScheduledFollowUp> =>
  followUpSchedule(state, asOf, options).filter((f) => f.status === "overdue")

const daysUntil = (from: Period.LocalDate, until: Period.LocalDate, asOf: Period.LocalDate): number => {
  const end = until < asOf ? until : asOf
  return end <= from ? 0 : Period.diffDays(from, end)
}

/**
 * Days in the current stage node as of a date (0 if the move is later); `undefined` when the case
 * has no open stage.
 * @category queries
 * @since 0.1.0
 * @example
 * ```ts
 * declare const state: Case.CaseState
 * Case.timeInStage(state, Period.unsafeDate("2014-03-31")) // days in the current stage, or undefined before assessment
 * ```
 */
export const timeInStage = (state: CaseState, asOf: Period.LocalDate): number | undefined => {
  const last = state.stageHistory[state.stageHistory.length - 1]
  if (state.stage === undefined || last === undefined || last.until !== undefined) return undefined
  return daysUntil(last.from, asOf, asOf)
}

/**
 * Total days spent in an autonomy stage (all its nodes, e.g. both modes of intermediate work) or
 * in one node, over the whole history, as of a date.
 * @category queries
 * @since 0.1.0
 * @example
 * ```ts
 * declare const state: Case.CaseState
 * Case.totalDaysIn(state, "intermediate_work", Period.unsafeDate("2014-03-31")) // days in intermediate work, both modes, all stays
 * ```
 */
export const totalDaysIn = (state: CaseState, stage: string, asOf: Period.LocalDate): number => {
  let total = 0
  for (const i of state.stageHistory) {
    if (i.stage === stage || i.autonomyStage === stage) total += daysUntil(i.from, i.until ?? asOf, asOf)
  }
  return total
}

/**
 * Days of the current uninterrupted stay in the current autonomy stage (moves between nodes of the
 * same stage, e.g. paid ↔ unpaid intermediate work, do not interrupt it), as of a date.
 * @category queries
 * @since 0.1.0
 * @example
 * ```ts
 * declare const state: Case.CaseState
 * Case.currentStay(state, Period.unsafeDate("2014-03-31")) // { autonomyStage: "intermediate_work", since: "2014-01-10", days: 80 }
 * ```
 */
export const currentStay = (state: CaseState, asOf: Period.LocalDate): { readonly autonomyStage: string; readonly since: Period.LocalDate; readonly days: number } | undefined => {
  const history = state.stageHistory
  const last = history[history.length - 1]
  if (state.stage === undefined || last === undefined || last.until !== undefined) return undefined
  let since = last.from
  for (let i = history.length - 2; i >= 0; i--) {
    const h = history[i]!
    if (h.autonomyStage !== last.autonomyStage || h.episode !== last.episode || h.until !== since) break
    since = h.from
  }
  return { autonomyStage: last.autonomyStage, since, days: daysUntil(since, asOf, asOf) }
}

/**
 * Default stagnation thresholds in days per autonomy stage: a year in intermediate work
 * (inference from S1 Kushiro: clients and host firms settle into intermediate work).
 * @category queries
 * @since 0.1.0
 * @example
 * ```ts
 * Case.defaultStagnationThresholds // { intermediate_work: 365 }
 * ```
 */
export const defaultStagnationThresholds: Readonly<Record<string, number>> = { intermediate_work: 365 }

/**
 * A stay longer than its threshold. @category queries @since 0.1.0
 * @example
 * ```ts
 * declare const state: Case.CaseState
 * const s: Case.Stagnation | undefined = Case.stagnation(state, Period.unsafeDate("2015-03-31"))
 * ```
 */
export interface Stagnation {
  readonly autonomyStage: string
  readonly since: Period.LocalDate
  readonly days: number
  readonly thresholdDays: number
}

/**
 * Stagnation (滞留) as of a date: the current stay in its autonomy stage when it is at least the
 * threshold for that stage; `undefined` otherwise (or when the stage has no threshold).
 * @category queries
 * @since 0.1.0
 * @example
 * ```ts
 * declare const state: Case.CaseState
 * Case.stagnation(state, Period.unsafeDate("2015-03-31"), { intermediate_work: 180 }) // the stay, when longer than its threshold
 * ```
 */
export const stagnation = (
  state: CaseState,
  asOf: Period.LocalDate,
  thresholds: Readonly<Record<string, number>> = defaultStagnationThresholds
): Stagnation | undefined => {
  const stay = currentStay(state, asOf)
  if (stay === undefined) return undefined
  const thresholdDays = Object.hasOwn(thresholds, stay.autonomyStage) ? thresholds[stay.autonomyStage] : undefined
  return thresholdDays !== undefined && stay.days >= thresholdDays ? { ...stay, thresholdDays } : undefined
}

// ---------------------------------------------------------------------------------------------
// Invariants
// ---------------------------------------------------------------------------------------------

/**
 * The invariants every state reached by accepted commands satisfies; returns the violated ones
 * (empty when all hold). Used by the laws and handy to check a snapshot loaded from storage.
 * @category invariants
 * @since 0.1.0
 * @example
 * ```ts
 * Case.invariantViolations(Case.initial) // []
 * ```
 */
export const invariantViolations = (state: CaseState, graph: Stage.StageGraph = Stage.kushiroGraph): ReadonlyArray<string> => {
  const violations: Array<string> = []
  const open = state.stageHistory.filter((i) => i.until === undefined)
  const assessedThisEpisode = state.stageHistory.some((i) => i.episode === state.episode)
  if (state.phase === "closed") {
    if (open.length !== 0) violations.push("a closed case has no open stage")
  } else if (assessedThisEpisode) {
    if (open.length !== 1) violations.push(`exactly one open stage once assessed (found ${open.length})`)
    if (open[0] !== undefined && open[0].stage !== state.stage) violations.push("the open stage is the current stage")
    if (state.stageHistory[state.stageHistory.length - 1]?.until !== undefined) violations.push("the open stage is the latest one")
  } else if (open.length !== 0 || state.stage !== undefined) {
    violations.push("no open stage before the assessment")
  }
  for (let i = 1; i < state.stageHistory.length; i++) {
    const prev = state.stageHistory[i - 1]!
    const cur = state.stageHistory[i]!
    if (cur.kind === "assessment") {
      if (!graph.entry.includes(cur.stage)) violations.push(`assessment starts at an entry stage (${cur.stage})`)
      continue
    }
    const e = Stage.edge(graph, prev.stage, cur.stage)
    if (e === undefined) violations.push(`stage move along a graph edge (${prev.stage} → ${cur.stage})`)
    else if (!e.reasons.includes(cur.reason)) violations.push(`stage move with an allowed reason (${cur.reason})`)
    if (prev.until !== cur.from) violations.push("stays are contiguous within an episode")
  }
  for (const p of state.placements) {
    for (const f of p.followUps) if (f.on < p.startDate) violations.push(`follow-up after the placement start (${p.placementId})`)
    if (new Set(p.followUps.map((f) => f.milestone)).size !== p.followUps.length) violations.push(`one follow-up per milestone (${p.placementId})`)
  }
  if (state.phase === "closed" && state.closeReason === undefined) violations.push("a closed case has a close reason")
  if (state.phase === "closed" && state.closeReason === "evaluated" && state.evaluationOutcome !== "close") {
    violations.push("closure only after an evaluation that concluded close, or with an explicit reason")
  }
  if (state.openedAt !== undefined && state.lastEventAt !== undefined && state.lastEventAt < state.openedAt) violations.push("no event before the case opened")
  return violations
}

// ---------------------------------------------------------------------------------------------
