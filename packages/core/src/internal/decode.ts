import { Result, Schema, SchemaIssue } from "effect"

/** One problem found while decoding input, with the path of the offending field. */
export interface DecodeIssue {
  readonly path: ReadonlyArray<PropertyKey>
  readonly message: string
}

/** @internal */
export const formatPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.length === 0
    ? "(root)"
    : path
        .map((segment, i) =>
          typeof segment === "number" ? `[${segment}]` : i === 0 ? String(segment) : `.${String(segment)}`
        )
        .join("")

/**
 * Says what to report when a value matches none of a union's members (the issue tree carries no
 * detail then). The default names the path; rule documents name the unknown `kind`.
 */
export type NoMatchMessage = (path: ReadonlyArray<PropertyKey>, input: unknown, issue: SchemaIssue.Issue) => DecodeIssue

const standardFormatter = SchemaIssue.makeFormatterStandardSchemaV1()

// Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions).
const distance = (a: string, b: string): number => {
  const d: Array<Array<number>> = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1)
    }
  }
  return d[a.length]![b.length]!
}

/**
 * The candidate a misspelt word most likely meant ("did you mean"): the same word in another case,
 * or the closest candidate within a third of the word's length (at least one edit, at most three).
 */
export const suggest = (word: string, candidates: Iterable<string>): string | undefined => {
  if (word.length > 64) return undefined
  let best: string | undefined
  let bestDistance = Infinity
  for (const c of candidates) {
    if (c === word) continue
    const d = c.toLowerCase() === word.toLowerCase() ? 0.5 : distance(word, c)
    if (d < bestDistance) {
      best = c
      bestDistance = d
    }
  }
  return best !== undefined && bestDistance <= Math.min(3, Math.max(1, Math.floor(word.length / 3))) ? best : undefined
}

/** "unknown key "mni" (did you mean "min"?)", or the allowed keys when nothing is close. */
export const unknownKeyMessage = (key: string, allowed: ReadonlyArray<string>): string => {
  const guess = suggest(key, allowed)
  return guess !== undefined
    ? `unknown key ${JSON.stringify(key)} (did you mean ${JSON.stringify(guess)}?)`
    : `unknown key ${JSON.stringify(key)}; allowed keys: ${allowed.join(", ")}`
}

/** The literal values of a union of literals (an enumeration), when the AST is one. */
export const literalsOf = (ast: unknown): ReadonlyArray<string | number | boolean> | undefined => {
  const a = ast as { readonly _tag?: string; readonly types?: ReadonlyArray<{ readonly _tag?: string; readonly literal?: unknown }> }
  if (a._tag !== "Union" || a.types === undefined || a.types.length === 0) return undefined
  const values = a.types.map((t) => (t._tag === "Literal" ? t.literal : undefined))
  return values.every((v) => typeof v === "string" || typeof v === "number" || typeof v === "boolean") ? (values as ReadonlyArray<string | number | boolean>) : undefined
}

/** " (did you mean "eligible"?)" when a string value is close to one of an enumeration's values. */
export const didYouMean = (value: unknown, allowed: ReadonlyArray<unknown>): string => {
  if (typeof value !== "string") return ""
  const guess = suggest(value, allowed.filter((v): v is string => typeof v === "string"))
  return guess === undefined ? "" : ` (did you mean ${JSON.stringify(guess)}?)`
}

const valueAtPath = (input: unknown, path: ReadonlyArray<PropertyKey>): unknown =>
  path.reduce<unknown>((v, k) => (typeof v === "object" && v !== null ? (v as Record<PropertyKey, unknown>)[k] : undefined), input)

// Effect's standard wording for a value that fits no member: `Expected "a" | "b", got "c"`, with a
// suggestion when the value is a near miss of one of an enumeration's values.
const defaultNoMatch: NoMatchMessage = (path, input, issue) => {
  const literals = literalsOf((issue as { readonly ast?: unknown }).ast)
  const hint = literals === undefined ? "" : didYouMean(valueAtPath(input, path), literals)
  return { path, message: `${standardFormatter(issue).issues[0]?.message ?? "has none of the allowed forms"}${hint}` }
}

const LEAF_TAGS: ReadonlySet<string> = new Set(["InvalidType", "InvalidValue", "MissingKey", "UnexpectedKey", "Forbidden", "OneOf"])

