/**
 * Rule (判定ルール) — eligibility rules as data, evaluated under three-valued (Kleene) logic.
 *
 * A rule is a serialisable, hashable tree built with combinators: `all` / `any` / `not`, fact
 * comparisons (`eq`, `neq`, `gt`, `gte`, `lt`, `lte`, `isIn`, `between`, `isTrue`, `isFalse`,
 * `exists`), `age` at the evaluation date, date windows (`dateIn`, `dateBefore`, `dateOnOrAfter`,
 * `withinLast`, `asOfIn`), set membership (`intersects`, `containsAll`), household aggregates
 * (`count`, `aggregate`), and default-logic overlays (`overlay`, `exception`, `unless`): a
 * municipal variant adds or excludes a group without copying the national base.
 *
 * Every clause has an id, labels in Japanese and English, an optional citation and an optional
 * why-not template, so a failed clause renders as a sentence a caseworker can read out:
 * 「年齢 17 歳は就労可能年齢（18〜64歳）の範囲外です」. A clause marked `soft` (おおむね) can be
 * overridden by staff with a reason; overriding a hard clause is refused.
 *
 * Laws (test/Rule.test.ts, fast-check): De Morgan, identities (`all[]` = true, `any[]` = false) and
 * absorption under Kleene logic; clause order does not change the outcome; information
 * monotonicity (adding facts never changes a decided outcome); the missing-facts list is
 * sufficient (filling it decides) and minimal (test/Rule.missing.test.ts: every listed fact sits
 * under undecided clauses only, and in rules that read each fact once every listed fact can change
 * the outcome); an overlay without exceptions equals its base; the hash is stable under JSON
 * round-trip and key reordering; `evaluateMany` ≡ `evaluate`; lazy and eager verdicts are the same
 * document (test/Verdict.lazy.test.ts); malformed rules and facts give typed errors with paths.
 *
 * A clause no value can pass (no values listed, an empty range, a count below zero) fails even
 * while its fact is unknown. Household minimum and maximum clauses are decided exactly over the
 * members whose inclusion or value is unknown; totals too, up to 12 undecided members (beyond, by
 * the range of possible totals).
 *
 * @since 0.1.0
 * @module
 */
import { Result, Schema } from "effect"
import { type FactSpecs, Facts, type Labels, type Scalar } from "./Fact.ts"
import type { DecodeIssue } from "./internal/decode.ts"
import { strictDecoder } from "./internal/ruleDecode.ts"
import { checkRule, RuleFinding as RuleFindingSchema } from "./internal/ruleCheck.ts"
import { codegenSupported, generate, generateTrace } from "./internal/ruleCodegen.ts"
import { compile as compileRule, constantLeaf, F as FALSE_TV, type Fn, recordAccess, slotsOf, type TraceSink, type TV } from "./internal/ruleCompile.ts"
import * as S from "./internal/ruleSchema.ts"
import { expectedText } from "./internal/ruleText.ts"
import { recordsTracer, ruleHash, runTrace } from "./internal/ruleTrace.ts"
import { lazyVerdictOf, verdictOf } from "./internal/ruleVerdict.ts"
import { LocalDate } from "./Period.ts"
import { type Outcome, Override, type Verdict, type VerdictWarning, type VersionRef } from "./Verdict.ts"

// ---------------------------------------------------------------------------------------------
// Model
// ---------------------------------------------------------------------------------------------

// The model's schemas and types are re-exported (not aliased) so that a schema a user builds from
// them (e.g. `Schema.Struct({ rule: Rule.Rule })`) has a type nameable through this module.
/** The Schema of a rule document (recursive), and a rule (判定ルール) with its sub-clauses. Citation: source, section, url (出典). @category model @since 0.1.0 */
export { Citation, Rule } from "./internal/ruleSchema.ts"
/** Exceptions (例外規定), clause shapes, comparison operators and household aggregate functions. @category model @since 0.1.0 */
export type { AggregateFn, All, Any, CompareOp, Exception, Leaf, Not, Overlay } from "./internal/ruleSchema.ts"
import { Citation, Rule } from "./internal/ruleSchema.ts"
import type { AggregateFn, CompareOp, Exception } from "./internal/ruleSchema.ts"

/**
 * The kinds of clause. @category model @since 0.1.0
 * @example
 * ```ts
 * const kind: Rule.Kind = "intersects"
 * ```
 */
export type Kind = Rule["kind"]

/**
 * Static-check findings on a rule tree (typed). @category checks @since 0.1.0
 * @example
 * ```ts
 * const findings: ReadonlyArray<Rule.RuleFinding> = Rule.check(Rule.all({ id: "x", ja: "重複", en: "duplicate" }, [Rule.isTrue({ id: "x", ja: "a", en: "a" }, "a")]))
 * findings.map((f) => f._tag) // ["DuplicateClauseId"]
 * ```
 */
export const RuleFinding = RuleFindingSchema
/** @category checks */
export type RuleFinding = typeof RuleFindingSchema.Type

// ---------------------------------------------------------------------------------------------
// Builders
// ---------------------------------------------------------------------------------------------

/**
 * What every clause carries: id, labels (`ja`, `en`), optional citation, why-not template
 * (placeholders `{label}`, `{value}`, `{expected}`, `{fact}`) and the soft flag.
 * @category builders
 * @since 0.1.0
 * @example
 * ```ts
 * const meta: Rule.Meta = { id: "working_age", ja: "稼働年齢", en: "working age", soft: false, citation: { source: "社援発0516第18号" } }
 * ```
 */
export interface Meta {
  readonly id: string
  readonly ja: string
  readonly en: string
  readonly citation?: Citation
  readonly whyNot?: Labels
  readonly soft?: boolean
}

const meta = (m: Meta) => ({
  id: m.id,
  labels: { ja: m.ja, en: m.en },
  ...(m.citation !== undefined ? { citation: m.citation } : {}),
  ...(m.whyNot !== undefined ? { whyNot: m.whyNot } : {}),
  ...(m.soft === true ? { soft: true } : {})
})

/**
 * All of the clauses hold (かつ). `all([])` is true. @category builders @since 0.1.0
 * @example
 * ```ts
 * const r = Rule.all({ id: "handoff", ja: "支援要請の対象", en: "hand-off" }, [
 *   Rule.isTrue({ id: "able", ja: "稼働能力がある", en: "able to work" }, "able_to_work"),
 *   Rule.isTrue({ id: "motivated", ja: "就労意欲がある", en: "wishes to work" }, "motivated")
 * ])
 * ```
 */
