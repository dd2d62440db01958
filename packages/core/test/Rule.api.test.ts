// The public API of Rule (判定ルール) beyond the laws: the documents builders write, static checks
// (静的検査) clause by clause, overrides, text modes, trace buffers, Mermaid colours, generated
// population code (its constants, fact reads and early exits) and the closure fallback where the
// platform refuses `new Function` (a strict CSP).
//
// Every rule is built inside its test: compiled code is cached per rule object, so a rule shared
// between tests would run its compiled code only in the first.
import fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it, vi } from "vitest"
import { Period, Rule, type Verdict } from "@jiritsu/core"
import { coverage } from "./coverage.ts"

const AS_OF = Period.unsafeDate("2025-06-01")
const m = (id: string, extra: Partial<Rule.Meta> = {}): Rule.Meta => ({ id, ja: id, en: id, ...extra })
const labels = (id: string) => ({ ja: id, en: id })

const verdictOf = (rule: Rule.Rule, facts: object, overrides: ReadonlyArray<Verdict.Override> = []): Verdict.Verdict =>
  Result.getOrThrow(Rule.evaluate(rule, { asOf: AS_OF, facts, overrides }))
const outcomesOf = (rule: Rule.Rule, people: ReadonlyArray<object>, asOf: Period.LocalDate = AS_OF): ReadonlyArray<Verdict.Outcome> =>
  people.map((facts) => Result.getOrThrow(Rule.evaluate(rule, { asOf, facts })).outcome)
const tagsOf = (rule: Rule.Rule): ReadonlyArray<string> => Rule.check(rule).map((f) => f._tag)
const contradictions = (rule: Rule.Rule) => Rule.check(rule).filter((f) => f._tag === "ContradictoryClauses")
const constants = (rule: Rule.Rule) => Rule.check(rule).flatMap((f) => (f._tag === "ConstantClause" ? [[f.clauseId, f.value] as const] : []))
/** The same rule as a new object (NaN and ±Infinity kept): its own compiled code and caches. */
const fresh = (rule: Rule.Rule): Rule.Rule => structuredClone(rule)
/** A population as columns over the given facts. */
const columnsOf = (people: ReadonlyArray<Record<string, unknown>>, facts: ReadonlyArray<string>) => ({
  columns: Object.fromEntries(facts.map((f) => [f, people.map((p) => p[f])])),
  length: people.length
})

// ---------------------------------------------------------------------------------------------
// Builders: the documents they write
// ---------------------------------------------------------------------------------------------

