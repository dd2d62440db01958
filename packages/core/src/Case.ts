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
 *
 * Counting (実績の集計): {@link toMetricEvents} maps a case's events onto `Metric.MetricEvent`s by
 * the table {@link metricRules} (intake, plan made, employment support started, Hello Work
 * consultations, placements, welfare exits), so business-plan targets and the national survey
 * figures are read from the same log (laws in `test/Case.metrics.test.ts`).
 *
 * @since 0.1.0
 * @module
 */
import { Result, Schema } from "effect"
import * as Metric from "./Metric.ts"
import * as Period from "./Period.ts"
import * as Stage from "./Stage.ts"
import { formatPath } from "./internal/decode.ts"
import { decodeAll, type CaseDecodeIssue } from "./internal/caseDecode.ts"

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

/**
 * Kind of organisation acting (組織種別): `municipality` (自治体・福祉事務所), `hello_work`
 * (ハローワーク), `contractor` (受託事業者), `consultation_agency` (自立相談支援機関).
 * @category actors
 * @since 0.1.0
 * @example
 * ```ts
 * const org: Case.OrganisationKind = "hello_work"
 * ```
 */
export const OrganisationKind = Schema.Literals(["municipality", "hello_work", "contractor", "consultation_agency"])
/** @category actors */
export type OrganisationKind = typeof OrganisationKind.Type

/**
 * Role of the person acting (役割): `caseworker` (ケースワーカー), `employment_support_worker`
 * (就労支援員), `hw_navigator` (就職支援ナビゲーター), `contractor` (受託事業者職員), `supervisor`
 * (査察指導員・所長).
 * @category actors
 * @since 0.1.0
 * @example
 * ```ts
 * const role: Case.Role = "employment_support_worker" // 就労支援員
 * ```
 */
export const Role = Schema.Literals(["caseworker", "employment_support_worker", "hw_navigator", "contractor", "supervisor"])
/** @category actors */
export type Role = typeof Role.Type

/**
 * Who did it (実施者): organisation kind, role, and optionally a name and the local job title
 * (e.g. 就労支援相談員), kept as free text beside the mapped role (docs/glossary.md).
 * @category actors
 * @since 0.1.0
 * @example
 * ```ts
 * const actor: Case.Actor = { organisation: "consultation_agency", role: "employment_support_worker", title: "自立支援員" }
 * ```
 */
export const Actor = Schema.Struct({
  organisation: OrganisationKind,
  role: Role,
  name: Schema.optionalKey(Schema.String),
  title: Schema.optionalKey(Schema.String)
})
/** @category actors */
export type Actor = typeof Actor.Type

/**
 * Referral destinations (つなぎ先, docs/glossary.md).
 * `hello_work` (ハローワーク), `employment_readiness` (就労準備支援事業), `youth_support_station`
 * (地域若者サポートステーション), `transition_support` (就労移行支援), `continuous_support_a`
 * (就労継続支援A型), `continuous_support_b` (就労継続支援B型), `silver_center` (シルバー人材センター),
 * `workplace_experience` (職場体験), `certified_work_training` (認定就労訓練事業), `private_placement`
 * (民間職業紹介・人材派遣), `disability_work_life_center` (障害者就業・生活支援センター),
 * `household_budget_support` (家計改善支援事業).
 * @category referrals
 * @since 0.1.0
 * @example
 * ```ts
 * const to: Case.Destination = "youth_support_station" // 地域若者サポートステーション
 * ```
 */
export const Destination = Schema.Literals([
  "hello_work",
  "employment_readiness",
  "youth_support_station",
  "transition_support",
  "continuous_support_a",
  "continuous_support_b",
  "silver_center",
  "workplace_experience",
  "certified_work_training",
  "private_placement",
  "disability_work_life_center",
  "household_budget_support"
])
/** @category referrals */
export type Destination = typeof Destination.Type

/**
 * Outcome of a referral (つなぎの結果). `accepted` (受入) keeps the referral open; the others close
 * it: `placed` (就職), `completed` (修了), `not_placed` (不調), `declined` (辞退), `dropped_out`
 * (中断), `not_eligible` (対象外).
 * @category referrals
 * @since 0.1.0
 * @example
 * ```ts
 * const outcome: Case.ReferralOutcome = "not_placed"
 * ```
 */
export const ReferralOutcome = Schema.Literals(["accepted", "placed", "completed", "not_placed", "declined", "dropped_out", "not_eligible"])
/** @category referrals */
export type ReferralOutcome = typeof ReferralOutcome.Type

/**
 * Status of a referral: `open`, or the last recorded outcome. @category referrals @since 0.1.0
 * @example
 * ```ts
 * const status: Case.ReferralStatus = "open"
 * ```
 */
export const ReferralStatus = Schema.Literals(["open", "accepted", "placed", "completed", "not_placed", "declined", "dropped_out", "not_eligible"])
/** @category referrals */
export type ReferralStatus = typeof ReferralStatus.Type

/**
 * Whether the employer knows the person is being supported (開示/非開示). Where not disclosed,
 * follow-up with the employer only happens under a neutral pretext (S1 Koga).
 * @category placements
 * @since 0.1.0
 * @example
 * ```ts
 * const told: Case.Disclosure = "not_disclosed" // the employer was not told that the person receives support
 * ```
 */
export const Disclosure = Schema.Literals(["disclosed", "not_disclosed"])
/** @category placements */
export type Disclosure = typeof Disclosure.Type

/**
 * Follow-up milestones after placement start, in months (定着支援: 1・3・6・12か月, S1 Koga). @category placements @since 0.1.0
 * @example
 * ```ts
 * const month: Case.FollowUpMilestone = 6
 * ```
 */
export const FollowUpMilestone = Schema.Literals([1, 3, 6, 12])
/** @category placements */
export type FollowUpMilestone = typeof FollowUpMilestone.Type

/**
 * The milestones in order. @category placements @since 0.1.0
 * @example
 * ```ts
 * Case.followUpMilestones // [1, 3, 6, 12]
 * ```
 */
export const followUpMilestones: ReadonlyArray<FollowUpMilestone> = [1, 3, 6, 12]

/**
 * Who was contacted at a follow-up: the `person`, the `employer` openly, or the employer under a
 * neutral pretext (`employer_neutral_pretext`, e.g. "checking your vacancies").
 * @category placements
 * @since 0.1.0
 * @example
 * ```ts
 * const contact: Case.FollowUpContact = "employer_neutral_pretext"
 * ```
 */
export const FollowUpContact = Schema.Literals(["person", "employer", "employer_neutral_pretext"])
/** @category placements */
export type FollowUpContact = typeof FollowUpContact.Type

/**
 * Why a job ended (離職理由). @category placements @since 0.1.0
 * @example
 * ```ts
 * const reason: Case.SeparationReason = "contract_ended"
 * ```
 */
export const SeparationReason = Schema.Literals(["resigned", "dismissed", "contract_ended", "health", "other"])
/** @category placements */
export type SeparationReason = typeof SeparationReason.Type

/**
 * Why a case closed (終結理由). `evaluated` (評価に基づく終結) needs an evaluation that concluded
 * "close"; the others are explicit reasons allowed in any open phase: `handed_over` (他制度へ
 * つなぎ), `moved_away` (転居), `withdrew` (本人の意思による中止), `no_contact` (連絡途絶), `died`
 * (死亡), `other`.
 * @category lifecycle
 * @since 0.1.0
 * @example
 * ```ts
 * const reason: Case.CloseReason = "moved_away"
 * ```
 */
export const CloseReason = Schema.Literals(["evaluated", "handed_over", "moved_away", "withdrew", "no_contact", "died", "other"])
/** @category lifecycle */
export type CloseReason = typeof CloseReason.Type

/**
 * Kinds of emergency support (緊急支援): food, housing, cash loan, medical, other. @category lifecycle @since 0.1.0
 * @example
 * ```ts
 * const kind: Case.EmergencyKind = "food" // 食料支援
 * ```
 */
export const EmergencyKind = Schema.Literals(["food", "housing", "cash_loan", "medical", "other"])
/** @category lifecycle */
export type EmergencyKind = typeof EmergencyKind.Type

/**
 * Why public assistance ended (保護廃止理由). @category welfare @since 0.1.0
 * @example
 * ```ts
 * const reason: Case.WelfareExitReason = "employment_income"
 * ```
 */
export const WelfareExitReason = Schema.Literals(["employment_income", "increased_income", "other"])
/** @category welfare */
export type WelfareExitReason = typeof WelfareExitReason.Type

/**
 * Phase of the process lifecycle (支援プロセスの段階): `none` (未開始), `intake` (相談受付),
 * `assessed` (アセスメント済), `planned` (プラン策定), `coordinated` (支援調整会議で承認),
 * `decided` (支援決定), `delivery` (支援実施), `monitoring` (モニタリング), `evaluated` (評価),
 * `closed` (終結).
 * @category lifecycle
 * @since 0.1.0
 * @example
 * ```ts
 * const phase: Case.Phase = Case.initial.phase // "none"
 * ```
 */
export const Phase = Schema.Literals(["none", "intake", "assessed", "planned", "coordinated", "decided", "delivery", "monitoring", "evaluated", "closed"])
/** @category lifecycle */
export type Phase = typeof Phase.Type

/**
 * Work-training mode proposed by the assessment (雇用型 paid / 非雇用型 unpaid, P32). @category lifecycle @since 0.1.0
 * @example
 * ```ts
 * const mode: Case.WorkTrainingMode = "unpaid" // 非雇用型
 * ```
 */
