// Boundary decoding of rule documents, rule sets and evaluation input: every issue with its path
// and a readable message. Unknown keys are errors in rule documents: a typo such as "mni" for
// "min" must not silently widen a rule.
import type { Schema } from "effect"
import { type DecodeIssue, decodeWith } from "./decode.ts"

export const strictDecoder = <S extends Schema.Top>(schema: S, onExcessProperty: "error" | "ignore" = "error") =>
  decodeWith(schema, { onExcessProperty, noMatch: noMemberMatches })

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
