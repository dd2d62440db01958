/**
 * Programme (事業) — a named bundle: the dated rule set (判定ルール), the programme's name history,
 * its stage graph (支援段階), referral destinations (つなぎ先), consent purposes with their 同意書
 * templates, target plans (事業計画) and citations.
 *
 * Everything inside is a value of @jiritsu/core's public types (`RuleSet.RuleSet`,
 * `Stage.StageGraph`, `Case.Destination`, `Consent.*`, `Target.Plan`), so a programme can be
 * evaluated, checked, rendered and extended with the core's own functions.
 *
 * @since 0.1.0
 * @module
 */
import { Case, Consent, Period, Programme as CoreProgramme, type RuleSet, Stage, Target } from "@jiritsu/core"
import { Result } from "effect"
import type { Lbl } from "./internal/clauses.ts"
import { page, seed, type Citation } from "./Sources.ts"

/**
 * A programme's name while a version applied (名称の変遷) — the core's `Programme.DatedName`. @category model @since 0.1.0
 * @example
 * ```ts
 * const housing = Catalogue.get(Catalogue.catalogue, "national.housing_benefit")!
 * const names: ReadonlyArray<Programme.DatedName> = housing.names // 住宅手当 → 住宅支援給付 → 住居確保給付金
 * ```
 */
export type DatedName = CoreProgramme.DatedName

/**
 * A consent purpose with its 同意書 template — the core's `Programme.ConsentTemplate`.
 * {@link draftRecord} turns it into a core `Consent.ConsentRecord`.
 * @category consent
 * @since 0.1.0
 * @example
 * ```ts
 * const t: Programme.ConsentTemplate = Programme.helloWorkReferralConsent
 * ```
 */
export type ConsentTemplate = CoreProgramme.ConsentTemplate

/**
 * A programme of the catalogue (national or municipal) — the core's `Programme.Programme`, so a
 * catalogue programme decodes, hashes and checks with `Programme.decode` / `hash` / `check`.
 * @category model
 * @since 0.1.0
 * @example
 * ```ts
 * const p: Programme.Programme = Catalogue.get(Catalogue.catalogue, "kushiro.hw_desk")!
 * ```
 */
export type Programme = CoreProgramme.Programme

/**
 * The programme's name as of a date, if a version applies then. @category queries @since 0.1.0
 * @example
 * ```ts
 * const housing = Catalogue.get(Catalogue.catalogue, "national.housing_benefit")!
 * Programme.nameAt(housing, "2014-01-01")?.ja // "住宅支援給付"
 * ```
 */
export const nameAt = CoreProgramme.nameAt

// ---------------------------------------------------------------------------------------------
// Referral destinations (つなぎ先)
// ---------------------------------------------------------------------------------------------

/**
 * Japanese and English names of the core's referral destinations (docs/glossary.md). @category referrals @since 0.1.0
 * @example
 * ```ts
 * Programme.destinationLabels.youth_support_station.ja // "地域若者サポートステーション"
 * ```
 */
export const destinationLabels: { readonly [D in Case.Destination]: Lbl } = {
  hello_work: { ja: "ハローワーク（常設窓口・巡回相談）", en: "Hello Work (permanent desk or visiting sessions)" },
  employment_readiness: { ja: "就労準備支援事業", en: "employment-readiness programme" },
  youth_support_station: { ja: "地域若者サポートステーション", en: "youth support station" },
  transition_support: { ja: "就労移行支援", en: "transition support (disability service)" },
  continuous_support_a: { ja: "就労継続支援A型", en: "continuous employment support type A" },
  continuous_support_b: { ja: "就労継続支援B型", en: "continuous employment support type B" },
  silver_center: { ja: "シルバー人材センター", en: "Silver Human Resources Center" },
  workplace_experience: { ja: "職場体験", en: "workplace experience" },
  certified_work_training: { ja: "認定就労訓練事業（中間的就労）", en: "certified work training (intermediate work)" },
  private_placement: { ja: "民間職業紹介・人材派遣", en: "private placement agency" },
  disability_work_life_center: { ja: "障害者就業・生活支援センター", en: "employment and life support centre for disabled people" },
  household_budget_support: { ja: "家計改善支援事業", en: "household budget support" }
}

// ---------------------------------------------------------------------------------------------
// Stage graphs
// ---------------------------------------------------------------------------------------------

const reason = (code: string, label: string, labelJa: string, source: string): Stage.ReasonCode => ({ code, label, labelJa, source })

/**
 * The national definition of self-reliance in three parts (日常生活自立・社会生活自立・就労自立,
 * P34, P19): the stage graph of the consultation service, the readiness programme and the
 * welfare-type Hello Work programmes outside Kushiro. Readiness support starts "from the
 * daily-living and social-living stages" (P16); people ready now go straight to work.
 * @category stage graphs
 * @since 0.1.0
 * @example
 * ```ts
 * Programme.selfRelianceGraph.id // "self_reliance_three_stages"
 * ```
 */
