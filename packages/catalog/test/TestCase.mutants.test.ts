// Pins down what the test-case module does at its edges, with exact values: the format checks and
// the loading of bad cases (whole problem objects, names kept only when usable, duplicates removed,
// internal errors reported as file problems), finding files, running cases whose outcome is an
// error, and the report (English and Japanese, relative paths, totals).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { Catalogue, TestCase } from "../src/index.ts"
import { fileWith, validCase } from "./fixtures/cases.ts"

const cat = Catalogue.catalogue


/** A case as the runner gets it (typed by hand, so that cases the loader refuses can be run too). */
const caseOf = (over: Partial<Record<keyof TestCase.TestCase, unknown>>): TestCase.TestCase => ({ ...validCase, ...over }) as TestCase.TestCase

const unknownProgramme = 'UnknownProgramme: no programme "national.nothing" in the catalogue'

const tmp = mkdtempSync(join(tmpdir(), "jiritsu-testcase-mutants-"))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

describe("checkFormat", () => {
  it("a document that is not an object has only its own problem (no cases are looked for)", () => {
    expect(TestCase.checkFormat([1])).toStrictEqual([{ path: [], message: "Expected object, got a list of 1" }])
  })

  it("names each bad case at its index under cases, and says nothing of a good one", () => {
    expect(TestCase.checkFormat(fileWith([validCase, 5, { ...validCase, name: "" }]))).toStrictEqual([
      { path: ["cases", 1], message: "Expected object, got 5" },
      { path: ["cases", 2, "name"], message: 'Expected a valid value, got ""' }
    ])
  })
})

describe("decodeCases", () => {
  it("keeps a case's name only when it is a non-empty string, and reports a non-object case", () => {
    const loaded = TestCase.decodeCases(
      fileWith([5, { ...validCase, name: "" }, { ...validCase, name: 3 }, { ...validCase, programme: "national.hw_handof" }]),
      cat,
      "f.json"
    )
    expect(loaded).toStrictEqual({
      fileIssues: [],
      cases: [],
      invalid: [
        { index: 0, issues: [{ path: ["cases", 0], message: "Expected object, got 5", file: "f.json" }] },
        { index: 1, issues: [{ path: ["cases", 1, "name"], message: 'Expected a valid value, got ""', file: "f.json" }] },
        { index: 2, issues: [{ path: ["cases", 2, "name"], message: "Expected string, got 3", file: "f.json" }] },
        {
          index: 3,
          name: "a recipient passing the hand-off test",
          issues: [{ path: ["cases", 3, "programme"], message: 'unknown programme "national.hw_handof" (did you mean "national.hw_handoff"?)', file: "f.json" }]
        }
      ]
    })
  })

  it("a null case is an invalid case, not an internal error", () => {
    expect(TestCase.decodeCases(fileWith([null]), cat)).toStrictEqual({
      fileIssues: [],
      cases: [],
      invalid: [{ index: 0, issues: [{ path: ["cases", 0], message: "Expected object, got null" }] }]
    })
  })

  it("reports a problem found both by the format and by the catalogue once", () => {
    expect(TestCase.decodeCases(fileWith([{ ...validCase, facts: { motivated: {} } }]), cat).invalid).toStrictEqual([
      {
        index: 0,
        name: validCase.name,
        issues: [{ path: ["cases", 0, "facts", "motivated"], message: "Expected string | number | boolean | null | array, got an object" }]
      }
    ])
  })

  it("a bad value of another list fact keeps its own message, even beside target groups", () => {
    const languages = { type: "strings", labels: { ja: "言語", en: "languages" }, values: ["ja", "en"] }
    const team = { ...cat, facts: { ...cat.facts, languages } } as Catalogue.Catalogue
    const facts = { target_groups: ["welfare_recipient"], languages: ["jp"] }
    expect(TestCase.decodeCases(fileWith([{ ...validCase, facts }]), team).invalid).toStrictEqual([
      {
        index: 0,
        name: validCase.name,
        issues: [{ path: ["cases", 0, "facts", "languages", 0], message: 'expected one of ja, en, got "jp" (did you mean "ja"?)' }]
      }
    ])
  })

  it("a programme that is not a string is only a format problem, even one JSON cannot write", () => {
    expect(TestCase.decodeCases(fileWith([{ ...validCase, programme: 1n }]), cat).invalid).toStrictEqual([
      { index: 0, name: validCase.name, issues: [{ path: ["cases", 0, "programme"], message: "Expected string, got 1" }] }
    ])
  })

  it("without a file, problems carry no file key; a bad envelope loads no case", () => {
    expect(TestCase.decodeCases({ format: TestCase.FORMAT, cases: [] }, cat)).toStrictEqual({
      fileIssues: [{ path: ["cases"], message: "Expected a valid value, got an empty list" }],
      cases: [],
      invalid: []
    })
  })

  it("an exception while checking becomes one file problem", () => {
    const broken = { ...cat, programmes: null } as unknown as Catalogue.Catalogue
    expect(TestCase.decodeCases(fileWith([validCase]), broken, "f.json")).toStrictEqual({
      fileIssues: [{ path: [], message: "internal error while checking: Cannot read properties of null (reading 'find')", file: "f.json" }],
      cases: [],
      invalid: []
    })
  })
})