describe("Rule builders write the rule document, with optional keys only when given", () => {
  it("a clause carries its citation (出典), why-not template and soft flag (おおむね) only when given", () => {
    const citation = { source: "社援発0516第18号", section: "第2" }
    const whyNot = { ja: "{label}に該当しません", en: "not {label}" }
    expect(Rule.isTrue(m("able"), "able_to_work")).toStrictEqual({ kind: "compare", id: "able", labels: labels("able"), fact: "able_to_work", op: "eq", value: true })
    expect(Rule.isTrue(m("able", { citation, whyNot, soft: true }), "able_to_work")).toStrictEqual({
      kind: "compare",
      id: "able",
      labels: labels("able"),
      citation,
      whyNot,
      soft: true,
      fact: "able_to_work",
      op: "eq",
      value: true
    })
  })

  it("an exception (例外規定) carries its citation and why-not template only when given, and priority 0 by default", () => {
    const when = Rule.isTrue(m("care_leaver"), "care_leaver")
    const citation = { source: "市要綱" }
    const whyNot = { ja: "除外", en: "excluded" }
    expect(Rule.include(m("add"), when)).toStrictEqual({ kind: "exception", id: "add", labels: labels("add"), priority: 0, effect: "include", when })
    expect(Rule.exclude({ id: "cut", ja: "cut", en: "cut", citation, whyNot }, when, 2)).toStrictEqual({
      kind: "exception",
      id: "cut",
      labels: labels("cut"),
      citation,
      whyNot,
      priority: 2,
      effect: "exclude",
      when
    })
  })

  it("age (年齢), date windows and the evaluation-date window keep only the bounds given", () => {
    const d = Period.unsafeDate
    expect(Rule.age(m("a"), "birth", { min: 18 })).toStrictEqual({ kind: "age", id: "a", labels: labels("a"), fact: "birth", min: 18 })
    expect(Rule.age(m("a"), "birth", { max: 64 })).toStrictEqual({ kind: "age", id: "a", labels: labels("a"), fact: "birth", max: 64 })
    expect(Rule.dateOnOrAfter(m("w"), "on", d("2013-04-01"))).toStrictEqual({ kind: "dateIn", id: "w", labels: labels("w"), fact: "on", from: "2013-04-01" })
    expect(Rule.dateBefore(m("w"), "on", d("2014-04-01"))).toStrictEqual({ kind: "dateIn", id: "w", labels: labels("w"), fact: "on", until: "2014-04-01" })
    expect(Rule.asOfIn(m("p"), { from: d("2013-04-01") })).toStrictEqual({ kind: "asOfIn", id: "p", labels: labels("p"), from: "2013-04-01" })
    expect(Rule.asOfIn(m("p"), { until: d("2014-04-01") })).toStrictEqual({ kind: "asOfIn", id: "p", labels: labels("p"), until: "2014-04-01" })
  })

  it("household count and aggregate (世帯) clauses keep `where` only when given", () => {
    expect(Rule.count(m("k"), "household", { op: "gte", value: 1 })).toStrictEqual({ kind: "count", id: "k", labels: labels("k"), fact: "household", op: "gte", value: 1 })
    expect(Rule.aggregate(m("s"), "household", { fn: "sum", field: "income", op: "lte", value: 100 })).toStrictEqual({
      kind: "aggregate",
      id: "s",
      labels: labels("s"),
      fact: "household",
      fn: "sum",
      field: "income",
      op: "lte",
      value: 100
    })
  })

  it("unless is an overlay with that one exception; withExceptions appends to an overlay of the same id and wraps anything else", () => {
    const base = Rule.isTrue(m("able"), "able_to_work")
    const students = Rule.exclude(m("students"), Rule.isTrue(m("student"), "student"))
    const youth = Rule.include(m("youth"), Rule.isTrue(m("young"), "young"), 1)
    expect(Rule.unless(m("city"), base, students)).toStrictEqual({ kind: "overlay", id: "city", labels: labels("city"), base, exceptions: [students] })
    const city = Rule.overlay(m("city"), base, [students])
    expect(Rule.withExceptions(m("city"), city, [youth])).toStrictEqual({ ...city, exceptions: [students, youth] })
    // Another overlay (another id) is not extended but becomes the base of a new one.
    expect(Rule.withExceptions(m("ward"), city, [youth])).toStrictEqual({ kind: "overlay", id: "ward", labels: labels("ward"), base: city, exceptions: [youth] })
    // A clause that is not an overlay is wrapped even when its id is the overlay's.
    const sameId = Rule.isTrue(m("city"), "able_to_work")
    expect(Rule.withExceptions(m("city"), sameId, [youth])).toStrictEqual({ kind: "overlay", id: "city", labels: labels("city"), base: sameId, exceptions: [youth] })
  })
})

// ---------------------------------------------------------------------------------------------
// Static checks (静的検査)
// ---------------------------------------------------------------------------------------------