export const all = (m: Meta, children: ReadonlyArray<Rule>): Rule => ({ kind: "all", ...meta(m), children })
/**
 * At least one clause holds (または). `any([])` is false. @category builders @since 0.1.0
 * @example
 * ```ts
 * const group = Rule.any({ id: "group", ja: "対象者区分", en: "target group" }, [
 *   Rule.isTrue({ id: "recipient", ja: "生活保護受給者", en: "welfare recipient" }, "welfare_recipient"),
 *   Rule.isTrue({ id: "single_parent", ja: "ひとり親", en: "single parent" }, "single_parent")
 * ])
 * ```
 */
export const any = (m: Meta, children: ReadonlyArray<Rule>): Rule => ({ kind: "any", ...meta(m), children })
/**
 * The clause does not hold (でない). @category builders @since 0.1.0
 * @example
 * ```ts
 * const noBarrier = Rule.not({ id: "no_barrier", ja: "就労阻害要因がない", en: "no barrier to work" }, Rule.isTrue({ id: "barrier", ja: "就労阻害要因", en: "barrier" }, "work_barrier"))
 * ```
 */
export const not = (m: Meta, child: Rule): Rule => ({ kind: "not", ...meta(m), child })

const compare = (op: S.CompareOp) => (m: Meta, fact: string, value: Scalar): Rule => ({ kind: "compare", ...meta(m), fact, op, value })
/**
 * fact = value. @category builders @since 0.1.0
 * @example
 * ```ts
 * const ward = Rule.eq({ id: "ward", ja: "鶴見区", en: "Tsurumi ward" }, "ward", "tsurumi")
 * ```
 */
export const eq = compare("eq")
/**
 * fact ≠ value (a known-absent `null` fact is ≠ every value). @category builders @since 0.1.0
 * @example
 * ```ts
 * const notStudent = Rule.neq({ id: "not_student", ja: "学生でない", en: "not a student" }, "occupation", "student")
 * ```
 */
export const neq = compare("neq")
/**
 * fact > value (numbers, or ISO date strings). @category builders @since 0.1.0
 * @example
 * ```ts
 * const income = Rule.gt({ id: "has_income", ja: "収入がある", en: "has income" }, "monthly_income", 0)
 * ```
 */
export const gt = compare("gt")
/**
 * fact ≥ value. @category builders @since 0.1.0
 * @example
 * ```ts
 * const adult = Rule.gte({ id: "adult", ja: "18歳以上", en: "18 or older" }, "age_years", 18)
 * ```
 */
export const gte = compare("gte")
/**
 * fact < value. @category builders @since 0.1.0
 * @example
 * ```ts
 * const underLimit = Rule.lt({ id: "income_limit", ja: "収入基準額未満", en: "below the income limit" }, "monthly_income", 84_000)
 * ```
 */
export const lt = compare("lt")
/**
 * fact ≤ value. @category builders @since 0.1.0
 * @example
 * ```ts
 * const savings = Rule.lte({ id: "savings", ja: "預貯金が基準以下", en: "savings at most the limit" }, "savings", 504_000)
 * ```
 */
export const lte = compare("lte")
/**
 * fact is `true`. @category builders @since 0.1.0
 * @example
 * ```ts
 * const able = Rule.isTrue({ id: "able", ja: "稼働能力がある", en: "able to work" }, "able_to_work")
 * ```
 */
export const isTrue = (m: Meta, fact: string): Rule => eq(m, fact, true)
/**
 * fact is `false`. @category builders @since 0.1.0
 * @example
 * ```ts
 * const notInSchool = Rule.isFalse({ id: "not_in_school", ja: "高校生でない", en: "not a high-school student" }, "high_school_student")
 * ```
 */
export const isFalse = (m: Meta, fact: string): Rule => eq(m, fact, false)
/**
 * fact is one of the values (いずれか). @category builders @since 0.1.0
 * @example
 * ```ts
 * const wards = Rule.isIn({ id: "wards", ja: "実施区", en: "participating wards" }, "ward", ["tsurumi", "minami", "naka"])
 * ```
 */
export const isIn = (m: Meta, fact: string, values: ReadonlyArray<Scalar>): Rule => ({ kind: "in", ...meta(m), fact, values })
/**
 * min ≤ fact ≤ max (both inclusive; numbers or ISO dates). @category builders @since 0.1.0
 * @example
 * ```ts
 * const workingAge = Rule.between({ id: "age", ja: "18〜64歳", en: "18 to 64" }, "age_years", 18, 64)
 * ```
 */
export const between = (m: Meta, fact: string, min: number | string, max: number | string): Rule => ({
  kind: "between",
  ...meta(m),
  fact,
  min,
  max
})
/**
 * The fact is on file (not `null`). @category builders @since 0.1.0
 * @example
 * ```ts
 * const hasConsent = Rule.exists({ id: "consent_on_file", ja: "同意書がある", en: "consent on file" }, "consent_date")
 * ```
 */
export const exists = (m: Meta, fact: string): Rule => ({ kind: "exists", ...meta(m), fact })
/**
 * Alias of {@link exists}. @category builders @since 0.1.0
 * @example
 * ```ts
 * const hasConsent = Rule.has({ id: "consent_on_file", ja: "同意書がある", en: "consent on file" }, "consent_date")
 * ```
 */
export const has = exists

/**
 * Age in whole years at the evaluation date, from a birth-date fact, within `[min, max]`
 * (inclusive; 稼働年齢 18〜64歳 is `{ min: 18, max: 64 }`). Ages follow Period.ageAt (Japanese law).
 * @category builders
 * @since 0.1.0
 * @example
 * ```ts
 * const workingAge = Rule.age({ id: "working_age", ja: "稼働年齢（18〜64歳）", en: "working age (18–64)" }, "birth_date", { min: 18, max: 64 })
 * ```
 */
export const age = (m: Meta, fact: string, range: { readonly min?: number; readonly max?: number }): Rule => ({
  kind: "age",
  ...meta(m),
  fact,
  ...(range.min !== undefined ? { min: range.min } : {}),
  ...(range.max !== undefined ? { max: range.max } : {})
})

/**
 * A date fact within `[from, until)`. @category builders @since 0.1.0
 * @example
 * ```ts
 * const lostWork = Rule.dateIn({ id: "lost_work", ja: "離職日", en: "date of job loss" }, "job_lost_on", { from: Period.unsafeDate("2013-04-01") })
 * ```
 */
export const dateIn = (m: Meta, fact: string, window: { readonly from?: LocalDate; readonly until?: LocalDate }): Rule => ({
  kind: "dateIn",
  ...meta(m),
  fact,
  ...(window.from !== undefined ? { from: window.from } : {}),
  ...(window.until !== undefined ? { until: window.until } : {})
})
/**
 * A date fact strictly before `date`. @category builders @since 0.1.0
 * @example
 * ```ts
 * const before = Rule.dateBefore({ id: "applied_before", ja: "申請日が期限前", en: "applied before the deadline" }, "applied_on", Period.unsafeDate("2014-04-01"))
 * ```
 */
