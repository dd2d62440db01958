/**
 * Programme (事業) — a named bundle of everything one support programme needs: its dated rule set
 * (判定ルール), its name history (名称の変遷), its stage graph (支援段階), the referral destinations
 * it uses (つなぎ先), its consent purposes with their 同意書 templates, its target plans (事業計画),
 * national benchmarks (目安値) and citations.
 *
 * A programme is data: a Schema-described value built from the other modules' schemas, so a
 * programme document can be decoded at the boundary, hashed, checked as a whole and evaluated with
 * the modules' own functions. `@jiritsu/catalog` ships the programmes of the source documents as
 * values of this type; a team defines its own the same way.
 *
 * @since 0.1.0
 * @module
 */
import { Result, Schema } from "effect"
import * as Case from "./Case.ts"
import * as Consent from "./Consent.ts"
import { Labels } from "./Fact.ts"
import { contentHash } from "./internal/hash.ts"
import { formatPath } from "./internal/decode.ts"
import { strictDecoder } from "./internal/ruleDecode.ts"
import * as Period from "./Period.ts"
import * as Rule from "./Rule.ts"
import * as RuleSet from "./RuleSet.ts"
import * as Stage from "./Stage.ts"
import * as Target from "./Target.ts"

/**
 * A programme's name while one of its versions applied, e.g. 住宅手当 → 住宅支援給付 → 住居確保給付金. @category model @since 0.1.0
 * @example
 * ```ts
 * const name: Programme.DatedName = { version: "2015", from: Period.unsafeDate("2015-04-01"), name: { ja: "住居確保給付金", en: "housing security benefit" } }
 * ```
 */
export const DatedName = Schema.Struct({
  version: Schema.String,
  from: Period.LocalDate,
  until: Schema.optionalKey(Period.LocalDate),
  name: Labels
})
/** @category model */
export type DatedName = typeof DatedName.Type

/**
 * A consent purpose with its 同意書 template: what the person agrees to, for whom, which data, and
 * the text shown. {@link draftRecord} turns it into a `Consent.ConsentRecord`.
 * @category consent
 * @since 0.1.0
 * @example
 * ```ts
 * declare const programme: Programme.Programme
 * const templates: ReadonlyArray<Programme.ConsentTemplate> = programme.consent
 * ```
 */
export const ConsentTemplate = Schema.Struct({
  id: Schema.NonEmptyString,
  purpose: Consent.Purpose,
  labels: Labels,
  recipients: Schema.Array(Consent.Recipient),
  dataCategories: Schema.Array(Consent.DataCategory),
  actions: Schema.Array(Consent.Action),
  /** The 同意書 text in Japanese (shown to the person) and English (for reference). */
  notice: Labels,
  citation: Rule.Citation
})
/** @category consent */
export type ConsentTemplate = typeof ConsentTemplate.Type

/**
 * A programme (事業): national, or a municipal variant overlaying a national `base`.
 * @category model
 * @since 0.1.0
 * @example
 * ```ts
 * declare const input: unknown
 * const r = Programme.decode(input)
 * if (r._tag === "Success") { const p: Programme.Programme = r.success; console.log(p.id, p.ruleSet.versions.length) }
 * ```
 */
export const Programme = Schema.Struct({
  id: Schema.NonEmptyString,
  labels: Labels,
  kind: Schema.Literals(["national", "municipal"]),
  municipality: Schema.optionalKey(Labels),
  site: Schema.optionalKey(Labels),
  /** The national programme a municipal variant overlays. */
  base: Schema.optionalKey(Schema.String),
  names: Schema.Array(DatedName),
  ruleSet: RuleSet.RuleSet,
  stageGraph: Stage.StageGraph,
  referrals: Schema.Array(Case.Destination),
  consent: Schema.Array(ConsentTemplate),
  targetPlans: Schema.Array(Target.Plan),
  /** National benchmarks (目安値) per 100k population per month, where the state sets them. */
  benchmarks: Schema.optionalKey(Schema.Array(Target.Benchmark)),
  citations: Schema.Array(Rule.Citation)
})
/** @category model */
export type Programme = typeof Programme.Type

/**
 * A programme document that does not decode: every problem with its path. @category errors @since 0.1.0
 * @example
 * ```ts
 * const r = Programme.decode({ id: "demo" })
 * if (r._tag === "Failure") { const e: Programme.ProgrammeDecodeError = r.failure; console.log(e.issues.map((i) => i.path.join("."))) }
 * ```
 */
