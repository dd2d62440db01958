import { spawnSync } from "node:child_process"
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Result } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Catalogue, CommandLine, TestCase, Vocabulary } from "../src/index.ts"
import { arbBadDate, arbDate, arbUnknownName } from "./arbitraries.ts"
import { fileWith, validCase } from "./fixtures/cases.ts"

const cat = Catalogue.catalogue
const casesDir = fileURLToPath(new URL("../cases", import.meta.url))
const schemaFile = fileURLToPath(new URL("../schema/jiritsu.test-case-1.schema.json", import.meta.url))


/** A case decoded through the format (so tests use exactly what a file would give). */
const tc = (u: unknown): TestCase.TestCase => {
  const r = TestCase.decode(fileWith([u]), cat)
  if (Result.isFailure(r)) throw new Error(r.failure.message)
  return r.success.cases[0]!
}

const issuesOf = (doc: unknown, file = "cases/x.json"): ReadonlyArray<Catalogue.Issue> => {
  const r = TestCase.decode(doc, cat, file)
  return Result.isFailure(r) ? r.failure.issues : []
}

describe("the test-case format", () => {
  it("ships the JSON Schema generated from the Effect Schema", () => {
    expect(JSON.parse(readFileSync(schemaFile, "utf8"))).toEqual(TestCase.jsonSchema())
  })

  it("the catalogue's case files hold at least 60 cases, all valid", () => {
    const files = TestCase.findFiles(casesDir)
    expect(files.length).toBeGreaterThanOrEqual(5)
    let n = 0
    for (const f of files) {
      const loaded = TestCase.loadFile(f, cat)
      if (Result.isFailure(loaded)) throw new Error(loaded.failure.message)
      n += loaded.success.cases.length
    }
    expect(n).toBeGreaterThanOrEqual(60)
  })

  it("covers every programme of the catalogue", () => {
    const covered = new Set(
      TestCase.findFiles(casesDir).flatMap((f) => {
        const loaded = TestCase.loadFile(f, cat)
        return Result.isSuccess(loaded) ? loaded.success.cases.map((c) => c.programme) : []
      })
    )
    for (const p of cat.programmes) expect(covered.has(p.id), p.id).toBe(true)
  })

  it("accepts a valid document", () => {
    expect(issuesOf(fileWith([validCase]))).toEqual([])
  })

  it("names the file, path and reason of a wrong date, an unknown group, an unknown fact and an unknown programme", () => {
    const bad = {
      ...validCase,
      programme: "national.nothing",
      asOf: "2013-02-30",
      facts: { ...validCase.facts, target_groups: ["welfare_recipient", "martians"], shoe_size: 42, motivated: "yes" }
    }
    const issues = issuesOf(fileWith([validCase, bad]), "cases/bad.json")
    const lines = issues.map(Catalogue.formatIssue)
    expect(lines).toContain('cases/bad.json: cases.1.asOf: expected a calendar date YYYY-MM-DD (1873–9999), got "2013-02-30"')
    expect(lines).toContain('cases/bad.json: cases.1.programme: unknown programme "national.nothing"')
    expect(lines).toContain('cases/bad.json: cases.1.facts.shoe_size: unknown fact "shoe_size"')
    expect(lines).toContain('cases/bad.json: cases.1.facts.target_groups.1: unknown target group "martians"')
    expect(lines).toContain('cases/bad.json: cases.1.facts.motivated: expected a boolean, got "yes"')
  })

  it("rejects a wrong format id, an empty case list, an unknown outcome and invalid JSON", () => {
    expect(issuesOf({ format: "jiritsu.test-cases/9", cases: [validCase] }).map((i) => i.path)).toContainEqual(["format"])
    expect(issuesOf(fileWith([])).map((i) => i.path)).toContainEqual(["cases"])
    expect(issuesOf(fileWith([{ ...validCase, expect: { outcome: "maybe" } }])).map((i) => i.path)).toContainEqual(["cases", 0, "expect", "outcome"])
    const r = TestCase.parse("{ \"format\": ", cat, "cases/broken.json")
    expect(Result.isFailure(r) && Catalogue.formatIssue(r.failure.issues[0]!)).toMatch(/^cases\/broken\.json:1:13: \(root\): not valid JSON: a value expected$/)
  })
})