const collect = (
  issue: SchemaIssue.Issue,
  prefix: ReadonlyArray<PropertyKey>,
  out: Array<DecodeIssue>,
  input: unknown,
  noMatch: NoMatchMessage
): void => {
  switch (issue._tag) {
    case "Pointer":
      return collect(issue.issue, [...prefix, ...issue.path], out, input, noMatch)
    case "Composite":
    case "AnyOf":
      if (issue.issues.length === 0) {
        out.push(noMatch(prefix, input, issue))
        return
      }
      if (issue._tag === "Composite" && issue.issues.length > 1 && !nonFinite(input, prefix)) {
        // Several checks of one value failed together: each is required, so "and", in one message.
        const all = issue.issues.map((i) => (i._tag === "Filter" && SchemaIssue.defaultCheckHook(i) === undefined && i.issue._tag === "InvalidValue" ? expectedText(i.filter) : undefined))
        if (all.every((t) => t !== undefined)) {
          out.push({ path: prefix, message: `Expected ${[...new Set(all)].join(" and ")}` })
          return
        }
      }
      for (const inner of issue.issues) collect(inner, prefix, out, input, noMatch)
      return
    case "Filter": {
      // A check's own message, else what the check expects as Effect words it ("a value with a
      // length of at least 1", "an integer"), else the inner issue's wording.
      const message = SchemaIssue.defaultCheckHook(issue) ?? (issue.issue._tag === "InvalidValue" && !nonFinite(input, prefix) ? expectedBy(issue.filter) : undefined)
      if (message !== undefined) {
        out.push({ path: prefix, message })
        return
      }
      return collect(issue.issue, prefix, out, input, noMatch)
    }
    case "Encoding":
      return collect(issue.issue, prefix, out, input, noMatch)
    case "UnexpectedKey": {
      // Reported on the object that holds the key, naming the key and the closest allowed one; an
      // index past a tuple's end is an element too many, not a key.
      const last = prefix[prefix.length - 1]
      const ast = (issue as { readonly ast?: unknown }).ast
      const message = typeof last === "number" ? tooManyElements(last, ast) : unknownKeyMessage(String(last), allowedKeys(ast))
      out.push({ path: prefix.slice(0, -1), message })
      return
    }
    default:
      out.push({
        path: prefix,
        message: LEAF_TAGS.has(issue._tag) ? SchemaIssue.defaultLeafHook(issue as SchemaIssue.Leaf) : String(issue)
      })
  }
}

/**
 * NaN and ±Infinity fail a number's checks for being no number at all; "Expected an integer, got
 * NaN" would mislead, so they keep the plain wording, which callers may refine ("a finite number").
 */
const nonFinite = (input: unknown, path: ReadonlyArray<PropertyKey>): boolean => {
  const value = valueAtPath(input, path)
  return typeof value === "number" && !Number.isFinite(value)
}

/**
 * "Expected …" from a check's `expected` annotation. (A group of checks, such as `isInt32`, fails
 * through the member that failed, so the member's annotation is the one read.)
 */
const expectedBy = (check: unknown): string | undefined => {
  const text = expectedText(check)
  return text === undefined ? undefined : `Expected ${text}`
}
const expectedText = (check: unknown): string | undefined => {
  const expected = (check as { readonly annotations?: { readonly expected?: unknown } }).annotations?.expected
  return typeof expected === "string" ? expected : undefined
}

const tooManyElements = (index: number, ast: unknown): string => {
  const elements = (ast as { readonly elements?: ReadonlyArray<unknown> }).elements
  return elements === undefined ? `unexpected element [${index}]` : `unexpected element [${index}]: expected ${elements.length} element${elements.length === 1 ? "" : "s"}`
}

const allowedKeys = (ast: unknown): ReadonlyArray<string> => {
  const signatures = (ast as { readonly propertySignatures?: ReadonlyArray<{ readonly name: PropertyKey }> }).propertySignatures ?? []
  return signatures.map((p) => String(p.name))
}

/** Flattens a Schema issue tree into path-named problems with readable leaf messages. */
export const issuesOf = (error: Schema.SchemaError, input?: unknown, noMatch: NoMatchMessage = defaultNoMatch): ReadonlyArray<DecodeIssue> => {
  const out: Array<DecodeIssue> = []
  collect(error.issue, [], out, input, noMatch)
  return out.length > 0 ? distinct(out) : [{ path: [], message: error.message }]
}

/** The same problem at the same path is said once (two checks refusing NaN, say). */
const distinct = (issues: ReadonlyArray<DecodeIssue>): ReadonlyArray<DecodeIssue> => {
  const seen = new Set<string>()
  return issues.filter((i) => {
    const key = `${i.path.map(String).join("\u0000")}\u0001${i.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/**
 * Builds a total decoder: unknown input → `Result<A, issues>`, reporting every issue (not only the
 * first) with its field path. `onExcessProperty: "error"` makes unknown keys errors (for documents
 * where a typo must not silently widen meaning).
 */
export const decodeWith = <S extends Schema.Top>(
  schema: S,
  options: { readonly onExcessProperty?: "error" | "ignore"; readonly noMatch?: NoMatchMessage } = {}
) => {
  const decode = Schema.decodeUnknownResult(schema as never, {
    errors: "all",
    onExcessProperty: options.onExcessProperty ?? "ignore"
  }) as (input: unknown) => Result.Result<S["Type"], Schema.SchemaError>
  return (input: unknown): Result.Result<S["Type"], ReadonlyArray<DecodeIssue>> =>
    Result.mapError(decode(input), (error) => issuesOf(error, input, options.noMatch))
}
