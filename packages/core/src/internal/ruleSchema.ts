// The data model of eligibility rules (受給・支援対象の判定ルール). Recursive, so the TS types are
// declared beside the Schemas (Schema.suspend needs a declared type); a compile-time check below
// keeps the two identical.
import { Schema } from "effect"
import { Labels, Scalar } from "../Fact.ts"
import { LocalDate } from "../Period.ts"

const isLocalDate = Schema.is(LocalDate)
// Dates inside rule documents: validated like Period.LocalDate, typed as plain strings so that the
// encoded and decoded forms of a rule coincide (a rule document is its own JSON).
// The JSON Schema says the same: a calendar date (format "date") from 1873 on (the pattern).
const RuleDate = Schema.String.check(
  Schema.makeFilter((s: string) => isLocalDate(s) || `expected a calendar date YYYY-MM-DD, got ${JSON.stringify(s)}`, {
    toJsonSchema: () => ({ format: "date", pattern: "^(18(7[3-9]|[89][0-9])|19[0-9]{2}|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2}$" })
  })
)

/**
 * Where a clause comes from: a source document, a statute article, a notice.
 * @example
 * ```ts
 * const c: Rule.Citation = { source: "社援発0516第18号", section: "第2の1", url: "https://www.mhlw.go.jp/" }
 * ```
 */
export const Citation = Schema.Struct({
  source: Schema.NonEmptyString,
  section: Schema.optionalKey(Schema.String),
  url: Schema.optionalKey(Schema.String)
})
export type Citation = typeof Citation.Type

const Id = Schema.String.check(
  Schema.makeFilter((s: string) => /^[A-Za-z0-9_.:-]+$/.test(s) || "expected a clause id of letters, digits, _ . : -", {
    toJsonSchema: () => ({ pattern: "^[A-Za-z0-9_.:-]+$" })
  })
)
const FactName = Schema.String.check(
  Schema.makeFilter((s: string) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) || "expected a fact name of letters, digits and _", {
    toJsonSchema: () => ({ pattern: "^[A-Za-z_][A-Za-z0-9_]*$" })
  })
)

const common = {
  id: Id,
  labels: Labels,
  citation: Schema.optionalKey(Citation),
  /** Template of the sentence read out when the clause fails; placeholders `{label} {value} {expected} {fact}`. */
  whyNot: Schema.optionalKey(Labels),
  /** A soft limit (おおむね): staff may override a failure, with a reason. */
  soft: Schema.optionalKey(Schema.Boolean)
}

interface Common {
  readonly id: string
  readonly labels: Labels
  readonly citation?: Citation
  readonly whyNot?: Labels
  readonly soft?: boolean
}

/**
 * Comparison operators of a `compare` clause: `eq`, `neq`, `gt`, `gte`, `lt`, `lte`.
 * @example
 * ```ts
 * const op: Rule.CompareOp = "gte"
 * ```
 */
export const CompareOp = Schema.Literals(["eq", "neq", "gt", "gte", "lt", "lte"])
export type CompareOp = typeof CompareOp.Type

/**
 * Household aggregate functions (世帯の集計): `sum`, `min`, `max` over a member field.
 * @example
 * ```ts
 * const fn: Rule.AggregateFn = "sum"
 * ```
 */
export const AggregateFn = Schema.Literals(["sum", "min", "max"])
export type AggregateFn = typeof AggregateFn.Type

export const Effect = Schema.Literals(["include", "exclude"])
export type Effect = typeof Effect.Type

/**
 * An `all` clause (かつ): every child holds.
 * @example
 * ```ts
 * const r = Rule.all({ id: "r", ja: "要件", en: "test" }, [])
 * if (r.kind === "all") r satisfies Rule.All
 * ```
 */
export interface All extends Common { readonly kind: "all"; readonly children: ReadonlyArray<Rule> }
/**
 * An `any` clause (または): at least one child holds.
 * @example
 * ```ts
 * const r = Rule.any({ id: "r", ja: "いずれか", en: "any of" }, [])
 * if (r.kind === "any") r satisfies Rule.Any
 * ```
 */
