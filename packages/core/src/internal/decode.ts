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

// Effect's standard wording for a value that fits no member: `Expected "a" | "b", got "c"`.
const defaultNoMatch: NoMatchMessage = (path, _input, issue) => ({
  path,
  message: standardFormatter(issue).issues[0]?.message ?? "has none of the allowed forms"
})

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
      for (const inner of issue.issues) collect(inner, prefix, out, input, noMatch)
      return
    case "Filter": {
      const message = SchemaIssue.defaultCheckHook(issue)
      if (message !== undefined) {
        out.push({ path: prefix, message })
        return
      }
      return collect(issue.issue, prefix, out, input, noMatch)
    }
    case "Encoding":
      return collect(issue.issue, prefix, out, input, noMatch)
    default:
      out.push({
        path: prefix,
        message: LEAF_TAGS.has(issue._tag) ? SchemaIssue.defaultLeafHook(issue as SchemaIssue.Leaf) : String(issue)
      })
  }
}

/** Flattens a Schema issue tree into path-named problems with readable leaf messages. */
export const issuesOf = (error: Schema.SchemaError, input?: unknown, noMatch: NoMatchMessage = defaultNoMatch): ReadonlyArray<DecodeIssue> => {
  const out: Array<DecodeIssue> = []
  collect(error.issue, [], out, input, noMatch)
  return out.length > 0 ? out : [{ path: [], message: error.message }]
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
