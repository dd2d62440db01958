/**
 * RuleSet (判定ルールセット) — dated versions of a rule, evaluated as of a date.
 *
 * Each version has an effective period `[from, until)` (an open `until` means "until further
 * notice") and a citation, in the manner of OpenFisca's dated parameters. Evaluation picks the
 * version in force at `asOf`. Outside the defined range the behaviour is explicit:
 * - `strict`: a typed {@link VersionNotFound} (before the first version, past the last, in a gap);
 * - `lenient`: the nearest earlier version (or the first, before the range) plus a warning in
 *   the verdict.
 *
 * Static checks ({@link check}) return typed findings: overlapping or gapped versions, duplicate
 * version labels, and every rule finding of every version (clauses that can never matter,
 * contradictions, overlay conflicts, duplicate ids).
 *
 * Laws (test/RuleSet.test.ts): exactly one version applies at every date inside the range of a
 * check-clean rule set; the verdict carries the version in force; `evaluateMany` ≡ `evaluate`.
 *
 * @since 0.1.0
 * @module
 */
import { Result, Schema } from "effect"
import { decodeFacts, FactSpecs, Labels } from "./Fact.ts"
import { strictDecoder } from "./internal/ruleDecode.ts"
import { contentHash } from "./internal/hash.ts"
import { Citation } from "./internal/ruleSchema.ts"
import { LocalDate } from "./Period.ts"
import * as Rule from "./Rule.ts"
import type { Outcome, Verdict, VerdictWarning, VersionRef } from "./Verdict.ts"

/**
 * One dated version of a rule set (改正ごとの版). @category model @since 0.1.0
 * @example
 * ```ts
 * const v: RuleSet.Version = RuleSet.version({ version: "2013", from: Period.unsafeDate("2013-04-01"), rule: Rule.isTrue({ id: "able", ja: "稼働能力", en: "able" }, "able_to_work") })
 * ```
 */
export const Version = Schema.Struct({
  version: Schema.NonEmptyString,
  from: LocalDate,
  until: Schema.optionalKey(LocalDate),
  rule: Rule.Rule,
  citation: Schema.optionalKey(Citation),
  notes: Schema.optionalKey(Labels)
}).check(
  Schema.makeFilter((v: { readonly from: string; readonly until?: string }) =>
    v.until === undefined || v.from < v.until || { path: ["until"], issue: "expected until after from (versions are [from, until))" }
  )
)
/** @category model */
export type Version = typeof Version.Type

/**
 * A rule set: id, labels, declared facts and its versions. @category model @since 0.1.0
 * @example
 * ```ts
 * const rs: RuleSet.RuleSet = RuleSet.make({ id: "demo", ja: "例", en: "demo", versions: [] })
 * ```
 */
export const RuleSet = Schema.Struct({
  id: Schema.NonEmptyString,
  labels: Labels,
  citation: Schema.optionalKey(Citation),
  facts: Schema.optionalKey(FactSpecs),
  versions: Schema.Array(Version).check(Schema.isMinLength(1))
}).annotate({ identifier: "RuleSet", title: "jiritsu rule set" })
/** @category model */
export type RuleSet = typeof RuleSet.Type

/**
 * Strict: outside the versions is an error. Lenient: nearest version + warning. @category evaluation @since 0.1.0
 * @example
 * ```ts
 * const mode: RuleSet.Mode = "strict" // or "lenient": the nearest version, with a warning
 * ```
 */
export type Mode = "strict" | "lenient"

/**
 * No version in force at the date (strict mode). @category errors @since 0.1.0
 * @example
 * ```ts
 * const rs = RuleSet.make({ id: "demo", ja: "例", en: "demo", versions: [RuleSet.version({ version: "2013", from: Period.unsafeDate("2013-04-01"), rule: Rule.isTrue({ id: "a", ja: "a", en: "a" }, "a") })] })
 * const r = RuleSet.versionAt(rs, Period.unsafeDate("2012-04-01"), "strict")
 * if (r._tag === "Failure") r.failure satisfies RuleSet.VersionNotFound
 * ```
 */
