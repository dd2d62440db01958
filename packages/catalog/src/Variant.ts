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
 * @module
 */
import { Fact, Rule } from "@jiritsu/core"
import { Result, Schema } from "effect"
import { CalendarDate, fileJsonSchema, type FileIssue, parseJson, readText, strictDecode, under, withPositions } from "./internal/fileFormat.ts"
import * as Catalogue from "./Catalogue.ts"
import type { MunicipalSpec } from "./Municipal.ts"
import { Citation } from "./Sources.ts"

/**
 * The format id written in every variant file. @category format @since 0.1.0
 * @example
 * ```ts
 * Variant.FORMAT // "jiritsu.variant/1"
 * ```
 */
export const FORMAT = "jiritsu.variant/1" as const

const Labels = Schema.Struct({ ja: Schema.NonEmptyString, en: Schema.NonEmptyString })

// The schemas stay module-private: their inferred types name the core's rule types through its
// internal module, which declaration emit cannot reference (TS2883). The format is public through
// `jsonSchema()` and the loaders.
//
// One definition, two instances: with the core's rule and fact-declaration schemas (the type and the
// JSON Schema), and with the rule left open (the file's own fields are checked first; each rule is
// then decoded by `Rule.decode`, which words rule problems best).
const variantFile = <R extends Schema.Top, F extends Schema.Top>(rule: R, facts: F) => {
  /** An include/exclude exception (例外規定) as a document. */
  const ExceptionDocument = Schema.Struct({
    kind: Schema.Literal("exception"),
    id: Schema.NonEmptyString,
    labels: Labels,
    citation: Schema.optionalKey(Citation),
    whyNot: Schema.optionalKey(Labels),
    priority: Schema.Int,
    effect: Schema.Literals(["include", "exclude"]),
    when: rule
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
    id: Schema.String.check(Schema.isPattern(/^[a-z][a-z0-9_]*\.[a-z0-9_.]+$/u)),
    labels: Labels,
    municipality: Labels,
    site: Labels,
    base: Schema.NonEmptyString,
    windows: Schema.Array(WindowDocument).check(Schema.isMinLength(1)),
    citations: Schema.Array(Citation)
  })
  return Schema.Struct({
    $schema: Schema.optionalKey(Schema.String),
    format: Schema.Literal(FORMAT),
    description: Schema.optionalKey(Schema.String),
    groups: Schema.optionalKey(Schema.Record(Schema.String, Labels)),
    facts: Schema.optionalKey(facts),
    variants: Schema.Array(VariantDocument).check(Schema.isMinLength(1))
  }).annotate({ identifier: "VariantFile", title: "jiritsu municipal variants (jiritsu.variant/1)" })
}

/** A variant file (`*.variant.json`). */
const VariantFile = variantFile(Schema.suspend((): Schema.Codec<Rule.Rule> => Rule.Rule), Fact.FactSpecs)
type VariantFile = typeof VariantFile.Type

const decodeOwnFields = strictDecode(variantFile(Schema.Unknown, Schema.Record(Schema.String, Fact.FactSpecShape)))

/**
 * The JSON Schema (draft 2020-12) of the variant file format. @category format @since 0.1.0
 * @example
 * ```ts
 * Variant.jsonSchema().title // "jiritsu municipal variants (jiritsu.variant/1)"
 * ```
 */
export const jsonSchema = (): Record<string, unknown> => fileJsonSchema(VariantFile, "https://jiritsu.dev/schema/jiritsu.variant-1.schema.json", "jiritsu municipal variants (jiritsu.variant/1)")

// ---------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)
const list = (u: unknown): ReadonlyArray<unknown> => (Array.isArray(u) ? u : [])

// Every rule of the document (exceptions' `when`), decoded by the core with its own wording.
const ruleIssues = (input: unknown): ReadonlyArray<FileIssue> => {
  const out: Array<FileIssue> = []
  list(isRecord(input) ? input["variants"] : undefined).forEach((v, k) =>
    list(isRecord(v) ? v["windows"] : undefined).forEach((w, j) =>
      list(isRecord(w) ? w["exceptions"] : undefined).forEach((e, x) => {
        if (!isRecord(e) || !Object.hasOwn(e, "when")) return
        const r = Rule.decode(e["when"])
        if (Result.isFailure(r)) out.push(...under(["variants", k, "windows", j, "exceptions", x, "when"], r.failure.issues))
      })
    )
  )
  return out
}