export const dateBefore = (m: Meta, fact: string, date: LocalDate): Rule => dateIn(m, fact, { until: date })
/**
 * A date fact on or after `date`. @category builders @since 0.1.0
 * @example
 * ```ts
 * const after = Rule.dateOnOrAfter({ id: "applied_after", ja: "申請日が開始日以降", en: "applied on or after the start" }, "applied_on", Period.unsafeDate("2013-04-01"))
 * ```
 */
export const dateOnOrAfter = (m: Meta, fact: string, date: LocalDate): Rule => dateIn(m, fact, { from: date })
/**
 * A date fact within the last `months` months up to the evaluation date (e.g. lost work within 2 years). @category builders @since 0.1.0
 * @example
 * ```ts
 * const recent = Rule.withinLast({ id: "lost_work_2y", ja: "離職後2年以内", en: "lost work within 2 years" }, "job_lost_on", 24)
 * ```
 */
export const withinLast = (m: Meta, fact: string, months: number): Rule => ({ kind: "withinLast", ...meta(m), fact, months })
/**
 * The evaluation date itself is within `[from, until)` (e.g. a programme running from FY2013). @category builders @since 0.1.0
 * @example
 * ```ts
 * const running = Rule.asOfIn({ id: "fy2013", ja: "平成25年度から実施", en: "running from FY2013" }, { from: Period.unsafeDate("2013-04-01") })
 * ```
 */
export const asOfIn = (m: Meta, window: { readonly from?: LocalDate; readonly until?: LocalDate }): Rule => ({
  kind: "asOfIn",
  ...meta(m),
  ...(window.from !== undefined ? { from: window.from } : {}),
  ...(window.until !== undefined ? { until: window.until } : {})
})
/**
 * A list fact shares at least one value with `values` (e.g. target groups). @category builders @since 0.1.0
 * @example
 * ```ts
 * const group = Rule.intersects({ id: "group", ja: "対象者区分", en: "target group" }, "target_groups", ["welfare_recipient", "child_rearing_allowance_recipient"])
 * ```
 */
export const intersects = (m: Meta, fact: string, values: ReadonlyArray<Scalar>): Rule => ({ kind: "intersects", ...meta(m), fact, values })
/**
 * A list fact contains every one of `values`. @category builders @since 0.1.0
 * @example
 * ```ts
 * const both = Rule.containsAll({ id: "both", ja: "両方に該当", en: "both groups" }, "target_groups", ["single_parent", "welfare_recipient"])
 * ```
 */
export const containsAll = (m: Meta, fact: string, values: ReadonlyArray<Scalar>): Rule => ({ kind: "containsAll", ...meta(m), fact, values })

/**
 * The number of household members (世帯員) matching `where` (a rule over member facts), compared
 * with `value`. Unknown member facts give a range; the clause is unknown while the range straddles.
 * @category builders
 * @since 0.1.0
 * @example
 * ```ts
 * const hasChild = Rule.count({ id: "has_child", ja: "子がいる", en: "has a child" }, "household", {
 *   where: Rule.eq({ id: "child", ja: "子", en: "child" }, "relation", "child"),
 *   op: "gte",
 *   value: 1
 * })
 * ```
 */
export const count = (m: Meta, fact: string, spec: { readonly where?: Rule; readonly op: CompareOp; readonly value: number }): Rule => ({
  kind: "count",
  ...meta(m),
  fact,
  ...(spec.where !== undefined ? { where: spec.where } : {}),
  op: spec.op,
  value: spec.value
})

/**
 * sum / min / max of a numeric member field over the members matching `where`, compared with
 * `value` (e.g. household income ≤ threshold). min/max over no member satisfy no comparison.
 * @category builders
 * @since 0.1.0
 * @example
 * ```ts
 * const lowIncome = Rule.aggregate({ id: "household_income", ja: "世帯収入が基準以下", en: "household income at most the limit" }, "household", { fn: "sum", field: "income", op: "lte", value: 138_000 })
 * ```
 */
export const aggregate = (
  m: Meta,
  fact: string,
  spec: { readonly fn: AggregateFn; readonly field: string; readonly where?: Rule; readonly op: CompareOp; readonly value: number }
): Rule => ({
  kind: "aggregate",
  ...meta(m),
  fact,
  fn: spec.fn,
  field: spec.field,
  ...(spec.where !== undefined ? { where: spec.where } : {}),
  op: spec.op,
  value: spec.value
})

/**
 * A default-logic exception (例外規定): when `when` holds, the overlay's result is `include`
 * (eligible) or `exclude` (ineligible), whatever the base says. Higher priority wins; at equal
 * priority exclusion wins (and `check` reports an {@link RuleFinding} OverlayConflict).
 * @category builders
 * @since 0.1.0
 * @example
 * ```ts
 * const careLeavers = Rule.exception({ id: "care_leavers", ja: "社会的養護経験者を追加", en: "add care leavers" }, { effect: "include", priority: 1, when: Rule.isTrue({ id: "care_leaver", ja: "社会的養護経験者", en: "care leaver" }, "care_leaver") })
 * ```
 */
export const exception = (
  m: Omit<Meta, "soft">,
  spec: { readonly priority?: number; readonly effect: "include" | "exclude"; readonly when: Rule }
): Exception => ({
  kind: "exception",
  id: m.id,
  labels: { ja: m.ja, en: m.en },
  ...(m.citation !== undefined ? { citation: m.citation } : {}),
  ...(m.whyNot !== undefined ? { whyNot: m.whyNot } : {}),
  priority: spec.priority ?? 0,
  effect: spec.effect,
  when: spec.when
})
/**
 * An exception that adds people to the overlay's result. @category builders @since 0.1.0
 * @example
 * ```ts
 * const addYouth = Rule.include({ id: "add_youth", ja: "若者を追加", en: "add young people" }, Rule.age({ id: "youth", ja: "40歳未満", en: "under 40" }, "birth_date", { max: 39 }))
 * ```
 */
export const include = (m: Omit<Meta, "soft">, when: Rule, priority = 0): Exception => exception(m, { priority, effect: "include", when })
/**
 * An exception that removes people from the overlay's result. @category builders @since 0.1.0
 * @example
 * ```ts
 * const notInReadiness = Rule.exclude({ id: "not_in_readiness", ja: "就労準備支援事業の利用者を除外", en: "exclude readiness participants" }, Rule.isTrue({ id: "in_readiness", ja: "就労準備支援事業を利用中", en: "in the readiness programme" }, "in_readiness"))
 * ```
 */
export const exclude = (m: Omit<Meta, "soft">, when: Rule, priority = 0): Exception => exception(m, { priority, effect: "exclude", when })

