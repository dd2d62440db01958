import { readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { coverage } from "./coverage.ts"
import { Period, Rule, Verdict } from "@jiritsu/core"
import { arbAsOf, arbFacts, arbRule } from "./arbitraries.ts"

const schemaPath = join(dirname(fileURLToPath(import.meta.url)), "..", "schema", "jiritsu.trace-1.schema.json")
const shipped = JSON.parse(readFileSync(schemaPath, "utf8")) as Record<string, unknown>

type JsonSchema = {
  readonly $ref?: string
  readonly type?: string
  readonly enum?: ReadonlyArray<unknown>
  readonly properties?: Readonly<Record<string, JsonSchema>>
  readonly required?: ReadonlyArray<string>
  readonly items?: JsonSchema
  readonly anyOf?: ReadonlyArray<JsonSchema>
  readonly minLength?: number
  readonly minimum?: number
  readonly maximum?: number
}

/** A small validator for the JSON Schema keywords the trace schema uses; returns the paths that fail. */
const validate = (schema: JsonSchema, value: unknown, defs: Readonly<Record<string, JsonSchema>>, path = "$"): Array<string> => {
  if (schema.$ref !== undefined) return validate(defs[schema.$ref.replace("#/$defs/", "")]!, value, defs, path)
  if (schema.anyOf !== undefined) return schema.anyOf.some((s) => validate(s, value, defs, path).length === 0) ? [] : [path]
  if (schema.enum !== undefined && !schema.enum.includes(value)) return [path]
  switch (schema.type) {
    case "string":
      return typeof value === "string" && value.length >= (schema.minLength ?? 0) ? [] : [path]
    case "integer":
    case "number":
      return typeof value === "number" && (schema.type === "number" || Number.isInteger(value)) ? [] : [path]
    case "boolean":
      return typeof value === "boolean" ? [] : [path]
    case "array":
      return Array.isArray(value) ? value.flatMap((v, i) => (schema.items ? validate(schema.items, v, defs, `${path}[${i}]`) : [])) : [path]
    case "object": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return [path]
      const record = value as Record<string, unknown>
      const missing = (schema.required ?? []).filter((k) => !(k in record)).map((k) => `${path}.${k}`)
      const props = Object.entries(schema.properties ?? {}).flatMap(([k, s]) => (k in record ? validate(s, record[k], defs, `${path}.${k}`) : []))
      return [...missing, ...props]
    }
    default:
      return []
  }
}

const d = Period.unsafeDate
const rule = Rule.all({ id: "r", ja: "要件", en: "requirements", citation: { source: "S0", section: "郡山市" } }, [
  Rule.age({ id: "age", ja: "就労可能年齢", en: "working age" }, "birth_date", { min: 18, max: 64 }),
  Rule.isTrue({ id: "motivation", ja: "就労意欲", en: "wish to work", soft: true }, "wants_work")
])

describe("Verdict", () => {
  it("ships the JSON Schema generated from the Verdict Schema (schema/jiritsu.trace-1.schema.json)", () => {
    expect(shipped).toEqual(JSON.parse(JSON.stringify(Verdict.jsonSchema())))
    expect(readFileSync(schemaPath, "utf8")).toBe(JSON.stringify(Verdict.jsonSchema(), null, 2) + "\n")
  })

  it("renders a verdict with marks, reasons, citations and overrides", () => {
    const r = Rule.evaluate(rule, {
      asOf: d("2025-06-01"),
      facts: { birth_date: "2010-01-01", wants_work: false },
      overrides: [{ clauseId: "motivation", reason: "面談で確認", actor: "cw-1" }]
    })
    expect(Result.isSuccess(r)).toBe(true)
    if (Result.isFailure(r)) return
    const text = Verdict.render(r.success, "ja")
    expect(text).toContain("判定: 対象外")
    expect(text).toContain("年齢 15 歳は就労可能年齢（18〜64歳）の範囲外です")
    expect(text).toContain("⚑ 就労意欲")
    expect(text).toContain("[S0 郡山市]")
    expect(Verdict.render(r.success, "en")).toContain("Outcome: ineligible")
  })

  it("refuses malformed verdict documents with paths", () => {
    const r = Verdict.decode({ format: "jiritsu.trace/2", outcome: "maybe" })
    expect(Result.isFailure(r) && r.failure.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["format", "outcome"]))
  })
})

