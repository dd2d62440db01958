/**
 * Variant files (自治体ルールのJSON定義) — municipal variants as data files, for teams that keep
 * their rules outside TypeScript: format `jiritsu.variant/1`, described by {@link VariantFile} and
 * the generated JSON Schema `schema/jiritsu.variant-1.schema.json`.
 *
 * A file declares new target groups and facts and one or more variants (base programme, dated
 * windows, include/exclude exceptions as core rule documents). Loading validates fully — JSON
 * syntax, the schema (dates are calendar dates), then the catalogue checks of `Catalogue.extend`
 * (unknown facts or groups, wrong base, version gaps or overlaps, dead clauses, overlay conflicts)
 * — and every issue names the file, the path inside the file and the reason.
 *
 * @since 0.1.0
 */
import { Fact, Rule } from "@jiritsu/core"
import { Result, Schema } from "effect"
import { CalendarDate, fileJsonSchema, schemaIssues } from "./internal/fileFormat.ts"
import { readFileSync } from "node:fs"
import * as Catalogue from "./Catalogue.ts"
import type { MunicipalSpec } from "./Municipal.ts"
import { Citation } from "./Sources.ts"

/** The format id written in every variant file. @category format @since 0.1.0 */
export const FORMAT = "jiritsu.variant/1" as const

const Labels = Schema.Struct({ ja: Schema.NonEmptyString, en: Schema.NonEmptyString })

// The schemas stay module-private: their inferred types name the core's rule types through its
// internal module, which declaration emit cannot reference (TS2883). The format is public through
// `jsonSchema()` and the loaders.

/** An include/exclude exception (例外規定) as a document. */
const ExceptionDocument = Schema.Struct({
  kind: Schema.Literal("exception"),
  id: Schema.NonEmptyString,
  labels: Labels,
  citation: Schema.optionalKey(Citation),
  whyNot: Schema.optionalKey(Labels),
  priority: Schema.Int,
  effect: Schema.Literals(["include", "exclude"]),
  when: Schema.suspend((): Schema.Codec<Rule.Rule> => Rule.Rule)
})

/** One dated window of a variant. */
const WindowDocument = Schema.Struct({
  version: Schema.NonEmptyString,
  from: CalendarDate,
  until: Schema.optionalKey(CalendarDate),
  exceptions: Schema.Array(ExceptionDocument),
  citation: Citation
})

/** A municipal variant as a document (the same fields as `Municipal.MunicipalSpec`). */
const VariantDocument = Schema.Struct({
  id: Schema.String.check(Schema.isPattern(/^[a-z][a-z0-9_]*\.[a-z0-9_.]+$/)),
  labels: Labels,
  municipality: Labels,
  site: Labels,
  base: Schema.NonEmptyString,
  windows: Schema.Array(WindowDocument).check(Schema.isMinLength(1)),
  citations: Schema.Array(Citation)
})

/** A variant file (`*.variant.json`). */
const VariantFile = Schema.Struct({
  $schema: Schema.optionalKey(Schema.String),
  format: Schema.Literal(FORMAT),
  description: Schema.optionalKey(Schema.String),
  groups: Schema.optionalKey(Schema.Record(Schema.String, Labels)),
  facts: Schema.optionalKey(Fact.FactSpecs),
  variants: Schema.Array(VariantDocument).check(Schema.isMinLength(1))
}).annotate({ identifier: "VariantFile", title: "jiritsu municipal variants (jiritsu.variant/1)" })
type VariantFile = typeof VariantFile.Type

/** The JSON Schema (draft 2020-12) of the variant file format. @category format @since 0.1.0 */
export const jsonSchema = (): Record<string, unknown> => fileJsonSchema(VariantFile, "https://jiritsu.dev/schema/jiritsu.variant-1.schema.json", "jiritsu municipal variants (jiritsu.variant/1)")

// ---------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------

const decodeShape = Schema.decodeUnknownResult(VariantFile, { errors: "all" })