/**
 * A base rule with exceptions (a municipal overlay on a national base: 上乗せ・横出し), without
 * copying the base. An overlay without exceptions equals its base.
 * @category builders
 * @since 0.1.0
 * @example
 * ```ts
 * const base = Rule.isTrue({ id: "recipient", ja: "生活保護受給者", en: "welfare recipient" }, "welfare_recipient")
 * const city = Rule.overlay({ id: "city", ja: "市の上乗せ", en: "city overlay" }, base, [
 *   Rule.include({ id: "single_parents", ja: "ひとり親を追加", en: "add single parents" }, Rule.isTrue({ id: "single_parent", ja: "ひとり親", en: "single parent" }, "single_parent"))
 * ])
 * ```
 */
export const overlay = (m: Meta, base: Rule, exceptions: ReadonlyArray<Exception>): Rule => ({
  kind: "overlay",
  ...meta(m),
  base,
  exceptions
})
/**
 * `base` unless `when` holds (an overlay with one exclusion). @category builders @since 0.1.0
 * @example
 * ```ts
 * const base = Rule.isTrue({ id: "able", ja: "稼働能力がある", en: "able to work" }, "able_to_work")
 * const r = Rule.unless({ id: "city", ja: "市の例外", en: "city exception" }, base, Rule.exclude({ id: "students", ja: "学生を除外", en: "exclude students" }, Rule.isTrue({ id: "student", ja: "学生", en: "student" }, "student")))
 * ```
 */
export const unless = (m: Meta, base: Rule, except: Exception): Rule => overlay(m, base, [except])

/**
 * Adds exceptions to an existing overlay, or wraps a rule in a new overlay. @category builders @since 0.1.0
 * @example
 * ```ts
 * const base = Rule.isTrue({ id: "able", ja: "稼働能力がある", en: "able to work" }, "able_to_work")
 * const more = Rule.withExceptions({ id: "city", ja: "市の例外", en: "city exceptions" }, base, [Rule.exclude({ id: "students", ja: "学生を除外", en: "exclude students" }, Rule.isTrue({ id: "student", ja: "学生", en: "student" }, "student"))])
 * ```
 */
export const withExceptions = (m: Meta, base: Rule, exceptions: ReadonlyArray<Exception>): Rule =>
  base.kind === "overlay" && base.id === m.id ? { ...base, exceptions: [...base.exceptions, ...exceptions] } : overlay(m, base, exceptions)

// ---------------------------------------------------------------------------------------------
// Decoding (boundary)
// ---------------------------------------------------------------------------------------------

const Path = Schema.Array(Schema.Union([Schema.String, Schema.Number]))

/**
 * A rule document that could not be decoded, with every issue's path. @category errors @since 0.1.0
 * @example
 * ```ts
 * const r = Rule.decode({ kind: "compare", id: "x", labels: { ja: "x", en: "x" }, fact: "a", op: "approx", value: 1 })
 * if (r._tag === "Failure") r.failure.issues.map((i) => i.path.join(".")) // ["op"]
 * ```
 */
export const RuleDecodeError = Schema.TaggedStruct("RuleDecodeError", {
  issues: Schema.Array(Schema.Struct({ path: Path, message: Schema.String })),
  message: Schema.String
})
/** @category errors */
export type RuleDecodeError = typeof RuleDecodeError.Type

/**
 * Evaluation input that could not be decoded (asOf, facts, overrides). @category errors @since 0.1.0
 * @example
 * ```ts
 * const r = Rule.decodeInput({ asOf: "2013-02-30", facts: {} })
 * if (r._tag === "Failure") console.log(r.failure.message) // asOf: expected a calendar date …
 * ```
 */
export const InputDecodeError = Schema.TaggedStruct("InputDecodeError", {
  issues: Schema.Array(Schema.Struct({ path: Path, message: Schema.String })),
  message: Schema.String
})
/** @category errors */
export type InputDecodeError = typeof InputDecodeError.Type

/**
 * A refused staff override: only soft clauses (おおむね) can be overridden.
 * @category errors
 * @since 0.1.0
 * @example
 * ```ts
 * const hard = Rule.isTrue({ id: "able", ja: "稼働能力がある", en: "able to work" }, "able_to_work")
 * const r = Rule.evaluate(hard, { asOf: Period.unsafeDate("2013-04-15"), facts: {}, overrides: [{ clauseId: "able", reason: "judged at the desk", actor: "staff-12" }] })
 * if (r._tag === "Failure") r.failure.reason // "hard_clause": only soft (おおむね) clauses can be overridden
 * ```
 */
export const OverrideRefused = Schema.TaggedStruct("OverrideRefused", {
  clauseId: Schema.String,
  reason: Schema.Literals(["hard_clause", "unknown_clause", "duplicate_override"]),
  message: Schema.String,
  messageJa: Schema.String
})
/** @category errors */
export type OverrideRefused = typeof OverrideRefused.Type

// A union with no matching member (e.g. an unknown `kind`) comes back without a message.
const readable = (message: string): string =>
  message === "" || message === "[object Object]" ? "matches none of the allowed shapes (check `kind` and the fields it requires)" : message

const pathOf = (issues: ReadonlyArray<DecodeIssue>) =>
  issues.map((i) => ({ path: i.path.map((p) => (typeof p === "number" ? p : String(p))), message: readable(i.message) }))
const joinIssues = (issues: ReadonlyArray<{ readonly path: ReadonlyArray<string | number>; readonly message: string }>) =>
  issues.map((i) => `${i.path.length === 0 ? "(root)" : i.path.join(".")}: ${i.message}`).join("; ")

const decodeRuleShape = strictDecoder(S.Rule)

/**
 * Decodes a rule document (e.g. parsed JSON). Never throws. @category decoding @since 0.1.0
 * @example
 * ```ts
 * const r = Rule.decode(JSON.parse('{"kind":"compare","id":"able","labels":{"ja":"稼働能力","en":"able"},"fact":"able_to_work","op":"eq","value":true}'))
 * console.log(r._tag) // "Success"
 * ```
 */
export const decode = (input: unknown): Result.Result<Rule, RuleDecodeError> =>
  Result.mapError(decodeRuleShape(input), (issues) => {
    const withPaths = pathOf(issues)
    return { _tag: "RuleDecodeError" as const, issues: withPaths, message: joinIssues(withPaths) }
  })

/**
 * The input of one evaluation: the date (基準日), the facts, and staff overrides of soft clauses.
 * @category model
 * @since 0.1.0
 * @example
 * ```ts
 * const input: Rule.EvaluationInput = { asOf: Period.unsafeDate("2013-04-15"), facts: { able_to_work: true } }
 * ```
 */
export const EvaluationInput = Schema.Struct({
  asOf: LocalDate,
  facts: Facts,
  overrides: Schema.optionalKey(Schema.Array(Override))
})
/** @category model */
export type EvaluationInput = typeof EvaluationInput.Type

