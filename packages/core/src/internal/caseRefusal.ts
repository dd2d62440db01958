// Why a command is refused (却下理由): the Refusal Schema (re-exported by Case.ts) and the builders
// the command families share, each naming the offending field and explaining itself in English
// and Japanese.
import { Result, Schema } from "effect"
import { formatPath } from "./decode.ts"
import type { CaseDecodeIssue } from "./caseDecode.ts"
import { Destination, FollowUpMilestone, OrganisationKind, Phase, ReferralStatus, Role, type Placement } from "./caseModel.ts"

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
/** A field path inside a command. */
export type Path = ReadonlyArray<string | number>

/** Builds a refusal of one tag, its fields checked against the tag's Schema. */
export const refuse = <T extends RefusalTag>(
  tag: T,
  path: Path,
  message: string,
  messageJa: string,
  fields: Omit<RefusalOf<T>, "_tag" | "path" | "message" | "messageJa">
): Result.Result<never, Refusal> =>
  Result.fail({ _tag: tag, path, message, messageJa, ...fields } as unknown as Refusal)

/** The phases in which a case is open (after intake, before closure). */
export const OPEN_PHASES: ReadonlyArray<Phase> = ["intake", "assessed", "planned", "coordinated", "decided", "delivery", "monitoring", "evaluated"]

export const phaseRefusal = (command: string, phase: Phase, allowed: ReadonlyArray<Phase>): Result.Result<never, Refusal> =>
  refuse("WrongPhase", ["_tag"], `${command} is not allowed in phase "${phase}" (allowed: ${allowed.join(", ")})`, `${command} は「${phase}」の段階では行えません`, {
    command,
    phase,
    allowed
  })

/** A refusal about the `stage` field of a move, re-pointed at the command's field carrying it. */
export const moveRefusalAt = (refusal: Refusal, field: string): Result.Result<never, Refusal> =>
  Result.fail({ ...refusal, path: refusal.path.map((p) => (p === "stage" ? field : p)) } as Refusal)

export const planMismatch = (planId: string, current: string | undefined) =>
  refuse("PlanMismatch", ["planId"], `plan "${planId}" is not the current plan "${current ?? "(none)"}"`, `プラン「${planId}」は現在のプランではありません`, {
    planId,
    currentPlanId: current ?? ""
  })

export const unknownReferral = (referralId: string) =>
  refuse("UnknownReferral", ["referralId"], `no referral "${referralId}" in this case`, `つなぎ「${referralId}」は記録されていません`, { referralId })

export const unknownPlacement = (placementId: string, path: Path = ["placementId"]) =>
  refuse("UnknownPlacement", path, `no placement "${placementId}" in this case`, `就職「${placementId}」は記録されていません`, { placementId })

export const placementEnded = (p: Placement) =>
  refuse("PlacementEnded", ["placementId"], `placement "${p.placementId}" ended on ${p.separatedAt}`, `就職「${p.placementId}」は ${p.separatedAt} に離職済みです`, {
    placementId: p.placementId,
    separatedAt: p.separatedAt ?? ""
  })

export const beforeStart = (date: string, startDate: string) =>
  refuse("DateBeforePlacementStart", ["occurredAt"], `${date} is before the placement started on ${startDate}`, `${date} は就職日 ${startDate} より前です`, { date, startDate })

export const duplicateId = (kind: "referral" | "placement", id: string, path: Path) =>
  refuse("DuplicateId", path, `${kind} id "${id}" is already used in this case`, `ID「${id}」は既に使われています`, { kind, id })

export const invalidCommand = (issues: ReadonlyArray<CaseDecodeIssue>) =>
  refuse("InvalidCommand", issues[0]?.path ?? [], `invalid command: ${issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join("; ")}`, "コマンドの形式が正しくありません", {
    issues
  })
