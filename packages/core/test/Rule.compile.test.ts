// The compiled evaluator (internal/ruleCompile.ts): leaf tests at their boundaries, Kleene
// combinators and overlays checked against their truth tables, household aggregates (世帯の集計)
// against an oracle that goes through every way the household's open parts could turn out, and the
// accessors for fact names that are not plain identifiers.
import fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Period, Rule, Verdict } from "@jiritsu/core"
import { compile as compileClauses, F, recordAccess, T } from "../src/internal/ruleCompile.ts"
import { coverage, runs } from "./coverage.ts"

type R = Rule.Rule
type Facts = Record<string, unknown>
type Kleene = "T" | "F" | "U"

const m = (id: string, ja = id, en = id): Rule.Meta => ({ id, ja, en })
const AS_OF = Period.unsafeDate("2025-06-01")

const verdictOf = (rule: R, facts: Facts, asOf: Period.LocalDate = AS_OF, overrides: ReadonlyArray<Verdict.Override> = []): Verdict.Verdict =>
  Result.getOrThrow(Rule.evaluate(rule, { asOf, facts, overrides }))

const OUTCOME: Record<Kleene, Verdict.Outcome> = { T: "eligible", F: "ineligible", U: "undetermined" }

/** The outcome of a rule on one person through every evaluator: the trace (closures), batches (generated code) and Rule.compile. */
const outcomesOf = (rule: R, facts: Facts, asOf: Period.LocalDate = AS_OF): ReadonlyArray<Verdict.Outcome> => [
  verdictOf(rule, facts, asOf).outcome,
  Rule.evaluateMany(rule, [facts], { asOf })[0]!,
  Rule.compile(rule, asOf)(facts)
]

const clauseOf = (v: Verdict.Verdict, id: string): Verdict.ClauseTrace => v.clauses.find((c) => c.id === id)!

// ---------------------------------------------------------------------------------------------
// Leaves at their boundaries
// ---------------------------------------------------------------------------------------------

