// Strict file formats: what a rules team writes by hand is checked key by key. Unknown keys name the
// closest allowed key; enumerations list their values; range errors name the user's fields; every
// issue in a JSON file carries line:column; a bad case is reported on its own while the others run;
// --lang ja words every line in Japanese. The shipped JSON Schemas say exactly what the format
// checks say (checked with ajv on generated documents), and hostile input never crashes.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Result } from "effect"
import fc from "fast-check"
import { Ajv2020 } from "ajv/dist/2020.js"
import addFormats from "ajv-formats"
import { afterAll, describe, expect, it } from "vitest"
import { Catalogue, CommandLine, TestCase, Variant } from "../src/index.ts"

const cat = Catalogue.catalogue
const variantText = readFileSync(fileURLToPath(new URL("./fixtures/sakura.variant.json", import.meta.url)), "utf8")
const casesText = readFileSync(fileURLToPath(new URL("./fixtures/sakura.cases.json", import.meta.url)), "utf8")
const variantDoc = (): any => JSON.parse(variantText)
const casesDoc = (): any => JSON.parse(casesText)
// The built-in catalogue extended with the fixture's variant (the cases' programme, group and fact).
const sakura = ((r) => (Result.isSuccess(r) ? r.success : cat))(Variant.parse(variantText, cat))
const pretty = (doc: unknown) => JSON.stringify(doc, null, 2)
const dirs: Array<string> = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "jiritsu-format-"))
  dirs.push(d)
  return d
}

const variantIssues = (text: string): ReadonlyArray<string> => {
  const r = Variant.parse(text, cat, "v.json")
  return Result.isFailure(r) ? r.failure.issues.map(Catalogue.formatIssue) : []
}

/** The 1-based line and column of the first occurrence of a snippet in a text. */
const positionOf = (text: string, snippet: string): string => {
  const offset = text.indexOf(snippet)
  const before = text.slice(0, offset).split("\n")
  return `${before.length}:${before[before.length - 1]!.length + 1}`
}

