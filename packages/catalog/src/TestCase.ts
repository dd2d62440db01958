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
 * @module
 */
import { Fact, Verdict } from "@jiritsu/core"
import { Result, Schema } from "effect"
import { CalendarDate, didYouMean, fileJsonSchema, parseJson, readText, strictDecode, under, withPositions } from "./internal/fileFormat.ts"
import { readdirSync, statSync } from "node:fs"
import { join, relative } from "node:path"
import * as Catalogue from "./Catalogue.ts"

/**
 * The format id written in every file. @category format @since 0.1.0
 * @example
 * ```ts
 * TestCase.FORMAT // "jiritsu.test-cases/1"
 * ```
 */
export const FORMAT = "jiritsu.test-cases/1" as const

/**
 * Expected outcomes: the three verdict outcomes, `no_version` (no rule version in force at
 * `asOf`, strict mode) and `override_refused` (a staff override of a hard clause).
 * @category model
 * @since 0.1.0
 * @example
 * ```ts
 * const outcome: TestCase.ExpectedOutcome = "no_version"
 * ```
 */
export const ExpectedOutcome = Schema.Literals(["eligible", "ineligible", "undetermined", "no_version", "override_refused"])
/** @category model */
export type ExpectedOutcome = typeof ExpectedOutcome.Type


/**
 * What a case expects (期待結果). @category model @since 0.1.0
 * @example
 * ```ts
 * const expect: TestCase.Expectation = { outcome: "undetermined", missing: ["motivated", "consents_to_participate"] }
 * ```
 */
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

/**
 * A staff override of a soft clause (職員判断). @category model @since 0.1.0
 * @example
 * ```ts
 * const o: typeof TestCase.CaseOverride.Type = { clauseId: Municipal.KAWANISHI_YOUTH_CLAUSE, reason: "41, judged a young job-seeker", actor: "staff-12" }
 * ```
 */
export const CaseOverride = Schema.Struct({
  clauseId: Schema.NonEmptyString,
  reason: Schema.NonEmptyString,
  actor: Schema.NonEmptyString
})

/**
 * One test case (テストケース).
 * @category model
 * @since 0.1.0
 * @example
 * ```ts
 * const c: TestCase.TestCase = { name: "17 is below working age", programme: "national.welfare_office_support", asOf: Period.unsafeDate("2020-06-14"), facts: { birth_date: "2002-06-15" }, expect: { outcome: "ineligible" } }
 * ```
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
  /** Where the expectation comes from (source document section, statute). */
  source: Schema.optionalKey(Schema.String),
  note: Schema.optionalKey(Schema.String)
})
/** @category model */
export type TestCase = typeof TestCase.Type

/**
 * A test-case file (`*.cases.json`).
 * @category model
 * @since 0.1.0
 * @example
 * ```ts
 * const file: TestCase.TestCaseFile = { format: TestCase.FORMAT, cases: [] }
 * ```
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
 * @example
 * ```ts
 * TestCase.jsonSchema().$id // "https://jiritsu.dev/schema/jiritsu.test-case-1.schema.json"
 * ```
 */
export const jsonSchema = (): Record<string, unknown> => fileJsonSchema(TestCaseFile, "https://jiritsu.dev/schema/jiritsu.test-case-1.schema.json", "jiritsu declarative rule test cases (jiritsu.test-cases/1)")

// ---------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------

// The file's own fields with the cases left open: each case is then checked on its own, so that one
// bad case does not hide the others.
const decodeEnvelope = strictDecode(
  Schema.Struct({
    $schema: Schema.optionalKey(Schema.String),
    format: Schema.Literal(FORMAT),
    description: Schema.optionalKey(Schema.String),
    cases: Schema.Array(Schema.Unknown).check(Schema.isMinLength(1))
  })
)
const decodeCase = strictDecode(TestCase)

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)

/**
 * A case that could not be loaded: its index, its name when it has one, every issue. @category loading @since 0.3.0
 * @example
 * ```ts
 * const loaded = TestCase.decodeCases({ format: TestCase.FORMAT, cases: [{ name: "no programme" }] }, Catalogue.catalogue)
 * const invalid: ReadonlyArray<TestCase.InvalidCase> = loaded.invalid // [{ index: 0, name: "no programme", issues: [...] }]
 * ```
 */
export interface InvalidCase {
  readonly index: number
  readonly name?: string
  readonly issues: ReadonlyArray<Catalogue.Issue>
}

