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
 */
import { Result, Schema } from "effect"
import { decodeWith } from "./internal/decode.ts"
import { LocalDate } from "./Period.ts"

/** A scalar fact value: string, finite number or boolean. @category facts @since 0.1.0 */
export const Scalar = Schema.Union([Schema.String, Schema.Finite, Schema.Boolean])
/** @category facts */
export type Scalar = typeof Scalar.Type

/** One member of a household (世帯員): a flat record of member facts. @category facts @since 0.1.0 */
export const MemberRecord = Schema.Record(Schema.String, Schema.Union([Scalar, Schema.Null, Schema.Array(Scalar)]))
/** @category facts */
export type MemberRecord = typeof MemberRecord.Type

/**
 * A fact value: a scalar, `null` (known to be absent), a list of scalars (e.g. target groups), or a
 * list of member records (a household).
 * @category facts
 * @since 0.1.0
 */
export const FactValue = Schema.Union([Scalar, Schema.Null, Schema.Array(Scalar), Schema.Array(MemberRecord)])
/** @category facts */
export type FactValue = typeof FactValue.Type

/** A fact record (申告・確認された事実の集まり). Absent keys are unknown facts. @category facts @since 0.1.0 */
export const Facts = Schema.Record(Schema.String, FactValue)
/** @category facts */
export type Facts = typeof Facts.Type

/** The type a declared fact must have. @category specs @since 0.1.0 */
export const FactType = Schema.Literals(["boolean", "number", "string", "date", "strings", "members"])
/** @category specs */
export type FactType = typeof FactType.Type

/** Japanese and English labels (表示名). @category specs @since 0.1.0 */
export const Labels = Schema.Struct({ ja: Schema.String, en: Schema.String })
/** @category specs */
export type Labels = typeof Labels.Type

/**
 * A declared fact (事実の定義): its type, labels for the question asked when it is missing, and
 * optionally the closed set of allowed values (for `string` and `strings`).
 * @category specs
 * @since 0.1.0
 */
export const FactSpec = Schema.Struct({
  type: FactType,
  labels: Labels,
  values: Schema.optionalKey(Schema.Array(Schema.String))
})
/** @category specs */
export type FactSpec = typeof FactSpec.Type

/** Declared facts by name. @category specs @since 0.1.0 */
export const FactSpecs = Schema.Record(Schema.String, FactSpec)
/** @category specs */
export type FactSpecs = typeof FactSpecs.Type

/** One problem in a fact record, with the path of the offending value. @category errors @since 0.1.0 */
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
  if (typeProblem !== undefined) return [{ path: [name], message: typeProblem }]
  if (spec.values === undefined) return []
  const allowed = new Set(spec.values)
  if (spec.type === "string" && !allowed.has(value as string)) {
    return [{ path: [name], message: `expected one of ${spec.values.join(", ")}` }]
  }
  if (spec.type === "strings") {
    return (value as ReadonlyArray<string>).flatMap((v, i) =>
      allowed.has(v) ? [] : [{ path: [name, i], message: `expected one of ${spec.values!.join(", ")}` }]
    )
  }
  return []
}

/**
 * Decodes a fact record at the boundary (境界での検証). With `specs`, declared facts are also
 * checked for their type (dates must be calendar dates) and allowed values; undeclared facts are
 * kept as they are. Never throws.
 * @category decoding
 * @since 0.1.0
 */
export const decodeFacts = (input: unknown, specs?: FactSpecs): Result.Result<Facts, FactsDecodeError> => {
  const shaped = decodeFactsShape(input)
  if (Result.isFailure(shaped)) {
    return Result.fail(factsError(shaped.failure.map((i) => ({ path: toPath(i.path), message: i.message }))))
  }
  if (specs === undefined) return Result.succeed(shaped.success)
  const issues: Array<FactIssue> = []
  for (const [name, spec] of Object.entries(specs)) {
    const value = Object.hasOwn(shaped.success, name) ? shaped.success[name] : undefined
    if (value !== undefined) issues.push(...checkAgainstSpec(name, spec, value))
  }
  return issues.length > 0 ? Result.fail(factsError(issues)) : Result.succeed(shaped.success)
}

/** The label of a fact in a language, falling back to its name. @category specs @since 0.1.0 */
export const labelOf = (specs: FactSpecs | undefined, fact: string, lang: "ja" | "en"): string => {
  const root = fact.split("[")[0]!
  const spec = specs !== undefined && Object.hasOwn(specs, root) ? specs[root] : undefined
  if (spec === undefined) return fact
  return root === fact ? spec.labels[lang] : `${spec.labels[lang]}${fact.slice(root.length)}`
}
