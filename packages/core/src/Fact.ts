/**
 * Facts (事実・申告事項) — the input of eligibility evaluation.
 *
 * A fact record maps a fact name (e.g. `birth_date`, `target_groups`, `household`) to a JSON value.
 * Three states matter to the three-valued evaluation:
 * - the key is **absent** (or `undefined`): the fact is *unknown* — a clause that reads it is
 *   `unknown`, and the fact is listed among the questions still to ask (次に確認すべき事項);
 * - the value is **`null`**: the fact is *known to be absent* (e.g. no consent on file) —
 *   comparisons on it fail, `exists` fails;
 * - any other value: the fact is known.
 *
 * Rule sets may declare their facts ({@link FactSpec}) so that input is decoded with the right
 * types at the boundary and questions are asked with a label.
 *
 * @since 0.1.0
 * @module
 */
import { Result, Schema } from "effect"
import { type DecodeIssue, decodeWith, suggest } from "./internal/decode.ts"
import { describeInput, refineIssues } from "./internal/ruleDecode.ts"
import { LocalDate } from "./Period.ts"

/**
 * A scalar fact value: string, finite number or boolean. @category facts @since 0.1.0
 * @example
 * ```ts
 * const values: ReadonlyArray<Fact.Scalar> = ["tsurumi", 3, true]
 * ```
 */
export const Scalar = Schema.Union([Schema.String, Schema.Finite, Schema.Boolean])
/** @category facts */
export type Scalar = typeof Scalar.Type

/**
 * One member of a household (世帯員): a flat record of member facts. @category facts @since 0.1.0
 * @example
 * ```ts
 * const child: Fact.MemberRecord = { relation: "child", birth_date: "2010-05-01", income: 0 }
 * ```
 */
export const MemberRecord = Schema.Record(Schema.String, Schema.Union([Scalar, Schema.Null, Schema.Array(Scalar)]))
/** @category facts */
export type MemberRecord = typeof MemberRecord.Type

/**
 * A fact value: a scalar, `null` (known to be absent), a list of scalars (e.g. target groups), or a
 * list of member records (a household).
 * @category facts
 * @since 0.1.0
 * @example
 * ```ts
 * const household: Fact.FactValue = [{ relation: "self", income: 80_000 }, { relation: "child", income: 0 }]
 * ```
 */
export const FactValue = Schema.Union([Scalar, Schema.Null, Schema.Array(Scalar), Schema.Array(MemberRecord)])
/** @category facts */
export type FactValue = typeof FactValue.Type

/**
 * A fact record (申告・確認された事実の集まり). Absent keys are unknown facts. @category facts @since 0.1.0
 * @example
 * ```ts
 * const facts: Fact.Facts = { target_groups: ["welfare_recipient"], able_to_work: true, consent_date: null }
 * ```
 */
export const Facts = Schema.Record(Schema.String, FactValue)
/** @category facts */
export type Facts = typeof Facts.Type

/**
 * The type a declared fact must have. @category specs @since 0.1.0
 * @example
 * ```ts
 * const t: Fact.FactType = "strings"
 * ```
 */
export const FactType = Schema.Literals(["boolean", "number", "string", "date", "strings", "members"])
/** @category specs */
export type FactType = typeof FactType.Type

/**
 * Japanese and English labels (表示名). @category specs @since 0.1.0
 * @example
 * ```ts
 * const labels: Fact.Labels = { ja: "稼働能力がある", en: "able to work" }
 * ```
 */
export const Labels = Schema.Struct({ ja: Schema.String, en: Schema.String })
/** @category specs */
export type Labels = typeof Labels.Type

const LABELLED_TYPES: ReadonlyArray<FactType> = ["string", "strings", "boolean"]
const BOOLEAN_KEYS: ReadonlyArray<string> = ["true", "false"]

