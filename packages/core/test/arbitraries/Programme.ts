import fc from "fast-check"
import { Case, Programme } from "@jiritsu/core"
import { arbRuleSet } from "./Rule.ts"
import { arbCleanStageGraph } from "./Stage.ts"
import { arbPlan } from "./Target.ts"

const arbLabels = fc.record({ ja: fc.string({ minLength: 1, maxLength: 8 }), en: fc.string({ minLength: 1, maxLength: 8 }) })

export const arbConsentTemplate: fc.Arbitrary<Programme.ConsentTemplate> = fc.record({
  id: fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/),
  purpose: fc.constantFrom("employment-support-referral", "employer-disclosure", "consultation-intake"),
  labels: arbLabels,
  recipients: fc.array(fc.record({ class: fc.constantFrom("hello-work", "prospective-employer", "welfare-office") }), { minLength: 1, maxLength: 2 }),
  dataCategories: fc.array(fc.record({ code: fc.constantFrom("identity", "health", "employment-history"), sensitive: fc.boolean() }), { minLength: 1, maxLength: 3 }),
  actions: fc.array(fc.constantFrom("disclose", "share", "use"), { minLength: 1, maxLength: 2 }),
  notice: arbLabels,
  citation: fc.record({ source: fc.constantFrom("S2", "P5", "生活困窮者自立支援法 第9条") })
}) as fc.Arbitrary<Programme.ConsentTemplate>

/** Well-formed programmes built from the other modules' generators. */
export const arbProgramme: fc.Arbitrary<Programme.Programme> = fc.record({
  id: fc.stringMatching(/^[a-z]+\.[a-z_]{1,12}$/),
  labels: arbLabels,
  kind: fc.constantFrom("national" as const, "municipal" as const),
  names: fc.constant([]),
  ruleSet: arbRuleSet,
  stageGraph: arbCleanStageGraph,
  referrals: fc.uniqueArray(fc.constantFrom(...Case.Destination.literals), { maxLength: 4 }),
  consent: fc.array(arbConsentTemplate, { maxLength: 2 }),
  targetPlans: fc.array(arbPlan, { maxLength: 1 }),
  citations: fc.array(fc.record({ source: fc.constantFrom("S0", "S1", "P7") }), { maxLength: 2 })
})

type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [k: string]: Json }

/** Every path to a leaf (string, number or boolean) of a JSON value. */
export const leafPaths = (value: Json, prefix: ReadonlyArray<string | number> = []): ReadonlyArray<ReadonlyArray<string | number>> => {
  if (Array.isArray(value)) return value.flatMap((v, i) => leafPaths(v as Json, [...prefix, i]))
  if (value !== null && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => leafPaths(v as Json, [...prefix, k]))
  return [prefix]
}

/** Replaces the value at `path` (a deep copy is returned). */
export const setAt = (value: unknown, path: ReadonlyArray<string | number>, replacement: unknown): unknown => {
  if (path.length === 0) return replacement
  const [head, ...rest] = path
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? setAt(v, rest, replacement) : v))
  const record = value as Record<string, unknown>
  return { ...record, [head!]: setAt(record[head!], rest, replacement) }
}

/** A programme document with one leaf replaced by a value of a wrong type, and that leaf's path. */
export const arbCorruptedProgramme: fc.Arbitrary<{ readonly doc: unknown; readonly path: ReadonlyArray<string | number> }> = arbProgramme.chain((p) => {
  const json = JSON.parse(JSON.stringify(p)) as Json
  const paths = leafPaths(json)
  return fc.tuple(fc.constantFrom(...paths), fc.constantFrom<unknown>({ wrong: true }, [[1, 2]], { nested: [] })).map(([path, bad]) => ({
    doc: setAt(json, path, bad),
    path
  }))
})