export const selfRelianceGraph: Stage.StageGraph = Stage.make({
  id: "self_reliance_three_stages",
  version: "2015-04-01",
  label: "National definition of self-reliance: daily living, social life, work",
  labelJa: "自立の三類型（日常生活自立・社会生活自立・就労自立）",
  nodes: [
    { id: "daily_living", stage: "daily_living", label: "Daily-living autonomy", labelJa: "日常生活自立", rank: 0 },
    { id: "social_life", stage: "social_life", label: "Social autonomy", labelJa: "社会生活自立", rank: 1 },
    { id: "employment", stage: "employment", label: "Work autonomy", labelJa: "就労自立", rank: 2 }
  ],
  edges: [
    { from: "daily_living", to: "social_life", kind: "forward", reasons: ["daily_routine_established", "health_stabilised"] },
    { from: "social_life", to: "employment", kind: "forward", reasons: ["ready_for_job_search", "job_offer"] },
    { from: "daily_living", to: "employment", kind: "skip", reasons: ["ready_now"] },
    { from: "employment", to: "social_life", kind: "regression", reasons: ["job_search_failed", "separated"] },
    { from: "social_life", to: "daily_living", kind: "regression", reasons: ["health_deteriorated", "daily_routine_lost"] }
  ],
  reasons: [
    reason("daily_routine_established", "Daily routine established", "生活リズムの確立", "P16"),
    reason("health_stabilised", "Health stabilised", "心身の状態の安定", "P16"),
    reason("ready_for_job_search", "Ready for job search", "求職活動の準備が整った", "P16"),
    reason("job_offer", "Job offer received", "内定", "S0"),
    reason("ready_now", "Ready to work now", "直ちに就労可能", "S1"),
    reason("job_search_failed", "Job search failed", "求職活動が不調", "S1"),
    reason("separated", "Left the job", "離職", "S1"),
    reason("health_deteriorated", "Health deteriorated", "心身の状態の悪化", "inference"),
    reason("daily_routine_lost", "Daily routine lost", "生活リズムの乱れ", "inference")
  ],
  entry: ["daily_living", "social_life", "employment"],
  goals: ["employment"],
  citations: ["P34", "P19", "P16", "S1"]
}).pipe(Result.getOrThrowWith((e) => new Error(e.message)))

/**
 * The Kushiro graph (釧路モデル: three stages plus intermediate work) from the core. @category stage graphs @since 0.1.0
 * @example
 * ```ts
 * Programme.kushiroGraph === Stage.kushiroGraph // true
 * ```
 */
export const kushiroGraph: Stage.StageGraph = Stage.kushiroGraph

// ---------------------------------------------------------------------------------------------
// Consent templates (同意書の雛形)
// ---------------------------------------------------------------------------------------------

const cat = (code: string, sensitive: boolean): Consent.DataCategory => ({ code, sensitive })

/**
 * Consent to pass the person's data to Hello Work for job support (ハローワークへの支援要請). @category consent @since 0.1.0
 * @example
 * ```ts
 * Programme.helloWorkReferralConsent.purpose // "employment-support-referral"
 * ```
 */
export const helloWorkReferralConsent: ConsentTemplate = {
  id: "hw_referral",
  purpose: "employment-support-referral",
  labels: { ja: "ハローワークへの支援要請に係る個人情報の提供", en: "Providing personal data to Hello Work for job support" },
  recipients: [{ class: "hello-work" }],
  dataCategories: [cat("identity", false), cat("contact", false), cat("employment-history", false), cat("skills", false), cat("household", false), cat("welfare-status", true)],
  actions: ["disclose"],
  notice: {
    ja: "私は、就労支援を受けるため、福祉事務所がハローワークに私の氏名・連絡先・職歴・資格・世帯の状況・生活保護等の受給状況を提供し、ハローワークと福祉事務所が私の求職活動の状況を共有することに同意します。この同意はいつでも窓口で撤回できます。",
    en: "To receive job support, I agree that the welfare office gives Hello Work my name, contact details, work history, qualifications, household situation and benefit status, and that both share the state of my job search. I can withdraw this consent at the counter at any time."
  },
  citation: seed("S2", "平成24年11月8日 追加提案 4(1)エ ハローワーク職員に対する個人情報の提供（同意書の徴取）")
}

/**
 * Separate consent to tell a prospective employer about welfare status (開示). @category consent @since 0.1.0
 * @example
 * ```ts
 * Programme.employerDisclosureConsent.recipients.map((r) => r.class)
 * ```
 */