// Value labels must name values the fact can take: a label for a value outside `values` (or for
// "yes" on a boolean) is a typo that would otherwise silently print the raw id.
const valueLabelsFit = Schema.makeFilter<{
  readonly type: FactType
  readonly values?: ReadonlyArray<string>
  readonly valueLabels?: Readonly<Record<string, Labels>>
}>((spec) => {
  if (spec.valueLabels === undefined) return undefined
  if (!LABELLED_TYPES.includes(spec.type)) {
    return { path: ["valueLabels"], issue: `value labels apply to string, strings and boolean facts, not to a ${spec.type} fact` }
  }
  const allowed = spec.type === "boolean" ? BOOLEAN_KEYS : spec.values
  if (allowed === undefined) return undefined
  return Object.keys(spec.valueLabels)
    .filter((key) => !allowed.includes(key))
    .map((key) => ({ path: ["valueLabels", key], issue: `a label for ${JSON.stringify(key)}, which is not one of the fact's values (${allowed.join(", ")})` }))
})

/**
 * The fields of a {@link FactSpec} without its cross-field check (value labels must name the fact's
 * values): exactly what a JSON Schema of a fact declaration can say. File formats check a document
 * with it first, then with {@link decodeSpecs}.
 * @category specs
 * @since 0.3.0
 * @example
 * ```ts
 * import { Schema } from "effect"
 *
 * Schema.is(Fact.FactSpecShape)({ type: "boolean", labels: { ja: "就労意欲", en: "wishes to work" } }) // true
 * ```
 */
export const FactSpecShape = Schema.Struct({
  type: FactType,
  labels: Labels,
  values: Schema.optionalKey(Schema.Array(Schema.String)),
  /** Labels of values (値の表示名). Keys must be in `values` when it is given; `"true"` / `"false"` for booleans. @since 0.2.0 */
  valueLabels: Schema.optionalKey(Schema.Record(Schema.String, Labels))
})

/**
 * A declared fact (事実の定義): its type, labels for the question asked when it is missing,
 * optionally the closed set of allowed values (for `string` and `strings`), and optionally the
 * labels of those values (値の表示名, e.g. `welfare_recipient` → 生活保護受給者; for a boolean
 * fact, keys `"true"` / `"false"`, e.g. あり / なし), used wherever a value is shown to a person.
 * @category specs
 * @since 0.1.0
 * @example
 * ```ts
 * const spec: Fact.FactSpec = { type: "strings", labels: { ja: "対象者区分", en: "target groups" }, values: ["welfare_recipient", "single_parent"], valueLabels: { single_parent: { ja: "ひとり親", en: "single parent" } } }
 * ```
 */
export const FactSpec = FactSpecShape.check(valueLabelsFit)
/** @category specs */
export type FactSpec = typeof FactSpec.Type

/**
 * Declared facts by name. @category specs @since 0.1.0
 * @example
 * ```ts
 * const specs: Fact.FactSpecs = { able_to_work: { type: "boolean", labels: { ja: "稼働能力がある", en: "able to work" }, valueLabels: { true: { ja: "あり", en: "yes" }, false: { ja: "なし", en: "no" } } } }
 * ```
 */
export const FactSpecs = Schema.Record(Schema.String, FactSpec)
/** @category specs */
export type FactSpecs = typeof FactSpecs.Type

/**
 * One problem in a fact record, with the path of the offending value. @category errors @since 0.1.0
 * @example
 * ```ts
 * const r = Fact.decodeStructure({ able_to_work: { nested: 1 } })
 * if (r._tag === "Failure") { const issue: Fact.FactIssue = r.failure.issues[0]!; console.log(issue.path) } // ["able_to_work"]
 * ```
 */
export const FactIssue = Schema.Struct({
  path: Schema.Array(Schema.Union([Schema.String, Schema.Number])),
  message: Schema.String
})
/** @category errors */
export type FactIssue = typeof FactIssue.Type