describe("Rule compile: leaf clauses at their boundaries", () => {
  /** [clause, fact value (undefined: absent), expected outcome] — each on a fresh clause, so the closures are what runs. */
  const table = (cases: ReadonlyArray<readonly [() => R, unknown, Verdict.Outcome]>) => {
    for (const [build, value, expected] of cases) {
      const rule = build()
      const facts = value === undefined ? {} : { x: value }
      expect(outcomesOf(rule, facts), `${JSON.stringify(rule)} with x = ${JSON.stringify(value)}`).toEqual([expected, expected, expected])
    }
  }

  it("given an ordering comparison, a value of another type fails it (no coercion), and the bound itself passes only the inclusive operators", () => {
    table([
      [() => Rule.gt(m("c"), "x", 3), 4, "eligible"],
      [() => Rule.gt(m("c"), "x", 3), 3, "ineligible"],
      [() => Rule.gt(m("c"), "x", 3), "5", "ineligible"],
      [() => Rule.gte(m("c"), "x", 3), 3, "eligible"],
      [() => Rule.gte(m("c"), "x", 3), 2, "ineligible"],
      [() => Rule.gte(m("c"), "x", 3), "3", "ineligible"],
      [() => Rule.lt(m("c"), "x", 3), 2, "eligible"],
      [() => Rule.lt(m("c"), "x", 3), 3, "ineligible"],
      [() => Rule.lt(m("c"), "x", 3), "1", "ineligible"],
      [() => Rule.lte(m("c"), "x", 3), 3, "eligible"],
      [() => Rule.lte(m("c"), "x", 3), 4, "ineligible"],
      [() => Rule.lte(m("c"), "x", 3), "3", "ineligible"],
      [() => Rule.lte(m("c"), "x", 3), null, "ineligible"],
      [() => Rule.gt(m("c"), "x", "2020-01-01"), "2020-01-02", "eligible"],
      [() => Rule.lt(m("c"), "x", "2020-01-01"), 5, "ineligible"],
      [() => Rule.eq(m("c"), "x", 3), 3, "eligible"],
      [() => Rule.eq(m("c"), "x", 3), "3", "ineligible"],
      [() => Rule.neq(m("c"), "x", 3), "3", "eligible"],
      [() => Rule.neq(m("c"), "x", 3), 3, "ineligible"],
      [() => Rule.neq(m("c"), "x", 3), undefined, "undetermined"]
    ])
  })

  it("given a between (範囲) clause, both ends are inside, and a value of another type than the ends is outside", () => {
    table([
      [() => Rule.between(m("b"), "x", 1, 5), 1, "eligible"],
      [() => Rule.between(m("b"), "x", 1, 5), 5, "eligible"],
      [() => Rule.between(m("b"), "x", 1, 5), 0, "ineligible"],
      [() => Rule.between(m("b"), "x", 1, 5), 6, "ineligible"],
      [() => Rule.between(m("b"), "x", 1, 5), "3", "ineligible"],
      [() => Rule.between(m("b"), "x", "b", "d"), "c", "eligible"],
      [() => Rule.between(m("b"), "x", "b", "d"), "a", "ineligible"],
      [() => Rule.between(m("b"), "x", "b", "d"), "e", "ineligible"],
      [() => Rule.between(m("b"), "x", "b", "d"), ["c"], "ineligible"],
      [() => Rule.between(m("b"), "x", 1, 5), undefined, "undetermined"]
    ])
  })

  it("given exists, in, intersects and containsAll, null and non-lists fail, and a list passes on any (or every) listed value", () => {
    table([
      [() => Rule.exists(m("e"), "x"), 0, "eligible"],
      [() => Rule.exists(m("e"), "x"), false, "eligible"],
      [() => Rule.exists(m("e"), "x"), null, "ineligible"],
      [() => Rule.isIn(m("i"), "x", ["a", 2]), 2, "eligible"],
      [() => Rule.isIn(m("i"), "x", ["a", 2]), "2", "ineligible"],
      [() => Rule.isIn(m("i"), "x", ["a", 2]), undefined, "undetermined"],
      [() => Rule.intersects(m("g"), "x", ["p", "q"]), ["r", "q"], "eligible"],
      [() => Rule.intersects(m("g"), "x", ["p", "q"]), ["r"], "ineligible"],
      [() => Rule.intersects(m("g"), "x", ["p", "q"]), [], "ineligible"],
      [() => Rule.intersects(m("g"), "x", ["p", "q"]), "p", "ineligible"],
      [() => Rule.intersects(m("g"), "x", ["p", "q"]), undefined, "undetermined"],
      [() => Rule.containsAll(m("g"), "x", ["p", "q"]), ["q", "r", "p"], "eligible"],
      [() => Rule.containsAll(m("g"), "x", ["p", "q"]), ["q", "r"], "ineligible"],
      [() => Rule.containsAll(m("g"), "x", ["p", "q"]), "pq", "ineligible"],
      [() => Rule.containsAll(m("g"), "x", []), [], "eligible"],
      [() => Rule.containsAll(m("g"), "x", []), "p", "ineligible"],
      [() => Rule.containsAll(m("g"), "x", ["p"]), undefined, "undetermined"]
    ])
  })

  it("given date clauses, only a date string (not a list holding one) can pass; withinLast includes both ends of its window", () => {
    table([
      [() => Rule.age(m("a"), "x", {}), "1990-01-01", "eligible"],
      [() => Rule.age(m("a"), "x", {}), 19900101, "ineligible"],
      [() => Rule.age(m("a"), "x", { min: 18 }), ["2000-01-01"], "ineligible"],
      [() => Rule.age(m("a"), "x", { max: 64 }), ["2000-01-01"], "ineligible"],
      [() => Rule.age(m("a"), "x", { min: 18 }), "2007-06-01", "eligible"],
      [() => Rule.age(m("a"), "x", { min: 18 }), "2007-06-02", "ineligible"],
      [() => Rule.age(m("a"), "x", { max: 64 }), "1960-06-02", "eligible"],
      [() => Rule.age(m("a"), "x", { max: 64 }), "1960-06-01", "ineligible"],
      [() => Rule.dateIn(m("d"), "x", {}), "2020-01-01", "eligible"],
      [() => Rule.dateIn(m("d"), "x", { from: Period.unsafeDate("2020-01-01") }), "2020-01-01", "eligible"],
      [() => Rule.dateIn(m("d"), "x", { from: Period.unsafeDate("2020-01-01") }), "2019-12-31", "ineligible"],
      [() => Rule.dateIn(m("d"), "x", { until: Period.unsafeDate("2020-01-01") }), "2020-01-01", "ineligible"],
      [() => Rule.dateIn(m("d"), "x", {}), 20200101, "ineligible"],
      [() => Rule.dateIn(m("d"), "x", { from: Period.unsafeDate("2020-01-01") }), ["2021-01-01"], "ineligible"],
      [() => Rule.dateIn(m("d"), "x", { until: Period.unsafeDate("2020-01-01") }), ["2019-01-01"], "ineligible"],
      [() => Rule.withinLast(m("w"), "x", 24), "2023-06-01", "eligible"],
      [() => Rule.withinLast(m("w"), "x", 24), "2025-06-01", "eligible"],
      [() => Rule.withinLast(m("w"), "x", 24), "2025-06-02", "ineligible"],
      [() => Rule.withinLast(m("w"), "x", 24), ["2024-01-01"], "ineligible"],
      [() => Rule.withinLast(m("w"), "x", 0), "2025-06-01", "eligible"]
    ])
  })

  // Found while sorting mutants: date clauses compared the value with their bounds as text, so a
  // string that is no date but sorts before the bound ("", "0", "1") passed a minimum age.
  it("given an age clause, a string that is no date fails it", () => {
    for (const birth of ["", "0", "1"]) {
      expect(outcomesOf(Rule.age(m("adult", "成年", "adult"), "birth", { min: 18 }), { birth }), JSON.stringify(birth)).toEqual(["ineligible", "ineligible", "ineligible"])
    }
  })

  it("given a date window or a within-last clause, a string that is no date fails it, and a date inside passes", () => {
    const window = Rule.dateIn(m("window", "期間内", "in the window"), "since", { until: Period.unsafeDate("2030-01-01") })
    const recent = Rule.withinLast(m("recent", "直近", "recent"), "since", 12)
    for (const since of ["", "0", "2024/04/01", "9"]) {
      expect(outcomesOf(window, { since }), JSON.stringify(since)).toEqual(["ineligible", "ineligible", "ineligible"])
      expect(outcomesOf(recent, { since }), JSON.stringify(since)).toEqual(["ineligible", "ineligible", "ineligible"])
    }
    expect(outcomesOf(window, { since: "2024-04-01" })).toEqual(["eligible", "eligible", "eligible"])
    expect(outcomesOf(recent, { since: "2025-05-01" })).toEqual(["eligible", "eligible", "eligible"])
  })

  it("given a minimum age of more than a thousand years, no one born after 1873 is old enough (the bound year is written with four digits)", () => {
    const ancient = Rule.age(m("ancient"), "birth", { min: 1100 })
    expect(outcomesOf(ancient, { birth: "1900-01-01" })).toEqual(["ineligible", "ineligible", "ineligible"])
    const young = Rule.age(m("young"), "birth", { max: 1100 })
    expect(outcomesOf(young, { birth: "1900-01-01" })).toEqual(["eligible", "eligible", "eligible"])
  })

  it("given an asOfIn (対象期間) clause, the period includes its first day and excludes its end, and the trace observes the evaluation date", () => {
    const period = () => Rule.asOfIn(m("running", "事業実施期間", "programme running"), { from: Period.unsafeDate("2025-04-01"), until: Period.unsafeDate("2025-06-01") })
    expect(verdictOf(period(), {}, Period.unsafeDate("2025-04-01")).outcome).toBe("eligible")
    expect(verdictOf(period(), {}, Period.unsafeDate("2025-05-31")).outcome).toBe("eligible")
    expect(verdictOf(period(), {}, Period.unsafeDate("2025-06-01")).outcome).toBe("ineligible")
    expect(verdictOf(period(), {}, Period.unsafeDate("2025-03-31")).outcome).toBe("ineligible")
    expect(clauseOf(verdictOf(period(), {}, Period.unsafeDate("2025-06-01")), "running").observed).toBe("2025-06-01")
  })
})

// ---------------------------------------------------------------------------------------------
// Clauses no value can pass
// ---------------------------------------------------------------------------------------------