export const VersionNotFound = Schema.TaggedStruct("VersionNotFound", {
  ruleSetId: Schema.String,
  asOf: LocalDate,
  position: Schema.Literals(["before_first_version", "past_last_version", "between_versions"]),
  message: Schema.String,
  messageJa: Schema.String
})
/** @category errors */
export type VersionNotFound = typeof VersionNotFound.Type

/**
 * A rule-set document that could not be decoded, with every issue's path. @category errors @since 0.1.0
 * @example
 * ```ts
 * const r = RuleSet.decode({ id: "demo" })
 * if (r._tag === "Failure") r.failure.issues.map((i) => i.path.join(".")) // ["labels", "versions"]
 * ```
 */
export const RuleSetDecodeError = Schema.TaggedStruct("RuleSetDecodeError", {
  issues: Schema.Array(Schema.Struct({ path: Schema.Array(Schema.Union([Schema.String, Schema.Number])), message: Schema.String })),
  message: Schema.String
})
/** @category errors */
export type RuleSetDecodeError = typeof RuleSetDecodeError.Type

const Severity = Schema.Literals(["error", "warning"])

/**
 * Two versions in force on the same day. @category checks @since 0.1.0
 * @example
 * ```ts
 * const rule = Rule.isTrue({ id: "a", ja: "a", en: "a" }, "a")
 * const rs = RuleSet.make({ id: "demo", ja: "例", en: "demo", versions: [
 *   RuleSet.version({ version: "a", from: Period.unsafeDate("2013-04-01"), rule }),
 *   RuleSet.version({ version: "b", from: Period.unsafeDate("2014-04-01"), rule })
 * ] })
 * RuleSet.check(rs).filter((f): f is typeof RuleSet.VersionOverlap.Type => f._tag === "VersionOverlap").length // 1: "a" is open-ended
 * ```
 */
export const VersionOverlap = Schema.TaggedStruct("VersionOverlap", {
  severity: Severity,
  versions: Schema.Array(Schema.String),
  from: LocalDate,
  message: Labels
})
/**
 * Days between two versions where no version is in force. @category checks @since 0.1.0
 * @example
 * ```ts
 * const rule = Rule.isTrue({ id: "a", ja: "a", en: "a" }, "a")
 * const rs = RuleSet.make({ id: "demo", ja: "例", en: "demo", versions: [
 *   RuleSet.version({ version: "a", from: Period.unsafeDate("2013-04-01"), until: Period.unsafeDate("2014-04-01"), rule }),
 *   RuleSet.version({ version: "b", from: Period.unsafeDate("2015-04-01"), rule })
 * ] })
 * RuleSet.check(rs).some((f): f is typeof RuleSet.VersionGap.Type => f._tag === "VersionGap") // true
 * ```
 */
export const VersionGap = Schema.TaggedStruct("VersionGap", {
  severity: Severity,
  after: Schema.String,
  before: Schema.String,
  from: LocalDate,
  until: LocalDate,
  message: Labels
})
/**
 * Two versions with the same label. @category checks @since 0.1.0
 * @example
 * ```ts
 * const finding: typeof RuleSet.DuplicateVersion.Type = { _tag: "DuplicateVersion", severity: "error", version: "2013", message: { ja: "版名の重複: 2013", en: "duplicate version 2013" } }
 * ```
 */
export const DuplicateVersion = Schema.TaggedStruct("DuplicateVersion", { severity: Severity, version: Schema.String, message: Labels })
/**
 * A rule finding inside one version. @category checks @since 0.1.0
 * @example
 * ```ts
 * const rs = RuleSet.make({ id: "demo", ja: "例", en: "demo", versions: [RuleSet.version({ version: "2013", from: Period.unsafeDate("2013-04-01"), rule: Rule.all({ id: "x", ja: "x", en: "x" }, [Rule.isTrue({ id: "x", ja: "x", en: "x" }, "x")]) })] })
 * RuleSet.check(rs).filter((f): f is typeof RuleSet.VersionRuleFinding.Type => f._tag === "VersionRuleFinding").length // 1 (duplicate clause id in version 2013)
 * ```
 */