// How many composed versions each window of a variant yields: its base's versions it overlaps.
const versionsPerWindow = (variant: VariantFile["variants"][number], cat: Catalogue.Catalogue): ReadonlyArray<number> => {
  const base = Catalogue.get(cat, variant.base)
  return variant.windows.map((w) =>
    base === undefined ? 1 : base.ruleSet.versions.filter((bv) => (bv.until === undefined || bv.until > w.from) && (w.until === undefined || bv.from < w.until)).length
  )
}

// The window a composed version came from (versions are produced window by window).
const windowOfVersion = (counts: ReadonlyArray<number>, versionIndex: number): number => {
  let seen = 0
  for (let j = 0; j < counts.length; j++) {
    seen += counts[j]!
    if (versionIndex < seen) return j
  }
  return Math.max(0, counts.length - 1)
}

/**
 * Maps an issue found on the composed programme back to the file: a clause inside exception `e`
 * of a version is at `variants.k.windows.j.exceptions.e…` in the file.
 */
const toFilePath = (doc: VariantFile, cat: Catalogue.Catalogue, issue: Catalogue.Issue): Catalogue.Issue => {
  if (issue.path[0] === "municipal") return { ...issue, path: ["variants", ...issue.path.slice(1)] }
  const [id, ruleSet, versions, versionIndex, rule, exceptions, e, ...rest] = issue.path
  const k = doc.variants.findIndex((v) => v.id === id)
  if (k < 0) return issue
  const inException =
    ruleSet === "ruleSet" && versions === "versions" && typeof versionIndex === "number" && rule === "rule" && exceptions === "exceptions" && typeof e === "number"
  if (!inException) return { ...issue, path: ["variants", k, ...issue.path.slice(1)] }
  const j = windowOfVersion(versionsPerWindow(doc.variants[k]!, cat), versionIndex)
  return { ...issue, path: ["variants", k, "windows", j, "exceptions", e, ...rest] }
}

/**
 * Validates a parsed variant document and extends the catalogue with it. Never throws.
 * @category loading
 * @since 0.1.0
 */
export const decode = (input: unknown, cat: Catalogue.Catalogue, file?: string): Result.Result<Catalogue.Catalogue, Catalogue.CatalogueError> => {
  const withFile = (issues: ReadonlyArray<Catalogue.Issue>) => issues.map((i) => (file === undefined ? i : { ...i, file }))
  const shaped = decodeShape(input)
  if (Result.isFailure(shaped)) return Result.fail(Catalogue.catalogueError(withFile(schemaIssues(shaped.failure))))
  const doc = shaped.success
  const extended = Catalogue.extend(cat, {
    ...(doc.groups === undefined ? {} : { groups: doc.groups }),
    ...(doc.facts === undefined ? {} : { facts: doc.facts }),
    municipal: doc.variants.map((v): MunicipalSpec => v)
  })
  return Result.isSuccess(extended)
    ? extended
    : Result.fail(Catalogue.catalogueError(withFile(extended.failure.issues.map((i) => toFilePath(doc, cat, i)))))
}

/** Parses and validates a variant file's text, extending the catalogue. Never throws. @category loading @since 0.1.0 */
export const parse = (text: string, cat: Catalogue.Catalogue, file?: string): Result.Result<Catalogue.Catalogue, Catalogue.CatalogueError> => {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    const issue = { path: [], message: `not valid JSON: ${(e as Error).message}` }
    return Result.fail(Catalogue.catalogueError([file === undefined ? issue : { ...issue, file }]))
  }
  return decode(json, cat, file)
}

/** Reads a variant file and extends the catalogue with it. Never throws. @category loading @since 0.1.0 */
export const loadFile = (path: string, cat: Catalogue.Catalogue): Result.Result<Catalogue.Catalogue, Catalogue.CatalogueError> => {
  let text: string
  try {
    text = readFileSync(path, "utf8")
  } catch (e) {
    return Result.fail(Catalogue.catalogueError([{ file: path, path: [], message: `cannot read: ${(e as Error).message}` }]))
  }
  return parse(text, cat, path)
}