describe("Rule compile: clauses no value can pass fail without their fact", () => {
  const d = Period.unsafeDate
  /** [clause, fails for every value]. */
  const cases: ReadonlyArray<readonly [R, boolean]> = [
    [Rule.isIn(m("k"), "x", []), true],
    [Rule.isIn(m("k"), "x", [1]), false],
    [Rule.intersects(m("k"), "x", []), true],
    [Rule.intersects(m("k"), "x", ["p"]), false],
    [Rule.containsAll(m("k"), "x", []), false],
    [Rule.between(m("k"), "x", 5, 1), true],
    [Rule.between(m("k"), "x", 1, 1), false],
    [Rule.between(m("k"), "x", 1, "a"), true],
    [Rule.between(m("k"), "x", 1, "5"), true],
    [Rule.between(m("k"), "x", "1", 5), true],
    [Rule.between(m("k"), "x", "a", "b"), false],
    [Rule.between(m("k"), "x", Number.NaN, 5), true],
    [Rule.age(m("k"), "x", { min: 30, max: 20 }), true],
    [Rule.age(m("k"), "x", { min: 20, max: 20 }), false],
    [Rule.age(m("k"), "x", { min: 30 }), false],
    [Rule.age(m("k"), "x", { max: 20 }), false],
    [Rule.dateIn(m("k"), "x", { from: d("2020-01-02"), until: d("2020-01-01") }), true],
    [Rule.dateIn(m("k"), "x", { from: d("2020-01-01"), until: d("2020-01-01") }), true],
    [Rule.dateIn(m("k"), "x", { from: d("2020-01-01"), until: d("2020-01-02") }), false],
    [Rule.dateIn(m("k"), "x", { from: d("2020-01-01") }), false],
    [Rule.dateIn(m("k"), "x", { until: d("2020-01-01") }), false],
    [Rule.withinLast(m("k"), "x", -1), true],
    [Rule.withinLast(m("k"), "x", 0), false],
    [Rule.withinLast(m("k"), "x", Number.NaN), true],
    [Rule.neq(m("k"), "x", Number.NaN), false],
    [Rule.gt(m("k"), "x", Number.NaN), true],
    [Rule.lte(m("k"), "x", Number.NaN), true],
    [Rule.gt(m("k"), "x", true), true],
    [Rule.gte(m("k"), "x", true), false],
    [Rule.gt(m("k"), "x", false), false],
    [Rule.lt(m("k"), "x", false), true],
    [Rule.lt(m("k"), "x", ""), true],
    [Rule.lt(m("k"), "x", true), false],
    [Rule.lte(m("k"), "x", ""), false],
    [Rule.lte(m("k"), "x", false), false],
    [Rule.lt(m("k"), "x", 0), false],
    [Rule.exists(m("k"), "x"), false],
    [Rule.asOfIn(m("k"), {}), false]
  ]
  const count = (op: Rule.CompareOp, value: number) => Rule.count(m("k"), "x", { op, value })
  const countCases: ReadonlyArray<readonly [R, boolean]> = [
    [count("eq", Number.NaN), true],
    [count("gte", Number.NaN), true],
    [count("neq", Number.NaN), false],
    [count("lt", 0), true],
    [count("lt", -1), true],
    [count("lt", 1), false],
    [count("lt", 0.5), false],
    [count("lte", -1), true],
    [count("lte", -0.5), true],
    [count("lte", 0), false],
    [count("eq", -1), true],
    [count("eq", 1.5), true],
    [count("eq", 0), false],
    [count("eq", 2), false],
    [count("gt", Infinity), true],
    [count("gte", Infinity), true],
    [count("gt", 5), false],
    [count("gte", 0), false],
    [count("neq", -1), false],
    [count("neq", 1.5), false],
    [count("lte", Infinity), false]
  ]
  const aggregate = (op: Rule.CompareOp, value: number) => Rule.aggregate(m("k"), "x", { fn: "sum", field: "inc", op, value })
  const aggregateCases: ReadonlyArray<readonly [R, boolean]> = [
    [aggregate("eq", Number.NaN), true],
    [aggregate("lt", Number.NaN), true],
    [aggregate("neq", Number.NaN), false],
    [aggregate("gt", 5), false],
    [aggregate("lt", -5), false]
  ]

  it("given each kind of leaf, failsForEveryValue says whether no value (list, count, total) can pass it", () => {
    for (const [rule, fails] of [...cases, ...countCases, ...aggregateCases]) {
      expect(Rule.failsForEveryValue(rule, AS_OF), JSON.stringify(rule, (_, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v))).toBe(fails)
    }
  })

  it("given such a clause and an unknown fact, the verdict is ineligible and asks for nothing; any other clause stays undetermined", () => {
    for (const [rule, fails] of [...cases, ...countCases, ...aggregateCases]) {
      if (rule.kind === "asOfIn") continue
      const v = verdictOf(rule, {})
      expect([v.outcome, v.missingFacts], JSON.stringify(rule)).toEqual(fails ? ["ineligible", []] : ["undetermined", ["x"]])
      expect(Rule.evaluateMany(rule, [{}], { asOf: AS_OF }), JSON.stringify(rule)).toEqual([v.outcome])
    }
  })

  // Found by mutation testing: a compare clause returned before its NaN check for eq, so eq NaN
  // stayed undetermined while its fact was unknown, and asked for it.
  it("given a compare eq NaN, no value can pass it, as for count and aggregate clauses", () => {
    expect(Rule.failsForEveryValue(Rule.eq(m("k"), "x", Number.NaN), AS_OF)).toBe(true)
  })

  it("given such a clause and a known fact, the trace still shows the value observed", () => {
    const none = Rule.isIn(m("none", "該当なし", "none listed"), "x", [])
    const v = verdictOf(none, { x: 3 })
    expect(v.outcome).toBe("ineligible")
    expect(clauseOf(v, "none")).toMatchObject({ status: "failed", observed: 3 })
  })
})

// ---------------------------------------------------------------------------------------------
// Kleene combinators and overlays, against their truth tables
// ---------------------------------------------------------------------------------------------

/** A clause whose value is set through its fact: true → T, false → F, absent → U. */
const flag = (id: string): R => Rule.isTrue(m(id), id)
const factFor = (id: string, k: Kleene): Facts => (k === "U" ? {} : { [id]: k === "T" })

const kleeneAll = (vs: ReadonlyArray<Kleene>): Kleene => (vs.includes("F") ? "F" : vs.includes("U") ? "U" : "T")
const kleeneAny = (vs: ReadonlyArray<Kleene>): Kleene => (vs.includes("T") ? "T" : vs.includes("U") ? "U" : "F")
const kleeneNot = (v: Kleene): Kleene => (v === "U" ? "U" : v === "T" ? "F" : "T")

const arbKleene = fc.constantFrom<Kleene>("T", "F", "U")

