// Boundary decoding for the simulation package: unknown input → Result, every Schema issue with
// the path of its field (unknown keys are errors: model, cohort and scenario files are strict).
import { Result, Schema, SchemaIssue } from "effect"

export interface DecodeIssue {
  readonly path: ReadonlyArray<string | number>
  readonly message: string
}

export const formatPath = (path: ReadonlyArray<string | number>): string =>
  path.length === 0 ? "(root)" : path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("")

const standard = SchemaIssue.makeFormatterStandardSchemaV1()
const LEAVES: ReadonlySet<string> = new Set(["InvalidType", "InvalidValue", "MissingKey", "UnexpectedKey", "Forbidden", "OneOf"])

const collect = (issue: SchemaIssue.Issue, prefix: ReadonlyArray<string | number>, out: Array<DecodeIssue>): void => {
  switch (issue._tag) {
    case "Pointer":
      return collect(issue.issue, [...prefix, ...issue.path.map((p) => (typeof p === "number" ? p : String(p)))], out)
    case "Composite":
    case "AnyOf":
      if (issue.issues.length === 0) {
        out.push({ path: prefix, message: standard(issue).issues[0]?.message ?? "has none of the allowed forms" })
        return
      }
      for (const inner of issue.issues) collect(inner, prefix, out)
      return
    case "Filter": {
      const message = SchemaIssue.defaultCheckHook(issue)
      if (message !== undefined) return void out.push({ path: prefix, message })
      return collect(issue.issue, prefix, out)
    }
    case "Encoding":
      return collect(issue.issue, prefix, out)
    default:
      out.push({ path: prefix, message: LEAVES.has(issue._tag) ? SchemaIssue.defaultLeafHook(issue as SchemaIssue.Leaf) : String(issue) })
  }
}

export const decodeStrict = <S extends Schema.Top>(schema: S) => {
  const decode = Schema.decodeUnknownResult(schema as never, { errors: "all", onExcessProperty: "error" }) as (
    input: unknown
  ) => Result.Result<S["Type"], Schema.SchemaError>
  return (input: unknown): Result.Result<S["Type"], ReadonlyArray<DecodeIssue>> =>
    Result.mapError(decode(input), (error) => {
      const out: Array<DecodeIssue> = []
      collect(error.issue, [], out)
      return out.length > 0 ? out : [{ path: [], message: error.message }]
    })
}