/**
 * The format checks alone (書式の検査): exactly what the JSON Schema says — every key known (an
 * unknown key names the closest allowed one), every value of its type, enumerations, patterns and
 * calendar dates. An empty list means the JSON Schema accepts the document too. Never throws.
 * @category loading
 * @since 0.3.0
 * @example
 * ```ts
 * Variant.checkFormat({ format: "jiritsu.variant/1", municipal: [{ id: "mirai.desk", bsae: "national.hw_handoff" }] }).map((i) => i.message) // … unknown key "bsae" (did you mean "base"?)
 * ```
 */
export const checkFormat = (input: unknown): ReadonlyArray<Catalogue.Issue> => {
  const own = decodeOwnFields(input)
  return [...(Result.isFailure(own) ? own.failure : []), ...ruleIssues(input)]
}

// Windows in date order, each at least a day long, neither overlapping nor leaving a gap: the
// user's fields are named (the composed rule set would only say "versions overlap").
const windowIssues = (doc: VariantFile): ReadonlyArray<Catalogue.Issue> =>
  doc.variants.flatMap((v, k) => {
    const at = (j: number, field: string): ReadonlyArray<string | number> => ["variants", k, "windows", j, field]
    const issues: Array<Catalogue.Issue> = []
    v.windows.forEach((w, j) => {
      if (w.until !== undefined && w.until <= w.from) {
        issues.push({
          path: at(j, "until"),
          message: w.until < w.from ? `windows.${j}.until (${w.until}) is before windows.${j}.from (${w.from})` : `windows.${j}.until (${w.until}) is not after windows.${j}.from (${w.from})`
        })
      }
      const next = v.windows[j + 1]
      if (next === undefined) return
      if (next.from < w.from) issues.push({ path: at(j + 1, "from"), message: `windows.${j + 1}.from (${next.from}) is before windows.${j}.from (${w.from}): windows must be in date order` })
      else if (w.until === undefined) issues.push({ path: at(j, "until"), message: `windows.${j} has no until, so it overlaps windows.${j + 1} (from ${next.from}): give windows.${j}.until` })
      else if (next.from < w.until) issues.push({ path: at(j + 1, "from"), message: `windows.${j + 1}.from (${next.from}) is before windows.${j}.until (${w.until}): the windows overlap` })
      else if (next.from > w.until) issues.push({ path: at(j + 1, "from"), message: `windows.${j}.until (${w.until}) leaves a gap before windows.${j + 1}.from (${next.from}): no rule is in force in between` })
    })
    return issues
  })

// Fact declarations: the cross-field check the JSON Schema cannot say (value labels name values).
// It reads the document's own text, before the whole file is decoded, which would refuse the same
// declarations without a path.
const decodeFacts = (facts: unknown): Result.Result<Fact.FactSpecs | undefined, ReadonlyArray<Catalogue.Issue>> =>
  facts === undefined ? Result.succeed(undefined) : Result.mapError(Fact.decodeSpecs(facts), (e) => under(["facts"], e.issues))

// A programme id given twice in the file: the second is named (the catalogue's check would name
// the first, as if it clashed with a built-in programme).
const duplicateIdIssues = (doc: VariantFile): ReadonlyArray<Catalogue.Issue> =>
  doc.variants.flatMap((v, k) => {
    const first = doc.variants.findIndex((other) => other.id === v.id)
    return first < k ? [{ path: ["variants", k, "id"], message: `programme id "${v.id}" is given twice in this file (variants.${first} and variants.${k})` }] : []
  })

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
  if (ruleSet === "ruleSet" && versions === undefined) return { ...issue, path: ["variants", k, "windows"] }
  // A fact the file declares, found wrong in a programme's rule set: the declaration is at fault.
  if (ruleSet === "ruleSet" && versions === "facts" && typeof versionIndex === "string" && doc.facts !== undefined && Object.hasOwn(doc.facts, versionIndex)) {
    return { ...issue, path: ["facts", ...issue.path.slice(3)] }
  }
  if (!inException) return { ...issue, path: ["variants", k, ...issue.path.slice(1)] }
  const j = windowOfVersion(versionsPerWindow(doc.variants[k]!, cat), versionIndex)
  return { ...issue, path: ["variants", k, "windows", j, "exceptions", e, ...rest] }
}