const decodeInputShape = strictDecoder(EvaluationInput, "ignore", "plain")

/**
 * Decodes evaluation input at the boundary. Never throws. @category decoding @since 0.1.0
 * @example
 * ```ts
 * const r = Rule.decodeInput({ asOf: "2013-04-15", facts: { able_to_work: true } })
 * console.log(r._tag) // "Success"
 * ```
 */
export const decodeInput = (input: unknown): Result.Result<EvaluationInput, InputDecodeError> =>
  Result.mapError(decodeInputShape(input), (issues) => {
    const withPaths = pathOf(issues)
    return { _tag: "InputDecodeError" as const, issues: withPaths, message: joinIssues(withPaths) }
  })

// ---------------------------------------------------------------------------------------------
// Inspection
// ---------------------------------------------------------------------------------------------

/**
 * Every clause of the tree in pre-order (exceptions included; member predicates of aggregates not). @category inspection @since 0.1.0
 * @example
 * ```ts
 * const r = Rule.all({ id: "r", ja: "要件", en: "test" }, [Rule.isTrue({ id: "a", ja: "a", en: "a" }, "a"), Rule.isTrue({ id: "b", ja: "b", en: "b" }, "b")])
 * Rule.clauses(r).map((c) => c.id) // ["r", "a", "b"]
 * ```
 */
export const clauses = (rule: Rule): ReadonlyArray<Rule | Exception> => slotsOf(rule).map((s) => s.node)

/**
 * The facts a rule reads (member facts of aggregates as `household[].income`). @category inspection @since 0.1.0
 * @example
 * ```ts
 * const r = Rule.all({ id: "r", ja: "要件", en: "test" }, [Rule.isTrue({ id: "a", ja: "稼働能力", en: "able" }, "able_to_work"), Rule.age({ id: "age", ja: "年齢", en: "age" }, "birth_date", { min: 18 })])
 * Rule.factsOf(r) // ["able_to_work", "birth_date"]
 * ```
 */
export const factsOf = (rule: Rule): ReadonlyArray<string> => {
  const out = new Set<string>()
  const visit = (root: Rule, prefix: string): void => {
    for (const node of clauses(root)) {
      if (!("fact" in node)) continue
      out.add(prefix + node.fact)
      if ((node.kind === "count" || node.kind === "aggregate") && node.where !== undefined) visit(node.where, `${prefix}${node.fact}[].`)
      if (node.kind === "aggregate") out.add(`${prefix}${node.fact}[].${node.field}`)
    }
  }
  visit(rule, "")
  return [...out]
}

/**
 * The JSON Schema (draft 2020-12) of rule documents, for editors and validators of rule files. @category inspection @since 0.1.0
 * @example
 * ```ts
 * const schema = Rule.jsonSchema()
 * schema.title // "jiritsu eligibility rule"
 * ```
 */
export const jsonSchema = (): Record<string, unknown> => {
  const doc = Schema.toJsonSchemaDocument(S.Rule)
  return { $schema: "https://json-schema.org/draft/2020-12/schema", title: "jiritsu eligibility rule", ...doc.schema, $defs: doc.definitions }
}

/**
 * Content hash: `sha256:` + hex of the rule's canonical JSON (stable under re-serialisation). @category inspection @since 0.1.0
 * @example
 * ```ts
 * const a = Rule.isTrue({ id: "able", ja: "稼働能力", en: "able" }, "able_to_work")
 * Rule.hash(a) === Rule.hash(JSON.parse(JSON.stringify(a))) // true: the hash is the content
 * ```
 */
export const hash = (rule: Rule): string => ruleHash(rule)

/**
 * Static checks (duplicate ids, empty ranges, contradictions, constant or irrelevant clauses, overlay conflicts). @category checks @since 0.1.0
 * @example
 * ```ts
 * const r = Rule.all({ id: "r", ja: "要件", en: "test" }, [Rule.gt({ id: "lo", ja: "10超", en: "over 10" }, "n", 10), Rule.lt({ id: "hi", ja: "5未満", en: "under 5" }, "n", 5)])
 * Rule.check(r).map((f) => f._tag) // ["ContradictoryClauses", …]
 * ```
 */
export const check = (rule: Rule): ReadonlyArray<RuleFinding> => checkRule(rule)

// ---------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------

/**
 * When a verdict's sentences are rendered. `"lazy"` (the default): the outcome, missing facts and
 * next question are computed at evaluation, the clause entries and ja/en sentences (`clauses`,
 * `reasons`) the first time they are read — by your code, `JSON.stringify`, `Verdict.render` or a
 * deep copy — and kept. `"eager"`: everything now, as plain data. Both give the same verdict, JSON
 * byte for byte (a tested law). Sentences read the observed values, which are the fact values you
 * passed (never copied): mutate those before reading a lazy verdict's text and the text follows.
 * @category evaluation
 * @since 0.3.0
 * @example
 * ```ts
 * const mode: Rule.TextMode = "eager" // every sentence rendered now, as plain data
 * ```
 */
export type TextMode = "lazy" | "eager"

/**
 * Options of {@link evaluate}. @category evaluation @since 0.1.0
 * @example
 * ```ts
 * const options: Rule.EvaluateOptions = { specs: { able_to_work: { type: "boolean", labels: { ja: "稼働能力がある", en: "able to work" } } } }
 * ```
 */
export interface EvaluateOptions {
  /** Declared facts: labels for questions and why-not sentences. */
  readonly specs?: FactSpecs
  /** When the verdict's sentences are rendered (default `"lazy"`). @since 0.3.0 */
  readonly text?: TextMode
  /** Set by RuleSet: the version that decided and warnings. @internal */
  readonly ruleSet?: VersionRef
  readonly warnings?: ReadonlyArray<VerdictWarning>
}

/**
 * Checks overrides against the rule: only existing soft clauses, once each. @category evaluation @since 0.1.0
 * @example
 * ```ts
 * const r = Rule.isTrue({ id: "about_40", ja: "おおむね40歳未満", en: "roughly under 40", soft: true }, "young")
 * Rule.validateOverrides(r, [{ clauseId: "about_40", reason: "41, judged young enough", actor: "staff-12" }])._tag // "Success"
 * ```
 */