export const VersionRuleFinding = Schema.TaggedStruct("VersionRuleFinding", {
  severity: Severity,
  version: Schema.String,
  finding: Rule.RuleFinding,
  message: Labels
})
/**
 * Every static finding on a rule set. @category checks @since 0.1.0
 * @example
 * ```ts
 * const rs = RuleSet.make({ id: "demo", ja: "例", en: "demo", versions: [] })
 * const findings: ReadonlyArray<RuleSet.Finding> = RuleSet.check(rs)
 * ```
 */
export const Finding = Schema.Union([VersionOverlap, VersionGap, DuplicateVersion, VersionRuleFinding])
/** @category checks */
export type Finding = typeof Finding.Type

// ---------------------------------------------------------------------------------------------
// Builders and decoding
// ---------------------------------------------------------------------------------------------

/**
 * Builds a rule set; versions are kept sorted by `from`. @category builders @since 0.1.0
 * @example
 * ```ts
 * const rs = RuleSet.make({
 *   id: "handoff",
 *   ja: "支援要請",
 *   en: "Hello Work hand-off",
 *   versions: [
 *     RuleSet.version({ version: "2005", from: Period.unsafeDate("2005-04-01"), until: Period.unsafeDate("2013-04-01"), rule: Rule.isTrue({ id: "motivated", ja: "就労意欲", en: "motivated" }, "motivated") }),
 *     RuleSet.version({ version: "2013", from: Period.unsafeDate("2013-04-01"), rule: Rule.isTrue({ id: "able", ja: "稼働能力", en: "able" }, "able_to_work") })
 *   ]
 * })
 * ```
 */
export const make = (spec: {
  readonly id: string
  readonly ja: string
  readonly en: string
  readonly citation?: Citation
  readonly facts?: FactSpecs
  readonly versions: ReadonlyArray<Version>
}): RuleSet => ({
  id: spec.id,
  labels: { ja: spec.ja, en: spec.en },
  ...(spec.citation !== undefined ? { citation: spec.citation } : {}),
  ...(spec.facts !== undefined ? { facts: spec.facts } : {}),
  versions: sortVersions(spec.versions)
})

/**
 * Builds one version. @category builders @since 0.1.0
 * @example
 * ```ts
 * const v = RuleSet.version({ version: "2013", from: Period.unsafeDate("2013-04-01"), rule: Rule.isTrue({ id: "able", ja: "稼働能力", en: "able" }, "able_to_work"), notes: { ja: "平成25年度〜", en: "from FY2013" } })
 * ```
 */
export const version = (spec: {
  readonly version: string
  readonly from: LocalDate
  readonly until?: LocalDate
  readonly rule: Rule.Rule
  readonly citation?: Citation
  readonly notes?: Labels
}): Version => ({
  version: spec.version,
  from: spec.from,
  ...(spec.until !== undefined ? { until: spec.until } : {}),
  rule: spec.rule,
  ...(spec.citation !== undefined ? { citation: spec.citation } : {}),
  ...(spec.notes !== undefined ? { notes: spec.notes } : {})
})

const sortVersions = (versions: ReadonlyArray<Version>): ReadonlyArray<Version> =>
  [...versions].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))

/**
 * A municipal overlay of a national rule set (上乗せ・横出し): every version's rule wrapped in an
 * overlay with the same exceptions, without copying the base rules.
 * @category builders
 * @since 0.1.0
 * @example
 * ```ts
 * const national = RuleSet.make({ id: "national", ja: "国", en: "national", versions: [RuleSet.version({ version: "2013", from: Period.unsafeDate("2013-04-01"), rule: Rule.isTrue({ id: "able", ja: "稼働能力", en: "able" }, "able_to_work") })] })
 * const city = RuleSet.withOverlay(national, { id: "city", ja: "市", en: "city" }, { id: "city.overlay", ja: "市の上乗せ", en: "city overlay" }, [
 *   Rule.exclude({ id: "students", ja: "学生を除外", en: "exclude students" }, Rule.isTrue({ id: "student", ja: "学生", en: "student" }, "student"))
 * ])
 * city.versions.map((v) => v.rule.kind) // ["overlay"]
 * ```
 */
