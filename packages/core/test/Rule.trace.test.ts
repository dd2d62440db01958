// Trace mode (判定の経過): which code traces a rule, how staff overrides (職員判断) enter the
// trace, and which facts an undetermined verdict (判定保留) still asks for — overlays' exceptions
// (例外) and household members (世帯員), worked through by hand.
//
// Every test builds its own rule: compiled code, tiers and overrides are cached per rule object,
// and a cached rule would skip the code under test.
import { Result } from "effect"
import { describe, expect, it, vi } from "vitest"
import { Period, Rule, type Verdict } from "@jiritsu/core"
import { recordsTrace } from "../src/internal/ruleCodegen.ts"
import { F, T, U } from "../src/internal/ruleCompile.ts"
import { GENERATE_AFTER, restOfOverlay, tierOf } from "../src/internal/ruleTrace.ts"

// Counts the calls that generate trace code, passing them through to the real generator.
vi.mock("../src/internal/ruleCodegen.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../src/internal/ruleCodegen.ts")>()
  return { ...actual, recordsTrace: vi.fn(actual.recordsTrace) }
})

const AS_OF = Period.unsafeDate("2025-06-01")
const m = (id: string, extra: Partial<Rule.Meta> = {}): Rule.Meta => ({ id, ja: id, en: id, ...extra })
const soft = (id: string): Rule.Meta => m(id, { soft: true })
const override = (clauseId: string): Verdict.Override => ({ clauseId, reason: "面談で確認 (confirmed at interview)", actor: "caseworker-07" })

const evaluate = (rule: Rule.Rule, facts: Record<string, unknown>, overrides: ReadonlyArray<Verdict.Override> = [], asOf: Period.LocalDate = AS_OF): Verdict.Verdict =>
  Result.getOrThrow(Rule.evaluate(rule, { asOf, facts, overrides }))

const missing = (rule: Rule.Rule, facts: Record<string, unknown>, overrides: ReadonlyArray<Verdict.Override> = []): ReadonlyArray<string> =>
  evaluate(rule, facts, overrides).missingFacts

/** How many times trace code was generated for this rule object. */
const generations = (rule: Rule.Rule): number => vi.mocked(recordsTrace).mock.calls.filter(([r]) => r === rule).length

describe("Rule trace: closures first, generated code once the rule is in use (GENERATE_AFTER persons per rule and date)", () => {
  it("a rule never traced has no tier; its first GENERATE_AFTER persons run through closures, the next one through generated code, generated once", () => {
    const rule = Rule.all(m("r"), [Rule.isTrue(m("able"), "able"), Rule.exists(m("consent"), "consent_id")])
    expect(tierOf(rule, AS_OF)).toBe("none")
    for (let i = 0; i < GENERATE_AFTER; i++) evaluate(rule, { able: true })
    expect(tierOf(rule, AS_OF)).toBe("closures")
    expect(generations(rule)).toBe(0)
    expect(evaluate(rule, { able: true, consent_id: "c-1" }).outcome).toBe("eligible")
    expect(tierOf(rule, AS_OF)).toBe("generated")
    expect(generations(rule)).toBe(1)
    expect(evaluate(rule, { able: false }).outcome).toBe("ineligible")
    expect(generations(rule)).toBe(1)
  })

  it("persons add up across batches and single evaluations: a batch of GENERATE_AFTER stays on closures, one more person switches", () => {
    const rule = Rule.isTrue(m("able"), "able")
    Rule.evaluateMany(rule, Array.from({ length: GENERATE_AFTER }, () => ({ able: true })), { asOf: AS_OF, trace: true })
    expect([tierOf(rule, AS_OF), generations(rule)]).toEqual(["closures", 0])
    evaluate(rule, { able: true })
    expect([tierOf(rule, AS_OF), generations(rule)]).toEqual(["generated", 1])
  })

  it("each date has its own tier: warming one date leaves another on closures", () => {
    const rule = Rule.isTrue(m("able"), "able")
    const other = Period.addDays(AS_OF, 1)
    for (let i = 0; i <= GENERATE_AFTER; i++) evaluate(rule, {})
    evaluate(rule, {}, [], other)
    expect([tierOf(rule, AS_OF), tierOf(rule, other)]).toEqual(["generated", "closures"])
  })

  it("a rule's tier table holds 256 dates: the 257th date starts it afresh, and a warmed date goes back to none", () => {
    const rule = Rule.isTrue(m("able"), "able")
    for (let i = 0; i <= GENERATE_AFTER; i++) evaluate(rule, {})
    for (let day = 1; day < 256; day++) evaluate(rule, {}, [], Period.addDays(AS_OF, day))
    // 256 dates: the first is still known.
    expect(tierOf(rule, AS_OF)).toBe("generated")
    expect(tierOf(rule, Period.addDays(AS_OF, 255))).toBe("closures")
    evaluate(rule, {}, [], Period.addDays(AS_OF, 256))
    expect([tierOf(rule, AS_OF), tierOf(rule, Period.addDays(AS_OF, 255)), tierOf(rule, Period.addDays(AS_OF, 256))]).toEqual(["none", "none", "closures"])
  })
})