export const validateOverrides = (
  rule: Rule,
  overrides: ReadonlyArray<Override>
): Result.Result<ReadonlyMap<string, Override>, OverrideRefused> => {
  if (overrides.length === 0) return NO_OVERRIDES
  const byId = new Map<string, Rule | Exception>()
  for (const node of clauses(rule)) if (!byId.has(node.id)) byId.set(node.id, node)
  const out = new Map<string, Override>()
  for (const o of overrides) {
    const node = byId.get(o.clauseId)
    if (node === undefined) {
      return Result.fail(refused(o.clauseId, "unknown_clause", `no clause "${o.clauseId}" in rule ${rule.id}`, `条項「${o.clauseId}」はありません`))
    }
    if (node.kind === "exception" || node.soft !== true) {
      return Result.fail(
        refused(o.clauseId, "hard_clause", `clause "${o.clauseId}" is a hard requirement and cannot be overridden`, `条項「${node.labels.ja}」は必須要件のため、職員判断で変更できません`)
      )
    }
    if (out.has(o.clauseId)) {
      return Result.fail(refused(o.clauseId, "duplicate_override", `clause "${o.clauseId}" is overridden twice`, `条項「${node.labels.ja}」に判断が重複しています`))
    }
    out.set(o.clauseId, o)
  }
  return Result.succeed(out)
}

const NO_OVERRIDES: Result.Result<ReadonlyMap<string, Override>, OverrideRefused> = Result.succeed(new Map())
const NOTHING_OVERRIDDEN: ReadonlySet<string> = new Set()

const refused = (clauseId: string, reason: OverrideRefused["reason"], message: string, messageJa: string): OverrideRefused => ({
  _tag: "OverrideRefused",
  clauseId,
  reason,
  message,
  messageJa
})

/**
 * What {@link evaluate} takes: a decoded {@link EvaluationInput}, or facts as any record-like object
 * your code already holds (typed records need no index signature). Facts are read, never copied.
 * @category evaluation
 * @since 0.1.0
 * @example
 * ```ts
 * const request: Rule.EvaluationRequest = { asOf: Period.unsafeDate("2013-04-15"), facts: { able_to_work: true } }
 * ```
 */
export interface EvaluationRequest {
  readonly asOf: LocalDate
  readonly facts: object
  readonly overrides?: ReadonlyArray<Override>
}

/**
 * Evaluates a rule on one person's facts as of a date, with the full trace. Fails only on a
 * refused override (a hard or unknown clause); evaluation itself never throws.
 * @category evaluation
 * @since 0.1.0
 * @example
 * ```ts
 * const r = Rule.evaluate(Rule.isTrue({ id: "able", ja: "稼働能力がある", en: "able to work" }, "able_to_work"), { asOf: Period.unsafeDate("2013-04-15"), facts: {} })
 * if (r._tag === "Success") console.log(r.success.outcome, r.success.nextQuestion?.fact) // undetermined able_to_work
 * ```
 */
export const evaluate = (rule: Rule, input: EvaluationRequest, options: EvaluateOptions = {}): Result.Result<Verdict, OverrideRefused> => {
  const overrides = validateOverrides(rule, input.overrides ?? [])
  if (Result.isFailure(overrides)) return Result.fail(overrides.failure)
  const overridden = overrides.success.size === 0 ? NOTHING_OVERRIDDEN : new Set(overrides.success.keys())
  const facts = input.facts as Record<string, unknown>
  const run = runTrace(rule, input.asOf, facts, overridden)
  return Result.succeed(
    (options.text === "eager" ? verdictOf : lazyVerdictOf)(rule, run, {
      asOf: input.asOf,
      facts,
      overrides: overrides.success,
      specs: options.specs,
      ruleSet: options.ruleSet,
      warnings: options.warnings ?? []
    })
  )
}

/**
 * Decodes unknown input, then evaluates. @category evaluation @since 0.1.0
 * @example
 * ```ts
 * const r = Rule.evaluateUnknown(Rule.isTrue({ id: "able", ja: "稼働能力", en: "able" }, "able_to_work"), JSON.parse('{"asOf":"2013-04-15","facts":{"able_to_work":true}}'))
 * if (r._tag === "Success") console.log(r.success.outcome) // eligible
 * ```
 */
export const evaluateUnknown = (
  rule: Rule,
  input: unknown,
  options: EvaluateOptions = {}
): Result.Result<Verdict, InputDecodeError | OverrideRefused> => {
  const decoded = decodeInput(input)
  return Result.isFailure(decoded) ? Result.fail(decoded.failure) : evaluate(rule, decoded.success, options)
}

/**
 * A population: fact records, or columns (fact name → values by person; missing entries are unknown). @category evaluation @since 0.1.0
 * @example
 * ```ts
 * const rows: Rule.Population = [{ able_to_work: true }, { able_to_work: false }, {}]
 * const columns: Rule.Population = { columns: { able_to_work: [true, false, undefined] } }
 * ```
 */
export type Population =
  | ReadonlyArray<object>
  | { readonly columns: Readonly<Record<string, ReadonlyArray<unknown>>>; readonly length?: number }

/**
 * The result of {@link evaluateMany} with `trace: true`: outcomes plus a compact per-clause trace
 * (status per clause per person, observed values), turned into a full {@link Verdict} on demand.
 * @category evaluation
 * @since 0.1.0
 * @example
 * ```ts
 * const batch: Rule.TraceBatch = Rule.evaluateMany(Rule.isTrue({ id: "able", ja: "稼働能力", en: "able" }, "able_to_work"), [{ able_to_work: true }], { asOf: Period.unsafeDate("2013-04-15"), trace: true })
 * batch.verdict(0).outcome // "eligible"
 * ```
 */
export interface TraceBatch {
  readonly outcomes: ReadonlyArray<Outcome>
  /** Clauses per person (the trace stride). */
  readonly clauseCount: number
  /** Natural status of clause `j` of person `i` at `i * clauseCount + j`: 0 failed, 1 passed, 2 unknown. */
  readonly statuses: Uint8Array
  /**
   * Observed value of clause `j` of person `i` at `i * clauseCount + j`. With reused
   * {@link TraceBuffers} the array may be longer than `outcomes.length * clauseCount`; entries past
   * that are `undefined`.
   */
  readonly observed: ReadonlyArray<unknown>
  /**
   * The full verdict of person `i` (same as `evaluate`; its text is rendered on first read). Throws
   * a RangeError for an `i` outside the batch, and an Error when the batch's {@link TraceBuffers}
   * have since been reused by a later batch.
   */
  readonly verdict: (i: number) => Verdict
}

/**
 * Memory for traced batches, reused from one {@link evaluateMany} call to the next: the status and
 * observed-value buffers grow to the largest batch and are then overwritten in place, so a stream
 * of batches allocates nothing per person. A batch is valid until the next batch that uses the
 * same buffers (reading a stale batch's `verdict` throws; verdicts already taken stay valid).
 * @category evaluation
 * @since 0.3.0
 * @example
 * ```ts
 * const buffers: Rule.TraceBuffers = Rule.traceBuffers()
 * ```
 */
export interface TraceBuffers {
  /** Clause slots held (persons × clauses of the largest batch so far). */
  readonly capacity: number
}

