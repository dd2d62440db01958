/**
 * Consent (同意) — the consent ledger, its lifecycle and the decision algebra.
 *
 * A {@link ConsentRecord} (同意書の記録) follows ISO/IEC TS 27560 as profiled by W3C DPV, with the
 * FHIR R5 provision tree for computable rules. {@link ConsentEvent}s (同意の経過) move a record
 * through its lifecycle; a {@link Ledger} (同意台帳) holds records, events and law-based grants
 * (法令に基づく提供: 支援会議, 調整会議), and {@link decide} answers whether a disclosure may happen.
 *
 * Time (決定事項): every consent time is a `Period.Instant` — `effectiveAt`, `recordedAt`, the
 * validity window `[validFrom, validUntil)`, a request's `at` and `asKnownAt`. A consent is given
 * and withdrawn at a moment, and a withdrawal at 15:00 must not make a 10:00 disclosure of the same
 * day unlawful. A validity written as calendar dates in JST is converted with {@link jstStartOfDay}.
 *
 * Laws (test/Consent.laws.test.ts, "properties"), numbered as in docs/consent-model.md:
 * - P1 closed world; P2 only Given permits; P3 validity window `[from, until)`;
 * - P4 no permit after withdrawal, not retroactive; P5 terminal states absorb;
 * - P6 invalidation is retroactive for now-queries, replay as known at an earlier time is unchanged;
 * - P7 adding a deny never adds a Permit; P8 specificity, then deny;
 * - P9 scope soundness (Share ⊑ Disclose) and narrowing; P10 purpose/recipient not transitive;
 * - P11 sensitive categories (要配慮個人情報) must be named; P12 order independence;
 * - P13 latest choice wins across records; P14 consent and law kept apart;
 * - P15 idempotent append and replayable decisions.
 *
 * Decision semantics, in one paragraph: inside one record the exception tree is evaluated FHIR-style
 * (an exception flips its parent; matching siblings combine deny-overrides at every depth). Across
 * records, each record in scope casts its *latest choice* at or before the request time (given /
 * reaffirmed → the tree's answer; withdrawn / revoked → deny); the latest choice wins, and at
 * equal `effectiveAt` deny beats permit. A law-based grant (支援会議, 調整会議) is checked first
 * and independently of consent.
 *
 * @since 0.1.0
 * @module
 */
import { Result, Schema } from "effect"
import * as Period from "./Period.ts"
import { canonicalJson, contentHash, sha256Hex } from "./internal/hash.ts"
import { decodeWith, formatPath, type DecodeIssue } from "./internal/decode.ts"
import { compareInstants, instantKey, withinHalfOpen } from "./internal/consentTime.ts"

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

/**
 * An opaque identifier: 1–128 characters, no white space. @category vocabulary @since 0.1.0
 * @example
 * ```ts
 * const id: Consent.Id = "consent-0412"
 * ```
 */
export const Id = Schema.String.check(Schema.isPattern(/^\S{1,128}$/))
/** @category vocabulary */
export type Id = typeof Id.Type

/**
 * A purpose code (利用目的), kebab-case, e.g. `employment-support-referral` (ハローワークへの支援要請)
 * or `employer-disclosure` (事業主への開示). Purposes never imply one another (P10).
 * @category vocabulary
 * @since 0.1.0
 * @example
 * ```ts
 * const purpose: Consent.Purpose = "employment-support-referral"
 * ```
 */
export const Purpose = Schema.String.check(Schema.isPattern(/^[a-z][a-z0-9-]{0,63}$/))
/** @category vocabulary */
export type Purpose = typeof Purpose.Type

/**
 * Purposes used by the national programmes, with their Japanese names. @category vocabulary @since 0.1.0
 * @example
 * ```ts
 * Consent.purposes["employment-support-referral"] // "ハローワークへの支援要請（就労支援のための情報提供）"
 * ```
 */
export const purposes = {
  "employment-support-referral": "ハローワークへの支援要請（就労支援のための情報提供）",
  "employer-disclosure": "事業主への開示（生活保護受給等の開示）",
  "employment-support": "就労支援",
  "readiness-programme": "就労準備支援事業",
  "support-meeting": "支援会議での情報交換",
  "coordination-meeting": "調整会議での情報交換"
} as const

/**
 * The wildcard data category: "all (non-sensitive) data". It never covers 要配慮 data (P11). @category vocabulary @since 0.1.0
 * @example
 * ```ts
 * const everything: Consent.DataCategory = { code: Consent.ALL_DATA, sensitive: false } // every non-sensitive category
 * ```
 */
export const ALL_DATA = "*"

/**
 * A personal-data category code (個人情報の項目), kebab-case, or {@link ALL_DATA} in a record's scope.
 * @category vocabulary
 * @since 0.1.0
 * @example
 * ```ts
 * const code: Consent.DataCategoryCode = "employment-history"
 * ```
 */
export const DataCategoryCode = Schema.String.check(Schema.isPattern(/^(?:[a-z][a-z0-9-]{0,63}|\*)$/))
/** @category vocabulary */
export type DataCategoryCode = typeof DataCategoryCode.Type

/**
 * A category a request names: never the wildcard. @category vocabulary @since 0.1.0
 * @example
 * ```ts
 * const category: Consent.RequestedCategory = "contact"
 * ```
 */
export const RequestedCategory = Schema.String.check(Schema.isPattern(/^[a-z][a-z0-9-]{0,63}$/))
/** @category vocabulary */
export type RequestedCategory = typeof RequestedCategory.Type

/**
 * Data categories used by the programmes, with their Japanese names. @category vocabulary @since 0.1.0
 * @example
 * ```ts
 * Consent.dataCategories.identity // "本人確認情報（氏名・生年月日等）"
 * ```
 */
export const dataCategories = {
  identity: "本人確認情報（氏名・生年月日等）",
  contact: "連絡先",
  "welfare-status": "生活保護受給状況",
  health: "健康状態・病歴（要配慮個人情報）",
  disability: "障害（要配慮個人情報）",
  household: "世帯の状況",
  income: "収入・資産",
  "employment-history": "職歴",
  skills: "資格・技能",
  "support-plan": "支援計画"
} as const

/**
 * A data category in a record's scope, with the 要配慮 flag (special-category personal data).
 * @category vocabulary
 * @since 0.1.0
 * @example
 * ```ts
 * const health: Consent.DataCategory = { code: "health", sensitive: true } // 要配慮個人情報
 * ```
 */
export const DataCategory = Schema.Struct({ code: DataCategoryCode, sensitive: Schema.Boolean })
/** @category vocabulary */
export type DataCategory = typeof DataCategory.Type

/**
 * A processing action (DPV taxonomy): `collect` (取得), `use` (利用), `disclose` (提供) and
 * `share` (共有). `share ⊑ disclose`: consent to disclose covers sharing, not the other way round.
 * @category vocabulary
 * @since 0.1.0
 * @example
 * ```ts
 * const action: Consent.Action = "disclose"
 * ```
 */
export const Action = Schema.Literals(["collect", "use", "disclose", "share"])
/** @category vocabulary */
export type Action = typeof Action.Type

/**
 * Whether consent to `granted` covers `requested` (DPV: Share ⊑ Disclose). @category vocabulary @since 0.1.0
 * @example
 * ```ts
 * Consent.actionCovers("disclose", "share") // true: share ⊑ disclose
 * Consent.actionCovers("share", "disclose") // false
 * ```
 */
export const actionCovers = (granted: Action, requested: Action): boolean =>
  granted === requested || (granted === "disclose" && requested === "share")

/**
 * Recipient classes (提供先の区分). `prospective-employer` (求人事業主・採用予定の事業主) is its
 * own class: consent to tell Hello Work never reaches an employer (P10).
 * @category vocabulary
 * @since 0.1.0
 * @example
 * ```ts
 * const recipient: Consent.RecipientClass = "hello-work"
 * ```
 */
export const RecipientClass = Schema.Literals([
  "hello-work", // ハローワーク（公共職業安定所）
  "prospective-employer", // 求人事業主・採用予定の事業主
  "employer", // 雇用主
  "welfare-office", // 福祉事務所
  "self-reliance-support-agency", // 自立相談支援機関
  "employment-support-contractor", // 就労支援の委託事業者
  "support-meeting-member", // 支援会議・調整会議の構成員
  "public-body" // その他の行政機関
])
/** @category vocabulary */
export type RecipientClass = typeof RecipientClass.Type

/**
 * A recipient (提供先): a class, and optionally one organisation of it (e.g. `hw-yokohama-minami`).
 * In a record, a recipient without `id` covers every organisation of its class.
 * @category vocabulary
 * @since 0.1.0
 * @example
 * ```ts
 * const office: Consent.Recipient = { class: "hello-work", id: "hw-kushiro" }
 * ```
 */
export const Recipient = Schema.Struct({ class: RecipientClass, id: Schema.optionalKey(Id) })
/** @category vocabulary */
export type Recipient = typeof Recipient.Type

/**
 * Whether a scope recipient covers a requested recipient. @category vocabulary @since 0.1.0
 * @example
 * ```ts
 * Consent.recipientCovers({ class: "hello-work" }, { class: "hello-work", id: "hw-kushiro" }) // true: any Hello Work office
 * ```
 */
export const recipientCovers = (granted: Recipient, requested: Recipient): boolean =>
  granted.class === requested.class && (granted.id === undefined || granted.id === requested.id)

/**
 * Permit (許可) or deny (拒否): a record's base decision. @category vocabulary @since 0.1.0
 * @example
 * ```ts
 * const v: Consent.Verdict = "deny"
 * ```
 */
export const Verdict = Schema.Literals(["permit", "deny"])
/** @category vocabulary */
export type Verdict = typeof Verdict.Type

const flip = (v: Verdict): Verdict => (v === "permit" ? "deny" : "permit")

/**
 * A half-open window of instants `[from, until)`, `until > from`. @category vocabulary @since 0.1.0
 * @example
 * ```ts
 * const w: Consent.InstantWindow = { from: Period.unsafeInstant("2013-03-31T15:00:00Z"), until: Period.unsafeInstant("2014-03-31T15:00:00Z") }
 * ```
 */
export const InstantWindow = Schema.Struct({ from: Period.Instant, until: Period.Instant }).check(
  Schema.makeFilter((w: { readonly from: string; readonly until: string }) =>
    compareInstants(w.from, w.until) < 0 ? undefined : { path: ["until"], issue: "until must be after from" }
  )
)
/** @category vocabulary */
export type InstantWindow = typeof InstantWindow.Type

/**
 * Midnight in Japan (JST, UTC+9, no daylight saving) at the start of a date, as an instant:
 * `jstStartOfDay("2027-04-01")` is `"2027-03-31T15:00:00Z"`. A 同意書 valid "until 2027-03-31"
 * has `validUntil = jstStartOfDay("2027-04-01")`.
 * @category time
 * @since 0.1.0
 * @example
 * ```ts
 * Consent.jstStartOfDay(Period.unsafeDate("2013-04-01")) // "2013-03-31T15:00:00Z" (00:00 JST)
 * ```
 */
export const jstStartOfDay = (date: Period.LocalDate): Period.Instant =>
  `${Period.addDays(date, -1)}T15:00:00Z` as Period.Instant