export const ProgrammeDecodeError = Schema.TaggedStruct("ProgrammeDecodeError", {
  issues: Schema.Array(Schema.Struct({ path: Schema.Array(Schema.Union([Schema.String, Schema.Number])), message: Schema.String })),
  message: Schema.String
})
/** @category errors */
export type ProgrammeDecodeError = typeof ProgrammeDecodeError.Type

// Unknown keys are errors (with the closest allowed key), and rules inside get the rule wording.
const decodeProgramme = strictDecoder(Programme)

/**
 * Decodes a programme document (JSON), reporting every problem with its path: an unknown key at any
 * depth names the closest allowed key (`ruleSet.versions.0.rule.children.1: unknown key "mni" (did
 * you mean "min"?)`), an enumeration lists its values. @category decoding @since 0.1.0
 * @example
 * ```ts
 * declare const json: string
 * const r = Programme.decode(JSON.parse(json)) // every issue with its path, e.g. ruleSet.versions.0.from
 * ```
 */
export const decode = (input: unknown): Result.Result<Programme, ProgrammeDecodeError> =>
  Result.mapError(decodeProgramme(input), (issues) => ({
    _tag: "ProgrammeDecodeError" as const,
    issues: issues.map((i) => ({ path: i.path.map((p) => (typeof p === "number" ? p : String(p))), message: i.message })),
    message: issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join("; ")
  }))

/**
 * Content hash of a programme, stable under re-serialisation. @category model @since 0.1.0
 * @example
 * ```ts
 * declare const programme: Programme.Programme
 * Programme.hash(programme) === Programme.hash(JSON.parse(JSON.stringify(programme))) // true
 * ```
 */
export const hash = (programme: Programme): string => contentHash(programme)

/**
 * The programme's name as of a date, if a version applies then. @category queries @since 0.1.0
 * @example
 * ```ts
 * declare const housing: Programme.Programme
 * Programme.nameAt(housing, "2014-01-01")?.ja // "住宅支援給付"
 * ```
 */
export const nameAt = (programme: Programme, asOf: string): Programme["labels"] | undefined =>
  programme.names.find((n) => n.from <= asOf && (n.until === undefined || asOf < n.until))?.name

/**
 * One finding of {@link check}, naming the part of the programme it concerns.
 * @category checks
 * @since 0.1.0
 * @example
 * ```ts
 * declare const programme: Programme.Programme
 * const findings: ReadonlyArray<Programme.Finding> = Programme.check(programme)
 * ```
 */
export interface Finding {
  readonly part: "ruleSet" | "stageGraph" | "names" | "consent" | "targetPlans" | "referrals"
  readonly path: ReadonlyArray<string | number>
  readonly severity: "error" | "warning"
  readonly message: string
}

const overlappingNames = (names: ReadonlyArray<DatedName>): ReadonlyArray<Finding> => {
  const sorted = [...names].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))
  const findings: Array<Finding> = []
  sorted.forEach((n, i) => {
    if (n.until !== undefined && n.until <= n.from) {
      findings.push({ part: "names", path: ["names", names.indexOf(n), "until"], severity: "error", message: `name ${n.version}: until ${n.until} is not after from ${n.from}` })
    }
    const next = sorted[i + 1]
    if (next !== undefined && (n.until === undefined || n.until > next.from)) {
      findings.push({ part: "names", path: ["names", names.indexOf(next), "from"], severity: "error", message: `names ${n.version} and ${next.version} overlap` })
    }
  })
  return findings
}

const uncoveredReferrals = (programme: Programme): ReadonlyArray<Finding> => {
  const referHelloWork = programme.referrals.includes("hello_work")
  const hasHelloWorkConsent = programme.consent.some((t) => t.recipients.some((r) => r.class === "hello-work"))
  return referHelloWork && !hasHelloWorkConsent
    ? [{ part: "consent", path: ["consent"], severity: "warning", message: "the programme refers to Hello Work but has no consent template whose recipients include Hello Work" }]
    : []
}

const templatesWithoutCategories = (programme: Programme): ReadonlyArray<Finding> =>
  programme.consent.flatMap((t, i) =>
    t.dataCategories.length === 0
      ? [{ part: "consent" as const, path: ["consent", i, "dataCategories"], severity: "error" as const, message: `template ${t.id} names no data categories` }]
      : []
  )