class Buffers implements TraceBuffers {
  statuses = new Uint8Array(0)
  observed: Array<unknown> = []
  /** Slots written by the last batch (so that a smaller batch clears the rest). */
  used = 0
  owner: Rule | undefined = undefined
  generation = 0
  get capacity(): number {
    return this.statuses.length
  }
  /** Buffers of at least `size` slots for `rule`, with nothing left over from another rule or a larger batch. */
  take(rule: Rule, size: number): void {
    if (size > this.statuses.length) {
      const capacity = Math.max(size, Math.ceil(this.statuses.length * 1.5))
      this.statuses = new Uint8Array(capacity)
      this.observed = new Array(capacity)
    } else if (this.owner !== rule) {
      // Slots of clauses that observe nothing (all, any, …) are never written: clear another rule's values.
      this.observed.fill(undefined, 0, Math.max(size, this.used))
    } else if (this.used > size) {
      this.observed.fill(undefined, size, this.used)
    }
    this.owner = rule
    this.used = size
    this.generation++
  }
}

/**
 * Memory to reuse across traced batches (see {@link TraceBuffers}). @category evaluation @since 0.3.0
 * @example
 * ```ts
 * const able = Rule.isTrue({ id: "able", ja: "稼働能力", en: "able" }, "able_to_work")
 * const buffers = Rule.traceBuffers()
 * for (const batch of [[{ able_to_work: true }], [{ able_to_work: false }]]) {
 *   const traced = Rule.evaluateMany(able, batch, { asOf: Period.unsafeDate("2013-04-15"), trace: true, buffers })
 *   console.log(traced.outcomes) // valid until the next batch that uses the same buffers
 * }
 * ```
 */
export const traceBuffers = (): TraceBuffers => new Buffers()

/**
 * Options of {@link evaluateMany}: the evaluation date and the declared facts. @category evaluation @since 0.1.0
 * @example
 * ```ts
 * const options: Rule.EvaluateManyOptions = { asOf: Period.unsafeDate("2013-04-15") }
 * ```
 */
export interface EvaluateManyOptions {
  readonly asOf: LocalDate
  readonly specs?: FactSpecs
  /** With `trace: true`: write into these buffers instead of new ones (see {@link TraceBuffers}). @since 0.3.0 */
  readonly buffers?: TraceBuffers
}

const OUTCOMES: ReadonlyArray<Outcome> = ["ineligible", "eligible", "undetermined"]

const outcomeCache = new WeakMap<Rule, Map<string, Fn<Record<string, unknown>>>>()

const recordFn = (rule: Rule, asOf: LocalDate): Fn<Record<string, unknown>> => {
  let perRule = outcomeCache.get(rule)
  if (perRule === undefined) {
    perRule = new Map()
    outcomeCache.set(rule, perRule)
  }
  let fn = perRule.get(asOf)
  if (fn === undefined) {
    fn = codegenSupported() ? generate(rule, asOf, "records", recordAccess) : compileRule(rule, asOf, recordAccess, { overridden: new Set() })
    if (perRule.size >= 256) perRule.clear()
    perRule.set(asOf, fn)
  }
  return fn
}

const columnAccess = (columns: Readonly<Record<string, ReadonlyArray<unknown>>>) => (fact: string) => {
  const column = Object.hasOwn(columns, fact) ? columns[fact] : undefined
  return column === undefined ? (_: number) => undefined : (i: number) => column[i]
}

const populationSize = (population: Population): number => {
  if (Array.isArray(population)) return population.length
  const p = population as { readonly columns: Readonly<Record<string, ReadonlyArray<unknown>>>; readonly length?: number }
  return p.length ?? Math.max(0, ...Object.values(p.columns).map((c) => c.length))
}

const rowOf = (population: Population, i: number): Record<string, unknown> => {
  if (Array.isArray(population)) return population[i] as Record<string, unknown>
  const cols = (population as { readonly columns: Readonly<Record<string, ReadonlyArray<unknown>>> }).columns
  const row: Record<string, unknown> = {}
  for (const [fact, column] of Object.entries(cols)) if (column[i] !== undefined) row[fact] = column[i]
  return row
}

/**
 * Evaluates a rule over a population (arrays of records, or columns), synchronously, with the
 * rule compiled once (to generated code where the platform allows `new Function`, else to closures)
 * and the compiled code cached per rule and date. Outcome-only mode allocates nothing per clause;
 * with `trace: true` each person's clause statuses and observed values go into flat buffers (new
 * ones, or {@link TraceBuffers} reused across batches). Results equal {@link evaluate}
 * element-wise (a tested law). Overrides are per person and so belong to `evaluate`.
 * @category evaluation
 * @since 0.1.0
 * @example
 * ```ts
 * const able = Rule.isTrue({ id: "able", ja: "稼働能力", en: "able" }, "able_to_work")
 * Rule.evaluateMany(able, [{ able_to_work: true }, { able_to_work: false }, {}], { asOf: Period.unsafeDate("2013-04-15") }) // ["eligible", "ineligible", "undetermined"]
 * ```
 */
export function evaluateMany(rule: Rule, population: Population, options: EvaluateManyOptions & { readonly trace: true }): TraceBatch
export function evaluateMany(rule: Rule, population: Population, options: EvaluateManyOptions & { readonly trace?: false }): ReadonlyArray<Outcome>
export function evaluateMany(
  rule: Rule,
  population: Population,
  options: EvaluateManyOptions & { readonly trace?: boolean }
): ReadonlyArray<Outcome> | TraceBatch {
  const n = populationSize(population)
  const asOf = options.asOf
  if (options.trace === true) return traceMany(rule, population, n, options)
  const out = new Array<Outcome>(n)
  if (Array.isArray(population)) {
    const fn = recordFn(rule, asOf)
    const rows = population as ReadonlyArray<Record<string, unknown>>
    for (let i = 0; i < n; i++) out[i] = OUTCOMES[fn(rows[i]!)]!
    return out
  }
  const columns = (population as { readonly columns: Readonly<Record<string, ReadonlyArray<unknown>>> }).columns
  const fn = codegenSupported()
    ? generate(rule, asOf, "columns", columnAccess(columns), columns)
    : compileRule(rule, asOf, columnAccess(columns), { overridden: new Set() })
  for (let i = 0; i < n; i++) out[i] = OUTCOMES[fn(i)]!
  return out
}

