/**
 * Declarative test cases (判定テストケース) for catalogue programmes: a JSON file of cases, each
 * with a name, programme, evaluation date, facts, optional staff overrides, and the expected
 * outcome (and missing facts, version, failed clauses). Rules teams write them beside their
 * rules; `jiritsu test-rules <dir>` and the vitest helper run them.
 *
 * Format `jiritsu.test-cases/1`, described by {@link TestCaseFile} (an Effect Schema) and by the
 * generated JSON Schema checked in as `schema/jiritsu.test-case-1.schema.json`.
 *
 * Loading validates fully: JSON syntax, the schema (dates are calendar dates), and the catalogue
 * (the programme exists; every fact is declared, of its declared type, with allowed values — an
 * unknown target group is an error). Every problem names the file, the path and the reason.
 *
 * @since 0.1.0
 */
import { Fact, Verdict } from "@jiritsu/core"
import { Result, Schema } from "effect"
import { CalendarDate, fileJsonSchema, schemaIssues } from "./internal/fileFormat.ts"
import { readdirSync, readFileSync, statSync } from "node:fs"
import { join, relative } from "node:path"
import * as Catalogue from "./Catalogue.ts"

/** The format id written in every file. @category format @since 0.1.0 */
export const FORMAT = "jiritsu.test-cases/1" as const

/**
 * Expected outcomes: the three verdict outcomes, `no_version` (no rule version in force at
 * `asOf`, strict mode) and `override_refused` (a staff override of a hard clause).
 * @category model
 * @since 0.1.0
 */
export const ExpectedOutcome = Schema.Literals(["eligible", "ineligible", "undetermined", "no_version", "override_refused"])
/** @category model */
export type ExpectedOutcome = typeof ExpectedOutcome.Type


/** What a case expects (期待結果). @category model @since 0.1.0 */
export const Expectation = Schema.Struct({
  outcome: ExpectedOutcome,
  /** When given: exactly these facts are still missing (order does not matter). */
  missing: Schema.optionalKey(Schema.Array(Schema.String)),
  /** When given: the version in force. */
  version: Schema.optionalKey(Schema.String),
  /** When given: these clause ids failed (others may fail too). */
  failed: Schema.optionalKey(Schema.Array(Schema.String)),
  /** When given: exactly these verdict warning codes (lenient mode outside the versions). */
  warnings: Schema.optionalKey(Schema.Array(Schema.Literals(["past_last_version", "before_first_version", "between_versions"])))
})
/** @category model */
export type Expectation = typeof Expectation.Type

/** A staff override of a soft clause (職員判断). @category model @since 0.1.0 */
export const CaseOverride = Schema.Struct({
  clauseId: Schema.NonEmptyString,
  reason: Schema.NonEmptyString,
  actor: Schema.NonEmptyString
})

/**
 * One test case (テストケース).
 * @category model
 * @since 0.1.0
 */
export const TestCase = Schema.Struct({
  name: Schema.NonEmptyString,
  programme: Schema.NonEmptyString,
  asOf: CalendarDate,
  facts: Fact.Facts,
  overrides: Schema.optionalKey(Schema.Array(CaseOverride)),
  /** Version selection: `strict` (default; no version in force is `no_version`) or `lenient`. */
  mode: Schema.optionalKey(Schema.Literals(["strict", "lenient"])),
  expect: Expectation,
  /** Where the expectation comes from (seed section, statute). */
  source: Schema.optionalKey(Schema.String),
  note: Schema.optionalKey(Schema.String)
})
/** @category model */
export type TestCase = typeof TestCase.Type

/**
 * A test-case file (`*.cases.json`).
 * @category model
 * @since 0.1.0
 */
export const TestCaseFile = Schema.Struct({
  $schema: Schema.optionalKey(Schema.String),
  format: Schema.Literal(FORMAT),
  description: Schema.optionalKey(Schema.String),
  cases: Schema.Array(TestCase).check(Schema.isMinLength(1))
}).annotate({ identifier: "TestCaseFile", title: "jiritsu declarative rule test cases (jiritsu.test-cases/1)" })
/** @category model */
export type TestCaseFile = typeof TestCaseFile.Type