describe("Verdict.render, given a stored trace", () => {
  const lbl = (ja: string, en: string) => ({ ja, en })
  const clause = (id: string, depth: number, status: Verdict.ClauseStatus, extra: Partial<Verdict.ClauseTrace> = {}): Verdict.ClauseTrace => ({
    id,
    kind: "compare",
    depth,
    status,
    labels: lbl(`${id}の要件`, `${id} test`),
    expected: lbl(`${id}であること`, `is ${id}`),
    ...extra
  })
  const stored: Verdict.Verdict = {
    format: Verdict.TRACE_FORMAT,
    outcome: "undetermined",
    asOf: d("2013-10-01"),
    ruleId: "root",
    hash: `sha256:${"ab".repeat(32)}`,
    ruleSet: { id: "sample.handoff", version: "2013", effective: { from: d("2013-04-01") } },
    missingFacts: ["ward"],
    nextQuestion: { fact: "ward", clauseId: "ward", labels: lbl("居住区", "ward of residence") },
    reasons: [lbl("居住区が不明です", "the ward is unknown")],
    warnings: [{ code: "past_last_version", message: lbl("最終版の後の日付です", "after the last version") }],
    clauses: [
      clause("root", 0, "unknown", { kind: "all", citation: { source: "S2", section: "3(3)" } }),
      clause("age", 1, "passed", { kind: "age", observed: 35, citation: { source: "S0" } }),
      clause("ward", 1, "unknown", { fact: "ward" }),
      clause("group", 1, "failed", { fact: "target_groups", observed: ["needy_person"], observedText: lbl("対象者区分: 生活困窮者", "target groups: needy person") }),
      clause("motivation", 1, "overridden", { soft: true, override: { reason: "面談で確認", actor: "cw-1" } }),
      clause("waiver", 1, "failed", { kind: "exception" }),
      clause("old", 1, "failed", { observed: true })
    ]
  }

  it("in Japanese: header, warnings, reasons, the next question, then one indented line per clause", () => {
    expect(Verdict.render(stored, "ja").split("\n")).toEqual([
      `判定: 判定保留  (sample.handoff 2013, 2013-10-01, sha256:abababababab…)`,
      "  ! 最終版の後の日付です",
      "  - 居住区が不明です",
      "  次に確認: 居住区 (ward)",
      "  ? rootの要件（rootであること）  [S2 3(3)]",
      "    ✓ ageの要件: 35  [S0]",
      "    ? wardの要件（wardであること）",
      "    ✗ groupの要件 — 対象者区分: 生活困窮者（要件: groupであること）",
      "    ⚑ motivationの要件  (cw-1: 面談で確認)",
      "    · waiverの要件",
      "    ✗ oldの要件: はい（oldであること）"
    ])
    expect(Verdict.render(stored)).toBe(Verdict.render(stored, "ja"))
  })

  it("in English, and a verdict of a bare rule names the rule", () => {
    const bare = { ...stored, outcome: "eligible" as const, ruleSet: undefined, warnings: [], reasons: [], nextQuestion: undefined, clauses: [stored.clauses[3]!] }
    const { ruleSet: _r, nextQuestion: _n, ...withoutOptional } = bare
    expect(Verdict.render(withoutOptional, "en").split("\n")).toEqual([
      `Outcome: eligible  (root, 2013-10-01, sha256:abababababab…)`,
      "    ✗ group test — target groups: needy person (required: is group)"
    ])
    expect(Verdict.render(stored, "en").split("\n").slice(0, 5)).toEqual([
      `Outcome: undetermined  (sample.handoff 2013, 2013-10-01, sha256:abababababab…)`,
      "  ! after the last version",
      "  - the ward is unknown",
      "  Next question: ward of residence (ward)",
      "  ? root test (is root)  [S2 3(3)]"
    ])
    expect([Verdict.whyNot(stored, "en"), Verdict.whyNot(stored)]).toEqual([["the ward is unknown"], ["居住区が不明です"]])
    expect([Verdict.outcomeLabel("eligible", "ja"), Verdict.outcomeLabel("ineligible", "ja"), Verdict.outcomeLabel("undetermined", "en")]).toEqual(["対象", "対象外", "undetermined"])
  })

  it("an exception that applies, and one not yet known, have their own marks", () => {
    const marks = (status: Verdict.ClauseStatus) => Verdict.render({ ...stored, clauses: [clause("x", 0, status, { kind: "exception" })] }).split("\n").at(-1)
    expect([marks("passed"), marks("failed"), marks("unknown"), marks("overridden")]).toEqual(["  → xの要件", "  · xの要件", "  ? xの要件", "  → xの要件"])
  })

  it("decode names every issue in its message, and numbers stay numbers in paths", () => {
    const r = Verdict.decode({ ...JSON.parse(JSON.stringify(stored)), outcome: "maybe", clauses: [{ ...stored.clauses[0], depth: "one" }] })
    expect(Result.isFailure(r) && r.failure.issues.map((i) => i.path)).toEqual([["outcome"], ["clauses", 0, "depth"]])
    expect(Result.isFailure(r) && r.failure.message).toBe(Result.isFailure(r) && r.failure.issues.map((i) => i.message).join("; "))
    expect(Verdict.decode(JSON.parse(JSON.stringify(stored)))).toEqual(Result.succeed(stored))
    expect([Verdict.isDecided(stored), Verdict.isDecided({ ...stored, outcome: "ineligible" })]).toEqual([false, true])
  })
})