const traceMany = (rule: Rule, population: Population, n: number, options: EvaluateManyOptions): TraceBatch => {
  const k = slotsOf(rule).length
  const size = n * k
  let statuses: Uint8Array
  let observed: Array<unknown>
  let stale: () => boolean
  if (options.buffers === undefined) {
    statuses = new Uint8Array(size)
    observed = new Array(size)
    stale = () => false
  } else {
    if (!(options.buffers instanceof Buffers)) throw new TypeError("Rule.evaluateMany: `buffers` must come from Rule.traceBuffers()")
    const buffers = options.buffers
    buffers.take(rule, size)
    statuses = buffers.statuses.subarray(0, size)
    observed = buffers.observed
    const generation = buffers.generation
    stale = () => buffers.generation !== generation
  }
  const outcomes = new Array<Outcome>(n)
  const isRows = Array.isArray(population)
  const rows = population as ReadonlyArray<Record<string, unknown>>
  const columns = isRows ? undefined : (population as { readonly columns: Readonly<Record<string, ReadonlyArray<unknown>>> }).columns
  if (isRows || codegenSupported()) {
    const traced = isRows ? recordsTracer(rule, options.asOf, n) : generateTrace(rule, options.asOf, "columns", columnAccess(columns!), columns)
    traced.bind(statuses, observed)
    const fn = traced.fn as (ctx: unknown, base: number, statuses: Uint8Array, observed: Array<unknown>) => TV
    for (let i = 0; i < n; i++) outcomes[i] = OUTCOMES[fn(isRows ? rows[i] : i, i * k, statuses, observed)]!
  } else {
    const sink: TraceSink = { statuses, observed, base: 0 }
    const fn: Fn<never> = isRows
      ? (compileRule(rule, options.asOf, recordAccess, { overridden: new Set(), sink }) as Fn<never>)
      : (compileRule(rule, options.asOf, columnAccess(columns!), { overridden: new Set(), sink }) as Fn<never>)
    for (let i = 0; i < n; i++) {
      sink.base = i * k
      const tv: TV = isRows ? (fn as Fn<Record<string, unknown>>)(rows[i]!) : (fn as Fn<number>)(i)
      outcomes[i] = OUTCOMES[tv]!
    }
  }
  return {
    outcomes,
    clauseCount: k,
    statuses,
    observed,
    verdict: (i) => {
      if (!Number.isInteger(i) || i < 0 || i >= n) throw new RangeError(`TraceBatch.verdict: no person ${i} in a batch of ${n}`)
      if (stale()) throw new Error("TraceBatch.verdict: this batch's TraceBuffers were reused by a later batch; take verdicts before the next batch")
      // Copies: the verdict's text is rendered later, from values that must not change under it.
      return lazyVerdictOf(
        rule,
        { statuses: statuses.slice(i * k, (i + 1) * k), observed: observed.slice(i * k, (i + 1) * k) },
        { asOf: options.asOf, facts: rowOf(population, i), overrides: NO_OVERRIDE_MAP, specs: options.specs, warnings: [] }
      )
    }
  }
}

const NO_OVERRIDE_MAP: ReadonlyMap<string, Override> = new Map()

/**
 * A compiled rule for hot loops: `outcome(facts)` with nothing allocated per clause.
 * @category evaluation
 * @since 0.1.0
 * @example
 * ```ts
 * const decide = Rule.compile(Rule.isTrue({ id: "able", ja: "稼働能力", en: "able" }, "able_to_work"), Period.unsafeDate("2013-04-15"))
 * decide({ able_to_work: true }) // "eligible"
 * ```
 */
export const compile = (rule: Rule, asOf: LocalDate): ((facts: Readonly<Record<string, unknown>>) => Outcome) => {
  const fn = recordFn(rule, asOf)
  return (facts) => OUTCOMES[fn(facts as Record<string, unknown>)]!
}

// ---------------------------------------------------------------------------------------------
// Mermaid
// ---------------------------------------------------------------------------------------------

const escapeMermaid = (s: string): string => s.replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;").replace(/\r?\n/g, " ")

/**
 * A Mermaid flowchart of the rule tree (clause labels and conditions). With a verdict, clauses are
 * coloured by status.
 * @category export
 * @since 0.1.0
 * @example
 * ```ts
 * const diagram = Rule.toMermaid(Rule.isTrue({ id: "able", ja: "稼働能力がある", en: "able to work" }, "able_to_work"), { lang: "en" })
 * diagram.startsWith("flowchart TD") // true
 * ```
 */
export const toMermaid = (rule: Rule, options: { readonly lang?: "ja" | "en"; readonly verdict?: Verdict; readonly specs?: FactSpecs } = {}): string => {
  const lang = options.lang ?? "ja"
  const slots = slotsOf(rule)
  const lines = ["flowchart TD"]
  slots.forEach((slot, i) => {
    const node = slot.node
    const label = escapeMermaid(`${node.labels[lang]}`)
    const detail = escapeMermaid(expectedText(node, options.specs, lang))
    const text = `"${label}<br/><small>${detail}</small>"`
    const shape =
      node.kind === "all" || node.kind === "any"
        ? `{{${text}}}`
        : node.kind === "not" || node.kind === "exception"
          ? `[/${text}/]`
          : node.kind === "overlay"
            ? `[[${text}]]`
            : `[${text}]`
    lines.push(`  n${i}${shape}`)
    if (slot.parent >= 0) {
      const parent = slots[slot.parent]!.node
      const edge =
        node.kind === "exception"
          ? ` -. "${escapeMermaid(`${node.effect === "include" ? (lang === "ja" ? "追加" : "include") : lang === "ja" ? "除外" : "exclude"} p${node.priority}`)}" .-> `
          : parent.kind === "all"
            ? ` -->|${lang === "ja" ? "かつ" : "and"}| `
            : parent.kind === "any"
              ? ` -->|${lang === "ja" ? "または" : "or"}| `
              : " --> "
      lines.push(`  n${slot.parent}${edge}n${i}`)
    }
  })
  if (options.verdict !== undefined) {
    lines.push("  classDef passed fill:#d4f7d4,stroke:#2e7d32", "  classDef failed fill:#fbd5d5,stroke:#c62828")
    lines.push("  classDef unknown fill:#fff3c4,stroke:#f9a825", "  classDef overridden fill:#d6e4ff,stroke:#1565c0")
    options.verdict.clauses.forEach((c, i) => {
      if (i < slots.length) lines.push(`  class n${i} ${c.status}`)
    })
  }
  return lines.join("\n")
}

/**
 * Whether a leaf clause fails whatever its fact's value — no values listed, an empty range, a count
 * below zero, a comparison no value can pass — so that it fails even while the fact is unknown
 * (the evaluator never asks for such a fact). Compilers of rules to other languages (SQL) use it
 * to keep the same three-valued answers.
 *
 * @example
 * ```ts
 * import { Period, Rule } from "@jiritsu/core"
 * const noGroup = Rule.isIn({ id: "g", ja: "対象", en: "group" }, "group", [])
 * Rule.failsForEveryValue(noGroup, Period.unsafeDate("2024-04-01")) // true
 * ```
 * @category evaluation
 * @since 0.1.0
 */
export const failsForEveryValue = (clause: Rule, asOf: LocalDate): boolean => constantLeaf(clause, asOf) === FALSE_TV