describe("Rule trace: staff overrides (職員判断) of soft clauses", () => {
  it("each set of overrides is traced with its own code: overriding one soft clause, then another, gives each its own outcome", () => {
    const rule = Rule.all(m("r"), [Rule.isTrue(soft("a"), "a"), Rule.isTrue(soft("b"), "b")])
    const facts = { a: false, b: true }
    expect(evaluate(rule, facts, [override("a")]).outcome).toBe("eligible")
    expect(evaluate(rule, facts, [override("b")]).outcome).toBe("ineligible")
    expect(evaluate(rule, facts).outcome).toBe("ineligible")
    expect(evaluate(rule, facts, [override("a")]).outcome).toBe("eligible")
  })

  it("override sets are told apart by clause ids, not by their letters run together ({a, bc} is not {ab, c})", () => {
    const rule = Rule.all(m("r"), [Rule.isTrue(soft("a"), "a"), Rule.isTrue(soft("bc"), "bc"), Rule.isTrue(soft("ab"), "ab"), Rule.isTrue(soft("c"), "c")])
    const facts = { a: false, bc: false, ab: true, c: true }
    expect(evaluate(rule, facts, [override("a"), override("bc")]).outcome).toBe("eligible")
    expect(evaluate(rule, facts, [override("ab"), override("c")]).outcome).toBe("ineligible")
  })

  it("an overridden soft clause counts as passed: its own fact is no longer asked for, the hard clause beside it still is", () => {
    const rule = Rule.all(m("r"), [Rule.exists(soft("wish"), "wants_work"), Rule.exists(m("consent"), "consent_id")])
    expect(missing(rule, {})).toEqual(["wants_work", "consent_id"])
    const v = evaluate(rule, {}, [override("wish")])
    expect(v.outcome).toBe("undetermined")
    expect(v.missingFacts).toEqual(["consent_id"])
    expect(v.nextQuestion?.fact).toBe("consent_id")
  })

  it("a hard clause is never passed by an override, even one that shares the overridden soft clause's id (a DuplicateClauseId error, but evaluation still answers)", () => {
    const rule = Rule.all(m("r"), [Rule.exists(soft("x"), "a"), Rule.exists(m("x"), "b")])
    const v = evaluate(rule, {}, [override("x")])
    expect(v.outcome).toBe("undetermined")
    expect(v.missingFacts).toEqual(["b"])
  })
})

describe("Rule trace: facts read as own properties", () => {
  it("a fact named like an Object.prototype member is unknown until given, and is asked for", () => {
    const rule = Rule.all(m("r"), [Rule.exists(m("t"), "toString"), Rule.eq(m("c"), "constructor", 1)])
    expect(missing(rule, {})).toEqual(["toString", "constructor"])
  })
})

// An overlay's exceptions are consulted in order (higher priority first); each `when` here reads
// its own fact, unknown when the fact is absent.
const when = (fact: string) => Rule.isTrue(m(`${fact}?`), fact)
const overlay = (base: Rule.Rule, exceptions: ReadonlyArray<readonly ["include" | "exclude", string]>): Rule.Rule =>
  Rule.overlay(
    m("o"),
    base,
    exceptions.map(([effect, fact], k) => Rule.exception(m(`e_${fact}`), { priority: exceptions.length - k, effect, when: when(fact) }))
  )
const PASSES = Rule.all(m("base_passes"), [])
const FAILS = Rule.any(m("base_fails"), [])

describe("Rule trace: the exceptions an undetermined overlay asks about (上乗せ・横出し)", () => {
  it("restOfOverlay resolves from each exception on, index 0 being the whole overlay and the last the base: applies decides, does not apply skips, unknown stays unknown unless the rest gives its effect", () => {
    // exclude U, include U, include T, exclude F over a failing base.
    const rest = restOfOverlay([{ when: U, effect: F }, { when: U, effect: T }, { when: T, effect: T }, { when: F, effect: F }], F)
    expect(rest).toEqual([U, T, T, F, F])
    expect(restOfOverlay([], T)).toEqual([T])
  })

  it("an unknown exception whose effect the rest of the overlay gives anyway is not asked about (later includes over a passing base)", () => {
    // exclude x?, then include y?, include z? over a passing base: y and z can only confirm the pass.
    const rule = overlay(PASSES, [["exclude", "x"], ["include", "y"], ["include", "z"]])
    const v = evaluate(rule, {})
    expect(v.outcome).toBe("undetermined")
    expect(v.missingFacts).toEqual(["x"])
  })

  it("an unknown exception is asked about while a later unknown exception could still turn the result the other way", () => {
    // include x? above exclude y? over a passing base: x matters (y could exclude), and y matters.
    expect(missing(overlay(PASSES, [["include", "x"], ["exclude", "y"]]), {})).toEqual(["x", "y"])
  })

  it("an exception that applies ends the walk: neither exceptions below it nor the base are asked about, and one that can only agree with it is skipped", () => {
    // exclude x?, include y?, include z (applies) over a failing base: only x can still decide.
    const rule = overlay(FAILS, [["exclude", "x"], ["include", "y"], ["include", "z"]])
    expect(missing(rule, { z: true })).toEqual(["x"])
    // The same with an unknown base below an applying exception: the base is not asked about.
    const unknownBase = overlay(Rule.exists(m("base"), "b"), [["exclude", "x"], ["include", "z"]])
    expect(missing(unknownBase, { z: true })).toEqual(["x"])
  })

  it("an exception that does not apply is skipped: the rest is read past it", () => {
    // exclude w?, include x?, exclude y (does not apply) over a passing base: x can only confirm the pass.
    const rule = overlay(PASSES, [["exclude", "w"], ["include", "x"], ["exclude", "y"]])
    const v = evaluate(rule, { y: false })
    expect(v.outcome).toBe("undetermined")
    expect(v.missingFacts).toEqual(["w"])
  })
})