describe("Rule.check: contradictions (両立しない条項) are reported only when no value can pass both clauses", () => {
  const contradicts = (a: Rule.Rule, b: Rule.Rule): boolean => contradictions(Rule.all(m("r"), [a, b])).length > 0

  it("given ≠ (neq), no bound is implied: x = 5 and x ≠ 3 are compatible", () => {
    expect(contradicts(Rule.eq(m("a"), "x", 5), Rule.neq(m("b"), "x", 3))).toBe(false)
    expect(contradicts(Rule.gt(m("a"), "x", 5), Rule.neq(m("b"), "x", 3))).toBe(false)
  })

  it("given an inclusive bound, a value beyond it contradicts and the bound itself does not; an exclusive bound admits the values inside", () => {
    expect(contradicts(Rule.eq(m("a"), "x", 5), Rule.gte(m("b"), "x", 18))).toBe(true)
    expect(contradicts(Rule.eq(m("a"), "x", 30), Rule.lte(m("b"), "x", 18))).toBe(true)
    expect(contradicts(Rule.eq(m("a"), "x", 18), Rule.lte(m("b"), "x", 18))).toBe(false)
    expect(contradicts(Rule.eq(m("a"), "x", 3), Rule.lt(m("b"), "x", 18))).toBe(false)
  })

  it("given a bound and then a list, the list contradicts only when none of its values is within the bound", () => {
    expect(contradicts(Rule.gt(m("a"), "x", 2), Rule.isIn(m("b"), "x", [1, 3]))).toBe(false)
    expect(contradicts(Rule.gt(m("a"), "x", 2), Rule.isIn(m("b"), "x", [1, 2]))).toBe(true)
  })

  it("given between (範囲) and a comparison on one fact, they are compared as values", () => {
    expect(contradicts(Rule.between(m("a"), "x", 1, 5), Rule.gt(m("b"), "x", 10))).toBe(true)
    expect(contradicts(Rule.between(m("a"), "x", 1, 5), Rule.gt(m("b"), "x", 4))).toBe(false)
  })

  it("given ages with one bound each, an upper bound alone implies no lower one", () => {
    expect(contradicts(Rule.age(m("a"), "birth", { max: 17 }), Rule.age(m("b"), "birth", { max: 30 }))).toBe(false)
    expect(contradicts(Rule.age(m("a"), "birth", { min: 18 }), Rule.age(m("b"), "birth", { min: 30 }))).toBe(false)
    expect(contradicts(Rule.age(m("a"), "birth", { max: 17 }), Rule.age(m("b"), "birth", { min: 18 }))).toBe(true)
  })

  // Value clauses on one fact over small pools, so that bounds meet, touch and miss, lists overlap
  // and types differ. The oracle tries values that witness every non-empty intersection of such
  // clauses: each constant, a half above and below each number, the next string above each string
  // (s + "\u0000"), "", both booleans and null (a known-absent fact).
  const pool = [0, 1, 2, "a", "ab", "b", false, true] as const
  const arbValue = fc.constantFrom(...pool)
  const arbValueClause = (id: string): fc.Arbitrary<Rule.Rule> =>
    fc.oneof(
      fc.tuple(fc.constantFrom("eq", "neq", "gt", "gte", "lt", "lte"), arbValue).map(([op, v]) => Rule[op](m(id), "x", v)),
      fc.uniqueArray(arbValue, { maxLength: 3 }).map((vs) => Rule.isIn(m(id), "x", vs)),
      fc.oneof(fc.tuple(fc.constantFrom(0, 1, 2), fc.constantFrom(0, 1, 2)), fc.tuple(fc.constantFrom("a", "ab", "b"), fc.constantFrom("a", "ab", "b"))).map(([lo, hi]) => Rule.between(m(id), "x", lo, hi))
    )
  // Pairs around one value: ≠ beside =, a list or a one-point range of it; order on booleans beside
  // a boolean. Random pairs reach these only by chance.
  const arbNearPair: fc.Arbitrary<readonly [Rule.Rule, Rule.Rule]> = fc
    .tuple(arbValue, fc.boolean(), fc.constantFrom("eq", "in", "point", "order"), fc.constantFrom("gt", "gte", "lt", "lte"), fc.boolean())
    .map(([v, flip, other, op, w]) => {
      const first = (id: string) => (other === "order" ? Rule[op](m(id), "x", typeof v === "boolean" ? v : !w) : Rule.neq(m(id), "x", v))
      const second = (id: string) =>
        other === "order"
          ? Rule.eq(m(id), "x", w)
          : other === "in"
          ? Rule.isIn(m(id), "x", w ? [v] : [v, 1])
          : other === "point" && typeof v !== "boolean"
            ? Rule.between(m(id), "x", v, v)
            : Rule.eq(m(id), "x", v)
      return flip ? [second("a"), first("b")] : [first("a"), second("b")]
    })
  const candidates: ReadonlyArray<unknown> = [
    ...pool,
    ...[0, 1, 2].flatMap((n) => [n - 0.5, n + 0.5]),
    ...["a", "ab", "b"].map((s) => `${s}\u0000`),
    "",
    null
  ]

  it("given two value clauses on one fact under an all, a contradiction is reported exactly when no value passes both (booleans and ≠ included)", () => {
    // Shares are of all runs; booleanOrder and notEqual count pairs with such a clause either way, since both directions are the law.
    const cov = coverage({ contradiction: 0.25, compatible: 0.15, booleanOrder: 0.05, notEqual: 0.2, notEqualContradiction: 0.1 })
    fc.assert(
      fc.property(fc.oneof({ arbitrary: fc.tuple(arbValueClause("a"), arbValueClause("b")), weight: 2 }, arbNearPair), ([a, b]) => {
        cov.run()
        const both = Rule.all(m("r"), [a, b])
        const passable = candidates.some((x) => verdictOf(both, { x }).outcome === "eligible")
        const reported = contradictions(both).length > 0
        const clauses = [a, b] as ReadonlyArray<Rule.Rule & { readonly op?: string; readonly value?: unknown }>
        // A clause no value passes is its own finding (EmptyRange, or constant): the pair is not asked about.
        if (clauses.some((c) => candidates.every((x) => verdictOf(c, { x }).outcome !== "eligible"))) return
        cov.hit(passable ? "compatible" : "contradiction")
        cov.hit("booleanOrder", clauses.some((c) => c.op !== undefined && c.op !== "eq" && c.op !== "neq" && typeof c.value === "boolean"))
        cov.hit("notEqual", clauses.some((c) => c.op === "neq"))
        cov.hit("notEqualContradiction", !passable && clauses.some((c) => c.op === "neq"))
        expect(reported, JSON.stringify([a, b])).toBe(!passable)
      }),
      { numRuns: 2000 }
    )
    cov.check()
  })

  it("given an any (または), clauses that cannot hold together are alternatives, not a contradiction", () => {
    expect(tagsOf(Rule.any(m("r"), [Rule.gt(m("a"), "x", 10), Rule.lt(m("b"), "x", 5)]))).toEqual([])
  })
})

