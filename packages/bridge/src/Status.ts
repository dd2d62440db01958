/**
 * Status — who receives what (受給状況), as the existing welfare systems (既存の基幹システム) record it.
 *
 * A `StatusRecord` is one row of a core system's export after mapping: a benefit (制度) of a person
 * (宛名), its status (受給状況) and the day it took effect (開始日・変更日). The source system's own
 * row key (`sourceId`, e.g. 受給者番号) identifies it across files; its `contentHash` says whether a
 * row changed. A `StatusChange` is the dated event the bridge records when a row is first seen
 * (`recorded`, 新規) or seen with different content (`changed`, 変更).
 *
 * @since 0.1.0
 * @module
 */
import { Period } from "@jiritsu/core"
import { Schema } from "effect"

/**
 * The benefits the bridge tracks (制度):
 * - `public_assistance` 生活保護
 * - `child_rearing_allowance` 児童扶養手当
 * - `housing_benefit` 住居確保給付金
 * @category vocabulary
 * @since 0.1.0
 * @example
 * ```ts
 * const benefit: Status.Benefit = "public_assistance" // 生活保護
 * ```
 */
export const Benefit = Schema.Literals(["public_assistance", "child_rearing_allowance", "housing_benefit"])
/** @category vocabulary */
export type Benefit = typeof Benefit.Type

/**
 * Japanese and English names of each benefit. @category vocabulary @since 0.1.0
 * @example
 * ```ts
 * Status.benefitLabels.child_rearing_allowance.ja // "児童扶養手当"
 * ```
 */
export const benefitLabels: { readonly [K in Benefit]: { readonly ja: string; readonly en: string } } = {
  public_assistance: { ja: "生活保護", en: "public assistance" },
  child_rearing_allowance: { ja: "児童扶養手当", en: "child-rearing allowance" },
  housing_benefit: { ja: "住居確保給付金", en: "housing benefit" }
}

/**
 * Where a benefit stands (受給状況):
 * - `applied` 申請中 — applied for, not yet decided
 * - `receiving` 受給中 — being paid (保護開始・支給決定)
 * - `suspended` 停止中 — paused (保護停止・支給停止)
 * - `ended` 廃止・終了 — discontinued or ended (保護廃止・支給終了)
 * - `rejected` 却下 — the application was turned down
 * @category vocabulary
 * @since 0.1.0
 * @example
 * ```ts
 * const status: Status.BenefitStatus = "suspended" // 停止中
 * ```
 */
export const BenefitStatus = Schema.Literals(["applied", "receiving", "suspended", "ended", "rejected"])
/** @category vocabulary */
export type BenefitStatus = typeof BenefitStatus.Type

/**
 * Japanese and English names of each status. @category vocabulary @since 0.1.0
 * @example
 * ```ts
 * Status.statusLabels.ended.ja // "廃止・終了"
 * ```
 */
export const statusLabels: { readonly [K in BenefitStatus]: { readonly ja: string; readonly en: string } } = {
  applied: { ja: "申請中", en: "applied" },
  receiving: { ja: "受給中", en: "receiving" },
  suspended: { ja: "停止中", en: "suspended" },
  ended: { ja: "廃止・終了", en: "ended" },
  rejected: { ja: "却下", en: "rejected" }
}

const NonEmpty = Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(256))

/**
 * The name of a source system (連携元システム名), e.g. `seikatsu-hogo`. @category records @since 0.1.0
 * @example
 * ```ts
 * const source: Status.SourceName = "seikatsu-hogo"
 * ```
 */
export const SourceName = Schema.String.check(Schema.isPattern(/^[a-z0-9][a-z0-9_.-]{0,63}$/u))
/** @category records */
export type SourceName = typeof SourceName.Type

/**
 * One benefit status as a core system exports it (受給状況レコード), after mapping. `effectiveUntil`
 * (exclusive) is the first day the status no longer applies, when the system states one (e.g. the
 * end of a housing-benefit payment period). `extra` holds further mapped text columns.
 * @category records
 * @since 0.1.0
 * @example
 * ```ts
 * const record: Status.StatusRecord = {
 *   sourceId: "R-000123", personRef: "A-4711", benefit: "public_assistance", status: "receiving",
 *   effectiveFrom: Period.unsafeDate("2023-04-01"), nameKana: "ヤマダ ハナコ", site: "鶴見"
 * }
 * ```
 */
export const StatusRecord = Schema.Struct({
  sourceId: NonEmpty,
  personRef: NonEmpty,
  benefit: Benefit,
  status: BenefitStatus,
  effectiveFrom: Period.LocalDate,
  effectiveUntil: Schema.optionalKey(Period.LocalDate),
  birthDate: Schema.optionalKey(Period.LocalDate),
  nameKana: Schema.optionalKey(Schema.String),
  householdRef: Schema.optionalKey(NonEmpty),
  site: Schema.optionalKey(NonEmpty),
  extra: Schema.optionalKey(Schema.Record(Schema.String, Schema.String))
}).check(
  Schema.makeFilter((r: { readonly effectiveFrom: string; readonly effectiveUntil?: string }) =>
    r.effectiveUntil === undefined || r.effectiveFrom < r.effectiveUntil
      ? undefined
      : { path: ["effectiveUntil"], issue: `effectiveUntil (${r.effectiveUntil}) must be after effectiveFrom (${r.effectiveFrom})` }
  )
)
/** @category records */
export type StatusRecord = typeof StatusRecord.Type