/**
 * Validates a parsed variant document and extends the catalogue with it: the format (as the JSON
 * Schema), the windows (in order, no overlap or gap, each until after its from), the fact
 * declarations, then the catalogue's checks. Every issue names the path in the file. Never throws.
 * @category loading
 * @since 0.1.0
 * @example
 * ```ts
 * const r = Variant.decode({ format: "jiritsu.variant/1", municipal: [] }, Catalogue.catalogue)
 * if (r._tag === "Success") console.log(r.success.programmes.length) // the extended catalogue
 * ```
 */
export const decode = (input: unknown, cat: Catalogue.Catalogue, file?: string): Result.Result<Catalogue.Catalogue, Catalogue.CatalogueError> =>
  Result.mapError(extendWith(input, cat), (issues) => Catalogue.catalogueError(issues.map((i) => (file === undefined ? i : { ...i, file }))))

const extendWith = (input: unknown, cat: Catalogue.Catalogue): Result.Result<Catalogue.Catalogue, ReadonlyArray<Catalogue.Issue>> => {
  try {
    const format = checkFormat(input)
    if (format.length > 0) return Result.fail(format)
    const { facts, ...withoutFacts } = input as Record<string, unknown>
    const decodedFacts = decodeFacts(facts)
    const variants = Schema.decodeUnknownSync(VariantFile)(withoutFacts)
    const consistency = [...(Result.isFailure(decodedFacts) ? decodedFacts.failure : []), ...duplicateIdIssues(variants), ...windowIssues(variants)]
    if (consistency.length > 0 || Result.isFailure(decodedFacts)) return Result.fail(consistency)
    const doc: VariantFile = decodedFacts.success === undefined ? variants : { ...variants, facts: decodedFacts.success }
    const extended = Catalogue.extend(cat, {
      ...(doc.groups === undefined ? {} : { groups: doc.groups }),
      ...(doc.facts === undefined ? {} : { facts: doc.facts }),
      municipal: doc.variants.map((v): MunicipalSpec => v)
    })
    return Result.isSuccess(extended) ? Result.succeed(extended.success) : Result.fail(extended.failure.issues.map((i) => toFilePath(doc, cat, i)))
  } catch (e) {
    return Result.fail([{ path: [], message: `internal error while checking: ${e instanceof Error ? e.message : String(e)}` }])
  }
}

/**
 * Parses and validates a variant file's text, extending the catalogue; every issue carries the line
 * and column of the offending value. Never throws.
 * @category loading
 * @since 0.1.0
 * @example
 * ```ts
 * const r = Variant.parse('{"format":"jiritsu.variant/1","municipal":[]}', Catalogue.catalogue, "variants.json")
 * ```
 */
export const parse = (text: string, cat: Catalogue.Catalogue, file?: string): Result.Result<Catalogue.Catalogue, Catalogue.CatalogueError> => {
  const withFile = (issues: ReadonlyArray<Catalogue.Issue>) => Catalogue.catalogueError(issues.map((i) => (file === undefined ? i : { ...i, file })))
  const doc = parseJson(text)
  if (Result.isFailure(doc)) return Result.fail(withFile(doc.failure))
  const extended = extendWith(doc.success.value, cat)
  return Result.isSuccess(extended) ? Result.succeed(extended.success) : Result.fail(withFile(withPositions(doc.success, extended.failure)))
}

/**
 * Reads a variant file (UTF-8) and extends the catalogue with it. Never throws. @category loading @since 0.1.0
 * @example
 * ```ts
 * const r = Variant.loadFile("variants/mirai.json", Catalogue.catalogue)
 * if (r._tag === "Failure") console.log(r.failure.issues.map(Catalogue.formatIssue).join("\n")) // file:line:column: path: message
 * ```
 */
export const loadFile = (path: string, cat: Catalogue.Catalogue): Result.Result<Catalogue.Catalogue, Catalogue.CatalogueError> => {
  const text = readText(path)
  return Result.isFailure(text) ? Result.fail(Catalogue.catalogueError([text.failure])) : parse(text.success, cat, path)
}