describe("Rule.check: constant clauses (常に充足・不充足) and clauses that never matter", () => {
  const yes = (id: string) => Rule.all(m(id), [])
  const no = (id: string) => Rule.any(m(id), [])

  it("an all of clauses that always pass always passes itself", () => {
    expect(constants(Rule.all(m("r"), [yes("y1"), yes("y2")]))).toEqual([
      ["y1", true],
      ["y2", true],
      ["r", true]
    ])
  })

  it("not of a constant is the opposite constant, reported for a nested not too", () => {
    expect(constants(Rule.not(m("r"), no("f")))).toEqual([
      ["f", false],
      ["r", true]
    ])
    const rule = Rule.all(m("r"), [Rule.not(m("n"), no("f")), Rule.isTrue(m("x"), "x")])
    expect(constants(rule)).toEqual([
      ["n", true],
      ["f", false]
    ])
  })

  it("an exception that never applies leaves the overlay's constant base as it is", () => {
    const rule = Rule.overlay(m("o"), yes("base"), [Rule.exclude(m("e"), no("never"))])
    expect(constants(rule)).toEqual([
      ["base", true],
      ["never", false],
      ["o", true]
    ])
  })

  it("the only child of an all decides it, so it is not reported as never mattering", () => {
    expect(Rule.check(Rule.all(m("r"), [yes("y")])).map((f) => [f._tag, f.clauseId])).toEqual([
      ["ConstantClause", "y"],
      ["ConstantClause", "r"]
    ])
  })
})

// ---------------------------------------------------------------------------------------------
// Overrides and text modes
// ---------------------------------------------------------------------------------------------

describe("Rule overrides (職員判断)", () => {
  const o = (clauseId: string): Verdict.Override => ({ clauseId, reason: "面談で確認", actor: "staff-1" })

  it("given a clause id used twice (which check reports), the first clause in pre-order decides whether it may be overridden", () => {
    const softFirst = Rule.all(m("r"), [Rule.isTrue(m("x", { soft: true }), "a"), Rule.isTrue(m("x"), "b")])
    expect(Result.isSuccess(Rule.validateOverrides(softFirst, [o("x")]))).toBe(true)
    const hardFirst = Rule.all(m("r"), [Rule.isTrue(m("x"), "a"), Rule.isTrue(m("x", { soft: true }), "b")])
    const refused = Rule.validateOverrides(hardFirst, [o("x")])
    expect(Result.isFailure(refused) && refused.failure.reason).toBe("hard_clause")
  })

  it("given an exception marked soft by hand (no builder or schema allows it), overriding it is still refused", () => {
    const exception = { ...Rule.exclude(m("students"), Rule.isTrue(m("student"), "student")), soft: true } as Rule.Exception
    const rule = Rule.overlay(m("city"), Rule.isTrue(m("able"), "able_to_work"), [exception])
    const r = Rule.validateOverrides(rule, [o("students")])
    expect(Result.isFailure(r) && r.failure).toMatchObject({ reason: "hard_clause", clauseId: "students" })
  })
})