/**
 * Facts that could not be decoded (事実の形式誤り): every issue with its path, e.g.
 * `["household", 2, "income"]`.
 * @category errors
 * @since 0.1.0
 * @example
 * ```ts
 * const r = Fact.decodeFacts({ able_to_wrok: true }, { able_to_work: { type: "boolean", labels: { ja: "稼働能力", en: "able" } } })
 * if (r._tag === "Failure") console.log(r.failure.message) // able_to_wrok: … did you mean able_to_work?
 * ```
 */
export const FactsDecodeError = Schema.TaggedStruct("FactsDecodeError", {
  issues: Schema.Array(FactIssue),
  message: Schema.String
})
/** @category errors */
export type FactsDecodeError = typeof FactsDecodeError.Type

const decodeFactsShape = decodeWith(Facts)
const isLocalDate = Schema.is(LocalDate)

const toPath = (path: ReadonlyArray<PropertyKey>): Array<string | number> =>
  path.map((p) => (typeof p === "number" ? p : String(p)))

const factsError = (issues: ReadonlyArray<FactIssue>): FactsDecodeError => ({
  _tag: "FactsDecodeError",
  issues,
  message: issues.map((i) => `${i.path.length === 0 ? "(root)" : i.path.join(".")}: ${i.message}`).join("; ")
})

// An explicit `undefined` is the one mistake Effect reports only by listing the allowed forms.
const readableFactIssues = (issues: ReadonlyArray<DecodeIssue>, input: unknown): ReadonlyArray<DecodeIssue> =>
  refineIssues(issues, input).map((issue) =>
    issue.path.length === 1 && typeof input === "object" && input !== null && (input as Record<PropertyKey, unknown>)[issue.path[0]!] === undefined
      ? { path: issue.path, message: "undefined is not a fact value (leave the key out when the fact is unknown, or use null when it is known to be absent)" }
      : issue
  )

const checkScalarType = (type: FactType, value: unknown): string | undefined => {
  switch (type) {
    case "boolean":
      return typeof value === "boolean" ? undefined : "expected a boolean"
    case "number":
      return typeof value === "number" ? undefined : "expected a number"
    case "string":
      return typeof value === "string" ? undefined : "expected a string"
    case "date":
      return isLocalDate(value) ? undefined : "expected a calendar date YYYY-MM-DD"
    case "strings":
      return Array.isArray(value) && value.every((v) => typeof v === "string") ? undefined : "expected a list of strings"
    case "members":
      return Array.isArray(value) && value.every((v) => typeof v === "object" && v !== null && !Array.isArray(v))
        ? undefined
        : "expected a list of member records"
  }
}

const checkAgainstSpec = (name: string, spec: FactSpec, value: FactValue): Array<FactIssue> => {
  if (value === null) return []
  const typeProblem = checkScalarType(spec.type, value)
  if (typeProblem !== undefined) return [{ path: [name], message: `${typeProblem}, got ${describeInput(value)}` }]
  if (spec.values === undefined) return []
  const allowed = new Set(spec.values)
  const notAllowed = (v: string) => {
    const guess = suggest(v, spec.values!)
    return `expected one of ${spec.values!.join(", ")}, got ${JSON.stringify(v)}${guess === undefined ? "" : ` (did you mean ${JSON.stringify(guess)}?)`}`
  }
  if (spec.type === "string" && !allowed.has(value as string)) return [{ path: [name], message: notAllowed(value as string) }]
  if (spec.type === "strings") {
    return (value as ReadonlyArray<string>).flatMap((v, i) => (allowed.has(v) ? [] : [{ path: [name, i], message: notAllowed(v) }]))
  }
  return []
}

/**
 * Checks only that the input is shaped like a fact record (構造のみの検証): an object whose values
 * are scalars, `null`, lists of scalars or lists of member records. It says nothing about fact names,
 * types or allowed values — `{ "able_to_work": "yes" }` passes. Use {@link decodeFacts} with the
 * fact declarations wherever input comes from a person or another system. Never throws.
 * @category decoding
 * @since 0.3.0
 * @example
 * ```ts
 * Fact.decodeStructure({ target_groups: ["welfare_recipient"], able_to_work: true })._tag // "Success"
 * ```
 */