/**
 * A dated status change (受給状況の変更イベント): `recorded` when a source id is first seen,
 * `changed` when it is seen with different content. `effectiveOn` is the day the new status took
 * effect (the row's `effectiveFrom`); `position` orders changes for `changesSince`.
 * @category changes
 * @since 0.1.0
 * @example
 * ```ts
 * const line = (c: Status.StatusChange): string =>
 *   `${c.effectiveOn} ${c.personRef} ${Status.benefitLabels[c.benefit].ja}: ${c.previousStatus === undefined ? "" : `${Status.statusLabels[c.previousStatus].ja} → `}${Status.statusLabels[c.status].ja}`
 * ```
 */
export const StatusChange = Schema.Struct({
  position: Schema.String,
  source: SourceName,
  kind: Schema.Literals(["recorded", "changed"]),
  sourceId: NonEmpty,
  personRef: NonEmpty,
  benefit: Benefit,
  effectiveOn: Period.LocalDate,
  previousStatus: Schema.optionalKey(BenefitStatus),
  status: BenefitStatus,
  contentHash: Schema.String,
  record: StatusRecord
})
/** @category changes */
export type StatusChange = typeof StatusChange.Type

/**
 * A person's benefits as of a date (ある日の受給状況): for each benefit the status in force then
 * (the latest record with `effectiveFrom ≤ asOf` whose `effectiveUntil` has not passed), or absent.
 * @category queries
 * @since 0.1.0
 * @example
 * ```ts
 * const s: Status.PersonStatus = {
 *   personRef: "A-4711", asOf: Period.unsafeDate("2024-04-01"),
 *   benefits: [{ benefit: "public_assistance", status: "receiving", since: Period.unsafeDate("2023-04-01"), sourceId: "R-000123", source: "seikatsu-hogo" }]
 * }
 * ```
 */
export const PersonStatus = Schema.Struct({
  personRef: NonEmpty,
  asOf: Period.LocalDate,
  benefits: Schema.Array(
    Schema.Struct({ benefit: Benefit, status: BenefitStatus, since: Period.LocalDate, sourceId: NonEmpty, source: SourceName })
  )
})
/** @category queries */
export type PersonStatus = typeof PersonStatus.Type

/**
 * Whether the person receives a benefit on that date (受給中か). @category queries @since 0.1.0
 * @example
 * ```ts
 * const s = Status.statusAsOf("A-4711", Period.unsafeDate("2024-04-01"), [
 *   { source: "seikatsu-hogo", record: { sourceId: "R-1", personRef: "A-4711", benefit: "public_assistance", status: "receiving", effectiveFrom: Period.unsafeDate("2023-04-01") } }
 * ])
 * Status.receives(s, "public_assistance") // true
 * Status.receives(s, "housing_benefit") // false
 * ```
 */
export const receives = (s: PersonStatus, benefit: Benefit): boolean =>
  s.benefits.some((b) => b.benefit === benefit && b.status === "receiving")

/**
 * The status in force on `asOf` from a person's records (any order): per benefit the record with
 * the greatest `effectiveFrom ≤ asOf` (ties: the later in the list), unless its `effectiveUntil`
 * has passed.
 * @category queries
 * @since 0.1.0
 * @example
 * ```ts
 * const r = (status: Status.BenefitStatus, from: string): Status.StatusRecord => ({ sourceId: "R-1", personRef: "A-4711", benefit: "public_assistance", status, effectiveFrom: Period.unsafeDate(from) })
 * const s = Status.statusAsOf("A-4711", Period.unsafeDate("2024-01-15"), [
 *   { source: "seikatsu-hogo", record: r("receiving", "2023-04-01") },
 *   { source: "seikatsu-hogo", record: r("suspended", "2024-01-01") }
 * ])
 * s.benefits[0]?.status // "suspended": the latest record in force
 * ```
 */
export const statusAsOf = (
  personRef: string,
  asOf: Period.LocalDate,
  records: Iterable<{ readonly source: SourceName; readonly record: StatusRecord }>
): PersonStatus => {
  const best = new Map<Benefit, { readonly source: SourceName; readonly record: StatusRecord }>()
  for (const entry of records) {
    const r = entry.record
    if (r.personRef !== personRef || r.effectiveFrom > asOf) continue
    const current = best.get(r.benefit)
    if (current === undefined || current.record.effectiveFrom <= r.effectiveFrom) best.set(r.benefit, entry)
  }
  const benefits = [...best.values()]
    .filter(({ record }) => record.effectiveUntil === undefined || asOf < record.effectiveUntil)
    .map(({ source, record }) => ({ benefit: record.benefit, status: record.status, since: record.effectiveFrom, sourceId: record.sourceId, source }))
    .sort((a, b) => Benefit.literals.indexOf(a.benefit) - Benefit.literals.indexOf(b.benefit))
  return { personRef, asOf, benefits }
}