describe("unknown keys, enumerations and ranges, with line:column", () => {
  it('a misspelt "mni" in a variant rule is an error naming "min", at the key\'s line and column', () => {
    const d = variantDoc()
    const w = d.variants[0].windows[0]
    w.exceptions[0].when = { kind: "all", id: "young", labels: { ja: "若者", en: "young" }, children: [{ kind: "age", id: "young.age", labels: { ja: "39歳以下", en: "39 or under" }, fact: "birth_date", mni: 15, max: 39 }] }
    const text = pretty(d)
    expect(variantIssues(text)).toEqual([`v.json:${positionOf(text, '"mni"')}: variants.0.windows.0.exceptions.0.when.children.0: unknown key "mni" (did you mean "min"?)`])
  })

  it("an unknown key in the file's own fields names the closest one; with nothing close, lists the allowed keys", () => {
    const d = variantDoc()
    d.variants[0].windows[0].untill = "2030-01-01"
    d.variants[0].zzz = 1
    const text = pretty(d)
    expect([...variantIssues(text)].sort()).toEqual([
      `v.json:${positionOf(text, '"untill"')}: variants.0.windows.0: unknown key "untill" (did you mean "until"?)`,
      `v.json:${positionOf(text, '"zzz"')}: variants.0: unknown key "zzz"; allowed keys: id, labels, municipality, site, base, windows, citations`
    ])
  })

  it("an outcome typo lists the allowed outcomes and suggests the near miss", () => {
    const d = casesDoc()
    d.cases[1].expect.outcome = "eligble"
    const text = pretty(d)
    const loaded = TestCase.parseCases(text, sakura, "c.json")
    expect(loaded.invalid.flatMap((c) => c.issues).map(Catalogue.formatIssue)).toEqual([
      `c.json:${positionOf(text, '"eligble"')}: cases.1.expect.outcome: expected one of "eligible", "ineligible", "undetermined", "no_version", "override_refused", got "eligble" (did you mean "eligible"?)`
    ])
  })

  it("a window ending before it starts names the user's fields; overlapping and gapped windows too", () => {
    const d = variantDoc()
    const w0 = d.variants[0].windows[0]
    d.variants[0].windows = [
      { ...w0, version: "a", from: "2012-04-01", until: "2014-04-01" },
      { ...w0, version: "b", from: "2014-04-01", until: "2013-03-31" }
    ]
    const text = pretty(d)
    expect(variantIssues(text)).toEqual([`v.json:${positionOf(text, '"2013-03-31"')}: variants.0.windows.1.until: windows.1.until (2013-03-31) is before windows.1.from (2014-04-01)`])
    d.variants[0].windows[1] = { ...w0, version: "b", from: "2014-01-01" }
    expect(variantIssues(pretty(d))[0]).toMatch(/variants\.0\.windows\.1\.from: windows\.1\.from \(2014-01-01\) is before windows\.0\.until \(2014-04-01\): the windows overlap$/)
    d.variants[0].windows[1] = { ...w0, version: "b", from: "2015-04-01" }
    expect(variantIssues(pretty(d))[0]).toMatch(/windows\.0\.until \(2014-04-01\) leaves a gap before windows\.1\.from \(2015-04-01\)/)
  })

  it("a misspelt fact or programme in a case names the closest declared one", () => {
    const d = casesDoc()
    d.cases[0].facts = { lives_in_cty: true }
    d.cases[1].programme = "sakura.youth_dsk"
    const r = TestCase.decode(d, sakura, "c.json")
    expect(Result.isFailure(r) && r.failure.issues.map(Catalogue.formatIssue)).toEqual([
      'c.json: cases.0.facts.lives_in_cty: unknown fact "lives_in_cty" (did you mean "lives_in_city"?)',
      'c.json: cases.1.programme: unknown programme "sakura.youth_dsk" (did you mean "sakura.youth_desk"?)'
    ])
  })

  it("duplicate keys, comments, a BOM and Shift_JIS bytes", () => {
    expect(variantIssues('{"format": "jiritsu.variant/1", "format": "x"}')).toEqual(['v.json:1:33: (root): duplicate key "format" (JSON keeps only the last one)'])
    expect(variantIssues('{ // note\n "format": 1 }')[0]).toMatch(/^v\.json:1:3: \(root\): not valid JSON: comments are not allowed in JSON$/)
    expect(Result.isSuccess(Variant.parse(`\uFEFF${variantText}`, cat, "v.json"))).toBe(true)
    const dir = tmp()
    writeFileSync(join(dir, "sjis.json"), Buffer.from([0x7b, 0x22, 0x82, 0xa0, 0x22, 0x3a, 0x31, 0x7d]))
    const r = TestCase.loadFile(join(dir, "sjis.json"), cat)
    expect(Result.isFailure(r) && r.failure.issues[0]!.message).toMatch(/^not UTF-8 text/)
  })
})

describe("one bad case does not stop the others; --lang ja words every line", () => {
  const dir = tmp()
  const variantFile = join(dir, "sakura.variant.json")
  writeFileSync(variantFile, variantText)
  const d = casesDoc()
  d.cases[1].expect.outcome = "eligble"
  d.cases[2].facts.lives_in_cty = true
  d.cases.push({ ...d.cases[0], name: "wrong expectation", expect: { outcome: "ineligible" } })
  writeFileSync(join(dir, "mixed.json"), pretty(d))
  const run = async (lang: "ja" | "en") => {
    const out: Array<string> = []
    const code = await CommandLine.main(["test-rules", dir, "--variants", variantFile, "--lang", lang], { cwd: dir, out: (l) => out.push(l), err: (l) => out.push(l) })
    return { code, text: out.join("\n") }
  }

  it("runs the good cases, reports each bad case with its issues, and exits 1", async () => {
    const r = await run("en")
    expect(r.code).toBe(1)
    expect(r.text).toContain("✓ a school leaver in the city")
    expect(r.text).toContain("✗ a job-seeker outside the city  (invalid case, not run)")
    expect(r.text).toContain("✗ before the desk opened  (invalid case, not run)")
    expect(r.text).toMatch(/mixed\.json:\d+:\d+: cases\.2\.facts\.lives_in_cty: unknown fact "lives_in_cty" \(did you mean "lives_in_city"\?\)/)
    expect(r.text).toMatch(/\n1 passed, 1 failed, 2 invalid case\(s\)$/)
  })

  it("in Japanese, no line is left in English", async () => {
    const r = await run("ja")
    expect(r.code).toBe(1)
    expect(r.text).toMatch(/合格 1件、不合格 1件、無効なケース 2件$/)
    expect(r.text).toContain("不明な事実")
    expect(r.text).toContain("次のいずれかを指定してください")
    for (const line of r.text.split("\n")) expect(line, line).not.toMatch(/\b(passed|failed|invalid|expected|unknown|got|did you mean|Outcome)\b/)
  })

  it("jiritsu check --lang ja", async () => {
    const out: Array<string> = []
    await CommandLine.main(["check", "--lang", "ja"], { cwd: dir, out: (l) => out.push(l), err: (l) => out.push(l) })
    expect(out.join("\n")).toMatch(/^事業 \d+件を検査、指摘 0件$/)
  })
})