describe("parseCases and loadCases", () => {
  it("invalid JSON without a file: the syntax problem, no file key, nothing loaded", () => {
    expect(TestCase.parseCases("{ \"format\": ", cat)).toStrictEqual({
      fileIssues: [{ path: [], line: 1, column: 13, message: "not valid JSON: a value expected" }],
      cases: [],
      invalid: []
    })
  })

  it("an unreadable file is one file problem", () => {
    const missing = join(tmp, "no-such.json")
    expect(TestCase.loadCases(missing, cat)).toStrictEqual({
      fileIssues: [{ file: missing, path: [], message: `cannot read: ENOENT: no such file or directory, stat '${missing}'` }],
      cases: [],
      invalid: []
    })
  })
})

describe("findFiles", () => {
  it("lists case files sorted and recursively, skipping schemas, variants and other files; a file is itself; nothing is nothing", () => {
    const dir = join(tmp, "find")
    mkdirSync(join(dir, "sub"), { recursive: true })
    for (const name of ["m.json", "notes.txt", "a.json", "x.schema.json", "z.json", "v.variant.json", "sub/c.json", "b.json"]) writeFileSync(join(dir, name), "{}")
    expect(TestCase.findFiles(dir).map((f) => f.slice(dir.length + 1))).toEqual(["a.json", "b.json", "m.json", "sub/c.json", "z.json"])
    expect(TestCase.findFiles(join(dir, "notes.txt"))).toEqual([join(dir, "notes.txt")])
    // Sorted as JavaScript strings (UTF-16 code units), not as the file system lists the bytes.
    const wide = join(tmp, "wide")
    mkdirSync(wide)
    for (const name of ["\uff5a.json", "\u{1f600}.json"]) writeFileSync(join(wide, name), "{}")
    expect(TestCase.findFiles(wide)).toEqual([join(wide, "\u{1f600}.json"), join(wide, "\uff5a.json")])
    expect(TestCase.findFiles(join(dir, "absent"))).toEqual([])
  })
})

