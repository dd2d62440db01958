// A rule's first persons run through closures; once it has traced more than GENERATE_AFTER persons
// (per rule and date), through generated code. Both must give the same verdicts, byte for byte.
import fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Rule } from "@jiritsu/core"
import { GENERATE_AFTER, tierOf } from "../src/internal/ruleTrace.ts"
import { arbAsOf, arbFacts, arbRule } from "./arbitraries.ts"

/** The same rule as a new object: it has its own compiled code, cache and tier. */
const copy = (rule: Rule.Rule): Rule.Rule => JSON.parse(JSON.stringify(rule)) as Rule.Rule

describe("Rule: closures and generated trace code", () => {
  it("a warmed-up rule (generated code) gives the verdicts of a fresh one (closures), per call and in batches", () => {
    fc.assert(
      fc.property(arbRule, fc.array(arbFacts, { minLength: 1, maxLength: 8 }), arbAsOf, (rule, people, asOf) => {
        const fresh = copy(rule)
        const warm = copy(rule)
        // Past the threshold: the warm copy's later calls run generated code.
        Rule.evaluateMany(warm, Array.from({ length: GENERATE_AFTER + 1 }, () => ({})), { asOf, trace: true })
        const batch = Rule.evaluateMany(warm, people, { asOf, trace: true })
        expect(tierOf(warm, asOf)).toBe("generated")
        people.forEach((facts, i) => {
          const expected = JSON.stringify(Result.getOrThrow(Rule.evaluate(fresh, { asOf, facts }, { text: "eager" })))
          expect(JSON.stringify(Result.getOrThrow(Rule.evaluate(warm, { asOf, facts })))).toBe(expected)
          expect(JSON.stringify(batch.verdict(i))).toBe(expected)
        })
        expect(tierOf(fresh, asOf)).toBe("closures")
      }),
      { numRuns: 300 }
    )
  })
})