export const WorkTrainingMode = Schema.Literals(["paid", "unpaid"])
/** @category lifecycle */
export type WorkTrainingMode = typeof WorkTrainingMode.Type

// ---------------------------------------------------------------------------------------------
// Consent port
// ---------------------------------------------------------------------------------------------

/**
 * The consent decision port (同意判定): the minimal shape of what the Consent module's `decide`
 * returns for (subject, purpose `employment-support-referral`, recipient `hello_work`). Extra fields
 * (basis, ...) are allowed and ignored, so the Consent module's richer decision fits as is.
 * Only `Permit` lets a Hello Work referral (and a pre-consultation with a navigator, and a placement
 * disclosed to the employer) through; its record ids are kept on the event. When the decision says
 * which request it answered (`request.recipient.class`, as the Consent module's does), a decision
 * about another recipient class is refused (`ConsentForAnotherRecipient`): consent to tell Hello
 * Work never reaches an employer.
 * @category consent
 * @since 0.1.0
 */
const ConsentRequestRef = Schema.Struct({ recipient: Schema.Struct({ class: Schema.String }) })

/**
 * The consent decision a referral carries (the `Consent` module's answer, reduced to what the case needs): a `Permit` with the record ids, or a `Deny` with the reason.
 * @example
 * ```ts
 * const permit: Case.ConsentDecision = { _tag: "Permit", recordIds: ["consent-0412"] }
 * ```
 */
export const ConsentDecision = Schema.Union([
  Schema.TaggedStruct("Permit", { recordIds: Schema.Array(Schema.String), request: Schema.optionalKey(ConsentRequestRef) }),
  Schema.TaggedStruct("Deny", { reason: Schema.String, request: Schema.optionalKey(ConsentRequestRef) }),
  Schema.TaggedStruct("NoBasis", { request: Schema.optionalKey(ConsentRequestRef) })
])
/** @category consent */
export type ConsentDecision = typeof ConsentDecision.Type

// ---------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------

const common = { occurredAt: Period.LocalDate, actor: Actor }
const Id = Schema.NonEmptyString

/**
 * A stage move carried by another command (a return from a referral, re-support after leaving a
 * job): the target stage, the reason code, and evidence references.
 * @category commands
 * @since 0.1.0
 * @example
 * ```ts
 * const back: Case.StageReturn = { stage: "intermediate_work_unpaid", reason: "job_search_failed" }
 * ```
 */
export const StageReturn = Schema.Struct({
  stage: Schema.String,
  reason: Schema.String,
  evidence: Schema.optionalKey(Schema.Array(Schema.String))
})
/** @category commands */
export type StageReturn = typeof StageReturn.Type

/**
 * Everything one can ask of a case. Decode untrusted input with {@link decodeCommand} (or call
 * {@link Decider.decideUnknown}).
 * @category commands
 * @since 0.1.0
 * @example
 * ```ts
 * const open: Case.Command = { _tag: "OpenCase", occurredAt: Period.unsafeDate("2013-04-01"), actor: { organisation: "municipality", role: "caseworker" }, caseId: "kushiro-17", subjectId: "person-17", publicAssistance: true }
 * ```
 */
export const Command = Schema.TaggedUnion({
  /** Intake (相談受付・申込): opens the case. */
  OpenCase: {
    ...common,
    caseId: Id,
    subjectId: Id,
    publicAssistance: Schema.Boolean,
    birthDate: Schema.optionalKey(Period.LocalDate),
    route: Schema.optionalKey(Schema.Literals(["walk_in", "caseworker", "hello_work", "outreach", "other_agency"]))
  },
  /** Re-opening a closed case (再開), e.g. re-support after leaving a job. */
  ReopenCase: { ...common, reason: Schema.String, publicAssistance: Schema.optionalKey(Schema.Boolean) },
  /** Assessment (アセスメント): sets the starting stage, may propose a work-training mode. */
  Assess: {
    ...common,
    startingStage: Schema.String,
    proposedWorkTraining: Schema.optionalKey(WorkTrainingMode),
    summary: Schema.optionalKey(Schema.String)
  },
  /** Plan drafting or revision (プラン策定・再プラン). */
  DraftPlan: { ...common, planId: Id, goals: Schema.Array(Schema.String) },
  /** Coordination meeting (支援調整会議): approves the plan or sends it back for revision. */
  HoldCoordinationMeeting: {
    ...common,
    planId: Id,
    outcome: Schema.Literals(["approved", "revise"]),
    participants: Schema.Array(OrganisationKind)
  },
  /** Support decision (支援決定) by the municipality; may authorise stages that need it (e.g. paid work training). */
  DecideSupport: { ...common, planId: Id, services: Schema.Array(Schema.String), authorisedStages: Schema.Array(Schema.String) },
  /** Start of support delivery (支援実施). */
  StartDelivery: { ...common },
  /** Monitoring (モニタリング). */
  RecordMonitoring: { ...common, note: Schema.optionalKey(Schema.String) },
  /** Evaluation (評価): continue with a revised plan, or close. */
  Evaluate: { ...common, outcome: Schema.Literals(["continue", "close"]), note: Schema.optionalKey(Schema.String) },
  /** Closure (終結). */
  CloseCase: { ...common, reason: CloseReason, note: Schema.optionalKey(Schema.String) },
  /** Emergency support before (or outside) a plan (緊急支援). */
  ProvideEmergencySupport: { ...common, kind: EmergencyKind, note: Schema.optionalKey(Schema.String) },
  /** Pre-consultation with a Hello Work navigator when it is unclear whether the person can work (プレ相談, Koga). */
  HoldPreConsultation: { ...common, outcome: Schema.Literals(["can_work", "not_yet", "unclear"]), consent: Schema.optionalKey(ConsentDecision) },
  /** Stage move (段階の移行) along a graph edge, with a reason code and evidence. */
  MoveStage: { ...common, to: Schema.String, reason: Schema.String, evidence: Schema.optionalKey(Schema.Array(Schema.String)) },
  /** Referral (つなぎ); to Hello Work it needs a permitting consent decision. */
  Refer: {
    ...common,
    referralId: Id,
    destination: Destination,
    channel: Schema.optionalKey(Schema.Literals(["desk", "visiting"])),
    host: Schema.optionalKey(Schema.String),
    consent: Schema.optionalKey(ConsentDecision),
    note: Schema.optionalKey(Schema.String)
  },
  /** Outcome of a referral, optionally with a return to a stage (e.g. back to intermediate work). */
  RecordReferralOutcome: { ...common, referralId: Id, outcome: ReferralOutcome, returnTo: Schema.optionalKey(StageReturn) },
  /** A job placement (就職). Disclosing the support to the employer needs a permitting consent decision. */
  RecordPlacement: {
    ...common,
    placementId: Id,
    employer: Id,
    startDate: Period.LocalDate,
    hoursPerWeek: Schema.Number.check(Schema.isBetween({ minimum: 0, maximum: 168, exclusiveMinimum: true })),
    disclosure: Disclosure,
    referralId: Schema.optionalKey(Id),
    consent: Schema.optionalKey(ConsentDecision)
  },
  /** A follow-up contact (定着支援) at a milestone. */
  RecordFollowUp: {
    ...common,
    placementId: Id,
    milestone: FollowUpMilestone,
    contact: FollowUpContact,
    stillEmployed: Schema.Boolean,
    note: Schema.optionalKey(Schema.String)
  },
  /** Leaving the job (離職), optionally with re-support as a stage move. */
  RecordSeparation: { ...common, placementId: Id, reason: SeparationReason, returnTo: Schema.optionalKey(StageReturn) },
  /** Exit from public assistance (保護脱却). */
  RecordWelfareExit: { ...common, reason: WelfareExitReason, placementId: Schema.optionalKey(Id) }
})
/** @category commands */
export type Command = typeof Command.Type

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------

/**
 * The facts a case records. Every event carries `occurredAt` and `actor`.
 * @category events
 * @since 0.1.0
 * @example
 * ```ts
 * const r = Case.decide(Case.initial, { _tag: "OpenCase", occurredAt: Period.unsafeDate("2013-04-01"), actor: { organisation: "municipality", role: "caseworker" }, caseId: "c-1", subjectId: "p-1", publicAssistance: true })
 * if (r._tag === "Success") { const events: ReadonlyArray<Case.Event> = r.success; console.log(events[0]?._tag) } // CaseOpened
 * ```
 */