describe("Rule compile: Kleene combinators (かつ・または・でない)", () => {
  it("given all / any / not of zero to four clauses, every evaluator follows Kleene's tables, directly and inside an overlay (≥ 15 % of runs for each outcome)", () => {
    const cov = coverage({ T: 0.15, F: 0.15, U: 0.15 })
    fc.assert(
      fc.property(fc.array(arbKleene, { maxLength: 4 }), fc.constantFrom("all", "any", "notAll", "notAny"), fc.boolean(), (values, shape, wrapped) => {
        cov.run()
        const ids = values.map((_, i) => `a${i}`)
        const children = ids.map(flag)
        const combined = shape === "all" || shape === "notAll" ? Rule.all(m("r"), children) : Rule.any(m("r"), children)
        const inner = shape.startsWith("not") ? Rule.not(m("n"), combined) : combined
        // Inside an overlay the subtree runs through the outcome-mode closures (generated code calls them).
        const rule = wrapped ? Rule.overlay(m("o"), inner, []) : inner
        const joined = shape === "all" || shape === "notAll" ? kleeneAll(values) : kleeneAny(values)
        const expected = shape.startsWith("not") ? kleeneNot(joined) : joined
        cov.hit(expected)
        const facts = Object.assign({}, ...values.map((k, i) => factFor(ids[i]!, k))) as Facts
        expect(outcomesOf(rule, facts)).toEqual([OUTCOME[expected], OUTCOME[expected], OUTCOME[expected]])
        // The trace gives every child its own status, even after the result is decided.
        const v = verdictOf(rule, facts)
        expect(ids.map((id) => clauseOf(v, id).status)).toEqual(values.map((k) => (k === "T" ? "passed" : k === "F" ? "failed" : "unknown")))
      }),
      { numRuns: runs(600) }
    )
    cov.check()
  })

  it("given every assignment of up to three clauses, all / any / not and their negations follow Kleene's tables in every evaluator, directly and inside an overlay", () => {
    const assignments = (n: number): ReadonlyArray<ReadonlyArray<Kleene>> =>
      n === 0 ? [[]] : assignments(n - 1).flatMap((rest) => (["T", "F", "U"] as const).map((k) => [...rest, k]))
    for (const n of [0, 1, 2, 3]) {
      for (const values of assignments(n)) {
        for (const isAll of [true, false]) {
          for (const negated of [false, true]) {
            for (const wrapped of [false, true]) {
              const ids = values.map((_, i) => `a${i}`)
              const combined = (isAll ? Rule.all : Rule.any)(m("r"), ids.map(flag))
              const inner = negated ? Rule.not(m("n"), combined) : combined
              const rule = wrapped ? Rule.overlay(m("o"), inner, []) : inner
              const joined = isAll ? kleeneAll(values) : kleeneAny(values)
              const expected = OUTCOME[negated ? kleeneNot(joined) : joined]
              const facts = Object.assign({}, ...values.map((k, i) => factFor(ids[i]!, k))) as Facts
              expect(outcomesOf(rule, facts), `${negated ? "not " : ""}${isAll ? "all" : "any"}(${values.join(", ")})${wrapped ? " in an overlay" : ""}`).toEqual([expected, expected, expected])
            }
          }
        }
      }
    }
  })

  it("given a household predicate (where) built of all / any / not, members are counted by its Kleene value", () => {
    // The member predicate runs through the outcome-mode closures.
    fc.assert(
      fc.property(fc.array(arbKleene, { minLength: 0, maxLength: 3 }), fc.boolean(), (values, isAll) => {
        const ids = values.map((_, i) => `w${i}`)
        const where = (isAll ? Rule.all : Rule.any)(m("where"), ids.map(flag))
        const included = isAll ? kleeneAll(values) : kleeneAny(values)
        const member = Object.assign({}, ...values.map((k, i) => factFor(ids[i]!, k))) as Facts
        const rule = Rule.count(m("k"), "hh", { where, op: "gte", value: 1 })
        const expected: Kleene = included
        expect(outcomesOf(rule, { hh: [member] })).toEqual([OUTCOME[expected], OUTCOME[expected], OUTCOME[expected]])
      }),
      { numRuns: runs(300) }
    )
  })
})

interface ExceptionSpec {
  readonly priority: number
  readonly effect: "include" | "exclude"
  readonly when: Kleene
}

/**
 * The overlay's meaning: the first exception that applies, in precedence order (higher priority
 * first, exclusions first at equal priority, then as listed), decides; with none, the base. An
 * unknown part is unknown: the result is decided when every way of settling the unknown parts
 * gives the same answer.
 */
const overlayOracle = (base: Kleene, exceptions: ReadonlyArray<ExceptionSpec>): Kleene => {
  const order = exceptions
    .map((e, index) => ({ e, index }))
    .sort((a, b) => b.e.priority - a.e.priority || (a.e.effect === b.e.effect ? 0 : a.e.effect === "exclude" ? -1 : 1) || a.index - b.index)
    .map(({ e }) => e)
  const parts: ReadonlyArray<Kleene> = [base, ...order.map((e) => e.when)]
  const outcomes = new Set<boolean>()
  const open = parts.flatMap((p, i) => (p === "U" ? [i] : []))
  for (let mask = 0; mask < 1 << open.length; mask++) {
    const settled = parts.map((p, i) => (p === "U" ? (mask & (1 << open.indexOf(i))) !== 0 : p === "T"))
    const applying = order.findIndex((_, k) => settled[k + 1])
    outcomes.add(applying < 0 ? settled[0]! : order[applying]!.effect === "include")
  }
  return outcomes.size === 2 ? "U" : outcomes.has(true) ? "T" : "F"
}

describe("Rule compile: overlays (上乗せ・横出し)", () => {
  const arbException = fc.record({ priority: fc.integer({ min: 0, max: 2 }), effect: fc.constantFrom<"include" | "exclude">("include", "exclude"), when: arbKleene })

  it("given a base and up to three exceptions, every evaluator resolves the overlay as the first applying exception in precedence order (≥ 8 % of runs decided by an exception against the base, ≥ 10 % undetermined)", () => {
    const cov = coverage({ overruled: 0.08, undetermined: 0.1 })
    fc.assert(
      fc.property(arbKleene, fc.array(arbException, { maxLength: 3 }), fc.boolean(), (base, exceptions, nested) => {
        cov.run()
        const overlay = Rule.overlay(
          m("o"),
          flag("b"),
          exceptions.map((e, i) => Rule.exception(m(`e${i}`), { priority: e.priority, effect: e.effect, when: flag(`w${i}`) }))
        )
        // Nested under an all, the overlay is compiled to closures called from generated code.
        const rule = nested ? Rule.all(m("r"), [overlay]) : overlay
        const expected = overlayOracle(base, exceptions)
        cov.hit("overruled", expected !== "U" && base !== "U" && expected !== base)
        cov.hit("undetermined", expected === "U")
        const facts = Object.assign(factFor("b", base), ...exceptions.map((e, i) => factFor(`w${i}`, e.when))) as Facts
        expect(outcomesOf(rule, facts)).toEqual([OUTCOME[expected], OUTCOME[expected], OUTCOME[expected]])
        // Each exception's trace status is whether it applies.
        const v = verdictOf(rule, facts)
        expect(exceptions.map((_, i) => clauseOf(v, `e${i}`).status)).toEqual(exceptions.map((e) => (e.when === "T" ? "passed" : e.when === "F" ? "failed" : "unknown")))
      }),
      { numRuns: runs(800) }
    )
    cov.check()
  })

  it("given two exclusions of equal priority that both apply, the why-not names the one listed first", () => {
    const rule = Rule.overlay(m("city", "市独自", "city variant"), flag("b"), [
      Rule.exclude(m("student", "高校生", "high-school student"), flag("s"), 1),
      Rule.exclude(m("employed", "就労中", "in work"), flag("w"), 1)
    ])
    const v = verdictOf(rule, { b: true, s: true, w: true })
    expect(Verdict.whyNot(v, "ja")).toEqual(["高校生のため対象外です"])
    expect(Verdict.whyNot(v, "en")).toEqual(["Not eligible because of high-school student"])
  })

  it("given an inclusion and an exclusion that both apply, the higher priority wins, and at equal priority the exclusion (deny-overrides)", () => {
    const overlay = (include: number, exclude: number) =>
      Rule.overlay(m("o"), flag("b"), [Rule.include(m("i"), flag("i"), include), Rule.exclude(m("e"), flag("e"), exclude)])
    const facts = { b: false, i: true, e: true }
    expect(outcomesOf(overlay(2, 1), facts)).toEqual(["eligible", "eligible", "eligible"])
    expect(outcomesOf(overlay(1, 2), facts)).toEqual(["ineligible", "ineligible", "ineligible"])
    expect(outcomesOf(overlay(1, 1), facts)).toEqual(["ineligible", "ineligible", "ineligible"])
    const reversed = Rule.overlay(m("o"), flag("b"), [Rule.exclude(m("e"), flag("e"), 1), Rule.include(m("i"), flag("i"), 1)])
    expect(outcomesOf(reversed, { b: true, i: true, e: true })).toEqual(["ineligible", "ineligible", "ineligible"])
  })
})