// ---------------------------------------------------------------------------------------------
// The provision tree (FHIR R5 Consent.provision)
// ---------------------------------------------------------------------------------------------

/**
 * An exception (例外) in a record's provision tree. Attributes are AND-ed, the values of one
 * attribute OR-ed, and an empty attribute means "any". An exception flips its parent's decision.
 * Wildcards (empty `dataCategories` or `"*"`) may withhold 要配慮 data but never grant it (P11).
 * @category records
 * @since 0.1.0
 * @example
 * ```ts
 * const p: Consent.Provision = Consent.provision({ purposes: ["employment-support-referral"], recipients: [{ class: "hello-work" }] })
 * ```
 */
export interface Provision {
  readonly purposes: ReadonlyArray<Purpose>
  readonly recipients: ReadonlyArray<Recipient>
  readonly dataCategories: ReadonlyArray<DataCategoryCode>
  readonly actions: ReadonlyArray<Action>
  readonly period?: InstantWindow
  readonly exceptions: ReadonlyArray<Provision>
}
/**
 * The JSON form of a {@link Provision}. @category records @since 0.1.0
 * @example
 * ```ts
 * const encoded: Consent.ProvisionEncoded = { purposes: ["employment-support-referral"], recipients: [{ class: "hello-work" }], dataCategories: [], actions: ["disclose"], exceptions: [] }
 * ```
 */
export interface ProvisionEncoded {
  readonly purposes: ReadonlyArray<string>
  readonly recipients: ReadonlyArray<{ readonly class: RecipientClass; readonly id?: string }>
  readonly dataCategories: ReadonlyArray<string>
  readonly actions: ReadonlyArray<Action>
  readonly period?: { readonly from: string; readonly until: string }
  readonly exceptions: ReadonlyArray<ProvisionEncoded>
}

/** Schema of {@link Provision}. @category records @since 0.1.0 */
export const Provision: Schema.Codec<Provision, ProvisionEncoded> = Schema.Struct({
  purposes: Schema.Array(Purpose),
  recipients: Schema.Array(Recipient),
  dataCategories: Schema.Array(DataCategoryCode),
  actions: Schema.Array(Action),
  period: Schema.optionalKey(InstantWindow),
  exceptions: Schema.Array(Schema.suspend((): Schema.Codec<Provision, ProvisionEncoded> => Provision))
}).annotate({ identifier: "ConsentProvision" })

/**
 * An exception with only the given attributes set (the rest "any"). @category records @since 0.1.0
 * @example
 * ```ts
 * const exceptHealth = Consent.provision({ dataCategories: ["health"] })
 * ```
 */
export const provision = (attributes: Partial<Provision>): Provision => ({
  purposes: attributes.purposes ?? [],
  recipients: attributes.recipients ?? [],
  dataCategories: attributes.dataCategories ?? [],
  actions: attributes.actions ?? [],
  ...(attributes.period !== undefined ? { period: attributes.period } : {}),
  exceptions: attributes.exceptions ?? []
})

// ---------------------------------------------------------------------------------------------
// Sensitivity policy (要配慮個人情報)
// ---------------------------------------------------------------------------------------------

/**
 * Categories that are 要配慮個人情報 under APPI Art. 2(3) and Order Art. 2, whatever the policy. @category sensitivity @since 0.1.0
 * @example
 * ```ts
 * Consent.ALWAYS_SENSITIVE // ["disability", "health"]
 * ```
 */
export const ALWAYS_SENSITIVE: ReadonlyArray<string> = ["disability", "health"]

/**
 * The city's sensitivity policy. `welfareStatusSensitive`: whether receiving public assistance is
 * treated as 要配慮 (e.g. as 条例要配慮個人情報, APPI Art. 60(5)); `additional`: further categories
 * the ordinance names. Disability and health are sensitive under every policy.
 * @category sensitivity
 * @since 0.1.0
 * @example
 * ```ts
 * const policy: Consent.SensitivityPolicy = { welfareStatusSensitive: true, additional: ["criminal-record"] }
 * ```
 */
export const SensitivityPolicy = Schema.Struct({
  welfareStatusSensitive: Schema.Boolean,
  additional: Schema.Array(RequestedCategory)
})
/** @category sensitivity */
export type SensitivityPolicy = typeof SensitivityPolicy.Type

/**
 * The conservative default: welfare status is treated as sensitive. @category sensitivity @since 0.1.0
 * @example
 * ```ts
 * Consent.defaultPolicy // { welfareStatusSensitive: true, additional: [] }
 * ```
 */
export const defaultPolicy: SensitivityPolicy = { welfareStatusSensitive: true, additional: [] }

/**
 * Whether the policy makes a category sensitive (要配慮). @category sensitivity @since 0.1.0
 * @example
 * ```ts
 * Consent.isSensitive(Consent.defaultPolicy, "welfare-status") // true
 * Consent.isSensitive(Consent.defaultPolicy, "contact") // false
 * ```
 */
export const isSensitive = (policy: SensitivityPolicy, code: string): boolean =>
  ALWAYS_SENSITIVE.includes(code) ||
  (code === "welfare-status" && policy.welfareStatusSensitive) ||
  policy.additional.includes(code)

// ---------------------------------------------------------------------------------------------
// The consent record (ISO/IEC TS 27560 via DPV; FHIR R5 Consent)
// ---------------------------------------------------------------------------------------------

/**
 * Schema version written in every record. @category records @since 0.1.0
 * @example
 * ```ts
 * Consent.SCHEMA_VERSION // "jiritsu-consent/1+iso27560"
 * ```
 */
export const SCHEMA_VERSION = "jiritsu-consent/1+iso27560"

/**
 * Relation of a representative (代理人) to the person. @category records @since 0.1.0
 * @example
 * ```ts
 * const relation: typeof Consent.RepresentativeRelation.Type = "legal-guardian" // 成年後見人
 * ```
 */
export const RepresentativeRelation = Schema.Literals([
  "legal-guardian", // 成年後見人
  "curator", // 保佐人
  "assistant", // 補助人
  "parent", // 親権者
  "appointed-agent" // 任意代理人
])

/**
 * Who expressed the consent: the person (本人) or a representative (代理人). @category records @since 0.1.0
 * @example
 * ```ts
 * const self: Consent.ExpressedBy = { _tag: "self" }
 * ```
 */
export const ExpressedBy = Schema.Union([
  Schema.TaggedStruct("self", {}),
  Schema.TaggedStruct("representative", { relation: RepresentativeRelation, representativeRef: Schema.optionalKey(Id) })
])
/** @category records */
export type ExpressedBy = typeof ExpressedBy.Type

/**
 * The 同意書 text shown: document, version, language and SHA-256 of the text. @category records @since 0.1.0
 * @example
 * ```ts
 * const notice: Consent.Notice = Consent.noticeOf("hw-referral-form", "2013-04", "ja", "ハローワークへの情報提供に同意します。")
 * ```
 */
export const Notice = Schema.Struct({
  docId: Id,
  version: Schema.String.check(Schema.isNonEmpty()),
  language: Schema.String.check(Schema.isPattern(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/)),
  sha256: Schema.String.check(Schema.isPattern(/^[0-9a-f]{64}$/))
})
/** @category records */
export type Notice = typeof Notice.Type

/**
 * How the consent was collected (取得方法). @category records @since 0.1.0
 * @example
 * ```ts
 * const method: Consent.CollectionMethod = "paper-signed"
 * ```
 */
export const CollectionMethod = Schema.Literals(["paper-signed", "e-signed", "verbal-witnessed"])
/** @category records */
export type CollectionMethod = typeof CollectionMethod.Type

/**
 * Evidence: the scanned signed form (hash and reference) and the staff member who recorded it. @category records @since 0.1.0
 * @example
 * ```ts
 * const evidence: Consent.Evidence = { ref: "scan-0412.pdf", sha256: "0".repeat(64), recordedBy: "staff-12" }
 * ```
 */
export const Evidence = Schema.Struct({
  ref: Schema.String.check(Schema.isNonEmpty()),
  sha256: Schema.String.check(Schema.isPattern(/^[0-9a-f]{64}$/)),
  recordedBy: Id
})
/** @category records */
export type Evidence = typeof Evidence.Type

/**
 * The data controller (個人情報の管理者), typically the city's 福祉事務所. @category records @since 0.1.0
 * @example
 * ```ts
 * const controller: typeof Consent.Controller.Type = { id: "kushiro-welfare-office", name: "釧路市生活福祉事務所" }
 * ```
 */
export const Controller = Schema.Struct({ id: Id, name: Schema.String.check(Schema.isNonEmpty()) })

/**
 * Retention (保存期間) of provided data and of this record, and where it is stored. @category records @since 0.1.0
 * @example
 * ```ts
 * const retention: typeof Consent.Retention.Type = { years: 5, rule: "釧路市文書管理規程", storage: "case file" }
 * ```
 */
export const Retention = Schema.Struct({
  years: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)),
  rule: Schema.String.check(Schema.isNonEmpty()),
  storage: Schema.String.check(Schema.isNonEmpty())
})

/**
 * How and where the person withdraws (撤回の方法), e.g. the counter and form. @category records @since 0.1.0
 * @example
 * ```ts
 * const withdrawal: typeof Consent.WithdrawalMethod.Type = { channel: "counter", description: "窓口で撤回届を提出" }
 * ```
 */
export const WithdrawalMethod = Schema.Struct({
  channel: Schema.Literals(["counter", "form", "mail", "phone", "online"]),
  description: Schema.String.check(Schema.isNonEmpty())
})

/**
 * The only basis a consent record carries: APPI Art. 69(2)(i) (本人の同意). @category records @since 0.1.0
 * @example
 * ```ts
 * Consent.CONSENT_LEGAL_BASIS // "consent(APPI-69-2-i)"
 * ```
 */
export const CONSENT_LEGAL_BASIS = "consent(APPI-69-2-i)"

/**
 * A link to the record this one replaces (re-consent or scope change), with its content hash. @category records @since 0.1.0
 * @example
 * ```ts
 * declare const old: Consent.ConsentRecord
 * const predecessor: typeof Consent.Predecessor.Type = { recordId: old.recordId, recordHash: Consent.recordHash(old) }
 * ```
 */
export const Predecessor = Schema.Struct({ recordId: Id, recordHash: Schema.String.check(Schema.isPattern(/^sha256:[0-9a-f]{64}$/)) })

const recordFields = {
  recordId: Id,
  schemaVersion: Schema.Literal(SCHEMA_VERSION),
  subjectRef: Id,
  expressedBy: ExpressedBy,
  controller: Controller,
  jurisdiction: Schema.Literal("JP"),
  applicableLaw: Schema.NonEmptyArray(Schema.String.check(Schema.isNonEmpty())),
  notice: Notice,
  collectionMethod: CollectionMethod,
  evidence: Evidence,
  purposes: Schema.NonEmptyArray(Purpose),
  dataCategories: Schema.NonEmptyArray(DataCategory),
  actions: Schema.NonEmptyArray(Action),
  recipients: Schema.NonEmptyArray(Recipient),
  legalBasis: Schema.Literal(CONSENT_LEGAL_BASIS),
  decision: Verdict,
  exceptions: Schema.Array(Provision),
  validFrom: Period.Instant,
  validUntil: Period.Instant,
  retention: Retention,
  withdrawalMethod: WithdrawalMethod,
  predecessor: Schema.optionalKey(Predecessor)
}