export const Event = Schema.TaggedUnion({
  CaseOpened: {
    ...common,
    caseId: Id,
    subjectId: Id,
    publicAssistance: Schema.Boolean,
    birthDate: Schema.optionalKey(Period.LocalDate),
    route: Schema.optionalKey(Schema.Literals(["walk_in", "caseworker", "hello_work", "outreach", "other_agency"]))
  },
  CaseReopened: { ...common, reason: Schema.String, publicAssistance: Schema.Boolean, episode: Schema.Int },
  Assessed: {
    ...common,
    startingStage: Schema.String,
    autonomyStage: Schema.String,
    proposedWorkTraining: Schema.optionalKey(WorkTrainingMode),
    summary: Schema.optionalKey(Schema.String)
  },
  PlanDrafted: { ...common, planId: Id, goals: Schema.Array(Schema.String), revision: Schema.Int },
  CoordinationMeetingHeld: {
    ...common,
    planId: Id,
    outcome: Schema.Literals(["approved", "revise"]),
    participants: Schema.Array(OrganisationKind)
  },
  SupportDecided: { ...common, planId: Id, services: Schema.Array(Schema.String), authorisedStages: Schema.Array(Schema.String) },
  DeliveryStarted: { ...common },
  Monitored: { ...common, note: Schema.optionalKey(Schema.String) },
  Evaluated: { ...common, outcome: Schema.Literals(["continue", "close"]), note: Schema.optionalKey(Schema.String) },
  CaseClosed: { ...common, reason: CloseReason, note: Schema.optionalKey(Schema.String) },
  EmergencySupportProvided: { ...common, kind: EmergencyKind, note: Schema.optionalKey(Schema.String) },
  PreConsultationHeld: { ...common, outcome: Schema.Literals(["can_work", "not_yet", "unclear"]), consentRecordIds: Schema.Array(Schema.String) },
  StageMoved: {
    ...common,
    from: Schema.String,
    to: Schema.String,
    autonomyStage: Schema.String,
    kind: Stage.EdgeKind,
    reason: Schema.String,
    evidence: Schema.Array(Schema.String)
  },
  Referred: {
    ...common,
    referralId: Id,
    destination: Destination,
    channel: Schema.optionalKey(Schema.Literals(["desk", "visiting"])),
    host: Schema.optionalKey(Schema.String),
    consentRecordIds: Schema.Array(Schema.String),
    note: Schema.optionalKey(Schema.String)
  },
  ReferralOutcomeRecorded: { ...common, referralId: Id, outcome: ReferralOutcome },
  PlacementRecorded: {
    ...common,
    placementId: Id,
    employer: Id,
    startDate: Period.LocalDate,
    hoursPerWeek: Schema.Number.check(Schema.isBetween({ minimum: 0, maximum: 168, exclusiveMinimum: true })),
    disclosure: Disclosure,
    referralId: Schema.optionalKey(Id),
    consentRecordIds: Schema.Array(Schema.String)
  },
  FollowUpRecorded: {
    ...common,
    placementId: Id,
    milestone: FollowUpMilestone,
    contact: FollowUpContact,
    stillEmployed: Schema.Boolean,
    note: Schema.optionalKey(Schema.String)
  },
  SeparationRecorded: { ...common, placementId: Id, reason: SeparationReason },
  WelfareExitRecorded: { ...common, reason: WelfareExitReason, placementId: Schema.optionalKey(Id) }
})
/** @category events */
export type Event = typeof Event.Type

// ---------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------

/**
 * One stay in a stage (在籍期間): `until` is absent while it is the open stage. `kind` says how
 * the case got there (`assessment` or the edge kind).
 * @category state
 * @since 0.1.0
 * @example
 * ```ts
 * declare const state: Case.CaseState
 * const intervals: ReadonlyArray<Case.StageInterval> = state.stageHistory // [{ stage: "social_life", from: "2013-04-08", until: "2013-06-01", … }, …]
 * ```
 */
export const StageInterval = Schema.Struct({
  stage: Schema.String,
  autonomyStage: Schema.String,
  from: Period.LocalDate,
  until: Schema.optional(Period.LocalDate),
  kind: Schema.Literals(["assessment", "forward", "skip", "regression", "lateral"]),
  reason: Schema.String,
  episode: Schema.Int
})
/** @category state */
export type StageInterval = typeof StageInterval.Type

/**
 * A referral as the case knows it. @category state @since 0.1.0
 * @example
 * ```ts
 * declare const state: Case.CaseState
 * const open: ReadonlyArray<Case.Referral> = state.referrals.filter((r) => r.status === "open")
 * ```
 */
export const Referral = Schema.Struct({
  referralId: Id,
  destination: Destination,
  referredAt: Period.LocalDate,
  status: ReferralStatus,
  closedAt: Schema.optional(Period.LocalDate),
  consentRecordIds: Schema.Array(Schema.String)
})
/** @category state */
export type Referral = typeof Referral.Type

/**
 * A recorded follow-up. @category state @since 0.1.0
 * @example
 * ```ts
 * declare const state: Case.CaseState
 * const done: ReadonlyArray<Case.FollowUp> = state.placements.flatMap((p) => p.followUps)
 * ```
 */
export const FollowUp = Schema.Struct({ milestone: FollowUpMilestone, on: Period.LocalDate, stillEmployed: Schema.Boolean, contact: FollowUpContact })
/** @category state */
export type FollowUp = typeof FollowUp.Type

/**
 * A placement as the case knows it. @category state @since 0.1.0
 * @example
 * ```ts
 * declare const state: Case.CaseState
 * const current: Case.Placement | undefined = state.placements[state.placements.length - 1]
 * ```
 */
export const Placement = Schema.Struct({
  placementId: Id,
  employer: Id,
  startDate: Period.LocalDate,
  hoursPerWeek: Schema.Number,
  disclosure: Disclosure,
  referralId: Schema.optional(Id),
  followUps: Schema.Array(FollowUp),
  separatedAt: Schema.optional(Period.LocalDate),
  separationReason: Schema.optional(SeparationReason)
})
/** @category state */
export type Placement = typeof Placement.Type

/**
 * The state of a case, folded from its events. A snapshot can be stored (it round-trips through
 * this Schema as JSON) and replay continued from it. Fields that may be unknown are `optional`
 * (present with `undefined` in memory, so every state has the same shape, which keeps folding fast).
 * @category state
 * @since 0.1.0
 * @example
 * ```ts
 * const state: Case.CaseState = Case.replay([])
 * state.phase // "none"
 * ```
 */
export const CaseState = Schema.Struct({
  phase: Phase,
  caseId: Schema.optional(Id),
  subjectId: Schema.optional(Id),
  openedAt: Schema.optional(Period.LocalDate),
  lastEventAt: Schema.optional(Period.LocalDate),
  version: Schema.Int,
  episode: Schema.Int,
  publicAssistance: Schema.Boolean,
  birthDate: Schema.optional(Period.LocalDate),
  stage: Schema.optional(Schema.String),
  stageHistory: Schema.Array(StageInterval),
  proposedWorkTraining: Schema.optional(WorkTrainingMode),
  planId: Schema.optional(Id),
  planRevisions: Schema.Int,
  supportDecided: Schema.Boolean,
  authorisedStages: Schema.Array(Schema.String),
  evaluationOutcome: Schema.optional(Schema.Literals(["continue", "close"])),
  referrals: Schema.Array(Referral),
  placements: Schema.Array(Placement),
  emergencySupports: Schema.Int,
  preConsultations: Schema.Int,
  welfareExitAt: Schema.optional(Period.LocalDate),
  closedAt: Schema.optional(Period.LocalDate),
  closeReason: Schema.optional(CloseReason)
})
/** @category state */
export type CaseState = typeof CaseState.Type

type Draft = { -readonly [K in keyof CaseState]-?: CaseState[K] }

/** A fresh copy with every key present, in one fixed order (one hidden class for all states). */
const draftOf = (s: CaseState): Draft => ({
  phase: s.phase,
  caseId: s.caseId,
  subjectId: s.subjectId,
  openedAt: s.openedAt,
  lastEventAt: s.lastEventAt,
  version: s.version,
  episode: s.episode,
  publicAssistance: s.publicAssistance,
  birthDate: s.birthDate,
  stage: s.stage,
  stageHistory: s.stageHistory,
  proposedWorkTraining: s.proposedWorkTraining,
  planId: s.planId,
  planRevisions: s.planRevisions,
  supportDecided: s.supportDecided,
  authorisedStages: s.authorisedStages,
  evaluationOutcome: s.evaluationOutcome,
  referrals: s.referrals,
  placements: s.placements,
  emergencySupports: s.emergencySupports,
  preConsultations: s.preConsultations,
  welfareExitAt: s.welfareExitAt,
  closedAt: s.closedAt,
  closeReason: s.closeReason
})

/**
 * The state before any event (no case yet). @category state @since 0.1.0
 * @example
 * ```ts
 * Case.initial.version // 0
 * ```
 */
export const initial: CaseState = draftOf({
  phase: "none",
  version: 0,
  episode: 0,
  publicAssistance: false,
  stageHistory: [],
  planRevisions: 0,
  supportDecided: false,
  authorisedStages: [],
  referrals: [],
  placements: [],
  emergencySupports: 0,
  preConsultations: 0
})

// ---------------------------------------------------------------------------------------------
// Refusals
// ---------------------------------------------------------------------------------------------

const refusalFields = {
  path: Schema.Array(Schema.Union([Schema.String, Schema.Number])),
  message: Schema.String,
  messageJa: Schema.String
}

/**
 * Why a command was refused (却下理由): one variant per broken rule, each naming the offending
 * field (`path`) and explaining itself in English and Japanese.
 * @category refusals
 * @since 0.1.0
 * @example
 * ```ts
 * const r = Case.decide(Case.initial, { _tag: "Assess", occurredAt: Period.unsafeDate("2013-04-08"), actor: { organisation: "municipality", role: "caseworker" }, startingStage: "social_life" })
 * if (r._tag === "Failure") { const refusal: Case.Refusal = r.failure; console.log(refusal._tag, refusal.messageJa) } // WrongPhase …
 * ```
 */
