// A rule's first persons run through closures; once it has traced more than GENERATE_AFTER persons
// (per rule and date), through generated code. Both must give the same verdicts, byte for byte.
import fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Rule } from "@jiritsu/core"
import { GENERATE_AFTER, tierOf } from "../src/internal/ruleTrace.ts"
import { ALL_FACTS, arbAsOf, arbFacts, arbLeaf, arbRule, withIds } from "./arbitraries.ts"
import { coverage, runs } from "./coverage.ts"

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
      { numRuns: runs(300) }
    )
  })
})

describe("Rule: outcome code", () => {
  // An any of several intersects clauses over the same list (one clause per target group) is
  // generated as one pass over the union of their values.
  const arbGroupsAny = fc
    .tuple(fc.array(fc.subarray(["p", "q", "r"]), { minLength: 2, maxLength: 4 }), fc.array(arbLeaf, { maxLength: 2 }), fc.boolean())
    .map(([groups, others, nested]) => {
      const any = Rule.any({ id: "_", ja: "対象者区分", en: "groups" }, [...groups.map((vs) => Rule.intersects({ id: "_", ja: "区分", en: "group" }, "groups", vs)), ...others])
      return withIds(nested ? Rule.all({ id: "_", ja: "要件", en: "requirements" }, [any, Rule.exists({ id: "_", ja: "x", en: "x" }, "n1")]) : any)
    })

  it("an any of intersects over one list answers as the trace (records, columns, compile; ≥ 30 % of runs decided by a later group)", () => {
    const cov = coverage({ laterGroup: 0.3 })
    fc.assert(
      fc.property(arbGroupsAny, fc.array(arbFacts, { minLength: 1, maxLength: 6 }), arbAsOf, (rule, people, asOf) => {
        cov.run()
        const expected = people.map((facts) => Result.getOrThrow(Rule.evaluate(rule, { asOf, facts })))
        // A person whose groups meet only a clause after the first: the union matters.
        const first = Rule.clauses(rule).find((c) => c.kind === "intersects")!
        cov.hit("laterGroup", expected.some((v) => v.clauses.find((c) => c.id === first.id)!.status === "failed" && v.outcome !== "ineligible"))
        const outcomes = expected.map((v) => v.outcome)
        expect(Rule.evaluateMany(rule, people, { asOf })).toEqual(outcomes)
        const columns = Object.fromEntries(ALL_FACTS.map((f) => [f, people.map((p) => p[f])]))
        expect(Rule.evaluateMany(rule, { columns, length: people.length }, { asOf })).toEqual(outcomes)
        expect(people.map(Rule.compile(rule, asOf))).toEqual(outcomes)
      }),
      { numRuns: runs(500) }
    )
    cov.check()
  })
})