// Household aggregates (世帯の集計) over members whose inclusion reads `adult` (成人).
const hh = (fn: Rule.AggregateFn, op: Rule.CompareOp, value: number): Rule.Rule =>
  Rule.aggregate(m(`income_${fn}`), "hh", { fn, field: "inc", where: Rule.isTrue(m("adult"), "adult"), op, value })
const sure = (inc?: number) => (inc === undefined ? { adult: true } : { adult: true, inc })
const maybe = (inc?: number) => (inc === undefined ? {} : { inc })
const zeros = (n: number) => Array.from({ length: n }, () => maybe(0))

describe("Rule trace: the household members an undetermined aggregate asks about (世帯員)", () => {
  it("every included value known, up to 12 undecided members: only a member whose inclusion can change the outcome is asked about (5 + 5 reach 10, a 1 never decides)", () => {
    const total = hh("sum", "gte", 10)
    expect(missing(total, { hh: [maybe(5), maybe(5), maybe(1), ...zeros(9)] })).toEqual(["hh[0].adult", "hh[1].adult"])
    // A surely-included member is no undecided one: twelve undecided members beside a sure one are still gone through.
    expect(missing(total, { hh: [sure(5), maybe(5), maybe(1), ...zeros(10)] })).toEqual(["hh[1].adult"])
  })

  it("a member that is surely excluded counts for nothing, even with its value unknown: it is not asked about and does not stop going through the others", () => {
    const total = hh("sum", "gte", 10)
    expect(missing(total, { hh: [{ adult: false }, maybe(5), maybe(5), maybe(1)] })).toEqual(["hh[1].adult", "hh[2].adult"])
  })

  it("more than 12 undecided members: every member that can change the total is asked about (a zero never is)", () => {
    const total = hh("sum", "gte", 10)
    expect(missing(total, { hh: [maybe(5), maybe(5), maybe(1), ...zeros(10)] })).toEqual(["hh[0].adult", "hh[1].adult", "hh[2].adult"])
    expect(missing(total, { hh: [sure(5), maybe(5), maybe(1), ...zeros(11)] })).toEqual(["hh[1].adult", "hh[2].adult"])
  })

  it("an included member's value unknown, in a total: its value is asked for, and every undecided member but a zero", () => {
    expect(missing(hh("sum", "lte", 10), { hh: [sure(), maybe(0), maybe(3), maybe()] })).toEqual(["hh[0].inc", "hh[2].adult", "hh[3].adult", "hh[3].inc"])
  })

  it("an included member's value unknown, in a maximum: an undecided member is asked about only above the largest surely-included value (or with its value unknown)", () => {
    // Surely included: 8, 4 and one unknown; undecided: 8 (a tie), 6 (below), unknown, 9 (above).
    const members = [sure(8), sure(4), sure(), maybe(8), maybe(6), maybe(), maybe(9)]
    expect(missing(hh("max", "gte", 10), { hh: members })).toEqual(["hh[2].inc", "hh[5].adult", "hh[5].inc", "hh[6].adult"])
  })

  it("an included member's value unknown, in a minimum: an undecided member is asked about only below the smallest surely-included value (or with its value unknown)", () => {
    // Surely included: 2, 6 and one unknown; undecided: 2 (a tie), 5 (above), unknown, 1 (below).
    const members = [sure(2), sure(6), sure(), maybe(2), maybe(5), maybe(), maybe(1)]
    expect(missing(hh("min", "lte", 1), { hh: members })).toEqual(["hh[2].inc", "hh[5].adult", "hh[5].inc", "hh[6].adult"])
  })

  it("nobody surely included with a known value: every undecided member of a maximum is asked about", () => {
    expect(missing(hh("max", "gte", 10), { hh: [sure(), maybe(3), maybe(12)] })).toEqual(["hh[0].inc", "hh[1].adult", "hh[2].adult"])
  })
})