export const withOverlay = (
  base: RuleSet,
  spec: { readonly id: string; readonly ja: string; readonly en: string; readonly citation?: Citation; readonly facts?: FactSpecs },
  overlayMeta: Rule.Meta,
  exceptions: ReadonlyArray<Rule.Exception>
): RuleSet =>
  make({
    id: spec.id,
    ja: spec.ja,
    en: spec.en,
    ...(spec.citation !== undefined ? { citation: spec.citation } : {}),
    facts: { ...(base.facts ?? {}), ...(spec.facts ?? {}) },
    versions: base.versions.map((v) => ({ ...v, rule: Rule.overlay(overlayMeta, v.rule, exceptions) }))
  })

const decodeShape = strictDecoder(RuleSet)

/**
 * Decodes a rule-set document at the boundary. Never throws. @category decoding @since 0.1.0
 * @example
 * ```ts
 * const r = RuleSet.decode(JSON.parse('{"id":"demo","labels":{"ja":"例","en":"demo"},"versions":[]}'))
 * console.log(r._tag) // "Success"
 * ```
 */
export const decode = (input: unknown): Result.Result<RuleSet, RuleSetDecodeError> =>
  Result.mapError(
    Result.map(decodeShape(input), (rs) => ({ ...rs, versions: sortVersions(rs.versions) })),
    (issues) => {
      const withPaths = issues.map((i) => ({ path: i.path.map((p) => (typeof p === "number" ? p : String(p))), message: i.message }))
      return {
        _tag: "RuleSetDecodeError" as const,
        issues: withPaths,
        message: withPaths.map((i) => `${i.path.length === 0 ? "(root)" : i.path.join(".")}: ${i.message}`).join("; ")
      }
    }
  )

/**
 * Content hash of the whole rule set (all versions). @category inspection @since 0.1.0
 * @example
 * ```ts
 * RuleSet.hash(RuleSet.make({ id: "demo", ja: "例", en: "demo", versions: [] })).startsWith("sha256:") // true
 * ```
 */
export const hash = (ruleSet: RuleSet): string => contentHash(ruleSet)

// ---------------------------------------------------------------------------------------------
// Versions as of a date
// ---------------------------------------------------------------------------------------------

const inForce = (v: Version, asOf: LocalDate): boolean => v.from <= asOf && (v.until === undefined || asOf < v.until)

/**
 * The versions in force at a date (one for a check-clean rule set). @category versions @since 0.1.0
 * @example
 * ```ts
 * const rs = RuleSet.make({ id: "demo", ja: "例", en: "demo", versions: [RuleSet.version({ version: "2013", from: Period.unsafeDate("2013-04-01"), rule: Rule.isTrue({ id: "a", ja: "a", en: "a" }, "a") })] })
 * RuleSet.versionsAt(rs, Period.unsafeDate("2014-01-01")).map((v) => v.version) // ["2013"]
 * ```
 */
export const versionsAt = (ruleSet: RuleSet, asOf: LocalDate): ReadonlyArray<Version> => ruleSet.versions.filter((v) => inForce(v, asOf))

/**
 * The range covered by the versions: `[first.from, last.until)` (`until` absent when open-ended). @category versions @since 0.1.0
 * @example
 * ```ts
 * const rs = RuleSet.make({ id: "demo", ja: "例", en: "demo", versions: [RuleSet.version({ version: "2013", from: Period.unsafeDate("2013-04-01"), rule: Rule.isTrue({ id: "a", ja: "a", en: "a" }, "a") })] })
 * RuleSet.range(rs) // { from: "2013-04-01" } (open-ended)
 * ```
 */
export const range = (ruleSet: RuleSet): { readonly from: LocalDate; readonly until?: LocalDate } => {
  const first = ruleSet.versions[0]!
  const open = ruleSet.versions.some((v) => v.until === undefined)
  const until = ruleSet.versions.reduce<LocalDate | undefined>((acc, v) => (v.until !== undefined && (acc === undefined || v.until > acc) ? v.until : acc), undefined)
  return open || until === undefined ? { from: first.from } : { from: first.from, until }
}