/**
 * A consent record (同意の記録): what the person agreed to, as first written. Records are
 * immutable; a change of scope is a new record (with `predecessor`) plus `revoked` on the old one.
 * Decoding checks every policy-independent rule (see {@link recordProblems}).
 * @category records
 * @since 0.1.0
 * @example
 * ```ts
 * declare const record: Consent.ConsentRecord
 * const r = Consent.addRecord(Consent.empty(), record) // validated: window, sensitive categories, notice
 * ```
 */
export const ConsentRecord = Schema.Struct(recordFields).check(
  Schema.makeFilter((r: Schema.Struct.Type<typeof recordFields>) =>
    recordProblems(r as ConsentRecord, basePolicy).map((p) => ({ path: p.path, issue: p.message }))
  )
)
/** @category records */
export type ConsentRecord = Schema.Struct.Type<typeof recordFields>

const basePolicy: SensitivityPolicy = { welfareStatusSensitive: false, additional: [] }

// Ledger values are immutable and shared between versions, so an entry's hash is computed once.
const hashCache = new WeakMap<object, string>()
const memoHash = (value: object): string => {
  let h = hashCache.get(value)
  if (h === undefined) {
    h = contentHash(value)
    hashCache.set(value, h)
  }
  return h
}

/**
 * The content hash of a record (`sha256:…`), used by `predecessor` and receipts. @category records @since 0.1.0
 * @example
 * ```ts
 * declare const record: Consent.ConsentRecord
 * Consent.recordHash(record).startsWith("sha256:") // true
 * ```
 */
export const recordHash = (record: ConsentRecord): string => memoHash(record)

/**
 * Builds the {@link Notice} of a 同意書 text (its SHA-256 is computed here). @category records @since 0.1.0
 * @example
 * ```ts
 * const notice = Consent.noticeOf("hw-referral-form", "2013-04", "ja", "ハローワークへの情報提供に同意します。")
 * notice.sha256.length // 64
 * ```
 */
export const noticeOf = (docId: Id, version: string, language: string, text: string): Notice => ({
  docId,
  version,
  language,
  sha256: sha256Hex(text)
})

/**
 * Checks that the 同意書 text at hand is the one the record says was shown.
 * @category records
 * @since 0.1.0
 * @example
 * ```ts
 * declare const record: Consent.ConsentRecord
 * Consent.verifyNotice(record, "ハローワークへの情報提供に同意します。")._tag // "Failure" (notice-mismatch) when the text shown differs
 * ```
 */
export const verifyNotice = (record: ConsentRecord, noticeText: string): Result.Result<Notice, ConsentRefusal> => {
  const actual = sha256Hex(noticeText)
  return actual === record.notice.sha256
    ? Result.succeed(record.notice)
    : Result.fail(
        refusal("notice-mismatch", ["notice", "sha256"], `the notice text hashes to ${actual}, the record says ${record.notice.sha256}`, "同意書の文面が記録と一致しません")
      )
}

// ---------------------------------------------------------------------------------------------
// Refusals
// ---------------------------------------------------------------------------------------------

/**
 * Why the ledger refused an entry (or a decision could not be replayed).
 * @category errors
 * @since 0.1.0
 * @example
 * ```ts
 * const code: Consent.RefusalCode = "unknown-record"
 * ```
 */
export const RefusalCode = Schema.Literals([
  "invalid-input", // 入力不正
  "unknown-record", // 未登録の同意記録
  "duplicate-id", // 同一IDで内容が異なる
  "terminal-state", // 終了状態からの遷移
  "illegal-transition", // 許されない遷移
  "wildcard-over-sensitive", // 要配慮個人情報へのワイルドカード
  "sensitivity-understated", // 要配慮の表示漏れ
  "empty-window", // 期間の終わりが始まり以前
  "after-expiry", // 有効期限後の同意
  "expiry-is-derived", // 期限切れは有効期限から導出
  "reason-required", // 理由が必要
  "staff-only", // 職員のみ
  "recorded-time-regressed", // 記録時刻の逆行
  "predecessor-mismatch", // 前の記録との不一致
  "notice-mismatch", // 同意書文面の不一致
  "unknown-successor", // 後継記録が未登録
  "replay-mismatch" // 再現不一致
])
/** @category errors */
export type RefusalCode = typeof RefusalCode.Type

/**
 * A typed refusal naming the offending field. @category errors @since 0.1.0
 * @example
 * ```ts
 * const r = Consent.decodeRecord({})
 * if (r._tag === "Failure") { const e: Consent.ConsentRefusal = r.failure; console.log(e.code, e.path) } // invalid-input …
 * ```
 */
export const ConsentRefusal = Schema.TaggedStruct("ConsentRefusal", {
  code: RefusalCode,
  path: Schema.Array(Schema.Union([Schema.String, Schema.Number])),
  message: Schema.String,
  messageJa: Schema.String,
  issues: Schema.optionalKey(Schema.Array(Schema.Struct({ path: Schema.String, message: Schema.String })))
})
/** @category errors */
export type ConsentRefusal = typeof ConsentRefusal.Type

const refusal = (code: RefusalCode, path: ReadonlyArray<string | number>, message: string, messageJa: string): ConsentRefusal => ({
  _tag: "ConsentRefusal",
  code,
  path,
  message,
  messageJa
})

const invalidInput = (issues: ReadonlyArray<DecodeIssue>): ConsentRefusal => {
  const first = issues[0]
  return {
    _tag: "ConsentRefusal",
    code: "invalid-input",
    path: (first?.path ?? []).map((p) => (typeof p === "number" ? p : String(p))),
    message: issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join("; "),
    messageJa: "入力が不正です",
    issues: issues.map((i) => ({ path: formatPath(i.path), message: i.message }))
  }
}

/**
 * One problem of a record's content. @category errors @since 0.1.0
 * @example
 * ```ts
 * declare const record: Consent.ConsentRecord
 * const problems: ReadonlyArray<Consent.RecordProblem> = Consent.recordProblems(record, Consent.defaultPolicy)
 * ```
 */
export interface RecordProblem {
  readonly code: RefusalCode
  readonly path: ReadonlyArray<string | number>
  readonly message: string
  readonly messageJa: string
}

const provisionProblems = (p: Provision, path: ReadonlyArray<string | number>): Array<RecordProblem> => {
  const out: Array<RecordProblem> = []
  if (p.period !== undefined && compareInstants(p.period.from, p.period.until) >= 0) {
    out.push({ code: "empty-window", path: [...path, "period", "until"], message: "period.until must be after period.from", messageJa: "期間の終わりが始まり以前です" })
  }
  p.exceptions.forEach((child, i) => out.push(...provisionProblems(child, [...path, "exceptions", i])))
  return out
}

/**
 * Every content problem of a record under a sensitivity policy: `validUntil <= validFrom`, a
 * wildcard marked sensitive, a sensitive category marked non-sensitive, an empty provision period.
 * @category records
 * @since 0.1.0
 * @example
 * ```ts
 * declare const record: Consent.ConsentRecord
 * Consent.recordProblems(record, Consent.defaultPolicy).map((p) => `${p.path.join(".")}: ${p.code}`)
 * ```
 */
export const recordProblems = (record: ConsentRecord, policy: SensitivityPolicy): ReadonlyArray<RecordProblem> => {
  const out: Array<RecordProblem> = []
  if (compareInstants(record.validFrom, record.validUntil) >= 0) {
    out.push({ code: "empty-window", path: ["validUntil"], message: "validUntil must be after validFrom", messageJa: "有効期限が開始日以前です" })
  }
  record.dataCategories.forEach((c, i) => {
    if (c.code === ALL_DATA && c.sensitive) {
      out.push({
        code: "wildcard-over-sensitive",
        path: ["dataCategories", i, "sensitive"],
        message: "a wildcard (\"*\") can never cover sensitive categories: list each sensitive category by name",
        messageJa: "要配慮個人情報はワイルドカードで同意を得られません。項目を個別に記載してください"
      })
    } else if (c.code !== ALL_DATA && !c.sensitive && isSensitive(policy, c.code)) {
      out.push({
        code: "sensitivity-understated",
        path: ["dataCategories", i, "sensitive"],
        message: `category ${c.code} is sensitive (要配慮) under the policy and must be marked sensitive`,
        messageJa: `${c.code} は要配慮個人情報として扱う必要があります`
      })
    }
  })
  record.exceptions.forEach((p, i) => out.push(...provisionProblems(p, ["exceptions", i])))
  return out
}

// ---------------------------------------------------------------------------------------------
// Events and states (docs/consent-model.md)
// ---------------------------------------------------------------------------------------------

/**
 * The kinds of lifecycle event: requested (依頼), given (同意), refused (拒否), deferred (保留),
 * reaffirmed (再確認), withdrawn (撤回, by the person), revoked (取消, by the city), invalidated
 * (無効, found defective), expired (期限切れ: optional, derived from `validUntil`),
 * entered-in-error (誤登録).
 * @category events
 * @since 0.1.0
 * @example
 * ```ts
 * const kind: Consent.EventKind = "withdrawn"
 * ```
 */
export const EventKind = Schema.Literals([
  "requested",
  "given",
  "refused",
  "deferred",
  "reaffirmed",
  "withdrawn",
  "revoked",
  "invalidated",
  "expired",
  "entered-in-error"
])
/** @category events */
export type EventKind = typeof EventKind.Type

/**
 * Who acted: the person (本人), a representative (代理人) or staff (職員). @category events @since 0.1.0
 * @example
 * ```ts
 * const actor: Consent.Actor = { _tag: "subject" }
 * ```
 */
export const Actor = Schema.Union([
  Schema.TaggedStruct("subject", {}),
  Schema.TaggedStruct("representative", { relation: RepresentativeRelation }),
  Schema.TaggedStruct("staff", { staffId: Id })
])
/** @category events */
export type Actor = typeof Actor.Type

/**
 * How an event was expressed. @category events @since 0.1.0
 * @example
 * ```ts
 * const method: typeof Consent.EventMethod.Type = "counter"
 * ```
 */
export const EventMethod = Schema.Literals(["paper-signed", "e-signed", "verbal-witnessed", "counter", "system"])

/**
 * A lifecycle event (同意の経過), bitemporal: `effectiveAt` (when it holds in the world) and
 * `recordedAt` (when the ledger learnt it). `supersededBy` on a `revoked` event names the new
 * record of a scope change.
 * @category events
 * @since 0.1.0
 * @example
 * ```ts
 * const given: Consent.ConsentEvent = {
 *   eventId: "ev-1",
 *   recordId: "consent-0412",
 *   kind: "given",
 *   effectiveAt: Period.unsafeInstant("2013-04-12T01:00:00Z"),
 *   recordedAt: Period.unsafeInstant("2013-04-12T01:05:00Z"),
 *   actor: { _tag: "subject" },
 *   method: "paper-signed"
 * }
 * ```
 */