/**
 * A test-case file split into the cases that load and those that do not. @category loading @since 0.3.0
 * @example
 * ```ts
 * const loaded: TestCase.LoadedCases = TestCase.parseCases('{"format":"jiritsu.test-cases/1","cases":[]}', Catalogue.catalogue, "cases.json")
 * loaded.fileIssues.map(Catalogue.formatIssue) // ["cases.json: …no cases"] (or [] when there are cases)
 * ```
 */
export interface LoadedCases {
  /** Problems of the file as a whole (syntax, format id, no cases); when present, no case is loaded. */
  readonly fileIssues: ReadonlyArray<Catalogue.Issue>
  readonly cases: ReadonlyArray<TestCase>
  readonly invalid: ReadonlyArray<InvalidCase>
}

/**
 * The format checks alone (書式の検査): exactly what the JSON Schema says — every key known (an
 * unknown key names the closest allowed one), every value of its type, enumerations (listed, with
 * the near miss suggested) and calendar dates. An empty list means the JSON Schema accepts the
 * document too. Never throws.
 * @category loading
 * @since 0.3.0
 * @example
 * ```ts
 * TestCase.checkFormat({ format: "jiritsu.test-cases/1", cases: [], extra: 1 }).map((i) => i.message) // unknown key "extra"
 * ```
 */
export const checkFormat = (input: unknown): ReadonlyArray<Catalogue.Issue> => {
  const envelope = decodeEnvelope(input)
  const cases = isRecord(input) && Array.isArray(input["cases"]) ? input["cases"] : []
  return [
    ...(Result.isFailure(envelope) ? envelope.failure : []),
    ...cases.flatMap((c, i) => {
      const r = decodeCase(c)
      return Result.isFailure(r) ? under(["cases", i], r.failure) : []
    })
  ]
}

// A case against the catalogue: the programme exists; every fact is declared, of its type, with an
// allowed value (the near miss named).
// Run on the raw case too, so that these are reported beside its format problems.
const catalogueIssues = (c: unknown, i: number, cat: Catalogue.Catalogue, specs: Fact.FactSpecs): ReadonlyArray<Catalogue.Issue> => {
  if (!isRecord(c)) return []
  const issues: Array<Catalogue.Issue> = []
  if (typeof c["programme"] === "string" && c["programme"] !== "" && Catalogue.get(cat, c["programme"]) === undefined) {
    issues.push({ path: ["cases", i, "programme"], message: `unknown programme ${JSON.stringify(c["programme"])}${didYouMean(c["programme"], cat.programmes.map((p) => p.id))}` })
  }
  const facts = c["facts"]
  if (!isRecord(facts)) return issues
  const typed = Fact.decodeFacts(facts, specs)
  if (Result.isFailure(typed)) {
    for (const issue of typed.failure.issues) {
      const groups = facts["target_groups"]
      const unknownGroup = issue.path[0] === "target_groups" && issue.path.length === 2 && Array.isArray(groups)
      const value = unknownGroup ? (groups as ReadonlyArray<unknown>)[issue.path[1] as number] : undefined
      issues.push({
        path: ["cases", i, "facts", ...issue.path],
        message: unknownGroup ? `unknown target group ${JSON.stringify(value)}${didYouMean(value, Object.keys(cat.groups))}` : issue.message
      })
    }
  }
  return issues
}

/**
 * Loads what can be loaded from a parsed test-case document: the file's own problems, the valid
 * cases, and each invalid case with its issues — so a runner reports a bad case on its own and still
 * runs the others. Never throws.
 * @category loading
 * @since 0.3.0
 * @example
 * ```ts
 * const loaded = TestCase.decodeCases(JSON.parse('{"format":"jiritsu.test-cases/1","cases":[{"name":"x","programme":"national.hw_handoff","asOf":"2014-01-01","facts":{},"expect":{"outcome":"undetermined"}}]}'), Catalogue.catalogue)
 * loaded.cases.length // 1
 * ```
 */