/**
 * The version chosen at a date, with the warning lenient mode attaches. @category versions @since 0.1.0
 * @example
 * ```ts
 * const rs = RuleSet.make({ id: "demo", ja: "例", en: "demo", versions: [RuleSet.version({ version: "2013", from: Period.unsafeDate("2013-04-01"), rule: Rule.isTrue({ id: "a", ja: "a", en: "a" }, "a") })] })
 * const r = RuleSet.versionAt(rs, Period.unsafeDate("2012-06-01"), "lenient")
 * if (r._tag === "Success") { const s: RuleSet.Selection = r.success; console.log(s.version.version, s.warning?.code) } // 2013 before_first_version
 * ```
 */
export interface Selection {
  readonly version: Version
  readonly warning?: VerdictWarning
}

/**
 * Selects the version in force at `asOf`. When several overlap (a finding of {@link check}), the
 * one that started last wins. Outside the versions: strict fails, lenient takes the nearest
 * earlier version (the first one before the range) and warns.
 * @category versions
 * @since 0.1.0
 * @example
 * ```ts
 * const rs = RuleSet.make({ id: "demo", ja: "例", en: "demo", versions: [RuleSet.version({ version: "2013", from: Period.unsafeDate("2013-04-01"), rule: Rule.isTrue({ id: "a", ja: "a", en: "a" }, "a") })] })
 * RuleSet.versionAt(rs, Period.unsafeDate("2012-06-01"), "strict")._tag // "Failure": VersionNotFound
 * ```
 */
export const versionAt = (ruleSet: RuleSet, asOf: LocalDate, mode: Mode): Result.Result<Selection, VersionNotFound> => {
  const candidates = versionsAt(ruleSet, asOf)
  if (candidates.length > 0) return Result.succeed({ version: candidates[candidates.length - 1]! })
  const versions = ruleSet.versions
  const first = versions[0]!
  const earlier = versions.filter((v) => v.from <= asOf)
  const position: VersionNotFound["position"] =
    earlier.length === 0 ? "before_first_version" : earlier.length === versions.length ? "past_last_version" : "between_versions"
  const chosen = earlier.length === 0 ? first : earlier[earlier.length - 1]!
  const texts = positionText(ruleSet.id, asOf, position, chosen.version)
  if (mode === "strict") {
    return Result.fail({ _tag: "VersionNotFound", ruleSetId: ruleSet.id, asOf, position, message: texts.en, messageJa: texts.ja })
  }
  return Result.succeed({ version: chosen, warning: { code: position, message: texts } })
}

const positionText = (id: string, asOf: string, position: VersionNotFound["position"], chosen: string): Labels => {
  switch (position) {
    case "before_first_version":
      return { ja: `${id}: 基準日 ${asOf} は最初の版より前です（版 ${chosen} を適用）`, en: `${id}: ${asOf} is before the first version (applied ${chosen})` }
    case "past_last_version":
      return { ja: `${id}: 基準日 ${asOf} は最後の版の終了後です（版 ${chosen} を適用）`, en: `${id}: ${asOf} is past the last version (applied ${chosen})` }
    case "between_versions":
      return { ja: `${id}: 基準日 ${asOf} に有効な版がありません（直前の版 ${chosen} を適用）`, en: `${id}: no version in force on ${asOf} (applied the preceding ${chosen})` }
  }
}

const refOf = (ruleSet: RuleSet, v: Version): VersionRef => ({
  id: ruleSet.id,
  version: v.version,
  effective: v.until === undefined ? { from: v.from } : { from: v.from, until: v.until },
  ...(v.citation !== undefined ? { citation: v.citation } : ruleSet.citation !== undefined ? { citation: ruleSet.citation } : {})
})

// ---------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------

/**
 * Evaluates the version in force at `input.asOf`, with the full trace. The verdict carries the
 * rule set id, version, effective period, the rule's content hash and (lenient) warnings.
 * @category evaluation
 * @since 0.1.0
 * @example
 * ```ts
 * const rs = RuleSet.make({ id: "demo", ja: "例", en: "demo", versions: [RuleSet.version({ version: "2013", from: Period.unsafeDate("2013-04-01"), rule: Rule.isTrue({ id: "able", ja: "稼働能力", en: "able" }, "able_to_work") })] })
 * const r = RuleSet.evaluate(rs, { asOf: Period.unsafeDate("2013-06-01"), facts: { able_to_work: true } }, { mode: "strict" })
 * if (r._tag === "Success") console.log(r.success.outcome, r.success.ruleSet?.version) // eligible 2013
 * ```
 */