describe("runCase", () => {
  it("a case of an unknown programme fails with the error as its outcome and detail", () => {
    const r = TestCase.runCase(cat, caseOf({ programme: "national.nothing", expect: { outcome: "undetermined", version: "2013" } }))
    expect(r).toStrictEqual({
      name: validCase.name,
      programme: "national.nothing",
      asOf: "2014-01-01",
      passed: false,
      expected: { outcome: "undetermined", version: "2013" },
      actual: { outcome: "undetermined", missing: [], failed: [], warnings: [], detail: unknownProgramme },
      mismatches: [`outcome: expected undetermined, got ${unknownProgramme}`, "version: expected 2013, got (none)"]
    })
    expect(TestCase.formatFailure(r)).toBe(
      [
        "✗ a recipient passing the hand-off test  [national.nothing @ 2014-01-01]",
        `    outcome: expected undetermined, got ${unknownProgramme}`,
        "    version: expected 2013, got (none)",
        `    | ${unknownProgramme}`
      ].join("\n")
    )
    expect(TestCase.formatFailure(r, "ja")).toBe(
      [
        "✗ a recipient passing the hand-off test  [national.nothing @ 2014-01-01]",
        `    判定結果: 期待 undetermined、実際 ${unknownProgramme}`,
        "    版: 期待 2013、実際 (none)",
        `    | ${unknownProgramme}`
      ].join("\n")
    )
  })

  it("a result without a verdict or a detail renders its mismatches only", () => {
    const r = TestCase.runCase(cat, caseOf({ programme: "national.nothing" }))
    const { detail: _detail, ...actual } = r.actual
    expect(TestCase.formatFailure({ ...r, actual })).toBe(
      ["✗ a recipient passing the hand-off test  [national.nothing @ 2014-01-01]", `    outcome: expected eligible, got ${unknownProgramme}`].join("\n")
    )
  })

  it("missing facts are compared as sets: a different fact or a missing one more is a mismatch", () => {
    const facts = { target_groups: ["welfare_recipient"], able_to_work: true, work_barrier: false }
    const base = TestCase.runCase(cat, caseOf({ facts, expect: { outcome: "undetermined" } }))
    expect([...base.actual.missing].sort()).toEqual(["consents_to_participate", "motivated"])
    const actual = base.actual.missing.join(", ")
    expect(TestCase.runCase(cat, caseOf({ facts, expect: { outcome: "undetermined", missing: ["motivated", "ward"] } })).mismatches).toEqual([
      `missing facts: expected [motivated, ward], got [${actual}]`
    ])
    expect(TestCase.runCase(cat, caseOf({ facts, expect: { outcome: "undetermined", missing: ["motivated"] } })).mismatches).toEqual([
      `missing facts: expected [motivated], got [${actual}]`
    ])
    expect(TestCase.runCase(cat, caseOf({ facts, expect: { outcome: "undetermined", missing: ["consents_to_participate", "motivated"] } })).passed).toBe(true)
  })

  it("warnings are checked only when expected, and compared as sets", () => {
    const lenient = { mode: "lenient", asOf: "2000-01-01" }
    const ok = TestCase.runCase(cat, caseOf({ ...lenient, expect: { outcome: "eligible", warnings: ["before_first_version"] } }))
    expect(ok.passed).toBe(true)
    expect(ok.actual.warnings).toEqual(["before_first_version"])
    expect(TestCase.runCase(cat, caseOf({ ...lenient, expect: { outcome: "eligible" } })).passed).toBe(true)
    expect(TestCase.runCase(cat, caseOf({ ...lenient, expect: { outcome: "eligible", warnings: ["past_last_version", "between_versions"] } })).mismatches).toEqual([
      "warnings: expected [past_last_version, between_versions], got [before_first_version]"
    ])
  })

  it("without a file the result has no file key; a result with a verdict keeps it, a failed evaluation has none", () => {
    const r = TestCase.runCase(cat, caseOf({}))
    expect("file" in r).toBe(false)
    expect(r.verdict?.outcome).toBe("eligible")
    expect(TestCase.runCase(cat, caseOf({}), "x.json").file).toBe("x.json")
    expect("verdict" in TestCase.runCase(cat, caseOf({ asOf: "2000-01-01", expect: { outcome: "no_version" } }))).toBe(false)
  })
})