describe("Rule.evaluate text modes", () => {
  it("an eager verdict's sentences are fixed at evaluation; a lazy one's follow the facts until first read", () => {
    const rule = Rule.intersects(m("g"), "groups", ["p"])
    const eagerFacts = { groups: ["q"] }
    const eager = Result.getOrThrow(Rule.evaluate(rule, { asOf: AS_OF, facts: eagerFacts }, { text: "eager" }))
    eagerFacts.groups.push("r")
    expect(eager.reasons).toEqual([{ ja: "groups（q）にpが含まれていません", en: "p not among groups (q)" }])
    const lazyFacts = { groups: ["q"] }
    const lazy = Result.getOrThrow(Rule.evaluate(fresh(rule), { asOf: AS_OF, facts: lazyFacts }))
    lazyFacts.groups.push("r")
    expect(lazy.reasons).toEqual([{ ja: "groups（q・r）にpが含まれていません", en: "p not among groups (q, r)" }])
  })
})

// ---------------------------------------------------------------------------------------------
// Trace buffers
// ---------------------------------------------------------------------------------------------

describe("Rule.traceBuffers: memory reused across traced batches", () => {
  const able = () => Rule.isTrue(m("able"), "able_to_work")
  const people = (n: number) => Array.from({ length: n }, (_, i) => ({ able_to_work: i % 2 === 0 }))

  it("new buffers hold nothing; a batch that fits leaves the capacity as it is; a larger one grows it to at least its slots", () => {
    const rule = able()
    const buffers = Rule.traceBuffers()
    expect(buffers.capacity).toBe(0)
    Rule.evaluateMany(rule, people(6), { asOf: AS_OF, trace: true, buffers })
    expect(buffers.capacity).toBe(6)
    Rule.evaluateMany(rule, people(6), { asOf: AS_OF, trace: true, buffers })
    Rule.evaluateMany(rule, people(2), { asOf: AS_OF, trace: true, buffers })
    expect(buffers.capacity).toBe(6)
    Rule.evaluateMany(rule, people(7), { asOf: AS_OF, trace: true, buffers })
    expect(buffers.capacity).toBeGreaterThanOrEqual(7)
  })

  it("a stream of batches each one person larger grows the buffers geometrically, not once per batch", () => {
    const rule = able()
    const buffers = Rule.traceBuffers()
    let growths = 0
    for (let n = 1; n <= 100; n++) {
      const before = buffers.capacity
      Rule.evaluateMany(rule, people(n), { asOf: AS_OF, trace: true, buffers })
      if (buffers.capacity !== before) growths++
    }
    expect(growths).toBeLessThanOrEqual(15)
  })

  it("the observed values past a smaller batch are undefined, after a larger batch of the same rule or of another rule", () => {
    const rule = able()
    const buffers = Rule.traceBuffers()
    Rule.evaluateMany(rule, people(3), { asOf: AS_OF, trace: true, buffers })
    const smaller = Rule.evaluateMany(rule, people(1), { asOf: AS_OF, trace: true, buffers })
    expect(smaller.observed.slice(0, 1)).toEqual([true])
    expect(smaller.observed.slice(1)).toEqual(smaller.observed.slice(1).map(() => undefined))
    // Another rule: its all (which observes nothing) sits where the first rule observed a value.
    const other = Rule.all(m("r"), [Rule.isTrue(m("b"), "b")])
    Rule.evaluateMany(able(), people(3), { asOf: AS_OF, trace: true, buffers })
    const next = Rule.evaluateMany(other, [{ b: true }], { asOf: AS_OF, trace: true, buffers })
    expect(next.observed.slice(0, 2)).toEqual([undefined, true])
    expect(next.observed.slice(2).every((v) => v === undefined)).toBe(true)
  })

  it("a batch of nobody observes nothing", () => {
    const batch = Rule.evaluateMany(able(), [], { asOf: AS_OF, trace: true, buffers: Rule.traceBuffers() })
    expect(batch.outcomes).toEqual([])
    expect(batch.observed.every((v) => v === undefined)).toBe(true)
  })

  it("observed values have one entry per clause and person (without buffers) or per slot held (with them), observed or not", () => {
    // The last clause (an empty all) observes nothing, so only the array's length says it is there.
    const rule = Rule.all(m("r"), [Rule.isTrue(m("a"), "a"), Rule.all(m("none"), [])])
    const unbuffered = Rule.evaluateMany(rule, [{ a: true }, { a: false }], { asOf: AS_OF, trace: true })
    expect(unbuffered.observed.length).toBe(6)
    expect(unbuffered.statuses.length).toBe(6)
    const buffers = Rule.traceBuffers()
    const buffered = Rule.evaluateMany(fresh(rule), [{ a: true }, { a: false }], { asOf: AS_OF, trace: true, buffers })
    expect(buffered.observed.length).toBe(buffers.capacity)
  })
})