export interface Any extends Common { readonly kind: "any"; readonly children: ReadonlyArray<Rule> }
/**
 * A `not` clause (でない): the child does not hold.
 * @example
 * ```ts
 * const r = Rule.not({ id: "r", ja: "でない", en: "not" }, Rule.isTrue({ id: "a", ja: "a", en: "a" }, "a"))
 * if (r.kind === "not") r satisfies Rule.Not
 * ```
 */
export interface Not extends Common { readonly kind: "not"; readonly child: Rule }
export interface Compare extends Common {
  readonly kind: "compare"
  readonly fact: string
  readonly op: CompareOp
  readonly value: Scalar
}
export interface In extends Common { readonly kind: "in"; readonly fact: string; readonly values: ReadonlyArray<Scalar> }
export interface Between extends Common {
  readonly kind: "between"
  readonly fact: string
  readonly min: number | string
  readonly max: number | string
}
export interface Exists extends Common { readonly kind: "exists"; readonly fact: string }
export interface Age extends Common {
  readonly kind: "age"
  readonly fact: string
  readonly min?: number
  readonly max?: number
}
export interface DateIn extends Common {
  readonly kind: "dateIn"
  readonly fact: string
  readonly from?: string
  readonly until?: string
}
export interface WithinLast extends Common {
  readonly kind: "withinLast"
  readonly fact: string
  readonly months: number
}
export interface AsOfIn extends Common {
  readonly kind: "asOfIn"
  readonly from?: string
  readonly until?: string
}
export interface Intersects extends Common {
  readonly kind: "intersects"
  readonly fact: string
  readonly values: ReadonlyArray<Scalar>
}
export interface ContainsAll extends Common {
  readonly kind: "containsAll"
  readonly fact: string
  readonly values: ReadonlyArray<Scalar>
}
export interface Count extends Common {
  readonly kind: "count"
  readonly fact: string
  readonly where?: Rule
  readonly op: CompareOp
  readonly value: number
}
export interface Aggregate extends Common {
  readonly kind: "aggregate"
  readonly fact: string
  readonly fn: AggregateFn
  readonly field: string
  readonly where?: Rule
  readonly op: CompareOp
  readonly value: number
}
/**
 * An exception (例外規定) of an overlay: includes or excludes people matching `when`, by priority.
 * @example
 * ```ts
 * const e: Rule.Exception = Rule.exclude({ id: "students", ja: "学生を除外", en: "exclude students" }, Rule.isTrue({ id: "student", ja: "学生", en: "student" }, "student"))
 * ```
 */
export interface Exception extends Omit<Common, "soft"> {
  readonly kind: "exception"
  readonly priority: number
  readonly effect: Effect
  readonly when: Rule
}
/**
 * An overlay (上乗せ・横出し): a base rule with exceptions, as a municipal variant of a national rule.
 * @example
 * ```ts
 * const r = Rule.overlay({ id: "city", ja: "市", en: "city" }, Rule.isTrue({ id: "a", ja: "a", en: "a" }, "a"), [])
 * if (r.kind === "overlay") r satisfies Rule.Overlay
 * ```
 */
export interface Overlay extends Common {
  readonly kind: "overlay"
  readonly base: Rule
  readonly exceptions: ReadonlyArray<Exception>
}

/**
 * A leaf clause: a comparison, membership, range, existence, age, date window, set test or household aggregate on one fact.
 * @example
 * ```ts
 * const leaf: Rule.Leaf = { kind: "exists", id: "consent", labels: { ja: "同意書がある", en: "consent on file" }, fact: "consent_date" }
 * ```
 */
export type Leaf = Compare | In | Between | Exists | Age | DateIn | WithinLast | AsOfIn | Intersects | ContainsAll | Count | Aggregate
/**
 * A rule (判定ルール): a tree of clauses. Build it with the combinators of `Rule`, or decode a document with `Rule.decode`.
 * @example
 * ```ts
 * const rule: Rule.Rule = Rule.isTrue({ id: "able", ja: "稼働能力がある", en: "able to work" }, "able_to_work")
 * ```
 */