/**
 * The JSON Schema (draft 2020-12) of the file format, generated from {@link TestCaseFile}; the
 * package ships it as `schema/jiritsu.test-case-1.schema.json` (a test keeps the two equal).
 * @category format
 * @since 0.1.0
 */
export const jsonSchema = (): Record<string, unknown> => fileJsonSchema(TestCaseFile, "https://jiritsu.dev/schema/jiritsu.test-case-1.schema.json", "jiritsu declarative rule test cases (jiritsu.test-cases/1)")

// ---------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------

const decodeFile = Schema.decodeUnknownResult(TestCaseFile, { errors: "all" })

/**
 * Validates a parsed test-case document against the format and the catalogue. Never throws.
 * @category loading
 * @since 0.1.0
 */
export const decode = (input: unknown, cat: Catalogue.Catalogue, file?: string): Result.Result<TestCaseFile, Catalogue.CatalogueError> => {
  const withFile = (issues: ReadonlyArray<Catalogue.Issue>) => issues.map((i) => (file === undefined ? i : { ...i, file }))
  const shaped = decodeFile(input)
  const issues = [...(Result.isFailure(shaped) ? schemaIssues(shaped.failure) : []), ...catalogueIssues(input, cat)]
  if (issues.length > 0 || Result.isFailure(shaped)) return Result.fail(Catalogue.catalogueError(withFile(issues)))
  return Result.succeed(shaped.success)
}

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)

// Checks against the catalogue, on the raw document so that they are reported beside schema issues.
const catalogueIssues = (input: unknown, cat: Catalogue.Catalogue): ReadonlyArray<Catalogue.Issue> => {
  if (!isRecord(input) || !Array.isArray(input["cases"])) return []
  const issues: Array<Catalogue.Issue> = []
  const specs = Catalogue.factSpecs(cat)
  input["cases"].forEach((c: unknown, i: number) => {
    if (!isRecord(c)) return
    if (typeof c["programme"] === "string" && Catalogue.get(cat, c["programme"]) === undefined) {
      issues.push({ path: ["cases", i, "programme"], message: `unknown programme "${c["programme"]}"` })
    }
    const facts = c["facts"]
    if (!isRecord(facts)) return
    for (const name of Object.keys(facts)) {
      if (!Object.hasOwn(specs, name)) issues.push({ path: ["cases", i, "facts", name], message: `unknown fact "${name}"` })
    }
    const typed = Fact.decodeFacts(facts, specs)
    if (Result.isFailure(typed)) {
      for (const issue of typed.failure.issues) {
        const unknownGroup = issue.path[0] === "target_groups" && issue.path.length === 2 && Array.isArray(facts["target_groups"])
        const value = unknownGroup ? (facts["target_groups"] as ReadonlyArray<unknown>)[issue.path[1] as number] : undefined
        issues.push({
          path: ["cases", i, "facts", ...issue.path],
          message: unknownGroup ? `unknown target group ${JSON.stringify(value)}` : issue.message
        })
      }
    }
  })
  return issues
}

/**
 * Parses and validates a test-case file's text (JSON). Never throws.
 * @category loading
 * @since 0.1.0
 */
export const parse = (text: string, cat: Catalogue.Catalogue, file?: string): Result.Result<TestCaseFile, Catalogue.CatalogueError> => {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    const issue = { path: [], message: `not valid JSON: ${(e as Error).message}` }
    return Result.fail(Catalogue.catalogueError([file === undefined ? issue : { ...issue, file }]))
  }
  return decode(json, cat, file)
}

/** Reads and validates one file. @category loading @since 0.1.0 */
export const loadFile = (path: string, cat: Catalogue.Catalogue): Result.Result<TestCaseFile, Catalogue.CatalogueError> => {
  let text: string
  try {
    text = readFileSync(path, "utf8")
  } catch (e) {
    return Result.fail(Catalogue.catalogueError([{ file: path, path: [], message: `cannot read: ${(e as Error).message}` }]))
  }
  return parse(text, cat, path)
}

