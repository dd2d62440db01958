import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { Result } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Catalogue, CommandLine, TestCase, Variant } from "../src/index.ts"
import { arbBadDate, arbUnknownName } from "./arbitraries.ts"

const cat = Catalogue.catalogue
const fixture = fileURLToPath(new URL("./fixtures/sakura.variant.json", import.meta.url))
const fixtureCases = fileURLToPath(new URL("./fixtures/sakura.cases.json", import.meta.url))
const schemaFile = fileURLToPath(new URL("../schema/jiritsu.variant-1.schema.json", import.meta.url))
const doc = (): any => JSON.parse(readFileSync(fixture, "utf8"))

const issuesOf = (d: unknown, file = "v.json"): ReadonlyArray<Catalogue.Issue> => {
  const r = Variant.decode(d, cat, file)
  return Result.isFailure(r) ? r.failure.issues : []
}

describe("variant files (jiritsu.variant/1)", () => {
  it("ships the JSON Schema generated from the Effect Schema", () => {
    expect(JSON.parse(readFileSync(schemaFile, "utf8"))).toEqual(Variant.jsonSchema())
  })

  it("loads a data-only variant with its own group and fact, and its cases pass", () => {
    const r = Variant.loadFile(fixture, cat)
    if (Result.isFailure(r)) throw new Error(r.failure.message)
    expect(Catalogue.get(r.success, "sakura.youth_desk")?.base).toBe("national.integrated_job_service")
    expect(Catalogue.check(r.success)).toEqual([])
    const files = TestCase.runPaths(r.success, [fixtureCases])
    expect(TestCase.summary(files)).toEqual({ passed: 3, failed: 0, invalidCases: 0, invalidFiles: 0 })
  })

  it("refuses a value label that names no value of its fact at the label, with line and column", () => {
    const d = doc()
    d.facts.lives_in_city.valueLabels = { yes: { ja: "はい", en: "yes" } }
    expect(issuesOf(d)).toEqual([
      { path: ["facts", "lives_in_city", "valueLabels", "yes"], message: 'a label for "yes", which is not one of the fact\'s values (true, false)', file: "v.json" }
    ])
    const text = JSON.stringify(d, null, 2)
    const parsed = Variant.parse(text, cat, "v.json")
    if (Result.isSuccess(parsed)) throw new Error("accepted a label of no value")
    const [issue] = parsed.failure.issues
    const line = text.split("\n").findIndex((l) => l.includes('"yes": {')) + 1
    expect(issue).toMatchObject({ path: ["facts", "lives_in_city", "valueLabels", "yes"], line })
  })

  it("names the second of two variants with one id, before the catalogue checks either", () => {
    const d = doc()
    d.variants.push(structuredClone(d.variants[0]))
    d.variants[1].windows[0].exceptions[0].when.values = ["nobody"]
    expect(issuesOf(d).map(Catalogue.formatIssue)).toEqual([
      'v.json: variants.1.id: programme id "sakura.youth_desk" is given twice in this file (variants.0 and variants.1)'
    ])
  })

  it("points at the file's own declaration when a fact it redeclares does not fit a programme", () => {
    const d = doc()
    d.facts.target_groups = { type: "boolean", labels: { ja: "対象", en: "target" } }
    const issues = issuesOf(d)
    expect(issues.length).toBeGreaterThan(0)
    for (const i of issues) expect(i.path.slice(0, 2)).toEqual(["facts", "target_groups"])
  })

  it("maps catalogue issues back to the path inside the file", () => {
    const d = doc()
    d.variants[0].windows[0].exceptions[0].when.values = ["school_leavers"]
    d.variants[0].windows[0].exceptions[1].when.fact = "lives_in_town"
    expect(issuesOf(d).map(Catalogue.formatIssue)).toEqual([
      'v.json: variants.0.windows.0.exceptions.0.when.values.0: unknown target group "school_leavers"',
      'v.json: variants.0.windows.0.exceptions.1.when.fact: unknown fact "lives_in_town" (declare it in the catalogue\'s facts)'
    ])
  })

  it("locates issues in the right window when a window spans several base versions", () => {
    const d = doc()
    d.variants[0].base = "national.hw_handoff"
    d.variants[0].windows = [
      { ...d.variants[0].windows[0], version: "a", from: "2010-04-01", until: "2014-04-01" },
      { ...d.variants[0].windows[0], version: "b", from: "2014-04-01" }
    ]
    d.variants[0].windows[1].exceptions = [{ ...d.variants[0].windows[0].exceptions[0], when: { ...d.variants[0].windows[0].exceptions[0].when, values: ["nobody"] } }]
    expect(issuesOf(d).map((i) => i.path)).toEqual([["variants", 0, "windows", 1, "exceptions", 0, "when", "values", 0]])
  })

  it("reports a wrong base, an impossible date and invalid JSON with file and path", () => {
    const d = doc()
    d.variants[0].base = "national.nothing"
    expect(issuesOf(d)).toEqual([{ file: "v.json", path: ["variants", 0, "base"], message: 'unknown base programme "national.nothing"' }])
    const e = doc()
    e.variants[0].windows[0].from = "2022-02-29"
    expect(issuesOf(e).map((i) => i.path)).toEqual([["variants", 0, "windows", 0, "from"]])
    const r = Variant.parse("{", cat, "broken.json")
    expect(Result.isFailure(r) && Catalogue.formatIssue(r.failure.issues[0]!)).toMatch(/^broken\.json:1:2: \(root\): not valid JSON: '}' expected$/)
  })

  it("the CLI adds variants with --variants (a directory run skips *.variant.json)", async () => {
    const out: Array<string> = []
    const dir = fileURLToPath(new URL("./fixtures", import.meta.url))
    expect(TestCase.findFiles(dir).map((f) => f.split("/").pop())).toEqual(["sakura.cases.json"])
    const code = await CommandLine.main(["test-rules", dir, "--variants", fixture], { cwd: process.cwd(), out: (l) => out.push(l), err: (l) => out.push(l) })
    expect(code).toBe(0)
    expect(out.join("\n")).toMatch(/3 passed, 0 failed$/)
  })
})

describe("properties", () => {
  it("generated bad input: each defect is reported at its exact path in the file", () => {
    const mutation = fc.oneof(
      arbBadDate.map((v) => ({ kind: "date" as const, v })),
      arbUnknownName.map((v) => ({ kind: "group" as const, v })),
      arbUnknownName.filter((v) => v !== "lives_in_city").map((v) => ({ kind: "fact" as const, v })),
      arbUnknownName.map((v) => ({ kind: "base" as const, v: `national.${v}` }))
    )
    fc.assert(
      fc.property(mutation, (m) => {
        const d = doc()
        const w = d.variants[0].windows[0]
        let path: ReadonlyArray<string | number>
        switch (m.kind) {
          case "date":
            w.from = m.v
            path = ["variants", 0, "windows", 0, "from"]
            break
          case "group":
            w.exceptions[0].when.values = [m.v]
            path = ["variants", 0, "windows", 0, "exceptions", 0, "when", "values", 0]
            break
          case "fact":
            w.exceptions[1].when.fact = m.v
            path = ["variants", 0, "windows", 0, "exceptions", 1, "when", "fact"]
            break
          case "base":
            d.variants[0].base = m.v
            path = ["variants", 0, "base"]
            break
        }
        const issues = issuesOf(d, "gen.variant.json")
        expect(issues.map((i) => i.path)).toContainEqual(path)
        expect(issues.every((i) => i.file === "gen.variant.json")).toBe(true)
      })
    )
  })
})