export const ConsentEvent = Schema.Struct({
  eventId: Id,
  recordId: Id,
  kind: EventKind,
  effectiveAt: Period.Instant,
  recordedAt: Period.Instant,
  actor: Actor,
  method: EventMethod,
  evidenceRef: Schema.optionalKey(Schema.String.check(Schema.isNonEmpty())),
  reason: Schema.optionalKey(Schema.String.check(Schema.isNonEmpty())),
  supersededBy: Schema.optionalKey(Id)
})
/** @category events */
export type ConsentEvent = typeof ConsentEvent.Type

/**
 * The state of a record at an instant (DPV ConsentStatus). Only `Given` is valid for processing.
 * @category states
 * @since 0.1.0
 * @example
 * ```ts
 * declare const ledger: Consent.Ledger
 * const state: Consent.ConsentState = Consent.stateAt(ledger, "consent-0412", Period.unsafeInstant("2013-10-02T01:00:00Z"))
 * ```
 */
export const ConsentState = Schema.Literals([
  "None", // 未作成
  "Requested", // 依頼中
  "Deferred", // 保留
  "Given", // 同意あり
  "Refused", // 拒否
  "Withdrawn", // 撤回
  "Revoked", // 取消
  "Expired", // 期限切れ
  "Invalidated", // 無効
  "EnteredInError" // 誤登録
])
/** @category states */
export type ConsentState = typeof ConsentState.Type

/**
 * States a record never leaves for `Given` (a re-consent is a new record). @category states @since 0.1.0
 * @example
 * ```ts
 * Consent.TERMINAL_STATES.includes("Withdrawn") // true: a withdrawn record never returns to Given
 * ```
 */
export const TERMINAL_STATES: ReadonlyArray<ConsentState> = ["Refused", "Withdrawn", "Revoked", "Expired", "Invalidated", "EnteredInError"]

// Ties at one instant are ordered by lifecycle phase, so that "requested" and "given" stamped at the
// same moment replay in the only order that makes sense; then by eventId. A total order on the set.
const PHASE: Record<EventKind, number> = {
  requested: 0,
  deferred: 1,
  refused: 2,
  given: 2,
  reaffirmed: 3,
  withdrawn: 4,
  revoked: 4,
  expired: 5,
  invalidated: 6,
  "entered-in-error": 7
}

/**
 * Canonical order of events: effectiveAt, then lifecycle phase, then eventId. @category events @since 0.1.0
 * @example
 * ```ts
 * declare const events: ReadonlyArray<Consent.ConsentEvent>
 * const ordered = [...events].sort(Consent.compareEvents)
 * ```
 */
export const compareEvents = (a: ConsentEvent, b: ConsentEvent): number =>
  compareInstants(a.effectiveAt, b.effectiveAt) ||
  PHASE[a.kind] - PHASE[b.kind] ||
  (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0)

interface Step {
  readonly state: ConsentState
  readonly problem?: RecordProblem
}

/** One step of a record's state machine (the first problem stops the replay). */
const stateAfter = (record: ConsentRecord, state: ConsentState, e: ConsentEvent): Step => {
  // Expiry is derived: a Given record is Expired from validUntil on, with or without an event.
  const current: ConsentState = state === "Given" && compareInstants(e.effectiveAt, record.validUntil) >= 0 ? "Expired" : state
  const at: StepAt = { record, current, e }
  switch (e.kind) {
    case "entered-in-error":
    case "invalidated":
    case "expired":
      return correctionStep(at, e.kind)
    default:
      return TERMINAL_STATES.includes(current) ? fromTerminal(at) : lifecycleStep(at, e.kind)
  }
}

/** What a step looks at: the record, its state when the event takes effect, and the event. */
interface StepAt {
  readonly record: ConsentRecord
  readonly current: ConsentState
  readonly e: ConsentEvent
}

const illegal = ({ current }: StepAt, code: RefusalCode, path: string, message: string, messageJa: string): Step => ({
  state: current,
  problem: { code, path: [path], message, messageJa }
})

const fromTerminal = (at: StepAt): Step =>
  illegal(at, "terminal-state", "kind", `a ${at.e.kind} event cannot follow the terminal state ${at.current}; a new consent is a new record`, `終了状態（${at.current}）からは遷移できません。新しい同意は新しい記録として作成してください`)

/** Staff corrections (誤登録, 無効) and the expiry event: allowed from more states than the person's own steps. */
const correctionStep = (at: StepAt, kind: "entered-in-error" | "invalidated" | "expired"): Step => {
  const { current, e } = at
  const isStaff = e.actor._tag === "staff"
  switch (kind) {
    case "entered-in-error":
      if (!isStaff) return illegal(at, "staff-only", "actor", "only staff can mark a record entered-in-error", "誤登録の処理は職員のみ行えます")
      if (e.reason === undefined) return illegal(at, "reason-required", "reason", "entered-in-error needs a reason", "誤登録には理由が必要です")
      return current === "EnteredInError" ? fromTerminal(at) : { state: "EnteredInError" }
    case "invalidated":
      if (!isStaff) return illegal(at, "staff-only", "actor", "only staff can invalidate a record", "無効の処理は職員のみ行えます")
      if (e.reason === undefined) return illegal(at, "reason-required", "reason", "invalidation needs a reason", "無効には理由が必要です")
      // A defect found later taints prior uses too, so invalidation may follow withdrawal or expiry.
      return ["Given", "Withdrawn", "Revoked", "Expired"].includes(current)
        ? { state: "Invalidated" }
        : TERMINAL_STATES.includes(current)
          ? fromTerminal(at)
          : illegal(at, "illegal-transition", "kind", `a record in state ${current} was never given and cannot be invalidated`, "同意されていない記録は無効にできません")
    case "expired":
      if (current === "Expired") return { state: "Expired" }
      if (current === "Given") return illegal(at, "expiry-is-derived", "effectiveAt", "an expired event must not precede validUntil: expiry is derived from validUntil", "期限切れは有効期限から導出されます")
      return TERMINAL_STATES.includes(current) ? fromTerminal(at) : illegal(at, "illegal-transition", "kind", `a record in state ${current} cannot expire`, "この状態の記録は期限切れになりません")
  }
}

/** The person's steps (requested → given / refused / deferred, reaffirmed, withdrawn) and the city's revocation, from a non-terminal state. */
const lifecycleStep = (at: StepAt, kind: Exclude<ConsentEvent["kind"], "entered-in-error" | "invalidated" | "expired">): Step => {
  const { record, current, e } = at
  const transition = (from: ReadonlyArray<ConsentState>, to: ConsentState): Step =>
    from.includes(current) ? { state: to } : illegal(at, "illegal-transition", "kind", `${e.kind} is not allowed in state ${current}`, `状態 ${current} では ${e.kind} できません`)
  switch (kind) {
    case "requested":
      return transition(["None", "Deferred"], "Requested")
    case "given":
      if (compareInstants(e.effectiveAt, record.validUntil) >= 0) {
        return illegal(at, "after-expiry", "effectiveAt", "consent cannot be given at or after validUntil", "有効期限以降に同意を得ることはできません")
      }
      return transition(["Requested"], "Given")
    case "refused":
      return transition(["Requested"], "Refused")
    case "deferred":
      return transition(["Requested"], "Deferred")
    case "reaffirmed":
      return transition(["Given"], "Given")
    case "withdrawn":
      return transition(["Given"], "Withdrawn")
    case "revoked":
      if (e.actor._tag !== "staff") return illegal(at, "staff-only", "actor", "only the city (staff) revokes; the person withdraws", "取消は職員のみ行えます（本人は撤回）")
      if (e.reason === undefined) return illegal(at, "reason-required", "reason", "revocation needs a reason", "取消には理由が必要です")
      return transition(["Given"], "Revoked")
  }
}

/** Replays a record's events (canonical order); the first illegal step, if any. */
const replayRecord = (
  record: ConsentRecord,
  events: ReadonlyArray<ConsentEvent>
): { readonly state: ConsentState; readonly failure?: { readonly event: ConsentEvent; readonly problem: RecordProblem } } => {
  let state: ConsentState = "None"
  for (const e of events) {
    const step = stateAfter(record, state, e)
    if (step.problem !== undefined) return { state, failure: { event: e, problem: step.problem } }
    state = step.state
  }
  return { state }
}

// ---------------------------------------------------------------------------------------------
// Law-based grants (法令に基づく提供) — kept apart from consent (P14)
// ---------------------------------------------------------------------------------------------

/**
 * 生活困窮者自立支援法第9条第1項 (支援会議). @category law @since 0.1.0
 * @example
 * ```ts
 * Consent.SUPPORT_MEETING_STATUTE // "生活困窮者自立支援法第9条第1項"
 * ```
 */
export const SUPPORT_MEETING_STATUTE = "生活困窮者自立支援法第9条第1項"
/**
 * 生活保護法第27条の3 (調整会議, from 2025-04-01). @category law @since 0.1.0
 * @example
 * ```ts
 * Consent.COORDINATION_MEETING_STATUTE // "生活保護法第27条の3"
 * ```
 */
export const COORDINATION_MEETING_STATUTE = "生活保護法第27条の3"

/**
 * The statute behind a grant: a 支援会議 under 困窮法 Art. 9 or a 調整会議 under 生活保護法
 * Art. 27-3. Members of both owe a statutory duty of secrecy.
 * @category law
 * @since 0.1.0
 * @example
 * ```ts
 * const basis: Consent.LawBasisKind = { _tag: "support-meeting", statute: Consent.SUPPORT_MEETING_STATUTE, meetingId: "kushiro-support-meeting" }
 * ```
 */
export const LawBasisKind = Schema.Union([
  Schema.TaggedStruct("support-meeting", { statute: Schema.Literal(SUPPORT_MEETING_STATUTE), meetingId: Id }),
  Schema.TaggedStruct("coordination-meeting", { statute: Schema.Literal(COORDINATION_MEETING_STATUTE), meetingId: Id })
])
/** @category law */
export type LawBasisKind = typeof LawBasisKind.Type

/**
 * A member of a meeting's roster: a named organisation (the id is required). @category law @since 0.1.0
 * @example
 * ```ts
 * const member: typeof Consent.RosterMember.Type = { class: "hello-work", id: "hw-kushiro" }
 * ```
 */
export const RosterMember = Schema.Struct({ class: RecipientClass, id: Id })

/**
 * A law-based grant: the meeting may share these categories of these persons among its roster, for
 * its purpose, within `[validFrom, validUntil)`. Sensitive categories must be named; `"*"` covers
 * only non-sensitive data.
 * @category law
 * @since 0.1.0
 * @example
 * ```ts
 * declare const grant: Consent.LawGrant
 * const r = Consent.addGrant(Consent.empty(), grant)
 * ```
 */
export const LawGrant = Schema.Struct({
  grantId: Id,
  basis: LawBasisKind,
  purpose: Purpose,
  roster: Schema.NonEmptyArray(RosterMember),
  subjects: Schema.NonEmptyArray(Id),
  dataCategories: Schema.NonEmptyArray(DataCategory),
  actions: Schema.NonEmptyArray(Action),
  validFrom: Period.Instant,
  validUntil: Period.Instant,
  recordedAt: Period.Instant
}).check(
  Schema.makeFilter((g: { readonly validFrom: string; readonly validUntil: string }) =>
    compareInstants(g.validFrom, g.validUntil) < 0 ? undefined : { path: ["validUntil"], issue: "validUntil must be after validFrom" }
  )
)
/** @category law */
export type LawGrant = typeof LawGrant.Type