// ---------------------------------------------------------------------------------------------
// Populations as columns
// ---------------------------------------------------------------------------------------------

describe("Rule.evaluateMany over columns", () => {
  it("a fact with no column is unknown, also inside overlays and household aggregates", () => {
    const rule = Rule.overlay(m("city"), Rule.count(m("k"), "household", { op: "gte", value: 1 }), [Rule.include(m("add"), Rule.isTrue(m("x"), "special"))])
    expect(Rule.evaluateMany(rule, { columns: { other: [1, 2] } }, { asOf: AS_OF })).toEqual(["undetermined", "undetermined"])
    const traced = Rule.evaluateMany(fresh(rule), { columns: { other: [1] } }, { asOf: AS_OF, trace: true })
    expect(traced.verdict(0).missingFacts).toEqual(["special", "household"])
  })

  it("a traced verdict over columns asks for the missing fields of the household members it was given", () => {
    const rule = Rule.count(m("k"), "household", { where: Rule.eq(m("child"), "relation", "child"), op: "gte", value: 1 })
    const traced = Rule.evaluateMany(rule, { columns: { household: [[{ relation: "parent" }, {}]] } }, { asOf: AS_OF, trace: true })
    expect(traced.outcomes).toEqual(["undetermined"])
    expect(traced.verdict(0).missingFacts).toEqual(["household[1].relation"])
  })
})

// ---------------------------------------------------------------------------------------------
// Mermaid
// ---------------------------------------------------------------------------------------------

describe("Rule.toMermaid with a verdict", () => {
  it("colours only the clauses of the chart, even given the verdict of a larger rule", () => {
    const small = Rule.isTrue(m("a"), "a")
    const large = Rule.all(m("r"), [Rule.isTrue(m("a"), "a"), Rule.isTrue(m("b"), "b")])
    const chart = Rule.toMermaid(small, { verdict: verdictOf(large, { a: true, b: false }) })
    expect(chart.split("\n").filter((l) => l.startsWith("  class "))).toEqual(["  class n0 failed"])
  })
})

// ---------------------------------------------------------------------------------------------
// Generated code (records, columns, compile) answers as evaluate
// ---------------------------------------------------------------------------------------------

/** Outcomes of every batch path (records, columns, traced columns, compile) for a fresh copy of the rule each. */
const batchOutcomes = (rule: Rule.Rule, people: ReadonlyArray<Record<string, unknown>>, facts: ReadonlyArray<string>, asOf: Period.LocalDate = AS_OF) => ({
  records: Rule.evaluateMany(fresh(rule), people, { asOf }),
  columns: Rule.evaluateMany(fresh(rule), columnsOf(people, facts), { asOf }),
  tracedColumns: Rule.evaluateMany(fresh(rule), columnsOf(people, facts), { asOf, trace: true }).outcomes,
  compiled: people.map(Rule.compile(fresh(rule), asOf))
})
const expectBatchesAsEvaluate = (rule: Rule.Rule, people: ReadonlyArray<Record<string, unknown>>, facts: ReadonlyArray<string>, expected: ReadonlyArray<Verdict.Outcome>, asOf: Period.LocalDate = AS_OF) => {
  expect(outcomesOf(fresh(rule), people, asOf)).toEqual(expected)
  const all = batchOutcomes(rule, people, facts, asOf)
  expect(all).toEqual({ records: expected, columns: expected, tracedColumns: expected, compiled: expected })
}