export const Refusal = Schema.TaggedUnion({
  /** The input did not decode: every issue with its field path. */
  InvalidCommand: { ...refusalFields, issues: Schema.Array(Schema.Struct({ path: Schema.Array(Schema.Union([Schema.String, Schema.Number])), message: Schema.String })) },
  /** The command is not allowed in the current lifecycle phase. */
  WrongPhase: { ...refusalFields, command: Schema.String, phase: Phase, allowed: Schema.Array(Phase) },
  /** Support actions (stage moves, referrals, placements) need a support decision (支援決定) first. */
  SupportNotDecided: { ...refusalFields, command: Schema.String },
  /** The date is before the case was first opened. */
  DateBeforeCaseOpened: { ...refusalFields, date: Schema.String, openedAt: Schema.String },
  /** The date is before the case's previous event: events are recorded in date order. */
  DateBeforePreviousEvent: { ...refusalFields, date: Schema.String, lastEventAt: Schema.String },
  /** A follow-up or separation dated before the placement started. */
  DateBeforePlacementStart: { ...refusalFields, date: Schema.String, startDate: Schema.String },
  /** A follow-up recorded too long before its milestone. */
  FollowUpTooEarly: { ...refusalFields, milestone: FollowUpMilestone, dueDate: Schema.String, earliest: Schema.String },
  /** The stage is not a node of the graph. */
  UnknownStage: { ...refusalFields, stage: Schema.String, graph: Schema.String },
  /** The graph has no edge between the two stages. */
  EdgeNotInGraph: { ...refusalFields, from: Schema.String, to: Schema.String, graph: Schema.String },
  /** No reason code was given. */
  MissingReason: { ...refusalFields },
  /** The reason code is not one of the edge's reasons. */
  ReasonNotAllowed: { ...refusalFields, from: Schema.String, to: Schema.String, reason: Schema.String, allowed: Schema.Array(Schema.String) },
  /** The stage needs the administration's support decision naming it (e.g. paid work training). */
  StageNotAuthorised: { ...refusalFields, stage: Schema.String },
  /** The actor may not do this (wrong organisation or role). */
  ActorNotPermitted: { ...refusalFields, organisation: OrganisationKind, role: Role, rule: Schema.String },
  /** No consent decision was supplied where one is required. */
  ConsentMissing: { ...refusalFields, recipient: Schema.String },
  /** The consent decision denies the disclosure. */
  ConsentDenied: { ...refusalFields, recipient: Schema.String, reason: Schema.String },
  /** Neither consent nor a legal basis covers the disclosure. */
  ConsentNoBasis: { ...refusalFields, recipient: Schema.String },
  /** The consent decision answers a request about another recipient class. */
  ConsentForAnotherRecipient: { ...refusalFields, recipient: Schema.String, decidedFor: Schema.String },
  /** An id is already used in this case. */
  DuplicateId: { ...refusalFields, kind: Schema.Literals(["referral", "placement"]), id: Schema.String },
  /** The plan id is not the case's current plan. */
  PlanMismatch: { ...refusalFields, planId: Schema.String, currentPlanId: Schema.String },
  /** No referral with this id. */
  UnknownReferral: { ...refusalFields, referralId: Schema.String },
  /** The referral already has a final outcome (or was already accepted). */
  ReferralClosed: { ...refusalFields, referralId: Schema.String, status: ReferralStatus },
  /** No placement with this id. */
  UnknownPlacement: { ...refusalFields, placementId: Schema.String },
  /** The placement has ended (離職). */
  PlacementEnded: { ...refusalFields, placementId: Schema.String, separatedAt: Schema.String },
  /** This milestone's follow-up is already recorded. */
  FollowUpAlreadyRecorded: { ...refusalFields, placementId: Schema.String, milestone: FollowUpMilestone },
  /** An open contact with an employer who was not told about the support. */
  DisclosureViolation: { ...refusalFields, placementId: Schema.String },
  /** The person's age at the referral date is outside the destination's range. */
  AgeOutOfRange: { ...refusalFields, destination: Destination, age: Schema.Int, min: Schema.optionalKey(Schema.Int), max: Schema.optionalKey(Schema.Int) },
  /** Exit from public assistance for a person not receiving it. */
  NotOnPublicAssistance: { ...refusalFields },
  /** Closure with reason `evaluated` without an evaluation that concluded "close". */
  ClosureNeedsEvaluation: { ...refusalFields }
})
/** @category refusals */
export type Refusal = typeof Refusal.Type

type RefusalTag = Refusal["_tag"]
type RefusalOf<T extends RefusalTag> = Extract<Refusal, { readonly _tag: T }>
type Path = ReadonlyArray<string | number>

const refuse = <T extends RefusalTag>(
  tag: T,
  path: Path,
  message: string,
  messageJa: string,
  fields: Omit<RefusalOf<T>, "_tag" | "path" | "message" | "messageJa">
): Result.Result<never, Refusal> =>
  Result.fail({ _tag: tag, path, message, messageJa, ...fields } as unknown as Refusal)

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
 * Age range a destination serves (e.g. silver centre 60+, youth support station 15–49). @category decider @since 0.1.0
 * @example
 * ```ts
 * const youth: Case.AgeRange = { min: 15, max: 49 } // 地域若者サポートステーション
 * ```
 */
export interface AgeRange {
  readonly min?: number
  readonly max?: number
}

/**
 * Options of {@link decider}. Defaults: the Kushiro graph; consent required for Hello Work; the
 * silver human resources centre from 60 (P24), the youth support station 15–49 (P25); follow-ups
 * recordable from 14 days before their milestone.
 * @category decider
 * @since 0.1.0
 * @example
 * ```ts
 * const options: Case.DeciderOptions = { graph: Stage.kushiroGraph, consentRequiredFor: ["hello_work", "private_placement"], followUpEarlyDays: 7 }
 * ```
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
 * @example
 * ```ts
 * const context: Case.DecideContext = { consent: { _tag: "Permit", recordIds: ["consent-0412"] } }
 * ```
 */
export interface DecideContext {
  readonly consent?: ConsentDecision
  readonly consentByRecipient?: Readonly<Record<string, ConsentDecision>>
}

const consentFrom = (recipient: string, onCommand: ConsentDecision | undefined, context: DecideContext | undefined): ConsentDecision | undefined => {
  if (onCommand !== undefined) return onCommand
  const byRecipient = context?.consentByRecipient
  if (byRecipient !== undefined && Object.hasOwn(byRecipient, recipient)) return byRecipient[recipient]
  return recipient === "hello_work" ? context?.consent : undefined
}

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

/** The Consent module's recipient classes that a decision must be about, per recipient of ours. */
const consentRecipientClasses: Readonly<Record<string, ReadonlyArray<string>>> = {
  hello_work: ["hello-work"],
  employer: ["employer", "prospective-employer"]
}

const OPEN_PHASES: ReadonlyArray<Phase> = ["intake", "assessed", "planned", "coordinated", "decided", "delivery", "monitoring", "evaluated"]
const BEFORE_PLAN: ReadonlyArray<Phase> = ["intake", "assessed"]

const DEFAULT_AGE_RANGES: Partial<Record<Destination, AgeRange>> = {
  silver_center: { min: 60 },
  youth_support_station: { min: 15, max: 49 }
}

type Accepted = Result.Result<ReadonlyArray<Event>, Refusal>
const accept = (...events: ReadonlyArray<Event>): Accepted => Result.succeed(events)