// ---------------------------------------------------------------------------------------------
// Household aggregates, against every way the household could turn out
// ---------------------------------------------------------------------------------------------

/** A household member (世帯員) as the oracle sees it: whether the predicate includes it, and its amount. */
interface MemberSpec {
  readonly inclusion: "in" | "out" | "open"
  readonly amount: number | "open" | "junk"
}
type MemberOrJunk = MemberSpec | "notAMember"

const memberRecord = (s: MemberOrJunk): unknown =>
  s === "notAMember"
    ? null
    : { ...(s.inclusion === "open" ? {} : { adult: s.inclusion === "in" }), ...(s.amount === "open" ? {} : { inc: s.amount === "junk" ? "n/a" : s.amount }) }

const holds = (op: Rule.CompareOp, a: number, b: number): boolean =>
  op === "eq" ? a === b : op === "neq" ? a !== b : op === "gt" ? a > b : op === "gte" ? a >= b : op === "lt" ? a < b : a <= b

interface AggregateSpec {
  readonly fn: "count" | Rule.AggregateFn
  readonly where: boolean
  readonly op: Rule.CompareOp
  readonly value: number
}

/**
 * The Kleene value of a household clause: T or F when every way the open parts could turn out (an
 * open member included or not, an open amount any number or not a number at all) agrees, else U.
 * A surely included amount that is not a number fails the clause; an empty set has no min or max.
 */
const aggregateOracle = (spec: AggregateSpec, members: ReadonlyArray<MemberOrJunk>): Kleene => {
  if (members.includes("notAMember")) return "F"
  const ms = members as ReadonlyArray<MemberSpec>
  const seen = new Set<boolean>()
  // Amounts an open one could take that matter for comparing an extreme with the value.
  const extremes = [spec.value - 1, spec.value, spec.value + 1, -1e9, 1e9]
  const settle = (i: number, included: ReadonlyArray<number | "junk" | "free">): void => {
    if (seen.size === 2) return
    if (i === ms.length) {
      if (spec.fn === "count") return void seen.add(holds(spec.op, included.length, spec.value))
      if (included.includes("junk")) return void seen.add(false)
      // An open amount in a total can make it any number (pass) or not a number (fail).
      if (included.includes("free")) return void (seen.add(true), seen.add(false))
      const nums = included as ReadonlyArray<number>
      if (spec.fn === "sum") return void seen.add(holds(spec.op, nums.reduce((a, b) => a + b, 0), spec.value))
      if (nums.length === 0) return void seen.add(false)
      return void seen.add(holds(spec.op, spec.fn === "max" ? Math.max(...nums) : Math.min(...nums), spec.value))
    }
    const { inclusion, amount } = ms[i]!
    if (!spec.where || inclusion !== "out") {
      const amounts: ReadonlyArray<number | "junk" | "free"> =
        amount !== "open" ? [amount] : spec.fn === "count" ? [0] : spec.fn === "sum" ? ["free"] : [...extremes, "junk"]
      for (const a of amounts) settle(i + 1, [...included, a])
    }
    if (spec.where && inclusion !== "in") settle(i + 1, included)
  }
  settle(0, [])
  return seen.size === 2 ? "U" : seen.has(true) ? "T" : "F"
}

const range = (lo: number, hi: number): unknown => (lo === hi ? lo : { min: lo, max: hi })

/**
 * What the trace observes: the count, total or extreme, or its hull {min, max} over the open
 * members; nothing while an included amount is open or a surely included one is not a number;
 * null for a min or max over nobody.
 */
const observedOracle = (spec: AggregateSpec, members: ReadonlyArray<MemberOrJunk>): unknown => {
  if (members.includes("notAMember")) return undefined
  const ms = (members as ReadonlyArray<MemberSpec>).filter((s) => !spec.where || s.inclusion !== "out")
  const sure = ms.filter((s) => !spec.where || s.inclusion === "in")
  const maybe = ms.filter((s) => spec.where && s.inclusion === "open")
  if (spec.fn === "count") return range(sure.length, sure.length + maybe.length)
  if (sure.some((s) => s.amount === "junk")) return undefined
  if (ms.some((s) => s.amount === "open")) return undefined
  const sureNums = sure.map((s) => s.amount as number)
  const maybeNums = maybe.flatMap((s) => (typeof s.amount === "number" ? [s.amount] : []))
  if (spec.fn === "sum") {
    const total = sureNums.reduce((a, b) => a + b, 0)
    return range(total + maybeNums.reduce((a, v) => a + Math.min(0, v), 0), total + maybeNums.reduce((a, v) => a + Math.max(0, v), 0))
  }
  const all = [...sureNums, ...maybeNums]
  if (all.length === 0) return null
  return spec.fn === "max"
    ? range(sureNums.length > 0 ? Math.max(...sureNums) : Math.min(...maybeNums), Math.max(...all))
    : range(Math.min(...all), sureNums.length > 0 ? Math.min(...sureNums) : Math.max(...maybeNums))
}

const aggregateRule = (spec: AggregateSpec): R => {
  const where = spec.where ? { where: Rule.isTrue(m("adult", "成人", "adult"), "adult") } : {}
  return spec.fn === "count"
    ? Rule.count(m("h", "世帯", "household"), "hh", { ...where, op: spec.op, value: spec.value })
    : Rule.aggregate(m("h", "世帯", "household"), "hh", { fn: spec.fn, field: "inc", ...where, op: spec.op, value: spec.value })
}