export const employerDisclosureConsent: ConsentTemplate = {
  id: "employer_disclosure",
  purpose: "employer-disclosure",
  labels: { ja: "求人事業主への生活困窮・生活保護受給の開示", en: "Disclosing hardship or welfare status to a prospective employer" },
  recipients: [{ class: "prospective-employer" }],
  dataCategories: [cat("identity", false), cat("welfare-status", true)],
  actions: ["disclose"],
  notice: {
    ja: "私は、就職先の候補となる事業主に、私が支援を受けていることを伝えることに同意します。同意しない場合でも支援は変わりません。",
    en: "I agree that a prospective employer may be told that I am receiving support. If I do not agree, my support does not change."
  },
  citation: seed("S1", "古河市 就職後の定着支援（開示・非開示）")
}

/**
 * Consultation-service intake consent: sharing with the relevant agencies (相談受付・申込票). @category consent @since 0.1.0
 * @example
 * ```ts
 * Programme.consultationIntakeConsent.notice.ja
 * ```
 */
export const consultationIntakeConsent: ConsentTemplate = {
  id: "consultation_intake",
  purpose: "employment-support",
  labels: { ja: "自立相談支援機関による関係機関との情報共有", en: "Information sharing with the relevant agencies by the consultation service" },
  recipients: [{ class: "self-reliance-support-agency" }, { class: "welfare-office" }, { class: "hello-work" }],
  dataCategories: [cat("identity", false), cat("contact", false), cat("household", false), cat("income", false), cat("employment-history", false), cat("support-plan", false)],
  actions: ["share"],
  notice: {
    ja: "私は、相談受付・申込票及びアセスメントの内容を、支援のために必要な範囲で関係機関と共有することに同意します。",
    en: "I agree that the intake form and assessment are shared with the relevant agencies as far as my support needs."
  },
  citation: page("P27", "相談受付・申込票（同意欄）")
}

/**
 * Consent for the readiness programme's contractor to receive the plan (就労準備支援事業). @category consent @since 0.1.0
 * @example
 * ```ts
 * Programme.readinessConsent.purpose // "readiness-programme"
 * ```
 */
export const readinessConsent: ConsentTemplate = {
  id: "readiness_programme",
  purpose: "readiness-programme",
  labels: { ja: "就労準備支援事業の実施機関への情報提供", en: "Providing data to the readiness programme's provider" },
  recipients: [{ class: "employment-support-contractor" }],
  dataCategories: [cat("identity", false), cat("contact", false), cat("support-plan", false), cat("health", true)],
  actions: ["disclose"],
  notice: {
    ja: "私は、就労準備支援事業を利用するため、支援計画と健康状態に関する情報を実施機関に提供することに同意します。",
    en: "To use the readiness programme, I agree that my support plan and health information are given to its provider."
  },
  citation: page("P38", "プラン兼事業等利用申込書")
}

/**
 * The welfare office's written acceptance of employment support (就労支援承諾書, Izumo P8). @category consent @since 0.1.0
 * @example
 * ```ts
 * Programme.welfareSupportConsent.id // "welfare_office_support"
 * ```
 */
export const welfareSupportConsent: ConsentTemplate = {
  id: "welfare_office_support",
  purpose: "employment-support",
  labels: { ja: "就労支援承諾書（福祉事務所の就労支援）", en: "Written acceptance of the welfare office's employment support" },
  recipients: [{ class: "welfare-office" }],
  dataCategories: [cat("identity", false), cat("employment-history", false), cat("skills", false), cat("welfare-status", true)],
  actions: ["use"],
  notice: {
    ja: "私は、福祉事務所の就労支援員による就労支援を受けることを承諾します。",
    en: "I accept employment support from the welfare office's employment support worker."
  },
  citation: page("P8", "就労支援承諾書")
}

/**
 * What {@link draftRecord} needs beyond the template — the core's `Programme.DraftParams`. @category consent @since 0.1.0
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
export type DraftParams = CoreProgramme.DraftParams

/**
 * Drafts a core consent record (同意の記録) from a template: base decision permit, the template's
 * scope, the Japanese notice text hashed into `notice`, paper-signed, withdrawable at the counter.
 * The core's `Programme.draftRecord`.
 * @category consent
 * @since 0.1.0
 * @example
 * ```ts
 * const record = Programme.draftRecord(Programme.helloWorkReferralConsent, {
 *   recordId: "consent-0412",
 *   subjectRef: "person-17",
 *   controller: { id: "kushiro-welfare-office", name: "釧路市生活福祉事務所" },
 *   validFrom: Period.unsafeInstant("2013-04-11T15:00:00Z"),
 *   validUntil: Period.unsafeInstant("2014-03-31T15:00:00Z"),
 *   evidence: { ref: "scan-0412.pdf", sha256: "0".repeat(64), recordedBy: "staff-12" },
 *   noticeVersion: "2013-04"
 * })
 * Consent.addRecord(Consent.empty(), record)._tag // "Success"
 * ```
 */