export const decodeCases = (input: unknown, cat: Catalogue.Catalogue, file?: string): LoadedCases => {
  const withFile = (issues: ReadonlyArray<Catalogue.Issue>) => issues.map((i) => (file === undefined ? i : { ...i, file }))
  try {
    const envelope = decodeEnvelope(input)
    if (Result.isFailure(envelope)) return { fileIssues: withFile(envelope.failure), cases: [], invalid: [] }
    const specs = Catalogue.factSpecs(cat)
    const cases: Array<TestCase> = []
    const invalid: Array<InvalidCase> = []
    envelope.success.cases.forEach((raw, index) => {
      const decoded = decodeCase(raw)
      const own = Result.isFailure(decoded) ? under(["cases", index], decoded.failure) : []
      const ownPaths = new Set(own.map((i) => i.path.join("\u0000")))
      const issues = [...own, ...catalogueIssues(raw, index, cat, specs).filter((i) => !ownPaths.has(i.path.join("\u0000")))]
      if (issues.length === 0 && Result.isSuccess(decoded)) cases.push(decoded.success)
      else {
        const name = isRecord(raw) && typeof raw["name"] === "string" && raw["name"] !== "" ? raw["name"] : undefined
        invalid.push({ index, ...(name === undefined ? {} : { name }), issues: withFile(issues) })
      }
    })
    return { fileIssues: [], cases, invalid }
  } catch (e) {
    return { fileIssues: withFile([{ path: [], message: `internal error while checking: ${e instanceof Error ? e.message : String(e)}` }]), cases: [], invalid: [] }
  }
}

const strictly = (loaded: LoadedCases, input: unknown): Result.Result<TestCaseFile, Catalogue.CatalogueError> => {
  const issues = [...loaded.fileIssues, ...loaded.invalid.flatMap((c) => c.issues)]
  return issues.length > 0 ? Result.fail(Catalogue.catalogueError(issues)) : Result.succeed(Schema.decodeUnknownSync(TestCaseFile)(input))
}

/**
 * Validates a parsed test-case document against the format and the catalogue; any issue fails the
 * whole document (use {@link decodeCases} to keep the valid cases). Never throws.
 * @category loading
 * @since 0.1.0
 * @example
 * ```ts
 * TestCase.decode({ format: "jiritsu.test-cases/1", cases: [] }, Catalogue.catalogue)._tag
 * ```
 */
export const decode = (input: unknown, cat: Catalogue.Catalogue, file?: string): Result.Result<TestCaseFile, Catalogue.CatalogueError> =>
  strictly(decodeCases(input, cat, file), input)

/**
 * {@link decodeCases} from JSON text: every issue carries the line and column of the offending value. @category loading @since 0.3.0
 * @example
 * ```ts
 * const loaded = TestCase.parseCases('{ "format": "jiritsu.test-cases/1", "cases": [ { "name": 1 } ] }', Catalogue.catalogue, "cases.json")
 * loaded.invalid[0]?.issues.map(Catalogue.formatIssue) // ["cases.json:1:51: cases.0.name: …"] with line and column
 * ```
 */
export const parseCases = (text: string, cat: Catalogue.Catalogue, file?: string): LoadedCases & { readonly value?: unknown } => {
  const doc = parseJson(text)
  const withFile = (issues: ReadonlyArray<Catalogue.Issue>) => issues.map((i) => (file === undefined ? i : { ...i, file }))
  if (Result.isFailure(doc)) return { fileIssues: withFile(doc.failure), cases: [], invalid: [] }
  const loaded = decodeCases(doc.success.value, cat, file)
  return {
    value: doc.success.value,
    fileIssues: withPositions(doc.success, loaded.fileIssues),
    cases: loaded.cases,
    invalid: loaded.invalid.map((c) => ({ ...c, issues: withPositions(doc.success, c.issues) }))
  }
}

/**
 * Parses and validates a test-case file's text (JSON); any issue fails the whole file, and every
 * issue carries its line and column. Never throws.
 * @category loading
 * @since 0.1.0
 * @example
 * ```ts
 * TestCase.parse("{ not json", Catalogue.catalogue, "cases.json")._tag // "Failure": the syntax error with its line and column
 * ```
 */
export const parse = (text: string, cat: Catalogue.Catalogue, file?: string): Result.Result<TestCaseFile, Catalogue.CatalogueError> => {
  const loaded = parseCases(text, cat, file)
  return strictly(loaded, loaded.value)
}

/**
 * Reads one file (UTF-8) and loads what can be loaded (see {@link decodeCases}). @category loading @since 0.3.0
 * @example
 * ```ts
 * const loaded = TestCase.loadCases("packages/catalog/cases/national.json", Catalogue.catalogue)
 * ```
 */
export const loadCases = (path: string, cat: Catalogue.Catalogue): LoadedCases => {
  const text = readText(path)
  return Result.isFailure(text) ? { fileIssues: [text.failure], cases: [], invalid: [] } : parseCases(text.success, cat, path)
}