export type Rule = All | Any | Not | Overlay | Leaf

const RuleRef = Schema.suspend((): Schema.Codec<Rule> => Rule)

const AllS = Schema.Struct({ kind: Schema.Literal("all"), ...common, children: Schema.Array(RuleRef) })
const AnyS = Schema.Struct({ kind: Schema.Literal("any"), ...common, children: Schema.Array(RuleRef) })
const NotS = Schema.Struct({ kind: Schema.Literal("not"), ...common, child: RuleRef })
const CompareS = Schema.Struct({ kind: Schema.Literal("compare"), ...common, fact: FactName, op: CompareOp, value: Scalar })
const InS = Schema.Struct({ kind: Schema.Literal("in"), ...common, fact: FactName, values: Schema.Array(Scalar) })
const Bound = Schema.Union([Schema.Finite, Schema.String])
const BetweenS = Schema.Struct({ kind: Schema.Literal("between"), ...common, fact: FactName, min: Bound, max: Bound })
const ExistsS = Schema.Struct({ kind: Schema.Literal("exists"), ...common, fact: FactName })
const AgeYears = Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 150 }))
const AgeS = Schema.Struct({
  kind: Schema.Literal("age"),
  ...common,
  fact: FactName,
  min: Schema.optionalKey(AgeYears),
  max: Schema.optionalKey(AgeYears)
})
const DateInS = Schema.Struct({
  kind: Schema.Literal("dateIn"),
  ...common,
  fact: FactName,
  from: Schema.optionalKey(RuleDate),
  until: Schema.optionalKey(RuleDate)
})
const WithinLastS = Schema.Struct({
  kind: Schema.Literal("withinLast"),
  ...common,
  fact: FactName,
  months: Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 1200 }))
})
const AsOfInS = Schema.Struct({
  kind: Schema.Literal("asOfIn"),
  ...common,
  from: Schema.optionalKey(RuleDate),
  until: Schema.optionalKey(RuleDate)
})
const IntersectsS = Schema.Struct({ kind: Schema.Literal("intersects"), ...common, fact: FactName, values: Schema.Array(Scalar) })
const ContainsAllS = Schema.Struct({ kind: Schema.Literal("containsAll"), ...common, fact: FactName, values: Schema.Array(Scalar) })
const CountS = Schema.Struct({
  kind: Schema.Literal("count"),
  ...common,
  fact: FactName,
  where: Schema.optionalKey(RuleRef),
  op: CompareOp,
  value: Schema.Finite
})
const AggregateS = Schema.Struct({
  kind: Schema.Literal("aggregate"),
  ...common,
  fact: FactName,
  fn: AggregateFn,
  field: FactName,
  where: Schema.optionalKey(RuleRef),
  op: CompareOp,
  value: Schema.Finite
})
export const ExceptionS = Schema.Struct({
  kind: Schema.Literal("exception"),
  id: Id,
  labels: Labels,
  citation: Schema.optionalKey(Citation),
  whyNot: Schema.optionalKey(Labels),
  priority: Schema.Int,
  effect: Effect,
  when: RuleRef
})
const OverlayS = Schema.Struct({ kind: Schema.Literal("overlay"), ...common, base: RuleRef, exceptions: Schema.Array(ExceptionS) })

export const Rule: Schema.Codec<Rule> = Schema.Union([
  AllS,
  AnyS,
  NotS,
  OverlayS,
  CompareS,
  InS,
  BetweenS,
  ExistsS,
  AgeS,
  DateInS,
  WithinLastS,
  AsOfInS,
  IntersectsS,
  ContainsAllS,
  CountS,
  AggregateS
]).annotate({ identifier: "Rule", title: "jiritsu eligibility rule" })

// Compile-time guard: the declared interfaces and the Schemas describe the same data.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const sameLeaf: Same<typeof CompareS.Type, Compare> = true
const sameAge: Same<typeof AgeS.Type, Age> = true
const sameCount: Same<typeof CountS.Type, Count> = true
const sameOverlay: Same<typeof OverlayS.Type, Overlay> = true
void sameLeaf
void sameAge
void sameCount
void sameOverlay