// Counts are compared with whole numbers here: a fractional count is the known gap below.
const arbAggregateSpec: fc.Arbitrary<AggregateSpec> = fc
  .record({
    fn: fc.constantFrom<AggregateSpec["fn"]>("count", "sum", "min", "max"),
    where: fc.boolean(),
    op: fc.constantFrom<Rule.CompareOp>("eq", "neq", "gt", "gte", "lt", "lte"),
    value: fc.oneof({ weight: 5, arbitrary: fc.integer({ min: -2, max: 10 }) }, { weight: 1, arbitrary: fc.constantFrom(0.5, 2.5) })
  })
  .map((spec) => (spec.fn === "count" ? { ...spec, value: Math.floor(spec.value) } : spec))

const arbMemberSpec: fc.Arbitrary<MemberOrJunk> = fc.oneof(
  { weight: 20, arbitrary: fc.record({
    inclusion: fc.constantFrom<MemberSpec["inclusion"]>("in", "out", "open"),
    amount: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: -3, max: 6 }) }, { weight: 1, arbitrary: fc.constant<"open">("open") }, { weight: 1, arbitrary: fc.constant<"junk">("junk") })
  }) },
  { weight: 1, arbitrary: fc.constant<"notAMember">("notAMember") }
)

describe("Rule compile: household aggregates (世帯の集計)", () => {
  it("given a household with open members and amounts, count / sum / min / max are decided exactly when every way it could turn out agrees, and the trace observes the value or its hull (≥ 8 % undetermined, ≥ 15 % decided with something open, ≥ 5 % with a hull)", () => {
    const cov = coverage({ undetermined: 0.08, decidedWhileOpen: 0.15, hull: 0.05 })
    fc.assert(
      fc.property(arbAggregateSpec, fc.array(arbMemberSpec, { maxLength: 4 }), (spec, members) => {
        cov.run()
        const rule = aggregateRule(spec)
        const facts = { hh: members.map(memberRecord) }
        const expected = aggregateOracle(spec, members)
        const open = members.some((s) => s !== "notAMember" && (s.amount === "open" || (spec.where && s.inclusion === "open")))
        cov.hit("undetermined", expected === "U")
        cov.hit("decidedWhileOpen", expected !== "U" && open)
        const observed = observedOracle(spec, members)
        cov.hit("hull", typeof observed === "object" && observed !== null)
        expect(outcomesOf(rule, facts)).toEqual([OUTCOME[expected], OUTCOME[expected], OUTCOME[expected]])
        expect(clauseOf(verdictOf(rule, facts), "h").observed).toEqual(observed)
      }),
      { numRuns: runs(1500) }
    )
    cov.check()
  })

  // Found by mutation testing: a count compared with a fraction was judged on the range [sure,
  // possible] as if any number in it could be the count, so neq 2.5 stayed undetermined.
  it("given a count compared (neq) with a fraction, every household passes whatever its open members", () => {
    const adults = Rule.count(m("k", "成人の数", "adults"), "hh", { where: Rule.isTrue(m("adult"), "adult"), op: "neq", value: 2.5 })
    expect(outcomesOf(adults, { hh: [{ adult: true }, { adult: true }, {}] })).toEqual(["eligible", "eligible", "eligible"])
  })

  it("given worked examples of counts (人数), a count is decided when the bound lies outside [surely included, possibly included], and open when it lies inside", () => {
    const cases: ReadonlyArray<readonly [Rule.CompareOp, number, ReadonlyArray<Facts>, Verdict.Outcome]> = [
      ["eq", 1, [{ adult: true }, { adult: true }, {}], "ineligible"],
      ["neq", 1, [{ adult: true }, { adult: true }, {}], "eligible"],
      ["eq", 3, [{ adult: true }, {}], "ineligible"],
      ["neq", 3, [{ adult: true }, {}], "eligible"],
      ["eq", 1, [{ adult: true }, {}], "undetermined"],
      ["eq", 2, [{ adult: true }, {}], "undetermined"],
      ["neq", 1, [{ adult: true }, {}], "undetermined"],
      ["neq", 2, [{ adult: true }, {}], "undetermined"],
      ["gte", 1, [{ adult: true }, {}], "eligible"],
      ["gt", 1, [{ adult: true }, {}], "undetermined"],
      ["lte", 2, [{ adult: true }, {}], "eligible"],
      ["lt", 1, [{ adult: true }, {}], "ineligible"]
    ]
    for (const [op, value, hh, outcome] of cases) {
      const rule = Rule.count(m("k", "成人の数", "adults"), "hh", { where: Rule.isTrue(m("adult"), "adult"), op, value })
      const label = `count ${op} ${value} over ${JSON.stringify(hh)}`
      expect(outcomesOf(rule, { hh }), label).toEqual([outcome, outcome, outcome])
    }
  })

  it("given worked examples of totals (合計), an open member's amount is added or not, and the total is decided over both choices", () => {
    const adult = (inc: unknown) => ({ adult: true, inc })
    const maybe = (inc: unknown) => ({ inc })
    const cases: ReadonlyArray<readonly [Rule.CompareOp, number, ReadonlyArray<Facts>, Verdict.Outcome, unknown]> = [
      // Totals 3 or 7.
      ["lte", 5, [adult(3), maybe(4)], "undetermined", { min: 3, max: 7 }],
      ["eq", 7, [adult(3), maybe(4)], "undetermined", { min: 3, max: 7 }],
      ["eq", 5, [adult(3), maybe(4)], "ineligible", { min: 3, max: 7 }],
      ["neq", 5, [adult(3), maybe(4)], "eligible", { min: 3, max: 7 }],
      ["gte", 3, [adult(3), maybe(4)], "eligible", { min: 3, max: 7 }],
      // Totals 2 or 3: a negative amount lowers the least total.
      ["gte", 3, [adult(3), maybe(-1)], "undetermined", { min: 2, max: 3 }],
      ["lt", 3, [adult(3), maybe(-1)], "undetermined", { min: 2, max: 3 }],
      // Totals 0, 1, 2, 3.
      ["eq", 3, [maybe(1), maybe(2)], "undetermined", { min: 0, max: 3 }],
      ["eq", 4, [maybe(1), maybe(2)], "ineligible", { min: 0, max: 3 }],
      ["gt", 2, [maybe(1), maybe(2)], "undetermined", { min: 0, max: 3 }],
      // Totals 1, 3, 4, 6: 2 and 5 lie inside [1, 6] yet no choice gives them.
      ["eq", 3, [adult(1), maybe(3), maybe(2)], "undetermined", { min: 1, max: 6 }],
      ["eq", 2, [adult(1), maybe(3), maybe(2)], "ineligible", { min: 1, max: 6 }],
      ["eq", 5, [adult(1), maybe(3), maybe(2)], "ineligible", { min: 1, max: 6 }],
      // An amount that is not a number fails the clause if its member is included.
      ["lte", 5, [adult(3), maybe("n/a")], "undetermined", 3],
      ["gt", 5, [adult(3), maybe("n/a")], "ineligible", 3],
      ["lte", 5, [adult("n/a"), maybe(1)], "ineligible", undefined]
    ]
    for (const [op, value, hh, outcome, observed] of cases) {
      const rule = Rule.aggregate(m("t", "世帯収入", "household income"), "hh", { fn: "sum", field: "inc", where: Rule.isTrue(m("adult"), "adult"), op, value })
      const label = `sum ${op} ${value} over ${JSON.stringify(hh)}`
      expect(outcomesOf(rule, { hh }), label).toEqual([outcome, outcome, outcome])
      expect(clauseOf(verdictOf(rule, { hh }), "t").observed, label).toEqual(observed)
    }
  })

  it("given worked examples of min and max (最低・最高), an open member decides only when its amount could change the comparison", () => {
    const adult = (inc: unknown) => ({ adult: true, ...(inc === undefined ? {} : { inc }) })
    const maybe = (inc: unknown) => (inc === undefined ? {} : { inc })
    const cases: ReadonlyArray<readonly [Rule.AggregateFn, Rule.CompareOp, number, ReadonlyArray<Facts>, Verdict.Outcome, unknown]> = [
      // A possibly included member above the surely included maximum can lift it over the bound.
      ["max", "gte", 4, [adult(2), maybe(5)], "undetermined", { min: 2, max: 5 }],
      ["max", "gte", 4, [adult(5), maybe(2)], "eligible", 5],
      ["max", "lt", 4, [adult(2), maybe(5)], "undetermined", { min: 2, max: 5 }],
      ["min", "lte", 3, [adult(5), maybe(2)], "undetermined", { min: 2, max: 5 }],
      ["min", "lte", 3, [adult(2), maybe(5)], "eligible", 2],
      // Nobody surely included: the empty household fails, so a passing value leaves it open.
      ["max", "gte", 4, [maybe(3), maybe(6)], "undetermined", { min: 3, max: 6 }],
      ["max", "gte", 4, [maybe(3), maybe(1)], "ineligible", { min: 1, max: 3 }],
      ["min", "lte", 4, [maybe(6), maybe(3)], "undetermined", { min: 3, max: 6 }],
      // An open amount of an included member: any number above the rest, or not a number.
      ["max", "lt", 4, [adult(5), adult(undefined)], "ineligible", undefined],
      ["max", "eq", 3, [adult(5), adult(undefined)], "ineligible", undefined],
      ["max", "neq", 3, [adult(5), adult(undefined)], "undetermined", undefined],
      ["max", "eq", 5, [adult(5), adult(undefined)], "undetermined", undefined],
      ["max", "gte", 4, [adult(5), adult(undefined)], "undetermined", undefined],
      ["max", "lt", 4, [adult(2), maybe(undefined)], "undetermined", undefined],
      ["max", "lt", 4, [maybe(undefined)], "undetermined", undefined],
      ["min", "gt", 4, [adult(3), maybe(undefined)], "ineligible", undefined],
      ["min", "gt", 4, [maybe(undefined)], "undetermined", undefined],
      // Only members that may be included and are not numbers: nobody to take the extreme of.
      ["min", "lte", 4, [maybe("n/a")], "ineligible", null],
      ["max", "gte", 0, [adult("n/a"), maybe(3)], "ineligible", undefined],
      ["max", "gte", 0, [adult(3), maybe("n/a")], "undetermined", 3],
      ["min", "lte", 5, [adult(3), maybe("n/a")], "undetermined", 3],
      ["max", "neq", 3, [maybe(3)], "ineligible", 3],
      ["max", "eq", 3, [maybe(3)], "undetermined", 3]
    ]
    for (const [fn, op, value, hh, outcome, observed] of cases) {
      const rule = Rule.aggregate(m("h"), "hh", { fn, field: "inc", where: Rule.isTrue(m("adult"), "adult"), op, value })
      const label = `${fn} ${op} ${value} over ${JSON.stringify(hh)}`
      expect(outcomesOf(rule, { hh }), label).toEqual([outcome, outcome, outcome])
      expect(clauseOf(verdictOf(rule, { hh }), "h").observed, label).toEqual(observed)
    }
  })

  it("given a member predicate marked soft, it is a predicate like any other (overrides are for the rule's own clauses)", () => {
    const where = Rule.isTrue({ id: "adult", ja: "成人", en: "adult", soft: true }, "adult")
    const adults = Rule.count(m("k", "成人の数", "adults"), "hh", { where, op: "gte", value: 1 })
    expect(outcomesOf(adults, { hh: [{ adult: false }, { adult: true }] })).toEqual(["eligible", "eligible", "eligible"])
    expect(outcomesOf(adults, { hh: [{ adult: false }] })).toEqual(["ineligible", "ineligible", "ineligible"])
  })

  it("given no household, a household that is not a list or a member that is not a record, the clause is unknown, fails, fails", () => {
    for (const fn of ["count", "sum", "min", "max"] as const) {
      const spec: AggregateSpec = { fn, where: false, op: "gte", value: 0 }
      expect(outcomesOf(aggregateRule(spec), {}), fn).toEqual(["undetermined", "undetermined", "undetermined"])
      expect(outcomesOf(aggregateRule(spec), { hh: "two adults" }), fn).toEqual(["ineligible", "ineligible", "ineligible"])
      expect(outcomesOf(aggregateRule(spec), { hh: null }), fn).toEqual(["ineligible", "ineligible", "ineligible"])
      expect(outcomesOf(aggregateRule(spec), { hh: [{ inc: 1 }, [{ inc: 1 }]] }), fn).toEqual(["ineligible", "ineligible", "ineligible"])
      expect(outcomesOf(aggregateRule(spec), { hh: [{ inc: 1 }, 7] }), fn).toEqual(["ineligible", "ineligible", "ineligible"])
    }
  })

  it("given up to twelve members whose inclusion is open, a total is decided over every choice of them; beyond twelve, by the range of totals", () => {
    const total = () => Rule.aggregate(m("t", "世帯収入", "household income"), "hh", { fn: "sum", field: "inc", where: Rule.isTrue(m("adult"), "adult"), op: "eq", value: 5 })
    // Totals are multiples of 10 (never 5), though 5 lies inside the range [0, 10 n].
    const household = (n: number) => ({ hh: Array.from({ length: n }, () => ({ inc: 10 })) })
    expect(outcomesOf(total(), household(12))).toEqual(["ineligible", "ineligible", "ineligible"])
    expect(outcomesOf(total(), household(13))).toEqual(["undetermined", "undetermined", "undetermined"])
    expect(clauseOf(verdictOf(total(), household(12)), "t").observed).toEqual({ min: 0, max: 120 })
    const ten = () => Rule.aggregate(m("t"), "hh", { fn: "sum", field: "inc", where: Rule.isTrue(m("adult"), "adult"), op: "eq", value: 10 })
    expect(outcomesOf(ten(), household(12))).toEqual(["undetermined", "undetermined", "undetermined"])
  })

  it("given traced batches that reuse their buffers, a household clause that observes nothing in the later batch shows nothing left over from the earlier one", () => {
    const total = Rule.aggregate(m("t", "世帯収入", "household income"), "hh", { fn: "sum", field: "inc", op: "lte", value: 100 })
    const buffers = Rule.traceBuffers()
    const first = Rule.evaluateMany(total, [{ hh: [{ inc: 50 }] }], { asOf: AS_OF, trace: true, buffers })
    expect(clauseOf(first.verdict(0), "t").observed).toBe(50)
    const second = Rule.evaluateMany(total, [{ hh: [{ inc: "n/a" }] }], { asOf: AS_OF, trace: true, buffers })
    expect(second.outcomes).toEqual(["ineligible"])
    expect(clauseOf(second.verdict(0), "t").observed).toBeUndefined()
  })
})