/**
 * Reads and validates one file; any issue fails the whole file. @category loading @since 0.1.0
 * @example
 * ```ts
 * const r = TestCase.loadFile("packages/catalog/cases/national.json", Catalogue.catalogue)
 * ```
 */
export const loadFile = (path: string, cat: Catalogue.Catalogue): Result.Result<TestCaseFile, Catalogue.CatalogueError> => {
  const text = readText(path)
  return Result.isFailure(text) ? Result.fail(Catalogue.catalogueError([text.failure])) : parse(text.success, cat, path)
}

const isCaseFileName = (name: string): boolean =>
  name.endsWith(".json") && !name.endsWith(".schema.json") && !name.endsWith(".variant.json")

/**
 * The test-case files under a path: the file itself, or every `*.json` below a directory
 * (sorted, recursive) except JSON Schemas (`*.schema.json`) and variant files (`*.variant.json`).
 * @category loading
 * @since 0.1.0
 * @example
 * ```ts
 * TestCase.findFiles("packages/catalog/cases") // every *.json below the folder, sorted
 * ```
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

/**
 * The result of one case. @category running @since 0.1.0
 * @example
 * ```ts
 * const c: TestCase.TestCase = { name: "17 is below working age", programme: "national.welfare_office_support", asOf: Period.unsafeDate("2020-06-14"), facts: { birth_date: "2002-06-15" }, expect: { outcome: "ineligible" } }
 * const result: TestCase.CaseResult = TestCase.runCase(Catalogue.catalogue, c)
 * result.mismatches // what differs from the expectation, [] when it passes
 * ```
 */
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
 * @example
 * ```ts
 * const c: TestCase.TestCase = { name: "before the programme existed", programme: "national.welfare_office_support", asOf: Period.unsafeDate("2010-01-01"), facts: {}, expect: { outcome: "no_version" } }
 * TestCase.runCase(Catalogue.catalogue, c).passed // true
 * ```
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

/**
 * The results of one file — the cases run and the cases that could not be loaded (`invalid`, each
 * with its issues) — or the reason the file as a whole could not be loaded.
 * @category running
 * @since 0.1.0
 * @example
 * ```ts
 * const files: ReadonlyArray<TestCase.FileResult> = TestCase.runPaths(Catalogue.catalogue, ["packages/catalog/cases"])
 * ```
 */
export type FileResult =
  | { readonly _tag: "Loaded"; readonly file: string; readonly results: ReadonlyArray<CaseResult>; readonly invalid: ReadonlyArray<InvalidCase> }
  | { readonly _tag: "Invalid"; readonly file: string; readonly error: Catalogue.CatalogueError }

/**
 * Loads and runs every case file under the paths; a bad case is reported on its own and the others run. @category running @since 0.1.0
 * @example
 * ```ts
 * const files = TestCase.runPaths(Catalogue.catalogue, ["packages/catalog/cases"])
 * console.log(TestCase.report(files)) // one line per failure, then "N passed, M failed"
 * ```
 */
export const runPaths = (cat: Catalogue.Catalogue, paths: ReadonlyArray<string>): ReadonlyArray<FileResult> =>
  paths.flatMap(findFiles).map((file): FileResult => {
    const loaded = loadCases(file, cat)
    return loaded.fileIssues.length > 0
      ? { _tag: "Invalid", file, error: Catalogue.catalogueError(loaded.fileIssues) }
      : { _tag: "Loaded", file, results: loaded.cases.map((c) => runCase(cat, c, file)), invalid: loaded.invalid }
  })

/**
 * Totals of a run. @category running @since 0.1.0
 * @example
 * ```ts
 * const s = TestCase.summary(TestCase.runPaths(Catalogue.catalogue, ["packages/catalog/cases"]))
 * console.log(`${s.passed} passed, ${s.failed} failed`)
 * ```
 */
export const summary = (
  files: ReadonlyArray<FileResult>
): { readonly passed: number; readonly failed: number; readonly invalidCases: number; readonly invalidFiles: number } => {
  let passed = 0
  let failed = 0
  let invalidCases = 0
  let invalidFiles = 0
  for (const f of files) {
    if (f._tag === "Invalid") invalidFiles++
    else {
      for (const r of f.results) r.passed ? passed++ : failed++
      invalidCases += f.invalid.length
    }
  }
  return { passed, failed, invalidCases, invalidFiles }
}