export const evaluate = (
  ruleSet: RuleSet,
  input: Rule.EvaluationRequest,
  options: { readonly mode: Mode }
): Result.Result<Verdict, VersionNotFound | Rule.OverrideRefused> => {
  const selected = versionAt(ruleSet, input.asOf, options.mode)
  if (Result.isFailure(selected)) return Result.fail(selected.failure)
  const { version: v, warning } = selected.success
  return Rule.evaluate(v.rule, input, {
    ...(ruleSet.facts !== undefined ? { specs: ruleSet.facts } : {}),
    ruleSet: refOf(ruleSet, v),
    warnings: warning === undefined ? [] : [warning]
  })
}

/**
 * Decodes unknown input (facts checked against the declared facts), then evaluates. @category evaluation @since 0.1.0
 * @example
 * ```ts
 * const rs = RuleSet.make({ id: "demo", ja: "例", en: "demo", versions: [RuleSet.version({ version: "2013", from: Period.unsafeDate("2013-04-01"), rule: Rule.isTrue({ id: "able", ja: "稼働能力", en: "able" }, "able_to_work") })] })
 * RuleSet.evaluateUnknown(rs, JSON.parse('{"asOf":"2013-06-01","facts":{"able_to_work":true}}'), { mode: "strict" })._tag // "Success"
 * ```
 */
export const evaluateUnknown = (
  ruleSet: RuleSet,
  input: unknown,
  options: { readonly mode: Mode }
): Result.Result<Verdict, Rule.InputDecodeError | VersionNotFound | Rule.OverrideRefused> => {
  const decoded = Rule.decodeInput(input)
  if (Result.isFailure(decoded)) return Result.fail(decoded.failure)
  if (ruleSet.facts !== undefined) {
    const typed = checkDeclared(ruleSet.facts, decoded.success.facts)
    if (typed !== undefined) return Result.fail(typed)
  }
  return evaluate(ruleSet, decoded.success, options)
}