// ---------------------------------------------------------------------------------------------
// The JSON Schema and the format checks agree, on generated documents
// ---------------------------------------------------------------------------------------------

const ajv = new Ajv2020({ allErrors: true, strict: false })
;(addFormats as unknown as (a: Ajv2020) => void)(ajv)
const validateVariant = ajv.compile(JSON.parse(readFileSync(fileURLToPath(new URL("../schema/jiritsu.variant-1.schema.json", import.meta.url)), "utf8")))
const validateCases = ajv.compile(JSON.parse(readFileSync(fileURLToPath(new URL("../schema/jiritsu.test-case-1.schema.json", import.meta.url)), "utf8")))

type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [k: string]: Json }

const arbScalar: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, 0, -1, 1.5, 150, 151, "", "x", "2013-02-30", "2014-04-01", "1800-01-01", "eligible", "include", "all", "age", "Bad Id!", "a.b"),
  fc.string({ maxLength: 6 }),
  fc.integer({ min: -5, max: 200 })
)
const arbValue: fc.Arbitrary<Json> = fc.oneof({ weight: 4, arbitrary: arbScalar }, fc.constant<Json>([]), fc.constant<Json>({}), fc.array(arbScalar, { maxLength: 2 }))
const arbKey = fc.oneof(fc.constantFrom("mni", "min", "kind", "id", "labels", "ja", "en", "from", "until", "facts", "source", "note", "value", "extra"), fc.string({ minLength: 1, maxLength: 5 }))

/** Every path to a value inside a document. */
const pathsOf = (node: unknown, prefix: ReadonlyArray<string | number> = []): Array<ReadonlyArray<string | number>> => {
  const own = [prefix]
  if (Array.isArray(node)) return [...own, ...node.flatMap((c, i) => pathsOf(c, [...prefix, i]))]
  if (typeof node === "object" && node !== null) return [...own, ...Object.entries(node).flatMap(([k, v]) => pathsOf(v, [...prefix, k]))]
  return own
}

type Mutation = { readonly at: number; readonly op: "add-key" | "replace" | "delete"; readonly key: string; readonly value: Json }
const arbMutation: fc.Arbitrary<Mutation> = fc.record({ at: fc.nat(), op: fc.constantFrom("add-key", "replace", "replace", "delete"), key: arbKey, value: arbValue })

const mutate = (doc: any, mutations: ReadonlyArray<Mutation>): any => {
  let current = structuredClone(doc)
  for (const m of mutations) {
    const paths = pathsOf(current)
    const path = paths[m.at % paths.length]!
    const parent = path.slice(0, -1).reduce((v: any, k) => v[k], current)
    const target = path.reduce((v: any, k) => v[k], current)
    const value = structuredClone(m.value)
    if (m.op === "add-key" && typeof target === "object" && target !== null && !Array.isArray(target)) target[m.key] = value
    else if (path.length === 0) current = value
    else if (m.op === "delete" && Array.isArray(parent)) parent.splice(path[path.length - 1] as number, 1)
    else if (m.op === "delete") delete parent[path[path.length - 1]!]
    else parent[path[path.length - 1]!] = value
  }
  return current
}