describe("runPaths, summary and report", () => {
  const dir = join(tmp, "run")
  mkdirSync(join(dir, "sub"), { recursive: true })
  const wrong = { ...validCase, name: "wrong", expect: { outcome: "ineligible", missing: ["ward"], version: "2005", warnings: ["past_last_version"], failed: ["hw_handoff.motivated"] } }
  writeFileSync(join(dir, "a.json"), JSON.stringify(fileWith([validCase, wrong, { name: "" }, { name: "named but bad" }])))
  writeFileSync(join(dir, "b.json"), "{ \"format\": 1 }")
  writeFileSync(join(dir, "sub", "c.json"), JSON.stringify(fileWith([validCase])))
  // Run inside each test, not while the suite is collected: per-test coverage (mutation testing)
  // sees only what a test runs.
  const files = () => TestCase.runPaths(cat, [dir])
  const clean = () => TestCase.runPaths(cat, [join(dir, "sub")])
  // The verdict trace (its clause lines and the rule hash) is pinned by the core; here only its first line.
  const shape = (text: string) =>
    text
      .split("\n")
      .filter((l) => !/^ {6}\| {3}/.test(l))
      .map((l) => l.replace(/sha256:[0-9a-f]+…/, "sha256:…"))

  it("splits files into loaded and invalid ones, and counts them", () => {
    expect(files().map((f) => (f._tag === "Loaded" ? [f._tag, f.file, f.results.map((r) => r.passed), f.invalid.map((c) => c.index)] : [f._tag, f.file, f.error.issues.length]))).toEqual([
      ["Loaded", join(dir, "a.json"), [true, false], [2, 3]],
      ["Invalid", join(dir, "b.json"), 2],
      ["Loaded", join(dir, "sub", "c.json"), [true], []]
    ])
    expect(TestCase.summary(files())).toStrictEqual({ passed: 2, failed: 1, invalidCases: 2, invalidFiles: 1 })
    expect(TestCase.summary(clean())).toStrictEqual({ passed: 1, failed: 0, invalidCases: 0, invalidFiles: 0 })
  })

  const aInvalid = (where: string, missing: string, ja: boolean) => [
    `  ✗ cases.2  (${ja ? "無効なケース: 実行していません" : "invalid case, not run"})`,
    `      ${where}a.json:1:681: cases.2.name: ${ja ? 'a valid value が必要です（指定値: ""）' : 'Expected a valid value, got ""'}`,
    ...["programme", "asOf", "facts", "expect"].map((k) => `      ${where}a.json:1:673: cases.2.${k}: ${missing}`),
    `  ✗ named but bad  (${ja ? "無効なケース: 実行していません" : "invalid case, not run"})`,
    ...["programme", "asOf", "facts", "expect"].map((k) => `      ${where}a.json:1:685: cases.3.${k}: ${missing}`)
  ]

  it("renders the run in English relative to cwd", () => {
    expect(shape(TestCase.report(files(), { cwd: dir }))).toEqual([
      "a.json",
      "  ✓ a recipient passing the hand-off test",
      "  ✗ wrong  [national.hw_handoff @ 2014-01-01]  (a.json)",
      "      outcome: expected ineligible, got eligible",
      "      missing facts: expected [ward], got []",
      "      version: expected 2005, got 2013",
      "      warnings: expected [past_last_version], got []",
      "      clause hw_handoff.motivated: expected to fail, it did not",
      "      | Outcome: eligible  (national.hw_handoff 2013, 2014-01-01, sha256:…)",
      ...aInvalid("", "missing (required)", false),
      "b.json",
      '  ✗ invalid: b.json:1:13: format: expected "jiritsu.test-cases/1", got 1',
      "  ✗ invalid: b.json:1:1: cases: missing (required)",
      "sub/c.json",
      "  ✓ a recipient passing the hand-off test",
      "",
      "2 passed, 1 failed, 2 invalid case(s), 1 invalid file(s)"
    ])
  })

  it("renders the run in Japanese", () => {
    expect(shape(TestCase.report(files(), { lang: "ja", cwd: dir }))).toEqual([
      "a.json",
      "  ✓ a recipient passing the hand-off test",
      "  ✗ wrong  [national.hw_handoff @ 2014-01-01]  (a.json)",
      "      判定結果: 期待 ineligible、実際 eligible",
      "      未確認の事実: 期待 [ward]、実際 []",
      "      版: 期待 2005、実際 2013",
      "      警告: 期待 [past_last_version]、実際 []",
      "      条件 hw_handoff.motivated: 不該当を期待しましたが、不該当になりませんでした",
      "      | 判定: 対象  (national.hw_handoff 2013, 2014-01-01, sha256:…)",
      ...aInvalid("", "必須項目がありません", true),
      "b.json",
      '  ✗ 無効: b.json:1:13: format: expected "jiritsu.test-cases/1", got 1',
      "  ✗ 無効: b.json:1:1: cases: 必須項目がありません",
      "sub/c.json",
      "  ✓ a recipient passing the hand-off test",
      "",
      "合格 2件、不合格 1件、無効なケース 2件、無効なファイル 1件"
    ])
  })

  it("without cwd, and for files outside cwd, paths are shown as given; English is the default", () => {
    for (const options of [{}, { cwd: join(dir, "sub") }]) {
      const lines = shape(TestCase.report(files(), options))
      expect(lines.slice(0, 4)).toEqual([
        join(dir, "a.json"),
        "  ✓ a recipient passing the hand-off test",
        `  ✗ wrong  [national.hw_handoff @ 2014-01-01]  (${join(dir, "a.json")})`,
        "      outcome: expected ineligible, got eligible"
      ])
      expect(lines.slice(9, 20)).toEqual(aInvalid(`${dir}/`, "missing (required)", false))
      expect(lines[20]).toBe(join(dir, "b.json"))
      expect(lines[21]).toBe(`  ✗ invalid: ${join(dir, "b.json")}:1:13: format: expected "jiritsu.test-cases/1", got 1`)
    }
    expect(TestCase.report(clean(), { cwd: join(dir, "sub") })).toBe("c.json\n  ✓ a recipient passing the hand-off test\n\n1 passed, 0 failed")
  })

  it("the totals name invalid cases and files only when there are some", () => {
    expect(TestCase.report(clean(), { lang: "ja", cwd: dir })).toBe("sub/c.json\n  ✓ a recipient passing the hand-off test\n\n合格 1件、不合格 0件")
    expect(TestCase.report([], { lang: "ja" })).toBe("\n合格 0件、不合格 0件")
    expect(TestCase.report([])).toBe("\n0 passed, 0 failed")
  })
})