const isCaseFileName = (name: string): boolean =>
  name.endsWith(".json") && !name.endsWith(".schema.json") && !name.endsWith(".variant.json")

/**
 * The test-case files under a path: the file itself, or every `*.json` below a directory
 * (sorted, recursive) except JSON Schemas (`*.schema.json`) and variant files (`*.variant.json`).
 * @category loading
 * @since 0.1.0
 */
export const findFiles = (path: string): ReadonlyArray<string> => {
  const stat = statSync(path, { throwIfNoEntry: false })
  if (stat === undefined) return []
  if (stat.isFile()) return [path]
  return readdirSync(path)
    .sort()
    .flatMap((name) => {
      const child = join(path, name)
      const s = statSync(child)
      return s.isDirectory() ? findFiles(child) : isCaseFileName(name) ? [child] : []
    })
}

// ---------------------------------------------------------------------------------------------
// Running
// ---------------------------------------------------------------------------------------------

/** The result of one case. @category running @since 0.1.0 */
export interface CaseResult {
  readonly file?: string
  readonly name: string
  readonly programme: string
  readonly asOf: string
  readonly passed: boolean
  readonly expected: Expectation
  readonly actual: {
    readonly outcome: ExpectedOutcome
    readonly missing: ReadonlyArray<string>
    readonly version?: string
    readonly failed: ReadonlyArray<string>
    readonly warnings: ReadonlyArray<string>
    readonly detail?: string
  }
  /** Every mismatch, in words. */
  readonly mismatches: ReadonlyArray<string>
  readonly verdict?: Verdict.Verdict
}

const sameSet = (a: ReadonlyArray<string>, b: ReadonlyArray<string>): boolean => {
  const sa = new Set(a)
  const sb = new Set(b)
  return sa.size === sb.size && [...sa].every((x) => sb.has(x))
}

/**
 * Runs one case against a catalogue (strict version selection).
 * @category running
 * @since 0.1.0
 */
export const runCase = (cat: Catalogue.Catalogue, c: TestCase, file?: string): CaseResult => {
  const r = Catalogue.evaluate(
    cat,
    {
      programme: c.programme,
      asOf: c.asOf,
      facts: c.facts,
      ...(c.overrides === undefined ? {} : { overrides: c.overrides })
    },
    c.mode ?? "strict"
  )
  const verdict = Result.isSuccess(r) ? r.success : undefined
  const actual: CaseResult["actual"] = Result.isSuccess(r)
    ? {
        outcome: r.success.outcome,
        missing: r.success.missingFacts,
        ...(r.success.ruleSet === undefined ? {} : { version: r.success.ruleSet.version }),
        failed: r.success.clauses.filter((cl) => cl.status === "failed").map((cl) => cl.id),
        warnings: r.success.warnings.map((w) => w.code)
      }
    : {
        outcome: r.failure._tag === "VersionNotFound" ? "no_version" : r.failure._tag === "OverrideRefused" ? "override_refused" : "undetermined",
        missing: [],
        failed: [],
        warnings: [],
        detail: `${r.failure._tag}: ${r.failure.message}`
      }
  const mismatches: Array<string> = []
  const errorOutcome = Result.isFailure(r) && r.failure._tag !== "VersionNotFound" && r.failure._tag !== "OverrideRefused"
  if (errorOutcome || actual.outcome !== c.expect.outcome) mismatches.push(`outcome: expected ${c.expect.outcome}, got ${actual.detail ?? actual.outcome}`)
  if (c.expect.missing !== undefined && !sameSet(c.expect.missing, actual.missing)) {
    mismatches.push(`missing facts: expected [${c.expect.missing.join(", ")}], got [${actual.missing.join(", ")}]`)
  }
  if (c.expect.version !== undefined && c.expect.version !== actual.version) {
    mismatches.push(`version: expected ${c.expect.version}, got ${actual.version ?? "(none)"}`)
  }
  if (c.expect.warnings !== undefined && !sameSet(c.expect.warnings, actual.warnings)) {
    mismatches.push(`warnings: expected [${c.expect.warnings.join(", ")}], got [${actual.warnings.join(", ")}]`)
  }
  for (const id of c.expect.failed ?? []) {
    if (!actual.failed.includes(id)) mismatches.push(`clause ${id}: expected to fail, it did not`)
  }
  return {
    ...(file === undefined ? {} : { file }),
    name: c.name,
    programme: c.programme,
    asOf: c.asOf,
    passed: mismatches.length === 0,
    expected: c.expect,
    actual,
    mismatches,
    ...(verdict === undefined ? {} : { verdict })
  }
}