describe("running cases", () => {
  it("passes a correct expectation and reports mismatches with the trace", () => {
    const ok = TestCase.runCase(cat, tc(validCase))
    expect(ok.passed).toBe(true)
    const wrong = TestCase.runCase(cat, tc({ ...validCase, expect: { outcome: "ineligible", missing: ["ward"], version: "2005", failed: ["hw_handoff.motivated"] } }), "x.json")
    expect(wrong.passed).toBe(false)
    expect(wrong.mismatches).toEqual([
      "outcome: expected ineligible, got eligible",
      "missing facts: expected [ward], got []",
      "version: expected 2005, got 2013",
      "clause hw_handoff.motivated: expected to fail, it did not"
    ])
    const text = TestCase.formatFailure(wrong)
    expect(text).toContain("✗ a recipient passing the hand-off test  [national.hw_handoff @ 2014-01-01]  (x.json)")
    expect(text).toContain("| Outcome: eligible")
    expect(text).toMatch(/✓ wishes to work\b/)
  })

  it("maps a date without a version to no_version and a hard override to override_refused", () => {
    expect(TestCase.runCase(cat, tc({ ...validCase, asOf: "2000-01-01", expect: { outcome: "no_version" } })).passed).toBe(true)
    const refused = { ...validCase, overrides: [{ clauseId: "hw_handoff.motivated", reason: "r", actor: "a" }], expect: { outcome: "override_refused" } }
    expect(TestCase.runCase(cat, tc(refused)).passed).toBe(true)
  })
})

describe("the jiritsu CLI", () => {
  const run = async (argv: ReadonlyArray<string>) => {
    const out: Array<string> = []
    const err: Array<string> = []
    const code = await CommandLine.main(argv, { cwd: process.cwd(), out: (l) => out.push(l), err: (l) => err.push(l) })
    return { code, out: out.join("\n"), err: err.join("\n") }
  }

  it("test-rules passes the catalogue's cases and exits 0", async () => {
    const r = await run(["test-rules", casesDir])
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/\n\d+ passed, 0 failed$/)
    expect(r.out).toContain("✓ 18th birthday: working age begins")
  })

  it("test-rules prints the trace of a failing case and exits 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jiritsu-cases-"))
    writeFileSync(join(dir, "a.json"), JSON.stringify(fileWith([{ ...validCase, expect: { outcome: "ineligible" } }])))
    writeFileSync(join(dir, "b.json"), JSON.stringify(fileWith([{ ...validCase, asOf: "2014-02-30" }])))
    const r = await run(["test-rules", dir])
    expect(r.code).toBe(1)
    expect(r.out).toContain("outcome: expected ineligible, got eligible")
    expect(r.out).toContain("| Outcome: eligible")
    expect(r.out).toContain(`✗ ${validCase.name}  (invalid case, not run)`)
    expect(r.out).toMatch(new RegExp(`${join(dir, "b.json")}:1:\\d+: cases\\.0\\.asOf: expected a calendar date`))
    expect(r.out).toMatch(/0 passed, 1 failed, 1 invalid case\(s\)$/)
  })

  it("runs as an executable under Node's type stripping (node src/cli.ts)", () => {
    const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url))
    const ok = spawnSync(process.execPath, [cli, "test-rules", casesDir], { encoding: "utf8" })
    expect(ok.status).toBe(0)
    expect(ok.stdout).toMatch(/\d+ passed, 0 failed\n$/)
    const dir = mkdtempSync(join(tmpdir(), "jiritsu-cli-"))
    writeFileSync(join(dir, "a.json"), JSON.stringify(fileWith([{ ...validCase, expect: { outcome: "undetermined" } }])))
    const bad = spawnSync(process.execPath, [cli, "test-rules", dir, "--lang", "ja"], { encoding: "utf8" })
    expect(bad.status).toBe(1)
    expect(bad.stdout).toContain("| 判定: 対象")
  })

  it("exits 2 on usage errors and 1 on a missing path", async () => {
    expect((await run([])).code).toBe(2)
    expect((await run(["test-rules"])).code).toBe(2)
    expect((await run(["test-rules", casesDir, "--lang", "fr"])).code).toBe(2)
    expect((await run(["frobnicate"])).code).toBe(2)
    expect((await run(["test-rules", "/no/such/dir"])).code).toBe(1)
  })

  it("check reports a clean catalogue; schema prints the JSON Schema", async () => {
    const c = await run(["check"])
    expect(c.code).toBe(0)
    expect(c.out).toContain(`${cat.programmes.length} programmes checked, 0 issue(s)`)
    const s = await run(["schema"])
    expect(JSON.parse(s.out)).toEqual(TestCase.jsonSchema())
  })

  it("loads a team's catalogue module with --catalogue, and says why a module is unusable", async () => {
    const r = await run(["check", "--catalogue", fileURLToPath(new URL("./fixtures/team-catalogue.ts", import.meta.url))])
    expect(r.err).toBe("")
    expect(r.code).toBe(0)
    expect(r.out).toContain(`${cat.programmes.length + 1} programmes checked`)
    const notACatalogue = await run(["check", "--catalogue", fileURLToPath(new URL("./arbitraries.ts", import.meta.url))])
    expect(notACatalogue.code).toBe(1)
    expect(notACatalogue.err).toContain("exports no catalogue")
  })
})

