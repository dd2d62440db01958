// Boundary decoding of rule documents, rule sets and evaluation input: every issue with its path
// and a readable message. Unknown keys are errors in rule documents: a typo such as "mni" for
// "min" must not silently widen a rule.
import { Result, Schema, SchemaIssue } from "effect"
import { type DecodeIssue, issuesOf } from "./decode.ts"

export const strictDecoder = <S extends Schema.Top>(schema: S, onExcessProperty: "error" | "ignore" = "error") => {
  const decode = Schema.decodeUnknownResult(schema as never, { errors: "all", onExcessProperty }) as (
    input: unknown
  ) => Result.Result<S["Type"], Schema.SchemaError>
  return (input: unknown): Result.Result<S["Type"], ReadonlyArray<DecodeIssue>> =>
    Result.mapError(decode(input), (error) => {
      const leaves: Array<DecodeIssue> = []
      collectLeaves(error.issue, [], leaves, input)
      return leaves.length > 0 ? leaves : issuesOf(error)
    })
}

const LEAF_TAGS = new Set(["InvalidType", "InvalidValue", "MissingKey", "UnexpectedKey", "Forbidden", "OneOf"])

// Like internal/decode's flattening, with Effect's own wording for leaf issues ("Missing key",
// "Unexpected key with value 3", "Expected a finite number, got …").
const KINDS: ReadonlyArray<string> = ["all", "any", "not", "overlay", "compare", "in", "between", "exists", "age", "dateIn", "withinLast", "asOfIn", "intersects", "containsAll", "count", "aggregate"]

const valueAt = (input: unknown, path: ReadonlyArray<PropertyKey>): unknown =>
  path.reduce<unknown>((v, k) => (typeof v === "object" && v !== null ? (v as Record<PropertyKey, unknown>)[k] : undefined), input)

const noMemberMatches = (prefix: ReadonlyArray<PropertyKey>, input: unknown): DecodeIssue => {
  const value = valueAt(input, prefix)
  if (typeof value === "object" && value !== null && !Array.isArray(value) && "kind" in value) {
    const kind = (value as { readonly kind: unknown }).kind
    const last = prefix[prefix.length - 1]
    if (!KINDS.includes(kind as string) && !(last === "exceptions" || typeof last === "number" && prefix[prefix.length - 2] === "exceptions")) {
      return { path: [...prefix, "kind"], message: `unknown clause kind ${JSON.stringify(kind)}; expected one of ${KINDS.join(", ")}` }
    }
  }
  return { path: prefix, message: "has none of the allowed forms (a clause of a known kind with its fields, or a string, number or boolean value)" }
}

const collectLeaves = (issue: SchemaIssue.Issue, prefix: ReadonlyArray<PropertyKey>, out: Array<DecodeIssue>, input: unknown): void => {
  switch (issue._tag) {
    case "Pointer":
      return collectLeaves(issue.issue, [...prefix, ...issue.path], out, input)
    case "Composite":
    case "AnyOf":
      if (issue.issues.length === 0) {
        out.push(noMemberMatches(prefix, input))
        return
      }
      for (const inner of issue.issues) collectLeaves(inner, prefix, out, input)
      return
    case "Filter":
    case "Encoding":
      if (issue._tag === "Filter") {
        const message = SchemaIssue.defaultCheckHook(issue)
        if (message !== undefined) {
          out.push({ path: prefix, message })
          return
        }
      }
      return collectLeaves(issue.issue, prefix, out, input)
    default:
      out.push({ path: prefix, message: LEAF_TAGS.has(issue._tag) ? SchemaIssue.defaultLeafHook(issue as SchemaIssue.Leaf) : String(issue) })
  }
}