describe("Rule.evaluateMany: generated code answers as evaluate", () => {
  it("given constants JSON cannot write (NaN, ±Infinity), comparisons keep their meaning", () => {
    const people = [{ n: 5 }, { n: null }, { n: Infinity }, { n: -Infinity }]
    expectBatchesAsEvaluate(Rule.lt(m("lt"), "n", Infinity), people, ["n"], ["eligible", "ineligible", "ineligible", "eligible"])
    expectBatchesAsEvaluate(Rule.gt(m("gt"), "n", -Infinity), people, ["n"], ["eligible", "ineligible", "eligible", "ineligible"])
    // Nothing equals NaN, null (known-absent) included.
    expectBatchesAsEvaluate(Rule.eq(m("eq"), "n", Number.NaN), people, ["n"], ["ineligible", "ineligible", "ineligible", "ineligible"])
    expectBatchesAsEvaluate(Rule.isIn(m("in"), "n", [Infinity]), people, ["n"], ["ineligible", "ineligible", "eligible", "ineligible"])
  })

  it("given a hand-built clause whose value is undefined (no builder type allows it), generated code still compiles and answers as evaluate", () => {
    const rule = { kind: "compare", id: "u", labels: labels("u"), fact: "n", op: "eq", value: undefined } as unknown as Rule.Rule
    expectBatchesAsEvaluate(rule, [{ n: 1 }, {}], ["n"], ["ineligible", "undetermined"])
  })

  it("given facts held as class instances, facts read through getters are read as evaluate reads them", () => {
    class Applicant {
      readonly #born: string
      constructor(born: string) {
        this.#born = born
      }
      get birth_date(): string {
        return this.#born
      }
    }
    const rule = Rule.age(m("adult"), "birth_date", { min: 18 })
    const people = [new Applicant("1990-01-01"), new Applicant("2015-01-01")]
    expect(outcomesOf(rule, people)).toEqual(["eligible", "ineligible"])
    expect(Rule.evaluateMany(fresh(rule), people, { asOf: AS_OF })).toEqual(["eligible", "ineligible"])
    expect(people.map((p) => Rule.compile(fresh(rule), AS_OF)(p as unknown as Record<string, unknown>))).toEqual(["eligible", "ineligible"])
  })

  // Found by mutation testing: generated code read a fact whose name is not a plain identifier
  // ("has-child") as an own property only, where evaluate reads it through the object (as for any
  // name Object.prototype does not have), so evaluateMany and compile answered "undetermined".
  it("given facts that inherit a fact whose name is not an identifier, evaluateMany and compile read it as evaluate does", () => {
    const rule = Rule.isTrue(m("child"), "has-child")
    const person = Object.create({ "has-child": true }) as object
    const expected = outcomesOf(rule, [person])
    expect(Rule.evaluateMany(fresh(rule), [person], { asOf: AS_OF })).toEqual(expected)
    expect(Rule.compile(fresh(rule), AS_OF)(person as Record<string, unknown>)).toEqual(expected[0])
  })

  it("given an all of two intersects over one list, both must hold (the union is only for an any)", () => {
    const rule = Rule.all(m("both"), [Rule.intersects(m("p"), "groups", ["p"]), Rule.intersects(m("q"), "groups", ["q"])])
    expectBatchesAsEvaluate(rule, [{ groups: ["p"] }, { groups: ["q", "p"] }, { groups: [] }], ["groups"], ["ineligible", "eligible", "ineligible"])
  })

  it("given an any of intersects and another clause over the same list, every intersects still counts", () => {
    const rule = Rule.any(m("g"), [Rule.eq(m("e"), "groups", "p"), Rule.intersects(m("p"), "groups", ["p"]), Rule.intersects(m("q"), "groups", ["q"])])
    expectBatchesAsEvaluate(rule, [{ groups: ["p"] }, { groups: ["q"] }, { groups: ["r"] }], ["groups"], ["eligible", "eligible", "ineligible"])
  })

  it("given an age with one bound, the other side is open (birth dates and other strings alike)", () => {
    const people = [{ birth: "1950-01-01" }, { birth: "2015-01-01" }, { birth: "unknown" }, { birth: "" }]
    expectBatchesAsEvaluate(Rule.age(m("adult"), "birth", { min: 18 }), people, ["birth"], outcomesOf(Rule.age(m("adult"), "birth", { min: 18 }), people))
    expectBatchesAsEvaluate(Rule.age(m("young"), "birth", { max: 39 }), people, ["birth"], outcomesOf(Rule.age(m("young"), "birth", { max: 39 }), people))
    expect(outcomesOf(Rule.age(m("adult"), "birth", { min: 18 }), people.slice(0, 2))).toEqual(["eligible", "ineligible"])
    expect(outcomesOf(Rule.age(m("young"), "birth", { max: 39 }), people.slice(0, 2))).toEqual(["ineligible", "eligible"])
  })

  it("given the evaluation date on a window's bounds, from is inside and until is outside", () => {
    const d = Period.unsafeDate
    const window = Rule.asOfIn(m("fy"), { from: d("2013-04-01"), until: d("2014-04-01") })
    const one = [{}]
    expectBatchesAsEvaluate(window, one, [], ["eligible"], d("2013-04-01"))
    expectBatchesAsEvaluate(window, one, [], ["ineligible"], d("2013-03-31"))
    expectBatchesAsEvaluate(window, one, [], ["eligible"], d("2014-03-31"))
    expectBatchesAsEvaluate(window, one, [], ["ineligible"], d("2014-04-01"))
    expectBatchesAsEvaluate(Rule.asOfIn(m("open"), {}), one, [], ["eligible"])
  })

  it("evaluating a population leaves no global variables behind", () => {
    const rule = Rule.all(m("r"), [Rule.not(m("n"), Rule.isTrue(m("a"), "a")), Rule.any(m("g"), [Rule.exists(m("b"), "b"), Rule.isIn(m("c"), "c", [1])])])
    const before = new Set(Object.keys(globalThis))
    const people = [{ a: false, b: 1 }, { a: true }, {}]
    batchOutcomes(rule, people, ["a", "b", "c"])
    Rule.evaluateMany(fresh(rule), people, { asOf: AS_OF, trace: true })
    expect(Object.keys(globalThis).filter((k) => !before.has(k))).toEqual([])
    // Nor did any earlier evaluation: no global named like a variable of generated code (r, r1, v2, …).
    expect(Object.keys(globalThis).filter((k) => /^[rvkLc]\d*$/.test(k))).toEqual([])
  })
})