describe("the shipped JSON Schemas and the format checks agree (ajv 2020-12 with formats)", () => {
  const agree = (name: string, seed: () => unknown, check: (d: unknown) => ReadonlyArray<unknown>, validate: (d: unknown) => boolean) =>
    it(`${name}: the schema rejects a generated document exactly when the format checks do`, () => {
      const seen = { bothReject: 0, bothAccept: 0 }
      fc.assert(
        fc.property(fc.array(arbMutation, { minLength: 0, maxLength: 3 }), (mutations) => {
          const doc = mutate(seed(), mutations)
          const schemaAccepts = validate(doc)
          const issues = check(doc)
          expect(issues.length === 0, `schema ${schemaAccepts ? "accepts" : "rejects"}; checks: ${JSON.stringify(issues.slice(0, 3))}; ajv: ${JSON.stringify((validate as any).errors?.slice(0, 2))}`).toBe(schemaAccepts)
          if (schemaAccepts) seen.bothAccept++
          else seen.bothReject++
        })
      )
      // Both sides of the agreement are reached: over 30 % of runs rejected, over 5 % accepted
      // (shares, so that mutation mode's fewer runs keep the same floor).
      const runs = seen.bothReject + seen.bothAccept
      expect(seen.bothReject).toBeGreaterThan(runs * 0.3)
      expect(seen.bothAccept).toBeGreaterThan(runs * 0.05)
    })
  agree("variant files", variantDoc, Variant.checkFormat, validateVariant)
  agree("test-case files", casesDoc, TestCase.checkFormat, validateCases)
})

// ---------------------------------------------------------------------------------------------
// Hostile documents
// ---------------------------------------------------------------------------------------------

describe("hostile documents: always a typed error with a path (and line:column from text), never a crash", () => {
  const expectTyped = (r: Result.Result<unknown, Catalogue.CatalogueError> | Result.Result<TestCase.TestCaseFile, Catalogue.CatalogueError>, fromText: boolean) => {
    expect(Result.isFailure(r)).toBe(true)
    if (Result.isFailure(r)) {
      expect(r.failure._tag).toBe("CatalogueError")
      expect(r.failure.issues.length).toBeGreaterThan(0)
      for (const i of r.failure.issues) {
        expect(Array.isArray(i.path)).toBe(true)
        expect(i.message).not.toMatch(/undefined|\[object Object\]|^\s*at /)
        if (fromText) expect(i.line, Catalogue.formatIssue(i)).toBeGreaterThan(0)
      }
    }
  }

  it("random extra keys at every depth and wrong types, as values and as text (with or without a BOM)", () => {
    let located = 0
    let runs = 0
    fc.assert(
      fc.property(fc.constantFrom("variant", "cases"), fc.array(arbMutation, { minLength: 1, maxLength: 4 }), fc.boolean(), (kind, mutations, bom) => {
        runs++
        const doc = mutate(kind === "variant" ? variantDoc() : casesDoc(), mutations)
        const text = `${bom ? "\uFEFF" : ""}${pretty(doc)}`
        const fromValue: Result.Result<unknown, Catalogue.CatalogueError> = kind === "variant" ? Variant.decode(doc, cat, "x.json") : TestCase.decode(doc, cat, "x.json")
        const fromText: Result.Result<unknown, Catalogue.CatalogueError> = kind === "variant" ? Variant.parse(text, cat, "x.json") : TestCase.parse(text, cat, "x.json")
        // A mutation may leave the document valid (e.g. a description replaced by a string).
        if (Result.isSuccess(fromText)) return
        expectTyped(fromValue, false)
        expectTyped(fromText, true)
        located++
      })
    )
    // Over 70 % of runs reach a document the decoders refuse (a share, as in mutation mode's fewer runs).
    expect(located).toBeGreaterThan(runs * 0.7)
  })

  it("truncated JSON: the position of the cut", () => {
    fc.assert(
      fc.property(fc.constantFrom(variantText, casesText), fc.integer({ min: 0, max: 10_000 }), (text, cut) => {
        const truncated = text.slice(0, cut % (text.length - 1))
        expectTyped(Variant.parse(truncated, cat, "t.json"), true)
        expectTyped(TestCase.parse(truncated, cat, "t.json"), true)
      })
    )
  })

  it("deep nesting, a huge file and non-objects are refused with a reason", () => {
    expectTyped(Variant.parse("[".repeat(100_000), cat, "deep.json"), true)
    expectTyped(TestCase.parse(`{"format":"jiritsu.test-cases/1","cases":[${"[".repeat(5000)}${"]".repeat(5000)}]}`, cat, "deep.json"), true)
    expectTyped(TestCase.parse("null", cat, "n.json"), true)
    const dir = tmp()
    const huge = join(dir, "huge.json")
    writeFileSync(huge, `{"format":"jiritsu.test-cases/1","description":"${"x".repeat(17 * 1024 * 1024)}","cases":[]}`)
    const r = TestCase.loadFile(huge, cat)
    expect(Result.isFailure(r) && r.failure.issues[0]!.message).toMatch(/^file too large \(17\.0 MB; the limit is 16 MB\)$/)
  })
})