const MISMATCH_JA: ReadonlyArray<readonly [RegExp, (...m: ReadonlyArray<string>) => string]> = [
  [/^outcome: expected (.*), got (.*)$/, (e, g) => `判定結果: 期待 ${e}、実際 ${g}`],
  [/^missing facts: expected (.*), got (.*)$/, (e, g) => `未確認の事実: 期待 ${e}、実際 ${g}`],
  [/^version: expected (.*), got (.*)$/, (e, g) => `版: 期待 ${e}、実際 ${g}`],
  [/^warnings: expected (.*), got (.*)$/, (e, g) => `警告: 期待 ${e}、実際 ${g}`],
  [/^clause (.*): expected to fail, it did not$/, (id) => `条件 ${id}: 不該当を期待しましたが、不該当になりませんでした`]
]

const mismatchIn = (m: string, lang: "ja" | "en"): string => {
  if (lang === "en") return m
  for (const [pattern, render] of MISMATCH_JA) {
    const found = pattern.exec(m)
    if (found !== null) return render(...found.slice(1).map((g) => g as string))
  }
  return m
}

const totals = (s: ReturnType<typeof summary>, lang: "ja" | "en"): string =>
  lang === "ja"
    ? `合格 ${s.passed}件、不合格 ${s.failed}件${s.invalidCases > 0 ? `、無効なケース ${s.invalidCases}件` : ""}${s.invalidFiles > 0 ? `、無効なファイル ${s.invalidFiles}件` : ""}`
    : `${s.passed} passed, ${s.failed} failed${s.invalidCases > 0 ? `, ${s.invalidCases} invalid case(s)` : ""}${s.invalidFiles > 0 ? `, ${s.invalidFiles} invalid file(s)` : ""}`

/**
 * Renders a failed case: the mismatches, then the verdict trace (✓ passed, ✗ failed, ? unknown,
 * ⚑ overridden) so the rules team sees which clause decided.
 * @category running
 * @since 0.1.0
 * @example
 * ```ts
 * const c: TestCase.TestCase = { name: "wrong on purpose", programme: "national.welfare_office_support", asOf: Period.unsafeDate("2020-06-14"), facts: { birth_date: "2002-06-15" }, expect: { outcome: "eligible" } }
 * console.log(TestCase.formatFailure(TestCase.runCase(Catalogue.catalogue, c), "ja"))
 * ```
 */
export const formatFailure = (r: CaseResult, lang: "ja" | "en" = "en"): string => {
  const lines = [`✗ ${r.name}  [${r.programme} @ ${r.asOf}]${r.file === undefined ? "" : `  (${r.file})`}`]
  for (const m of r.mismatches) lines.push(`    ${mismatchIn(m, lang)}`)
  if (r.verdict !== undefined) lines.push(...Verdict.render(r.verdict, lang).split("\n").map((l) => `    | ${l}`))
  else if (r.actual.detail !== undefined) lines.push(`    | ${r.actual.detail}`)
  return lines.join("\n")
}

/**
 * Renders a whole run as the CLI prints it: one line per passing case, the trace of every
 * failing case, each invalid file with its issues, and a final count.
 * @category running
 * @since 0.1.0
 * @example
 * ```ts
 * console.log(TestCase.report(TestCase.runPaths(Catalogue.catalogue, ["packages/catalog/cases"]), { lang: "ja" }))
 * ```
 */
export const report = (files: ReadonlyArray<FileResult>, options: { readonly lang?: "ja" | "en"; readonly cwd?: string } = {}): string => {
  const show = (f: string) => {
    if (options.cwd === undefined) return f
    const rel = relative(options.cwd, f)
    return rel.startsWith("..") ? f : rel
  }
  const lang = options.lang ?? "en"
  const format = Catalogue.formatIssueIn(lang)
  const invalidWord = lang === "ja" ? "無効" : "invalid"
  const lines: Array<string> = []
  for (const f of files) {
    lines.push(show(f.file))
    if (f._tag === "Invalid") {
      for (const issue of f.error.issues) lines.push(`  ✗ ${invalidWord}: ${format({ ...issue, file: show(f.file) })}`)
      continue
    }
    for (const r of f.results) lines.push(r.passed ? `  ✓ ${r.name}` : formatFailure({ ...r, file: show(f.file) }, lang).replace(/^/gm, "  "))
    for (const c of f.invalid) {
      lines.push(`  ✗ ${c.name ?? `cases.${c.index}`}  (${lang === "ja" ? "無効なケース: 実行していません" : "invalid case, not run"})`)
      for (const issue of c.issues) lines.push(`      ${format({ ...issue, file: show(f.file) })}`)
    }
  }
  lines.push("", totals(summary(files), lang))
  return lines.join("\n")
}
