// What the catalogue's file formats (test cases, variants) share: the calendar-date field, the JSON
// Schema document with date patterns, and Schema issues flattened into path-named problems.
import { Period } from "@jiritsu/core"
import { Schema, SchemaIssue } from "effect"

const DATE_DESCRIPTION = "a calendar date YYYY-MM-DD"

/** A calendar date field, annotated so the generated JSON Schema can carry its pattern. */
export const CalendarDate = Period.LocalDate.check(Schema.isPattern(/^\d{4}-\d{2}-\d{2}$/)).annotate({ description: DATE_DESCRIPTION })

// Effect 4.1 does not emit `pattern` for string filters; calendar dates get it (and `format: date`)
// here so that editors validate dates as they type.
const withDatePatterns = (node: unknown): unknown => {
  if (Array.isArray(node)) return node.map(withDatePatterns)
  if (typeof node !== "object" || node === null) return node
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(node)) out[k] = withDatePatterns(v)
  return out["description"] === DATE_DESCRIPTION ? { ...out, format: "date", pattern: "^\\d{4}-\\d{2}-\\d{2}$" } : out
}

/** The JSON Schema (draft 2020-12) document of a file format. */
export const fileJsonSchema = (schema: Schema.Top, id: string, title: string): Record<string, unknown> => {
  const doc = Schema.toJsonSchemaDocument(schema)
  return withDatePatterns({
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: id,
    title,
    ...doc.schema,
    $defs: doc.definitions
  }) as Record<string, unknown>
}

const leafMessage = (issue: unknown): string => {
  const text = String(issue)
  if (text !== "[object Object]") return text
  try {
    return SchemaIssue.defaultLeafHook(issue as Parameters<typeof SchemaIssue.defaultLeafHook>[0])
  } catch {
    return "invalid value"
  }
}

/** Every Schema issue of a decoding failure, with its path. */
export const schemaIssues = (error: Schema.SchemaError): ReadonlyArray<{ readonly path: ReadonlyArray<string | number>; readonly message: string }> => {
  const out: Array<{ readonly path: ReadonlyArray<string | number>; readonly message: string }> = []
  const visit = (issue: unknown, path: ReadonlyArray<string | number>): void => {
    const i = issue as { _tag: string; path?: ReadonlyArray<PropertyKey>; issue?: unknown; issues?: ReadonlyArray<unknown> }
    if (i._tag === "Pointer") return visit(i.issue, [...path, ...(i.path ?? []).map((p) => (typeof p === "number" ? p : String(p)))])
    if ((i._tag === "Composite" || i._tag === "AnyOf") && i.issues !== undefined && i.issues.length > 0) {
      for (const sub of i.issues) visit(sub, path)
      return
    }
    if ((i._tag === "Filter" || i._tag === "Encoding") && i.issue !== undefined) return visit(i.issue, path)
    out.push({ path, message: leafMessage(issue) })
  }
  visit(error.issue, [])
  return out
}
