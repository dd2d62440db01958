// Boundary decoding of rule documents, rule sets and evaluation input: every issue with its path
// and a readable message. Unknown keys are errors in rule documents: a typo such as "mni" for
// "min" must not silently widen a rule.
import { Result, type Schema, SchemaIssue } from "effect"
import { type DecodeIssue, decodeWith, didYouMean, literalsOf } from "./decode.ts"

const KINDS: ReadonlyArray<string> = ["all", "any", "not", "overlay", "compare", "in", "between", "exists", "age", "dateIn", "withinLast", "asOfIn", "intersects", "containsAll", "count", "aggregate"]

// Fields whose value is a clause, and lists of clauses.
const CLAUSE_FIELDS: ReadonlySet<PropertyKey> = new Set(["child", "base", "when", "where"])
const CLAUSE_LISTS: ReadonlySet<PropertyKey> = new Set(["children", "exceptions"])
// Fields whose value is a compared value (string, finite number or boolean), and lists of them.
const VALUE_FIELDS: ReadonlySet<PropertyKey> = new Set(["value", "min", "max"])
const VALUE_LISTS: ReadonlySet<PropertyKey> = new Set(["values"])

/** Decodes with the rule wording for unions that match no member, and "got …" on every leaf. */
export const strictDecoder = <S extends Schema.Top>(schema: S, onExcessProperty: "error" | "ignore" = "error", wording: "rules" | "plain" = "rules") => {
  // "plain" for documents that hold no rules (evaluation input): a fact may be named `where` or
  // `value`, or hold an object with a `kind`, without being read as a clause.
  const decode = decodeWith(schema, { onExcessProperty, noMatch: wording === "rules" ? noMemberMatches : noAllowedForm })
  return (input: unknown): Result.Result<S["Type"], ReadonlyArray<DecodeIssue>> =>
    Result.mapError(decode(input), (issues) => refineIssues(issues, input))
}

const valueAt = (input: unknown, path: ReadonlyArray<PropertyKey>): unknown =>
  path.reduce<unknown>((v, k) => (typeof v === "object" && v !== null ? (v as Record<PropertyKey, unknown>)[k] : undefined), input)

/** A short description of an offending input value, for "…, got X". */
export const describeInput = (value: unknown): string => {
  if (value === undefined) return "nothing"
  if (value === null) return "null"
  if (typeof value === "string") return value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}…` : JSON.stringify(value)
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value)
  if (Array.isArray(value)) return value.length === 0 ? "an empty list" : `a list of ${value.length}`
  if (typeof value === "object") return "an object"
  return `a ${typeof value}`
}

/**
 * Adds what was found to Effect's leaf wording ("Expected string" → "Expected string, got 3"),
 * names non-finite numbers (Effect says only "Expected a valid value"), and drops repeats of
 * the same message at the same path (alternatives of a union report the same problem twice).
 */
export const refineIssues = (issues: ReadonlyArray<DecodeIssue>, input: unknown): ReadonlyArray<DecodeIssue> => {
  const seen = new Set<string>()
  const out: Array<DecodeIssue> = []
  for (const issue of issues) {
    const value = valueAt(input, issue.path)
    const refined =
      typeof value === "number" && !Number.isFinite(value) && issue.message === "Expected a valid value"
        ? { path: issue.path, message: `Expected a finite number, got ${value}` }
        : /^Expected (?!no excess)/.test(issue.message) && !issue.message.includes(", got") && value !== undefined
          ? { path: issue.path, message: `${issue.message}, got ${describeInput(value)}` }
          : issue
    const key = `${issue.path.map(String).join("\u0000")}\u0001${refined.message}`
    if (seen.has(key)) continue
    seen.add(key)
    const previous = out[out.length - 1]
    const merged = previous !== undefined && samePath(previous.path, refined.path) ? mergeAlternatives(previous.message, refined.message) : undefined
    if (merged !== undefined) out[out.length - 1] = { path: refined.path, message: merged }
    else out.push(refined)
  }
  return out
}

const samePath = (a: ReadonlyArray<PropertyKey>, b: ReadonlyArray<PropertyKey>): boolean => a.length === b.length && a.every((k, i) => k === b[i])

// "Expected A, got X" + "Expected B, got X" (two alternatives of a union) → "Expected A or B, got X".
const mergeAlternatives = (a: string, b: string): string | undefined => {
  const ma = /^Expected (.*), got (.*)$/.exec(a)
  const mb = /^Expected (.*), got (.*)$/.exec(b)
  return ma !== null && mb !== null && ma[2] === mb[2] ? `Expected ${ma[1]} or ${mb[1]}, got ${ma[2]}` : undefined
}

const standardFormatter = SchemaIssue.makeFormatterStandardSchemaV1()

const isPlainObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const underExceptions = (prefix: ReadonlyArray<PropertyKey>): boolean => {
  const last = prefix[prefix.length - 1]
  return last === "exceptions" || (typeof last === "number" && prefix[prefix.length - 2] === "exceptions")
}

/** Where a clause is expected: the root, a clause field, or an element of a clause list. */
const expectsClause = (prefix: ReadonlyArray<PropertyKey>): boolean => {
  const last = prefix[prefix.length - 1]
  return prefix.length === 0 || CLAUSE_FIELDS.has(last!) || (typeof last === "number" && CLAUSE_LISTS.has(prefix[prefix.length - 2]!))
}

const expectsValue = (prefix: ReadonlyArray<PropertyKey>): boolean => {
  const last = prefix[prefix.length - 1]
  return VALUE_FIELDS.has(last!) || (typeof last === "number" && VALUE_LISTS.has(prefix[prefix.length - 2]!))
}

const noMemberMatches = (prefix: ReadonlyArray<PropertyKey>, input: unknown, issue: SchemaIssue.Issue): DecodeIssue => {
  const value = valueAt(input, prefix)
  if (isPlainObject(value) && "kind" in value && !KINDS.includes(value["kind"] as string) && !underExceptions(prefix)) {
    return { path: [...prefix, "kind"], message: `unknown clause kind ${JSON.stringify(value["kind"]) ?? describeInput(value["kind"])}${didYouMean(value["kind"], KINDS)}; expected one of ${KINDS.join(", ")}` }
  }
  if (expectsClause(prefix)) {
    if (isPlainObject(value) && !("kind" in value)) return { path: [...prefix, "kind"], message: `Missing key: a clause needs a kind, one of ${KINDS.join(", ")}` }
    if (!isPlainObject(value)) return { path: prefix, message: `Expected a clause (an object with kind, id and labels), got ${describeInput(value)}` }
  }
  if (expectsValue(prefix)) return { path: prefix, message: `Expected a string, a finite number or a boolean, got ${describeInput(value)}` }
  return noAllowedForm(prefix, input, issue)
}

/** Effect's own wording of a union no member matches (for literal unions: the allowed values). */
const noAllowedForm = (prefix: ReadonlyArray<PropertyKey>, input: unknown, issue: SchemaIssue.Issue): DecodeIssue => {
  const value = valueAt(input, prefix)
  const standard = standardFormatter(issue).issues[0]?.message
  const literals = literalsOf((issue as { readonly ast?: unknown }).ast)
  const hint = literals === undefined ? "" : didYouMean(value, literals)
  return {
    path: prefix,
    message: `${standard ?? "has none of the allowed forms"}, got ${describeInput(value)}${hint}`
  }
}