// ---------------------------------------------------------------------------------------------
// Fact names that are not plain identifiers
// ---------------------------------------------------------------------------------------------

describe("Rule compile: fact names", () => {
  it("given a fact named like an Object.prototype member, only the record's own value counts", () => {
    for (const fact of ["constructor", "toString", "hasOwnProperty", "__proto__", "valueOf"]) {
      const rule = Rule.exists(m("c"), fact)
      expect(outcomesOf(rule, {}), fact).toEqual(["undetermined", "undetermined", "undetermined"])
      expect(verdictOf(Rule.exists(m("c"), fact), {}).missingFacts, fact).toEqual([fact])
      expect(outcomesOf(Rule.exists(m("c"), fact), Object.defineProperty({}, fact, { value: 1, enumerable: true })), fact).toEqual(["eligible", "eligible", "eligible"])
    }
  })

  it("given a fact name that is not an identifier (a dash, a space, a leading digit), its value is read all the same", () => {
    for (const fact of ["first-name", "first name", "1st", "a.b"]) {
      expect(outcomesOf(Rule.eq(m("c"), fact, "x"), { [fact]: "x" }), fact).toEqual(["eligible", "eligible", "eligible"])
      expect(outcomesOf(Rule.eq(m("c"), fact, "x"), {}), fact).toEqual(["undetermined", "undetermined", "undetermined"])
    }
  })

  it("given a member field named like an Object.prototype member, a member without it is open, not included", () => {
    const rule = Rule.count(m("k"), "hh", { where: Rule.exists(m("has"), "toString"), op: "gte", value: 1 })
    expect(outcomesOf(rule, { hh: [{}] })).toEqual(["undetermined", "undetermined", "undetermined"])
    expect(verdictOf(rule, { hh: [{}] }).missingFacts).toEqual(["hh[0].toString"])
    const total = Rule.aggregate(m("t"), "hh", { fn: "sum", field: "valueOf", op: "gte", value: 0 })
    expect(outcomesOf(total, { hh: [{}] })).toEqual(["undetermined", "undetermined", "undetermined"])
  })
})