export const decodeStructure = (input: unknown): Result.Result<Facts, FactsDecodeError> =>
  Result.mapError(decodeFactsShape(input), (issues) => factsError(readableFactIssues(issues, input).map((i) => ({ path: toPath(i.path), message: i.message }))))

/**
 * What {@link decodeFacts} does with a fact the specs do not declare. @category decoding @since 0.3.0
 * @example
 * ```ts
 * const options: Fact.DecodeFactsOptions = { unknownFacts: "keep" } // keep a rule set's own facts
 * ```
 */
export interface DecodeFactsOptions {
  /**
   * `"error"` (default): an undeclared fact is an issue naming the closest declared one
   * (`unknown fact "abel_to_work" (did you mean "able_to_work"?)`) — the specs are the whole
   * vocabulary. `"keep"`: undeclared facts pass through unchecked — the specs are only the facts one
   * rule set reads, and the record may carry facts for other programmes.
   */
  readonly unknownFacts?: "error" | "keep"
}

/**
 * Decodes a fact record at the boundary (境界での検証) against the fact declarations: its shape,
 * then every declared fact's type (dates must be calendar dates) and allowed values (the message
 * lists them), and — unless `unknownFacts: "keep"` — that every fact is declared. The specs of a
 * catalogue are `Catalogue.factSpecs(catalogue)` (`@jiritsu/catalog`); a rule set carries the specs
 * of the facts it reads (`ruleSet.facts`). Never throws.
 * @category decoding
 * @since 0.1.0
 * @example
 * ```ts
 * const specs: Fact.FactSpecs = { birth_date: { type: "date", labels: { ja: "生年月日", en: "date of birth" } } }
 * Fact.decodeFacts({ birth_date: "2002-06-15" }, specs)._tag // "Success"
 * Fact.decodeFacts({ birth_date: "2002-06-31" }, specs)._tag // "Failure": not a calendar date
 * ```
 */
export const decodeFacts = (input: unknown, specs: FactSpecs, options: DecodeFactsOptions = {}): Result.Result<Facts, FactsDecodeError> => {
  const shaped = decodeStructure(input)
  if (Result.isFailure(shaped)) return shaped
  const issues: Array<FactIssue> = []
  if ((options.unknownFacts ?? "error") === "error") {
    for (const name of Object.keys(shaped.success)) {
      if (Object.hasOwn(specs, name)) continue
      const guess = suggest(name, Object.keys(specs))
      issues.push({ path: [name], message: `unknown fact ${JSON.stringify(name)}${guess === undefined ? "" : ` (did you mean ${JSON.stringify(guess)}?)`}` })
    }
  }
  for (const [name, spec] of Object.entries(specs)) {
    const value = Object.hasOwn(shaped.success, name) ? shaped.success[name] : undefined
    if (value !== undefined) issues.push(...checkAgainstSpec(name, spec, value))
  }
  return issues.length > 0 ? Result.fail(factsError(issues)) : Result.succeed(shaped.success)
}

/**
 * Fact declarations that could not be decoded (事実定義の形式誤り), every issue with its path. @category errors @since 0.2.0
 * @example
 * ```ts
 * const r = Fact.decodeSpecs({ able_to_work: { type: "bool", labels: { ja: "稼働能力", en: "able" } } })
 * if (r._tag === "Failure") r.failure satisfies Fact.FactSpecsDecodeError
 * ```
 */
export const FactSpecsDecodeError = Schema.TaggedStruct("FactSpecsDecodeError", {
  issues: Schema.Array(FactIssue),
  message: Schema.String
})
/** @category errors */
export type FactSpecsDecodeError = typeof FactSpecsDecodeError.Type

const decodeSpecsShape = decodeWith(FactSpecs, { onExcessProperty: "error" })

