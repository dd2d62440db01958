import Ajv2020 from "ajv/dist/2020.js"
import { Result } from "effect"
import fc from "fast-check"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import * as Dates from "../src/Dates.ts"
import * as Mapping from "../src/Mapping.ts"
import { mapping } from "./helpers.ts"

const schemaFile = join(import.meta.dirname, "..", "schema", "jiritsu.mapping-1.schema.json")

describe("Mapping", () => {
  it("the checked-in JSON Schema is the one generated from the Schema", () => {
    expect(JSON.parse(readFileSync(schemaFile, "utf8"))).toEqual(Mapping.jsonSchema())
  })

  it("unknown keys are errors naming the nearest known key", () => {
    const r = Mapping.decode({ ...mapping, encodng: "auto", fields: { ...mapping.fields, personRef: { colum: "宛名番号" } } })
    expect(Result.isFailure(r)).toBe(true)
    const problems = Result.isFailure(r) ? r.failure.problems : []
    expect(problems).toContainEqual(expect.objectContaining({ path: ["encodng"], message: expect.stringContaining('did you mean "encoding"') }))
    expect(problems).toContainEqual(expect.objectContaining({ path: ["fields", "personRef", "colum"], message: expect.stringContaining('did you mean "column"') }))
  })

  it("JSON syntax errors are problems too", () => {
    expect(Result.isFailure(Mapping.parse("{ nope"))).toBe(true)
  })

  describe("properties", () => {
    const ajv = new Ajv2020.default({ strict: false, allErrors: true })
    const validate = ajv.compile(Mapping.jsonSchema())
    const base = JSON.parse(JSON.stringify(mapping)) as Record<string, unknown>
    // Mutations that keep or break validity, at the top level and inside fields.
    const mutation = fc.oneof(
      fc.constant((d: Record<string, unknown>) => d),
      fc.string({ maxLength: 8 }).map((k) => (d: Record<string, unknown>) => ({ ...d, [k]: 1 })),
      fc.constantFrom("format", "source", "fields", "encoding").map((k) => (d: Record<string, unknown>) => {
        const { [k]: _, ...rest } = d
        return rest
      }),
      fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom("a-b", "UPPER", "seikatsu.hogo", "")).map((s) => (d: Record<string, unknown>) => ({ ...d, source: s })),
      fc.constantFrom("auto", "utf-8", "shift_jis", "cp932", "UTF-8").map((e) => (d: Record<string, unknown>) => ({ ...d, encoding: e })),
      fc.integer({ min: 0, max: 100_000_000 }).map((n) => (d: Record<string, unknown>) => ({ ...d, maxRecordBytes: n })),
      fc.constantFrom(...Dates.allFormats, "japanese", "").map((f) => (d: Record<string, unknown>) => ({ ...d, fields: { ...(d["fields"] as object), birthDate: { column: "生年月日", formats: [f] } } })),
      fc.constantFrom({ constant: "public_assistance" }, { constant: "welfare" }, { column: "制度", values: { a: "housing_benefit" } }, { column: "制度", constant: "public_assistance" }, { column: "制度" }).map((b) => (d: Record<string, unknown>) => ({ ...d, fields: { ...(d["fields"] as object), benefit: b } })),
      fc.constantFrom({ column: "x" }, { column: ["a", "b"] }, { column: [] }, { column: "" }, { column: "x", normalize: "NFC" }, { column: "x", maxLength: 0 }, { colum: "x" }).map((t) => (d: Record<string, unknown>) => ({ ...d, fields: { ...(d["fields"] as object), nameKana: t } })),
      fc.constantFrom({ memo: { column: "備考" } }, { "9bad": { column: "x" } }, { memo: { column: "備考", values: {} } }).map((e) => (d: Record<string, unknown>) => ({ ...d, extra: e }))
    )

    it("the JSON Schema and the decoder accept exactly the same documents", () => {
      let accepted = 0
      let rejected = 0
      fc.assert(
        fc.property(fc.array(mutation, { maxLength: 3 }), (ms) => {
          const doc = ms.reduce((d, m) => m(d), base)
          const ours = Result.isSuccess(Mapping.decode(doc))
          const theirs = validate(doc) === true
          if (ours) accepted++
          else rejected++
          expect(theirs, JSON.stringify(doc)).toBe(ours)
        })
      )
      expect(accepted).toBeGreaterThan(50)
      expect(rejected).toBeGreaterThan(50)
    })
  })
})