// ---------------------------------------------------------------------------------------------
// The ledger (同意台帳)
// ---------------------------------------------------------------------------------------------

/**
 * The consent ledger: records (by id), events (canonical order) and law-based grants, under one
 * sensitivity policy. Append-only; built only through {@link apply} and friends.
 * @category ledger
 * @since 0.1.0
 * @example
 * ```ts
 * const ledger: Consent.Ledger = Consent.empty()
 * ```
 */
export const Ledger = Schema.Struct({
  policy: SensitivityPolicy,
  records: Schema.Array(ConsentRecord),
  events: Schema.Array(ConsentEvent),
  grants: Schema.Array(LawGrant)
})
/** @category ledger */
export type Ledger = typeof Ledger.Type

/**
 * An empty ledger under a sensitivity policy. @category ledger @since 0.1.0
 * @example
 * ```ts
 * Consent.empty({ welfareStatusSensitive: false, additional: [] }).records.length // 0
 * ```
 */
export const empty = (policy: SensitivityPolicy = defaultPolicy): Ledger => ({ policy, records: [], events: [], grants: [] })

/**
 * One thing appended to the ledger: a record, an event, or a law-based grant.
 * @category ledger
 * @since 0.1.0
 * @example
 * ```ts
 * declare const record: Consent.ConsentRecord
 * const entry: Consent.LedgerEntry = { _tag: "RecordAdded", record }
 * ```
 */
export const LedgerEntry = Schema.Union([
  Schema.TaggedStruct("RecordAdded", { record: ConsentRecord }),
  Schema.TaggedStruct("EventAppended", { event: ConsentEvent }),
  Schema.TaggedStruct("GrantAdded", { grant: LawGrant })
])
/** @category ledger */
export type LedgerEntry = typeof LedgerEntry.Type

const sameContent = (a: object, b: object): boolean => a === b || memoHash(a) === memoHash(b)

const byId = <A>(items: ReadonlyArray<A>, id: (a: A) => string, wanted: string): A | undefined => items.find((a) => id(a) === wanted)

const insertSorted = <A>(items: ReadonlyArray<A>, item: A, compare: (a: A, b: A) => number): ReadonlyArray<A> => {
  let i = items.length
  while (i > 0 && compare(items[i - 1]!, item) > 0) i--
  return [...items.slice(0, i), item, ...items.slice(i)]
}

const latestRecordedAt = (ledger: Ledger): string | undefined => {
  let latest: string | undefined
  for (const e of ledger.events) if (latest === undefined || compareInstants(e.recordedAt, latest) > 0) latest = e.recordedAt
  for (const g of ledger.grants) if (latest === undefined || compareInstants(g.recordedAt, latest) > 0) latest = g.recordedAt
  return latest
}

const problemToRefusal = (p: RecordProblem, prefix: ReadonlyArray<string | number>): ConsentRefusal =>
  refusal(p.code, [...prefix, ...p.path], p.message, p.messageJa)

/**
 * Registers a record. Same id and same content is a no-op; same id with other content, a content
 * problem (see {@link recordProblems}) or a broken `predecessor` link is refused, naming the field.
 * @category ledger
 * @since 0.1.0
 * @example
 * ```ts
 * declare const record: Consent.ConsentRecord
 * const r = Consent.addRecord(Consent.empty(), record)
 * if (r._tag === "Failure") console.log(r.failure.code, r.failure.messageJa)
 * ```
 */
export const addRecord = (ledger: Ledger, record: ConsentRecord): Result.Result<Ledger, ConsentRefusal> => {
  const existing = byId(ledger.records, (r) => r.recordId, record.recordId)
  if (existing !== undefined) {
    return sameContent(existing, record)
      ? Result.succeed(ledger)
      : Result.fail(refusal("duplicate-id", ["recordId"], `record ${record.recordId} already exists with different content; records are immutable`, "同じIDの別内容の記録が既にあります（記録は変更できません）"))
  }
  const problem = recordProblems(record, ledger.policy)[0]
  if (problem !== undefined) return Result.fail(problemToRefusal(problem, []))
  if (record.predecessor !== undefined) {
    const previous = byId(ledger.records, (r) => r.recordId, record.predecessor.recordId)
    if (previous === undefined) {
      return Result.fail(refusal("unknown-record", ["predecessor", "recordId"], `predecessor ${record.predecessor.recordId} is not in the ledger`, "前の同意記録が台帳にありません"))
    }
    if (previous.subjectRef !== record.subjectRef) {
      return Result.fail(refusal("predecessor-mismatch", ["predecessor", "recordId"], "a predecessor must concern the same person", "前の同意記録の本人が異なります"))
    }
    if (recordHash(previous) !== record.predecessor.recordHash) {
      return Result.fail(refusal("predecessor-mismatch", ["predecessor", "recordHash"], `predecessor hash is ${recordHash(previous)}`, "前の同意記録のハッシュが一致しません"))
    }
  }
  return Result.succeed({ ...ledger, records: insertSorted(ledger.records, record, (a, b) => (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0)) })
}

/**
 * Appends a lifecycle event. Same id and same content is a no-op (idempotent). Refused, naming the
 * field: an unknown record, a reused id with other content, a `recordedAt` earlier than the ledger's
 * latest, or any illegal transition the event causes anywhere in the record's history (e.g. out of a
 * terminal state).
 * @category ledger
 * @since 0.1.0
 * @example
 * ```ts
 * declare const ledger: Consent.Ledger, withdrawal: Consent.ConsentEvent
 * const r = Consent.appendEvent(ledger, withdrawal) // appending the same event twice is idempotent (P15)
 * ```
 */
export const appendEvent = (ledger: Ledger, event: ConsentEvent): Result.Result<Ledger, ConsentRefusal> => {
  const existing = byId(ledger.events, (e) => e.eventId, event.eventId)
  if (existing !== undefined) {
    return sameContent(existing, event)
      ? Result.succeed(ledger)
      : Result.fail(refusal("duplicate-id", ["eventId"], `event ${event.eventId} already exists with different content; events are append-only`, "同じIDの別内容の経過が既にあります"))
  }
  const record = byId(ledger.records, (r) => r.recordId, event.recordId)
  if (record === undefined) {
    return Result.fail(refusal("unknown-record", ["recordId"], `no record ${event.recordId} in the ledger`, "同意記録が台帳にありません"))
  }
  const latest = latestRecordedAt(ledger)
  if (latest !== undefined && compareInstants(event.recordedAt, latest) < 0) {
    return Result.fail(refusal("recorded-time-regressed", ["recordedAt"], `recordedAt ${event.recordedAt} is before the ledger's latest ${latest}: the ledger is append-only`, "記録時刻が台帳の最新時刻より前です"))
  }
  if (event.kind === "revoked" && event.supersededBy !== undefined) {
    const successor = byId(ledger.records, (r) => r.recordId, event.supersededBy)
    if (successor === undefined || successor.subjectRef !== record.subjectRef || successor.recordId === record.recordId) {
      return Result.fail(refusal("unknown-successor", ["supersededBy"], `supersededBy must name another registered record of the same person`, "後継の同意記録が台帳にありません"))
    }
  }
  const events = insertSorted(ledger.events, event, compareEvents)
  const replay = replayRecord(record, events.filter((e) => e.recordId === record.recordId))
  if (replay.failure !== undefined) {
    const { event: failed, problem } = replay.failure
    const message = failed.eventId === event.eventId ? problem.message : `${problem.message} (event ${failed.eventId} would follow it)`
    return Result.fail(refusal(problem.code, problem.path, message, problem.messageJa))
  }
  return Result.succeed({ ...ledger, events })
}

/**
 * Registers a law-based grant. Refused: a reused id with other content, a window `until <= from`, a
 * wildcard marked sensitive, a sensitive category marked non-sensitive, a regressing `recordedAt`.
 * @category ledger
 * @since 0.1.0
 * @example
 * ```ts
 * declare const ledger: Consent.Ledger, grant: Consent.LawGrant
 * const r = Consent.addGrant(ledger, grant)
 * ```
 */
export const addGrant = (ledger: Ledger, grant: LawGrant): Result.Result<Ledger, ConsentRefusal> => {
  const existing = byId(ledger.grants, (g) => g.grantId, grant.grantId)
  if (existing !== undefined) {
    return sameContent(existing, grant)
      ? Result.succeed(ledger)
      : Result.fail(refusal("duplicate-id", ["grantId"], `grant ${grant.grantId} already exists with different content`, "同じIDの別内容の根拠が既にあります"))
  }
  if (compareInstants(grant.validFrom, grant.validUntil) >= 0) {
    return Result.fail(refusal("empty-window", ["validUntil"], "validUntil must be after validFrom", "期間の終わりが始まり以前です"))
  }
  for (const [i, c] of grant.dataCategories.entries()) {
    if (c.code === ALL_DATA && c.sensitive) {
      return Result.fail(refusal("wildcard-over-sensitive", ["dataCategories", i, "sensitive"], "a wildcard can never cover sensitive categories", "要配慮個人情報はワイルドカードで指定できません"))
    }
    if (c.code !== ALL_DATA && !c.sensitive && isSensitive(ledger.policy, c.code)) {
      return Result.fail(refusal("sensitivity-understated", ["dataCategories", i, "sensitive"], `category ${c.code} must be marked sensitive`, `${c.code} は要配慮個人情報です`))
    }
  }
  const latest = latestRecordedAt(ledger)
  if (latest !== undefined && compareInstants(grant.recordedAt, latest) < 0) {
    return Result.fail(refusal("recorded-time-regressed", ["recordedAt"], `recordedAt ${grant.recordedAt} is before the ledger's latest ${latest}`, "記録時刻が台帳の最新時刻より前です"))
  }
  return Result.succeed({ ...ledger, grants: insertSorted(ledger.grants, grant, (a, b) => (a.grantId < b.grantId ? -1 : a.grantId > b.grantId ? 1 : 0)) })
}

const prefixRefusal = (r: ConsentRefusal, prefix: ReadonlyArray<string | number>): ConsentRefusal => ({ ...r, path: [...prefix, ...r.path] })

/**
 * Applies one entry (total): the new ledger, or a refusal naming the field (`record.…`, `event.…`,
 * `grant.…`). On refusal the caller keeps the old ledger: nothing is half-applied.
 * @category ledger
 * @since 0.1.0
 * @example
 * ```ts
 * declare const ledger: Consent.Ledger, entry: Consent.LedgerEntry
 * const r = Consent.apply(ledger, entry)
 * ```
 */
export const apply = (ledger: Ledger, entry: LedgerEntry): Result.Result<Ledger, ConsentRefusal> => {
  switch (entry._tag) {
    case "RecordAdded":
      return Result.mapError(addRecord(ledger, entry.record), (r) => prefixRefusal(r, ["record"]))
    case "EventAppended":
      return Result.mapError(appendEvent(ledger, entry.event), (r) => prefixRefusal(r, ["event"]))
    case "GrantAdded":
      return Result.mapError(addGrant(ledger, entry.grant), (r) => prefixRefusal(r, ["grant"]))
  }
}