// ---------------------------------------------------------------------------------------------
// Without `new Function` (a strict Content Security Policy)
// ---------------------------------------------------------------------------------------------

/** Runs `f` with a fresh copy of the library while the platform refuses to compile strings. */
const withoutCodeGeneration = async <A>(f: (rule: typeof Rule) => A): Promise<A> => {
  vi.resetModules()
  const { Rule: isolated } = await import("@jiritsu/core")
  const original = globalThis.Function
  globalThis.Function = new Proxy(original, {
    construct: () => {
      throw new EvalError("Refused to evaluate a string as JavaScript: 'unsafe-eval' is not allowed")
    },
    apply: () => {
      throw new EvalError("Refused to evaluate a string as JavaScript: 'unsafe-eval' is not allowed")
    }
  })
  try {
    return f(isolated)
  } finally {
    globalThis.Function = original
  }
}

describe("Rule.evaluateMany where code generation is refused", () => {
  it("falls back to closures: records, columns, traces and compile answer as evaluate", async () => {
    const rule = Rule.all(m("r"), [
      Rule.isTrue(m("motivated", { soft: true }), "wants_work"),
      Rule.overlay(m("o"), Rule.exists(m("c"), "consent_id"), [Rule.exclude(m("e"), Rule.isTrue(m("s"), "student"))])
    ])
    const people: ReadonlyArray<Record<string, unknown>> = [{ wants_work: true, consent_id: "c", student: false }, { wants_work: false }, { wants_work: true, consent_id: "c", student: true }, {}]
    const facts = ["wants_work", "consent_id", "student"]
    const expected = people.map((p) => verdictOf(rule, p))
    const outcomes = expected.map((v) => v.outcome)
    expect(outcomes).toEqual(["eligible", "ineligible", "ineligible", "undetermined"])
    const got = await withoutCodeGeneration((R) => {
      const tracedRows = R.evaluateMany(fresh(rule), people, { asOf: AS_OF, trace: true })
      const tracedColumns = R.evaluateMany(fresh(rule), columnsOf(people, facts), { asOf: AS_OF, trace: true })
      return {
        records: R.evaluateMany(fresh(rule), people, { asOf: AS_OF }),
        columns: R.evaluateMany(fresh(rule), columnsOf(people, facts), { asOf: AS_OF }),
        compiled: people.map(R.compile(fresh(rule), AS_OF)),
        tracedRows: tracedRows.outcomes,
        tracedColumns: tracedColumns.outcomes,
        rowVerdicts: people.map((_, i) => JSON.stringify(tracedRows.verdict(i))),
        columnVerdicts: people.map((_, i) => tracedColumns.verdict(i).clauses.map((c) => [c.id, c.status]))
      }
    })
    expect(got).toEqual({
      records: outcomes,
      columns: outcomes,
      compiled: outcomes,
      tracedRows: outcomes,
      tracedColumns: outcomes,
      rowVerdicts: expected.map((v) => JSON.stringify(v)),
      columnVerdicts: expected.map((v) => v.clauses.map((c) => [c.id, c.status]))
    })
  })
})