const checkDeclared = (specs: FactSpecs, facts: unknown): Rule.InputDecodeError | undefined => {
  // The rule set declares only the facts it reads; the record may carry facts for other programmes.
  const r = decodeFacts(facts, specs, { unknownFacts: "keep" })
  if (Result.isSuccess(r)) return undefined
  const issues = r.failure.issues.map((i) => ({ path: ["facts", ...i.path], message: i.message }))
  return { _tag: "InputDecodeError", issues, message: issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") }
}

/**
 * Evaluates a population as of one date with the version in force then (see Rule.evaluateMany).
 * @category evaluation
 * @since 0.1.0
 * @example
 * ```ts
 * const rs = RuleSet.make({ id: "demo", ja: "例", en: "demo", versions: [RuleSet.version({ version: "2013", from: Period.unsafeDate("2013-04-01"), rule: Rule.isTrue({ id: "able", ja: "稼働能力", en: "able" }, "able_to_work") })] })
 * const r = RuleSet.evaluateMany(rs, [{ able_to_work: true }, {}], { asOf: Period.unsafeDate("2013-06-01"), mode: "strict" })
 * if (r._tag === "Success") console.log(r.success) // ["eligible", "undetermined"]
 * ```
 */
export function evaluateMany(
  ruleSet: RuleSet,
  population: Rule.Population,
  options: { readonly asOf: LocalDate; readonly mode: Mode; readonly trace: true }
): Result.Result<Rule.TraceBatch, VersionNotFound>
export function evaluateMany(
  ruleSet: RuleSet,
  population: Rule.Population,
  options: { readonly asOf: LocalDate; readonly mode: Mode; readonly trace?: false }
): Result.Result<ReadonlyArray<Outcome>, VersionNotFound>
export function evaluateMany(
  ruleSet: RuleSet,
  population: Rule.Population,
  options: { readonly asOf: LocalDate; readonly mode: Mode; readonly trace?: boolean }
): Result.Result<ReadonlyArray<Outcome> | Rule.TraceBatch, VersionNotFound> {
  const selected = versionAt(ruleSet, options.asOf, options.mode)
  if (Result.isFailure(selected)) return Result.fail(selected.failure)
  const rule = selected.success.version.rule
  const specs = ruleSet.facts !== undefined ? { specs: ruleSet.facts } : {}
  return Result.succeed(
    options.trace === true
      ? Rule.evaluateMany(rule, population, { asOf: options.asOf, trace: true, ...specs })
      : Rule.evaluateMany(rule, population, { asOf: options.asOf, ...specs })
  )
}

// ---------------------------------------------------------------------------------------------
// Static checks
// ---------------------------------------------------------------------------------------------

/**
 * Static checks of a rule set: overlapping and gapped versions, duplicate version labels, and
 * every rule finding of every version.
 * @category checks
 * @since 0.1.0
 * @example
 * ```ts
 * const rs = RuleSet.make({ id: "demo", ja: "例", en: "demo", versions: [RuleSet.version({ version: "2013", from: Period.unsafeDate("2013-04-01"), rule: Rule.isTrue({ id: "a", ja: "a", en: "a" }, "a") })] })
 * RuleSet.check(rs) // [] — no overlaps, gaps or rule findings
 * ```
 */
export const check = (ruleSet: RuleSet): ReadonlyArray<Finding> => {
  const findings: Array<Finding> = []
  const versions = sortVersions(ruleSet.versions)
  const labels = new Map<string, number>()
  for (const v of versions) labels.set(v.version, (labels.get(v.version) ?? 0) + 1)
  for (const [label, n] of labels) {
    if (n > 1) {
      findings.push({
        _tag: "DuplicateVersion",
        severity: "error",
        version: label,
        message: { ja: `版「${label}」が${n}回定義されています`, en: `version "${label}" is defined ${n} times` }
      })
    }
  }
  for (let i = 0; i + 1 < versions.length; i++) {
    const a = versions[i]!
    const b = versions[i + 1]!
    if (a.until === undefined || a.until > b.from) {
      findings.push({
        _tag: "VersionOverlap",
        severity: "error",
        versions: [a.version, b.version],
        from: b.from,
        message: { ja: `版 ${a.version} と ${b.version} の有効期間が ${b.from} から重なっています`, en: `versions ${a.version} and ${b.version} overlap from ${b.from}` }
      })
    } else if (a.until < b.from) {
      findings.push({
        _tag: "VersionGap",
        severity: "error",
        after: a.version,
        before: b.version,
        from: a.until,
        until: b.from,
        message: {
          ja: `版 ${a.version} と ${b.version} の間（${a.until}〜${b.from}）に有効な版がありません`,
          en: `no version is in force between ${a.version} and ${b.version} ([${a.until}, ${b.from}))`
        }
      })
    }
  }
  for (const v of versions) {
    for (const finding of Rule.check(v.rule)) {
      findings.push({
        _tag: "VersionRuleFinding",
        severity: finding.severity,
        version: v.version,
        finding,
        message: { ja: `版 ${v.version}: ${finding.message.ja}`, en: `version ${v.version}: ${finding.message.en}` }
      })
    }
  }
  return findings
}

/**
 * Mermaid flowchart of the version in force at a date. @category export @since 0.1.0
 * @example
 * ```ts
 * const rs = RuleSet.make({ id: "demo", ja: "例", en: "demo", versions: [RuleSet.version({ version: "2013", from: Period.unsafeDate("2013-04-01"), rule: Rule.isTrue({ id: "a", ja: "稼働能力", en: "able" }, "a") })] })
 * const r = RuleSet.toMermaid(rs, Period.unsafeDate("2013-06-01"), "en")
 * if (r._tag === "Success") console.log(r.success) // flowchart TD …
 * ```
 */
export const toMermaid = (ruleSet: RuleSet, asOf: LocalDate, lang: "ja" | "en" = "ja"): Result.Result<string, VersionNotFound> =>
  Result.map(versionAt(ruleSet, asOf, "lenient"), (s) => Rule.toMermaid(s.version.rule, { lang, ...(ruleSet.facts !== undefined ? { specs: ruleSet.facts } : {}) }))