/**
 * Checks a programme as a whole: the rule set's static checks (version gaps and overlaps, dead
 * clauses, overlay conflicts), the stage graph's validation, overlapping name periods, every target
 * plan's validity, and that a programme referring to Hello Work carries a consent template for it.
 * @category checks
 * @since 0.1.0
 * @example
 * ```ts
 * declare const programme: Programme.Programme
 * Programme.check(programme).map((f) => `${f.part} ${f.path.join(".")}: ${f.message}`)
 * ```
 */
export const check = (programme: Programme, catalog?: Parameters<typeof Target.validatePlan>[1]): ReadonlyArray<Finding> => [
  ...RuleSet.check(programme.ruleSet).map((f): Finding => ({
    part: "ruleSet",
    path: ["ruleSet"],
    severity: f.severity,
    message: `${f._tag}: ${f.message.en}`
  })),
  ...Stage.validate(programme.stageGraph).map((f): Finding => ({
    part: "stageGraph",
    path: ["stageGraph", ...f.path],
    severity: f.severity,
    message: f.message
  })),
  ...overlappingNames(programme.names),
  ...programme.targetPlans.flatMap((plan, i): ReadonlyArray<Finding> => {
    const r = Target.validatePlan(plan, catalog)
    return Result.isFailure(r) ? [{ part: "targetPlans", path: ["targetPlans", i, ...r.failure.path], severity: "error", message: r.failure.message }] : []
  }),
  ...uncoveredReferrals(programme),
  ...templatesWithoutCategories(programme)
]

/**
 * What {@link draftRecord} needs beyond the template. @category consent @since 0.1.0
 * @example
 * ```ts
 * const params: Programme.DraftParams = {
 *   recordId: "consent-0412",
 *   subjectRef: "person-17",
 *   controller: { id: "kushiro-welfare-office", name: "釧路市生活福祉事務所" },
 *   validFrom: Period.unsafeInstant("2013-04-11T15:00:00Z"),
 *   validUntil: Period.unsafeInstant("2014-03-31T15:00:00Z"),
 *   evidence: { ref: "scan-0412.pdf", sha256: "0".repeat(64), recordedBy: "staff-12" },
 *   noticeVersion: "2013-04"
 * }
 * ```
 */
export interface DraftParams {
  readonly recordId: string
  readonly subjectRef: string
  readonly controller: { readonly id: string; readonly name: string }
  readonly validFrom: Period.Instant
  readonly validUntil: Period.Instant
  readonly evidence: { readonly ref: string; readonly sha256: string; readonly recordedBy: string }
  readonly noticeVersion: string
  readonly retention?: Consent.ConsentRecord["retention"]
  readonly withdrawalMethod?: Consent.ConsentRecord["withdrawalMethod"]
}

/**
 * Drafts a consent record (同意の記録) from a template: base decision permit, the template's scope,
 * the Japanese notice text hashed into `notice`, paper-signed, withdrawable at the counter unless
 * the params say otherwise. Append it to a ledger with `Consent.addRecord`, which validates it.
 * @category consent
 * @since 0.1.0
 * @example
 * ```ts
 * declare const template: Programme.ConsentTemplate, params: Programme.DraftParams
 * const r = Consent.addRecord(Consent.empty(), Programme.draftRecord(template, params))
 * ```
 */
export const draftRecord = (template: ConsentTemplate, params: DraftParams): Consent.ConsentRecord => ({
  recordId: params.recordId,
  schemaVersion: Consent.SCHEMA_VERSION,
  subjectRef: params.subjectRef,
  expressedBy: { _tag: "self" },
  controller: params.controller,
  jurisdiction: "JP",
  applicableLaw: ["個人情報の保護に関する法律 第5章"],
  notice: Consent.noticeOf(`programme-consent.${template.id}`, params.noticeVersion, "ja", template.notice.ja),
  collectionMethod: "paper-signed",
  evidence: params.evidence,
  purposes: [template.purpose],
  dataCategories: template.dataCategories as Consent.ConsentRecord["dataCategories"],
  actions: template.actions as Consent.ConsentRecord["actions"],
  recipients: template.recipients as Consent.ConsentRecord["recipients"],
  legalBasis: Consent.CONSENT_LEGAL_BASIS,
  decision: "permit",
  exceptions: [],
  validFrom: params.validFrom,
  validUntil: params.validUntil,
  retention: params.retention ?? { years: 5, rule: "支援終結後5年", storage: "福祉事務所 ケース記録" },
  withdrawalMethod: params.withdrawalMethod ?? { channel: "counter", description: "窓口で撤回届を提出（Withdraw at the counter with a form）" }
})
