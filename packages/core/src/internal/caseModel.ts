// The case's vocabulary, commands, events and state as Schemas (re-exported by Case.ts, which
// documents them): the shared language of the command families in internal/case*.ts.
import { Schema } from "effect"
import * as Period from "../Period.ts"
import * as Stage from "../Stage.ts"

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

/**
 * Kind of organisation acting (組織種別): `municipality` (自治体・福祉事務所), `hello_work`
 * (ハローワーク), `contractor` (受託事業者), `consultation_agency` (自立相談支援機関).
 * @category actors
 * @since 0.1.0
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
 */
export const Role = Schema.Literals(["caseworker", "employment_support_worker", "hw_navigator", "contractor", "supervisor"])
/** @category actors */
export type Role = typeof Role.Type

/**
 * Who did it (実施者): organisation kind, role, and optionally a name and the local job title
 * (e.g. 就労支援相談員), kept as free text beside the mapped role (docs/glossary.md).
 * @category actors
 * @since 0.1.0
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
 */
export const ReferralOutcome = Schema.Literals(["accepted", "placed", "completed", "not_placed", "declined", "dropped_out", "not_eligible"])
/** @category referrals */
export type ReferralOutcome = typeof ReferralOutcome.Type

/** Status of a referral: `open`, or the last recorded outcome. @category referrals @since 0.1.0 */
export const ReferralStatus = Schema.Literals(["open", "accepted", "placed", "completed", "not_placed", "declined", "dropped_out", "not_eligible"])
/** @category referrals */
export type ReferralStatus = typeof ReferralStatus.Type

/**
 * Whether the employer knows the person is being supported (開示/非開示). Where not disclosed,
 * follow-up with the employer only happens under a neutral pretext (S1 Koga).
 * @category placements
 * @since 0.1.0
 */
export const Disclosure = Schema.Literals(["disclosed", "not_disclosed"])
/** @category placements */
export type Disclosure = typeof Disclosure.Type

/** Follow-up milestones after placement start, in months (定着支援: 1・3・6・12か月, S1 Koga). @category placements @since 0.1.0 */
export const FollowUpMilestone = Schema.Literals([1, 3, 6, 12])
/** @category placements */
export type FollowUpMilestone = typeof FollowUpMilestone.Type

/** The milestones in order. @category placements @since 0.1.0 */
export const followUpMilestones: ReadonlyArray<FollowUpMilestone> = [1, 3, 6, 12]

/**
 * Who was contacted at a follow-up: the `person`, the `employer` openly, or the employer under a
 * neutral pretext (`employer_neutral_pretext`, e.g. "checking your vacancies").
 * @category placements
 * @since 0.1.0
 */
export const FollowUpContact = Schema.Literals(["person", "employer", "employer_neutral_pretext"])
/** @category placements */
export type FollowUpContact = typeof FollowUpContact.Type

/** Why a job ended (離職理由). @category placements @since 0.1.0 */
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
 */
export const CloseReason = Schema.Literals(["evaluated", "handed_over", "moved_away", "withdrew", "no_contact", "died", "other"])
/** @category lifecycle */
export type CloseReason = typeof CloseReason.Type

/** Kinds of emergency support (緊急支援): food, housing, cash loan, medical, other. @category lifecycle @since 0.1.0 */
export const EmergencyKind = Schema.Literals(["food", "housing", "cash_loan", "medical", "other"])
/** @category lifecycle */
export type EmergencyKind = typeof EmergencyKind.Type

/** Why public assistance ended (保護廃止理由). @category welfare @since 0.1.0 */
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
 */
export const Phase = Schema.Literals(["none", "intake", "assessed", "planned", "coordinated", "decided", "delivery", "monitoring", "evaluated", "closed"])
/** @category lifecycle */
export type Phase = typeof Phase.Type

/** Work-training mode proposed by the assessment (雇用型 paid / 非雇用型 unpaid, P32). @category lifecycle @since 0.1.0 */
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
export const Id = Schema.NonEmptyString

/**
 * A stage move carried by another command (a return from a referral, re-support after leaving a
 * job): the target stage, the reason code, and evidence references.
 * @category commands
 * @since 0.1.0
 */
export const StageReturn = Schema.Struct({
  stage: Schema.String,
  reason: Schema.String,
  evidence: Schema.optionalKey(Schema.Array(Schema.String))
})
/** @category commands */
export type StageReturn = typeof StageReturn.Type

/**
 * Everything one can ask of a case. Decode untrusted input with `Case.decodeCommand` (or call
 * `Decider.decideUnknown`).
 * @category commands
 * @since 0.1.0
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

/** A referral as the case knows it. @category state @since 0.1.0 */
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

/** A recorded follow-up. @category state @since 0.1.0 */
export const FollowUp = Schema.Struct({ milestone: FollowUpMilestone, on: Period.LocalDate, stillEmployed: Schema.Boolean, contact: FollowUpContact })
/** @category state */
export type FollowUp = typeof FollowUp.Type

/** A placement as the case knows it. @category state @since 0.1.0 */
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

/** A state under construction by a fold (every key present, writable). */
export type Draft = { -readonly [K in keyof CaseState]-?: CaseState[K] }

/** A fresh copy with every key present, in one fixed order (one hidden class for all states). */
export const draftOf = (s: CaseState): Draft => ({
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

/** The state before any event (no case yet). @category state @since 0.1.0 */
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