const phaseRefusal = (command: string, phase: Phase, allowed: ReadonlyArray<Phase>): Result.Result<never, Refusal> =>
  refuse("WrongPhase", ["_tag"], `${command} is not allowed in phase "${phase}" (allowed: ${allowed.join(", ")})`, `${command} は「${phase}」の段階では行えません`, {
    command,
    phase,
    allowed
  })

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
  const graph = options.graph ?? Stage.kushiroGraph
  const consentRequiredFor = new Set<string>(options.consentRequiredFor ?? ["hello_work"])
  const ageRanges = options.ageRanges ?? DEFAULT_AGE_RANGES
  const followUpEarlyDays = options.followUpEarlyDays ?? 14

  const checkDate = (state: CaseState, date: Period.LocalDate, path: Path): Result.Result<never, Refusal> | undefined => {
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

  const checkActorRole = (actor: Actor): Result.Result<never, Refusal> | undefined => {
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

  const checkConsent = (consent: ConsentDecision | undefined, recipient: string, path: Path): Result.Result<ReadonlyArray<string>, Refusal> => {
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

  /** Checks a stage move from the current stage and builds its event. */
  const planMove = (
    state: CaseState,
    to: string,
    reasonCode: string,
    evidence: ReadonlyArray<string> | undefined,
    occurredAt: Period.LocalDate,
    actor: Actor,
    path: Path
  ): Result.Result<Event, Refusal> => {
    const from = state.stage
    if (from === undefined) return phaseRefusal("MoveStage", state.phase, ["assessed"])
    const target = Stage.node(graph, to)
    if (target === undefined) {
      return refuse("UnknownStage", [...path, "stage"], `"${to}" is not a stage of graph "${graph.id}"`, `「${to}」は段階グラフ「${graph.id}」にない段階です`, { stage: to, graph: graph.id })
    }
    const e = Stage.edge(graph, from, to)
    if (e === undefined) {
      return refuse("EdgeNotInGraph", [...path, "stage"], `graph "${graph.id}" has no move ${from} → ${to}`, `段階グラフ「${graph.id}」に ${from} → ${to} の移行はありません`, { from, to, graph: graph.id })
    }
    if (reasonCode.trim() === "") {
      return refuse("MissingReason", [...path, "reason"], `the move ${from} → ${to} needs a reason code (one of ${e.reasons.join(", ")})`, `${from} → ${to} の移行には理由コードが必要です`, {})
    }
    if (!e.reasons.includes(reasonCode)) {
      return refuse("ReasonNotAllowed", [...path, "reason"], `"${reasonCode}" does not justify ${from} → ${to} (allowed: ${e.reasons.join(", ")})`, `「${reasonCode}」は ${from} → ${to} の理由として認められていません`, {
        from,
        to,
        reason: reasonCode,
        allowed: e.reasons
      })
    }
    if (target.requiresDecision === true && !state.authorisedStages.includes(to)) {
      return refuse("StageNotAuthorised", [...path, "stage"], `entering "${to}" needs a support decision by the municipality naming it`, `「${to}」への移行には自治体の支援決定が必要です`, { stage: to })
    }
    return Result.succeed({ _tag: "StageMoved", occurredAt, actor, from, to, autonomyStage: target.stage, kind: e.kind, reason: reasonCode, evidence: evidence ?? [] })
  }

  const needsSupportDecision = (state: CaseState, command: string): Result.Result<never, Refusal> | undefined => {
    if (state.phase === "none" || state.phase === "closed") return phaseRefusal(command, state.phase, OPEN_PHASES)
    if (!state.supportDecided) {
      return refuse("SupportNotDecided", ["_tag"], `${command} needs a support decision (支援決定) first`, `${command} の前に支援決定が必要です`, { command })
    }
    return undefined
  }

  const findReferral = (state: CaseState, id: string): Referral | undefined => state.referrals.find((r) => r.referralId === id)
  const findPlacement = (state: CaseState, id: string): Placement | undefined => state.placements.find((p) => p.placementId === id)

  const decideCommand = (state: CaseState, command: Command, context: DecideContext | undefined): Accepted => {
    const actorProblem = checkActorRole(command.actor)
    if (actorProblem !== undefined) return actorProblem
    if (command._tag === "OpenCase") {
      if (state.phase !== "none") return phaseRefusal(command._tag, state.phase, ["none"])
      const { _tag, ...rest } = command
      return accept({ ...rest, _tag: "CaseOpened" })
    }
    if (state.phase === "none") return phaseRefusal(command._tag, state.phase, OPEN_PHASES)
    const dateProblem = checkDate(state, command.occurredAt, ["occurredAt"])
    if (dateProblem !== undefined) return dateProblem
    const { occurredAt, actor } = command
    switch (command._tag) {
      case "ReopenCase": {
        if (state.phase !== "closed") return phaseRefusal(command._tag, state.phase, ["closed"])
        if (command.reason.trim() === "") return refuse("MissingReason", ["reason"], "re-opening needs a reason", "再開には理由が必要です", {})
        return accept({ _tag: "CaseReopened", occurredAt, actor, reason: command.reason, publicAssistance: command.publicAssistance ?? state.publicAssistance, episode: state.episode + 1 })
      }
      case "Assess": {
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
      case "DraftPlan": {
        const allowed: ReadonlyArray<Phase> = ["assessed", "planned", "evaluated"]
        if (!allowed.includes(state.phase) || (state.phase === "evaluated" && state.evaluationOutcome !== "continue")) {
          return phaseRefusal(command._tag, state.phase, allowed)
        }
        return accept({ _tag: "PlanDrafted", occurredAt, actor, planId: command.planId, goals: command.goals, revision: state.planRevisions + 1 })
      }
      case "HoldCoordinationMeeting": {
        if (state.phase !== "planned") return phaseRefusal(command._tag, state.phase, ["planned"])
        if (command.planId !== state.planId) return planMismatch(command.planId, state.planId)
        const { _tag, ...rest } = command
        return accept({ ...rest, _tag: "CoordinationMeetingHeld" })
      }
      case "DecideSupport": {
        if (state.phase !== "coordinated") return phaseRefusal(command._tag, state.phase, ["coordinated"])
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
      case "StartDelivery":
        if (state.phase !== "decided") return phaseRefusal(command._tag, state.phase, ["decided"])
        return accept({ _tag: "DeliveryStarted", occurredAt, actor })
      case "RecordMonitoring": {
        if (state.phase !== "delivery" && state.phase !== "monitoring") return phaseRefusal(command._tag, state.phase, ["delivery", "monitoring"])
        const { _tag, ...rest } = command
        return accept({ ...rest, _tag: "Monitored" })
      }
      case "Evaluate": {
        if (state.phase !== "monitoring") return phaseRefusal(command._tag, state.phase, ["monitoring"])
        const { _tag, ...rest } = command
        return accept({ ...rest, _tag: "Evaluated" })
      }
      case "CloseCase": {
        if (!OPEN_PHASES.includes(state.phase)) return phaseRefusal(command._tag, state.phase, OPEN_PHASES)
        if (command.reason === "evaluated" && !(state.phase === "evaluated" && state.evaluationOutcome === "close")) {
          return refuse("ClosureNeedsEvaluation", ["reason"], 'closing with reason "evaluated" needs an evaluation that concluded "close"; give another reason otherwise', "評価に基づく終結には「終結」とした評価が必要です", {})
        }
        const { _tag, ...rest } = command
        return accept({ ...rest, _tag: "CaseClosed" })
      }
      case "ProvideEmergencySupport": {
        if (!OPEN_PHASES.includes(state.phase)) return phaseRefusal(command._tag, state.phase, OPEN_PHASES)
        const { _tag, ...rest } = command
        return accept({ ...rest, _tag: "EmergencySupportProvided" })
      }
      case "HoldPreConsultation": {
        if (!BEFORE_PLAN.includes(state.phase)) return phaseRefusal(command._tag, state.phase, BEFORE_PLAN)
        const consent = checkConsent(consentFrom("hello_work", command.consent, context), "hello_work", ["consent"])
        if (Result.isFailure(consent)) return Result.fail(consent.failure)
        return accept({ _tag: "PreConsultationHeld", occurredAt, actor, outcome: command.outcome, consentRecordIds: consent.success })
      }
      case "MoveStage": {
        const notDecided = needsSupportDecision(state, command._tag)
        if (notDecided !== undefined) return notDecided
        const moved = planMove(state, command.to, command.reason, command.evidence, occurredAt, actor, [])
        if (Result.isFailure(moved)) return moveRefusalAt(moved.failure, "to")
        return accept(moved.success)
      }
      case "Refer":
        return decideReferral(state, command, context)
      case "RecordReferralOutcome": {
        const referral = findReferral(state, command.referralId)
        if (referral === undefined) return unknownReferral(command.referralId)
        if (referral.status !== "open" && !(referral.status === "accepted" && command.outcome !== "accepted")) {
          return refuse("ReferralClosed", ["referralId"], `referral "${referral.referralId}" is already ${referral.status}`, `つなぎ「${referral.referralId}」は既に「${referral.status}」です`, {
            referralId: referral.referralId,
            status: referral.status
          })
        }
        const recorded: Event = { _tag: "ReferralOutcomeRecorded", occurredAt, actor, referralId: command.referralId, outcome: command.outcome }
        if (command.returnTo === undefined) return accept(recorded)
        const notDecided = needsSupportDecision(state, command._tag)
        if (notDecided !== undefined) return notDecided
        const moved = planMove(state, command.returnTo.stage, command.returnTo.reason, command.returnTo.evidence, occurredAt, actor, ["returnTo"])
        return Result.isFailure(moved) ? Result.fail(moved.failure) : accept(recorded, moved.success)
      }
      case "RecordPlacement":
        return decidePlacement(state, command, context)
      case "RecordFollowUp":
        return decideFollowUp(state, command)
      case "RecordSeparation": {
        const placement = findPlacement(state, command.placementId)
        if (placement === undefined) return unknownPlacement(command.placementId)
        if (placement.separatedAt !== undefined) return placementEnded(placement)
        if (occurredAt < placement.startDate) return beforeStart(occurredAt, placement.startDate)
        const separated: Event = { _tag: "SeparationRecorded", occurredAt, actor, placementId: command.placementId, reason: command.reason }
        if (command.returnTo === undefined) return accept(separated)
        const notDecided = needsSupportDecision(state, command._tag)
        if (notDecided !== undefined) return notDecided
        const moved = planMove(state, command.returnTo.stage, command.returnTo.reason, command.returnTo.evidence, occurredAt, actor, ["returnTo"])
        return Result.isFailure(moved) ? Result.fail(moved.failure) : accept(separated, moved.success)
      }
      case "RecordWelfareExit": {
        if (!OPEN_PHASES.includes(state.phase)) return phaseRefusal(command._tag, state.phase, OPEN_PHASES)
        if (!state.publicAssistance) {
          return refuse("NotOnPublicAssistance", ["_tag"], "the person is not receiving public assistance", "生活保護を受給していません", {})
        }
        if (command.placementId !== undefined && findPlacement(state, command.placementId) === undefined) return unknownPlacement(command.placementId, ["placementId"])
        const { _tag, ...rest } = command
        return accept({ ...rest, _tag: "WelfareExitRecorded" })
      }
    }
  }

  const decideReferral = (state: CaseState, command: Extract<Command, { _tag: "Refer" }>, context: DecideContext | undefined): Accepted => {
    const notDecided = needsSupportDecision(state, command._tag)
    if (notDecided !== undefined) return notDecided
    if (findReferral(state, command.referralId) !== undefined) return duplicateId("referral", command.referralId, ["referralId"])
    const range = ageRanges[command.destination]
    if (range !== undefined && state.birthDate !== undefined) {
      const age = Period.ageAt(state.birthDate, command.occurredAt)
      if ((range.min !== undefined && age < range.min) || (range.max !== undefined && age > range.max)) {
        return refuse("AgeOutOfRange", ["destination"], `${command.destination} serves ages ${range.min ?? "…"}–${range.max ?? "…"}; the person is ${age}`, `${command.destination} の対象年齢外です（${age}歳）`, {
          destination: command.destination,
          age,
          ...(range.min !== undefined ? { min: range.min } : {}),
          ...(range.max !== undefined ? { max: range.max } : {})
        })
      }
    }
    let consentRecordIds: ReadonlyArray<string> = []
    if (consentRequiredFor.has(command.destination)) {
      const consent = checkConsent(consentFrom(command.destination, command.consent, context), command.destination, ["consent"])
      if (Result.isFailure(consent)) return Result.fail(consent.failure)
      consentRecordIds = consent.success
    }
    const { _tag, consent: _consent, ...rest } = command
    return accept({ ...rest, _tag: "Referred", consentRecordIds })
  }

  const decidePlacement = (state: CaseState, command: Extract<Command, { _tag: "RecordPlacement" }>, context: DecideContext | undefined): Accepted => {
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

  const decideFollowUp = (state: CaseState, command: Extract<Command, { _tag: "RecordFollowUp" }>): Accepted => {
    if (state.phase === "none") return phaseRefusal(command._tag, state.phase, OPEN_PHASES)
    const placement = findPlacement(state, command.placementId)
    if (placement === undefined) return unknownPlacement(command.placementId)
    if (placement.separatedAt !== undefined) return placementEnded(placement)
    if (command.occurredAt < placement.startDate) return beforeStart(command.occurredAt, placement.startDate)
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

  const decide = (state: CaseState, command: Command, context?: DecideContext): Accepted => decideCommand(state, command, context)

  const decideUnknown = (state: CaseState, input: unknown, context?: DecideContext): Accepted => {
    const decoded = decodeCommand(input)
    return Result.isFailure(decoded) ? Result.fail(decoded.failure) : decide(state, decoded.success, context)
  }

  const handle = (state: CaseState, command: Command, context?: DecideContext) =>
    Result.map(decide(state, command, context), (events) => ({ state: replay(events, state), events }))

  return { graph, initial, decide, evolve, replay, decideUnknown, handle }
}

const moveRefusalAt = (refusal: Refusal, field: string): Result.Result<never, Refusal> =>
  Result.fail({ ...refusal, path: refusal.path.map((p) => (p === "stage" ? field : p)) } as Refusal)

const planMismatch = (planId: string, current: string | undefined) =>
  refuse("PlanMismatch", ["planId"], `plan "${planId}" is not the current plan "${current ?? "(none)"}"`, `プラン「${planId}」は現在のプランではありません`, {
    planId,
    currentPlanId: current ?? ""
  })

const unknownReferral = (referralId: string) =>
  refuse("UnknownReferral", ["referralId"], `no referral "${referralId}" in this case`, `つなぎ「${referralId}」は記録されていません`, { referralId })

const unknownPlacement = (placementId: string, path: Path = ["placementId"]) =>
  refuse("UnknownPlacement", path, `no placement "${placementId}" in this case`, `就職「${placementId}」は記録されていません`, { placementId })

const placementEnded = (p: Placement) =>
  refuse("PlacementEnded", ["placementId"], `placement "${p.placementId}" ended on ${p.separatedAt}`, `就職「${p.placementId}」は ${p.separatedAt} に離職済みです`, {
    placementId: p.placementId,
    separatedAt: p.separatedAt ?? ""
  })

const beforeStart = (date: string, startDate: string) =>
  refuse("DateBeforePlacementStart", ["occurredAt"], `${date} is before the placement started on ${startDate}`, `${date} は就職日 ${startDate} より前です`, { date, startDate })

const duplicateId = (kind: "referral" | "placement", id: string, path: Path) =>
  refuse("DuplicateId", path, `${kind} id "${id}" is already used in this case`, `ID「${id}」は既に使われています`, { kind, id })

const invalidCommand = (issues: ReadonlyArray<CaseDecodeIssue>) =>
  refuse("InvalidCommand", issues[0]?.path ?? [], `invalid command: ${issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join("; ")}`, "コマンドの形式が正しくありません", {
    issues
  })

// ---------------------------------------------------------------------------------------------
// Evolve
// ---------------------------------------------------------------------------------------------

const closedAt = (i: StageInterval, until: Period.LocalDate): StageInterval => ({
  stage: i.stage,
  autonomyStage: i.autonomyStage,
  from: i.from,
  until,
  kind: i.kind,
  reason: i.reason,
  episode: i.episode
})

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

/**
 * Which of the draft's arrays were created by the current fold and so may be written in place.
 * `evolve` owns none (every change copies); `replay` copies each array once, the first time it
 * changes, and appends in place afterwards — the arrays of the state it started from, and of every
 * state handed out before, are never touched.
 */
interface Owned {
  history: boolean
  referrals: boolean
  placements: boolean
}

const ownedNothing = (): Owned => ({ history: false, referrals: false, placements: false })

const writableHistory = (next: Draft, owned: Owned): Array<StageInterval> => {
  if (!owned.history) {
    next.stageHistory = next.stageHistory.slice()
    owned.history = true
  }
  return next.stageHistory as Array<StageInterval>
}

const writableReferrals = (next: Draft, owned: Owned): Array<Referral> => {
  if (!owned.referrals) {
    next.referrals = next.referrals.slice()
    owned.referrals = true
  }
  return next.referrals as Array<Referral>
}

const writablePlacements = (next: Draft, owned: Owned): Array<Placement> => {
  if (!owned.placements) {
    next.placements = next.placements.slice()
    owned.placements = true
  }
  return next.placements as Array<Placement>
}

/** Closes the open stay (if any) at `until`, in a history the fold owns. */
const closeOpenStay = (history: Array<StageInterval>, until: Period.LocalDate): void => {
  const last = history[history.length - 1]
  if (last !== undefined && last.until === undefined) history[history.length - 1] = closedAt(last, until)
}

const replacePlacement = (placements: Array<Placement>, id: string, f: (p: Placement) => Placement): void => {
  for (let i = 0; i < placements.length; i++) if (placements[i]!.placementId === id) placements[i] = f(placements[i]!)
}

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
 * Writes one event into a draft that nobody else sees: the single implementation behind both
 * {@link evolve} (copy, then apply) and {@link replay} (one copy, then apply every event). Arrays
 * are written in place only when `owned` says the fold created them (see {@link Owned}).
 */
const applyTo = (next: Draft, event: Event, owned: Owned): void => {
  next.version = next.version + 1
  next.lastEventAt = event.occurredAt
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
    case "CaseClosed":
      next.phase = "closed"
      next.closedAt = event.occurredAt
      next.closeReason = event.reason
      next.stage = undefined
      closeOpenStay(writableHistory(next, owned), event.occurredAt)
      return
    case "EmergencySupportProvided":
      next.emergencySupports = next.emergencySupports + 1
      return
    case "PreConsultationHeld":
      next.preConsultations = next.preConsultations + 1
      return
    case "StageMoved": {
      next.stage = event.to
      const history = writableHistory(next, owned)
      closeOpenStay(history, event.occurredAt)
      history.push({
        stage: event.to,
        autonomyStage: event.autonomyStage,
        from: event.occurredAt,
        until: undefined,
        kind: event.kind,
        reason: event.reason,
        episode: next.episode
      })
      return
    }
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
    case "ReferralOutcomeRecorded":
    {
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
    case "PlacementRecorded": {
      const placement: Placement = {
        placementId: event.placementId,
        employer: event.employer,
        startDate: event.startDate,
        hoursPerWeek: event.hoursPerWeek,
        disclosure: event.disclosure,
        referralId: event.referralId,
        followUps: [],
        separatedAt: undefined,
        separationReason: undefined
      }
      writablePlacements(next, owned).push(placement)
      return
    }
    case "FollowUpRecorded":
      replacePlacement(writablePlacements(next, owned), event.placementId, (p) =>
        placementWith(p, [...p.followUps, { milestone: event.milestone, on: event.occurredAt, stillEmployed: event.stillEmployed, contact: event.contact }], p.separatedAt, p.separationReason)
      )
      return
    case "SeparationRecorded":
      replacePlacement(writablePlacements(next, owned), event.placementId, (p) => placementWith(p, p.followUps, event.occurredAt, event.reason))
      return
    case "WelfareExitRecorded":
      next.publicAssistance = false
      next.welfareExitAt = event.occurredAt
      return
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
// Counting: case events → metric events (実績の集計)
// ---------------------------------------------------------------------------------------------

/**
 * One row of the counting table (集計対応表): which case event emits which metric event kind
 * (`undefined`: none), when, and why (with its source).
 * @category counting
 * @since 0.1.0
 * @example
 * ```ts
 * const rule: Case.MetricRule | undefined = Case.metricRules.find((r) => r.event === "CaseOpened") // emits "intake"
 * ```
 */
export interface MetricRule {
  readonly id: string
  readonly event: Event["_tag"]
  readonly emits: Metric.MetricEventKind | undefined
  readonly when: string
  readonly why: string
}

/**
 * The counting table (集計対応表) that {@link toMetricEvents} implements, one or more rows per
 * event tag (every tag has at least one; the docs guide quotes it and a test checks both agree).
 * An emitted event is dated on the case event's `occurredAt`, belongs to the context's site and
 * person, and carries the target groups the context gives for that date.
 *
 * The Case has no event for an earnings increase (増収): feed `earnings_increase` from the source
 * that knows earnings (a payroll or benefit-system adapter) and `Metric.combine` the two tallies.
 * @category counting
 * @since 0.1.0
 * @example
 * ```ts
 * Case.metricRules.filter((r) => r.emits === "placement").map((r) => r.id)
 * ```
 */
export const metricRules: ReadonlyArray<MetricRule> = [
  {
    id: "intake",
    event: "CaseOpened",
    emits: "intake",
    when: "always (one per case)",
    why: "相談受付・申込 opens the consultation flow (docs/glossary.md); the survey's 新規相談受付件数 counts it (§4.3)."
  },
  {
    id: "intake_on_reopening",
    event: "CaseReopened",
    emits: "intake",
    when: "always (one per new episode)",
    why: "再開 starts a new support episode at 相談受付 (re-support after leaving a job, §2.5): 件 counts each episode, 実人数 the person once."
  },
  {
    id: "plan_made",
    event: "SupportDecided",
    emits: "plan_made",
    when: "the first support decision of the episode (a revised plan in the same episode is not a new plan)",
    why: "A plan is made once the coordination meeting (支援調整会議) has found it appropriate and the municipality has decided the support (支援決定, §2.1); a draft can still be sent back. The survey counts plans made for continuing support out of the new consultations (§4.3, P45/P46), so one per episode."
  },
  {
    id: "employment_support_decided",
    event: "SupportDecided",
    emits: "employment_support_started",
    when: "the decided services name employment support (`employmentServices`) and it has not started in this episode",
    why: "就労支援対象者 are the people whose plan includes employment support (§4.3, P45: counted among plan makers); the decision fixes the plan's services (§2.1)."
  },
  {
    id: "employment_support_referred",
    event: "Referred",
    emits: "employment_support_started",
    when: "the destination is a path to work (`employmentDestinations`) and employment support has not started in this episode",
    why: "A referral to Hello Work or a work programme (§2.3) is employment support even when the decision's service list was terse; once per episode, not per referral, dated on the first."
  },
  {
    id: "hello_work_consultation",
    event: "Referred",
    emits: "consultation",
    when: "the destination is `hello_work` (desk or visiting session)",
    why: "The hand-over at the Hello Work desk is a job-counselling contact (職業相談, §2.2); the contacts that follow are in Hello Work's own desk log, not in the case."
  },
  {
    id: "pre_consultation",
    event: "PreConsultationHeld",
    emits: "consultation",
    when: "always",
    why: "プレ相談 is a consultation with a Hello Work navigator (Koga, §2.2)."
  },
  {
    id: "placement",
    event: "PlacementRecorded",
    emits: "placement",
    when: "always; `employerRef` only when the placement is disclosed to the employer (開示)",
    why: "就職 (§4.3, the numerator of the placement rate). An employer not told about the support (非開示, §3) is not named: counting it would tie the person to it."
  },
  {
    id: "welfare_exit",
    event: "WelfareExitRecorded",
    emits: "welfare_exit",
    when: "always",
    why: "保護脱却 is counted apart from placement (§2.5: Gifu FY2012 303 placed, 112 left welfare)."
  },
  { id: "assessment", event: "Assessed", emits: undefined, when: "never", why: "A step of the same consultation, not a new one." },
  { id: "plan_draft", event: "PlanDrafted", emits: undefined, when: "never", why: "A draft is not yet a plan: the coordination meeting may send it back (§2.1)." },
  { id: "coordination_meeting", event: "CoordinationMeetingHeld", emits: undefined, when: "never", why: "Approval alone decides nothing; the plan counts at the support decision." },
  { id: "delivery", event: "DeliveryStarted", emits: undefined, when: "never", why: "A process step; no survey item counts it." },
  { id: "monitoring", event: "Monitored", emits: undefined, when: "never", why: "A process step; no survey item counts it." },
  { id: "evaluation", event: "Evaluated", emits: undefined, when: "never", why: "A process step; no survey item counts it." },
  { id: "closure", event: "CaseClosed", emits: undefined, when: "never", why: "終結 is not an outcome (it may be a hand-over, a move, lost contact)." },
  { id: "emergency_support", event: "EmergencySupportProvided", emits: undefined, when: "never", why: "緊急支援 (food, housing, loans) is not job counselling." },
  { id: "stage_move", event: "StageMoved", emits: undefined, when: "never", why: "A judgement about the person, not a contact or an outcome (see `totalDaysIn`, `stagnation`)." },
  {
    id: "referral_outcome",
    event: "ReferralOutcomeRecorded",
    emits: undefined,
    when: "never",
    why: "The status of a referral already counted, not a new contact; a job counts at PlacementRecorded, so an outcome `placed` would count it twice."
  },
  {
    id: "follow_up",
    event: "FollowUpRecorded",
    emits: undefined,
    when: "never",
    why: "定着支援 is retention support, neither job counselling nor employer information gathering (事業主への情報収集)."
  },
  { id: "separation", event: "SeparationRecorded", emits: undefined, when: "never", why: "Leaving the job does not undo the placement: the survey counts placements, not jobs held." }
]

/**
 * Services of a support decision that mean employment support (就労支援), by default: the
 * consultation service's own employment support, Hello Work, intermediate work and every work
 * destination of docs/glossary.md Decisions name services as free text; pass your own list when
 * your codes differ.
 * @category counting
 * @since 0.1.0
 * @example
 * ```ts
 * Case.defaultEmploymentServices.includes("hello_work") // true
 * ```
 */
export const defaultEmploymentServices: ReadonlyArray<string> = [
  "employment_support",
  "hello_work",
  "hello_work_referral",
  "intermediate_work",
  "employment_readiness",
  "certified_work_training",
  "workplace_experience",
  "youth_support_station",
  "private_placement",
  "transition_support",
  "continuous_support_a",
  "continuous_support_b",
  "silver_center",
  "disability_work_life_center"
]

/**
 * Referral destinations that are a path to work, by default every destination of docs/glossary.md
 * except household budget support (家計改善支援).
 * @category counting
 * @since 0.1.0
 * @example
 * ```ts
 * Case.defaultEmploymentDestinations.includes("household_budget_support") // false
 * ```
 */
export const defaultEmploymentDestinations: ReadonlyArray<Destination> = Destination.literals.filter((d) => d !== "household_budget_support")

/**
 * Where and whom a case's events are counted for (集計の文脈): the `site` (拠点), the person
 * (`personRef`, default the case's `subjectId`; pass a pseudonym when the subject id is personal
 * data), the person's target groups (対象者区分, Metric's ids) fixed or as of a date, and which
 * decided services and referral destinations mean employment support.
 * @category counting
 * @since 0.1.0
 * @example
 * ```ts
 * const context: Case.MetricContext = { site: "kushiro", personRef: "person-17", targetGroups: ["welfare_recipient"] }
 * ```
 */
export interface MetricContext {
  readonly site: string
  readonly personRef?: string
  readonly targetGroups: ReadonlyArray<string> | ((date: Period.LocalDate) => ReadonlyArray<string>)
  readonly employmentServices?: ReadonlyArray<string>
  readonly employmentDestinations?: ReadonlyArray<Destination>
}

/**
 * Why events could not be counted (集計変換エラー), naming the offending field: an empty `site` or
 * `personRef`, a target group that is not a Metric id (`targetGroups.i`, also when the function
 * returned it), or an event before the case was opened with no `personRef` (`events.i`). With
 * {@link toMetricEventsMany} the path starts with the stream's index.
 * @category counting
 * @since 0.1.0
 * @example
 * ```ts
 * const r = Case.toMetricEvents([], { site: "", targetGroups: [] })
 * if (r._tag === "Failure") { const e: Case.MetricMappingError = r.failure; console.log(e.path, e.message) }
 * ```
 */
export const MetricMappingError = Schema.TaggedStruct("MetricMappingError", {
  path: Schema.Array(Schema.Union([Schema.String, Schema.Number])),
  message: Schema.String,
  messageJa: Schema.String
})
/** @category counting */
export type MetricMappingError = typeof MetricMappingError.Type

/**
 * A metric event with where it came from: the index of the case event and the rule's id. @category counting @since 0.1.0
 * @example
 * ```ts
 * declare const events: ReadonlyArray<Case.Event>
 * const r = Case.explainMetricEvents(events, { site: "kushiro", targetGroups: ["welfare_recipient"] })
 * if (r._tag === "Success") { const first: Case.TracedMetricEvent | undefined = r.success[0]; console.log(first?.rule, first?.event.kind) }
 * ```
 */
export interface TracedMetricEvent {
  readonly source: number
  readonly rule: string
  readonly event: Metric.MetricEvent
}

/**
 * One case's events and the context to count them in. @category counting @since 0.1.0
 * @example
 * ```ts
 * declare const events: ReadonlyArray<Case.Event>
 * const stream: Case.CaseStream = { events, context: { site: "kushiro", targetGroups: ["welfare_recipient"] } }
 * ```
 */
export interface CaseStream {
  readonly events: Iterable<Event>
  readonly context: MetricContext
}

const mappingError = (path: Path, message: string, messageJa: string): MetricMappingError => ({ _tag: "MetricMappingError", path, message, messageJa })

const isTargetGroupId = Schema.is(Metric.TargetGroupId)

const checkGroups = (groups: ReadonlyArray<string>, date: Period.LocalDate | undefined): Result.Result<ReadonlyArray<string>, MetricMappingError> => {
  if (!Array.isArray(groups)) {
    return Result.fail(mappingError(["targetGroups"], `expected an array of target-group ids${date === undefined ? "" : ` for ${date}`}`, "対象者区分は配列で指定してください"))
  }
  const bad = groups.findIndex((g) => !isTargetGroupId(g))
  if (bad < 0) return Result.succeed(groups.slice())
  const as = date === undefined ? "" : ` (as of ${date})`
  return Result.fail(
    mappingError(["targetGroups", bad], `target group ${JSON.stringify(groups[bad])}${as} is not a target-group id (snake_case, e.g. welfare_recipient)`, `対象者区分「${String(groups[bad])}」は不正です`)
  )
}

const isNonEmptyString = (u: unknown): u is string => typeof u === "string" && u.length > 0

/** Checks the context once; a function of the date is checked each time it answers. */
const checkContext = (context: MetricContext): Result.Result<(date: Period.LocalDate) => Result.Result<ReadonlyArray<string>, MetricMappingError>, MetricMappingError> => {
  if (!isNonEmptyString(context.site)) return Result.fail(mappingError(["site"], "site must be a non-empty string", "拠点（site）を指定してください"))
  if (context.personRef !== undefined && !isNonEmptyString(context.personRef)) {
    return Result.fail(mappingError(["personRef"], "personRef must be a non-empty string when given", "本人参照（personRef）が空です"))
  }
  const groups = context.targetGroups
  if (typeof groups === "function") {
    const memo = new Map<string, Result.Result<ReadonlyArray<string>, MetricMappingError>>()
    return Result.succeed((date) => {
      let r = memo.get(date)
      if (r === undefined) {
        r = checkGroups(groups(date), date)
        memo.set(date, r)
      }
      return r
    })
  }
  const fixed = checkGroups(groups, undefined)
  return Result.isFailure(fixed) ? Result.fail(fixed.failure) : Result.succeed(() => fixed)
}

/**
 * Counts one case: each event mapped by {@link metricRules} to zero or more metric events, each
 * traced to the case event (`source`, its index) and the rule that emitted it. Pure; events are
 * trusted as in {@link replay} (decode stored rows with {@link decodeEvent} first). The stream is
 * read from its `CaseOpened` (which resets the once-per-episode rules); a stream that starts later
 * (after a snapshot) needs `context.personRef`, and then counts plans and employment support from
 * the first decision it sees.
 * @category counting
 * @since 0.1.0
 * @example
 * ```ts
 * declare const events: ReadonlyArray<Case.Event>
 * const r = Case.explainMetricEvents(events, { site: "kushiro", targetGroups: ["welfare_recipient"] })
 * if (r._tag === "Success") console.log(r.success.map((t) => `${t.source} ${t.rule} → ${t.event.kind}`))
 * ```
 */
export const explainMetricEvents = (events: Iterable<Event>, context: MetricContext): Result.Result<ReadonlyArray<TracedMetricEvent>, MetricMappingError> => {
  const checked = checkContext(context)
  if (Result.isFailure(checked)) return Result.fail(checked.failure)
  const groupsOn = checked.success
  const services = new Set(context.employmentServices ?? defaultEmploymentServices)
  const destinations = new Set<string>(context.employmentDestinations ?? defaultEmploymentDestinations)
  const out: Array<TracedMetricEvent> = []
  let person = context.personRef
  let planMade = false
  let employmentStarted = false
  const disclosedEmployer = (e: Extract<Event, { _tag: "PlacementRecorded" }>) => (e.disclosure === "disclosed" ? { employerRef: e.employer } : {})
  let source = 0
  for (const event of events) {
    if (event._tag === "CaseOpened") person = context.personRef ?? event.subjectId
    if (event._tag === "CaseOpened" || event._tag === "CaseReopened") {
      planMade = false
      employmentStarted = false
    }
    const emits: Array<{ readonly rule: string; readonly kind: Metric.MetricEventKind; readonly employerRef?: string }> = []
    switch (event._tag) {
      case "CaseOpened":
        emits.push({ rule: "intake", kind: "intake" })
        break
      case "CaseReopened":
        emits.push({ rule: "intake_on_reopening", kind: "intake" })
        break
      case "SupportDecided":
        if (!planMade) {
          planMade = true
          emits.push({ rule: "plan_made", kind: "plan_made" })
        }
        if (!employmentStarted && event.services.some((s) => services.has(s))) {
          employmentStarted = true
          emits.push({ rule: "employment_support_decided", kind: "employment_support_started" })
        }
        break
      case "Referred":
        if (!employmentStarted && destinations.has(event.destination)) {
          employmentStarted = true
          emits.push({ rule: "employment_support_referred", kind: "employment_support_started" })
        }
        if (event.destination === "hello_work") emits.push({ rule: "hello_work_consultation", kind: "consultation" })
        break
      case "PreConsultationHeld":
        emits.push({ rule: "pre_consultation", kind: "consultation" })
        break
      case "PlacementRecorded":
        emits.push({ rule: "placement", kind: "placement", ...disclosedEmployer(event) })
        break
      case "WelfareExitRecorded":
        emits.push({ rule: "welfare_exit", kind: "welfare_exit" })
        break
      default:
        break
    }
    if (emits.length > 0) {
      if (person === undefined) {
        return Result.fail(
          mappingError(["events", source], `event ${source} (${event._tag}) comes before the case was opened and the context gives no personRef`, `相談受付より前の記録です。personRef を指定してください（${source}件目）`)
        )
      }
      const groups = groupsOn(event.occurredAt)
      if (Result.isFailure(groups)) return Result.fail(groups.failure)
      for (const e of emits) {
        const base = { kind: e.kind, personRef: person, date: event.occurredAt, site: context.site, targetGroups: groups.success }
        out.push({ source, rule: e.rule, event: e.employerRef === undefined ? base : { ...base, employerRef: e.employerRef } })
      }
    }
    source++
  }
  return Result.succeed(out)
}

/**
 * The metric events of one case (集計用事象), by the table {@link metricRules}: e.g. `CaseOpened`
 * → `intake`, the first `SupportDecided` of an episode → `plan_made` (and
 * `employment_support_started` when it names employment support), a Hello Work referral →
 * `consultation`, `PlacementRecorded` → `placement` (with the employer only when disclosed),
 * `WelfareExitRecorded` → `welfare_exit`. Each is dated on its case event's `occurredAt`. Feed
 * them to `Metric.foldMap`; see {@link explainMetricEvents} for which rule emitted what.
 * @category counting
 * @since 0.1.0
 * @example
 * ```ts
 * declare const events: ReadonlyArray<Case.Event>
 * const r = Case.toMetricEvents(events, { site: "kushiro", personRef: "person-17", targetGroups: ["welfare_recipient"] })
 * if (r._tag === "Success") console.log(Metric.foldMap(r.success))
 * ```
 */
export const toMetricEvents = (events: Iterable<Event>, context: MetricContext): Result.Result<ReadonlyArray<Metric.MetricEvent>, MetricMappingError> =>
  Result.map(explainMetricEvents(events, context), (traced) => traced.map((t) => t.event))

const inStream = (index: number) => (e: MetricMappingError): MetricMappingError => ({ ...e, path: [index, ...e.path], message: `stream ${index}: ${e.message}` })

/**
 * The metric events of many cases, stream after stream (each with its own context); an error
 * names the stream's index first.
 * @category counting
 * @since 0.1.0
 * @example
 * ```ts
 * declare const a: ReadonlyArray<Case.Event>, b: ReadonlyArray<Case.Event>
 * Case.toMetricEventsMany([{ events: a, context: { site: "kushiro", targetGroups: [] } }, { events: b, context: { site: "kushiro", targetGroups: [] } }])
 * ```
 */
export const toMetricEventsMany = (streams: Iterable<CaseStream>): Result.Result<ReadonlyArray<Metric.MetricEvent>, MetricMappingError> => {
  const out: Array<Metric.MetricEvent> = []
  let i = 0
  for (const stream of streams) {
    const r = toMetricEvents(stream.events, stream.context)
    if (Result.isFailure(r)) return Result.fail(inStream(i)(r.failure))
    for (const e of r.success) out.push(e)
    i++
  }
  return Result.succeed(out)
}

/**
 * The tally (集計表) of many cases: `Metric.combine` of each case's `Metric.foldMap`, so a site
 * can tally cases one by one (or in parallel) and merge; equal to folding
 * {@link toMetricEventsMany}'s output at once.
 * @category counting
 * @since 0.1.0
 * @example
 * ```ts
 * declare const streams: ReadonlyArray<Case.CaseStream>
 * const r = Case.toMetricTally(streams)
 * if (r._tag === "Success") console.log(Metric.evaluate(r.success, { metric: "placements" }))
 * ```
 */
export const toMetricTally = (streams: Iterable<CaseStream>): Result.Result<Metric.Tally, MetricMappingError> => {
  let tally = Metric.empty
  let i = 0
  for (const stream of streams) {
    const r = toMetricEvents(stream.events, stream.context)
    if (Result.isFailure(r)) return Result.fail(inStream(i)(r.failure))
    tally = Metric.combine(tally, Metric.foldMap(r.success))
    i++
  }
  return Result.succeed(tally)
}
