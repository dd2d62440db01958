import { Result, Schema } from "effect"

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

type AnyIssue = {
  readonly _tag: string
  readonly path?: ReadonlyArray<PropertyKey>
  readonly issue?: AnyIssue
  readonly issues?: ReadonlyArray<AnyIssue>
  readonly toString: () => string
}

const collect = (issue: AnyIssue, prefix: ReadonlyArray<PropertyKey>, out: Array<DecodeIssue>): void => {
  if (issue._tag === "Pointer" && issue.issue && issue.path) {
    collect(issue.issue, [...prefix, ...issue.path], out)
    return
  }
  if ((issue._tag === "Composite" || issue._tag === "AnyOf") && issue.issues && issue.issues.length > 0) {
    for (const inner of issue.issues) collect(inner, prefix, out)
    return
  }
  if ((issue._tag === "Filter" || issue._tag === "Encoding") && issue.issue) {
    collect(issue.issue, prefix, out)
    return
  }
  out.push({ path: prefix, message: issue.toString() })
}

/** Flattens a Schema issue tree into path-named problems. */
export const issuesOf = (error: Schema.SchemaError): ReadonlyArray<DecodeIssue> => {
  const out: Array<DecodeIssue> = []
  collect(error.issue as unknown as AnyIssue, [], out)
  return out.length > 0 ? out : [{ path: [], message: error.message }]
}

/**
 * Builds a total decoder: unknown input → `Result<A, { issues }>`, reporting every issue
 * (not only the first) with its field path.
 */
export const decodeWith = <S extends Schema.Top>(schema: S) => {
  const decode = Schema.decodeUnknownResult(schema as any, { errors: "all" }) as (
    input: unknown
  ) => Result.Result<S["Type"], Schema.SchemaError>
  return (input: unknown): Result.Result<S["Type"], ReadonlyArray<DecodeIssue>> =>
    Result.mapError(decode(input), issuesOf)
}