// ---------------------------------------------------------------------------------------------

const arbPathMutation = fc.oneof(
  arbBadDate.map((d) => ({ kind: "date" as const, value: d })),
  arbUnknownName.map((n) => ({ kind: "group" as const, value: n })),
  arbUnknownName.map((n) => ({ kind: "fact" as const, value: n })),
  fc.constantFrom(...Vocabulary.factNames.filter((n) => Vocabulary.facts[n].type === "boolean")).map((n) => ({ kind: "type" as const, value: n }))
)

describe("properties", () => {
  it("generated bad input: every defect is reported at its exact path, with the file", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), arbPathMutation, (index, m) => {
        const cases: Array<Record<string, unknown>> = [validCase, validCase, validCase, validCase].map((c) => ({ ...c, facts: { ...c.facts } }))
        const target = cases[index]!
        const facts = target["facts"] as Record<string, unknown>
        let path: ReadonlyArray<string | number>
        switch (m.kind) {
          case "date":
            target["asOf"] = m.value
            path = ["cases", index, "asOf"]
            break
          case "group":
            facts["target_groups"] = ["welfare_recipient", m.value]
            path = ["cases", index, "facts", "target_groups", 1]
            break
          case "fact":
            facts[m.value] = true
            path = ["cases", index, "facts", m.value]
            break
          case "type":
            facts[m.value] = "yes"
            path = ["cases", index, "facts", m.value]
            break
        }
        const issues = issuesOf(fileWith(cases), "gen.json")
        expect(issues.length).toBeGreaterThan(0)
        expect(issues.every((i) => i.file === "gen.json")).toBe(true)
        expect(issues.map((i) => i.path)).toContainEqual(path)
        expect(issues.every((i) => i.path[1] === index)).toBe(true)
      })
    )
  })

  it("a case file round-trips: what the runner reads back is what was written", () => {
    fc.assert(
      fc.property(arbDate, fc.constantFrom("eligible", "ineligible", "undetermined", "no_version"), (asOf, outcome) => {
        const doc = fileWith([{ ...validCase, asOf, expect: { outcome } }])
        const r = TestCase.parse(JSON.stringify(doc), cat)
        expect(Result.isSuccess(r) && r.success.cases[0]!.asOf).toBe(asOf)
      })
    )
  })

  it("the runner's verdict agrees with its own expectation written back (a case built from any result passes)", () => {
    fc.assert(
      fc.property(arbDate, fc.constantFrom(...cat.programmes.map((p) => p.id)), (asOf, programme) => {
        const probe = TestCase.runCase(cat, tc({ ...validCase, programme, asOf, expect: { outcome: "eligible" } }))
        const replay = TestCase.runCase(cat, tc({
          ...validCase,
          programme,
          asOf,
          expect: { outcome: probe.actual.outcome, missing: probe.actual.missing, failed: probe.actual.failed }
        }))
        expect(replay.passed).toBe(true)
      })
    )
  })
})