const decodeEntry = decodeWith(LedgerEntry)

/**
 * Decodes unknown input as a {@link LedgerEntry}, then {@link apply}s it. @category ledger @since 0.1.0
 * @example
 * ```ts
 * declare const ledger: Consent.Ledger
 * const r = Consent.applyUnknown(ledger, JSON.parse('{"_tag":"EventAppended","event":{}}'))
 * if (r._tag === "Failure") console.log(r.failure.code) // invalid-input
 * ```
 */
export const applyUnknown = (ledger: Ledger, input: unknown): Result.Result<Ledger, ConsentRefusal> => {
  const decoded = decodeEntry(input)
  return Result.isFailure(decoded) ? Result.fail(invalidInput(decoded.failure)) : apply(ledger, decoded.success)
}

/**
 * Decodes a record at the boundary (every issue with its path). @category records @since 0.1.0
 * @example
 * ```ts
 * Consent.decodeRecord({ recordId: "consent-0412" })._tag // "Failure": every missing field with its path
 * ```
 */
export const decodeRecord = (input: unknown): Result.Result<ConsentRecord, ConsentRefusal> =>
  Result.mapError(decodeWith(ConsentRecord)(input), invalidInput)

/**
 * Decodes an event at the boundary. @category events @since 0.1.0
 * @example
 * ```ts
 * Consent.decodeEvent({ eventId: "ev-1" })._tag // "Failure"
 * ```
 */
export const decodeEvent = (input: unknown): Result.Result<ConsentEvent, ConsentRefusal> =>
  Result.mapError(decodeWith(ConsentEvent)(input), invalidInput)