/** The results of one file, or the reason it could not be loaded. @category running @since 0.1.0 */
export type FileResult =
  | { readonly _tag: "Loaded"; readonly file: string; readonly results: ReadonlyArray<CaseResult> }
  | { readonly _tag: "Invalid"; readonly file: string; readonly error: Catalogue.CatalogueError }

/** Loads and runs every case file under the paths. @category running @since 0.1.0 */
export const runPaths = (cat: Catalogue.Catalogue, paths: ReadonlyArray<string>): ReadonlyArray<FileResult> =>
  paths.flatMap(findFiles).map((file): FileResult => {
    const loaded = loadFile(file, cat)
    return Result.isFailure(loaded)
      ? { _tag: "Invalid", file, error: loaded.failure }
      : { _tag: "Loaded", file, results: loaded.success.cases.map((c) => runCase(cat, c, file)) }
  })

/** Totals of a run. @category running @since 0.1.0 */
export const summary = (files: ReadonlyArray<FileResult>): { readonly passed: number; readonly failed: number; readonly invalidFiles: number } => {
  let passed = 0
  let failed = 0
  let invalidFiles = 0
  for (const f of files) {
    if (f._tag === "Invalid") invalidFiles++
    else for (const r of f.results) r.passed ? passed++ : failed++
  }
  return { passed, failed, invalidFiles }
}

/**
 * Renders a failed case: the mismatches, then the verdict trace (✓ passed, ✗ failed, ? unknown,
 * ⚑ overridden) so the rules team sees which clause decided.
 * @category running
 * @since 0.1.0
 */
export const formatFailure = (r: CaseResult, lang: "ja" | "en" = "en"): string => {
  const lines = [`✗ ${r.name}  [${r.programme} @ ${r.asOf}]${r.file === undefined ? "" : `  (${r.file})`}`]
  for (const m of r.mismatches) lines.push(`    ${m}`)
  if (r.verdict !== undefined) lines.push(...Verdict.render(r.verdict, lang).split("\n").map((l) => `    | ${l}`))
  else if (r.actual.detail !== undefined) lines.push(`    | ${r.actual.detail}`)
  return lines.join("\n")
}

/**
 * Renders a whole run as the CLI prints it: one line per passing case, the trace of every
 * failing case, each invalid file with its issues, and a final count.
 * @category running
 * @since 0.1.0
 */
export const report = (files: ReadonlyArray<FileResult>, options: { readonly lang?: "ja" | "en"; readonly cwd?: string } = {}): string => {
  const show = (f: string) => {
    if (options.cwd === undefined) return f
    const rel = relative(options.cwd, f)
    return rel.startsWith("..") ? f : rel
  }
  const lines: Array<string> = []
  for (const f of files) {
    lines.push(show(f.file))
    if (f._tag === "Invalid") {
      for (const issue of f.error.issues) lines.push(`  ✗ invalid: ${Catalogue.formatIssue({ ...issue, file: show(f.file) })}`)
      continue
    }
    for (const r of f.results) lines.push(r.passed ? `  ✓ ${r.name}` : formatFailure({ ...r, file: show(f.file) }, options.lang).replace(/^/gm, "  "))
  }
  const s = summary(files)
  lines.push("", `${s.passed} passed, ${s.failed} failed${s.invalidFiles > 0 ? `, ${s.invalidFiles} invalid file(s)` : ""}`)
  return lines.join("\n")
}