// ---------------------------------------------------------------------------------------------
// The trace: slots, parents, depths, overrides
// ---------------------------------------------------------------------------------------------

describe("Rule compile: the trace", () => {
  it("given a nested rule, clauses come in pre-order with their parent and depth, an exception before the clause it tests", () => {
    const rule = Rule.overlay(m("o"), Rule.all(m("base"), [flag("a"), Rule.not(m("n"), flag("b"))]), [Rule.include(m("inc"), Rule.any(m("w"), [flag("c")]), 1)])
    const v = verdictOf(rule, { a: true, b: false, c: false })
    expect(v.clauses.map((c) => [c.id, c.parent, c.depth, c.status])).toEqual([
      ["o", undefined, 0, "passed"],
      ["base", "o", 1, "passed"],
      ["a", "base", 2, "passed"],
      ["n", "base", 2, "passed"],
      ["b", "n", 3, "failed"],
      ["inc", "o", 1, "failed"],
      ["w", "inc", 2, "failed"],
      ["c", "w", 3, "failed"]
    ])
    expect(Rule.clauses(rule).map((c) => c.id)).toEqual(["o", "base", "a", "n", "b", "inc", "w", "c"])
  })

  it("given an overridden soft clause (職員判断), its natural status is traced and its parent counts it as passed", () => {
    const soft = Rule.isTrue({ id: "motivation", ja: "就労意欲", en: "wish to work", soft: true }, "wants_work")
    const rule = Rule.all(m("r"), [soft, flag("a")])
    const override = { clauseId: "motivation", reason: "面談で確認", actor: "staff-1" }
    const v = verdictOf(rule, { wants_work: false, a: true }, AS_OF, [override])
    expect(v.outcome).toBe("eligible")
    expect(clauseOf(v, "r").status).toBe("passed")
    expect(clauseOf(v, "motivation")).toMatchObject({ status: "overridden", observed: false })
    // A hard clause that shares the soft clause's id is still judged on its facts.
    const shared = Rule.all(m("r"), [soft, Rule.isTrue(m("motivation", "就労意欲（確認書）", "wish to work (form)"), "form")])
    expect(verdictOf(shared, { wants_work: false, form: false }, AS_OF, [override]).outcome).toBe("ineligible")
    expect(verdictOf(shared, { wants_work: false, form: true }, AS_OF, [override]).outcome).toBe("eligible")
    // Outcome mode (no trace) is reached through the public API only without overrides.
    const outcomeOnly = compileClauses(Rule.any(m("r"), [soft, flag("a")]), AS_OF, recordAccess, { overridden: new Set(["motivation"]) })
    expect([outcomeOnly({ wants_work: false, a: false }), outcomeOnly({ a: false }), outcomeOnly({ wants_work: true, a: false })]).toEqual([T, T, T])
    const alone = compileClauses(soft, AS_OF, recordAccess, { overridden: new Set(["motivation"]) })
    expect([alone({ wants_work: false }), alone({})]).toEqual([T, T])
    expect(compileClauses(soft, AS_OF, recordAccess, { overridden: new Set() })({ wants_work: false })).toBe(F)
    const open = verdictOf(rule, { a: true }, AS_OF, [override])
    expect(open.outcome).toBe("eligible")
    expect(open.missingFacts).toEqual([])
  })
})