/**
 * Decodes fact declarations (e.g. from a rule-set file): types, labels, allowed values and value
 * labels — a label for a value that is not among `values` is an issue with its path, e.g.
 * `["target_groups", "valueLabels", "welfare_recepient"]`. Never throws.
 * @category decoding
 * @since 0.2.0
 * @example
 * ```ts
 * Fact.decodeSpecs(JSON.parse('{"able_to_work":{"type":"boolean","labels":{"ja":"稼働能力","en":"able to work"}}}'))._tag // "Success"
 * ```
 */
export const decodeSpecs = (input: unknown): Result.Result<FactSpecs, FactSpecsDecodeError> =>
  Result.mapError(decodeSpecsShape(input), (issues) => {
    const withPaths = issues.map((i) => ({ path: toPath(i.path), message: i.message }))
    return { _tag: "FactSpecsDecodeError" as const, issues: withPaths, message: factsError(withPaths).message }
  })

const specOf = (specs: FactSpecs | undefined, fact: string): FactSpec | undefined => {
  const root = fact.split("[")[0]!
  return root === fact && specs !== undefined && Object.hasOwn(specs, root) ? specs[root] : undefined
}

const labelOfValue = (spec: FactSpec | undefined, value: unknown, lang: "ja" | "en"): string | undefined => {
  const labels = spec?.valueLabels
  if (labels === undefined) return undefined
  const key = typeof value === "string" ? value : typeof value === "boolean" && spec!.type === "boolean" ? String(value) : undefined
  return key !== undefined && Object.hasOwn(labels, key) ? labels[key]![lang] : undefined
}

const plainValue = (value: unknown, lang: "ja" | "en"): string => {
  if (value === undefined) return lang === "ja" ? "不明" : "unknown"
  if (value === null) return lang === "ja" ? "なし" : "none"
  if (typeof value === "boolean") return lang === "ja" ? (value ? "はい" : "いいえ") : value ? "yes" : "no"
  if (typeof value === "object") return "…"
  return String(value)
}

/**
 * A value of a fact as a person reads it (値の表示): the declared value label when there is one
 * (`welfare_recipient` → 生活保護受給者, `true` → あり), otherwise the value itself; booleans
 * without labels read はい / いいえ (yes / no), `null` and empty lists なし (none), lists are
 * joined with ・ (", "). Never prints `undefined` or `[object Object]`.
 * @category specs
 * @since 0.2.0
 * @example
 * ```ts
 * const specs: Fact.FactSpecs = { target_groups: { type: "strings", labels: { ja: "対象者区分", en: "target groups" }, values: ["single_parent"], valueLabels: { single_parent: { ja: "ひとり親", en: "single parent" } } } }
 * Fact.describeValue(specs, "target_groups", ["single_parent"], "ja") // "ひとり親"
 * ```
 */
export const describeValue = (specs: FactSpecs | undefined, fact: string, value: unknown, lang: "ja" | "en"): string => {
  const spec = specOf(specs, fact)
  const one = (v: unknown): string => labelOfValue(spec, v, lang) ?? plainValue(v, lang)
  if (!Array.isArray(value)) return one(value)
  if (value.length === 0) return lang === "ja" ? "なし" : "none"
  if (value.every((v) => typeof v === "object" && v !== null)) return lang === "ja" ? `${value.length}人` : `${value.length} ${value.length === 1 ? "member" : "members"}`
  return value.map(one).join(lang === "ja" ? "・" : ", ")
}

/**
 * The label of a fact in a language, falling back to its name. @category specs @since 0.1.0
 * @example
 * ```ts
 * const specs: Fact.FactSpecs = { able_to_work: { type: "boolean", labels: { ja: "稼働能力がある", en: "able to work" } } }
 * Fact.labelOf(specs, "able_to_work", "en") // "able to work"
 * ```
 */
export const labelOf = (specs: FactSpecs | undefined, fact: string, lang: "ja" | "en"): string => {
  const root = fact.split("[")[0]!
  const spec = specs !== undefined && Object.hasOwn(specs, root) ? specs[root] : undefined
  if (spec === undefined) return fact
  return root === fact ? spec.labels[lang] : `${spec.labels[lang]}${fact.slice(root.length)}`
}