export const draftRecord = CoreProgramme.draftRecord

/**
 * Every referral destination id of the core, for checks. @category referrals @since 0.1.0
 * @example
 * ```ts
 * Programme.destinations.includes("hello_work") // true
 * ```
 */
export const destinations: ReadonlyArray<Case.Destination> = Case.Destination.literals

/**
 * The national outcome target of 生活保護受給者等就労自立促進事業 for a fiscal year from FY2017:
 * placement rate (就職率 = placed ÷ support clients) ≥ 67 % (P2), as a one-target business plan
 * (the core's `Target.placementRateTarget`). Earlier years had a count target (≥ 73,000 placed to
 * FY2016), which is national, not per site.
 * @category targets
 * @since 0.1.0
 * @example
 * ```ts
 * Programme.placementRatePlan(2015).targets.map((t) => t.metric) // ["placement_rate"]
 * ```
 */
export const placementRatePlan = (fiscalYear: number): Target.Plan => ({
  id: `hw_handoff_placement_rate_fy${fiscalYear}`,
  label: { ja: "生活保護受給者等就労自立促進事業 就職率目標", en: "Employment self-reliance programme: placement-rate target" },
  fiscalYear: Period.unsafeFiscalYear(fiscalYear),
  targets: [Target.placementRateTarget(Period.unsafeFiscalYear(fiscalYear))],
  citation: "P2 (就職率67%以上, 平成29年度〜)"
})

/**
 * A programme as of a date (基準日時点の事業の説明), plain JSON: the version and name in force, the
 * rule, the questions it asks (declared facts with labels), referral destinations, consent
 * purposes, stage graph id, target plan ids and sources — what a programme listing or an
 * intake screen shows. `undefined` when no version is in force at the date.
 * @category queries
 * @since 0.1.0
 * @example
 * ```ts
 * const d: Programme.Description | undefined = Programme.describeAt(Catalogue.get(Catalogue.catalogue, "national.hw_handoff")!, "2014-01-01")
 * d?.questions.map((q) => q.fact) // the facts to ask at the desk, with labels and allowed values
 * ```
 */
export interface Description {
  readonly id: string
  readonly labels: Lbl
  readonly kind: Programme["kind"]
  readonly municipality?: Lbl
  readonly base?: string
  readonly asOf: string
  readonly version: { readonly version: string; readonly from: string; readonly until?: string; readonly name: Lbl }
  readonly rule: RuleSet.Version["rule"]
  readonly questions: ReadonlyArray<{ readonly fact: string; readonly type: string; readonly labels: Lbl; readonly values?: ReadonlyArray<string> }>
  readonly referrals: ReadonlyArray<{ readonly destination: Case.Destination; readonly labels: Lbl }>
  readonly consentPurposes: ReadonlyArray<{ readonly purpose: string; readonly labels: Lbl }>
  readonly stageGraph: string
  readonly targetPlans: ReadonlyArray<string>
  readonly citations: ReadonlyArray<Citation>
}

/**
 * Describes a programme as of a date (see {@link Description}). @category queries @since 0.1.0
 * @example
 * ```ts
 * const d = Programme.describeAt(Catalogue.get(Catalogue.catalogue, "national.housing_benefit")!, "2014-01-01")
 * d?.version.name.ja // "住宅支援給付"
 * ```
 */
export const describeAt = (programme: Programme, asOf: string): Description | undefined => {
  const v = programme.ruleSet.versions.find((x) => x.from <= asOf && (x.until === undefined || asOf < x.until))
  if (v === undefined) return undefined
  const name = nameAt(programme, asOf) ?? programme.labels
  return {
    id: programme.id,
    labels: programme.labels,
    kind: programme.kind,
    ...(programme.municipality === undefined ? {} : { municipality: programme.municipality }),
    ...(programme.base === undefined ? {} : { base: programme.base }),
    asOf,
    version: v.until === undefined ? { version: v.version, from: v.from, name } : { version: v.version, from: v.from, until: v.until, name },
    rule: v.rule,
    questions: Object.entries(programme.ruleSet.facts ?? {}).map(([fact, spec]) =>
      spec.values === undefined ? { fact, type: spec.type, labels: spec.labels } : { fact, type: spec.type, labels: spec.labels, values: spec.values }
    ),
    referrals: programme.referrals.map((destination) => ({ destination, labels: destinationLabels[destination] })),
    consentPurposes: programme.consent.map((c) => ({ purpose: c.purpose, labels: c.labels })),
    stageGraph: programme.stageGraph.id,
    targetPlans: programme.targetPlans.map((p) => p.id),
    citations: programme.citations
  }
}