describe("properties", () => {
  it("every verdict validates against the shipped JSON Schema and decodes with the Verdict Schema (≥ 10 % of runs for each outcome)", () => {
    const cov = coverage({ eligible: 0.1, ineligible: 0.1, undetermined: 0.1 })
    const defs = (shipped["$defs"] ?? {}) as Record<string, JsonSchema>
    fc.assert(
      fc.property(arbRule, arbFacts, arbAsOf, (r, facts, asOf) => {
        const v = Rule.evaluate(r, { asOf, facts: facts as never })
        cov.run()
        if (Result.isSuccess(v)) cov.hit(v.success.outcome)
        expect(Result.isSuccess(v)).toBe(true)
        if (Result.isFailure(v)) return
        const json = JSON.parse(JSON.stringify(v.success))
        expect(validate(shipped as JsonSchema, json, defs)).toEqual([])
        expect(Result.isSuccess(Verdict.decode(json))).toBe(true)
        expect(Verdict.isDecided(v.success)).toBe(v.success.outcome !== "undetermined")
        expect(Verdict.contentHashOf(json)).toBe(Verdict.contentHashOf(v.success))
      })
    )
    cov.check()
  })

  it("every generated rule validates against Rule.jsonSchema() (the rule-document schema) (≥ 30 % of runs with an overlay or a household clause)", () => {
    const cov = coverage({ rich: 0.3 })
    const ruleSchema = JSON.parse(JSON.stringify(Rule.jsonSchema())) as JsonSchema & { readonly $defs: Record<string, JsonSchema> }
    // The validator is not vacuous: broken documents fail.
    expect(validate(ruleSchema, { kind: "all", id: "x" }, ruleSchema.$defs)).not.toEqual([])
    expect(validate(ruleSchema, { kind: "age", id: "x", labels: { ja: "", en: "" }, fact: 3 }, ruleSchema.$defs)).not.toEqual([])
    fc.assert(
      fc.property(arbRule, (r) => {
        cov.run()
        cov.hit("rich", Rule.clauses(r).some((c) => ["overlay", "count", "aggregate", "exception"].includes(c.kind)))
        expect(validate(ruleSchema, JSON.parse(JSON.stringify(r)), ruleSchema.$defs)).toEqual([])
      })
    )
    cov.check()
  })

  it("a verdict lists exactly one trace entry per clause, in rule order, with parents before children (≥ 30 % of runs with a failed clause, ≥ 20 % ineligible)", () => {
    const cov = coverage({ failed: 0.3, ineligible: 0.2 })
    fc.assert(
      fc.property(arbRule, arbFacts, arbAsOf, (r, facts, asOf) => {
        const v = Rule.evaluate(r, { asOf, facts: facts as never })
        if (Result.isFailure(v)) return
        cov.run()
        cov.hit("failed", v.success.clauses.some((c) => c.status === "failed"))
        cov.hit("ineligible", v.success.outcome === "ineligible")
        expect(v.success.clauses.map((c) => c.id)).toEqual(Rule.clauses(r).map((c) => c.id))
        const seen = new Set<string>()
        for (const c of v.success.clauses) {
          if (c.parent !== undefined) expect(seen.has(c.parent)).toBe(true)
          seen.add(c.id)
          if (c.status === "failed" && c.kind !== "exception") expect(c.whyNot?.ja.length).toBeGreaterThan(0)
        }
        if (v.success.outcome === "ineligible") expect(v.success.reasons.length).toBeGreaterThan(0)
      })
    )
    cov.check()
  })
})