const entryOrder = (e: LedgerEntry): [number, string, string] => {
  switch (e._tag) {
    case "RecordAdded":
      return [0, "", e.record.recordId]
    case "GrantAdded":
      return [1, instantKey(e.grant.recordedAt), e.grant.grantId]
    case "EventAppended":
      return [1, instantKey(e.event.recordedAt), `${instantKey(e.event.effectiveAt)}|${String(PHASE[e.event.kind])}|${e.event.eventId}`]
  }
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * A total order: two entries with the same key (the same id twice, with other contents) are
 * ordered by their whole content, so which one is applied first — and so which refusal the set
 * gets — does not depend on the order they are given in (P12).
 */
const compareEntries = (a: LedgerEntry, b: LedgerEntry): number => {
  const [a0, a1, a2] = entryOrder(a)
  const [b0, b1, b2] = entryOrder(b)
  return a0 - b0 || compareText(a1, b1) || compareText(a2, b2) || compareText(canonicalJson(a), canonicalJson(b))
}

/**
 * Builds a ledger from a *set* of entries (any order): records first (predecessors before
 * successors), then events and grants by `recordedAt`. The result does not depend on the order
 * the entries are given in (P12).
 * @category ledger
 * @since 0.1.0
 * @example
 * ```ts
 * declare const entries: ReadonlyArray<Consent.LedgerEntry>
 * const r = Consent.fromEntries(entries) // the same ledger whatever the order of the entries (P12)
 * ```
 */
export const fromEntries = (entries: ReadonlyArray<LedgerEntry>, policy: SensitivityPolicy = defaultPolicy): Result.Result<Ledger, ConsentRefusal> => {
  const sorted = [...entries].sort(compareEntries)
  const records: ReadonlyArray<LedgerEntry> = sorted.filter((e) => e._tag === "RecordAdded")
  const rest = sorted.filter((e) => e._tag !== "RecordAdded")
  let ledger = empty(policy)
  // Records may point at predecessors registered later in the id order: add in rounds.
  let pending = records
  while (pending.length > 0) {
    const next: Array<LedgerEntry> = []
    let progressed = false
    let lastFailure: ConsentRefusal | undefined
    for (const e of pending) {
      const r = apply(ledger, e)
      if (Result.isSuccess(r)) {
        ledger = r.success
        progressed = true
      } else if (r.failure.code === "unknown-record") {
        next.push(e)
        lastFailure = r.failure
      } else return r
    }
    if (!progressed && lastFailure !== undefined) return Result.fail(lastFailure)
    pending = next
  }
  for (const e of rest) {
    const r = apply(ledger, e)
    if (Result.isFailure(r)) return r
    ledger = r.success
  }
  return Result.succeed(ledger)
}

const decodeLedgerShape = decodeWith(Ledger)

/**
 * Decodes a stored ledger (e.g. a JSON snapshot) and re-checks it entry by entry: the result is a
 * ledger `apply` could have built, or the first refusal (`record.…`, `event.…`, `grant.…`).
 * @category ledger
 * @since 0.1.0
 * @example
 * ```ts
 * const r = Consent.decodeLedger(JSON.parse(JSON.stringify(Consent.empty())))
 * console.log(r._tag) // "Success"
 * ```
 */
export const decodeLedger = (input: unknown): Result.Result<Ledger, ConsentRefusal> => {
  const decoded = decodeLedgerShape(input)
  if (Result.isFailure(decoded)) return Result.fail(invalidInput(decoded.failure))
  const { policy, records, events, grants } = decoded.success
  return fromEntries(
    [
      ...records.map((record) => ({ _tag: "RecordAdded" as const, record })),
      ...events.map((event) => ({ _tag: "EventAppended" as const, event })),
      ...grants.map((grant) => ({ _tag: "GrantAdded" as const, grant }))
    ],
    policy
  )
}

// ---------------------------------------------------------------------------------------------
// Views, states and versions (bitemporal)
// ---------------------------------------------------------------------------------------------

/** What the ledger knew at `asKnownAt` (all of it when absent). */
interface View {
  readonly ledger: Ledger
  readonly events: ReadonlyArray<ConsentEvent>
  readonly grants: ReadonlyArray<LawGrant>
  readonly eventsByRecord: ReadonlyMap<string, ReadonlyArray<ConsentEvent>>
  readonly records: ReadonlyArray<ConsentRecord>
  readonly knownAt: string | undefined
  readonly sensitiveCodes: ReadonlySet<string>
}

const viewCache = new WeakMap<Ledger, Map<string, View>>()

const viewOf = (ledger: Ledger, asKnownAt: string | undefined): View => {
  const cacheKey = asKnownAt === undefined ? "" : instantKey(asKnownAt)
  let perLedger = viewCache.get(ledger)
  if (perLedger === undefined) {
    perLedger = new Map()
    viewCache.set(ledger, perLedger)
  }
  const cached = perLedger.get(cacheKey)
  if (cached !== undefined) return cached
  const known = (recordedAt: string) => asKnownAt === undefined || compareInstants(recordedAt, asKnownAt) <= 0
  const events = ledger.events.filter((e) => known(e.recordedAt))
  const grants = ledger.grants.filter((g) => known(g.recordedAt))
  const eventsByRecord = new Map<string, Array<ConsentEvent>>()
  for (const e of events) {
    const list = eventsByRecord.get(e.recordId)
    if (list === undefined) eventsByRecord.set(e.recordId, [e])
    else list.push(e)
  }
  const records = ledger.records.filter((r) => eventsByRecord.has(r.recordId))
  let knownAt: string | undefined
  for (const e of events) if (knownAt === undefined || compareInstants(e.recordedAt, knownAt) > 0) knownAt = e.recordedAt
  for (const g of grants) if (knownAt === undefined || compareInstants(g.recordedAt, knownAt) > 0) knownAt = g.recordedAt
  const sensitiveCodes = new Set<string>()
  for (const r of ledger.records) for (const c of r.dataCategories) if (c.sensitive) sensitiveCodes.add(c.code)
  for (const g of grants) for (const c of g.dataCategories) if (c.sensitive) sensitiveCodes.add(c.code)
  const view: View = { ledger, events, grants, eventsByRecord, records, knownAt, sensitiveCodes }
  perLedger.set(cacheKey, view)
  return view
}

const versionCache = new WeakMap<View, string>()

// The version hashes only what decisions depend on: the policy, the known events, the records they
// concern and the known grants — so that a record registered but not yet acted on, or an event
// recorded after `asKnownAt`, does not change it (P6, P15).
const versionOfView = (view: View): string => {
  const cached = versionCache.get(view)
  if (cached !== undefined) return cached
  const version = contentHash({
    policy: view.ledger.policy,
    records: view.records.map(recordHash),
    events: view.events.map(memoHash),
    grants: view.grants.map(memoHash)
  })
  versionCache.set(view, version)
  return version
}

/**
 * Options of {@link decide}, {@link stateAt} and {@link ledgerVersion}. @category decisions @since 0.1.0
 * @example
 * ```ts
 * const options: Consent.AsKnownAt = { asKnownAt: Period.unsafeInstant("2013-10-01T00:00:00Z") }
 * ```
 */
export interface AsKnownAt {
  /** Only what was recorded at or before this instant counts (bitemporal replay). */
  readonly asKnownAt?: Period.Instant | undefined
}

/**
 * The ledger version (台帳の版): a content hash of everything a decision can depend on, as known
 * at `asKnownAt`. It does not depend on the order entries were appended in.
 * @category ledger
 * @since 0.1.0
 * @example
 * ```ts
 * Consent.ledgerVersion(Consent.empty()).startsWith("sha256:") // true
 * ```
 */
export const ledgerVersion = (ledger: Ledger, options: AsKnownAt = {}): string => versionOfView(viewOf(ledger, options.asKnownAt))

/**
 * The state of a record at instant `at` (as known at `asKnownAt`), expiry derived from
 * `validUntil`. An unknown record is `None`.
 * @category states
 * @since 0.1.0
 * @example
 * ```ts
 * declare const ledger: Consent.Ledger
 * Consent.stateAt(ledger, "consent-0412", Period.unsafeInstant("2014-01-10T00:00:00Z")) // e.g. "Withdrawn"
 * ```
 */
export const stateAt = (ledger: Ledger, recordId: string, at: Period.Instant, options: AsKnownAt = {}): ConsentState => {
  const view = viewOf(ledger, options.asKnownAt)
  const record = byId(ledger.records, (r) => r.recordId, recordId)
  if (record === undefined) return "None"
  const events = (view.eventsByRecord.get(recordId) ?? []).filter((e) => compareInstants(e.effectiveAt, at) <= 0)
  // Invalidation and entered-in-error are retroactive: they hold for every instant once known.
  const all = view.eventsByRecord.get(recordId) ?? []
  if (all.some((e) => e.kind === "entered-in-error")) return "EnteredInError"
  const state = replayRecord(record, events).state
  if (all.some((e) => e.kind === "invalidated") && state !== "None" && state !== "Requested" && state !== "Deferred" && state !== "Refused") return "Invalidated"
  return state === "Given" && compareInstants(at, record.validUntil) >= 0 ? "Expired" : state
}

/**
 * The events of one record, in canonical order: the history shown to the person (R6). @category states @since 0.1.0
 * @example
 * ```ts
 * declare const ledger: Consent.Ledger
 * Consent.historyOf(ledger, "consent-0412").map((e) => `${e.effectiveAt} ${e.kind}`)
 * ```
 */
export const historyOf = (ledger: Ledger, recordId: string, options: AsKnownAt = {}): ReadonlyArray<ConsentEvent> =>
  viewOf(ledger, options.asKnownAt).eventsByRecord.get(recordId) ?? []

/**
 * The chain of revisions ending at `recordId`, oldest first, following `predecessor` links;
 * each link's hash is checked. Fails naming the first broken link.
 * @category records
 * @since 0.1.0
 * @example
 * ```ts
 * declare const ledger: Consent.Ledger
 * const r = Consent.revisionChain(ledger, "consent-0913")
 * if (r._tag === "Success") console.log(r.success.map((rec) => rec.recordId)) // ["consent-0913", "consent-0412"]
 * ```
 */
export const revisionChain = (ledger: Ledger, recordId: string): Result.Result<ReadonlyArray<ConsentRecord>, ConsentRefusal> => {
  const chain: Array<ConsentRecord> = []
  let current: ConsentRecord | undefined = byId(ledger.records, (r) => r.recordId, recordId)
  if (current === undefined) return Result.fail(refusal("unknown-record", ["recordId"], `no record ${recordId}`, "同意記録がありません"))
  const seen = new Set<string>()
  while (current !== undefined) {
    if (seen.has(current.recordId)) return Result.fail(refusal("predecessor-mismatch", ["predecessor", "recordId"], "predecessor links form a cycle", "前の記録の参照が循環しています"))
    seen.add(current.recordId)
    chain.unshift(current)
    const link: ConsentRecord["predecessor"] = current.predecessor
    if (link === undefined) break
    const previous: ConsentRecord | undefined = byId(ledger.records, (r) => r.recordId, link.recordId)
    if (previous === undefined || recordHash(previous) !== link.recordHash) {
      return Result.fail(refusal("predecessor-mismatch", ["predecessor", "recordHash"], `the link from ${current.recordId} to ${link.recordId} is broken`, "前の記録へのハッシュ連鎖が壊れています"))
    }
    current = previous
  }
  return Result.succeed(chain)
}

// ---------------------------------------------------------------------------------------------
// Requests and decisions
// ---------------------------------------------------------------------------------------------

/**
 * A disclosure request (提供の可否の照会): may `recipient` receive these categories of this person,
 * for this purpose and action, at instant `at`?
 * @category decisions
 * @since 0.1.0
 * @example
 * ```ts
 * const request: Consent.Request = {
 *   subjectRef: "person-17",
 *   purpose: "employment-support-referral",
 *   recipient: { class: "hello-work", id: "hw-kushiro" },
 *   dataCategories: ["identity", "employment-history"],
 *   action: "disclose",
 *   at: Period.unsafeInstant("2013-10-02T01:00:00Z")
 * }
 * ```
 */
export const Request = Schema.Struct({
  subjectRef: Id,
  purpose: Purpose,
  recipient: Recipient,
  dataCategories: Schema.NonEmptyArray(RequestedCategory),
  action: Action,
  at: Period.Instant
})
/** @category decisions */
export type Request = typeof Request.Type

/**
 * Decodes a request at the boundary. @category decisions @since 0.1.0
 * @example
 * ```ts
 * Consent.decodeRequest({ subjectRef: "person-17" })._tag // "Failure"
 * ```
 */
export const decodeRequest = (input: unknown): Result.Result<Request, ConsentRefusal> => Result.mapError(decodeWith(Request)(input), invalidInput)

/**
 * Consent as the basis of a Permit: APPI Art. 69(2)(i), with the records relied on. @category decisions @since 0.1.0
 * @example
 * ```ts
 * declare const decision: Consent.Decision
 * if (decision._tag === "Permit" && decision.basis._tag === "consent") { const basis: typeof Consent.ConsentBasis.Type = decision.basis; console.log(basis.recordIds) }
 * ```
 */
export const ConsentBasis = Schema.TaggedStruct("consent", {
  legalBasis: Schema.Literal(CONSENT_LEGAL_BASIS),
  recordIds: Schema.NonEmptyArray(Id)
})

/**
 * A statute as the basis of a Permit (法令に基づく場合, APPI Art. 69(1)): the meeting, its roster and purpose. @category decisions @since 0.1.0
 * @example
 * ```ts
 * declare const decision: Consent.Decision
 * if (decision._tag === "Permit" && decision.basis._tag === "law") { const basis: typeof Consent.LawBasis.Type = decision.basis; console.log(basis.grantId) }
 * ```
 */
export const LawBasis = Schema.TaggedStruct("law", {
  grantId: Id,
  kind: LawBasisKind,
  statute: Schema.String,
  purpose: Purpose,
  roster: Schema.NonEmptyArray(RosterMember)
})

/**
 * The basis named by every Permit (P14). @category decisions @since 0.1.0
 * @example
 * ```ts
 * declare const permit: Consent.Permit
 * const basis: Consent.Basis = permit.basis
 * ```
 */
export const Basis = Schema.Union([ConsentBasis, LawBasis])
/** @category decisions */
export type Basis = typeof Basis.Type

/**
 * Why a request was denied. @category decisions @since 0.1.0
 * @example
 * ```ts
 * const code: Consent.DenyCode = "withdrawn"
 * ```
 */
export const DenyCode = Schema.Literals([
  "record-denies", // 同意記録が拒否（例外規定を含む）
  "withdrawn", // 撤回済み
  "revoked", // 取消済み
  "invalidated" // 無効
])
/** @category decisions */
export type DenyCode = typeof DenyCode.Type

const decisionCommon = {
  decisionId: Schema.String,
  ledgerVersion: Schema.String,
  knownAt: Schema.optionalKey(Period.Instant),
  request: Request
}

/**
 * Permit (提供可): with its basis and the consent records relied on (empty for a law basis). @category decisions @since 0.1.0
 * @example
 * ```ts
 * declare const ledger: Consent.Ledger, request: Consent.Request
 * const d = Consent.decide(ledger, request)
 * if (Consent.isPermit(d)) { const p: Consent.Permit = d; console.log(p.basis._tag, p.recordIds) }
 * ```
 */
export const Permit = Schema.TaggedStruct("Permit", { ...decisionCommon, basis: Basis, recordIds: Schema.Array(Id) })
/**
 * Deny (提供不可): a record in force says no. @category decisions @since 0.1.0
 * @example
 * ```ts
 * declare const ledger: Consent.Ledger, request: Consent.Request
 * const d = Consent.decide(ledger, request)
 * if (d._tag === "Deny") { const deny: Consent.Deny = d; console.log(deny.code) }
 * ```
 */
export const Deny = Schema.TaggedStruct("Deny", {
  ...decisionCommon,
  code: DenyCode,
  reason: Schema.String,
  reasonJa: Schema.String,
  category: RequestedCategory,
  recordIds: Schema.Array(Id)
})
/**
 * NoBasis (根拠なし): no consent and no law covers the request. @category decisions @since 0.1.0
 * @example
 * ```ts
 * const request: Consent.Request = { subjectRef: "person-17", purpose: "employment-support-referral", recipient: { class: "hello-work" }, dataCategories: ["identity"], action: "disclose", at: Period.unsafeInstant("2013-10-02T01:00:00Z") }
 * const d = Consent.decide(Consent.empty(), request)
 * if (d._tag === "NoBasis") { const none: Consent.NoBasis = d; console.log(none.reason) } // closed world: no record, no permit (P1)
 * ```
 */
export const NoBasis = Schema.TaggedStruct("NoBasis", {
  ...decisionCommon,
  reason: Schema.String,
  reasonJa: Schema.String,
  categories: Schema.Array(RequestedCategory)
})

/**
 * A decision (提供可否の判断): `Permit | Deny | NoBasis`, tagged by `_tag`, with a deterministic
 * `decisionId` = content hash of (ledger version, request).
 * @category decisions
 * @since 0.1.0
 * @example
 * ```ts
 * const request: Consent.Request = { subjectRef: "person-17", purpose: "employment-support-referral", recipient: { class: "hello-work" }, dataCategories: ["identity"], action: "disclose", at: Period.unsafeInstant("2013-10-02T01:00:00Z") }
 * const d: Consent.Decision = Consent.decide(Consent.empty(), request)
 * d._tag // "NoBasis"
 * ```
 */
export const Decision = Schema.Union([Permit, Deny, NoBasis])
/** @category decisions */
export type Decision = typeof Decision.Type
/** @category decisions */
export type Permit = typeof Permit.Type
/** @category decisions */
export type Deny = typeof Deny.Type
/** @category decisions */
export type NoBasis = typeof NoBasis.Type

/**
 * The deterministic id of a decision on a request at a ledger version. @category decisions @since 0.1.0
 * @example
 * ```ts
 * const request: Consent.Request = { subjectRef: "person-17", purpose: "employment-support-referral", recipient: { class: "hello-work" }, dataCategories: ["identity"], action: "disclose", at: Period.unsafeInstant("2013-10-02T01:00:00Z") }
 * Consent.decisionIdOf(Consent.ledgerVersion(Consent.empty()), request) // the same request on the same ledger has the same id
 * ```
 */
export const decisionIdOf = (version: string, request: Request): string => contentHash({ ledgerVersion: version, request })

// --- matching -------------------------------------------------------------------------------

interface Query {
  readonly request: Request
  readonly category: string
  readonly sensitive: boolean
}

const sensitiveIn = (view: View, code: string): boolean => isSensitive(view.ledger.policy, code) || view.sensitiveCodes.has(code)

const scopeCoversCategory = (scope: ReadonlyArray<DataCategory>, q: Query): boolean =>
  scope.some((c) => c.code === q.category || (c.code === ALL_DATA && !q.sensitive))

/** Whether a record's top-level scope covers the query (purpose, recipient, category, action). */
const recordCovers = (record: ConsentRecord, q: Query): boolean =>
  record.purposes.includes(q.request.purpose) &&
  record.recipients.some((r) => recipientCovers(r, q.request.recipient)) &&
  record.actions.some((a) => actionCovers(a, q.request.action)) &&
  scopeCoversCategory(record.dataCategories, q)

const provisionMatches = (p: Provision, q: Query, decisionOfNode: Verdict): boolean => {
  if (p.purposes.length > 0 && !p.purposes.includes(q.request.purpose)) return false
  if (p.recipients.length > 0 && !p.recipients.some((r) => recipientCovers(r, q.request.recipient))) return false
  if (p.actions.length > 0 && !p.actions.some((a) => actionCovers(a, q.request.action))) return false
  if (p.period !== undefined && !withinHalfOpen(q.request.at, p.period.from, p.period.until)) return false
  if (p.dataCategories.includes(q.category)) return true
  const wildcard = p.dataCategories.length === 0 || p.dataCategories.includes(ALL_DATA)
  // A wildcard can withhold sensitive data but never grant it (P11).
  return wildcard && (!q.sensitive || decisionOfNode === "deny")
}

/**
 * The decision of a provision tree for one query: matching exceptions flip their parent, and
 * matching siblings combine deny-overrides — at every depth.
 * @category decisions
 * @since 0.1.0
 */
const evaluateTree = (decision: Verdict, exceptions: ReadonlyArray<Provision>, q: Query): Verdict => {
  const childDecision = flip(decision)
  let result: Verdict | undefined
  for (const child of exceptions) {
    if (!provisionMatches(child, q, childDecision)) continue
    const v = evaluateTree(childDecision, child.exceptions, q)
    if (v === "deny") return "deny"
    result = v
  }
  return result ?? decision
}

/**
 * The answer of one record's provision tree for a request and category (ignoring its lifecycle). @category decisions @since 0.1.0
 * @example
 * ```ts
 * declare const record: Consent.ConsentRecord, request: Consent.Request
 * Consent.evaluateRecord(record, request, "identity") // "permit", "deny", or undefined when the record does not speak to it
 * ```
 */
export const evaluateRecord = (record: ConsentRecord, request: Request, category: string, policy: SensitivityPolicy = defaultPolicy): Verdict | undefined => {
  const q: Query = { request, category, sensitive: isSensitive(policy, category) || record.dataCategories.some((c) => c.code === category && c.sensitive) }
  return recordCovers(record, q) ? evaluateTree(record.decision, record.exceptions, q) : undefined
}

// --- votes across records --------------------------------------------------------------------

interface Vote {
  readonly recordId: string
  readonly verdict: Verdict
  readonly code: DenyCode | undefined
  readonly at: string
}

const CHOICE_KINDS: ReadonlyArray<EventKind> = ["given", "reaffirmed", "withdrawn", "revoked"]

/** A record's latest choice at or before the request time, as a vote (or none). */
const voteOf = (view: View, record: ConsentRecord, q: Query): Vote | undefined => {
  const events = view.eventsByRecord.get(record.recordId) ?? []
  if (events.some((e) => e.kind === "entered-in-error")) return undefined
  if (!recordCovers(record, q)) return undefined
  let latest: ConsentEvent | undefined
  for (const e of events) {
    if (!CHOICE_KINDS.includes(e.kind)) continue
    if (compareInstants(e.effectiveAt, q.request.at) > 0) break
    latest = e
  }
  if (latest === undefined) return undefined
  const invalidated = events.some((e) => e.kind === "invalidated")
  const choiceAt = latest.effectiveAt
  const vote = (verdict: Verdict, code: DenyCode | undefined): Vote => ({
    recordId: record.recordId,
    verdict: invalidated ? "deny" : verdict,
    code: invalidated ? "invalidated" : code,
    at: choiceAt
  })
  switch (latest.kind) {
    case "withdrawn":
      return vote("deny", "withdrawn")
    case "revoked":
      // A supersession hands the scope over to the successor record: the old record falls silent.
      return latest.supersededBy !== undefined ? undefined : vote("deny", "revoked")
    default: {
      if (!withinHalfOpen(q.request.at, record.validFrom, record.validUntil)) return undefined
      const verdict = evaluateTree(record.decision, record.exceptions, q)
      return vote(verdict, verdict === "deny" ? "record-denies" : undefined)
    }
  }
}

type CategoryOutcome =
  | { readonly _tag: "permit"; readonly recordIds: ReadonlyArray<string> }
  | { readonly _tag: "deny"; readonly code: DenyCode; readonly recordIds: ReadonlyArray<string> }
  | { readonly _tag: "none" }

const DENY_PRIORITY: ReadonlyArray<DenyCode> = ["invalidated", "withdrawn", "revoked", "record-denies"]

const consentOutcome = (view: View, q: Query): CategoryOutcome => {
  const votes: Array<Vote> = []
  for (const record of view.records) {
    if (record.subjectRef !== q.request.subjectRef) continue
    const v = voteOf(view, record, q)
    if (v !== undefined) votes.push(v)
  }
  if (votes.length === 0) return { _tag: "none" }
  let latestKey = ""
  for (const v of votes) if (instantKey(v.at) > latestKey) latestKey = instantKey(v.at)
  const top = votes.filter((v) => instantKey(v.at) === latestKey)
  const denies = top.filter((v) => v.verdict === "deny")
  if (denies.length > 0) {
    const code = DENY_PRIORITY.find((c) => denies.some((d) => d.code === c)) ?? "record-denies"
    return { _tag: "deny", code, recordIds: denies.map((d) => d.recordId).sort() }
  }
  return { _tag: "permit", recordIds: top.map((v) => v.recordId).sort() }
}

const grantCovers = (grant: LawGrant, q: Query): boolean =>
  grant.subjects.includes(q.request.subjectRef) &&
  grant.purpose === q.request.purpose &&
  grant.roster.some((m) => m.class === q.request.recipient.class && m.id === q.request.recipient.id) &&
  grant.actions.some((a) => actionCovers(a, q.request.action)) &&
  withinHalfOpen(q.request.at, grant.validFrom, grant.validUntil) &&
  scopeCoversCategory(grant.dataCategories, q)

const queriesOf = (view: View, request: Request): ReadonlyArray<Query> =>
  request.dataCategories.map((category) => ({ request, category, sensitive: sensitiveIn(view, category) }))

const DENY_TEXT: Record<DenyCode, readonly [string, string]> = {
  "record-denies": ["the person's consent record denies this disclosure", "本人の同意記録がこの提供を認めていません"],
  withdrawn: ["the person withdrew consent", "本人が同意を撤回しています"],
  revoked: ["the consent was revoked", "同意が取り消されています"],
  invalidated: ["the consent record was invalidated", "同意記録が無効とされています"]
}

/**
 * Decides a request (提供可否の判断). A law-based grant covering every requested category gives
 * `Permit` with a law basis, whatever the consents say (P14). Otherwise each category is decided
 * on consent: any Deny makes the decision Deny; any category without a basis makes it NoBasis;
 * otherwise Permit with the records relied on. `asKnownAt` replays what the ledger knew then.
 * @category decisions
 * @since 0.1.0
 * @example
 * ```ts
 * declare const ledger: Consent.Ledger
 * const d = Consent.decide(ledger, { subjectRef: "person-17", purpose: "employment-support-referral", recipient: { class: "hello-work" }, dataCategories: ["identity"], action: "disclose", at: Period.unsafeInstant("2013-10-02T01:00:00Z") })
 * console.log(d._tag) // "Permit" | "Deny" | "NoBasis"
 * ```
 */
export const decide = (ledger: Ledger, request: Request, options: AsKnownAt = {}): Decision => {
  const view = viewOf(ledger, options.asKnownAt)
  const version = versionOfView(view)
  const common: DecisionCommon = {
    decisionId: decisionIdOf(version, request),
    ledgerVersion: version,
    ...(view.knownAt !== undefined ? { knownAt: view.knownAt as Period.Instant } : {}),
    request
  }
  const queries = queriesOf(view, request)
  const grant = view.grants.find((g) => queries.every((q) => grantCovers(g, q)))
  if (grant !== undefined) return lawPermit(common, grant)
  return consentDecision(
    common,
    queries.map((q) => ({ q, outcome: consentOutcome(view, q) }))
  )
}

/** The fields every decision carries: its id, the ledger version it read, as known when, the request. */
type DecisionCommon = Pick<Decision, "decisionId" | "ledgerVersion" | "knownAt" | "request">

/** A law-based grant covers every query: Permit on that basis, relying on no consent record. */
const lawPermit = (common: DecisionCommon, grant: LawGrant): Decision => ({
  _tag: "Permit",
  ...common,
  basis: { _tag: "law", grantId: grant.grantId, kind: grant.basis, statute: grant.basis.statute, purpose: grant.purpose, roster: grant.roster },
  recordIds: []
})

type QueryOutcome = { readonly q: ReturnType<typeof queriesOf>[number]; readonly outcome: ReturnType<typeof consentOutcome> }

/** Decided on consent, category by category: any Deny wins, then any category without consent, else Permit. */
const consentDecision = (common: DecisionCommon, outcomes: ReadonlyArray<QueryOutcome>): Decision => {
  const { request } = common
  for (const { q, outcome } of outcomes) {
    if (outcome._tag !== "deny") continue
    const [en, ja] = DENY_TEXT[outcome.code]
    return {
      _tag: "Deny",
      ...common,
      code: outcome.code,
      reason: `${en} (category ${q.category}; records ${outcome.recordIds.join(", ")})`,
      reasonJa: `${ja}（項目: ${q.category}）`,
      category: q.category as RequestedCategory,
      recordIds: outcome.recordIds
    }
  }
  const missing = outcomes.filter((o) => o.outcome._tag === "none").map((o) => o.q.category as RequestedCategory)
  if (missing.length > 0) {
    return {
      _tag: "NoBasis",
      ...common,
      reason: `no consent in force and no law-based grant covers ${missing.join(", ")} for purpose ${request.purpose} to ${request.recipient.class}`,
      reasonJa: `提供の根拠（同意または法令）がありません（項目: ${missing.join("、")}）`,
      categories: missing
    }
  }
  const recordIds = [...new Set(outcomes.flatMap((o) => (o.outcome._tag === "permit" ? o.outcome.recordIds : [])))].sort()
  return {
    _tag: "Permit",
    ...common,
    basis: { _tag: "consent", legalBasis: CONSENT_LEGAL_BASIS, recordIds: recordIds as unknown as readonly [Id, ...Array<Id>] },
    recordIds
  }
}

/**
 * Decides each requested category on its own — the categories a recipient may see, and those
 * withheld (REST: "the rest listed as withheld").
 * @category decisions
 * @since 0.1.0
 * @example
 * ```ts
 * declare const ledger: Consent.Ledger, request: Consent.Request
 * Consent.decideEach(ledger, request).map((c) => `${c.category}: ${c.decision._tag}`)
 * ```
 */
export const decideEach = (ledger: Ledger, request: Request, options: AsKnownAt = {}): ReadonlyArray<{ readonly category: RequestedCategory; readonly decision: Decision }> =>
  request.dataCategories.map((category) => ({ category, decision: decide(ledger, { ...request, dataCategories: [category] }, options) }))

/**
 * Replays an audited decision against the ledger as known when it was taken (P15). Fails with
 * `replay-mismatch` when the ledger no longer reproduces it (the ledger was tampered with, or
 * an entry was appended with the same `recordedAt` after the decision).
 * @category decisions
 * @since 0.1.0
 * @example
 * ```ts
 * declare const ledger: Consent.Ledger, decision: Consent.Decision
 * Consent.replay(ledger, decision)._tag // "Success" when the ledger as known then gives the same decision (P15)
 * ```
 */
export const replay = (ledger: Ledger, decision: Decision): Result.Result<Decision, ConsentRefusal> => {
  const again = decision.knownAt === undefined ? decideEmptyView(ledger, decision.request) : decide(ledger, decision.request, { asKnownAt: decision.knownAt })
  return sameContent(again, decision)
    ? Result.succeed(again)
    : Result.fail(refusal("replay-mismatch", ["decisionId"], `the ledger as known at ${decision.knownAt ?? "(empty)"} gives decision ${again.decisionId}, not ${decision.decisionId}`, "台帳から判断を再現できません"))
}

const decideEmptyView = (ledger: Ledger, request: Request): Decision => decide(empty(ledger.policy), request)

/**
 * Whether a decision is a Permit. @category decisions @since 0.1.0
 * @example
 * ```ts
 * declare const decision: Consent.Decision
 * if (Consent.isPermit(decision)) console.log(decision.basis)
 * ```
 */
export const isPermit = (d: Decision): d is Permit => d._tag === "Permit"
